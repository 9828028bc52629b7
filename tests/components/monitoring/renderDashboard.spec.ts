import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Environment } from "../../../components/contract";
import { alarmDefaults, alarmDefinitions, buildDashboardBody, restMetricsFor } from "../../../components/monitoring";
import {
    dashboardInputForStack,
    describeRow,
    markdownLines,
    renderDashboardSvg,
    renderStack,
} from "../../../tools/render-dashboard";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("tools/render-dashboard", () => {
    it("reads the prod stack's settings the way the program does, with the alarms the component would create", () => {
        assert.deepStrictEqual(dashboardInputForStack(ROOT, path.join(ROOT, "Pulumi.prod.yaml")), {
            componentName: "api",
            apiName: "observable-api-prod",
            restApiId: "<restApiId>",
            stageName: "prod",
            region: "eu-west-1",
            environment: Environment.Production,
            accessLogGroupName: "<access log group of prod>",
            executionLogGroupName: "API-Gateway-Execution-Logs_<restApiId>/prod",
            cachingEnabled: false,
            tracingEnabled: true,
            accessLogSignals: true,
            alarms: alarmDefinitions({
                name: "api",
                alarmNamePrefix: "observable-api-prod-api",
                metrics: restMetricsFor("observable-api-prod", "prod"),
                thresholds: { ...alarmDefaults.Production, serverErrorRatePercent: 1, latencyP99Ms: 2000 },
                accessLogSignals: true,
                cachingEnabled: false,
                integrationTimeoutMs: 29000,
            }),
        });
    });

    it("reads the dev stack: its own stage name, and alarms off so no threshold lines", () => {
        const dev = dashboardInputForStack(ROOT, path.join(ROOT, "Pulumi.dev.yaml"));
        assert.deepStrictEqual(
            [dev.apiName, dev.stageName, dev.environment, dev.region, dev.alarms, dev.accessLogSignals],
            ["observable-api-dev", "dev", "Development", "eu-west-1", undefined, true],
        );
    });

    it("applies Pulumi.yaml's defaults to what a stack file leaves out, as the CLI does", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-dashboard-"));
        try {
            const stackFile = path.join(dir, "Pulumi.blue.yaml");
            fs.writeFileSync(stackFile, "config:\n  aws:region: ap-southeast-2\n");
            const blue = dashboardInputForStack(ROOT, stackFile);
            // Pulumi.yaml declares stageName v1 and environment Production.
            assert.deepStrictEqual(
                [blue.apiName, blue.stageName, blue.environment, blue.region, blue.alarms?.length],
                ["observable-api-blue", "v1", "Production", "ap-southeast-2", 7],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("draws every widget as a box at its grid position, with its title and metrics", () => {
        const body = buildDashboardBody(dashboardInputForStack(ROOT, path.join(ROOT, "Pulumi.prod.yaml")));
        const svg = renderDashboardSvg(body, "T & <title>");
        const boxes = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" rx="4"/g)].map((m) =>
            m.slice(1).map(Number),
        );
        assert.deepStrictEqual(
            boxes,
            body.widgets.map((w) => [16 + w.x * 50 + 4, 44 + 16 + w.y * 34 + 4, w.width * 50 - 8, w.height * 34 - 8]),
        );
        for (const w of body.widgets) {
            if (w.type === "metric") {
                assert.ok(svg.includes(`>${w.properties.title}</text>`), w.properties.title);
            }
            assert.ok(svg.includes(`>x${w.x} y${w.y} · ${w.width}×${w.height}</text>`));
        }
        assert.ok(svg.includes("● AWS/ApiGateway Count · Sum"));
        assert.ok(svg.includes("ƒ 5XX rate (%): 100*m5xx/mcount"));
        assert.ok(svg.includes("┄ latency-p99 alarm: 2000 (alarm above)"));
        assert.ok(svg.includes(">T &amp; &lt;title&gt;</text>"));
        assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1232" height="1232"'));
    });

    it("describes rows and flattens markdown", () => {
        assert.deepStrictEqual(
            describeRow(["AWS/ApiGateway", "Count", "ApiName", "a", { stat: "Sum", id: "m1", visible: false }]),
            {
                text: "m1 = AWS/ApiGateway Count · Sum",
                hidden: true,
                expression: false,
            },
        );
        assert.deepStrictEqual(describeRow([{ id: "e1", expression: "m1*2", label: "Twice" }]), {
            text: "Twice: m1*2",
            hidden: false,
            expression: true,
        });
        assert.deepStrictEqual(markdownLines("## A `b`\n\n[Link](https://x) · **bold**"), ["A b", "Link · bold"]);
    });

    it("keeps docs/dashboard.svg in step with the code (regenerate with tools/render-dashboard.ts)", () => {
        const { svg } = renderStack(ROOT, path.join(ROOT, "Pulumi.prod.yaml"));
        assert.strictEqual(fs.readFileSync(path.join(ROOT, "docs", "dashboard.svg"), "utf8"), svg);
    });
});
