import * as assert from "assert";
import { apigatewayNoDebugLoggingInProduction as policy } from "../../../policies/policies/apigatewayNoDebugLoggingInProduction";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
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
        assert.deepStrictEqual(policy.configSchema!.properties.maxLevel.default, "INFO");
        assert.deepStrictEqual(policy.configSchema!.properties.productionStacks.default, [
            "prod",
            "production",
            "prd",
            "prod-*",
            "prod_*",
            "*-prod",
            "*_prod",
            "production-*",
            "*-production",
        ]);
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

        it("reports it at any methodPath, not only */*", () => {
            const props = withProp(withProp(ms(), "methodPath", "orders/GET"), "settings.dataTraceEnabled", true);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
                traceMessage("settings.dataTraceEnabled", "true"),
            ]);
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

        it("is still a violation in preview when restApi and stageName are unknown", () => {
            let props = withProp(ms(), "settings.dataTraceEnabled", true);
            props = withProp(withProp(props, "restApi", UNKNOWN), "stageName", UNKNOWN);
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
                    "cannot verify settings.loggingLevel, settings.dataTraceEnabled during preview: the value is not " +
                        "known until the update, which checks it again",
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

        it("treats any stack tagged environment=production (any case) as production", () => {
            const v = run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags: { environment: "Production" } });
            assert.deepStrictEqual(v.violations, [traceMessage("settings.dataTraceEnabled", "true", "blue")]);
            const w = run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags: { environment: "prod" } });
            assert.deepStrictEqual(w.violations, [traceMessage("settings.dataTraceEnabled", "true", "blue")]);
            assert.deepStrictEqual(
                run(t.METHOD_SETTINGS, debug(), { stack: "blue", tags: { environment: "dev" } }).violations,
                [],
            );
        });

        it("uses productionStacks from config", () => {
            assert.deepStrictEqual(
                run(t.METHOD_SETTINGS, debug(), { stack: "live", config: { productionStacks: ["LIVE*"] } }).violations,
                [traceMessage("settings.dataTraceEnabled", "true", "live")],
            );
            assert.deepStrictEqual(
                run(t.METHOD_SETTINGS, debug(), { stack: "prod", config: { productionStacks: ["live"] } }).violations,
                [],
            );
        });

        it("applies the schema defaults itself when no config arrives", () => {
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
                levelMessage("routeSettings[1].loggingLevel", '"DEBUG"'),
                traceMessage("routeSettings[1].dataTraceEnabled", "true"),
            ]);
        });

        it("aws-native:apigatewayv2:Stage: reports route settings keyed by route", () => {
            const props = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings.POST /orders", {
                dataTraceEnabled: true,
            });
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
                traceMessage('routeSettings["POST /orders"].dataTraceEnabled', "true"),
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
                traceMessage("methodSettings[1].dataTraceEnabled", "true"),
            ]);
        });

        it("aws-native:apigateway:Deployment: reports stageDescription and its methodSettings", () => {
            let props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.loggingLevel", "Debug");
            props = withProp(props, "stageDescription.methodSettings.0.dataTraceEnabled", true);
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, [
                levelMessage("stageDescription.loggingLevel", '"Debug"'),
                traceMessage("stageDescription.methodSettings[0].dataTraceEnabled", "true"),
            ]);
        });

        it("ignores a deployment without stageDescription", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3" }).violations, []);
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
                'methodOverrides[0].loggingLevel must be OFF, ERROR or INFO in production stack "prod", got "debug" ' +
                    "(DEBUG logs full request and response data).",
            ]);
        });

        it("allows DEBUG outside production", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "DEBUG");
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props, { stack: "dev" }).violations, []);
        });
    });

    it("ignores types it does not cover without reading their props", () => {
        assert.deepStrictEqual(run(t.REST_STAGE, UNKNOWN_BAG), { violations: [], urns: [] });
    });
});

const UNKNOWN_BAG = { restApi: UNKNOWN, stageName: UNKNOWN, xrayTracingEnabled: UNKNOWN };
