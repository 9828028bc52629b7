/**
 * The offline plan, run in this process through `runPlan` (what `npm run plan` runs), against the shipped stacks,
 * fixture stacks and fixture programs: the resources, outputs and verdicts it reports.
 */
import * as assert from "assert";
import * as path from "path";
import { renderPolicyDocument } from "../../tools/lib/policyDocument";
import { settle } from "../mocks";
import { PackPool } from "./support/plan";
import {
    DEBUG_POLICY,
    FIXTURES,
    JsonPlan,
    planners,
    PROGRAMS,
    ROOT,
    treeRow,
    UNKNOWN,
    verdicts,
} from "./support/planSpec";

const pool = new PackPool();
const { plan, planJson } = planners(pool);

describe("tools/plan", function () {
    this.timeout(120_000);
    after(() => pool.close());

    describe("the shipped stacks", () => {
        let prodText: { code: number; stdout: string; stderr: string };
        let prod: JsonPlan;
        let dev: { code: number; result: JsonPlan };

        before(async () => {
            prodText = await plan("--stack", "prod");
            prod = (await planJson("--stack", "prod")).result;
            dev = await planJson("--stack", "dev");
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
                ["observable-api:index:ObservableHttpApi", "http"],
                ["aws:apigatewayv2/stage:Stage", "http-stage"],
                ["observable-api:index:ObservableWebSocketApi", "websocket"],
                ["aws:apigatewayv2/stage:Stage", "websocket-stage"],
                ["aws:apigatewayv2/route:Route", "websocket-connect-route"],
                ["aws:cloudwatch/compositeAlarm:CompositeAlarm", "websocket-api-unhealthy"],
            ];
            for (const [type, name] of rows) {
                assert.match(prodText.stdout, treeRow(type, name), `${type} ${name}`);
            }
            assert.strictEqual(prod.summary.byType["aws:apigateway/stage:Stage"], 1);
            assert.strictEqual(prod.summary.byType["aws:apigateway/methodSettings:MethodSettings"], 2);
            // One dashboard per API: REST, HTTP and WebSocket.
            assert.strictEqual(prod.summary.byType["aws:cloudwatch/dashboard:Dashboard"], 3);
            assert.strictEqual(prod.summary.byType["aws:apigatewayv2/stage:Stage"], 2);
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

        it("records property dependencies and shows cloud-only values as the documented unknown marker", () => {
            const settings = prod.resources.find((r) => r.name === "api-method-settings")!;
            const restApi = prod.resources.find((r) => r.type === "aws:apigateway/restApi:RestApi")!;
            const stage = prod.resources.find((r) => r.name === "api-stage")!;
            assert.deepStrictEqual(settings.propertyDependencies.restApi, [restApi.urn]);
            assert.deepStrictEqual(settings.propertyDependencies.stageName, [stage.urn]);
            assert.deepStrictEqual(settings.inputs.restApi, UNKNOWN);
            assert.strictEqual(settings.inputs.methodPath, "*/*");
            assert.strictEqual(settings.inputs.settings.loggingLevel, "ERROR");
            assert.strictEqual(settings.inputs.settings.throttlingRateLimit, 500);
            assert.strictEqual(settings.inputs.settings.throttlingBurstLimit, 1000);
            const override = prod.resources.find((r) => r.name === "api-override-hello-get")!;
            assert.strictEqual(override.inputs.methodPath, "~1hello/GET");
            assert.deepStrictEqual(prod.outputs.url, UNKNOWN);
            assert.strictEqual(prod.outputs.dashboardName, "observable-api-prod-api-eu-west-1");
            assert.match(prodText.stdout, /^    url: +output<string>$/m);
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

        it("dev plans cleanly and shows no output the stack does not have (no alarms, so no alarmTopicArn)", async () => {
            assert.strictEqual(dev.code, 0);
            assert.strictEqual(dev.result.stack, "dev");
            assert.deepStrictEqual(verdicts(dev.result, "mandatory"), []);
            assert.strictEqual(dev.result.summary.byType["aws:apigateway/stage:Stage"], 1);
            assert.deepStrictEqual(Object.keys(dev.result.outputs).sort(), [
                "accessLogGroupName",
                "backendLogGroupName",
                "dashboardName",
                "dashboardUrl",
                "executionLogGroupName",
                "helloUrl",
                "httpAccessLogGroupName",
                "httpDashboardName",
                "httpHelloUrl",
                "httpUrl",
                "url",
                "webSocketAccessLogGroupName",
                "webSocketDashboardName",
                "webSocketExecutionLogGroupName",
                "webSocketUrl",
            ]);
            const text = await plan("--stack", "dev");
            assert.doesNotMatch(text.stdout, /alarmTopicArn/);
        });

        it("reports the pack and every policy's effective level", () => {
            assert.deepStrictEqual(
                prod.policyPacks.map((p) => [p.name, p.version, p.source]),
                [["api-gateway-guardrails", "0.1.0", "local: policies"]],
            );
            const levels = Object.fromEntries(prod.policyPacks[0].policies.map((p) => [p.name, p.enforcementLevel]));
            assert.strictEqual(levels["apigateway-production-definition"], "advisory");
            assert.strictEqual(levels[DEBUG_POLICY], "mandatory");
            assert.strictEqual(levels["apigateway-throttling-required"], "mandatory");
            assert.strictEqual(levels["apigateway-stage-throttling-required"], "mandatory");
        });
    });

    describe("DEBUG logging in a production stack", () => {
        const FILE = `${FIXTURES}/stacks/prod-debug.yaml`;

        it("fails with exit 1; one setting is one problem, shown once with the child that repeats it", async () => {
            const run = await plan("--stack", "prod", "--config-file", FILE);
            assert.strictEqual(run.stderr, "");
            assert.strictEqual(run.code, 1);
            assert.match(run.stdout, /^    ❌ api-gateway-guardrails@v0\.1\.0 \(local: policies\)$/m);
            const lines = run.stdout.split("\n");
            const first = lines.indexOf(
                `        - [mandatory]  ${DEBUG_POLICY}  (observable-api:index:ObservableRestApi: api)`,
            );
            assert.notStrictEqual(first, -1, run.stdout);
            assert.deepStrictEqual(lines.slice(first + 1, first + 8), [
                "          urn:pulumi:prod::observable-api::observable-api:index:ObservableRestApi::api",
                "          Production API Gateway stages must not log full request and response data (data trace, DEBUG): it exposes request bodies, tokens and personal data in CloudWatch Logs.",
                '          executionLogging.level must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" (DEBUG logs full request and response data).',
                "          the same setting, also reported on aws:apigateway/methodSettings:MethodSettings: api-method-settings:",
                "            Production API Gateway stages must not log full request and response data (data trace, DEBUG): it exposes request bodies, tokens and personal data in CloudWatch Logs.",
                '            settings.dataTraceEnabled must be false in production stack "prod", got true: it logs full request and response data.',
                "          the same setting, also reported on aws:apigateway/methodSettings:MethodSettings: api-override-hello-get:",
            ]);
            assert.doesNotMatch(run.stdout, /got not set/);
        });

        it("shows the component's warning under the component, once, with no doubled prefix", async () => {
            const run = await plan("--stack", "prod", "--config-file", FILE);
            const lines = run.stdout.split("\n");
            const at = lines.indexOf("  observable-api:index:ObservableRestApi (api):");
            assert.notStrictEqual(at, -1, run.stdout);
            assert.match(
                lines[at + 1],
                /^    warning: ObservableRestApi "api": executionLogging\.level is DEBUG in Production: /,
            );
            assert.doesNotMatch(run.stdout, /warning: warning:|\[runtime\]/);
            assert.doesNotMatch(run.stdout, /^  pulumi:pulumi:Stack/m);
        });

        it("reports every diagnostic in JSON, groups the children under the component and counts problems", async () => {
            const { code, result } = await planJson("--stack", "prod", "--config-file", FILE);
            assert.strictEqual(code, 1);
            assert.strictEqual(result.exitCode, 1);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", DEBUG_POLICY, "aws:apigateway/methodSettings:MethodSettings", "api-method-settings"],
                ["mandatory", DEBUG_POLICY, "aws:apigateway/methodSettings:MethodSettings", "api-override-hello-get"],
                ["mandatory", DEBUG_POLICY, "observable-api:index:ObservableRestApi", "api"],
                ["mandatory", DEBUG_POLICY, "observable-api:index:ObservableRestApi", "api"],
            ]);
            const component = result.resources.find((r) => r.type === "observable-api:index:ObservableRestApi")!;
            assert.deepStrictEqual(
                result.diagnostics
                    .filter((d) => d.resourceType === "aws:apigateway/methodSettings:MethodSettings")
                    .map((d) => d.sameProblemAs),
                [component.urn, component.urn],
            );
            // Two settings (the stage's level and the /hello override's level): two problems.
            assert.strictEqual(result.summary.mandatory, 2);
        });

        it("under a dev stack, the API declared Production is still blocked on the component", async () => {
            const { code, result } = await planJson("--stack", "dev", "--config-file", FILE);
            // The component declares Production: it is still blocked, whatever the stack is called, and so are its
            // MethodSettings children, which are production because their parent is.
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(
                verdicts(result, "mandatory").map((v) => `${v[2]} ${v[3]}`),
                [
                    "aws:apigateway/methodSettings:MethodSettings api-method-settings",
                    "aws:apigateway/methodSettings:MethodSettings api-override-hello-get",
                    "observable-api:index:ObservableRestApi api",
                    "observable-api:index:ObservableRestApi api",
                ],
            );
            const children = result.diagnostics.filter(
                (d) => d.resourceType === "aws:apigateway/methodSettings:MethodSettings",
            );
            assert.match(
                children[0].message,
                /in an API declared environment Production \(its parent observable-api:index:ObservableRestApi "api"\)/,
            );
            assert.match(
                result.diagnostics.find((d) => d.resourceType === "observable-api:index:ObservableRestApi")!.message,
                /in an API declared environment Production/,
            );
            assert.strictEqual(result.summary.mandatory, 2);
        });

        it("treats a stack tagged environment=production (--tag) as production whatever its name", async () => {
            const { code, result } = await planJson(
                "--stack",
                "staging",
                "--config-file",
                `${FIXTURES}/stacks/tagged-production.yaml`,
                "--tag",
                "environment=production",
            );
            assert.strictEqual(code, 1);
            assert.deepStrictEqual([...new Set(verdicts(result, "mandatory").map((v) => v[1]))], [DEBUG_POLICY]);
        });

        it("passes pulumi:tags from the stack file to the packs as stack tags, keys in any case", async () => {
            const { code, result } = await planJson(
                "--stack",
                "staging",
                "--config-file",
                `${FIXTURES}/stacks/tagged-production.yaml`,
            );
            assert.deepStrictEqual(result.stackTags, { Environment: "Production" });
            assert.strictEqual(code, 1);
            assert.match(
                result.diagnostics.find((d) => d.resourceName === "api-method-settings")!.message,
                /settings\.dataTraceEnabled must be false in production stack "staging"/,
            );
        });

        it("applies --policy-pack-config: all advisory turns the failure into warnings", async () => {
            const { code, result } = await planJson(
                "--stack",
                "prod",
                "--config-file",
                FILE,
                "--policy-pack-config",
                '{"all": "advisory"}',
            );
            assert.strictEqual(code, 0);
            assert.deepStrictEqual(verdicts(result, "mandatory"), []);
            assert.strictEqual(verdicts(result, "advisory").filter((v) => v[1] === DEBUG_POLICY).length, 4);
        });
    });

    describe("raw @pulumi/aws programs", () => {
        it("a REST stage with no MethodSettings exits 1 on apigateway-stage-throttling-required", async () => {
            const run = await plan("--stack", "dev", "--cwd", `${PROGRAMS}/rest-stage-no-method-settings`);
            assert.strictEqual(run.code, 1);
            assert.match(
                run.stdout,
                /^        - \[mandatory\]  apigateway-stage-throttling-required  \(aws:apigateway\/stage:Stage: orders-stage\)$/m,
            );
            const { result } = await planJson("--stack", "dev", "--cwd", `${PROGRAMS}/rest-stage-no-method-settings`);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", "apigateway-stage-throttling-required", "aws:apigateway/stage:Stage", "orders-stage"],
            ]);
            assert.strictEqual(result.project, "rest-stage-no-method-settings");
        });

        it("a per-method dataTraceEnabled in prod exits 1 on apigateway-no-debug-logging-in-production", async () => {
            const { code, result } = await planJson("--stack", "prod", "--cwd", `${PROGRAMS}/method-data-trace-prod`);
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", DEBUG_POLICY, "aws:apigateway/methodSettings:MethodSettings", "orders-get-trace"],
            ]);
            const diag = result.diagnostics.find((d) => d.resourceName === "orders-get-trace")!;
            assert.strictEqual(
                diag.urn,
                "urn:pulumi:prod::method-data-trace-prod::aws:apigateway/methodSettings:MethodSettings::orders-get-trace",
            );
        });

        it("an HTTP API stage with no defaultRouteSettings exits 1 on apigateway-throttling-required", async () => {
            const { code, result } = await planJson(
                "--stack",
                "dev",
                "--cwd",
                `${PROGRAMS}/http-api-no-route-settings`,
            );
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(verdicts(result, "mandatory"), [
                ["mandatory", "apigateway-throttling-required", "aws:apigatewayv2/stage:Stage", "orders-http-stage"],
                ["mandatory", "apigateway-throttling-required", "aws:apigatewayv2/stage:Stage", "orders-http-stage"],
            ]);
            assert.deepStrictEqual(result.diagnostics.map((d) => d.message.split("\n")[1]).sort(), [
                "defaultRouteSettings.throttlingBurstLimit must be a positive number, but it is not set.",
                "defaultRouteSettings.throttlingRateLimit must be a positive number, but it is not set.",
            ]);
        });

        it("a compliant raw production program exits 0 with no diagnostics", async () => {
            const run = await plan("--stack", "prod", "--cwd", `${PROGRAMS}/compliant-rest-api`);
            assert.strictEqual(run.stderr, "");
            assert.strictEqual(run.code, 0);
            assert.match(run.stdout, /^    ✅ api-gateway-guardrails@v0\.1\.0 \(local: policies\)$/m);
            const { result } = await planJson("--stack", "prod", "--cwd", `${PROGRAMS}/compliant-rest-api`);
            assert.deepStrictEqual(verdicts(result), []);
            assert.strictEqual(result.summary.create, 9);
        });

        it("plans a program this process loaded before, not the module cache's stale copy", async () => {
            const main = path.join(ROOT, PROGRAMS, "compliant-rest-api", "index.ts");
            // Loaded once under the suite's mock runtime, as a spec that runs a program does.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            require(main);
            await settle();
            const { result } = await planJson("--stack", "prod", "--cwd", `${PROGRAMS}/compliant-rest-api`);
            assert.strictEqual(result.summary.create, 9);
            assert.strictEqual(result.resources.filter((r) => r.type === "aws:apigateway/stage:Stage").length, 1);
        });

        it("answers aws.iam.getPolicyDocument offline with the provider's rendering", async () => {
            const { code, result } = await planJson("--stack", "dev", "--cwd", `${PROGRAMS}/policy-document`);
            assert.strictEqual(code, 0);
            const role = result.resources.find((r) => r.type === "aws:iam/role:Role")!;
            assert.strictEqual(
                role.inputs.assumeRolePolicy,
                [
                    "{",
                    '  "Version": "2012-10-17",',
                    '  "Statement": [',
                    "    {",
                    '      "Effect": "Allow",',
                    '      "Action": "sts:AssumeRole",',
                    '      "Principal": {',
                    '        "Service": "apigateway.amazonaws.com"',
                    "      }",
                    "    }",
                    "  ]",
                    "}",
                ].join("\n"),
            );
        });
    });

    it("renders policy documents as the provider does for several values and principals", () => {
        const out = renderPolicyDocument({
            statements: [
                {
                    sid: "Logs",
                    actions: ["logs:PutLogEvents", "logs:CreateLogStream", "logs:CreateLogStream"],
                    resources: ["arn:aws:logs:*:*:log-group:&{aws:username}"],
                    principals: [
                        { type: "Service", identifiers: ["b.amazonaws.com", "a.amazonaws.com"] },
                        { type: "AWS", identifiers: ["*"] },
                    ],
                    conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] }],
                },
                { actions: ["s3:GetObject"], principals: [{ type: "*", identifiers: ["*"] }] },
            ],
        });
        assert.strictEqual(
            out.minifiedJson,
            '{"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":["logs:PutLogEvents",' +
                '"logs:CreateLogStream"],"Resource":"arn:aws:logs:*:*:log-group:${aws:username}","Principal":' +
                '{"AWS":"*","Service":["b.amazonaws.com","a.amazonaws.com"]},"Condition":{"StringEquals":' +
                '{"aws:SourceAccount":"123456789012"}}},{"Effect":"Allow","Action":"s3:GetObject","Principal":"*"}]}',
        );
    });
});
