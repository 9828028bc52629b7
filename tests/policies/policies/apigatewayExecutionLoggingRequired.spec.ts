import * as assert from "assert";
import { apigatewayExecutionLoggingRequired as policy } from "../../../policies/policies/apigatewayExecutionLoggingRequired";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

const NAME = "apigateway-execution-logging-required";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

describe("policy apigateway-execution-logging-required", () => {
    it("is advisory and names AWS Security Hub APIGateway.1", () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.framework!.reference, "APIGateway.1");
    });

    for (const type of [t.METHOD_SETTINGS, t.NATIVE_STAGE, t.NATIVE_DEPLOYMENT, t.OBSERVABLE_REST_API]) {
        it(`passes the compliant ${type}`, () => {
            assert.deepStrictEqual(run(type, fixture(type)), { violations: [], urns: [] });
        });
    }

    it("MethodSettings */*: reports OFF and metrics off", () => {
        let props = withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", "OFF");
        props = withProp(props, "settings.metricsEnabled", false);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
            'settings.loggingLevel must be ERROR or INFO in production stack "prod", got "OFF".',
            'settings.metricsEnabled must be true in production stack "prod", got false.',
        ]);
    });

    it("MethodSettings */*: reports an unset level", () => {
        const props = withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", undefined);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
            'settings.loggingLevel must be ERROR or INFO in production stack "prod", got not set.',
        ]);
    });

    it("ignores a MethodSettings for one method", () => {
        const props = withProp(
            withProp(fixture(t.METHOD_SETTINGS), "methodPath", "a/GET"),
            "settings.loggingLevel",
            "OFF",
        );
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, []);
    });

    it("gives the advisory when the methodPath is unknown", () => {
        const props = withProp(fixture(t.METHOD_SETTINGS), "methodPath", UNKNOWN);
        assert.strictEqual(
            run(t.METHOD_SETTINGS, props).advisory,
            previewAdvisory(
                NAME,
                "cannot verify methodPath during preview: the value is not known until the update, which checks it again",
            ),
        );
    });

    it("aws-native stage: reports a missing stage-wide entry", () => {
        const props = fixture(t.NATIVE_STAGE);
        props.methodSettings.shift();
        assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
            'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has no ' +
                'execution logging in production stack "prod"; add it with loggingLevel ERROR or INFO and metricsEnabled true.',
        ]);
    });

    it("aws-native deployment: reports stageDescription", () => {
        const props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.metricsEnabled", "false");
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, [
            'stageDescription.metricsEnabled must be true in production stack "prod", got "false".',
        ]);
    });

    it("component: names executionLogging.level and metricsEnabled", () => {
        let props = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "OFF");
        props = withProp(props, "metricsEnabled", false);
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
            'executionLogging.level must be ERROR or INFO in production stack "prod", got "OFF".',
            'metricsEnabled must be true in production stack "prod", got false.',
        ]);
    });

    it("leaves DEBUG to the DEBUG policy and skips non-production stacks", () => {
        const debug = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "DEBUG");
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, debug).violations, []);
        const off = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "OFF");
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, off, { stack: "dev" }).violations, []);
    });

    it("does not cover HTTP API stages, which have no execution logs", () => {
        const props = withProp(fixture(t.V2_STAGE), "defaultRouteSettings.loggingLevel", "OFF");
        assert.deepStrictEqual(run(t.V2_STAGE, props).violations, []);
    });
});
