import * as assert from "assert";
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    CLOUDWATCH_RETENTION_DAYS,
    Environment,
    ExecutionLogLevel,
    type WebSocketApiSettings,
} from "../../components/contract";
import {
    WEBSOCKET_CLF_ACCESS_LOG_FORMAT,
    WEBSOCKET_JSON_ACCESS_LOG_FORMAT,
} from "../../components/logging/accessLogFormat";
import { ObservableWebSocketApi, type ObservableWebSocketApiArgs } from "../../components/observableWebSocketApi";
import { MOCK_ACCOUNT_ID } from "../../tools/lib/mockRuntime";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";
import { allResourceErrorsOn, collectFailures } from "./support/deferredFailures";

const T = {
    component: "observable-api:index:ObservableWebSocketApi",
    api: "aws:apigatewayv2/api:Api",
    integration: "aws:apigatewayv2/integration:Integration",
    route: "aws:apigatewayv2/route:Route",
    deployment: "aws:apigatewayv2/deployment:Deployment",
    stage: "aws:apigatewayv2/stage:Stage",
    permission: "aws:lambda/permission:Permission",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    account: "aws:apigateway/account:Account",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    query: "aws:cloudwatch/queryDefinition:QueryDefinition",
    topic: "aws:sns/topic:Topic",
};

const CONNECT_FN = `arn:aws:lambda:us-east-1:${MOCK_ACCOUNT_ID}:function:connect`;
const CHAT_FN = `arn:aws:lambda:us-east-1:${MOCK_ACCOUNT_ID}:function:chat`;
const ROUTES = [
    { routeKey: "$connect", functionArn: CONNECT_FN },
    { routeKey: "$disconnect", functionArn: CONNECT_FN },
    { routeKey: "$default", functionArn: CHAT_FN },
    { routeKey: "sendMessage", functionArn: CHAT_FN },
];
const uri = (fn: string, partition = "aws", region = "us-east-1") =>
    `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${fn}/invocations`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const NO_MONITORING = { dashboard: false, alarms: false, queries: false, compositeAlarm: false };
const TAGS = { team: "chat" };
const P = 'ObservableWebSocketApi "chat": ';
const PLAIN = "must be a plain value, not an Output or a promise: it decides which resources the component creates";
const ROLE_ARN = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/shared-apigw-logs`;

async function build(
    args: Partial<ObservableWebSocketApiArgs>,
): Promise<{ ws: ObservableWebSocketApi; warnings: string[] }> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    log.warn = (msg: string) => (warnings.push(msg), Promise.resolve());
    try {
        const ws = new ObservableWebSocketApi("chat", { routes: ROUTES, monitoring: NO_MONITORING, ...args });
        const m = ws.monitoring;
        const children: pulumi.Resource[] = [
            ws.stage,
            ws.deployment,
            ws.accessLogGroup,
            ...ws.permissions,
            ...m.alarms,
            ...m.metricFilters,
            ...m.queries,
            ...(ws.account ? [ws.account] : []),
            ...(m.dashboard ? [m.dashboard] : []),
            ...(m.compositeAlarm ? [m.compositeAlarm] : []),
        ];
        await Promise.all(children.map((c) => valueOf(c.urn)));
        await settle();
        return { ws, warnings };
    } finally {
        log.warn = original;
    }
}

const fresh = () => runtime.configure({ stack: TEST_STACK, preview: false, config: {} });
const debugWarning = (arg: string) =>
    `${P}${arg} is DEBUG in Production: full request and response data, which may hold credentials and personal ` +
    "data, will be written to CloudWatch Logs; the policy pack's apigateway-no-debug-logging-in-production blocks " +
    "the deployment of an API declared Production";

describe("components/observableWebSocketApi", () => {
    describe("Production defaults", () => {
        let ws: ObservableWebSocketApi;
        let warnings: string[];
        let apiId: string;
        before(async () => {
            fresh();
            ({ ws, warnings } = await build({ tags: TAGS }));
            apiId = runtime.one(T.api, "chat-api").id!;
        });

        it("registers the Api, one integration, route and permission per route, the deployment, the stage and two log groups", () => {
            const component = runtime.one(T.component, "chat");
            const slugs = ["connect", "disconnect", "default", "route-sendmessage"];
            assert.deepStrictEqual(
                runtime.resources
                    .filter((r) => r !== component)
                    .map((r) => `${r.type} ${r.name}`)
                    .sort(),
                [
                    `${T.api} chat-api`,
                    `${T.deployment} chat-deployment`,
                    `${T.stage} chat-stage`,
                    `${T.logGroup} chat-access-logs`,
                    `${T.logGroup} chat-execution-logs`,
                    ...slugs.map((s) => `${T.integration} chat-${s}-integration`),
                    ...slugs.map((s) => `${T.route} chat-${s}-route`),
                    ...slugs.map((s) => `${T.permission} chat-${s}-permission`),
                ].sort(),
            );
            for (const r of runtime.resources.filter((x) => x !== component)) {
                assert.strictEqual(r.parent, component.urn, r.name);
            }
            assert.deepStrictEqual(warnings, []);
            assert.deepStrictEqual(
                [ws.integrations.length, ws.routes.length, ws.permissions.length, ws.executionLogGroup !== undefined],
                [4, 4, 4, true],
            );
        });

        it("registers its effective settings, presets applied, as its inputs: the contract, exactly", () => {
            const expected: WebSocketApiSettings = {
                apiSource: "routes",
                environment: "Production",
                stageName: "prod",
                executionLogging: { level: "ERROR", retentionInDays: 30 },
                accessLogging: { format: "Json", retentionInDays: 90 },
                throttling: { rateLimit: 1000, burstLimit: 2000 },
                detailedMetrics: true,
                routeOverrides: [],
                accountCloudWatchRole: "None",
                protectLogs: true,
                monitoring: { dashboard: false, alarms: false, queries: false, compositeAlarm: false },
            };
            assert.deepStrictEqual(runtime.one(T.component, "chat").inputs, expected);
        });

        it("creates a WebSocket Api named <project>-<stack>-<name>, routing on $request.body.action", () => {
            assert.deepStrictEqual(runtime.one(T.api, "chat-api").inputs, {
                name: "observable-api-test-chat",
                protocolType: "WEBSOCKET",
                routeSelectionExpression: "$request.body.action",
                tags: TAGS,
            });
        });

        it("integrates each route with its function through the Lambda invocation URI, AWS_PROXY and POST", () => {
            assert.deepStrictEqual(
                runtime.ofType(T.integration).map((r) => [r.name, r.inputs]),
                [
                    ["chat-connect-integration", CONNECT_FN],
                    ["chat-disconnect-integration", CONNECT_FN],
                    ["chat-default-integration", CHAT_FN],
                    ["chat-route-sendmessage-integration", CHAT_FN],
                ].map(([name, fn]) => [
                    name,
                    { apiId, integrationType: "AWS_PROXY", integrationMethod: "POST", integrationUri: uri(fn) },
                ]),
            );
        });

        it("routes each key to its integration", () => {
            const integrationIds = runtime.ofType(T.integration).map((r) => r.id);
            assert.deepStrictEqual(
                runtime.ofType(T.route).map((r) => r.inputs),
                ROUTES.map((r, i) => ({ apiId, routeKey: r.routeKey, target: `integrations/${integrationIds[i]}` })),
            );
        });

        it("lets API Gateway invoke each function for its route of this stage only", () => {
            const executionArn = runtime.one(T.api, "chat-api").state.executionArn;
            assert.strictEqual(executionArn, `arn:aws:execute-api:us-east-1:${MOCK_ACCOUNT_ID}:${apiId}`);
            assert.deepStrictEqual(
                runtime.ofType(T.permission).map((r) => r.inputs),
                ROUTES.map((r) => ({
                    action: "lambda:InvokeFunction",
                    function: r.functionArn,
                    principal: "apigateway.amazonaws.com",
                    sourceArn: `${executionArn}/prod/${r.routeKey}`,
                })),
            );
        });

        it("deploys once every route and integration exists, with a trigger over route keys, URIs and the expression", () => {
            const deployment = runtime.one(T.deployment, "chat-deployment");
            const hash = sha256(
                JSON.stringify(["$request.body.action", ...ROUTES.map((r) => `${r.routeKey} ${uri(r.functionArn)}`)]),
            );
            assert.deepStrictEqual(deployment.inputs, {
                apiId,
                description: `chat: redeployment ${hash}`,
                triggers: { redeployment: hash },
            });
            for (const r of [...runtime.ofType(T.route), ...runtime.ofType(T.integration)]) {
                assert.ok(deployment.dependencies.includes(r.urn), r.name);
            }
        });

        it("pre-creates the execution log group with API Gateway's own name, and the access log group", () => {
            const exec = runtime.one(T.logGroup, "chat-execution-logs");
            assert.deepStrictEqual(exec.inputs, {
                name: `API-Gateway-Execution-Logs_${apiId}/prod`,
                retentionInDays: 30,
                tags: TAGS,
            });
            const access = runtime.one(T.logGroup, "chat-access-logs");
            assert.deepStrictEqual(access.inputs, {
                name: `/aws/apigateway/chat/${apiId}/prod`,
                retentionInDays: 90,
                tags: TAGS,
            });
            assert.deepStrictEqual([exec.retainOnDelete, access.retainOnDelete], [true, true]);
        });

        it("points the stage at the deployment with ERROR, no data trace, both limits and the WebSocket Json log", async () => {
            const stage = runtime.one(T.stage, "chat-stage");
            assert.deepStrictEqual(stage.inputs, {
                apiId,
                name: "prod",
                deploymentId: runtime.one(T.deployment, "chat-deployment").id,
                defaultRouteSettings: {
                    loggingLevel: "ERROR",
                    dataTraceEnabled: false,
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: 1000,
                    throttlingBurstLimit: 2000,
                },
                accessLogSettings: {
                    destinationArn: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/aws/apigateway/chat/${apiId}/prod`,
                    format: WEBSOCKET_JSON_ACCESS_LOG_FORMAT,
                },
                tags: TAGS,
            });
            // The execution log group exists before API Gateway first writes to it; route settings need routes.
            for (const dep of [runtime.one(T.logGroup, "chat-execution-logs"), ...runtime.ofType(T.route)]) {
                assert.ok(stage.dependencies.includes(dep.urn), dep.name);
            }
            assert.strictEqual(await valueOf(ws.url), `wss://${apiId}.execute-api.us-east-1.amazonaws.com/prod`);
        });
    });

    describe("each build in a fresh runtime", () => {
        beforeEach(fresh);

        describe("environment presets", () => {
            it("Staging: INFO without data trace, 14/30 days, 500/1000, logs not retained", async () => {
                await build({ environment: Environment.Staging });
                assert.deepStrictEqual(runtime.one(T.stage, "chat-stage").inputs.defaultRouteSettings, {
                    loggingLevel: "INFO",
                    dataTraceEnabled: false,
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: 500,
                    throttlingBurstLimit: 1000,
                });
                const exec = runtime.one(T.logGroup, "chat-execution-logs");
                const access = runtime.one(T.logGroup, "chat-access-logs");
                assert.deepStrictEqual(
                    [
                        exec.inputs.retentionInDays,
                        access.inputs.retentionInDays,
                        exec.retainOnDelete,
                        access.retainOnDelete,
                    ],
                    [14, 30, false, false],
                );
            });

            it("Development: DEBUG becomes INFO plus data trace, 7/7 days, 100/200, no warning", async () => {
                const { warnings } = await build({ environment: "Development" });
                assert.deepStrictEqual(runtime.one(T.stage, "chat-stage").inputs.defaultRouteSettings, {
                    loggingLevel: "INFO",
                    dataTraceEnabled: true,
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: 100,
                    throttlingBurstLimit: 200,
                });
                assert.deepStrictEqual(
                    [
                        runtime.one(T.logGroup, "chat-execution-logs").inputs.retentionInDays,
                        runtime.one(T.logGroup, "chat-access-logs").inputs.retentionInDays,
                        runtime.one(T.component, "chat").inputs.executionLogging.level,
                    ],
                    [7, 7, "DEBUG"],
                );
                assert.deepStrictEqual(warnings, []);
            });
        });

        describe("explicit args", () => {
            it("win over the preset: level, retentions, KMS, format, limits, metrics, stage name, expression", async () => {
                const kms = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/1111-2222`;
                await build({
                    environment: Environment.Development,
                    stageName: "live",
                    routeSelectionExpression: "$request.body.type",
                    executionLogging: { level: ExecutionLogLevel.Off, retentionInDays: 60, kmsKeyArn: kms },
                    accessLogging: { format: "Clf", retentionInDays: 365, kmsKeyArn: kms },
                    throttling: { rateLimit: 25, burstLimit: 50 },
                    detailedMetrics: false,
                    protectLogs: true,
                });
                const apiId = runtime.one(T.api, "chat-api").id;
                assert.strictEqual(
                    runtime.one(T.api, "chat-api").inputs.routeSelectionExpression,
                    "$request.body.type",
                );
                assert.deepStrictEqual(runtime.one(T.logGroup, "chat-execution-logs").inputs, {
                    name: `API-Gateway-Execution-Logs_${apiId}/live`,
                    retentionInDays: 60,
                    kmsKeyId: kms,
                });
                assert.deepStrictEqual(runtime.one(T.logGroup, "chat-access-logs").inputs, {
                    name: `/aws/apigateway/chat/${apiId}/live`,
                    retentionInDays: 365,
                    kmsKeyId: kms,
                });
                const stage = runtime.one(T.stage, "chat-stage").inputs;
                assert.deepStrictEqual(
                    [stage.name, stage.accessLogSettings.format, stage.defaultRouteSettings],
                    [
                        "live",
                        WEBSOCKET_CLF_ACCESS_LOG_FORMAT,
                        {
                            loggingLevel: "OFF",
                            dataTraceEnabled: false,
                            detailedMetricsEnabled: false,
                            throttlingRateLimit: 25,
                            throttlingBurstLimit: 50,
                        },
                    ],
                );
                assert.ok(
                    runtime
                        .ofType(T.permission)
                        .every((p) => p.inputs.sourceArn.endsWith(`/live/${p.inputs.sourceArn.split("/").pop()}`)),
                );
                // The expression is part of the trigger: changing it redeploys.
                const hash = sha256(
                    JSON.stringify(["$request.body.type", ...ROUTES.map((r) => `${r.routeKey} ${uri(r.functionArn)}`)]),
                );
                assert.deepStrictEqual(runtime.one(T.deployment, "chat-deployment").inputs.triggers, {
                    redeployment: hash,
                });
            });

            it("functions given as Outputs reach the integrations and the permissions once they resolve", async () => {
                const fn = new aws.lambda.Function("echo", {
                    role: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/echo`,
                    runtime: "nodejs22.x",
                    handler: "index.handler",
                    code: new pulumi.asset.AssetArchive({}),
                });
                await build({ routes: [{ routeKey: "$default", functionArn: fn.arn }] });
                const arn = runtime.one("aws:lambda/function:Function", "echo").state.arn;
                assert.strictEqual(
                    runtime.one(T.integration, "chat-default-integration").inputs.integrationUri,
                    uri(arn),
                );
                assert.strictEqual(runtime.one(T.permission, "chat-default-permission").inputs.function, arn);
            });

            it("the invocation URI follows the region's partition", async () => {
                runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "cn-north-1" } });
                const fn = `arn:aws-cn:lambda:cn-north-1:${MOCK_ACCOUNT_ID}:function:chat`;
                await build({ routes: [{ routeKey: "$default", functionArn: fn }] });
                assert.strictEqual(
                    runtime.one(T.integration, "chat-default-integration").inputs.integrationUri,
                    uri(fn, "aws-cn", "cn-north-1"),
                );
            });

            it("custom route keys with the same slug get distinct child names", async () => {
                await build({
                    routes: [
                        { routeKey: "send-message", functionArn: CHAT_FN },
                        { routeKey: "send_message", functionArn: CHAT_FN },
                    ],
                });
                assert.deepStrictEqual(
                    runtime.ofType(T.route).map((r) => [r.name, r.inputs.routeKey]),
                    [
                        ["chat-route-send-message-route", "send-message"],
                        ["chat-route-send-message-ec88b8-route", "send_message"],
                    ],
                );
            });
        });

        describe("route overrides", () => {
            it("each becomes a routeSettings entry with every value filled from the stage; DEBUG is INFO plus data trace", async () => {
                const { warnings } = await build({
                    executionLogging: { level: "INFO" },
                    throttling: { rateLimit: 300, burstLimit: 600 },
                    routeOverrides: [
                        { routeKey: "$connect", throttling: { rateLimit: 10, burstLimit: 20 } },
                        { routeKey: "sendMessage", loggingLevel: "DEBUG", detailedMetrics: false },
                        { routeKey: "$default", loggingLevel: "ERROR", throttling: { burstLimit: 7 } },
                    ],
                });
                assert.deepStrictEqual(runtime.one(T.stage, "chat-stage").inputs.routeSettings, [
                    {
                        routeKey: "$connect",
                        loggingLevel: "INFO",
                        dataTraceEnabled: false,
                        detailedMetricsEnabled: true,
                        throttlingRateLimit: 10,
                        throttlingBurstLimit: 20,
                    },
                    {
                        routeKey: "sendMessage",
                        loggingLevel: "INFO",
                        dataTraceEnabled: true,
                        detailedMetricsEnabled: false,
                        throttlingRateLimit: 300,
                        throttlingBurstLimit: 600,
                    },
                    {
                        routeKey: "$default",
                        loggingLevel: "ERROR",
                        dataTraceEnabled: false,
                        detailedMetricsEnabled: true,
                        throttlingRateLimit: 300,
                        throttlingBurstLimit: 7,
                    },
                ]);
                assert.deepStrictEqual(runtime.one(T.component, "chat").inputs.routeOverrides, [
                    {
                        routeKey: "$connect",
                        throttling: { rateLimit: 10, burstLimit: 20 },
                        loggingLevel: "INFO",
                        detailedMetrics: true,
                    },
                    {
                        routeKey: "sendMessage",
                        throttling: { rateLimit: 300, burstLimit: 600 },
                        loggingLevel: "DEBUG",
                        detailedMetrics: false,
                    },
                    {
                        routeKey: "$default",
                        throttling: { rateLimit: 300, burstLimit: 7 },
                        loggingLevel: "ERROR",
                        detailedMetrics: true,
                    },
                ]);
                assert.deepStrictEqual(warnings, [debugWarning("routeOverrides[1].loggingLevel")]);
            });
        });

        describe("account CloudWatch role", () => {
            it("None: touches nothing account-wide", async () => {
                await build({});
                assert.deepStrictEqual(
                    [T.role, T.attachment, T.account].map((t) => runtime.ofType(t).length),
                    [0, 0, 0],
                );
            });

            it("Create: a role with AmazonAPIGatewayPushToCloudWatchLogs, set on the account before the stage", async () => {
                const { ws } = await build({ accountCloudWatchRole: "Create", tags: TAGS });
                const role = runtime.one(T.role, "chat-cloudwatch-role");
                assert.deepStrictEqual(role.inputs, {
                    description:
                        "Lets API Gateway write execution and access logs to CloudWatch Logs for this account and region",
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { Service: "apigateway.amazonaws.com" },
                                Action: "sts:AssumeRole",
                            },
                        ],
                    }),
                    tags: TAGS,
                });
                assert.deepStrictEqual(runtime.one(T.attachment, "chat-cloudwatch-policy").inputs, {
                    role: role.state.name,
                    policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
                });
                const account = runtime.one(T.account, "chat-account");
                assert.deepStrictEqual(account.inputs, { cloudwatchRoleArn: role.state.arn });
                assert.deepStrictEqual([role.retainOnDelete, account.retainOnDelete], [true, true]);
                assert.ok(runtime.one(T.stage, "chat-stage").dependencies.includes(account.urn));
                assert.strictEqual(ws.cloudWatchRole !== undefined && ws.account !== undefined, true);
            });

            it("Existing: sets the given ARN, creates no role, and the stage waits for it", async () => {
                await build({ accountCloudWatchRole: "Existing", cloudWatchRoleArn: ROLE_ARN });
                const account = runtime.one(T.account, "chat-account");
                assert.deepStrictEqual(account.inputs, { cloudwatchRoleArn: ROLE_ARN });
                assert.strictEqual(runtime.ofType(T.role).length, 0);
                assert.ok(runtime.one(T.stage, "chat-stage").dependencies.includes(account.urn));
                assert.deepStrictEqual(
                    [
                        runtime.one(T.component, "chat").inputs.accountCloudWatchRole,
                        runtime.one(T.component, "chat").inputs.cloudWatchRoleArn,
                    ],
                    ["Existing", ROLE_ARN],
                );
            });
        });

        describe("a $default stage", () => {
            it("warns about the trap, creates no execution log group and no execution-log query", async () => {
                const { ws, warnings } = await build({
                    stageName: "$default",
                    monitoring: { dashboard: false, alarms: false, queries: true },
                });
                assert.deepStrictEqual(warnings, [
                    `${P}stageName is "$default", which misbehaves on WebSocket APIs: API Gateway has been seen to create ` +
                        "no execution log group for it, to answer first connections with 429 and to refuse to turn its " +
                        "access logging off (terraform-aws-modules/terraform-aws-apigateway-v2#7). The component creates " +
                        'no execution log group for it, because "$" cannot be part of a log-group name; name the stage ' +
                        'instead, for example "prod"',
                ]);
                const apiId = runtime.one(T.api, "chat-api").id;
                assert.strictEqual(ws.executionLogGroup, undefined);
                assert.deepStrictEqual(
                    runtime.ofType(T.logGroup).map((g) => g.inputs.name),
                    [`/aws/apigateway/chat/${apiId}/_default`],
                );
                assert.strictEqual(runtime.one(T.stage, "chat-stage").inputs.name, "$default");
                assert.deepStrictEqual(
                    runtime.ofType(T.query).map((q) => q.name),
                    ["chat-routes-by-errors-query", "chat-connections-by-messages-query", "chat-failed-connects-query"],
                );
                assert.strictEqual(await valueOf(ws.url), `wss://${apiId}.execute-api.us-east-1.amazonaws.com/`);
            });
        });

        describe("a caller's api", () => {
            it("creates no Api or routes, and redeploys on redeployTriggers", async () => {
                const api = new aws.apigatewayv2.Api("mine", {
                    protocolType: "WEBSOCKET",
                    routeSelectionExpression: "$request.body.action",
                });
                const { ws } = await build({ routes: undefined, api, redeployTriggers: ["r1", "i1"] });
                assert.deepStrictEqual(
                    runtime.ofType(T.api).map((r) => r.name),
                    ["mine"],
                );
                assert.deepStrictEqual(
                    [T.integration, T.route, T.permission].map((t) => runtime.ofType(t).length),
                    [0, 0, 0],
                );
                const hash = sha256(JSON.stringify(["r1", "i1"]));
                assert.deepStrictEqual(runtime.one(T.deployment, "chat-deployment").inputs, {
                    apiId: runtime.one(T.api, "mine").id,
                    description: `chat: redeployment ${hash}`,
                    triggers: { redeployment: hash },
                });
                assert.strictEqual(ws.api, api);
                assert.strictEqual(runtime.one(T.component, "chat").inputs.apiSource, "api");
            });

            it("fails on an HTTP Api once its protocol is known, as a ResourceError on the component", async () => {
                const api = new aws.apigatewayv2.Api("web", { protocolType: "HTTP" });
                const { built, reasons, messages } = await collectFailures(
                    P,
                    () => new ObservableWebSocketApi("chat", { api, monitoring: NO_MONITORING }),
                );
                assert.deepStrictEqual(messages, [
                    `${P}api must be a WebSocket API (protocolType "WEBSOCKET"), got protocolType "HTTP"`,
                ]);
                assert.ok(allResourceErrorsOn(reasons, built));
                assert.deepStrictEqual(runtime.resources.map((r) => `${r.type} ${r.name}`).sort(), [
                    `${T.api} web`,
                    `${T.component} chat`,
                ]);
            });
        });

        describe("warnings", () => {
            it("Production with DEBUG is allowed, with a warning, also when the level is an Output", async () => {
                const { warnings } = await build({ executionLogging: { level: pulumi.output("DEBUG" as const) } });
                assert.deepStrictEqual(warnings, [debugWarning("executionLogging.level")]);
                assert.deepStrictEqual(
                    [
                        runtime.one(T.stage, "chat-stage").inputs.defaultRouteSettings.loggingLevel,
                        runtime.one(T.stage, "chat-stage").inputs.defaultRouteSettings.dataTraceEnabled,
                    ],
                    ["INFO", true],
                );
            });

            it("rates above the account quota warn, stage-wide and per route", async () => {
                const { warnings } = await build({
                    throttling: { rateLimit: 10500 },
                    routeOverrides: [{ routeKey: "$default", throttling: { rateLimit: 20000 } }],
                });
                const rate = (arg: string, r: number) =>
                    `${P}${arg} is ${r} rps, above the 10000 rps account quota; the account limit applies first unless AWS has raised it`;
                assert.deepStrictEqual(warnings.sort(), [
                    rate("routeOverrides[0].throttling.rateLimit", 20000),
                    rate("throttling.rateLimit", 10500),
                ]);
            });
        });

        describe("bad input given as plain values: the exact message, and nothing registered, not even the component", () => {
            const cases: [string, Record<string, unknown>, string][] = [
                [
                    "tracing",
                    { tracing: { enabled: false } },
                    `${P}tracing is not supported: X-Ray traces REST APIs only, so a WebSocket API's traces start at its backend`,
                ],
                [
                    "caching",
                    { caching: { enabled: true } },
                    `${P}caching is not supported: WebSocket APIs have no response cache`,
                ],
                [
                    "an OpenAPI document",
                    { openApiSpec: "{}" },
                    `${P}openApiSpec is not supported: API Gateway imports OpenAPI for REST and HTTP APIs only; list the routes in routes`,
                ],
                [
                    "neither routes nor api",
                    { routes: undefined },
                    `${P}exactly one of routes and api must be set, got neither`,
                ],
                [
                    "no routes at all",
                    { routes: [] },
                    `${P}routes must list at least one route (API Gateway deploys no API without one), got []`,
                ],
                [
                    "routes that are not a list",
                    { routes: { routeKey: "$connect" } },
                    `${P}routes must be a list of { routeKey, functionArn }, got {"routeKey":"$connect"}`,
                ],
                [
                    "a reserved-looking route key",
                    { routes: [{ routeKey: "$message", functionArn: CHAT_FN }] },
                    `${P}routes[0].routeKey must be "$connect", "$disconnect", "$default" or a custom key without spaces that does not start with "$", got "$message"`,
                ],
                [
                    "a route key used twice",
                    { routes: [ROUTES[0], { ...ROUTES[1], routeKey: "$connect" }] },
                    `${P}routes[1] must name a route key not already used, got $connect again (see routes[0])`,
                ],
                [
                    "an Output route key",
                    { routes: [{ routeKey: pulumi.output("$connect"), functionArn: CHAT_FN }] },
                    `${P}routes[0].routeKey ${PLAIN}`,
                ],
                [
                    "a function that is not a Lambda ARN",
                    { routes: [{ routeKey: "$default", functionArn: "chat" }] },
                    `${P}routes[0].functionArn must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>), got "chat"`,
                ],
                [
                    "redeployTriggers with routes",
                    { redeployTriggers: ["x"] },
                    `${P}redeployTriggers must be unset with routes (the routes and integrations already redeploy the stage), got a list`,
                ],
                [
                    "an expression that does not read the body",
                    { routeSelectionExpression: "$request.header.action" },
                    `${P}routeSelectionExpression must be a route selection expression such as "$request.body.action", got "$request.header.action"`,
                ],
                ["an Output stage name", { stageName: pulumi.output("prod") }, `${P}stageName ${PLAIN}`],
                [
                    "a stage name with a dot",
                    { stageName: "v1.2" },
                    `${P}stageName must be "$default" or 1 to 128 letters, digits, "-" or "_", got "v1.2"`,
                ],
                [
                    "a level API Gateway does not know",
                    { executionLogging: { level: "TRACE" } },
                    `${P}executionLogging.level must be one of "OFF", "ERROR", "INFO", "DEBUG", got "TRACE"`,
                ],
                [
                    "a route override of a route that does not exist",
                    { routeOverrides: [{ routeKey: "sendMesage" }] },
                    `${P}routeOverrides[0].routeKey is "sendMesage", which routes does not define; known routes: sendMessage, $default, $connect, $disconnect`,
                ],
                [
                    "a route overridden twice",
                    { routeOverrides: [{ routeKey: "$default" }, { routeKey: "$default" }] },
                    `${P}routeOverrides[1] must name a route not already overridden, got $default again (see routeOverrides[0])`,
                ],
                [
                    "an Existing role without its ARN",
                    { accountCloudWatchRole: "Existing" },
                    `${P}cloudWatchRoleArn must be set when accountCloudWatchRole is "Existing", got undefined`,
                ],
                [
                    "an ARN without Existing",
                    { cloudWatchRoleArn: ROLE_ARN },
                    `${P}cloudWatchRoleArn must be unset unless accountCloudWatchRole is "Existing", got accountCloudWatchRole "None"`,
                ],
                [
                    "a latency threshold at the 29 s WebSocket timeout",
                    { monitoring: { thresholds: { integrationLatencyP99Ms: 29000 } } },
                    `${P}monitoring.thresholds.integrationLatencyP99Ms must be a positive number below 29000 (the integration timeout), got 29000`,
                ],
                [
                    "an HTTP-only threshold",
                    { monitoring: { thresholds: { serverErrorRatePercent: 1 } } },
                    `${P}monitoring.thresholds.serverErrorRatePercent is not an arg of monitoring.thresholds; allowed: integrationErrorRatePercent, executionErrors, integrationLatencyP99Ms, throttledMessages, failedConnects`,
                ],
                [
                    "an unknown arg",
                    { stage: "prod" },
                    `${P}stage is not an arg of ObservableWebSocketApi; allowed: routes, routeSelectionExpression, api, redeployTriggers, stageName, environment, executionLogging, accessLogging, throttling, detailedMetrics, routeOverrides, accountCloudWatchRole, cloudWatchRoleArn, protectLogs, monitoring, tags`,
                ],
            ];
            for (const [what, args, message] of cases) {
                it(what, async () => {
                    assert.throws(
                        () =>
                            new ObservableWebSocketApi("chat", {
                                routes: ROUTES,
                                ...args,
                            } as ObservableWebSocketApiArgs),
                        (err: Error) => {
                            assert.strictEqual(err.message, message);
                            assert.strictEqual(err.constructor, Error);
                            return true;
                        },
                    );
                    await settle();
                    assert.deepStrictEqual(runtime.resources, []);
                });
            }

            it("routeSelectionExpression with a caller's api", async () => {
                const api = new aws.apigatewayv2.Api("mine", {
                    protocolType: "WEBSOCKET",
                    routeSelectionExpression: "$request.body.action",
                });
                await settle();
                runtime.reset();
                assert.throws(
                    () => new ObservableWebSocketApi("chat", { api, routeSelectionExpression: "$request.body.type" }),
                    {
                        message: `${P}routeSelectionExpression must be unset with api (the API's own expression applies), got an expression`,
                    },
                );
                await settle();
                assert.deepStrictEqual(runtime.resources, []);
            });
        });

        describe("bad input given as Outputs: checked once known, failing as a ResourceError with the same message", () => {
            it("every Output-valued setting fails with its plain message, and nothing is registered", async () => {
                const o = <V>(v: V) => pulumi.output(v);
                const { reasons, messages } = await collectFailures(
                    P,
                    () =>
                        new ObservableWebSocketApi("chat", {
                            routes: [{ routeKey: "$default", functionArn: o("fn") }],
                            routeSelectionExpression: o("action"),
                            executionLogging: { level: o("x" as ExecutionLogLevel), retentionInDays: o(2) },
                            accessLogging: { customFormat: o("$context.status") },
                            throttling: { rateLimit: o(-3) },
                            detailedMetrics: o(1 as unknown as boolean),
                            routeOverrides: [{ routeKey: "$default", loggingLevel: o("y" as ExecutionLogLevel) }],
                            accountCloudWatchRole: "Existing",
                            cloudWatchRoleArn: o("role"),
                            monitoring: NO_MONITORING,
                        }),
                );
                assert.deepStrictEqual(
                    messages,
                    [
                        `${P}accessLogging.customFormat must be a single-line format that contains $context.requestId or $context.extendedRequestId, got "$context.status"`,
                        `${P}cloudWatchRoleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got "role"`,
                        `${P}detailedMetrics must be true or false, got 1`,
                        `${P}executionLogging.level must be one of "OFF", "ERROR", "INFO", "DEBUG", got "x"`,
                        `${P}executionLogging.retentionInDays must be one of CloudWatch's retention periods (${CLOUDWATCH_RETENTION_DAYS.join(", ")}), got 2`,
                        `${P}routeOverrides[0].loggingLevel must be one of "OFF", "ERROR", "INFO", "DEBUG", got "y"`,
                        `${P}routeSelectionExpression must be a route selection expression such as "$request.body.action", got "action"`,
                        `${P}routes[0].functionArn must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>), got "fn"`,
                        `${P}throttling.rateLimit must be a positive number, got -3`,
                    ].sort(),
                );
                assert.ok(reasons.every((r) => r instanceof pulumi.ResourceError));
                assert.deepStrictEqual(runtime.resources, []);
            });
        });
    });

    describe("monitoring without the composite alarm", () => {
        it("compositeAlarm: false creates no composite, and every alarm, its members included, notifies the topic", async () => {
            runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "eu-west-1" } });
            const { warnings } = await build({ monitoring: { compositeAlarm: false } });
            const topicArn = runtime.one(T.topic, "chat-alarm-topic").state.arn;
            assert.strictEqual(runtime.ofType(T.composite).length, 0);
            const alarms = runtime.ofType(T.alarm);
            assert.ok(alarms.some((a) => a.name === "chat-5xx-rate" || a.name === "chat-integration-error-rate"));
            for (const a of alarms) {
                assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[topicArn], [topicArn]], a.name);
            }
            assert.deepStrictEqual(warnings, []);
        });
    });

    describe("monitoring, every part on (Production)", () => {
        let ws: ObservableWebSocketApi;
        let apiId: string;
        let topicArn: string;
        const PREFIX = "observable-api-test-chat";
        before(async () => {
            runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "eu-west-1" } });
            ({ ws } = await build({ monitoring: {} }));
            apiId = runtime.one(T.api, "chat-api").id!;
            topicArn = runtime.one(T.topic, "chat-alarm-topic").state.arn;
        });
        const dims = () => ({ ApiId: apiId, Stage: "prod" });

        it("creates five alarms, their composite, two filters, four queries and the dashboard", async () => {
            assert.deepStrictEqual(
                runtime
                    .ofType(T.alarm)
                    .map((r) => r.name)
                    .sort(),
                [
                    "chat-execution-errors",
                    "chat-failed-connects",
                    "chat-integration-error-rate",
                    "chat-integration-latency-p99",
                    "chat-throttled-messages",
                ],
            );
            assert.deepStrictEqual(
                [T.composite, T.filter, T.query, T.dashboard].map((t) => runtime.ofType(t).length),
                [1, 2, 4, 1],
            );
            assert.strictEqual(await valueOf(ws.dashboardName!), `${PREFIX}-eu-west-1`);
        });

        it("alarms on the WebSocket metrics with ApiId and Stage, their statistic and Production threshold", () => {
            const single = (name: string) => {
                const a = runtime.one(T.alarm, name).inputs;
                return [a.namespace, a.metricName, a.dimensions, a.statistic ?? a.extendedStatistic, a.threshold];
            };
            assert.deepStrictEqual(single("chat-execution-errors"), [
                "AWS/ApiGateway",
                "ExecutionError",
                dims(),
                "Sum",
                5,
            ]);
            assert.deepStrictEqual(single("chat-integration-latency-p99"), [
                "AWS/ApiGateway",
                "IntegrationLatency",
                dims(),
                "p99",
                1500,
            ]);
            assert.deepStrictEqual(single("chat-throttled-messages"), [
                `ObservableApi/${PREFIX}`,
                "Throttled429",
                undefined,
                "Sum",
                10,
            ]);
            assert.deepStrictEqual(single("chat-failed-connects"), [
                `ObservableApi/${PREFIX}`,
                "FailedConnects",
                undefined,
                "Sum",
                10,
            ]);
            const rate = runtime.one(T.alarm, "chat-integration-error-rate").inputs;
            const d = JSON.stringify(dims());
            assert.deepStrictEqual(
                [
                    rate.threshold,
                    rate.metricQueries.map(
                        (q: any) =>
                            q.expression ??
                            `${q.id}=${q.metric.metricName}/${q.metric.stat}/${JSON.stringify(q.metric.dimensions)}`,
                    ),
                ],
                [1, [`mint=IntegrationError/Sum/${d}`, `mmsg=MessageCount/Sum/${d}`, "100*mint/mmsg"]],
            );
        });

        it("pages through the composite only: its members notify nobody, every other alarm the topic", () => {
            for (const a of runtime.ofType(T.alarm)) {
                const member = ["chat-integration-error-rate", "chat-execution-errors"].includes(a.name);
                assert.deepStrictEqual(
                    [a.inputs.alarmActions, a.inputs.okActions, a.inputs.insufficientDataActions],
                    member ? [[], [], []] : [[topicArn], [topicArn], []],
                    a.name,
                );
            }
            const composite = runtime.one(T.composite, "chat-api-unhealthy").inputs;
            assert.deepStrictEqual(
                [composite.alarmRule, composite.alarmActions, composite.okActions],
                [
                    `ALARM("${PREFIX}-integration-error-rate") OR ALARM("${PREFIX}-execution-errors")`,
                    [topicArn],
                    [topicArn],
                ],
            );
        });

        it("filters the access log for throttled messages and refused connects, and saves four queries", () => {
            const access = runtime.one(T.logGroup, "chat-access-logs").state.name;
            const exec = runtime.one(T.logGroup, "chat-execution-logs").state.name;
            assert.deepStrictEqual(
                runtime
                    .ofType(T.filter)
                    .map((f) => [
                        f.name,
                        f.inputs.logGroupName,
                        f.inputs.pattern,
                        f.inputs.metricTransformation.name,
                        f.inputs.metricTransformation.namespace,
                    ]),
                [
                    ["chat-throttled-filter", access, "{ $.status = 429 }", "Throttled429", `ObservableApi/${PREFIX}`],
                    [
                        "chat-failed-connects-filter",
                        access,
                        '{ $.eventType = "CONNECT" && $.status >= 400 }',
                        "FailedConnects",
                        `ObservableApi/${PREFIX}`,
                    ],
                ],
            );
            assert.deepStrictEqual(
                runtime
                    .ofType(T.query)
                    .map((q) => [q.inputs.name, q.inputs.logGroupNames])
                    .sort(),
                [
                    [`${PREFIX}/Connections by messages`, [access]],
                    [`${PREFIX}/Connects that failed`, [access]],
                    [`${PREFIX}/Recent execution errors`, [exec]],
                    [`${PREFIX}/Routes by errors`, [access]],
                ],
            );
        });

        it("deploys the WebSocket dashboard body on this API's id, stage and region, linking both log groups", () => {
            const body = JSON.parse(runtime.one(T.dashboard, "chat-dashboard").inputs.dashboardBody);
            assert.deepStrictEqual(body.widgets[0].properties.metrics[1], [
                "AWS/ApiGateway",
                "MessageCount",
                "ApiId",
                apiId,
                "Stage",
                "prod",
                { label: "Messages", stat: "Sum" },
            ]);
            assert.strictEqual(body.widgets.length, 6);
            assert.ok(body.widgets[5].properties.markdown.includes(`API-Gateway-Execution-Logs_${apiId}$252Fprod`));
        });
    });
});
