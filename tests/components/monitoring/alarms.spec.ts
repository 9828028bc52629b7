import * as assert from "assert";
import { Environment } from "../../../components/enums";
import {
    AlarmDefinition,
    AlarmSignal,
    alarmDefaults,
    alarmDefinitions,
    alarmName,
    compositeAlarmDescription,
    compositeAlarmRule,
    metricsFor,
    resolveThresholds,
    withRunbook,
    MAX_RUNBOOK_URL_LENGTH,
} from "../../../components/monitoring";

const DIMENSIONS = { ApiName: "orders-api", Stage: "prod" };
const SIGNALS_NAMESPACE = "ObservableApi/orders-api";

function definitions(overrides: { accessLogSignals?: boolean; cachingEnabled?: boolean; env?: Environment } = {}) {
    return alarmDefinitions({
        name: "orders",
        alarmNamePrefix: "observable-api-prod-orders",
        metrics: metricsFor("orders-api", "prod"),
        thresholds: resolveThresholds(overrides.env ?? Environment.Production, undefined),
        accessLogSignals: overrides.accessLogSignals ?? true,
        cachingEnabled: overrides.cachingEnabled ?? false,
    });
}

function bySignal(defs: AlarmDefinition[], signal: AlarmSignal): AlarmDefinition {
    const found = defs.filter((d) => d.signal === signal);
    assert.strictEqual(found.length, 1, `one ${signal} alarm`);
    return found[0];
}

describe("components/monitoring/alarms", () => {
    describe("alarmDefaults and resolveThresholds", () => {
        it("holds one row per environment, Production strictest", () => {
            assert.deepStrictEqual(alarmDefaults, {
                Production: {
                    serverErrorRatePercent: 1,
                    serverErrorCount: 10,
                    clientErrorRatePercent: 5,
                    latencyP99Ms: 2000,
                    integrationLatencyP99Ms: 1500,
                    throttledRequests: 10,
                    integrationTimeouts: 1,
                    cacheHitRatioPercent: 50,
                },
                Staging: {
                    serverErrorRatePercent: 2,
                    serverErrorCount: 10,
                    clientErrorRatePercent: 10,
                    latencyP99Ms: 3000,
                    integrationLatencyP99Ms: 2500,
                    throttledRequests: 10,
                    integrationTimeouts: 1,
                    cacheHitRatioPercent: 50,
                },
                Development: {
                    serverErrorRatePercent: 5,
                    serverErrorCount: 10,
                    clientErrorRatePercent: 20,
                    latencyP99Ms: 5000,
                    integrationLatencyP99Ms: 4500,
                    throttledRequests: 10,
                    integrationTimeouts: 1,
                    cacheHitRatioPercent: 50,
                },
            });
        });

        it("keeps every latency default below the 29 s integration timeout", () => {
            for (const row of Object.values(alarmDefaults)) {
                assert.ok(row.latencyP99Ms < 29000 && row.integrationLatencyP99Ms < row.latencyP99Ms);
            }
        });

        it("lets each explicit threshold win over the environment's default, and only that one", () => {
            const t = resolveThresholds(Environment.Staging, { latencyP99Ms: 1200, serverErrorCount: undefined });
            assert.deepStrictEqual(t, { ...alarmDefaults.Staging, latencyP99Ms: 1200 });
            // The table itself is not modified.
            assert.strictEqual(alarmDefaults.Staging.latencyP99Ms, 3000);
            // The plain string is the enum member.
            assert.deepStrictEqual(resolveThresholds("Development" as Environment, {}), alarmDefaults.Development);
            assert.throws(
                () => resolveThresholds("Prod" as Environment, undefined),
                new Error('unknown environment "Prod"; allowed: Production, Staging, Development'),
            );
        });
    });

    it("names every alarm ${name}-<signal>, with a stack-qualified name in CloudWatch", () => {
        assert.strictEqual(alarmName("orders", AlarmSignal.ServerErrorRate), "orders-5xx-rate");
        const defs = definitions({ cachingEnabled: true });
        assert.deepStrictEqual(
            defs.map((d) => [d.name, d.alarmName]),
            [
                ["orders-5xx-rate", "observable-api-prod-orders-5xx-rate"],
                ["orders-5xx-count", "observable-api-prod-orders-5xx-count"],
                ["orders-4xx-rate", "observable-api-prod-orders-4xx-rate"],
                ["orders-latency-p99", "observable-api-prod-orders-latency-p99"],
                ["orders-integration-latency-p99", "observable-api-prod-orders-integration-latency-p99"],
                ["orders-throttled-requests", "observable-api-prod-orders-throttled-requests"],
                ["orders-integration-timeouts", "observable-api-prod-orders-integration-timeouts"],
                ["orders-low-cache-hit-ratio", "observable-api-prod-orders-low-cache-hit-ratio"],
            ],
        );
    });

    it("drops the access-log alarms without Json logs and the cache alarm without caching", () => {
        assert.deepStrictEqual(
            definitions({ accessLogSignals: false, cachingEnabled: false }).map((d) => d.signal),
            ["5xx-rate", "5xx-count", "4xx-rate", "latency-p99", "integration-latency-p99"],
        );
        assert.deepStrictEqual(
            definitions({ accessLogSignals: true, cachingEnabled: false }).map((d) => d.signal),
            [
                "5xx-rate",
                "5xx-count",
                "4xx-rate",
                "latency-p99",
                "integration-latency-p99",
                "throttled-requests",
                "integration-timeouts",
            ],
        );
    });

    it("gives every alarm M-of-N evaluation, notBreaching missing data and a description with its threshold", () => {
        for (const def of definitions({ cachingEnabled: true })) {
            assert.strictEqual(def.evaluationPeriods, 3, def.name);
            assert.strictEqual(def.datapointsToAlarm, 2, def.name);
            assert.ok(def.datapointsToAlarm < def.evaluationPeriods, def.name);
            assert.strictEqual(def.treatMissingData, "notBreaching", def.name);
            assert.ok(def.description.includes(String(def.threshold)), `${def.name}: ${def.description}`);
            assert.match(def.description, /Look first at/, def.name);
            assert.ok(
                withRunbook(def.description, "x".repeat(MAX_RUNBOOK_URL_LENGTH)).length <= 1024,
                `${def.name} leaves room for the longest runbook link`,
            );
            // Exactly one of: a single metric, or metric math.
            assert.notStrictEqual(def.metricName === undefined, def.metricQueries === undefined, def.name);
        }
    });

    it("5XX rate: 100*5XXError/Count as metric math, Sum over 300 s, on ApiName and Stage", () => {
        const def = bySignal(definitions(), AlarmSignal.ServerErrorRate);
        assert.strictEqual(def.comparisonOperator, "GreaterThanThreshold");
        assert.strictEqual(def.threshold, 1);
        assert.strictEqual(def.metricName, undefined);
        assert.deepStrictEqual(def.metricQueries, [
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
        ]);
        assert.strictEqual(
            def.description,
            "5XX error rate above 1% of requests (100*5XXError/Count, 2 of 3 periods of 5 min). Look first at the " +
                "saved query 'top 5XX routes' and the execution log's recent errors, then the X-Ray service map for " +
                "the failing integration.",
        );
    });

    it("5XX count: the seeds' 5XXError Sum above 10 per 5 minutes", () => {
        const def = bySignal(definitions(), AlarmSignal.ServerErrorCount);
        assert.deepStrictEqual(
            {
                namespace: def.namespace,
                metricName: def.metricName,
                dimensions: def.dimensions,
                statistic: def.statistic,
                extendedStatistic: def.extendedStatistic,
                period: def.period,
                comparisonOperator: def.comparisonOperator,
                threshold: def.threshold,
            },
            {
                namespace: "AWS/ApiGateway",
                metricName: "5XXError",
                dimensions: DIMENSIONS,
                statistic: "Sum",
                extendedStatistic: undefined,
                period: 300,
                comparisonOperator: "GreaterThanThreshold",
                threshold: 10,
            },
        );
    });

    it("4XX rate: 100*4XXError/Count above the environment's percentage", () => {
        const def = bySignal(definitions({ env: Environment.Development }), AlarmSignal.ClientErrorRate);
        assert.strictEqual(def.threshold, 20);
        assert.deepStrictEqual(
            def.metricQueries!.map((q) => q.expression ?? `${q.metric!.metricName}/${q.metric!.stat}`),
            ["4XXError/Sum", "Count/Sum", "100*m4xx/mcount"],
        );
        assert.deepStrictEqual(def.metricQueries![0].metric!.dimensions, DIMENSIONS);
    });

    it("p99 Latency and p99 IntegrationLatency: extended statistic p99, low-sample percentiles ignored", () => {
        const defs = definitions();
        for (const [signal, metricName, threshold] of [
            [AlarmSignal.LatencyP99, "Latency", 2000],
            [AlarmSignal.IntegrationLatencyP99, "IntegrationLatency", 1500],
        ] as const) {
            const def = bySignal(defs, signal);
            assert.strictEqual(def.namespace, "AWS/ApiGateway");
            assert.strictEqual(def.metricName, metricName);
            assert.deepStrictEqual(def.dimensions, DIMENSIONS);
            assert.strictEqual(def.extendedStatistic, "p99");
            assert.strictEqual(def.statistic, undefined);
            assert.strictEqual(def.evaluateLowSampleCountPercentiles, "ignore");
            assert.strictEqual(def.period, 300);
            assert.strictEqual(def.threshold, threshold);
            assert.strictEqual(def.comparisonOperator, "GreaterThanThreshold");
        }
    });

    it("429s and integration timeouts: Sum of the access-log filter metrics, no dimensions", () => {
        const defs = definitions();
        const throttled = bySignal(defs, AlarmSignal.Throttled);
        assert.deepStrictEqual(
            [throttled.namespace, throttled.metricName, throttled.dimensions, throttled.statistic],
            [SIGNALS_NAMESPACE, "Throttled429", undefined, "Sum"],
        );
        assert.deepStrictEqual([throttled.comparisonOperator, throttled.threshold], ["GreaterThanThreshold", 10]);
        const timeouts = bySignal(defs, AlarmSignal.IntegrationTimeouts);
        assert.deepStrictEqual(
            [timeouts.namespace, timeouts.metricName, timeouts.dimensions, timeouts.statistic],
            [SIGNALS_NAMESPACE, "IntegrationTimeout", undefined, "Sum"],
        );
        // "At least one" timeout: with the default of 1, GreaterThan would need two.
        assert.deepStrictEqual([timeouts.comparisonOperator, timeouts.threshold], ["GreaterThanOrEqualToThreshold", 1]);
    });

    it("low cache hit ratio: 100*hits/(hits+misses) below the threshold", () => {
        const def = bySignal(definitions({ cachingEnabled: true }), AlarmSignal.LowCacheHitRatio);
        assert.deepStrictEqual([def.comparisonOperator, def.threshold], ["LessThanThreshold", 50]);
        assert.deepStrictEqual(
            def.metricQueries!.map((q) => [q.id, q.expression ?? q.metric!.metricName, q.returnData]),
            [
                ["mhit", "CacheHitCount", false],
                ["mmiss", "CacheMissCount", false],
                ["ehitratio", "100*mhit/(mhit+mmiss)", true],
            ],
        );
    });

    it("builds the composite rule and description, and appends a runbook when given", () => {
        assert.strictEqual(
            compositeAlarmRule(["p-5xx-rate", "p-latency-p99"]),
            'ALARM("p-5xx-rate") OR ALARM("p-latency-p99")',
        );
        assert.strictEqual(
            compositeAlarmDescription(alarmDefaults.Production),
            "API unhealthy: 5XX error rate above 1% OR p99 Latency above 2000 ms. This is the alarm that pages. " +
                "Look first at the dashboard's error-rate and latency rows, then at the member alarm that fired.",
        );
        assert.ok(
            withRunbook(compositeAlarmDescription(alarmDefaults.Development), "x".repeat(MAX_RUNBOOK_URL_LENGTH))
                .length <= 1024,
        );
        assert.strictEqual(withRunbook("D.", "https://runbooks/api"), "D. Runbook: https://runbooks/api");
        assert.strictEqual(withRunbook("D.", undefined), "D.");
    });
});
