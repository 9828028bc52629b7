import * as assert from "assert";
import { apigatewayAlarmsRequired as policy } from "../../../policies/policies/apigatewayAlarmsRequired";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { previewAdvisory, runStack, UNKNOWN, urnOf, withProp } from "../harness";
import type { StackResourceSpec } from "../harness";

function message(stage: string, stack = "prod"): string {
    return (
        `Stage "${stage}" has no alarm on 5XX errors with an alarm action in production stack "${stack}"; add one ` +
        "(ObservableRestApi: monitoring.alarms)."
    );
}

const stage: StackResourceSpec = { type: t.REST_STAGE, name: "orders-stage", props: fixture(t.REST_STAGE) };

describe("policy apigateway-alarms-required", () => {
    it("is advisory", () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
    });

    it("passes a stage with a 5XXError alarm matched by its Stage dimension", () => {
        const v = runStack(policy, [stage, { type: t.METRIC_ALARM, name: "a", props: fixture(t.METRIC_ALARM) }]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("passes a stage whose alarm depends on it through its dimensions (preview)", () => {
        const alarm = withProp(fixture(t.METRIC_ALARM), "dimensions", { ApiName: UNKNOWN, Stage: UNKNOWN });
        const v = runStack(policy, [
            { ...stage, props: withProp(stage.props, "stageName", UNKNOWN) },
            { type: t.METRIC_ALARM, name: "a", props: alarm, deps: { dimensions: ["orders-stage"] } },
        ]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("passes an HTTP API stage with a 5xx alarm in metricQueries", () => {
        const alarm = {
            alarmActions: ["arn:aws:sns:us-east-1:1:x"],
            metricQueries: [
                {
                    id: "m",
                    metric: {
                        namespace: "AWS/ApiGateway",
                        metricName: "5xx",
                        dimensions: { ApiId: "api1", Stage: "prod" },
                    },
                },
            ],
        };
        const v = runStack(policy, [
            { type: t.V2_STAGE, name: "http", props: fixture(t.V2_STAGE) },
            { type: t.METRIC_ALARM, name: "a", props: alarm },
        ]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("reports a stage without an alarm, an alarm without actions, and an alarm on another metric", () => {
        const noActions = withProp(fixture(t.METRIC_ALARM), "alarmActions", []);
        const latency = withProp(fixture(t.METRIC_ALARM), "metricName", "Latency");
        const disabled = withProp(fixture(t.METRIC_ALARM), "actionsEnabled", false);
        for (const props of [undefined, noActions, latency, disabled]) {
            const specs: StackResourceSpec[] = [stage];
            if (props) {
                specs.push({ type: t.METRIC_ALARM, name: "a", props });
            }
            assert.deepStrictEqual(runStack(policy, specs), {
                violations: [message("orders-stage")],
                urns: [urnOf("prod", t.REST_STAGE, "orders-stage")],
            });
        }
    });

    it("only checks production stacks", () => {
        assert.deepStrictEqual(runStack(policy, [stage], { stack: "dev" }), { violations: [], urns: [] });
        assert.deepStrictEqual(
            runStack(policy, [stage], { stack: "dev", tags: { environment: "production" } }).violations,
            [message("orders-stage", "dev")],
        );
    });

    it("gives the advisory when a candidate alarm's actions are unknown", () => {
        const alarm = withProp(fixture(t.METRIC_ALARM), "alarmActions", UNKNOWN);
        const v = runStack(policy, [stage, { type: t.METRIC_ALARM, name: "a", props: alarm }]);
        assert.strictEqual(
            v.advisory,
            previewAdvisory(
                policy.name,
                'cannot verify stage "orders-stage" alarms during preview: the value is not known until the update, ' +
                    "which checks it again",
            ),
        );
    });
});
