/** Happy-path property bags, one per covered type. Each spec changes one property per case. */
import type { HttpApiSettings, RestApiSettings, WebSocketApiSettings } from "../../components/contract";
import { resolveHttpApiSettings } from "../../components/httpApiPresets";
import type { ObservableHttpApiArgs } from "../../components/observableHttpApiArgs";
import type { ObservableWebSocketApiArgs } from "../../components/observableWebSocketApiArgs";
import { HTTP_COMPONENT, validateHttpApiArgs } from "../../components/validation/httpApi";
import { WEBSOCKET_COMPONENT, validateWebSocketApiArgs } from "../../components/validation/webSocketApi";
import { resolveWebSocketApiSettings } from "../../components/webSocketApiPresets";
import type { ObservableRestApiArgs } from "../../components/observableRestApiArgs";
import { resolveSettings } from "../../components/presets";
import { Reporter } from "../../components/validation/framework";
import { COMPONENT, validateRestApiArgs } from "../../components/validation/restApi";
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
    [t.OBSERVABLE_REST_API]: () => restApiComponent(),
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

/** The OpenAPI document the component fixtures deploy: the routes their method overrides name. */
export const ORDERS_OPENAPI = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "orders", version: "1.0.0" },
    paths: {
        "/orders": { get: { responses: { "200": { description: "The orders" } } } },
        "/orders/{id}": { get: { responses: { "200": { description: "One order" } } } },
    },
});

/** The args of the compliant ObservableRestApi: Production presets, one method override. */
export function restApiArgs(): ObservableRestApiArgs {
    return {
        openApiSpec: ORDERS_OPENAPI,
        environment: "Production",
        methodOverrides: [
            { path: "/orders", method: "GET", throttling: { rateLimit: 100, burstLimit: 200 }, loggingLevel: "INFO" },
        ],
    };
}

/**
 * What an ObservableRestApi registers as its inputs, from the component's own validation and resolver, JSON-copied
 * as the engine sends it to the pack. `args` change one arg of {@link restApiArgs}; they must pass the component's
 * validation, so a fixture can never hold settings the component would refuse.
 */
export function restApiComponent(args: Partial<ObservableRestApiArgs> = {}): RestApiSettings & Record<string, any> {
    const checked = validateRestApiArgs({ ...restApiArgs(), ...args }, new Reporter(COMPONENT, "orders"));
    return JSON.parse(JSON.stringify(resolveSettings(checked)));
}

/** The OpenAPI document of the HTTP component fixtures: the routes their overrides name. */
export const ORDERS_HTTP_OPENAPI = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "orders-http", version: "1.0.0" },
    paths: {
        "/orders": { get: { responses: { "200": { description: "The orders" } } } },
        "/orders/{id}": { get: { responses: { "200": { description: "One order" } } } },
    },
});

/** The args of the compliant ObservableHttpApi: Production presets, one route override. */
export function httpApiArgs(): ObservableHttpApiArgs {
    return {
        openApiSpec: ORDERS_HTTP_OPENAPI,
        environment: "Production",
        routeOverrides: [{ routeKey: "GET /orders", throttling: { rateLimit: 100, burstLimit: 200 } }],
    };
}

/**
 * What an ObservableHttpApi registers as its inputs, from the component's own validation and resolver, as the engine
 * sends it. `args` change one arg of {@link httpApiArgs} and must pass the component's validation.
 */
export function httpApiComponent(args: Partial<ObservableHttpApiArgs> = {}): HttpApiSettings & Record<string, any> {
    const checked = validateHttpApiArgs({ ...httpApiArgs(), ...args }, new Reporter(HTTP_COMPONENT, "orders"));
    return JSON.parse(JSON.stringify(resolveHttpApiSettings(checked)));
}

export const CHAT_FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:chat";

/** The args of the compliant ObservableWebSocketApi: Production presets, three routes, one route override. */
export function webSocketApiArgs(): ObservableWebSocketApiArgs {
    return {
        routes: ["$connect", "$disconnect", "$default"].map((routeKey) => ({
            routeKey,
            functionArn: CHAT_FUNCTION_ARN,
        })),
        environment: "Production",
        routeOverrides: [
            { routeKey: "$default", throttling: { rateLimit: 100, burstLimit: 200 }, loggingLevel: "INFO" },
        ],
    };
}

/** What an ObservableWebSocketApi registers as its inputs, from the component's own validation and resolver. */
export function webSocketApiComponent(
    args: Partial<ObservableWebSocketApiArgs> = {},
): WebSocketApiSettings & Record<string, any> {
    const checked = validateWebSocketApiArgs(
        { ...webSocketApiArgs(), ...args },
        new Reporter(WEBSOCKET_COMPONENT, "chat"),
    );
    return JSON.parse(JSON.stringify(resolveWebSocketApiSettings(checked)));
}

fixtures[t.OBSERVABLE_HTTP_API] = () => httpApiComponent();
fixtures[t.OBSERVABLE_WEBSOCKET_API] = () => webSocketApiComponent();
