import * as assert from "assert";
import { apigatewayNoImplicitStage as policy } from "../../../policies/policies/apigatewayNoImplicitStage";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { runResource, UNKNOWN, withProp } from "../harness";

const MESSAGE =
    "target is set, so API Gateway creates a $default stage that no policy can see; remove target and declare an " +
    "aws.apigatewayv2.Stage.";

describe("policy apigateway-no-implicit-stage", () => {
    for (const type of [t.V2_API, t.NATIVE_V2_API]) {
        it(`${type}: passes without target`, () => {
            assert.deepStrictEqual(runResource(policy, { type, props: fixture(type) }), { violations: [], urns: [] });
        });

        it(`${type}: reports target, known or unknown`, () => {
            const arn = "arn:aws:lambda:us-east-1:123456789012:function:orders";
            assert.deepStrictEqual(
                runResource(policy, { type, props: withProp(fixture(type), "target", arn) }).violations,
                [MESSAGE],
            );
            assert.deepStrictEqual(
                runResource(policy, { type, props: withProp(fixture(type), "target", UNKNOWN) }).violations,
                [MESSAGE],
            );
        });
    }

    it("is advisory", () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
    });
});
