import * as assert from "assert";
import { apigatewayAccessLoggingRequired as policy } from "../../../policies/policies/apigatewayAccessLoggingRequired";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
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

            it("reports a missing destination and format with the words for a value that is not set", () => {
                let props = withProp(fixture(type), `${path}.destinationArn`, undefined);
                props = withProp(props, `${path}.format`, undefined);
                assert.deepStrictEqual(run(type, props).violations, [
                    `${path}.destinationArn must be a CloudWatch Logs or Firehose ARN in production stack "prod", but ` +
                        "it is not set.",
                    `${path}.format must be a non-empty access-log format in production stack "prod", but it is not set.`,
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
        const noFormat = (scope = 'production stack "prod"') =>
            `accessLogging has no format, so the API keeps no access logs in ${scope}; set accessLogging (format or ` +
            "customFormat, and retentionInDays) on the ObservableRestApi.";

        it("passes with the Json or Clf preset, or a custom format, as the component resolves them", () => {
            for (const accessLogging of [
                {},
                { format: "Clf" as const },
                { customFormat: "$context.requestId $context.status" },
            ]) {
                const props = restApiComponent({ accessLogging });
                assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props), { violations: [], urns: [] });
            }
        });

        it("reports accessLogging without format or customFormat, missing, or not an object", () => {
            const bags = [
                withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging", undefined),
                withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging.format", undefined),
                withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging.format", " "),
                withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging", null),
                withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging", "Json"),
            ];
            for (const props of bags) {
                assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [noFormat()]);
            }
        });

        it("counts a custom format that is unknown in preview as set, and an unknown accessLogging as cannot verify", () => {
            let props = withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging.format", undefined);
            props = withProp(props, "accessLogging.customFormat", UNKNOWN);
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props), { violations: [], urns: [] });
            assert.strictEqual(
                run(t.OBSERVABLE_REST_API, withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging", UNKNOWN)).advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify accessLogging during preview: the value is not known until the update, which " +
                        "checks it again",
                ),
            );
        });

        it("is production in any stack when declared environment Production, and only then", () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "accessLogging", undefined);
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props, { stack: "live" }).violations, [
                noFormat("an API declared environment Production"),
            ]);
            const staging = withProp(props, "environment", "Staging");
            assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, staging, { stack: "live" }).violations, []);
        });
    });

    describe("aws-native:apigateway:Deployment whose stageName alone creates a stage", () => {
        it("reports that the stage keeps no access logs", () => {
            assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x", stageName: "prod" }).violations, [
                "stageDescription.accessLogSetting is not set, so the stage keeps no access logs in production stack " +
                    '"prod"; set stageDescription.accessLogSetting.destinationArn and stageDescription.accessLogSetting.format.',
            ]);
        });

        it("gives the advisory when the stage name is unknown", () => {
            assert.strictEqual(
                run(t.NATIVE_DEPLOYMENT, { restApiId: "x", stageName: UNKNOWN }).advisory,
                previewAdvisory(
                    NAME,
                    "cannot verify stageName during preview: the value is not known until the update, which checks it again",
                ),
            );
        });
    });

    it("ignores a deployment that creates no stage", () => {
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x" }).violations, []);
    });
});
