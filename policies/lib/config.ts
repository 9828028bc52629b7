import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * The policy's config with the schema defaults applied. The CLI applies schema defaults, the SDK does not (a pack
 * served by hand, or an old CLI, sends none), so every policy reads its config through this. A value of the wrong
 * shape falls back to the default rather than crashing the policy.
 */
export function configWithDefaults<T>(raw: unknown, schema: PolicyConfigSchema): T {
    const given = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const result: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        const value = Object.prototype.hasOwnProperty.call(given, key) ? given[key] : undefined;
        result[key] = conforms(value, property) ? canonical(value, property) : property.default;
    }
    return result as T;
}

function conforms(value: unknown, schema: PolicyConfigJSONSchema): boolean {
    if (value === undefined || value === null) {
        return false;
    }
    switch (schema.type) {
        case "array":
            return Array.isArray(value) && value.every((item) => typeof item === "string");
        case "string":
            return (
                typeof value === "string" &&
                (!schema.enum || schema.enum.some((e) => String(e).toUpperCase() === value.trim().toUpperCase()))
            );
        case "number":
        case "integer":
            return (
                typeof value === "number" &&
                Number.isFinite(value) &&
                (schema.type === "number" || Number.isInteger(value)) &&
                (schema.minimum === undefined || value >= schema.minimum)
            );
        case "boolean":
            return typeof value === "boolean";
        default:
            return true;
    }
}

function canonical(value: unknown, schema: PolicyConfigJSONSchema): unknown {
    if (schema.type === "string" && schema.enum && typeof value === "string") {
        return schema.enum.find((e) => String(e).toUpperCase() === value.trim().toUpperCase());
    }
    return value;
}

/** The defaults a schema declares, as the CLI would send them. */
export function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (property.default !== undefined) {
            defaults[key] = property.default;
        }
    }
    return defaults;
}
