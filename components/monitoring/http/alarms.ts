/**
 * HTTP API alarm definitions: pure data from the HTTP metric factory and typed thresholds, turned into MetricAlarms
 * by the shared `createAlarms`. The shape, naming, M of N and missing-data rules are REST's (`../alarms.ts`).
 */
import { Environment, HTTP_INTEGRATION_TIMEOUT_MS } from "../../contract";
import { AlarmDefinition, WINDOW, alarmBase } from "../alarms";
import { HttpAccessLogSignal, HttpMetrics, PERIOD_SECONDS } from "../metrics";
import type { ResolvedHttpThresholds } from "./types";

/** Per-environment defaults: the one table every HTTP alarm threshold comes from (the same values as REST's). */
export const httpAlarmDefaults: Readonly<Record<Environment, Readonly<ResolvedHttpThresholds>>> = {
    [Environment.Production]: {
        serverErrorRatePercent: 1,
        serverErrorCount: 10,
        clientErrorRatePercent: 5,
        latencyP99Ms: 2000,
        integrationLatencyP99Ms: 1500,
        throttledRequests: 10,
    },
    [Environment.Staging]: {
        serverErrorRatePercent: 2,
        serverErrorCount: 10,
        clientErrorRatePercent: 10,
        latencyP99Ms: 3000,
        integrationLatencyP99Ms: 2500,
        throttledRequests: 10,
    },
    [Environment.Development]: {
        serverErrorRatePercent: 5,
        serverErrorCount: 10,
        clientErrorRatePercent: 20,
        latencyP99Ms: 5000,
        integrationLatencyP99Ms: 4500,
        throttledRequests: 10,
    },
};

/** The HTTP signals that get an alarm; each becomes the suffix of the alarm's name. */
export enum HttpAlarmSignal {
    ServerErrorRate = "5xx-rate",
    ServerErrorCount = "5xx-count",
    ClientErrorRate = "4xx-rate",
    LatencyP99 = "latency-p99",
    IntegrationLatencyP99 = "integration-latency-p99",
    Throttled = "throttled-requests",
}

export interface HttpAlarmInput<V = string> {
    name: string;
    alarmNamePrefix: string;
    metrics: HttpMetrics<V>;
    thresholds: ResolvedHttpThresholds;
    /** The throttled-requests alarm needs the access-log filter, which needs Json access logs. */
    accessLogSignals: boolean;
}

/** The alarms of one HTTP stage, in a stable order. */
export function httpAlarmDefinitions<V>(input: HttpAlarmInput<V>): AlarmDefinition<V>[] {
    const { metrics: m, thresholds: t } = input;
    const base = (signal: HttpAlarmSignal) => alarmBase(input.name, input.alarmNamePrefix, signal);
    const timeout = HTTP_INTEGRATION_TIMEOUT_MS.toLocaleString("en-US");
    const defs: AlarmDefinition<V>[] = [
        {
            ...base(HttpAlarmSignal.ServerErrorRate),
            description:
                `5xx error rate above ${t.serverErrorRatePercent}% of requests (100*5xx/Count, ${WINDOW}). HTTP APIs ` +
                "have no execution log: look first at the saved query 'Top 5xx routes' and at the access log's " +
                "integrationErrorMessage, then at the backend's own logs and traces.",
            watches: m.serverErrorRate(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.serverErrorRatePercent,
        },
        {
            ...base(HttpAlarmSignal.ServerErrorCount),
            description:
                `More than ${t.serverErrorCount} 5xx responses per ${PERIOD_SECONDS / 60} min (5xx Sum, ${WINDOW}); ` +
                "watches low-traffic APIs the rate alarm cannot. Look first at the saved query 'Top 5xx routes'.",
            watches: m.serverErrors(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.serverErrorCount,
        },
        {
            ...base(HttpAlarmSignal.ClientErrorRate),
            description:
                `4xx error rate above ${t.clientErrorRatePercent}% of requests (100*4xx/Count, ${WINDOW}). Look first ` +
                "at the access log's status and routeKey (a route key of '-' is a request no route matched), and at " +
                "429s if throttling is the cause.",
            watches: m.clientErrorRate(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.clientErrorRatePercent,
        },
        {
            ...base(HttpAlarmSignal.LatencyP99),
            description:
                `p99 Latency above ${t.latencyP99Ms} ms (${WINDOW}; an HTTP API integration times out at ${timeout} ` +
                "ms with a 503). Look first at the dashboard's gateway overhead against IntegrationLatency, then the " +
                "saved query 'p99 latency per route'.",
            watches: m.latency("p99"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.latencyP99Ms,
        },
        {
            ...base(HttpAlarmSignal.IntegrationLatencyP99),
            description:
                `p99 IntegrationLatency above ${t.integrationLatencyP99Ms} ms (${WINDOW}). The backend is slow: look ` +
                "first at the saved query 'p99 latency per route' and at the backend's traces (X-Ray does not trace " +
                "HTTP APIs, so traces start at the backend).",
            watches: m.integrationLatency("p99"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.integrationLatencyP99Ms,
        },
    ];
    if (input.accessLogSignals) {
        defs.push({
            ...base(HttpAlarmSignal.Throttled),
            description:
                `More than ${t.throttledRequests} throttled requests (429) per ${PERIOD_SECONDS / 60} min ` +
                `(access-log metric filter, ${WINDOW}). Look first at the saved query 'Top throttled source IPs', ` +
                "then at the stage and route throttling limits and the account's 10,000 rps quota.",
            watches: m.accessLogSignal(HttpAccessLogSignal.Throttled),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.throttledRequests,
        });
    }
    return defs;
}

/** The HTTP signals the composite "API unhealthy" alarm is built from; their own alarms notify nobody. */
export const HTTP_UNHEALTHY_SIGNALS: readonly string[] = [HttpAlarmSignal.ServerErrorRate, HttpAlarmSignal.LatencyP99];

export function httpCompositeAlarmDescription(thresholds: ResolvedHttpThresholds): string {
    return (
        `API unhealthy: 5xx error rate above ${thresholds.serverErrorRatePercent}% OR p99 Latency above ` +
        `${thresholds.latencyP99Ms} ms. This is the alarm that pages; its members notify nobody on their own. Look ` +
        "first at the dashboard's error-rate and latency rows, then at the member alarm in ALARM state."
    );
}
