import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    ACCOUNT_THROTTLING,
    API_GATEWAY_LOG_LEVELS,
    API_GATEWAY_NAMESPACE,
    AccessLogFormat,
    AccountCloudWatchRole,
    CLOUDWATCH_RETENTION_DAYS,
    COMPONENT_TYPES,
    CloudWatchRoleSource,
    EXECUTION_LOG_GROUP_PREFIX,
    Environment,
    ExecutionLogLevel,
    type RestApiSettings,
    SIGNAL_NAMESPACE_PREFIX,
    STAGE_WIDE_METHOD_PATH,
    describeRoute,
    field,
    methodPathFor,
    parseMethodPath,
} from "../../components/contract";

describe("components/contract", () => {
    describe("methodPathFor: the JSON-pointer key API Gateway applies", () => {
        it("escapes every / as ~1 and appends the upper-case method", () => {
            assert.deepStrictEqual(
                [
                    methodPathFor("/", "GET"),
                    methodPathFor("/hello", "get"),
                    methodPathFor("/orders/items", "GET"),
                    methodPathFor("/orders/{id}", "GET"),
                    methodPathFor("/orders/{proxy+}", "post"),
                    methodPathFor("/orders", "*"),
                    methodPathFor("/orders", "any"),
                ],
                [
                    "~1/GET",
                    "~1hello/GET",
                    "~1orders~1items/GET",
                    "~1orders~1{id}/GET",
                    "~1orders~1{proxy+}/POST",
                    "~1orders/*",
                    "~1orders/ANY",
                ],
            );
        });

        it("escapes ~ as ~0 before any / becomes ~1, so a literal ~1 in a path survives", () => {
            assert.strictEqual(methodPathFor("/files/~backup", "GET"), "~1files~1~0backup/GET");
            assert.strictEqual(methodPathFor("/a~1b", "GET"), "~1a~01b/GET");
        });
    });

    describe("parseMethodPath: a methodPath read back as a route", () => {
        it("reads the escaped form, root and ~0 included", () => {
            assert.deepStrictEqual(parseMethodPath("~1/GET"), { method: "GET", resourcePath: "/", escaped: true });
            assert.deepStrictEqual(parseMethodPath("~1orders~1{id}/get"), {
                method: "GET",
                resourcePath: "/orders/{id}",
                escaped: true,
            });
            assert.deepStrictEqual(parseMethodPath("~1files~1~0backup/GET"), {
                method: "GET",
                resourcePath: "/files/~backup",
                escaped: true,
            });
            // ~01 is an escaped ~ followed by 1, never a slash.
            assert.deepStrictEqual(parseMethodPath("~1a~01b/GET"), {
                method: "GET",
                resourcePath: "/a~1b",
                escaped: true,
            });
            assert.deepStrictEqual(parseMethodPath("~1orders/*"), {
                method: "*",
                resourcePath: "/orders",
                escaped: true,
            });
        });

        it("reads the unescaped form API Gateway stores but never applies, and says so", () => {
            assert.deepStrictEqual(parseMethodPath("orders/{id}/GET"), {
                method: "GET",
                resourcePath: "/orders/{id}",
                escaped: false,
            });
        });

        it("reads the stage-wide key, and refuses a value without a method", () => {
            assert.strictEqual(STAGE_WIDE_METHOD_PATH, "*/*");
            assert.deepStrictEqual(parseMethodPath("*/*"), { method: "*", resourcePath: "/*", escaped: true });
            assert.deepStrictEqual(
                ["GET", "/GET", "~1orders/", ""].map((v) => parseMethodPath(v)),
                [undefined, undefined, undefined, undefined],
            );
        });

        it("round-trips every path methodPathFor writes", () => {
            for (const p of ["/", "/hello", "/orders/items", "/orders/{id}", "/files/~backup", "/a~1b", "/~0/~1"]) {
                for (const m of ["GET", "ANY", "*"]) {
                    assert.deepStrictEqual(
                        parseMethodPath(methodPathFor(p, m)),
                        { method: m, resourcePath: p, escaped: true },
                        `${m} ${p}`,
                    );
                }
            }
        });

        it("describes a route the way people write it", () => {
            assert.strictEqual(describeRoute({ method: "GET", resourcePath: "/orders/{id}" }), "GET /orders/{id}");
            assert.strictEqual(describeRoute(parseMethodPath("~1orders~1{id}/GET")!), "GET /orders/{id}");
        });
    });

    describe("names and AWS facts both sides read", () => {
        it("enum values are the strings users write", () => {
            assert.deepStrictEqual(
                [
                    Object.values(Environment),
                    Object.values(ExecutionLogLevel),
                    Object.values(AccessLogFormat),
                    Object.values(AccountCloudWatchRole),
                    Object.values(CloudWatchRoleSource),
                ],
                [
                    ["Production", "Staging", "Development"],
                    ["OFF", "ERROR", "INFO", "DEBUG"],
                    ["Json", "Clf"],
                    ["None", "Create", "Existing"],
                    ["Create", "Existing"],
                ],
            );
        });

        it("type tokens are observable-api:index:<Class>", () => {
            assert.deepStrictEqual(COMPONENT_TYPES, {
                ObservableRestApi: "observable-api:index:ObservableRestApi",
                ObservableHttpApi: "observable-api:index:ObservableHttpApi",
                ObservableWebSocketApi: "observable-api:index:ObservableWebSocketApi",
                ApiGatewayAccountSettings: "observable-api:index:ApiGatewayAccountSettings",
            });
        });

        it("holds the AWS facts exactly", () => {
            assert.deepStrictEqual(
                CLOUDWATCH_RETENTION_DAYS,
                [
                    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
                    3653,
                ],
            );
            assert.deepStrictEqual(API_GATEWAY_LOG_LEVELS, ["OFF", "ERROR", "INFO"]);
            assert.strictEqual(API_GATEWAY_NAMESPACE, "AWS/ApiGateway");
            assert.strictEqual(EXECUTION_LOG_GROUP_PREFIX, "API-Gateway-Execution-Logs_");
            assert.deepStrictEqual(ACCOUNT_THROTTLING, { rateLimit: 10000, burstLimit: 5000 });
            assert.strictEqual(SIGNAL_NAMESPACE_PREFIX, "ObservableApi/");
        });

        it("field() returns the settings property's name (and rejects a misspelt one at compile time)", () => {
            assert.strictEqual(field<RestApiSettings>("executionLogging"), "executionLogging");
            // @ts-expect-error "executionLog" is not a property of RestApiSettings.
            assert.strictEqual(field<RestApiSettings>("executionLog"), "executionLog");
        });

        it("imports nothing, so the policy pack loads it without @pulumi/pulumi or @pulumi/aws", () => {
            const source = fs.readFileSync(path.join(__dirname, "..", "..", "components", "contract.ts"), "utf8");
            assert.deepStrictEqual(source.match(/^\s*import\b.*$|\brequire\(/gm), null);
        });
    });
});
