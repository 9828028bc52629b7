import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CLOUDWATCH_RETENTION_DAYS, Environment, type HttpApiSettings } from "../../components/contract";
import { HTTP_CLF_ACCESS_LOG_FORMAT, HTTP_JSON_ACCESS_LOG_FORMAT } from "../../components/logging/accessLogFormat";
import { ObservableHttpApi, type ObservableHttpApiArgs } from "../../components/observableHttpApi";
import { MOCK_ACCOUNT_ID } from "../../tools/lib/mockRuntime";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";
import { allResourceErrorsOn, collectFailures } from "./support/deferredFailures";

const T = {
    component: "observable-api:index:ObservableHttpApi",
    api: "aws:apigatewayv2/api:Api",
    stage: "aws:apigatewayv2/stage:Stage",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    query: "aws:cloudwatch/queryDefinition:QueryDefinition",
    topic: "aws:sns/topic:Topic",
};

const DOCUMENT = {
    openapi: "3.0.1",
    info: { title: "orders", version: "1.0.0" },
    paths: {
        "/orders": { get: {}, post: {} },
        "/orders/{id}": { get: {} },
        $default: { "x-amazon-apigateway-any-method": { isDefaultRoute: true } },
    },
};
const SPEC = JSON.stringify(DOCUMENT);
// Keys sorted at every level: the body API Gateway receives.
const CANONICAL_SPEC =
    '{"info":{"title":"orders","version":"1.0.0"},"openapi":"3.0.1","paths":{"$default":{"x-amazon-apigateway-any-method":{"isDefaultRoute":true}},"/orders":{"get":{},"post":{}},"/orders/{id}":{"get":{}}}}';
const NO_MONITORING = { dashboard: false, alarms: false, queries: false, compositeAlarm: false };
const TAGS = { team: "payments" };
const P = 'ObservableHttpApi "orders": ';
const PLAIN = "must be a plain value, not an Output or a promise: it decides which resources the component creates";

/** Build the component with pulumi.log.warn captured, and wait until every child has reached the mock monitor. */
async function build(args: Partial<ObservableHttpApiArgs>): Promise<{ http: ObservableHttpApi; warnings: string[] }> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    log.warn = (msg: string) => (warnings.push(msg), Promise.resolve());
    try {
        const http = new ObservableHttpApi("orders", { openApiSpec: SPEC, monitoring: NO_MONITORING, ...args });
        const m = http.monitoring;
        const children: pulumi.Resource[] = [
            http.stage,
            http.accessLogGroup,
            ...m.alarms,
            ...m.metricFilters,
            ...m.queries,
            ...(m.dashboard ? [m.dashboard] : []),
            ...(m.compositeAlarm ? [m.compositeAlarm] : []),
        ];
        await Promise.all(children.map((c) => valueOf(c.urn)));
        await settle();
        return { http, warnings };
    } finally {
        log.warn = original;
    }
}

const fresh = () => runtime.configure({ stack: TEST_STACK, preview: false, config: {} });

describe("components/observableHttpApi", () => {
    describe("Production defaults", () => {
        let http: ObservableHttpApi;
        let warnings: string[];
        before(async () => {
            fresh();
            ({ http, warnings } = await build({ tags: TAGS }));
        });

        it("registers exactly the Api, the access log group and the stage, each ${name}-<role> under the component", () => {
            const component = runtime.one(T.component, "orders");
            assert.strictEqual(component.parent, undefined);
            assert.deepStrictEqual(
                runtime.resources
                    .filter((r) => r !== component)
                    .map((r) => `${r.type} ${r.name}`)
                    .sort(),
                [`${T.api} orders-api`, `${T.stage} orders-stage`, `${T.logGroup} orders-access-logs`],
            );
            for (const r of runtime.resources.filter((x) => x !== component)) {
                assert.strictEqual(r.parent, component.urn, r.name);
            }
            assert.deepStrictEqual(warnings, []);
        });

        it("registers its effective settings, presets applied, as its inputs: the contract, exactly", () => {
            const expected: HttpApiSettings = {
                apiSource: "openApiSpec",
                environment: "Production",
                stageName: "$default",
                accessLogging: { format: "Json", retentionInDays: 90 },
                throttling: { rateLimit: 1000, burstLimit: 2000 },
                detailedMetrics: true,
                routeOverrides: [],
                protectLogs: true,
                monitoring: { dashboard: false, alarms: false, queries: false, compositeAlarm: false },
            };
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs, expected);
        });

        it("creates an HTTP Api from the canonical OpenAPI body, named after info.title", () => {
            assert.deepStrictEqual(runtime.one(T.api, "orders-api").inputs, {
                name: "orders",
                protocolType: "HTTP",
                body: CANONICAL_SPEC,
                tags: TAGS,
            });
        });

        it("names the $default stage's access log group _default ($ is not allowed) and gives it a retention", () => {
            const apiId = runtime.one(T.api, "orders-api").id;
            const group = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual(group.inputs, {
                name: `/aws/apigateway/orders/${apiId}/_default`,
                retentionInDays: 90,
                tags: TAGS,
            });
            assert.strictEqual(group.retainOnDelete, true);
        });

        it("auto-deploys a $default stage with both limits, detailed metrics and the HTTP Json access log", async () => {
            const apiId = runtime.one(T.api, "orders-api").id;
            const stage = runtime.one(T.stage, "orders-stage");
            assert.deepStrictEqual(stage.inputs, {
                apiId,
                name: "$default",
                autoDeploy: true,
                defaultRouteSettings: {
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: 1000,
                    throttlingBurstLimit: 2000,
                },
                accessLogSettings: {
                    destinationArn: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/aws/apigateway/orders/${apiId}/_default`,
                    format: HTTP_JSON_ACCESS_LOG_FORMAT,
                },
                tags: TAGS,
            });
            assert.strictEqual(await valueOf(http.url), `https://${apiId}.execute-api.us-east-1.amazonaws.com/`);
            assert.strictEqual(
                await valueOf(http.stageArn),
                `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/$default`,
            );
        });

        it("never sends loggingLevel or dataTraceEnabled to the HTTP stage, not even OFF or false", () => {
            const wire = JSON.stringify(runtime.one(T.stage, "orders-stage").wireInputs);
            assert.ok(!wire.includes("loggingLevel") && !wire.includes("dataTraceEnabled"), wire);
        });
    });

    describe("environment presets", () => {
        beforeEach(fresh);

        it("Staging: 500/1000, 30 days, logs not retained", async () => {
            await build({ environment: Environment.Staging });
            assert.deepStrictEqual(runtime.one(T.stage, "orders-stage").inputs.defaultRouteSettings, {
                detailedMetricsEnabled: true,
                throttlingRateLimit: 500,
                throttlingBurstLimit: 1000,
            });
            const group = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual([group.inputs.retentionInDays, group.retainOnDelete], [30, false]);
        });

        it("Development: 100/200, 7 days, logs not retained", async () => {
            await build({ environment: "Development" });
            assert.deepStrictEqual(runtime.one(T.stage, "orders-stage").inputs.defaultRouteSettings, {
                detailedMetricsEnabled: true,
                throttlingRateLimit: 100,
                throttlingBurstLimit: 200,
            });
            const group = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual([group.inputs.retentionInDays, group.retainOnDelete], [7, false]);
            assert.strictEqual(runtime.one(T.component, "orders").inputs.environment, "Development");
        });
    });

    describe("explicit args", () => {
        beforeEach(fresh);

        it("win over the preset: stage name, format, retention, KMS, limits, detailed metrics, protectLogs", async () => {
            const kms = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/1111-2222`;
            const { http } = await build({
                environment: Environment.Development,
                stageName: "v1",
                accessLogging: { format: "Clf", retentionInDays: 365, kmsKeyArn: kms },
                throttling: { rateLimit: 25, burstLimit: 50 },
                detailedMetrics: false,
                protectLogs: true,
            });
            const apiId = runtime.one(T.api, "orders-api").id;
            const group = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual(group.inputs, {
                name: `/aws/apigateway/orders/${apiId}/v1`,
                retentionInDays: 365,
                kmsKeyId: kms,
            });
            assert.strictEqual(group.retainOnDelete, true);
            const stage = runtime.one(T.stage, "orders-stage").inputs;
            assert.deepStrictEqual(
                [stage.name, stage.accessLogSettings.format, stage.defaultRouteSettings],
                [
                    "v1",
                    HTTP_CLF_ACCESS_LOG_FORMAT,
                    { detailedMetricsEnabled: false, throttlingRateLimit: 25, throttlingBurstLimit: 50 },
                ],
            );
            assert.strictEqual(await valueOf(http.url), `https://${apiId}.execute-api.us-east-1.amazonaws.com/v1`);
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.accessLogging, {
                format: "Clf",
                retentionInDays: 365,
                kmsKeyArn: kms,
            });
        });

        it("a custom format goes to the stage as written, and the settings say customFormat", async () => {
            const customFormat = '{"id":"$context.requestId","route":"$context.routeKey"}';
            await build({ accessLogging: { customFormat } });
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.accessLogSettings.format, customFormat);
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.accessLogging, {
                customFormat,
                retentionInDays: 90,
            });
        });

        it("a stage name given as an Output names the stage and the log group once it resolves", async () => {
            await build({ stageName: pulumi.output("blue") });
            const apiId = runtime.one(T.api, "orders-api").id;
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.name, "blue");
            assert.strictEqual(
                runtime.one(T.logGroup, "orders-access-logs").inputs.name,
                `/aws/apigateway/orders/${apiId}/blue`,
            );
        });
    });

    describe("route overrides", () => {
        beforeEach(fresh);

        it("each becomes a routeSettings entry with every value filled from the stage, entries do not inherit", async () => {
            await build({
                throttling: { rateLimit: 300, burstLimit: 600 },
                routeOverrides: [
                    { routeKey: "GET /orders/{id}", throttling: { rateLimit: 10, burstLimit: 20 } },
                    { routeKey: "POST /orders", throttling: { burstLimit: 7 }, detailedMetrics: false },
                    { routeKey: "$default" },
                ],
            });
            assert.deepStrictEqual(runtime.one(T.stage, "orders-stage").inputs.routeSettings, [
                {
                    routeKey: "GET /orders/{id}",
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: 10,
                    throttlingBurstLimit: 20,
                },
                {
                    routeKey: "POST /orders",
                    detailedMetricsEnabled: false,
                    throttlingRateLimit: 300,
                    throttlingBurstLimit: 7,
                },
                {
                    routeKey: "$default",
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: 300,
                    throttlingBurstLimit: 600,
                },
            ]);
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.routeOverrides, [
                { routeKey: "GET /orders/{id}", throttling: { rateLimit: 10, burstLimit: 20 }, detailedMetrics: true },
                { routeKey: "POST /orders", throttling: { rateLimit: 300, burstLimit: 7 }, detailedMetrics: false },
                { routeKey: "$default", throttling: { rateLimit: 300, burstLimit: 600 }, detailedMetrics: true },
            ]);
        });

        it("an override's Output limit is sent once it resolves", async () => {
            await build({
                routeOverrides: [{ routeKey: "GET /orders", throttling: { rateLimit: pulumi.output(42) } }],
            });
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.routeSettings[0].throttlingRateLimit, 42);
        });
    });

    describe("a caller's api", () => {
        beforeEach(fresh);

        it("creates no Api, checks the form of route keys only, and points the stage at the caller's Api", async () => {
            const api = new aws.apigatewayv2.Api("mine", { protocolType: "HTTP" });
            await build({
                openApiSpec: undefined,
                api,
                routeOverrides: [{ routeKey: "PUT /anything/{proxy+}" }],
            });
            assert.deepStrictEqual(
                runtime.ofType(T.api).map((r) => r.name),
                ["mine"],
            );
            const stage = runtime.one(T.stage, "orders-stage").inputs;
            assert.deepStrictEqual(
                [stage.apiId, stage.routeSettings[0].routeKey],
                [runtime.one(T.api, "mine").id, "PUT /anything/{proxy+}"],
            );
            assert.strictEqual(runtime.one(T.component, "orders").inputs.apiSource, "api");
        });

        it("fails on a WebSocket Api once its protocol is known, as a ResourceError on the component", async () => {
            const api = new aws.apigatewayv2.Api("sockets", {
                protocolType: "WEBSOCKET",
                routeSelectionExpression: "$request.body.action",
            });
            const { built, reasons, messages } = await collectFailures(
                P,
                () => new ObservableHttpApi("orders", { api, monitoring: NO_MONITORING }),
            );
            assert.deepStrictEqual(messages, [
                `${P}api must be an HTTP API (protocolType "HTTP"), got protocolType "WEBSOCKET"`,
            ]);
            assert.ok(allResourceErrorsOn(reasons, built));
            assert.deepStrictEqual(
                runtime.resources.map((r) => `${r.type} ${r.name}`),
                [`${T.api} sockets`, `${T.component} orders`],
            );
        });
    });

    describe("monitoring without the composite alarm", () => {
        it("compositeAlarm: false creates no composite, and every alarm, its members included, notifies the topic", async () => {
            runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "eu-west-1" } });
            const { warnings } = await build({ monitoring: { compositeAlarm: false } });
            const topicArn = runtime.one(T.topic, "orders-alarm-topic").state.arn;
            assert.strictEqual(runtime.ofType(T.composite).length, 0);
            const alarms = runtime.ofType(T.alarm);
            assert.ok(alarms.some((a) => a.name === "orders-5xx-rate" || a.name === "orders-integration-error-rate"));
            for (const a of alarms) {
                assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[topicArn], [topicArn]], a.name);
            }
            assert.deepStrictEqual(warnings, []);
        });
    });

    describe("monitoring, every part on (Production)", () => {
        let http: ObservableHttpApi;
        let apiId: string;
        let topicArn: string;
        const PREFIX = "observable-api-test-orders";
        before(async () => {
            runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "eu-west-1" } });
            ({ http } = await build({ monitoring: { runbookUrl: "https://runbooks.example.com/orders" } }));
            apiId = runtime.one(T.api, "orders-api").id!;
            topicArn = runtime.one(T.topic, "orders-alarm-topic").state.arn;
        });

        const dims = () => ({ ApiId: apiId, Stage: "$default" });
        const alarm = (name: string) => runtime.one(T.alarm, name).inputs;

        it("creates six alarms, their composite, three filters, three queries and a dashboard named with its region", async () => {
            assert.deepStrictEqual(
                runtime
                    .ofType(T.alarm)
                    .map((r) => r.name)
                    .sort(),
                [
                    "orders-4xx-rate",
                    "orders-5xx-count",
                    "orders-5xx-rate",
                    "orders-integration-latency-p99",
                    "orders-latency-p99",
                    "orders-throttled-requests",
                ],
            );
            assert.deepStrictEqual(
                [T.composite, T.filter, T.query, T.dashboard].map((t) => runtime.ofType(t).length),
                [1, 3, 3, 1],
            );
            assert.strictEqual(await valueOf(http.dashboardName!), `${PREFIX}-eu-west-1`);
            assert.strictEqual(await valueOf(http.alarmTopicArn!), topicArn);
        });

        it("alarms on the HTTP metrics with ApiId and Stage, their statistic and Production threshold", () => {
            const single = (name: string) => {
                const a = alarm(name);
                return [a.namespace, a.metricName, a.dimensions, a.statistic ?? a.extendedStatistic, a.threshold];
            };
            assert.deepStrictEqual(single("orders-5xx-count"), ["AWS/ApiGateway", "5xx", dims(), "Sum", 10]);
            assert.deepStrictEqual(single("orders-latency-p99"), ["AWS/ApiGateway", "Latency", dims(), "p99", 2000]);
            assert.deepStrictEqual(single("orders-integration-latency-p99"), [
                "AWS/ApiGateway",
                "IntegrationLatency",
                dims(),
                "p99",
                1500,
            ]);
            assert.deepStrictEqual(single("orders-throttled-requests"), [
                "ObservableApi/orders",
                "Throttled429",
                undefined,
                "Sum",
                10,
            ]);
            const rate = (name: string) => {
                const a = alarm(name);
                return [
                    a.threshold,
                    a.metricQueries.map(
                        (q: any) =>
                            q.expression ??
                            `${q.id}=${q.metric.metricName}/${q.metric.stat}/${JSON.stringify(q.metric.dimensions)}`,
                    ),
                ];
            };
            const d = JSON.stringify(dims());
            assert.deepStrictEqual(rate("orders-5xx-rate"), [
                1,
                [`m5xx=5xx/Sum/${d}`, `mcount=Count/Sum/${d}`, "100*m5xx/mcount"],
            ]);
            assert.deepStrictEqual(rate("orders-4xx-rate"), [
                5,
                [`m4xx=4xx/Sum/${d}`, `mcount=Count/Sum/${d}`, "100*m4xx/mcount"],
            ]);
        });

        it("pages through the composite only: its members notify nobody, every other alarm the topic", () => {
            for (const a of runtime.ofType(T.alarm)) {
                const member = ["orders-5xx-rate", "orders-latency-p99"].includes(a.name);
                assert.deepStrictEqual(
                    [a.inputs.alarmActions, a.inputs.okActions, a.inputs.insufficientDataActions],
                    member ? [[], [], []] : [[topicArn], [topicArn], []],
                    a.name,
                );
                assert.deepStrictEqual(
                    [a.inputs.evaluationPeriods, a.inputs.datapointsToAlarm, a.inputs.treatMissingData],
                    [3, 2, "notBreaching"],
                );
                assert.ok(a.inputs.alarmDescription.endsWith(" Runbook: https://runbooks.example.com/orders"));
            }
            const composite = runtime.one(T.composite, "orders-api-unhealthy").inputs;
            assert.deepStrictEqual(
                [composite.alarmName, composite.alarmRule, composite.alarmActions, composite.okActions],
                [
                    `${PREFIX}-api-unhealthy`,
                    `ALARM("${PREFIX}-5xx-rate") OR ALARM("${PREFIX}-latency-p99")`,
                    [topicArn],
                    [topicArn],
                ],
            );
        });

        it("filters the access log for 429, 502 and 503 into the API's namespace", () => {
            const group = runtime.one(T.logGroup, "orders-access-logs").state.name;
            assert.deepStrictEqual(
                runtime
                    .ofType(T.filter)
                    .map((f) => [f.name, f.inputs.logGroupName, f.inputs.pattern, f.inputs.metricTransformation]),
                [
                    [
                        "orders-throttled-filter",
                        group,
                        "{ $.status = 429 }",
                        {
                            name: "Throttled429",
                            namespace: "ObservableApi/orders",
                            value: "1",
                            defaultValue: "0",
                            unit: "Count",
                        },
                    ],
                    [
                        "orders-bad-gateway-filter",
                        group,
                        "{ $.status = 502 }",
                        {
                            name: "BadGateway502",
                            namespace: "ObservableApi/orders",
                            value: "1",
                            defaultValue: "0",
                            unit: "Count",
                        },
                    ],
                    [
                        "orders-service-unavailable-filter",
                        group,
                        "{ $.status = 503 }",
                        {
                            name: "ServiceUnavailable503",
                            namespace: "ObservableApi/orders",
                            value: "1",
                            defaultValue: "0",
                            unit: "Count",
                        },
                    ],
                ],
            );
        });

        it("saves the three queries on the access log, in the component's folder", () => {
            const group = runtime.one(T.logGroup, "orders-access-logs").state.name;
            assert.deepStrictEqual(
                runtime.ofType(T.query).map((q) => [q.name, q.inputs.name, q.inputs.logGroupNames]),
                [
                    ["orders-top-5xx-routes-query", `${PREFIX}/Top 5xx routes`, [group]],
                    ["orders-p99-latency-by-route-query", `${PREFIX}/p99 latency per route`, [group]],
                    ["orders-top-throttled-ips-query", `${PREFIX}/Top throttled source IPs`, [group]],
                ],
            );
        });

        it("deploys the dashboard body of the HTTP builder, on this API's id, stage and region", () => {
            const body = JSON.parse(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody);
            assert.deepStrictEqual(body.widgets[0].properties.metrics[0], [
                "AWS/ApiGateway",
                "Count",
                "ApiId",
                apiId,
                "Stage",
                "$default",
                { label: "Requests", stat: "Sum" },
            ]);
            const regions = new Set(
                body.widgets.filter((w: any) => w.type === "metric").map((w: any) => w.properties.region),
            );
            assert.deepStrictEqual([...regions], ["eu-west-1"]);
            assert.strictEqual(body.widgets.length, 9);
            assert.deepStrictEqual(body.widgets[3].properties.annotations, {
                horizontal: [{ label: "latency-p99 alarm", value: 2000, fill: "above" }],
            });
        });
    });

    describe("monitoring switches", () => {
        beforeEach(fresh);

        it("Clf: no filters and no throttled alarm, with a warning; queries skipped too", async () => {
            const { warnings } = await build({
                accessLogging: { format: "Clf" },
                monitoring: { alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall" },
            });
            assert.deepStrictEqual(warnings, [
                `${P}the access-log metric filters (429, 502, 503) and the throttled-requests alarm need accessLogging.format Json; they were skipped for this format.`,
            ]);
            assert.deepStrictEqual(
                [T.filter, T.query, T.topic].map((t) => runtime.ofType(t).length),
                [0, 0, 0],
            );
            assert.strictEqual(runtime.ofType(T.alarm).length, 5);
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-5xx-count").inputs.alarmActions, [
                "arn:aws:sns:us-east-1:123456789012:oncall",
            ]);
        });

        it("alarms off with a topic warns that the topic has no effect", async () => {
            const { warnings } = await build({
                monitoring: {
                    alarms: false,
                    dashboard: false,
                    queries: false,
                    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall",
                },
            });
            assert.deepStrictEqual(warnings, [
                `${P}monitoring.alarms is false, so monitoring.alarmTopicArn and monitoring.alarmEmails have no effect`,
            ]);
        });
    });

    describe("bad input given as plain values: the exact message, and nothing registered, not even the component", () => {
        beforeEach(fresh);

        const cases: [string, Record<string, unknown>, string][] = [
            [
                "executionLogging, even OFF",
                { executionLogging: { level: "OFF" } },
                `${P}executionLogging is not supported: HTTP APIs write access logs only`,
            ],
            [
                "executionLogging as an Output",
                { executionLogging: pulumi.output({ level: "ERROR" }) },
                `${P}executionLogging is not supported: HTTP APIs write access logs only`,
            ],
            [
                "tracing",
                { tracing: { enabled: true } },
                `${P}tracing is not supported: X-Ray traces REST APIs only, so an HTTP API's traces start at its backend`,
            ],
            [
                "caching",
                { caching: { enabled: false } },
                `${P}caching is not supported: HTTP APIs have no response cache`,
            ],
            [
                "methodOverrides",
                { methodOverrides: [] },
                `${P}methodOverrides is not supported: HTTP APIs have routes, not methods; use routeOverrides`,
            ],
            [
                "accountCloudWatchRole",
                { accountCloudWatchRole: "Create" },
                `${P}accountCloudWatchRole is not supported: HTTP API access logs do not need the account's CloudWatch role`,
            ],
            [
                "neither openApiSpec nor api",
                { openApiSpec: undefined },
                `${P}exactly one of openApiSpec and api must be set, got neither`,
            ],
            [
                "an api that is not an apigatewayv2 Api",
                { openApiSpec: undefined, api: "abc123" },
                `${P}api must be an aws.apigatewayv2.Api resource, got "abc123"`,
            ],
            [
                "a stage name with a space",
                { stageName: "a b" },
                `${P}stageName must be "$default" or 1 to 128 letters, digits, "-" or "_", got "a b"`,
            ],
            [
                "a burst that is not a positive integer",
                { throttling: { burstLimit: 1.5 } },
                `${P}throttling.burstLimit must be a positive integer, got 1.5`,
            ],
            [
                "a malformed route key",
                { routeOverrides: [{ routeKey: "get /orders" }] },
                `${P}routeOverrides[0].routeKey must be "$default" or a method and path such as "GET /orders/{id}" (method one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, upper case), got "get /orders"`,
            ],
            [
                "a route the document does not define",
                { routeOverrides: [{ routeKey: "GET /orders" }, { routeKey: "GET /order" }] },
                `${P}routeOverrides[1].routeKey is "GET /order", which openApiSpec does not define; known routes: GET /orders, POST /orders, GET /orders/{id}, $default`,
            ],
            [
                "a route overridden twice",
                { routeOverrides: [{ routeKey: "GET /orders" }, { routeKey: "GET /orders" }] },
                `${P}routeOverrides[1] must name a route not already overridden, got GET /orders again (see routeOverrides[0])`,
            ],
            [
                "an Output route key",
                { routeOverrides: [{ routeKey: pulumi.output("GET /orders") }] },
                `${P}routeOverrides[0].routeKey ${PLAIN}`,
            ],
            [
                "both a preset and a custom format",
                { accessLogging: { format: "Json", customFormat: "$context.requestId" } },
                `${P}accessLogging.format and accessLogging.customFormat exclude each other: use the "Json" preset or your own format, got both`,
            ],
            [
                "a custom format without a request id",
                { accessLogging: { customFormat: "$context.status" } },
                `${P}accessLogging.customFormat must be a single-line format that contains $context.requestId or $context.extendedRequestId, got "$context.status"`,
            ],
            [
                "a retention CloudWatch does not offer",
                { accessLogging: { retentionInDays: 10 } },
                `${P}accessLogging.retentionInDays must be one of CloudWatch's retention periods (${CLOUDWATCH_RETENTION_DAYS.join(", ")}), got 10`,
            ],
            [
                "a latency threshold at the 30 s HTTP timeout",
                { monitoring: { thresholds: { latencyP99Ms: 30000 } } },
                `${P}monitoring.thresholds.latencyP99Ms must be a positive number below 30000 (the integration timeout), got 30000`,
            ],
            [
                "a REST-only threshold",
                { monitoring: { thresholds: { cacheHitRatioPercent: 50 } } },
                `${P}monitoring.thresholds.cacheHitRatioPercent is not an arg of monitoring.thresholds; allowed: serverErrorRatePercent, serverErrorCount, clientErrorRatePercent, latencyP99Ms, integrationLatencyP99Ms, throttledRequests`,
            ],
            [
                "a topic and emails together",
                {
                    monitoring: {
                        alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall",
                        alarmEmails: ["a@example.com"],
                    },
                },
                `${P}monitoring.alarmTopicArn and monitoring.alarmEmails exclude each other: subscribe the addresses to the existing topic, or drop alarmTopicArn and let the component create the topic`,
            ],
            [
                "a document without info.title",
                { openApiSpec: JSON.stringify({ openapi: "3.0.1", paths: {} }) },
                `${P}openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got undefined`,
            ],
            [
                "an unknown arg",
                { stage: "prod" },
                `${P}stage is not an arg of ObservableHttpApi; allowed: openApiSpec, api, stageName, environment, accessLogging, throttling, detailedMetrics, routeOverrides, protectLogs, monitoring, tags`,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.throws(
                    () => new ObservableHttpApi("orders", { openApiSpec: SPEC, ...args } as ObservableHttpApiArgs),
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
    });

    describe("bad input given as Outputs: checked once known, failing as a ResourceError with the same message", () => {
        beforeEach(fresh);

        it("every Output-valued setting fails with its plain message, and nothing is registered", async () => {
            const o = <V>(v: V) => pulumi.output(v);
            const { reasons, messages } = await collectFailures(
                P,
                () =>
                    new ObservableHttpApi("orders", {
                        openApiSpec: SPEC,
                        stageName: o("a b"),
                        accessLogging: { retentionInDays: o(4), kmsKeyArn: o("k") },
                        throttling: { rateLimit: o(0), burstLimit: o(-2) },
                        detailedMetrics: o("yes" as unknown as boolean),
                        routeOverrides: [{ routeKey: "GET /orders", throttling: { rateLimit: o(-1) } }],
                        monitoring: NO_MONITORING,
                    }),
            );
            const retention = CLOUDWATCH_RETENTION_DAYS.join(", ");
            assert.deepStrictEqual(
                messages,
                [
                    `${P}accessLogging.kmsKeyArn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "k"`,
                    `${P}accessLogging.retentionInDays must be one of CloudWatch's retention periods (${retention}), got 4`,
                    `${P}detailedMetrics must be true or false, got "yes"`,
                    `${P}routeOverrides[0].throttling.rateLimit must be a positive number, got -1`,
                    `${P}stageName must be "$default" or 1 to 128 letters, digits, "-" or "_", got "a b"`,
                    `${P}throttling.burstLimit must be a positive integer, got -2`,
                    `${P}throttling.rateLimit must be a positive number, got 0`,
                ].sort(),
            );
            assert.ok(reasons.every((r) => r instanceof pulumi.ResourceError));
            assert.deepStrictEqual(runtime.resources, []);
        });

        it("an Output document is checked against the route overrides once it resolves", async () => {
            const { built, reasons, messages } = await collectFailures(
                P,
                () =>
                    new ObservableHttpApi("orders", {
                        openApiSpec: pulumi.output(SPEC),
                        routeOverrides: [{ routeKey: "DELETE /orders" }],
                        monitoring: NO_MONITORING,
                    }),
            );
            assert.deepStrictEqual(messages, [
                `${P}routeOverrides[0].routeKey is "DELETE /orders", which openApiSpec does not define; known routes: GET /orders, POST /orders, GET /orders/{id}, $default`,
            ]);
            assert.ok(allResourceErrorsOn(reasons, built));
            assert.deepStrictEqual(
                runtime.resources.map((r) => `${r.type} ${r.name}`),
                [`${T.component} orders`],
            );
        });
    });

    describe("warnings", () => {
        beforeEach(fresh);

        it("rates above the 10,000 rps account quota warn, not fail, stage-wide and per route", async () => {
            const { warnings } = await build({
                throttling: { rateLimit: 12000, burstLimit: 5000 },
                routeOverrides: [{ routeKey: "GET /orders", throttling: { rateLimit: 10001 } }],
            });
            const rate = (arg: string, r: number) =>
                `${P}${arg} is ${r} rps, above the 10000 rps account quota; the account limit applies first unless AWS has raised it`;
            assert.deepStrictEqual(warnings.sort(), [
                rate("routeOverrides[0].throttling.rateLimit", 10001),
                rate("throttling.rateLimit", 12000),
            ]);
        });
    });
});
