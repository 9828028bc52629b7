/**
 * Evaluate policy packs against a recorded preview the way the engine does during `pulumi preview --policy-pack`:
 * GetAnalyzerInfo; Configure with every policy's config reconciled from the schema defaults and the user's
 * `--policy-pack-config`; ConfigureStack; Analyze once per resource on its inputs; AnalyzeStack on the whole graph.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import type { RecordedResource } from "./mockRuntime";
import {
    AnalyzeResource,
    AnalyzerInfo,
    Diagnostic,
    EnforcementLevel,
    PolicyConfig,
    PolicyInfo,
    PolicyPackHost,
} from "./policyPackHost";
import { PlanInputError } from "./projectConfig";
import { msSince } from "./time";
import { UNKNOWN_SENTINEL, mapWire } from "./wire";

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A `--policy-pack-config` document: `{"all": level, "<policy>": level | {enforcementLevel?, ...props}}`. */
export type PolicyPackConfigInput = Record<string, unknown>;

/** Parse `--policy-pack-config`: inline JSON or the path of a JSON file. */
export function readPolicyPackConfig(arg: string): PolicyPackConfigInput {
    const trimmed = arg.trim();
    let text = trimmed;
    let source = "--policy-pack-config";
    if (!trimmed.startsWith("{")) {
        if (!fs.existsSync(trimmed)) {
            throw new PlanInputError(`--policy-pack-config ${arg} is neither inline JSON nor an existing file`);
        }
        text = fs.readFileSync(trimmed, "utf8");
        source = `--policy-pack-config ${arg}`;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new PlanInputError(`${source} is not valid JSON: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new PlanInputError(`${source} must be a JSON object of policy names to levels or config`);
    }
    return parsed as PolicyPackConfigInput;
}

function checkLevel(pack: string, where: string, value: unknown): EnforcementLevel {
    if (typeof value !== "string" || !LEVELS.includes(value as EnforcementLevel)) {
        throw new PlanInputError(
            `policy pack ${pack}: ${where} enforcement level ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`,
        );
    }
    return value as EnforcementLevel;
}

function jsonType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
const validators = new WeakMap<object, ValidateFunction>();

/**
 * Check one config property against the JSON schema the policy declares, as the CLI validates policy config
 * before Configure. Returns the first problem, worded for a one-line message, or undefined.
 */
export function schemaProblem(schema: Record<string, any>, value: unknown): string | undefined {
    let validate = validators.get(schema);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(schema, validate);
    }
    if (validate(value)) {
        return undefined;
    }
    const error = validate.errors![0];
    // "/1" is item 1 of a list, "/a" member a of an object.
    const where = error.instancePath
        .split("/")
        .slice(1)
        .map((part) => (/^\d+$/.test(part) ? `item ${part} ` : `${part} `))
        .join("");
    const allowed =
        error.keyword === "enum"
            ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")})`
            : "";
    return `${where}${error.message}${allowed}, got ${JSON.stringify(error.data)}`;
}

/**
 * Every policy's effective config, as the CLI reconciles it before Configure: the policy's level, the pack's
 * initial config, the schema defaults, then the user's `all` and per-policy entries. Unknown policy names, bad
 * levels and properties that fail the schema are input errors.
 */
export function reconcilePolicyConfig(
    info: AnalyzerInfo,
    input: PolicyPackConfigInput = {},
): Record<string, PolicyConfig> {
    const byName = new Map<string, PolicyInfo>(info.policies.map((p) => [p.name, p]));
    const result: Record<string, PolicyConfig> = {};
    for (const policy of info.policies) {
        const properties: Record<string, any> = {};
        for (const [prop, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) {
                properties[prop] = schema.default;
            }
        }
        const initial = info.initialConfig[policy.name];
        result[policy.name] = {
            enforcementLevel: initial?.enforcementLevel ?? policy.enforcementLevel,
            properties: { ...properties, ...(initial?.properties ?? {}) },
        };
    }
    const apply = (name: string, value: unknown) => {
        if (typeof value === "string") {
            result[name].enforcementLevel = checkLevel(info.name, name, value);
            return;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            throw new PlanInputError(
                `policy pack ${info.name}: config for ${name} must be a level or an object, got ${jsonType(value)}`,
            );
        }
        for (const [key, prop] of Object.entries(value)) {
            if (key === "enforcementLevel") {
                result[name].enforcementLevel = checkLevel(info.name, name, prop);
                continue;
            }
            const schema = byName.get(name)?.configSchema?.properties?.[key];
            if (schema === undefined) {
                const allowed = Object.keys(byName.get(name)?.configSchema?.properties ?? {});
                throw new PlanInputError(
                    `policy pack ${info.name}: policy ${name} has no config property ${key}; allowed: ${
                        allowed.length > 0 ? allowed.join(", ") : "enforcementLevel only"
                    }`,
                );
            }
            const problem = schemaProblem(schema, prop);
            if (problem) {
                throw new PlanInputError(`policy pack ${info.name}: ${name}.${key} ${problem}`);
            }
            result[name].properties[key] = prop;
        }
    };
    if ("all" in input) {
        const all = input.all;
        const level = typeof all === "object" && all !== null ? (all as Record<string, unknown>).enforcementLevel : all;
        const checked = checkLevel(info.name, "all", level);
        for (const name of Object.keys(result)) {
            result[name].enforcementLevel = checked;
        }
    }
    for (const [name, value] of Object.entries(input)) {
        if (name === "all") {
            continue;
        }
        if (!byName.has(name)) {
            throw new PlanInputError(
                `policy pack ${info.name} has no policy ${name}; its policies are ${[...byName.keys()].join(", ")}`,
            );
        }
        apply(name, value);
    }
    for (const policy of info.policies) {
        for (const required of policy.configSchema?.required ?? []) {
            if (!(required in result[policy.name].properties)) {
                throw new PlanInputError(
                    `policy pack ${info.name}: ${policy.name} requires config property ${required}`,
                );
            }
        }
    }
    return result;
}

/**
 * Resource references as the engine hands them to an analyzer: a custom resource becomes its id (unknown in a
 * preview of a new resource), a component its URN. Secrets stay wrapped; the policy SDK unwraps them.
 */
export function analyzerProperties(value: any): any {
    return mapWire(value, {
        dropUndefined: false,
        resource: (ref) =>
            "id" in ref ? (ref.id === "" || ref.id === undefined ? UNKNOWN_SENTINEL : ref.id) : ref.urn,
    });
}

/** The default provider the engine would use for a custom resource of a package, e.g. `default_7_48_0` for aws. */
export function defaultProvider(
    pkg: string,
    project: string,
    stack: string,
    config: Record<string, string>,
): NonNullable<AnalyzeResource["provider"]> {
    let version = "";
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        version = require(`@pulumi/${pkg}/package.json`).version;
    } catch {
        version = "";
    }
    const name = version ? `default_${version.replace(/[.\-+]/g, "_")}` : "default";
    const properties: Record<string, any> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(`${pkg}:`)) {
            properties[key.slice(pkg.length + 1)] = value;
        }
    }
    if (version) {
        properties.version = version;
    }
    const type = `pulumi:providers:${pkg}`;
    return { type, name, urn: `urn:pulumi:${stack}::${project}::${type}::${name}`, properties };
}

/** What the packs are told about the stack. */
export interface AnalyzeContext {
    project: string;
    stack: string;
    organization: string;
    tags: Record<string, string>;
    config: Record<string, string>;
    secretKeys: string[];
}

/**
 * Build the engine's view of every recorded resource. The engine also registers a default provider
 * (`pulumi:providers:aws::default_7_48_0`) before the first resource that needs it, and analyzes it like any other
 * resource, so it is inserted there; the printed tree leaves it out, as the CLI's display does.
 */
export function toAnalyzerResources(resources: RecordedResource[], ctx: AnalyzeContext): AnalyzeResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const defaults = new Map<string, NonNullable<AnalyzeResource["provider"]>>();
    const result: AnalyzeResource[] = [];
    for (const r of resources) {
        let provider: AnalyzeResource["provider"];
        if (r.provider) {
            // A provider reference is `<urn>::<id>`.
            const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
            const p = byUrn.get(urn);
            if (p) {
                provider = { type: p.type, name: p.name, urn: p.urn, properties: analyzerProperties(p.wireInputs) };
            }
        } else if (r.custom && !r.type.startsWith("pulumi:")) {
            const pkg = r.type.split(":")[0];
            if (!defaults.has(pkg)) {
                const p = defaultProvider(pkg, ctx.project, ctx.stack, ctx.config);
                defaults.set(pkg, p);
                if (!byUrn.has(p.urn)) {
                    result.push({
                        type: p.type,
                        name: p.name,
                        urn: p.urn,
                        properties: p.properties,
                        protect: false,
                        dependencies: [],
                        propertyDependencies: {},
                    });
                }
            }
            provider = defaults.get(pkg);
        }
        result.push({
            type: r.type,
            name: r.name,
            urn: r.urn,
            properties: analyzerProperties(r.wireInputs),
            parent: r.parent,
            protect: r.protect,
            options: r.options,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            provider,
        });
    }
    return result;
}

/** One violation, with the resource it is about. */
export interface PlanDiagnostic extends Diagnostic {
    /** Where the pack came from, as the CLI prints it: `local: policies`. */
    packSource: string;
    resourceType?: string;
    resourceName?: string;
    /** Remediate or Analyze (per resource), or AnalyzeStack. */
    phase: "remediate" | "analyze" | "analyzeStack";
}

export interface PackResult {
    name: string;
    version: string;
    source: string;
    policies: { name: string; enforcementLevel: EnforcementLevel }[];
    diagnostics: PlanDiagnostic[];
}

export interface AnalyzeTimings {
    packStartMs: number;
    configureMs: number;
    /** Remediate and Analyze for every resource. */
    analyzeMs: number;
    analyzeStackMs: number;
}

/** A served pack, where it came from, and the user's `--policy-pack-config` for it. */
export interface PackToEvaluate {
    host: PolicyPackHost;
    source: string;
    userConfig?: PolicyPackConfigInput;
}

/** Top-level properties whose value a remediation changed, for the report. */
function changedKeys(before: Record<string, any>, after: Record<string, any>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/**
 * Evaluate every pack as the engine does during a preview:
 * 1. each pack: GetAnalyzerInfo, Configure (reconciled config), ConfigureStack;
 * 2. per resource, first every pack's Remediate (policies at level `remediate`; each pack sees the properties the
 *    previous one returned), then every pack's Analyze on the final properties;
 * 3. each pack: AnalyzeStack on the whole graph, with the remediated properties.
 * Remediations are reported at level `remediate`; a remediation that cannot run in preview is advisory.
 */
export async function evaluatePacks(
    packs: PackToEvaluate[],
    resources: AnalyzeResource[],
    ctx: AnalyzeContext,
): Promise<{ result: PackResult; timings: Omit<AnalyzeTimings, "packStartMs"> }[]> {
    const configured = await Promise.all(
        packs.map(async ({ host, userConfig }) => {
            const t = process.hrtime.bigint();
            const info = await host.getAnalyzerInfo();
            const config = reconcilePolicyConfig(info, userConfig);
            await host.configure(config);
            await host.configureStack({
                stack: ctx.stack,
                project: ctx.project,
                organization: ctx.organization,
                dryRun: true,
                tags: ctx.tags,
                config: ctx.config,
            });
            return { info, config, configureMs: msSince(t) };
        }),
    );

    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const rootUrn = `urn:pulumi:${ctx.stack}::${ctx.project}::pulumi:pulumi:Stack::${ctx.project}-${ctx.stack}`;
    // As the engine: Analyze always reports on the analyzed resource; AnalyzeStack keeps a diagnostic's URN when it
    // names a resource of the stack and otherwise reports on the root Stack.
    const decorate = (
        i: number,
        d: Diagnostic,
        phase: PlanDiagnostic["phase"],
        resourceUrn?: string,
    ): PlanDiagnostic => {
        const urn = resourceUrn ?? (d.urn && byUrn.has(d.urn) ? d.urn : rootUrn);
        const r = byUrn.get(urn);
        return { ...d, urn, packSource: packs[i].source, resourceType: r?.type, resourceName: r?.name, phase };
    };
    const diagnostics: PlanDiagnostic[][] = packs.map(() => []);

    // The SDK skips Remediate for a pack with no policy at level `remediate`; so do we, and save the round trips.
    const remediating = configured
        .map((c, i) => (Object.values(c.config).some((pc) => pc.enforcementLevel === "remediate") ? i : -1))
        .filter((i) => i >= 0);
    const t = process.hrtime.bigint();
    const final = await Promise.all(
        resources.map(async (resource) => {
            let current = resource;
            for (const i of remediating) {
                for (const rem of await packs[i].host.remediate(current)) {
                    const base = {
                        policyName: rem.policyName,
                        policyPackName: rem.policyPackName,
                        policyPackVersion: rem.policyPackVersion,
                        description: rem.description,
                        severity: "" as const,
                    };
                    if (rem.properties !== undefined) {
                        const keys = changedKeys(current.properties, rem.properties);
                        current = { ...current, properties: rem.properties };
                        const what = keys.length > 0 ? `changed ${keys.join(", ")}` : "no property changed";
                        diagnostics[i].push(
                            decorate(
                                i,
                                {
                                    ...base,
                                    message: `${rem.description}\nremediated: ${what}`,
                                    enforcementLevel: "remediate",
                                    urn: resource.urn,
                                },
                                "remediate",
                                resource.urn,
                            ),
                        );
                    } else if (rem.diagnostic) {
                        diagnostics[i].push(
                            decorate(
                                i,
                                { ...base, message: rem.diagnostic, enforcementLevel: "advisory", urn: resource.urn },
                                "remediate",
                                resource.urn,
                            ),
                        );
                    }
                }
            }
            // Each pack answers one request at a time; sending them together only saves the round trips.
            const analyzed = await Promise.all(packs.map(({ host }) => host.analyze(current)));
            analyzed.forEach((res, i) =>
                res.diagnostics.forEach((d) => diagnostics[i].push(decorate(i, d, "analyze", resource.urn))),
            );
            return current;
        }),
    );
    const analyzeMs = msSince(t);

    return Promise.all(
        packs.map(async ({ host, source }, i) => {
            const started = process.hrtime.bigint();
            const stackResult = await host.analyzeStack(final);
            stackResult.diagnostics.forEach((d) => diagnostics[i].push(decorate(i, d, "analyzeStack")));
            const { info, config, configureMs } = configured[i];
            return {
                result: {
                    name: info.name,
                    version: info.version,
                    source,
                    policies: info.policies.map((p) => ({
                        name: p.name,
                        enforcementLevel: config[p.name].enforcementLevel,
                    })),
                    diagnostics: diagnostics[i],
                },
                timings: { configureMs, analyzeMs, analyzeStackMs: msSince(started) },
            };
        }),
    );
}

/** Check a `--policy-pack` directory before spawning anything, so a typo fails fast with one line. */
export function checkPackDir(dir: string): string {
    const resolved = path.resolve(dir);
    if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) {
        throw new PlanInputError(`--policy-pack ${dir} is not a directory`);
    }
    if (!fs.existsSync(path.join(resolved, "PulumiPolicy.yaml"))) {
        throw new PlanInputError(`--policy-pack ${dir} is not a policy pack: it has no PulumiPolicy.yaml`);
    }
    if (!fs.existsSync(path.join(resolved, "package.json"))) {
        throw new PlanInputError(`--policy-pack ${dir} is not a policy pack: it has no package.json`);
    }
    return resolved;
}
