/**
 * The program: both shipped stack files, read as the CLI would (Pulumi.yaml defaults applied), run under the mock
 * runtime; plus one case per config key proving the program honours it. The program imports the components by
 * package name (`observable-api`, the compiled components/bin: run `tsc -b components policies` first) and the
 * demo backend from demo/.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readProject, readStackConfig } from "../tools/lib/projectConfig";
import { TEST_STACK, runtime, settle, valueOf } from "./mocks";

const ROOT = path.resolve(__dirname, "..");
const PROGRAM = path.join(ROOT, "index.ts");

type Outputs = Record<string, any>;

interface Run {
    outputs: Outputs;
    /** Every pulumi.log.warn the program and its components logged. */
    warnings: string[];
}

/**
 * Run index.ts for a stack, with config overrides (values as the stack file would hold them); `stackFile` reads
 * another stack file for that stack, as `--config-file` does.
 */
async function runProgram(stack: string, overrides: Record<string, unknown> = {}, stackFile?: string): Promise<Run> {
    const { config: loaded } = readStackConfig(readProject(ROOT), stack, stackFile);
    const config = { ...loaded };
    for (const [key, value] of Object.entries(overrides)) {
        const full = key.includes(":") ? key : `observable-api:${key}`;
        if (value === undefined) {
            delete config[full];
        } else {
            config[full] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    runtime.configure({ stack, preview: false, config });
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    log.warn = (msg: string) => (warnings.push(msg), Promise.resolve());
    try {
        delete require.cache[require.resolve(PROGRAM)];
        // The program is a module with top-level effects: each stack needs a fresh evaluation, hence require.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported: Outputs = require(PROGRAM);
        const outputs: Outputs = {};
        for (const [name, output] of Object.entries(exported)) {
            outputs[name] = await valueOf(output);
        }
        await settle();
        return { outputs, warnings };
    } finally {
        log.warn = original;
    }
}

function countByType(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of runtime.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

const T = {
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    stage: "aws:apigateway/stage:Stage",
    restApi: "aws:apigateway/restApi:RestApi",
    fn: "aws:lambda/function:Function",
    v2Api: "aws:apigatewayv2/api:Api",
    v2Stage: "aws:apigatewayv2/stage:Stage",
    permission: "aws:lambda/permission:Permission",
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
};
const one = (type: string, name: string) => runtime.one(type, name);
const methodSettings = () => one(T.methodSettings, "api-method-settings").inputs.settings;
const component = () => one("observable-api:index:ObservableRestApi", "api").inputs;
/** The composites' members notify through them only: REST's, the HTTP API's and the WebSocket API's. */
const MEMBERS = [
    "api-5xx-rate",
    "api-latency-p99",
    "http-5xx-rate",
    "http-latency-p99",
    "websocket-integration-error-rate",
    "websocket-execution-errors",
];

describe("index.ts (the program)", function () {
    this.timeout(60000);
    after(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("imports the components as the compiled package observable-api", () => {
        assert.strictEqual(require.resolve("observable-api"), path.join(ROOT, "components", "bin", "index.js"));
        assert.strictEqual(
            require.resolve("observable-api/contract"),
            path.join(ROOT, "components", "bin", "contract.js"),
        );
    });

    describe("Pulumi.prod.yaml", () => {
        let run: Run;
        before(async () => {
            run = await runProgram("prod");
        });

        it("builds the production graph: exact types and counts, with no warning", () => {
            assert.deepStrictEqual(countByType(), {
                "observable-api-demo:index:DemoBackend": 2,
                "observable-api:index:ObservableRestApi": 1,
                "observable-api:index:ObservableHttpApi": 1,
                "observable-api:index:ObservableWebSocketApi": 1,
                "aws:iam/role:Role": 3,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 5,
                "aws:cloudwatch/logGroup:LogGroup": 7,
                "aws:lambda/function:Function": 2,
                "aws:lambda/permission:Permission": 5,
                "aws:apigatewayv2/api:Api": 2,
                "aws:apigatewayv2/integration:Integration": 3,
                "aws:apigatewayv2/route:Route": 3,
                "aws:apigatewayv2/deployment:Deployment": 1,
                "aws:apigatewayv2/stage:Stage": 2,
                "aws:apigateway/account:Account": 1,
                "aws:apigateway/restApi:RestApi": 1,
                "aws:apigateway/deployment:Deployment": 1,
                "aws:apigateway/stage:Stage": 1,
                "aws:apigateway/methodSettings:MethodSettings": 2,
                "aws:xray/samplingRule:SamplingRule": 1,
                "aws:kms/key:Key": 1,
                "aws:kms/alias:Alias": 1,
                "aws:sns/topic:Topic": 1,
                "aws:sns/topicPolicy:TopicPolicy": 1,
                // One dashboard, one composite, the alarms, filters and queries per API; one topic for all three.
                "aws:cloudwatch/dashboard:Dashboard": 3,
                "aws:cloudwatch/metricAlarm:MetricAlarm": 18,
                "aws:cloudwatch/compositeAlarm:CompositeAlarm": 3,
                "aws:cloudwatch/logMetricFilter:LogMetricFilter": 9,
                "aws:cloudwatch/queryDefinition:QueryDefinition": 12,
            });
            assert.deepStrictEqual(run.warnings, []);
        });

        it("logs errors only, with no data trace, and throttles the stage and the Lambda route at ~1hello/GET", () => {
            assert.deepStrictEqual(methodSettings(), {
                cachingEnabled: false,
                loggingLevel: "ERROR",
                dataTraceEnabled: false,
                metricsEnabled: true,
                throttlingRateLimit: 500,
                throttlingBurstLimit: 1000,
            });
            const hello = one(T.methodSettings, "api-override-hello-get").inputs;
            assert.deepStrictEqual(
                [
                    hello.methodPath,
                    hello.settings.throttlingRateLimit,
                    hello.settings.throttlingBurstLimit,
                    hello.settings.dataTraceEnabled,
                ],
                ["~1hello/GET", 100, 200, false],
            );
        });

        it("keeps logs for 30 days or more", () => {
            assert.deepStrictEqual(
                runtime
                    .ofType(T.logGroup)
                    .map((g) => [g.name, g.inputs.retentionInDays])
                    .sort(),
                [
                    ["api-access-logs", 365],
                    ["api-execution-logs", 90],
                    ["echo-logs", 30],
                    ["hello-logs", 30],
                    ["http-access-logs", 365],
                    ["websocket-access-logs", 365],
                    ["websocket-execution-logs", 30],
                ],
            );
        });

        it("pages through the composite: its members notify nobody, every other alarm and the composite the topic", () => {
            const topicArn = one("aws:sns/topic:Topic", "api-alarm-topic").state.arn;
            for (const alarm of runtime.ofType(T.alarm)) {
                const expected = MEMBERS.includes(alarm.name) ? [] : [topicArn];
                assert.deepStrictEqual(
                    [alarm.inputs.alarmActions, alarm.inputs.okActions],
                    [expected, expected],
                    alarm.name,
                );
            }
            assert.deepStrictEqual(
                runtime
                    .ofType(T.composite)
                    .map((c) => [c.name, c.inputs.alarmRule, c.inputs.alarmActions, c.inputs.okActions])
                    .sort(),
                [
                    [
                        "api-api-unhealthy",
                        'ALARM("observable-api-prod-api-5xx-rate") OR ALARM("observable-api-prod-api-latency-p99")',
                    ],
                    [
                        "http-api-unhealthy",
                        'ALARM("observable-api-prod-http-5xx-rate") OR ALARM("observable-api-prod-http-latency-p99")',
                    ],
                    [
                        "websocket-api-unhealthy",
                        'ALARM("observable-api-prod-websocket-integration-error-rate") OR ALARM("observable-api-prod-websocket-execution-errors")',
                    ],
                ]
                    .map(([name, rule]) => [name, rule, [topicArn], [topicArn]])
                    .sort(),
            );
            // The committed stack subscribes nobody: the on-call address is the deployer's to add (alarmEmails).
            assert.deepStrictEqual(runtime.ofType("aws:sns/topicSubscription:TopicSubscription"), []);
            assert.strictEqual(run.outputs.alarmTopicArn, topicArn);
        });

        it("builds the demo API from an OpenAPI body named after its title, with a MOCK health check and a traced Lambda route", () => {
            const restApi = one(T.restApi, "api-api").inputs;
            const body = JSON.parse(restApi.body);
            assert.strictEqual(restApi.name, "observable-api-prod");
            assert.strictEqual(body.info.title, restApi.name);
            assert.deepStrictEqual(Object.keys(body.paths), ["/health", "/hello"]);
            assert.strictEqual(body.paths["/health"].get["x-amazon-apigateway-integration"].type, "mock");
            const hello = body.paths["/hello"].get["x-amazon-apigateway-integration"];
            assert.deepStrictEqual(
                [hello.type, hello.httpMethod, hello.uri, hello.timeoutInMillis],
                ["aws_proxy", "POST", one(T.fn, "hello-function").state.invokeArn, 29000],
            );
            const fn = one(T.fn, "hello-function").inputs;
            assert.deepStrictEqual(
                [fn.tracingConfig, fn.runtime, fn.timeout, fn.memorySize, fn.loggingConfig],
                [
                    { mode: "Active" },
                    "nodejs22.x",
                    35,
                    128,
                    { logFormat: "JSON", logGroup: one(T.logGroup, "hello-logs").state.name },
                ],
            );
            const permission = one("aws:lambda/permission:Permission", "hello-invoke").inputs;
            assert.deepStrictEqual(
                [permission.action, permission.principal, permission.sourceArn],
                [
                    "lambda:InvokeFunction",
                    "apigateway.amazonaws.com",
                    `${one(T.restApi, "api-api").state.executionArn}/*/*/*`,
                ],
            );
        });

        it("attaches the managed policies in the aws partition, and the account role", () => {
            assert.deepStrictEqual(
                runtime
                    .ofType(T.attachment)
                    .map((a) => [a.name, a.inputs.policyArn])
                    .sort(),
                [
                    [
                        "api-cloudwatch-policy",
                        "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
                    ],
                    ["echo-logs", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
                    ["echo-xray", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"],
                    ["hello-logs", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
                    ["hello-xray", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"],
                ],
            );
        });

        it("builds the HTTP API from its own OpenAPI body on the same Lambda, invocable by that API only", () => {
            const api = one(T.v2Api, "http-api").inputs;
            const body = JSON.parse(api.body);
            assert.deepStrictEqual(
                [api.name, api.protocolType, body.info.title],
                ["observable-api-prod-http", "HTTP", "observable-api-prod-http"],
            );
            const hello = body.paths["/hello"].get["x-amazon-apigateway-integration"];
            assert.deepStrictEqual(
                [hello.type, hello.httpMethod, hello.uri, hello.payloadFormatVersion, hello.timeoutInMillis],
                ["aws_proxy", "POST", one(T.fn, "hello-function").state.invokeArn, "1.0", 30000],
            );
            assert.deepStrictEqual(one(T.permission, "hello-http-invoke").inputs, {
                action: "lambda:InvokeFunction",
                function: one(T.fn, "hello-function").state.name,
                principal: "apigateway.amazonaws.com",
                sourceArn: `${one(T.v2Api, "http-api").state.executionArn}/*/*`,
            });
            // The stack's throttling reaches the HTTP stage too; HTTP stages carry no logging level.
            assert.deepStrictEqual(one(T.v2Stage, "http-stage").inputs.defaultRouteSettings, {
                detailedMetricsEnabled: true,
                throttlingRateLimit: 500,
                throttlingBurstLimit: 1000,
            });
        });

        it("builds the WebSocket API: $connect, $disconnect and $default on the echo function, after the account role", () => {
            const echo = one(T.fn, "echo-function");
            assert.deepStrictEqual(
                [echo.inputs.timeout, echo.inputs.tracingConfig, echo.inputs.loggingConfig.logGroup],
                [10, { mode: "Active" }, one(T.logGroup, "echo-logs").state.name],
            );
            const api = one(T.v2Api, "websocket-api");
            assert.deepStrictEqual(api.inputs.protocolType, "WEBSOCKET");
            assert.deepStrictEqual(
                runtime.ofType("aws:apigatewayv2/route:Route").map((r) => r.inputs.routeKey),
                ["$connect", "$disconnect", "$default"],
            );
            assert.deepStrictEqual(
                runtime
                    .ofType(T.permission)
                    .filter((p) => p.name.startsWith("websocket-"))
                    .map((p) => [p.inputs.function, p.inputs.sourceArn]),
                ["$connect", "$disconnect", "$default"].map((k) => [
                    echo.state.arn,
                    `${api.state.executionArn}/prod/${k}`,
                ]),
            );
            const stage = one(T.v2Stage, "websocket-stage").inputs;
            assert.deepStrictEqual(
                [stage.name, stage.defaultRouteSettings],
                [
                    "prod",
                    {
                        loggingLevel: "ERROR",
                        dataTraceEnabled: false,
                        detailedMetricsEnabled: true,
                        throttlingRateLimit: 500,
                        throttlingBurstLimit: 1000,
                    },
                ],
            );
            const component = one("observable-api:index:ObservableWebSocketApi", "websocket");
            assert.ok(component.dependencies.includes(one("aws:apigateway/account:Account", "api-account").urn));
        });

        it("exports the URL, the dashboard with its region, the log group names and the topic", () => {
            const { outputs } = run;
            const restApiId = one(T.restApi, "api-api").id;
            assert.strictEqual(outputs.url, `https://${restApiId}.execute-api.eu-west-1.amazonaws.com/prod`);
            assert.strictEqual(outputs.helloUrl, `${outputs.url}/hello`);
            assert.strictEqual(outputs.dashboardName, "observable-api-prod-api-eu-west-1");
            assert.strictEqual(
                outputs.dashboardUrl,
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=observable-api-prod-api-eu-west-1",
            );
            assert.strictEqual(outputs.executionLogGroupName, `API-Gateway-Execution-Logs_${restApiId}/prod`);
            assert.strictEqual(outputs.accessLogGroupName, one(T.logGroup, "api-access-logs").state.name);
            assert.strictEqual(outputs.backendLogGroupName, one(T.logGroup, "hello-logs").state.name);
            const httpId = one(T.v2Api, "http-api").id;
            const wsId = one(T.v2Api, "websocket-api").id;
            assert.deepStrictEqual(
                [
                    outputs.httpUrl,
                    outputs.httpHelloUrl,
                    outputs.httpDashboardName,
                    outputs.httpAccessLogGroupName,
                    outputs.webSocketUrl,
                    outputs.webSocketDashboardName,
                    outputs.webSocketAccessLogGroupName,
                    outputs.webSocketExecutionLogGroupName,
                ],
                [
                    `https://${httpId}.execute-api.eu-west-1.amazonaws.com/`,
                    `https://${httpId}.execute-api.eu-west-1.amazonaws.com/hello`,
                    "observable-api-prod-http-eu-west-1",
                    `/aws/apigateway/http/${httpId}/_default`,
                    `wss://${wsId}.execute-api.eu-west-1.amazonaws.com/prod`,
                    "observable-api-prod-websocket-eu-west-1",
                    `/aws/apigateway/websocket/${wsId}/prod`,
                    `API-Gateway-Execution-Logs_${wsId}/prod`,
                ],
            );
            assert.deepStrictEqual(Object.keys(outputs).sort(), [
                "accessLogGroupName",
                "alarmTopicArn",
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
        });
    });

    describe("Pulumi.dev.yaml", () => {
        let run: Run;
        before(async () => {
            run = await runProgram("dev");
        });

        it("builds the development graph: exact types and counts (no alarms, no topic, no account role)", () => {
            assert.deepStrictEqual(countByType(), {
                "observable-api-demo:index:DemoBackend": 2,
                "observable-api:index:ObservableRestApi": 1,
                "observable-api:index:ObservableHttpApi": 1,
                "observable-api:index:ObservableWebSocketApi": 1,
                "aws:iam/role:Role": 2,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 4,
                "aws:cloudwatch/logGroup:LogGroup": 7,
                "aws:lambda/function:Function": 2,
                "aws:lambda/permission:Permission": 5,
                "aws:apigatewayv2/api:Api": 2,
                "aws:apigatewayv2/integration:Integration": 3,
                "aws:apigatewayv2/route:Route": 3,
                "aws:apigatewayv2/deployment:Deployment": 1,
                "aws:apigatewayv2/stage:Stage": 2,
                "aws:apigateway/restApi:RestApi": 1,
                "aws:apigateway/deployment:Deployment": 1,
                "aws:apigateway/stage:Stage": 1,
                "aws:apigateway/methodSettings:MethodSettings": 1,
                "aws:xray/samplingRule:SamplingRule": 1,
                "aws:cloudwatch/dashboard:Dashboard": 3,
                "aws:cloudwatch/logMetricFilter:LogMetricFilter": 9,
                "aws:cloudwatch/queryDefinition:QueryDefinition": 12,
            });
            assert.strictEqual(run.outputs.alarmTopicArn, undefined);
            assert.strictEqual(run.outputs.dashboardName, "observable-api-dev-api-eu-west-1");
            assert.strictEqual(one(T.restApi, "api-api").inputs.name, "observable-api-dev");
            assert.deepStrictEqual(run.warnings, []);
        });

        it("logs INFO with the data trace on, as DEBUG means", () => {
            assert.deepStrictEqual(methodSettings(), {
                cachingEnabled: false,
                loggingLevel: "INFO",
                dataTraceEnabled: true,
                metricsEnabled: true,
                throttlingRateLimit: 50,
                throttlingBurstLimit: 100,
            });
            assert.strictEqual(component().executionLogging.level, "DEBUG");
            assert.strictEqual(one(T.stage, "api-stage").inputs.stageName, "dev");
        });

        it("gives the WebSocket stage the Development preset, DEBUG as INFO plus data trace, on the stack's stage name", () => {
            const stage = one(T.v2Stage, "websocket-stage").inputs;
            assert.deepStrictEqual(
                [stage.name, stage.defaultRouteSettings],
                [
                    "dev",
                    {
                        loggingLevel: "INFO",
                        dataTraceEnabled: true,
                        detailedMetricsEnabled: true,
                        throttlingRateLimit: 50,
                        throttlingBurstLimit: 100,
                    },
                ],
            );
        });
    });

    // Keys that do not interact share one run; each key still has its own assertion.
    describe("each config key is honoured", () => {
        describe("on the dev stack, every key that does not change the presets", () => {
            const arn = "arn:aws:iam::123456789012:role/apigw-logs";
            let run: Run;
            before(async () => {
                run = await runProgram("dev", {
                    stageName: "blue",
                    metricsEnabled: "false",
                    accountCloudWatchRole: "Existing",
                    cloudWatchRoleArn: arn,
                    backendLogRetentionInDays: "60",
                    executionLogging: { level: "ERROR", retentionInDays: 14 },
                    accessLogging: { format: "Clf", retentionInDays: 30 },
                    tracing: { enabled: false },
                    throttling: { rateLimit: 7, burstLimit: 9 },
                    methodOverrides: [{ path: "/health", method: "GET", loggingLevel: "OFF" }],
                    caching: { enabled: true },
                    monitoring: { dashboard: false },
                    tags: { team: "payments" },
                });
            });

            it("stageName names the stage", () => {
                assert.strictEqual(one(T.stage, "api-stage").inputs.stageName, "blue");
            });

            it("metricsEnabled switches detailed metrics", () => {
                assert.strictEqual(methodSettings().metricsEnabled, false);
            });

            it("accountCloudWatchRole and cloudWatchRoleArn set an existing role", () => {
                assert.strictEqual(one("aws:apigateway/account:Account", "api-account").inputs.cloudwatchRoleArn, arn);
                assert.deepStrictEqual(
                    runtime.ofType("aws:iam/role:Role").map((r) => r.name),
                    ["hello-role", "echo-role"],
                );
            });

            it("backendLogRetentionInDays sets the Lambda log group's retention", () => {
                assert.strictEqual(one(T.logGroup, "hello-logs").inputs.retentionInDays, 60);
            });

            it("executionLogging sets level and retention", () => {
                assert.deepStrictEqual(
                    [methodSettings().loggingLevel, methodSettings().dataTraceEnabled],
                    ["ERROR", false],
                );
                assert.strictEqual(one(T.logGroup, "api-execution-logs").inputs.retentionInDays, 14);
            });

            it("accessLogging sets format and retention, and Clf skips the filters with a warning", () => {
                assert.match(
                    one(T.stage, "api-stage").inputs.accessLogSettings.format,
                    /^\$context\.identity\.sourceIp /,
                );
                assert.strictEqual(one(T.logGroup, "api-access-logs").inputs.retentionInDays, 30);
                // The HTTP and WebSocket APIs take the same setting, in their own Clf presets.
                assert.match(
                    one(T.v2Stage, "http-stage").inputs.accessLogSettings.format,
                    / "\$context\.httpMethod \$context\.routeKey /,
                );
                assert.match(
                    one(T.v2Stage, "websocket-stage").inputs.accessLogSettings.format,
                    / "\$context\.eventType \$context\.routeKey /,
                );
                assert.deepStrictEqual(
                    [
                        one(T.logGroup, "http-access-logs").inputs.retentionInDays,
                        one(T.logGroup, "websocket-access-logs").inputs.retentionInDays,
                    ],
                    [30, 30],
                );
                assert.strictEqual(runtime.ofType(T.filter).length, 0);
                assert.deepStrictEqual(run.warnings, [
                    'ObservableRestApi "api": the access-log metric filters (429, 502, 504, integration timeouts) and ' +
                        "their alarms need accessLogging.format Json; they were skipped for this format.",
                    'ObservableHttpApi "http": the access-log metric filters (429, 502, 503) and the throttled-requests ' +
                        "alarm need accessLogging.format Json; they were skipped for this format.",
                    'ObservableWebSocketApi "websocket": the access-log metric filters (throttled messages, failed ' +
                        "connects) and their alarms need accessLogging.format Json; they were skipped for this format.",
                ]);
            });

            it("tracing switches X-Ray and the sampling rule", () => {
                assert.strictEqual(one(T.stage, "api-stage").inputs.xrayTracingEnabled, false);
                assert.strictEqual(runtime.ofType("aws:xray/samplingRule:SamplingRule").length, 0);
            });

            it("throttling sets the stage-wide limits, of the HTTP and WebSocket stages too", () => {
                assert.deepStrictEqual(
                    [methodSettings().throttlingRateLimit, methodSettings().throttlingBurstLimit],
                    [7, 9],
                );
                for (const stage of ["http-stage", "websocket-stage"]) {
                    const settings = one(T.v2Stage, stage).inputs.defaultRouteSettings;
                    assert.deepStrictEqual(
                        [settings.throttlingRateLimit, settings.throttlingBurstLimit],
                        [7, 9],
                        stage,
                    );
                }
            });

            it("methodOverrides adds one MethodSettings per route, keyed ~1<path>/<METHOD>", () => {
                const override = one(T.methodSettings, "api-override-health-get").inputs;
                assert.deepStrictEqual([override.methodPath, override.settings.loggingLevel], ["~1health/GET", "OFF"]);
            });

            it("caching turns on an encrypted cache", () => {
                assert.strictEqual(one(T.stage, "api-stage").inputs.cacheClusterEnabled, true);
                assert.deepStrictEqual(
                    [methodSettings().cachingEnabled, methodSettings().cacheDataEncrypted],
                    [true, true],
                );
            });

            it("monitoring switches the dashboard", () => {
                assert.strictEqual(runtime.ofType("aws:cloudwatch/dashboard:Dashboard").length, 0);
                assert.strictEqual(run.outputs.dashboardName, undefined);
            });

            it("tags reach every taggable resource, with project and stack", () => {
                const expected = { project: "observable-api", stack: "dev", team: "payments" };
                assert.deepStrictEqual(one(T.stage, "api-stage").inputs.tags, expected);
                assert.deepStrictEqual(one(T.fn, "hello-function").inputs.tags, expected);
            });
        });

        it("environment picks the presets, and a stack file without stageName gets Pulumi.yaml's default", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-"));
            try {
                const stackFile = path.join(dir, "Pulumi.dev.yaml");
                fs.writeFileSync(
                    stackFile,
                    "config:\n  aws:region: eu-west-1\n  observable-api:environment: Staging\n",
                );
                const { warnings } = await runProgram("dev", {}, stackFile);
                assert.deepStrictEqual(warnings, []);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
            assert.strictEqual(component().environment, "Staging");
            assert.deepStrictEqual(
                [
                    methodSettings().loggingLevel,
                    methodSettings().dataTraceEnabled,
                    methodSettings().throttlingRateLimit,
                ],
                ["INFO", false, 500],
            );
            assert.strictEqual(one(T.stage, "api-stage").inputs.stageName, "v1");
        });

        it("backendLogRetentionInDays is checked like the components' retentions, before anything is registered", async () => {
            await assert.rejects(runProgram("dev", { backendLogRetentionInDays: "10" }), {
                message:
                    'DemoBackend "hello": logRetentionInDays must be one of CloudWatch\'s retention periods (1, 3, 5, 7, ' +
                    "14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), got 10",
            });
            await settle();
            assert.deepStrictEqual(runtime.resources, []);
        });

        it("alarmTopicArn sends alarms to an existing topic and creates none", async () => {
            const arn = "arn:aws:sns:eu-west-1:123456789012:oncall";
            await runProgram("prod", { alarmTopicArn: arn, alarmEmails: [] });
            assert.strictEqual(runtime.ofType("aws:sns/topic:Topic").length, 0);
            for (const alarm of runtime.ofType(T.alarm)) {
                assert.deepStrictEqual(
                    alarm.inputs.alarmActions,
                    MEMBERS.includes(alarm.name) ? [] : [arn],
                    alarm.name,
                );
            }
            assert.deepStrictEqual(one(T.composite, "api-api-unhealthy").inputs.alarmActions, [arn]);
        });

        it("alarmEmails subscribes each address, and aws:region reaches the ARNs, the dashboard and the partition", async () => {
            const { outputs } = await runProgram("prod", {
                alarmEmails: ["a@example.com", "b@example.com"],
                "aws:region": "cn-north-1",
            });
            assert.deepStrictEqual(
                runtime
                    .ofType("aws:sns/topicSubscription:TopicSubscription")
                    .map((s) => s.inputs.endpoint)
                    .sort(),
                ["a@example.com", "b@example.com"],
            );
            assert.match(outputs.url, /\.execute-api\.cn-north-1\.amazonaws\.com\.cn\/prod$/);
            assert.strictEqual(outputs.dashboardName, "observable-api-prod-api-cn-north-1");
            assert.deepStrictEqual(
                runtime
                    .ofType(T.attachment)
                    .map((a) => a.inputs.policyArn)
                    .sort(),
                [
                    // Both demo functions' policies, and the account role's.
                    "arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess",
                    "arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess",
                    "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                    "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                    "arn:aws-cn:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
                ],
            );
        });

        it("monitoring switches the alarms", async () => {
            await runProgram("prod", { monitoring: { dashboard: false, alarms: false } });
            assert.deepStrictEqual(
                ["aws:cloudwatch/dashboard:Dashboard", T.alarm, T.composite, "aws:sns/topic:Topic"].map(
                    (t) => runtime.ofType(t).length,
                ),
                [0, 0, 0, 0],
            );
        });
    });
});
