import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountCloudWatchRole, CLOUDWATCH_RETENTION_DAYS, ExecutionLogLevel } from "../../../components/contract";
import type { ObservableRestApiArgs } from "../../../components/observableRestApiArgs";
import { Reporter } from "../../../components/validation/framework";
import {
    CACHE_CLUSTER_SIZES_GB,
    COMPONENT,
    OVERRIDE_METHODS,
    validateRestApiArgs,
} from "../../../components/validation/restApi";
import { runtime, TEST_STACK } from "../../mocks";

const DOCUMENT = {
    openapi: "3.0.1",
    info: { title: "orders", version: "1" },
    paths: {
        "/": { get: {} },
        "/orders": { get: {}, post: {} },
        "/orders/{id}": { get: {}, "x-amazon-apigateway-any-method": {} },
    },
};
const SPEC = JSON.stringify(DOCUMENT);
const BASE: ObservableRestApiArgs = { openApiSpec: SPEC };
const P = 'ObservableRestApi "orders": ';
const RETENTION = CLOUDWATCH_RETENTION_DAYS.join(", ");

const validate = (args: ObservableRestApiArgs) => validateRestApiArgs(args, new Reporter(COMPONENT, "orders"));

/** The message validating BASE merged with `args` throws. */
function message(args: Record<string, unknown>): string {
    try {
        validate({ ...BASE, ...args } as ObservableRestApiArgs);
    } catch (err) {
        assert.strictEqual((err as Error).constructor, Error, "plain values fail before the component exists");
        return (err as Error).message;
    }
    return "accepted";
}

describe("components/validation/restApi", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("accepts the minimal args and a full set of valid args, and returns them as given", () => {
        assert.deepStrictEqual(validate(BASE), BASE);
        const full: ObservableRestApiArgs = {
            openApiSpec: "openapi: 3.0.1\ninfo: {title: orders}\npaths:\n  /orders/{id}: {get: {}}\n  /: {get: {}}\n",
            stageName: "v1_live-2",
            environment: "Staging",
            executionLogging: {
                level: "INFO",
                retentionInDays: 3653,
                kmsKeyArn: "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab",
            },
            accessLogging: { customFormat: "$context.extendedRequestId $context.status", retentionInDays: 1 },
            tracing: { enabled: true, samplingRate: 0 },
            throttling: { rateLimit: 0.5, burstLimit: 1 },
            methodOverrides: [
                { path: "/orders/{id}", method: "get", throttling: { rateLimit: 5 }, loggingLevel: "DEBUG" },
                { path: "/", method: "*", cachingEnabled: true },
            ],
            metricsEnabled: false,
            caching: { enabled: true, sizeGb: 1.6, ttlSeconds: 3600, encrypted: true },
            accountCloudWatchRole: "Existing",
            cloudWatchRoleArn: "arn:aws-us-gov:iam::123456789012:role/apigw-cloudwatch",
            protectLogs: false,
            monitoring: { alarms: false, thresholds: { latencyP99Ms: 28999 } },
            tags: { team: "payments", ["a".repeat(128)]: "v".repeat(256) },
        };
        assert.deepStrictEqual(validate(full), full);
    });

    it("lists the override methods and cache sizes it accepts", () => {
        assert.deepStrictEqual(OVERRIDE_METHODS, [
            "GET",
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
            "HEAD",
            "OPTIONS",
            "ANY",
            "*",
        ]);
        assert.deepStrictEqual(CACHE_CLUSTER_SIZES_GB, [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237]);
    });

    describe("one exact message per rule", () => {
        it("the API source: exactly one of openApiSpec and restApi", () => {
            const restApi = new aws.apigateway.RestApi("existing", {});
            assert.deepStrictEqual(
                [
                    message({ restApi }),
                    message({ openApiSpec: undefined }),
                    message({ openApiSpec: undefined, restApi: "abc123" }),
                ],
                [
                    `${P}exactly one of openApiSpec and restApi must be set, got both`,
                    `${P}exactly one of openApiSpec and restApi must be set, got neither`,
                    `${P}restApi must be an aws.apigateway.RestApi resource, got "abc123"`,
                ],
            );
        });

        it("an OpenAPI document that is not text, does not parse, or lacks paths or info.title", () => {
            assert.deepStrictEqual(
                [
                    message({ openApiSpec: DOCUMENT }),
                    message({ openApiSpec: "openapi: [" }),
                    message({ openApiSpec: JSON.stringify({ openapi: "3.0.1" }) }),
                    message({ openApiSpec: JSON.stringify({ paths: {}, info: { version: "1" } }) }),
                ],
                [
                    `${P}openApiSpec must be an OpenAPI document as JSON or YAML text, got ${JSON.stringify(DOCUMENT)} (pass pulumi.jsonStringify(document) or JSON.stringify)`,
                    `${P}openApiSpec must be an OpenAPI document as JSON or YAML text, got text that does not parse: Flow sequence in block collection must be sufficiently indented and end with a ]`,
                    `${P}openApiSpec must be an OpenAPI document with a "paths" object, got paths undefined`,
                    `${P}openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got undefined`,
                ],
            );
        });

        it("redeployTriggers: only with restApi, a list of strings", () => {
            const restApi = new aws.apigateway.RestApi("existing", {});
            assert.deepStrictEqual(
                [
                    message({ redeployTriggers: ["x"] }),
                    message({ openApiSpec: undefined, restApi, redeployTriggers: "x" }),
                    message({ openApiSpec: undefined, restApi, redeployTriggers: ["a", 1] }),
                ],
                [
                    `${P}redeployTriggers must be unset with openApiSpec (the document's hash already redeploys the stage), got a list`,
                    `${P}redeployTriggers must be a list of ids or hashes, got "x"`,
                    `${P}redeployTriggers[1] must be a string, got 1`,
                ],
            );
        });

        it("an unknown environment, execution level or override level", () => {
            assert.deepStrictEqual(
                [
                    message({ environment: "Prod" }),
                    message({ executionLogging: { level: "TRACE" as ExecutionLogLevel } }),
                    message({ methodOverrides: [{ path: "/orders", method: "GET", loggingLevel: "debug" }] }),
                ],
                [
                    `${P}environment must be one of "Production", "Staging", "Development", got "Prod"`,
                    `${P}executionLogging.level must be one of "OFF", "ERROR", "INFO", "DEBUG", got "TRACE"`,
                    `${P}methodOverrides[0].loggingLevel must be one of "OFF", "ERROR", "INFO", "DEBUG", got "debug"`,
                ],
            );
        });

        it("a retention CloudWatch does not accept", () => {
            assert.deepStrictEqual(
                [
                    message({ executionLogging: { retentionInDays: 10 } }),
                    message({ accessLogging: { retentionInDays: 0 } }),
                ],
                [
                    `${P}executionLogging.retentionInDays must be one of CloudWatch's retention periods (${RETENTION}), got 10`,
                    `${P}accessLogging.retentionInDays must be one of CloudWatch's retention periods (${RETENTION}), got 0`,
                ],
            );
        });

        it("a non-positive rate and a burst that is not a positive integer, stage-wide and per override", () => {
            assert.deepStrictEqual(
                [
                    message({ throttling: { rateLimit: 0 } }),
                    message({ throttling: { rateLimit: -1 } }),
                    message({ throttling: { rateLimit: Number.POSITIVE_INFINITY } }),
                    message({ methodOverrides: [{ path: "/orders", method: "POST", throttling: { rateLimit: -5 } }] }),
                    message({ throttling: { burstLimit: 0 } }),
                    message({ throttling: { burstLimit: 2.5 } }),
                    message({
                        methodOverrides: [{ path: "/orders", method: "POST", throttling: { burstLimit: "9" } }],
                    }),
                ],
                [
                    `${P}throttling.rateLimit must be a positive number, got 0`,
                    `${P}throttling.rateLimit must be a positive number, got -1`,
                    `${P}throttling.rateLimit must be a positive number, got Infinity`,
                    `${P}methodOverrides[0].throttling.rateLimit must be a positive number, got -5`,
                    `${P}throttling.burstLimit must be a positive integer, got 0`,
                    `${P}throttling.burstLimit must be a positive integer, got 2.5`,
                    `${P}methodOverrides[0].throttling.burstLimit must be a positive integer, got "9"`,
                ],
            );
        });

        it("a bad stage name", () => {
            const long = "a".repeat(129);
            assert.deepStrictEqual(
                [message({ stageName: "my stage" }), message({ stageName: "" }), message({ stageName: long })],
                [
                    `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got "my stage"`,
                    `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got ""`,
                    `${P}stageName must be 1 to 128 letters, digits, "-" or "_", got "${long}"`,
                ],
            );
            assert.strictEqual(message({ stageName: "a".repeat(128) }), "accepted");
        });

        it("an override path that is not a resource path (the root / is one)", () => {
            const path = (v: string) =>
                `${P}methodOverrides[0].path must be a resource path such as "/orders/{id}", or "/" for the root, got ${v}`;
            assert.deepStrictEqual(
                ["orders", "/orders//x", "/orders/", "/orders/{id", 5].map((p) =>
                    message({ methodOverrides: [{ path: p, method: "GET" }] }),
                ),
                [path('"orders"'), path('"/orders//x"'), path('"/orders/"'), path('"/orders/{id"'), path("5")],
            );
            assert.strictEqual(message({ methodOverrides: [{ path: "/", method: "GET" }] }), "accepted");
        });

        it("an override method that is not one, and a method overridden twice", () => {
            assert.deepStrictEqual(
                [
                    message({ methodOverrides: [{ path: "/orders", method: "FETCH" }] }),
                    message({
                        methodOverrides: [
                            { path: "/orders", method: "GET" },
                            { path: "/orders", method: "get" },
                        ],
                    }),
                ],
                [
                    `${P}methodOverrides[0].method must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY", "*" (any case), got "FETCH"`,
                    `${P}methodOverrides[1] must name a method not already overridden, got GET /orders again (see methodOverrides[0])`,
                ],
            );
        });

        it("an override whose path openApiSpec lacks names the index, method, path and the closest known paths", () => {
            const twoPaths = JSON.stringify({
                openapi: "3.0.1",
                info: { title: "orders", version: "1" },
                paths: { "/orders": { get: {} }, "/orders/{id}": { get: {} } },
            });
            assert.strictEqual(
                message({
                    openApiSpec: twoPaths,
                    methodOverrides: [
                        { path: "/orders", method: "GET" },
                        { path: "/order", method: "GET" },
                    ],
                }),
                `${P}methodOverrides[1] is GET /order, which openApiSpec does not define; known paths: /orders, /orders/{id}`,
            );
        });

        it("an override whose method is not an operation of the path; ANY is the any-method, * any operation", () => {
            assert.deepStrictEqual(
                [
                    message({ methodOverrides: [{ path: "/orders", method: "delete" }] }),
                    message({ methodOverrides: [{ path: "/orders", method: "ANY" }] }),
                    message({ methodOverrides: [{ path: "/orders/{id}", method: "any" }] }),
                    message({ methodOverrides: [{ path: "/orders", method: "*" }] }),
                ],
                [
                    `${P}methodOverrides[0] is DELETE /orders, which openApiSpec does not define; /orders defines GET, POST`,
                    `${P}methodOverrides[0] is ANY /orders, which openApiSpec does not define; /orders defines GET, POST`,
                    "accepted",
                    "accepted",
                ],
            );
        });

        it("with restApi the paths cannot be known, so only the form of an override is checked", () => {
            const restApi = new aws.apigateway.RestApi("existing", {});
            assert.strictEqual(
                message({
                    openApiSpec: undefined,
                    restApi,
                    methodOverrides: [{ path: "/anything/{x}", method: "PATCH" }],
                }),
                "accepted",
            );
        });

        it("access-log formats: a preset, or a custom format with a request id, never both", () => {
            assert.deepStrictEqual(
                [
                    message({ accessLogging: { format: "json" } }),
                    message({ accessLogging: { customFormat: "$context.status $context.identity.sourceIp" } }),
                    message({ accessLogging: { customFormat: "$context.requestId\n$context.status" } }),
                    message({ accessLogging: { customFormat: 5 } }),
                    message({ accessLogging: { format: "Json", customFormat: "$context.requestId" } }),
                    message({ accessLogging: { format: "Clf", customFormat: "$context.requestId" } }),
                ],
                [
                    `${P}accessLogging.format must be one of "Json", "Clf", got "json"`,
                    `${P}accessLogging.customFormat must be a single-line format that contains $context.requestId or $context.extendedRequestId, got "$context.status $context.identity.sourceIp"`,
                    `${P}accessLogging.customFormat must be a single-line format that contains $context.requestId or $context.extendedRequestId, got "$context.requestId\\n$context.status"`,
                    `${P}accessLogging.customFormat must be a string, got 5`,
                    `${P}accessLogging.format and accessLogging.customFormat exclude each other: use the "Json" preset or your own format, got both`,
                    `${P}accessLogging.format and accessLogging.customFormat exclude each other: use the "Clf" preset or your own format, got both`,
                ],
            );
        });

        it("the account role: Existing needs an ARN, only Existing takes one, and it must be a role ARN", () => {
            assert.deepStrictEqual(
                [
                    message({ accountCloudWatchRole: AccountCloudWatchRole.Existing }),
                    message({ accountCloudWatchRole: "Create", cloudWatchRoleArn: "arn:aws:iam::123456789012:role/x" }),
                    message({ cloudWatchRoleArn: "arn:aws:iam::123456789012:role/x" }),
                    message({ accountCloudWatchRole: "Existing", cloudWatchRoleArn: "apigw-role" }),
                    message({ accountCloudWatchRole: "Sometimes" }),
                ],
                [
                    `${P}cloudWatchRoleArn must be set when accountCloudWatchRole is "Existing", got undefined`,
                    `${P}cloudWatchRoleArn must be unset unless accountCloudWatchRole is "Existing", got accountCloudWatchRole "Create"`,
                    `${P}cloudWatchRoleArn must be unset unless accountCloudWatchRole is "Existing", got accountCloudWatchRole "None"`,
                    `${P}cloudWatchRoleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got "apigw-role"`,
                    `${P}accountCloudWatchRole must be one of "None", "Create", "Existing", got "Sometimes"`,
                ],
            );
        });

        it("a sampling rate outside [0, 1], or one while tracing is off", () => {
            assert.deepStrictEqual(
                [
                    message({ tracing: { samplingRate: 1.5 } }),
                    message({ tracing: { samplingRate: -0.1 } }),
                    message({ tracing: { enabled: false, samplingRate: 0.1 } }),
                    message({ tracing: { enabled: "yes" } }),
                ],
                [
                    `${P}tracing.samplingRate must be a number in [0, 1], got 1.5`,
                    `${P}tracing.samplingRate must be a number in [0, 1], got -0.1`,
                    `${P}tracing.samplingRate must be unset while tracing.enabled is false, got a rate`,
                    `${P}tracing.enabled must be true or false, got "yes"`,
                ],
            );
        });

        it("a KMS key that is not a key ARN", () => {
            assert.deepStrictEqual(
                [
                    message({ accessLogging: { kmsKeyArn: "alias/logs" } }),
                    message({ executionLogging: { kmsKeyArn: "arn:aws:kms:eu-west-1:123:key/k" } }),
                ],
                [
                    `${P}accessLogging.kmsKeyArn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "alias/logs"`,
                    `${P}executionLogging.kmsKeyArn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "arn:aws:kms:eu-west-1:123:key/k"`,
                ],
            );
        });

        it("caching: size, ttl, and method caching without a cache", () => {
            assert.deepStrictEqual(
                [
                    message({ caching: { enabled: true, sizeGb: 2 } }),
                    message({ caching: { enabled: true, ttlSeconds: 3601 } }),
                    message({ caching: { enabled: true, ttlSeconds: 1.5 } }),
                    message({ methodOverrides: [{ path: "/orders", method: "GET", cachingEnabled: true }] }),
                ],
                [
                    `${P}caching.sizeGb must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237, got 2`,
                    `${P}caching.ttlSeconds must be an integer from 0 to 3600, got 3601`,
                    `${P}caching.ttlSeconds must be an integer from 0 to 3600, got 1.5`,
                    `${P}methodOverrides[0].cachingEnabled must be false or unset while caching.enabled is not true, got true`,
                ],
            );
        });

        it("switches that are not booleans", () => {
            assert.deepStrictEqual(
                [
                    message({ metricsEnabled: "yes" }),
                    message({ protectLogs: 1 }),
                    message({ caching: { encrypted: "no" } }),
                ],
                [
                    `${P}metricsEnabled must be true or false, got "yes"`,
                    `${P}protectLogs must be true or false, got 1`,
                    `${P}caching.encrypted must be true or false, got "no"`,
                ],
            );
        });

        it("tags: a map of strings within AWS's key and value lengths", () => {
            assert.deepStrictEqual(
                [
                    message({ tags: ["a"] }),
                    message({ tags: { "": "x" } }),
                    message({ tags: { ["k".repeat(129)]: "x" } }),
                    message({ tags: { team: 5 } }),
                    message({ tags: { team: "v".repeat(257) } }),
                ],
                [
                    `${P}tags must be a map of tag names to strings, got ["a"]`,
                    `${P}tags keys must be 1 to 128 characters, got ""`,
                    `${P}tags keys must be 1 to 128 characters, got "${"k".repeat(129)}"`,
                    `${P}tags.team must be a string, got 5`,
                    `${P}tags.team must be at most 256 characters, got 257`,
                ],
            );
        });

        it("an unknown arg at any level, so that a typo never silently keeps the preset", () => {
            assert.deepStrictEqual(
                [
                    message({ throtling: { rateLimit: 1 } }),
                    message({ tracing: { samplingrate: 0.1 } }),
                    message({ methodOverrides: [{ path: "/orders", method: "GET", throttling: { rate: 1 } }] }),
                    message({ accessLogging: { formatString: "x" } }),
                    message({ monitoring: { thresholds: { latencyP99: 2000 } } }),
                    message({ caching: true }),
                    message({ methodOverrides: [null] }),
                    message({ methodOverrides: { path: "/orders" } }),
                ],
                [
                    `${P}throtling is not an arg of ObservableRestApi; allowed: openApiSpec, restApi, redeployTriggers, stageName, environment, executionLogging, accessLogging, tracing, throttling, methodOverrides, metricsEnabled, caching, accountCloudWatchRole, cloudWatchRoleArn, protectLogs, monitoring, tags`,
                    `${P}tracing.samplingrate is not an arg of tracing; allowed: enabled, samplingRate`,
                    `${P}methodOverrides[0].throttling.rate is not an arg of methodOverrides[0].throttling; allowed: rateLimit, burstLimit`,
                    `${P}accessLogging.formatString is not an arg of accessLogging; allowed: format, customFormat, retentionInDays, kmsKeyArn`,
                    `${P}monitoring.thresholds.latencyP99 is not an arg of monitoring.thresholds; allowed: serverErrorRatePercent, serverErrorCount, clientErrorRatePercent, latencyP99Ms, integrationLatencyP99Ms, throttledRequests, integrationTimeouts, cacheHitRatioPercent`,
                    `${P}caching must be an object, got true`,
                    `${P}methodOverrides[0] must be an object, got null`,
                    `${P}methodOverrides must be a list of { path, method, … }, got {"path":"/orders"}`,
                ],
            );
        });
    });

    describe("plain-only args", () => {
        it("refuse an Output wherever they decide which children exist", () => {
            const o = <T>(v: T) => pulumi.output(v);
            const plain = (arg: string) =>
                `${P}${arg} must be a plain value, not an Output or a promise: it decides which resources the component creates`;
            const restApi = new aws.apigateway.RestApi("existing", {});
            const cases: [Record<string, unknown>, string][] = [
                [{ environment: o("Production") }, "environment"],
                [{ openApiSpec: undefined, restApi: o(restApi) }, "restApi"],
                [{ executionLogging: o({ level: "ERROR" }) }, "executionLogging"],
                [{ accessLogging: { format: o("Json") } }, "accessLogging.format"],
                [{ tracing: { enabled: o(true) } }, "tracing.enabled"],
                [{ methodOverrides: o([]) }, "methodOverrides"],
                [{ methodOverrides: [{ path: o("/orders"), method: "GET" }] }, "methodOverrides[0].path"],
                [
                    { methodOverrides: [{ path: "/orders", method: Promise.resolve("GET") }] },
                    "methodOverrides[0].method",
                ],
                [
                    { methodOverrides: [{ path: "/orders", method: "GET", cachingEnabled: o(false) }] },
                    "methodOverrides[0].cachingEnabled",
                ],
                [{ caching: { enabled: o(true) } }, "caching.enabled"],
                [{ accountCloudWatchRole: o("Create") }, "accountCloudWatchRole"],
                [{ protectLogs: o(true) }, "protectLogs"],
                [{ monitoring: { dashboard: o(true) } }, "monitoring.dashboard"],
                [{ monitoring: { alarmEmails: o(["a@example.com"]) } }, "monitoring.alarmEmails"],
                [{ monitoring: { thresholds: { latencyP99Ms: o(100) } } }, "monitoring.thresholds.latencyP99Ms"],
            ];
            assert.deepStrictEqual(
                cases.map(([args]) => message(args)),
                cases.map(([, arg]) => plain(arg)),
            );
        });

        it("while Output-valued values pass the plain check and are returned wrapped, to be checked once known", () => {
            const checked = validate({
                openApiSpec: pulumi.output("not a document"),
                throttling: { rateLimit: pulumi.output(-1) },
                stageName: Promise.resolve("bad name") as unknown as string,
                methodOverrides: [{ path: "/nowhere", method: "GET", loggingLevel: pulumi.output("TRACE" as never) }],
                monitoring: { alarmEmails: [pulumi.output("not an address")] },
            });
            for (const value of [
                checked.openApiSpec,
                checked.throttling!.rateLimit,
                checked.stageName,
                checked.methodOverrides![0].loggingLevel,
                checked.monitoring!.alarmEmails![0],
            ]) {
                assert.ok(pulumi.Output.isInstance(value));
            }
            // A path can only be checked against the document once the document is known.
            assert.deepStrictEqual(checked.methodOverrides![0].path, "/nowhere");
        });
    });
});
