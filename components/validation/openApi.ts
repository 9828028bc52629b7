/**
 * Reading an OpenAPI document given as JSON or YAML text: the parse, the shape API Gateway needs, the title the API
 * is named after, and the operations per path that method overrides and route overrides are checked against. Pure.
 */
import * as YAML from "yaml";
import { shown } from "./framework";

/** The operations an OpenAPI path item can hold, plus API Gateway's catch-all extension. */
export const OPENAPI_OPERATIONS: Readonly<Record<string, string>> = {
    get: "GET",
    put: "PUT",
    post: "POST",
    delete: "DELETE",
    options: "OPTIONS",
    head: "HEAD",
    patch: "PATCH",
    trace: "TRACE",
    // API Gateway's ANY method (Developer Guide, "x-amazon-apigateway-any-method object").
    "x-amazon-apigateway-any-method": "ANY",
};

export interface OpenApiDocument {
    document: Record<string, unknown>;
    /** `info.title`: the RestApi's name, which API Gateway also takes from the body. */
    title: string;
    /** Upper-case operations (`GET`, `ANY`, …) by path, in document order. */
    operations: Map<string, string[]>;
}

/**
 * Parse an OpenAPI document from JSON or YAML text (YAML is a superset of JSON). Returns the document, or the rule's
 * message. Checks only what API Gateway and the component need: an object with `info.title` and a `paths` object.
 */
export function parseOpenApiSpec(value: unknown, arg = "openApiSpec"): OpenApiDocument | { problem: string } {
    if (typeof value !== "string") {
        const hint =
            value !== null && typeof value === "object"
                ? " (pass pulumi.jsonStringify(document) or JSON.stringify)"
                : "";
        return { problem: `${arg} must be an OpenAPI document as JSON or YAML text, got ${shown(value)}${hint}` };
    }
    let document: unknown;
    try {
        document = YAML.parse(value, { prettyErrors: false, uniqueKeys: true });
    } catch (err) {
        const reason = String((err as Error).message).split("\n")[0];
        return {
            problem: `${arg} must be an OpenAPI document as JSON or YAML text, got text that does not parse: ${reason}`,
        };
    }
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
        return { problem: `${arg} must be an OpenAPI document (an object), got ${shown(document)}` };
    }
    const doc = document as Record<string, unknown>;
    const paths = doc.paths;
    if (paths === null || typeof paths !== "object" || Array.isArray(paths)) {
        return { problem: `${arg} must be an OpenAPI document with a "paths" object, got paths ${shown(paths)}` };
    }
    const info = doc.info as Record<string, unknown> | undefined;
    const title = info !== null && typeof info === "object" ? info.title : undefined;
    if (typeof title !== "string" || title.trim() === "") {
        return {
            problem: `${arg} must have info.title, which names the API in API Gateway and CloudWatch, got ${shown(title)}`,
        };
    }
    const operations = new Map<string, string[]>();
    for (const [path, item] of Object.entries(paths as Record<string, unknown>)) {
        const ops =
            item !== null && typeof item === "object"
                ? Object.keys(item).flatMap((k) => (OPENAPI_OPERATIONS[k] ? [OPENAPI_OPERATIONS[k]] : []))
                : [];
        operations.set(path, ops);
    }
    return { document: doc, title, operations };
}

/** Levenshtein distance, for "closest known paths". */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}

/** Up to `count` known values, closest to `wanted` first (ties in alphabetical order). */
export function closest(wanted: string, known: Iterable<string>, count = 5): string[] {
    return [...known]
        .map((k) => ({ k, d: distance(wanted, k) }))
        .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
        .slice(0, count)
        .map((x) => x.k);
}

/**
 * Why a method override names an operation the document does not define, or undefined when it does. `*` needs the
 * path to have at least one operation; `ANY` needs `x-amazon-apigateway-any-method`.
 */
export function overrideOperationProblem(
    arg: string,
    path: string,
    method: string,
    doc: OpenApiDocument,
): string | undefined {
    const ops = doc.operations.get(path);
    const route = `${method} ${path}`;
    if (ops === undefined) {
        const known = closest(path, doc.operations.keys());
        return `${arg} is ${route}, which openApiSpec does not define; known paths: ${known.length > 0 ? known.join(", ") : "none"}`;
    }
    if (method === "*" ? ops.length > 0 : ops.includes(method)) {
        return undefined;
    }
    return `${arg} is ${route}, which openApiSpec does not define; ${path} defines ${ops.length > 0 ? ops.join(", ") : "no operations"}`;
}
