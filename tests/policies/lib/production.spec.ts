import * as assert from "assert";
import {
    DEFAULT_PRODUCTION_STACKS,
    hasProductionTag,
    matchesProductionStacks,
    productionStackName,
    stackName,
    stackNameFromUrn,
} from "../../../policies/lib/production";
import { TEST_STACK, runtime } from "../../mocks";
import { frozenTags } from "../harness";

describe("policies/lib/production", () => {
    it("reads the stack name from a URN", () => {
        assert.strictEqual(stackNameFromUrn("urn:pulumi:payments-prod::observable-api::aws:x::y"), "payments-prod");
        assert.strictEqual(stackNameFromUrn("urn:pulumi:::p::t::n"), undefined);
        assert.strictEqual(stackNameFromUrn("not-a-urn"), undefined);
        assert.strictEqual(stackNameFromUrn(undefined), undefined);
    });

    it("falls back to pulumi.getStack() without a URN", () => {
        // Other specs switch stacks; this one says which stack it runs in.
        runtime.configure({ stack: TEST_STACK, preview: false, config: {} });
        assert.strictEqual(stackName(undefined), TEST_STACK);
        assert.strictEqual(stackName("urn:pulumi:prod::p::t::n"), "prod");
    });

    it("matches the default globs case-insensitively", () => {
        const yes = [
            "prod",
            "Prod",
            "PRODUCTION",
            "prd",
            "prod-eu",
            "prod_eu",
            "payments-prod",
            "payments_prod",
            "production-1",
            "eu-production",
        ];
        const no = ["products-dev", "dev", "preprod", "prodx", "reproduction", "", "staging"];
        assert.deepStrictEqual(
            yes.filter((s) => !matchesProductionStacks(s, DEFAULT_PRODUCTION_STACKS)),
            [],
        );
        assert.deepStrictEqual(
            no.filter((s) => matchesProductionStacks(s, DEFAULT_PRODUCTION_STACKS)),
            [],
        );
        assert.strictEqual(matchesProductionStacks("prod", []), false);
    });

    it("skips blank globs from config instead of failing (found by the fuzz test)", () => {
        assert.strictEqual(matchesProductionStacks("prod", ["", "  ", "prod"]), true);
        assert.strictEqual(matchesProductionStacks("dev", [""]), false);
    });

    it("reads the environment stack tag", () => {
        assert.strictEqual(hasProductionTag(frozenTags({ environment: " PROD " })), true);
        assert.strictEqual(hasProductionTag(frozenTags({ environment: "Production" })), true);
        assert.strictEqual(hasProductionTag(frozenTags({ environment: "staging" })), false);
        assert.strictEqual(hasProductionTag(frozenTags({ env: "prod" })), false);
        assert.strictEqual(hasProductionTag(undefined), false);
    });

    it("names the production stack, or undefined", () => {
        const urn = (s: string) => `urn:pulumi:${s}::p::t::n`;
        assert.strictEqual(
            productionStackName({ urn: urn("prod-eu"), productionStacks: DEFAULT_PRODUCTION_STACKS }),
            "prod-eu",
        );
        assert.strictEqual(
            productionStackName({ urn: urn("dev"), productionStacks: DEFAULT_PRODUCTION_STACKS }),
            undefined,
        );
        assert.strictEqual(
            productionStackName({
                urn: urn("dev"),
                stackTags: frozenTags({ environment: "prod" }),
                productionStacks: [],
            }),
            "dev",
        );
    });
});
