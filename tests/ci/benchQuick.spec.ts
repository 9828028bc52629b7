/**
 * The bench smoke run, as .ci/run makes it: `npm run bench -- --quick` end to end. Not part of npm test: it serves
 * every pack several times and runs the component program and the offline plan, which takes minutes.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policies } from "../../policies/policies";
import { QUICK } from "../../tools/bench";
import { COLUMNS, SECTIONS } from "../../tools/bench/report";
import { analyzeMix, countByType, syntheticStack, TYPES } from "../../tools/bench/synthetic";

const ROOT = path.resolve(__dirname, "..", "..");

describe("npm run bench -- --quick", function () {
    // Spawns every pack several times, the component program and the offline plan; never asserts a timing.
    this.timeout(600_000);
    const figureKeys = ["max", "median", "min", "runs", "unit"];

    it("runs end to end, prints the table and writes the results with every expected key", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
        const out = path.join(dir, "results.json");
        const run = spawnSync(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", "tools/bench.ts", "--quick", "--out", out],
            { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
        );
        assert.strictEqual(run.status, 0, run.stderr);
        const lines = run.stdout.split("\n");
        assert.deepStrictEqual(lines[0].split(/\s{2,}/), [...COLUMNS]);
        for (const section of SECTIONS) {
            assert.ok(
                lines.some((l) => l.startsWith(section)),
                `missing section ${section}:\n${run.stdout}`,
            );
        }

        const results = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.deepStrictEqual(Object.keys(results).sort(), [
            "coldStart",
            "command",
            "date",
            "engine",
            "kind",
            "label",
            "machine",
            "peer",
            "program",
            "settings",
            "stackScaling",
            "targets",
            "testSuite",
            "throughput",
        ]);
        assert.strictEqual(results.kind, "quick");
        assert.strictEqual(results.command, "npm run bench -- --quick");
        assert.deepStrictEqual(results.peer, { unavailable: "not run with --quick" });
        // The real engine is measured by the full bench only (tools/bench/engine.ts).
        assert.deepStrictEqual(results.engine, { unavailable: "not run with --quick" });
        assert.ok(lines.includes("Real engine: not measured (not run with --quick)"), run.stdout);
        assert.deepStrictEqual(results.settings, QUICK);
        assert.deepStrictEqual(Object.keys(results.machine).sort(), [
            "cores",
            "cpuModel",
            "loadAverage",
            "memoryGb",
            "node",
            "platform",
        ]);
        for (const pack of ["ours", "empty", "baseline"]) {
            assert.deepStrictEqual(Object.keys(results.coldStart.startMs[pack]).sort(), figureKeys);
            assert.strictEqual(results.coldStart.startMs[pack].runs.length, QUICK.runs);
        }
        assert.deepStrictEqual(results.coldStart.policies, { ours: policies.length, empty: 1, baseline: 1 });
        assert.deepStrictEqual(Object.keys(results.coldStart.ratioToEmpty).sort(), figureKeys);
        assert.strictEqual(results.throughput.calls, QUICK.analyzeCalls);
        // The policies really evaluated the mix: every DEBUG MethodSettings is reported, and on the stack every
        // aws-native stage (the generator gives them no alarm) misses its 5XX alarm.
        const mix = analyzeMix(QUICK.analyzeCalls);
        assert.deepStrictEqual(results.throughput.diagnosticsPerRun, {
            "apigateway-no-debug-logging-in-production": mix.filter(
                (r) => r.type === TYPES.methodSettings && r.properties.settings.dataTraceEnabled === true,
            ).length,
        });
        assert.deepStrictEqual(results.stackScaling.sizes[0].diagnostics, {
            "apigateway-alarms-required": countByType(syntheticStack(QUICK.stackSizes[0]))[TYPES.nativeStage],
        });
        assert.deepStrictEqual(Object.keys(results.throughput.usAboveNoop).sort(), figureKeys);
        assert.deepStrictEqual(
            results.stackScaling.sizes.map((s: { resources: number }) => s.resources),
            QUICK.stackSizes,
        );
        assert.deepStrictEqual(
            results.program.component.sizes.map((s: { apis: number }) => s.apis),
            QUICK.programSizes,
        );
        assert.deepStrictEqual(results.testSuite, { unit: "s", unavailable: "not run with --quick" });
        assert.deepStrictEqual(
            results.targets.map((t: { id: string }) => t.id),
            [
                "coldStartRatioToEmpty",
                "analyzeUsAboveNoop",
                "stackRatio50kTo1k",
                "stack50kMs",
                "program50ApisMs",
                "package50ApisMs",
                "programPerApiGrowth",
                "testSuiteS",
            ],
        );
        // The quick run measures no 50k stack, no 50-API program (from source or from the package) and no test suite, so those targets are open.
        assert.deepStrictEqual(
            results.targets.filter((t: { pass: boolean | null }) => t.pass === null).map((t: { id: string }) => t.id),
            [
                "stackRatio50kTo1k",
                "stack50kMs",
                "program50ApisMs",
                "package50ApisMs",
                "programPerApiGrowth",
                "testSuiteS",
            ],
        );
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
