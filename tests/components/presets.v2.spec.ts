import * as assert from "assert";
import { Environment } from "../../components/contract";
import { resolveHttpApiSettings, resolveHttpMonitoring } from "../../components/httpApiPresets";
import { httpAlarmDefaults } from "../../components/monitoring/http/alarms";
import { webSocketAlarmDefaults } from "../../components/monitoring/webSocket/alarms";
import { resolveWebSocketApiSettings, resolveWebSocketMonitoring } from "../../components/webSocketApiPresets";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:chat";

describe("components/httpApiPresets and webSocketApiPresets", () => {
    it("HTTP: each environment's preset, $default, and overrides filled from the stage", () => {
        assert.deepStrictEqual(
            [Environment.Production, Environment.Staging, Environment.Development].map((environment) => {
                const s = resolveHttpApiSettings({ api: {} as never, environment });
                return [s.stageName, s.throttling, s.accessLogging, s.detailedMetrics, s.protectLogs];
            }),
            [
                [
                    "$default",
                    { rateLimit: 1000, burstLimit: 2000 },
                    { format: "Json", retentionInDays: 90 },
                    true,
                    true,
                ],
                [
                    "$default",
                    { rateLimit: 500, burstLimit: 1000 },
                    { format: "Json", retentionInDays: 30 },
                    true,
                    false,
                ],
                ["$default", { rateLimit: 100, burstLimit: 200 }, { format: "Json", retentionInDays: 7 }, true, false],
            ],
        );
        const s = resolveHttpApiSettings({
            openApiSpec: "{}",
            throttling: { burstLimit: 9 },
            detailedMetrics: false,
            routeOverrides: [
                { routeKey: "GET /a", throttling: { rateLimit: 3 } },
                { routeKey: "$default", detailedMetrics: true },
            ],
        });
        assert.deepStrictEqual(s.routeOverrides, [
            { routeKey: "GET /a", throttling: { rateLimit: 3, burstLimit: 9 }, detailedMetrics: false },
            { routeKey: "$default", throttling: { rateLimit: 1000, burstLimit: 9 }, detailedMetrics: true },
        ]);
        assert.strictEqual(s.apiSource, "openApiSpec");
    });

    it("WebSocket: each environment's level and retentions, prod by default, overrides carry the stage's level", () => {
        assert.deepStrictEqual(
            [Environment.Production, Environment.Staging, Environment.Development].map((environment) => {
                const s = resolveWebSocketApiSettings({
                    routes: [{ routeKey: "$default", functionArn: FN }],
                    environment,
                });
                return [s.stageName, s.executionLogging, s.accessLogging.retentionInDays, s.accountCloudWatchRole];
            }),
            [
                ["prod", { level: "ERROR", retentionInDays: 30 }, 90, "None"],
                ["prod", { level: "INFO", retentionInDays: 14 }, 30, "None"],
                ["prod", { level: "DEBUG", retentionInDays: 7 }, 7, "None"],
            ],
        );
        const s = resolveWebSocketApiSettings({
            api: {} as never,
            executionLogging: { level: "INFO" },
            routeOverrides: [
                { routeKey: "$connect" },
                { routeKey: "x", loggingLevel: "OFF", throttling: { burstLimit: 1 } },
            ],
        });
        assert.deepStrictEqual(s.routeOverrides, [
            {
                routeKey: "$connect",
                throttling: { rateLimit: 1000, burstLimit: 2000 },
                loggingLevel: "INFO",
                detailedMetrics: true,
            },
            {
                routeKey: "x",
                throttling: { rateLimit: 1000, burstLimit: 1 },
                loggingLevel: "OFF",
                detailedMetrics: true,
            },
        ]);
        assert.strictEqual(s.apiSource, "api");
        assert.ok(!("cloudWatchRoleArn" in s));
    });

    it("monitoring: each protocol's thresholds table under the caller's, and no undefined members", () => {
        assert.deepStrictEqual(resolveHttpMonitoring(Environment.Staging, { thresholds: { latencyP99Ms: 800 } }), {
            dashboard: true,
            alarms: true,
            queries: true,
            compositeAlarm: true,
            alarmEmails: [],
            thresholds: { ...httpAlarmDefaults.Staging, latencyP99Ms: 800 },
        });
        assert.deepStrictEqual(
            resolveWebSocketMonitoring(Environment.Development, {
                alarms: false,
                compositeAlarm: false,
                alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:t",
                runbookUrl: "https://r.example.com",
            }),
            {
                dashboard: true,
                alarms: false,
                queries: true,
                compositeAlarm: false,
                alarmEmails: [],
                thresholds: webSocketAlarmDefaults.Development,
                alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:t",
                runbookUrl: "https://r.example.com",
            },
        );
    });
});
