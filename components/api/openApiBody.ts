/** The OpenAPI body as API Gateway receives it, and the hash that redeploys the stage. Pure. */
import { createHash } from "crypto";

/** JSON with object keys sorted at every level, so that key order never redeploys an unchanged API. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.keys(value as Record<string, unknown>)
                .sort()
                .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
        );
    }
    return value;
}

export function sha256Hex(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}

/**
 * The Deployment's trigger for a list of ids or hashes: one hash over the list, so that the trigger map has a
 * fixed shape whatever the number of entries.
 */
export function triggersHash(values: readonly string[]): string {
    return sha256Hex(JSON.stringify(values));
}
