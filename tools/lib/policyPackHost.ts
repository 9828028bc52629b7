/**
 * Serve a policy pack the way the Pulumi engine does, and talk to it over the analyzer gRPC protocol.
 *
 * The engine starts a Node.js pack through the `pulumi-analyzer-policy` shim, which runs
 * `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <pack-dir>` in the pack's directory. The pack's
 * `serve()` binds 127.0.0.1:0 and prints the port on stdout; the engine connects an `AnalyzerClient` to it.
 * @pulumi/policy never calls back into the engine, so the address only has to be well-formed.
 *
 * Shared by the offline plan, the protocol tests and the benchmarks.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { msSince } from "./time";
import { UNKNOWN_SENTINEL, mapWire } from "./wire";

export { UNKNOWN_SENTINEL };

/** An unknown value on the JS side of {@link toStruct} and {@link fromStruct}; the wire carries the sentinel. */
export const UNKNOWN: unique symbol = Symbol.for("observable-api/unknown");
export type Unknown = typeof UNKNOWN;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "" | "low" | "medium" | "high" | "critical";

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
    [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzerproto.EnforcementLevel> = {
    advisory: analyzerproto.EnforcementLevel.ADVISORY,
    mandatory: analyzerproto.EnforcementLevel.MANDATORY,
    disabled: analyzerproto.EnforcementLevel.DISABLED,
    remediate: analyzerproto.EnforcementLevel.REMEDIATE,
};
const SEVERITIES: Record<number, Severity> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    type: "resource" | "stack" | "unknown";
    severity: Severity;
    remediationSteps: string;
    framework?: { name: string; version: string; reference: string };
    /** JSON schema of the policy's config properties, as the pack declared it. */
    configSchema?: { properties: Record<string, any>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    description: string;
    policies: PolicyInfo[];
    /** Config the pack ships with (`initialConfig`), by policy name. */
    initialConfig: Record<string, PolicyConfig>;
}

/** Config for one policy: its enforcement level and its properties. */
export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, any>;
}

export interface StackContext {
    stack: string;
    project: string;
    organization: string;
    dryRun: boolean;
    tags?: Record<string, string>;
    config?: Record<string, string>;
}

export interface AnalyzeResource {
    type: string;
    name: string;
    urn: string;
    /** Properties with unknown values as `UNKNOWN_SENTINEL`, exactly as on the wire. */
    properties: Record<string, any>;
    parent?: string;
    protect?: boolean;
    /** The rest of the options the engine sends; custom timeouts in seconds. */
    options?: {
        ignoreChanges?: string[];
        deleteBeforeReplace?: boolean;
        additionalSecretOutputs?: string[];
        customTimeouts?: { create: number; update: number; delete: number };
    };
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    /** The provider that would serve the resource (the engine sends the default provider when none is explicit). */
    provider?: { type: string; name: string; urn: string; properties: Record<string, any> };
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    severity: Severity;
}

/** One policy's remediation of one resource: new properties, or a diagnostic when it could not run. */
export interface Remediation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    /** The remediated properties, unknowns as `UNKNOWN_SENTINEL` as on the wire; undefined with a diagnostic. */
    properties?: Record<string, any>;
    diagnostic: string;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: { policyName: string; reason: string }[];
}

/**
 * Build a protobuf Struct from plain JS as the engine marshals properties for an analyzer: {@link UNKNOWN} becomes
 * the sentinel (a sentinel string passes through), `undefined` members are dropped and `undefined` array items
 * become null.
 */
export function toStruct(value: Record<string, any>): structproto.Struct {
    return structproto.Struct.fromJavaScript(encodeUnknowns(value ?? {}));
}

/** The inverse of {@link toStruct}: the sentinel becomes {@link UNKNOWN}. */
export function fromStruct(struct: structproto.Struct | undefined): Record<string, any> {
    return struct === undefined ? {} : decodeUnknowns(struct.toJavaScript());
}

function encodeUnknowns(value: any): any {
    if (value === UNKNOWN) {
        return UNKNOWN_SENTINEL;
    }
    if (Array.isArray(value)) {
        return value.map((v) => (v === undefined ? null : encodeUnknowns(v)));
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, any> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined) {
                out[k] = encodeUnknowns(v);
            }
        }
        return out;
    }
    return value;
}

function decodeUnknowns(value: any): any {
    return mapWire(value, { unknown: () => UNKNOWN, dropUndefined: false });
}

export interface ServeOptions {
    /** Root whose node_modules hold @pulumi/pulumi. @default the repository root */
    root?: string;
    /** Give up when the pack has not printed its port by then. @default 60000 */
    startTimeoutMs?: number;
    /**
     * The stack's config (full keys to string values), passed as `PULUMI_CONFIG` as the engine does, so that a pack
     * reading `new pulumi.Config()` sees the stack's values.
     */
    config?: Record<string, string>;
    /**
     * The stack being previewed. The engine exports it to the pack as `PULUMI_{PROJECT,STACK,ORGANIZATION,DRY_RUN}`
     * and, for Node.js packs, `PULUMI_NODEJS_{...}`, which is what `pulumi.getStack()` reads inside a policy.
     */
    context?: { project: string; stack: string; organization: string; dryRun: boolean };
}

/** The environment the engine's analyzer host adds for a Node.js pack. */
export function packEnvironment(options: ServeOptions): Record<string, string> {
    const env: Record<string, string> = {};
    if (options.config) {
        env.PULUMI_CONFIG = JSON.stringify(options.config);
    }
    const ctx = options.context;
    if (ctx) {
        for (const prefix of ["PULUMI_", "PULUMI_NODEJS_"]) {
            env[`${prefix}PROJECT`] = ctx.project;
            env[`${prefix}STACK`] = ctx.stack;
            env[`${prefix}ORGANIZATION`] = ctx.organization;
            env[`${prefix}DRY_RUN`] = String(ctx.dryRun);
        }
    }
    return env;
}

/** A running policy pack and a client connected to it. */
export class PolicyPackHost {
    /** Milliseconds from spawn to the port appearing on stdout. */
    readonly startMs: number;
    /** `process.hrtime.bigint()` just before the spawn, so a caller can time the first answer from the spawn. */
    readonly spawnedAt: bigint;
    private readonly client: analyzerrpc.AnalyzerClient;
    private closed = false;

    private constructor(
        readonly packDir: string,
        readonly port: number,
        readonly child: ChildProcess,
        startMs: number,
        private readonly stderr: () => string,
        spawnedAt: bigint,
    ) {
        this.startMs = startMs;
        this.spawnedAt = spawnedAt;
        this.client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 1024 * 1024 * 400,
            "grpc.max_send_message_length": 1024 * 1024 * 400,
        });
    }

    /**
     * Start `run-policy-pack` on `packDir` as the engine does and wait for its port. Fails with the pack's own
     * stderr when it exits or stays silent.
     */
    static async serve(packDir: string, options: ServeOptions = {}): Promise<PolicyPackHost> {
        const root = options.root ?? path.resolve(__dirname, "..", "..");
        const dir = path.resolve(packDir);
        if (!fs.existsSync(path.join(dir, "package.json"))) {
            throw new Error(`${packDir} is not a policy pack: it has no package.json`);
        }
        const runner = path.join(root, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
            cwd: dir,
            stdio: ["ignore", "pipe", "pipe"],
            env: {
                ...process.env,
                NODE_PATH: path.join(root, "node_modules"),
                ...packEnvironment(options),
            },
        });
        let stdout = "";
        let stderr = "";
        child.stderr!.on("data", (d) => (stderr += d.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(
                    new Error(
                        `policy pack ${packDir} did not print a port within ${options.startTimeoutMs ?? 60000} ms\n${stderr}`,
                    ),
                );
            }, options.startTimeoutMs ?? 60000);
            child.stdout!.on("data", (d) => {
                stdout += d.toString();
                const match = /^(\d+)\s*$/m.exec(stdout);
                if (match) {
                    clearTimeout(timer);
                    resolve(Number(match[1]));
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`policy pack ${packDir} exited with code ${code} before serving\n${stderr.trim()}`));
            });
        });
        const startMs = msSince(started);
        return new PolicyPackHost(dir, port, child, startMs, () => stderr, started);
    }

    /** What the pack wrote to stderr so far. */
    get errorOutput(): string {
        return this.stderr();
    }

    private call<Req, Res>(method: string, request: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            (this.client as any)[method](request, (err: grpc.ServiceError | null, res: Res) =>
                err ? reject(err) : resolve(res),
            );
        });
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info: analyzerproto.AnalyzerInfo = await this.call("getAnalyzerInfo", new emptyproto.Empty());
        const initialConfig: Record<string, PolicyConfig> = {};
        info.getInitialconfigMap().forEach((c, name) => {
            initialConfig[name] = {
                enforcementLevel: LEVELS[c.getEnforcementlevel()],
                properties: (c.getProperties()?.toJavaScript() as Record<string, any>) ?? {},
            };
        });
        return {
            name: info.getName(),
            version: info.getVersion(),
            supportsConfig: info.getSupportsconfig(),
            description: info.getDescription(),
            initialConfig,
            policies: info.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                const framework = p.getFramework();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    type:
                        p.getPolicyType() === analyzerproto.PolicyType.POLICY_TYPE_RESOURCE
                            ? "resource"
                            : p.getPolicyType() === analyzerproto.PolicyType.POLICY_TYPE_STACK
                              ? "stack"
                              : "unknown",
                    severity: SEVERITIES[p.getSeverity()],
                    remediationSteps: p.getRemediationSteps(),
                    framework: framework
                        ? {
                              name: framework.getName(),
                              version: framework.getVersion(),
                              reference: framework.getReference(),
                          }
                        : undefined,
                    configSchema: schema
                        ? {
                              properties: (schema.getProperties()?.toJavaScript() as Record<string, any>) ?? {},
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                };
            }),
        };
    }

    /** Send every policy's effective config, as the engine does after reconciling it with the schemas. */
    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        const req = new analyzerproto.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerproto.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_CODES[c.enforcementLevel]);
            pc.setProperties(toStruct(c.properties));
            map.set(name, pc);
        }
        await this.call("configure", req);
    }

    async configureStack(ctx: StackContext): Promise<void> {
        const req = new analyzerproto.AnalyzerStackConfigureRequest();
        req.setStack(ctx.stack);
        req.setProject(ctx.project);
        req.setOrganization(ctx.organization);
        req.setDryRun(ctx.dryRun);
        for (const [k, v] of Object.entries(ctx.tags ?? {})) {
            req.getTagsMap().set(k, v);
        }
        for (const [k, v] of Object.entries(ctx.config ?? {})) {
            req.getConfigMap().set(k, v);
        }
        await this.call("configureStack", req);
    }

    /** Analyze one resource's inputs, as the engine does before it creates or updates the resource. */
    async analyze(resource: AnalyzeResource): Promise<AnalyzeResult> {
        return toResult(await this.call("analyze", analyzeRequest(resource)));
    }

    /**
     * Run the remediations of policies at level `remediate` on one resource's inputs, as the engine does before it
     * analyzes them; it then uses the last returned properties as the resource's inputs.
     */
    async remediate(resource: AnalyzeResource): Promise<Remediation[]> {
        // Remediate takes the same request as Analyze.
        const res: analyzerproto.RemediateResponse = await this.call("remediate", analyzeRequest(resource));
        return res.getRemediationsList().map((r) => {
            const properties = r.getProperties();
            return {
                policyName: r.getPolicyname(),
                policyPackName: r.getPolicypackname(),
                policyPackVersion: r.getPolicypackversion(),
                description: r.getDescription(),
                properties: properties ? (properties.toJavaScript() as Record<string, any>) : undefined,
                diagnostic: r.getDiagnostic(),
            };
        });
    }

    /** Analyze the whole stack at the end, with parents, dependencies and property dependencies. */
    async analyzeStack(resources: AnalyzeResource[]): Promise<AnalyzeResult> {
        return toResult(await this.call("analyzeStack", analyzeStackRequest(resources)));
    }

    /** Close the connection and stop the pack. Safe to call twice. */
    async close(): Promise<void> {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.client.close();
        if (this.child.exitCode === null) {
            await new Promise<void>((resolve) => {
                this.child.once("exit", () => resolve());
                this.child.kill("SIGTERM");
            });
        }
    }
}

/** The Analyze request for one resource, as {@link PolicyPackHost.analyze} sends it. */
export function analyzeRequest(resource: AnalyzeResource): analyzerproto.AnalyzeRequest {
    const req = new analyzerproto.AnalyzeRequest();
    req.setType(resource.type);
    req.setName(resource.name);
    req.setUrn(resource.urn);
    req.setProperties(toStruct(resource.properties));
    req.setOptions(resourceOptions(resource));
    if (resource.provider) {
        req.setProvider(providerResource(resource.provider));
    }
    return req;
}

/**
 * The AnalyzeStack request, as {@link PolicyPackHost.analyzeStack} sends it. Exported so that the benchmarks can
 * marshal it once and time only the pack.
 */
export function analyzeStackRequest(resources: AnalyzeResource[]): analyzerproto.AnalyzeStackRequest {
    const req = new analyzerproto.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map((r) => {
            const ar = new analyzerproto.AnalyzerResource();
            ar.setType(r.type);
            ar.setName(r.name);
            ar.setUrn(r.urn);
            ar.setProperties(toStruct(r.properties));
            ar.setOptions(resourceOptions(r));
            if (r.provider) {
                ar.setProvider(providerResource(r.provider));
            }
            ar.setParent(r.parent ?? "");
            ar.setDependenciesList(r.dependencies ?? []);
            for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const deps = new analyzerproto.AnalyzerPropertyDependencies();
                deps.setUrnsList(urns);
                ar.getPropertydependenciesMap().set(key, deps);
            }
            return ar;
        }),
    );
    return req;
}

function resourceOptions(r: AnalyzeResource): analyzerproto.AnalyzerResourceOptions {
    const opts = new analyzerproto.AnalyzerResourceOptions();
    opts.setProtect(r.protect === true);
    opts.setParent(r.parent ?? "");
    opts.setIgnorechangesList(r.options?.ignoreChanges ?? []);
    opts.setAdditionalsecretoutputsList(r.options?.additionalSecretOutputs ?? []);
    if (r.options?.deleteBeforeReplace !== undefined) {
        opts.setDeletebeforereplace(r.options.deleteBeforeReplace);
        opts.setDeletebeforereplacedefined(true);
    }
    const timeouts = r.options?.customTimeouts;
    if (timeouts) {
        const ct = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
        ct.setCreate(timeouts.create);
        ct.setUpdate(timeouts.update);
        ct.setDelete(timeouts.delete);
        opts.setCustomtimeouts(ct);
    }
    return opts;
}

function providerResource(p: NonNullable<AnalyzeResource["provider"]>): analyzerproto.AnalyzerProviderResource {
    const pr = new analyzerproto.AnalyzerProviderResource();
    pr.setType(p.type);
    pr.setName(p.name);
    pr.setUrn(p.urn);
    pr.setProperties(toStruct(p.properties));
    return pr;
}

function toResult(res: analyzerproto.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            urn: d.getUrn(),
            severity: SEVERITIES[d.getSeverity()],
        })),
        notApplicable: res.getNotApplicableList().map((n: any) => ({
            policyName: n.getPolicyName(),
            reason: n.getReason(),
        })),
    };
}
