import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../components/contract";
import { httpAlarmDefaults, httpAlarmDefinitions } from "../../../components/monitoring/http/alarms";
import { buildHttpDashboardBody } from "../../../components/monitoring/http/dashboard";
import { httpMetricsFor, webSocketMetricsFor } from "../../../components/monitoring/metrics";
import { webSocketAlarmDefaults, webSocketAlarmDefinitions } from "../../../components/monitoring/webSocket/alarms";
import {
    httpDashboardInputForStack,
    renderDashboardSvg,
    renderHttpStack,
    renderWebSocketStack,
    webSocketDashboardInputForStack,
} from "../../../tools/render-dashboard";

const ROOT = path.join(__dirname, "..", "..", "..");
const PROD = path.join(ROOT, "Pulumi.prod.yaml");
const DEV = path.join(ROOT, "Pulumi.dev.yaml");

describe("tools/render-dashboard: the HTTP and WebSocket pictures", () => {
    it("reads the prod stack's HTTP API as the program builds it: its title, $default, HTTP thresholds", () => {
        assert.deepStrictEqual(httpDashboardInputForStack(ROOT, PROD), {
            componentName: "http",
            apiName: "observable-api-prod-http",
            apiId: "<apiId>",
            stageName: "$default",
            region: "eu-west-1",
            environment: Environment.Production,
            accessLogGroupName: "/aws/apigateway/http/<apiId>/_default",
            accessLogSignals: true,
            alarms: httpAlarmDefinitions({
                name: "http",
                alarmNamePrefix: "observable-api-prod-http",
                metrics: httpMetricsFor("<apiId>", "$default", "observable-api-prod-http"),
                // The program hands the v2 APIs the monitoring switches, not the REST thresholds.
                thresholds: httpAlarmDefaults.Production,
                accessLogSignals: true,
            }),
        });
    });

    it("reads the prod stack's WebSocket API: the stack's stage name and both log groups", () => {
        assert.deepStrictEqual(webSocketDashboardInputForStack(ROOT, PROD), {
            componentName: "websocket",
            apiName: "observable-api-prod-websocket",
            apiId: "<apiId>",
            stageName: "prod",
            region: "eu-west-1",
            environment: Environment.Production,
            accessLogGroupName: "/aws/apigateway/websocket/<apiId>/prod",
            executionLogGroupName: "API-Gateway-Execution-Logs_<apiId>/prod",
            accessLogSignals: true,
            alarms: webSocketAlarmDefinitions({
                name: "websocket",
                alarmNamePrefix: "observable-api-prod-websocket",
                metrics: webSocketMetricsFor("<apiId>", "prod", "observable-api-prod-websocket"),
                thresholds: webSocketAlarmDefaults.Production,
                accessLogSignals: true,
                executionLog: true,
            }),
        });
    });

    it("reads the dev stack: Development, its stage name, and alarms off so no threshold lines", () => {
        const http = httpDashboardInputForStack(ROOT, DEV);
        const ws = webSocketDashboardInputForStack(ROOT, DEV);
        assert.deepStrictEqual(
            [http.environment, http.alarms, ws.environment, ws.stageName, ws.alarms],
            ["Development", undefined, "Development", "dev", undefined],
        );
    });

    it("draws the HTTP body's widgets with their titles", () => {
        const body = buildHttpDashboardBody(httpDashboardInputForStack(ROOT, PROD));
        const svg = renderDashboardSvg(body, "t");
        for (const w of body.widgets) {
            if (w.type === "metric") {
                assert.ok(svg.includes(`>${w.properties.title}</text>`), w.properties.title);
            }
        }
        assert.ok(svg.includes("● AWS/ApiGateway 5xx · Sum"));
        assert.ok(svg.includes("┄ latency-p99 alarm: 2000 (alarm above)"));
    });

    it("keeps docs/dashboard-http.svg and docs/dashboard-websocket.svg in step with the code (npm run render-dashboard)", () => {
        assert.strictEqual(
            fs.readFileSync(path.join(ROOT, "docs", "dashboard-http.svg"), "utf8"),
            renderHttpStack(ROOT, PROD).svg,
        );
        assert.strictEqual(
            fs.readFileSync(path.join(ROOT, "docs", "dashboard-websocket.svg"), "utf8"),
            renderWebSocketStack(ROOT, PROD).svg,
        );
    });
});
