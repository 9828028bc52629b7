import * as assert from "assert";
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AccessLogFormat,
    AccountCloudWatchRole,
    Environment,
    ExecutionLogLevel,
    JSON_ACCESS_LOG_FORMAT,
    CLF_ACCESS_LOG_FORMAT,
    ObservableRestApi,
    type ObservableRestApiArgs,
} from "../../components";
import { MOCK_ACCOUNT_ID } from "../../tools/lib/mockRuntime";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";

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

const SPEC = {
    openapi: "3.0.1",
    info: { title: "orders", version: "1.0.0" },
    paths: { "/orders": { get: { "x-amazon-apigateway-integration": { type: "mock" } } } },
};
// Keys sorted at every level: the body API Gateway receives, and what the trigger hashes.
const CANONICAL_SPEC =
    '{"info":{"title":"orders","version":"1.0.0"},"openapi":"3.0.1","paths":{"/orders":{"get":{"x-amazon-apigateway-integration":{"type":"mock"}}}}}';
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const NO_MONITORING = { dashboard: false, alarms: false, queries: false };
const TAGS = { team: "payments", costCenter: "42" };

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
        ...(api.monitoring.dashboard ? [api.monitoring.dashboard] : []),
        ...api.monitoring.alarms,
        ...api.monitoring.metricFilters,
        ...api.monitoring.queries,
    ];
    await Promise.all(children.map((c) => valueOf(c.urn)));
    await settle();
    return api;
}

const names = (type: string) => runtime.ofType(type).map((r) => r.name);

describe("components/observableRestApi", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

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

        it("passes its effective settings, with presets applied, as its own inputs", async () => {
            await build({});
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs, {
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
                monitoring: { dashboard: false, alarms: false, queries: false },
            });
        });

        it("creates the RestApi from the canonical OpenAPI body", async () => {
            await build({ tags: TAGS });
            assert.deepStrictEqual(runtime.one(T.restApi, "orders-api").inputs, { body: CANONICAL_SPEC, tags: TAGS });
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
            assert.ok(!stage.inputs.accessLogSettings.destinationArn.endsWith(":*"));
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

    describe("environment presets", () => {
        it("Staging: INFO without data trace, 14/30 days, 500/1000, logs not retained", async () => {
            await build({ environment: Environment.Staging });
            const ms = runtime.one(T.methodSettings, "orders-method-settings").inputs.settings;
            assert.deepStrictEqual(ms, {
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
            const ms = runtime.one(T.methodSettings, "orders-method-settings").inputs.settings;
            assert.deepStrictEqual(ms, {
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
            assert.strictEqual(stage.accessLogSettings.format, CLF_ACCESS_LOG_FORMAT);
            assert.strictEqual(stage.xrayTracingEnabled, false);
            assert.strictEqual(stage.stageName, "live");
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

        it("a custom access-log format goes to the Stage as written", async () => {
            const format = '{"id":"$context.requestId","s":$context.status}';
            await build({ accessLogging: { format } });
            assert.strictEqual(runtime.one(T.stage, "orders-stage").inputs.accessLogSettings.format, format);
            assert.strictEqual(runtime.one(T.component, "orders").inputs.accessLogging.format, format);
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
        it("each becomes its own MethodSettings at {path}/{METHOD}, inheriting what it does not set", async () => {
            const api = await build({
                throttling: { rateLimit: 300, burstLimit: 600 },
                methodOverrides: [
                    { path: "/orders/{id}", method: "get", throttling: { rateLimit: 10, burstLimit: 20 } },
                    { path: "/orders", method: "POST", loggingLevel: "DEBUG" },
                    { path: "/orders", method: "*", throttling: { burstLimit: 7 } },
                ],
            });
            assert.strictEqual(api.methodOverrides.length, 3);
            assert.deepStrictEqual(names(T.methodSettings), [
                "orders-method-settings",
                "orders-override-orders-id-get",
                "orders-override-orders-post",
                "orders-override-orders-any",
            ]);
            const restApiId = runtime.one(T.restApi, "orders-api").id;
            const stage = runtime.one(T.stage, "orders-stage");
            const stageWide = runtime.one(T.methodSettings, "orders-method-settings");
            const o = (name: string) => runtime.one(T.methodSettings, name);
            assert.deepStrictEqual(o("orders-override-orders-id-get").inputs, {
                restApi: restApiId,
                stageName: "prod",
                methodPath: "orders/{id}/GET",
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
            assert.strictEqual(o("orders-override-orders-post").inputs.methodPath, "orders/POST");
            assert.deepStrictEqual(o("orders-override-orders-any").inputs.methodPath, "orders/*");
            assert.deepStrictEqual(
                [
                    o("orders-override-orders-any").inputs.settings.throttlingRateLimit,
                    o("orders-override-orders-any").inputs.settings.throttlingBurstLimit,
                ],
                [300, 7],
            );
            for (const name of ["orders-override-orders-id-get", "orders-override-orders-post"]) {
                assert.deepStrictEqual(o(name).propertyDependencies.stageName, [stage.urn]);
                assert.ok(o(name).dependencies.includes(stageWide.urn));
            }
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.methodOverrides[0], {
                path: "/orders/{id}",
                method: "GET",
                methodPath: "orders/{id}/GET",
                throttling: { rateLimit: 10, burstLimit: 20 },
                loggingLevel: "ERROR",
                cachingEnabled: false,
            });
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
            assert.ok(!("cacheDataEncrypted" in override));
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
            assert.strictEqual(api.account, undefined);
            assert.strictEqual(api.cloudWatchRole, undefined);
        });

        it("Create: a role with AmazonAPIGatewayPushToCloudWatchLogs, set on the account before the Stage", async () => {
            await build({ accountCloudWatchRole: AccountCloudWatchRole.Create });
            const role = runtime.one(T.role, "orders-cloudwatch-role");
            assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "apigateway.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
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
            const changed = { ...SPEC, paths: { ...SPEC.paths, "/health": { get: {} } } };
            await build({ openApiSpec: changed });
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
                        paths: { "/health": { get: {} }, "/orders": SPEC.paths["/orders"] },
                    }),
                ),
            );
            assert.strictEqual(after.stage.urn, before.stage.urn);
            assert.strictEqual(after.stage.inputs.stageName, before.stage.inputs.stageName);
        });

        it("key order and a JSON string give the same trigger as the object", async () => {
            await build({ openApiSpec: JSON.stringify({ paths: SPEC.paths, info: SPEC.info, openapi: "3.0.1" }) });
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
            assert.deepStrictEqual(names(T.methodSettings), ["orders-method-settings", "orders-override-orders-get"]);
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
            assert.deepStrictEqual(runtime.one(T.component, "orders").inputs.throttling, {
                rateLimit: 1000,
                burstLimit: 2000,
            });
        });
    });

    describe("bad input", () => {
        it("throws the exact message and registers nothing at all", async () => {
            assert.throws(
                () => new ObservableRestApi("orders", { openApiSpec: SPEC, throttling: { burstLimit: -1 } }),
                {
                    message: 'ObservableRestApi "orders": throttling.burstLimit must be a positive integer, got -1',
                },
            );
            await settle();
            assert.deepStrictEqual(runtime.resources, []);
        });

        it("an Output-valued arg fails inside apply with the same message, as a ResourceError", async () => {
            // The failing apply rejects the registration of the child that uses it; the runtime reports those
            // rejections as unhandled, so collect them here instead of letting mocha fail an unrelated test.
            const saved = process.listeners("unhandledRejection");
            process.removeAllListeners("unhandledRejection");
            const unhandled: unknown[] = [];
            process.on("unhandledRejection", (reason) => unhandled.push(reason));
            try {
                const api = new ObservableRestApi("orders", {
                    openApiSpec: SPEC,
                    tracing: { samplingRate: pulumi.output(1.5) },
                    monitoring: NO_MONITORING,
                });
                await assert.rejects((api.samplingRule!.urn as any).promise(), (err: Error) => {
                    assert.ok(
                        err.message.endsWith(
                            'ObservableRestApi "orders": tracing.samplingRate must be a number in [0, 1], got 1.5',
                        ),
                        err.message,
                    );
                    return true;
                });
                await valueOf(api.methodSettings.urn);
                await settle();
                await new Promise((resolve) => setImmediate(resolve));
                // The runtime re-reports the check's ResourceError once per consumer, prefixed with the property path.
                const expected = 'ObservableRestApi "orders": tracing.samplingRate must be a number in [0, 1], got 1.5';
                assert.ok(unhandled.length > 0);
                assert.ok(unhandled.every((r) => (r as Error).message.endsWith(expected)));
                assert.ok(unhandled.every((r) => r instanceof pulumi.ResourceError));
                assert.deepStrictEqual(names(T.samplingRule), []);
            } finally {
                process.removeAllListeners("unhandledRejection");
                saved.forEach((l) => process.on("unhandledRejection", l));
            }
        });
    });

    describe("warnings", () => {
        let warnings: string[];
        let original: typeof pulumi.log.warn;
        beforeEach(() => {
            warnings = [];
            original = pulumi.log.warn;
            (pulumi.log as any).warn = (msg: string) => {
                warnings.push(msg);
                return Promise.resolve();
            };
        });
        afterEach(() => {
            (pulumi.log as any).warn = original;
        });

        it("Production with DEBUG is allowed, with a warning", async () => {
            await build({ executionLogging: { level: "DEBUG" } });
            assert.deepStrictEqual(warnings, [
                'ObservableRestApi "orders": executionLogging.level is DEBUG in Production: full request and response data, which may hold credentials and personal data, will be written to CloudWatch Logs; the policy pack apigateway-no-debug-logging-in-production blocks this',
            ]);
            assert.deepStrictEqual(
                runtime.one(T.methodSettings, "orders-method-settings").inputs.settings.dataTraceEnabled,
                true,
            );
        });

        it("a rate above the 10,000 rps account default warns, not fails", async () => {
            await build({ throttling: { rateLimit: 12000, burstLimit: 5000 } });
            assert.deepStrictEqual(warnings, [
                'ObservableRestApi "orders": throttling.rateLimit is 12000 rps, above the 10000 rps account default; the account limit applies first unless AWS has raised it',
            ]);
        });

        it("an override at DEBUG in Production warns and names the override", async () => {
            await build({ methodOverrides: [{ path: "/orders", method: "GET", loggingLevel: "DEBUG" }] });
            assert.deepStrictEqual(warnings, [
                'ObservableRestApi "orders": methodOverrides[0].loggingLevel is DEBUG in Production: full request and response data, which may hold credentials and personal data, will be written to CloudWatch Logs; the policy pack apigateway-no-debug-logging-in-production blocks this',
            ]);
        });

        it("Development with DEBUG and normal limits warns about nothing", async () => {
            await build({ environment: "Development" });
            assert.deepStrictEqual(warnings, []);
        });
    });
});
