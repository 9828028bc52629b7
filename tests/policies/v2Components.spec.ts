/**
 * The pack judges ObservableHttpApi and ObservableWebSocketApi by the settings they register, read through the
 * contract (policies/lib/settings.ts). Every fixture comes from the components' own validation and resolver; each
 * case changes one setting.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as t from "../../policies/lib/types";
import { settingsOf } from "../../policies/lib/settings";
import { apigatewayAccessLoggingRequired } from "../../policies/policies/apigatewayAccessLoggingRequired";
import { apigatewayExecutionLoggingRequired } from "../../policies/policies/apigatewayExecutionLoggingRequired";
import { apigatewayNoDebugLoggingInProduction } from "../../policies/policies/apigatewayNoDebugLoggingInProduction";
import { apigatewayThrottlingRequired } from "../../policies/policies/apigatewayThrottlingRequired";
import { apigatewayThrottlingWithinAccountLimits } from "../../policies/policies/apigatewayThrottlingWithinAccountLimits";
import { fixture, httpApiComponent, webSocketApiComponent } from "./fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "./harness";

function run(
    policy: ResourceValidationPolicy,
    type: string,
    props: unknown,
    options: Parameters<typeof runResource>[2] = {},
) {
    return runResource(policy, { type, props }, options);
}

const positive = (path: string, got: string) => `${path} must be a positive number, got ${got}.`;
const notSet = (path: string) => `${path} must be a positive number, but it is not set.`;
const positiveOrUnset = (path: string, got: string) => `${path} must be a positive number or unset, got ${got}.`;
const debug = (path: string, scope = 'production stack "prod"') =>
    `${path} must be OFF, ERROR or INFO in ${scope}, got "DEBUG" (DEBUG logs full request and response data).`;

const POLICIES = [
    apigatewayNoDebugLoggingInProduction,
    apigatewayThrottlingRequired,
    apigatewayAccessLoggingRequired,
    apigatewayExecutionLoggingRequired,
    apigatewayThrottlingWithinAccountLimits,
];

describe("the pack on the v2 components", () => {
    for (const type of [t.OBSERVABLE_HTTP_API, t.OBSERVABLE_WEBSOCKET_API]) {
        for (const policy of POLICIES) {
            it(`${policy.name} passes the compliant ${type}, in a production stack`, () => {
                assert.deepStrictEqual(run(policy, type, fixture(type)), { violations: [], urns: [] });
            });
        }
    }

    describe("observable-api:index:ObservableHttpApi", () => {
        const T = t.OBSERVABLE_HTTP_API;

        it("reads throttling and detailed metrics stage-wide and per route override, and no logging level", () => {
            const settings = settingsOf(T, fixture(T))!;
            assert.strictEqual(settings.stageWideLocation, "throttling");
            assert.deepStrictEqual(
                settings.blocks.map((b) => [b.path, Object.keys(b.names), b.stageWide(), b.route()]),
                [
                    ["throttling", ["rate", "burst"], true, undefined],
                    ["", ["metrics"], true, undefined],
                    ["routeOverrides[0]", ["metrics"], false, "GET /orders"],
                    ["routeOverrides[0].throttling", ["rate", "burst"], false, "GET /orders"],
                ],
            );
        });

        it("throttling is required: names throttling.rateLimit and throttling.burstLimit", () => {
            let props = withProp(fixture(T), "throttling.rateLimit", null);
            props = withProp(props, "throttling.burstLimit", -1);
            // A limit that switches throttling off is reported first, then the stage-wide limit that is missing.
            assert.deepStrictEqual(run(apigatewayThrottlingRequired, T, props).violations, [
                positive("throttling.burstLimit", "-1 (throttling disabled)"),
                positive("throttling.rateLimit", "null"),
            ]);
            assert.deepStrictEqual(
                run(apigatewayThrottlingRequired, T, withProp(fixture(T), "throttling", undefined)).violations,
                [notSet("throttling.rateLimit"), notSet("throttling.burstLimit")],
            );
        });

        it("throttling is required in every stack, and a route override may not switch it off", () => {
            const props = withProp(fixture(T), "routeOverrides.0.throttling.burstLimit", -1);
            assert.deepStrictEqual(run(apigatewayThrottlingRequired, T, props, { stack: "dev" }).violations, [
                positiveOrUnset("routeOverrides[0].throttling.burstLimit for GET /orders", "-1 (throttling disabled)"),
            ]);
        });

        it("gives the preview advisory when a stage-wide limit is unknown", () => {
            const props = withProp(fixture(T), "throttling.rateLimit", UNKNOWN);
            assert.strictEqual(
                run(apigatewayThrottlingRequired, T, props).advisory,
                previewAdvisory(
                    "apigateway-throttling-required",
                    "cannot verify throttling.rateLimit during preview: the value is not known until the update, " +
                        "which checks it again",
                ),
            );
        });

        it("access logging is required in production: names the component", () => {
            const props = withProp(fixture(T), "accessLogging", undefined);
            assert.deepStrictEqual(run(apigatewayAccessLoggingRequired, T, props).violations, [
                'accessLogging has no format, so the API keeps no access logs in production stack "prod"; set ' +
                    "accessLogging (format or customFormat, and retentionInDays) on the ObservableHttpApi.",
            ]);
            // A custom format counts, as for REST.
            const custom = httpApiComponent({ accessLogging: { customFormat: "$context.requestId" } });
            assert.deepStrictEqual(run(apigatewayAccessLoggingRequired, T, custom).violations, []);
        });

        it("rates above the account quota are advised against, stage-wide and per route", () => {
            const props = httpApiComponent({
                throttling: { rateLimit: 12000, burstLimit: 6000 },
                routeOverrides: [{ routeKey: "GET /orders", throttling: { rateLimit: 10001 } }],
            });
            assert.deepStrictEqual(run(apigatewayThrottlingWithinAccountLimits, T, props).violations, [
                "throttling.rateLimit is 12000, above the account quota of 10000 requests per second; lower it, or " +
                    "raise maxRateLimit in this policy's config once AWS has raised the quota.",
                "throttling.burstLimit is 6000, above the account burst quota of 5000 requests; lower it, or raise " +
                    "maxBurstLimit in this policy's config once AWS has raised the quota.",
                "routeOverrides[0].throttling.rateLimit is 10001, above the account quota of 10000 requests per " +
                    "second; lower it, or raise maxRateLimit in this policy's config once AWS has raised the quota.",
                "routeOverrides[0].throttling.burstLimit is 6000, above the account burst quota of 5000 requests; " +
                    "lower it, or raise maxBurstLimit in this policy's config once AWS has raised the quota.",
            ]);
        });
    });

    describe("observable-api:index:ObservableWebSocketApi", () => {
        const T = t.OBSERVABLE_WEBSOCKET_API;

        it("reads the level, throttling and detailed metrics stage-wide and per route override", () => {
            const settings = settingsOf(T, fixture(T))!;
            assert.strictEqual(settings.stageWideLocation, "throttling");
            assert.deepStrictEqual(
                settings.blocks.map((b) => [b.path, Object.keys(b.names), b.stageWide(), b.route()]),
                [
                    ["executionLogging", ["level"], true, undefined],
                    ["throttling", ["rate", "burst"], true, undefined],
                    ["", ["metrics"], true, undefined],
                    ["routeOverrides[0]", ["level", "metrics"], false, "$default"],
                    ["routeOverrides[0].throttling", ["rate", "burst"], false, "$default"],
                ],
            );
        });

        it("DEBUG on the stage is blocked in production", () => {
            const props = withProp(fixture(T), "executionLogging.level", "DEBUG");
            assert.deepStrictEqual(run(apigatewayNoDebugLoggingInProduction, T, props).violations, [
                debug("executionLogging.level"),
            ]);
        });

        it("DEBUG on a route override is blocked in production, naming the route", () => {
            const props = withProp(fixture(T), "routeOverrides.0.loggingLevel", "DEBUG");
            assert.deepStrictEqual(run(apigatewayNoDebugLoggingInProduction, T, props).violations, [
                debug("routeOverrides[0].loggingLevel for $default"),
            ]);
        });

        it("reads what the resolver filled in: an override left unset carries the stage's DEBUG", () => {
            const props = webSocketApiComponent({
                executionLogging: { level: "DEBUG" },
                routeOverrides: [{ routeKey: "$connect", throttling: { rateLimit: 10 } }],
            });
            assert.deepStrictEqual(run(apigatewayNoDebugLoggingInProduction, T, props).violations, [
                debug("executionLogging.level"),
                debug("routeOverrides[0].loggingLevel for $connect"),
            ]);
        });

        it("an API declared Production is production in any stack; Staging is not outside a production stack", () => {
            const props = webSocketApiComponent({ executionLogging: { level: "DEBUG" }, routeOverrides: [] });
            assert.deepStrictEqual(run(apigatewayNoDebugLoggingInProduction, T, props, { stack: "live" }).violations, [
                debug("executionLogging.level", "an API declared environment Production"),
            ]);
            const staging = webSocketApiComponent({
                environment: "Staging",
                executionLogging: { level: "DEBUG" },
                routeOverrides: [],
            });
            assert.deepStrictEqual(
                run(apigatewayNoDebugLoggingInProduction, T, staging, { stack: "live" }).violations,
                [],
            );
            assert.deepStrictEqual(run(apigatewayNoDebugLoggingInProduction, T, staging).violations, [
                debug("executionLogging.level"),
            ]);
        });

        it("execution logging at ERROR or INFO and detailed metrics are advised in production", () => {
            let props = withProp(fixture(T), "executionLogging.level", "OFF");
            props = withProp(props, "detailedMetrics", false);
            assert.deepStrictEqual(run(apigatewayExecutionLoggingRequired, T, props).violations, [
                'executionLogging.level must be ERROR or INFO in production stack "prod", got "OFF".',
                'detailedMetrics must be true in production stack "prod", got false.',
            ]);
        });

        it("throttling is required: names the stage's limits and a route override's", () => {
            let props = withProp(fixture(T), "throttling", undefined);
            props = withProp(props, "routeOverrides.0.throttling.rateLimit", 0);
            assert.deepStrictEqual(run(apigatewayThrottlingRequired, T, props).violations, [
                positiveOrUnset("routeOverrides[0].throttling.rateLimit for $default", "0"),
                notSet("throttling.rateLimit"),
                notSet("throttling.burstLimit"),
            ]);
        });

        it("access logging is required in production: names the component", () => {
            const props = withProp(fixture(T), "accessLogging", undefined);
            assert.deepStrictEqual(run(apigatewayAccessLoggingRequired, T, props).violations, [
                'accessLogging has no format, so the API keeps no access logs in production stack "prod"; set ' +
                    "accessLogging (format or customFormat, and retentionInDays) on the ObservableWebSocketApi.",
            ]);
        });

        it("an unknown list of route overrides cannot be verified during preview", () => {
            const props = withProp(fixture(T), "routeOverrides", UNKNOWN);
            assert.strictEqual(
                run(apigatewayNoDebugLoggingInProduction, T, props).advisory,
                previewAdvisory(
                    "apigateway-no-debug-logging-in-production",
                    "cannot verify routeOverrides during preview: the value is not known until the update, which " +
                        "checks it again",
                ),
            );
        });
    });
});
