/**
 * StackSets and their instances, judged by the compiled pack served as the engine serves it, over the analyzer
 * protocol. A StackSetInstance deploys its StackSet's template with its own parameter overrides, in its own Region
 * and account: it is judged when it is analyzed if its StackSet was analyzed before it (the engine's order, since the
 * instance names the StackSet by an output of it), and otherwise at the end of the preview, where AnalyzeStack
 * correlates it with its StackSet through propertyDependencies.
 */
import * as assert from "assert";
import { previewAdvisory } from "./harness";
import { ServedPack } from "./served";
import type { Sent } from "./served";
import { UNKNOWN_SENTINEL } from "../../tools/lib/policyPackHost";

const U = UNKNOWN_SENTINEL;
const NO_DEBUG = "apigateway-no-debug-logging-in-production";
const THROTTLING = "apigateway-throttling-required";
const STACK_SET = "aws:cloudformation/stackSet:StackSet";
const NATIVE_STACK_SET = "aws-native:cloudformation:StackSet";
const INSTANCE = "aws:cloudformation/stackSetInstance:StackSetInstance";
const SAR = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack";

/** Every policy that judges what templates create, in the pack's order. */
const TEMPLATE_POLICIES = [
    NO_DEBUG,
    THROTTLING,
    "apigateway-access-logging-required",
    "apigateway-execution-logging-required",
    "apigateway-xray-tracing-required",
    "apigateway-cache-encryption-required",
    "apigateway-no-implicit-stage",
    "apigateway-throttling-within-account-limits",
];

/** A compliant REST stage whose level and rate are parameters, INFO and 100 by default, in YAML. */
const TEMPLATE = [
    "Parameters:",
    "  LoggingLevel: { Type: String, Default: INFO }",
    "  Rate: { Type: Number, Default: 100 }",
    "Conditions:",
    "  InEu: !Equals [!Ref 'AWS::Region', eu-west-1]",
    "Resources:",
    "  Stage:",
    "    Type: AWS::ApiGateway::Stage",
    "    Properties:",
    "      RestApiId: a1b2c3",
    "      StageName: prod",
    "      DeploymentId: d1",
    "      TracingEnabled: true",
    "      AccessLogSetting:",
    "        DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:access",
    "        Format: $context.requestId",
    "      MethodSettings:",
    "        - HttpMethod: '*'",
    "          ResourcePath: /*",
    "          LoggingLevel: !Ref LoggingLevel",
    "          MetricsEnabled: true",
    "          ThrottlingRateLimit: !Ref Rate",
    "          ThrottlingBurstLimit: 200",
].join("\n");

/** The same stage, DEBUG in eu-west-1 only. */
const REGIONAL = TEMPLATE.replace("!Ref LoggingLevel", "!If [InEu, DEBUG, INFO]");

const stackSet = (name: string, props: Record<string, unknown> = {}): Sent => ({
    type: STACK_SET,
    name: `${name}-set`,
    props: { name, templateBody: TEMPLATE, ...props },
});

const instance = (name: string, stackSetName: unknown, props: Record<string, unknown> = {}): Sent => ({
    type: INSTANCE,
    name,
    props: { stackSetName, ...props },
});

const deployed = (stackSetName: string, instanceName: string) =>
    `StackSet "${stackSetName}" templateBody (as StackSetInstance "${instanceName}" deploys it) Resources.Stage ` +
    "(AWS::ApiGateway::Stage)";

const debug = (location: string) =>
    `${location}: methodSettings[0].loggingLevel must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" ` +
    "(DEBUG logs full request and response data).";

describe("policy pack: StackSets and their instances, over the analyzer protocol", function () {
    this.timeout(120_000);
    let pack: ServedPack;

    before(async () => {
        pack = await ServedPack.start();
    });

    after(() => pack?.close());

    describe("an instance analyzed after its StackSet, named by its StackSet name", () => {
        it("blocked: parameterOverrides turn the StackSet's INFO into DEBUG, reported on the instance", async () => {
            const result = await pack.previewAll([
                stackSet("orders"),
                instance("eu", "orders", { parameterOverrides: { LoggingLevel: "DEBUG" } }),
            ]);
            assert.deepStrictEqual(result, {
                analyzed: {
                    "orders-set": [],
                    eu: [[NO_DEBUG, "mandatory", debug(deployed("orders", "eu")), ""]],
                },
                // Judged when it was analyzed: the end of the preview does not report it again.
                stack: [],
            });
        });

        it("blocked: an override that disables throttling, in any stack", async () => {
            await pack.stack("dev");
            try {
                const { analyzed } = await pack.previewAll([
                    stackSet("payments"),
                    instance("us", "payments", { parameterOverrides: { Rate: "-1" } }),
                ]);
                assert.deepStrictEqual(analyzed.us, [
                    [
                        THROTTLING,
                        "mandatory",
                        `${deployed("payments", "us")}: methodSettings[0].throttlingRateLimit must be a positive ` +
                            "number, got -1 (throttling disabled).",
                        "",
                    ],
                ]);
            } finally {
                await pack.stack("prod");
            }
        });

        it("passes: overrides that keep the stage within the guardrails, and no overrides at all", async () => {
            const result = await pack.previewAll([
                stackSet("carts"),
                instance("eu", "carts", { parameterOverrides: { LoggingLevel: "ERROR", Rate: "50" } }),
                instance("us", "carts"),
            ]);
            assert.deepStrictEqual(result, { analyzed: { "carts-set": [], eu: [], us: [] }, stack: [] });
        });

        it("judges AWS::Region with the instance's Region; the StackSet alone cannot say which Region", async () => {
            const result = await pack.previewAll([
                stackSet("regional", { templateBody: REGIONAL }),
                instance("eu", "regional", { stackSetInstanceRegion: "eu-west-1" }),
                instance("us", "regional", { stackSetInstanceRegion: "us-east-1" }),
            ]);
            assert.deepStrictEqual(result, {
                analyzed: {
                    "regional-set": [
                        [
                            NO_DEBUG,
                            "advisory",
                            previewAdvisory(
                                NO_DEBUG,
                                "cannot verify templateBody Conditions.InEu (Fn::Equals over AWS::Region, which the " +
                                    "pack cannot resolve): the pack cannot read it, at preview or at update",
                            ),
                            "",
                        ],
                    ],
                    eu: [[NO_DEBUG, "mandatory", debug(deployed("regional", "eu")), ""]],
                    us: [],
                },
                stack: [],
            });
        });
    });

    describe("an instance whose StackSet name is unknown when it is analyzed", () => {
        const set = stackSet("orders-late");
        const late = (overrides: Record<string, string>): Sent => ({
            ...instance("late", U, { parameterOverrides: overrides }),
            deps: { stackSetName: [set.name] },
        });

        it("blocked at the end of the preview, through propertyDependencies, on the instance's URN", async () => {
            const result = await pack.previewAll([set, late({ LoggingLevel: "DEBUG" })]);
            assert.deepStrictEqual(result, {
                analyzed: { [set.name]: [], late: [] },
                stack: [[NO_DEBUG, "mandatory", debug(deployed("orders-late", "late")), pack.urn(INSTANCE, "late")]],
            });
        });

        it("passes: the same instance with a safe override", async () => {
            const result = await pack.previewAll([set, late({ LoggingLevel: "INFO" })]);
            assert.deepStrictEqual(result, { analyzed: { [set.name]: [], late: [] }, stack: [] });
        });

        it("cannot verify an instance of a StackSet that is not in the stack: the pack cannot read its template", async () => {
            const stack = await pack.preview([
                instance("far", "elsewhere", { parameterOverrides: { LoggingLevel: "DEBUG" } }),
            ]);
            const advisory = (policy: string) =>
                previewAdvisory(
                    policy,
                    'cannot verify StackSetInstance "far" (its StackSet "elsewhere" is not in this stack, so the pack ' +
                        "cannot read its template): the pack cannot read it, at preview or at update",
                );
            assert.deepStrictEqual(
                stack,
                TEMPLATE_POLICIES.map((policy) => [policy, "advisory", advisory(policy), ""]),
            );
        });
    });

    it("aws-native: a stackInstancesGroup's parameterOverrides are judged on the StackSet, blocked and passing", async () => {
        const props = (level: string) => ({
            stackSetName: "native",
            permissionModel: "SELF_MANAGED",
            templateBody: TEMPLATE,
            stackInstancesGroup: [
                {
                    deploymentTargets: { accounts: ["123456789012"] },
                    regions: ["eu-west-1"],
                    parameterOverrides: [{ parameterKey: "LoggingLevel", parameterValue: level }],
                },
            ],
        });
        assert.deepStrictEqual(await pack.analyze(NATIVE_STACK_SET, "native", props("DEBUG")), [
            [
                NO_DEBUG,
                "mandatory",
                debug(
                    "templateBody (with stackInstancesGroup[0].parameterOverrides) Resources.Stage (AWS::ApiGateway::Stage)",
                ),
                "",
            ],
        ]);
        assert.deepStrictEqual(await pack.analyze(NATIVE_STACK_SET, "native", props("ERROR")), []);
    });

    it("cannot verify a Serverless Application Repository application: its template is in the repository", async () => {
        const advisory = (policy: string) =>
            previewAdvisory(
                policy,
                "cannot verify applicationId (the application's template is published in the Serverless Application " +
                    "Repository, which the pack cannot read): the pack cannot read it, at preview or at update",
            );
        assert.deepStrictEqual(
            await pack.analyze(SAR, "app", {
                applicationId: "arn:aws:serverlessrepo:us-east-1:123456789012:applications/orders",
                semanticVersion: "1.0.0",
            }),
            TEMPLATE_POLICIES.map((policy) => [policy, "advisory", advisory(policy), ""]),
        );
    });
});
