import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseOptions } from "../../tools/bench";
import { awsGuardDir, awsGuardPackFiles, ensureAwsGuard } from "../../tools/bench/awsguard";
import { BenchResults, judgeTargets, renderTable } from "../../tools/bench/report";
import { derived, figure, median, unavailable, Unit } from "../../tools/bench/stats";
import { analyzeMix, countByType, syntheticStack, TYPES, UNKNOWN_SENTINEL } from "../../tools/bench/synthetic";

const ROOT = path.resolve(__dirname, "..", "..");

describe("tools/bench/synthetic", () => {
    const stack = syntheticStack(1000);
    const byUrn = new Map(stack.map((r) => [r.urn, r]));

    it("builds exactly the requested number of resources, with unique URNs, the Stack first", () => {
        assert.strictEqual(stack.length, 1000);
        assert.strictEqual(byUrn.size, 1000);
        assert.deepStrictEqual(
            [stack[0].type, stack[0].urn],
            [TYPES.stack, "urn:pulumi:prod::observable-api::pulumi:pulumi:Stack::observable-api-prod"],
        );
        assert.deepStrictEqual(
            syntheticStack(1).map((r) => r.type),
            [TYPES.stack],
        );
    });

    it("mixes APIs, stages, MethodSettings, log groups, alarms, template carriers and unrelated resources in fixed counts", () => {
        assert.deepStrictEqual(countByType(stack), {
            [TYPES.stack]: 1,
            [TYPES.component]: 48,
            [TYPES.restApi]: 48,
            [TYPES.deployment]: 48,
            [TYPES.logGroup]: 144,
            [TYPES.topic]: 48,
            [TYPES.stage]: 64,
            [TYPES.methodSettings]: 128,
            [TYPES.alarm]: 80,
            [TYPES.bucket]: 99,
            [TYPES.role]: 98,
            [TYPES.lambda]: 98,
            [TYPES.v2Api]: 16,
            [TYPES.v2Stage]: 16,
            [TYPES.nativeRestApi]: 16,
            [TYPES.nativeStage]: 16,
            [TYPES.cfnStack]: 16,
            [TYPES.cloudControl]: 16,
        });
        const paths = stack.filter((r) => r.type === TYPES.methodSettings).map((r) => r.properties.methodPath);
        assert.deepStrictEqual([...new Set(paths)], ["*/*", "~1hello/GET"]);
        const debug = stack.filter((r) => r.type === TYPES.methodSettings && r.properties.settings.dataTraceEnabled);
        assert.deepStrictEqual(
            debug.map((r) => r.name),
            [0, 30, 60, 90].map((i) => `api${i}-s0-override-hello-get`),
        );
    });

    it("points every parent, dependency and property dependency at a resource of the stack", () => {
        for (const r of stack.slice(1)) {
            assert.ok(r.parent !== undefined && byUrn.has(r.parent), `${r.urn} parent ${r.parent}`);
            const deps = Object.values(r.propertyDependencies ?? {}).flat();
            for (const urn of [...deps, ...(r.dependencies ?? [])]) {
                assert.ok(byUrn.has(urn), `${r.urn} depends on missing ${urn}`);
            }
            assert.deepStrictEqual([...(r.dependencies ?? [])].sort(), [...new Set(deps)].sort());
        }
    });

    it("correlates MethodSettings with their RestApi and Stage only through propertyDependencies, as in preview", () => {
        for (const ms of stack.filter((r) => r.type === TYPES.methodSettings)) {
            assert.strictEqual(ms.properties.restApi, UNKNOWN_SENTINEL);
            const [api] = ms.propertyDependencies!.restApi.map((u) => byUrn.get(u)!);
            const [stage] = ms.propertyDependencies!.stageName.map((u) => byUrn.get(u)!);
            assert.strictEqual(api.type, TYPES.restApi);
            assert.strictEqual(stage.type, TYPES.stage);
            assert.strictEqual(stage.properties.stageName, ms.properties.stageName);
            assert.deepStrictEqual(stage.propertyDependencies!.restApi, [api.urn]);
            assert.strictEqual(ms.parent, stage.parent);
        }
    });

    it("is deterministic, and the Analyze mix is the same stack without its root", () => {
        assert.deepStrictEqual(syntheticStack(1000), stack);
        const mix = analyzeMix(500);
        assert.strictEqual(mix.length, 500);
        assert.deepStrictEqual(mix, syntheticStack(501).slice(1));
        assert.strictEqual(countByType(mix)[TYPES.stack], undefined);
    });

    it("rejects a size that is not a positive integer", () => {
        assert.throws(() => syntheticStack(0), {
            message: "syntheticStack: size must be a positive integer, got 0",
        });
    });
});

describe("tools/bench/stats", () => {
    it("takes the median of odd and even samples, and derives figures run by run", () => {
        assert.strictEqual(median([5, 1, 3]), 3);
        assert.strictEqual(median([4, 1, 3, 2]), 2.5);
        assert.deepStrictEqual(figure([3, 1, 2], "ms"), { unit: "ms", runs: [3, 1, 2], median: 2, min: 1, max: 3 });
        const ratio = derived(figure([10, 30], "ms"), figure([5, 10], "ms"), "ratio", (a, b) => a / b);
        assert.deepStrictEqual(ratio, { unit: "ratio", runs: [2, 3], median: 2.5, min: 2, max: 3 });
    });
});

describe("tools/bench/report", () => {
    const f = (value: number, unit: Unit = "ms") => figure([value], unit);
    /** A full run's results with every figure at or next to its limit. */
    function results(): Omit<BenchResults, "targets"> {
        const size = (resources: number, ms: number) => ({
            resources,
            requestMb: 1,
            mix: {},
            ours: f(ms),
            empty: f(ms / 2),
            noopPolicies: f(ms - 1),
            oursAboveNoopPolicies: f(1),
            diagnostics: {},
        });
        const program = (apis: number, wall: number) => ({
            apis,
            resources: apis * 32,
            wallMs: f(wall),
            programMs: f(wall - 1000),
            msPerApi: f((wall - 1000) / apis),
        });
        return {
            kind: "full",
            label: "fixture",
            date: "2026-11-23T10:00:00.000Z",
            command: "npm run bench",
            machine: {
                cores: 2,
                cpuModel: "test",
                memoryGb: 4,
                node: "v20",
                platform: "linux",
                loadAverage: { start: 0, end: 0 },
            },
            settings: {
                warmup: 1,
                runs: 1,
                analyzeCalls: 5000,
                stackSizes: [1000, 50000],
                programSizes: [10, 50],
                childRuns: 1,
            },
            coldStart: {
                startMs: { ours: f(150), empty: f(100), baseline: f(300) },
                peakRssMb: { ours: f(141, "MB"), empty: f(140, "MB"), baseline: undefined },
                ratioToEmpty: f(1.5, "ratio"),
                ratioToBaseline: f(0.5, "ratio"),
                policies: { ours: 11, empty: 1, baseline: 1 },
            },
            throughput: {
                calls: 5000,
                mix: {},
                callsPerSecond: { ours: f(1000, "calls/s"), empty: f(1100, "calls/s") },
                usPerCall: { ours: f(1000, "µs"), empty: f(900, "µs"), noopPolicies: f(950, "µs") },
                usAboveNoop: f(100, "µs"),
                usAboveNoopPolicies: f(50, "µs"),
                policies: { resource: 8, stack: 3 },
                diagnosticsPerRun: {},
            },
            peer: {
                peer: "@pulumi/awsguard@0.3.1",
                policies: { ours: 12, peer: 38 },
                startMs: { ours: f(983), peer: f(1568), empty: f(948) },
                ratioToPeer: f(0.63, "ratio"),
                usPerCall: { ours: f(400, "µs"), peer: f(800, "µs") },
                usRatioToPeer: f(0.5, "ratio"),
            },
            stackScaling: {
                sizes: [size(1000, 100), size(50000, 5000.1)],
                policies: { resource: 8, stack: 3 },
                ratioLargestToSmallest: f(60, "ratio"),
                peakRssMb: 1000,
            },
            program: {
                plan: unavailable("ms", "the plan could not run here"),
                component: { sizes: [program(10, 5000), program(50, 19999)], perApiGrowth: f(1.6, "ratio") },
                packageProgram: { sizes: [program(10, 3000), program(50, 10000)], perApiGrowth: f(1.2, "ratio") },
            },
            testSuite: f(59.9, "s"),
        };
    }

    it("judges every target on its median, limits included or excluded as each target is worded", () => {
        assert.deepStrictEqual(
            judgeTargets(results()).map((t) => [t.id, t.value, t.pass]),
            [
                ["coldStartRatioToEmpty", 1.5, true],
                ["analyzeUsAboveNoop", 100, false],
                ["stackRatio50kTo1k", 60, true],
                ["stack50kMs", 5000.1, false],
                ["program50ApisMs", 19999, true],
                ["package50ApisMs", 10000, false],
                ["programPerApiGrowth", 1.6, false],
                ["testSuiteS", 59.9, true],
            ],
        );
    });

    it("leaves a target open, with the reason, when its figure was not measured", () => {
        const r = results();
        r.stackScaling.sizes = [r.stackScaling.sizes[0]];
        r.testSuite = unavailable("s", "skipped with --skip-test-suite");
        const open = judgeTargets(r).filter((t) => t.pass === null);
        assert.deepStrictEqual(
            open.map((t) => [t.id, t.note]),
            [
                ["stackRatio50kTo1k", "not measured"],
                ["stack50kMs", "not measured"],
                ["testSuiteS", "skipped with --skip-test-suite"],
            ],
        );
    });

    it("prints the peer pack beside ours, named with its version, or why it was not measured", () => {
        const r = results();
        const table = renderTable({ ...r, targets: judgeTargets(r) });
        assert.match(
            table,
            /^Peer pack \(cold start and Analyze, interleaved with ours\): @pulumi\/awsguard@0\.3\.1$/m,
        );
        assert.match(
            table,
            /^cold start, @pulumi\/awsguard@0\.3\.1 \(38 policies\)\s+1,568\s+1,568\s+1,568\s+ms\s+1$/m,
        );
        assert.match(table, /^cold start, ours \/ peer\s+0\.63\s+0\.63\s+0\.63\s+ratio\s+1$/m);
        const missing = { ...r, peer: { unavailable: "not run with --quick" } };
        assert.match(
            renderTable({ ...missing, targets: judgeTargets(missing) }),
            /^@pulumi\/awsguard\s+not available: not run with --quick$/m,
        );
    });

    it("prints unavailable figures with their reason and every verdict in the table", () => {
        const r = results();
        const table = renderTable({ ...r, targets: judgeTargets(r) });
        const lines = table.split("\n");
        assert.match(table, /^npm run plan -- --stack prod, wall\s+not available: the plan could not run here$/m);
        const verdicts = lines.slice(lines.indexOf("Targets") + 1).map((l) => l.split(/\s{2,}/).pop());
        assert.deepStrictEqual(verdicts, ["PASS", "FAIL", "PASS", "FAIL", "PASS", "FAIL", "FAIL", "PASS"]);
        assert.match(table, /^50k resources, ours\s+5,000\s+5,000\s+5,000\s+ms\s+1$/m);
    });
});

describe("tools/bench options", () => {
    it("parses its flags with util.parseArgs and rejects an unknown one with the allowed options", () => {
        assert.deepStrictEqual(parseOptions(["--quick", "--label", "quiet machine"]), {
            quick: true,
            out: path.join(ROOT, "bench", "results.quick.json"),
            label: "quiet machine",
            skipTestSuite: false,
        });
        assert.throws(() => parseOptions(["--fast"]), {
            message:
                "bench: Unknown option '--fast'; allowed: --quick, --out <file>, --label <text>, --skip-test-suite",
        });
    });
});

describe("tools/bench/awsguard", () => {
    const pkg = (name: string) =>
        JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;

    it("is the published pack as its README has a team run it, on this repository's SDK versions", () => {
        const files = awsGuardPackFiles();
        assert.deepStrictEqual(Object.keys(files).sort(), ["PulumiPolicy.yaml", "index.js", "package.json"]);
        assert.strictEqual(
            files["index.js"],
            'const { AwsGuard } = require("@pulumi/awsguard");\n\nnew AwsGuard({ all: "mandatory" });\n',
        );
        assert.deepStrictEqual(JSON.parse(files["package.json"]).dependencies, {
            "@pulumi/awsguard": "0.3.1",
            "@pulumi/policy": pkg("@pulumi/policy"),
            "@pulumi/pulumi": pkg("@pulumi/pulumi"),
        });
    });

    it("lives in the user's cache, outside the repository, keyed by the versions it was installed with", () => {
        assert.strictEqual(
            awsGuardDir({ XDG_CACHE_HOME: "/c", HOME: "/h" }),
            `/c/observable-api/awsguard-0.3.1-policy-${pkg("@pulumi/policy")}`,
        );
        assert.strictEqual(
            awsGuardDir({ HOME: "/h" }),
            `/h/.cache/observable-api/awsguard-0.3.1-policy-${pkg("@pulumi/policy")}`,
        );
    });

    it("reports a failed install as the reason the peer was not measured, and leaves nothing behind", function () {
        this.timeout(60_000);
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "awsguard-"));
        const saved = { ...process.env };
        Object.assign(process.env, {
            XDG_CACHE_HOME: cache,
            npm_config_registry: "http://127.0.0.1:9/",
            npm_config_fetch_retries: "0",
            npm_config_cache: path.join(cache, "npm"),
            npm_config_offline: "false",
        });
        const lines: string[] = [];
        try {
            const result = ensureAwsGuard((l) => lines.push(l));
            assert.ok("unavailable" in result);
            assert.match(result.unavailable, /^npm install @pulumi\/awsguard@0\.3\.1 failed: npm (error|ERR!)/);
            assert.deepStrictEqual(fs.readdirSync(path.join(cache, "observable-api")), []);
            assert.strictEqual(lines.length, 1);
        } finally {
            process.env = saved;
            fs.rmSync(cache, { recursive: true, force: true });
        }
    });
});
