import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../../components/contract";
import { httpAlarmDefaults, httpAlarmDefinitions } from "../../../../components/monitoring/http/alarms";
import {
    HttpDashboardInput,
    buildHttpDashboardBody,
    httpContextMarkdown,
} from "../../../../components/monitoring/http/dashboard";
import { httpMetricsFor } from "../../../../components/monitoring/metrics";
import { dashboardViolations } from "../support/dashboardRules";

function input(overrides: Partial<HttpDashboardInput> = {}): HttpDashboardInput {
    return {
        componentName: "orders",
        apiName: "orders",
        apiId: "a1b2c3",
        stageName: "$default",
        region: "eu-west-1",
        environment: Environment.Production,
        accessLogGroupName: "/aws/apigateway/orders/a1b2c3/_default",
        accessLogSignals: true,
        alarms: httpAlarmDefinitions({
            name: "orders",
            alarmNamePrefix: "observable-api-prod-orders",
            metrics: httpMetricsFor("a1b2c3", "$default", "orders"),
            thresholds: httpAlarmDefaults.Production,
            accessLogSignals: true,
        }),
        ...overrides,
    };
}

const titles = (body: ReturnType<typeof buildHttpDashboardBody>) =>
    body.widgets.map((w) => (w.type === "metric" ? w.properties.title : `text ${w.height}`));

describe("components/monitoring/http/dashboard", () => {
    it("lays out the HTTP rows, each graph on ApiId and Stage, in a body CloudWatch accepts", () => {
        const body = buildHttpDashboardBody(input());
        assert.deepStrictEqual(dashboardViolations(JSON.stringify(body)), []);
        assert.deepStrictEqual(titles(body), [
            "Requests, 4xx and 5xx",
            "5xx error rate (%)",
            "4xx error rate (%)",
            "Latency (ms)",
            "IntegrationLatency (ms)",
            "Gateway overhead: Latency - IntegrationLatency (avg ms)",
            "Data processed (bytes)",
            "Access-log signals: 429, 502, 503",
            "text 4",
        ]);
        assert.deepStrictEqual(
            body.widgets.map((w) => [w.x, w.y, w.width, w.height]),
            [
                [0, 0, 24, 6],
                [0, 6, 12, 6],
                [12, 6, 12, 6],
                [0, 12, 12, 6],
                [12, 12, 12, 6],
                [0, 18, 12, 6],
                [12, 18, 12, 6],
                [0, 24, 24, 6],
                [0, 30, 24, 4],
            ],
        );
    });

    it("draws each alarm's threshold on the graph of its metric, from the alarm definitions", () => {
        const body = buildHttpDashboardBody(input());
        const annotations = body.widgets.map((w) =>
            w.type === "metric" ? (w.properties.annotations?.horizontal ?? []).map((a) => `${a.label}=${a.value}`) : [],
        );
        assert.deepStrictEqual(annotations, [
            [],
            ["5xx-rate alarm=1"],
            ["4xx-rate alarm=5"],
            ["latency-p99 alarm=2000"],
            ["integration-latency-p99 alarm=1500"],
            [],
            [],
            ["throttled-requests alarm=10"],
            [],
        ]);
        const noAlarms = buildHttpDashboardBody(input({ alarms: undefined }));
        assert.ok(noAlarms.widgets.every((w) => w.type !== "metric" || w.properties.annotations === undefined));
    });

    it("says so when the access-log signals are off", () => {
        const body = buildHttpDashboardBody(input({ accessLogSignals: false }));
        assert.deepStrictEqual(body.widgets[7], {
            type: "text",
            x: 0,
            y: 24,
            width: 24,
            height: 2,
            properties: {
                markdown:
                    "**Access-log signals are off.** The 429, 502 and 503 metrics come from metric filters that need " +
                    "`accessLogging.format: Json`.",
            },
        });
    });

    it("links the stage, the access log and the saved queries, and says what HTTP APIs cannot show", () => {
        assert.strictEqual(
            httpContextMarkdown(input()),
            [
                "## orders: HTTP API stage `$default` (Production)",
                "API `orders` (`a1b2c3`) in eu-west-1 · [Stage in API Gateway](https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3/stages?api=a1b2c3&region=eu-west-1&stage=%24default)",
                "",
                "[Access log group](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fapigateway$252Forders$252Fa1b2c3$252F_default) · [Logs Insights saved queries](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights) · HTTP APIs write no execution log, and X-Ray traces start at the backend.",
            ].join("\n"),
        );
    });

    it("matches the readable fixture of the prod dashboard body", () => {
        const fixture = path.join(__dirname, "..", "fixtures", "dashboard-http.prod.json");
        const actual = buildHttpDashboardBody(input());
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
