import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ObservableRestApi, type ObservableRestApiArgs } from "../../components/observableRestApi";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";

const SPEC = JSON.stringify({ openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: { "/orders": {} } });
const T = {
    restApi: "aws:apigateway/restApi:RestApi",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    query: "aws:cloudwatch/queryDefinition:QueryDefinition",
};
const PREFIX = "observable-api-test-orders";

/** Build the component with pulumi.log.warn captured, and wait for every child. */
async function build(args: Partial<ObservableRestApiArgs>): Promise<{ api: ObservableRestApi; warnings: string[] }> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    log.warn = (msg: string) => (warnings.push(msg), Promise.resolve());
    try {
        const api = new ObservableRestApi("orders", { openApiSpec: SPEC, ...args });
        const m = api.monitoring;
        const children: pulumi.Resource[] = [
            api.stage,
            api.methodSettings,
            ...(m.dashboard ? [m.dashboard] : []),
            ...(m.alarmTopic ? [m.alarmTopic] : []),
            ...(m.compositeAlarm ? [m.compositeAlarm] : []),
            ...m.alarms,
            ...m.metricFilters,
            ...m.queries,
        ];
        await Promise.all(children.map((c) => valueOf(c.urn)));
        await settle();
        return { api, warnings };
    } finally {
        log.warn = original;
    }
}

describe("components/observableRestApi monitoring wiring", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "eu-west-1" } }));

    it("hands monitoring the stage, the log groups, the API's name (its info.title) and the region, and exposes the outputs", async () => {
        const { api, warnings } = await build({});
        const component = runtime.one("observable-api:index:ObservableRestApi", "orders");
        const restApi = runtime.one(T.restApi, "orders-api");
        const accessLogs = runtime.one(T.logGroup, "orders-access-logs");
        const executionLogs = runtime.one(T.logGroup, "orders-execution-logs");
        assert.strictEqual(restApi.inputs.name, "orders");

        const dashboard = runtime.one(T.dashboard, "orders-dashboard");
        assert.strictEqual(dashboard.parent, component.urn);
        // Dashboards are global to the account: the stack's region (from getRegion) is in the name.
        assert.strictEqual(dashboard.inputs.dashboardName, `${PREFIX}-eu-west-1`);
        const body = JSON.parse(dashboard.inputs.dashboardBody);
        // REST metrics are keyed on ApiName (the RestApi's name) and Stage (the Stage's stageName).
        assert.deepStrictEqual(body.widgets[0].properties.metrics[0], [
            "AWS/ApiGateway",
            "Count",
            "ApiName",
            "orders",
            "Stage",
            "prod",
            { label: "Requests", stat: "Sum" },
        ]);
        const regions = body.widgets
            .filter((w: { type: string }) => w.type === "metric")
            .map((w: { properties: { region: string } }) => w.properties.region);
        assert.deepStrictEqual([regions.length, [...new Set(regions)]], [7, ["eu-west-1"]]);
        assert.strictEqual(await valueOf(api.dashboardName!), `${PREFIX}-eu-west-1`);
        assert.strictEqual(
            await valueOf(api.dashboardUrl!),
            `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=${PREFIX}-eu-west-1`,
        );

        assert.deepStrictEqual(
            runtime.ofType(T.filter).map((f) => [f.inputs.logGroupName, f.inputs.metricTransformation.namespace]),
            Array(4).fill([accessLogs.inputs.name, "ObservableApi/orders"]),
        );
        assert.deepStrictEqual(
            runtime
                .ofType(T.query)
                .map((q) => q.inputs.logGroupNames[0])
                .sort(),
            [...Array(4).fill(accessLogs.inputs.name), executionLogs.inputs.name].sort(),
        );
        assert.strictEqual(runtime.ofType(T.alarm).length, 7);
        assert.strictEqual(
            runtime
                .one(T.alarm, "orders-latency-p99")
                .inputs.alarmDescription.includes("the integration timeout is 29,000 ms"),
            true,
        );
        assert.strictEqual(runtime.ofType(T.composite).length, 1);
        assert.strictEqual(await valueOf(api.alarmTopicArn!), "arn:aws:sns:eu-west-1:123456789012:orders-alarm-topic");
        assert.deepStrictEqual(warnings, []);
    });

    it("a caller's restApi with any name: one safe signal namespace, ApiName as named, and the raised timeout", async () => {
        const restApi = new aws.apigateway.RestApi("mine", { name: "team:orders*v2$" });
        await build({
            openApiSpec: undefined,
            restApi,
            monitoring: { thresholds: { latencyP99Ms: 60000 } },
        });
        const namespace = "ObservableApi/team-orders-v2-";
        assert.deepStrictEqual(
            [...new Set(runtime.ofType(T.filter).map((f) => f.inputs.metricTransformation.namespace))],
            [namespace],
        );
        const latency = runtime.one(T.alarm, "orders-latency-p99").inputs;
        assert.deepStrictEqual(
            [latency.threshold, latency.dimensions],
            [60000, { ApiName: "team:orders*v2$", Stage: "prod" }],
        );
        assert.match(latency.alarmDescription, /the integration timeout is 300,000 ms\)/);
        assert.strictEqual(runtime.one(T.alarm, "orders-throttled-requests").inputs.namespace, namespace);
        assert.ok(
            runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody.includes(`"${namespace}","Throttled429"`),
        );
    });

    it("skips the access-log filters (with the monitoring warning) for a Clf format", async () => {
        const { warnings } = await build({ accessLogging: { format: "Clf" } });
        assert.deepStrictEqual(runtime.ofType(T.filter), []);
        assert.deepStrictEqual(warnings, [
            'ObservableRestApi "orders": the access-log metric filters (429, 502, 504, integration timeouts) and ' +
                "their alarms need accessLogging.format Json; they were skipped for this format.",
        ]);
        assert.strictEqual(runtime.ofType(T.alarm).length, 5);
    });

    it("leaves skipped outputs undefined", async () => {
        const { api } = await build({ monitoring: { dashboard: false, alarms: false, queries: false } });
        assert.deepStrictEqual(
            [api.dashboardName, api.dashboardUrl, api.alarmTopicArn],
            [undefined, undefined, undefined],
        );
        assert.deepStrictEqual(
            [T.dashboard, T.alarm, T.composite, T.filter, T.query].map((t) => runtime.ofType(t).length),
            [0, 0, 0, 0, 0],
        );
    });
});
