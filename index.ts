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
    ObservableRestApi,
    Throttling,
    Tracing,
} from "observable-api";
import { DemoBackend } from "./demo/backend";
import { demoOpenApiSpec } from "./demo/openApiSpec";

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
    accessLogging: config.getObject<AccessLogging>("accessLogging"),
    tracing: config.getObject<Tracing>("tracing"),
    throttling: config.getObject<Throttling>("throttling"),
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

export const url = api.url;
export const helloUrl = pulumi.interpolate`${api.url}/hello`;
export const dashboardName = api.dashboardName;
export const dashboardUrl = api.dashboardUrl;
export const accessLogGroupName = api.accessLogGroup.name;
export const executionLogGroupName = api.executionLogGroup.name;
export const backendLogGroupName = backend.logGroup.name;
export const alarmTopicArn = api.alarmTopicArn;
