import * as assert from "assert";
import { apigatewayNoDebugLoggingInProduction } from "../../../policies/policies/apigatewayNoDebugLoggingInProduction";
import * as t from "../../../policies/lib/types";
import {
    ANY_TYPED_PROPERTIES,
    CFN_STACK,
    CFN_STACK_SET,
    cfnName,
    cfnPath,
    CLOUDCONTROL_RESOURCE,
    EmbeddedResource,
    isTemplateCarrier,
    judgeVariants,
    NATIVE_ALARM,
    NATIVE_CFN_STACK,
    NATIVE_CFN_STACK_SET,
    NATIVE_EXTENSION_RESOURCE,
    readSetting,
    readSettingSpellings,
    sdkName,
    TemplateContents,
    templateContentsOf,
    TemplateOptions,
} from "../../../policies/lib/templates";
import { Findings, UNKNOWN } from "../../../policies/lib/unknowns";
import { runResource, UNKNOWN as WIRE_UNKNOWN, wireProps } from "../harness";

/** Reads a carrier whose props come off the wire as the server gives them. */
function contents(type: string, props: unknown, options?: TemplateOptions): TemplateContents {
    const result = templateContentsOf(type, wireProps(props), options);
    assert.ok(result !== undefined, `${type} carries templates`);
    return result;
}

/** A resource that depends on no unresolved condition. */
function plain(
    logicalId: string | undefined,
    cfnType: string,
    type: string,
    location: string,
    props: Record<string, unknown>,
): EmbeddedResource {
    return {
        logicalId,
        cfnType,
        type,
        props,
        location,
        exists: true,
        variants: [{ when: "", props }],
        unresolvedConditions: [],
    };
}

function stackOf(template: unknown, extra: Record<string, unknown> = {}): TemplateContents {
    return contents(CFN_STACK, {
        templateBody: typeof template === "string" ? template : JSON.stringify(template),
        ...extra,
    });
}

const STAGE = "AWS::ApiGateway::Stage";
const at = (logicalId: string, type = STAGE) => `templateBody Resources.${logicalId} (${type})`;

describe("policies/lib/templates", () => {
    describe("carriers", () => {
        it("reads only the types that carry templates or Cloud Control requests", () => {
            assert.strictEqual(templateContentsOf(t.NATIVE_STAGE, wireProps({})), undefined);
            assert.strictEqual(isTemplateCarrier(t.REST_STAGE), false);
            for (const type of [CFN_STACK, CFN_STACK_SET, NATIVE_CFN_STACK, NATIVE_CFN_STACK_SET]) {
                assert.strictEqual(isTemplateCarrier(type), true);
            }
            assert.strictEqual(isTemplateCarrier(CLOUDCONTROL_RESOURCE), true);
            assert.strictEqual(isTemplateCarrier(NATIVE_EXTENSION_RESOURCE), true);
        });

        it("ignores resources that are not API Gateway's", () => {
            const result = stackOf({
                Resources: { Bucket: { Type: "AWS::S3::Bucket", Properties: { BucketName: "b" } } },
            });
            assert.deepStrictEqual(result, { resources: [], cannotVerify: [] });
        });
    });

    describe("JSON templates with long-form intrinsics", () => {
        it("resolves Ref, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap and AWS::NoValue, and leaves Fn::GetAtt unknown", () => {
            const template = {
                Parameters: {
                    Env: { Type: "String" },
                    Level: { Type: "String", Default: "ERROR" },
                    Rate: { Type: "Number", Default: 50 },
                    Methods: { Type: "CommaDelimitedList", Default: "GET, POST" },
                },
                Mappings: { Limits: { prod: { Burst: 200 } } },
                Resources: {
                    ProdStage: {
                        Type: STAGE,
                        Properties: {
                            RestApiId: { Ref: "Api" },
                            StageName: { "Fn::Sub": "${Env}-${AWS::Region}" },
                            Description: { "Fn::Join": ["/", ["a", { Ref: "Env" }, 3]] },
                            DeploymentId: { "Fn::GetAtt": ["Deployment", "DeploymentId"] },
                            TracingEnabled: { Ref: "AWS::NoValue" },
                            MethodSettings: [
                                {
                                    HttpMethod: { "Fn::Select": [1, { Ref: "Methods" }] },
                                    ResourcePath: { "Fn::Select": [0, { "Fn::Split": [",", "/*,/x"] }] },
                                    LoggingLevel: { Ref: "Level" },
                                    ThrottlingRateLimit: { Ref: "Rate" },
                                    ThrottlingBurstLimit: { "Fn::FindInMap": ["Limits", { Ref: "Env" }, "Burst"] },
                                },
                            ],
                            Variables: { Mode: { "Fn::Sub": ["${X}!", { X: "on" }] } },
                        },
                    },
                },
            };
            const result = stackOf(template, { parameters: { Env: "prod" }, region: "eu-west-1" });
            assert.deepStrictEqual(result, {
                resources: [
                    plain("ProdStage", STAGE, t.NATIVE_STAGE, at("ProdStage"), {
                        restApiId: UNKNOWN,
                        stageName: "prod-eu-west-1",
                        description: "a/prod/3",
                        deploymentId: UNKNOWN,
                        methodSettings: [
                            {
                                httpMethod: "POST",
                                resourcePath: "/*",
                                loggingLevel: "ERROR",
                                // CloudFormation gives a Number parameter as a string and converts it.
                                throttlingRateLimit: 50,
                                throttlingBurstLimit: 200,
                            },
                        ],
                        variables: { Mode: "on!" },
                    }),
                ],
                cannotVerify: [],
            });
        });

        it("makes unresolvable intrinsics UNKNOWN exactly where they are, and nowhere else", () => {
            const template = {
                Parameters: { NoDefault: { Type: "String" }, FromSsm: { Type: "AWS::SSM::Parameter::Value<String>" } },
                Resources: {
                    S: {
                        Type: STAGE,
                        Properties: {
                            StageName: "fixed",
                            MethodSettings: [
                                {
                                    HttpMethod: "*",
                                    ResourcePath: "/*",
                                    LoggingLevel: { Ref: "NoDefault" },
                                    DataTraceEnabled: { Ref: "FromSsm" },
                                    MetricsEnabled: "{{resolve:ssm:/metrics}}",
                                    ThrottlingRateLimit: { "Fn::ImportValue": "shared-rate" },
                                    ThrottlingBurstLimit: { "Fn::Sub": "${Res.Attr}" },
                                    CachingEnabled: { "Fn::Future": [] },
                                    CacheDataEncrypted: false,
                                },
                            ],
                            AccessLogSetting: { "Fn::Transform": { Name: "AWS::Include", Parameters: {} } },
                        },
                    },
                },
            };
            assert.deepStrictEqual(stackOf(template).resources, [
                plain("S", STAGE, t.NATIVE_STAGE, at("S"), {
                    stageName: "fixed",
                    methodSettings: [
                        {
                            httpMethod: "*",
                            resourcePath: "/*",
                            loggingLevel: UNKNOWN,
                            dataTraceEnabled: UNKNOWN,
                            metricsEnabled: UNKNOWN,
                            throttlingRateLimit: UNKNOWN,
                            throttlingBurstLimit: UNKNOWN,
                            cachingEnabled: UNKNOWN,
                            cacheDataEncrypted: false,
                        },
                    ],
                    accessLogSetting: UNKNOWN,
                }),
            ]);
        });

        it("takes parameters from the resource, then the Default; an unknown map or value makes them unknown", () => {
            const template = {
                Parameters: { Level: { Type: "String", Default: "ERROR" } },
                Resources: { S: { Type: STAGE, Properties: { MethodSettings: [{ LoggingLevel: { Ref: "Level" } }] } } },
            };
            const level = (extra: Record<string, unknown>) =>
                (stackOf(template, extra).resources[0].props.methodSettings as any[])[0].loggingLevel;
            assert.strictEqual(level({}), "ERROR");
            assert.strictEqual(level({ parameters: { Level: "INFO" } }), "INFO");
            assert.strictEqual(level({ parameters: { Level: WIRE_UNKNOWN } }), UNKNOWN);
            assert.strictEqual(level({ parameters: WIRE_UNKNOWN }), UNKNOWN);
            assert.strictEqual(level({ parameters: { Other: "x" } }), "ERROR");
        });

        it("converts strings CloudFormation converts, outside maps keyed by user data", () => {
            const template = {
                Resources: {
                    S: {
                        Type: STAGE,
                        Properties: {
                            MethodSettings: [
                                { ThrottlingBurstLimit: "100", DataTraceEnabled: "TRUE", LoggingLevel: "INFO" },
                            ],
                            Variables: { ThrottlingBurstLimit: "100", DataTraceEnabled: "true" },
                        },
                    },
                },
            };
            assert.deepStrictEqual(stackOf(template).resources[0].props, {
                methodSettings: [{ throttlingBurstLimit: 100, dataTraceEnabled: true, loggingLevel: "INFO" }],
                variables: { ThrottlingBurstLimit: "100", DataTraceEnabled: "true" },
            });
        });
    });

    describe("YAML templates with short-form intrinsics", () => {
        const yamlTemplate = `
AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Env:
    Type: String
    Default: prod
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: !Sub "\${Env}-v1"
      DeploymentId: !GetAtt Deployment.DeploymentId
      Description: !Join [":", [!Ref Env, !Select [0, !Split ["-", "a-b"]]]]
      TracingEnabled: yes
      AccessLogSetting:
        DestinationArn: !GetAtt [Logs, Arn]
        Format: '$context.requestId'
      MethodSettings:
        - HttpMethod: "*"
          ResourcePath: /*
          DataTraceEnabled: off
          LoggingLevel: !If [Never, DEBUG, INFO]
          ThrottlingRateLimit: 100
          ThrottlingBurstLimit: 200
Conditions:
  Never: !Equals [!Ref Env, nowhere]
`;

        it("reads the short forms, the dotted !GetAtt and YAML 1.1 booleans as CloudFormation does", () => {
            assert.deepStrictEqual(stackOf(yamlTemplate), {
                resources: [
                    plain("Prod", STAGE, t.NATIVE_STAGE, at("Prod"), {
                        restApiId: UNKNOWN,
                        stageName: "prod-v1",
                        deploymentId: UNKNOWN,
                        description: "prod:a",
                        tracingEnabled: true,
                        accessLogSetting: { destinationArn: UNKNOWN, format: "$context.requestId" },
                        methodSettings: [
                            {
                                httpMethod: "*",
                                resourcePath: "/*",
                                dataTraceEnabled: false,
                                loggingLevel: "INFO",
                                throttlingRateLimit: 100,
                                throttlingBurstLimit: 200,
                            },
                        ],
                    }),
                ],
                cannotVerify: [],
            });
        });

        it("reads a YAML template given as JSON with the same result as the YAML", () => {
            const json = {
                Resources: {
                    Prod: {
                        Type: STAGE,
                        Properties: { StageName: { "Fn::Sub": "${AWS::StackName}" }, TracingEnabled: true },
                    },
                },
            };
            const yamlText =
                "Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      StageName: !Sub ${AWS::StackName}\n      TracingEnabled: true\n";
            assert.deepStrictEqual(stackOf(json, { name: "orders" }), stackOf(yamlText, { name: "orders" }));
            assert.deepStrictEqual(stackOf(yamlText, { name: "orders" }).resources[0].props, {
                stageName: "orders",
                tracingEnabled: true,
            });
        });
    });

    describe("conditions", () => {
        const template = (condition: unknown) => ({
            Parameters: { Env: { Type: "String" }, Region: { Type: "String", Default: "eu" } },
            Conditions: {
                IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] },
                IsEu: { "Fn::Equals": ["eu", { Ref: "Region" }] },
                ProdInEu: { "Fn::And": [{ Condition: "IsProd" }, { Condition: "IsEu" }] },
                NotProd: { "Fn::Not": [{ Condition: "IsProd" }] },
                Either: { "Fn::Or": [{ Condition: "IsProd" }, { Condition: "IsEu" }] },
            },
            Resources: {
                S: {
                    Type: STAGE,
                    Properties: {
                        StageName: "s",
                        MethodSettings: [
                            {
                                HttpMethod: "*",
                                ResourcePath: "/*",
                                LoggingLevel: { "Fn::If": [condition, "INFO", "ERROR"] },
                                ThrottlingRateLimit: 10,
                            },
                        ],
                    },
                },
            },
        });
        const level = (condition: string, env: unknown) =>
            (stackOf(template(condition), { parameters: { Env: env } }).resources[0].props.methodSettings as any[])[0]
                .loggingLevel;

        it("resolves Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition over resolvable values", () => {
            assert.strictEqual(level("IsProd", "prod"), "INFO");
            assert.strictEqual(level("IsProd", "dev"), "ERROR");
            assert.strictEqual(level("ProdInEu", "prod"), "INFO");
            assert.strictEqual(level("ProdInEu", "dev"), "ERROR");
            assert.strictEqual(level("NotProd", "prod"), "ERROR");
            // Or with a true operand is decided even when the other is unknown.
            assert.strictEqual(level("Either", WIRE_UNKNOWN), "INFO");
            // And with a false operand likewise.
            assert.strictEqual(level("ProdInEu", "dev"), "ERROR");
        });

        it("keeps what both branches agree on, makes the rest UNKNOWN, and lists each world", () => {
            const result = stackOf(template("IsProd"), { parameters: { Env: WIRE_UNKNOWN } });
            const settings = (loggingLevel: unknown) => ({
                stageName: "s",
                methodSettings: [{ httpMethod: "*", resourcePath: "/*", loggingLevel, throttlingRateLimit: 10 }],
            });
            assert.deepStrictEqual(result.resources, [
                {
                    logicalId: "S",
                    cfnType: STAGE,
                    type: t.NATIVE_STAGE,
                    props: settings(UNKNOWN),
                    location: at("S"),
                    exists: true,
                    variants: [
                        { when: "IsProd is false", props: settings("ERROR") },
                        { when: "IsProd is true", props: settings("INFO") },
                    ],
                    unresolvedConditions: ["templateBody Conditions.IsProd"],
                },
            ]);
        });

        it("drops a resource whose Condition is false and marks one whose Condition is unresolved", () => {
            const conditional = (env: unknown) =>
                stackOf(
                    {
                        Parameters: { Env: { Type: "String" } },
                        Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
                        Resources: { S: { Type: STAGE, Condition: "IsProd", Properties: { StageName: "s" } } },
                    },
                    { parameters: { Env: env } },
                ).resources;
            assert.deepStrictEqual(conditional("dev"), []);
            assert.deepStrictEqual(conditional("prod"), [
                plain("S", STAGE, t.NATIVE_STAGE, at("S"), { stageName: "s" }),
            ]);
            assert.deepStrictEqual(conditional(WIRE_UNKNOWN), [
                {
                    logicalId: "S",
                    cfnType: STAGE,
                    type: t.NATIVE_STAGE,
                    props: { stageName: "s" },
                    location: at("S"),
                    exists: UNKNOWN,
                    variants: [
                        { when: "IsProd is false", props: undefined },
                        { when: "IsProd is true", props: { stageName: "s" } },
                    ],
                    unresolvedConditions: ["templateBody Conditions.IsProd"],
                },
            ]);
        });

        it("judges the worlds together: a violation only where every world violates", () => {
            const [resource] = stackOf(template("IsProd"), { parameters: { Env: WIRE_UNKNOWN } }).resources;
            const judge = (forbidden: string[]) => (props: Record<string, unknown>) => {
                const f = new Findings();
                const level = (props.methodSettings as any[])[0].loggingLevel;
                if (forbidden.includes(level)) {
                    f.violation(`loggingLevel is ${level}`);
                }
                return f;
            };
            const both = judgeVariants(resource, judge(["INFO", "ERROR"]));
            assert.deepStrictEqual(both.violations, [
                "loggingLevel is ERROR (when IsProd is false)",
                "loggingLevel is INFO (when IsProd is true)",
            ]);
            const one = judgeVariants(resource, judge(["INFO"]));
            assert.deepStrictEqual([one.violations, one.unknownPaths], [[], ["templateBody Conditions.IsProd"]]);
            const none = judgeVariants(resource, judge(["DEBUG"]));
            assert.deepStrictEqual([none.violations, none.unknownPaths], [[], []]);
        });
    });

    describe("AWS::ApiGateway::Deployment and AWS::ApiGatewayV2::Stage", () => {
        it("reads a Deployment with StageName only as a stage with no settings", () => {
            const result = stackOf({
                Resources: {
                    Dep: { Type: "AWS::ApiGateway::Deployment", Properties: { RestApiId: "a1", StageName: "prod" } },
                },
            });
            assert.deepStrictEqual(result.resources, [
                plain(
                    "Dep",
                    "AWS::ApiGateway::Deployment",
                    t.NATIVE_DEPLOYMENT,
                    at("Dep", "AWS::ApiGateway::Deployment"),
                    {
                        restApiId: "a1",
                        stageName: "prod",
                    },
                ),
            ]);
        });

        it("reads a Deployment's StageDescription, keeping its variable names", () => {
            const result = stackOf({
                Resources: {
                    Dep: {
                        Type: "AWS::ApiGateway::Deployment",
                        Properties: {
                            StageName: "prod",
                            StageDescription: {
                                LoggingLevel: "INFO",
                                DataTraceEnabled: true,
                                MethodSettings: [
                                    { HttpMethod: "GET", ResourcePath: "/~1orders", ThrottlingRateLimit: 5 },
                                ],
                                Variables: { LambdaAlias: "live" },
                                CanarySetting: {
                                    StageVariableOverrides: { LambdaAlias: "canary" },
                                    PercentTraffic: "10",
                                },
                            },
                        },
                    },
                },
            });
            assert.deepStrictEqual(result.resources[0].props, {
                stageName: "prod",
                stageDescription: {
                    loggingLevel: "INFO",
                    dataTraceEnabled: true,
                    methodSettings: [{ httpMethod: "GET", resourcePath: "/~1orders", throttlingRateLimit: 5 }],
                    variables: { LambdaAlias: "live" },
                    canarySetting: { stageVariableOverrides: { LambdaAlias: "canary" }, percentTraffic: 10 },
                },
            });
        });

        it("reads a v2 Stage, keeping route keys, stage variables and tags as written", () => {
            const result = stackOf(`
Resources:
  Ws:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: api1
      StageName: prod
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, LoggingLevel: ERROR }
      RouteSettings:
        $connect: { DataTraceEnabled: true, LoggingLevel: INFO }
        "GET /orders": { ThrottlingRateLimit: -1 }
      StageVariables: { StageVar: x }
      Tags: { TeamName: api }
      AccessLogSettings: { DestinationArn: arn:aws:logs:x, Format: $context.requestId }
`);
            assert.deepStrictEqual(result.resources, [
                plain("Ws", "AWS::ApiGatewayV2::Stage", t.NATIVE_V2_STAGE, at("Ws", "AWS::ApiGatewayV2::Stage"), {
                    apiId: "api1",
                    stageName: "prod",
                    defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20, loggingLevel: "ERROR" },
                    routeSettings: {
                        $connect: { dataTraceEnabled: true, loggingLevel: "INFO" },
                        "GET /orders": { throttlingRateLimit: -1 },
                    },
                    stageVariables: { StageVar: "x" },
                    tags: { TeamName: "api" },
                    accessLogSettings: { destinationArn: "arn:aws:logs:x", format: "$context.requestId" },
                }),
            ]);
        });

        it("reads quick-create APIs, log groups and alarms in their aws-native shapes", () => {
            const result = stackOf({
                Resources: {
                    Http: {
                        Type: "AWS::ApiGatewayV2::Api",
                        Properties: { Name: "n", ProtocolType: "HTTP", Target: "arn:fn" },
                    },
                    Logs: { Type: "AWS::Logs::LogGroup", Properties: { LogGroupName: "g", RetentionInDays: "30" } },
                    Alarm: {
                        Type: "AWS::CloudWatch::Alarm",
                        Properties: {
                            MetricName: "5XXError",
                            Dimensions: [{ Name: "ApiName", Value: "orders" }],
                            OKActions: [],
                        },
                    },
                },
            });
            assert.deepStrictEqual(
                result.resources.map((r) => [r.type, r.props]),
                [
                    [t.NATIVE_V2_API, { name: "n", protocolType: "HTTP", target: "arn:fn" }],
                    [t.NATIVE_LOG_GROUP, { logGroupName: "g", retentionInDays: 30 }],
                    [
                        NATIVE_ALARM,
                        { metricName: "5XXError", dimensions: [{ name: "ApiName", value: "orders" }], okActions: [] },
                    ],
                ],
            );
        });
    });

    describe("SAM", () => {
        it("reads AWS::Serverless::Api as its stage, with Globals, and the extra stage SAM adds", () => {
            const result = stackOf(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    TracingEnabled: true
    MethodSettings:
      - { HttpMethod: "*", ResourcePath: "/*", DataTraceEnabled: true }
    Variables: { Shared: g }
Resources:
  Orders:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody: { openapi: 3.0.1 }
      MethodSettings:
        - { HttpMethod: GET, ResourcePath: /orders, ThrottlingRateLimit: 5 }
      AccessLogSetting: { DestinationArn: arn:logs, Format: $context.requestId }
      Variables: { Own: o }
      Tags: { team: api }
`);
            const location = at("Orders", "AWS::Serverless::Api");
            assert.deepStrictEqual(result, {
                resources: [
                    plain("Orders", "AWS::Serverless::Api", t.NATIVE_STAGE, location, {
                        tracingEnabled: true,
                        // Globals' list entries come first.
                        methodSettings: [
                            { httpMethod: "*", resourcePath: "/*", dataTraceEnabled: true },
                            { httpMethod: "GET", resourcePath: "/orders", throttlingRateLimit: 5 },
                        ],
                        variables: { Shared: "g", Own: "o" },
                        stageName: "prod",
                        accessLogSetting: { destinationArn: "arn:logs", format: "$context.requestId" },
                        tags: [{ key: "team", value: "api" }],
                        restApiId: UNKNOWN,
                    }),
                    plain(
                        "Orders",
                        "AWS::Serverless::Api",
                        t.NATIVE_DEPLOYMENT,
                        'templateBody Resources.Orders (AWS::Serverless::Api: the stage "Stage" SAM adds unless OpenApiVersion is set)',
                        { restApiId: UNKNOWN, stageName: "Stage" },
                    ),
                ],
                cannotVerify: [],
            });
        });

        it("adds no extra stage when OpenApiVersion is set, in Globals or on the API", () => {
            const api = (globals: string, property: string) =>
                stackOf(
                    `Globals:\n  Api:\n    ${globals}\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: p\n      ${property}\n`,
                ).resources.map((r) => r.type);
            assert.deepStrictEqual(api("OpenApiVersion: 3.0.1", "Name: a"), [t.NATIVE_STAGE]);
            assert.deepStrictEqual(api("Name: a", "OpenApiVersion: '2.0'"), [t.NATIVE_STAGE]);
            assert.deepStrictEqual(api("Name: a", "Description: d"), [t.NATIVE_STAGE, t.NATIVE_DEPLOYMENT]);
            const unsure = stackOf(
                "Parameters: { V: { Type: String } }\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties: { StageName: p, OpenApiVersion: !Ref V }\n",
                { parameters: WIRE_UNKNOWN },
            ).resources[1];
            assert.deepStrictEqual(
                [unsure.exists, unsure.variants.map((v) => v.when), unsure.unresolvedConditions],
                [
                    UNKNOWN,
                    ["it is created", "it is not created"],
                    ["templateBody Resources.A.Properties.OpenApiVersion"],
                ],
            );
        });

        it("reads AWS::Serverless::HttpApi as its stage, $default unless named", () => {
            const result = stackOf(`
Globals:
  HttpApi:
    DefaultRouteSettings: { ThrottlingBurstLimit: 10 }
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefaultRouteSettings: { ThrottlingRateLimit: 5 }
      RouteSettings: { "POST /pay": { DetailedMetricsEnabled: true } }
      StageVariables: { V: x }
`);
            assert.deepStrictEqual(result.resources, [
                plain("Http", "AWS::Serverless::HttpApi", t.NATIVE_V2_STAGE, at("Http", "AWS::Serverless::HttpApi"), {
                    defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5 },
                    routeSettings: { "POST /pay": { detailedMetricsEnabled: true } },
                    stageVariables: { V: "x" },
                    apiId: UNKNOWN,
                    stageName: "$default",
                }),
            ]);
        });

        it("reads the implicit APIs that functions' events create", () => {
            const result = stackOf(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api: { OpenApiVersion: 3.0.1, TracingEnabled: true }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
        Http: { Type: HttpApi }
        Own: { Type: Api, Properties: { RestApiId: !Ref Mine, Path: /x, Method: get } }
`);
            assert.deepStrictEqual(result.resources, [
                plain(
                    "ServerlessRestApi",
                    "AWS::Serverless::Api",
                    t.NATIVE_STAGE,
                    "templateBody Resources.ServerlessRestApi (the REST API SAM creates for the Api events of Fn)",
                    { stageName: "Prod", tracingEnabled: true, restApiId: UNKNOWN },
                ),
                plain(
                    "ServerlessHttpApi",
                    "AWS::Serverless::HttpApi",
                    t.NATIVE_V2_STAGE,
                    "templateBody Resources.ServerlessHttpApi (the HTTP API SAM creates for the HttpApi events of Fn)",
                    { apiId: UNKNOWN, stageName: "$default" },
                ),
            ]);
        });
    });

    describe("other carriers", () => {
        const template = JSON.stringify({
            Parameters: { Level: { Type: "String", Default: "ERROR" } },
            Resources: { S: { Type: STAGE, Properties: { MethodSettings: [{ LoggingLevel: { Ref: "Level" } }] } } },
        });
        const levels = (result: TemplateContents) =>
            result.resources.map((r) => [r.location, (r.props.methodSettings as any[])[0].loggingLevel]);

        it("reads a StackSet, with a StackSetInstance's overrides when the caller has them", () => {
            assert.deepStrictEqual(
                levels(contents(CFN_STACK_SET, { templateBody: template, parameters: { Level: "INFO" } })),
                [[at("S"), "INFO"]],
            );
            const overridden = contents(
                CFN_STACK_SET,
                { templateBody: template },
                { parameterOverrides: { Level: "OFF" } },
            );
            assert.deepStrictEqual(levels(overridden), [[at("S"), "OFF"]]);
            const unknown = contents(CFN_STACK_SET, { templateBody: template }, { parameterOverrides: UNKNOWN });
            assert.deepStrictEqual(levels(unknown), [[at("S"), UNKNOWN]]);
        });

        it("reads an aws-native StackSet once for its parameters and once per instance group that overrides them", () => {
            const result = contents(NATIVE_CFN_STACK_SET, {
                templateBody: template,
                parameters: [{ parameterKey: "Level", parameterValue: "INFO" }],
                stackInstancesGroup: [
                    { regions: ["eu-west-1"] },
                    { parameterOverrides: [{ parameterKey: "Level", parameterValue: "OFF" }] },
                ],
            });
            assert.deepStrictEqual(levels(result), [
                [at("S"), "INFO"],
                [
                    "templateBody (with stackInstancesGroup[1].parameterOverrides) Resources.S (AWS::ApiGateway::Stage)",
                    "OFF",
                ],
            ]);
        });

        it("reads an aws-native stack whose template is an object, with unknown values where the engine has them", () => {
            const result = contents(NATIVE_CFN_STACK, {
                stackName: "orders",
                templateBody: {
                    Resources: {
                        S: {
                            Type: STAGE,
                            Properties: {
                                RestApiId: WIRE_UNKNOWN,
                                StageName: { "Fn::Sub": "${AWS::StackName}" },
                                MethodSettings: [{ HttpMethod: "*", ResourcePath: "/*", LoggingLevel: "INFO" }],
                            },
                        },
                        Unseen: WIRE_UNKNOWN,
                    },
                },
            });
            assert.deepStrictEqual(result, {
                resources: [
                    plain("S", STAGE, t.NATIVE_STAGE, at("S"), {
                        restApiId: UNKNOWN,
                        stageName: "orders",
                        methodSettings: [{ httpMethod: "*", resourcePath: "/*", loggingLevel: "INFO" }],
                    }),
                ],
                cannotVerify: [
                    { location: "templateBody Resources.Unseen", reason: "its value is unknown during preview" },
                ],
            });
            assert.deepStrictEqual(contents(NATIVE_CFN_STACK, { templateBody: template }).resources.length, 1);
        });

        it("reads Cloud Control requests as the resource itself, and stacks inside them", () => {
            const v2 = contents(CLOUDCONTROL_RESOURCE, {
                typeName: "AWS::ApiGatewayV2::Stage",
                desiredState: JSON.stringify({
                    ApiId: "api1",
                    StageName: "prod",
                    RouteSettings: { $default: { LoggingLevel: "INFO", DataTraceEnabled: true } },
                    // Cloud Control runs no intrinsic functions: this is sent, and rejected, as it is.
                    DefaultRouteSettings: { ThrottlingRateLimit: { Ref: "X" } },
                }),
            });
            assert.deepStrictEqual(v2.resources, [
                plain(
                    undefined,
                    "AWS::ApiGatewayV2::Stage",
                    t.NATIVE_V2_STAGE,
                    "desiredState (AWS::ApiGatewayV2::Stage)",
                    {
                        apiId: "api1",
                        stageName: "prod",
                        routeSettings: { $default: { loggingLevel: "INFO", dataTraceEnabled: true } },
                        defaultRouteSettings: { throttlingRateLimit: { ref: "X" } },
                    },
                ),
            ]);
            const stack = contents(CLOUDCONTROL_RESOURCE, {
                typeName: "AWS::CloudFormation::Stack",
                desiredState: JSON.stringify({ TemplateBody: template, Parameters: { Level: "INFO" } }),
            });
            assert.deepStrictEqual(levels(stack), [
                ["desiredState.TemplateBody Resources.S (AWS::ApiGateway::Stage)", "INFO"],
            ]);
            assert.deepStrictEqual(
                contents(CLOUDCONTROL_RESOURCE, { typeName: "AWS::S3::Bucket", desiredState: "{}" }),
                { resources: [], cannotVerify: [] },
            );
        });

        it("reads aws-native's ExtensionResource", () => {
            const result = contents(NATIVE_EXTENSION_RESOURCE, {
                type: "AWS::ApiGateway::Deployment",
                properties: { RestApiId: WIRE_UNKNOWN, StageName: "prod" },
            });
            assert.deepStrictEqual(result.resources, [
                plain(
                    undefined,
                    "AWS::ApiGateway::Deployment",
                    t.NATIVE_DEPLOYMENT,
                    "properties (AWS::ApiGateway::Deployment)",
                    {
                        restApiId: UNKNOWN,
                        stageName: "prod",
                    },
                ),
            ]);
        });

        it("expands Fn::ForEach over a known collection", () => {
            const result = stackOf(`
Transform: AWS::LanguageExtensions
Parameters: { Names: { Type: CommaDelimitedList, Default: "blue,green-1" } }
Resources:
  Fn::ForEach::Stages:
    - Color
    - !Ref Names
    - "Stage&{Color}":
        Type: AWS::ApiGateway::Stage
        Properties: { StageName: !Ref Color, Description: "\${Color} stage" }
`);
            assert.deepStrictEqual(
                result.resources.map((r) => [r.logicalId, r.props]),
                [
                    ["Stageblue", { stageName: "blue", description: "blue stage" }],
                    ["Stagegreen1", { stageName: "green-1", description: "green-1 stage" }],
                ],
            );
        });
    });

    describe("what cannot be read", () => {
        const reason = (result: TemplateContents) => result.cannotVerify;

        it("a template given only by URL, and a body unknown in preview", () => {
            assert.deepStrictEqual(reason(contents(CFN_STACK, { templateUrl: "https://s3.amazonaws.com/b/t.yaml" })), [
                { location: "templateUrl", reason: "the template is fetched from a URL, which the pack cannot read" },
            ]);
            assert.deepStrictEqual(reason(contents(NATIVE_CFN_STACK, { templateUrl: WIRE_UNKNOWN })), [
                { location: "templateUrl", reason: "the template is fetched from a URL, which the pack cannot read" },
            ]);
            assert.deepStrictEqual(reason(contents(CFN_STACK, { templateBody: WIRE_UNKNOWN })), [
                { location: "templateBody", reason: "its value is unknown during preview" },
            ]);
            // Neither: CloudFormation rejects the stack.
            assert.deepStrictEqual(contents(CFN_STACK, {}), { resources: [], cannotVerify: [] });
        });

        it("broken JSON and YAML, CloudFormation-unsupported YAML, and duplicate keys", () => {
            const cases: [string, string][] = [
                ['{"Resources": {', "BAD_INDENT at line 1, column 16"],
                ["Resources:\n  A: [1,\n", "BAD_INDENT at line 3, column 1"],
                [
                    "Resources:\n  S:\n    Type: !Foo AWS::ApiGateway::Stage\n",
                    "TAG_RESOLVE_FAILED at line 3, column 11",
                ],
                [
                    "Resources:\n  S:\n    Properties:\n      Description: !Base64 !Sub x\n",
                    "MULTIPLE_TAGS at line 4, column 28",
                ],
                ["Created: !!timestamp 2001-12-14\nResources: {}\n", "TAG_RESOLVE_FAILED at line 1, column 10"],
                ["Resources:\n  S: 1\n  S: 2\n", "DUPLICATE_KEY at line 3, column 3"],
            ];
            for (const [body, error] of cases) {
                assert.deepStrictEqual(reason(stackOf(body)), [
                    {
                        location: "templateBody",
                        reason: `it is neither valid JSON nor valid CloudFormation YAML (${error})`,
                    },
                ]);
            }
            assert.deepStrictEqual(reason(stackOf('"just a string"')), [
                { location: "templateBody", reason: "it is not a template (a mapping of sections)" },
            ]);
        });

        it("a desiredState that is not JSON, or unknown, and an unknown type name", () => {
            const stage = "AWS::ApiGateway::Stage";
            assert.deepStrictEqual(
                reason(contents(CLOUDCONTROL_RESOURCE, { typeName: stage, desiredState: "{nope" })),
                [{ location: "desiredState", reason: "it is not a JSON object" }],
            );
            assert.deepStrictEqual(
                reason(contents(CLOUDCONTROL_RESOURCE, { typeName: stage, desiredState: WIRE_UNKNOWN })),
                [{ location: "desiredState", reason: "its value is unknown during preview" }],
            );
            assert.deepStrictEqual(
                reason(contents(CLOUDCONTROL_RESOURCE, { typeName: WIRE_UNKNOWN, desiredState: "{}" })),
                [{ location: "typeName", reason: "its value is unknown during preview" }],
            );
            assert.deepStrictEqual(
                reason(contents(NATIVE_EXTENSION_RESOURCE, { type: stage, properties: WIRE_UNKNOWN })),
                [{ location: "properties", reason: "its value is unknown during preview" }],
            );
        });

        it("macros, nested stacks, nested applications and loops over unknown collections", () => {
            const result = stackOf(`
Transform: [AWS::Serverless-2016-10-31, Expander]
Parameters: { Names: { Type: CommaDelimitedList } }
Resources:
  Child: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: https://x/t.yaml } }
  App: { Type: AWS::Serverless::Application, Properties: { Location: https://x/app.yaml } }
  Fn::ForEach::Stages:
    - Name
    - !Ref Names
    - "S\${Name}": { Type: AWS::ApiGateway::Stage }
  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/more.yaml } }
  Kept: { Type: AWS::ApiGateway::Deployment, Properties: { StageName: kept } }
`);
            assert.deepStrictEqual(result.cannotVerify, [
                {
                    location: "templateBody Transform",
                    reason: 'the macro "Expander" rewrites the template before CloudFormation creates it',
                },
                {
                    location: "templateBody Resources",
                    reason: "Fn::Transform inserts resources from a macro before CloudFormation creates them",
                },
                {
                    location: "templateBody Resources.Fn::ForEach::Stages",
                    reason: "its collection cannot be resolved, so the resources it creates are not known",
                },
                {
                    location: "templateBody Resources.Child (AWS::CloudFormation::Stack)",
                    reason: "a nested stack's template is fetched from its TemplateURL, which the pack cannot read",
                },
                {
                    location: "templateBody Resources.App (AWS::Serverless::Application)",
                    reason: "a nested application's template is fetched from its Location, which the pack cannot read",
                },
            ]);
            assert.deepStrictEqual(
                result.resources.map((r) => r.props),
                [{ stageName: "kept" }],
            );
        });

        it("reads a stack set nested in a template, and reports one whose body CloudFormation computes", () => {
            const inner = JSON.stringify({
                Resources: { D: { Type: "AWS::ApiGateway::Deployment", Properties: { StageName: "inner" } } },
            });
            const result = stackOf({
                Resources: {
                    Set: { Type: "AWS::CloudFormation::StackSet", Properties: { TemplateBody: inner } },
                    Computed: {
                        Type: "AWS::CloudFormation::StackSet",
                        Properties: { TemplateBody: { "Fn::GetAtt": ["Bucket", "Body"] } },
                    },
                },
            });
            assert.deepStrictEqual(
                result.resources.map((r) => [r.location, r.props]),
                [
                    [
                        "templateBody Resources.Set (AWS::CloudFormation::StackSet) TemplateBody Resources.D (AWS::ApiGateway::Deployment)",
                        { stageName: "inner" },
                    ],
                ],
            );
            assert.deepStrictEqual(result.cannotVerify, [
                {
                    location: "templateBody Resources.Computed (AWS::CloudFormation::StackSet) TemplateBody",
                    reason: "its value is computed by CloudFormation, which the pack cannot do",
                },
            ]);
        });

        it("a template too deeply nested to evaluate", () => {
            let value: unknown = "INFO";
            for (let i = 0; i < 200; i++) {
                value = { "Fn::Select": [0, [value]] };
            }
            const result = stackOf({
                Resources: { S: { Type: STAGE, Properties: { MethodSettings: [{ LoggingLevel: value }] } } },
            });
            assert.deepStrictEqual(result, {
                resources: [],
                cannotVerify: [
                    { location: "templateBody", reason: "the template is too large or too deeply nested to evaluate" },
                ],
            });
        });
    });

    describe("the existing checks run on what a template creates", () => {
        it("the DEBUG policy blocks data trace in a stage inside a stack", () => {
            const [stage] = stackOf({
                Resources: {
                    S: {
                        Type: STAGE,
                        Properties: {
                            MethodSettings: [{ HttpMethod: "*", ResourcePath: "/*", DataTraceEnabled: "true" }],
                        },
                    },
                },
            }).resources;
            const verdict = runResource(apigatewayNoDebugLoggingInProduction, {
                type: stage.type,
                props: stage.props,
                proxied: true,
            });
            assert.deepStrictEqual(verdict.violations, [
                'methodSettings[0].dataTraceEnabled must be false in production stack "prod", got true: it logs full request and response data.',
            ]);
            assert.strictEqual(
                `${stage.location} ${cfnPath("methodSettings[0].dataTraceEnabled")}`,
                "templateBody Resources.S (AWS::ApiGateway::Stage) MethodSettings[0].DataTraceEnabled",
            );
        });
    });

    describe("properties aws-native types as Any", () => {
        it("lists them with the schema's evidence", () => {
            assert.deepStrictEqual(ANY_TYPED_PROPERTIES, {
                [t.NATIVE_V2_STAGE]: ["routeSettings", "stageVariables", "tags"],
            });
        });

        it("reads a setting under CloudFormation's spelling first, then the SDK's", () => {
            const entry = wireProps({
                DataTraceEnabled: true,
                loggingLevel: "INFO",
                ThrottlingRateLimit: WIRE_UNKNOWN,
            });
            assert.deepStrictEqual(readSetting(entry, "dataTraceEnabled"), { key: "DataTraceEnabled", value: true });
            assert.deepStrictEqual(readSetting(entry, "loggingLevel"), { key: "loggingLevel", value: "INFO" });
            assert.deepStrictEqual(readSetting(entry, "throttlingRateLimit"), {
                key: "ThrottlingRateLimit",
                value: UNKNOWN,
            });
            assert.deepStrictEqual(readSetting(entry, "throttlingBurstLimit"), {
                key: "throttlingBurstLimit",
                value: undefined,
            });
            assert.deepStrictEqual(readSetting(UNKNOWN, "loggingLevel"), { key: "LoggingLevel", value: UNKNOWN });
            const both = wireProps({ LoggingLevel: "ERROR", loggingLevel: "DEBUG" });
            assert.deepStrictEqual(readSettingSpellings(both, "loggingLevel"), [
                { key: "LoggingLevel", value: "ERROR" },
                { key: "loggingLevel", value: "DEBUG" },
            ]);
        });

        it("converts names as aws-native does", () => {
            assert.deepStrictEqual(
                ["DataTraceEnabled", "OKActions", "RoleARN", "RoleARNs", "DBInstanceId", "ApiId", ""].map(sdkName),
                ["dataTraceEnabled", "okActions", "roleArn", "roleArns", "dbInstanceId", "apiId", ""],
            );
            assert.strictEqual(cfnName("throttlingBurstLimit"), "ThrottlingBurstLimit");
            assert.strictEqual(
                cfnPath("stageDescription.methodSettings[2].loggingLevel"),
                "StageDescription.MethodSettings[2].LoggingLevel",
            );
            assert.strictEqual(
                cfnPath('routeSettings["GET /orders"].dataTraceEnabled'),
                'RouteSettings["GET /orders"].DataTraceEnabled',
            );
        });
    });
});
