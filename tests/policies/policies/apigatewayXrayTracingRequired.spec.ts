import * as assert from "assert";
import { apigatewayXrayTracingRequired as policy } from "../../../policies/policies/apigatewayXrayTracingRequired";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

const CASES: [string, string][] = [
    [t.REST_STAGE, "xrayTracingEnabled"],
    [t.NATIVE_STAGE, "tracingEnabled"],
    [t.NATIVE_DEPLOYMENT, "stageDescription.tracingEnabled"],
    [t.OBSERVABLE_REST_API, "tracing.enabled"],
];

describe("policy apigateway-xray-tracing-required", () => {
    it("is advisory and names AWS Security Hub APIGateway.3", () => {
        assert.strictEqual(policy.name, "apigateway-xray-tracing-required");
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.framework!.reference, "APIGateway.3");
    });

    for (const [type, path] of CASES) {
        it(`${type}: passes with ${path} true, in every stack`, () => {
            assert.deepStrictEqual(run(type, fixture(type), { stack: "dev" }), { violations: [], urns: [] });
        });

        it(`${type}: reports ${path} false or missing`, () => {
            assert.deepStrictEqual(run(type, withProp(fixture(type), path, false), { stack: "dev" }).violations, [
                `${path} must be true, got false.`,
            ]);
            assert.deepStrictEqual(run(type, withProp(fixture(type), path, undefined)).violations, [
                `${path} must be true, got not set.`,
            ]);
        });

        it(`${type}: gives the advisory when ${path} is unknown`, () => {
            assert.strictEqual(
                run(type, withProp(fixture(type), path, UNKNOWN)).advisory,
                previewAdvisory(
                    policy.name,
                    `cannot verify ${path} during preview: the value is not known until the update, which checks it again`,
                ),
            );
        });
    }

    it('accepts "true" as a string', () => {
        assert.deepStrictEqual(
            run(t.REST_STAGE, withProp(fixture(t.REST_STAGE), "xrayTracingEnabled", "true")).violations,
            [],
        );
    });
});
