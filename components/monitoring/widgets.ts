/**
 * CloudWatch dashboard building blocks shared by every protocol's dashboard: metric rows from the metric factory's
 * metrics and math, graphs with their alarms' thresholds, text widgets, and the layout on the 24-unit grid. Pure.
 */
import type { ThresholdAnnotation } from "./alarms";
import { MathSpec, MetricSpec, PERIOD_SECONDS } from "./metrics";

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

export type HorizontalAnnotation = ThresholdAnnotation;

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

/** A widget before layout: its width and height only. */
export type Unplaced<W extends Widget> = Omit<W, "x" | "y">;

/** `[namespace, name, dim, value, ..., {options}]` from a metric spec. */
export function metricRow(metric: MetricSpec, options: MetricRowOptions = {}): MetricRow {
    const row: MetricRow = [metric.namespace, metric.metricName];
    for (const d of metric.dimensions) {
        row.push(d.name, d.value);
    }
    row.push({ label: metric.label, stat: metric.stat, ...options });
    return row;
}

/** The rows that graph a math expression: each metric it reads, hidden, then the expression itself. */
export function mathRows(math: MathSpec): MetricRow[] {
    return [
        ...Object.entries(math.usingMetrics).map(([id, m]) => metricRow(m, { id, visible: false })),
        [{ id: math.id, expression: math.expression, label: math.label }],
    ];
}

/** The rows of a metric or of a math expression. */
export function rowsOf(watched: MetricSpec | MathSpec): MetricRow[] {
    return watched.kind === "math" ? mathRows(watched) : [metricRow(watched)];
}

export function graph(
    region: string,
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
            region,
            period: PERIOD_SECONDS,
            metrics,
            yAxis: { left: { min: 0, label: yLabel, showUnits: false } },
            ...(annotations.length > 0 ? { annotations: { horizontal: annotations } } : {}),
        },
    };
}

export function text(width: number, height: number, markdown: string): Unplaced<TextWidget> {
    return { type: "text", width, height, properties: { markdown } };
}

/** Lays rows out on the 24-unit grid: left to right, each row below the tallest widget of the one above. */
export function layout(widgetRows: Unplaced<Widget>[][]): Widget[] {
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

/** A dashboard body from its rows. `JSON.stringify` it for `aws.cloudwatch.Dashboard`. */
export function dashboardBody(rows: Unplaced<Widget>[][]): DashboardBody {
    return { start: "-PT6H", periodOverride: "inherit", widgets: layout(rows) };
}

/**
 * The rows that graph several math expressions in one widget. Expressions may read the same metric under the same
 * id (three error rates over one message count); CloudWatch rejects a widget that defines an id twice, so each id's
 * hidden row appears once. Two different metrics under one id are a programming error.
 */
export function sharedMathRows(...maths: MathSpec[]): MetricRow[] {
    const seen = new Map<string, MetricSpec>();
    const metricRows: MetricRow[] = [];
    for (const math of maths) {
        for (const [id, m] of Object.entries(math.usingMetrics)) {
            const earlier = seen.get(id);
            if (earlier === undefined) {
                seen.set(id, m);
                metricRows.push(metricRow(m, { id, visible: false }));
            } else if (JSON.stringify(earlier) !== JSON.stringify(m)) {
                throw new Error(`metric id ${id} names two different metrics in one widget`);
            }
        }
    }
    return [...metricRows, ...maths.map((math) => [{ id: math.id, expression: math.expression, label: math.label }])];
}
