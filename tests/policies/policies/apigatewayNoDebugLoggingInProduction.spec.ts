import * as assert from "assert";
import { apigatewayNoDebugLoggingInProduction as policy } from "../../../policies/policies/apigatewayNoDebugLoggingInProduction";
import { CFN_STACK } from "../../../policies/lib/templates";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

const NAME = "apigateway-no-debug-logging-in-production";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

function levelMessage(path: string, got: string, stack = "prod", allowed = "OFF, ERROR or INFO") {
    const why = got.toUpperCase() === '"DEBUG"' ? " (DEBUG logs full request and response data)" : "";
    return `${path} must be ${allowed} in production stack "${stack}", got ${got}${why}.`;
}

function traceMessage(path: string, got: string, stack = "prod") {
    return `${path} must be false in production stack "${stack}", got ${got}: it logs full request and response data.`;
}

describe("policy apigateway-no-debug-logging-in-production", () => {
    it("declares its name, level, severity and config schema with defaults", () => {
        assert.strictEqual(policy.name, NAME);
        assert.strictEqual(policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.severity, "critical");
        // Production is configured once, on apigateway-production-definition.
        assert.deepStrictEqual(Object.keys(policy.configSchema!.properties), ["maxLevel"]);
        assert.deepStrictEqual(policy.configSchema!.properties.maxLevel.default, "INFO");
    });

    for (const type of [
        t.METHOD_SETTINGS,
        t.V2_STAGE,
        t.NATIVE_V2_STAGE,
        t.NATIVE_STAGE,
        t.NATIVE_DEPLOYMENT,
        t.OBSERVABLE_REST_API,
    ]) {
        it(`passes the compliant ${type}`, () => {
            assert.deepStrictEqual(run(type, fixture(type)), { violations: [], urns: [] });
        });
    }

    describe("aws:apigateway/methodSettings:MethodSettings", () => {
        const ms = () => fixture(t.METHOD_SETTINGS);

        it("reports dataTraceEnabled true", () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings.dataTraceEnabled", true));
            assert.deepStrictEqual(v.violations, [traceMessage("settings.dataTraceEnabled", "true")]);
        });

        it('reports dataTraceEnabled "true" as a string, in any case', () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings.dataTraceEnabled", " TRUE"));
            assert.deepStrictEqual(v.violations, [traceMessage("settings.dataTraceEnabled", '" TRUE"')]);
        });

        describe("names the route as people write it, whichever methodPath spelling it has", () => {
            const cases: [string, string][] = [
                // The JSON-pointer form API Gateway applies.
                ["~1orders~1{id}/GET", "GET /orders/{id}"],
                // The bare form API Gateway stores and applies to nothing: still reported, with the same route.
                ["orders/{id}/GET", "GET /orders/{id}"],
                ["~1orders/get", "GET /orders"],
                ["~1/GET", "GET /"],
                ["~1orders~1{proxy+}/*", "* /orders/{proxy+}"],
            ];
            for (const [methodPath, route] of cases) {
                it(`${methodPath}: ${route}`, () => {
                    const props = withProp(withProp(ms(), "methodPath", methodPath), "settings.dataTraceEnabled", true);
                    assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
                        traceMessage(`settings.dataTraceEnabled for ${route}`, "true"),
                    ]);
                });
            }

            it("names no route for the stage-wide */*, or a methodPath without a method", () => {
                for (const methodPath of ["*/*", "GET", "/GET", "orders/"]) {
                    const props = withProp(withProp(ms(), "methodPath", methodPath), "settings.dataTraceEnabled", true);
                    assert.deepStrictEqual(
                        run(t.METHOD_SETTINGS, props).violations,
                        [traceMessage("settings.dataTraceEnabled", "true")],
                        methodPath,
                    );
                }
            });
        });

        it('reports loggingLevel "debug" in lower case', () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings.loggingLevel", "debug"));
            assert.deepStrictEqual(v.violations, [
                'settings.loggingLevel must be OFF, ERROR or INFO in production stack "prod", got "debug" ' +
                    "(DEBUG logs full request and response data).",
            ]);
        });

        it("reports a level that is not a string", () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings.loggingLevel", 5));
            assert.deepStrictEqual(v.violations, [levelMessage("settings.loggingLevel", "5")]);
        });

        it("reports both the level and the data trace", () => {
            const props = withProp(withProp(ms(), "settings.loggingLevel", "DEBUG"), "settings.dataTraceEnabled", true);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
                levelMessage("settings.loggingLevel", '"DEBUG"'),
                traceMessage("settings.dataTraceEnabled", "true"),
            ]);
        });

        it("accepts null, missing and INFO", () => {
            assert.deepStrictEqual(
                run(t.METHOD_SETTINGS, withProp(ms(), "settings.loggingLevel", null)).violations,
                [],
            );
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, withProp(ms(), "settings", undefined)).violations, []);
            assert.deepStrictEqual(
                run(t.METHOD_SETTINGS, withProp(ms(), "settings.loggingLevel", "info")).violations,
                [],
            );
        });

        it("is still a violation in preview when restApi, stageName and methodPath are unknown", () => {
            let props = withProp(ms(), "settings.dataTraceEnabled", true);
            props = withProp(withProp(props, "restApi", UNKNOWN), "stageName", UNKNOWN);
            props = withProp(props, "methodPath", UNKNOWN);
            const v = run(t.METHOD_SETTINGS, props);
            assert.deepStrictEqual(v, {
                violations: [traceMessage("settings.dataTraceEnabled", "true")],
                urns: [undefined],
            });
        });

        it("gives the preview advisory when the deciding value is unknown", () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings.dataTraceEnabled", UNKNOWN));
            assert.deepStrictEqual(v.violations, []);
            assert.strictEqual(
                v.advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify settings.dataTraceEnabled during preview: the value is not known until the update, " +
                        "which checks it again",
                ),
            );
        });

        it("gives the advisory when the whole settings object is unknown", () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings", UNKNOWN));
            assert.strictEqual(
                v.advisory,
                previewAdvisory(
                    NAME,
                    // Forbidden values are read under every spelling, so both are undecided.
                    "cannot verify settings.loggingLevel, settings.LoggingLevel, settings.dataTraceEnabled, " +
                        "settings.DataTraceEnabled during preview: the value is not known until the update, which " +
                        "checks it again",
                ),
            );
        });

        it("lets a definite violation win over an unknown value", () => {
            const props = withProp(withProp(ms(), "settings.dataTraceEnabled", true), "settings.loggingLevel", UNKNOWN);
            const v = run(t.METHOD_SETTINGS, props);
            assert.deepStrictEqual(v.violations, [traceMessage("settings.dataTraceEnabled", "true")]);
            assert.strictEqual(v.advisory, undefined);
        });

        it("tightens production to ERROR with maxLevel", () => {
            const v = run(t.METHOD_SETTINGS, withProp(ms(), "settings.loggingLevel", "INFO"), {
                config: { maxLevel: "ERROR" },
            });
            assert.deepStrictEqual(v.violations, [
                levelMessage("settings.loggingLevel", '"INFO"', "prod", "OFF or ERROR"),
            ]);
        });
    });

    describe("production detection", () => {
        const debug = () => withProp(fixture(t.METHOD_SETTINGS), "settings.dataTraceEnabled", true);

        for (const stack of [
            "prod",
            "PROD",
            "production",
            "prd",
            "payments-prod",
            "prod-eu",
            "prod_eu",
            "eu_prod",
            "production-eu",
            "eu-production",
        ]) {
            it(`treats stack "${stack}" as production`, () => {
                assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack }).violations, [
                    traceMessage("settings.dataTraceEnabled", "true", stack),
                ]);
            });
        }

        for (const stack of ["dev", "products-dev", "staging", "preprod", "test"]) {
            it(`does not treat stack "${stack}" as production`, () => {
                assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack }), { violations: [], urns: [] });
            });
        }

        it("treats any stack tagged environment=production as production: key and value in any case", () => {
            const production: Record<string, string>[] = [
                { environment: "Production" },
                { environment: "prod" },
                { Environment: "production" },
                { ENVIRONMENT: "PROD" },
            ];
            for (const tags of production) {
                const v = run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags });
                assert.deepStrictEqual(v.violations, [traceMessage("settings.dataTraceEnabled", "true", "blue")]);
            }
            const other: Record<string, string>[] = [{ environment: "dev" }, { env: "production" }, { stage: "prod" }];
            for (const tags of other) {
                assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags }).violations, []);
            }
        });

        it("extends production with the definition's productionStacks, never replacing the built-in names", () => {
            const production = { productionStacks: ["LIVE*"] };
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "live", production }).violations, [
                traceMessage("settings.dataTraceEnabled", "true", "live"),
            ]);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "prod", production }).violations, [
                traceMessage("settings.dataTraceEnabled", "true", "prod"),
            ]);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "live" }).violations, []);
        });

        it("extends production with the definition's productionTags", () => {
            const production = { productionTags: { tier: ["critical"] } };
            const tags = { Tier: "Critical" };
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags, production }).violations, [
                traceMessage("settings.dataTraceEnabled", "true", "blue"),
            ]);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags }).violations, []);
        });

        it("narrows production only through notProductionStacks", () => {
            const production = { notProductionStacks: ["prod-sandbox"] };
            assert.deepStrictEqual(
                run(t.METHOD_SETTINGS, debug(), { stack: "prod-sandbox", production }).violations,
                [],
            );
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, debug(), { stack: "prod-sandbox" }).violations, [
                traceMessage("settings.dataTraceEnabled", "true", "prod-sandbox"),
            ]);
        });

        it("applies the built-in definition when no config arrives", () => {
            const v = run(t.METHOD_SETTINGS, debug(), { stack: "payments-prod", noConfig: true });
            assert.deepStrictEqual(v.violations, [traceMessage("settings.dataTraceEnabled", "true", "payments-prod")]);
        });
    });

    describe("HTTP and WebSocket stages", () => {
        for (const type of [t.V2_STAGE, t.NATIVE_V2_STAGE]) {
            it(`${type}: reports defaultRouteSettings`, () => {
                const props = withProp(fixture(type), "defaultRouteSettings.dataTraceEnabled", "true");
                assert.deepStrictEqual(run(type, props).violations, [
                    traceMessage("defaultRouteSettings.dataTraceEnabled", '"true"'),
                ]);
            });
        }

        it("aws:apigatewayv2/stage:Stage: reports every routeSettings entry", () => {
            const props = fixture(t.V2_STAGE);
            props.routeSettings.push({ routeKey: "POST /orders", loggingLevel: "DEBUG", dataTraceEnabled: true });
            assert.deepStrictEqual(run(t.V2_STAGE, props).violations, [
                levelMessage("routeSettings[1].loggingLevel for POST /orders", '"DEBUG"'),
                traceMessage("routeSettings[1].dataTraceEnabled for POST /orders", "true"),
            ]);
        });

        it("aws-native:apigatewayv2:Stage: reports route settings keyed by route", () => {
            const props = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings.POST /orders", {
                dataTraceEnabled: true,
            });
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
                traceMessage('routeSettings["POST /orders"].dataTraceEnabled for POST /orders', "true"),
            ]);
        });

        // aws-native passes properties typed Any (routeSettings, defaultRouteSettings) to Cloud Control untouched, so
        // a program spells their keys as CloudFormation does.
        it("aws-native:apigatewayv2:Stage: reads CloudFormation's key names too", () => {
            let props = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings.POST /orders", {
                LoggingLevel: "DEBUG",
                DataTraceEnabled: true,
            });
            props = withProp(props, "defaultRouteSettings", { DataTraceEnabled: "true", LoggingLevel: "INFO" });
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
                traceMessage("defaultRouteSettings.DataTraceEnabled", '"true"'),
                levelMessage('routeSettings["POST /orders"].LoggingLevel for POST /orders', '"DEBUG"'),
                traceMessage('routeSettings["POST /orders"].DataTraceEnabled for POST /orders', "true"),
            ]);
            const off = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings.POST /orders", {
                LoggingLevel: "ERROR",
                DataTraceEnabled: false,
            });
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, off).violations, []);
        });

        it("aws-native:apigatewayv2:Stage: reads RouteSettings under its CloudFormation name", () => {
            const props = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings", undefined);
            props.RouteSettings = { "GET /orders/{id}": { DataTraceEnabled: true } };
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
                traceMessage('routeSettings["GET /orders/{id}"].DataTraceEnabled for GET /orders/{id}', "true"),
            ]);
        });

        it("gives the advisory when routeSettings is unknown", () => {
            const v = run(t.V2_STAGE, withProp(fixture(t.V2_STAGE), "routeSettings", UNKNOWN));
            assert.strictEqual(
                v.advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify routeSettings during preview: the value is not known until the update, which checks it again",
                ),
            );
        });
    });

    describe("aws-native REST stages and deployments", () => {
        it("aws-native:apigateway:Stage: reports any methodSettings entry", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings.1.dataTraceEnabled", true);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                traceMessage("methodSettings[1].dataTraceEnabled for GET /orders", "true"),
            ]);
        });

        it("aws-native:apigateway:Stage: an entry written with CloudFormation's key names", () => {
            const props = fixture(t.NATIVE_STAGE);
            props.methodSettings.push({ HttpMethod: "POST", ResourcePath: "/~1orders~1{id}", DataTraceEnabled: true });
            props.methodSettings.push({ httpMethod: "*", resourcePath: "/*", LoggingLevel: "debug" });
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                traceMessage("methodSettings[2].DataTraceEnabled for POST /orders/{id}", "true"),
                levelMessage("methodSettings[3].LoggingLevel", '"debug"'),
            ]);
        });

        it("aws-native:apigateway:Deployment: reports stageDescription and its methodSettings", () => {
            let props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.loggingLevel", "Debug");
            props = withProp(props, "stageDescription.methodSettings.0.dataTraceEnabled", true);
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, [
                levelMessage("stageDescription.loggingLevel", '"Debug"'),
                traceMessage("stageDescription.methodSettings[0].dataTraceEnabled for GET /orders", "true"),
            ]);
        });

        it("ignores a deployment that creates no stage, on its own or inside a template", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3" }), { violations: [], urns: [] });
            const templateBody = JSON.stringify({
                Resources: { Deployment: { Type: "AWS::ApiGateway::Deployment", Properties: { RestApiId: "a1b2c3" } } },
            });
            assert.deepStrictEqual(run(CFN_STACK, { name: "orders", templateBody }), { violations: [], urns: [] });
        });
    });

    describe("observable-api:index:ObservableRestApi", () => {
        it("names the component arg executionLogging.level", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "DEBUG");
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                'executionLogging.level must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" ' +
                    "(DEBUG logs full request and response data).",
            ]);
        });

        it("names methodOverrides[i].loggingLevel", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "methodOverrides.0.loggingLevel", "debug");
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                'methodOverrides[0].loggingLevel for GET /orders must be OFF, ERROR or INFO in production stack "prod", ' +
                    'got "debug" (DEBUG logs full request and response data).',
            ]);
        });

        it("reads the settings the component resolved: an override left unset inherits the stage's DEBUG", () => {
            const props = restApiComponent({
                executionLogging: { level: "DEBUG" },
                methodOverrides: [{ path: "/orders/{id}", method: "get" }],
            });
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                levelMessage("executionLogging.level", '"DEBUG"'),
                levelMessage("methodOverrides[0].loggingLevel for GET /orders/{id}", '"DEBUG"'),
            ]);
        });

        it("is production in any stack when the component is declared environment Production", () => {
            const props = restApiComponent({ executionLogging: { level: "DEBUG" } });
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props, { stack: "live" }).violations, [
                "executionLogging.level must be OFF, ERROR or INFO in an API declared environment Production, got " +
                    '"DEBUG" (DEBUG logs full request and response data).',
            ]);
        });

        it("allows DEBUG on a component declared Staging or Development outside a production stack", () => {
            for (const environment of ["Staging", "Development"] as const) {
                const props = restApiComponent({ environment, executionLogging: { level: "DEBUG" } });
                assert.deepStrictEqual(
                    run(t.OBSERVABLE_REST_API, props, { stack: "live" }).violations,
                    [],
                    environment,
                );
                assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props, { stack: "prod" }).violations, [
                    levelMessage("executionLogging.level", '"DEBUG"'),
                ]);
            }
        });
    });

    it("ignores types it does not cover without reading their props", () => {
        assert.deepStrictEqual(run(t.REST_STAGE, UNKNOWN_BAG), { violations: [], urns: [] });
    });
});

const UNKNOWN_BAG = { restApi: UNKNOWN, stageName: UNKNOWN, xrayTracingEnabled: UNKNOWN };
