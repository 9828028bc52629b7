import * as assert from "assert";
import { apigatewayLogRetentionRequired as policy } from "../../../policies/policies/apigatewayLogRetentionRequired";
import * as t from "../../../policies/lib/types";
import { ACCESS_LOG_ARN, fixture } from "../fixtures";
import { previewAdvisory, runStack, UNKNOWN, urnOf, withProp } from "../harness";

const ALLOWED =
    "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653";

function message(name: string, got: string): string {
    const ending = got === "not set" ? "but it is not set" : `got ${got}`;
    return `Log group "${name}" receives API Gateway logs; retentionInDays must be one of ${ALLOWED}, ${ending}.`;
}

describe("policy apigateway-log-retention-required", () => {
    it("is advisory", () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
    });

    it("reports an execution-log group without retention, found by its name", () => {
        const v = runStack(policy, [
            { type: t.LOG_GROUP, name: "exec", props: { name: "API-Gateway-Execution-Logs_a1b2c3/prod" } },
        ]);
        assert.deepStrictEqual(v, {
            violations: [message("exec", "not set")],
            urns: [urnOf("prod", t.LOG_GROUP, "exec")],
        });
    });

    it("reports an access-log destination found by ARN, and one found by propertyDependencies", () => {
        const v = runStack(policy, [
            { type: t.LOG_GROUP, name: "by-arn", props: withProp(fixture(t.LOG_GROUP), "retentionInDays", 0) },
            { type: t.LOG_GROUP, name: "by-dep", props: { name: "x", arn: UNKNOWN, retentionInDays: 2 } },
            { type: t.REST_STAGE, name: "s1", props: fixture(t.REST_STAGE) },
            {
                type: t.V2_STAGE,
                name: "s2",
                props: withProp(fixture(t.V2_STAGE), "accessLogSettings.destinationArn", UNKNOWN),
                deps: { accessLogSettings: ["by-dep"] },
            },
        ]);
        assert.deepStrictEqual(v.violations, [message("by-arn", "0"), message("by-dep", "2")]);
    });

    it("reports log groups inside an ObservableRestApi", () => {
        const v = runStack(policy, [
            { type: t.OBSERVABLE_REST_API, name: "orders", props: fixture(t.OBSERVABLE_REST_API) },
            { type: t.LOG_GROUP, name: "orders-access-logs", props: { name: UNKNOWN }, parent: "orders" },
        ]);
        assert.deepStrictEqual(v.violations, [message("orders-access-logs", "not set")]);
    });

    it("covers aws-native log groups", () => {
        const v = runStack(policy, [
            {
                type: t.NATIVE_LOG_GROUP,
                name: "n",
                props: withProp(fixture(t.NATIVE_LOG_GROUP), "retentionInDays", undefined),
            },
            {
                type: t.NATIVE_STAGE,
                name: "s",
                props: fixture(t.NATIVE_STAGE),
            },
        ]);
        assert.deepStrictEqual(v.violations, [message("n", "not set")]);
    });

    it("passes retained groups and ignores groups that receive no API logs", () => {
        const v = runStack(policy, [
            { type: t.LOG_GROUP, name: "ok", props: fixture(t.LOG_GROUP) },
            { type: t.LOG_GROUP, name: "other", props: { name: "app-logs" } },
            { type: t.REST_STAGE, name: "s", props: fixture(t.REST_STAGE) },
        ]);
        assert.deepStrictEqual(v, { violations: [], urns: [] });
    });

    it("gives the advisory when a receiving group's retention is unknown", () => {
        const v = runStack(policy, [
            {
                type: t.LOG_GROUP,
                name: "exec",
                props: { name: "API-Gateway-Execution-Logs_x/prod", retentionInDays: UNKNOWN },
            },
        ]);
        assert.strictEqual(
            v.advisory,
            previewAdvisory(
                policy.name,
                'cannot verify log group "exec" retentionInDays during preview: the value is not known until the ' +
                    "update, which checks it again",
            ),
        );
    });

    describe("a log group whose name is unknown in preview may be an execution-log group", () => {
        const unnamed = (name: string, retentionInDays?: unknown) => ({
            type: t.LOG_GROUP,
            name,
            props: { name: UNKNOWN, retentionInDays },
        });

        it("gives the advisory when it has no valid retention", () => {
            for (const retentionInDays of [undefined, 0, 2, UNKNOWN]) {
                const v = runStack(policy, [unnamed("exec", retentionInDays)]);
                assert.deepStrictEqual(
                    v,
                    {
                        violations: [],
                        urns: [],
                        advisory: previewAdvisory(
                            policy.name,
                            'cannot verify log group "exec" name (it may receive execution logs) during preview: the ' +
                                "value is not known until the update, which checks it again",
                        ),
                    },
                    String(retentionInDays),
                );
            }
        });

        it("passes when it has a valid retention", () => {
            assert.deepStrictEqual(runStack(policy, [unnamed("exec", 30)]), { violations: [], urns: [] });
        });

        it("reports a known violation and the advisory together", () => {
            const v = runStack(policy, [
                { type: t.LOG_GROUP, name: "known", props: { name: "API-Gateway-Execution-Logs_a1b2c3/prod" } },
                unnamed("exec"),
            ]);
            assert.deepStrictEqual(v.violations, [message("known", "not set")]);
            assert.strictEqual(
                v.advisory,
                previewAdvisory(
                    policy.name,
                    'cannot verify log group "exec" name (it may receive execution logs) during preview: the value is ' +
                        "not known until the update, which checks it again",
                ),
            );
        });

        it("covers aws-native log groups by logGroupName", () => {
            const v = runStack(policy, [{ type: t.NATIVE_LOG_GROUP, name: "n", props: { logGroupName: UNKNOWN } }]);
            assert.strictEqual(
                v.advisory,
                previewAdvisory(
                    policy.name,
                    'cannot verify log group "n" name (it may receive execution logs) during preview: the value is ' +
                        "not known until the update, which checks it again",
                ),
            );
        });
    });

    it("reports a log group inside an ObservableRestApi, found by its parent whatever its name", () => {
        const v = runStack(policy, [
            { type: t.OBSERVABLE_REST_API, name: "orders", props: fixture(t.OBSERVABLE_REST_API) },
            {
                type: t.LOG_GROUP,
                name: "orders-execution-logs",
                props: { name: "x", retentionInDays: 30 },
                parent: "orders",
            },
            {
                type: t.LOG_GROUP,
                name: "orders-access-logs",
                props: { name: "y", retentionInDays: 10 },
                parent: "orders",
            },
        ]);
        assert.deepStrictEqual(v, {
            violations: [message("orders-access-logs", "10")],
            urns: [urnOf("prod", t.LOG_GROUP, "orders-access-logs")],
        });
    });

    it("keeps the fixture ARN in step with the stage fixture", () => {
        assert.strictEqual(fixture(t.REST_STAGE).accessLogSettings.destinationArn, ACCESS_LOG_ARN);
    });
});
