import * as assert from "assert";
import { apigatewayCacheEncryptionRequired as policy } from "../../../policies/policies/apigatewayCacheEncryptionRequired";
import * as t from "../../../policies/lib/types";
import { fixture, restApiComponent } from "../fixtures";
import { previewAdvisory, runResource, UNKNOWN, withProp } from "../harness";

function run(type: string, props: unknown) {
    return runResource(policy, { type, props }, { stack: "dev" });
}

describe("policy apigateway-cache-encryption-required", () => {
    it("is advisory and names AWS Security Hub APIGateway.5", () => {
        assert.strictEqual(policy.enforcementLevel, "advisory");
        assert.strictEqual(policy.framework!.reference, "APIGateway.5");
    });

    for (const type of [t.METHOD_SETTINGS, t.NATIVE_STAGE, t.NATIVE_DEPLOYMENT, t.OBSERVABLE_REST_API]) {
        it(`passes the compliant ${type}`, () => {
            assert.deepStrictEqual(run(type, fixture(type)), { violations: [], urns: [] });
        });
    }

    it("MethodSettings: caching on needs cacheDataEncrypted", () => {
        let props = withProp(fixture(t.METHOD_SETTINGS), "settings.cachingEnabled", "true");
        props = withProp(props, "settings.cacheDataEncrypted", false);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props).violations, [
            "settings.cacheDataEncrypted must be true when settings.cachingEnabled is true, got false.",
        ]);
    });

    it("aws-native stage: checks each methodSettings entry", () => {
        const props = withProp(fixture(t.NATIVE_STAGE), "methodSettings.1.cacheDataEncrypted", undefined);
        assert.deepStrictEqual(run(t.NATIVE_STAGE, props).violations, [
            "methodSettings[1].cacheDataEncrypted must be true when methodSettings[1].cachingEnabled is true, but it " +
                "is not set.",
        ]);
    });

    it("aws-native deployment: checks stageDescription", () => {
        let props = withProp(fixture(t.NATIVE_DEPLOYMENT), "stageDescription.cachingEnabled", true);
        props = withProp(props, "stageDescription.cacheDataEncrypted", false);
        assert.deepStrictEqual(run(t.NATIVE_DEPLOYMENT, props).violations, [
            "stageDescription.cacheDataEncrypted must be true when stageDescription.cachingEnabled is true, got false.",
        ]);
    });

    it("component: caching on and encrypted, as the resolver builds it by default, passes", () => {
        const props = restApiComponent({
            caching: { enabled: true },
            methodOverrides: [{ path: "/orders", method: "GET", cachingEnabled: true }],
        });
        assert.strictEqual(props.caching.encrypted, true);
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props), { violations: [], urns: [] });
    });

    it("component: caching.enabled and a method override's cachingEnabled both need caching.encrypted", () => {
        let props = withProp(fixture(t.OBSERVABLE_REST_API), "caching.encrypted", false);
        props = withProp(props, "methodOverrides.0.cachingEnabled", true);
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
            "caching.encrypted must be true when methodOverrides[0].cachingEnabled is true, got false.",
        ]);
        props = withProp(props, "caching.enabled", true);
        assert.deepStrictEqual(run(t.OBSERVABLE_REST_API, props).violations, [
            "caching.encrypted must be true when caching.enabled is true, got false.",
            "caching.encrypted must be true when methodOverrides[0].cachingEnabled is true, got false.",
        ]);
    });

    it("gives the advisory when caching is on and encryption unknown", () => {
        let props = withProp(fixture(t.METHOD_SETTINGS), "settings.cachingEnabled", true);
        props = withProp(props, "settings.cacheDataEncrypted", UNKNOWN);
        assert.strictEqual(
            run(t.METHOD_SETTINGS, props).advisory,
            previewAdvisory(
                policy.name,
                "cannot verify settings.cacheDataEncrypted during preview: the value is not known until the update, " +
                    "which checks it again",
            ),
        );
    });

    it("does not read encryption when caching is off", () => {
        const props = withProp(fixture(t.METHOD_SETTINGS), "settings.cacheDataEncrypted", UNKNOWN);
        assert.deepStrictEqual(run(t.METHOD_SETTINGS, props), { violations: [], urns: [] });
    });
});
