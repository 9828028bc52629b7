/**
 * The REST dashboard body: a pure function of plain strings, so tests can read the JSON and
 * `tools/render-dashboard.ts` can draw it. The resource code resolves the Outputs and calls `buildDashboardBody`
 * inside one `apply`. Graphs take their metrics and math from the metric factory, and their threshold lines from the
 * alarm definitions, so the dashboard never carries a second copy of either.
 */
import type { Environment } from "../contract";
import { AlarmDefinition, AlarmSignal, annotationFor } from "./alarms";
import { logGroupUrl, logsInsightsUrl, stageUrl, xrayServiceMapUrl } from "./consoleUrls";
import { AccessLogSignal, restMetricsFor } from "./metrics";
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
} from "./widgets";

/** Everything the REST dashboard shows, resolved to strings. */
export interface DashboardInput {
    /** The component's name, shown in the text widget. */
    componentName: string;
    apiName: string;
    restApiId: string;
    stageName: string;
    region: string;
    environment: Environment;
    accessLogGroupName: string;
    executionLogGroupName: string;
    cachingEnabled: boolean;
    tracingEnabled: boolean;
    /** True when the access-log metric filters exist (Json access logs). */
    accessLogSignals: boolean;
    /** The alarms, when they are on: each graph draws its alarm's threshold. */
    alarms?: AlarmDefinition[];
}

/** The rows of the dashboard, top to bottom, each a list of widgets laid out left to right. */
function rows(input: DashboardInput): Unplaced<Widget>[][] {
    const m = restMetricsFor(input.apiName, input.stageName);
    const r = input.region;
    const threshold = (signal: AlarmSignal) => annotationFor(input.alarms, signal);
    const out: Unplaced<Widget>[][] = [];

    // 1. Requests, with 4XX and 5XX beside them.
    out.push([
        graph(
            r,
            "Requests, 4XX and 5XX",
            GRID_WIDTH,
            [metricRow(m.count()), metricRow(m.clientErrors()), metricRow(m.serverErrors())],
            "Count",
        ),
    ]);

    // 2. Error rates as metric math; the raw series stay hidden.
    out.push([
        graph(r, "5XX error rate (%)", 12, mathRows(m.serverErrorRate()), "%", threshold(AlarmSignal.ServerErrorRate)),
        graph(r, "4XX error rate (%)", 12, mathRows(m.clientErrorRate()), "%", threshold(AlarmSignal.ClientErrorRate)),
    ]);

    // 3. Latency and IntegrationLatency percentiles, each graph with its alarm's threshold.
    out.push([
        graph(
            r,
            "Latency (ms)",
            12,
            [metricRow(m.latency("p50")), metricRow(m.latency("p90")), metricRow(m.latency("p99"))],
            "ms",
            threshold(AlarmSignal.LatencyP99),
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
            threshold(AlarmSignal.IntegrationLatencyP99),
        ),
    ]);

    // 4. Time spent in API Gateway itself.
    out.push([
        graph(
            r,
            "Gateway overhead: Latency - IntegrationLatency (avg ms)",
            GRID_WIDTH,
            mathRows(m.gatewayOverhead()),
            "ms",
        ),
    ]);

    // 5. Cache hit ratio, only when the stage has a cache.
    if (input.cachingEnabled) {
        out.push([
            graph(
                r,
                "Cache hit ratio (%)",
                GRID_WIDTH,
                mathRows(m.cacheHitRatio()),
                "%",
                threshold(AlarmSignal.LowCacheHitRatio),
            ),
        ]);
    }

    // 6. Signals API Gateway does not publish, from the access-log metric filters.
    if (input.accessLogSignals) {
        out.push([
            graph(
                r,
                "Access-log signals: 429, 502, 504, integration timeouts",
                GRID_WIDTH,
                [
                    metricRow(m.accessLogSignal(AccessLogSignal.Throttled)),
                    metricRow(m.accessLogSignal(AccessLogSignal.BadGateway)),
                    metricRow(m.accessLogSignal(AccessLogSignal.GatewayTimeout)),
                    metricRow(m.accessLogSignal(AccessLogSignal.IntegrationTimeout)),
                ],
                "Count",
            ),
        ]);
    } else {
        out.push([
            text(
                GRID_WIDTH,
                2,
                "**Access-log signals are off.** The 429, 502, 504 and integration-timeout metrics come from " +
                    "metric filters that need `accessLogging.format: Json`.",
            ),
        ]);
    }

    // 7. Where to go next.
    out.push([text(GRID_WIDTH, 4, contextMarkdown(input))]);
    return out;
}

/** The text widget: what this dashboard watches and links to the places to look next. */
export function contextMarkdown(input: DashboardInput): string {
    const r = input.region;
    const tracing = input.tracingEnabled
        ? `[X-Ray service map](${xrayServiceMapUrl(r)})`
        : "X-Ray tracing is off for this stage";
    return [
        `## ${input.componentName}: stage \`${input.stageName}\` (${input.environment})`,
        `API \`${input.apiName}\` (\`${input.restApiId}\`) in ${r} · [Stage in API Gateway](${stageUrl(r, input.restApiId, input.stageName)})`,
        "",
        `${tracing} · [Access log group](${logGroupUrl(r, input.accessLogGroupName)}) · ` +
            `[Execution log group](${logGroupUrl(r, input.executionLogGroupName)}) · ` +
            `[Logs Insights saved queries](${logsInsightsUrl(r)})`,
    ].join("\n");
}

/** The REST dashboard body as an object. */
export function buildDashboardBody(input: DashboardInput): DashboardBody {
    return dashboardBody(rows(input));
}
