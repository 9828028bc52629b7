import * as assert from "assert";
import { apigatewayThrottlingRequired as policy } from "../../../policies/policies/apigatewayThrottlingRequired";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

const NAME = "apigateway-throttling-required";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

const positive = (path: string, got: string) =>
    `${path} must be a positive number, ${got === "not set" ? "but it is not set" : `got ${got}`}.`;
const NATIVE_STAGE_WIDE_MISSING =
    'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has no stage-wide ' +
    "throttling; add it with positive throttlingRateLimit and throttlingBurstLimit.";
const DEPLOYMENT_STAGE_WIDE_MISSING =
    "stageDescription is missing, so the stage has no stage-wide throttling; add it with positive " +
    "throttlingRateLimit and throttlingBurstLimit.";
const QUICK_CREATE =
    "target is set, so API Gateway creates a $default stage with no throttling (quick create), which no policy can " +
    "see; remove target and declare an aws.apigatewayv2.Stage with defaultRouteSettings.throttlingRateLimit and " +
    "throttlingBurstLimit.";
const positiveOrUnset = (path: string, got: string) => `${path} must be a positive number or unset, got ${got}.`;

describe("policy apigateway-throttling-required", () => {
    it("declares its name, level and config schema with defaults", () => {
        assert.strictEqual(policy.name, NAME);
        assert.strictEqual(policy.enforcementLevel, "mandatory");
        assert.strictEqual(policy.configSchema!.properties.productionOnly.default, false);
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

    it("checks every stack by default, and only production with productionOnly", () => {
        const props = withProp(fixture(t.V2_STAGE), "defaultRouteSettings.throttlingRateLimit", -1);
        const message = positive("defaultRouteSettings.throttlingRateLimit", "-1 (throttling disabled)");
        assert.deepStrictEqual(run(t.V2_STAGE, props, { stack: "dev" }).violations, [message]);
        assert.deepStrictEqual(
            run(t.V2_STAGE, props, { stack: "dev", config: { productionOnly: true } }).violations,
            [],
        );
        assert.deepStrictEqual(run(t.V2_STAGE, props, { stack: "prod", config: { productionOnly: true } }).violations, [
            message,
        ]);
    });

    describe("stage-wide limits count as unset when missing, null, negative, zero or not a number", () => {
        const cases: [unknown, string][] = [
            [undefined, "not set"],
            [null, "null"],
            [-1, "-1 (throttling disabled)"],
            [-5, "-5"],
            [0, "0"],
            ["1000", '"1000"'],
            [true, "true"],
        ];
        for (const [value, got] of cases) {
            it(`aws:apigatewayv2/stage:Stage defaultRouteSettings.throttlingBurstLimit ${got}`, () => {
                const props = withProp(fixture(t.V2_STAGE), "defaultRouteSettings.throttlingBurstLimit", value);
                assert.deepStrictEqual(run(t.V2_STAGE, props).violations, [
                    positive("defaultRouteSettings.throttlingBurstLimit", got),
                ]);
            });
        }
    });

    it("aws:apigatewayv2/stage:Stage without defaultRouteSettings reports both limits", () => {
        const props = withProp(fixture(t.V2_STAGE), "defaultRouteSettings", undefined);
        assert.deepStrictEqual(run(t.V2_STAGE, props).violations, [
            positive("defaultRouteSettings.throttlingRateLimit", "not set"),
            positive("defaultRouteSettings.throttlingBurstLimit", "not set"),
        ]);
    });

    it("aws:apigatewayv2/stage:Stage: a route entry that disables throttling", () => {
        const props = withProp(fixture(t.V2_STAGE), "routeSettings.0.throttlingRateLimit", -1);
        assert.deepStrictEqual(run(t.V2_STAGE, props).violations, [
            positiveOrUnset("routeSettings[0].throttlingRateLimit for GET /orders", "-1 (throttling disabled)"),
        ]);
    });

    it("aws:apigatewayv2/stage:Stage: a route entry may leave the limits unset", () => {
        const props = withProp(fixture(t.V2_STAGE), "routeSettings.0.throttlingRateLimit", null);
        assert.deepStrictEqual(run(t.V2_STAGE, props).violations, []);
    });

    it("aws-native:apigatewayv2:Stage: defaultRouteSettings and route entries keyed by route", () => {
        let props = withProp(fixture(t.NATIVE_V2_STAGE), "defaultRouteSettings.throttlingRateLimit", undefined);
        props = withProp(props, "routeSettings.GET /orders.throttlingBurstLimit", -1);
        assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
            positiveOrUnset(
                'routeSettings["GET /orders"].throttlingBurstLimit for GET /orders',
                "-1 (throttling disabled)",
            ),
            positive("defaultRouteSettings.throttlingRateLimit", "not set"),
        ]);
    });

    describe("aws-native:apigateway:Stage", () => {
        it('needs a methodSettings entry with httpMethod "*" and resourcePath "/*"', () => {
            const props = fixture(t.NATIVE_STAGE);
            props.methodSettings.shift();
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [NATIVE_STAGE_WIDE_MISSING]);
        });

        it("has no stage-wide throttling without methodSettings, missing or empty", () => {
            for (const methodSettings of [undefined, [], null]) {
                const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings", methodSettings);
                assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [NATIVE_STAGE_WIDE_MISSING]);
            }
        });

        it("reports a -1 entry even when another stage-wide entry is positive", () => {
            const props = fixture(t.NATIVE_STAGE);
            props.methodSettings.push({
                httpMethod: "*",
                resourcePath: "/*",
                throttlingRateLimit: -1,
                throttlingBurstLimit: 10,
            });
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                positive("methodSettings[2].throttlingRateLimit", "-1 (throttling disabled)"),
            ]);
        });

        it("CloudFormation's key names in the typed methodSettings protect nothing, and a -1 under them still counts", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings", [
                { HttpMethod: "*", ResourcePath: "/*", ThrottlingRateLimit: 5, ThrottlingBurstLimit: 6 },
                { HttpMethod: "GET", ResourcePath: "/~1orders", ThrottlingBurstLimit: -1 },
            ]);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                positiveOrUnset("methodSettings[1].ThrottlingBurstLimit for GET /orders", "-1 (throttling disabled)"),
                positive("methodSettings[0].throttlingRateLimit", "not set"),
                positive("methodSettings[0].throttlingBurstLimit", "not set"),
            ]);
        });

        it("gives the advisory when methodSettings is unknown", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings", UNKNOWN);
            assert.strictEqual(
                run(t.NATIVE_STAGE, props).advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify methodSettings during preview: the value is not known until the update, which " +
                        "checks it again",
                ),
            );
        });

        it("reports a stage-wide entry with a disabled limit", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings.0.throttlingRateLimit", -1);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                positive("methodSettings[0].throttlingRateLimit", "-1 (throttling disabled)"),
            ]);
        });

        it("reports a method entry that disables throttling", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings.1.throttlingBurstLimit", -1);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                positiveOrUnset("methodSettings[1].throttlingBurstLimit for GET /orders", "-1 (throttling disabled)"),
            ]);
        });

        it("gives the advisory when the stage-wide entry's httpMethod is unknown", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings.0.httpMethod", UNKNOWN);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props), {
                violations: [],
                urns: [],
                advisory: previewAdvisory(
                    NAME,
                    "cannot verify methodSettings[0].httpMethod during preview: the value is not known until the " +
                        "update, which checks it again",
                ),
            });
        });
    });

    describe("aws-native:apigateway:Deployment", () => {
        it("accepts stage-wide limits on a */* methodSettings entry instead of stageDescription", () => {
            let props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.throttlingRateLimit", undefined);
            props = withProp(props, "stageDescription.throttlingBurstLimit", undefined);
            props.stageDescription.methodSettings.push({
                httpMethod: "*",
                resourcePath: "/*",
                throttlingRateLimit: 10,
                throttlingBurstLimit: 20,
            });
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, []);
        });

        it("reports stageDescription without limits", () => {
            const props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.throttlingBurstLimit", -1);
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, [
                positive("stageDescription.throttlingBurstLimit", "-1 (throttling disabled)"),
            ]);
        });

        it("judges a deployment whose stageName alone creates a stage: it has no throttling", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3", stageName: "prod" }).violations, [
                DEPLOYMENT_STAGE_WIDE_MISSING,
            ]);
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3", StageName: "prod" }).violations, [
                DEPLOYMENT_STAGE_WIDE_MISSING,
            ]);
            // In every stack.
            assert.deepStrictEqual(
                run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3", stageName: "dev" }, { stack: "dev" }).violations,
                [DEPLOYMENT_STAGE_WIDE_MISSING],
            );
        });

        it("gives the advisory when the stage name that decides whether a stage exists is unknown", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3", stageName: UNKNOWN }), {
                violations: [],
                urns: [],
                advisory: previewAdvisory(
                    NAME,
                    "cannot verify stageName during preview: the value is not known until the update, which checks " +
                        "it again",
                ),
            });
        });

        it("ignores a deployment that creates no stage", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3" }), { violations: [], urns: [] });
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3", stageName: "" }).violations, []);
        });
    });

    describe("aws:apigateway/methodSettings:MethodSettings", () => {
        it("reports -1 at any methodPath", () => {
            const props = withProp(
                withProp(fixture(t.METHOD_SETTINGS), "methodPath", "~1orders~1{id}/GET"),
                "settings.throttlingRateLimit",
                -1,
            );
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
                positiveOrUnset("settings.throttlingRateLimit for GET /orders/{id}", "-1 (throttling disabled)"),
            ]);
        });

        it("leaves a */* MethodSettings without limits to the stack policy", () => {
            const props = withProp(fixture(t.METHOD_SETTINGS), "settings.throttlingRateLimit", undefined);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, []);
        });

        it("never reads restApi: a -1 limit is a violation in preview", () => {
            let props = withProp(fixture(t.METHOD_SETTINGS), "settings.throttlingBurstLimit", -1);
            props = withProp(withProp(props, "restApi", UNKNOWN), "methodPath", UNKNOWN);
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
                positiveOrUnset("settings.throttlingBurstLimit", "-1 (throttling disabled)"),
            ]);
        });

        it("gives the advisory when a limit is unknown", () => {
            const props = withProp(fixture(t.METHOD_SETTINGS), "settings.throttlingBurstLimit", UNKNOWN);
            assert.strictEqual(
                run(t.METHOD_SETTINGS, props).advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify settings.throttlingBurstLimit during preview: the value is not known until the " +
                        "update, which checks it again",
                ),
            );
        });
    });

    describe("observable-api:index:ObservableRestApi", () => {
        it("names throttling.rateLimit and throttling.burstLimit", () => {
            let props = withProp(fixture(t.OBSERVABLE_REST_API), "throttling.rateLimit", null);
            props = withProp(props, "throttling.burstLimit", -1);
            // A disabling value is reported where it is read; a stage-wide limit that is not given, after.
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                positive("throttling.burstLimit", "-1 (throttling disabled)"),
                positive("throttling.rateLimit", "null"),
            ]);
        });

        it("reports a missing throttling arg", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "throttling", undefined);
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                positive("throttling.rateLimit", "not set"),
                positive("throttling.burstLimit", "not set"),
            ]);
        });

        it("names methodOverrides[i].throttling", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "methodOverrides.0.throttling.rateLimit", -1);
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                positiveOrUnset("methodOverrides[0].throttling.rateLimit for GET /orders", "-1 (throttling disabled)"),
            ]);
        });

        it("gives the advisory when the stage-wide limit is unknown", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "throttling.rateLimit", UNKNOWN);
            assert.strictEqual(
                run(t.OBSERVABLE_REST_API, props).advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify throttling.rateLimit during preview: the value is not known until the update, " +
                        "which checks it again",
                ),
            );
        });
    });

    describe("HTTP API quick create", () => {
        for (const type of [t.V2_API, t.NATIVE_V2_API]) {
            it(`${type}: target, known or unknown, is a violation in every stack`, () => {
                for (const target of ["arn:aws:lambda:us-east-1:123456789012:function:orders", UNKNOWN]) {
                    for (const stack of ["dev", "prod"]) {
                        const v = run(type, withProp(fixture(type), "target", target), { stack });
                        assert.deepStrictEqual(v, { violations: [QUICK_CREATE], urns: [undefined] }, stack);
                    }
                }
            });

            it(`${type}: passes without target`, () => {
                assert.deepStrictEqual(run(type, fixture(type), { stack: "dev" }), { violations: [], urns: [] });
                assert.deepStrictEqual(
                    run(type, withProp(fixture(type), "target", ""), { stack: "dev" }).violations,
                    [],
                );
            });
        }

        it("is scoped like every other stage with productionOnly", () => {
            const props = withProp(fixture(t.V2_API), "target", "arn:aws:lambda:us-east-1:123456789012:function:x");
            const config = { productionOnly: true };
            assert.deepStrictEqual(run(t.V2_API, props, { stack: "dev", config }).violations, []);
            assert.deepStrictEqual(run(t.V2_API, props, { stack: "prod", config }).violations, [QUICK_CREATE]);
        });
    });

    describe("aws-native:apigatewayv2:Stage spellings", () => {
        it("routeSettings is typed Any: CloudFormation's key names take effect there, and a -1 under them counts", () => {
            const ok = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings", {
                "GET /orders": { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
            });
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, ok).violations, []);
            const off = withProp(ok, "routeSettings.GET /orders.ThrottlingRateLimit", -1);
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, off).violations, [
                positiveOrUnset(
                    'routeSettings["GET /orders"].ThrottlingRateLimit for GET /orders',
                    "-1 (throttling disabled)",
                ),
            ]);
        });

        it("defaultRouteSettings is typed: CloudFormation's key names there protect nothing", () => {
            const props = withProp(fixture(t.NATIVE_V2_STAGE), "defaultRouteSettings", {
                ThrottlingRateLimit: 5,
                ThrottlingBurstLimit: 10,
            });
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
                positive("defaultRouteSettings.throttlingRateLimit", "not set"),
                positive("defaultRouteSettings.throttlingBurstLimit", "not set"),
            ]);
        });

        it("a -1 under either spelling is reported, even beside a positive limit under the other", () => {
            const props = withProp(fixture(t.NATIVE_V2_STAGE), "defaultRouteSettings.ThrottlingRateLimit", -1);
            assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
                positive("defaultRouteSettings.ThrottlingRateLimit", "-1 (throttling disabled)"),
            ]);
        });
    });

    it("passes the component built from its resolver with overrides that inherit the stage's limits", () => {
        const props = restApiComponent({ methodOverrides: [{ path: "/orders/{id}", method: "GET" }] });
        assert.deepStrictEqual(props.methodOverrides[0].throttling, { rateLimit: 1000, burstLimit: 2000 });
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props), { violations: [], urns: [] });
    });

    it("ignores a classic Stage (the stack policy's job)", () => {
        assert.deepStrictEqual(run(t.REST_STAGE, fixture(t.REST_STAGE)), { violations: [], urns: [] });
    });
});
