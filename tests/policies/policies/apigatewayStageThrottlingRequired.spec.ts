import * as assert from "assert";
import { apigatewayStageThrottlingRequired as policy } from "../../../policies/policies/apigatewayStageThrottlingRequired";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { previewAdvisory, runStack, UNKNOWN, urnOf, withProp } from "../harness";
import type { StackResourceSpec } from "../harness";

const NAME = "apigateway-stage-throttling-required";

function message(stage: string, detail: string): string {
    return (
        `Stage "${stage}" has no stage-wide throttling: ${detail}. Add a MethodSettings at methodPath "*/*" with ` +
        "positive settings.throttlingRateLimit and settings.throttlingBurstLimit (ObservableRestApi: " +
        "throttling.rateLimit and throttling.burstLimit)."
    );
}

const NO_MS = 'it has no MethodSettings at methodPath "*/*"';

// A RestApi, its Stage and the stage-wide MethodSettings, as the component registers them during preview.
function previewApi(prefix: string, settings: Record<string, unknown> = {}): StackResourceSpec[] {
    return [
        { type: t.REST_API, name: `${prefix}-api`, props: { name: prefix } },
        {
            type: t.REST_STAGE,
            name: `${prefix}-stage`,
            props: withProp(withProp(fixture(t.REST_STAGE), "restApi", UNKNOWN), "deployment", UNKNOWN),
            deps: { restApi: [`${prefix}-api`] },
        },
        {
            type: t.METHOD_SETTINGS,
            name: `${prefix}-method-settings`,
            props: {
                ...withProp(withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN), "stageName", UNKNOWN),
                ...settings,
            },
            deps: { restApi: [`${prefix}-api`], stageName: [`${prefix}-stage`] },
        },
    ];
}

describe("policy apigateway-stage-throttling-required", () => {
    it("declares its name and level", () => {
        assert.strictEqual(policy.name, NAME);
        assert.strictEqual(policy.enforcementLevel, "mandatory");
    });

    it("passes a stage whose */* MethodSettings sets positive limits, correlated in preview through propertyDependencies", () => {
        assert.deepStrictEqual(runStack(policy, previewApi("orders")), { violations: [], urns: [] });
    });

    it("correlates by known restApi id and stage name after the update", () => {
        const v = runStack(policy, [
            { type: t.REST_STAGE, name: "orders-stage", props: fixture(t.REST_STAGE) },
            { type: t.METHOD_SETTINGS, name: "orders-ms", props: fixture(t.METHOD_SETTINGS) },
        ]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("correlates by the RestApi dependency and a literal stage name", () => {
        const v = runStack(policy, [
            { type: t.REST_API, name: "api", props: {} },
            {
                type: t.REST_STAGE,
                name: "stage",
                props: withProp(fixture(t.REST_STAGE), "restApi", UNKNOWN),
                deps: { restApi: ["api"] },
            },
            {
                type: t.METHOD_SETTINGS,
                name: "ms",
                props: withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN),
                deps: { restApi: ["api"] },
            },
        ]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("reports a stage with no MethodSettings, against the stage's URN", () => {
        const v = runStack(policy, [{ type: t.REST_STAGE, name: "orders-stage", props: fixture(t.REST_STAGE) }]);
        assert.deepStrictEqual(v, {
            violations: [message("orders-stage", NO_MS)],
            urns: [urnOf("prod", t.REST_STAGE, "orders-stage")],
        });
    });

    it("checks every stack, not only production", () => {
        const v = runStack(policy, [{ type: t.REST_STAGE, name: "s", props: fixture(t.REST_STAGE) }], { stack: "dev" });
        assert.deepStrictEqual(v.violations, [message("s", NO_MS)]);
    });

    it("reports a stage whose only MethodSettings is for one method, in either methodPath spelling", () => {
        for (const methodPath of ["~1orders/GET", "orders/GET"]) {
            const specs = previewApi("orders", { methodPath });
            assert.deepStrictEqual(runStack(policy, specs).violations, [message("orders-stage", NO_MS)], methodPath);
        }
    });

    it("takes a stage-wide MethodSettings that sets positive limits after a method one that does not", () => {
        const specs = [
            ...previewApi("orders"),
            {
                type: t.METHOD_SETTINGS,
                name: "orders-get",
                props: { ...withProp(fixture(t.METHOD_SETTINGS), "methodPath", "~1orders/GET"), restApi: UNKNOWN },
                deps: { restApi: ["orders-api"], stageName: ["orders-stage"] },
            },
        ];
        assert.deepStrictEqual(runStack(policy, specs), { violations: [], urns: [] });
    });

    it("reports disabled, null and missing limits", () => {
        const specs = previewApi("orders", {
            settings: { throttlingRateLimit: -1, throttlingBurstLimit: null, loggingLevel: "ERROR" },
        });
        assert.deepStrictEqual(runStack(policy, specs).violations, [
            message(
                "orders-stage",
                'its MethodSettings "orders-method-settings" at methodPath "*/*" has settings.throttlingRateLimit ' +
                    "-1 (throttling disabled) and settings.throttlingBurstLimit null",
            ),
        ]);
        const missing = previewApi("orders", { settings: { throttlingBurstLimit: 10 } });
        assert.deepStrictEqual(runStack(policy, missing).violations, [
            message(
                "orders-stage",
                'its MethodSettings "orders-method-settings" at methodPath "*/*" has settings.throttlingRateLimit not set',
            ),
        ]);
    });

    it("does not take another stage's MethodSettings", () => {
        const v = runStack(policy, [
            { type: t.REST_STAGE, name: "prod-stage", props: fixture(t.REST_STAGE) },
            { type: t.REST_STAGE, name: "beta-stage", props: withProp(fixture(t.REST_STAGE), "stageName", "beta") },
            { type: t.METHOD_SETTINGS, name: "prod-ms", props: fixture(t.METHOD_SETTINGS) },
        ]);
        assert.deepStrictEqual(v, {
            violations: [message("beta-stage", NO_MS)],
            urns: [urnOf("prod", t.REST_STAGE, "beta-stage")],
        });
    });

    it("does not take another API's MethodSettings with the same stage name", () => {
        const v = runStack(policy, [
            { type: t.REST_STAGE, name: "a-stage", props: fixture(t.REST_STAGE) },
            { type: t.METHOD_SETTINGS, name: "b-ms", props: withProp(fixture(t.METHOD_SETTINGS), "restApi", "other") },
        ]);
        assert.deepStrictEqual(v.violations, [message("a-stage", NO_MS)]);
    });

    it("gives the advisory when the */* MethodSettings' limit is unknown", () => {
        const specs = previewApi("orders", { settings: { throttlingRateLimit: UNKNOWN, throttlingBurstLimit: 10 } });
        assert.deepStrictEqual(runStack(policy, specs), {
            violations: [],
            urns: [],
            advisory: previewAdvisory(
                NAME,
                'cannot verify stage "orders-stage": MethodSettings "orders-method-settings" ' +
                    "settings.throttlingRateLimit during preview: the value is not known until the update, which " +
                    "checks it again",
            ),
        });
    });

    it("gives the advisory when the methodPath is unknown", () => {
        const specs = previewApi("orders", { methodPath: UNKNOWN });
        assert.strictEqual(
            runStack(policy, specs).advisory,
            previewAdvisory(
                NAME,
                'cannot verify stage "orders-stage": MethodSettings "orders-method-settings" methodPath during ' +
                    "preview: the value is not known until the update, which checks it again",
            ),
        );
    });

    it("gives the advisory when an unmatched MethodSettings has unknown ids and no dependencies", () => {
        const v = runStack(policy, [
            { type: t.REST_STAGE, name: "s", props: fixture(t.REST_STAGE) },
            { type: t.METHOD_SETTINGS, name: "ms", props: withProp(fixture(t.METHOD_SETTINGS), "stageName", UNKNOWN) },
        ]);
        assert.deepStrictEqual(v.violations, []);
        assert.strictEqual(
            v.advisory,
            previewAdvisory(
                NAME,
                'cannot verify stage "s": its MethodSettings during preview: the value is not known until the ' +
                    "update, which checks it again",
            ),
        );
    });

    describe("correlation in preview never turns a stage that certainly has no throttling into cannot verify", () => {
        const unknownKeys = () =>
            withProp(withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN), "stageName", UNKNOWN);

        it("a MethodSettings that depends on another API is never the stage's", () => {
            const v = runStack(policy, [
                ...previewApi("a").slice(0, 2),
                ...previewApi("b"),
                { type: t.METHOD_SETTINGS, name: "b-extra", props: unknownKeys(), deps: { restApi: ["b-api"] } },
            ]);
            assert.deepStrictEqual(v, {
                violations: [message("a-stage", NO_MS)],
                urns: [urnOf("prod", t.REST_STAGE, "a-stage")],
            });
        });

        it("a MethodSettings that depends on another stage's name is never the stage's", () => {
            const v = runStack(policy, [
                { type: t.REST_STAGE, name: "a-stage", props: withProp(fixture(t.REST_STAGE), "restApi", UNKNOWN) },
                {
                    type: t.REST_STAGE,
                    name: "b-stage",
                    props: withProp(withProp(fixture(t.REST_STAGE), "restApi", UNKNOWN), "stageName", "beta"),
                },
                { type: t.METHOD_SETTINGS, name: "b-ms", props: unknownKeys(), deps: { stageName: ["b-stage"] } },
            ]);
            assert.deepStrictEqual(v, {
                violations: [message("a-stage", NO_MS)],
                urns: [urnOf("prod", t.REST_STAGE, "a-stage")],
            });
        });

        it("a MethodSettings of another API by known id, with the same stage name, is never the stage's", () => {
            const v = runStack(policy, [
                { type: t.REST_STAGE, name: "a-stage", props: fixture(t.REST_STAGE) },
                {
                    type: t.METHOD_SETTINGS,
                    name: "b-ms",
                    props: withProp(withProp(fixture(t.METHOD_SETTINGS), "restApi", "b9b9b9"), "stageName", UNKNOWN),
                },
            ]);
            assert.deepStrictEqual(v.violations, [message("a-stage", NO_MS)]);
            assert.strictEqual(v.advisory, undefined);
        });

        it("a MethodSettings whose keys are unknown and that depends on nothing might still be the stage's", () => {
            const v = runStack(policy, [
                ...previewApi("a").slice(0, 2),
                { type: t.METHOD_SETTINGS, name: "loose", props: unknownKeys() },
            ]);
            assert.deepStrictEqual(v, {
                violations: [],
                urns: [],
                advisory: previewAdvisory(
                    NAME,
                    'cannot verify stage "a-stage": its MethodSettings during preview: the value is not known until the ' +
                        "update, which checks it again",
                ),
            });
        });
    });

    it("reports one violating API among compliant ones", () => {
        const specs = [
            ...previewApi("a"),
            ...previewApi("b", { settings: { throttlingRateLimit: 5 } }),
            ...previewApi("c"),
        ];
        const v = runStack(policy, specs);
        assert.deepStrictEqual(v.urns, [urnOf("prod", t.REST_STAGE, "b-stage")]);
    });

    it("does nothing in a stack without classic stages", () => {
        const v = runStack(policy, [{ type: t.METHOD_SETTINGS, name: "ms", props: fixture(t.METHOD_SETTINGS) }]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("handles 5,000 APIs in one pass and reports exactly the bad ones", () => {
        // Performance is measured by npm run bench; this keeps the correlation exact at scale, every fourth API bad.
        const specs: StackResourceSpec[] = [];
        for (let i = 0; i < 5000; i++) {
            specs.push(...previewApi(`api${i}`, i % 4 === 0 ? { methodPath: "~1x/GET" } : {}));
        }
        const v = runStack(policy, specs);
        const bad = Array.from({ length: 1250 }, (_, i) => urnOf("prod", t.REST_STAGE, `api${i * 4}-stage`));
        assert.deepStrictEqual(v.urns, bad);
        assert.strictEqual(v.advisory, undefined);
    });
});
