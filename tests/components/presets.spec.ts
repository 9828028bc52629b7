import * as assert from "assert";
import { Environment, ExecutionLogLevel } from "../../components/contract";
import { alarmDefaults } from "../../components/monitoring/alarms";
import {
    CACHING_DEFAULTS,
    DEFAULT_STAGE_NAME,
    ENVIRONMENT_PRESETS,
    type EffectiveRestApiSettings,
    methodLoggingFor,
    resolveMonitoring,
    resolveSettings,
} from "../../components/presets";

const SPEC = JSON.stringify({ openapi: "3.0.1", info: { title: "orders" }, paths: {} });

function expected(overrides: Partial<EffectiveRestApiSettings>): EffectiveRestApiSettings {
    return {
        apiSource: "openApiSpec",
        environment: Environment.Production,
        stageName: "prod",
        executionLogging: { level: "ERROR", retentionInDays: 30 },
        accessLogging: { retentionInDays: 90, format: "Json" },
        tracing: { enabled: true },
        throttling: { rateLimit: 1000, burstLimit: 2000 },
        methodOverrides: [],
        metricsEnabled: true,
        caching: { enabled: false, sizeGb: 0.5, ttlSeconds: 300, encrypted: true },
        accountCloudWatchRole: "None",
        protectLogs: true,
        monitoring: { dashboard: true, alarms: true, queries: true, compositeAlarm: true },
        ...overrides,
    };
}

describe("components/presets", () => {
    describe("resolveSettings", () => {
        it("Production is the default environment", () => {
            assert.deepStrictEqual(resolveSettings({ openApiSpec: SPEC }), expected({}));
        });

        it("Staging: INFO, 14/30 days, 500/1000, logs not protected", () => {
            assert.deepStrictEqual(
                resolveSettings({ openApiSpec: SPEC, environment: Environment.Staging }),
                expected({
                    environment: Environment.Staging,
                    executionLogging: { level: "INFO", retentionInDays: 14 },
                    accessLogging: { retentionInDays: 30, format: "Json" },
                    throttling: { rateLimit: 500, burstLimit: 1000 },
                    protectLogs: false,
                }),
            );
        });

        it("Development: DEBUG, 7/7 days, 100/200, logs not protected", () => {
            assert.deepStrictEqual(
                resolveSettings({ openApiSpec: SPEC, environment: "Development" }),
                expected({
                    environment: Environment.Development,
                    executionLogging: { level: "DEBUG", retentionInDays: 7 },
                    accessLogging: { retentionInDays: 7, format: "Json" },
                    throttling: { rateLimit: 100, burstLimit: 200 },
                    protectLogs: false,
                }),
            );
        });

        it("every explicit arg wins over the preset", () => {
            assert.deepStrictEqual(
                resolveSettings({
                    openApiSpec: SPEC,
                    environment: "Development",
                    stageName: "live",
                    executionLogging: { level: "ERROR", retentionInDays: 60, kmsKeyArn: "k1" },
                    accessLogging: { format: "Clf", retentionInDays: 365, kmsKeyArn: "k2" },
                    tracing: { enabled: true, samplingRate: 0.25 },
                    throttling: { rateLimit: 50, burstLimit: 60 },
                    metricsEnabled: false,
                    caching: { enabled: true, sizeGb: 6.1, ttlSeconds: 60, encrypted: false },
                    accountCloudWatchRole: "Existing",
                    cloudWatchRoleArn: "arn:aws:iam::123456789012:role/r",
                    protectLogs: true,
                    monitoring: { dashboard: false, alarms: false, queries: false },
                }),
                expected({
                    environment: Environment.Development,
                    stageName: "live",
                    executionLogging: { level: "ERROR", retentionInDays: 60, kmsKeyArn: "k1" },
                    accessLogging: { retentionInDays: 365, format: "Clf", kmsKeyArn: "k2" },
                    tracing: { enabled: true, samplingRate: 0.25 },
                    throttling: { rateLimit: 50, burstLimit: 60 },
                    metricsEnabled: false,
                    caching: { enabled: true, sizeGb: 6.1, ttlSeconds: 60, encrypted: false },
                    accountCloudWatchRole: "Existing",
                    cloudWatchRoleArn: "arn:aws:iam::123456789012:role/r",
                    protectLogs: true,
                    monitoring: { dashboard: false, alarms: false, queries: false, compositeAlarm: true },
                }),
            );
        });

        it("a custom access-log format replaces the preset's name", () => {
            assert.deepStrictEqual(
                resolveSettings({ openApiSpec: SPEC, accessLogging: { customFormat: "$context.requestId" } })
                    .accessLogging,
                { retentionInDays: 90, customFormat: "$context.requestId" },
            );
        });

        it("overrides carry their JSON-pointer methodPath and inherit the stage's values unless they set their own", () => {
            const s = resolveSettings({
                openApiSpec: SPEC,
                throttling: { rateLimit: 300 },
                caching: { enabled: true },
                methodOverrides: [
                    { path: "/orders/{id}", method: "get" },
                    {
                        path: "/orders",
                        method: "POST",
                        throttling: { burstLimit: 5 },
                        loggingLevel: "INFO",
                        cachingEnabled: false,
                    },
                    { path: "/", method: "any" },
                    { path: "/orders", method: "*" },
                ],
            });
            assert.deepStrictEqual(s.methodOverrides, [
                {
                    path: "/orders/{id}",
                    method: "GET",
                    methodPath: "~1orders~1{id}/GET",
                    throttling: { rateLimit: 300, burstLimit: 2000 },
                    loggingLevel: "ERROR",
                    cachingEnabled: true,
                },
                {
                    path: "/orders",
                    method: "POST",
                    methodPath: "~1orders/POST",
                    throttling: { rateLimit: 300, burstLimit: 5 },
                    loggingLevel: "INFO",
                    cachingEnabled: false,
                },
                {
                    path: "/",
                    method: "ANY",
                    methodPath: "~1/ANY",
                    throttling: { rateLimit: 300, burstLimit: 2000 },
                    loggingLevel: "ERROR",
                    cachingEnabled: true,
                },
                {
                    path: "/orders",
                    method: "*",
                    methodPath: "~1orders/*",
                    throttling: { rateLimit: 300, burstLimit: 2000 },
                    loggingLevel: "ERROR",
                    cachingEnabled: true,
                },
            ]);
        });

        it("records which API source was used, never the API itself", () => {
            const s = resolveSettings({ restApi: {} as never });
            assert.strictEqual(s.apiSource, "restApi");
            assert.ok(!("restApi" in s) && !("openApiSpec" in s));
        });
    });

    describe("resolveMonitoring", () => {
        it("switches everything on, with no topic or emails and the environment's thresholds", () => {
            assert.deepStrictEqual(resolveMonitoring(Environment.Staging, undefined), {
                dashboard: true,
                alarms: true,
                queries: true,
                compositeAlarm: true,
                alarmEmails: [],
                thresholds: alarmDefaults.Staging,
            });
        });

        it("keeps every explicit value, and each threshold given over the environment's", () => {
            assert.deepStrictEqual(
                resolveMonitoring(Environment.Development, {
                    dashboard: false,
                    alarms: false,
                    queries: false,
                    compositeAlarm: false,
                    alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:t",
                    alarmEmails: ["a@example.com"],
                    alarmTopicKmsKeyId: "alias/k",
                    runbookUrl: "https://runbooks/api",
                    thresholds: { latencyP99Ms: 900 },
                }),
                {
                    dashboard: false,
                    alarms: false,
                    queries: false,
                    compositeAlarm: false,
                    alarmEmails: ["a@example.com"],
                    thresholds: { ...alarmDefaults.Development, latencyP99Ms: 900 },
                    alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:t",
                    alarmTopicKmsKeyId: "alias/k",
                    runbookUrl: "https://runbooks/api",
                },
            );
        });
    });

    it("the preset table and the defaults outside it", () => {
        assert.deepStrictEqual(ENVIRONMENT_PRESETS, {
            Production: {
                executionLogLevel: "ERROR",
                executionLogRetentionInDays: 30,
                accessLogRetentionInDays: 90,
                rateLimit: 1000,
                burstLimit: 2000,
                tracingEnabled: true,
                metricsEnabled: true,
                protectLogs: true,
            },
            Staging: {
                executionLogLevel: "INFO",
                executionLogRetentionInDays: 14,
                accessLogRetentionInDays: 30,
                rateLimit: 500,
                burstLimit: 1000,
                tracingEnabled: true,
                metricsEnabled: true,
                protectLogs: false,
            },
            Development: {
                executionLogLevel: "DEBUG",
                executionLogRetentionInDays: 7,
                accessLogRetentionInDays: 7,
                rateLimit: 100,
                burstLimit: 200,
                tracingEnabled: true,
                metricsEnabled: true,
                protectLogs: false,
            },
        });
        assert.strictEqual(DEFAULT_STAGE_NAME, "prod");
        assert.deepStrictEqual(CACHING_DEFAULTS, { sizeGb: 0.5, ttlSeconds: 300, encrypted: true });
    });

    it("methodLoggingFor: the AWS API has no DEBUG, so DEBUG is INFO plus data trace", () => {
        assert.deepStrictEqual([ExecutionLogLevel.Debug, "INFO", "ERROR", "OFF"].map(methodLoggingFor), [
            { loggingLevel: "INFO", dataTraceEnabled: true },
            { loggingLevel: "INFO", dataTraceEnabled: false },
            { loggingLevel: "ERROR", dataTraceEnabled: false },
            { loggingLevel: "OFF", dataTraceEnabled: false },
        ]);
    });
});
