/** Happy-path property bags, one per covered type. Each spec changes one property per case. */
import * as t from "../../policies/lib/types";

export const ACCESS_LOG_ARN = "arn:aws:logs:us-east-1:123456789012:log-group:orders-access";
export const ACCESS_LOG_FORMAT = '{"requestId":"$context.requestId","status":$context.status}';

export const fixtures: Record<string, () => Record<string, any>> = {
    [t.REST_STAGE]: () => ({
        restApi: "a1b2c3",
        stageName: "prod",
        deployment: "d1",
        xrayTracingEnabled: true,
        accessLogSettings: { destinationArn: ACCESS_LOG_ARN, format: ACCESS_LOG_FORMAT },
    }),
    [t.METHOD_SETTINGS]: () => ({
        restApi: "a1b2c3",
        stageName: "prod",
        methodPath: "*/*",
        settings: {
            loggingLevel: "ERROR",
            dataTraceEnabled: false,
            metricsEnabled: true,
            throttlingRateLimit: 1000,
            throttlingBurstLimit: 2000,
            cachingEnabled: false,
            cacheDataEncrypted: true,
        },
    }),
    [t.V2_STAGE]: () => ({
        apiId: "api1",
        name: "prod",
        defaultRouteSettings: {
            loggingLevel: "ERROR",
            dataTraceEnabled: false,
            detailedMetricsEnabled: true,
            throttlingRateLimit: 500,
            throttlingBurstLimit: 1000,
        },
        routeSettings: [
            { routeKey: "GET /orders", loggingLevel: "INFO", throttlingRateLimit: 100, throttlingBurstLimit: 200 },
        ],
        accessLogSettings: { destinationArn: ACCESS_LOG_ARN, format: ACCESS_LOG_FORMAT },
    }),
    [t.NATIVE_V2_STAGE]: () => ({
        apiId: "api1",
        stageName: "prod",
        defaultRouteSettings: {
            loggingLevel: "ERROR",
            dataTraceEnabled: false,
            detailedMetricsEnabled: true,
            throttlingRateLimit: 500,
            throttlingBurstLimit: 1000,
        },
        routeSettings: { "GET /orders": { loggingLevel: "INFO", throttlingRateLimit: 100, throttlingBurstLimit: 200 } },
        accessLogSettings: { destinationArn: ACCESS_LOG_ARN, format: ACCESS_LOG_FORMAT },
    }),
    [t.NATIVE_STAGE]: () => ({
        restApiId: "a1b2c3",
        stageName: "prod",
        tracingEnabled: true,
        accessLogSetting: { destinationArn: ACCESS_LOG_ARN, format: ACCESS_LOG_FORMAT },
        methodSettings: [
            {
                httpMethod: "*",
                resourcePath: "/*",
                loggingLevel: "ERROR",
                dataTraceEnabled: false,
                metricsEnabled: true,
                throttlingRateLimit: 1000,
                throttlingBurstLimit: 2000,
            },
            {
                httpMethod: "GET",
                resourcePath: "/~1orders",
                loggingLevel: "INFO",
                throttlingRateLimit: 100,
                throttlingBurstLimit: 200,
                cachingEnabled: true,
                cacheDataEncrypted: true,
            },
        ],
    }),
    [t.NATIVE_DEPLOYMENT]: () => ({
        restApiId: "a1b2c3",
        stageName: "prod",
        stageDescription: {
            loggingLevel: "ERROR",
            dataTraceEnabled: false,
            metricsEnabled: true,
            throttlingRateLimit: 1000,
            throttlingBurstLimit: 2000,
            tracingEnabled: true,
            cachingEnabled: false,
            cacheDataEncrypted: true,
            accessLogSetting: { destinationArn: ACCESS_LOG_ARN, format: ACCESS_LOG_FORMAT },
            methodSettings: [
                { httpMethod: "GET", resourcePath: "/~1orders", throttlingRateLimit: 100, throttlingBurstLimit: 200 },
            ],
        },
    }),
    [t.OBSERVABLE_REST_API]: () => ({
        environment: "Production",
        stageName: "prod",
        executionLogging: { level: "ERROR", retentionInDays: 90 },
        accessLogging: { format: "Json", retentionInDays: 90 },
        tracing: { enabled: true, samplingRate: 0.05 },
        throttling: { rateLimit: 1000, burstLimit: 2000 },
        methodOverrides: [
            {
                path: "/orders",
                method: "GET",
                throttling: { rateLimit: 100, burstLimit: 200 },
                loggingLevel: "INFO",
                cachingEnabled: false,
            },
        ],
        metricsEnabled: true,
        caching: { enabled: false, sizeGb: 0.5, ttlSeconds: 300, encrypted: true },
        monitoring: { alarms: true, dashboard: true },
    }),
    [t.V2_API]: () => ({ name: "orders", protocolType: "HTTP" }),
    [t.NATIVE_V2_API]: () => ({ name: "orders", protocolType: "HTTP" }),
    [t.LOG_GROUP]: () => ({ name: "orders-access", retentionInDays: 90, arn: ACCESS_LOG_ARN }),
    [t.NATIVE_LOG_GROUP]: () => ({ logGroupName: "orders-access", retentionInDays: 90, arn: ACCESS_LOG_ARN }),
    [t.METRIC_ALARM]: () => ({
        namespace: "AWS/ApiGateway",
        metricName: "5XXError",
        statistic: "Sum",
        period: 300,
        threshold: 10,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        dimensions: { ApiName: "orders", Stage: "prod" },
        alarmActions: ["arn:aws:sns:us-east-1:123456789012:oncall"],
    }),
    [t.REST_API]: () => ({ name: "orders" }),
};

export function fixture(type: string): Record<string, any> {
    return fixtures[type]();
}
