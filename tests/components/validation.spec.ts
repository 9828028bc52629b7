import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ObservableRestApiArgs } from "../../components";
import { AccountCloudWatchRole, ExecutionLogLevel } from "../../components/enums";
import {
    CLOUDWATCH_RETENTION_DAYS,
    accountRateWarning,
    checkedInput,
    checkedSettings,
    isDeferred,
    parseOpenApiSpec,
    productionDebugWarning,
    validateObservableRestApiArgs,
} from "../../components/validation";
import { resolveSettings } from "../../components/presets";
import { runtime, TEST_STACK } from "../mocks";

const SPEC = { openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: { "/orders": {} } };
const BASE: ObservableRestApiArgs = { openApiSpec: SPEC };
const P = 'ObservableRestApi "orders": ';

function rejects(args: Partial<ObservableRestApiArgs> | Record<string, unknown>, message: string): void {
    assert.throws(
        () => validateObservableRestApiArgs("orders", { ...BASE, ...args } as ObservableRestApiArgs),
        (err: Error) => {
            assert.strictEqual(err.message, message);
            return true;
        },
    );
}

describe("components/validation", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("accepts the minimal args and a full set of valid args", () => {
        validateObservableRestApiArgs("orders", BASE);
        validateObservableRestApiArgs("orders", {
            openApiSpec: JSON.stringify(SPEC),
            stageName: "v1_live-2",
            environment: "Staging",
            executionLogging: {
                level: "INFO",
                retentionInDays: 3653,
                kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab",
            },
            accessLogging: { format: "$context.extendedRequestId $context.status", retentionInDays: 1 },
            tracing: { enabled: true, samplingRate: 0 },
            throttling: { rateLimit: 0.5, burstLimit: 1 },
            methodOverrides: [
                { path: "/orders/{id}", method: "get", throttling: { rateLimit: 5 }, loggingLevel: "DEBUG" },
            ],
            metricsEnabled: false,
            caching: { enabled: true, sizeGb: 1.6, ttlSeconds: 3600, encrypted: true },
            accountCloudWatchRole: "Existing",
            cloudWatchRoleArn: "arn:aws:iam::123456789012:role/apigw-cloudwatch",
            protectLogs: false,
            monitoring: { alarms: false },
        });
    });

    describe("one exact message per rule", () => {
        it("both openApiSpec and restApi", () => {
            const restApi = new aws.apigateway.RestApi("existing", {});
            rejects({ restApi }, `${P}exactly one of openApiSpec and restApi must be set, got both`);
        });

        it("neither openApiSpec nor restApi", () => {
            assert.throws(() => validateObservableRestApiArgs("orders", {}), {
                message: `${P}exactly one of openApiSpec and restApi must be set, got neither`,
            });
        });

        it("an unknown execution level, and an unknown override level", () => {
            rejects(
                { executionLogging: { level: "TRACE" as ExecutionLogLevel } },
                `${P}executionLogging.level must be one of "OFF", "ERROR", "INFO", "DEBUG", got "TRACE"`,
            );
            rejects(
                { methodOverrides: [{ path: "/orders", method: "GET", loggingLevel: "debug" as ExecutionLogLevel }] },
                `${P}methodOverrides[0].loggingLevel must be one of "OFF", "ERROR", "INFO", "DEBUG", got "debug"`,
            );
        });

        it("a retention CloudWatch does not accept", () => {
            const list = CLOUDWATCH_RETENTION_DAYS.join(", ");
            assert.strictEqual(
                list,
                "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            );
            rejects(
                { executionLogging: { retentionInDays: 10 } },
                `${P}executionLogging.retentionInDays must be one of CloudWatch's retention periods (${list}), got 10`,
            );
            rejects(
                { accessLogging: { retentionInDays: 0 } },
                `${P}accessLogging.retentionInDays must be one of CloudWatch's retention periods (${list}), got 0`,
            );
        });

        it("a non-positive throttle rate", () => {
            rejects({ throttling: { rateLimit: 0 } }, `${P}throttling.rateLimit must be a positive number, got 0`);
            rejects({ throttling: { rateLimit: -1 } }, `${P}throttling.rateLimit must be a positive number, got -1`);
            rejects(
                { methodOverrides: [{ path: "/orders", method: "POST", throttling: { rateLimit: -5 } }] },
                `${P}methodOverrides[0].throttling.rateLimit must be a positive number, got -5`,
            );
        });

        it("a burst below 1", () => {
            rejects({ throttling: { burstLimit: 0 } }, `${P}throttling.burstLimit must be a positive integer, got 0`);
            rejects({ throttling: { burstLimit: -1 } }, `${P}throttling.burstLimit must be a positive integer, got -1`);
            rejects(
                { throttling: { burstLimit: 2.5 } },
                `${P}throttling.burstLimit must be a positive integer, got 2.5`,
            );
        });

        it("a bad stage name", () => {
            rejects(
                { stageName: "my stage" },
                `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got "my stage"`,
            );
            rejects({ stageName: "" }, `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got ""`);
            const long = "a".repeat(129);
            rejects({ stageName: long }, `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got "${long}"`);
        });

        it("a bad override path", () => {
            const message = (v: string) =>
                `${P}methodOverrides[0].path must be a resource path below the root, such as "/orders/{id}", got ${v}`;
            rejects({ methodOverrides: [{ path: "orders", method: "GET" }] }, message('"orders"'));
            rejects({ methodOverrides: [{ path: "/", method: "GET" }] }, message('"/"'));
            rejects({ methodOverrides: [{ path: "/orders//x", method: "GET" }] }, message('"/orders//x"'));
        });

        it("a bad override method, and a method overridden twice", () => {
            rejects(
                { methodOverrides: [{ path: "/orders", method: "FETCH" }] },
                `${P}methodOverrides[0].method must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*" (any case), got "FETCH"`,
            );
            rejects(
                {
                    methodOverrides: [
                        { path: "/orders", method: "GET" },
                        { path: "/orders", method: "get" },
                    ],
                },
                `${P}methodOverrides[1] must name a method not already overridden, got GET /orders again (see methodOverrides[0])`,
            );
        });

        it("a custom access-log format without a request id", () => {
            rejects(
                { accessLogging: { format: "$context.status $context.identity.sourceIp" } },
                `${P}accessLogging.format must be "Json", "Clf" or a single-line custom format that contains $context.requestId or $context.extendedRequestId, got "$context.status $context.identity.sourceIp"`,
            );
        });

        it("an OpenAPI document that is not JSON, or has no paths", () => {
            rejects(
                { openApiSpec: "openapi: 3.0.1" },
                `${P}openApiSpec must be an OpenAPI document as an object or a JSON string, got a string that is not JSON`,
            );
            rejects(
                { openApiSpec: JSON.stringify({ openapi: "3.0.1" }) },
                `${P}openApiSpec must be an OpenAPI document with a "paths" object, got paths undefined`,
            );
            rejects(
                { openApiSpec: { openapi: "3.0.1", paths: [] } },
                `${P}openApiSpec must be an OpenAPI document with a "paths" object, got paths []`,
            );
            rejects(
                { openApiSpec: "[1]" },
                `${P}openApiSpec must be an OpenAPI document as an object or a JSON string, got [1]`,
            );
        });

        it("Existing without an ARN, and an ARN without Existing", () => {
            rejects(
                { accountCloudWatchRole: AccountCloudWatchRole.Existing },
                `${P}cloudWatchRoleArn must be set when accountCloudWatchRole is "Existing", got undefined`,
            );
            rejects(
                { accountCloudWatchRole: "Create", cloudWatchRoleArn: "arn:aws:iam::123456789012:role/x" },
                `${P}cloudWatchRoleArn must be unset unless accountCloudWatchRole is "Existing", got accountCloudWatchRole "Create"`,
            );
            rejects(
                { accountCloudWatchRole: "Existing", cloudWatchRoleArn: "apigw-role" },
                `${P}cloudWatchRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got "apigw-role"`,
            );
            rejects(
                { accountCloudWatchRole: "Sometimes" as AccountCloudWatchRole },
                `${P}accountCloudWatchRole must be one of "Create", "Existing", "None", got "Sometimes"`,
            );
        });

        it("a sampling rate outside [0, 1]", () => {
            rejects({ tracing: { samplingRate: 1.5 } }, `${P}tracing.samplingRate must be a number in [0, 1], got 1.5`);
            rejects(
                { tracing: { samplingRate: -0.1 } },
                `${P}tracing.samplingRate must be a number in [0, 1], got -0.1`,
            );
            rejects(
                { tracing: { enabled: false, samplingRate: 0.1 } },
                `${P}tracing.samplingRate must be unset while tracing.enabled is false, got a rate`,
            );
        });

        it("an unknown environment", () => {
            rejects(
                { environment: "Prod" as never },
                `${P}environment must be one of "Production", "Staging", "Development", got "Prod"`,
            );
        });

        it("redeployTriggers with openApiSpec", () => {
            rejects(
                { redeployTriggers: ["x"] },
                `${P}redeployTriggers must be unset with openApiSpec (the document's hash already redeploys the stage), got a list`,
            );
        });

        it("a KMS key that is not a key ARN", () => {
            rejects(
                { accessLogging: { kmsKeyArn: "alias/logs" } },
                `${P}accessLogging.kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got "alias/logs"`,
            );
        });

        it("caching: size, ttl, and method caching without a cache", () => {
            rejects(
                { caching: { enabled: true, sizeGb: 2 } },
                `${P}caching.sizeGb must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237, got 2`,
            );
            rejects(
                { caching: { enabled: true, ttlSeconds: 3601 } },
                `${P}caching.ttlSeconds must be an integer from 0 to 3600, got 3601`,
            );
            rejects(
                { methodOverrides: [{ path: "/orders", method: "GET", cachingEnabled: true }] },
                `${P}methodOverrides[0].cachingEnabled must be false or unset while caching.enabled is not true, got true`,
            );
        });

        it("non-boolean switches", () => {
            rejects({ metricsEnabled: "yes" as never }, `${P}metricsEnabled must be true or false, got "yes"`);
            rejects({ protectLogs: 1 as never }, `${P}protectLogs must be true or false, got 1`);
        });

        it("an unknown arg at any level, so a typo never silently keeps the preset", () => {
            rejects(
                { throtling: { rateLimit: 1 } },
                `${P}throtling is not an arg of ObservableRestApi; allowed: openApiSpec, restApi, redeployTriggers, stageName, environment, executionLogging, accessLogging, tracing, throttling, methodOverrides, metricsEnabled, caching, accountCloudWatchRole, cloudWatchRoleArn, protectLogs, monitoring, tags`,
            );
            rejects(
                { tracing: { samplingrate: 0.1 } as never },
                `${P}tracing.samplingrate is not an arg of tracing; allowed: enabled, samplingRate`,
            );
            rejects(
                { methodOverrides: [{ path: "/orders", method: "GET", throttling: { rate: 1 } as never }] },
                `${P}methodOverrides[0].throttling.rate is not an arg of methodOverrides[0].throttling; allowed: rateLimit, burstLimit`,
            );
            rejects({ caching: true as never }, `${P}caching must be an object, got true`);
            rejects({ methodOverrides: [null as never] }, `${P}methodOverrides[0] must be an object, got null`);
        });

        it("a restApi that is not a RestApi resource", () => {
            assert.throws(() => validateObservableRestApiArgs("orders", { restApi: "abc123" as never }), {
                message: `${P}restApi must be an aws.apigateway.RestApi resource, got "abc123"`,
            });
        });

        it("monitoring args, through validateMonitoringArgs", () => {
            rejects(
                { monitoring: { dashboard: "no" as never } },
                `${P}monitoring.dashboard must be true or false, got "no"`,
            );
        });
    });

    describe("Output-valued args", () => {
        it("skips deferred values before super()", () => {
            validateObservableRestApiArgs("orders", {
                openApiSpec: pulumi.output("not json"),
                throttling: { rateLimit: pulumi.output(-1) },
                stageName: Promise.resolve("bad name"),
            });
            assert.strictEqual(isDeferred({ a: [1, { b: pulumi.output(1) }] }), true);
            assert.strictEqual(isDeferred({ a: [1, { b: 2 }] }), false);
        });

        it("checkedInput returns plain values as they are and checks Outputs inside apply", async () => {
            const holder = new pulumi.ComponentResource("test:index:Holder", "holder", {});
            const rule = (v: unknown) => (v === 1 ? undefined : `x must be 1, got ${String(v)}`);
            assert.strictEqual(checkedInput("orders", 5, rule, holder), 5);
            const ok = checkedInput("orders", pulumi.output(1), rule, holder) as pulumi.Output<number>;
            assert.strictEqual(await (ok as any).promise(), 1);
            const bad = checkedInput("orders", pulumi.output(2), rule, holder) as pulumi.Output<number>;
            await assert.rejects((bad as any).promise(), (err: Error) => {
                assert.ok(err instanceof pulumi.ResourceError);
                assert.strictEqual(err.message, `${P}x must be 1, got 2`);
                return true;
            });
        });

        it("checkedSettings leaves plain settings as they are", () => {
            const holder = new pulumi.ComponentResource("test:index:Holder", "holder", {});
            const settings = resolveSettings({ openApiSpec: SPEC, methodOverrides: [{ path: "/a", method: "GET" }] });
            assert.deepStrictEqual(checkedSettings("orders", settings, holder), settings);
        });

        it("checkedSettings fails every Output-valued setting with the same message as before super()", async () => {
            const holder = new pulumi.ComponentResource("test:index:Holder", "holder", {});
            const o = <T>(v: T) => pulumi.output(v);
            const settings = checkedSettings(
                "orders",
                resolveSettings({
                    openApiSpec: SPEC,
                    stageName: o("a b"),
                    executionLogging: { level: o("TRACE" as never), retentionInDays: o(2), kmsKeyArn: o("k") },
                    accessLogging: { retentionInDays: o(4) },
                    tracing: { samplingRate: o(2) },
                    throttling: { rateLimit: o(0), burstLimit: o(0.5) },
                    methodOverrides: [
                        { path: "/a", method: "GET", loggingLevel: o("x" as never), throttling: { rateLimit: o(-1) } },
                    ],
                    metricsEnabled: o("yes" as never),
                    caching: { enabled: true, sizeGb: o(3), ttlSeconds: o(-1), encrypted: o(1 as never) },
                    accountCloudWatchRole: "Existing",
                    cloudWatchRoleArn: o("role"),
                }),
                holder,
            );
            const message = async (value: unknown) => {
                try {
                    await (value as any).promise();
                } catch (err) {
                    assert.ok(err instanceof pulumi.ResourceError);
                    return (err as Error).message;
                }
                return "resolved";
            };
            const list = CLOUDWATCH_RETENTION_DAYS.join(", ");
            assert.deepStrictEqual(
                await Promise.all(
                    [
                        settings.stageName,
                        settings.executionLogging.level,
                        settings.executionLogging.retentionInDays,
                        settings.executionLogging.kmsKeyArn,
                        settings.accessLogging.retentionInDays,
                        settings.tracing.samplingRate,
                        settings.throttling.rateLimit,
                        settings.throttling.burstLimit,
                        settings.methodOverrides[0].loggingLevel,
                        settings.methodOverrides[0].throttling.rateLimit,
                        settings.metricsEnabled,
                        settings.caching.sizeGb,
                        settings.caching.ttlSeconds,
                        settings.caching.encrypted,
                        settings.cloudWatchRoleArn,
                    ].map(message),
                ),
                [
                    `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got "a b"`,
                    `${P}executionLogging.level must be one of "OFF", "ERROR", "INFO", "DEBUG", got "TRACE"`,
                    `${P}executionLogging.retentionInDays must be one of CloudWatch's retention periods (${list}), got 2`,
                    `${P}executionLogging.kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got "k"`,
                    `${P}accessLogging.retentionInDays must be one of CloudWatch's retention periods (${list}), got 4`,
                    `${P}tracing.samplingRate must be a number in [0, 1], got 2`,
                    `${P}throttling.rateLimit must be a positive number, got 0`,
                    `${P}throttling.burstLimit must be a positive integer, got 0.5`,
                    `${P}methodOverrides[0].loggingLevel must be one of "OFF", "ERROR", "INFO", "DEBUG", got "x"`,
                    `${P}methodOverrides[0].throttling.rateLimit must be a positive number, got -1`,
                    `${P}metricsEnabled must be true or false, got "yes"`,
                    `${P}caching.sizeGb must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237, got 3`,
                    `${P}caching.ttlSeconds must be an integer from 0 to 3600, got -1`,
                    `${P}caching.encrypted must be true or false, got 1`,
                    `${P}cloudWatchRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got "role"`,
                ],
            );
        });

        it("parseOpenApiSpec returns the parsed document", () => {
            assert.deepStrictEqual(parseOpenApiSpec(JSON.stringify(SPEC)), { spec: SPEC });
        });
    });

    describe("warnings", () => {
        it("Production with DEBUG", () => {
            assert.strictEqual(
                productionDebugWarning("orders", "Production", "executionLogging.level", "DEBUG"),
                `${P}executionLogging.level is DEBUG in Production: full request and response data, which may hold credentials and personal data, will be written to CloudWatch Logs; the policy pack apigateway-no-debug-logging-in-production blocks this`,
            );
            assert.strictEqual(
                productionDebugWarning("orders", "Staging", "executionLogging.level", "DEBUG"),
                undefined,
            );
            assert.strictEqual(
                productionDebugWarning("orders", "Production", "executionLogging.level", "INFO"),
                undefined,
            );
        });

        it("a rate above the account default", () => {
            assert.strictEqual(
                accountRateWarning("orders", "throttling.rateLimit", 10001),
                `${P}throttling.rateLimit is 10001 rps, above the 10000 rps account default; the account limit applies first unless AWS has raised it`,
            );
            assert.strictEqual(accountRateWarning("orders", "throttling.rateLimit", 10000), undefined);
        });
    });
});
