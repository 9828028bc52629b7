import * as assert from "assert";
import { apigatewayProductionDefinition as policy } from "../../../policies/policies/apigatewayProductionDefinition";
import { apigatewayNoDebugLoggingInProduction as noDebug } from "../../../policies/policies/apigatewayNoDebugLoggingInProduction";
import { policies } from "../../../policies/policies";
import { productionConfig, recordProductionConfig } from "../../../policies/lib/production";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { runResource, withProp } from "../harness";

const NAME = "apigateway-production-definition";

function narrowed(stack: string): string {
    return (
        `Stack "${stack}" matches the production definition (built-in: prod, production, prd, prod-*, prod_*, *-prod, ` +
        "*_prod, production-*, *-production; or productionStacks), but notProductionStacks excludes it, so the " +
        "production-only guardrails (DEBUG logging, access logging, execution logging, alarms) do not run on it."
    );
}

const root = { type: t.ROOT_STACK, props: {}, name: "observable-api-prod" };

describe("policy apigateway-production-definition", () => {
    after(() => recordProductionConfig({}));

    it("declares its name, level, severity and config schema with defaults", () => {
        assert.strictEqual(policy.name, NAME);
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.severity, "medium");
        const properties = policy.configSchema!.properties;
        assert.deepStrictEqual(Object.keys(properties), ["productionStacks", "productionTags", "notProductionStacks"]);
        assert.deepStrictEqual(properties.productionStacks.default, []);
        assert.deepStrictEqual(properties.productionTags.default, {});
        assert.deepStrictEqual(properties.notProductionStacks.default, []);
        assert.deepStrictEqual(properties.productionTags.additionalProperties, {
            type: "array",
            items: { type: "string" },
        });
    });

    it("is the first policy, so it records its config before any other policy of the same call", () => {
        assert.strictEqual(policies[0], policy);
    });

    it("is the only policy with production config: no other policy has productionStacks any more", () => {
        const withScope = policies
            .filter((p) => p !== policy)
            .filter((p) =>
                ["productionStacks", "productionTags", "notProductionStacks"].some(
                    (key) => key in (p.configSchema?.properties ?? {}),
                ),
            )
            .map((p) => p.name);
        assert.deepStrictEqual(withScope, []);
    });

    it("records its config on every call, whatever the type", () => {
        for (const type of [t.METHOD_SETTINGS, t.LOG_GROUP, "random:index:Thing"]) {
            recordProductionConfig({});
            const v = runResource(policy, { type, props: {} }, { config: { productionStacks: ["live"] } });
            assert.deepStrictEqual(v, { violations: [], urns: [] }, type);
            assert.deepStrictEqual(productionConfig().productionStacks, ["live"], type);
        }
    });

    it("applies the schema defaults itself when no config arrives", () => {
        recordProductionConfig({ productionStacks: ["live"] });
        runResource(policy, { type: t.METHOD_SETTINGS, props: {} }, { noConfig: true });
        assert.deepStrictEqual(productionConfig(), {
            productionStacks: [],
            productionTags: {},
            notProductionStacks: [],
        });
    });

    it("reports a stack that notProductionStacks excludes, once, on the root Stack resource", () => {
        const config = { notProductionStacks: ["prod-sandbox"] };
        assert.deepStrictEqual(runResource(policy, root, { stack: "prod-sandbox", config }), {
            violations: [narrowed("prod-sandbox")],
            urns: [undefined],
        });
        // Every other resource of that stack only records the config.
        assert.deepStrictEqual(
            runResource(policy, { type: t.METHOD_SETTINGS, props: {} }, { stack: "prod-sandbox", config }),
            { violations: [], urns: [] },
        );
    });

    it("reports a configured production stack that is excluded as well", () => {
        const config = { productionStacks: ["live-*"], notProductionStacks: ["LIVE-canary"] };
        assert.deepStrictEqual(runResource(policy, root, { stack: "live-canary", config }).violations, [
            narrowed("live-canary"),
        ]);
    });

    it("reports nothing for a stack no production glob matches, even when it is excluded", () => {
        for (const stack of ["dev", "prod", "payments-prod"]) {
            const config = { notProductionStacks: ["dev", "other"] };
            assert.deepStrictEqual(runResource(policy, root, { stack, config }), { violations: [], urns: [] }, stack);
        }
    });

    it("switches the production-scoped policies off, and only, on the excluded stack", () => {
        const debug = withProp(fixture(t.METHOD_SETTINGS), "settings.dataTraceEnabled", true);
        const production = { notProductionStacks: ["prod-sandbox"] };
        const run = (stack: string) =>
            runResource(noDebug, { type: t.METHOD_SETTINGS, props: debug }, { stack, production }).violations;
        assert.deepStrictEqual(run("prod-sandbox"), []);
        assert.deepStrictEqual(run("prod-eu"), [
            'settings.dataTraceEnabled must be false in production stack "prod-eu", got true: it logs full request ' +
                "and response data.",
        ]);
    });

    it("names the stack from the resource's URN", () => {
        const v = runResource(
            policy,
            { ...root, name: "x" },
            { stack: "prod_eu", config: { notProductionStacks: ["*_eu"] } },
        );
        assert.deepStrictEqual(v.violations, [narrowed("prod_eu")]);
    });
});
