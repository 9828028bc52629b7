import * as assert from "assert";
import {
    DEFAULT_PRODUCTION_STACKS,
    DEFAULT_PRODUCTION_TAGS,
    declaresProduction,
    matchesStacks,
    narrowedStack,
    productionConfig,
    productionOfResource,
    productionScope,
    productionStack,
    productionTag,
    recordProductionConfig,
    stackName,
    stackNameFromUrn,
} from "../../../policies/lib/production";
import type { ResourceInStack } from "../../../policies/lib/production";
import * as t from "../../../policies/lib/types";
import { TEST_STACK, runtime } from "../../mocks";
import { frozenTags, urnOf, UNKNOWN, wireProps } from "../harness";

const urn = (stack: string, type = t.METHOD_SETTINGS) => urnOf(stack, type, "orders");

describe("policies/lib/production", () => {
    // The definition is module state the definition policy records; every case here starts from the built-in one.
    beforeEach(() => recordProductionConfig({}));
    after(() => recordProductionConfig({}));

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

    it("has the built-in stack globs and tags", () => {
        assert.deepStrictEqual(DEFAULT_PRODUCTION_STACKS, [
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
        assert.deepStrictEqual(DEFAULT_PRODUCTION_TAGS, { environment: ["production", "prod"] });
    });

    it("matches the built-in globs case-insensitively, and nothing else", () => {
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
        const no = ["products-dev", "dev", "preprod", "prodx", "reproduction", "", "staging", "prod.eu"];
        assert.deepStrictEqual(
            yes.filter((s) => !matchesStacks(s, DEFAULT_PRODUCTION_STACKS)),
            [],
        );
        assert.deepStrictEqual(
            no.filter((s) => matchesStacks(s, DEFAULT_PRODUCTION_STACKS)),
            [],
        );
        assert.strictEqual(matchesStacks("prod", []), false);
    });

    it("skips blank and malformed globs instead of failing", () => {
        assert.strictEqual(matchesStacks("prod", ["", "  ", "prod"]), true);
        assert.strictEqual(matchesStacks("dev", [""]), false);
        assert.strictEqual(matchesStacks("dev", ["[", "dev"]), true);
    });

    describe("recordProductionConfig", () => {
        it("keeps strings, lower-cases tag keys and values, and drops values of the wrong shape", () => {
            recordProductionConfig({
                productionStacks: ["live", 3, " ", "eu-*"],
                productionTags: { " Tier ": [" Critical ", 1], empty: [], "": ["x"], bad: "x" },
                notProductionStacks: "prod",
            });
            assert.deepStrictEqual(productionConfig(), {
                productionStacks: ["live", "eu-*"],
                productionTags: { tier: ["critical"] },
                notProductionStacks: [],
            });
        });

        it("merges tag keys that differ only in case, and keeps keys named like prototype members as plain keys", () => {
            const raw = JSON.parse('{"productionTags": {"Tier": ["critical"], "tier": ["gold"], "__proto__": ["x"]}}');
            recordProductionConfig(raw);
            assert.deepStrictEqual(Object.entries(productionConfig().productionTags), [
                ["tier", ["critical", "gold"]],
                ["__proto__", ["x"]],
            ]);
            assert.strictEqual(Object.getPrototypeOf(productionConfig().productionTags), Object.prototype);
        });

        it("counts a config that is not an object as not set", () => {
            recordProductionConfig({ productionStacks: ["live"] });
            recordProductionConfig("live");
            assert.deepStrictEqual(productionConfig(), {
                productionStacks: [],
                productionTags: {},
                notProductionStacks: [],
            });
            recordProductionConfig(null);
            assert.deepStrictEqual(productionConfig().productionStacks, []);
            recordProductionConfig({ productionTags: ["environment"] });
            assert.deepStrictEqual(productionConfig().productionTags, {});
        });
    });

    describe("productionTag", () => {
        it("matches the environment key and its values in any case", () => {
            assert.strictEqual(productionTag(frozenTags({ environment: " PROD " })), "environment= PROD ");
            assert.strictEqual(productionTag(frozenTags({ Environment: "Production" })), "Environment=Production");
            assert.strictEqual(productionTag(frozenTags({ ENVIRONMENT: "prod" })), "ENVIRONMENT=prod");
            assert.strictEqual(productionTag(frozenTags({ environment: "staging" })), undefined);
            assert.strictEqual(productionTag(frozenTags({ env: "prod" })), undefined);
            assert.strictEqual(productionTag(frozenTags({})), undefined);
            assert.strictEqual(productionTag(undefined), undefined);
        });

        it("never mistakes Object.prototype's members for tags (found by the fuzz spec)", () => {
            for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
                assert.strictEqual(productionTag(frozenTags({ [key]: "production" })), undefined, key);
            }
            recordProductionConfig({ productionTags: { constructor: ["yes"], toString: ["on"] } });
            assert.strictEqual(productionTag(frozenTags({ Constructor: "YES" })), "Constructor=YES");
            assert.strictEqual(productionTag(frozenTags({ toString: "off" })), undefined);
            assert.strictEqual(productionTag(frozenTags({ environment: "prod" })), "environment=prod");
        });

        it("adds the configured tags to the built-in ones", () => {
            recordProductionConfig({ productionTags: { Tier: ["Critical"], environment: ["live"] } });
            assert.strictEqual(productionTag(frozenTags({ TIER: "critical" })), "TIER=critical");
            assert.strictEqual(productionTag(frozenTags({ environment: "Live" })), "environment=Live");
            assert.strictEqual(productionTag(frozenTags({ environment: "production" })), "environment=production");
            assert.strictEqual(productionTag(frozenTags({ tier: "low" })), undefined);
        });
    });

    describe("productionStack", () => {
        it("names the scope by the stack, from the name or a tag", () => {
            assert.deepStrictEqual(productionStack(urn("prod-eu"), undefined), {
                stack: "prod-eu",
                scope: 'production stack "prod-eu"',
            });
            assert.strictEqual(productionStack(urn("dev"), frozenTags({})), undefined);
            assert.deepStrictEqual(productionStack(urn("dev"), frozenTags({ Environment: "PROD" })), {
                stack: "dev",
                scope: 'production stack "dev"',
            });
        });

        it("extends the built-in globs with productionStacks, never replacing them", () => {
            recordProductionConfig({ productionStacks: ["live", "eu-*"] });
            for (const stack of ["live", "LIVE", "eu-west", "prod", "payments-prod"]) {
                assert.strictEqual(productionStack(urn(stack), undefined)?.stack, stack, stack);
            }
            assert.strictEqual(productionStack(urn("dev"), undefined), undefined);
        });

        it("narrows only by notProductionStacks, which a tag still overrides", () => {
            recordProductionConfig({ notProductionStacks: ["prod-sandbox"] });
            assert.strictEqual(productionStack(urn("prod-sandbox"), undefined), undefined);
            assert.strictEqual(productionStack(urn("prod-eu"), undefined)?.stack, "prod-eu");
            assert.strictEqual(
                productionStack(urn("prod-sandbox"), frozenTags({ environment: "production" }))?.stack,
                "prod-sandbox",
            );
        });

        it("reports the narrowed stack", () => {
            assert.strictEqual(narrowedStack(urn("prod-sandbox")), undefined);
            recordProductionConfig({
                productionStacks: ["live"],
                notProductionStacks: ["PROD-SANDBOX", "live", "dev"],
            });
            assert.strictEqual(narrowedStack(urn("prod-sandbox")), "prod-sandbox");
            assert.strictEqual(narrowedStack(urn("live")), "live");
            // Excluding a stack no glob makes production narrows nothing.
            assert.strictEqual(narrowedStack(urn("dev")), undefined);
            assert.strictEqual(narrowedStack(urn("prod")), undefined);
        });
    });

    describe("a component declared environment Production", () => {
        const component = (environment: unknown) => wireProps({ environment, stageName: "prod" });

        it("is recognised on the project's components only, by the exact enum value", () => {
            for (const type of [t.OBSERVABLE_REST_API, t.OBSERVABLE_HTTP_API, t.OBSERVABLE_WEBSOCKET_API]) {
                assert.strictEqual(declaresProduction(type, component("Production")), true, type);
                assert.strictEqual(declaresProduction(type, component("Staging")), false, type);
            }
            assert.strictEqual(declaresProduction(t.OBSERVABLE_REST_API, component("production")), false);
            assert.strictEqual(declaresProduction(t.OBSERVABLE_REST_API, component(UNKNOWN)), false);
            assert.strictEqual(declaresProduction(t.REST_STAGE, component("Production")), false);
            assert.strictEqual(declaresProduction(t.OBSERVABLE_REST_API, UNKNOWN), false);
        });

        it("makes the component production in any stack, named by its declaration", () => {
            assert.deepStrictEqual(
                productionScope({ type: t.OBSERVABLE_REST_API, urn: urn("live"), props: component("Production") }),
                { stack: "live", scope: "an API declared environment Production" },
            );
            assert.strictEqual(
                productionScope({ type: t.OBSERVABLE_REST_API, urn: urn("live"), props: component("Development") }),
                undefined,
            );
            // The stack's own scope wins, so a production stack is named as such.
            assert.deepStrictEqual(
                productionScope({ type: t.OBSERVABLE_REST_API, urn: urn("prod"), props: component("Production") }),
                { stack: "prod", scope: 'production stack "prod"' },
            );
        });

        it("makes every resource under it production in a stack policy, through its parents", () => {
            const api: ResourceInStack = {
                type: t.OBSERVABLE_REST_API,
                urn: urn("live", t.OBSERVABLE_REST_API),
                name: "orders",
                props: component("Production"),
            };
            const child: ResourceInStack = {
                type: t.REST_STAGE,
                urn: urn("live", t.REST_STAGE),
                name: "orders-stage",
                props: {},
                parent: api,
            };
            const grandchild: ResourceInStack = {
                type: t.METHOD_SETTINGS,
                urn: urn("live"),
                name: "orders-ms",
                props: {},
                parent: child,
            };
            const declared = "an API declared environment Production";
            assert.deepStrictEqual(
                [api, child, grandchild].map((r) => productionOfResource(r, frozenTags({}))),
                [
                    { stack: "live", scope: declared },
                    { stack: "live", scope: `${declared} (its parent ${t.OBSERVABLE_REST_API} "orders")` },
                    { stack: "live", scope: `${declared} (its ancestor ${t.OBSERVABLE_REST_API} "orders")` },
                ],
            );
            const staging = { ...api, props: component("Staging") };
            assert.strictEqual(productionOfResource({ ...child, parent: staging }, frozenTags({})), undefined);
            assert.strictEqual(productionOfResource({ ...child, parent: undefined }, frozenTags({})), undefined);
        });
    });
});
