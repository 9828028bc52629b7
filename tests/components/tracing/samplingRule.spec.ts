import * as assert from "assert";
import { createHash } from "crypto";
import { samplingRuleName } from "../../../components/tracing/samplingRule";

const ARN = "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/prod";
const hash12 = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);

describe("components/tracing/samplingRule", () => {
    it("names the rule <component>-<12 hex of the stage ARN>", () => {
        assert.strictEqual(samplingRuleName("orders", ARN), `orders-${hash12(ARN)}`);
    });

    it("stays within X-Ray's 32 characters and allowed characters", () => {
        const long = samplingRuleName("a.very.long.component.name.for.orders", ARN);
        assert.strictEqual(long, `a-very-long-compone-${hash12(ARN)}`);
        assert.strictEqual(long.length, 32);
    });

    it("differs per stage", () => {
        assert.notStrictEqual(samplingRuleName("orders", ARN), samplingRuleName("orders", ARN.replace("prod", "dev")));
    });
});
