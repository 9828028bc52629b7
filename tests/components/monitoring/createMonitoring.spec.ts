import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../../components/contract";
import {
    AlarmSignal,
    alarmDefinitions,
    alarmName,
    compositeAlarmDescription,
} from "../../../components/monitoring/alarms";
import {
    MonitoringOutputs,
    alarmTopicKeyPolicy,
    alarmTopicPolicy,
    createAlarms,
    createMonitoring,
    dashboardName,
    physicalNamePrefix,
} from "../../../components/monitoring/createMonitoring";
import { buildDashboardBody } from "../../../components/monitoring/dashboard";
import { RestMetrics, fnv1a, signalNamespace } from "../../../components/monitoring/metrics";
import type { Monitoring, MonitoringContext, MonitoringResources } from "../../../components/monitoring/types";
import { resolveMonitoring } from "../../../components/presets";
import { MOCK_ACCOUNT_ID, UNKNOWN_SENTINEL } from "../../../tools/lib/mockRuntime";
import { TEST_PROJECT, TEST_STACK, runtime, settle, valueOf } from "../../mocks";

const T = {
    parent: "test:index:MonitoringParent",
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
const DASHBOARD_NAME = `${PREFIX}-${REGION}`;
const TOPIC_ARN = `arn:aws:sns:${REGION}:${MOCK_ACCOUNT_ID}:orders-alarm-topic`;
const KEY_ARN_PATTERN = new RegExp(`^arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/[0-9a-f]{10}$`);
const ACCESS_LOGS = "/aws/apigateway/orders/a1b2c3d4e5/prod";
const EXECUTION_LOGS = "API-Gateway-Execution-Logs_a1b2c3d4e5/prod";
const TAGS = { team: "platform" };
const DIMENSIONS = { ApiName: "orders-api", Stage: "prod" };
const MEMBER_NOTE = " Notifies through the composite alarm only.";

class Parent extends pulumi.ComponentResource {
    constructor(name: string) {
        super(T.parent, name, {}, {});
    }
}

type Context = MonitoringContext & { integrationTimeoutMs: number };

function context(overrides: Partial<Context> = {}): Context {
    return {
        name: "orders",
        component: "ObservableRestApi",
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
        integrationTimeoutMs: 29000,
        tags: TAGS,
        ...overrides,
    };
}

/** Runs createMonitoring with the args defaulted as the component defaults them, and waits for every registration. */
async function monitor(
    args: Monitoring | undefined,
    overrides: Partial<Context> = {},
): Promise<{ out: MonitoringOutputs; warnings: string[]; parentUrn: string }> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    log.warn = (msg: string) => (warnings.push(msg), Promise.resolve());
    try {
        const ctx = context(overrides);
        const out = createMonitoring(ctx, resolveMonitoring(ctx.environment, args));
        const parentUrn = await valueOf(ctx.parent.urn);
        await settle();
        return { out, warnings, parentUrn };
    } finally {
        log.warn = original;
    }
}

function counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of runtime.resources.filter((r) => r.type !== T.parent)) {
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

const fresh = () => runtime.configure({ stack: TEST_STACK, preview: false, config: {} });

describe("components/monitoring/createMonitoring (mock runtime)", () => {
    it("qualifies names that must be unique in the account with project and stack, and dashboards with the region", () => {
        assert.strictEqual(physicalNamePrefix(TEST_PROJECT, TEST_STACK, "orders"), PREFIX);
        assert.strictEqual(physicalNamePrefix("p", "s", "my api.v2"), "p-s-my-api-v2");
        assert.strictEqual(dashboardName(PREFIX, "eu-west-1"), `${PREFIX}-eu-west-1`);
        // Dashboards are global to the account: the region tells two deployments of one stack apart.
        assert.notStrictEqual(dashboardName(PREFIX, "eu-west-1"), dashboardName(PREFIX, "us-east-1"));
        const long = dashboardName("p".repeat(260), "eu-west-1");
        assert.strictEqual(long, "p".repeat(255));
        assert.strictEqual(dashboardName("a.b", "x y"), "a-b-x-y");
    });

    describe("defaults: Production, Json access logs, one email", () => {
        let out: MonitoringOutputs;
        let result: MonitoringResources;
        let parentUrn: string;
        let warnings: string[];

        before(async () => {
            fresh();
            ({ out, parentUrn, warnings } = await monitor({ alarmEmails: ["oncall@example.com"] }));
            result = out.resources;
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
            for (const r of runtime.resources.filter((r) => r.type !== T.parent)) {
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
            assert.deepStrictEqual(
                [result.alarms.length, result.metricFilters.length, result.queries.length],
                [7, 4, 5],
            );
            assert.strictEqual(await valueOf(out.dashboardName!), DASHBOARD_NAME);
            assert.strictEqual(
                await valueOf(out.dashboardUrl!),
                `https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#dashboards:name=${DASHBOARD_NAME}`,
            );
            assert.strictEqual(await valueOf(out.alarmTopicArn!), TOPIC_ARN);
            assert.strictEqual(await valueOf(result.alarmTopic!.arn), TOPIC_ARN);
            assert.match(await valueOf(result.alarmTopicKey!.arn), KEY_ARN_PATTERN);
            assert.strictEqual(await valueOf(result.compositeAlarm!.alarmName), `${PREFIX}-api-unhealthy`);
            assert.strictEqual(
                result.dashboard,
                result.dashboard && runtime.one(T.dashboard, "orders-dashboard") && result.dashboard,
            );
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

        it("registers the dashboard body the pure builder makes from the alarm definitions, named with the region", () => {
            const dashboard = runtime.one(T.dashboard, "orders-dashboard");
            assert.deepStrictEqual(Object.keys(dashboard.inputs).sort(), ["dashboardBody", "dashboardName"]);
            assert.strictEqual(dashboard.inputs.dashboardName, DASHBOARD_NAME);
            const alarms = alarmDefinitions({
                name: "orders",
                alarmNamePrefix: PREFIX,
                metrics: new RestMetrics("orders-api", "prod", "ObservableApi/orders-api"),
                thresholds: resolveMonitoring(Environment.Production, undefined).thresholds,
                accessLogSignals: true,
                cachingEnabled: false,
                integrationTimeoutMs: 29000,
            });
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
                    alarms,
                }),
            );
        });

        it("encrypts the topic with a rotating customer managed key that CloudWatch may use", () => {
            const key = runtime.one(T.key, "orders-alarm-topic-key");
            assert.deepStrictEqual(key.inputs, {
                description: `Encrypts the alarm topic of ${PREFIX}; CloudWatch alarms may use it to publish.`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: JSON.stringify(alarmTopicKeyPolicy("aws", MOCK_ACCOUNT_ID)),
                tags: TAGS,
            });
            assert.deepStrictEqual(alarmTopicKeyPolicy("aws", MOCK_ACCOUNT_ID), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AccountAdministersTheKey",
                        Effect: "Allow",
                        Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` },
                        Action: "kms:*",
                        Resource: "*",
                    },
                    {
                        Sid: "CloudWatchAlarmsPublishToTheEncryptedTopic",
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                        Resource: "*",
                    },
                ],
            });
            const alias = runtime.one(T.alias, "orders-alarm-topic-key-alias");
            assert.deepStrictEqual(alias.inputs, { namePrefix: `alias/${PREFIX}-alarm-topic-`, targetKeyId: key.id });
            const topic = runtime.one(T.topic, "orders-alarm-topic");
            assert.match(topic.inputs.kmsMasterKeyId, KEY_ARN_PATTERN);
            assert.deepStrictEqual([topic.inputs.displayName, topic.inputs.tags], [`Alarms of ${PREFIX}`, TAGS]);
        });

        it("lets this account's CloudWatch alarms publish to the topic, and subscribes the email", () => {
            const policy = runtime.one(T.topicPolicy, "orders-alarm-topic-policy");
            assert.deepStrictEqual(policy.inputs, {
                arn: TOPIC_ARN,
                policy: JSON.stringify(alarmTopicPolicy(TOPIC_ARN, MOCK_ACCOUNT_ID, "aws")),
            });
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

        it("registers the 5XX rate alarm, a member of the composite, as metric math with no actions of its own", () => {
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-5xx-rate").inputs, {
                name: `${PREFIX}-5xx-rate`,
                alarmDescription:
                    "5XX error rate above 1% of requests (100*5XXError/Count, 2 of 3 periods of 5 min). Look first " +
                    "at the saved query 'top 5XX routes' and the execution log's recent errors, then the X-Ray " +
                    `service map for the failing integration.${MEMBER_NOTE}`,
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
                alarmActions: [],
                okActions: [],
                insufficientDataActions: [],
                tags: TAGS,
            });
        });

        it("registers the 5XX count alarm, outside the composite, with ALARM and OK actions on the topic", () => {
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-5xx-count").inputs, {
                name: `${PREFIX}-5xx-count`,
                alarmDescription:
                    "More than 10 5XX responses per 5 min (5XXError Sum, 2 of 3 periods of 5 min); watches " +
                    "low-traffic APIs the rate alarm cannot. Look first at the saved query 'top 5XX routes' and the " +
                    "execution log's recent errors.",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 10,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                treatMissingData: "notBreaching",
                namespace: "AWS/ApiGateway",
                metricName: "5XXError",
                dimensions: DIMENSIONS,
                period: 300,
                statistic: "Sum",
                actionsEnabled: true,
                alarmActions: [TOPIC_ARN],
                okActions: [TOPIC_ARN],
                insufficientDataActions: [],
                tags: TAGS,
            });
        });

        it("registers the p99 Latency alarm on ApiName and Stage with extended statistic p99, as a member", () => {
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-latency-p99").inputs, {
                name: `${PREFIX}-latency-p99`,
                alarmDescription:
                    "p99 Latency above 2000 ms (2 of 3 periods of 5 min; the integration timeout is 29,000 ms). Look " +
                    "first at the dashboard's Gateway overhead (authorizers, mapping, WAF) against IntegrationLatency, " +
                    `then the saved query 'p99 latency per resourcePath'.${MEMBER_NOTE}`,
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
                alarmActions: [],
                okActions: [],
                insufficientDataActions: [],
                tags: TAGS,
            });
        });

        it("gives every alarm its metric, statistic and threshold; only the composite's members stay silent", () => {
            const expected: Record<
                string,
                [string | undefined, string | undefined, string | undefined, number, boolean]
            > = {
                "orders-5xx-rate": [undefined, undefined, undefined, 1, false],
                "orders-5xx-count": ["5XXError", "Sum", undefined, 10, true],
                "orders-4xx-rate": [undefined, undefined, undefined, 5, true],
                "orders-latency-p99": ["Latency", undefined, "p99", 2000, false],
                "orders-integration-latency-p99": ["IntegrationLatency", undefined, "p99", 1500, true],
                "orders-throttled-requests": ["Throttled429", "Sum", undefined, 10, true],
                "orders-integration-timeouts": ["IntegrationTimeout", "Sum", undefined, 1, true],
            };
            for (const alarm of runtime.ofType(T.alarm)) {
                const i = alarm.inputs;
                const notifies = i.alarmActions.length > 0;
                assert.deepStrictEqual(
                    [i.metricName, i.statistic, i.extendedStatistic, i.threshold, notifies],
                    expected[alarm.name],
                    alarm.name,
                );
                assert.strictEqual(i.name, `observable-api-test-${alarm.name}`);
                assert.deepStrictEqual(
                    [i.evaluationPeriods, i.datapointsToAlarm, i.treatMissingData],
                    [3, 2, "notBreaching"],
                );
                assert.deepStrictEqual(i.okActions, notifies ? [TOPIC_ARN] : [], alarm.name);
                assert.deepStrictEqual(i.insufficientDataActions, [], alarm.name);
                assert.strictEqual(i.alarmDescription.endsWith(MEMBER_NOTE), !notifies, alarm.name);
                assert.deepStrictEqual(i.tags, TAGS);
                if (i.metricName === "Throttled429" || i.metricName === "IntegrationTimeout") {
                    assert.strictEqual(i.namespace, "ObservableApi/orders-api");
                    assert.ok(!("dimensions" in i), "filter metrics have no dimensions");
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
                alarmDescription: compositeAlarmDescription(
                    resolveMonitoring(Environment.Production, undefined).thresholds,
                ),
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
            // Registration order follows whichever log group name resolves first; compare by child name.
            assert.deepStrictEqual(
                runtime
                    .ofType(T.query)
                    .map((q) => [q.name, q.inputs.name, q.inputs.logGroupNames])
                    .sort(),
                [
                    ["orders-p99-latency-by-path-query", `${PREFIX}/p99 latency per resourcePath`, [ACCESS_LOGS]],
                    ["orders-recent-errors-query", `${PREFIX}/Recent execution errors`, [EXECUTION_LOGS]],
                    ["orders-slowest-integrations-query", `${PREFIX}/Slowest integrations`, [ACCESS_LOGS]],
                    ["orders-top-5xx-routes-query", `${PREFIX}/Top 5XX routes`, [ACCESS_LOGS]],
                    ["orders-top-throttled-ips-query", `${PREFIX}/Top throttled source IPs`, [ACCESS_LOGS]],
                ],
            );
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

    describe("variations", () => {
        beforeEach(fresh);

        it("alarms: false keeps the dashboard, filters and queries, and creates no topic or alarm", async () => {
            const { out, warnings } = await monitor({ alarms: false });
            assert.deepStrictEqual(counts(), { [T.filter]: 4, [T.dashboard]: 1, [T.query]: 5 });
            assert.strictEqual(out.alarmTopicArn, undefined);
            assert.strictEqual(out.resources.compositeAlarm, undefined);
            assert.deepStrictEqual(out.resources.alarms, []);
            const body = runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody;
            assert.ok(!body.includes("annotations"), "no threshold lines without alarms");
            assert.deepStrictEqual(warnings, []);
        });

        it("compositeAlarm: false creates no composite, and every alarm, its members included, notifies the topic", async () => {
            const { out, warnings } = await monitor({ compositeAlarm: false });
            assert.strictEqual(out.resources.compositeAlarm, undefined);
            assert.strictEqual(runtime.ofType(T.composite).length, 0);
            const topic = await valueOf(out.alarmTopicArn!);
            const alarms = runtime.ofType(T.alarm);
            assert.strictEqual(alarms.length, out.resources.alarms.length);
            assert.ok(
                alarms.some((a) => a.name === "orders-5xx-rate") && alarms.some((a) => a.name === "orders-latency-p99"),
            );
            for (const a of alarms) {
                assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[topic], [topic]], a.name);
                assert.ok(!a.inputs.alarmDescription.endsWith(MEMBER_NOTE), a.name);
            }
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
            const { warnings, out } = await monitor(undefined, { jsonAccessLogs: false });
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
            assert.deepStrictEqual(out.resources.metricFilters, []);
            assert.deepStrictEqual(names(T.query), ["orders-recent-errors-query"]);
            assert.ok(!runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody.includes("ObservableApi/"));
        });

        it("an existing topic creates no topic, key or subscription; it receives every action but the members'", async () => {
            const existing = "arn:aws:sns:us-east-1:210987654321:platform-oncall";
            const { out } = await monitor({ alarmTopicArn: existing });
            assert.deepStrictEqual(counts(), {
                [T.filter]: 4,
                [T.dashboard]: 1,
                [T.alarm]: 7,
                [T.composite]: 1,
                [T.query]: 5,
            });
            assert.deepStrictEqual([out.resources.alarmTopic, out.resources.alarmTopicKey], [undefined, undefined]);
            assert.strictEqual(await valueOf(out.alarmTopicArn!), existing);
            const members = ["orders-5xx-rate", "orders-latency-p99"];
            for (const r of [...runtime.ofType(T.alarm), ...runtime.ofType(T.composite)]) {
                const expected = members.includes(r.name) ? [] : [existing];
                assert.deepStrictEqual([r.inputs.alarmActions, r.inputs.okActions], [expected, expected], r.name);
            }
        });

        it("alarmTopicKmsKeyId encrypts the created topic with that key and creates none", async () => {
            await monitor({ alarmTopicKmsKeyId: "alias/platform-alarms" });
            assert.deepStrictEqual([runtime.ofType(T.key).length, runtime.ofType(T.alias).length], [0, 0]);
            assert.strictEqual(
                runtime.one(T.topic, "orders-alarm-topic").inputs.kmsMasterKeyId,
                "alias/platform-alarms",
            );
        });

        it("caching adds the low cache hit ratio alarm; thresholds follow the environment and the args", async () => {
            await monitor(
                { thresholds: { cacheHitRatioPercent: 70 } },
                { cachingEnabled: true, environment: Environment.Development },
            );
            const cache = runtime.one(T.alarm, "orders-low-cache-hit-ratio").inputs;
            assert.deepStrictEqual([cache.comparisonOperator, cache.threshold], ["LessThanThreshold", 70]);
            assert.deepStrictEqual(
                cache.metricQueries.map(
                    (q: { expression?: string; metric?: { metricName: string } }) =>
                        q.expression ?? q.metric!.metricName,
                ),
                ["CacheHitCount", "CacheMissCount", "100*mhit/(mhit+mmiss)"],
            );
            assert.strictEqual(runtime.one(T.alarm, "orders-latency-p99").inputs.threshold, 5000);
            assert.strictEqual(runtime.one(T.alarm, "orders-5xx-rate").inputs.threshold, 5);
            const body = JSON.parse(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody);
            const cacheGraph = body.widgets.find(
                (w: { properties: { title?: string } }) => w.properties.title === "Cache hit ratio (%)",
            );
            assert.deepStrictEqual(cacheGraph.properties.annotations, {
                horizontal: [{ label: "low-cache-hit-ratio alarm", value: 70, fill: "below" }],
            });
        });

        it("appends the runbook to every alarm description, also when the URL is an Output", async () => {
            await monitor({ runbookUrl: pulumi.output("https://wiki.example.com/runbooks/orders") });
            const described = [...runtime.ofType(T.alarm), ...runtime.ofType(T.composite)];
            assert.strictEqual(described.length, 8);
            for (const r of described) {
                assert.ok(
                    r.inputs.alarmDescription.endsWith(" Runbook: https://wiki.example.com/runbooks/orders"),
                    r.name,
                );
                assert.ok(r.inputs.alarmDescription.length <= 1024, r.name);
            }
        });

        it("dashboard: false registers no dashboard; with alarms off too, no filters either", async () => {
            const { out } = await monitor({ dashboard: false, alarms: false }, { jsonAccessLogs: false });
            assert.deepStrictEqual(counts(), { [T.query]: 1 });
            assert.deepStrictEqual(
                [out.resources.dashboard, out.dashboardName, out.dashboardUrl],
                [undefined, undefined, undefined],
            );
        });

        it("queries: false saves no query", async () => {
            await monitor({ queries: false, alarms: false });
            assert.deepStrictEqual(counts(), { [T.filter]: 4, [T.dashboard]: 1 });
        });

        it("one sanitised signal namespace for filters, alarms and dashboard, while ApiName stays the API's name", async () => {
            const apiName = "team:orders*v2$";
            await monitor(undefined, { apiName: pulumi.output(apiName) });
            const namespace = "ObservableApi/team-orders-v2-";
            assert.strictEqual(signalNamespace(apiName), namespace);
            assert.deepStrictEqual(
                [...new Set(runtime.ofType(T.filter).map((f) => f.inputs.metricTransformation.namespace))],
                [namespace],
            );
            assert.deepStrictEqual(
                ["orders-throttled-requests", "orders-integration-timeouts"].map(
                    (n) => runtime.one(T.alarm, n).inputs.namespace,
                ),
                [namespace, namespace],
            );
            const body = JSON.parse(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody);
            const namespaces = body.widgets
                .flatMap((w: { properties: { metrics?: unknown[][] } }) => w.properties.metrics ?? [])
                .map((row: unknown[]) => row[0])
                .filter((v: unknown) => typeof v === "string" && v.startsWith("ObservableApi/"));
            assert.deepStrictEqual([...new Set(namespaces)], [namespace]);
            assert.strictEqual(namespaces.length, 4);
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-5xx-count").inputs.dimensions, {
                ApiName: apiName,
                Stage: "prod",
            });
        });

        it("an API name longer than CloudWatch's 255-character namespace gets a cut, hashed namespace everywhere", async () => {
            const apiName = `${"a".repeat(250)}:${"b".repeat(50)}`;
            await monitor({ alarms: true }, { apiName });
            const namespace = `ObservableApi/${"a".repeat(232)}-${fnv1a(apiName)}`;
            assert.strictEqual(namespace.length, 255);
            assert.deepStrictEqual(
                [
                    ...new Set([
                        ...runtime.ofType(T.filter).map((f) => f.inputs.metricTransformation.namespace),
                        runtime.one(T.alarm, "orders-throttled-requests").inputs.namespace,
                    ]),
                ],
                [namespace],
            );
            assert.ok(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardBody.includes(`"${namespace}"`));
        });

        it("puts the region in the dashboard's name and URL, also when the region is an Output", async () => {
            const { out } = await monitor(undefined, { region: pulumi.output("ap-southeast-2") });
            const name = `${PREFIX}-ap-southeast-2`;
            assert.strictEqual(runtime.one(T.dashboard, "orders-dashboard").inputs.dashboardName, name);
            assert.strictEqual(await valueOf(out.dashboardName!), name);
            assert.strictEqual(
                await valueOf(out.dashboardUrl!),
                `https://ap-southeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-southeast-2#dashboards:name=${name}`,
            );
        });

        it("builds the key and topic policies in the stack's partition", async () => {
            runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "cn-north-1" } });
            await monitor(undefined, { region: "cn-north-1" });
            type Policy = { Statement: { Principal: { AWS?: string } }[] };
            const key: Policy = JSON.parse(runtime.one(T.key, "orders-alarm-topic-key").inputs.policy);
            assert.strictEqual(key.Statement[0].Principal.AWS, `arn:aws-cn:iam::${MOCK_ACCOUNT_ID}:root`);
            assert.deepStrictEqual(key, alarmTopicKeyPolicy("aws-cn", MOCK_ACCOUNT_ID));
            const topicArn = runtime.one(T.topic, "orders-alarm-topic").state.arn;
            const policy: Policy = JSON.parse(runtime.one(T.topicPolicy, "orders-alarm-topic-policy").inputs.policy);
            assert.strictEqual(policy.Statement[0].Principal.AWS, `arn:aws-cn:iam::${MOCK_ACCOUNT_ID}:root`);
            assert.deepStrictEqual(policy, alarmTopicPolicy(topicArn, MOCK_ACCOUNT_ID, "aws-cn"));
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
            assert.strictEqual(dashboard.inputs.dashboardName, DASHBOARD_NAME);
            // Alarms need no id: their dimensions are the API's name and the stage, known in preview.
            assert.deepStrictEqual(runtime.one(T.alarm, "orders-latency-p99").inputs.dimensions, DIMENSIONS);
        });
    });

    describe("createAlarms, shared by every protocol", () => {
        beforeEach(fresh);

        const topicArn = pulumi.output(TOPIC_ARN);
        const definitions = () =>
            alarmDefinitions({
                name: "orders",
                alarmNamePrefix: PREFIX,
                metrics: new RestMetrics("orders-api", "prod", "ObservableApi/orders-api"),
                thresholds: resolveMonitoring(Environment.Production, undefined).thresholds,
                accessLogSignals: false,
                cachingEnabled: false,
                integrationTimeoutMs: 29000,
            });
        const target = () => ({ name: "orders", component: "ObservableRestApi", parent: new Parent("orders") });

        async function alarms(composite: Parameters<typeof createAlarms>[2]) {
            const resources: MonitoringResources = { alarms: [], metricFilters: [], queries: [] };
            createAlarms(target(), definitions(), composite, topicArn, undefined, resources);
            await settle();
            return resources;
        }

        it("without a composite, every alarm notifies on ALARM and OK", async () => {
            const resources = await alarms(undefined);
            assert.strictEqual(resources.compositeAlarm, undefined);
            assert.deepStrictEqual(
                runtime
                    .ofType(T.alarm)
                    .map((a) => [a.name, a.inputs.alarmActions, a.inputs.okActions])
                    .sort(),
                ["4xx-rate", "5xx-count", "5xx-rate", "integration-latency-p99", "latency-p99"].map((s) => [
                    `orders-${s}`,
                    [TOPIC_ARN],
                    [TOPIC_ARN],
                ]),
            );
            assert.strictEqual(runtime.ofType(T.composite).length, 0);
        });

        it("a composite none of whose members exist is not created, and every alarm notifies on its own", async () => {
            const resources = await alarms({
                signals: ["connect-errors", "message-errors"],
                description: "never",
                alarmName: alarmName(PREFIX, AlarmSignal.ApiUnhealthy),
            });
            assert.strictEqual(resources.compositeAlarm, undefined);
            assert.strictEqual(runtime.ofType(T.composite).length, 0);
            for (const a of runtime.ofType(T.alarm)) {
                assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[TOPIC_ARN], [TOPIC_ARN]], a.name);
                assert.ok(!a.inputs.alarmDescription.endsWith(MEMBER_NOTE), a.name);
            }
        });

        it("a composite with some members missing is built from the ones that exist", async () => {
            await alarms({
                signals: [AlarmSignal.LatencyP99, "connect-errors"],
                description: "pages",
                alarmName: alarmName(PREFIX, AlarmSignal.ApiUnhealthy),
            });
            assert.strictEqual(
                runtime.one(T.composite, "orders-api-unhealthy").inputs.alarmRule,
                `ALARM("${PREFIX}-latency-p99")`,
            );
            assert.deepStrictEqual(
                runtime
                    .ofType(T.alarm)
                    .filter((a) => a.inputs.alarmActions.length === 0)
                    .map((a) => a.name),
                ["orders-latency-p99"],
            );
        });
    });
});
