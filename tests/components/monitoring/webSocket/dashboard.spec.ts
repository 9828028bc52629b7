import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../../components/contract";
import { webSocketMetricsFor } from "../../../../components/monitoring/metrics";
import { webSocketAlarmDefaults, webSocketAlarmDefinitions } from "../../../../components/monitoring/webSocket/alarms";
import {
    WebSocketDashboardInput,
    buildWebSocketDashboardBody,
    webSocketContextMarkdown,
} from "../../../../components/monitoring/webSocket/dashboard";
import { sharedMathRows } from "../../../../components/monitoring/widgets";
import { dashboardViolations } from "../support/dashboardRules";

function input(overrides: Partial<WebSocketDashboardInput> = {}): WebSocketDashboardInput {
    return {
        componentName: "chat",
        apiName: "chat",
        apiId: "w1s2",
        stageName: "prod",
        region: "eu-west-1",
        environment: Environment.Production,
        accessLogGroupName: "/aws/apigateway/chat/w1s2/prod",
        executionLogGroupName: "API-Gateway-Execution-Logs_w1s2/prod",
        accessLogSignals: true,
        alarms: webSocketAlarmDefinitions({
            name: "chat",
            alarmNamePrefix: "observable-api-prod-chat",
            metrics: webSocketMetricsFor("w1s2", "prod", "chat"),
            thresholds: webSocketAlarmDefaults.Production,
            accessLogSignals: true,
            executionLog: true,
        }),
        ...overrides,
    };
}

describe("components/monitoring/webSocket/dashboard", () => {
    it("lays out the WebSocket rows in a body CloudWatch accepts", () => {
        const body = buildWebSocketDashboardBody(input());
        assert.deepStrictEqual(dashboardViolations(JSON.stringify(body)), []);
        assert.deepStrictEqual(
            body.widgets.map((w) => [w.type === "metric" ? w.properties.title : "text", w.x, w.y, w.width, w.height]),
            [
                ["Connects and messages", 0, 0, 24, 6],
                ["Client, integration and execution errors", 0, 6, 12, 6],
                ["Error rates over messages (%)", 12, 6, 12, 6],
                ["IntegrationLatency (ms)", 0, 12, 24, 6],
                ["Access-log signals: throttled messages, failed connects", 0, 18, 24, 6],
                ["text", 0, 24, 24, 4],
            ],
        );
    });

    it("graphs the three error rates over one hidden MessageCount, with the integration-error threshold", () => {
        const widget = buildWebSocketDashboardBody(input()).widgets[2];
        assert.ok(widget.type === "metric");
        assert.deepStrictEqual(widget.properties.metrics, [
            [
                "AWS/ApiGateway",
                "IntegrationError",
                "ApiId",
                "w1s2",
                "Stage",
                "prod",
                { label: "Integration errors", stat: "Sum", id: "mint", visible: false },
            ],
            [
                "AWS/ApiGateway",
                "MessageCount",
                "ApiId",
                "w1s2",
                "Stage",
                "prod",
                { label: "Messages", stat: "Sum", id: "mmsg", visible: false },
            ],
            [
                "AWS/ApiGateway",
                "ClientError",
                "ApiId",
                "w1s2",
                "Stage",
                "prod",
                { label: "Client errors", stat: "Sum", id: "mcli", visible: false },
            ],
            [
                "AWS/ApiGateway",
                "ExecutionError",
                "ApiId",
                "w1s2",
                "Stage",
                "prod",
                { label: "Execution errors", stat: "Sum", id: "mexec", visible: false },
            ],
            [{ id: "eintrate", expression: "100*mint/mmsg", label: "Integration error rate (%)" }],
            [{ id: "eclirate", expression: "100*mcli/mmsg", label: "Client error rate (%)" }],
            [{ id: "eexecrate", expression: "100*mexec/mmsg", label: "Execution error rate (%)" }],
        ]);
        assert.deepStrictEqual(widget.properties.annotations, {
            horizontal: [{ label: "integration-error-rate alarm", value: 1, fill: "above" }],
        });
    });

    it("refuses to share an id between two different metrics", () => {
        const m = webSocketMetricsFor("w1s2", "prod", "chat");
        const clash = { ...m.clientErrorRate(), usingMetrics: { mmsg: m.connects(), mcli: m.clientErrors() } };
        assert.throws(() => sharedMathRows(m.integrationErrorRate(), clash), {
            message: "metric id mmsg names two different metrics in one widget",
        });
    });

    it("draws both access-log alarms' thresholds, or says the signals are off", () => {
        const on = buildWebSocketDashboardBody(input()).widgets[4];
        assert.ok(on.type === "metric");
        assert.deepStrictEqual(on.properties.annotations, {
            horizontal: [
                { label: "throttled-messages alarm", value: 10, fill: "above" },
                { label: "failed-connects alarm", value: 10, fill: "above" },
            ],
        });
        const off = buildWebSocketDashboardBody(input({ accessLogSignals: false })).widgets[4];
        assert.deepStrictEqual(off.properties, {
            markdown:
                "**Access-log signals are off.** The throttled-message and failed-connect metrics come from metric " +
                "filters that need `accessLogging.format: Json`.",
        });
    });

    it("links both log groups, or says a $default stage has no execution log", () => {
        assert.strictEqual(
            webSocketContextMarkdown(input()),
            [
                "## chat: WebSocket API stage `prod` (Production)",
                "API `chat` (`w1s2`) in eu-west-1 · [Stage in API Gateway](https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/w1s2/stages?api=w1s2&region=eu-west-1&stage=prod)",
                "",
                "[Access log group](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fapigateway$252Fchat$252Fw1s2$252Fprod) · [Execution log group](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_w1s2$252Fprod) · [Logs Insights saved queries](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights) · X-Ray traces start at the backend.",
            ].join("\n"),
        );
        assert.ok(
            webSocketContextMarkdown(input({ stageName: "$default", executionLogGroupName: undefined })).includes(
                " · No execution log group (a `$default` stage has none) · ",
            ),
        );
    });

    it("matches the readable fixture of the prod dashboard body", () => {
        const fixture = path.join(__dirname, "..", "fixtures", "dashboard-websocket.prod.json");
        const actual = buildWebSocketDashboardBody(input());
        if (process.env.UPDATE_FIXTURES === "1") {
            fs.writeFileSync(fixture, JSON.stringify(actual, null, 4) + "\n");
        }
        assert.deepStrictEqual(
            actual,
            JSON.parse(fs.readFileSync(fixture, "utf8")),
            "rerun with UPDATE_FIXTURES=1 and review the diff",
        );
    });
});
