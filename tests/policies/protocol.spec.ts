/**
 * Serves the compiled pack exactly as the engine does (run-policy-pack in the pack's directory) and drives it over
 * the analyzer gRPC protocol: GetAnalyzerInfo, Configure, ConfigureStack, Analyze and AnalyzeStack.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies/policies";
import * as t from "../../policies/lib/types";
import { schemaDefaults } from "../../policies/lib/config";
import { PolicyPackHost, UNKNOWN_SENTINEL } from "../../tools/lib/policyPackHost";
import type { AnalyzeResource, Diagnostic, PolicyConfig } from "../../tools/lib/policyPackHost";
import { fixture } from "./fixtures";
import { PACK, PACK_VERSION, previewAdvisory, withProp } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");

/** Rebuilds policies/bin when any source is newer, so the test never runs a stale build. */
function ensureFreshBuild(): void {
    const main = path.join(PACK_DIR, "bin", "index.js");
    const newest = (dir: string): number =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .filter((e) => e.name !== "bin" && e.name !== "node_modules")
            .reduce((m, e) => {
                const p = path.join(dir, e.name);
                return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith(".ts") ? fs.statSync(p).mtimeMs : 0);
            }, 0);
    if (!fs.existsSync(main) || fs.statSync(main).mtimeMs < newest(PACK_DIR)) {
        execFileSync(process.execPath, [
            path.join(ROOT, "node_modules", "typescript", "bin", "tsc"),
            "-p",
            path.join(PACK_DIR, "tsconfig.json"),
        ]);
    }
}

const urn = (stack: string, type: string, name: string) => `urn:pulumi:${stack}::observable-api::${type}::${name}`;

function resource(stack: string, type: string, name: string, properties: Record<string, any>): AnalyzeResource {
    return { type, name, urn: urn(stack, type, name), properties };
}

/** The engine's config: an explicit level for every policy, plus its schema defaults. */
function engineConfig(overrides: Record<string, Partial<PolicyConfig>> = {}): Record<string, PolicyConfig> {
    const config: Record<string, PolicyConfig> = {};
    for (const p of policies) {
        config[p.name] = {
            enforcementLevel: overrides[p.name]?.enforcementLevel ?? p.enforcementLevel!,
            properties: { ...schemaDefaults(p.configSchema), ...overrides[p.name]?.properties },
        };
    }
    return config;
}

const pick = (diagnostics: Diagnostic[], policyName: string) =>
    diagnostics.filter((d) => d.policyName === policyName).map((d) => [d.enforcementLevel, d.message, d.urn]);

const description = (name: string) => policies.find((p) => p.name === name)!.description;

describe("policy pack over the analyzer protocol", function () {
    this.timeout(120000);
    let host: PolicyPackHost;

    before(async () => {
        ensureFreshBuild();
        host = await PolicyPackHost.serve(PACK_DIR, { root: ROOT });
    });

    after(async () => {
        await host?.close();
    });

    it("loads no provider SDK at runtime: the compiled pack requires only @pulumi/policy, @pulumi/pulumi, picomatch and yaml", () => {
        // @pulumi/pulumi is already loaded by @pulumi/policy itself; the pack uses it only for getStack(). yaml is
        // loaded on the first template a stack resource carries.
        const modules = new Set<string>();
        const scan = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const p = path.join(dir, entry.name);
                if (entry.isDirectory()) {
                    scan(p);
                } else if (entry.name.endsWith(".js")) {
                    for (const m of fs.readFileSync(p, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
                        modules.add(m[1]);
                    }
                }
            }
        };
        scan(path.join(PACK_DIR, "bin"));
        assert.deepStrictEqual([...modules].sort(), ["@pulumi/policy", "@pulumi/pulumi", "picomatch", "yaml"]);
    });

    it("GetAnalyzerInfo: the pack's name, version and every policy's name, level and config schema", async () => {
        const info = await host.getAnalyzerInfo();
        assert.strictEqual(info.name, PACK);
        assert.strictEqual(info.version, PACK_VERSION);
        assert.strictEqual(info.supportsConfig, true);
        assert.deepStrictEqual(
            info.policies.map((p) => [p.name, p.enforcementLevel, p.type, p.severity]),
            [
                ["apigateway-no-debug-logging-in-production", "mandatory", "resource", "critical"],
                ["apigateway-throttling-required", "mandatory", "resource", "high"],
                ["apigateway-stage-throttling-required", "mandatory", "stack", "high"],
                ["apigateway-access-logging-required", "mandatory", "resource", "high"],
                ["apigateway-execution-logging-required", "advisory", "resource", "medium"],
                ["apigateway-xray-tracing-required", "advisory", "resource", "low"],
                ["apigateway-cache-encryption-required", "advisory", "resource", "medium"],
                ["apigateway-log-retention-required", "advisory", "stack", "medium"],
                ["apigateway-no-implicit-stage", "advisory", "resource", "medium"],
                ["apigateway-alarms-required", "advisory", "stack", "medium"],
                ["apigateway-throttling-within-account-limits", "advisory", "resource", "low"],
            ],
        );
        for (const p of info.policies) {
            const source = policies.find((s) => s.name === p.name)!;
            assert.deepStrictEqual(
                p.configSchema,
                { properties: source.configSchema!.properties, required: [] },
                p.name,
            );
            assert.strictEqual(p.remediationSteps, source.remediationSteps, p.name);
            assert.ok(p.remediationSteps.length > 0, p.name);
        }
        const noDebug = info.policies[0].configSchema!.properties;
        assert.deepStrictEqual(noDebug.maxLevel, {
            type: "string",
            enum: ["ERROR", "INFO"],
            default: "INFO",
            description: "The most verbose execution-log level production may use. ERROR tightens production further.",
        });
        assert.deepStrictEqual(noDebug.productionStacks.default, [
            "prod",
            "production",
            "prd",
            "prod-*",
            "prod_*",
            "*-prod",
            "*_prod",
            "production-*",
            "*-production",
        ]);
    });

    describe("a production stack", () => {
        before(async () => {
            await host.configure(engineConfig());
            await host.configureStack({
                stack: "payments-prod",
                project: "observable-api",
                organization: "acme",
                dryRun: true,
            });
        });

        it("Analyze: a mandatory violation for a DEBUG MethodSettings, with an unknown restApi", async () => {
            let props = withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", "DEBUG");
            props = withProp(props, "restApi", UNKNOWN_SENTINEL);
            const result = await host.analyze(resource("payments-prod", t.METHOD_SETTINGS, "orders-ms", props));
            assert.deepStrictEqual(pick(result.diagnostics, "apigateway-no-debug-logging-in-production"), [
                [
                    "mandatory",
                    `${description("apigateway-no-debug-logging-in-production")}\n` +
                        'settings.loggingLevel must be OFF, ERROR or INFO in production stack "payments-prod", got ' +
                        '"DEBUG" (DEBUG logs full request and response data).',
                    "",
                ],
            ]);
            assert.deepStrictEqual(
                result.diagnostics.map((d) => d.policyName),
                ["apigateway-no-debug-logging-in-production"],
            );
            assert.ok(
                result.diagnostics.every((d) => d.policyPackName === PACK && d.policyPackVersion === PACK_VERSION),
            );
        });

        it("Analyze: the component's executionLogging.level DEBUG", async () => {
            const props = withProp(fixture(t.OBSERVABLE_REST_API), "executionLogging.level", "DEBUG");
            const result = await host.analyze(resource("payments-prod", t.OBSERVABLE_REST_API, "orders", props));
            assert.deepStrictEqual(pick(result.diagnostics, "apigateway-no-debug-logging-in-production"), [
                [
                    "mandatory",
                    `${description("apigateway-no-debug-logging-in-production")}\n` +
                        'executionLogging.level must be OFF, ERROR or INFO in production stack "payments-prod", got ' +
                        '"DEBUG" (DEBUG logs full request and response data).',
                    "",
                ],
            ]);
        });

        it("Analyze: the advisory when the deciding value is unknown", async () => {
            const props = withProp(fixture(t.METHOD_SETTINGS), "settings.dataTraceEnabled", UNKNOWN_SENTINEL);
            const result = await host.analyze(resource("payments-prod", t.METHOD_SETTINGS, "orders-ms", props));
            assert.deepStrictEqual(pick(result.diagnostics, "apigateway-no-debug-logging-in-production"), [
                [
                    "advisory",
                    previewAdvisory(
                        "apigateway-no-debug-logging-in-production",
                        "cannot verify settings.dataTraceEnabled during preview: the value is not known until the " +
                            "update, which checks it again",
                    ),
                    "",
                ],
            ]);
        });

        it("AnalyzeStack: a stack-policy violation for a stage without throttling", async () => {
            const stage = resource("payments-prod", t.REST_STAGE, "orders-stage", fixture(t.REST_STAGE));
            const api = resource("payments-prod", t.REST_API, "orders-api", { name: "orders" });
            const ms = {
                ...resource("payments-prod", t.METHOD_SETTINGS, "orders-ms", {
                    ...fixture(t.METHOD_SETTINGS),
                    methodPath: "orders/GET",
                    restApi: UNKNOWN_SENTINEL,
                    stageName: UNKNOWN_SENTINEL,
                }),
                propertyDependencies: { restApi: [api.urn], stageName: [stage.urn] },
                dependencies: [api.urn, stage.urn],
            };
            const alarm = resource("payments-prod", t.METRIC_ALARM, "orders-5xx", fixture(t.METRIC_ALARM));
            const result = await host.analyzeStack([api, stage, ms, alarm]);
            assert.deepStrictEqual(pick(result.diagnostics, "apigateway-stage-throttling-required"), [
                [
                    "mandatory",
                    `${description("apigateway-stage-throttling-required")}\n` +
                        'Stage "orders-stage" has no stage-wide throttling: it has no MethodSettings at methodPath ' +
                        '"*/*". Add a MethodSettings at methodPath "*/*" with positive settings.throttlingRateLimit ' +
                        "and settings.throttlingBurstLimit (ObservableRestApi: throttling.rateLimit and " +
                        "throttling.burstLimit).",
                    stage.urn,
                ],
            ]);
            assert.deepStrictEqual(pick(result.diagnostics, "apigateway-alarms-required"), []);
        });

        it("Configure: an explicit level overrides the policy's own", async () => {
            await host.configure(
                engineConfig({ "apigateway-no-debug-logging-in-production": { enforcementLevel: "advisory" } }),
            );
            const props = withProp(fixture(t.METHOD_SETTINGS), "settings.dataTraceEnabled", true);
            const advisory = await host.analyze(resource("payments-prod", t.METHOD_SETTINGS, "ms", props));
            assert.deepStrictEqual(
                advisory.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [["apigateway-no-debug-logging-in-production", "advisory"]],
            );
            await host.configure(
                engineConfig({ "apigateway-no-debug-logging-in-production": { enforcementLevel: "disabled" } }),
            );
            const disabled = await host.analyze(resource("payments-prod", t.METHOD_SETTINGS, "ms", props));
            assert.deepStrictEqual(disabled.diagnostics, []);
            await host.configure(engineConfig());
        });
    });

    describe("a dev stack", () => {
        before(async () => {
            await host.configure(engineConfig());
            await host.configureStack({
                stack: "products-dev",
                project: "observable-api",
                organization: "acme",
                dryRun: true,
            });
        });

        it("Analyze: no violation for the same DEBUG MethodSettings", async () => {
            const props = withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", "DEBUG");
            const result = await host.analyze(resource("products-dev", t.METHOD_SETTINGS, "orders-ms", props));
            assert.deepStrictEqual(result.diagnostics, []);
        });

        it("ConfigureStack: the environment=production tag makes it production", async () => {
            await host.configureStack({
                stack: "products-dev",
                project: "observable-api",
                organization: "acme",
                dryRun: true,
                tags: { environment: "production" },
            });
            const props = withProp(fixture(t.METHOD_SETTINGS), "settings.dataTraceEnabled", true);
            const result = await host.analyze(resource("products-dev", t.METHOD_SETTINGS, "orders-ms", props));
            assert.deepStrictEqual(
                result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [["apigateway-no-debug-logging-in-production", "mandatory"]],
            );
        });
    });
});
