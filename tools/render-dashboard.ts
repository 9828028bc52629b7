/**
 * Renders the dashboard layout that `buildDashboardBody` produces for a stack's settings as an SVG picture of
 * the 24-unit grid: every widget at its x/y/width/height, with its title and its metrics, expressions and alarm
 * thresholds. The README's "What you will see" embeds the result, so the picture always comes from the code.
 *
 * Usage: node -r ts-node/register/transpile-only tools/render-dashboard.ts [Pulumi.<stack>.yaml] [out.svg]
 * With no arguments it draws the prod stack's three dashboards: the REST API's (docs/dashboard.svg), the HTTP API's
 * (docs/dashboard-http.svg) and the WebSocket API's (docs/dashboard-websocket.svg). With arguments, the REST one.
 * No dependency beyond `yaml`: the SVG is written as text.
 */
import * as fs from "fs";
import * as path from "path";
import {
    DashboardBody,
    DashboardInput,
    MetricRow,
    MetricRowOptions,
    Widget,
    alarmDefinitions,
    buildDashboardBody,
    physicalNamePrefix,
    restMetricsFor,
} from "../components/monitoring";
import { INTEGRATION_TIMEOUT_MS } from "../components/monitoring/validation";
import { resolveHttpMonitoring } from "../components/httpApiPresets";
import { httpAlarmDefinitions } from "../components/monitoring/http/alarms";
import { HttpDashboardInput, buildHttpDashboardBody } from "../components/monitoring/http/dashboard";
import { httpMetricsFor, webSocketMetricsFor } from "../components/monitoring/metrics";
import { webSocketAlarmDefinitions } from "../components/monitoring/webSocket/alarms";
import { WebSocketDashboardInput, buildWebSocketDashboardBody } from "../components/monitoring/webSocket/dashboard";
import type { Environment } from "../components/contract";
import type { Monitoring } from "../components/monitoring/types";
import type { AccessLogging } from "../components/observableRestApiArgs";
import { resolveWebSocketMonitoring } from "../components/webSocketApiPresets";
import { resolveMonitoring, resolveSettings } from "../components/presets";
import type { ObservableRestApiArgs } from "../components/observableRestApiArgs";
import { readProject, readStackConfig } from "./lib/projectConfig";

const CELL_W = 50;
const CELL_H = 34;
const PAD = 4;
const MARGIN = 16;
const HEADER = 44;
const FONT = "Helvetica, Arial, sans-serif";
/** Average glyph width at 12 px in the fonts above; used to cut lines that would overflow a widget. */
const CHAR_W = 6.4;

function escapeXml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function fit(text: string, widthPx: number, charW = CHAR_W): string {
    const max = Math.max(4, Math.floor(widthPx / charW));
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One legend line per metric row: `Namespace Metric (stat)`, or `= expression` for math. */
export function describeRow(row: MetricRow): { text: string; hidden: boolean; expression: boolean } {
    const last = row[row.length - 1];
    const options: MetricRowOptions = typeof last === "object" ? last : {};
    const head = row.filter((v): v is string => typeof v === "string");
    if (head.length === 0) {
        return { text: `${options.label ?? options.id}: ${options.expression}`, hidden: false, expression: true };
    }
    const [namespace, metricName] = head;
    const stat = options.stat ? ` · ${options.stat}` : "";
    const id = options.id ? `${options.id} = ` : "";
    return { text: `${id}${namespace} ${metricName}${stat}`, hidden: options.visible === false, expression: false };
}

/** Markdown as plain lines: headings and emphasis unmarked, links reduced to their labels. */
export function markdownLines(markdown: string): string[] {
    return markdown
        .split("\n")
        .map((line) =>
            line
                .replace(/^#+\s*/, "")
                .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
                .replace(/\*\*([^*]+)\*\*/g, "$1")
                .replace(/`([^`]+)`/g, "$1"),
        )
        .filter((line) => line.trim().length > 0);
}

function widgetSvg(w: Widget): string {
    const x = MARGIN + w.x * CELL_W + PAD;
    const y = HEADER + MARGIN + w.y * CELL_H + PAD;
    const width = w.width * CELL_W - 2 * PAD;
    const height = w.height * CELL_H - 2 * PAD;
    const inner = width - 24;
    const out: string[] = [];
    const fill = w.type === "metric" ? "#ffffff" : "#f4f8fb";
    out.push(
        `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="4" fill="${fill}" stroke="#aab7c4" stroke-width="1"/>`,
    );
    let line = y + 22;
    const text = (content: string, opts: { size?: number; weight?: string; color?: string; indent?: number } = {}) => {
        const size = opts.size ?? 12;
        const indent = opts.indent ?? 0;
        if (line > y + height - 6) {
            return;
        }
        out.push(
            `<text x="${x + 12 + indent}" y="${line}" font-family="${FONT}" font-size="${size}" ` +
                `font-weight="${opts.weight ?? "normal"}" fill="${opts.color ?? "#16191f"}">` +
                `${escapeXml(fit(content, inner - indent, (CHAR_W * size) / 12))}</text>`,
        );
        line += size + 6;
    };

    if (w.type === "metric") {
        const p = w.properties;
        text(p.title, { size: 14, weight: "bold" });
        text(`${p.view} · period ${p.period} s · ${p.region} · y: ${p.yAxis.left.label}`, {
            size: 11,
            color: "#5f6b7a",
        });
        for (const row of p.metrics) {
            const d = describeRow(row);
            const color = d.expression ? "#0972d3" : d.hidden ? "#8d99a8" : "#16191f";
            text(`${d.expression ? "ƒ " : d.hidden ? "◌ " : "● "}${d.text}${d.hidden ? " (hidden)" : ""}`, {
                color,
                indent: 4,
            });
        }
        for (const a of p.annotations?.horizontal ?? []) {
            text(`┄ ${a.label}: ${a.value} (${a.fill === "below" ? "alarm below" : "alarm above"})`, {
                color: "#d91515",
                indent: 4,
            });
        }
    } else {
        const lines = markdownLines(w.properties.markdown);
        lines.forEach((l, i) => text(l, i === 0 ? { size: 13, weight: "bold" } : { size: 12, color: "#414d5c" }));
    }
    // The widget's grid position, so a reader can check the layout against the JSON.
    out.push(
        `<text x="${x + width - 8}" y="${y + height - 8}" text-anchor="end" font-family="${FONT}" font-size="10" ` +
            `fill="#8d99a8">x${w.x} y${w.y} · ${w.width}×${w.height}</text>`,
    );
    return out.join("\n");
}

/** The SVG picture of a dashboard body. */
export function renderDashboardSvg(body: DashboardBody, title: string, subtitle = ""): string {
    const rows = Math.max(...body.widgets.map((w) => w.y + w.height));
    const width = 2 * MARGIN + 24 * CELL_W;
    const height = HEADER + 2 * MARGIN + rows * CELL_H;
    const grid: string[] = [];
    for (let c = 0; c <= 24; c++) {
        const gx = MARGIN + c * CELL_W;
        grid.push(
            `<line x1="${gx}" y1="${HEADER + MARGIN}" x2="${gx}" y2="${height - MARGIN}" stroke="#e9ebed" stroke-width="1"/>`,
        );
    }
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
        `<rect width="${width}" height="${height}" fill="#f2f3f3"/>`,
        `<text x="${MARGIN}" y="30" font-family="${FONT}" font-size="18" font-weight="bold" fill="#16191f">` +
            `${escapeXml(title)}</text>`,
        `<text x="${width - MARGIN}" y="30" text-anchor="end" font-family="${FONT}" font-size="12" fill="#5f6b7a">` +
            `${escapeXml(subtitle)}</text>`,
        ...grid,
        ...body.widgets.map(widgetSvg),
        "</svg>",
        "",
    ].join("\n");
}

/**
 * The dashboard input for a stack, as the program (`index.ts`) builds it: the stack's config read the way the CLI
 * hands it to the program (Pulumi.yaml defaults included), merged over the environment's presets by the component's
 * own resolver, and the alarms the component would create.
 */
export function dashboardInputForStack(projectDir: string, stackFile: string): DashboardInput {
    const stack = path
        .basename(stackFile)
        .replace(/^Pulumi\./, "")
        .replace(/\.ya?ml$/, "");
    const project = readProject(projectDir);
    const { config } = readStackConfig(project, stack, stackFile);
    const value = (key: string) => config[`${project.name}:${key}`];
    const object = <T>(key: string): T | undefined => (value(key) === undefined ? undefined : JSON.parse(value(key)!));
    const args: ObservableRestApiArgs = {
        // Only the settings the dashboard shows matter here; the document's content does not.
        openApiSpec: "{}",
        environment: value("environment") as ObservableRestApiArgs["environment"],
        stageName: value("stageName"),
        accessLogging: object("accessLogging"),
        tracing: object("tracing"),
        caching: object("caching"),
        monitoring: object("monitoring"),
    };
    const settings = resolveSettings(args);
    const monitoring = resolveMonitoring(settings.environment, args.monitoring);
    const stageName = settings.stageName as string;
    // The program names the REST API after its OpenAPI title, `${project}-${stack}`; ids exist only once deployed.
    const apiName = `${project.name}-${stack}`;
    const accessLogSignals = settings.accessLogging.format === "Json" && (monitoring.dashboard || monitoring.alarms);
    return {
        componentName: "api",
        apiName,
        restApiId: "<restApiId>",
        stageName,
        region: config["aws:region"] ?? "us-east-1",
        environment: settings.environment,
        accessLogGroupName: `<access log group of ${stageName}>`,
        executionLogGroupName: `API-Gateway-Execution-Logs_<restApiId>/${stageName}`,
        cachingEnabled: settings.caching.enabled,
        tracingEnabled: settings.tracing.enabled,
        accessLogSignals,
        alarms: monitoring.alarms
            ? alarmDefinitions({
                  name: "api",
                  alarmNamePrefix: physicalNamePrefix(project.name, stack, "api"),
                  metrics: restMetricsFor(apiName, stageName),
                  thresholds: monitoring.thresholds,
                  accessLogSignals,
                  cachingEnabled: settings.caching.enabled,
                  integrationTimeoutMs: INTEGRATION_TIMEOUT_MS,
              })
            : undefined,
    };
}

/** What the program hands its HTTP and WebSocket APIs from a stack's config (see `index.ts`). */
function v2ProgramConfig(projectDir: string, stackFile: string) {
    const stack = path
        .basename(stackFile)
        .replace(/^Pulumi\./, "")
        .replace(/\.ya?ml$/, "");
    const project = readProject(projectDir);
    const { config } = readStackConfig(project, stack, stackFile);
    const value = (key: string) => config[`${project.name}:${key}`];
    const object = <T>(key: string): T | undefined => (value(key) === undefined ? undefined : JSON.parse(value(key)!));
    const environment = (value("environment") ?? "Production") as Environment;
    const monitoring = object<Monitoring>("monitoring") ?? {};
    // The program passes the REST monitoring switches, not its thresholds: each protocol has its own.
    const switches = { dashboard: monitoring.dashboard, alarms: monitoring.alarms, queries: monitoring.queries };
    const accessLogging = object<AccessLogging>("accessLogging");
    const json = accessLogging?.customFormat === undefined && (accessLogging?.format ?? "Json") === "Json";
    return {
        project: project.name,
        stack,
        region: config["aws:region"] ?? "us-east-1",
        environment,
        stageName: value("stageName") ?? "prod",
        switches,
        json,
    };
}

/** The HTTP API's dashboard input for a stack, as the program builds that API. */
export function httpDashboardInputForStack(projectDir: string, stackFile: string): HttpDashboardInput {
    const c = v2ProgramConfig(projectDir, stackFile);
    const monitoring = resolveHttpMonitoring(c.environment, c.switches);
    // The program names the HTTP API after its OpenAPI title, `${project}-${stack}-http`, on the $default stage.
    const apiName = `${c.project}-${c.stack}-http`;
    const accessLogSignals = c.json && (monitoring.dashboard || monitoring.alarms);
    return {
        componentName: "http",
        apiName,
        apiId: "<apiId>",
        stageName: "$default",
        region: c.region,
        environment: c.environment,
        accessLogGroupName: "/aws/apigateway/http/<apiId>/_default",
        accessLogSignals,
        alarms: monitoring.alarms
            ? httpAlarmDefinitions({
                  name: "http",
                  alarmNamePrefix: physicalNamePrefix(c.project, c.stack, "http"),
                  metrics: httpMetricsFor("<apiId>", "$default", apiName),
                  thresholds: monitoring.thresholds,
                  accessLogSignals,
              })
            : undefined,
    };
}

/** The WebSocket API's dashboard input for a stack, as the program builds that API. */
export function webSocketDashboardInputForStack(projectDir: string, stackFile: string): WebSocketDashboardInput {
    const c = v2ProgramConfig(projectDir, stackFile);
    const monitoring = resolveWebSocketMonitoring(c.environment, c.switches);
    // The component names the WebSocket API it creates `<project>-<stack>-<component>`.
    const apiName = physicalNamePrefix(c.project, c.stack, "websocket");
    const accessLogSignals = c.json && (monitoring.dashboard || monitoring.alarms);
    return {
        componentName: "websocket",
        apiName,
        apiId: "<apiId>",
        stageName: c.stageName,
        region: c.region,
        environment: c.environment,
        accessLogGroupName: `/aws/apigateway/websocket/<apiId>/${c.stageName}`,
        executionLogGroupName: `API-Gateway-Execution-Logs_<apiId>/${c.stageName}`,
        accessLogSignals,
        alarms: monitoring.alarms
            ? webSocketAlarmDefinitions({
                  name: "websocket",
                  alarmNamePrefix: physicalNamePrefix(c.project, c.stack, "websocket"),
                  metrics: webSocketMetricsFor("<apiId>", c.stageName, apiName),
                  thresholds: monitoring.thresholds,
                  accessLogSignals,
                  executionLog: true,
              })
            : undefined,
    };
}

/** The SVG of the HTTP API's dashboard, exactly as `docs/dashboard-http.svg` holds it for the prod stack. */
export function renderHttpStack(projectDir: string, stackFile: string): { svg: string; widgets: number } {
    const input = httpDashboardInputForStack(projectDir, stackFile);
    const body = buildHttpDashboardBody(input);
    const svg = renderDashboardSvg(
        body,
        `Dashboard of ${input.apiName} (HTTP API), stage ${input.stageName} (${input.environment})`,
        `AWS/ApiGateway metrics keyed on ApiId=${input.apiId}, Stage=${input.stageName}`,
    );
    return { svg, widgets: body.widgets.length };
}

/** The SVG of the WebSocket API's dashboard, exactly as `docs/dashboard-websocket.svg` holds it for the prod stack. */
export function renderWebSocketStack(projectDir: string, stackFile: string): { svg: string; widgets: number } {
    const input = webSocketDashboardInputForStack(projectDir, stackFile);
    const body = buildWebSocketDashboardBody(input);
    const svg = renderDashboardSvg(
        body,
        `Dashboard of ${input.apiName} (WebSocket API), stage ${input.stageName} (${input.environment})`,
        `AWS/ApiGateway metrics keyed on ApiId=${input.apiId}, Stage=${input.stageName}`,
    );
    return { svg, widgets: body.widgets.length };
}

/** The SVG of a stack's dashboard, exactly as `docs/dashboard.svg` holds it for the prod stack. */
export function renderStack(projectDir: string, stackFile: string): { svg: string; widgets: number } {
    const input = dashboardInputForStack(projectDir, stackFile);
    const body = buildDashboardBody(input);
    const svg = renderDashboardSvg(
        body,
        `Dashboard of ${input.apiName}, stage ${input.stageName} (${input.environment})`,
        `AWS/ApiGateway metrics keyed on ApiName=${input.apiName}, Stage=${input.stageName}`,
    );
    return { svg, widgets: body.widgets.length };
}

if (require.main === module) {
    const root = path.resolve(__dirname, "..");
    const stackFile = path.resolve(process.argv[2] ?? path.join(root, "Pulumi.prod.yaml"));
    const pictures: [string, (dir: string, file: string) => { svg: string; widgets: number }][] =
        process.argv[2] === undefined
            ? [
                  [path.join(root, "docs", "dashboard.svg"), renderStack],
                  [path.join(root, "docs", "dashboard-http.svg"), renderHttpStack],
                  [path.join(root, "docs", "dashboard-websocket.svg"), renderWebSocketStack],
              ]
            : [[path.resolve(process.argv[3] ?? path.join(root, "docs", "dashboard.svg")), renderStack]];
    for (const [outFile, render] of pictures) {
        const { svg, widgets } = render(root, stackFile);
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.writeFileSync(outFile, svg);
        console.log(`${path.relative(process.cwd(), outFile)}: ${widgets} widgets from ${path.basename(stackFile)}`);
    }
}
