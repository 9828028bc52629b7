/**
 * What the offline plan's specs share: the plan run in this process through `runPlan` (what `npm run plan` runs),
 * its JSON document's shape, and small readers of it. Each spec file serves every pack once through its own pool.
 */
import * as assert from "assert";
import * as path from "path";
import { PackPool, planInProcess } from "./plan";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const FIXTURES = "tests/fixtures";
export const PROGRAMS = `${FIXTURES}/programs`;

/** Runs `fn` with exactly these of the aws provider's region variables set, and restores them after. */
export async function withRegionEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const keys = ["AWS_REGION", "AWS_DEFAULT_REGION"];
    const saved = keys.map((k) => process.env[k]);
    keys.forEach((k) => (env[k] === undefined ? delete process.env[k] : (process.env[k] = env[k])));
    try {
        return await fn();
    } finally {
        keys.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i])));
    }
}

export interface JsonDiagnostic {
    policyName: string;
    enforcementLevel: string;
    resourceType: string;
    resourceName: string;
    urn: string;
    message: string;
    sameProblemAs?: string;
}

export interface JsonPlan {
    project: string;
    stack: string;
    configFile: string | null;
    stackTags: Record<string, string>;
    warnings: string[];
    exitCode: number;
    secretPlaceholders: string[];
    resources: {
        type: string;
        name: string;
        urn: string;
        parent?: string;
        inputs: Record<string, any>;
        dependencies: string[];
        propertyDependencies: Record<string, string[]>;
    }[];
    outputs: Record<string, unknown>;
    diagnostics: JsonDiagnostic[];
    policyPacks: {
        name: string;
        version: string;
        source: string;
        policies: { name: string; enforcementLevel: string }[];
    }[];
    summary: { create: number; byType: Record<string, number>; mandatory: number; advisory: number };
    timings: Record<string, number>;
}

/** `plan` (the outcome) and `planJson` (the parsed document, with nothing on stderr) over one pack pool. */
export function planners(pool: PackPool) {
    const plan = (...args: string[]) => planInProcess(pool, args);
    async function planJson(...args: string[]): Promise<{ code: number; result: JsonPlan }> {
        const run = await plan(...args, "--json");
        assert.strictEqual(run.stderr, "", `stderr: ${run.stderr}`);
        return { code: run.code, result: JSON.parse(run.stdout) as JsonPlan };
    }
    return { plan, planJson };
}

/** [level, policy, resource type, resource name] for every diagnostic, sorted. */
export function verdicts(result: JsonPlan, level?: string): string[][] {
    return result.diagnostics
        .filter((d) => level === undefined || d.enforcementLevel === level)
        .map((d) => [d.enforcementLevel, d.policyName, d.resourceType, d.resourceName])
        .sort((a, b) => a.join(" ").localeCompare(b.join(" ")));
}

/** A row of the resource tree: `+   <tree prefix><type>  <name>  create`. */
export function treeRow(type: string, name: string): RegExp {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    return new RegExp(`^ \\+   [│├└─ ]*${esc(type)} +${esc(name)} +create$`, "m");
}

export const UNKNOWN = { unknown: true };
export const DEBUG_POLICY = "apigateway-no-debug-logging-in-production";
