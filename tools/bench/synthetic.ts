/**
 * Synthetic resources for the benchmarks, shaped like what the engine sends for a real program in preview: ids,
 * ARNs and generated names are unknown (the sentinel), and references between resources are carried by
 * `propertyDependencies` and parents, exactly as `npm run plan -- --stack prod` records them.
 *
 * Pure and deterministic: the same size always gives the same resources, so runs and machines compare.
 */
import type { AnalyzeResource } from "../lib/policyPackHost";
import { UNKNOWN_SENTINEL } from "../lib/wire";

export { UNKNOWN_SENTINEL };

export const TYPES = {
    stack: "pulumi:pulumi:Stack",
    component: "observable-api:index:ObservableRestApi",
    restApi: "aws:apigateway/restApi:RestApi",
    deployment: "aws:apigateway/deployment:Deployment",
    stage: "aws:apigateway/stage:Stage",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    v2Api: "aws:apigatewayv2/api:Api",
    v2Stage: "aws:apigatewayv2/stage:Stage",
    nativeRestApi: "aws-native:apigateway:RestApi",
    nativeStage: "aws-native:apigateway:Stage",
    bucket: "aws:s3/bucket:Bucket",
    lambda: "aws:lambda/function:Function",
    role: "aws:iam/role:Role",
    cfnStack: "aws:cloudformation/stack:Stack",
    cloudControl: "aws:cloudcontrol/resource:Resource",
} as const;

export interface SyntheticOptions {
    /** @default "prod" (production, so that every production-scoped policy runs) */
    stack?: string;
    /** @default "observable-api" */
    project?: string;
    /** Every n-th classic API gets a per-method MethodSettings with DEBUG-level logging (a violation). @default 10 */
    violationEvery?: number;
}

const JSON_ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    status: "$context.status",
    responseLength: "$context.responseLength",
}).replace(/"\$context\.(status|responseLength)"/g, "$context.$1");

/**
 * The kinds of unit the generator cycles through; most programs are mostly classic REST APIs, and some deploy a stage
 * through a CloudFormation template or Cloud Control, whose contents the pack parses.
 */
const UNIT_KINDS = ["rest", "rest", "http", "rest", "native", "template"] as const;
type UnitKind = (typeof UNIT_KINDS)[number];

/** Unrelated resources added after every API unit, so that most Analyze calls match no policy's type. */
const UNRELATED_PER_UNIT = 3;

class Builder {
    readonly resources: AnalyzeResource[] = [];
    readonly stackUrn: string;
    private readonly provider: NonNullable<AnalyzeResource["provider"]>;
    private readonly nativeProvider: NonNullable<AnalyzeResource["provider"]>;

    constructor(
        readonly stack: string,
        readonly project: string,
    ) {
        this.stackUrn = `urn:pulumi:${stack}::${project}::${TYPES.stack}::${project}-${stack}`;
        this.provider = this.providerFor("aws", "7.48.0");
        this.nativeProvider = this.providerFor("aws-native", "1.38.0");
    }

    /** The URN of a resource parented to the root Stack. */
    urnOf(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
    }

    private providerFor(pkg: string, version: string): NonNullable<AnalyzeResource["provider"]> {
        const type = `pulumi:providers:${pkg}`;
        const name = `default_${version.replace(/\./g, "_")}`;
        return {
            type,
            name,
            urn: `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`,
            properties: { region: "eu-west-1", version },
        };
    }

    /** Add one resource; a child's URN qualifies its type with its component parent's type, as the engine does. */
    add(
        type: string,
        name: string,
        properties: Record<string, any>,
        options: { parent?: AnalyzeResource; propertyDependencies?: Record<string, string[]> } = {},
    ): AnalyzeResource {
        const parent = options.parent;
        const qualified = parent && parent.type !== TYPES.stack ? `${qualifiedType(parent)}$${type}` : type;
        const propertyDependencies: Record<string, string[]> = {};
        for (const key of Object.keys(properties)) {
            propertyDependencies[key] = options.propertyDependencies?.[key] ?? [];
        }
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        const custom = type !== TYPES.stack && type !== TYPES.component;
        const resource: AnalyzeResource = {
            type,
            name,
            urn: `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`,
            properties,
            parent: parent?.urn,
            dependencies,
            propertyDependencies,
            provider: custom ? (type.startsWith("aws-native:") ? this.nativeProvider : this.provider) : undefined,
        };
        this.resources.push(resource);
        return resource;
    }
}

function qualifiedType(resource: AnalyzeResource): string {
    // `urn:pulumi:<stack>::<project>::<qualified type>::<name>`
    return resource.urn.split("::")[2];
}

const tags = (stack: string) => ({ team: "platform", environment: "production", stack });

/** How many resources a unit of this kind and index adds (its API resources plus the unrelated ones). */
export function unitSize(kind: UnitKind, index: number): number {
    switch (kind) {
        case "rest":
            // component, RestApi, Deployment, execution log group, topic + 5 per stage (1 to 3 stages)
            return 5 + 5 * stagesOf(index) + UNRELATED_PER_UNIT;
        case "http":
            // Api, access log group, Stage, alarm
            return 4 + UNRELATED_PER_UNIT;
        case "native":
            // RestApi, access log group, Stage
            return 3 + UNRELATED_PER_UNIT;
        case "template":
            // a CloudFormation stack (REST API, deployment, stage) and a Cloud Control HTTP stage
            return 2 + UNRELATED_PER_UNIT;
    }
}

function stagesOf(index: number): number {
    return (index % 3) + 1;
}

function addRestUnit(b: Builder, i: number, violationEvery: number): void {
    const stack = b.stack;
    const root: AnalyzeResource = { type: TYPES.stack, name: "", urn: b.stackUrn, properties: {} };
    const n = `api${i}`;
    const component = b.add(
        TYPES.component,
        n,
        {
            apiSource: "openApiSpec",
            environment: "Production",
            stageName: "prod",
            executionLogging: { level: "ERROR", retentionInDays: 90 },
            accessLogging: { format: "Json", retentionInDays: 365 },
            tracing: { enabled: true, samplingRate: 0.05 },
            throttling: { rateLimit: 500, burstLimit: 1000 },
            metricsEnabled: true,
            monitoring: { alarms: true, dashboard: true, queries: true },
            caching: { enabled: false, encrypted: true, sizeGb: 0.5, ttlSeconds: 300 },
        },
        { parent: root },
    );
    const restApi = b.add(
        TYPES.restApi,
        `${n}-api`,
        { name: `${n}-${stack}`, body: `{"openapi":"3.0.1","info":{"title":"${n}"}}`, tags: tags(stack) },
        { parent: component },
    );
    const deployment = b.add(
        TYPES.deployment,
        `${n}-deployment`,
        { restApi: UNKNOWN_SENTINEL, triggers: { redeployment: `sha-${i}` } },
        { parent: component, propertyDependencies: { restApi: [restApi.urn] } },
    );
    b.add(
        TYPES.logGroup,
        `${n}-execution-logs`,
        { name: UNKNOWN_SENTINEL, retentionInDays: 90, tags: tags(stack) },
        { parent: component, propertyDependencies: { name: [restApi.urn] } },
    );
    const topic = b.add(TYPES.topic, `${n}-alarm-topic`, { tags: tags(stack) }, { parent: component });
    for (let s = 0; s < stagesOf(i); s++) {
        const stageName = `s${s}`;
        const accessLogs = b.add(
            TYPES.logGroup,
            `${n}-${stageName}-access-logs`,
            { name: UNKNOWN_SENTINEL, retentionInDays: 365, tags: tags(stack) },
            { parent: component, propertyDependencies: { name: [restApi.urn] } },
        );
        const stage = b.add(
            TYPES.stage,
            `${n}-${stageName}-stage`,
            {
                restApi: UNKNOWN_SENTINEL,
                deployment: UNKNOWN_SENTINEL,
                stageName,
                xrayTracingEnabled: true,
                cacheClusterEnabled: false,
                accessLogSettings: { destinationArn: UNKNOWN_SENTINEL, format: JSON_ACCESS_LOG_FORMAT },
                tags: tags(stack),
            },
            {
                parent: component,
                propertyDependencies: {
                    restApi: [restApi.urn],
                    deployment: [deployment.urn],
                    accessLogSettings: [accessLogs.urn],
                },
            },
        );
        const deps = { restApi: [restApi.urn], stageName: [stage.urn] };
        b.add(
            TYPES.methodSettings,
            `${n}-${stageName}-method-settings`,
            {
                restApi: UNKNOWN_SENTINEL,
                stageName,
                methodPath: "*/*",
                settings: {
                    loggingLevel: "ERROR",
                    dataTraceEnabled: false,
                    metricsEnabled: true,
                    cachingEnabled: false,
                    throttlingRateLimit: 500,
                    throttlingBurstLimit: 1000,
                },
            },
            { parent: component, propertyDependencies: deps },
        );
        const debug = violationEvery > 0 && i % violationEvery === 0 && s === 0;
        b.add(
            TYPES.methodSettings,
            `${n}-${stageName}-override-hello-get`,
            {
                restApi: UNKNOWN_SENTINEL,
                stageName,
                methodPath: "~1hello/GET",
                settings: {
                    loggingLevel: debug ? "INFO" : "ERROR",
                    dataTraceEnabled: debug,
                    metricsEnabled: true,
                    cachingEnabled: false,
                    throttlingRateLimit: 100,
                    throttlingBurstLimit: 200,
                },
            },
            { parent: component, propertyDependencies: deps },
        );
        b.add(
            TYPES.alarm,
            `${n}-${stageName}-5xx-count`,
            {
                namespace: "AWS/ApiGateway",
                metricName: "5XXError",
                dimensions: { ApiName: UNKNOWN_SENTINEL, Stage: stageName },
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                threshold: 10,
                comparisonOperator: "GreaterThanThreshold",
                actionsEnabled: true,
                alarmActions: [UNKNOWN_SENTINEL],
                okActions: [UNKNOWN_SENTINEL],
                treatMissingData: "notBreaching",
            },
            {
                parent: component,
                propertyDependencies: {
                    dimensions: [restApi.urn, stage.urn],
                    alarmActions: [topic.urn],
                    okActions: [topic.urn],
                },
            },
        );
    }
}

function addHttpUnit(b: Builder, i: number): void {
    const root: AnalyzeResource = { type: TYPES.stack, name: "", urn: b.stackUrn, properties: {} };
    const n = `http${i}`;
    const api = b.add(TYPES.v2Api, n, { name: n, protocolType: "HTTP", tags: tags(b.stack) }, { parent: root });
    const logs = b.add(
        TYPES.logGroup,
        `${n}-access-logs`,
        { name: `/aws/apigateway/${n}`, retentionInDays: 30 },
        { parent: root },
    );
    const stage = b.add(
        TYPES.v2Stage,
        `${n}-stage`,
        {
            apiId: UNKNOWN_SENTINEL,
            name: "live",
            autoDeploy: true,
            defaultRouteSettings: { throttlingRateLimit: 200, throttlingBurstLimit: 400, detailedMetricsEnabled: true },
            routeSettings: [{ routeKey: "GET /items", throttlingRateLimit: 50, throttlingBurstLimit: 100 }],
            accessLogSettings: { destinationArn: UNKNOWN_SENTINEL, format: JSON_ACCESS_LOG_FORMAT },
        },
        { parent: root, propertyDependencies: { apiId: [api.urn], accessLogSettings: [logs.urn] } },
    );
    b.add(
        TYPES.alarm,
        `${n}-5xx`,
        {
            namespace: "AWS/ApiGateway",
            metricName: "5xx",
            dimensions: { ApiId: UNKNOWN_SENTINEL, Stage: "live" },
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 5,
            comparisonOperator: "GreaterThanThreshold",
            actionsEnabled: true,
            alarmActions: ["arn:aws:sns:eu-west-1:123456789012:oncall"],
        },
        { parent: root, propertyDependencies: { dimensions: [api.urn, stage.urn] } },
    );
}

function addNativeUnit(b: Builder, i: number): void {
    const root: AnalyzeResource = { type: TYPES.stack, name: "", urn: b.stackUrn, properties: {} };
    const n = `native${i}`;
    const api = b.add(TYPES.nativeRestApi, n, { name: n }, { parent: root });
    const logs = b.add(
        TYPES.logGroup,
        `${n}-access-logs`,
        { name: `/aws/apigateway/${n}`, retentionInDays: 90 },
        { parent: root },
    );
    b.add(
        TYPES.nativeStage,
        `${n}-stage`,
        {
            restApiId: UNKNOWN_SENTINEL,
            stageName: "prod",
            tracingEnabled: true,
            accessLogSetting: { destinationArn: UNKNOWN_SENTINEL, format: JSON_ACCESS_LOG_FORMAT },
            methodSettings: [
                {
                    httpMethod: "*",
                    resourcePath: "/*",
                    loggingLevel: "ERROR",
                    dataTraceEnabled: false,
                    metricsEnabled: true,
                    throttlingRateLimit: 300,
                    throttlingBurstLimit: 600,
                },
                { httpMethod: "GET", resourcePath: "/orders", loggingLevel: "INFO", throttlingRateLimit: 100 },
            ],
        },
        { parent: root, propertyDependencies: { restApiId: [api.urn], accessLogSetting: [logs.urn] } },
    );
}

/**
 * A compliant production REST stage inside a CloudFormation template (its logging level a template parameter, as
 * teams write them), and an HTTP API stage created through Cloud Control: both parsed by the pack on every call.
 */
function addTemplateUnit(b: Builder, i: number): void {
    const root: AnalyzeResource = { type: TYPES.stack, name: "", urn: b.stackUrn, properties: {} };
    const n = `cfn${i}`;
    const template = {
        AWSTemplateFormatVersion: "2010-09-09",
        Parameters: { LoggingLevel: { Type: "String", Default: "INFO", AllowedValues: ["OFF", "ERROR", "INFO"] } },
        Resources: {
            Api: { Type: "AWS::ApiGateway::RestApi", Properties: { Name: n } },
            Logs: { Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 90 } },
            Deployment: { Type: "AWS::ApiGateway::Deployment", Properties: { RestApiId: { Ref: "Api" } } },
            Stage: {
                Type: "AWS::ApiGateway::Stage",
                Properties: {
                    RestApiId: { Ref: "Api" },
                    DeploymentId: { Ref: "Deployment" },
                    StageName: "prod",
                    TracingEnabled: true,
                    AccessLogSetting: {
                        DestinationArn: { "Fn::GetAtt": ["Logs", "Arn"] },
                        Format: JSON_ACCESS_LOG_FORMAT,
                    },
                    MethodSettings: [
                        {
                            HttpMethod: "*",
                            ResourcePath: "/*",
                            LoggingLevel: { Ref: "LoggingLevel" },
                            DataTraceEnabled: false,
                            MetricsEnabled: true,
                            ThrottlingRateLimit: 200,
                            ThrottlingBurstLimit: 400,
                        },
                    ],
                },
            },
        },
    };
    b.add(
        TYPES.cfnStack,
        n,
        { name: n, templateBody: JSON.stringify(template), parameters: { LoggingLevel: "ERROR" }, tags: tags(b.stack) },
        { parent: root },
    );
    b.add(
        TYPES.cloudControl,
        `${n}-http-stage`,
        {
            typeName: "AWS::ApiGatewayV2::Stage",
            desiredState: JSON.stringify({
                ApiId: `api${i}`,
                StageName: "live",
                AutoDeploy: true,
                DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
                AccessLogSettings: {
                    DestinationArn: `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/${n}`,
                    Format: JSON_ACCESS_LOG_FORMAT,
                },
            }),
        },
        { parent: root },
    );
}

function addUnrelated(b: Builder, k: number): void {
    const root: AnalyzeResource = { type: TYPES.stack, name: "", urn: b.stackUrn, properties: {} };
    switch (k % 3) {
        case 0:
            b.add(TYPES.bucket, `bucket${k}`, { forceDestroy: false, tags: tags(b.stack) }, { parent: root });
            return;
        case 1:
            b.add(
                TYPES.role,
                `role${k}`,
                {
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { Service: "lambda.amazonaws.com" },
                                Action: "sts:AssumeRole",
                            },
                        ],
                    }),
                },
                { parent: root },
            );
            return;
        default:
            b.add(
                TYPES.lambda,
                `fn${k}`,
                {
                    runtime: "nodejs20.x",
                    handler: "index.handler",
                    role: UNKNOWN_SENTINEL,
                    memorySize: 256,
                    timeout: 10,
                    tracingConfig: { mode: "Active" },
                    environment: { variables: { TABLE: `table-${k}` } },
                },
                // k - 1 is always the role added just before this function.
                { parent: root, propertyDependencies: { role: [b.urnOf(TYPES.role, `role${k - 1}`)] } },
            );
    }
}

/**
 * A stack of exactly `size` resources (at least 1): the root Stack, then API units (classic REST APIs with 1 to 3
 * stages, each stage with its MethodSettings at `*` `/` `*` and one per-method override and a 5XX alarm; HTTP APIs;
 * aws-native REST stages), each followed by unrelated buckets, roles and functions; the remainder is unrelated.
 */
export function syntheticStack(size: number, options: SyntheticOptions = {}): AnalyzeResource[] {
    if (!Number.isInteger(size) || size < 1) {
        throw new Error(`syntheticStack: size must be a positive integer, got ${size}`);
    }
    const b = new Builder(options.stack ?? "prod", options.project ?? "observable-api");
    const violationEvery = options.violationEvery ?? 10;
    b.resources.push({ type: TYPES.stack, name: `${b.project}-${b.stack}`, urn: b.stackUrn, properties: {} });
    let unrelated = 0;
    for (let i = 0; ; i++) {
        const kind = UNIT_KINDS[i % UNIT_KINDS.length];
        if (b.resources.length + unitSize(kind, i) > size) {
            break;
        }
        if (kind === "rest") {
            addRestUnit(b, i, violationEvery);
        } else if (kind === "http") {
            addHttpUnit(b, i);
        } else if (kind === "native") {
            addNativeUnit(b, i);
        } else {
            addTemplateUnit(b, i);
        }
        for (let k = 0; k < UNRELATED_PER_UNIT; k++) {
            addUnrelated(b, unrelated++);
        }
    }
    while (b.resources.length < size) {
        addUnrelated(b, unrelated++);
    }
    return b.resources;
}

/**
 * `count` resources for one-at-a-time Analyze calls: the realistic mix of {@link syntheticStack} without the root
 * Stack. The engine analyzes the Stack too, but once per preview, so it does not belong in a per-call figure.
 */
export function analyzeMix(count: number, options: SyntheticOptions = {}): AnalyzeResource[] {
    return syntheticStack(count + 1, options).slice(1);
}

/** How many resources of each type, for reports and tests. */
export function countByType(resources: readonly AnalyzeResource[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}
