import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../components/contract";
import { AlarmDefinition, AlarmSignal, alarmDefaults, alarmDefinitions } from "../../../components/monitoring/alarms";
import {
    dashboardUrl,
    logGroupUrl,
    logsInsightsUrl,
    stageUrl,
    xrayServiceMapUrl,
} from "../../../components/monitoring/consoleUrls";
import { DashboardInput, buildDashboardBody, contextMarkdown } from "../../../components/monitoring/dashboard";
import { restMetricsFor } from "../../../components/monitoring/metrics";
import {
    GRID_WIDTH,
    MAX_BODY_BYTES,
    MetricWidget,
    TextWidget,
    metricRow,
    rowsOf,
} from "../../../components/monitoring/widgets";
import { dashboardViolations } from "./support/dashboardRules";

const API = ["ApiName", "orders-api", "Stage", "prod"];
const GW = "AWS/ApiGateway";

/** The alarms of the prod stack's API, as the component defines them. */
function alarmsFor(thresholds = alarmDefaults.Production, cachingEnabled = true): AlarmDefinition[] {
    return alarmDefinitions({
        name: "orders",
        alarmNamePrefix: "observable-api-prod-orders",
        metrics: restMetricsFor("orders-api", "prod"),
        thresholds,
        accessLogSignals: true,
        cachingEnabled,
        integrationTimeoutMs: 29000,
    });
}

export const PROD_INPUT: DashboardInput = {
    componentName: "orders",
    apiName: "orders-api",
    restApiId: "a1b2c3d4e5",
    stageName: "prod",
    region: "eu-west-1",
    environment: Environment.Production,
    accessLogGroupName: "/aws/apigateway/orders/prod/access",
    executionLogGroupName: "API-Gateway-Execution-Logs_a1b2c3d4e5/prod",
    cachingEnabled: false,
    tracingEnabled: true,
    accessLogSignals: true,
    alarms: alarmsFor(alarmDefaults.Production, false),
};

function metricWidgets(input: DashboardInput): MetricWidget[] {
    return buildDashboardBody(input).widgets.filter((w): w is MetricWidget => w.type === "metric");
}

function widget(input: DashboardInput, title: string): MetricWidget {
    const found = metricWidgets(input).filter((w) => w.properties.title === title);
    assert.strictEqual(found.length, 1, `one widget titled ${title}`);
    return found[0];
}

describe("components/monitoring/dashboard", () => {
    it("lays out its rows top to bottom on the 24-unit grid", () => {
        const body = buildDashboardBody({ ...PROD_INPUT, cachingEnabled: true });
        assert.deepStrictEqual(
            body.widgets.map((w) => [
                w.type,
                w.type === "metric" ? w.properties.title : "text",
                w.x,
                w.y,
                w.width,
                w.height,
            ]),
            [
                ["metric", "Requests, 4XX and 5XX", 0, 0, 24, 6],
                ["metric", "5XX error rate (%)", 0, 6, 12, 6],
                ["metric", "4XX error rate (%)", 12, 6, 12, 6],
                ["metric", "Latency (ms)", 0, 12, 12, 6],
                ["metric", "IntegrationLatency (ms)", 12, 12, 12, 6],
                ["metric", "Gateway overhead: Latency - IntegrationLatency (avg ms)", 0, 18, 24, 6],
                ["metric", "Cache hit ratio (%)", 0, 24, 24, 6],
                ["metric", "Access-log signals: 429, 502, 504, integration timeouts", 0, 30, 24, 6],
                ["text", "text", 0, 36, 24, 4],
            ],
        );
        assert.deepStrictEqual([body.start, body.periodOverride], ["-PT6H", "inherit"]);
        assert.deepStrictEqual([GRID_WIDTH, MAX_BODY_BYTES], [24, 1048576]);
    });

    it("respects CloudWatch's rules in every combination of caching, signals, tracing and alarms", () => {
        for (const cachingEnabled of [false, true]) {
            for (const accessLogSignals of [false, true]) {
                for (const tracingEnabled of [false, true]) {
                    for (const alarms of [undefined, alarmsFor(alarmDefaults.Development, cachingEnabled)]) {
                        const input = { ...PROD_INPUT, cachingEnabled, accessLogSignals, tracingEnabled, alarms };
                        const json = JSON.stringify(buildDashboardBody(input));
                        assert.deepStrictEqual(dashboardViolations(json), [], JSON.stringify(input));
                    }
                }
            }
        }
    });

    it("sets region eu-west-1, period 300 s and a zero-based y axis on every metric widget", () => {
        const widgets = metricWidgets(PROD_INPUT);
        assert.strictEqual(widgets.length, 7);
        for (const w of widgets) {
            assert.strictEqual(w.properties.region, "eu-west-1", w.properties.title);
            assert.strictEqual(w.properties.period, 300, w.properties.title);
            assert.strictEqual(w.properties.view, "timeSeries");
            assert.strictEqual(w.properties.yAxis.left.min, 0);
        }
    });

    it("row 1: Count as Sum with 4XX and 5XX beside it, keyed on ApiName and Stage (not ApiId)", () => {
        assert.deepStrictEqual(widget(PROD_INPUT, "Requests, 4XX and 5XX").properties.metrics, [
            [GW, "Count", ...API, { label: "Requests", stat: "Sum" }],
            [GW, "4XXError", ...API, { label: "4XX", stat: "Sum" }],
            [GW, "5XXError", ...API, { label: "5XX", stat: "Sum" }],
        ]);
        assert.ok(!JSON.stringify(buildDashboardBody(PROD_INPUT)).includes("ApiId"));
    });

    it("row 2: error rates as metric math over hidden Sums, with the alarm thresholds drawn", () => {
        const rate5xx = widget(PROD_INPUT, "5XX error rate (%)").properties;
        assert.deepStrictEqual(rate5xx.metrics, [
            [GW, "5XXError", ...API, { label: "5XX", stat: "Sum", id: "m5xx", visible: false }],
            [GW, "Count", ...API, { label: "Requests", stat: "Sum", id: "mcount", visible: false }],
            [{ id: "e5xxrate", expression: "100*m5xx/mcount", label: "5XX rate (%)" }],
        ]);
        assert.deepStrictEqual(rate5xx.annotations, {
            horizontal: [{ label: "5xx-rate alarm", value: 1, fill: "above" }],
        });
        const rate4xx = widget(PROD_INPUT, "4XX error rate (%)").properties;
        assert.deepStrictEqual(rate4xx.metrics[2], [
            { id: "e4xxrate", expression: "100*m4xx/mcount", label: "4XX rate (%)" },
        ]);
        assert.deepStrictEqual(rate4xx.metrics[0], [
            GW,
            "4XXError",
            ...API,
            { label: "4XX", stat: "Sum", id: "m4xx", visible: false },
        ]);
        assert.deepStrictEqual(rate4xx.annotations, {
            horizontal: [{ label: "4xx-rate alarm", value: 5, fill: "above" }],
        });
    });

    it("graphs exactly the metric or math each alarm watches, from the same factory", () => {
        const alarms = alarmsFor();
        const input = { ...PROD_INPUT, cachingEnabled: true, alarms };
        const graphOf: Record<string, string> = {
            [AlarmSignal.ServerErrorRate]: "5XX error rate (%)",
            [AlarmSignal.ClientErrorRate]: "4XX error rate (%)",
            [AlarmSignal.LowCacheHitRatio]: "Cache hit ratio (%)",
            [AlarmSignal.ServerErrorCount]: "Requests, 4XX and 5XX",
            [AlarmSignal.LatencyP99]: "Latency (ms)",
            [AlarmSignal.IntegrationLatencyP99]: "IntegrationLatency (ms)",
            [AlarmSignal.Throttled]: "Access-log signals: 429, 502, 504, integration timeouts",
            [AlarmSignal.IntegrationTimeouts]: "Access-log signals: 429, 502, 504, integration timeouts",
        };
        assert.deepStrictEqual(Object.keys(graphOf).sort(), alarms.map((a) => a.signal).sort());
        for (const alarm of alarms) {
            const metrics = widget(input, graphOf[alarm.signal]).properties.metrics;
            if (alarm.watches.kind === "math") {
                // The math graphs show the alarm's expression and nothing else.
                assert.deepStrictEqual(metrics, rowsOf(alarm.watches), alarm.signal);
            } else {
                assert.ok(
                    metrics.some((row) => JSON.stringify(row) === JSON.stringify(metricRow(alarm.watches as never))),
                    alarm.signal,
                );
            }
        }
    });

    it("draws each threshold from the alarm definitions it is given, not from a copy of the thresholds", () => {
        const alarms = alarmsFor().map((a) =>
            a.signal === AlarmSignal.ServerErrorRate ? { ...a, threshold: 7.5 } : a,
        );
        const annotations = metricWidgets({ ...PROD_INPUT, cachingEnabled: true, alarms }).map((w) => [
            w.properties.title,
            w.properties.annotations?.horizontal,
        ]);
        assert.deepStrictEqual(annotations, [
            ["Requests, 4XX and 5XX", undefined],
            ["5XX error rate (%)", [{ label: "5xx-rate alarm", value: 7.5, fill: "above" }]],
            ["4XX error rate (%)", [{ label: "4xx-rate alarm", value: 5, fill: "above" }]],
            ["Latency (ms)", [{ label: "latency-p99 alarm", value: 2000, fill: "above" }]],
            ["IntegrationLatency (ms)", [{ label: "integration-latency-p99 alarm", value: 1500, fill: "above" }]],
            ["Gateway overhead: Latency - IntegrationLatency (avg ms)", undefined],
            ["Cache hit ratio (%)", [{ label: "low-cache-hit-ratio alarm", value: 50, fill: "below" }]],
            ["Access-log signals: 429, 502, 504, integration timeouts", undefined],
        ]);
    });

    it("draws no threshold lines when alarms are off", () => {
        for (const w of metricWidgets({ ...PROD_INPUT, alarms: undefined, cachingEnabled: true })) {
            assert.strictEqual(w.properties.annotations, undefined, w.properties.title);
        }
    });

    it("row 3: Latency and IntegrationLatency at p50, p90 and p99", () => {
        assert.deepStrictEqual(widget(PROD_INPUT, "Latency (ms)").properties.metrics, [
            [GW, "Latency", ...API, { label: "Latency p50", stat: "p50" }],
            [GW, "Latency", ...API, { label: "Latency p90", stat: "p90" }],
            [GW, "Latency", ...API, { label: "Latency p99", stat: "p99" }],
        ]);
        const integration = widget(PROD_INPUT, "IntegrationLatency (ms)").properties;
        assert.deepStrictEqual(
            integration.metrics.map((r) => [r[1], (r[r.length - 1] as { stat: string }).stat]),
            [
                ["IntegrationLatency", "p50"],
                ["IntegrationLatency", "p90"],
                ["IntegrationLatency", "p99"],
            ],
        );
        assert.deepStrictEqual(integration.annotations!.horizontal, [
            { label: "integration-latency-p99 alarm", value: 1500, fill: "above" },
        ]);
    });

    it("row 4: Gateway overhead as Latency - IntegrationLatency over Averages", () => {
        assert.deepStrictEqual(
            widget(PROD_INPUT, "Gateway overhead: Latency - IntegrationLatency (avg ms)").properties.metrics,
            [
                [GW, "Latency", ...API, { label: "Latency Average", stat: "Average", id: "mlatency", visible: false }],
                [
                    GW,
                    "IntegrationLatency",
                    ...API,
                    { label: "IntegrationLatency Average", stat: "Average", id: "mintegration", visible: false },
                ],
                [{ id: "eoverhead", expression: "mlatency - mintegration", label: "Gateway overhead (ms)" }],
            ],
        );
    });

    it("row 5: the cache hit ratio only when caching is on", () => {
        const titles = (input: DashboardInput) => metricWidgets(input).map((w) => w.properties.title);
        assert.ok(!titles(PROD_INPUT).includes("Cache hit ratio (%)"));
        const cache = widget(
            { ...PROD_INPUT, cachingEnabled: true, alarms: alarmsFor() },
            "Cache hit ratio (%)",
        ).properties;
        assert.deepStrictEqual(cache.metrics, [
            [GW, "CacheHitCount", ...API, { label: "Cache hits", stat: "Sum", id: "mhit", visible: false }],
            [GW, "CacheMissCount", ...API, { label: "Cache misses", stat: "Sum", id: "mmiss", visible: false }],
            [{ id: "ehitratio", expression: "100*mhit/(mhit+mmiss)", label: "Cache hit ratio (%)" }],
        ]);
        assert.deepStrictEqual(cache.annotations!.horizontal, [
            { label: "low-cache-hit-ratio alarm", value: 50, fill: "below" },
        ]);
    });

    it("row 6: the access-log signals from the ObservableApi/<api name> namespace, or a note without Json logs", () => {
        const signals = widget(PROD_INPUT, "Access-log signals: 429, 502, 504, integration timeouts").properties;
        assert.deepStrictEqual(signals.metrics, [
            ["ObservableApi/orders-api", "Throttled429", { label: "429 throttled", stat: "Sum" }],
            ["ObservableApi/orders-api", "BadGateway502", { label: "502 bad gateway", stat: "Sum" }],
            ["ObservableApi/orders-api", "GatewayTimeout504", { label: "504 gateway timeout", stat: "Sum" }],
            ["ObservableApi/orders-api", "IntegrationTimeout", { label: "Integration timeouts", stat: "Sum" }],
        ]);
        const without = buildDashboardBody({ ...PROD_INPUT, accessLogSignals: false }).widgets;
        assert.ok(!JSON.stringify(without).includes("ObservableApi/"));
        const note = without[without.length - 2] as TextWidget;
        assert.deepStrictEqual([note.type, note.width, note.height], ["text", 24, 2]);
        assert.match(note.properties.markdown, /need `accessLogging\.format: Json`/);
    });

    it("row 7: a text widget naming stage and environment, linking X-Ray and both log groups", () => {
        const body = buildDashboardBody(PROD_INPUT);
        const text = body.widgets[body.widgets.length - 1] as TextWidget;
        assert.strictEqual(text.properties.markdown, contextMarkdown(PROD_INPUT));
        assert.strictEqual(
            text.properties.markdown,
            [
                "## orders: stage `prod` (Production)",
                "API `orders-api` (`a1b2c3d4e5`) in eu-west-1 · [Stage in API Gateway](https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/stages?api=a1b2c3d4e5&region=eu-west-1&stage=prod)",
                "",
                "[X-Ray service map](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:service-map/map) · " +
                    "[Access log group](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fapigateway$252Forders$252Fprod$252Faccess) · " +
                    "[Execution log group](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_a1b2c3d4e5$252Fprod) · " +
                    "[Logs Insights saved queries](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights)",
            ].join("\n"),
        );
        assert.match(
            contextMarkdown({ ...PROD_INPUT, tracingEnabled: false }),
            /X-Ray tracing is off for this stage · /,
        );
    });

    it("builds console URLs from region and names", () => {
        assert.strictEqual(
            dashboardUrl("eu-west-1", "observable-api-prod-api"),
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=observable-api-prod-api",
        );
        assert.strictEqual(
            logGroupUrl("us-east-1", "/a b/c"),
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fa$2520b$252Fc",
        );
        assert.deepStrictEqual(
            [xrayServiceMapUrl("eu-west-1"), logsInsightsUrl("eu-west-1"), stageUrl("eu-west-1", "abc", "v 1")],
            [
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:service-map/map",
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights",
                "https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/abc/stages?api=abc&region=eu-west-1&stage=v%201",
            ],
        );
    });

    it("links to the console of the region's partition: China and GovCloud have their own", () => {
        assert.deepStrictEqual(
            [
                dashboardUrl("cn-north-1", "d"),
                dashboardUrl("us-gov-west-1", "d"),
                stageUrl("cn-northwest-1", "abc", "v1"),
            ],
            [
                "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards:name=d",
                "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards:name=d",
                "https://console.amazonaws.cn/apigateway/main/apis/abc/stages?api=abc&region=cn-northwest-1&stage=v1",
            ],
        );
    });

    it("matches the readable fixture of the prod dashboard body", () => {
        const fixture = path.join(__dirname, "fixtures", "dashboard.prod.json");
        const actual = buildDashboardBody(PROD_INPUT);
        if (process.env.UPDATE_FIXTURES === "1") {
            // Then `npx prettier --write` the fixture; the comparison is on parsed JSON, not on formatting.
            fs.writeFileSync(fixture, JSON.stringify(actual, null, 4) + "\n");
        }
        assert.deepStrictEqual(
            actual,
            JSON.parse(fs.readFileSync(fixture, "utf8")),
            "rerun with UPDATE_FIXTURES=1 and review the diff",
        );
    });

    describe("the rule checker itself", () => {
        const valid = () => JSON.parse(JSON.stringify(buildDashboardBody(PROD_INPUT)));

        it("reports each broken rule", () => {
            const cases: [string, (b: any) => void, RegExp][] = [
                ["too wide", (b) => (b.widgets[0].width = 25), /width 25 outside 1\.\.24/],
                ["off the grid", (b) => (b.widgets[2].x = 13), /x \+ width = 25 > 24/],
                ["overlap", (b) => (b.widgets[2].y = 0), /overlaps widget 0/],
                ["no region", (b) => delete b.widgets[0].properties.region, /region missing/],
                [
                    "bad row",
                    (b) => b.widgets[0].properties.metrics[0].splice(2, 1),
                    /must be \[namespace, name, dimName/,
                ],
                ["shorthand", (b) => (b.widgets[0].properties.metrics[1][0] = "."), /"\." shorthand/],
                [
                    "dangling id",
                    (b) => (b.widgets[1].properties.metrics[2][0].expression = "100*mx/mcount"),
                    /unknown id mx/,
                ],
            ];
            for (const [name, mutate, expected] of cases) {
                const body = valid();
                mutate(body);
                const problems = dashboardViolations(JSON.stringify(body));
                assert.ok(
                    problems.some((p) => expected.test(p)),
                    `${name}: ${JSON.stringify(problems)}`,
                );
            }
            const notJson = dashboardViolations("{");
            assert.strictEqual(notJson.length, 1);
            assert.match(notJson[0], /^body is not JSON: /);
            assert.ok(
                dashboardViolations(JSON.stringify({ ...valid(), pad: "x".repeat(1024 * 1024) })).includes(
                    "body is 1 MB or more",
                ),
            );
        });
    });
});
