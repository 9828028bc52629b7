/**
 * Stages that a CloudFormation template, a SAM template or a Cloud Control request creates, judged by the compiled
 * pack served as the engine serves it, over the analyzer protocol: every mission policy blocks what it blocks on the
 * native resource, names the stack resource and the logical id, and says "cannot verify" for what it cannot read.
 * Also the spellings of aws-native properties typed Any, where a forbidden value under either key is reported.
 */
import * as assert from "assert";
import * as path from "path";
import { policies } from "../../policies/policies";
import { schemaDefaults } from "../../policies/lib/config";
import { ensureBuilt } from "../../tools/lib/freshness";
import { PolicyPackHost } from "../../tools/lib/policyPackHost";
import type { AnalyzeResource, Diagnostic, PolicyConfig } from "../../tools/lib/policyPackHost";
import { PACK, PACK_VERSION } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");
const DEBUG = "apigateway-no-debug-logging-in-production";
const THROTTLING = "apigateway-throttling-required";

function resource(stack: string, type: string, name: string, properties: Record<string, any>): AnalyzeResource {
    return { type, name, urn: `urn:pulumi:${stack}::observable-api::${type}::${name}`, properties };
}

function config(): Record<string, PolicyConfig> {
    return Object.fromEntries(
        policies.map((p) => [
            p.name,
            { enforcementLevel: p.enforcementLevel!, properties: schemaDefaults(p.configSchema) },
        ]),
    );
}

const verdicts = (diagnostics: Diagnostic[], policy: string) =>
    diagnostics.filter((d) => d.policyName === policy).map((d) => [d.enforcementLevel, d.message]);

const description = (name: string) => policies.find((p) => p.name === name)!.description;

/** A compliant REST stage's CloudFormation properties; cases change one thing. */
const REST_STAGE = {
    Type: "AWS::ApiGateway::Stage",
    Properties: {
        RestApiId: "a1b2c3",
        StageName: "prod",
        DeploymentId: "d1",
        TracingEnabled: true,
        AccessLogSetting: {
            DestinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:access",
            Format: "$context.requestId",
        },
        MethodSettings: [
            {
                HttpMethod: "*",
                ResourcePath: "/*",
                LoggingLevel: "ERROR",
                DataTraceEnabled: false,
                MetricsEnabled: true,
                ThrottlingRateLimit: 100,
                ThrottlingBurstLimit: 200,
            },
        ],
    },
};

const template = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", ...extra, Resources: resources });

describe("policy pack: stages inside templates, over the analyzer protocol", function () {
    this.timeout(120_000);
    let host: PolicyPackHost;

    before(async () => {
        ensureBuilt(PACK_DIR, ROOT, () => undefined);
        host = await PolicyPackHost.serve(PACK_DIR, { root: ROOT });
        await host.configure(config());
        await host.configureStack({ stack: "prod", project: "observable-api", organization: "o", dryRun: true });
    });

    after(() => host?.close());

    const analyze = async (r: AnalyzeResource) => (await host.analyze(r)).diagnostics;

    it("passes a compliant REST stage in a CloudFormation stack's JSON template", async () => {
        const d = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "api", { templateBody: template({ Prod: REST_STAGE }) }),
        );
        assert.deepStrictEqual(d, []);
    });

    it("blocks data trace inside a CloudFormation stack in production, naming the stack resource and the logical id", async () => {
        const stage = JSON.parse(JSON.stringify(REST_STAGE));
        stage.Properties.MethodSettings[0].DataTraceEnabled = true;
        const d = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "api", { templateBody: template({ Prod: stage }) }),
        );
        assert.deepStrictEqual(verdicts(d, DEBUG), [
            [
                "mandatory",
                `${description(DEBUG)}\ntemplateBody Resources.Prod (AWS::ApiGateway::Stage): methodSettings[0].dataTraceEnabled ` +
                    'must be false in production stack "prod", got true: it logs full request and response data.',
            ],
        ]);
        // Analyze diagnostics name no URN: the engine reports them on the analyzed resource, the stack resource.
        assert.strictEqual(d[0].urn, "");
    });

    it("resolves a YAML short-form !Ref to a template parameter from the stack's parameters", async () => {
        const body = [
            "Parameters:",
            "  Trace:",
            "    Type: String",
            "    Default: 'false'",
            "Resources:",
            "  Prod:",
            "    Type: AWS::ApiGateway::Stage",
            "    Properties:",
            "      RestApiId: a1b2c3",
            "      StageName: prod",
            "      MethodSettings:",
            "        - HttpMethod: '*'",
            "          ResourcePath: /*",
            "          DataTraceEnabled: !Ref Trace",
            "          ThrottlingRateLimit: 100",
            "          ThrottlingBurstLimit: 200",
        ].join("\n");
        const blocked = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "api", {
                templateBody: body,
                parameters: { Trace: "true" },
            }),
        );
        assert.deepStrictEqual(
            verdicts(blocked, DEBUG).map((v) => v[0]),
            ["mandatory"],
        );
        const passing = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "api", { templateBody: body }),
        );
        assert.deepStrictEqual(verdicts(passing, DEBUG), []);
    });

    it("blocks a v2 stage without stage-wide throttling inside a Cloud Control request, in any stack", async () => {
        const d = await analyze(
            resource("dev", "aws:cloudcontrol/resource:Resource", "stage", {
                typeName: "AWS::ApiGatewayV2::Stage",
                desiredState: JSON.stringify({
                    ApiId: "api1",
                    StageName: "live",
                    DefaultRouteSettings: { DetailedMetricsEnabled: true },
                }),
            }),
        );
        assert.deepStrictEqual(verdicts(d, THROTTLING), [
            [
                "mandatory",
                `${description(THROTTLING)}\ndesiredState (AWS::ApiGatewayV2::Stage): ` +
                    "defaultRouteSettings.throttlingRateLimit must be a positive number, but it is not set.",
            ],
            [
                "mandatory",
                `${description(THROTTLING)}\ndesiredState (AWS::ApiGatewayV2::Stage): ` +
                    "defaultRouteSettings.throttlingBurstLimit must be a positive number, but it is not set.",
            ],
        ]);
    });

    it("blocks data trace in a SAM AWS::Serverless::Api's MethodSettings", async () => {
        const d = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "sam", {
                templateBody: template(
                    {
                        Api: {
                            Type: "AWS::Serverless::Api",
                            Properties: {
                                StageName: "prod",
                                OpenApiVersion: "3.0.1",
                                MethodSettings: [
                                    {
                                        HttpMethod: "*",
                                        ResourcePath: "/*",
                                        DataTraceEnabled: true,
                                        ThrottlingRateLimit: 10,
                                        ThrottlingBurstLimit: 20,
                                    },
                                ],
                            },
                        },
                    },
                    { Transform: "AWS::Serverless-2016-10-31" },
                ),
            }),
        );
        const messages = verdicts(d, DEBUG).map((v) => v[1].split("\n")[1]);
        assert.strictEqual(messages.length, 1, JSON.stringify(d));
        assert.match(
            messages[0],
            /^templateBody Resources\.Api \(AWS::Serverless::Api\): methodSettings\[0\]\.dataTraceEnabled must be false in production stack "prod", got true/,
        );
    });

    it("reads an aws-native CloudFormation stack whose template is an object", async () => {
        const stage = JSON.parse(JSON.stringify(REST_STAGE));
        stage.Properties.MethodSettings[0].LoggingLevel = "DEBUG";
        const d = await analyze(
            resource("prod", "aws-native:cloudformation:Stack", "api", {
                templateBody: { Resources: { Prod: stage } },
            }),
        );
        assert.strictEqual(verdicts(d, DEBUG).length, 1);
        assert.match(
            verdicts(d, DEBUG)[0][1],
            /methodSettings\[0\]\.loggingLevel must be OFF, ERROR or INFO in production stack "prod", got "DEBUG"/,
        );
    });

    it("says it cannot verify a template given only by URL, and a template that does not parse", async () => {
        const byUrl = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "api", {
                templateUrl: "https://bucket.s3.amazonaws.com/t.yaml",
            }),
        );
        assert.deepStrictEqual(verdicts(byUrl, DEBUG), [
            [
                "advisory",
                `can't run policy '${DEBUG}' from policy pack '${PACK}@v${PACK_VERSION}' during preview: cannot verify ` +
                    "templateUrl (the template is fetched from a URL, which the pack cannot read): the pack cannot read " +
                    "it, at preview or at update",
            ],
        ]);
        const broken = await analyze(
            resource("prod", "aws:cloudformation/stack:Stack", "api", { templateBody: "Resources: [unclosed" }),
        );
        assert.deepStrictEqual(
            verdicts(broken, DEBUG).map((v) => v[0]),
            ["advisory"],
        );
    });

    it("blocks DataTraceEnabled in an aws-native v2 stage's routeSettings, whichever spelling hides the other", async () => {
        const base = {
            apiId: "api1",
            stageName: "prod",
            defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
            accessLogSettings: {
                destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:a",
                format: "$context.requestId",
            },
        };
        for (const entry of [{ DataTraceEnabled: true }, { dataTraceEnabled: false, DataTraceEnabled: true }]) {
            const d = await analyze(
                resource("prod", "aws-native:apigatewayv2:Stage", "ws", {
                    ...base,
                    routeSettings: { "GET /x": entry },
                }),
            );
            assert.deepStrictEqual(verdicts(d, DEBUG), [
                [
                    "mandatory",
                    `${description(DEBUG)}\nrouteSettings["GET /x"].DataTraceEnabled for GET /x must be false in production ` +
                        'stack "prod", got true: it logs full request and response data.',
                ],
            ]);
        }
        const clean = await analyze(
            resource("prod", "aws-native:apigatewayv2:Stage", "ws", {
                ...base,
                routeSettings: { "GET /x": { DataTraceEnabled: false } },
            }),
        );
        assert.deepStrictEqual(verdicts(clean, DEBUG), []);
    });

    it("reports a -1 limit in a route entry under either spelling", async () => {
        const d = await analyze(
            resource("dev", "aws-native:apigatewayv2:Stage", "http", {
                apiId: "api1",
                stageName: "live",
                defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
                routeSettings: { "POST /orders": { ThrottlingRateLimit: -1, ThrottlingBurstLimit: 5 } },
            }),
        );
        assert.deepStrictEqual(
            verdicts(d, THROTTLING).map((v) => v[1].split("\n")[1]),
            [
                'routeSettings["POST /orders"].ThrottlingRateLimit for POST /orders must be a positive number or unset, got -1 (throttling disabled).',
            ],
        );
    });
});
