/**
 * End-to-end tests of `npm run plan`: each case runs the real tool as a child process, exactly as CI would, and
 * checks its exit code, its text or JSON output and its one-line errors.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = "tests/fixtures";
const PROGRAMS = `${FIXTURES}/programs`;

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

function plan(...args: string[]): Run {
    const res = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/plan.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
        timeout: 120_000,
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

interface JsonDiagnostic {
    policyName: string;
    enforcementLevel: string;
    resourceType: string;
    resourceName: string;
    urn: string;
    message: string;
}

interface JsonPlan {
    project: string;
    stack: string;
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

function planJson(...args: string[]): { code: number | null; result: JsonPlan; stderr: string } {
    const run = plan(...args, "--json");
    assert.strictEqual(run.stderr, "", `stderr: ${run.stderr}`);
    return { code: run.code, result: JSON.parse(run.stdout) as JsonPlan, stderr: run.stderr };
}

/** [level, policy, resource type, resource name] for every diagnostic, sorted. */
function verdicts(result: JsonPlan, level?: string): string[][] {
    return result.diagnostics
        .filter((d) => level === undefined || d.enforcementLevel === level)
        .map((d) => [d.enforcementLevel, d.policyName, d.resourceType, d.resourceName])
        .sort((a, b) => a.join(" ").localeCompare(b.join(" ")));
}

/** A row of the resource tree: `+   <tree prefix><type>  <name>  create`. */
function treeRow(type: string, name: string): RegExp {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    return new RegExp(`^ \\+   [│├└─ ]*${esc(type)} +${esc(name)} +create$`, "m");
}

describe("tools/plan (end to end)", function () {
    this.timeout(180_000);

    describe("the shipped stacks", () => {
        let prodText: Run;
        let prod: JsonPlan;
        let dev: { code: number | null; result: JsonPlan };

        before(() => {
            prodText = plan("--stack", "prod");
            prod = planJson("--stack", "prod").result;
            dev = planJson("--stack", "dev");
        });

        it("prod plans cleanly: exit 0 and no mandatory violation", () => {
            assert.strictEqual(prodText.stderr, "");
            assert.strictEqual(prodText.code, 0);
            assert.strictEqual(prod.exitCode, 0);
            assert.deepStrictEqual(verdicts(prod, "mandatory"), []);
            assert.match(prodText.stdout, /^    ✅ api-gateway-guardrails@v0\.1\.0 \(local: policies\)$/m);
        });

        it("prod lists the stage, the method settings, both API log groups, the dashboard, the alarms and the topic", () => {
            const rows: [string, string][] = [
                ["pulumi:pulumi:Stack", "observable-api-prod"],
                ["aws:apigateway/stage:Stage", "api-stage"],
                ["aws:apigateway/methodSettings:MethodSettings", "api-method-settings"],
                ["aws:apigateway/methodSettings:MethodSettings", "api-override-hello-get"],
                ["aws:cloudwatch/logGroup:LogGroup", "api-execution-logs"],
                ["aws:cloudwatch/logGroup:LogGroup", "api-access-logs"],
                ["aws:cloudwatch/dashboard:Dashboard", "api-dashboard"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "api-5xx-count"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "api-latency-p99"],
                ["aws:sns/topic:Topic", "api-alarm-topic"],
            ];
            for (const [type, name] of rows) {
                assert.match(prodText.stdout, treeRow(type, name), `${type} ${name}`);
            }
            assert.strictEqual(prod.summary.byType["aws:apigateway/stage:Stage"], 1);
            assert.strictEqual(prod.summary.byType["aws:apigateway/methodSettings:MethodSettings"], 2);
            assert.strictEqual(prod.summary.byType["aws:cloudwatch/dashboard:Dashboard"], 1);
            assert.strictEqual(prod.summary.byType["aws:sns/topic:Topic"], 1);
            assert.strictEqual(prod.summary.create, prod.resources.length);
            assert.match(prodText.stdout, new RegExp(`^    \\+ ${prod.resources.length} to create$`, "m"));
            assert.match(prodText.stdout, /^    aws:apigateway\/stage:Stage +1$/m);
        });

        it("prod nests every resource under its parent, down from the Stack", () => {
            const stack = prod.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
            const api = prod.resources.find((r) => r.type === "observable-api:index:ObservableRestApi")!;
            const stage = prod.resources.find((r) => r.name === "api-stage")!;
            assert.strictEqual(stack.urn, "urn:pulumi:prod::observable-api::pulumi:pulumi:Stack::observable-api-prod");
            assert.strictEqual(stack.parent, undefined);
            assert.strictEqual(api.parent, stack.urn);
            assert.strictEqual(stage.parent, api.urn);
            assert.match(prodText.stdout, /^ \+   ├─ observable-api:index:ObservableRestApi +api +create$/m);
            assert.match(prodText.stdout, /^ \+   │  ├─ aws:apigateway\/stage:Stage +api-stage +create$/m);
        });

        it("records property dependencies and keeps cloud-only values unknown, as a preview does", () => {
            const settings = prod.resources.find((r) => r.name === "api-method-settings")!;
            const restApi = prod.resources.find((r) => r.type === "aws:apigateway/restApi:RestApi")!;
            const stage = prod.resources.find((r) => r.name === "api-stage")!;
            assert.deepStrictEqual(settings.propertyDependencies.restApi, [restApi.urn]);
            assert.deepStrictEqual(settings.propertyDependencies.stageName, [stage.urn]);
            assert.strictEqual(settings.inputs.restApi, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
            assert.strictEqual(settings.inputs.methodPath, "*/*");
            assert.strictEqual(settings.inputs.settings.loggingLevel, "ERROR");
            assert.strictEqual(settings.inputs.settings.throttlingRateLimit, 500);
            assert.strictEqual(settings.inputs.settings.throttlingBurstLimit, 1000);
        });

        it("prints every phase's timing in text and JSON", () => {
            assert.match(
                prodText.stdout,
                /^Duration: \S+ \(config \S+, program \S+, pack start \S+ in parallel, configure \S+, analyze \S+, analyze stack \S+\)$/m,
            );
            assert.deepStrictEqual(Object.keys(prod.timings), [
                "configMs",
                "programMs",
                "packStartMs",
                "configureMs",
                "analyzeMs",
                "analyzeStackMs",
                "totalMs",
            ]);
            Object.values(prod.timings).forEach((ms) => assert.strictEqual(typeof ms, "number"));
        });

        it("dev plans cleanly: exit 0 and no mandatory violation", () => {
            assert.strictEqual(dev.code, 0);
            assert.strictEqual(dev.result.stack, "dev");
            assert.deepStrictEqual(verdicts(dev.result, "mandatory"), []);
            assert.strictEqual(dev.result.summary.byType["aws:apigateway/stage:Stage"], 1);
        });

        it("reports the pack and every policy's effective level", () => {
            assert.deepStrictEqual(
                prod.policyPacks.map((p) => [p.name, p.version, p.source]),
                [["api-gateway-guardrails", "0.1.0", "local: policies"]],
            );
            const levels = Object.fromEntries(prod.policyPacks[0].policies.map((p) => [p.name, p.enforcementLevel]));
            assert.strictEqual(levels["apigateway-no-debug-logging-in-production"], "mandatory");
            assert.strictEqual(levels["apigateway-throttling-required"], "mandatory");
            assert.strictEqual(levels["apigateway-stage-throttling-required"], "mandatory");
        });
    });

    describe("DEBUG logging in a production stack", () => {
        const FILE = `${FIXTURES}/stacks/prod-debug.yaml`;

        it("fails the prod stack with exit 1, naming the policy and the offending resources", () => {
            const run = plan("--stack", "prod", "--config-file", FILE);
            assert.strictEqual(run.stderr, "");
            assert.strictEqual(run.code, 1);
            assert.match(run.stdout, /^    ❌ api-gateway-guardrails@v0\.1\.0 \(local: policies\)$/m);
            assert.match(
                run.stdout,
                /^        - \[mandatory\]  apigateway-no-debug-logging-in-production  \(aws:apigateway\/methodSettings:MethodSettings: api-method-settings\)$/m,
            );
            assert.match(
                run.stdout,
                /^          urn:pulumi:prod::observable-api::observable-api:index:ObservableRestApi\$aws:apigateway\/methodSettings:MethodSettings::api-method-settings$/m,
            );
            assert.match(
                run.stdout,
                /^          executionLogging\.level must be OFF, ERROR or INFO in production stack "prod", got "DEBUG"/m,
            );
        });

        it("reports exactly the component and both method settings as mandatory violations", () => {
            const { code, result } = planJson("--stack", "prod", "--config-file", FILE);
            assert.strictEqual(code, 1);
            assert.strictEqual(result.exitCode, 1);
            const P = "apigateway-no-debug-logging-in-production";
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", P, "aws:apigateway/methodSettings:MethodSettings", "api-method-settings"],
                ["mandatory", P, "aws:apigateway/methodSettings:MethodSettings", "api-override-hello-get"],
                ["mandatory", P, "observable-api:index:ObservableRestApi", "api"],
                ["mandatory", P, "observable-api:index:ObservableRestApi", "api"],
            ]);
            assert.strictEqual(result.summary.mandatory, 4);
        });

        it("passes the same file under a dev stack with exit 0", () => {
            const { code, result } = planJson("--stack", "dev", "--config-file", FILE);
            assert.strictEqual(code, 0);
            assert.deepStrictEqual(verdicts(result, "mandatory"), []);
        });

        it("treats a stack tagged environment=production as production whatever its name", () => {
            const { code, result } = planJson(
                "--stack",
                "staging",
                "--config-file",
                FILE,
                "--tag",
                "environment=production",
            );
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(
                [...new Set(verdicts(result, "mandatory").map((v) => v[1]))],
                ["apigateway-no-debug-logging-in-production"],
            );
        });

        it("applies --policy-pack-config: all advisory turns the failure into warnings", () => {
            const { code, result } = planJson(
                "--stack",
                "prod",
                "--config-file",
                FILE,
                "--policy-pack-config",
                '{"all": "advisory"}',
            );
            assert.strictEqual(code, 0);
            assert.deepStrictEqual(verdicts(result, "mandatory"), []);
            assert.strictEqual(
                verdicts(result, "advisory").filter((v) => v[1] === "apigateway-no-debug-logging-in-production").length,
                4,
            );
        });
    });

    describe("raw @pulumi/aws programs", () => {
        it("a REST stage with no MethodSettings exits 1 on apigateway-stage-throttling-required", () => {
            const run = plan("--stack", "dev", "--cwd", `${PROGRAMS}/rest-stage-no-method-settings`);
            assert.strictEqual(run.code, 1);
            assert.match(
                run.stdout,
                /^        - \[mandatory\]  apigateway-stage-throttling-required  \(aws:apigateway\/stage:Stage: orders-stage\)$/m,
            );
            const { result } = planJson("--stack", "dev", "--cwd", `${PROGRAMS}/rest-stage-no-method-settings`);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", "apigateway-stage-throttling-required", "aws:apigateway/stage:Stage", "orders-stage"],
            ]);
            assert.strictEqual(result.project, "rest-stage-no-method-settings");
        });

        it("a per-method dataTraceEnabled in prod exits 1 on apigateway-no-debug-logging-in-production", () => {
            const { code, result } = planJson("--stack", "prod", "--cwd", `${PROGRAMS}/method-data-trace-prod`);
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                [
                    "mandatory",
                    "apigateway-no-debug-logging-in-production",
                    "aws:apigateway/methodSettings:MethodSettings",
                    "orders-get-trace",
                ],
            ]);
            const diag = result.diagnostics.find((d) => d.resourceName === "orders-get-trace")!;
            assert.strictEqual(
                diag.urn,
                "urn:pulumi:prod::method-data-trace-prod::pulumi:pulumi:Stack$aws:apigateway/methodSettings:MethodSettings::orders-get-trace",
            );
        });

        it("an HTTP API stage with no defaultRouteSettings exits 1 on apigateway-throttling-required", () => {
            const { code, result } = planJson("--stack", "dev", "--cwd", `${PROGRAMS}/http-api-no-route-settings`);
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", "apigateway-throttling-required", "aws:apigatewayv2/stage:Stage", "orders-http-stage"],
                ["mandatory", "apigateway-throttling-required", "aws:apigatewayv2/stage:Stage", "orders-http-stage"],
            ]);
            assert.deepStrictEqual(result.diagnostics.map((d) => d.message.split("\n")[1]).sort(), [
                "defaultRouteSettings.throttlingBurstLimit must be a positive number, got not set.",
                "defaultRouteSettings.throttlingRateLimit must be a positive number, got not set.",
            ]);
        });

        it("a compliant raw production program exits 0 with no diagnostics", () => {
            const run = plan("--stack", "prod", "--cwd", `${PROGRAMS}/compliant-rest-api`);
            assert.strictEqual(run.stderr, "");
            assert.strictEqual(run.code, 0);
            assert.match(run.stdout, /^    ✅ api-gateway-guardrails@v0\.1\.0 \(local: policies\)$/m);
            const { result } = planJson("--stack", "prod", "--cwd", `${PROGRAMS}/compliant-rest-api`);
            assert.deepStrictEqual(verdicts(result), []);
            assert.strictEqual(result.summary.create, 9);
        });
    });

    describe("secrets", () => {
        it("replaces a secure: value by a marked placeholder and says so", () => {
            const file = `${FIXTURES}/stacks/dev-secure.yaml`;
            const run = plan("--stack", "dev", "--config-file", file);
            assert.strictEqual(run.code, 0);
            assert.match(
                run.stdout,
                /^Secrets: observable-api:tags cannot be decrypted offline; the program saw a placeholder instead\.$/m,
            );
            const { result } = planJson("--stack", "dev", "--config-file", file);
            assert.deepStrictEqual(result.secretPlaceholders, ["observable-api:tags"]);
            const logGroup = result.resources.find((r) => r.name === "api-access-logs")!;
            assert.strictEqual(
                logGroup.inputs.tags.owner,
                "[offline plan: secret observable-api:tags cannot be decrypted]",
            );
        });
    });

    describe("bad input exits 2 with a one-line reason", () => {
        const cases: [string, string[], string][] = [
            ["a missing stack file", ["--stack", "qa"], "error: stack file Pulumi.qa.yaml does not exist"],
            [
                "a missing --config-file",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/nope.yaml`],
                `error: stack file ${FIXTURES}/stacks/nope.yaml does not exist`,
            ],
            [
                "broken YAML",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/broken.yaml`],
                `error: stack file ${FIXTURES}/stacks/broken.yaml is not valid YAML at line 3, column 1: ` +
                    "Flow sequence in block collection must be sufficiently indented and end with a ]",
            ],
            [
                "an unknown --policy-pack directory",
                ["--stack", "prod", "--policy-pack", "no-such-pack"],
                "error: --policy-pack no-such-pack is not a directory",
            ],
            [
                "a --policy-pack directory that is no pack",
                ["--stack", "prod", "--policy-pack", "components"],
                "error: --policy-pack components is not a policy pack: it has no PulumiPolicy.yaml",
            ],
            [
                "an integer key given a word",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/bad-type.yaml`],
                `error: stack file ${FIXTURES}/stacks/bad-type.yaml: config observable-api:backendLogRetentionInDays ` +
                    'must be an integer, got string "two weeks"',
            ],
            [
                "an array key given a string",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/bad-array.yaml`],
                `error: stack file ${FIXTURES}/stacks/bad-array.yaml: config observable-api:alarmEmails ` +
                    'must be an array of string, got string "ops@example.com"',
            ],
            [
                "a boolean key given a phrase",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/bad-boolean.yaml`],
                `error: stack file ${FIXTURES}/stacks/bad-boolean.yaml: config observable-api:metricsEnabled ` +
                    'must be a boolean (true or false), got string "yes please"',
            ],
            [
                "an unknown config key",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/unknown-key.yaml`],
                `error: unknown config observable-api:stageNme in ${FIXTURES}/stacks/unknown-key.yaml: Pulumi.yaml ` +
                    "declares environment, stageName, metricsEnabled, accountCloudWatchRole, cloudWatchRoleArn, " +
                    "alarmTopicArn, alarmEmails, backendLogRetentionInDays and the program also reads accessLogging, " +
                    "caching, executionLogging, methodOverrides, monitoring, tags, throttling, tracing",
            ],
            ["no --stack", [], "error: --stack <name> is required, for example --stack dev"],
            ["an unknown flag", ["--stack", "prod", "--bogus"], "error: Unknown option '--bogus'; see --help"],
            [
                "an unknown policy in --policy-pack-config",
                ["--stack", "prod", "--policy-pack-config", '{"no-such-policy": "mandatory"}'],
                "error: policy pack api-gateway-guardrails has no policy no-such-policy; its policies are " +
                    "apigateway-no-debug-logging-in-production, apigateway-throttling-required, " +
                    "apigateway-stage-throttling-required, apigateway-access-logging-required, " +
                    "apigateway-execution-logging-required, apigateway-xray-tracing-required, " +
                    "apigateway-cache-encryption-required, apigateway-log-retention-required, " +
                    "apigateway-no-implicit-stage, apigateway-alarms-required, apigateway-throttling-within-account-limits",
            ],
            [
                "a bad level in --policy-pack-config",
                ["--stack", "prod", "--policy-pack-config", '{"all": "loud"}'],
                'error: policy pack api-gateway-guardrails: all enforcement level "loud" is not one of advisory, ' +
                    "mandatory, remediate, disabled",
            ],
            [
                "a config property that fails the policy's schema",
                [
                    "--stack",
                    "prod",
                    "--policy-pack-config",
                    '{"apigateway-no-debug-logging-in-production": {"maxLevel": "DEBUG"}}',
                ],
                "error: policy pack api-gateway-guardrails: apigateway-no-debug-logging-in-production.maxLevel " +
                    'must be one of "ERROR", "INFO", got "DEBUG"',
            ],
        ];
        for (const [what, args, expected] of cases) {
            it(what, () => {
                const run = plan(...args);
                assert.strictEqual(run.code, 2);
                assert.strictEqual(run.stdout, "");
                assert.strictEqual(run.stderr, `${expected}\n`);
            });
        }

        it("a program that throws exits 2 with the program's own message", () => {
            const run = plan("--stack", "dev", "--cwd", `${PROGRAMS}/throws`);
            assert.strictEqual(run.code, 2);
            assert.strictEqual(run.stdout, "");
            assert.strictEqual(
                run.stderr,
                `error: program ${PROGRAMS}/throws/index.ts failed: orders: stageName must not be empty\n`,
            );
        });
    });
});
