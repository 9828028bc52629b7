import * as assert from "assert";
import { apigatewayThrottlingWithinAccountLimits as policy } from "../../../policies/policies/apigatewayThrottlingWithinAccountLimits";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

const rate = (path: string, value: number, max = 10000) =>
    `${path} is ${value}, above the account quota of ${max} requests per second; lower it, or raise maxRateLimit in ` +
    "this policy's config once AWS has raised the quota.";
const burst = (path: string, value: number, max = 5000) =>
    `${path} is ${value}, above the account burst quota of ${max} requests; lower it, or raise maxBurstLimit in this ` +
    "policy's config once AWS has raised the quota.";

describe("policy apigateway-throttling-within-account-limits", () => {
    it("declares the account defaults in its schema", () => {
        assert.strictEqual(policy.configSchema!.properties.maxRateLimit.default, 10000);
        assert.strictEqual(policy.configSchema!.properties.maxBurstLimit.default, 5000);
    });

    it("reports limits above the account quota on every route", () => {
        const cases: [string, string, string][] = [
            [t.METHOD_SETTINGS, "settings.throttlingRateLimit", "settings.throttlingBurstLimit"],
            [t.V2_STAGE, "defaultRouteSettings.throttlingRateLimit", "routeSettings.0.throttlingBurstLimit"],
            [t.NATIVE_STAGE, "methodSettings.1.throttlingRateLimit", "methodSettings.0.throttlingBurstLimit"],
            [t.OBSERVABLE_REST_API, "throttling.rateLimit", "methodOverrides.0.throttling.burstLimit"],
        ];
        const label = (p: string) => p.replace(/\.(\d+)\./g, "[$1].");
        for (const [type, ratePath, burstPath] of cases) {
            const props = withProp(withProp(fixture(type), ratePath, 20000), burstPath, 5001);
            assert.deepStrictEqual(
                run(type, props).violations.sort(),
                [rate(label(ratePath), 20000), burst(label(burstPath), 5001)].sort(),
                type,
            );
        }
    });

    it("passes limits at the quota, and raised quotas from config", () => {
        const props = withProp(
            withProp(fixture(t.METHOD_SETTINGS), "settings.throttlingRateLimit", 10000),
            "settings.throttlingBurstLimit",
            5000,
        );
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, []);
        const raised = withProp(props, "settings.throttlingRateLimit", 15000);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, raised, { config: { maxRateLimit: 20000 } }).violations, []);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, raised, { noConfig: true }).violations, [
            rate("settings.throttlingRateLimit", 15000),
        ]);
    });

    it("reads aws-native routeSettings, typed Any, under CloudFormation's key names", () => {
        const props = withProp(fixture(t.NATIVE_V2_STAGE), "routeSettings", {
            "GET /orders": { ThrottlingRateLimit: 20000, ThrottlingBurstLimit: 10 },
        });
        assert.deepStrictEqual(run(t.NATIVE_V2_STAGE, props).violations, [
            rate('routeSettings["GET /orders"].ThrottlingRateLimit', 20000),
        ]);
    });

    it("passes the component's own presets, and has nothing to judge on a stage without limits", () => {
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, restApiComponent()), { violations: [], urns: [] });
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x", stageName: "prod" }), {
            violations: [],
            urns: [],
        });
    });

    it("gives the advisory when a limit is unknown", () => {
        const props = withProp(fixture(t.V2_STAGE), "defaultRouteSettings.throttlingRateLimit", UNKNOWN);
        assert.strictEqual(
            run(t.V2_STAGE, props).advisory,
            previewAdvisory(
                policy.name,
                "cannot verify defaultRouteSettings.throttlingRateLimit during preview: the value is not known until " +
                    "the update, which checks it again",
            ),
        );
    });
});
