/**
 * The bench's results: the performance targets judged against the figures, one table for stdout, and the JSON document
 * written to `bench/results.json`. Pure, so that it renders the same way from a run or from a saved file.
 */
import type { ColdStartResult, PeerResult, StackScalingResult, ThroughputResult } from "./packs";
import type { ProgramScalingResult } from "./program";
import { derived, isFigure, Measured, Unit } from "./stats";

export interface Machine {
    cores: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    /** 1-minute load average when the bench started and ended: other work on the machine skews every figure. */
    loadAverage: { start: number; end: number };
}

export interface Settings {
    warmup: number;
    runs: number;
    analyzeCalls: number;
    stackSizes: number[];
    programSizes: number[];
    /** Measured runs of each child-process figure (the component program, the plan, npm test). */
    childRuns: number;
}

export interface Target {
    id: string;
    description: string;
    /** The limit, as a sentence fragment: "<= 1.5", "< 100 µs". */
    limit: string;
    value: number | null;
    unit: Unit;
    /** null when the figure was not measured in this run (e.g. --quick). */
    pass: boolean | null;
    note?: string;
}

export interface BenchResults {
    kind: "full" | "quick";
    /** Who ran it, where: a full run by an engineer on a busy machine is labelled as such. */
    label: string;
    /** When the run started (ISO 8601). */
    date: string;
    command: string;
    machine: Machine;
    settings: Settings;
    coldStart: ColdStartResult;
    throughput: ThroughputResult;
    /** Our pack next to a published peer (`@pulumi/awsguard`), or why the peer was not measured. */
    peer: PeerResult | { unavailable: string };
    stackScaling: StackScalingResult;
    /** `component` imports the TypeScript source; `packageProgram` the compiled package, as a consumer does. */
    program: { plan: Measured; component: ProgramScalingResult; packageProgram?: ProgramScalingResult };
    testSuite: Measured;
    targets: Target[];
}

export const COLD_START_RATIO_LIMIT = 1.5;
export const ANALYZE_US_LIMIT = 100;
export const STACK_RATIO_LIMIT = 60;
export const STACK_50K_MS_LIMIT = 5000;
export const PROGRAM_50_APIS_MS_LIMIT = 20_000;
/** A consumer's 50-API program on the compiled package, which ts-node does not recompile. */
export const PACKAGE_50_APIS_MS_LIMIT = 10_000;
/** ms per API may grow by at most this factor from the second-largest to the largest program (1 is linear). */
export const PROGRAM_GROWTH_LIMIT = 1.5;
export const TEST_SUITE_S_LIMIT = 60;

function judge(
    id: string,
    description: string,
    limit: string,
    unit: Unit,
    value: number | undefined,
    ok: (v: number) => boolean,
    missing: string,
): Target {
    return value === undefined
        ? { id, description, limit, unit, value: null, pass: null, note: missing }
        : { id, description, limit, unit, value, pass: ok(value) };
}

/** Every performance target, judged on medians. */
export function judgeTargets(r: Omit<BenchResults, "targets">): Target[] {
    const stack50k = r.stackScaling.sizes.find((s) => s.resources === 50_000);
    const has1k = r.stackScaling.sizes.some((s) => s.resources === 1000);
    const program50 = r.program.component.sizes.find((s) => s.apis === 50);
    const package50 = r.program.packageProgram?.sizes.find((s) => s.apis === 50);
    const notInQuick = r.kind === "quick" ? "not measured with --quick" : "not measured";
    return [
        judge(
            "coldStartRatioToEmpty",
            "Pack cold start, ours / empty pack",
            `<= ${COLD_START_RATIO_LIMIT}`,
            "ratio",
            r.coldStart.ratioToEmpty.median,
            (v) => v <= COLD_START_RATIO_LIMIT,
            notInQuick,
        ),
        judge(
            "analyzeUsAboveNoop",
            "Analyze, µs per call above the no-op pack",
            `< ${ANALYZE_US_LIMIT}`,
            "µs",
            r.throughput.usAboveNoop.median,
            (v) => v < ANALYZE_US_LIMIT,
            notInQuick,
        ),
        judge(
            "stackRatio50kTo1k",
            "AnalyzeStack, 50k / 1k resources",
            `<= ${STACK_RATIO_LIMIT}`,
            "ratio",
            stack50k && has1k ? r.stackScaling.ratioLargestToSmallest?.median : undefined,
            (v) => v <= STACK_RATIO_LIMIT,
            notInQuick,
        ),
        judge(
            "stack50kMs",
            "AnalyzeStack, 50k resources",
            `<= ${STACK_50K_MS_LIMIT} ms`,
            "ms",
            stack50k?.ours.median,
            (v) => v <= STACK_50K_MS_LIMIT,
            notInQuick,
        ),
        judge(
            "program50ApisMs",
            "Program with 50 APIs, wall time",
            `< ${PROGRAM_50_APIS_MS_LIMIT} ms`,
            "ms",
            program50?.wallMs.median,
            (v) => v < PROGRAM_50_APIS_MS_LIMIT,
            notInQuick,
        ),
        judge(
            "package50ApisMs",
            "Program with 50 APIs on the compiled package",
            `< ${PACKAGE_50_APIS_MS_LIMIT} ms`,
            "ms",
            package50?.wallMs.median,
            (v) => v < PACKAGE_50_APIS_MS_LIMIT,
            notInQuick,
        ),
        judge(
            "programPerApiGrowth",
            "Program, ms per API, largest / next size",
            `<= ${PROGRAM_GROWTH_LIMIT}`,
            "ratio",
            program50 ? r.program.component.perApiGrowth?.median : undefined,
            (v) => v <= PROGRAM_GROWTH_LIMIT,
            notInQuick,
        ),
        judge(
            "testSuiteS",
            "npm test, wall time",
            `< ${TEST_SUITE_S_LIMIT} s`,
            "s",
            isFigure(r.testSuite) ? r.testSuite.median : undefined,
            (v) => v < TEST_SUITE_S_LIMIT,
            isFigure(r.testSuite) ? notInQuick : r.testSuite.unavailable,
        ),
    ];
}

/** The table's section headings, in order: the test checks that each one is printed. */
export const SECTIONS = [
    "Pack cold start (spawn to first GetAnalyzerInfo answer)",
    "Analyze throughput (one call at a time)",
    "Peer pack (cold start and Analyze, interleaved with ours)",
    "Stack analysis (AnalyzeStack)",
    "Program",
    "Test suite",
    "Targets",
] as const;

export const COLUMNS = ["Measure", "Median", "Min", "Max", "Unit", "Runs"] as const;

type Row = string[];

function num(value: number): string {
    if (Math.abs(value) >= 100) {
        return Math.round(value).toLocaleString("en-US");
    }
    return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function row(label: string, m: Measured | undefined): Row {
    if (m === undefined) {
        return [label, "-", "-", "-", "", ""];
    }
    if (!isFigure(m)) {
        return [label, `not available: ${m.unavailable}`, "", "", m.unit, ""];
    }
    return [label, num(m.median), num(m.min), num(m.max), m.unit, String(m.runs.length)];
}

function unavailableRow(cells: Row): boolean {
    return cells[1].startsWith("not available");
}

function k(n: number): string {
    return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** One table: a heading row per section, then its figures, then the targets. */
export function renderTable(r: BenchResults): string {
    const sections: { title: string; rows: Row[] }[] = [];
    const cs = r.coldStart;
    sections.push({
        title: SECTIONS[0],
        rows: [
            row(`api-gateway-guardrails (${cs.policies.ours} policies)`, cs.startMs.ours),
            row("empty pack (floor)", cs.startMs.empty),
            row("baseline pack (imports @pulumi/aws)", cs.startMs.baseline),
            row("ours / empty", cs.ratioToEmpty),
            row("ours / baseline", cs.ratioToBaseline),
            row("peak RSS, ours", cs.peakRssMb.ours),
            row("peak RSS, empty", cs.peakRssMb.empty),
            row("peak RSS, baseline", cs.peakRssMb.baseline),
        ],
    });
    const tp = r.throughput;
    sections.push({
        title: `${SECTIONS[1]}, ${tp.calls.toLocaleString("en-US")} calls`,
        rows: [
            row("ours, calls/s", tp.callsPerSecond.ours),
            row("no-op pack, calls/s", tp.callsPerSecond.empty),
            row("ours, per call", tp.usPerCall.ours),
            row("no-op pack, per call", tp.usPerCall.empty),
            row(`${tp.policies.resource} no-op resource policies, per call`, tp.usPerCall.noopPolicies),
            row("ours above no-op pack, per call", tp.usAboveNoop),
            row(`ours above ${tp.policies.resource} no-op policies, per call`, tp.usAboveNoopPolicies),
        ],
    });
    if ("unavailable" in r.peer) {
        sections.push({
            title: SECTIONS[2],
            rows: [["@pulumi/awsguard", `not available: ${r.peer.unavailable}`, "", "", "", ""]],
        });
    } else {
        const pe = r.peer;
        sections.push({
            title: `${SECTIONS[2]}: ${pe.peer}`,
            rows: [
                row(`cold start, ours (${pe.policies.ours} policies)`, pe.startMs.ours),
                row(`cold start, ${pe.peer} (${pe.policies.peer} policies)`, pe.startMs.peer),
                row("cold start, empty pack (floor)", pe.startMs.empty),
                row("cold start, ours / peer", pe.ratioToPeer),
                row("Analyze, ours, per call", pe.usPerCall.ours),
                row("Analyze, peer, per call", pe.usPerCall.peer),
                row("Analyze, ours / peer", pe.usRatioToPeer),
            ],
        });
    }
    const ss = r.stackScaling;
    const stackRows: Row[] = [];
    for (const s of ss.sizes) {
        stackRows.push(row(`${k(s.resources)} resources, ours`, s.ours));
        stackRows.push(row(`${k(s.resources)} resources, no-op pack`, s.empty));
        stackRows.push(row(`${k(s.resources)} resources, ${ss.policies.stack} no-op stack policies`, s.noopPolicies));
        stackRows.push(row(`${k(s.resources)} resources, ours above those`, s.oursAboveNoopPolicies));
    }
    if (ss.ratioLargestToSmallest && ss.sizes.length > 1) {
        const first = ss.sizes[0].resources;
        const last = ss.sizes[ss.sizes.length - 1].resources;
        stackRows.push(row(`ours, ${k(last)} / ${k(first)}`, ss.ratioLargestToSmallest));
    }
    if (ss.peakRssMb !== undefined) {
        stackRows.push([
            `peak RSS, ours after ${k(ss.sizes[ss.sizes.length - 1].resources)}`,
            num(ss.peakRssMb),
            "",
            "",
            "MB",
            "1",
        ]);
    }
    sections.push({ title: SECTIONS[3], rows: stackRows });
    const pr = r.program;
    const programRows: Row[] = [row("npm run plan -- --stack prod, wall", pr.plan)];
    for (const s of pr.component.sizes) {
        programRows.push(row(`${s.apis} API${s.apis === 1 ? "" : "s"} (${s.resources} resources), wall`, s.wallMs));
        programRows.push(row(`${s.apis} API${s.apis === 1 ? "" : "s"}, program`, s.programMs));
        programRows.push(row(`${s.apis} API${s.apis === 1 ? "" : "s"}, program per API`, s.msPerApi));
    }
    if (pr.component.perApiGrowth) {
        programRows.push(row("per-API growth, largest / next", pr.component.perApiGrowth));
    }
    for (const s of pr.packageProgram?.sizes ?? []) {
        const source = pr.component.sizes.find((c) => c.apis === s.apis);
        const label = `${s.apis} API${s.apis === 1 ? "" : "s"}, compiled package`;
        programRows.push(row(`${label}, wall`, s.wallMs));
        if (source) {
            programRows.push(
                row(
                    `${label} / source, wall`,
                    derived(s.wallMs, source.wallMs, "ratio", (a, b) => a / b),
                ),
            );
        }
    }
    sections.push({ title: SECTIONS[4], rows: programRows });
    sections.push({ title: SECTIONS[5], rows: [row("npm test, wall", r.testSuite)] });
    const all: Row[] = [[...COLUMNS], ...sections.flatMap((s) => s.rows).filter((cells) => !unavailableRow(cells))];
    const widths = COLUMNS.map((_, i) => Math.max(...all.map((cells) => cells[i].length)));
    const line = (cells: Row) =>
        cells
            .map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
            .join("  ")
            .trimEnd();
    const out: string[] = [line([...COLUMNS]), widths.map((w) => "-".repeat(w)).join("  ")];
    for (const s of sections) {
        out.push("", s.title);
        for (const cells of s.rows) {
            out.push(unavailableRow(cells) ? `${cells[0].padEnd(widths[0])}  ${cells[1]}` : line(cells));
        }
    }
    // Targets: the median against the limit, and the verdict.
    out.push("", SECTIONS[6]);
    const described = Math.max(widths[0], ...r.targets.map((t) => t.description.length));
    for (const t of r.targets) {
        const verdict = t.pass === null ? `n/a (${t.note})` : t.pass ? "PASS" : "FAIL";
        const value = t.value === null ? "-" : `${num(t.value)} ${t.unit}`;
        out.push(`${t.description.padEnd(described)}  ${value.padStart(12)}  ${t.limit.padEnd(12)}  ${verdict}`);
    }
    return out.join("\n");
}
