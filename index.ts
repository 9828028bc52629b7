import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AccessLogging,
    AccountCloudWatchRole,
    Caching,
    Environment,
    ExecutionLogging,
    MethodOverride,
    Monitoring,
    ObservableHttpApi,
    ObservableRestApi,
    ObservableWebSocketApi,
    Throttling,
    Tracing,
} from "observable-api";
import { DemoBackend } from "./demo/backend";
import { demoHttpOpenApiSpec } from "./demo/httpOpenApiSpec";
import { demoOpenApiSpec } from "./demo/openApiSpec";
import { ECHO_HANDLER_SOURCE, ECHO_ROUTE_KEYS, ECHO_TIMEOUT_SECONDS } from "./demo/webSocketHandler";

const config = new pulumi.Config();
const project = pulumi.getProject();
const stack = pulumi.getStack();

// Scalars are declared, with their defaults, in Pulumi.yaml; the CLI applies those defaults before we run.
// The enums' values are the strings users write; the component rejects anything else with the allowed values.
const environment = config.require("environment") as Environment;
const accountCloudWatchRole = config.require("accountCloudWatchRole") as AccountCloudWatchRole;
const configuredTopicArn = config.get("alarmTopicArn") || undefined;
const alarmEmails = config.getObject<string[]>("alarmEmails") ?? [];
const cloudWatchRoleArn = config.get("cloudWatchRoleArn") || undefined;
// Object-valued settings live in the stack files; anything left out takes the environment's preset.
const monitoring = config.getObject<Monitoring>("monitoring") ?? {};
const tags = { project, stack, ...config.getObject<Record<string, string>>("tags") };
// Settings that mean the same on a REST, HTTP and WebSocket stage apply to all three APIs.
const accessLogging = config.getObject<AccessLogging>("accessLogging");
const throttling = config.getObject<Throttling>("throttling");

const backend = new DemoBackend("hello", {
    logRetentionInDays: config.requireNumber("backendLogRetentionInDays"),
    tags,
});

const api = new ObservableRestApi("api", {
    openApiSpec: pulumi.jsonStringify(
        backend.invokeArn.apply((helloInvokeArn) => demoOpenApiSpec({ title: `${project}-${stack}`, helloInvokeArn })),
    ),
    environment,
    stageName: config.require("stageName"),
    metricsEnabled: config.requireBoolean("metricsEnabled"),
    executionLogging: config.getObject<ExecutionLogging>("executionLogging"),
    accessLogging,
    tracing: config.getObject<Tracing>("tracing"),
    throttling,
    methodOverrides: config.getObject<MethodOverride[]>("methodOverrides"),
    caching: config.getObject<Caching>("caching"),
    accountCloudWatchRole,
    cloudWatchRoleArn,
    monitoring: {
        ...monitoring,
        alarmTopicArn: monitoring.alarmTopicArn ?? configuredTopicArn,
        alarmEmails: monitoring.alarmEmails ?? (alarmEmails.length > 0 ? alarmEmails : undefined),
    },
    tags,
});

// API Gateway may invoke the function for any method and path of this API, and nothing else may.
new aws.lambda.Permission("hello-invoke", {
    action: "lambda:InvokeFunction",
    function: backend.function.name,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${api.restApi.executionArn}/*/*/*`,
});

// The HTTP and WebSocket APIs share the REST API's alarm topic and follow its monitoring switches.
const v2Monitoring = {
    dashboard: monitoring.dashboard,
    alarms: monitoring.alarms,
    queries: monitoring.queries,
    compositeAlarm: monitoring.compositeAlarm,
    runbookUrl: monitoring.runbookUrl,
    alarmTopicArn: api.alarmTopicArn,
};

const httpApi = new ObservableHttpApi("http", {
    openApiSpec: pulumi.jsonStringify(
        backend.invokeArn.apply((helloInvokeArn) =>
            demoHttpOpenApiSpec({ title: `${project}-${stack}-http`, helloInvokeArn }),
        ),
    ),
    environment,
    accessLogging,
    throttling,
    monitoring: v2Monitoring,
    tags,
});

// The HTTP API may invoke the function on any route and stage of its own, and nothing else may.
new aws.lambda.Permission("hello-http-invoke", {
    action: "lambda:InvokeFunction",
    function: backend.function.name,
    principal: "apigateway.amazonaws.com",
    sourceArn: pulumi.interpolate`${httpApi.api.executionArn}/*/*`,
});

const echo = new DemoBackend("echo", {
    handlerSource: ECHO_HANDLER_SOURCE,
    timeoutSeconds: ECHO_TIMEOUT_SECONDS,
    logRetentionInDays: config.requireNumber("backendLogRetentionInDays"),
    tags,
});

const webSocketApi = new ObservableWebSocketApi(
    "websocket",
    {
        routes: ECHO_ROUTE_KEYS.map((routeKey) => ({ routeKey, functionArn: echo.function.arn })),
        environment,
        stageName: config.require("stageName"),
        accessLogging,
        throttling,
        monitoring: v2Monitoring,
        tags,
    },
    // A WebSocket stage logs only once the account's CloudWatch role is set; when this stack sets it, wait for it.
    { dependsOn: api.account ? [api.account] : [] },
);

export const url = api.url;
export const helloUrl = pulumi.interpolate`${api.url}/hello`;
export const dashboardName = api.dashboardName;
export const dashboardUrl = api.dashboardUrl;
export const accessLogGroupName = api.accessLogGroup.name;
export const executionLogGroupName = api.executionLogGroup.name;
export const backendLogGroupName = backend.logGroup.name;
export const alarmTopicArn = api.alarmTopicArn;
export const httpUrl = httpApi.url;
export const httpHelloUrl = pulumi.interpolate`${httpApi.url}hello`;
export const httpDashboardName = httpApi.dashboardName;
export const httpAccessLogGroupName = httpApi.accessLogGroup.name;
export const webSocketUrl = webSocketApi.url;
export const webSocketDashboardName = webSocketApi.dashboardName;
export const webSocketAccessLogGroupName = webSocketApi.accessLogGroup.name;
export const webSocketExecutionLogGroupName = webSocketApi.executionLogGroup?.name;
