import * as assert from "assert";
import { Environment } from "../../../../components/contract";
import { alarmMetricArgs, resolveThresholds } from "../../../../components/monitoring/alarms";
import {
    HTTP_UNHEALTHY_SIGNALS,
    HttpAlarmSignal,
    httpAlarmDefaults,
    httpAlarmDefinitions,
    httpCompositeAlarmDescription,
} from "../../../../components/monitoring/http/alarms";
import { httpMetricsFor } from "../../../../components/monitoring/metrics";
import type { HttpAlarmThresholds } from "../../../../components/monitoring/http/types";

const DIMENSIONS = { ApiId: "a1b2c3", Stage: "$default" };

function definitions(accessLogSignals = true, env: Environment = Environment.Production) {
    return httpAlarmDefinitions({
        name: "orders",
        alarmNamePrefix: "observable-api-prod-orders",
        metrics: httpMetricsFor("a1b2c3", "$default", "orders"),
        thresholds: resolveThresholds(httpAlarmDefaults, env, undefined),
        accessLogSignals,
    });
}

describe("components/monitoring/http/alarms", () => {
    it("holds one row of defaults per environment, the same values as REST's", () => {
        assert.deepStrictEqual(httpAlarmDefaults, {
            Production: {
                serverErrorRatePercent: 1,
                serverErrorCount: 10,
                clientErrorRatePercent: 5,
                latencyP99Ms: 2000,
                integrationLatencyP99Ms: 1500,
                throttledRequests: 10,
            },
            Staging: {
                serverErrorRatePercent: 2,
                serverErrorCount: 10,
                clientErrorRatePercent: 10,
                latencyP99Ms: 3000,
                integrationLatencyP99Ms: 2500,
                throttledRequests: 10,
            },
            Development: {
                serverErrorRatePercent: 5,
                serverErrorCount: 10,
                clientErrorRatePercent: 20,
                latencyP99Ms: 5000,
                integrationLatencyP99Ms: 4500,
                throttledRequests: 10,
            },
        });
        const overrides: HttpAlarmThresholds = { latencyP99Ms: 900, throttledRequests: undefined };
        assert.deepStrictEqual(resolveThresholds(httpAlarmDefaults, Environment.Staging, overrides), {
            ...httpAlarmDefaults.Staging,
            latencyP99Ms: 900,
        });
    });

    it("defines six alarms in a stable order: names, metrics, statistics, thresholds, 2 of 3, notBreaching", () => {
        assert.deepStrictEqual(
            definitions().map((d) => {
                const args = alarmMetricArgs(d.watches);
                return [
                    d.name,
                    d.alarmName,
                    args.metricName ?? args.metricQueries!.map((q) => q.expression ?? q.metric!.metricName).join(" "),
                    args.statistic ??
                        args.extendedStatistic ??
                        args.metricQueries!.map((q) => q.metric?.stat ?? "=").join(" "),
                    d.comparisonOperator,
                    d.threshold,
                    d.evaluationPeriods,
                    d.datapointsToAlarm,
                    d.treatMissingData,
                ];
            }),
            [
                [
                    "orders-5xx-rate",
                    "observable-api-prod-orders-5xx-rate",
                    "5xx Count 100*m5xx/mcount",
                    "Sum Sum =",
                    "GreaterThanThreshold",
                    1,
                    3,
                    2,
                    "notBreaching",
                ],
                [
                    "orders-5xx-count",
                    "observable-api-prod-orders-5xx-count",
                    "5xx",
                    "Sum",
                    "GreaterThanThreshold",
                    10,
                    3,
                    2,
                    "notBreaching",
                ],
                [
                    "orders-4xx-rate",
                    "observable-api-prod-orders-4xx-rate",
                    "4xx Count 100*m4xx/mcount",
                    "Sum Sum =",
                    "GreaterThanThreshold",
                    5,
                    3,
                    2,
                    "notBreaching",
                ],
                [
                    "orders-latency-p99",
                    "observable-api-prod-orders-latency-p99",
                    "Latency",
                    "p99",
                    "GreaterThanThreshold",
                    2000,
                    3,
                    2,
                    "notBreaching",
                ],
                [
                    "orders-integration-latency-p99",
                    "observable-api-prod-orders-integration-latency-p99",
                    "IntegrationLatency",
                    "p99",
                    "GreaterThanThreshold",
                    1500,
                    3,
                    2,
                    "notBreaching",
                ],
                [
                    "orders-throttled-requests",
                    "observable-api-prod-orders-throttled-requests",
                    "Throttled429",
                    "Sum",
                    "GreaterThanThreshold",
                    10,
                    3,
                    2,
                    "notBreaching",
                ],
            ],
        );
    });

    it("keys the gateway alarms on ApiId and Stage, and the access-log alarm on its namespace alone", () => {
        const byName = Object.fromEntries(definitions().map((d) => [d.signal, alarmMetricArgs(d.watches)]));
        assert.deepStrictEqual(byName[HttpAlarmSignal.LatencyP99], {
            namespace: "AWS/ApiGateway",
            metricName: "Latency",
            dimensions: DIMENSIONS,
            period: 300,
            extendedStatistic: "p99",
            evaluateLowSampleCountPercentiles: "ignore",
        });
        assert.deepStrictEqual(byName[HttpAlarmSignal.ServerErrorRate].metricQueries, [
            {
                id: "m5xx",
                returnData: false,
                metric: {
                    namespace: "AWS/ApiGateway",
                    metricName: "5xx",
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
            { id: "e5xxrate", expression: "100*m5xx/mcount", label: "5xx rate (%)", returnData: true },
        ]);
        assert.deepStrictEqual(byName[HttpAlarmSignal.Throttled], {
            namespace: "ObservableApi/orders",
            metricName: "Throttled429",
            period: 300,
            statistic: "Sum",
        });
    });

    it("says in each description what the threshold is and where to look first", () => {
        assert.deepStrictEqual(
            definitions().map((d) => d.description),
            [
                "5xx error rate above 1% of requests (100*5xx/Count, 2 of 3 periods of 5 min). HTTP APIs have no execution log: look first at the saved query 'Top 5xx routes' and at the access log's integrationErrorMessage, then at the backend's own logs and traces.",
                "More than 10 5xx responses per 5 min (5xx Sum, 2 of 3 periods of 5 min); watches low-traffic APIs the rate alarm cannot. Look first at the saved query 'Top 5xx routes'.",
                "4xx error rate above 5% of requests (100*4xx/Count, 2 of 3 periods of 5 min). Look first at the access log's status and routeKey (a route key of '-' is a request no route matched), and at 429s if throttling is the cause.",
                "p99 Latency above 2000 ms (2 of 3 periods of 5 min; an HTTP API integration times out at 30,000 ms with a 503). Look first at the dashboard's gateway overhead against IntegrationLatency, then the saved query 'p99 latency per route'.",
                "p99 IntegrationLatency above 1500 ms (2 of 3 periods of 5 min). The backend is slow: look first at the saved query 'p99 latency per route' and at the backend's traces (X-Ray does not trace HTTP APIs, so traces start at the backend).",
                "More than 10 throttled requests (429) per 5 min (access-log metric filter, 2 of 3 periods of 5 min). Look first at the saved query 'Top throttled source IPs', then at the stage and route throttling limits and the account's 10,000 rps quota.",
            ],
        );
    });

    it("drops the throttled-requests alarm without the access-log filters", () => {
        assert.deepStrictEqual(
            definitions(false).map((d) => d.signal),
            ["5xx-rate", "5xx-count", "4xx-rate", "latency-p99", "integration-latency-p99"],
        );
    });

    it("takes each environment's thresholds", () => {
        assert.deepStrictEqual(
            definitions(true, Environment.Development).map((d) => d.threshold),
            [5, 10, 20, 5000, 4500, 10],
        );
    });

    it("pages through a composite of the 5xx rate and p99 latency", () => {
        assert.deepStrictEqual(HTTP_UNHEALTHY_SIGNALS, ["5xx-rate", "latency-p99"]);
        assert.strictEqual(
            httpCompositeAlarmDescription(httpAlarmDefaults.Production),
            "API unhealthy: 5xx error rate above 1% OR p99 Latency above 2000 ms. This is the alarm that pages; its " +
                "members notify nobody on their own. Look first at the dashboard's error-rate and latency rows, then " +
                "at the member alarm in ALARM state.",
        );
    });
});
