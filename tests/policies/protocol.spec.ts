/**
 * Serves the compiled pack exactly as the engine does (run-policy-pack in the pack's directory) and drives it over
 * the analyzer gRPC protocol: GetAnalyzerInfo, Configure, ConfigureStack, Analyze and AnalyzeStack. Every class of
 * route the pack closes has a blocked and a passing case here. One served pack for the whole file.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies/policies";
import * as t from "../../policies/lib/types";
import { UNKNOWN_SENTINEL } from "../../tools/lib/policyPackHost";
import { fixture, httpApiComponent, restApiComponent, webSocketApiComponent } from "./fixtures";
import { PACK, PACK_VERSION, previewAdvisory, withProp } from "./harness";
import { PACK_DIR, ServedPack } from "./served";
import type { Seen, Sent } from "./served";

const U = UNKNOWN_SENTINEL;
const NO_DEBUG = "apigateway-no-debug-logging-in-production";
const THROTTLING = "apigateway-throttling-required";
const STAGE_THROTTLING = "apigateway-stage-throttling-required";
const ACCESS = "apigateway-access-logging-required";
const EXECUTION = "apigateway-execution-logging-required";
const XRAY = "apigateway-xray-tracing-required";
const RETENTION = "apigateway-log-retention-required";
const IMPLICIT = "apigateway-no-implicit-stage";
const ALARMS = "apigateway-alarms-required";
const DEFINITION = "apigateway-production-definition";

const cannotVerify = (policy: string, what: string) =>
    previewAdvisory(
        policy,
        `cannot verify ${what} during preview: the value is not known until the update, which checks it again`,
    );

const dataTrace = (path: string, scope = 'production stack "prod"') =>
    `${path} must be false in ${scope}, got true: it logs full request and response data.`;
const debugLevel = (path: string, scope = 'production stack "prod"') =>
    `${path} must be OFF, ERROR or INFO in ${scope}, got "DEBUG" (DEBUG logs full request and response data).`;

const QUICK_CREATE =
    "target is set, so API Gateway creates a $default stage with no throttling (quick create), which no policy can " +
    "see; remove target and declare an aws.apigatewayv2.Stage with defaultRouteSettings.throttlingRateLimit and " +
    "throttlingBurstLimit.";
const IMPLICIT_STAGE =
    "target is set, so API Gateway creates a $default stage that no policy can see; remove target and declare an " +
    "aws.apigatewayv2.Stage.";

/** A DEBUG MethodSettings: data trace on one route, with a restApi that is unknown in preview. */
function debugMethodSettings(methodPath = "~1orders~1{id}/GET"): Record<string, any> {
    return {
        ...fixture(t.METHOD_SETTINGS),
        methodPath,
        restApi: U,
        settings: { ...fixture(t.METHOD_SETTINGS).settings, dataTraceEnabled: true },
    };
}

describe("policy pack over the analyzer protocol", function () {
    this.timeout(120000);
    let pack: ServedPack;

    before(async () => {
        pack = await ServedPack.start();
    });

    after(async () => {
        await pack?.close();
    });

    /** Back to the engine's defaults and the stack "prod", whatever the previous case configured. */
    async function reset(stack = "prod", tags: Record<string, string> = {}) {
        await pack.configure();
        await pack.stack(stack, tags);
    }

    it("starts from compiled JS: main is bin/policies/index.js and the pack requires no provider SDK", () => {
        const main = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).main;
        assert.strictEqual(main, "bin/policies/index.js");
        assert.ok(fs.existsSync(path.join(PACK_DIR, main)));
        // @pulumi/pulumi is already loaded by @pulumi/policy itself; the pack uses it only for getStack(). yaml is
        // loaded on the first template a stack resource carries.
        const modules = new Set<string>();
        const scan = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const p = path.join(dir, entry.name);
                if (entry.isDirectory()) {
                    scan(p);
                } else if (entry.name.endsWith(".js")) {
                    for (const m of fs.readFileSync(p, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
                        modules.add(m[1]);
                    }
                }
            }
        };
        scan(path.join(PACK_DIR, "bin"));
        assert.deepStrictEqual([...modules].sort(), ["@pulumi/policy", "@pulumi/pulumi", "picomatch", "yaml"]);
    });

    it("GetAnalyzerInfo: the definition first, every policy's level, type, severity, schema and remediation", () => {
        const info = pack.info;
        assert.strictEqual(info.name, PACK);
        assert.strictEqual(info.version, PACK_VERSION);
        assert.strictEqual(info.supportsConfig, true);
        assert.deepStrictEqual(
            info.policies.map((p) => [p.name, p.enforcementLevel, p.type, p.severity]),
            [
                [DEFINITION, "advisory", "resource", "medium"],
                [NO_DEBUG, "mandatory", "resource", "critical"],
                [THROTTLING, "mandatory", "resource", "high"],
                [STAGE_THROTTLING, "mandatory", "stack", "high"],
                [ACCESS, "mandatory", "resource", "high"],
                // It has a stack check as well; the SDK lists a policy with validateResource as a resource policy and
                // still runs its validateStack in AnalyzeStack (asserted below).
                [EXECUTION, "advisory", "resource", "medium"],
                [XRAY, "advisory", "resource", "low"],
                ["apigateway-cache-encryption-required", "advisory", "resource", "medium"],
                [RETENTION, "advisory", "stack", "medium"],
                [IMPLICIT, "advisory", "resource", "medium"],
                [ALARMS, "advisory", "stack", "medium"],
                ["apigateway-throttling-within-account-limits", "advisory", "resource", "low"],
            ],
        );
        for (const p of info.policies) {
            const source = policies.find((s) => s.name === p.name)!;
            assert.deepStrictEqual(
                p.configSchema,
                { properties: source.configSchema!.properties, required: [] },
                p.name,
            );
            assert.strictEqual(p.remediationSteps, source.remediationSteps, p.name);
            assert.ok(p.remediationSteps.length > 0, p.name);
        }
        const definition = info.policies[0].configSchema!.properties;
        // A protobuf Struct carries its keys sorted.
        assert.deepStrictEqual(Object.keys(definition), ["notProductionStacks", "productionStacks", "productionTags"]);
        assert.deepStrictEqual(
            [
                definition.productionStacks.default,
                definition.productionTags.default,
                definition.notProductionStacks.default,
            ],
            [[], {}, []],
        );
        // One definition: no other policy takes production config.
        const scoped = info.policies
            .slice(1)
            .filter((p) => Object.keys(p.configSchema!.properties).some((k) => k in definition))
            .map((p) => p.name);
        assert.deepStrictEqual(scoped, []);
        assert.deepStrictEqual(info.policies[1].configSchema!.properties.maxLevel, {
            type: "string",
            enum: ["ERROR", "INFO"],
            default: "INFO",
            description: "The most verbose execution-log level production may use. ERROR tightens production further.",
        });
    });

    describe('the stack "prod"', () => {
        before(() => reset());

        describe("routes named as people write them", () => {
            for (const methodPath of ["~1orders~1{id}/GET", "orders/{id}/GET"]) {
                it(`blocked: data trace on a MethodSettings at ${methodPath}, with an unknown restApi`, async () => {
                    assert.deepStrictEqual(
                        await pack.analyze(t.METHOD_SETTINGS, "orders-get", debugMethodSettings(methodPath)),
                        [[NO_DEBUG, "mandatory", dataTrace("settings.dataTraceEnabled for GET /orders/{id}"), ""]],
                    );
                });
            }

            it("passes: the same MethodSettings with data trace off", async () => {
                const props = withProp(debugMethodSettings(), "settings.dataTraceEnabled", false);
                assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "orders-get", props), []);
            });

            it("blocked: a v2 route by its routeKey, a component override by <method> <path>", async () => {
                const stage = fixture(t.V2_STAGE);
                stage.routeSettings.push({ routeKey: "POST /orders", dataTraceEnabled: true });
                assert.deepStrictEqual(await pack.analyze(t.V2_STAGE, "orders", stage), [
                    [NO_DEBUG, "mandatory", dataTrace("routeSettings[1].dataTraceEnabled for POST /orders"), ""],
                ]);
                const component = restApiComponent({
                    methodOverrides: [{ path: "/orders/{id}", method: "get", loggingLevel: "DEBUG" }],
                });
                assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", component), [
                    [NO_DEBUG, "mandatory", debugLevel("methodOverrides[0].loggingLevel for GET /orders/{id}"), ""],
                ]);
            });

            it("gives the advisory when the deciding value is unknown", async () => {
                const props = withProp(fixture(t.METHOD_SETTINGS), "settings.dataTraceEnabled", U);
                assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "orders-ms", props), [
                    [NO_DEBUG, "advisory", cannotVerify(NO_DEBUG, "settings.dataTraceEnabled"), ""],
                ]);
            });
        });

        describe("component settings read through the contract, from the component's own resolver", () => {
            it("blocked: executionLogging.level DEBUG", async () => {
                const props = restApiComponent({ executionLogging: { level: "DEBUG" } });
                assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", props), [
                    [NO_DEBUG, "mandatory", debugLevel("executionLogging.level"), ""],
                ]);
            });

            it("blocked: access logging with neither format nor customFormat", async () => {
                const props = withProp(restApiComponent(), "accessLogging.format", undefined);
                assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", props), [
                    [
                        ACCESS,
                        "mandatory",
                        'accessLogging has no format, so the API keeps no access logs in production stack "prod"; set ' +
                            "accessLogging (format or customFormat, and retentionInDays) on the ObservableRestApi.",
                        "",
                    ],
                ]);
            });

            it("passes: the component's Production presets, and a custom access-log format", async () => {
                assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", restApiComponent()), []);
                const custom = restApiComponent({
                    accessLogging: { customFormat: "$context.requestId $context.status" },
                });
                assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", custom), []);
            });
        });

        describe("aws-native properties typed Any, under CloudFormation's key names", () => {
            it("blocked: DataTraceEnabled and LoggingLevel in routeSettings, ThrottlingRateLimit -1", async () => {
                const props = {
                    ...fixture(t.NATIVE_V2_STAGE),
                    routeSettings: {
                        "GET /orders/{id}": { DataTraceEnabled: true, LoggingLevel: "DEBUG", ThrottlingRateLimit: -1 },
                    },
                };
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_V2_STAGE, "orders", props), [
                    [
                        NO_DEBUG,
                        "mandatory",
                        debugLevel('routeSettings["GET /orders/{id}"].LoggingLevel for GET /orders/{id}'),
                        "",
                    ],
                    [
                        NO_DEBUG,
                        "mandatory",
                        dataTrace('routeSettings["GET /orders/{id}"].DataTraceEnabled for GET /orders/{id}'),
                        "",
                    ],
                    [
                        THROTTLING,
                        "mandatory",
                        'routeSettings["GET /orders/{id}"].ThrottlingRateLimit for GET /orders/{id} must be a positive ' +
                            "number or unset, got -1 (throttling disabled).",
                        "",
                    ],
                ]);
            });

            it("blocked: routeSettings given as a string of JSON; cannot verify one that is not JSON", async () => {
                const props = {
                    ...fixture(t.NATIVE_V2_STAGE),
                    routeSettings: JSON.stringify({ "GET /orders/{id}": { DataTraceEnabled: true } }),
                };
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_V2_STAGE, "orders", props), [
                    [
                        NO_DEBUG,
                        "mandatory",
                        dataTrace('routeSettings["GET /orders/{id}"].DataTraceEnabled for GET /orders/{id}'),
                        "",
                    ],
                ]);
                const broken = { ...fixture(t.NATIVE_V2_STAGE), routeSettings: "{ GET /orders: on" };
                const unreadable = (policy: string) =>
                    previewAdvisory(
                        policy,
                        "cannot verify routeSettings (a string that is not a JSON object or list): the pack cannot " +
                            "read it, at preview or at update",
                    );
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_V2_STAGE, "orders", broken), [
                    [NO_DEBUG, "advisory", unreadable(NO_DEBUG), ""],
                    [THROTTLING, "advisory", unreadable(THROTTLING), ""],
                    [
                        "apigateway-cache-encryption-required",
                        "advisory",
                        unreadable("apigateway-cache-encryption-required"),
                        "",
                    ],
                    [
                        "apigateway-throttling-within-account-limits",
                        "advisory",
                        unreadable("apigateway-throttling-within-account-limits"),
                        "",
                    ],
                ]);
            });

            it("passes: routeSettings as a string of JSON with safe values", async () => {
                const props = {
                    ...fixture(t.NATIVE_V2_STAGE),
                    routeSettings: JSON.stringify({
                        "GET /orders/{id}": { DataTraceEnabled: false, LoggingLevel: "INFO", ThrottlingRateLimit: 50 },
                    }),
                };
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_V2_STAGE, "orders", props), []);
            });

            it("passes: the same keys with safe values", async () => {
                const props = {
                    ...fixture(t.NATIVE_V2_STAGE),
                    routeSettings: {
                        "GET /orders/{id}": {
                            DataTraceEnabled: false,
                            LoggingLevel: "INFO",
                            ThrottlingRateLimit: 50,
                            ThrottlingBurstLimit: 100,
                        },
                    },
                };
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_V2_STAGE, "orders", props), []);
            });
        });

        describe("throttling that only looks set, and stages nobody declared", () => {
            it("blocked: an aws-native Stage with no methodSettings has no stage-wide throttling", async () => {
                for (const methodSettings of [undefined, []]) {
                    const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings", methodSettings);
                    assert.deepStrictEqual(await pack.analyze(t.NATIVE_STAGE, "orders", props), [
                        [
                            THROTTLING,
                            "mandatory",
                            'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has ' +
                                "no stage-wide throttling; add it with positive throttlingRateLimit and throttlingBurstLimit.",
                            "",
                        ],
                        [
                            EXECUTION,
                            "advisory",
                            'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has ' +
                                'no execution logging in production stack "prod"; add it with loggingLevel ERROR or INFO and ' +
                                "metricsEnabled true.",
                            "",
                        ],
                    ]);
                }
            });

            it("blocked: a -1 entry beside a positive stage-wide entry", async () => {
                const props = fixture(t.NATIVE_STAGE);
                props.methodSettings.push({
                    httpMethod: "DELETE",
                    resourcePath: "/~1orders~1{id}",
                    throttlingRateLimit: -1,
                });
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_STAGE, "orders", props), [
                    [
                        THROTTLING,
                        "mandatory",
                        "methodSettings[2].throttlingRateLimit for DELETE /orders/{id} must be a positive number or unset, " +
                            "got -1 (throttling disabled).",
                        "",
                    ],
                ]);
            });

            it("passes: the aws-native Stage with its stage-wide entry", async () => {
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_STAGE, "orders", fixture(t.NATIVE_STAGE)), []);
            });

            it("blocked: an aws-native Deployment whose stageName alone creates a stage, judged as a stage", async () => {
                assert.deepStrictEqual(
                    await pack.analyze(t.NATIVE_DEPLOYMENT, "orders", { restApiId: "a1b2c3", stageName: "prod" }),
                    [
                        [
                            THROTTLING,
                            "mandatory",
                            "stageDescription is missing, so the stage has no stage-wide throttling; add it with positive " +
                                "throttlingRateLimit and throttlingBurstLimit.",
                            "",
                        ],
                        [
                            ACCESS,
                            "mandatory",
                            "stageDescription.accessLogSetting is not set, so the stage keeps no access logs in production stack " +
                                '"prod"; set stageDescription.accessLogSetting.destinationArn and stageDescription.accessLogSetting.format.',
                            "",
                        ],
                        [
                            EXECUTION,
                            "advisory",
                            'stageDescription is missing, so the stage has no execution logging in production stack "prod"; add ' +
                                "it with loggingLevel ERROR or INFO and metricsEnabled true.",
                            "",
                        ],
                        [XRAY, "advisory", "stageDescription.tracingEnabled must be true, but it is not set.", ""],
                    ],
                );
            });

            it("passes: a Deployment that creates no stage, and one with a compliant stageDescription", async () => {
                assert.deepStrictEqual(await pack.analyze(t.NATIVE_DEPLOYMENT, "orders", { restApiId: "a1b2c3" }), []);
                assert.deepStrictEqual(
                    await pack.analyze(t.NATIVE_DEPLOYMENT, "orders", fixture(t.NATIVE_DEPLOYMENT)),
                    [],
                );
            });

            it("blocked: HTTP API quick create is mandatory for the throttling policy, advisory for the implicit stage", async () => {
                const props = {
                    name: "orders",
                    protocolType: "HTTP",
                    target: "arn:aws:lambda:us-east-1:123456789012:function:orders",
                };
                for (const type of [t.V2_API, t.NATIVE_V2_API]) {
                    assert.deepStrictEqual(await pack.analyze(type, "orders", props), [
                        [THROTTLING, "mandatory", QUICK_CREATE, ""],
                        [IMPLICIT, "advisory", IMPLICIT_STAGE, ""],
                    ]);
                }
            });

            it("passes: an HTTP API without target", async () => {
                assert.deepStrictEqual(await pack.analyze(t.V2_API, "orders", fixture(t.V2_API)), []);
            });
        });

        describe("AnalyzeStack", () => {
            const api: Sent = { type: t.REST_API, name: "orders-api", props: fixture(t.REST_API) };
            const stage: Sent = {
                type: t.REST_STAGE,
                name: "orders-stage",
                props: { ...fixture(t.REST_STAGE), restApi: U },
                deps: { restApi: ["orders-api"] },
            };
            const stageWide: Sent = {
                type: t.METHOD_SETTINGS,
                name: "orders-ms",
                props: { ...fixture(t.METHOD_SETTINGS), restApi: U, stageName: U },
                deps: { restApi: ["orders-api"], stageName: ["orders-stage"] },
            };
            const alarm: Sent = { type: t.METRIC_ALARM, name: "orders-5xx", props: fixture(t.METRIC_ALARM) };

            it("passes: a REST API whose stage has a stage-wide MethodSettings and an alarm on its API and stage", async () => {
                assert.deepStrictEqual(await pack.preview([api, stage, stageWide, alarm]), []);
            });

            it("blocked: a stage with only a method MethodSettings has no throttling and no execution logging", async () => {
                const method = { ...stageWide, props: { ...stageWide.props, methodPath: "~1orders/GET" } };
                assert.deepStrictEqual(await pack.preview([api, stage, method, alarm]), [
                    [
                        STAGE_THROTTLING,
                        "mandatory",
                        'Stage "orders-stage" has no stage-wide throttling: it has no MethodSettings at methodPath "*/*". ' +
                            'Add a MethodSettings at methodPath "*/*" with positive settings.throttlingRateLimit and ' +
                            "settings.throttlingBurstLimit (ObservableRestApi: throttling.rateLimit and throttling.burstLimit).",
                        pack.urn(t.REST_STAGE, "orders-stage"),
                    ],
                    [
                        EXECUTION,
                        "advisory",
                        'Stage "orders-stage" has no MethodSettings at methodPath "*/*", so its execution logging is off in ' +
                            'production stack "prod"; add one with settings.loggingLevel ERROR or INFO and ' +
                            "settings.metricsEnabled true.",
                        pack.urn(t.REST_STAGE, "orders-stage"),
                    ],
                ]);
            });

            it("blocked, not cannot verify: a MethodSettings that depends on another API is never the stage's", async () => {
                const other: Sent = { type: t.REST_API, name: "payments-api", props: { name: "payments" } };
                const theirs: Sent = { ...stageWide, name: "payments-ms", deps: { restApi: ["payments-api"] } };
                const diagnostics = await pack.preview([api, stage, other, theirs, alarm]);
                assert.deepStrictEqual(
                    diagnostics.filter((d) => d[0] === STAGE_THROTTLING),
                    [
                        [
                            STAGE_THROTTLING,
                            "mandatory",
                            'Stage "orders-stage" has no stage-wide throttling: it has no MethodSettings at methodPath "*/*". ' +
                                'Add a MethodSettings at methodPath "*/*" with positive settings.throttlingRateLimit and ' +
                                "settings.throttlingBurstLimit (ObservableRestApi: throttling.rateLimit and throttling.burstLimit).",
                            pack.urn(t.REST_STAGE, "orders-stage"),
                        ],
                    ],
                );
            });

            it("blocked: an alarm on a metric REST APIs never publish, or on another API, does not count", async () => {
                const expected: Seen[] = [
                    [
                        ALARMS,
                        "advisory",
                        'Stage "orders-stage" has no alarm on 5XXError for its API and stage that notifies anyone, in ' +
                            'production stack "prod"; add one (the components: monitoring.alarms).',
                        pack.urn(t.REST_STAGE, "orders-stage"),
                    ],
                ];
                const http5xx = { ...alarm, props: { ...alarm.props, metricName: "5xx" } };
                assert.deepStrictEqual(await pack.preview([api, stage, stageWide, http5xx]), expected);
                const otherApi = {
                    ...alarm,
                    props: { ...alarm.props, dimensions: { ApiName: "payments", Stage: "prod" } },
                };
                assert.deepStrictEqual(await pack.preview([api, stage, stageWide, otherApi]), expected);
            });

            it("passes: an alarm without actions that a composite with actions is built on, and an HTTP stage's 5xx", async () => {
                const silent = { ...alarm, props: { ...alarm.props, name: "orders-5xx", alarmActions: [] } };
                const composite: Sent = {
                    type: t.COMPOSITE_ALARM,
                    name: "orders-unhealthy",
                    props: {
                        alarmName: "orders-unhealthy",
                        alarmRule: U,
                        alarmActions: ["arn:aws:sns:us-east-1:123456789012:oncall"],
                    },
                    deps: { alarmRule: ["orders-5xx"] },
                };
                assert.deepStrictEqual(await pack.preview([api, stage, stageWide, silent, composite]), []);
                const httpApi: Sent = {
                    type: t.V2_API,
                    name: "http-api",
                    props: { name: "orders", protocolType: "HTTP" },
                };
                const httpStage: Sent = {
                    type: t.V2_STAGE,
                    name: "http-stage",
                    props: fixture(t.V2_STAGE),
                    deps: { apiId: ["http-api"] },
                };
                const http5xx = {
                    ...alarm,
                    name: "http-5xx",
                    props: { ...alarm.props, metricName: "5xx", dimensions: { ApiId: "api1", Stage: "prod" } },
                };
                assert.deepStrictEqual(await pack.preview([httpApi, httpStage, http5xx]), []);
            });

            it("log retention: a log group whose name is unknown and that has no retention cannot be verified", async () => {
                const group: Sent = { type: t.LOG_GROUP, name: "exec-logs", props: { name: U } };
                assert.deepStrictEqual(await pack.preview([group]), [
                    [
                        RETENTION,
                        "advisory",
                        cannotVerify(RETENTION, 'log group "exec-logs" name (it may receive execution logs)'),
                        "",
                    ],
                ]);
                assert.deepStrictEqual(await pack.preview([{ ...group, props: { name: U, retentionInDays: 30 } }]), []);
            });
        });
    });

    describe("one production definition, configured once", () => {
        afterEach(() => reset());

        it("productionStacks extends the built-in names: blocked in live and still in prod; live passes without it", async () => {
            await pack.configure({ [DEFINITION]: { productionStacks: ["live"] } });
            await pack.stack("live");
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), [
                [NO_DEBUG, "mandatory", dataTrace("settings.dataTraceEnabled", 'production stack "live"'), ""],
            ]);
            await pack.stack("prod");
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), [
                [NO_DEBUG, "mandatory", dataTrace("settings.dataTraceEnabled"), ""],
            ]);
            await reset("live");
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), []);
        });

        it("productionTags extends the built-in tags; tag keys and values match in any case", async () => {
            await pack.configure({ [DEFINITION]: { productionTags: { tier: ["critical"] } } });
            await pack.stack("blue", { Tier: "CRITICAL" });
            const blocked = [
                [NO_DEBUG, "mandatory", dataTrace("settings.dataTraceEnabled", 'production stack "blue"'), ""],
            ];
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), blocked);
            await reset("blue", { Tier: "CRITICAL" });
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), []);
            const anyCase: Record<string, string>[] = [{ ENVIRONMENT: "Production" }, { Environment: "prod" }];
            for (const tags of anyCase) {
                await pack.stack("blue", tags);
                assert.deepStrictEqual(
                    await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")),
                    blocked,
                );
            }
            await pack.stack("blue", { env: "production" });
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), []);
        });

        it("notProductionStacks narrows explicitly, with an advisory on the root Stack; without it the stack blocks", async () => {
            await pack.configure({ [DEFINITION]: { notProductionStacks: ["prod-sandbox"] } });
            await pack.stack("prod-sandbox");
            assert.deepStrictEqual(await pack.analyze(t.ROOT_STACK, "observable-api-prod-sandbox", {}), [
                [
                    DEFINITION,
                    "advisory",
                    'Stack "prod-sandbox" matches the production definition (built-in: prod, production, prd, prod-*, ' +
                        "prod_*, *-prod, *_prod, production-*, *-production; or productionStacks), but notProductionStacks " +
                        "excludes it, so the production-only guardrails (DEBUG logging, access logging, execution logging, " +
                        "alarms) do not run on it.",
                    "",
                ],
            ]);
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), []);
            await reset("prod-sandbox");
            assert.deepStrictEqual(await pack.analyze(t.ROOT_STACK, "observable-api-prod-sandbox", {}), []);
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings("*/*")), [
                [NO_DEBUG, "mandatory", dataTrace("settings.dataTraceEnabled", 'production stack "prod-sandbox"'), ""],
            ]);
        });

        it("the stack policies see the definition the Analyze calls of the same preview recorded", async () => {
            await pack.configure({ [DEFINITION]: { productionStacks: ["live"] } });
            await pack.stack("live");
            const stage: Sent = { type: t.REST_STAGE, name: "orders-stage", props: fixture(t.REST_STAGE) };
            const diagnostics = await pack.preview([stage]);
            assert.deepStrictEqual(
                diagnostics.map((d) => [d[0], d[1]]),
                [
                    [STAGE_THROTTLING, "mandatory"],
                    [EXECUTION, "advisory"],
                    [ALARMS, "advisory"],
                ],
            );
            assert.match(diagnostics[2][2], /in production stack "live"; add one/);
        });

        it("a component declared environment Production is production whatever the stack is called", async () => {
            await reset("live");
            const debug = restApiComponent({ executionLogging: { level: "DEBUG" } });
            assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", debug), [
                [
                    NO_DEBUG,
                    "mandatory",
                    debugLevel("executionLogging.level", "an API declared environment Production"),
                    "",
                ],
            ]);
            const staging = restApiComponent({ environment: "Staging", executionLogging: { level: "DEBUG" } });
            assert.deepStrictEqual(await pack.analyze(t.OBSERVABLE_REST_API, "orders", staging), []);
        });

        it("stack policies judge the resources under a component declared Production through their parents", async () => {
            await reset("live");
            const stage: Sent = {
                type: t.REST_STAGE,
                name: "orders-stage",
                props: fixture(t.REST_STAGE),
                parent: "orders",
            };
            const stageWide: Sent = {
                type: t.METHOD_SETTINGS,
                name: "orders-ms",
                props: fixture(t.METHOD_SETTINGS),
                parent: "orders",
            };
            const component = (environment: "Production" | "Staging"): Sent => ({
                type: t.OBSERVABLE_REST_API,
                name: "orders",
                props: restApiComponent({ environment }),
            });
            assert.deepStrictEqual(await pack.preview([component("Production"), stage, stageWide]), [
                [
                    ALARMS,
                    "advisory",
                    'Stage "orders-stage" has no alarm on 5XXError for its API and stage that notifies anyone, in an API ' +
                        `declared environment Production (its parent ${t.OBSERVABLE_REST_API} "orders"); add one (the ` +
                        "components: monitoring.alarms).",
                    pack.urn(t.REST_STAGE, "orders-stage"),
                ],
            ]);
            assert.deepStrictEqual(await pack.preview([component("Staging"), stage, stageWide]), []);
        });

        describe("resources under a component declared Production, analyzed after it as the engine analyzes them", () => {
            const component = (environment: "Production" | "Staging", name = "orders"): Sent => ({
                type: t.OBSERVABLE_REST_API,
                name,
                props: restApiComponent({ environment }),
            });
            const declared = (type: string, name: string, relation = "parent") =>
                `an API declared environment Production (its ${relation} ${type} "${name}")`;
            // What a `transforms` callback leaves on a child of the component: data trace on, stage-wide.
            const debugChild = (name: string, parent: string): Sent => ({
                type: t.METHOD_SETTINGS,
                name,
                props: debugMethodSettings("*/*"),
                parent,
            });

            it("blocked: DEBUG on a child MethodSettings in the stack live, naming the parent component", async () => {
                await reset("live");
                const { analyzed } = await pack.previewAll([
                    component("Production"),
                    debugChild("orders-ms", "orders"),
                ]);
                assert.deepStrictEqual(analyzed, {
                    orders: [],
                    "orders-ms": [
                        [
                            NO_DEBUG,
                            "mandatory",
                            dataTrace("settings.dataTraceEnabled", declared(t.OBSERVABLE_REST_API, "orders")),
                            "",
                        ],
                    ],
                });
            });

            it("blocked: a resource two levels down (parent: a sibling of the component's) names its ancestor", async () => {
                await reset("live");
                const api: Sent = {
                    type: t.REST_API,
                    name: "orders-api",
                    props: fixture(t.REST_API),
                    parent: "orders",
                };
                const { analyzed } = await pack.previewAll([
                    component("Production"),
                    api,
                    debugChild("orders-ms", "orders-api"),
                ]);
                assert.deepStrictEqual(analyzed["orders-ms"], [
                    [
                        NO_DEBUG,
                        "mandatory",
                        dataTrace("settings.dataTraceEnabled", declared(t.OBSERVABLE_REST_API, "orders", "ancestor")),
                        "",
                    ],
                ]);
            });

            it("blocked: an HTTP component's v2 Stage child with data trace, and a WebSocket component's with DEBUG", async () => {
                await reset("live");
                const http: Sent = {
                    type: t.OBSERVABLE_HTTP_API,
                    name: "pay",
                    props: httpApiComponent({ environment: "Production" }),
                };
                const ws: Sent = {
                    type: t.OBSERVABLE_WEBSOCKET_API,
                    name: "chat",
                    props: webSocketApiComponent({ environment: "Production" }),
                };
                const stage = withProp(fixture(t.V2_STAGE), "defaultRouteSettings.dataTraceEnabled", true);
                const nativeStage = withProp(fixture(t.NATIVE_V2_STAGE), "defaultRouteSettings.loggingLevel", "DEBUG");
                const { analyzed } = await pack.previewAll([
                    http,
                    { type: t.V2_STAGE, name: "pay-stage", props: stage, parent: "pay" },
                    ws,
                    { type: t.NATIVE_V2_STAGE, name: "chat-stage", props: nativeStage, parent: "chat" },
                ]);
                assert.deepStrictEqual(
                    [analyzed["pay-stage"], analyzed["chat-stage"]],
                    [
                        [
                            [
                                NO_DEBUG,
                                "mandatory",
                                dataTrace(
                                    "defaultRouteSettings.dataTraceEnabled",
                                    declared(t.OBSERVABLE_HTTP_API, "pay"),
                                ),
                                "",
                            ],
                        ],
                        [
                            [
                                NO_DEBUG,
                                "mandatory",
                                debugLevel(
                                    "defaultRouteSettings.loggingLevel",
                                    declared(t.OBSERVABLE_WEBSOCKET_API, "chat"),
                                ),
                                "",
                            ],
                        ],
                    ],
                );
            });

            it("blocked: a classic Stage child without access logs, at Analyze", async () => {
                await reset("live");
                const stage = withProp(fixture(t.REST_STAGE), "accessLogSettings", undefined);
                const { analyzed } = await pack.previewAll([
                    component("Production"),
                    { type: t.REST_STAGE, name: "orders-stage", props: stage, parent: "orders" },
                ]);
                assert.deepStrictEqual(analyzed["orders-stage"], [
                    [
                        ACCESS,
                        "mandatory",
                        "accessLogSettings is not set, so the stage keeps no access logs in " +
                            `${declared(t.OBSERVABLE_REST_API, "orders")}; set accessLogSettings.destinationArn and ` +
                            "accessLogSettings.format.",
                        "",
                    ],
                ]);
            });

            it("passes: the same children under a component declared Staging, and without a parent", async () => {
                await reset("live");
                const { analyzed } = await pack.previewAll([
                    component("Staging", "beta"),
                    debugChild("beta-ms", "beta"),
                    { ...debugChild("loose-ms", "beta"), parent: undefined },
                ]);
                assert.deepStrictEqual(analyzed, { beta: [], "beta-ms": [], "loose-ms": [] });
            });
        });

        it("Configure: an explicit level overrides the policy's own", async () => {
            await pack.configure({ [NO_DEBUG]: { enforcementLevel: "advisory" } });
            assert.deepStrictEqual(
                (await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings())).map((d) => [d[0], d[1]]),
                [[NO_DEBUG, "advisory"]],
            );
            await pack.configure({ [NO_DEBUG]: "disabled" });
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "ms", debugMethodSettings()), []);
        });
    });

    describe("a dev stack", () => {
        before(() => reset("products-dev"));
        after(() => reset());

        it("passes the same DEBUG MethodSettings", async () => {
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "orders-ms", debugMethodSettings()), []);
        });

        it("blocked: quick create, in any stack; a Deployment that creates a stage has no throttling and no X-Ray", async () => {
            const props = { name: "orders", protocolType: "HTTP", target: U };
            assert.deepStrictEqual(await pack.analyze(t.V2_API, "orders", props), [
                [THROTTLING, "mandatory", QUICK_CREATE, ""],
                [IMPLICIT, "advisory", IMPLICIT_STAGE, ""],
            ]);
            assert.deepStrictEqual(
                (await pack.analyze(t.NATIVE_DEPLOYMENT, "orders", { restApiId: "a1b2c3", stageName: "dev" })).map(
                    (d) => [d[0], d[1]],
                ),
                [
                    [THROTTLING, "mandatory"],
                    [XRAY, "advisory"],
                ],
            );
        });

        it("ConfigureStack: the environment=production tag makes it production", async () => {
            await pack.stack("products-dev", { environment: "production" });
            assert.deepStrictEqual(await pack.analyze(t.METHOD_SETTINGS, "orders-ms", debugMethodSettings()), [
                [
                    NO_DEBUG,
                    "mandatory",
                    dataTrace("settings.dataTraceEnabled for GET /orders/{id}", 'production stack "products-dev"'),
                    "",
                ],
            ]);
        });
    });
});
