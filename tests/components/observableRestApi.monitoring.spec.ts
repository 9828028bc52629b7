import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ObservableRestApi, type ObservableRestApiArgs } from "../../components";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";

const SPEC = { openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: { "/orders": {} } };
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const QUERY = "aws:cloudwatch/queryDefinition:QueryDefinition";

async function build(args: Partial<ObservableRestApiArgs>): Promise<ObservableRestApi> {
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
    return api;
}

describe("components/observableRestApi monitoring wiring", () => {
    let warnings: string[];
    let original: typeof pulumi.log.warn;
    beforeEach(() => {
        runtime.configure({ stack: TEST_STACK, preview: false, config: {} });
        warnings = [];
        original = pulumi.log.warn;
        (pulumi.log as any).warn = (msg: string) => {
            warnings.push(msg);
            return Promise.resolve();
        };
    });
    afterEach(() => {
        (pulumi.log as any).warn = original;
    });

    it("hands createMonitoring the stage, the log groups and the API's name, and exposes its outputs", async () => {
        const api = await build({});
        const component = runtime.one("observable-api:index:ObservableRestApi", "orders");
        const restApi = runtime.one("aws:apigateway/restApi:RestApi", "orders-api");
        const accessLogs = runtime.one("aws:cloudwatch/logGroup:LogGroup", "orders-access-logs");
        const executionLogs = runtime.one("aws:cloudwatch/logGroup:LogGroup", "orders-execution-logs");

        const dashboard = runtime.ofType(DASHBOARD);
        assert.strictEqual(dashboard.length, 1);
        assert.strictEqual(dashboard[0].parent, component.urn);
        const body = JSON.parse(dashboard[0].inputs.dashboardBody);
        // REST metrics are keyed on ApiName (the RestApi's name) and Stage (the Stage's stageName).
        assert.ok(
            JSON.stringify(body).includes(`"ApiName","${restApi.state.name}","Stage","prod"`),
            "dashboard metrics use ApiName and Stage",
        );
        assert.strictEqual(await valueOf(api.dashboardName!), dashboard[0].inputs.dashboardName);
        assert.strictEqual(
            await valueOf(api.dashboardUrl!),
            `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=${dashboard[0].inputs.dashboardName}`,
        );

        const filters = runtime.ofType(FILTER);
        assert.strictEqual(filters.length, 4);
        for (const f of filters) {
            assert.strictEqual(f.inputs.logGroupName, accessLogs.inputs.name);
        }
        const queries = runtime.ofType(QUERY);
        assert.deepStrictEqual(
            queries.map((q) => q.inputs.logGroupNames),
            [[executionLogs.inputs.name], ...Array(4).fill([accessLogs.inputs.name])],
        );
        const alarms = runtime.ofType(ALARM);
        assert.ok(alarms.length > 0);
        assert.strictEqual(await valueOf(api.alarmTopicArn!), "arn:aws:sns:us-east-1:123456789012:orders-alarm-topic");
        assert.deepStrictEqual(warnings, []);
    });

    it("skips the access-log filters (with the monitoring warning) for a Clf format", async () => {
        await build({ accessLogging: { format: "Clf" } });
        assert.deepStrictEqual(runtime.ofType(FILTER), []);
        assert.strictEqual(warnings.length, 1);
        assert.ok(warnings[0].startsWith('ObservableRestApi "orders": '), warnings[0]);
    });

    it("leaves skipped outputs undefined", async () => {
        const api = await build({ monitoring: { dashboard: false, alarms: false, queries: false } });
        assert.strictEqual(api.dashboardName, undefined);
        assert.strictEqual(api.dashboardUrl, undefined);
        assert.strictEqual(api.alarmTopicArn, undefined);
        assert.deepStrictEqual(
            [DASHBOARD, ALARM, FILTER, QUERY].map((t) => runtime.ofType(t).length),
            [0, 0, 0, 0],
        );
    });
});
