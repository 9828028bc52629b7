import * as assert from "assert";
import { Environment } from "../../../components/contract";
import {
    AlarmDefinition,
    AlarmSignal,
    DATAPOINTS_TO_ALARM,
    EVALUATION_PERIODS,
    UNHEALTHY_SIGNALS,
    WINDOW,
    alarmBase,
    alarmDefaults,
    alarmDefinitions,
    alarmMetricArgs,
    alarmName,
    annotationFor,
    compositeAlarmDescription,
    compositeAlarmRule,
    resolveThresholds,
    withRunbook,
} from "../../../components/monitoring/alarms";
import { restMetricsFor } from "../../../components/monitoring/metrics";
import { MAX_RUNBOOK_URL_LENGTH } from "../../../components/monitoring/validation";

const DIMENSIONS = { ApiName: "orders-api", Stage: "prod" };
const SIGNALS_NAMESPACE = "ObservableApi/orders-api";
const METRICS = restMetricsFor("orders-api", "prod");

function definitions(
    overrides: { accessLogSignals?: boolean; cachingEnabled?: boolean; env?: Environment; timeoutMs?: number } = {},
) {
    return alarmDefinitions({
        name: "orders",
        alarmNamePrefix: "observable-api-prod-orders",
        metrics: METRICS,
        thresholds: resolveThresholds(overrides.env ?? Environment.Production, undefined),
        accessLogSignals: overrides.accessLogSignals ?? true,
        cachingEnabled: overrides.cachingEnabled ?? false,
        integrationTimeoutMs: overrides.timeoutMs ?? 29000,
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
            assert.deepStrictEqual(resolveThresholds("Development", {}), alarmDefaults.Development);
        });

        it("resolves another protocol's table the same way", () => {
            const table = {
                Production: { a: 1, b: 2 },
                Staging: { a: 3, b: 4 },
                Development: { a: 5, b: 6 },
            };
            assert.deepStrictEqual(resolveThresholds<{ a?: number; b?: number }>(table, "Staging", { b: 9 }), {
                a: 3,
                b: 9,
            });
        });
    });

    it("names every alarm ${name}-<signal>, with a stack-qualified name in CloudWatch", () => {
        assert.strictEqual(alarmName("orders", AlarmSignal.ServerErrorRate), "orders-5xx-rate");
        assert.deepStrictEqual(
            definitions({ cachingEnabled: true }).map((d) => [d.name, d.alarmName]),
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
        assert.deepStrictEqual(alarmBase("orders", "p-s-orders", "x"), {
            signal: "x",
            name: "orders-x",
            alarmName: "p-s-orders-x",
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
        });
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
        assert.deepStrictEqual([EVALUATION_PERIODS, DATAPOINTS_TO_ALARM, WINDOW], [3, 2, "2 of 3 periods of 5 min"]);
        for (const def of definitions({ cachingEnabled: true })) {
            assert.strictEqual(def.evaluationPeriods, 3, def.name);
            assert.strictEqual(def.datapointsToAlarm, 2, def.name);
            assert.strictEqual(def.treatMissingData, "notBreaching", def.name);
            assert.ok(def.description.includes(String(def.threshold)), `${def.name}: ${def.description}`);
            assert.ok(def.description.includes(WINDOW), def.name);
            assert.match(def.description, /Look first at/, def.name);
            assert.ok(
                withRunbook(def.description, "x".repeat(MAX_RUNBOOK_URL_LENGTH)).length <= 1024,
                `${def.name} leaves room for the longest runbook link`,
            );
            // Exactly one of: a single metric, or metric math.
            const args = alarmMetricArgs(def.watches);
            assert.notStrictEqual(args.metricName === undefined, args.metricQueries === undefined, def.name);
        }
    });

    it("5XX rate watches the factory's serverErrorRate(): 100*5XXError/Count, as metric queries", () => {
        const def = bySignal(definitions(), AlarmSignal.ServerErrorRate);
        assert.deepStrictEqual(def.watches, METRICS.serverErrorRate());
        assert.deepStrictEqual([def.comparisonOperator, def.threshold], ["GreaterThanThreshold", 1]);
        assert.deepStrictEqual(alarmMetricArgs(def.watches), {
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
        });
        assert.strictEqual(
            def.description,
            "5XX error rate above 1% of requests (100*5XXError/Count, 2 of 3 periods of 5 min). Look first at the " +
                "saved query 'top 5XX routes' and the execution log's recent errors, then the X-Ray service map for " +
                "the failing integration.",
        );
    });

    it("5XX count: 5XXError Sum above 10 per 5 minutes", () => {
        const def = bySignal(definitions(), AlarmSignal.ServerErrorCount);
        assert.deepStrictEqual(def.watches, METRICS.serverErrors());
        assert.deepStrictEqual(alarmMetricArgs(def.watches), {
            namespace: "AWS/ApiGateway",
            metricName: "5XXError",
            dimensions: DIMENSIONS,
            period: 300,
            statistic: "Sum",
        });
        assert.deepStrictEqual([def.comparisonOperator, def.threshold], ["GreaterThanThreshold", 10]);
    });

    it("4XX rate watches clientErrorRate() above the environment's percentage", () => {
        const def = bySignal(definitions({ env: Environment.Development }), AlarmSignal.ClientErrorRate);
        assert.deepStrictEqual(def.watches, METRICS.clientErrorRate());
        assert.strictEqual(def.threshold, 20);
        assert.deepStrictEqual(
            alarmMetricArgs(def.watches).metricQueries!.map(
                (q) => q.expression ?? `${q.metric!.metricName}/${q.metric!.stat}`,
            ),
            ["4XXError/Sum", "Count/Sum", "100*m4xx/mcount"],
        );
    });

    it("p99 Latency and p99 IntegrationLatency: extended statistic p99, low-sample percentiles ignored", () => {
        const defs = definitions();
        for (const [signal, metricName, threshold] of [
            [AlarmSignal.LatencyP99, "Latency", 2000],
            [AlarmSignal.IntegrationLatencyP99, "IntegrationLatency", 1500],
        ] as const) {
            const def = bySignal(defs, signal);
            assert.deepStrictEqual(alarmMetricArgs(def.watches), {
                namespace: "AWS/ApiGateway",
                metricName,
                dimensions: DIMENSIONS,
                period: 300,
                extendedStatistic: "p99",
                evaluateLowSampleCountPercentiles: "ignore",
            });
            assert.deepStrictEqual([def.comparisonOperator, def.threshold], ["GreaterThanThreshold", threshold]);
        }
    });

    it("names the API's integration timeout in the latency and timeout descriptions", () => {
        const edge = definitions();
        const raised = definitions({ timeoutMs: 300000 });
        assert.strictEqual(
            bySignal(edge, AlarmSignal.LatencyP99).description,
            "p99 Latency above 2000 ms (2 of 3 periods of 5 min; the integration timeout is 29,000 ms). Look first at " +
                "the dashboard's Gateway overhead (authorizers, mapping, WAF) against IntegrationLatency, then the " +
                "saved query 'p99 latency per resourcePath'.",
        );
        assert.match(bySignal(raised, AlarmSignal.LatencyP99).description, /the integration timeout is 300,000 ms\)/);
        assert.match(
            bySignal(raised, AlarmSignal.IntegrationTimeouts).description,
            /did not answer within the 300,000 ms integration timeout/,
        );
    });

    it("429s and integration timeouts: Sum of the access-log filter metrics, with no dimensions at all", () => {
        const defs = definitions();
        const throttled = bySignal(defs, AlarmSignal.Throttled);
        assert.deepStrictEqual(alarmMetricArgs(throttled.watches), {
            namespace: SIGNALS_NAMESPACE,
            metricName: "Throttled429",
            period: 300,
            statistic: "Sum",
        });
        assert.deepStrictEqual([throttled.comparisonOperator, throttled.threshold], ["GreaterThanThreshold", 10]);
        const timeouts = bySignal(defs, AlarmSignal.IntegrationTimeouts);
        assert.deepStrictEqual(alarmMetricArgs(timeouts.watches), {
            namespace: SIGNALS_NAMESPACE,
            metricName: "IntegrationTimeout",
            period: 300,
            statistic: "Sum",
        });
        // "At least one" timeout: with the default of 1, GreaterThan would need two.
        assert.deepStrictEqual([timeouts.comparisonOperator, timeouts.threshold], ["GreaterThanOrEqualToThreshold", 1]);
    });

    it("low cache hit ratio watches cacheHitRatio() below the threshold", () => {
        const def = bySignal(definitions({ cachingEnabled: true }), AlarmSignal.LowCacheHitRatio);
        assert.deepStrictEqual(def.watches, METRICS.cacheHitRatio());
        assert.deepStrictEqual([def.comparisonOperator, def.threshold], ["LessThanThreshold", 50]);
        assert.deepStrictEqual(
            alarmMetricArgs(def.watches).metricQueries!.map((q) => [
                q.id,
                q.expression ?? q.metric!.metricName,
                q.returnData,
            ]),
            [
                ["mhit", "CacheHitCount", false],
                ["mmiss", "CacheMissCount", false],
                ["ehitratio", "100*mhit/(mhit+mmiss)", true],
            ],
        );
    });

    it("builds the composite from the signals worth paging for, with its rule and description", () => {
        assert.deepStrictEqual(UNHEALTHY_SIGNALS, ["5xx-rate", "latency-p99"]);
        assert.strictEqual(
            compositeAlarmRule(["p-5xx-rate", "p-latency-p99"]),
            'ALARM("p-5xx-rate") OR ALARM("p-latency-p99")',
        );
        assert.strictEqual(
            compositeAlarmDescription(alarmDefaults.Production),
            "API unhealthy: 5XX error rate above 1% OR p99 Latency above 2000 ms. This is the alarm that pages; its " +
                "members notify nobody on their own. Look first at the dashboard's error-rate and latency rows, then at " +
                "the member alarm in ALARM state.",
        );
        assert.ok(
            withRunbook(compositeAlarmDescription(alarmDefaults.Development), "x".repeat(MAX_RUNBOOK_URL_LENGTH))
                .length <= 1024,
        );
        assert.strictEqual(withRunbook("D.", "https://runbooks/api"), "D. Runbook: https://runbooks/api");
        assert.strictEqual(withRunbook("D.", undefined), "D.");
    });

    it("annotationFor draws the threshold of the definition given, shaded on its breaching side", () => {
        const defs = definitions({ cachingEnabled: true });
        assert.deepStrictEqual(annotationFor(defs, AlarmSignal.ServerErrorRate), [
            { label: "5xx-rate alarm", value: 1, fill: "above" },
        ]);
        assert.deepStrictEqual(annotationFor(defs, AlarmSignal.LowCacheHitRatio), [
            { label: "low-cache-hit-ratio alarm", value: 50, fill: "below" },
        ]);
        // The value is the definition's own, not a second copy of the thresholds.
        const changed = defs.map((d) => (d.signal === AlarmSignal.LatencyP99 ? { ...d, threshold: 1234 } : d));
        assert.deepStrictEqual(annotationFor(changed, AlarmSignal.LatencyP99), [
            { label: "latency-p99 alarm", value: 1234, fill: "above" },
        ]);
        assert.deepStrictEqual(
            [
                annotationFor(undefined, AlarmSignal.LatencyP99),
                annotationFor(definitions(), AlarmSignal.LowCacheHitRatio),
            ],
            [[], []],
        );
    });
});
