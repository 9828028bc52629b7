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
            "observable-api:index:ObservableHttpApi",
            "observable-api:index:ObservableRestApi",
            "observable-api:index:ObservableWebSocketApi",
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
            "observable-api:index:HttpAlarmThresholds",
            "observable-api:index:HttpMonitoring",
            "observable-api:index:HttpRouteOverride",
            "observable-api:index:MethodOverride",
            "observable-api:index:Monitoring",
            "observable-api:index:MonitoringResources",
            "observable-api:index:Throttling",
            "observable-api:index:Tracing",
            "observable-api:index:WebSocketAlarmThresholds",
            "observable-api:index:WebSocketMonitoring",
            "observable-api:index:WebSocketRoute",
            "observable-api:index:WebSocketRouteOverride",
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

    it("gives the v2 components their own args: HTTP has no execution logging or tracing, WebSocket its routes", () => {
        const http = schema.resources["observable-api:index:ObservableHttpApi"];
        assert.deepStrictEqual(Object.keys(http.inputProperties), [
            "openApiSpec",
            "api",
            "stageName",
            "environment",
            "accessLogging",
            "throttling",
            "detailedMetrics",
            "routeOverrides",
            "protectLogs",
            "monitoring",
            "tags",
        ]);
        assert.strictEqual(http.inputProperties.api.$ref, `${AWS_REF}aws:apigatewayv2%2Fapi:Api`);
        // One Throttling and AccessLogging type for every protocol; each protocol its own thresholds.
        assert.strictEqual(http.inputProperties.throttling.$ref, "#/types/observable-api:index:Throttling");
        assert.strictEqual(http.inputProperties.monitoring.$ref, "#/types/observable-api:index:HttpMonitoring");
        assert.strictEqual(http.properties.stage.$ref, `${AWS_REF}aws:apigatewayv2%2Fstage:Stage`);
        const ws = schema.resources["observable-api:index:ObservableWebSocketApi"];
        assert.deepStrictEqual(ws.inputProperties.routes.items, {
            $ref: "#/types/observable-api:index:WebSocketRoute",
            plain: true,
        });
        // The stage name decides whether an execution log group can exist: plain, as every such arg.
        assert.deepStrictEqual(
            [ws.inputProperties.stageName.type, ws.inputProperties.stageName.plain],
            ["string", true],
        );
        assert.deepStrictEqual(Object.keys(schema.types["observable-api:index:WebSocketRoute"].properties), [
            "routeKey",
            "functionArn",
        ]);
        assert.strictEqual(ws.properties.routes.items.$ref, `${AWS_REF}aws:apigatewayv2%2Froute:Route`);
        assert.strictEqual(ws.properties.permissions.items.$ref, `${AWS_REF}aws:lambda%2Fpermission:Permission`);
    });
});
