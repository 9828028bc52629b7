/**
 * The real engine next to the offline plan, in one run: `pulumi preview` of the prod stack without and with
 * `--policy-pack policies` (through `npm run engine`: the real CLI v3.274.1, the stand-in aws provider, a new stack),
 * and `npm run plan -- --stack prod`. The three are interleaved run by run, so that load on the machine falls on
 * all of them alike. The pack's overhead (with minus without, run by run) is the figure users feel; the target is at
 * most 10 % of the preview.
 *
 * The preview figures are the CLI's own time from spawn to exit (the wrapper reports it), which includes running the
 * program, the provider and the pack, but not the wrapper's start-up; the wrapper's wall time is kept beside it.
 *
 * In the same runs: the Python consumer (tests/engine/fixtures/consumer-python, one ObservableRestApi through the
 * generated SDK) and the same program in TypeScript (tests/engine/fixtures/consumer-typescript), each previewed
 * without the pack, and the ratio of the two run by run. The Python preview's CLI time includes starting the
 * component package's plugin and its Construct; the environment and the generated SDK are made in the warm-up.
 *
 * `node -r ts-node/register/transpile-only tools/bench/engine.ts [--runs N]` measures this alone and prints it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureCli } from "../engine/cli";
import type { RunPlan } from "./packs";
import { timeChild } from "./program";
import { derived, Figure, figure } from "./stats";

/** The consumer programs the bench previews in both languages (tests/engine/fixtures). */
export const PYTHON_CONSUMER = "tests/engine/fixtures/consumer-python";
export const TYPESCRIPT_CONSUMER = "tests/engine/fixtures/consumer-typescript";

/** At most this share of the preview may go to the pack. */
export const PACK_OVERHEAD_TARGET = 0.1;

export interface EngineResults {
    cli: { version: string; source: string; languageHost: string };
    stack: string;
    /** `pulumi preview`, the CLI's time. */
    preview: Figure;
    /** `pulumi preview --policy-pack policies`, the CLI's time. */
    previewWithPack: Figure;
    /** `pulumi preview` with a pack of one no-op policy (tools/bench/fixtures/empty-pack): what any pack costs. */
    previewWithEmptyPack: Figure;
    /** Empty pack minus without, run by run: the floor of the overhead. */
    emptyPackOverhead: Figure;
    /** With minus without, run by run. */
    packOverhead: Figure;
    /** packOverhead / preview, run by run. */
    packOverheadShare: Figure;
    /** The wrapper's wall time for the preview with the pack. */
    wrapperWithPack: Figure;
    /** From the engine's ConfigureStack to the pack serving: the pack process's start-up, which the engine waits for. */
    packStart: Figure;
    /** The time the pack took to answer the engine's calls, in total, and how many of each it answered. */
    packCalls: Figure;
    calls: Record<string, number>;
    /** `npm run plan -- --stack prod`, wall time. */
    offlinePlan: Figure;
    /** `pulumi preview` of the Python consumer and of the same program in TypeScript, and Python / TypeScript. */
    python: { preview: Figure; typescriptPreview: Figure; ratio: Figure };
    target: { packOverheadShare: number; met: boolean };
}

function npm(): string {
    return process.platform === "win32" ? "npm.cmd" : "npm";
}

export async function measureEngine(plan: RunPlan, stack = "prod"): Promise<EngineResults> {
    const cli = await ensureCli();
    const state = fs.mkdtempSync(path.join(os.tmpdir(), "bench-engine-"));
    const timings = path.join(state, "timings.jsonl");
    const previous = {
        state: process.env.OBSERVABLE_API_ENGINE_STATE,
        timings: process.env.OBSERVABLE_API_ENGINE_TIMINGS,
    };
    process.env.OBSERVABLE_API_ENGINE_STATE = state;
    process.env.OBSERVABLE_API_ENGINE_TIMINGS = timings;
    const engineRun = async (...extra: string[]) => {
        const args = ["-r", "ts-node/register/transpile-only", "tools/engine/run.ts", "preview", "--stack", stack];
        const result = await timeChild(process.execPath, [...args, "--non-interactive", ...extra], 600_000);
        if (result.code !== 0) {
            throw new Error(`npm run engine -- preview --stack ${stack} ${extra.join(" ")} exited with ${result.code}`);
        }
        const lines = fs
            .readFileSync(timings, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l));
        fs.writeFileSync(timings, "");
        const cli = lines.filter((l) => l.cliMs !== undefined).pop();
        const proxy = lines.find((l) => l.packProxy !== undefined)?.packProxy;
        return { cliMs: cli.cliMs as number, wallMs: result.ms, proxy };
    };
    const without: number[] = [];
    const withPack: number[] = [];
    const withEmpty: number[] = [];
    const packStart: number[] = [];
    const packCalls: number[] = [];
    let calls: Record<string, number> = {};
    const wrapper: number[] = [];
    const offline: number[] = [];
    const python: number[] = [];
    const typescript: number[] = [];
    try {
        for (let run = 0; run < plan.warmup + plan.runs; run++) {
            const a = await engineRun();
            const b = await engineRun("--policy-pack", "policies");
            const e = await engineRun("--policy-pack", "tools/bench/fixtures/empty-pack");
            const p = await engineRun("-C", PYTHON_CONSUMER);
            const t = await engineRun("-C", TYPESCRIPT_CONSUMER);
            const c = await timeChild(npm(), ["run", "--silent", "plan", "--", "--stack", stack], 600_000);
            if (c.code !== 0) {
                throw new Error(`npm run plan -- --stack ${stack} exited with ${c.code}`);
            }
            if (run >= plan.warmup) {
                without.push(a.cliMs);
                withPack.push(b.cliMs);
                withEmpty.push(e.cliMs);
                packStart.push(b.proxy.packReadyMs - b.proxy.configureStackMs);
                packCalls.push(b.proxy.callMs);
                calls = b.proxy.calls;
                wrapper.push(b.wallMs);
                offline.push(c.ms);
                python.push(p.cliMs);
                typescript.push(t.cliMs);
            }
        }
    } finally {
        process.env.OBSERVABLE_API_ENGINE_STATE = previous.state;
        process.env.OBSERVABLE_API_ENGINE_TIMINGS = previous.timings;
        if (previous.state === undefined) {
            delete process.env.OBSERVABLE_API_ENGINE_STATE;
        }
        if (previous.timings === undefined) {
            delete process.env.OBSERVABLE_API_ENGINE_TIMINGS;
        }
        fs.rmSync(state, { recursive: true, force: true });
    }
    const preview = figure(without, "ms");
    const previewWithPack = figure(withPack, "ms");
    const previewWithEmptyPack = figure(withEmpty, "ms");
    const packOverhead = derived(previewWithPack, preview, "ms", (w, wo) => w - wo);
    const packOverheadShare = derived(previewWithPack, preview, "ratio", (w, wo) => (w - wo) / wo);
    return {
        cli: {
            version: cli.version,
            source: cli.source,
            languageHost:
                cli.languageHost ?? "none: program served inline, pack through tools/engine/policyPackProxy.ts",
        },
        stack,
        preview,
        previewWithPack,
        previewWithEmptyPack,
        emptyPackOverhead: derived(previewWithEmptyPack, preview, "ms", (w, wo) => w - wo),
        packOverhead,
        packOverheadShare,
        wrapperWithPack: figure(wrapper, "ms"),
        packStart: figure(packStart, "ms"),
        packCalls: figure(packCalls, "ms"),
        calls,
        offlinePlan: figure(offline, "ms"),
        python: {
            preview: figure(python, "ms"),
            typescriptPreview: figure(typescript, "ms"),
            ratio: derived(figure(python, "ms"), figure(typescript, "ms"), "ratio", (py, ts) => py / ts),
        },
        target: { packOverheadShare: PACK_OVERHEAD_TARGET, met: packOverheadShare.median <= PACK_OVERHEAD_TARGET },
    };
}

const seconds = (f: Figure) =>
    `${(f.median / 1000).toFixed(2)} s (${(f.min / 1000).toFixed(2)}–${(f.max / 1000).toFixed(2)})`;

export function renderEngine(r: EngineResults): string {
    const share = (x: number) => `${(x * 100).toFixed(1)} %`;
    return [
        `Real engine: pulumi v${r.cli.version} (${r.cli.source}), stand-in aws provider, new ${r.stack} stack; ` +
            `median of ${r.preview.runs.length} (min–max)`,
        `  pulumi preview                          ${seconds(r.preview)}`,
        `  pulumi preview --policy-pack policies   ${seconds(r.previewWithPack)}   (npm run engine wall: ${seconds(r.wrapperWithPack)})`,
        `  pack overhead (with − without)          ${seconds(r.packOverhead)} = ${share(r.packOverheadShare.median)} of the preview ` +
            `(${share(r.packOverheadShare.min)}–${share(r.packOverheadShare.max)}); target ≤ ${share(r.target.packOverheadShare)}: ` +
            `${r.target.met ? "met" : "missed"}`,
        `  of which any pack costs (empty pack)    ${seconds(r.emptyPackOverhead)}   (preview with it: ${seconds(r.previewWithEmptyPack)})`,
        `  where the pack's time goes: start-up ${seconds(r.packStart)}, answering ` +
            `${Object.values(r.calls).reduce((a, b) => a + b, 0)} calls ${seconds(r.packCalls)} ` +
            `(${Object.entries(r.calls)
                .map(([k, v]) => `${v} ${k}`)
                .join(", ")})`,
        `  npm run plan -- --stack ${r.stack}           ${seconds(r.offlinePlan)}`,
        `  one ObservableRestApi, pulumi preview (no pack): Python ${seconds(r.python.preview)}, ` +
            `TypeScript ${seconds(r.python.typescriptPreview)}, Python / TypeScript ` +
            `${r.python.ratio.median.toFixed(2)} (${r.python.ratio.min.toFixed(2)}–${r.python.ratio.max.toFixed(2)})`,
    ].join("\n");
}

if (require.main === module) {
    const i = process.argv.indexOf("--runs");
    const runs = i > 0 ? Number(process.argv[i + 1]) : 5;
    measureEngine({ warmup: 1, runs }).then(
        (r) => {
            process.stdout.write(`${renderEngine(r)}\n${JSON.stringify(r, null, 2)}\n`);
        },
        (err) => {
            process.stderr.write(`${(err as Error).message}\n`);
            process.exit(1);
        },
    );
}
