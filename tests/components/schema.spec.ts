/**
 * The committed components/schema.json: what Pulumi's inference yields for the package, pinned here by what it must
 * contain, and kept fresh by a fingerprint of everything the inference reads (tests/ci/plugin.spec.ts runs the
 * inference itself and compares it byte for byte).
 */
import * as assert from "assert";
import * as fs from "fs";
import { FINGERPRINT_FILE, SCHEMA_FILE, schemaFingerprint } from "../../tools/lib/componentSchema";

const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
const AWS_REF = "/aws/v7.48.0/schema.json#/resources/";

describe("components/schema.json", () => {
    it("was made from the current sources and SDK versions (regenerate with npm run schema)", () => {
        assert.strictEqual(
            fs.readFileSync(FINGERPRINT_FILE, "utf8").trim(),
            schemaFingerprint(),
            "components/schema.json is stale: run npm run schema and commit the result",
        );
    });

    it("names the package observable-api and exposes exactly the components, with type tokens <name>:index:<Class>", () => {
        assert.strictEqual(schema.name, "observable-api");
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), [
            "observable-api:index:ApiGatewayAccountSettings",
            "observable-api:index:ObservableRestApi",
        ]);
        for (const resource of Object.values<any>(schema.resources)) {
            assert.strictEqual(resource.isComponent, true);
        }
        assert.deepStrictEqual(schema.dependencies, [{ name: "aws", version: "7.48.0" }]);
    });

    it("turns the enums into schema enums that TypeScript callers can also pass as plain strings", () => {
        const enums = Object.fromEntries(
            Object.entries<any>(schema.types)
                .filter(([, t]) => t.enum)
                .map(([name, t]) => [name, t.enum.map((e: { value: string }) => e.value)]),
        );
        assert.deepStrictEqual(enums, {
            "observable-api:index:AccessLogFormat": ["Json", "Clf"],
            "observable-api:index:AccountCloudWatchRole": ["None", "Create", "Existing"],
            "observable-api:index:CloudWatchRoleSource": ["Create", "Existing"],
            "observable-api:index:Environment": ["Production", "Staging", "Development"],
            "observable-api:index:ExecutionLogLevel": ["OFF", "ERROR", "INFO", "DEBUG"],
        });
    });

    it("has every nested type, none named *Args (generated SDKs would append Args again)", () => {
        assert.deepStrictEqual(Object.keys(schema.types).sort(), [
            "observable-api:index:AccessLogFormat",
            "observable-api:index:AccessLogging",
            "observable-api:index:AccountCloudWatchRole",
            "observable-api:index:AlarmThresholds",
            "observable-api:index:Caching",
            "observable-api:index:CloudWatchRoleSource",
            "observable-api:index:Environment",
            "observable-api:index:ExecutionLogLevel",
            "observable-api:index:ExecutionLogging",
            "observable-api:index:MethodOverride",
            "observable-api:index:Monitoring",
            "observable-api:index:MonitoringResources",
            "observable-api:index:Throttling",
            "observable-api:index:Tracing",
        ]);
    });

    it("takes the OpenAPI document as one string type, the API as a resource reference and numbers as numbers", () => {
        const inputs = schema.resources["observable-api:index:ObservableRestApi"].inputProperties;
        assert.strictEqual(inputs.openApiSpec.type, "string");
        assert.strictEqual(inputs.restApi.$ref, `${AWS_REF}aws:apigateway%2FrestApi:RestApi`);
        assert.strictEqual(inputs.environment.$ref, "#/types/observable-api:index:Environment");
        assert.deepStrictEqual(inputs.tags.additionalProperties, { type: "string" });
        const throttling = schema.types["observable-api:index:Throttling"].properties;
        assert.deepStrictEqual([throttling.rateLimit.type, throttling.burstLimit.type], ["number", "number"]);
        const outputs = schema.resources["observable-api:index:ObservableRestApi"].properties;
        assert.strictEqual(outputs.stage.$ref, `${AWS_REF}aws:apigateway%2Fstage:Stage`);
        assert.strictEqual(outputs.url.type, "string");
    });
});
