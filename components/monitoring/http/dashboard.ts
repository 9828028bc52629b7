/**
 * The HTTP API dashboard body: a pure function of plain strings, built from the HTTP metric factory and the HTTP
 * alarm definitions, laid out with the shared widgets.
 */
import type { Environment } from "../../contract";
import { AlarmDefinition, annotationFor } from "../alarms";
import { logGroupUrl, logsInsightsUrl, stageUrl } from "../consoleUrls";
import { HttpAccessLogSignal, httpMetricsFor } from "../metrics";
import {
    DashboardBody,
    GRID_WIDTH,
    Unplaced,
    Widget,
    dashboardBody,
    graph,
    mathRows,
    metricRow,
    text,
} from "../widgets";
import { HttpAlarmSignal } from "./alarms";

/** Everything the HTTP dashboard shows, resolved to strings. */
export interface HttpDashboardInput {
    componentName: string;
    apiName: string;
    apiId: string;
    stageName: string;
    region: string;
    environment: Environment;
    accessLogGroupName: string;
    /** True when the access-log metric filters exist (Json access logs). */
    accessLogSignals: boolean;
    /** The alarms, when they are on: each graph draws its alarm's threshold. */
    alarms?: AlarmDefinition[];
}

function rows(input: HttpDashboardInput): Unplaced<Widget>[][] {
    const m = httpMetricsFor(input.apiId, input.stageName, input.apiName);
    const r = input.region;
    const threshold = (signal: HttpAlarmSignal) => annotationFor(input.alarms, signal);
    const out: Unplaced<Widget>[][] = [];

    out.push([
        graph(
            r,
            "Requests, 4xx and 5xx",
            GRID_WIDTH,
            [metricRow(m.count()), metricRow(m.clientErrors()), metricRow(m.serverErrors())],
            "Count",
        ),
    ]);
    out.push([
        graph(
            r,
            "5xx error rate (%)",
            12,
            mathRows(m.serverErrorRate()),
            "%",
            threshold(HttpAlarmSignal.ServerErrorRate),
        ),
        graph(
            r,
            "4xx error rate (%)",
            12,
            mathRows(m.clientErrorRate()),
            "%",
            threshold(HttpAlarmSignal.ClientErrorRate),
        ),
    ]);
    out.push([
        graph(
            r,
            "Latency (ms)",
            12,
            [metricRow(m.latency("p50")), metricRow(m.latency("p90")), metricRow(m.latency("p99"))],
            "ms",
            threshold(HttpAlarmSignal.LatencyP99),
        ),
        graph(
            r,
            "IntegrationLatency (ms)",
            12,
            [
                metricRow(m.integrationLatency("p50")),
                metricRow(m.integrationLatency("p90")),
                metricRow(m.integrationLatency("p99")),
            ],
            "ms",
            threshold(HttpAlarmSignal.IntegrationLatencyP99),
        ),
    ]);
    out.push([
        graph(r, "Gateway overhead: Latency - IntegrationLatency (avg ms)", 12, mathRows(m.gatewayOverhead()), "ms"),
        graph(r, "Data processed (bytes)", 12, [metricRow(m.dataProcessed())], "Bytes"),
    ]);
    if (input.accessLogSignals) {
        out.push([
            graph(
                r,
                "Access-log signals: 429, 502, 503",
                GRID_WIDTH,
                [
                    metricRow(m.accessLogSignal(HttpAccessLogSignal.Throttled)),
                    metricRow(m.accessLogSignal(HttpAccessLogSignal.BadGateway)),
                    metricRow(m.accessLogSignal(HttpAccessLogSignal.ServiceUnavailable)),
                ],
                "Count",
                threshold(HttpAlarmSignal.Throttled),
            ),
        ]);
    } else {
        out.push([
            text(
                GRID_WIDTH,
                2,
                "**Access-log signals are off.** The 429, 502 and 503 metrics come from metric filters that need " +
                    "`accessLogging.format: Json`.",
            ),
        ]);
    }
    out.push([text(GRID_WIDTH, 4, httpContextMarkdown(input))]);
    return out;
}

/** The text widget: what this dashboard watches, what HTTP APIs cannot show, and where to look next. */
export function httpContextMarkdown(input: HttpDashboardInput): string {
    const r = input.region;
    return [
        `## ${input.componentName}: HTTP API stage \`${input.stageName}\` (${input.environment})`,
        `API \`${input.apiName}\` (\`${input.apiId}\`) in ${r} · [Stage in API Gateway](${stageUrl(r, input.apiId, input.stageName)})`,
        "",
        `[Access log group](${logGroupUrl(r, input.accessLogGroupName)}) · ` +
            `[Logs Insights saved queries](${logsInsightsUrl(r)}) · HTTP APIs write no execution log, and X-Ray ` +
            "traces start at the backend.",
    ].join("\n");
}

export function buildHttpDashboardBody(input: HttpDashboardInput): DashboardBody {
    return dashboardBody(rows(input));
}
