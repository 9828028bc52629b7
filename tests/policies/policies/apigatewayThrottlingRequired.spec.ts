import * as assert from "assert";
import { apigatewayThrottlingRequired as policy } from "../../../policies/policies/apigatewayThrottlingRequired";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

const NAME = "apigateway-throttling-required";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

const positive = (path: string, got: string) => `${path} must be a positive number, got ${got}.`;
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
            positiveOrUnset("routeSettings[0].throttlingRateLimit", "-1 (throttling disabled)"),
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
            positiveOrUnset('routeSettings["GET /orders"].throttlingBurstLimit', "-1 (throttling disabled)"),
            positive("defaultRouteSettings.throttlingRateLimit", "not set"),
        ]);
    });

    describe("aws-native:apigateway:Stage", () => {
        it('needs a methodSettings entry with httpMethod "*" and resourcePath "/*"', () => {
            const props = fixture(t.NATIVE_STAGE);
            props.methodSettings.shift();
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has no ' +
                    "stage-wide throttling; add it with positive throttlingRateLimit and throttlingBurstLimit.",
            ]);
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
                positiveOrUnset("methodSettings[1].throttlingBurstLimit", "-1 (throttling disabled)"),
            ]);
        });

        it("gives the advisory when the stage-wide entry's httpMethod is unknown", () => {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings.0.httpMethod", UNKNOWN);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props), {
                violations: [],
                urns: [],
                advisory: previewAdvisory(
                    NAME,
                    'cannot verify a methodSettings entry with httpMethod "*" and resourcePath "/*" during preview: ' +
                        "the value is not known until the update, which checks it again",
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

        it("ignores a deployment that creates no stage", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "a1b2c3" }).violations, []);
        });
    });

    describe("aws:apigateway/methodSettings:MethodSettings", () => {
        it("reports -1 at any methodPath", () => {
            const props = withProp(
                withProp(fixture(t.METHOD_SETTINGS), "methodPath", "orders/GET"),
                "settings.throttlingRateLimit",
                -1,
            );
            assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
                positiveOrUnset("settings.throttlingRateLimit", "-1 (throttling disabled)"),
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
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
                positive("throttling.rateLimit", "null"),
                positive("throttling.burstLimit", "-1 (throttling disabled)"),
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
                positiveOrUnset("methodOverrides[0].throttling.rateLimit", "-1 (throttling disabled)"),
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

    it("ignores a classic Stage (the stack policy's job)", () => {
        assert.deepStrictEqual(run(t.REST_STAGE, fixture(t.REST_STAGE)), { violations: [], urns: [] });
    });
});
