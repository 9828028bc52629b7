import * as assert from "assert";
import {
    HttpAccessLogSignal,
    HttpMetrics,
    WebSocketAccessLogSignal,
    httpMetricsFor,
    webSocketMetricsFor,
} from "../../../components/monitoring/metrics";

const dims = (apiId: string, stage: string) => [
    { name: "ApiId", value: apiId },
    { name: "Stage", value: stage },
];

describe("components/monitoring/metrics: HTTP and WebSocket factories", () => {
    describe("HttpMetrics", () => {
        const m = httpMetricsFor("a1b2c3", "$default", "orders");

        it("keys every gateway metric on ApiId then Stage, with the lower-case 4xx and 5xx", () => {
            assert.deepStrictEqual(
                [m.count(), m.clientErrors(), m.serverErrors(), m.latency("p99"), m.integrationLatency("p50")].map(
                    (s) => [s.namespace, s.metricName, s.stat, s.period, s.label, s.dimensions],
                ),
                [
                    ["AWS/ApiGateway", "Count", "Sum", 300, "Requests", dims("a1b2c3", "$default")],
                    ["AWS/ApiGateway", "4xx", "Sum", 300, "4xx", dims("a1b2c3", "$default")],
                    ["AWS/ApiGateway", "5xx", "Sum", 300, "5xx", dims("a1b2c3", "$default")],
                    ["AWS/ApiGateway", "Latency", "p99", 300, "Latency p99", dims("a1b2c3", "$default")],
                    [
                        "AWS/ApiGateway",
                        "IntegrationLatency",
                        "p50",
                        300,
                        "IntegrationLatency p50",
                        dims("a1b2c3", "$default"),
                    ],
                ],
            );
            assert.deepStrictEqual(m.dataProcessed(), {
                kind: "metric",
                namespace: "AWS/ApiGateway",
                metricName: "DataProcessed",
                dimensions: dims("a1b2c3", "$default"),
                stat: "Sum",
                period: 300,
                label: "Data processed (bytes)",
            });
        });

        it("owns the rates and the gateway overhead as metric math", () => {
            assert.deepStrictEqual(
                [m.serverErrorRate(), m.clientErrorRate(), m.gatewayOverhead()].map((x) => [
                    x.id,
                    x.expression,
                    x.label,
                    Object.entries(x.usingMetrics).map(([id, s]) => `${id}=${s.metricName}/${s.stat}`),
                ]),
                [
                    ["e5xxrate", "100*m5xx/mcount", "5xx rate (%)", ["m5xx=5xx/Sum", "mcount=Count/Sum"]],
                    ["e4xxrate", "100*m4xx/mcount", "4xx rate (%)", ["m4xx=4xx/Sum", "mcount=Count/Sum"]],
                    [
                        "eoverhead",
                        "mlatency - mintegration",
                        "Gateway overhead (ms)",
                        ["mlatency=Latency/Average", "mintegration=IntegrationLatency/Average"],
                    ],
                ],
            );
        });

        it("publishes the access-log signals in the API's own namespace, without dimensions", () => {
            assert.deepStrictEqual(
                Object.values(HttpAccessLogSignal).map((s) => {
                    const spec = m.accessLogSignal(s);
                    return [spec.namespace, spec.metricName, spec.dimensions, spec.stat, spec.label];
                }),
                [
                    ["ObservableApi/orders", "Throttled429", [], "Sum", "429 throttled"],
                    ["ObservableApi/orders", "BadGateway502", [], "Sum", "502 bad gateway"],
                    ["ObservableApi/orders", "ServiceUnavailable503", [], "Sum", "503 unavailable or timed out"],
                ],
            );
        });

        it("works over Outputs-like values without concatenating them", () => {
            const token = { id: "later" };
            const deferred = new HttpMetrics<unknown>(token, "prod", "ns");
            assert.strictEqual(deferred.count().dimensions[0].value, token);
        });
    });

    describe("WebSocketMetrics", () => {
        const m = webSocketMetricsFor("w1s2", "prod", "chat");

        it("counts connects and messages and splits errors by where they happened, on ApiId then Stage", () => {
            assert.deepStrictEqual(
                [
                    m.connects(),
                    m.messages(),
                    m.clientErrors(),
                    m.integrationErrors(),
                    m.executionErrors(),
                    m.integrationLatency("p90"),
                ].map((s) => [s.namespace, s.metricName, s.stat, s.label, s.dimensions]),
                [
                    ["AWS/ApiGateway", "ConnectCount", "Sum", "Connects", dims("w1s2", "prod")],
                    ["AWS/ApiGateway", "MessageCount", "Sum", "Messages", dims("w1s2", "prod")],
                    ["AWS/ApiGateway", "ClientError", "Sum", "Client errors", dims("w1s2", "prod")],
                    ["AWS/ApiGateway", "IntegrationError", "Sum", "Integration errors", dims("w1s2", "prod")],
                    ["AWS/ApiGateway", "ExecutionError", "Sum", "Execution errors", dims("w1s2", "prod")],
                    ["AWS/ApiGateway", "IntegrationLatency", "p90", "IntegrationLatency p90", dims("w1s2", "prod")],
                ],
            );
        });

        it("owns the error rates over messages, each reading MessageCount as mmsg", () => {
            assert.deepStrictEqual(
                [m.integrationErrorRate(), m.clientErrorRate(), m.executionErrorRate()].map((x) => [
                    x.id,
                    x.expression,
                    x.label,
                    Object.entries(x.usingMetrics).map(([id, s]) => `${id}=${s.metricName}`),
                ]),
                [
                    [
                        "eintrate",
                        "100*mint/mmsg",
                        "Integration error rate (%)",
                        ["mint=IntegrationError", "mmsg=MessageCount"],
                    ],
                    ["eclirate", "100*mcli/mmsg", "Client error rate (%)", ["mcli=ClientError", "mmsg=MessageCount"]],
                    [
                        "eexecrate",
                        "100*mexec/mmsg",
                        "Execution error rate (%)",
                        ["mexec=ExecutionError", "mmsg=MessageCount"],
                    ],
                ],
            );
        });

        it("publishes the access-log signals in the API's own namespace", () => {
            assert.deepStrictEqual(
                Object.values(WebSocketAccessLogSignal).map((s) => [
                    m.accessLogSignal(s).namespace,
                    m.accessLogSignal(s).metricName,
                    m.accessLogSignal(s).label,
                ]),
                [
                    ["ObservableApi/chat", "Throttled429", "429 throttled messages"],
                    ["ObservableApi/chat", "FailedConnects", "Failed connects"],
                ],
            );
        });
    });
});
