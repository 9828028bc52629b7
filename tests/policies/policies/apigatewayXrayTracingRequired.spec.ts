import * as assert from "assert";
import { apigatewayXrayTracingRequired as policy } from "../../../policies/policies/apigatewayXrayTracingRequired";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
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
                `${path} must be true, but it is not set.`,
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

    it("judges an aws-native Deployment whose stageName alone creates a stage, and ignores one that creates none", () => {
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x", stageName: "prod" }, { stack: "dev" }), {
            violations: ["stageDescription.tracingEnabled must be true, but it is not set."],
            urns: [undefined],
        });
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x" }), { violations: [], urns: [] });
        assert.strictEqual(
            run(t.NATIVE_DEPLOYMENT, { restApiId: "x", stageName: UNKNOWN }).advisory,
            previewAdvisory(
                policy.name,
                "cannot verify stageName during preview: the value is not known until the update, which checks it again",
            ),
        );
    });

    it("passes the component as its resolver builds it, and reports tracing switched off", () => {
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, restApiComponent(), { stack: "dev" }).violations, []);
        const off = restApiComponent({ environment: "Development", tracing: { enabled: false } });
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, off, { stack: "dev" }).violations, [
            "tracing.enabled must be true, got false.",
        ]);
    });

    it("does not cover HTTP and WebSocket stages, which X-Ray does not trace", () => {
        assert.deepStrictEqual(run(t.V2_STAGE, fixture(t.V2_STAGE)), { violations: [], urns: [] });
        assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, fixture(t.NATIVE_V2_STAGE)), { violations: [], urns: [] });
    });

    it('accepts "true" as a string', () => {
        assert.deepStrictEqual(
            run(t.REST_STAGE, withProp(fixture(t.REST_STAGE), "xrayTracingEnabled", "true")).violations,
            [],
        );
    });
});
