import * as assert from "assert";
import { apigatewayAccessLoggingRequired as policy } from "../../../policies/policies/apigatewayAccessLoggingRequired";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

const NAME = "apigateway-access-logging-required";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

const LOCATIONS: [string, string][] = [
    [t.REST_STAGE, "accessLogSettings"],
    [t.V2_STAGE, "accessLogSettings"],
    [t.NATIVE_STAGE, "accessLogSetting"],
    [t.NATIVE_V2_STAGE, "accessLogSettings"],
    [t.NATIVE_DEPLOYMENT, "stageDescription.accessLogSetting"],
];

describe("policy apigateway-access-logging-required", () => {
    it("is mandatory", () => {
        assert.strictEqual(policy.name, NAME);
        assert.strictEqual(policy.enforcementLevel, "mandatory");
    });

    for (const [type, path] of LOCATIONS) {
        describe(type, () => {
            it("passes with a destination and a format", () => {
                assert.deepStrictEqual(run(type, fixture(type)), { violations: [], urns: [] });
            });

            it(`reports a missing ${path}`, () => {
                assert.deepStrictEqual(run(type, withProp(fixture(type), path, undefined)).violations, [
                    `${path} is not set, so the stage keeps no access logs in production stack "prod"; set ` +
                        `${path}.destinationArn and ${path}.format.`,
                ]);
            });

            it("reports an empty destination and a null format", () => {
                let props = withProp(fixture(type), `${path}.destinationArn`, "");
                props = withProp(props, `${path}.format`, null);
                assert.deepStrictEqual(run(type, props).violations, [
                    `${path}.destinationArn must be a CloudWatch Logs or Firehose ARN in production stack "prod", got "".`,
                    `${path}.format must be a non-empty access-log format in production stack "prod", got null.`,
                ]);
            });

            it("counts a destination that is unknown in preview as set", () => {
                const props = withProp(fixture(type), `${path}.destinationArn`, UNKNOWN);
                assert.deepStrictEqual(run(type, props), { violations: [], urns: [] });
            });

            it("gives the advisory when the whole setting is unknown", () => {
                const props = withProp(fixture(type), path, UNKNOWN);
                assert.strictEqual(
                    run(type, props).advisory,
                    previewAdvisory(
                        NAME,
                        `cannot verify ${path} during preview: the value is not known until the update, which checks it again`,
                    ),
                );
            });

            it("does not apply outside production", () => {
                assert.deepStrictEqual(
                    run(type, withProp(fixture(type), path, undefined), { stack: "dev" }).violations,
                    [],
                );
            });
        });
    }

    describe("observable-api:index:ObservableRestApi", () => {
        it("passes with accessLogging", () => {
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, fixture(t.OBSERVABLE_REST_API)).violations, []);
        });

        it("names the accessLogging arg when it is missing or switched off", () => {
            const missing = withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging", undefined);
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, missing).violations, [
                'accessLogging is not set, so the API keeps no access logs in production stack "prod"; set ' +
                    "accessLogging (format and retentionInDays) on the ObservableRestApi.",
            ]);
            const off = withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging.enabled", false);
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, off).violations, [
                'accessLogging.enabled is false, so the API keeps no access logs in production stack "prod"; set ' +
                    "accessLogging (format and retentionInDays) on the ObservableRestApi.",
            ]);
        });
    });

    it("ignores a deployment that creates no stage", () => {
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x" }).violations, []);
    });
});
