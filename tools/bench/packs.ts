/**
 * Policy-pack measurements, each over the analyzer gRPC protocol exactly as the engine drives a pack: cold start
 * (spawn to the first GetAnalyzerInfo answer) and peak RSS, one-at-a-time Analyze throughput, and AnalyzeStack
 * scaling. Packs are measured round-robin within each run, so that a burst of load on a shared machine hits all of
 * them alike rather than one pack's whole series.
 */
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { reconcilePolicyConfig } from "../lib/analyze";
import { AnalyzerInfo, analyzeRequest, analyzeStackRequest, PolicyPackHost } from "../lib/policyPackHost";
import { derived, Figure, figure, msSince } from "./stats";
import { analyzeMix, syntheticStack } from "./synthetic";

const ROOT = path.resolve(__dirname, "..", "..");

export const PACKS = {
    /** The project's pack, compiled to `policies/bin`. */
    ours: path.join(ROOT, "policies"),
    /** One trivial policy in plain JS: the floor for this runtime. */
    empty: path.join(__dirname, "fixtures", "empty-pack"),
    /** The common pattern: `@pulumi/aws` imported at runtime, `validateResourceOfType`. */
    baseline: path.join(__dirname, "fixtures", "baseline-pack"),
} as const;
export type PackName = keyof typeof PACKS;

/**
 * As many no-op resource and stack policies as `BENCH_NOOP_RESOURCE_POLICIES` and `BENCH_NOOP_STACK_POLICIES` say:
 * the SDK's own per-policy cost for a pack of that shape.
 */
const NOOP_POLICIES_PACK = path.join(__dirname, "fixtures", "noop-policies-pack");

/** The stack every measurement analyzes: production, so that every production-scoped policy runs. */
export const BENCH_STACK = { project: "observable-api", stack: "prod", organization: "organization" } as const;

export interface RunPlan {
    warmup: number;
    runs: number;
}

/** Peak resident set size of a live process in MB (Linux `VmHWM`), or undefined where /proc is not available. */
export function peakRssMb(pid: number | undefined): number | undefined {
    if (pid === undefined) {
        return undefined;
    }
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
        return match ? Number(match[1]) / 1024 : undefined;
    } catch {
        return undefined;
    }
}

/**
 * A client that sends requests marshalled ahead of time. google-protobuf's JS marshalling of a 10,000-resource
 * AnalyzeStack request takes seconds, while the engine (Go) does it in milliseconds; timing it would measure this
 * client, not the pack. What remains in a timed call is the transfer, the pack's unmarshalling and its policies.
 */
class PremarshalledClient {
    private readonly client: grpc.Client;

    constructor(port: number) {
        this.client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 1024 * 1024 * 400,
            "grpc.max_send_message_length": 1024 * 1024 * 400,
        });
    }

    /** Send one request; resolves with the policy name of every diagnostic in the answer. */
    call(method: "Analyze" | "AnalyzeStack", bytes: Buffer): Promise<string[]> {
        return new Promise((resolve, reject) => {
            this.client.makeUnaryRequest(
                `/pulumirpc.Analyzer/${method}`,
                (b: Buffer) => b,
                (b: Buffer) => analyzerproto.AnalyzeResponse.deserializeBinary(new Uint8Array(b)),
                bytes,
                (err, res) => (err ? reject(err) : resolve(res!.getDiagnosticsList().map((d) => d.getPolicyname()))),
            );
        });
    }

    close(): void {
        this.client.close();
    }
}

const marshal = (message: { serializeBinary(): Uint8Array }) => Buffer.from(message.serializeBinary());

async function serve(pack: PackName | string): Promise<PolicyPackHost> {
    const dir = pack in PACKS ? PACKS[pack as PackName] : pack;
    return PolicyPackHost.serve(dir, { context: { ...BENCH_STACK, dryRun: true } });
}

/** Serve a pack and configure it as the engine does before the first Analyze. */
async function serveConfigured(pack: PackName | string): Promise<{ host: PolicyPackHost; info: AnalyzerInfo }> {
    const host = await serve(pack);
    try {
        const info = await host.getAnalyzerInfo();
        await host.configure(reconcilePolicyConfig(info));
        await host.configureStack({
            ...BENCH_STACK,
            dryRun: true,
            tags: { environment: "production" },
        });
        return { host, info };
    } catch (err) {
        await host.close();
        throw err;
    }
}

export interface ColdStartResult {
    /** Spawn to the first GetAnalyzerInfo answer, per pack. */
    startMs: Record<PackName, Figure>;
    /** Peak RSS (VmHWM) of each pack process, read right before it is closed. */
    peakRssMb: Record<PackName, Figure | undefined>;
    ratioToEmpty: Figure;
    ratioToBaseline: Figure;
    /** How many policies each pack reported, to show that each one really loaded. */
    policies: Record<PackName, number>;
}

export async function measureColdStart(plan: RunPlan): Promise<ColdStartResult> {
    const names = Object.keys(PACKS) as PackName[];
    const start: Record<PackName, number[]> = { ours: [], empty: [], baseline: [] };
    const rss: Record<PackName, number[]> = { ours: [], empty: [], baseline: [] };
    const policies: Record<PackName, number> = { ours: 0, empty: 0, baseline: 0 };
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
        for (const name of names) {
            const host = await serve(name);
            try {
                const info = await host.getAnalyzerInfo();
                const ms = msSince(host.spawnedAt);
                const peak = peakRssMb(host.child.pid);
                policies[name] = info.policies.length;
                if (run >= plan.warmup) {
                    start[name].push(ms);
                    if (peak !== undefined) {
                        rss[name].push(peak);
                    }
                }
            } finally {
                await host.close();
            }
        }
    }
    const startMs = {
        ours: figure(start.ours, "ms"),
        empty: figure(start.empty, "ms"),
        baseline: figure(start.baseline, "ms"),
    };
    const rssFigure = (runs: number[]) => (runs.length > 0 ? figure(runs, "MB") : undefined);
    return {
        startMs,
        peakRssMb: { ours: rssFigure(rss.ours), empty: rssFigure(rss.empty), baseline: rssFigure(rss.baseline) },
        ratioToEmpty: derived(startMs.ours, startMs.empty, "ratio", (a, b) => a / b),
        ratioToBaseline: derived(startMs.ours, startMs.baseline, "ratio", (a, b) => a / b),
        policies,
    };
}

/** Policy counts of our pack, which the no-op policies pack copies. */
export interface PolicyCounts {
    resource: number;
    stack: number;
}

interface Trio {
    counts: PolicyCounts;
    hosts: PolicyPackHost[];
    ours: PremarshalledClient;
    empty: PremarshalledClient;
    floor: PremarshalledClient;
    close(): Promise<void>;
}

/** Our pack, the no-op pack and the no-op policies pack with our policy counts, all configured, with clients. */
async function serveTrio(): Promise<Trio> {
    const hosts: PolicyPackHost[] = [];
    const clients: PremarshalledClient[] = [];
    const close = async () => {
        clients.forEach((c) => c.close());
        for (const host of hosts) {
            await host.close();
        }
    };
    try {
        const ours = await serveConfigured("ours");
        hosts.push(ours.host);
        const counts: PolicyCounts = {
            resource: ours.info.policies.filter((p) => p.type === "resource").length,
            stack: ours.info.policies.filter((p) => p.type === "stack").length,
        };
        hosts.push((await serveConfigured("empty")).host);
        // The fixture reads its policy counts from the environment, which the host passes on to the pack.
        process.env.BENCH_NOOP_RESOURCE_POLICIES = String(counts.resource);
        process.env.BENCH_NOOP_STACK_POLICIES = String(counts.stack);
        try {
            hosts.push((await serveConfigured(NOOP_POLICIES_PACK)).host);
        } finally {
            delete process.env.BENCH_NOOP_RESOURCE_POLICIES;
            delete process.env.BENCH_NOOP_STACK_POLICIES;
        }
        clients.push(...hosts.map((h) => new PremarshalledClient(h.port)));
        return { counts, hosts, ours: clients[0], empty: clients[1], floor: clients[2], close };
    } catch (err) {
        await close();
        throw err;
    }
}

export interface ThroughputResult {
    calls: number;
    /** Resources per type in the mix. */
    mix: Record<string, number>;
    callsPerSecond: { ours: Figure; empty: Figure };
    /** µs per call: ours, the no-op pack (one no-op policy), and no-op policies as many as ours. */
    usPerCall: { ours: Figure; empty: Figure; noopPolicies: Figure };
    /** Our pack's µs per call minus the no-op pack's, run by run: the target. */
    usAboveNoop: Figure;
    /**
     * Our pack's µs per call minus the no-op policies pack's: what our policies' own logic costs, apart from the
     * SDK's per-policy unmarshalling.
     */
    usAboveNoopPolicies: Figure;
    policies: PolicyCounts;
    /** Diagnostics our pack returned over one run of the mix, by policy: proof that the policies evaluated it. */
    diagnosticsPerRun: Record<string, number>;
}

function tally(names: string[], into: Record<string, number> = {}): Record<string, number> {
    names.forEach((n) => (into[n] = (into[n] ?? 0) + 1));
    return into;
}

async function analyzeAll(
    client: PremarshalledClient,
    requests: Buffer[],
): Promise<{ ms: number; diags: Record<string, number> }> {
    const names: string[] = [];
    const start = process.hrtime.bigint();
    // One at a time, as the engine does: each resource is analyzed before its step runs.
    for (const request of requests) {
        names.push(...(await client.call("Analyze", request)));
    }
    const ms = msSince(start);
    return { ms, diags: tally(names) };
}

export async function measureThroughput(plan: RunPlan, calls: number): Promise<ThroughputResult> {
    const resources = analyzeMix(calls);
    const mix: Record<string, number> = {};
    resources.forEach((r) => (mix[r.type] = (mix[r.type] ?? 0) + 1));
    const requests = resources.map((r) => marshal(analyzeRequest(r)));
    const trio = await serveTrio();
    try {
        const ms: Record<"ours" | "empty" | "floor", number[]> = { ours: [], empty: [], floor: [] };
        let diagnosticsPerRun: Record<string, number> = {};
        for (let run = 0; run < plan.warmup + plan.runs; run++) {
            const a = await analyzeAll(trio.ours, requests);
            const b = await analyzeAll(trio.empty, requests);
            const c = await analyzeAll(trio.floor, requests);
            diagnosticsPerRun = a.diags;
            if (run >= plan.warmup) {
                ms.ours.push(a.ms);
                ms.empty.push(b.ms);
                ms.floor.push(c.ms);
            }
        }
        const us = (list: number[]) =>
            figure(
                list.map((m) => (m * 1000) / calls),
                "µs",
            );
        const cps = (list: number[]) =>
            figure(
                list.map((m) => calls / (m / 1000)),
                "calls/s",
            );
        const usPerCall = { ours: us(ms.ours), empty: us(ms.empty), noopPolicies: us(ms.floor) };
        return {
            calls,
            mix,
            callsPerSecond: { ours: cps(ms.ours), empty: cps(ms.empty) },
            usPerCall,
            usAboveNoop: derived(usPerCall.ours, usPerCall.empty, "µs", (a, b) => a - b),
            usAboveNoopPolicies: derived(usPerCall.ours, usPerCall.noopPolicies, "µs", (a, b) => a - b),
            policies: trio.counts,
            diagnosticsPerRun,
        };
    } finally {
        await trio.close();
    }
}

export interface StackSizeResult {
    resources: number;
    /** Size of the marshalled AnalyzeStack request. */
    requestMb: number;
    mix: Record<string, number>;
    /** AnalyzeStack round trip, our pack. */
    ours: Figure;
    /** The same request to the no-op pack (no stack policy): the transfer and gRPC unmarshalling alone. */
    empty: Figure;
    /**
     * The same request to a pack with as many no-op stack policies as ours: adds the SDK's per-policy work (it
     * unmarshals and proxies every resource once per stack policy).
     */
    noopPolicies: Figure;
    /** Our pack's time minus the no-op policies pack's, run by run: what our stack policies' own logic costs. */
    oursAboveNoopPolicies: Figure;
    /** Diagnostics our pack returned for this stack, by policy. */
    diagnostics: Record<string, number>;
}

export interface StackScalingResult {
    sizes: StackSizeResult[];
    policies: PolicyCounts;
    /** Largest over smallest size, our pack (linear at 50k/1k is 50). */
    ratioLargestToSmallest?: Figure;
    /** Our pack process's peak RSS after the largest stack. */
    peakRssMb?: number;
}

export async function measureStackScaling(plan: RunPlan, sizes: number[]): Promise<StackScalingResult> {
    const trio = await serveTrio();
    try {
        const results: StackSizeResult[] = [];
        for (const size of sizes) {
            const resources = syntheticStack(size);
            const mix: Record<string, number> = {};
            resources.forEach((r) => (mix[r.type] = (mix[r.type] ?? 0) + 1));
            const request = marshal(analyzeStackRequest(resources));
            const ms: Record<"ours" | "empty" | "floor", number[]> = { ours: [], empty: [], floor: [] };
            let diagnostics: Record<string, number> = {};
            const timed = async (client: PremarshalledClient) => {
                const start = process.hrtime.bigint();
                const names = await client.call("AnalyzeStack", request);
                return { ms: msSince(start), diags: tally(names) };
            };
            for (let run = 0; run < plan.warmup + plan.runs; run++) {
                const a = await timed(trio.ours);
                const b = await timed(trio.empty);
                const c = await timed(trio.floor);
                diagnostics = a.diags;
                if (run >= plan.warmup) {
                    ms.ours.push(a.ms);
                    ms.empty.push(b.ms);
                    ms.floor.push(c.ms);
                }
            }
            const oursFigure = figure(ms.ours, "ms");
            const floorFigure = figure(ms.floor, "ms");
            results.push({
                resources: size,
                requestMb: Math.round((request.length / (1024 * 1024)) * 10) / 10,
                mix,
                ours: oursFigure,
                empty: figure(ms.empty, "ms"),
                noopPolicies: floorFigure,
                oursAboveNoopPolicies: derived(oursFigure, floorFigure, "ms", (a, b) => a - b),
                diagnostics,
            });
        }
        const first = results[0];
        const last = results[results.length - 1];
        const peak = peakRssMb(trio.hosts[0].child.pid);
        return {
            sizes: results,
            policies: trio.counts,
            ratioLargestToSmallest:
                results.length > 1 ? derived(last.ours, first.ours, "ratio", (a, b) => a / b) : undefined,
            peakRssMb: peak === undefined ? undefined : Math.round(peak * 10) / 10,
        };
    } finally {
        await trio.close();
    }
}

/** Our pack next to a published peer pack, measured side by side in the same loop. */
export interface PeerResult {
    /** The peer, as `name@version`. */
    peer: string;
    policies: { ours: number; peer: number };
    /** Spawn to the first GetAnalyzerInfo answer: ours, the peer and the empty pack, interleaved run by run. */
    startMs: { ours: Figure; peer: Figure; empty: Figure };
    ratioToPeer: Figure;
    /** One-at-a-time Analyze over the bench's mix, µs per call. */
    usPerCall: { ours: Figure; peer: Figure };
    usRatioToPeer: Figure;
}

/** Cold start and Analyze per call of our pack and `peerDir`'s pack, interleaved within each run. */
export async function measurePeer(plan: RunPlan, calls: number, peer: string, peerDir: string): Promise<PeerResult> {
    const dirs = { ours: PACKS.ours, peer: peerDir, empty: PACKS.empty };
    const start: Record<keyof typeof dirs, number[]> = { ours: [], peer: [], empty: [] };
    const policies = { ours: 0, peer: 0 };
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
        for (const name of Object.keys(dirs) as (keyof typeof dirs)[]) {
            const host = await serve(dirs[name]);
            try {
                const info = await host.getAnalyzerInfo();
                const ms = msSince(host.spawnedAt);
                if (name !== "empty") {
                    policies[name] = info.policies.length;
                }
                if (run >= plan.warmup) {
                    start[name].push(ms);
                }
            } finally {
                await host.close();
            }
        }
    }
    const startMs = {
        ours: figure(start.ours, "ms"),
        peer: figure(start.peer, "ms"),
        empty: figure(start.empty, "ms"),
    };

    const requests = analyzeMix(calls).map((r) => marshal(analyzeRequest(r)));
    const hosts: PolicyPackHost[] = [];
    const clients: PremarshalledClient[] = [];
    try {
        for (const dir of [dirs.ours, dirs.peer]) {
            const { host } = await serveConfigured(dir);
            hosts.push(host);
            clients.push(new PremarshalledClient(host.port));
        }
        const ms = { ours: [] as number[], peer: [] as number[] };
        for (let run = 0; run < plan.warmup + plan.runs; run++) {
            const a = await analyzeAll(clients[0], requests);
            const b = await analyzeAll(clients[1], requests);
            if (run >= plan.warmup) {
                ms.ours.push(a.ms);
                ms.peer.push(b.ms);
            }
        }
        const us = (list: number[]) =>
            figure(
                list.map((m) => (m * 1000) / calls),
                "µs",
            );
        const usPerCall = { ours: us(ms.ours), peer: us(ms.peer) };
        return {
            peer,
            policies,
            startMs,
            ratioToPeer: derived(startMs.ours, startMs.peer, "ratio", (a, b) => a / b),
            usPerCall,
            usRatioToPeer: derived(usPerCall.ours, usPerCall.peer, "ratio", (a, b) => a / b),
        };
    } finally {
        clients.forEach((c) => c.close());
        for (const host of hosts) {
            await host.close();
        }
    }
}
