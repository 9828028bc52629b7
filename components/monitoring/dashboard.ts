/**
 * The dashboard body: a pure function of plain strings, so tests can read the JSON and `tools/render-dashboard.ts`
 * can draw it. The resource code resolves the Outputs and calls `buildDashboardBody` inside one `apply`.
 */
import type { Environment } from "../enums";
import type { AlarmThresholds } from "./alarms";
import { logGroupUrl, logsInsightsUrl, stageUrl, xrayServiceMapUrl } from "./consoleUrls";
import { AccessLogSignal, MetricSpec, PERIOD_SECONDS, metricsFor } from "./metrics";

/** The grid is 24 units wide; CloudWatch rejects wider widgets. */
export const GRID_WIDTH = 24;
/** CloudWatch's limit on a dashboard body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options object at the end of a metric row (or alone, for a math expression). */
export interface MetricRowOptions {
    id?: string;
    expression?: string;
    label?: string;
    stat?: string;
    visible?: boolean;
    yAxis?: "left" | "right";
    color?: string;
}

/** `[namespace, metricName, dimName, dimValue, ..., {options}]`, or `[{expression, id, label}]`. */
export type MetricRow = (string | MetricRowOptions)[];

export interface HorizontalAnnotation {
    label: string;
    value: number;
    fill?: "above" | "below";
}

export interface MetricWidget {
    type: "metric";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: {
        title: string;
        view: "timeSeries";
        stacked: false;
        region: string;
        period: number;
        metrics: MetricRow[];
        yAxis: { left: { min: number; label: string; showUnits: false; max?: number } };
        annotations?: { horizontal: HorizontalAnnotation[] };
    };
}

export interface TextWidget {
    type: "text";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: { markdown: string };
}

export type Widget = MetricWidget | TextWidget;

export interface DashboardBody {
    start: string;
    periodOverride: "inherit";
    widgets: Widget[];
}

/** Everything the dashboard shows, resolved to strings. */
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
    /** When alarms are on: their thresholds are drawn as horizontal lines. */
    thresholds?: AlarmThresholds;
}

/** A widget before layout: its width and height only. */
type Unplaced<W extends Widget> = Omit<W, "x" | "y">;

/** `[namespace, name, dim, value, ..., {options}]` from a metric spec. */
export function metricRow(metric: MetricSpec, options: MetricRowOptions = {}): MetricRow {
    const row: MetricRow = [metric.namespace, metric.metricName];
    for (const d of metric.dimensions) {
        row.push(d.name, d.value);
    }
    row.push({ label: metric.label, stat: metric.stat, ...options });
    return row;
}

function expressionRow(id: string, expression: string, label: string): MetricRow {
    return [{ id, expression, label }];
}

function graph(
    input: DashboardInput,
    title: string,
    width: number,
    metrics: MetricRow[],
    yLabel: string,
    annotations: HorizontalAnnotation[] = [],
): Unplaced<MetricWidget> {
    return {
        type: "metric",
        width,
        height: 6,
        properties: {
            title,
            view: "timeSeries",
            stacked: false,
            region: input.region,
            period: PERIOD_SECONDS,
            metrics,
            yAxis: { left: { min: 0, label: yLabel, showUnits: false } },
            ...(annotations.length > 0 ? { annotations: { horizontal: annotations } } : {}),
        },
    };
}

function text(width: number, height: number, markdown: string): Unplaced<TextWidget> {
    return { type: "text", width, height, properties: { markdown } };
}

function threshold(label: string, value: number | undefined, fill: "above" | "below"): HorizontalAnnotation[] {
    return value === undefined ? [] : [{ label, value, fill }];
}

/** The rows of the dashboard, top to bottom, each a list of widgets laid out left to right. */
function rows(input: DashboardInput): Unplaced<Widget>[][] {
    const m = metricsFor(input.apiName, input.stageName);
    const t = input.thresholds;
    const out: Unplaced<Widget>[][] = [];

    // 1. Requests, with 4XX and 5XX beside them (the seeds' first graph).
    out.push([
        graph(
            input,
            "Requests, 4XX and 5XX",
            GRID_WIDTH,
            [metricRow(m.count()), metricRow(m.clientErrors()), metricRow(m.serverErrors())],
            "Count",
        ),
    ]);

    // 2. Error rates as metric math; the raw series stay hidden.
    out.push([
        graph(
            input,
            "5XX error rate (%)",
            12,
            [
                metricRow(m.serverErrors(), { id: "m5xx", visible: false }),
                metricRow(m.count(), { id: "mcount", visible: false }),
                expressionRow("e5xxrate", "100*m5xx/mcount", "5XX rate (%)"),
            ],
            "%",
            threshold("5xx-rate alarm", t?.serverErrorRatePercent, "above"),
        ),
        graph(
            input,
            "4XX error rate (%)",
            12,
            [
                metricRow(m.clientErrors(), { id: "m4xx", visible: false }),
                metricRow(m.count(), { id: "mcount", visible: false }),
                expressionRow("e4xxrate", "100*m4xx/mcount", "4XX rate (%)"),
            ],
            "%",
            threshold("4xx-rate alarm", t?.clientErrorRatePercent, "above"),
        ),
    ]);

    // 3. Latency and IntegrationLatency percentiles (the seeds' second graph, split so each has its threshold).
    out.push([
        graph(
            input,
            "Latency (ms)",
            12,
            [metricRow(m.latency("p50")), metricRow(m.latency("p90")), metricRow(m.latency("p99"))],
            "ms",
            threshold("latency-p99 alarm", t?.latencyP99Ms, "above"),
        ),
        graph(
            input,
            "IntegrationLatency (ms)",
            12,
            [
                metricRow(m.integrationLatency("p50")),
                metricRow(m.integrationLatency("p90")),
                metricRow(m.integrationLatency("p99")),
            ],
            "ms",
            threshold("integration-latency-p99 alarm", t?.integrationLatencyP99Ms, "above"),
        ),
    ]);

    // 4. Time spent in API Gateway itself. Averages subtract; percentiles do not, so this is avg - avg.
    out.push([
        graph(
            input,
            "Gateway overhead: Latency - IntegrationLatency (avg ms)",
            GRID_WIDTH,
            [
                metricRow(m.latency("Average"), { id: "mlatency", visible: false }),
                metricRow(m.integrationLatency("Average"), { id: "mintegration", visible: false }),
                expressionRow("eoverhead", "mlatency - mintegration", "Gateway overhead (ms)"),
            ],
            "ms",
        ),
    ]);

    // 5. Cache hit ratio, only when the stage has a cache.
    if (input.cachingEnabled) {
        out.push([
            graph(
                input,
                "Cache hit ratio (%)",
                GRID_WIDTH,
                [
                    metricRow(m.cacheHits(), { id: "mhit", visible: false }),
                    metricRow(m.cacheMisses(), { id: "mmiss", visible: false }),
                    expressionRow("ehitratio", "100*mhit/(mhit+mmiss)", "Cache hit ratio (%)"),
                ],
                "%",
                threshold("low-cache-hit-ratio alarm", t?.cacheHitRatioPercent, "below"),
            ),
        ]);
    }

    // 6. Signals API Gateway does not publish, from the access-log metric filters.
    if (input.accessLogSignals) {
        out.push([
            graph(
                input,
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

/** Lays the rows out on the 24-unit grid: left to right, each row below the tallest widget of the one above. */
function layout(widgetRows: Unplaced<Widget>[][]): Widget[] {
    const placed: Widget[] = [];
    let y = 0;
    for (const row of widgetRows) {
        let x = 0;
        let height = 0;
        for (const w of row) {
            placed.push({ type: w.type, x, y, width: w.width, height: w.height, properties: w.properties } as Widget);
            x += w.width;
            height = Math.max(height, w.height);
        }
        y += height;
    }
    return placed;
}

/** The dashboard body as an object. `JSON.stringify` it for `aws.cloudwatch.Dashboard`. */
export function buildDashboardBody(input: DashboardInput): DashboardBody {
    return { start: "-PT6H", periodOverride: "inherit", widgets: layout(rows(input)) };
}
