import * as assert from "assert";
import { apigatewayExecutionLoggingRequired as policy } from "../../../policies/policies/apigatewayExecutionLoggingRequired";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
import { previewAdvisory, runResource, runStack, UNKNOWN, urnOf, withProp } from "../harness";
import type { StackResourceSpec } from "../harness";

const NAME = "apigateway-execution-logging-required";

function run(type: string, props: unknown, options: Parameters<typeof runResource>[2] = {}) {
    return runResource(policy, { type, props }, options);
}

describe("policy apigateway-execution-logging-required", () => {
    it("is advisory, names AWS Security Hub APIGateway.1, and checks resources and the stack", () => {
        assert.strictEqual(policy.name, NAME);
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.framework!.reference, "APIGateway.1");
        assert.strictEqual(typeof policy.validateResource, "function");
        assert.strictEqual(typeof policy.validateStack, "function");
    });

    for (const type of [t.METHOD_SETTINGS, t.NATIVE_STAGE, t.NATIVE_DEPLOYMENT, t.OBSERVABLE_REST_API]) {
        it(`passes the compliant ${type}`, () => {
            assert.deepStrictEqual(run(type, fixture(type)), { violations: [], urns: [] });
        });
    }

    it("MethodSettings */*: reports OFF and metrics off", () => {
        let props = withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", "OFF");
        props = withProp(props, "settings.metricsEnabled", false);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
            'settings.loggingLevel must be ERROR or INFO in production stack "prod", got "OFF".',
            'settings.metricsEnabled must be true in production stack "prod", got false.',
        ]);
    });

    it("MethodSettings */*: reports an unset level", () => {
        const props = withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", undefined);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
            'settings.loggingLevel must be ERROR or INFO in production stack "prod", but it is not set.',
        ]);
    });

    it("ignores a MethodSettings for one method", () => {
        const props = withProp(
            withProp(fixture(t.METHOD_SETTINGS), "methodPath", "a/GET"),
            "settings.loggingLevel",
            "OFF",
        );
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, []);
    });

    it("gives the advisory when the methodPath is unknown", () => {
        const props = withProp(fixture(t.METHOD_SETTINGS), "methodPath", UNKNOWN);
        assert.strictEqual(
            run(t.METHOD_SETTINGS, props).advisory,
            previewAdvisory(
                NAME,
                "cannot verify methodPath during preview: the value is not known until the update, which checks it again",
            ),
        );
    });

    it("aws-native stage: reports a missing stage-wide entry", () => {
        const props = fixture(t.NATIVE_STAGE);
        props.methodSettings.shift();
        assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
            'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has no ' +
                'execution logging in production stack "prod"; add it with loggingLevel ERROR or INFO and metricsEnabled true.',
        ]);
    });

    it("aws-native stage: no methodSettings at all means no execution logging", () => {
        for (const methodSettings of [undefined, []]) {
            const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings", methodSettings);
            assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
                'a methodSettings entry with httpMethod "*" and resourcePath "/*" is missing, so the stage has no ' +
                    'execution logging in production stack "prod"; add it with loggingLevel ERROR or INFO and ' +
                    "metricsEnabled true.",
            ]);
        }
    });

    it("aws-native stage: CloudFormation's key names in the typed methodSettings take no effect", () => {
        // aws-native types methodSettings, so only the SDK's spelling is applied; LoggingLevel there logs nothing.
        const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings", [
            { httpMethod: "*", resourcePath: "/*", LoggingLevel: "INFO", MetricsEnabled: true },
        ]);
        assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
            'methodSettings[0].loggingLevel must be ERROR or INFO in production stack "prod", but it is not set.',
            'methodSettings[0].metricsEnabled must be true in production stack "prod", but it is not set.',
        ]);
    });

    it("aws-native deployment whose stageName alone creates a stage has no execution logging", () => {
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x", stageName: "prod" }).violations, [
            'stageDescription is missing, so the stage has no execution logging in production stack "prod"; add it ' +
                "with loggingLevel ERROR or INFO and metricsEnabled true.",
        ]);
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, { restApiId: "x" }).violations, []);
    });

    it("aws-native deployment: reports stageDescription", () => {
        const props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.metricsEnabled", "false");
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, [
            'stageDescription.metricsEnabled must be true in production stack "prod", got "false".',
        ]);
    });

    it("component: names executionLogging.level and metricsEnabled", () => {
        let props = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "OFF");
        props = withProp(props, "metricsEnabled", false);
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
            'executionLogging.level must be ERROR or INFO in production stack "prod", got "OFF".',
            'metricsEnabled must be true in production stack "prod", got false.',
        ]);
    });

    it("component declared environment Production: judged in any stack", () => {
        const props = restApiComponent({ executionLogging: { level: "OFF" } });
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props, { stack: "live" }).violations, [
            'executionLogging.level must be ERROR or INFO in an API declared environment Production, got "OFF".',
        ]);
        const staging = restApiComponent({ environment: "Staging", executionLogging: { level: "OFF" } });
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, staging, { stack: "live" }).violations, []);
    });

    it("leaves DEBUG to the DEBUG policy and skips non-production stacks", () => {
        const debug = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "DEBUG");
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, debug).violations, []);
        // A component declared Production is production in any stack, so the non-production case is a Staging one.
        const off = restApiComponent({ environment: "Staging", executionLogging: { level: "OFF" } });
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, off, { stack: "dev" }).violations, []);
    });

    it("does not cover HTTP API stages, which have no execution logs", () => {
        const props = withProp(fixture(t.V2_STAGE), "defaultRouteSettings.loggingLevel", "OFF");
        assert.deepStrictEqual(run(t.V2_STAGE, props).violations, []);
    });

    describe("a classic Stage, at the end of the preview", () => {
        const stage = (name = "orders-stage", props = fixture(t.REST_STAGE)): StackResourceSpec => ({
            type: t.REST_STAGE,
            name,
            props,
        });
        const ms = (name: string, props: Record<string, unknown> = fixture(t.METHOD_SETTINGS)): StackResourceSpec => ({
            type: t.METHOD_SETTINGS,
            name,
            props,
        });
        const noStageWide = (name: string, scope = 'production stack "prod"') =>
            `Stage "${name}" has no MethodSettings at methodPath "*/*", so its execution logging is off in ${scope}; ` +
            "add one with settings.loggingLevel ERROR or INFO and settings.metricsEnabled true.";

        it("passes a stage with a stage-wide MethodSettings", () => {
            assert.deepStrictEqual(runStack(policy, [stage(), ms("ms")]), { violations: [], urns: [] });
        });

        it("reports a stage with no MethodSettings at all, on the stage's URN", () => {
            assert.deepStrictEqual(runStack(policy, [stage()]), {
                violations: [noStageWide("orders-stage")],
                urns: [urnOf("prod", t.REST_STAGE, "orders-stage")],
            });
        });

        it("reports a stage whose MethodSettings are all for one method", () => {
            const v = runStack(policy, [
                stage(),
                ms("get", withProp(fixture(t.METHOD_SETTINGS), "methodPath", "~1orders/GET")),
            ]);
            assert.deepStrictEqual(v.violations, [noStageWide("orders-stage")]);
        });

        it("does not count another API's or another stage's MethodSettings", () => {
            const v = runStack(policy, [
                stage("a-stage"),
                stage("b-stage", withProp(fixture(t.REST_STAGE), "stageName", "beta")),
                ms("a-other-api", withProp(fixture(t.METHOD_SETTINGS), "restApi", "other")),
                ms("b-ms", withProp(fixture(t.METHOD_SETTINGS), "stageName", "beta")),
            ]);
            assert.deepStrictEqual(v.violations, [noStageWide("a-stage")]);
        });

        it("correlates through propertyDependencies in preview", () => {
            const unknownKeys = withProp(
                withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN),
                "stageName",
                UNKNOWN,
            );
            const v = runStack(policy, [
                { ...stage(), props: withProp(fixture(t.REST_STAGE), "restApi", UNKNOWN) },
                { ...ms("ms", unknownKeys), deps: { stageName: ["orders-stage"] } },
            ]);
            assert.deepStrictEqual(v, { violations: [], urns: [] });
        });

        it("gives the advisory when a MethodSettings might belong to the stage, or its methodPath is unknown", () => {
            const unknownKeys = withProp(
                withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN),
                "stageName",
                UNKNOWN,
            );
            const advisory = previewAdvisory(
                NAME,
                'cannot verify stage "orders-stage": its MethodSettings during preview: the value is not known until ' +
                    "the update, which checks it again",
            );
            assert.deepStrictEqual(runStack(policy, [stage(), ms("loose", unknownKeys)]), {
                violations: [],
                urns: [],
                advisory,
            });
            const unknownPath = withProp(fixture(t.METHOD_SETTINGS), "methodPath", UNKNOWN);
            assert.strictEqual(runStack(policy, [stage(), ms("ms", unknownPath)]).advisory, advisory);
        });

        it("only in production: by stack name, tag, or a component declared Production above the stage", () => {
            assert.deepStrictEqual(runStack(policy, [stage()], { stack: "dev" }), { violations: [], urns: [] });
            assert.deepStrictEqual(
                runStack(policy, [stage()], { stack: "dev", tags: { Environment: "Prod" } }).violations,
                [noStageWide("orders-stage", 'production stack "dev"')],
            );
            const component = (environment: string): StackResourceSpec => ({
                type: t.OBSERVABLE_REST_API,
                name: "orders",
                props: restApiComponent({ environment: environment as "Production" }),
            });
            const underComponent = { ...stage(), parent: "orders" };
            assert.deepStrictEqual(runStack(policy, [component("Production"), underComponent], { stack: "live" }), {
                violations: [
                    noStageWide(
                        "orders-stage",
                        `an API declared environment Production (its parent ${t.OBSERVABLE_REST_API} "orders")`,
                    ),
                ],
                urns: [urnOf("live", t.REST_STAGE, "orders-stage")],
            });
            assert.deepStrictEqual(
                runStack(policy, [component("Staging"), underComponent], { stack: "live" }).violations,
                [],
            );
        });
    });
});
