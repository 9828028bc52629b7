import * as assert from "assert";
import { lambdaInvocationUri, routeSlugs } from "../../../components/api/lambdaIntegration";
import { logGroupNameSegment } from "../../../components/logging/logGroups";
import { fnv1a } from "../../../components/monitoring/metrics";
import { httpRouteKeyRule, httpRouteKeys, v2StageNameRule } from "../../../components/validation/httpApi";
import { parseOpenApiSpec, type OpenApiDocument } from "../../../components/validation/openApi";
import { webSocketRouteKeyRule } from "../../../components/validation/webSocketApi";

const doc = (paths: Record<string, unknown>) =>
    parseOpenApiSpec(JSON.stringify({ openapi: "3.0.1", info: { title: "t" }, paths })) as OpenApiDocument;

describe("components/validation/httpApi, webSocketApi and the v2 route slugs, log-group names and Lambda URIs", () => {
    it("reads an HTTP API's route keys from its document, $default in either spelling", () => {
        assert.deepStrictEqual(
            httpRouteKeys(
                doc({
                    "/orders": { get: {}, post: {}, parameters: [], summary: "x" },
                    "/orders/{id}": { "x-amazon-apigateway-any-method": {} },
                    "/{proxy+}": { "x-amazon-apigateway-any-method": { isDefaultRoute: true } },
                    $default: { "x-amazon-apigateway-any-method": {} },
                    "/constructor": { constructor: {} },
                }),
            ),
            ["GET /orders", "POST /orders", "ANY /orders/{id}", "$default"],
        );
    });

    it("accepts route keys as API Gateway writes them, and nothing else", () => {
        const ok = ["$default", "GET /", "GET /orders/{id}", "ANY /{proxy+}", "DELETE /a.b/c-d_e"];
        assert.deepStrictEqual(
            ok.map((k) => httpRouteKeyRule(k, "k")),
            ok.map(() => undefined),
        );
        for (const bad of ["get /orders", "GET orders", "GET  /orders", "TRACE /x", "$connect", 5]) {
            assert.ok(httpRouteKeyRule(bad, "k")?.startsWith('k must be "$default" or a method and path'), String(bad));
        }
        assert.deepStrictEqual(
            ["$connect", "$disconnect", "$default", "sendMessage", "a.b-c"].map((k) => webSocketRouteKeyRule(k, "k")),
            [undefined, undefined, undefined, undefined, undefined],
        );
        assert.ok(webSocketRouteKeyRule("send message", "k"));
        assert.ok(webSocketRouteKeyRule("$other", "k"));
    });

    it("accepts $default or a REST-style stage name", () => {
        assert.deepStrictEqual(
            ["$default", "prod", "v1_2-x"].map((v) => v2StageNameRule(v, "s")),
            [undefined, undefined, undefined],
        );
        assert.strictEqual(
            v2StageNameRule("$prod", "s"),
            's must be "$default" or 1 to 128 letters, digits, "-" or "_", got "$prod"',
        );
    });

    it("writes the Lambda invocation URI in the region's partition", () => {
        assert.strictEqual(
            lambdaInvocationUri(
                "aws-us-gov",
                "us-gov-west-1",
                "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f",
            ),
            "arn:aws-us-gov:apigateway:us-gov-west-1:lambda:path/2015-03-31/functions/arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f/invocations",
        );
    });

    it("names route children by slug, never colliding with a predefined route or each other", () => {
        assert.deepStrictEqual(
            routeSlugs(["$connect", "$disconnect", "$default", "connect", "Send.Message", "send-message"], fnv1a),
            [
                "connect",
                "disconnect",
                "default",
                "route-connect",
                "route-send-message",
                `route-send-message-${fnv1a("send-message").slice(0, 6)}`,
            ],
        );
    });

    it("makes a stage name safe for a log-group name: $ becomes _", () => {
        assert.deepStrictEqual(["$default", "prod", "a.b#c/d"].map(logGroupNameSegment), [
            "_default",
            "prod",
            "a.b#c/d",
        ]);
    });
});
