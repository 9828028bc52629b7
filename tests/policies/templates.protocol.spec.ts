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
import { PACK, PACK_VERSION, previewAdvisory } from "./harness";
import { seen } from "./served";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");
const DEBUG = "apigateway-no-debug-logging-in-production";
const THROTTLING = "apigateway-throttling-required";
const ACCESS = "apigateway-access-logging-required";
const EXECUTION = "apigateway-execution-logging-required";
const XRAY = "apigateway-xray-tracing-required";
const STACK = "aws:cloudformation/stack:Stack";

/** Every policy that judges what templates create, in the pack's order. */
const TEMPLATE_POLICIES = [
    DEBUG,
    THROTTLING,
    ACCESS,
    EXECUTION,
    XRAY,
    "apigateway-cache-encryption-required",
    "apigateway-no-implicit-stage",
    "apigateway-throttling-within-account-limits",
];

/** The advisory for something the pack can never read. */
const unreadable = (policy: string, what: string) =>
    previewAdvisory(policy, `cannot verify ${what}: the pack cannot read it, at preview or at update`);

const debugLevel = (path: string) =>
    `${path} must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" (DEBUG logs full request and response data).`;
const dataTrace = (path: string) =>
    `${path} must be false in production stack "prod", got true: it logs full request and response data.`;

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
        const notParsed =
            "templateBody (it is neither valid JSON nor valid CloudFormation YAML (BAD_INDENT at line 1, column 21))";
        assert.deepStrictEqual(
            seen(broken),
            TEMPLATE_POLICIES.map((policy) => [policy, "advisory", unreadable(policy, notParsed), ""]),
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

    /** A compliant REST stage with one stage-wide entry changed by `entry`, or its properties changed by `props`. */
    const restStage = (entry: Record<string, unknown> = {}, props: Record<string, unknown> = {}) => {
        const stage = JSON.parse(JSON.stringify(REST_STAGE));
        Object.assign(stage.Properties.MethodSettings[0], entry);
        Object.assign(stage.Properties, props);
        return stage;
    };
    const stackWith = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
        analyze(resource("prod", STACK, "api", { templateBody: template(resources, extra) }));

    describe("values only CloudFormation computes: cannot verify, the pack cannot read them, never a pass", () => {
        const cases: [string, unknown, string][] = [
            ["Fn::Sub over AWS::AccountId", { "Fn::Sub": "${AWS::AccountId}" }, "Fn::Sub over AWS::AccountId"],
            ["AWS::Partition", { Ref: "AWS::Partition" }, "Ref AWS::Partition"],
            ["Fn::GetAtt", { "Fn::GetAtt": ["Config", "Level"] }, "Fn::GetAtt Config.Level"],
            [
                "an SSM-typed parameter",
                { Ref: "Level" },
                "Ref Level, a parameter of type AWS::SSM::Parameter::Value<String>",
            ],
            [
                "a {{resolve:ssm:...}} dynamic reference",
                "{{resolve:ssm:/api/level}}",
                "the dynamic reference {{resolve:ssm:/api/level}}",
            ],
        ];
        for (const [name, level, intrinsic] of cases) {
            it(`${name} as the stage-wide LoggingLevel: advisory for DEBUG and execution logging, naming it`, async () => {
                const d = await stackWith(
                    { Stage: restStage({ LoggingLevel: level }) },
                    { Parameters: { Level: { Type: "AWS::SSM::Parameter::Value<String>" } } },
                );
                const what =
                    `templateBody Resources.Stage.Properties.MethodSettings[0].LoggingLevel (${intrinsic}, which ` +
                    "the pack cannot resolve)";
                assert.deepStrictEqual(seen(d), [
                    [DEBUG, "advisory", unreadable(DEBUG, what), ""],
                    [EXECUTION, "advisory", unreadable(EXECUTION, what), ""],
                ]);
            });
        }

        it("a condition on AWS::AccountId that chooses DEBUG: the condition is named", async () => {
            const d = await stackWith(
                { Stage: restStage({ LoggingLevel: { "Fn::If": ["InMain", "INFO", "DEBUG"] } }) },
                { Conditions: { InMain: { "Fn::Equals": [{ Ref: "AWS::AccountId" }, "123456789012"] } } },
            );
            assert.deepStrictEqual(seen(d), [
                [
                    DEBUG,
                    "advisory",
                    unreadable(
                        DEBUG,
                        "templateBody Conditions.InMain (Fn::Equals over AWS::AccountId, which the pack cannot resolve)",
                    ),
                    "",
                ],
            ]);
        });

        it("blocked, not cannot verify: data trace on decides the verdict beside a level the pack cannot resolve", async () => {
            const d = await stackWith({
                Stage: restStage({ LoggingLevel: { "Fn::Sub": "${AWS::AccountId}" }, DataTraceEnabled: true }),
            });
            assert.deepStrictEqual(verdicts(d, DEBUG), [
                [
                    "mandatory",
                    `${description(DEBUG)}\ntemplateBody Resources.Stage (AWS::ApiGateway::Stage): ` +
                        dataTrace("methodSettings[0].dataTraceEnabled"),
                ],
            ]);
        });

        it("passes: the same intrinsics where no policy decides on them", async () => {
            const d = await stackWith({
                Stage: restStage({}, { RestApiId: { Ref: "Api" }, DeploymentId: { "Fn::GetAtt": ["Dep", "Id"] } }),
            });
            assert.deepStrictEqual(seen(d), []);
        });
    });

    describe("Fn::Sub and Fn::If resolved from the stack's parameters", () => {
        const body = [
            "Parameters:",
            "  Level: { Type: String, Default: INFO }",
            "  Env: { Type: String, Default: dev }",
            "Conditions:",
            "  IsProd: !Equals [!Ref Env, prod]",
            "Resources:",
            "  Stage:",
            "    Type: AWS::ApiGateway::Stage",
            "    Properties:",
            "      RestApiId: a1b2c3",
            "      StageName: prod",
            "      TracingEnabled: true",
            "      AccessLogSetting: { DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:a, Format: $context.requestId }",
            "      MethodSettings:",
            "        - HttpMethod: '*'",
            "          ResourcePath: /*",
            "          LoggingLevel: !Sub '${Level}'",
            "          DataTraceEnabled: !If [IsProd, true, false]",
            "          MetricsEnabled: true",
            "          ThrottlingRateLimit: 100",
            "          ThrottlingBurstLimit: 200",
        ].join("\n");
        const at = "templateBody Resources.Stage (AWS::ApiGateway::Stage): ";

        it("blocked: Level=DEBUG through Fn::Sub, and Env=prod choosing data trace through Fn::If", async () => {
            const d = await analyze(
                resource("prod", STACK, "api", { templateBody: body, parameters: { Level: "DEBUG", Env: "prod" } }),
            );
            assert.deepStrictEqual(seen(d), [
                [DEBUG, "mandatory", at + debugLevel("methodSettings[0].loggingLevel"), ""],
                [DEBUG, "mandatory", at + dataTrace("methodSettings[0].dataTraceEnabled"), ""],
            ]);
        });

        it("passes: the defaults, INFO and dev", async () => {
            assert.deepStrictEqual(seen(await analyze(resource("prod", STACK, "api", { templateBody: body }))), []);
        });
    });

    describe("every route into a template, blocked and passing", () => {
        it("AWS::ApiGateway::Deployment: its StageDescription creates a stage", async () => {
            const description = {
                LoggingLevel: "ERROR",
                MetricsEnabled: true,
                TracingEnabled: true,
                ThrottlingRateLimit: 10,
                ThrottlingBurstLimit: 20,
                AccessLogSetting: {
                    DestinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:a",
                    Format: "$context.requestId",
                },
            };
            const deployment = (extra: Record<string, unknown>) => ({
                Dep: {
                    Type: "AWS::ApiGateway::Deployment",
                    Properties: {
                        RestApiId: "a1b2c3",
                        StageName: "prod",
                        StageDescription: { ...description, ...extra },
                    },
                },
            });
            assert.deepStrictEqual(seen(await stackWith(deployment({ DataTraceEnabled: true }))), [
                [
                    DEBUG,
                    "mandatory",
                    "templateBody Resources.Dep (AWS::ApiGateway::Deployment): " +
                        dataTrace("stageDescription.dataTraceEnabled"),
                    "",
                ],
            ]);
            assert.deepStrictEqual(seen(await stackWith(deployment({ DataTraceEnabled: false }))), []);
        });

        it("AWS::ApiGatewayV2::Stage: DefaultRouteSettings and RouteSettings, also as a string of JSON", async () => {
            const stage = (properties: Record<string, unknown>) => ({
                V: {
                    Type: "AWS::ApiGatewayV2::Stage",
                    Properties: {
                        ApiId: "a1",
                        StageName: "prod",
                        DefaultRouteSettings: {
                            LoggingLevel: "ERROR",
                            ThrottlingRateLimit: 10,
                            ThrottlingBurstLimit: 20,
                        },
                        AccessLogSettings: {
                            DestinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:a",
                            Format: "$context.requestId",
                        },
                        ...properties,
                    },
                },
            });
            const at = "templateBody Resources.V (AWS::ApiGatewayV2::Stage): ";
            assert.deepStrictEqual(
                seen(
                    await stackWith(
                        stage({
                            DefaultRouteSettings: {
                                LoggingLevel: "DEBUG",
                                ThrottlingRateLimit: 10,
                                ThrottlingBurstLimit: 20,
                            },
                        }),
                    ),
                ),
                [[DEBUG, "mandatory", at + debugLevel("defaultRouteSettings.loggingLevel"), ""]],
            );
            assert.deepStrictEqual(
                seen(
                    await stackWith(
                        stage({ RouteSettings: JSON.stringify({ "POST /pay": { DataTraceEnabled: true } }) }),
                    ),
                ),
                [[DEBUG, "mandatory", at + dataTrace('routeSettings["POST /pay"].DataTraceEnabled for POST /pay'), ""]],
            );
            assert.deepStrictEqual(
                seen(
                    await stackWith(
                        stage({ RouteSettings: JSON.stringify({ "POST /pay": { DataTraceEnabled: false } }) }),
                    ),
                ),
                [],
            );
            assert.deepStrictEqual(seen(await stackWith(stage({}))), []);
        });

        it("MethodSettings given as a string: judged when it is JSON, cannot verify when it is not", async () => {
            const entry = {
                HttpMethod: "*",
                ResourcePath: "/*",
                MetricsEnabled: true,
                ThrottlingRateLimit: 1,
                ThrottlingBurstLimit: 2,
            };
            const at = "templateBody Resources.S (AWS::ApiGateway::Stage)";
            const json = (level: string) =>
                stackWith({
                    S: restStage({}, { MethodSettings: JSON.stringify([{ ...entry, LoggingLevel: level }]) }),
                });
            assert.deepStrictEqual(seen(await json("DEBUG")), [
                [DEBUG, "mandatory", `${at}: ${debugLevel("methodSettings[0].LoggingLevel")}`, ""],
            ]);
            assert.deepStrictEqual(seen(await json("INFO")), []);
            const what = `${at} methodSettings (a string that is not a JSON object or list)`;
            assert.deepStrictEqual(
                seen(await stackWith({ S: restStage({}, { MethodSettings: "DEBUG everywhere" }) })),
                [
                    DEBUG,
                    THROTTLING,
                    EXECUTION,
                    "apigateway-cache-encryption-required",
                    "apigateway-throttling-within-account-limits",
                ].map((policy) => [policy, "advisory", unreadable(policy, what), ""]),
            );
        });

        it("SAM AWS::Serverless::HttpApi: its stage's DefaultRouteSettings", async () => {
            const http = (rate: number) => ({
                Http: {
                    Type: "AWS::Serverless::HttpApi",
                    Properties: {
                        DefaultRouteSettings: { ThrottlingRateLimit: rate, ThrottlingBurstLimit: 10 },
                        AccessLogSettings: {
                            DestinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:a",
                            Format: "$context.requestId",
                        },
                    },
                },
            });
            const sam = { Transform: "AWS::Serverless-2016-10-31" };
            assert.deepStrictEqual(seen(await stackWith(http(-1), sam)), [
                [
                    THROTTLING,
                    "mandatory",
                    "templateBody Resources.Http (AWS::Serverless::HttpApi): defaultRouteSettings.throttlingRateLimit " +
                        "must be a positive number, got -1 (throttling disabled).",
                    "",
                ],
            ]);
            assert.deepStrictEqual(seen(await stackWith(http(5), sam)), []);
        });

        it("aws-native ExtensionResource and a Cloud Control desiredState: the resource itself", async () => {
            const extension = (level: string) =>
                analyze(
                    resource("prod", "aws-native:index:ExtensionResource", "stage", {
                        type: "AWS::ApiGateway::Stage",
                        properties: restStage({ LoggingLevel: level }).Properties,
                    }),
                );
            assert.deepStrictEqual(seen(await extension("DEBUG")), [
                [
                    DEBUG,
                    "mandatory",
                    `properties (AWS::ApiGateway::Stage): ${debugLevel("methodSettings[0].loggingLevel")}`,
                    "",
                ],
            ]);
            assert.deepStrictEqual(seen(await extension("INFO")), []);
            const request = (level: string) =>
                analyze(
                    resource("prod", "aws:cloudcontrol/resource:Resource", "stage", {
                        typeName: "AWS::ApiGateway::Stage",
                        desiredState: JSON.stringify(restStage({ LoggingLevel: level }).Properties),
                    }),
                );
            assert.deepStrictEqual(seen(await request("DEBUG")), [
                [
                    DEBUG,
                    "mandatory",
                    `desiredState (AWS::ApiGateway::Stage): ${debugLevel("methodSettings[0].loggingLevel")}`,
                    "",
                ],
            ]);
            assert.deepStrictEqual(seen(await request("ERROR")), []);
        });

        it("access logging, execution logging and X-Ray judge the stages inside templates too", async () => {
            const d = await stackWith({
                S: restStage({ LoggingLevel: "OFF" }, { AccessLogSetting: undefined, TracingEnabled: false }),
            });
            const at = "templateBody Resources.S (AWS::ApiGateway::Stage): ";
            assert.deepStrictEqual(seen(d), [
                [
                    ACCESS,
                    "mandatory",
                    at +
                        'accessLogSetting is not set, so the stage keeps no access logs in production stack "prod"; ' +
                        "set accessLogSetting.destinationArn and accessLogSetting.format.",
                    "",
                ],
                [
                    EXECUTION,
                    "advisory",
                    `${at}methodSettings[0].loggingLevel must be ERROR or INFO in production stack "prod", got "OFF".`,
                    "",
                ],
                [XRAY, "advisory", `${at}tracingEnabled must be true, got false.`, ""],
            ]);
            assert.deepStrictEqual(seen(await stackWith({ S: restStage() })), []);
        });

        it("aws:cloudformation/stackSet:StackSet in YAML: its own parameters", async () => {
            const body = [
                "Parameters:",
                "  Level: { Type: String, Default: INFO }",
                "Resources:",
                "  Stage:",
                "    Type: AWS::ApiGateway::Stage",
                "    Properties:",
                "      RestApiId: a1b2c3",
                "      StageName: prod",
                "      TracingEnabled: true",
                "      AccessLogSetting: { DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:a, Format: $context.requestId }",
                "      MethodSettings:",
                "        - { HttpMethod: '*', ResourcePath: /*, LoggingLevel: !Ref Level, MetricsEnabled: true, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }",
            ].join("\n");
            const set = (parameters: Record<string, string>) =>
                analyze(
                    resource("prod", "aws:cloudformation/stackSet:StackSet", "set", { templateBody: body, parameters }),
                );
            assert.deepStrictEqual(seen(await set({ Level: "DEBUG" })), [
                [
                    DEBUG,
                    "mandatory",
                    `templateBody Resources.Stage (AWS::ApiGateway::Stage): ${debugLevel("methodSettings[0].loggingLevel")}`,
                    "",
                ],
            ]);
            assert.deepStrictEqual(seen(await set({ Level: "INFO" })), []);
        });
    });
});
