import * as assert from "assert";
import { apigatewayNoDebugLoggingInProduction } from "../../../policies/policies/apigatewayNoDebugLoggingInProduction";
import * as t from "../../../policies/lib/types";
import {
    CFN_STACK,
    CFN_STACK_SET,
    CFN_STACK_SET_INSTANCE,
    CLOUDCONTROL_RESOURCE,
    EmbeddedResource,
    isTemplateCarrier,
    judgeVariants,
    NATIVE_ALARM,
    NATIVE_CFN_STACK,
    NATIVE_CFN_STACK_SET,
    NATIVE_EXTENSION_RESOURCE,
    SAR_APPLICATION,
    sdkName,
    TemplateContents,
    templateContentsOf,
    TemplateOptions,
} from "../../../policies/lib/templates";
import { Findings, UNKNOWN, Unresolvable } from "../../../policies/lib/unknowns";
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
    // A template's resource keeps them under Properties; a Cloud Control request is the properties.
    propertiesLocation = `${location.slice(0, location.lastIndexOf(" ("))}${logicalId === undefined ? "" : ".Properties"}`,
): EmbeddedResource {
    return {
        logicalId,
        cfnType,
        type,
        props,
        location,
        propertiesLocation,
        exists: true,
        variants: [{ when: "", props }],
        unresolvedConditions: [],
    };
}

/** A value only CloudFormation computes, where the template writes it below the resource's properties. */
const cfn = (source: string, describe: string | undefined, written: string) =>
    new Unresolvable(source, describe ?? source, written);

function stackOf(template: unknown, extra: Record<string, unknown> = {}): TemplateContents {
    return contents(CFN_STACK, {
        templateBody: typeof template === "string" ? template : JSON.stringify(template),
        ...extra,
    });
}

const STAGE = "AWS::ApiGateway::Stage";
const SAM_REST_API_ID = new Unresolvable("the id of the REST API SAM creates");
const SAM_HTTP_API_ID = new Unresolvable("the id of the HTTP API SAM creates");
const at = (logicalId: string, type = STAGE) => `templateBody Resources.${logicalId} (${type})`;

describe("policies/lib/templates", () => {
    describe("carriers", () => {
        it("reads only the types that carry templates or Cloud Control requests", () => {
            assert.strictEqual(templateContentsOf(t.NATIVE_STAGE, wireProps({})), undefined);
            assert.strictEqual(isTemplateCarrier(t.REST_STAGE), false);
            for (const type of [
                CFN_STACK,
                CFN_STACK_SET,
                CFN_STACK_SET_INSTANCE,
                SAR_APPLICATION,
                NATIVE_CFN_STACK,
                NATIVE_CFN_STACK_SET,
            ]) {
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
        it("resolves Ref, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap and AWS::NoValue, and leaves Fn::GetAtt to CloudFormation", () => {
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
                        restApiId: cfn("Ref Api", undefined, "RestApiId"),
                        stageName: "prod-eu-west-1",
                        description: "a/prod/3",
                        deploymentId: cfn("Fn::GetAtt Deployment.DeploymentId", undefined, "DeploymentId"),
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

        it("marks what only CloudFormation computes exactly where it is written, naming the intrinsic, and nowhere else", () => {
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
                            loggingLevel: cfn(
                                "NoDefault, a parameter with neither a value nor a Default",
                                "Ref NoDefault, a parameter with neither a value nor a Default",
                                "MethodSettings[0].LoggingLevel",
                            ),
                            dataTraceEnabled: cfn(
                                "FromSsm, a parameter of type AWS::SSM::Parameter::Value<String>",
                                "Ref FromSsm, a parameter of type AWS::SSM::Parameter::Value<String>",
                                "MethodSettings[0].DataTraceEnabled",
                            ),
                            metricsEnabled: cfn(
                                "the dynamic reference {{resolve:ssm:/metrics}}",
                                undefined,
                                "MethodSettings[0].MetricsEnabled",
                            ),
                            throttlingRateLimit: cfn(
                                "Fn::ImportValue",
                                undefined,
                                "MethodSettings[0].ThrottlingRateLimit",
                            ),
                            throttlingBurstLimit: cfn(
                                "Fn::GetAtt Res.Attr",
                                "Fn::Sub over Fn::GetAtt Res.Attr",
                                "MethodSettings[0].ThrottlingBurstLimit",
                            ),
                            cachingEnabled: cfn("Fn::Future", undefined, "MethodSettings[0].CachingEnabled"),
                            cacheDataEncrypted: false,
                        },
                    ],
                    accessLogSetting: cfn("Fn::Transform", undefined, "AccessLogSetting"),
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
                        restApiId: cfn("Ref Api", undefined, "RestApiId"),
                        stageName: "prod-v1",
                        deploymentId: cfn("Fn::GetAtt Deployment.DeploymentId", undefined, "DeploymentId"),
                        description: "prod:a",
                        tracingEnabled: true,
                        accessLogSetting: {
                            destinationArn: cfn("Fn::GetAtt Logs.Arn", undefined, "AccessLogSetting.DestinationArn"),
                            format: "$context.requestId",
                        },
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
                    propertiesLocation: "templateBody Resources.S.Properties",
                    exists: true,
                    variants: [
                        { when: "IsProd is false", props: settings("ERROR") },
                        { when: "IsProd is true", props: settings("INFO") },
                    ],
                    unresolvedConditions: [{ location: "templateBody Conditions.IsProd" }],
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
                    propertiesLocation: "templateBody Resources.S.Properties",
                    exists: UNKNOWN,
                    variants: [
                        { when: "IsProd is false", props: undefined },
                        { when: "IsProd is true", props: { stageName: "s" } },
                    ],
                    unresolvedConditions: [{ location: "templateBody Conditions.IsProd" }],
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

        it("names a condition only CloudFormation decides by its intrinsic, and says the pack cannot read it", () => {
            const [resource] = stackOf({
                Conditions: { InMain: { "Fn::Equals": [{ Ref: "AWS::AccountId" }, "123456789012"] } },
                Resources: {
                    S: {
                        Type: STAGE,
                        Properties: { MethodSettings: [{ LoggingLevel: { "Fn::If": ["InMain", "INFO", "DEBUG"] } }] },
                    },
                },
            }).resources;
            assert.deepStrictEqual(resource.unresolvedConditions, [
                { location: "templateBody Conditions.InMain", unresolvable: "Fn::Equals over AWS::AccountId" },
            ]);
            assert.deepStrictEqual(
                (resource.props.methodSettings as any[])[0].loggingLevel,
                cfn("AWS::AccountId", "Fn::If over AWS::AccountId", "MethodSettings[0].LoggingLevel"),
            );
            const verdict = judgeVariants(resource, (props) => {
                const f = new Findings();
                if ((props.methodSettings as any[])[0].loggingLevel === "DEBUG") {
                    f.violation("DEBUG");
                }
                return f;
            });
            assert.deepStrictEqual(
                [verdict.violations, verdict.unknownPaths, verdict.unreadable],
                [
                    [],
                    [],
                    ["templateBody Conditions.InMain (Fn::Equals over AWS::AccountId, which the pack cannot resolve)"],
                ],
            );
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
                        restApiId: SAM_REST_API_ID,
                    }),
                    plain(
                        "Orders",
                        "AWS::Serverless::Api",
                        t.NATIVE_DEPLOYMENT,
                        'templateBody Resources.Orders (AWS::Serverless::Api: the stage "Stage" SAM adds unless OpenApiVersion is set)',
                        { restApiId: SAM_REST_API_ID, stageName: "Stage" },
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
                    [{ location: "templateBody Resources.A.Properties.OpenApiVersion" }],
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
                    apiId: SAM_HTTP_API_ID,
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
                    { stageName: "Prod", tracingEnabled: true, restApiId: SAM_REST_API_ID },
                    "templateBody Globals.Api",
                ),
                plain(
                    "ServerlessHttpApi",
                    "AWS::Serverless::HttpApi",
                    t.NATIVE_V2_STAGE,
                    "templateBody Resources.ServerlessHttpApi (the HTTP API SAM creates for the HttpApi events of Fn)",
                    { apiId: SAM_HTTP_API_ID, stageName: "$default" },
                    "templateBody Globals.HttpApi",
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

        it("reads a StackSet, and a StackSetInstance as its StackSet's template with the instance's overrides", () => {
            const stackSet = { templateBody: template, parameters: { Level: "INFO" } };
            assert.deepStrictEqual(levels(contents(CFN_STACK_SET, stackSet)), [[at("S"), "INFO"]]);
            const instance = (props: Record<string, unknown>, options: TemplateOptions) =>
                levels(contents(CFN_STACK_SET_INSTANCE, { stackSetName: "orders", ...props }, options));
            const of = (type: string, props: unknown): TemplateOptions => ({
                stackSet: { type, props: wireProps(props), name: "orders" },
                instanceName: "eu",
            });
            const deployed =
                'StackSet "orders" templateBody (as StackSetInstance "eu" deploys it) Resources.S (AWS::ApiGateway::Stage)';
            assert.deepStrictEqual(instance({ parameterOverrides: { Level: "OFF" } }, of(CFN_STACK_SET, stackSet)), [
                [deployed, "OFF"],
            ]);
            // Without overrides the instance deploys the StackSet's own parameters.
            assert.deepStrictEqual(instance({}, of(CFN_STACK_SET, stackSet)), [[deployed, "INFO"]]);
            assert.deepStrictEqual(instance({ parameterOverrides: WIRE_UNKNOWN }, of(CFN_STACK_SET, stackSet)), [
                [deployed, UNKNOWN],
            ]);
            // An aws-native StackSet's instance groups are other instances: only this instance's overrides apply.
            const native = {
                templateBody: template,
                parameters: [{ parameterKey: "Level", parameterValue: "INFO" }],
                stackInstancesGroup: [{ parameterOverrides: [{ parameterKey: "Level", parameterValue: "ERROR" }] }],
            };
            assert.deepStrictEqual(
                instance({ parameterOverrides: { Level: "DEBUG" } }, of(NATIVE_CFN_STACK_SET, native)),
                [[deployed, "DEBUG"]],
            );
            // Its StackSet unknown to the caller: nothing here, the stack policies look it up.
            assert.deepStrictEqual(contents(CFN_STACK_SET_INSTANCE, { stackSetName: "orders" }), {
                resources: [],
                cannotVerify: [],
            });
        });

        it("resolves AWS::Region and AWS::AccountId for a StackSetInstance that gives them, and never for its StackSet", () => {
            const body = JSON.stringify({
                Resources: {
                    S: {
                        Type: STAGE,
                        Properties: {
                            StageName: { "Fn::Sub": "${AWS::Region}-${AWS::AccountId}" },
                            Description: { "Fn::Sub": "${AWS::StackName}" },
                        },
                    },
                },
            });
            const stackSet = { templateBody: body, region: "us-east-1" };
            const props = (result: TemplateContents) => result.resources[0].props;
            // A StackSet's stacks run in its instances' Regions and accounts, whatever Region manages the StackSet.
            assert.deepStrictEqual(props(contents(CFN_STACK_SET, stackSet)), {
                stageName: cfn("AWS::Region", "Fn::Sub over AWS::Region", "StageName"),
                description: cfn("AWS::StackName", "Fn::Sub over AWS::StackName", "Description"),
            });
            const options: TemplateOptions = {
                stackSet: { type: CFN_STACK_SET, props: wireProps(stackSet), name: "orders" },
            };
            const placed = { stackSetName: "orders", stackSetInstanceRegion: "eu-west-1", accountId: "123456789012" };
            assert.deepStrictEqual(props(contents(CFN_STACK_SET_INSTANCE, placed, options)), {
                stageName: "eu-west-1-123456789012",
                description: cfn("AWS::StackName", "Fn::Sub over AWS::StackName", "Description"),
            });
            // Neither given: "Defaults to current region" and "current account", the provider's.
            assert.deepStrictEqual(props(contents(CFN_STACK_SET_INSTANCE, { stackSetName: "orders" }, options)), {
                stageName: cfn("AWS::Region", "Fn::Sub over AWS::Region", "StageName"),
                description: cfn("AWS::StackName", "Fn::Sub over AWS::StackName", "Description"),
            });
            assert.deepStrictEqual(
                props(contents(CFN_STACK_SET_INSTANCE, { stackSetName: "orders", region: "ap-south-1" }, options))
                    .stageName,
                cfn("AWS::AccountId", "Fn::Sub over AWS::AccountId", "StageName"),
            );
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

        it("a Serverless Application Repository application, whose template is in the repository", () => {
            assert.deepStrictEqual(
                contents(SAR_APPLICATION, {
                    applicationId: "arn:aws:serverlessrepo:us-east-1:123456789012:applications/orders",
                    semanticVersion: "1.0.0",
                }),
                {
                    resources: [],
                    cannotVerify: [
                        {
                            location: "applicationId",
                            reason:
                                "the application's template is published in the Serverless Application Repository, " +
                                "which the pack cannot read",
                        },
                    ],
                },
            );
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
                    reason:
                        "its collection is Ref Names, a parameter with neither a value nor a Default, which the pack " +
                        "cannot resolve, so the resources it creates are not known",
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
                    reason: "it is Fn::GetAtt Bucket.Body, which the pack cannot resolve",
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
        });
    });

    describe("names", () => {
        it("converts CloudFormation's names as aws-native does", () => {
            assert.deepStrictEqual(
                ["DataTraceEnabled", "OKActions", "RoleARN", "RoleARNs", "DBInstanceId", "ApiId", ""].map(sdkName),
                ["dataTraceEnabled", "okActions", "roleArn", "roleArns", "dbInstanceId", "apiId", ""],
            );
        });
    });
});
