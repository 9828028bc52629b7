import * as assert from "assert";
import { Environment, ExecutionLogLevel } from "../../components/enums";
import {
    ENVIRONMENT_PRESETS,
    methodLoggingFor,
    methodPathFor,
    resolveSettings,
    type EffectiveSettings,
} from "../../components/presets";

const SPEC = { openapi: "3.0.1", paths: {} };

function expected(overrides: Partial<EffectiveSettings>): EffectiveSettings {
    return {
        apiSource: "openApiSpec",
        environment: Environment.Production,
        stageName: "prod",
        executionLogging: { level: "ERROR", retentionInDays: 30 },
        accessLogging: { format: "Json", retentionInDays: 90 },
        tracing: { enabled: true },
        throttling: { rateLimit: 1000, burstLimit: 2000 },
        methodOverrides: [],
        metricsEnabled: true,
        caching: { enabled: false, sizeGb: 0.5, ttlSeconds: 300, encrypted: true },
        accountCloudWatchRole: "None" as EffectiveSettings["accountCloudWatchRole"],
        protectLogs: true,
        monitoring: { dashboard: true, alarms: true, queries: true },
        ...overrides,
    };
}

describe("components/presets", () => {
    it("Production is the default environment", () => {
        assert.deepStrictEqual(resolveSettings({ openApiSpec: SPEC }), expected({}));
    });

    it("Staging: INFO, 14/30 days, 500/1000, logs not protected", () => {
        assert.deepStrictEqual(
            resolveSettings({ openApiSpec: SPEC, environment: Environment.Staging }),
            expected({
                environment: Environment.Staging,
                executionLogging: { level: "INFO", retentionInDays: 14 },
                accessLogging: { format: "Json", retentionInDays: 30 },
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
                accessLogging: { format: "Json", retentionInDays: 7 },
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
                accessLogging: { format: "Clf", retentionInDays: 365, kmsKeyArn: "k2" },
                tracing: { enabled: true, samplingRate: 0.25 },
                throttling: { rateLimit: 50, burstLimit: 60 },
                metricsEnabled: false,
                caching: { enabled: true, sizeGb: 6.1, ttlSeconds: 60, encrypted: false },
                accountCloudWatchRole: "Existing" as EffectiveSettings["accountCloudWatchRole"],
                cloudWatchRoleArn: "arn:aws:iam::123456789012:role/r",
                protectLogs: true,
                monitoring: { dashboard: false, alarms: false, queries: false },
            }),
        );
    });

    it("overrides inherit the stage's values unless they set their own", () => {
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
            ],
        });
        assert.deepStrictEqual(s.methodOverrides, [
            {
                path: "/orders/{id}",
                method: "GET",
                methodPath: "orders/{id}/GET",
                throttling: { rateLimit: 300, burstLimit: 2000 },
                loggingLevel: "ERROR",
                cachingEnabled: true,
            },
            {
                path: "/orders",
                method: "POST",
                methodPath: "orders/POST",
                throttling: { rateLimit: 300, burstLimit: 5 },
                loggingLevel: "INFO",
                cachingEnabled: false,
            },
        ]);
    });

    it("records which API source was used, never the API itself", () => {
        const s = resolveSettings({ restApi: {} as never });
        assert.strictEqual(s.apiSource, "restApi");
        assert.ok(!("restApi" in s) && !("openApiSpec" in s));
    });

    it("the preset table", () => {
        assert.deepStrictEqual(
            Object.fromEntries(
                Object.entries(ENVIRONMENT_PRESETS).map(([env, p]) => [
                    env,
                    [p.executionLogLevel, p.rateLimit, p.burstLimit, p.tracingEnabled, p.metricsEnabled],
                ]),
            ),
            {
                Production: ["ERROR", 1000, 2000, true, true],
                Staging: ["INFO", 500, 1000, true, true],
                Development: ["DEBUG", 100, 200, true, true],
            },
        );
    });

    it("methodPathFor and methodLoggingFor", () => {
        assert.strictEqual(methodPathFor("/orders/{id}", "delete"), "orders/{id}/DELETE");
        assert.strictEqual(methodPathFor("/a/b", "*"), "a/b/*");
        assert.deepStrictEqual(methodLoggingFor(ExecutionLogLevel.Debug), {
            loggingLevel: "INFO",
            dataTraceEnabled: true,
        });
        assert.deepStrictEqual(methodLoggingFor("INFO"), { loggingLevel: "INFO", dataTraceEnabled: false });
        assert.deepStrictEqual(methodLoggingFor("ERROR"), { loggingLevel: "ERROR", dataTraceEnabled: false });
        assert.deepStrictEqual(methodLoggingFor("OFF"), { loggingLevel: "OFF", dataTraceEnabled: false });
    });
});
