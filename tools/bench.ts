/**
 * `npm run bench [-- --quick] [--out <file>] [--label <text>] [--skip-test-suite]`
 *
 * Measures the policy pack and the program against their floors in one run: pack cold start and peak
 * RSS against an empty pack and a baseline pack, one-at-a-time Analyze throughput against a no-op pack,
 * AnalyzeStack on synthetic stacks of 1k, 10k and 50k resources, the component with 1, 10 and 50 APIs under the
 * mock runtime, `npm run plan -- --stack prod`, and `npm test`. Prints one table to stdout (progress goes to stderr)
 * and writes `bench/results.json` (`bench/results.quick.json` with `--quick`, which is git-ignored).
 *
 * Every figure is the median of the measured runs after the warm-up runs; min and max are printed too. The exit
 * code is 0 whatever the figures: targets are judged in the table and the JSON, never by failing the command.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { ensureBuilt } from "./lib/freshness";
import { AWSGUARD_VERSION, ensureAwsGuard } from "./bench/awsguard";
import { measureColdStart, measurePeer, measureStackScaling, measureThroughput } from "./bench/packs";
import { EngineResults, measureEngine, renderEngine } from "./bench/engine";
import { measureComponentProgram, measurePlan, measureTestSuite } from "./bench/program";
import { BenchResults, judgeTargets, renderTable, Settings } from "./bench/report";
import { unavailable } from "./bench/stats";

const ROOT = path.resolve(__dirname, "..");

export const FULL: Settings = {
    warmup: 1,
    runs: 5,
    analyzeCalls: 5000,
    stackSizes: [1000, 10_000, 50_000],
    programSizes: [1, 10, 50],
    childRuns: 5,
};

/** Every code path, with the fewest runs and no warm-up: the smoke run .ci/run makes, not for numbers. */
export const QUICK: Settings = {
    warmup: 0,
    runs: 2,
    analyzeCalls: 500,
    stackSizes: [1000],
    programSizes: [1, 2],
    childRuns: 1,
};

interface Options {
    quick: boolean;
    out: string;
    label?: string;
    skipTestSuite: boolean;
}

class UsageError extends Error {}

export function parseOptions(argv: string[]): Options {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: {
                quick: { type: "boolean" },
                out: { type: "string" },
                label: { type: "string" },
                "skip-test-suite": { type: "boolean" },
            },
        });
    } catch (err) {
        throw new UsageError(
            `bench: ${(err as Error).message.split("\n")[0]}; allowed: --quick, --out <file>, --label <text>, --skip-test-suite`,
        );
    }
    const v = parsed.values;
    const quick = v.quick === true;
    return {
        quick,
        out:
            v.out !== undefined
                ? path.resolve(v.out)
                : path.join(ROOT, "bench", quick ? "results.quick.json" : "results.json"),
        label: v.label,
        skipTestSuite: v["skip-test-suite"] === true,
    };
}

function progress(message: string): void {
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The pack is served from policies/bin and the program imports components/bin: build them when they are stale. */
function buildProjects(): void {
    for (const dir of ["components", "policies"]) {
        ensureBuilt(path.join(ROOT, dir), ROOT, progress);
    }
}

async function main(argv: string[]): Promise<void> {
    const options = parseOptions(argv);
    const settings = options.quick ? QUICK : FULL;
    const packPlan = { warmup: settings.warmup, runs: settings.runs };
    const childPlan = { warmup: settings.warmup, runs: settings.childRuns };
    const startedAt = new Date().toISOString();
    const loadStart = os.loadavg()[0];
    buildProjects();

    progress(`pack cold start: ${packPlan.warmup} warm-up + ${packPlan.runs} runs per pack`);
    const coldStart = await measureColdStart(packPlan);
    progress(`Analyze throughput: ${settings.analyzeCalls} calls per run`);
    const throughput = await measureThroughput(packPlan, settings.analyzeCalls);
    // The published peer pack, installed on first use outside the repository; --quick leaves it out.
    let peer: BenchResults["peer"];
    if (options.quick) {
        peer = { unavailable: "not run with --quick" };
    } else {
        const peerName = `@pulumi/awsguard@${AWSGUARD_VERSION}`;
        const installed = ensureAwsGuard(progress);
        if ("unavailable" in installed) {
            peer = installed;
        } else {
            progress(`peer ${peerName}: cold start and Analyze per call, interleaved with ours`);
            peer = await measurePeer(packPlan, settings.analyzeCalls, peerName, installed.dir).catch((err: Error) => ({
                unavailable: err.message.split("\n")[0],
            }));
        }
    }
    progress(`AnalyzeStack on ${settings.stackSizes.join(", ")} resources`);
    const stackScaling = await measureStackScaling(packPlan, settings.stackSizes);
    progress(`component program with ${settings.programSizes.join(", ")} APIs, one process per run`);
    const component = await measureComponentProgram(childPlan, settings.programSizes);
    // The same program on the compiled package, as a consumer installs it, at the smallest and largest size.
    const consumerSizes = [settings.programSizes[0], settings.programSizes[settings.programSizes.length - 1]];
    progress(`component program on the compiled package, ${consumerSizes.join(" and ")} APIs`);
    const packageProgram = await measureComponentProgram(childPlan, consumerSizes, "package");
    progress("npm run plan -- --stack prod");
    const plan = await measurePlan(childPlan);
    let testSuite;
    if (options.quick) {
        testSuite = unavailable("s", "not run with --quick");
    } else if (options.skipTestSuite) {
        testSuite = unavailable("s", "skipped with --skip-test-suite");
    } else {
        progress("npm test");
        // The median of 3 runs (after the warm-up): npm test takes most of a minute, and 3 settle the median.
        testSuite = await measureTestSuite({ warmup: settings.warmup, runs: Math.min(3, settings.childRuns) });
    }

    // The real engine next to the offline plan (tools/bench/engine.ts); --quick leaves it out of npm test.
    let engine: EngineResults | { unavailable: string };
    if (options.quick) {
        engine = { unavailable: "not run with --quick" };
    } else {
        progress("real engine: pulumi preview of prod without and with the pack, and npm run plan, interleaved");
        engine = await measureEngine(childPlan).catch((err: Error) => ({ unavailable: err.message }));
    }

    const cpus = os.cpus();
    const partial: Omit<BenchResults, "targets"> = {
        kind: options.quick ? "quick" : "full",
        label:
            options.label ?? (options.quick ? "quick run: checks the bench end to end, not a measurement" : "full run"),
        date: startedAt,
        command: options.quick ? "npm run bench -- --quick" : "npm run bench",
        machine: {
            cores: cpus.length,
            cpuModel: cpus[0]?.model ?? "unknown",
            memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
            node: process.version,
            platform: `${os.platform()} ${os.release()}`,
            loadAverage: { start: loadStart, end: os.loadavg()[0] },
        },
        settings,
        coldStart,
        throughput,
        peer,
        stackScaling,
        program: { plan, component, packageProgram },
        testSuite,
    };
    const results: BenchResults = { ...partial, targets: judgeTargets(partial) };
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify({ ...results, engine }, null, 2)}\n`);
    const m = results.machine;
    const engineTable =
        "unavailable" in engine ? `Real engine: not measured (${engine.unavailable})` : renderEngine(engine);
    process.stdout.write(
        `${renderTable(results)}\n\n${engineTable}\n\n${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, Node.js ${m.node}, ` +
            `load average ${m.loadAverage.start.toFixed(2)} -> ${m.loadAverage.end.toFixed(2)}; ` +
            `written to ${path.relative(process.cwd(), options.out)}\n`,
    );
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err) => {
        process.stderr.write(`${err instanceof UsageError ? err.message : (err as Error).stack}\n`);
        process.exit(err instanceof UsageError ? 2 : 1);
    });
}
