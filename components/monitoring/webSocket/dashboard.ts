/**
 * The WebSocket API dashboard body: a pure function of plain strings, built from the WebSocket metric factory and the
 * WebSocket alarm definitions, laid out with the shared widgets.
 */
import type { Environment } from "../../contract";
import { AlarmDefinition, annotationFor } from "../alarms";
import { logGroupUrl, logsInsightsUrl, stageUrl } from "../consoleUrls";
import { WebSocketAccessLogSignal, webSocketMetricsFor } from "../metrics";
import {
    DashboardBody,
    GRID_WIDTH,
    Unplaced,
    Widget,
    dashboardBody,
    graph,
    metricRow,
    sharedMathRows,
    text,
} from "../widgets";
import { WebSocketAlarmSignal } from "./alarms";

/** Everything the WebSocket dashboard shows, resolved to strings. */
export interface WebSocketDashboardInput {
    componentName: string;
    apiName: string;
    apiId: string;
    stageName: string;
    region: string;
    environment: Environment;
    accessLogGroupName: string;
    /** Undefined for a `$default` stage, which has none. */
    executionLogGroupName?: string;
    accessLogSignals: boolean;
    alarms?: AlarmDefinition[];
}

function rows(input: WebSocketDashboardInput): Unplaced<Widget>[][] {
    const m = webSocketMetricsFor(input.apiId, input.stageName, input.apiName);
    const r = input.region;
    const threshold = (signal: WebSocketAlarmSignal) => annotationFor(input.alarms, signal);
    const out: Unplaced<Widget>[][] = [];

    out.push([
        graph(r, "Connects and messages", GRID_WIDTH, [metricRow(m.connects()), metricRow(m.messages())], "Count"),
    ]);
    out.push([
        graph(
            r,
            "Client, integration and execution errors",
            12,
            [metricRow(m.clientErrors()), metricRow(m.integrationErrors()), metricRow(m.executionErrors())],
            "Count",
            threshold(WebSocketAlarmSignal.ExecutionErrors),
        ),
        graph(
            r,
            "Error rates over messages (%)",
            12,
            sharedMathRows(m.integrationErrorRate(), m.clientErrorRate(), m.executionErrorRate()),
            "%",
            threshold(WebSocketAlarmSignal.IntegrationErrorRate),
        ),
    ]);
    out.push([
        graph(
            r,
            "IntegrationLatency (ms)",
            GRID_WIDTH,
            [
                metricRow(m.integrationLatency("p50")),
                metricRow(m.integrationLatency("p90")),
                metricRow(m.integrationLatency("p99")),
            ],
            "ms",
            threshold(WebSocketAlarmSignal.IntegrationLatencyP99),
        ),
    ]);
    if (input.accessLogSignals) {
        out.push([
            graph(
                r,
                "Access-log signals: throttled messages, failed connects",
                GRID_WIDTH,
                [
                    metricRow(m.accessLogSignal(WebSocketAccessLogSignal.Throttled)),
                    metricRow(m.accessLogSignal(WebSocketAccessLogSignal.FailedConnects)),
                ],
                "Count",
                [
                    ...threshold(WebSocketAlarmSignal.ThrottledMessages),
                    ...threshold(WebSocketAlarmSignal.FailedConnects),
                ],
            ),
        ]);
    } else {
        out.push([
            text(
                GRID_WIDTH,
                2,
                "**Access-log signals are off.** The throttled-message and failed-connect metrics come from metric " +
                    "filters that need `accessLogging.format: Json`.",
            ),
        ]);
    }
    out.push([text(GRID_WIDTH, 4, webSocketContextMarkdown(input))]);
    return out;
}

/** The text widget: what this dashboard watches and where to look next. */
export function webSocketContextMarkdown(input: WebSocketDashboardInput): string {
    const r = input.region;
    const execution =
        input.executionLogGroupName === undefined
            ? "No execution log group (a `$default` stage has none)"
            : `[Execution log group](${logGroupUrl(r, input.executionLogGroupName)})`;
    return [
        `## ${input.componentName}: WebSocket API stage \`${input.stageName}\` (${input.environment})`,
        `API \`${input.apiName}\` (\`${input.apiId}\`) in ${r} · [Stage in API Gateway](${stageUrl(r, input.apiId, input.stageName)})`,
        "",
        `[Access log group](${logGroupUrl(r, input.accessLogGroupName)}) · ${execution} · ` +
            `[Logs Insights saved queries](${logsInsightsUrl(r)}) · X-Ray traces start at the backend.`,
    ].join("\n");
}

export function buildWebSocketDashboardBody(input: WebSocketDashboardInput): DashboardBody {
    return dashboardBody(rows(input));
}
