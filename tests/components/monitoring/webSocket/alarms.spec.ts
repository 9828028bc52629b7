import * as assert from "assert";
import { Environment } from "../../../../components/contract";
import { alarmMetricArgs, resolveThresholds } from "../../../../components/monitoring/alarms";
import { webSocketMetricsFor } from "../../../../components/monitoring/metrics";
import {
    WEBSOCKET_UNHEALTHY_SIGNALS,
    WebSocketAlarmSignal,
    webSocketAlarmDefaults,
    webSocketAlarmDefinitions,
    webSocketCompositeAlarmDescription,
} from "../../../../components/monitoring/webSocket/alarms";

const DIMENSIONS = { ApiId: "w1s2", Stage: "prod" };

function definitions(options: { accessLogSignals?: boolean; executionLog?: boolean; env?: Environment } = {}) {
    return webSocketAlarmDefinitions({
        name: "chat",
        alarmNamePrefix: "observable-api-prod-chat",
        metrics: webSocketMetricsFor("w1s2", "prod", "chat"),
        thresholds: resolveThresholds(webSocketAlarmDefaults, options.env ?? Environment.Production, undefined),
        accessLogSignals: options.accessLogSignals ?? true,
        executionLog: options.executionLog ?? true,
    });
}

describe("components/monitoring/webSocket/alarms", () => {
    it("holds one row of defaults per environment", () => {
        assert.deepStrictEqual(webSocketAlarmDefaults, {
            Production: {
                integrationErrorRatePercent: 1,
                executionErrors: 5,
                integrationLatencyP99Ms: 1500,
                throttledMessages: 10,
                failedConnects: 10,
            },
            Staging: {
                integrationErrorRatePercent: 2,
                executionErrors: 10,
                integrationLatencyP99Ms: 2500,
                throttledMessages: 10,
                failedConnects: 10,
            },
            Development: {
                integrationErrorRatePercent: 5,
                executionErrors: 20,
                integrationLatencyP99Ms: 4500,
                throttledMessages: 10,
                failedConnects: 10,
            },
        });
    });

    it("defines five alarms in a stable order: names, metrics, statistics, thresholds, 2 of 3, notBreaching", () => {
        assert.deepStrictEqual(
            definitions().map((d) => {
                const args = alarmMetricArgs(d.watches);
                return [
                    d.name,
                    d.alarmName,
                    args.namespace ?? "math",
                    args.metricName ?? args.metricQueries!.map((q) => q.expression ?? q.metric!.metricName).join(" "),
                    args.statistic ?? args.extendedStatistic ?? "math",
                    d.comparisonOperator,
                    d.threshold,
                    [d.evaluationPeriods, d.datapointsToAlarm, d.treatMissingData],
                ];
            }),
            [
                [
                    "chat-integration-error-rate",
                    "observable-api-prod-chat-integration-error-rate",
                    "math",
                    "IntegrationError MessageCount 100*mint/mmsg",
                    "math",
                    "GreaterThanThreshold",
                    1,
                    [3, 2, "notBreaching"],
                ],
                [
                    "chat-execution-errors",
                    "observable-api-prod-chat-execution-errors",
                    "AWS/ApiGateway",
                    "ExecutionError",
                    "Sum",
                    "GreaterThanThreshold",
                    5,
                    [3, 2, "notBreaching"],
                ],
                [
                    "chat-integration-latency-p99",
                    "observable-api-prod-chat-integration-latency-p99",
                    "AWS/ApiGateway",
                    "IntegrationLatency",
                    "p99",
                    "GreaterThanThreshold",
                    1500,
                    [3, 2, "notBreaching"],
                ],
                [
                    "chat-throttled-messages",
                    "observable-api-prod-chat-throttled-messages",
                    "ObservableApi/chat",
                    "Throttled429",
                    "Sum",
                    "GreaterThanThreshold",
                    10,
                    [3, 2, "notBreaching"],
                ],
                [
                    "chat-failed-connects",
                    "observable-api-prod-chat-failed-connects",
                    "ObservableApi/chat",
                    "FailedConnects",
                    "Sum",
                    "GreaterThanThreshold",
                    10,
                    [3, 2, "notBreaching"],
                ],
            ],
        );
    });

    it("keys the gateway alarms on ApiId and Stage", () => {
        const byName = Object.fromEntries(definitions().map((d) => [d.signal, alarmMetricArgs(d.watches)]));
        assert.deepStrictEqual(byName[WebSocketAlarmSignal.ExecutionErrors], {
            namespace: "AWS/ApiGateway",
            metricName: "ExecutionError",
            dimensions: DIMENSIONS,
            period: 300,
            statistic: "Sum",
        });
        assert.deepStrictEqual(byName[WebSocketAlarmSignal.IntegrationErrorRate].metricQueries, [
            {
                id: "mint",
                returnData: false,
                metric: {
                    namespace: "AWS/ApiGateway",
                    metricName: "IntegrationError",
                    dimensions: DIMENSIONS,
                    stat: "Sum",
                    period: 300,
                },
            },
            {
                id: "mmsg",
                returnData: false,
                metric: {
                    namespace: "AWS/ApiGateway",
                    metricName: "MessageCount",
                    dimensions: DIMENSIONS,
                    stat: "Sum",
                    period: 300,
                },
            },
            { id: "eintrate", expression: "100*mint/mmsg", label: "Integration error rate (%)", returnData: true },
        ]);
    });

    it("says in each description what the threshold is and where to look first", () => {
        assert.deepStrictEqual(
            definitions().map((d) => d.description),
            [
                "Integration error rate above 1% of messages (100*IntegrationError/MessageCount, 2 of 3 periods of 5 min): the backend answered 4XX or 5XX. Look first at the saved query 'Routes by errors' and the execution log's recent errors.",
                "More than 5 execution errors per 5 min (ExecutionError Sum, 2 of 3 periods of 5 min): API Gateway could not call the integration (permissions, a throttled or missing function). Look first at the execution log's recent errors and the function's Lambda permission.",
                "p99 IntegrationLatency above 1500 ms (2 of 3 periods of 5 min; a WebSocket integration times out at 29,000 ms). The backend is slow: look first at its traces (X-Ray does not trace WebSocket APIs, so traces start at the backend).",
                "More than 10 throttled messages (429) per 5 min (access-log metric filter, 2 of 3 periods of 5 min). Look first at the saved query 'Connections by messages' for a chatty client, then at the stage and route throttling limits.",
                "More than 10 refused connections per 5 min (CONNECT events with status 400 or above, access-log metric filter, 2 of 3 periods of 5 min). Look first at the saved query 'Connects that failed': an authorizer or $connect integration that says no.",
            ],
        );
    });

    it("points at the backend's logs when the stage has no execution log, and drops the access-log alarms without Json", () => {
        const defs = definitions({ executionLog: false, accessLogSignals: false });
        assert.deepStrictEqual(
            defs.map((d) => d.signal),
            ["integration-error-rate", "execution-errors", "integration-latency-p99"],
        );
        assert.ok(
            defs[0].description.endsWith("Look first at the saved query 'Routes by errors' and the backend's logs."),
        );
        assert.ok(
            defs[1].description.endsWith("Look first at the backend's logs and the function's Lambda permission."),
        );
    });

    it("takes each environment's thresholds", () => {
        assert.deepStrictEqual(
            definitions({ env: Environment.Staging }).map((d) => d.threshold),
            [2, 10, 2500, 10, 10],
        );
    });

    it("pages through a composite of the integration error rate and the execution errors", () => {
        assert.deepStrictEqual(WEBSOCKET_UNHEALTHY_SIGNALS, ["integration-error-rate", "execution-errors"]);
        assert.strictEqual(
            webSocketCompositeAlarmDescription(webSocketAlarmDefaults.Production),
            "API unhealthy: integration error rate above 1% OR more than 5 execution errors per 5 min. This is the " +
                "alarm that pages; its members notify nobody on their own. Look first at the dashboard's error rows, " +
                "then at the member alarm in ALARM state.",
        );
    });
});
