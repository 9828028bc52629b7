/**
 * A Python program through the real engine: tests/engine/fixtures/consumer-python builds one ObservableRestApi
 * through the SDK generated from components/, and `npm run engine` runs it (the Python environment, the generated
 * SDK, the program served as the Python Automation API serves inline programs, the component package started by its
 * launcher, the stand-in aws provider and the policy pack). The commands are the README's (./pythonSteps.ts). The
 * same program in TypeScript, against the npm package, must register the same graph.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ensurePython } from "../../tools/engine/python";
import { engine, errorLines, events, eventLogVerdicts, freshState, Run } from "./harness";
import { PYTHON_STEPS, TWIN } from "./pythonSteps";

const PACK = "api-gateway-guardrails";
const DEBUG_POLICY = "apigateway-no-debug-logging-in-production";
const STACK_URN = "urn:pulumi:prod::orders-consumer";
const COMPONENT = `${STACK_URN}::observable-api:index:ObservableRestApi`;
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:oncall";
/** The resources the program declares: the stack, the topic, the component and its 25 children. */
const RESOURCES = 28;

/**
 * Registered only by the Python program, and why:
 * - the component's provider: a Python program constructs the component remotely (Construct), through the
 *   `observable-api` provider plugin, where the TypeScript program constructs it in its own process;
 * - the built-in `pulumi` provider: the Python SDK turns the component's resource outputs (restApi, stage, …) into
 *   `pulumi_aws` objects by URN, with the engine's `pulumi:pulumi:getResource` invoke, which the engine serves
 *   through that provider.
 */
const PYTHON_ONLY = [
    `${STACK_URN}::pulumi:providers:observable-api::default_0_2_0`,
    `${STACK_URN}::pulumi:providers:pulumi::default`,
];

interface Registered {
    urn: string;
    type: string;
    parent: string;
    provider: string;
    custom: boolean;
    inputs: Record<string, any>;
}

/** What each resourcePreEvent of an event log registers, by URN. */
function graph(eventLog: string): Map<string, Registered> {
    return new Map(
        events(eventLog, "resourcePreEvent").map((e) => {
            const n = e.metadata.new;
            // A provider reference is `<provider URN>::<provider id>`, and `up` gives each default provider a new id.
            const provider = n.provider === "" ? "" : n.provider.slice(0, n.provider.lastIndexOf("::"));
            return [
                n.urn,
                {
                    urn: n.urn,
                    type: n.type,
                    parent: n.parent,
                    provider,
                    custom: n.custom,
                    inputs: n.inputs,
                },
            ];
        }),
    );
}

function ok(run: Run): void {
    assert.strictEqual(run.code, 0, `exit ${run.code}\n${run.stderr}\n${run.stdout.slice(-3000)}`);
}

describe("a Python program through the real engine (the README's Python section)", function () {
    const state = freshState("python");
    const log = (id: string) => path.join(state, `${id}.jsonl`);
    const runs = new Map<string, Run>();
    let twinUp: Run;
    const twinLog = path.join(state, "twin-up.jsonl");

    before(() => {
        for (const step of PYTHON_STEPS) {
            runs.set(step.id, engine(state, ...step.args, "--non-interactive", "--event-log", log(step.id)));
        }
        // The twin in a state folder of its own: same project, stack and URNs, a stack of its own.
        twinUp = engine(
            freshState("python-twin"),
            "-C",
            TWIN,
            "up",
            "--yes",
            "--stack",
            "prod",
            "--policy-pack",
            "policies",
            "--non-interactive",
            "--event-log",
            twinLog,
        );
    });

    it("previews with the policy pack: exit 0, no violation, every registered resource analyzed", () => {
        const r = runs.get("preview")!;
        ok(r);
        assert.deepStrictEqual(eventLogVerdicts(log("preview")), []);
        assert.match(r.stdout, new RegExp(`^    ✅ ${PACK}@v0\\.1\\.0 \\(local: `, "m"));
        const registered = [...graph(log("preview")).keys()].sort();
        const analyzed = events(log("preview"), "policyAnalyzeSummaryEvent")
            .filter((e) => e.policyPackName === PACK)
            .map((e) => e.resourceUrn);
        assert.deepStrictEqual([...new Set(analyzed)].sort(), registered);
        assert.ok(registered.includes(`${COMPONENT}::orders`));
        assert.match(r.stdout, new RegExp(`^    \\+ ${RESOURCES} to create$`, "m"));
    });

    it("blocks DEBUG logging in production on the component and on both of its MethodSettings", () => {
        const r = runs.get("debug")!;
        assert.strictEqual(r.code, 1, r.stdout.slice(-3000));
        assert.deepStrictEqual(eventLogVerdicts(log("debug")), [
            `mandatory ${DEBUG_POLICY} ${COMPONENT}$aws:apigateway/methodSettings:MethodSettings::orders-method-settings`,
            `mandatory ${DEBUG_POLICY} ${COMPONENT}$aws:apigateway/methodSettings:MethodSettings::orders-override-orders-post`,
            `mandatory ${DEBUG_POLICY} ${COMPONENT}::orders`,
            `mandatory ${DEBUG_POLICY} ${COMPONENT}::orders`,
        ]);
        const messages = events(log("debug"), "policyEvent")
            .filter((e) => e.resourceUrn === `${COMPONENT}::orders`)
            .map((e) => e.message.split("\n")[1])
            .sort();
        assert.deepStrictEqual(messages, [
            'executionLogging.level must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" (DEBUG logs full request and response data).',
            'methodOverrides[0].loggingLevel for POST /orders must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" (DEBUG logs full request and response data).',
        ]);
        assert.match(r.stdout, /^    error: preview failed$/m);
    });

    for (const { id, error: message } of PYTHON_STEPS.filter((s) => s.error !== undefined)) {
        it(`${id}: the CLI prints the component's own message, and nothing of the component is registered`, () => {
            const r = runs.get(id)!;
            assert.strictEqual(r.code, 1, r.stdout.slice(-3000));
            // The diagnostics, not the progress lines that repeat them.
            const errors = errorLines(r.stdout + "\n" + r.stderr).filter((l) => l.startsWith("error: "));
            assert.strictEqual(
                errors[0],
                `error: observable-api:index:ObservableRestApi resource 'orders' has a problem: ${message}`,
                errors.join("\n"),
            );
            // After the engine reports the failed Construct it stops serving the program. Whether the Python SDK
            // still reports its cut-off call depends on which of the two ends first, so that error may be there or
            // not; no other error may.
            const rest = errors.slice(1);
            assert.ok(
                rest.length === 0 ||
                    (rest.length === 1 &&
                        rest[0] === "error: python inline source runtime error: resource monitor shut down"),
                rest.join("\n"),
            );
            const children = [...graph(log(id)).keys()].filter((urn) => urn.startsWith(`${COMPONENT}$`));
            assert.deepStrictEqual(children, []);
        });
    }

    it("up creates every resource; a second preview proposes nothing; destroy deletes it all", () => {
        const up = runs.get("up")!;
        ok(up);
        assert.match(up.stdout, new RegExp(`^    \\+ ${RESOURCES} created$`, "m"));
        assert.match(up.stdout, /^    url +: "https:\/\/[0-9a-f]{10}\.execute-api\.eu-west-1\.amazonaws\.com\/prod"$/m);
        const again = runs.get("again")!;
        ok(again);
        const proposed = events(log("again"), "resourcePreEvent").filter((e) => e.metadata.op !== "same");
        assert.deepStrictEqual(proposed, []);
        assert.match(again.stdout, new RegExp(`^    ${RESOURCES} unchanged$`, "m"));
        const destroy = runs.get("destroy")!;
        ok(destroy);
        assert.match(destroy.stdout, new RegExp(`^    - ${RESOURCES} deleted$`, "m"));
    });

    describe("the same graph as the TypeScript program", () => {
        let python: Map<string, Registered>;
        let typescript: Map<string, Registered>;

        before(() => {
            ok(twinUp);
            python = graph(log("up"));
            typescript = graph(twinLog);
        });

        it("registers the TypeScript program's resources, and only two providers more", () => {
            assert.deepStrictEqual([...python.keys()].filter((urn) => !typescript.has(urn)).sort(), PYTHON_ONLY);
            assert.deepStrictEqual(
                [...typescript.keys()].filter((urn) => !python.has(urn)),
                [],
            );
            // The declared resources, and the aws default provider.
            assert.strictEqual(typescript.size, RESOURCES + 1);
        });

        it("with the same type, parent, provider and inputs for every one of them", () => {
            for (const [urn, ts] of typescript) {
                assert.deepStrictEqual(python.get(urn), ts, urn);
            }
        });

        it("and the key inputs are the program's: stage, throttling, the method override, the alarm actions", () => {
            const at = (name: string) => [...python.values()].find((r) => r.urn.endsWith(`::${name}`))!.inputs;
            assert.strictEqual(at("orders-stage").stageName, "prod");
            assert.deepStrictEqual(
                [at("orders-method-settings"), at("orders-override-orders-post")].map((i) => [
                    i.methodPath,
                    i.settings.throttlingRateLimit,
                    i.settings.throttlingBurstLimit,
                    i.settings.loggingLevel,
                ]),
                [
                    ["*/*", 500, 1000, "ERROR"],
                    ["~1orders/POST", 50, 1000, "ERROR"],
                ],
            );
            // Every alarm notifies the program's topic, but the two that only feed the composite alarm.
            const actions = Object.fromEntries(
                [...python.values()]
                    .filter((r) => r.type.startsWith("aws:cloudwatch/") && r.type.endsWith("Alarm"))
                    .map((r) => [r.urn.split("::").pop(), r.inputs.alarmActions]),
            );
            assert.deepStrictEqual(actions, {
                "orders-throttled-requests": [TOPIC_ARN],
                "orders-integration-timeouts": [TOPIC_ARN],
                "orders-latency-p99": [],
                "orders-4xx-rate": [TOPIC_ARN],
                "orders-5xx-rate": [],
                "orders-5xx-count": [TOPIC_ARN],
                "orders-integration-latency-p99": [TOPIC_ARN],
                "orders-api-unhealthy": [TOPIC_ARN],
            });
        });
    });

    describe("package gen-sdk --language python (Pulumi's code generator, run directly)", () => {
        const out = path.join(state, "gen-sdk");
        let gen: Run;
        const files = () =>
            (fs.readdirSync(path.join(out, "python"), { recursive: true }) as string[])
                .filter((f) => fs.statSync(path.join(out, "python", f)).isFile())
                .sort();

        before(() => {
            gen = engine(state, "package", "gen-sdk", "components", "--language", "python", "--out", out);
        });

        it("writes the SDK where the CLI writes it, with the package's plugin file and its aws requirement", () => {
            ok(gen);
            assert.deepStrictEqual(files(), [
                ".gitattributes",
                ".gitignore",
                "pulumi_observable_api/README.md",
                "pulumi_observable_api/__init__.py",
                "pulumi_observable_api/_enums.py",
                "pulumi_observable_api/_inputs.py",
                "pulumi_observable_api/_utilities.py",
                "pulumi_observable_api/api_gateway_account_settings.py",
                "pulumi_observable_api/observable_http_api.py",
                "pulumi_observable_api/observable_rest_api.py",
                "pulumi_observable_api/observable_web_socket_api.py",
                "pulumi_observable_api/outputs.py",
                "pulumi_observable_api/provider.py",
                "pulumi_observable_api/pulumi-plugin.json",
                "pulumi_observable_api/py.typed",
                "setup.py",
            ]);
            const plugin = path.join(out, "python", "pulumi_observable_api", "pulumi-plugin.json");
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(plugin, "utf8")), {
                resource: true,
                name: "observable-api",
                version: "0.2.0",
            });
            assert.match(
                fs.readFileSync(path.join(out, "python", "setup.py"), "utf8"),
                /^ {10}'pulumi_aws>=7\.48\.0',$/m,
            );
        });

        it("refers to aws resources by classes that pulumi-aws 7.48.0 has, at those module paths", async () => {
            const code = files()
                .filter((f) => f.endsWith(".py"))
                .map((f) => fs.readFileSync(path.join(out, "python", f), "utf8"))
                .join("\n");
            const refs = [
                ...new Set([...code.matchAll(/'(pulumi_aws\.[a-z0-9_]+\.[A-Za-z0-9]+)'/g)].map((m) => m[1])),
            ].sort();
            // One class per aws resource the schema references.
            const schemaText = fs.readFileSync(path.join(__dirname, "..", "..", "components", "schema.json"), "utf8");
            const referenced = new Set(
                [...schemaText.matchAll(/"\/aws\/v7\.48\.0\/schema\.json#\/resources\/([^"]+)"/g)].map((m) => m[1]),
            );
            assert.strictEqual(refs.length, referenced.size, refs.join("\n"));
            const py = await ensurePython();
            const check = spawnSync(
                py.python,
                [
                    "-c",
                    "import importlib, sys\nfor ref in sys.argv[1:]:\n    mod, cls = ref.rsplit('.', 1)\n    getattr(importlib.import_module(mod), cls)",
                ].concat(refs),
                { encoding: "utf8" },
            );
            assert.strictEqual(check.status, 0, check.stderr);
        });
    });
});
