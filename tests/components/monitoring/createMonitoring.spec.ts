import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { Environment } from "../../../components/enums";
import {
    MonitoringArgs,
    MonitoringContext,
    MonitoringResources,
    alarmDefaults,
    alarmTopicKeyPolicy,
    alarmTopicPolicy,
    buildDashboardBody,
    checkedInput,
    createMonitoring,
    physicalNamePrefix,
} from "../../../components/monitoring";
import { MOCK_ACCOUNT_ID, UNKNOWN_SENTINEL } from "../../../tools/lib/mockRuntime";
import { RecordedResource, TEST_PROJECT, TEST_STACK, runtime, valueOf } from "../../mocks";

const T = {
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    query: "aws:cloudwatch/queryDefinition:QueryDefinition",
};

const PREFIX = "observable-api-test-orders";
const REGION = "us-east-1";
const TOPIC_ARN = `arn:aws:sns:${REGION}:${MOCK_ACCOUNT_ID}:orders-alarm-topic`;
const KEY_ARN_PATTERN = new RegExp(`^arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/[0-9a-f]{10}$`);
const ACCESS_LOGS = "/aws/apigateway/orders/prod/access";
const EXECUTION_LOGS = "API-Gateway-Execution-Logs_a1b2c3d4e5/prod";
const TAGS = { team: "platform" };
const DIMENSIONS = { ApiName: "orders-api", Stage: "prod" };

/**
 * Waits until every registration started so far has reached the mock engine. Registrations wait for their
 * Output inputs (the topic ARN, the members' names), so a fixed number of ticks is not enough; the SDK's own
 * RPC queue (internal, hence the cast) is what `pulumi` itself drains before it exits.
 */
function allRegistered(): Promise<void> {
    return (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

class Parent extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:MonitoringParent", name, {}, {});
    }
}

function context(overrides: Partial<MonitoringContext> = {}): MonitoringContext {
    return {
        name: "orders",
        parent: new Parent("orders"),
        environment: Environment.Production,
        apiName: pulumi.output("orders-api"),
        restApiId: pulumi.output("a1b2c3d4e5"),
        stageName: pulumi.output("prod"),
        region: REGION,
        accessLogGroupName: pulumi.output(ACCESS_LOGS),
        executionLogGroupName: EXECUTION_LOGS,
        jsonAccessLogs: true,
        cachingEnabled: false,
        tracingEnabled: true,
        tags: TAGS,
        ...overrides,
    };
}

/** Runs createMonitoring and waits until every registration it started has reached the mock engine. */
async function monitor(
    args: MonitoringArgs | undefined,
    overrides: Partial<MonitoringContext> = {},
): Promise<{ result: MonitoringResources; warnings: string[]; parentUrn: string }> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => void };
    const original = log.warn;
    log.warn = (msg: string) => void warnings.push(msg);
    try {
        const ctx = context(overrides);
        const result = createMonitoring(ctx, args);
        const parentUrn = await valueOf(ctx.parent.urn);
        await allRegistered();
        return { result, warnings, parentUrn };
    } finally {
        log.warn = original;
    }
}

function counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of runtime.resources.filter((r) => r.type !== "test:index:MonitoringParent")) {
        out[r.type] = (out[r.type] ?? 0) + 1;
    }
    return out;
}

function names(type: string): string[] {
    return runtime
        .ofType(type)
        .map((r) => r.name)
        .sort();
}

describe("components/monitoring/createMonitoring (mock runtime)", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("qualifies names that must be unique in the account with project and stack", () => {
        assert.strictEqual(physicalNamePrefix(TEST_PROJECT, TEST_STACK, "orders"), PREFIX);
        assert.strictEqual(physicalNamePrefix("p", "s", "my api.v2"), "p-s-my-api-v2");
    });

    describe("defaults: Production, Json access logs, one email", () => {
        let result: MonitoringResources;
        let parentUrn: string;
        let warnings: string[];

        beforeEach(async () => {
            ({ result, parentUrn, warnings } = await monitor({ alarmEmails: ["oncall@example.com"] }));
        });

        it("registers exactly these children, all parented to the component and named ${name}-<role>", () => {
            assert.deepStrictEqual(counts(), {
                [T.filter]: 4,
                [T.dashboard]: 1,
                [T.key]: 1,
                [T.alias]: 1,
                [T.topic]: 1,
                [T.topicPolicy]: 1,
                [T.subscription]: 1,
                [T.alarm]: 7,
                [T.composite]: 1,
                [T.query]: 5,
            });
            for (const r of runtime.resources.filter((r) => r.type !== "test:index:MonitoringParent")) {
                assert.strictEqual(r.parent, parentUrn, `${r.type} ${r.name}`);
                assert.ok(r.name.startsWith("orders-"), r.name);
            }
            assert.deepStrictEqual(names(T.alarm), [
                "orders-4xx-rate",
                "orders-5xx-count",
                "orders-5xx-rate",
                "orders-integration-latency-p99",
                "orders-integration-timeouts",
                "orders-latency-p99",
                "orders-throttled-requests",
            ]);
            assert.deepStrictEqual(names(T.filter), [
                "orders-bad-gateway-filter",
                "orders-gateway-timeout-filter",
                "orders-integration-timeout-filter",
                "orders-throttled-filter",
            ]);
            assert.deepStrictEqual(names(T.query), [
                "orders-p99-latency-by-path-query",
                "orders-recent-errors-query",
                "orders-slowest-integrations-query",
                "orders-top-5xx-routes-query",
                "orders-top-throttled-ips-query",
            ]);
            assert.deepStrictEqual(warnings, []);
        });

        it("returns every resource and output", async () => {
            assert.strictEqual(result.alarms.length, 7);
            assert.strictEqual(result.metricFilters.length, 4);
            assert.strictEqual(result.queries.length, 5);
            assert.strictEqual(await valueOf(result.dashboardName!), PREFIX);
            assert.strictEqual(
                await valueOf(result.dashboardUrl!),
                `https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#dashboards:name=${PREFIX}`,
            );
            assert.strictEqual(await valueOf(result.alarmTopicArn!), TOPIC_ARN);
            assert.strictEqual(await valueOf(result.alarmTopic!.arn), TOPIC_ARN);
            assert.match(await valueOf(result.alarmTopicKey!.arn), KEY_ARN_PATTERN);
            assert.strictEqual(await valueOf(result.compositeAlarm!.alarmName), `${PREFIX}-api-unhealthy`);
        });

        it("filters the access log group into the ObservableApi/<api name> namespace", () => {
            const throttled = runtime.one(T.filter, "orders-throttled-filter");
            assert.deepStrictEqual(throttled.inputs, {
                logGroupName: ACCESS_LOGS,
                pattern: "{ $.status = 429 }",
                metricTransformation: {
                    name: "Throttled429",
                    namespace: "ObservableApi/orders-api",
                    value: "1",
                    defaultValue: "0",
                    unit: "Count",
                },
            });
            assert.deepStrictEqual(
                runtime.ofType(T.filter).map((f) => [f.inputs.pattern, f.inputs.metricTransformation.name]),
                [
                    ["{ $.status = 429 }", "Throttled429"],
                    ["{ $.status = 502 }", "BadGateway502"],
                    ["{ $.status = 504 }", "GatewayTimeout504"],
                    ['{ $.error.responseType = "INTEGRATION_TIMEOUT" }', "IntegrationTimeout"],
                ],
            );
        });

        it("registers the dashboard body the pure builder makes, with the alarm thresholds", () => {
            const dashboard = runtime.one(T.dashboard, "orders-dashboard");
            assert.deepStrictEqual(Object.keys(dashboard.inputs).sort(), ["dashboardBody", "dashboardName"]);
            assert.strictEqual(dashboard.inputs.dashboardName, PREFIX);
            assert.deepStrictEqual(
                JSON.parse(dashboard.inputs.dashboardBody),
                buildDashboardBody({
                    componentName: "orders",
                    apiName: "orders-api",
                    restApiId: "a1b2c3d4e5",
                    stageName: "prod",
                    region: REGION,
                    environment: Environment.Production,
                    accessLogGroupName: ACCESS_LOGS,
                    executionLogGroupName: EXECUTION_LOGS,
                    cachingEnabled: false,
                    tracingEnabled: true,
                    accessLogSignals: true,
                    thresholds: alarmDefaults.Production,
                }),
            );
        });

        it("encrypts the topic with a rotating customer managed key that CloudWatch may use", () => {
            const key = runtime.one(T.key, "orders-alarm-topic-key");
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            assert.strictEqual(key.inputs.deletionWindowInDays, 30);
            assert.deepStrictEqual(key.inputs.tags, TAGS);
            assert.deepStrictEqual(JSON.parse(key.inputs.policy), alarmTopicKeyPolicy("aws", MOCK_ACCOUNT_ID));
            const cloudwatch = JSON.parse(key.inputs.policy).Statement[1];
            assert.deepStrictEqual(cloudwatch.Principal, { Service: "cloudwatch.amazonaws.com" });
            assert.deepStrictEqual(cloudwatch.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);

            const alias = runtime.one(T.alias, "orders-alarm-topic-key-alias");
            assert.deepStrictEqual(alias.inputs, { namePrefix: `alias/${PREFIX}-alarm-topic-`, targetKeyId: key.id });

            const topic = runtime.one(T.topic, "orders-alarm-topic");
            assert.match(topic.inputs.kmsMasterKeyId, KEY_ARN_PATTERN);
            assert.notStrictEqual(topic.inputs.kmsMasterKeyId, "alias/aws/sns");
            assert.deepStrictEqual(topic.inputs.tags, TAGS);
            assert.strictEqual(topic.inputs.displayName, `Alarms of ${PREFIX}`);
        });

        it("lets this account's CloudWatch alarms publish to the topic, and subscribes the email", () => {
            const policy = runtime.one(T.topicPolicy, "orders-alarm-topic-policy");
            assert.strictEqual(policy.inputs.arn, TOPIC_ARN);
            assert.deepStrictEqual(
                JSON.parse(policy.inputs.policy),
                alarmTopicPolicy(TOPIC_ARN, MOCK_ACCOUNT_ID, "aws"),
            );
            assert.deepStrictEqual(JSON.parse(policy.inputs.policy).Statement[1], {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: TOPIC_ARN,
                Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
            });
            const sub = runtime.one(T.subscription, "orders-alarm-email-oncall@example.com");
            assert.deepStrictEqual(sub.inputs, { topic: TOPIC_ARN, protocol: "email", endpoint: "oncall@example.com" });
        });

        it("registers the 5XX rate alarm as metric math with topic actions", () => {
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-5xx-rate").inputs, {
                name: `${PREFIX}-5xx-rate`,
                alarmDescription:
                    "5XX error rate above 1% of requests (100*5XXError/Count, 2 of 3 periods of 5 min). Look first " +
                    "at the saved query 'top 5XX routes' and the execution log's recent errors, then the X-Ray " +
                    "service map for the failing integration.",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 1,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                treatMissingData: "notBreaching",
                metricQueries: [
                    {
                        id: "m5xx",
                        returnData: false,
                        metric: {
                            namespace: "AWS/ApiGateway",
                            metricName: "5XXError",
                            dimensions: DIMENSIONS,
                            stat: "Sum",
                            period: 300,
                        },
                    },
                    {
                        id: "mcount",
                        returnData: false,
                        metric: {
                            namespace: "AWS/ApiGateway",
                            metricName: "Count",
                            dimensions: DIMENSIONS,
                            stat: "Sum",
                            period: 300,
                        },
                    },
                    { id: "e5xxrate", expression: "100*m5xx/mcount", label: "5XX rate (%)", returnData: true },
                ],
                actionsEnabled: true,
                alarmActions: [TOPIC_ARN],
                okActions: [TOPIC_ARN],
                tags: TAGS,
            });
        });

        it("registers the p99 Latency alarm on the ApiName and Stage dimensions with extended statistic p99", () => {
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-latency-p99").inputs, {
                name: `${PREFIX}-latency-p99`,
                alarmDescription:
                    "p99 Latency above 2000 ms (2 of 3 periods of 5 min; the integration timeout is 29,000 ms). Look " +
                    "first at the dashboard's Gateway overhead (authorizers, mapping, WAF) against IntegrationLatency, " +
                    "then the saved query 'p99 latency per resourcePath'.",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 2000,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                treatMissingData: "notBreaching",
                namespace: "AWS/ApiGateway",
                metricName: "Latency",
                dimensions: DIMENSIONS,
                extendedStatistic: "p99",
                evaluateLowSampleCountPercentiles: "ignore",
                period: 300,
                actionsEnabled: true,
                alarmActions: [TOPIC_ARN],
                okActions: [TOPIC_ARN],
                tags: TAGS,
            });
        });

        it("gives every alarm its metric, statistic, threshold, M of N, notBreaching and both actions", () => {
            const expected: Record<string, [string | undefined, string | undefined, string | undefined, number]> = {
                "orders-5xx-rate": [undefined, undefined, undefined, 1],
                "orders-5xx-count": ["5XXError", "Sum", undefined, 10],
                "orders-4xx-rate": [undefined, undefined, undefined, 5],
                "orders-latency-p99": ["Latency", undefined, "p99", 2000],
                "orders-integration-latency-p99": ["IntegrationLatency", undefined, "p99", 1500],
                "orders-throttled-requests": ["Throttled429", "Sum", undefined, 10],
                "orders-integration-timeouts": ["IntegrationTimeout", "Sum", undefined, 1],
            };
            for (const alarm of runtime.ofType(T.alarm)) {
                const i = alarm.inputs;
                assert.deepStrictEqual(
                    [i.metricName, i.statistic, i.extendedStatistic, i.threshold],
                    expected[alarm.name],
                    alarm.name,
                );
                assert.strictEqual(i.name, `observable-api-test-${alarm.name}`);
                assert.strictEqual(i.evaluationPeriods, 3);
                assert.strictEqual(i.datapointsToAlarm, 2);
                assert.strictEqual(i.treatMissingData, "notBreaching");
                assert.deepStrictEqual(i.alarmActions, [TOPIC_ARN], alarm.name);
                assert.deepStrictEqual(i.okActions, [TOPIC_ARN], alarm.name);
                assert.deepStrictEqual(i.tags, TAGS);
                if (i.metricName === "Throttled429" || i.metricName === "IntegrationTimeout") {
                    assert.strictEqual(i.namespace, "ObservableApi/orders-api");
                    assert.strictEqual(i.dimensions, undefined, "filter metrics have no dimensions");
                } else if (i.metricName !== undefined) {
                    assert.strictEqual(i.namespace, "AWS/ApiGateway");
                    assert.deepStrictEqual(i.dimensions, DIMENSIONS);
                }
            }
        });

        it("adds the composite 'API unhealthy' alarm on 5XX rate OR p99 latency, which pages", () => {
            const composite = runtime.one(T.composite, "orders-api-unhealthy");
            assert.deepStrictEqual(composite.inputs, {
                alarmName: `${PREFIX}-api-unhealthy`,
                alarmRule: `ALARM("${PREFIX}-5xx-rate") OR ALARM("${PREFIX}-latency-p99")`,
                alarmDescription:
                    "API unhealthy: 5XX error rate above 1% OR p99 Latency above 2000 ms. This is the alarm that " +
                    "pages. Look first at the dashboard's error-rate and latency rows, then at the member alarm that fired.",
                actionsEnabled: true,
                alarmActions: [TOPIC_ARN],
                okActions: [TOPIC_ARN],
                tags: TAGS,
            });
            // It waits for its members: the rule is built from their name outputs.
            const members = ["orders-5xx-rate", "orders-latency-p99"].map((n) => runtime.one(T.alarm, n).urn);
            assert.deepStrictEqual([...composite.propertyDependencies.alarmRule].sort(), members.sort());
        });

        it("saves the Logs Insights queries over the right log groups, in the API's folder", () => {
            const byName = (n: string) => runtime.one(T.query, n).inputs;
            assert.deepStrictEqual(byName("orders-top-5xx-routes-query").name, `${PREFIX}/Top 5XX routes`);
            assert.deepStrictEqual(byName("orders-top-5xx-routes-query").logGroupNames, [ACCESS_LOGS]);
            assert.deepStrictEqual(byName("orders-top-throttled-ips-query").logGroupNames, [ACCESS_LOGS]);
            assert.deepStrictEqual(byName("orders-recent-errors-query"), {
                name: `${PREFIX}/Recent execution errors`,
                logGroupNames: [EXECUTION_LOGS],
                queryString: [
                    "fields @timestamp, @logStream, @message",
                    "| filter @message like /(?i)(error|exception|execution failed|timed out|status: 5\\d\\d)/",
                    "| sort @timestamp desc",
                    "| limit 100",
                ].join("\n"),
            });
        });
    });

    it("alarms: false keeps the dashboard, filters and queries, and creates no topic or alarm", async () => {
        const { result, warnings } = await monitor({ alarms: false });
        assert.deepStrictEqual(counts(), { [T.filter]: 4, [T.dashboard]: 1, [T.query]: 5 });
        assert.strictEqual(result.alarmTopicArn, undefined);
        assert.strictEqual(result.compositeAlarm, undefined);
        assert.deepStrictEqual(result.alarms, []);
        const body = JSON.parse(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody);
        assert.ok(!JSON.stringify(body).includes("annotations"), "no threshold lines without alarms");
        assert.deepStrictEqual(warnings, []);
    });

    it("warns when alarms are off but a topic or emails were given", async () => {
        const { warnings } = await monitor({ alarms: false, alarmEmails: ["oncall@example.com"] });
        assert.deepStrictEqual(warnings, [
            'ObservableRestApi "orders": monitoring.alarms is false, so monitoring.alarmTopicArn and ' +
                "monitoring.alarmEmails have no effect",
        ]);
        assert.strictEqual(runtime.ofType(T.subscription).length, 0);
    });

    it("a CLF access log skips the filters and their alarms, warns, and keeps the execution query", async () => {
        const { warnings, result } = await monitor(undefined, { jsonAccessLogs: false });
        assert.deepStrictEqual(warnings, [
            'ObservableRestApi "orders": the access-log metric filters (429, 502, 504, integration timeouts) and ' +
                "their alarms need accessLogging.format Json; they were skipped for this format.",
        ]);
        assert.deepStrictEqual(counts(), {
            [T.dashboard]: 1,
            [T.key]: 1,
            [T.alias]: 1,
            [T.topic]: 1,
            [T.topicPolicy]: 1,
            [T.alarm]: 5,
            [T.composite]: 1,
            [T.query]: 1,
        });
        assert.deepStrictEqual(result.metricFilters, []);
        assert.deepStrictEqual(names(T.query), ["orders-recent-errors-query"]);
        assert.ok(!runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody.includes("ObservableApi/"));
    });

    it("an existing topic creates no topic, key or subscription and receives every action", async () => {
        const existing = "arn:aws:sns:us-east-1:210987654321:platform-oncall";
        const { result } = await monitor({ alarmTopicArn: existing });
        assert.deepStrictEqual(counts(), {
            [T.filter]: 4,
            [T.dashboard]: 1,
            [T.alarm]: 7,
            [T.composite]: 1,
            [T.query]: 5,
        });
        assert.strictEqual(result.alarmTopic, undefined);
        assert.strictEqual(result.alarmTopicKey, undefined);
        assert.strictEqual(await valueOf(result.alarmTopicArn!), existing);
        for (const r of [...runtime.ofType(T.alarm), ...runtime.ofType(T.composite)]) {
            assert.deepStrictEqual([r.inputs.alarmActions, r.inputs.okActions], [[existing], [existing]], r.name);
        }
    });

    it("alarmTopicKmsKeyId encrypts the created topic with that key and creates none", async () => {
        await monitor({ alarmTopicKmsKeyId: "alias/platform-alarms" });
        assert.strictEqual(runtime.ofType(T.key).length, 0);
        assert.strictEqual(runtime.ofType(T.alias).length, 0);
        assert.strictEqual(runtime.one(T.topic, "orders-alarm-topic").inputs.kmsMasterKeyId, "alias/platform-alarms");
    });

    it("caching adds the low cache hit ratio alarm; thresholds follow the environment and the args", async () => {
        await monitor(
            { thresholds: { cacheHitRatioPercent: 70 } },
            {
                cachingEnabled: true,
                environment: Environment.Development,
            },
        );
        const cache = runtime.one(T.alarm, "orders-low-cache-hit-ratio").inputs;
        assert.deepStrictEqual([cache.comparisonOperator, cache.threshold], ["LessThanThreshold", 70]);
        assert.deepStrictEqual(
            cache.metricQueries.map((q: any) => q.expression ?? q.metric.metricName),
            ["CacheHitCount", "CacheMissCount", "100*mhit/(mhit+mmiss)"],
        );
        assert.strictEqual(runtime.one(T.alarm, "orders-latency-p99").inputs.threshold, 5000);
        assert.strictEqual(runtime.one(T.alarm, "orders-5xx-rate").inputs.threshold, 5);
        assert.ok(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody.includes("Cache hit ratio (%)"));
    });

    it("appends the runbook to every alarm description, also when the URL is an Output", async () => {
        await monitor({ runbookUrl: pulumi.output("https://wiki.example.com/runbooks/orders") });
        const described = [...runtime.ofType(T.alarm), ...runtime.ofType(T.composite)];
        assert.strictEqual(described.length, 8);
        for (const r of described) {
            assert.ok(r.inputs.alarmDescription.endsWith(" Runbook: https://wiki.example.com/runbooks/orders"), r.name);
            assert.ok(r.inputs.alarmDescription.length <= 1024, r.name);
        }
    });

    it("dashboard: false registers no dashboard; with alarms off too, no filters either", async () => {
        const { result } = await monitor({ dashboard: false, alarms: false }, { jsonAccessLogs: false });
        assert.deepStrictEqual(counts(), { [T.query]: 1 });
        assert.strictEqual(result.dashboard, undefined);
        assert.strictEqual(result.dashboardName, undefined);
        assert.strictEqual(result.dashboardUrl, undefined);
    });

    it("queries: false saves no query", async () => {
        await monitor({ queries: false, alarms: false });
        assert.deepStrictEqual(counts(), { [T.filter]: 4, [T.dashboard]: 1 });
    });

    it("registers the same children in a preview, where ids and ARNs are still unknown", async () => {
        runtime.configure({ stack: TEST_STACK, preview: true, config: {} });
        const api = new aws.apigateway.RestApi("preview-api", { name: "orders-api" });
        await monitor({ alarmEmails: ["oncall@example.com"] }, { restApiId: api.id });
        assert.deepStrictEqual(counts(), {
            "aws:apigateway/restApi:RestApi": 1,
            [T.filter]: 4,
            [T.dashboard]: 1,
            [T.key]: 1,
            [T.alias]: 1,
            [T.topic]: 1,
            [T.topicPolicy]: 1,
            [T.subscription]: 1,
            [T.alarm]: 7,
            [T.composite]: 1,
            [T.query]: 5,
        });
        const dashboard = runtime.one(T.dashboard, "orders-dashboard");
        // The body needs the REST API id for its links, so it is unknown until the API exists.
        assert.strictEqual(dashboard.wireInputs.dashboardBody, UNKNOWN_SENTINEL);
        assert.strictEqual(dashboard.inputs.dashboardName, PREFIX);
        // Alarms need no id: their dimensions are the API's name and the stage, known in preview.
        assert.deepStrictEqual(runtime.one(T.alarm, "orders-latency-p99").inputs.dimensions, DIMENSIONS);
    });

    it("rejects bad args before registering anything", async () => {
        const ctx = context();
        const before = runtime.resources.length;
        assert.throws(
            () => createMonitoring(ctx, { thresholds: { latencyP99Ms: 0 } }),
            new Error(
                'ObservableRestApi "orders": monitoring.thresholds.latencyP99Ms must be a positive number below 29000, got 0',
            ),
        );
        await allRegistered();
        assert.deepStrictEqual(
            runtime.resources.slice(before).map((r: RecordedResource) => r.type),
            ["test:index:MonitoringParent"],
        );
    });

    it("checks Output-valued args where they resolve, with the same message", async () => {
        const checked = checkedInput(pulumi.output("not-an-arn"), (v) =>
            v === "not-an-arn" ? 'ObservableRestApi "orders": monitoring.alarmTopicArn must be ...' : undefined,
        );
        await assert.rejects((checked as any).promise(), /monitoring\.alarmTopicArn must be \.\.\./);
        assert.strictEqual(
            checkedInput("plain", () => "never called for plain values"),
            "plain",
        );
    });
});
