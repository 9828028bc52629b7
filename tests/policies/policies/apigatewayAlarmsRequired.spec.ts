import * as assert from "assert";
import { apigatewayAlarmsRequired as policy } from "../../../policies/policies/apigatewayAlarmsRequired";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
import { previewAdvisory, runStack, UNKNOWN, urnOf, withProp } from "../harness";
import type { StackResourceSpec } from "../harness";

function message(stage: string, metrics = "5XXError", scope = 'production stack "prod"'): string {
    return (
        `Stage "${stage}" has no alarm on ${metrics} for its API and stage that notifies anyone, in ${scope}; add one ` +
        "(the components: monitoring.alarms)."
    );
}

const ADVISORY = previewAdvisory(
    "apigateway-alarms-required",
    'cannot verify stage "orders-stage" alarms during preview: the value is not known until the update, which checks ' +
        "it again",
);

const PASS = { violations: [], urns: [] };
const TOPIC = "arn:aws:sns:us-east-1:123456789012:oncall";

// A REST API, its stage (which depends on the RestApi, as every program's does) and an alarm on its 5XXError.
const restApi: StackResourceSpec = { type: t.REST_API, name: "orders-api", props: fixture(t.REST_API) };
const stage: StackResourceSpec = {
    type: t.REST_STAGE,
    name: "orders-stage",
    props: fixture(t.REST_STAGE),
    deps: { restApi: ["orders-api"] },
};
const alarm = (props: Record<string, unknown> = fixture(t.METRIC_ALARM), name = "orders-5xx"): StackResourceSpec => ({
    type: t.METRIC_ALARM,
    name,
    props,
});
const rest = (...more: StackResourceSpec[]) => [restApi, stage, ...more];

function expectViolation(specs: StackResourceSpec[], metrics = "5XXError", stageSpec = stage) {
    assert.deepStrictEqual(runStack(policy, specs), {
        violations: [message(stageSpec.name, metrics)],
        urns: [urnOf("prod", stageSpec.type, stageSpec.name)],
    });
}

describe("policy apigateway-alarms-required", () => {
    it("is advisory", () => {
        assert.strictEqual(policy.name, "apigateway-alarms-required");
        assert.strictEqual(policy.enforcementLevel, "advisory");
    });

    describe("REST stages: an alarm on 5XXError whose ApiName and Stage dimensions name the stage", () => {
        it("passes with both dimensions given by value", () => {
            assert.deepStrictEqual(runStack(policy, rest(alarm())), PASS);
        });

        it("passes in preview when the dimensions depend on the API and the stage", () => {
            const props = withProp(fixture(t.METRIC_ALARM), "dimensions", { ApiName: UNKNOWN, Stage: UNKNOWN });
            const v = runStack(policy, [
                restApi,
                { ...stage, props: withProp(withProp(stage.props, "stageName", UNKNOWN), "restApi", UNKNOWN) },
                { ...alarm(props), deps: { dimensions: ["orders-api", "orders-stage"] } },
            ]);
            assert.deepStrictEqual(v, PASS);
        });

        it("passes with the metric in metricQueries", () => {
            const props = {
                alarmActions: [TOPIC],
                metricQueries: [
                    {
                        id: "m",
                        metric: {
                            namespace: "AWS/ApiGateway",
                            metricName: "5XXError",
                            dimensions: fixture(t.METRIC_ALARM).dimensions,
                        },
                    },
                ],
            };
            assert.deepStrictEqual(runStack(policy, rest(alarm(props))), PASS);
        });

        const notForTheStage: [string, Record<string, unknown>][] = [
            ["another API by name", withProp(fixture(t.METRIC_ALARM), "dimensions.ApiName", "payments")],
            ["another stage", withProp(fixture(t.METRIC_ALARM), "dimensions.Stage", "beta")],
            ["no ApiName dimension", withProp(fixture(t.METRIC_ALARM), "dimensions.ApiName", undefined)],
            ["no Stage dimension", withProp(fixture(t.METRIC_ALARM), "dimensions.Stage", undefined)],
            ["no dimensions at all", withProp(fixture(t.METRIC_ALARM), "dimensions", undefined)],
            [
                "ApiId, which REST metrics do not carry",
                withProp(
                    withProp(fixture(t.METRIC_ALARM), "dimensions.ApiName", undefined),
                    "dimensions.ApiId",
                    "a1b2c3",
                ),
            ],
            ["5xx, which only HTTP APIs publish", withProp(fixture(t.METRIC_ALARM), "metricName", "5xx")],
            ["another metric", withProp(fixture(t.METRIC_ALARM), "metricName", "Latency")],
            ["another namespace", withProp(fixture(t.METRIC_ALARM), "namespace", "AWS/Lambda")],
            ["no actions", withProp(fixture(t.METRIC_ALARM), "alarmActions", [])],
            ["actions disabled", withProp(fixture(t.METRIC_ALARM), "actionsEnabled", false)],
        ];
        for (const [what, props] of notForTheStage) {
            it(`does not count an alarm with ${what}`, () => {
                expectViolation(rest(alarm(props)));
            });
        }

        it("reports a stage with no alarm at all", () => {
            expectViolation(rest());
        });

        it("does not count an alarm whose known ApiName names another API, whatever its Stage", () => {
            const props = withProp(fixture(t.METRIC_ALARM), "dimensions", { ApiName: "payments", Stage: UNKNOWN });
            expectViolation(rest(alarm(props)));
        });

        it("gives the advisory for an alarm with unknown dimensions that depend on another stage only", () => {
            // Nothing rules it out by value: another API's stage may carry the same name.
            const other: StackResourceSpec = {
                ...stage,
                name: "beta-stage",
                props: withProp(stage.props, "stageName", "beta"),
            };
            const props = withProp(fixture(t.METRIC_ALARM), "dimensions", { ApiName: UNKNOWN, Stage: UNKNOWN });
            const v = runStack(policy, [...rest(), other, { ...alarm(props), deps: { dimensions: ["beta-stage"] } }]);
            assert.deepStrictEqual(v, {
                ...PASS,
                advisory: previewAdvisory(
                    policy.name,
                    'cannot verify stage "orders-stage" alarms, stage "beta-stage" alarms during preview: the value is ' +
                        "not known until the update, which checks it again",
                ),
            });
        });

        it("gives the advisory when a candidate alarm's actions are unknown", () => {
            const props = withProp(fixture(t.METRIC_ALARM), "alarmActions", UNKNOWN);
            assert.deepStrictEqual(runStack(policy, rest(alarm(props))), { ...PASS, advisory: ADVISORY });
        });

        it("says a stage whose RestApi is not in the stack cannot be verified at preview or at update", () => {
            assert.deepStrictEqual(runStack(policy, [{ ...stage, deps: {} }, alarm()]), {
                ...PASS,
                advisory: previewAdvisory(
                    "apigateway-alarms-required",
                    'cannot verify stage "orders-stage" alarms (its RestApi is not in this stack, so the ApiName its ' +
                        "metrics carry is unknown to the pack): the pack cannot read it, at preview or at update",
                ),
            });
        });

        it("judges an aws-native REST stage by its restApiId dependency and stageName", () => {
            const native: StackResourceSpec = {
                type: t.NATIVE_STAGE,
                name: "orders-stage",
                props: fixture(t.NATIVE_STAGE),
                deps: { restApiId: ["orders-api"] },
            };
            assert.deepStrictEqual(runStack(policy, [restApi, native, alarm()]), PASS);
            expectViolation(
                [restApi, native, alarm(withProp(fixture(t.METRIC_ALARM), "dimensions.Stage", "beta"))],
                "5XXError",
                native,
            );
        });
    });

    describe("an alarm without actions that a composite alarm with actions is built on", () => {
        const silent = () =>
            withProp(withProp(fixture(t.METRIC_ALARM), "alarmActions", undefined), "name", "orders-5xx");
        const composite = (props: Record<string, unknown>, deps?: Record<string, string[]>): StackResourceSpec => ({
            type: t.COMPOSITE_ALARM,
            name: "orders-unhealthy",
            props: { alarmName: "orders-unhealthy", alarmActions: [TOPIC], ...props },
            deps,
        });

        it("counts through the composite's alarmRule dependencies", () => {
            const v = runStack(
                policy,
                rest(alarm(silent()), composite({ alarmRule: UNKNOWN }, { alarmRule: ["orders-5xx"] })),
            );
            assert.deepStrictEqual(v, PASS);
        });

        it("counts when the composite's rule names it", () => {
            for (const alarmRule of ['ALARM("orders-5xx")', "ALARM(orders-5xx) OR ALARM(orders-latency)"]) {
                assert.deepStrictEqual(
                    runStack(policy, rest(alarm(silent()), composite({ alarmRule }))),
                    PASS,
                    alarmRule,
                );
            }
        });

        it("does not count when the composite notifies nobody or names another alarm", () => {
            const rule = 'ALARM("orders-5xx")';
            expectViolation(rest(alarm(silent()), composite({ alarmRule: rule, alarmActions: [] })));
            expectViolation(rest(alarm(silent()), composite({ alarmRule: rule, actionsEnabled: false })));
            expectViolation(rest(alarm(silent()), composite({ alarmRule: 'ALARM("payments-5xx")' })));
        });

        it("gives the advisory when the composite's actions are unknown", () => {
            const v = runStack(
                policy,
                rest(alarm(silent()), composite({ alarmRule: 'ALARM("orders-5xx")', alarmActions: UNKNOWN })),
            );
            assert.deepStrictEqual(v, { ...PASS, advisory: ADVISORY });
        });
    });

    describe("HTTP and WebSocket stages: ApiId and Stage, and a metric the API type publishes", () => {
        const api = (protocolType: string): StackResourceSpec => ({
            type: t.V2_API,
            name: "orders-api",
            props: { name: "orders", protocolType },
        });
        const v2Stage: StackResourceSpec = {
            type: t.V2_STAGE,
            name: "orders-stage",
            props: fixture(t.V2_STAGE),
            deps: { apiId: ["orders-api"] },
        };
        const v2Alarm = (metricName: string, dimensions: Record<string, unknown> = { ApiId: "api1", Stage: "prod" }) =>
            alarm({ ...fixture(t.METRIC_ALARM), metricName, dimensions });

        it("HTTP: passes 5xx, and does not count 5XXError, which HTTP APIs never publish", () => {
            assert.deepStrictEqual(runStack(policy, [api("HTTP"), v2Stage, v2Alarm("5xx")]), PASS);
            expectViolation([api("HTTP"), v2Stage, v2Alarm("5XXError")], "5xx", v2Stage);
        });

        it("WebSocket: passes IntegrationError or ExecutionError, and does not count 5xx", () => {
            for (const metric of ["IntegrationError", "ExecutionError"]) {
                assert.deepStrictEqual(runStack(policy, [api("WEBSOCKET"), v2Stage, v2Alarm(metric)]), PASS, metric);
            }
            expectViolation([api("WEBSOCKET"), v2Stage, v2Alarm("5xx")], "IntegrationError or ExecutionError", v2Stage);
        });

        it("a stage whose Api is not in the stack accepts any of the v2 server-error metrics", () => {
            const lone = { ...v2Stage, deps: {} };
            for (const metric of ["5xx", "IntegrationError", "ExecutionError"]) {
                assert.deepStrictEqual(runStack(policy, [lone, v2Alarm(metric)]), PASS, metric);
            }
            expectViolation([lone, v2Alarm("5XXError")], "5xx or IntegrationError or ExecutionError", lone);
        });

        it("names the API by ApiId, never ApiName, and the stage by its name", () => {
            expectViolation(
                [api("HTTP"), v2Stage, v2Alarm("5xx", { ApiName: "orders", Stage: "prod" })],
                "5xx",
                v2Stage,
            );
            expectViolation([api("HTTP"), v2Stage, v2Alarm("5xx", { ApiId: "other", Stage: "prod" })], "5xx", v2Stage);
            expectViolation([api("HTTP"), v2Stage, v2Alarm("5xx", { ApiId: "api1", Stage: "beta" })], "5xx", v2Stage);
        });

        it("passes in preview when the dimensions depend on the Api and the stage", () => {
            const props = {
                ...fixture(t.METRIC_ALARM),
                metricName: "5xx",
                dimensions: { ApiId: UNKNOWN, Stage: UNKNOWN },
            };
            const v = runStack(policy, [
                api("HTTP"),
                { ...v2Stage, props: withProp(v2Stage.props, "apiId", UNKNOWN) },
                { ...alarm(props), deps: { dimensions: ["orders-api", "orders-stage"] } },
            ]);
            assert.deepStrictEqual(v, PASS);
        });

        it("judges the aws-native v2 stage by its stageName", () => {
            const native: StackResourceSpec = {
                type: t.NATIVE_V2_STAGE,
                name: "orders-stage",
                props: fixture(t.NATIVE_V2_STAGE),
                deps: { apiId: ["orders-api"] },
            };
            const nativeApi = { ...api("HTTP"), type: t.NATIVE_V2_API };
            assert.deepStrictEqual(runStack(policy, [nativeApi, native, v2Alarm("5xx")]), PASS);
            expectViolation([nativeApi, native, v2Alarm("5XXError")], "5xx", native);
        });
    });

    describe("production only", () => {
        it("by stack name or tag", () => {
            assert.deepStrictEqual(runStack(policy, rest(), { stack: "dev" }), PASS);
            assert.deepStrictEqual(
                runStack(policy, rest(), { stack: "dev", tags: { ENVIRONMENT: "production" } }).violations,
                [message("orders-stage", "5XXError", 'production stack "dev"')],
            );
        });

        it("by a component declared environment Production above the stage, in any stack", () => {
            const component = (environment: "Production" | "Staging"): StackResourceSpec => ({
                type: t.OBSERVABLE_REST_API,
                name: "orders",
                props: restApiComponent({ environment }),
            });
            const child = { ...stage, parent: "orders" };
            assert.deepStrictEqual(runStack(policy, [component("Production"), restApi, child], { stack: "live" }), {
                violations: [
                    message(
                        "orders-stage",
                        "5XXError",
                        `an API declared environment Production (its parent ${t.OBSERVABLE_REST_API} "orders")`,
                    ),
                ],
                urns: [urnOf("live", t.REST_STAGE, "orders-stage")],
            });
            assert.deepStrictEqual(runStack(policy, [component("Staging"), restApi, child], { stack: "live" }), PASS);
        });
    });
});
