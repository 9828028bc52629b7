/**
 * WebSocket API alarm definitions: pure data from the WebSocket metric factory and typed thresholds, turned into
 * MetricAlarms by the shared `createAlarms`. The shape, naming, M of N and missing-data rules are REST's.
 */
import { Environment, WEBSOCKET_INTEGRATION_TIMEOUT_MS } from "../../contract";
import { AlarmDefinition, WINDOW, alarmBase } from "../alarms";
import { PERIOD_SECONDS, WebSocketAccessLogSignal, WebSocketMetrics } from "../metrics";
import type { ResolvedWebSocketThresholds } from "./types";

/** Per-environment defaults: the one table every WebSocket alarm threshold comes from. */
export const webSocketAlarmDefaults: Readonly<Record<Environment, Readonly<ResolvedWebSocketThresholds>>> = {
    [Environment.Production]: {
        integrationErrorRatePercent: 1,
        executionErrors: 5,
        integrationLatencyP99Ms: 1500,
        throttledMessages: 10,
        failedConnects: 10,
    },
    [Environment.Staging]: {
        integrationErrorRatePercent: 2,
        executionErrors: 10,
        integrationLatencyP99Ms: 2500,
        throttledMessages: 10,
        failedConnects: 10,
    },
    [Environment.Development]: {
        integrationErrorRatePercent: 5,
        executionErrors: 20,
        integrationLatencyP99Ms: 4500,
        throttledMessages: 10,
        failedConnects: 10,
    },
};

/** The WebSocket signals that get an alarm; each becomes the suffix of the alarm's name. */
export enum WebSocketAlarmSignal {
    IntegrationErrorRate = "integration-error-rate",
    ExecutionErrors = "execution-errors",
    IntegrationLatencyP99 = "integration-latency-p99",
    ThrottledMessages = "throttled-messages",
    FailedConnects = "failed-connects",
}

export interface WebSocketAlarmInput<V = string> {
    name: string;
    alarmNamePrefix: string;
    metrics: WebSocketMetrics<V>;
    thresholds: ResolvedWebSocketThresholds;
    /** The two access-log alarms need the metric filters, which need Json access logs. */
    accessLogSignals: boolean;
    /** Whether the stage has an execution log to point at (not for `$default`). */
    executionLog: boolean;
}

/** The alarms of one WebSocket stage, in a stable order. */
export function webSocketAlarmDefinitions<V>(input: WebSocketAlarmInput<V>): AlarmDefinition<V>[] {
    const { metrics: m, thresholds: t } = input;
    const base = (signal: WebSocketAlarmSignal) => alarmBase(input.name, input.alarmNamePrefix, signal);
    const timeout = WEBSOCKET_INTEGRATION_TIMEOUT_MS.toLocaleString("en-US");
    const executionLog = input.executionLog ? "the execution log's recent errors" : "the backend's logs";
    const defs: AlarmDefinition<V>[] = [
        {
            ...base(WebSocketAlarmSignal.IntegrationErrorRate),
            description:
                `Integration error rate above ${t.integrationErrorRatePercent}% of messages ` +
                `(100*IntegrationError/MessageCount, ${WINDOW}): the backend answered 4XX or 5XX. Look first at the ` +
                `saved query 'Routes by errors' and ${executionLog}.`,
            watches: m.integrationErrorRate(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.integrationErrorRatePercent,
        },
        {
            ...base(WebSocketAlarmSignal.ExecutionErrors),
            description:
                `More than ${t.executionErrors} execution errors per ${PERIOD_SECONDS / 60} min (ExecutionError Sum, ` +
                `${WINDOW}): API Gateway could not call the integration (permissions, a throttled or missing ` +
                `function). Look first at ${executionLog} and the function's Lambda permission.`,
            watches: m.executionErrors(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.executionErrors,
        },
        {
            ...base(WebSocketAlarmSignal.IntegrationLatencyP99),
            description:
                `p99 IntegrationLatency above ${t.integrationLatencyP99Ms} ms (${WINDOW}; a WebSocket integration ` +
                `times out at ${timeout} ms). The backend is slow: look first at its traces (X-Ray does not trace ` +
                "WebSocket APIs, so traces start at the backend).",
            watches: m.integrationLatency("p99"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.integrationLatencyP99Ms,
        },
    ];
    if (input.accessLogSignals) {
        defs.push(
            {
                ...base(WebSocketAlarmSignal.ThrottledMessages),
                description:
                    `More than ${t.throttledMessages} throttled messages (429) per ${PERIOD_SECONDS / 60} min ` +
                    `(access-log metric filter, ${WINDOW}). Look first at the saved query 'Connections by messages' ` +
                    "for a chatty client, then at the stage and route throttling limits.",
                watches: m.accessLogSignal(WebSocketAccessLogSignal.Throttled),
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.throttledMessages,
            },
            {
                ...base(WebSocketAlarmSignal.FailedConnects),
                description:
                    `More than ${t.failedConnects} refused connections per ${PERIOD_SECONDS / 60} min (CONNECT ` +
                    `events with status 400 or above, access-log metric filter, ${WINDOW}). Look first at the saved ` +
                    "query 'Connects that failed': an authorizer or $connect integration that says no.",
                watches: m.accessLogSignal(WebSocketAccessLogSignal.FailedConnects),
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.failedConnects,
            },
        );
    }
    return defs;
}

/**
 * The WebSocket signals the composite "API unhealthy" alarm is built from: the backend failing, whether it answered
 * with an error or could not be called at all. Their own alarms notify nobody.
 */
export const WEBSOCKET_UNHEALTHY_SIGNALS: readonly string[] = [
    WebSocketAlarmSignal.IntegrationErrorRate,
    WebSocketAlarmSignal.ExecutionErrors,
];

export function webSocketCompositeAlarmDescription(thresholds: ResolvedWebSocketThresholds): string {
    return (
        `API unhealthy: integration error rate above ${thresholds.integrationErrorRatePercent}% OR more than ` +
        `${thresholds.executionErrors} execution errors per ${PERIOD_SECONDS / 60} min. This is the alarm that pages; ` +
        "its members notify nobody on their own. Look first at the dashboard's error rows, then at the member alarm " +
        "in ALARM state."
    );
}
