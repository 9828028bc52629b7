import * as assert from "assert";
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AccessLogFormat,
    AccountCloudWatchRole,
    CLOUDWATCH_RETENTION_DAYS,
    Environment,
    ExecutionLogLevel,
    type RestApiSettings,
} from "../../components/contract";
import { CLF_ACCESS_LOG_FORMAT, JSON_ACCESS_LOG_FORMAT } from "../../components/logging/accessLogFormat";
import { ObservableRestApi, type ObservableRestApiArgs } from "../../components/observableRestApi";
import { MOCK_ACCOUNT_ID } from "../../tools/lib/mockRuntime";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";
import { allResourceErrorsOn, collectFailures } from "./support/deferredFailures";

const T = {
    component: "observable-api:index:ObservableRestApi",
    restApi: "aws:apigateway/restApi:RestApi",
    deployment: "aws:apigateway/deployment:Deployment",
    stage: "aws:apigateway/stage:Stage",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    samplingRule: "aws:xray/samplingRule:SamplingRule",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    account: "aws:apigateway/account:Account",
};

const DOCUMENT = {
    openapi: "3.0.1",
    info: { title: "orders", version: "1.0.0" },
    paths: { "/orders": { get: { "x-amazon-apigateway-integration": { type: "mock" } } } },
};
const SPEC = JSON.stringify(DOCUMENT);
// Keys sorted at every level: the body API Gateway receives, and what the trigger hashes.
const CANONICAL_SPEC =
    '{"info":{"title":"orders","version":"1.0.0"},"openapi":"3.0.1","paths":{"/orders":{"get":{"x-amazon-apigateway-integration":{"type":"mock"}}}}}';
/** A document with a root, a one-segment, a nested, a templated path, an any-method and a path with a `~`. */
const ROUTES = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "orders", version: "1.0.0" },
    paths: {
        "/": { get: {} },
        "/hello": { get: {} },
        "/orders": { get: {}, post: {}, "x-amazon-apigateway-any-method": {} },
        "/orders/items": { get: {} },
        "/orders/{id}": { get: {}, delete: {} },
        "/files/~backup": { get: {} },
    },
});
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const NO_MONITORING = { dashboard: false, alarms: false, queries: false, compositeAlarm: false };
const TAGS = { team: "payments", costCenter: "42" };
const P = 'ObservableRestApi "orders": ';
const PLAIN = "must be a plain value, not an Output or a promise: it decides which resources the component creates";

/** Build the component and wait until every child has reached the mock monitor. */
async function build(args: Partial<ObservableRestApiArgs>, name = "orders"): Promise<ObservableRestApi> {
    const api = new ObservableRestApi(name, { openApiSpec: SPEC, monitoring: NO_MONITORING, ...args });
    const children: pulumi.Resource[] = [
        api.restApi,
        api.deployment,
        api.stage,
        api.accessLogGroup,
        api.executionLogGroup,
        api.methodSettings,
        ...api.methodOverrides,
        ...(api.samplingRule ? [api.samplingRule] : []),
        ...(api.cloudWatchRole ? [api.cloudWatchRole] : []),
        ...(api.account ? [api.account] : []),
    ];
    await Promise.all(children.map((c) => valueOf(c.urn)));
    await settle();
    return api;
}

/** Run `fn` with pulumi.log.warn captured. */
async function withWarnings(fn: () => Promise<unknown>): Promise<string[]> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string, res?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    log.warn = (msg: string) => (warnings.push(msg), Promise.resolve());
    try {
        await fn();
    } finally {
        log.warn = original;
    }
    return warnings;
}

const names = (type: string) => runtime.ofType(type).map((r) => r.name);
const fresh = () => runtime.configure({ stack: TEST_STACK, preview: false, config: {} });

describe("components/observableRestApi", () => {
    beforeEach(fresh);

    describe("Production defaults", () => {
        it("registers exactly these children, each named ${name}-<role> and parented to the component", async () => {
            await build({});
            const component = runtime.one(T.component, "orders");
            assert.strictEqual(component.parent, undefined);
            assert.deepStrictEqual(
                runtime.resources
                    .filter((r) => r !== component)
                    .map((r) => `${r.type} ${r.name}`)
                    .sort(),
                [
                    `${T.deployment} orders-deployment`,
                    `${T.methodSettings} orders-method-settings`,
                    `${T.restApi} orders-api`,
                    `${T.stage} orders-stage`,
                    `${T.logGroup} orders-access-logs`,
                    `${T.logGroup} orders-execution-logs`,
                ].sort(),
            );
            for (const r of runtime.resources.filter((x) => x !== component)) {
                assert.strictEqual(r.parent, component.urn, r.name);
            }
        });

        it("registers its effective settings, presets applied, as its inputs: the contract, in exactly its shape", async () => {
            await build({});
            const expected: RestApiSettings = {
                apiSource: "openApiSpec",
                environment: "Production",
                stageName: "prod",
                executionLogging: { level: "ERROR", retentionInDays: 30 },
                accessLogging: { format: "Json", retentionInDays: 90 },
                tracing: { enabled: true },
                throttling: { rateLimit: 1000, burstLimit: 2000 },
                methodOverrides: [],
                metricsEnabled: true,
                caching: { enabled: false, sizeGb: 0.5, ttlSeconds: 300, encrypted: true },
                accountCloudWatchRole: "None",
                protectLogs: true,
                monitoring: { dashboard: false, alarms: false, queries: false, compositeAlarm: false },
            };
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs, expected);
        });

        it("creates the RestApi from the canonical OpenAPI body, named after info.title", async () => {
            await build({ tags: TAGS });
            assert.deepStrictEqual(runtime.one(T.restApi, "orders-api").inputs, {
                name: "orders",
                body: CANONICAL_SPEC,
                tags: TAGS,
            });
        });

        it("deploys with a trigger that hashes the body, and never sets stageName on the Deployment", async () => {
            await build({});
            const restApi = runtime.one(T.restApi, "orders-api");
            const deployment = runtime.one(T.deployment, "orders-deployment");
            assert.deepStrictEqual(deployment.inputs, {
                restApi: restApi.id,
                description: `orders: redeployment ${sha256(CANONICAL_SPEC)}`,
                triggers: { redeployment: sha256(CANONICAL_SPEC) },
            });
            assert.strictEqual(deployment.retainOnDelete, false);
        });

        it("pre-creates the execution log group with API Gateway's own name, and the access log group", async () => {
            await build({});
            const id = runtime.one(T.restApi, "orders-api").id;
            const exec = runtime.one(T.logGroup, "orders-execution-logs");
            assert.deepStrictEqual(exec.inputs, { name: `API-Gateway-Execution-Logs_${id}/prod`, retentionInDays: 30 });
            assert.strictEqual(exec.retainOnDelete, true);
            const access = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual(access.inputs, { name: `/aws/apigateway/orders/${id}/prod`, retentionInDays: 90 });
            assert.strictEqual(access.retainOnDelete, true);
        });

        it("points the Stage at deployment.id, the access log group ARN without ':*', and X-Ray", async () => {
            const api = await build({});
            const restApi = runtime.one(T.restApi, "orders-api");
            const deployment = runtime.one(T.deployment, "orders-deployment");
            const exec = runtime.one(T.logGroup, "orders-execution-logs");
            const stage = runtime.one(T.stage, "orders-stage");
            const accessArn = `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/aws/apigateway/orders/${restApi.id}/prod`;
            assert.deepStrictEqual(stage.inputs, {
                restApi: restApi.id,
                deployment: deployment.id,
                stageName: "prod",
                accessLogSettings: { destinationArn: accessArn, format: JSON_ACCESS_LOG_FORMAT },
                xrayTracingEnabled: true,
                cacheClusterEnabled: false,
            });
            // The execution log group exists before API Gateway first writes to it.
            assert.ok(stage.dependencies.includes(exec.urn));
            assert.strictEqual(
                await valueOf(api.url),
                `https://${restApi.id}.execute-api.us-east-1.amazonaws.com/prod`,
            );
            assert.strictEqual(
                await valueOf(api.stageArn),
                `arn:aws:apigateway:us-east-1::/restapis/${restApi.id}/stages/prod`,
            );
        });

        it("puts ERROR, no data trace, metrics and both limits on MethodSettings */*, after the Stage", async () => {
            await build({});
            const restApi = runtime.one(T.restApi, "orders-api");
            const stage = runtime.one(T.stage, "orders-stage");
            const ms = runtime.one(T.methodSettings, "orders-method-settings");
            assert.deepStrictEqual(ms.inputs, {
                restApi: restApi.id,
                stageName: "prod",
                methodPath: "*/*",
                settings: {
                    loggingLevel: "ERROR",
                    dataTraceEnabled: false,
                    metricsEnabled: true,
                    throttlingRateLimit: 1000,
                    throttlingBurstLimit: 2000,
                    cachingEnabled: false,
                },
            });
            // The Stage's stageName output, not a literal: MethodSettings wait for the stage.
            assert.deepStrictEqual(ms.propertyDependencies.stageName, [stage.urn]);
        });
    });

    describe("the contract with every optional setting present", () => {
        it("registers every field of RestApiSettings, and nothing else", async () => {
            const kms = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/1111-2222`;
            const role = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/shared-apigw-logs`;
            await build({
                openApiSpec: ROUTES,
                environment: Environment.Staging,
                stageName: "live",
                executionLogging: { level: ExecutionLogLevel.Debug, retentionInDays: 60, kmsKeyArn: kms },
                accessLogging: {
                    customFormat: "$context.requestId $context.status",
                    retentionInDays: 365,
                    kmsKeyArn: kms,
                },
                tracing: { enabled: true, samplingRate: 0.1 },
                throttling: { rateLimit: 300, burstLimit: 600 },
                methodOverrides: [
                    { path: "/orders/{id}", method: "get", throttling: { rateLimit: 10 }, cachingEnabled: true },
                ],
                metricsEnabled: false,
                caching: { enabled: true, sizeGb: 1.6, ttlSeconds: 60, encrypted: false },
                accountCloudWatchRole: AccountCloudWatchRole.Existing,
                cloudWatchRoleArn: role,
                protectLogs: true,
                monitoring: { dashboard: false, alarms: false, queries: false, compositeAlarm: false },
                tags: TAGS,
            });
            // Required<>: a field added to the contract fails to compile here until this spec names it.
            const expected: Required<RestApiSettings> = {
                apiSource: "openApiSpec",
                environment: "Staging",
                stageName: "live",
                executionLogging: { level: "DEBUG", retentionInDays: 60, kmsKeyArn: kms },
                accessLogging: {
                    customFormat: "$context.requestId $context.status",
                    retentionInDays: 365,
                    kmsKeyArn: kms,
                },
                tracing: { enabled: true, samplingRate: 0.1 },
                throttling: { rateLimit: 300, burstLimit: 600 },
                methodOverrides: [
                    {
                        path: "/orders/{id}",
                        method: "GET",
                        methodPath: "~1orders~1{id}/GET",
                        throttling: { rateLimit: 10, burstLimit: 600 },
                        loggingLevel: "DEBUG",
                        cachingEnabled: true,
                    },
                ],
                metricsEnabled: false,
                caching: { enabled: true, sizeGb: 1.6, ttlSeconds: 60, encrypted: false },
                accountCloudWatchRole: "Existing",
                cloudWatchRoleArn: role,
                protectLogs: true,
                monitoring: { dashboard: false, alarms: false, queries: false, compositeAlarm: false },
            };
            const inputs = runtime.one(T.component, "orders").inputs;
            assert.deepStrictEqual(inputs, expected);
            // Tags, the document and the caller's API are not settings: the pack never reads them from here.
            assert.ok(!("tags" in inputs) && !("openApiSpec" in inputs) && !("restApi" in inputs));
        });
    });

    describe("environment presets", () => {
        it("Staging: INFO without data trace, 14/30 days, 500/1000, logs not retained", async () => {
            await build({ environment: Environment.Staging });
            assert.deepStrictEqual(runtime.one(T.methodSettings, "orders-method-settings").inputs.settings, {
                loggingLevel: "INFO",
                dataTraceEnabled: false,
                metricsEnabled: true,
                throttlingRateLimit: 500,
                throttlingBurstLimit: 1000,
                cachingEnabled: false,
            });
            const exec = runtime.one(T.logGroup, "orders-execution-logs");
            const access = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual([exec.inputs.retentionInDays, access.inputs.retentionInDays], [14, 30]);
            assert.deepStrictEqual([exec.retainOnDelete, access.retainOnDelete], [false, false]);
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.xrayTracingEnabled, true);
        });

        it("Development: DEBUG becomes INFO plus data trace, 7/7 days, 100/200", async () => {
            await build({ environment: "Development" });
            assert.deepStrictEqual(runtime.one(T.methodSettings, "orders-method-settings").inputs.settings, {
                loggingLevel: "INFO",
                dataTraceEnabled: true,
                metricsEnabled: true,
                throttlingRateLimit: 100,
                throttlingBurstLimit: 200,
                cachingEnabled: false,
            });
            const exec = runtime.one(T.logGroup, "orders-execution-logs");
            const access = runtime.one(T.logGroup, "orders-access-logs");
            assert.deepStrictEqual([exec.inputs.retentionInDays, access.inputs.retentionInDays], [7, 7]);
            assert.deepStrictEqual([exec.retainOnDelete, access.retainOnDelete], [false, false]);
            assert.strictEqual(runtime.one(T.component, "orders").inputs.executionLogging.level, "DEBUG");
        });
    });

    describe("explicit args", () => {
        it("win over the preset: level, retention, KMS, format, limits, metrics, tracing off, protectLogs", async () => {
            const kms = `arn:aws:kms:us-east-1:${MOCK_ACCOUNT_ID}:key/1111-2222`;
            await build({
                environment: Environment.Development,
                stageName: "live",
                executionLogging: { level: ExecutionLogLevel.Off, retentionInDays: 60, kmsKeyArn: kms },
                accessLogging: { format: AccessLogFormat.Clf, retentionInDays: 365, kmsKeyArn: kms },
                tracing: { enabled: false },
                throttling: { rateLimit: 25, burstLimit: 50 },
                metricsEnabled: false,
                protectLogs: true,
            });
            const id = runtime.one(T.restApi, "orders-api").id;
            assert.deepStrictEqual(runtime.one(T.logGroup, "orders-execution-logs").inputs, {
                name: `API-Gateway-Execution-Logs_${id}/live`,
                retentionInDays: 60,
                kmsKeyId: kms,
            });
            assert.deepStrictEqual(runtime.one(T.logGroup, "orders-access-logs").inputs, {
                name: `/aws/apigateway/orders/${id}/live`,
                retentionInDays: 365,
                kmsKeyId: kms,
            });
            assert.strictEqual(runtime.one(T.logGroup, "orders-access-logs").retainOnDelete, true);
            const stage = runtime.one(T.stage, "orders-stage").inputs;
            assert.deepStrictEqual(
                [stage.accessLogSettings.format, stage.xrayTracingEnabled, stage.stageName],
                [CLF_ACCESS_LOG_FORMAT, false, "live"],
            );
            assert.deepStrictEqual(runtime.one(T.methodSettings, "orders-method-settings").inputs.settings, {
                loggingLevel: "OFF",
                dataTraceEnabled: false,
                metricsEnabled: false,
                throttlingRateLimit: 25,
                throttlingBurstLimit: 50,
                cachingEnabled: false,
            });
        });

        it("a plain string gives exactly what the enum member gives", async () => {
            await build({
                environment: "Staging",
                executionLogging: { level: "DEBUG" },
                accessLogging: { format: "Clf" },
            });
            const fromStrings = runtime.resources.map((r) => [r.type, r.name, r.inputs]);
            runtime.reset();
            await build({
                environment: Environment.Staging,
                executionLogging: { level: ExecutionLogLevel.Debug },
                accessLogging: { format: AccessLogFormat.Clf },
            });
            assert.deepStrictEqual(
                runtime.resources.map((r) => [r.type, r.name, r.inputs]),
                fromStrings,
            );
        });

        it("a custom access-log format goes to the Stage as written, and the settings say customFormat", async () => {
            const customFormat = '{"id":"$context.requestId","s":$context.status}';
            await build({ accessLogging: { customFormat } });
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.accessLogSettings.format, customFormat);
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.accessLogging, {
                customFormat,
                retentionInDays: 90,
            });
        });

        it("a YAML document gives the same body and name as its JSON", async () => {
            const yaml = [
                "openapi: 3.0.1",
                "info:",
                "  version: 1.0.0",
                "  title: orders",
                "paths:",
                "  /orders:",
                "    get:",
                "      x-amazon-apigateway-integration: {type: mock}",
            ].join("\n");
            await build({ openApiSpec: yaml });
            assert.deepStrictEqual(runtime.one(T.restApi, "orders-api").inputs, {
                name: "orders",
                body: CANONICAL_SPEC,
            });
        });

        it("tags every taggable child", async () => {
            await build({ tags: TAGS, tracing: { samplingRate: 0.1 }, accountCloudWatchRole: "Create" });
            for (const [type, name] of [
                [T.restApi, "orders-api"],
                [T.stage, "orders-stage"],
                [T.logGroup, "orders-access-logs"],
                [T.logGroup, "orders-execution-logs"],
                [T.samplingRule, "orders-sampling-rule"],
                [T.role, "orders-cloudwatch-role"],
            ]) {
                assert.deepStrictEqual(runtime.one(type, name).inputs.tags, TAGS, name);
            }
            assert.ok(!("tags" in runtime.one(T.component, "orders").inputs));
        });
    });

    describe("method overrides", () => {
        it("each becomes a MethodSettings keyed by the JSON-pointer methodPath API Gateway applies", async () => {
            const api = await build({
                openApiSpec: ROUTES,
                methodOverrides: [
                    { path: "/", method: "GET" },
                    { path: "/hello", method: "get" },
                    { path: "/orders/items", method: "GET" },
                    { path: "/orders/{id}", method: "GET" },
                    { path: "/orders", method: "*" },
                    { path: "/orders", method: "ANY" },
                    { path: "/files/~backup", method: "GET" },
                ],
            });
            assert.strictEqual(api.methodOverrides.length, 7);
            assert.deepStrictEqual(
                runtime
                    .ofType(T.methodSettings)
                    .map((r) => [r.name, r.inputs.methodPath])
                    .sort(),
                [
                    ["orders-method-settings", "*/*"],
                    ["orders-override-files-backup-get", "~1files~1~0backup/GET"],
                    ["orders-override-hello-get", "~1hello/GET"],
                    ["orders-override-orders-all", "~1orders/*"],
                    ["orders-override-orders-any", "~1orders/ANY"],
                    ["orders-override-orders-id-get", "~1orders~1{id}/GET"],
                    ["orders-override-orders-items-get", "~1orders~1items/GET"],
                    ["orders-override-root-get", "~1/GET"],
                ],
            );
            assert.deepStrictEqual(
                runtime
                    .one(T.component, "orders")
                    .inputs.methodOverrides.map((o: { methodPath: string }) => o.methodPath),
                [
                    "~1/GET",
                    "~1hello/GET",
                    "~1orders~1items/GET",
                    "~1orders~1{id}/GET",
                    "~1orders/*",
                    "~1orders/ANY",
                    "~1files~1~0backup/GET",
                ],
            );
        });

        it("inherit from the stage what they do not set, and wait for the stage-wide entry", async () => {
            const warnings = await withWarnings(() =>
                build({
                    openApiSpec: ROUTES,
                    throttling: { rateLimit: 300, burstLimit: 600 },
                    methodOverrides: [
                        { path: "/orders/{id}", method: "get", throttling: { rateLimit: 10, burstLimit: 20 } },
                        { path: "/orders", method: "POST", loggingLevel: "DEBUG" },
                        { path: "/orders", method: "*", throttling: { burstLimit: 7 } },
                    ],
                }),
            );
            assert.deepStrictEqual(warnings, [
                `${P}methodOverrides[1].loggingLevel is DEBUG in Production: full request and response data, which may hold credentials and personal data, will be written to CloudWatch Logs; the policy pack's apigateway-no-debug-logging-in-production blocks the deployment of an API declared Production`,
            ]);
            const restApiId = runtime.one(T.restApi, "orders-api").id;
            const stage = runtime.one(T.stage, "orders-stage");
            const stageWide = runtime.one(T.methodSettings, "orders-method-settings");
            const o = (name: string) => runtime.one(T.methodSettings, name);
            assert.deepStrictEqual(o("orders-override-orders-id-get").inputs, {
                restApi: restApiId,
                stageName: "prod",
                methodPath: "~1orders~1{id}/GET",
                settings: {
                    loggingLevel: "ERROR",
                    dataTraceEnabled: false,
                    metricsEnabled: true,
                    throttlingRateLimit: 10,
                    throttlingBurstLimit: 20,
                    cachingEnabled: false,
                },
            });
            assert.deepStrictEqual(o("orders-override-orders-post").inputs.settings, {
                loggingLevel: "INFO",
                dataTraceEnabled: true,
                metricsEnabled: true,
                throttlingRateLimit: 300,
                throttlingBurstLimit: 600,
                cachingEnabled: false,
            });
            assert.deepStrictEqual(
                [
                    o("orders-override-orders-all").inputs.settings.throttlingRateLimit,
                    o("orders-override-orders-all").inputs.settings.throttlingBurstLimit,
                ],
                [300, 7],
            );
            for (const name of [
                "orders-override-orders-id-get",
                "orders-override-orders-post",
                "orders-override-orders-all",
            ]) {
                assert.deepStrictEqual(o(name).propertyDependencies.stageName, [stage.urn]);
                assert.ok(o(name).dependencies.includes(stageWide.urn), name);
            }
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.methodOverrides[0], {
                path: "/orders/{id}",
                method: "GET",
                methodPath: "~1orders~1{id}/GET",
                throttling: { rateLimit: 10, burstLimit: 20 },
                loggingLevel: "ERROR",
                cachingEnabled: false,
            });
        });

        it("with a caller's restApi, any well-formed path is taken as given", async () => {
            const restApi = new aws.apigateway.RestApi("mine", { name: "mine" });
            await build({
                openApiSpec: undefined,
                restApi,
                methodOverrides: [{ path: "/not/in/any/document", method: "PUT" }],
            });
            assert.strictEqual(
                runtime.one(T.methodSettings, "orders-override-not-in-any-document-put").inputs.methodPath,
                "~1not~1in~1any~1document/PUT",
            );
        });
    });

    describe("caching", () => {
        it("is off by default and, when on, encrypted with the stage's size and ttl", async () => {
            await build({
                caching: { enabled: true, sizeGb: 1.6, ttlSeconds: 60 },
                methodOverrides: [{ path: "/orders", method: "GET", cachingEnabled: false }],
            });
            const stage = runtime.one(T.stage, "orders-stage").inputs;
            assert.deepStrictEqual([stage.cacheClusterEnabled, stage.cacheClusterSize], [true, "1.6"]);
            const settings = runtime.one(T.methodSettings, "orders-method-settings").inputs.settings;
            assert.deepStrictEqual(
                [settings.cachingEnabled, settings.cacheTtlInSeconds, settings.cacheDataEncrypted],
                [true, 60, true],
            );
            const override = runtime.one(T.methodSettings, "orders-override-orders-get").inputs.settings;
            assert.strictEqual(override.cachingEnabled, false);
            assert.ok(!("cacheDataEncrypted" in override) && !("cacheTtlInSeconds" in override));
        });

        it("stores data unencrypted only when explicitly told to", async () => {
            await build({ caching: { enabled: true, encrypted: false } });
            const settings = runtime.one(T.methodSettings, "orders-method-settings").inputs.settings;
            assert.deepStrictEqual(
                [settings.cachingEnabled, settings.cacheTtlInSeconds, settings.cacheDataEncrypted],
                [true, 300, false],
            );
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.cacheClusterSize, "0.5");
        });
    });

    describe("tracing", () => {
        it("adds no sampling rule without a rate", async () => {
            const api = await build({});
            assert.strictEqual(api.samplingRule, undefined);
            assert.deepStrictEqual(names(T.samplingRule), []);
        });

        it("adds a sampling rule scoped to this stage when a rate is given", async () => {
            await build({ tracing: { samplingRate: 0.05 } });
            const stage = runtime.one(T.stage, "orders-stage");
            const rule = runtime.one(T.samplingRule, "orders-sampling-rule");
            const stageArn = `arn:aws:apigateway:us-east-1::/restapis/${stage.inputs.restApi}/stages/prod`;
            assert.deepStrictEqual(rule.inputs, {
                ruleName: `orders-${sha256(stageArn).slice(0, 12)}`,
                resourceArn: stageArn,
                serviceType: "AWS::ApiGateway::Stage",
                serviceName: "*",
                host: "*",
                httpMethod: "*",
                urlPath: "*",
                priority: 1000,
                reservoirSize: 1,
                fixedRate: 0.05,
                version: 1,
            });
            assert.ok(rule.inputs.ruleName.length <= 32);
        });
    });

    describe("account CloudWatch role", () => {
        it("None: touches nothing account-wide", async () => {
            const api = await build({});
            assert.deepStrictEqual([names(T.role), names(T.account)], [[], []]);
            assert.deepStrictEqual([api.account, api.cloudWatchRole], [undefined, undefined]);
        });

        it("Create: a role with AmazonAPIGatewayPushToCloudWatchLogs, set on the account before the Stage", async () => {
            await build({ accountCloudWatchRole: AccountCloudWatchRole.Create });
            const role = runtime.one(T.role, "orders-cloudwatch-role");
            assert.deepStrictEqual(role.inputs, {
                description:
                    "Lets API Gateway write execution and access logs to CloudWatch Logs for this account and region",
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "apigateway.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
            });
            const attachment = runtime.one(T.attachment, "orders-cloudwatch-policy");
            assert.deepStrictEqual(attachment.inputs, {
                role: "orders-cloudwatch-role",
                policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
            });
            const account = runtime.one(T.account, "orders-account");
            assert.deepStrictEqual(account.inputs, {
                cloudwatchRoleArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/orders-cloudwatch-role`,
            });
            assert.ok(account.dependencies.includes(attachment.urn));
            assert.ok(runtime.one(T.stage, "orders-stage").dependencies.includes(account.urn));
            // Other APIs in the region log through this role: destroying the stack leaves all three in place.
            assert.deepStrictEqual(
                [role.retainOnDelete, attachment.retainOnDelete, account.retainOnDelete],
                [true, true, true],
            );
        });

        it("Create: the managed policy ARN follows the partition (aws-cn, aws-us-gov)", async () => {
            const arns: string[] = [];
            for (const region of ["cn-north-1", "us-gov-west-1"]) {
                runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": region } });
                await build({ accountCloudWatchRole: "Create" });
                arns.push(runtime.one(T.attachment, "orders-cloudwatch-policy").inputs.policyArn);
            }
            assert.deepStrictEqual(arns, [
                "arn:aws-cn:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
                "arn:aws-us-gov:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
            ]);
        });

        it("Existing: sets the given ARN and creates no role", async () => {
            const arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/shared-apigw-logs`;
            await build({ accountCloudWatchRole: "Existing", cloudWatchRoleArn: arn });
            assert.deepStrictEqual(names(T.role), []);
            const account = runtime.one(T.account, "orders-account");
            assert.deepStrictEqual(account.inputs, { cloudwatchRoleArn: arn });
            assert.strictEqual(account.retainOnDelete, true);
            assert.ok(runtime.one(T.stage, "orders-stage").dependencies.includes(account.urn));
            assert.strictEqual(runtime.one(T.component, "orders").inputs.cloudWatchRoleArn, arn);
        });
    });

    describe("redeployment", () => {
        it("a spec change changes the trigger; the Stage keeps its URN and name", async () => {
            await build({});
            const before = {
                trigger: runtime.one(T.deployment, "orders-deployment").inputs.triggers.redeployment,
                stage: runtime.one(T.stage, "orders-stage"),
            };
            runtime.reset();
            const changed = { ...DOCUMENT, paths: { ...DOCUMENT.paths, "/health": { get: {} } } };
            await build({ openApiSpec: JSON.stringify(changed) });
            const after = {
                trigger: runtime.one(T.deployment, "orders-deployment").inputs.triggers.redeployment,
                stage: runtime.one(T.stage, "orders-stage"),
            };
            assert.notStrictEqual(after.trigger, before.trigger);
            assert.strictEqual(
                after.trigger,
                sha256(
                    JSON.stringify({
                        ...JSON.parse(CANONICAL_SPEC),
                        paths: { "/health": { get: {} }, "/orders": DOCUMENT.paths["/orders"] },
                    }),
                ),
            );
            assert.strictEqual(after.stage.urn, before.stage.urn);
            assert.strictEqual(after.stage.inputs.stageName, before.stage.inputs.stageName);
        });

        it("key order does not change the trigger", async () => {
            await build({
                openApiSpec: JSON.stringify({ paths: DOCUMENT.paths, info: DOCUMENT.info, openapi: "3.0.1" }),
            });
            assert.strictEqual(
                runtime.one(T.deployment, "orders-deployment").inputs.triggers.redeployment,
                sha256(CANONICAL_SPEC),
            );
        });

        it("with an existing RestApi, hashes redeployTriggers and creates no RestApi", async () => {
            const restApi = new aws.apigateway.RestApi("mine", { name: "mine" });
            const api = await build({ openApiSpec: undefined, restApi, redeployTriggers: ["m1", pulumi.output("i1")] });
            assert.strictEqual(api.restApi, restApi);
            assert.deepStrictEqual(names(T.restApi), ["mine"]);
            const deployment = runtime.one(T.deployment, "orders-deployment");
            assert.deepStrictEqual(deployment.inputs.triggers, { redeployment: sha256(JSON.stringify(["m1", "i1"])) });
            assert.strictEqual(deployment.inputs.restApi, runtime.one(T.restApi, "mine").id);
            assert.strictEqual(runtime.one(T.component, "orders").inputs.apiSource, "restApi");
        });
    });

    describe("preview", () => {
        it("registers the same children with unknown ids, and MethodSettings point at the RestApi and Stage", async () => {
            runtime.configure({ stack: TEST_STACK, preview: true });
            const api = new ObservableRestApi("orders", {
                openApiSpec: SPEC,
                tracing: { samplingRate: 0.1 },
                methodOverrides: [{ path: "/orders", method: "GET" }],
                monitoring: NO_MONITORING,
            });
            await Promise.all(
                [api.methodSettings, ...api.methodOverrides, api.samplingRule!].map((r) => valueOf(r.urn)),
            );
            await settle();
            assert.deepStrictEqual(names(T.methodSettings).sort(), [
                "orders-method-settings",
                "orders-override-orders-get",
            ]);
            assert.deepStrictEqual(names(T.samplingRule), ["orders-sampling-rule"]);
            const restApi = runtime.one(T.restApi, "orders-api");
            const stage = runtime.one(T.stage, "orders-stage");
            assert.strictEqual(restApi.id, undefined);
            // The stack policy correlates MethodSettings with their Stage through these when ids are unknown.
            for (const ms of runtime.ofType(T.methodSettings)) {
                assert.deepStrictEqual(ms.propertyDependencies.restApi, [restApi.urn]);
                assert.deepStrictEqual(ms.propertyDependencies.stageName, [stage.urn]);
                assert.strictEqual(ms.inputs.settings.throttlingRateLimit, 1000);
            }
            assert.strictEqual(
                runtime.one(T.methodSettings, "orders-override-orders-get").inputs.methodPath,
                "~1orders/GET",
            );
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.throttling, {
                rateLimit: 1000,
                burstLimit: 2000,
            });
        });
    });

    describe("bad input given as plain values: the exact message, and nothing registered, not even the component", () => {
        const twoPaths = JSON.stringify({
            openapi: "3.0.1",
            info: { title: "orders", version: "1" },
            paths: { "/orders": { get: {} }, "/orders/{id}": { get: {} } },
        });
        const cases: [string, Record<string, unknown>, string][] = [
            [
                "a burst that is not a positive integer",
                { throttling: { burstLimit: -1 } },
                `${P}throttling.burstLimit must be a positive integer, got -1`,
            ],
            [
                "an override path openApiSpec does not define",
                {
                    openApiSpec: twoPaths,
                    methodOverrides: [
                        { path: "/orders", method: "GET" },
                        { path: "/order", method: "GET" },
                    ],
                },
                `${P}methodOverrides[1] is GET /order, which openApiSpec does not define; known paths: /orders, /orders/{id}`,
            ],
            [
                "an override method that is not an operation of its path",
                { openApiSpec: twoPaths, methodOverrides: [{ path: "/orders/{id}", method: "ANY" }] },
                `${P}methodOverrides[0] is ANY /orders/{id}, which openApiSpec does not define; /orders/{id} defines GET`,
            ],
            [
                "a document without info.title",
                { openApiSpec: JSON.stringify({ openapi: "3.0.1", paths: {} }) },
                `${P}openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got undefined`,
            ],
            [
                "both a format preset and a customFormat",
                { accessLogging: { format: "Json", customFormat: "$context.requestId" } },
                `${P}accessLogging.format and accessLogging.customFormat exclude each other: use the "Json" preset or your own format, got both`,
            ],
            [
                "an Output where a plain value decides the children",
                { environment: pulumi.output("Production") },
                `${P}environment ${PLAIN}`,
            ],
            [
                "an Output for an override's path",
                { methodOverrides: [{ path: pulumi.output("/orders"), method: "GET" }] },
                `${P}methodOverrides[0].path ${PLAIN}`,
            ],
            [
                "an Output for a monitoring switch",
                { monitoring: { alarms: pulumi.output(true) } },
                `${P}monitoring.alarms ${PLAIN}`,
            ],
            [
                "a monitoring threshold",
                { monitoring: { thresholds: { latencyP99Ms: 0 } } },
                `${P}monitoring.thresholds.latencyP99Ms must be a positive number below 29000 (the integration timeout), got 0`,
            ],
            [
                "an unknown arg",
                { stage: "prod" },
                `${P}stage is not an arg of ObservableRestApi; allowed: openApiSpec, restApi, redeployTriggers, stageName, environment, executionLogging, accessLogging, tracing, throttling, methodOverrides, metricsEnabled, caching, accountCloudWatchRole, cloudWatchRoleArn, protectLogs, monitoring, tags`,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.throws(
                    () => new ObservableRestApi("orders", { openApiSpec: SPEC, ...args } as ObservableRestApiArgs),
                    (err: Error) => {
                        assert.strictEqual(err.message, message);
                        assert.strictEqual(err.constructor, Error);
                        return true;
                    },
                );
                await settle();
                assert.deepStrictEqual(runtime.resources, []);
            });
        }
    });

    describe("bad input given as Outputs: checked once known, failing as a ResourceError with the same message", () => {
        it("every Output-valued setting fails with its plain message, and nothing is registered", async () => {
            const o = <V>(v: V) => pulumi.output(v);
            const {
                built: api,
                reasons,
                messages,
            } = await collectFailures(
                P,
                () =>
                    new ObservableRestApi("orders", {
                        openApiSpec: SPEC,
                        stageName: o("a b"),
                        executionLogging: {
                            level: o("TRACE" as ExecutionLogLevel),
                            retentionInDays: o(2),
                            kmsKeyArn: o("k"),
                        },
                        accessLogging: { customFormat: o("$context.status"), retentionInDays: o(4) },
                        tracing: { samplingRate: o(2) },
                        throttling: { rateLimit: o(0), burstLimit: o(0.5) },
                        methodOverrides: [
                            {
                                path: "/orders",
                                method: "GET",
                                loggingLevel: o("x" as ExecutionLogLevel),
                                throttling: { rateLimit: o(-1) },
                            },
                        ],
                        metricsEnabled: o("yes" as unknown as boolean),
                        caching: {
                            enabled: true,
                            sizeGb: o(3),
                            ttlSeconds: o(-1),
                            encrypted: o(1 as unknown as boolean),
                        },
                        accountCloudWatchRole: "Existing",
                        cloudWatchRoleArn: o("role"),
                        monitoring: NO_MONITORING,
                    }),
            );
            const retention = CLOUDWATCH_RETENTION_DAYS.join(", ");
            assert.deepStrictEqual(
                messages,
                [
                    `${P}accessLogging.customFormat must be a single-line format that contains $context.requestId or $context.extendedRequestId, got "$context.status"`,
                    `${P}accessLogging.retentionInDays must be one of CloudWatch's retention periods (${retention}), got 4`,
                    `${P}caching.encrypted must be true or false, got 1`,
                    `${P}caching.sizeGb must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237, got 3`,
                    `${P}caching.ttlSeconds must be an integer from 0 to 3600, got -1`,
                    `${P}cloudWatchRoleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got "role"`,
                    `${P}executionLogging.kmsKeyArn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "k"`,
                    `${P}executionLogging.level must be one of "OFF", "ERROR", "INFO", "DEBUG", got "TRACE"`,
                    `${P}executionLogging.retentionInDays must be one of CloudWatch's retention periods (${retention}), got 2`,
                    `${P}methodOverrides[0].loggingLevel must be one of "OFF", "ERROR", "INFO", "DEBUG", got "x"`,
                    `${P}methodOverrides[0].throttling.rateLimit must be a positive number, got -1`,
                    `${P}metricsEnabled must be true or false, got "yes"`,
                    `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got "a b"`,
                    `${P}throttling.burstLimit must be a positive integer, got 0.5`,
                    `${P}throttling.rateLimit must be a positive number, got 0`,
                    `${P}tracing.samplingRate must be a number in [0, 1], got 2`,
                ].sort(),
            );
            assert.ok(reasons.length >= messages.length);
            assert.ok(
                reasons.every((r) => r instanceof pulumi.ResourceError),
                "every failure is a ResourceError",
            );
            // The registered settings carry the failed values, so the component's own registration fails, and with
            // it every child: nothing reaches the engine.
            assert.ok(api instanceof ObservableRestApi);
            assert.deepStrictEqual(runtime.resources, []);
        });

        it("an Output document is checked against the overrides once it resolves, with the plain message", async () => {
            const doc = JSON.stringify({
                openapi: "3.0.1",
                info: { title: "orders" },
                paths: { "/orders": { get: {} } },
            });
            const { reasons, messages } = await collectFailures(
                P,
                () =>
                    new ObservableRestApi("orders", {
                        openApiSpec: pulumi.output(doc),
                        methodOverrides: [{ path: "/order", method: "GET" }],
                        monitoring: NO_MONITORING,
                    }),
            );
            assert.deepStrictEqual(messages, [
                `${P}methodOverrides[0] is GET /order, which openApiSpec does not define; known paths: /orders`,
            ]);
            assert.ok(reasons.every((r) => r instanceof pulumi.ResourceError));
            // Every child reads the API's id, so only the component reached the engine.
            assert.deepStrictEqual(
                runtime.resources.map((r) => `${r.type} ${r.name}`),
                [`${T.component} orders`],
            );
        });

        it("an Output document without info.title fails the same way", async () => {
            const { built, reasons, messages } = await collectFailures(
                P,
                () =>
                    new ObservableRestApi("orders", {
                        openApiSpec: pulumi.output(JSON.stringify({ openapi: "3.0.1", paths: {} })),
                        monitoring: NO_MONITORING,
                    }),
            );
            assert.deepStrictEqual(messages, [
                `${P}openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got undefined`,
            ]);
            assert.ok(allResourceErrorsOn(reasons, built), "reported on the component");
            assert.deepStrictEqual(
                runtime.resources.map((r) => `${r.type} ${r.name}`),
                [`${T.component} orders`],
            );
        });
    });

    describe("warnings", () => {
        const debugWarning = (arg: string) =>
            `${P}${arg} is DEBUG in Production: full request and response data, which may hold credentials and personal ` +
            "data, will be written to CloudWatch Logs; the policy pack's apigateway-no-debug-logging-in-production " +
            "blocks the deployment of an API declared Production";
        const rateWarning = (arg: string, rate: number) =>
            `${P}${arg} is ${rate} rps, above the 10000 rps account quota; the account limit applies first unless AWS ` +
            "has raised it";

        it("Production with DEBUG is allowed, with a warning, also when the level is an Output", async () => {
            const warnings = await withWarnings(() =>
                build({ executionLogging: { level: pulumi.output("DEBUG" as const) } }),
            );
            assert.deepStrictEqual(warnings, [debugWarning("executionLogging.level")]);
            assert.strictEqual(
                runtime.one(T.methodSettings, "orders-method-settings").inputs.settings.dataTraceEnabled,
                true,
            );
        });

        it("rates above the 10,000 rps account quota warn, not fail, stage-wide and per override", async () => {
            const warnings = await withWarnings(() =>
                build({
                    throttling: { rateLimit: 12000, burstLimit: 5000 },
                    methodOverrides: [{ path: "/orders", method: "GET", throttling: { rateLimit: 10001 } }],
                }),
            );
            assert.deepStrictEqual(warnings.sort(), [
                rateWarning("methodOverrides[0].throttling.rateLimit", 10001),
                rateWarning("throttling.rateLimit", 12000),
            ]);
        });

        it("an override at DEBUG in Production warns and names the override", async () => {
            const warnings = await withWarnings(() =>
                build({ methodOverrides: [{ path: "/orders", method: "GET", loggingLevel: "DEBUG" }] }),
            );
            assert.deepStrictEqual(warnings, [debugWarning("methodOverrides[0].loggingLevel")]);
        });

        it("Development with DEBUG and normal limits warns about nothing", async () => {
            assert.deepStrictEqual(await withWarnings(() => build({ environment: "Development" })), []);
        });
    });
});
