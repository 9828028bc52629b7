import * as assert from "assert";
import {
    API_GATEWAY_NAMESPACE,
    AccessLogSignal,
    PERIOD_SECONDS,
    RestMetric,
    RestMetrics,
    SIGNAL_LABELS,
    dimensionMap,
    fnv1a,
    isPercentile,
    restMetricsFor,
    signalNamespace,
} from "../../../components/monitoring/metrics";

const DIMS = [
    { name: "ApiName", value: "orders-api" },
    { name: "Stage", value: "prod" },
];
const gateway = (metricName: string, stat: string, label: string) => ({
    kind: "metric",
    namespace: "AWS/ApiGateway",
    metricName,
    dimensions: DIMS,
    stat,
    period: 300,
    label,
});

describe("components/monitoring/metrics (the metric factory)", () => {
    describe("signalNamespace: one safe namespace per API for filters, alarms and dashboard", () => {
        it("is ObservableApi/<api name>, keeping the characters CloudWatch allows", () => {
            assert.strictEqual(signalNamespace("orders-api"), "ObservableApi/orders-api");
            assert.strictEqual(signalNamespace("a.b-c_d/e#f g"), "ObservableApi/a.b-c_d/e#f g");
        });

        it("replaces :, *, $ and every other character metric filters refuse with -", () => {
            assert.strictEqual(signalNamespace("team:orders*v2$"), "ObservableApi/team-orders-v2-");
            assert.strictEqual(signalNamespace("café|api"), "ObservableApi/caf--api");
        });

        it("cuts a name past 255 characters and appends a hash of the full name, so long names never collide", () => {
            const fits = "n".repeat(255 - "ObservableApi/".length);
            assert.strictEqual(signalNamespace(fits), `ObservableApi/${fits}`);
            const long = "x".repeat(300);
            assert.strictEqual(signalNamespace(long), `ObservableApi/${"x".repeat(232)}-${fnv1a(long)}`);
            assert.strictEqual(signalNamespace(long).length, 255);
            const other = `${"x".repeat(299)}y`;
            assert.notStrictEqual(signalNamespace(other), signalNamespace(long));
            assert.strictEqual(signalNamespace(`${fits}z`).length, 255);
            assert.match(signalNamespace(`${"a:".repeat(200)}`), /^ObservableApi\/(a-){116}-[0-9a-f]{8}$/);
        });

        it("hashes with 32-bit FNV-1a (the published test vectors)", () => {
            assert.deepStrictEqual(["", "a", "foobar"].map(fnv1a), ["811c9dc5", "e40c292c", "bf9cf968"]);
        });
    });

    describe("RestMetrics", () => {
        const m = restMetricsFor("orders-api", "prod");

        it("keys every API Gateway metric on ApiName then Stage, with a 5-minute period", () => {
            assert.strictEqual(PERIOD_SECONDS, 300);
            assert.strictEqual(API_GATEWAY_NAMESPACE, "AWS/ApiGateway");
            assert.deepStrictEqual(
                [
                    m.count(),
                    m.clientErrors(),
                    m.serverErrors("Average"),
                    m.latency("p99"),
                    m.integrationLatency("p50"),
                    m.cacheHits(),
                    m.cacheMisses(),
                ],
                [
                    gateway("Count", "Sum", "Requests"),
                    gateway("4XXError", "Sum", "4XX"),
                    gateway("5XXError", "Average", "5XX"),
                    gateway("Latency", "p99", "Latency p99"),
                    gateway("IntegrationLatency", "p50", "IntegrationLatency p50"),
                    gateway("CacheHitCount", "Sum", "Cache hits"),
                    gateway("CacheMissCount", "Sum", "Cache misses"),
                ],
            );
            assert.deepStrictEqual(Object.values(RestMetric), [
                "Count",
                "4XXError",
                "5XXError",
                "Latency",
                "IntegrationLatency",
                "CacheHitCount",
                "CacheMissCount",
            ]);
        });

        it("owns the rates, the ratio and the gateway overhead as metric math", () => {
            assert.deepStrictEqual(
                [m.serverErrorRate(), m.clientErrorRate(), m.cacheHitRatio(), m.gatewayOverhead()],
                [
                    {
                        kind: "math",
                        id: "e5xxrate",
                        expression: "100*m5xx/mcount",
                        label: "5XX rate (%)",
                        usingMetrics: {
                            m5xx: gateway("5XXError", "Sum", "5XX"),
                            mcount: gateway("Count", "Sum", "Requests"),
                        },
                    },
                    {
                        kind: "math",
                        id: "e4xxrate",
                        expression: "100*m4xx/mcount",
                        label: "4XX rate (%)",
                        usingMetrics: {
                            m4xx: gateway("4XXError", "Sum", "4XX"),
                            mcount: gateway("Count", "Sum", "Requests"),
                        },
                    },
                    {
                        kind: "math",
                        id: "ehitratio",
                        expression: "100*mhit/(mhit+mmiss)",
                        label: "Cache hit ratio (%)",
                        usingMetrics: {
                            mhit: gateway("CacheHitCount", "Sum", "Cache hits"),
                            mmiss: gateway("CacheMissCount", "Sum", "Cache misses"),
                        },
                    },
                    {
                        kind: "math",
                        id: "eoverhead",
                        expression: "mlatency - mintegration",
                        label: "Gateway overhead (ms)",
                        usingMetrics: {
                            mlatency: gateway("Latency", "Average", "Latency Average"),
                            mintegration: gateway("IntegrationLatency", "Average", "IntegrationLatency Average"),
                        },
                    },
                ],
            );
        });

        it("reads the access-log signals from the API's signal namespace, with no dimensions", () => {
            assert.deepStrictEqual(
                Object.values(AccessLogSignal).map((s) => m.accessLogSignal(s)),
                [
                    ["Throttled429", "429 throttled"],
                    ["BadGateway502", "502 bad gateway"],
                    ["GatewayTimeout504", "504 gateway timeout"],
                    ["IntegrationTimeout", "Integration timeouts"],
                ].map(([metricName, label]) => ({
                    kind: "metric",
                    namespace: "ObservableApi/orders-api",
                    metricName,
                    dimensions: [],
                    stat: "Sum",
                    period: 300,
                    label,
                })),
            );
            assert.deepStrictEqual(
                Object.values(AccessLogSignal).map((s) => SIGNAL_LABELS[s]),
                ["429 throttled", "502 bad gateway", "504 gateway timeout", "Integration timeouts"],
            );
            assert.strictEqual(
                restMetricsFor("team:orders", "prod").accessLogSignal(AccessLogSignal.Throttled).namespace,
                "ObservableApi/team-orders",
            );
        });

        it("carries deferred names by identity, never through a template literal", () => {
            const api = { deferred: "api" };
            const stage = { deferred: "stage" };
            const namespace = { deferred: "namespace" };
            const deferred = new RestMetrics<object>(api, stage, namespace);
            const rate = deferred.serverErrorRate().usingMetrics.m5xx;
            assert.strictEqual(rate.dimensions[0].value, api);
            assert.strictEqual(rate.dimensions[1].value, stage);
            assert.strictEqual(deferred.accessLogSignal(AccessLogSignal.BadGateway).namespace, namespace);
            assert.deepStrictEqual(dimensionMap(rate), { ApiName: api, Stage: stage });
        });

        it("tells percentiles from plain statistics", () => {
            assert.deepStrictEqual((["p50", "p99", "Sum", "Average", "SampleCount"] as const).map(isPercentile), [
                true,
                true,
                false,
                false,
                false,
            ]);
        });
    });
});
