import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    analyzerProperties,
    checkPackDir,
    defaultProvider,
    readPolicyPackConfig,
    reconcilePolicyConfig,
    toAnalyzerResources,
} from "../../tools/lib/analyze";
import type { RecordedResource } from "../../tools/lib/mockRuntime";
import type { AnalyzerInfo } from "../../tools/lib/policyPackHost";
import { UNKNOWN_SENTINEL } from "../../tools/lib/policyPackHost";
import { PlanInputError } from "../../tools/lib/projectConfig";

const AWS_VERSION: string = JSON.parse(fs.readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")).version;

/** A pack's GetAnalyzerInfo answer: one resource policy with a config schema, one stack policy without. */
function packInfo(overrides: Partial<AnalyzerInfo> = {}): AnalyzerInfo {
    return {
        name: "guardrails",
        version: "1.0.0",
        supportsConfig: true,
        description: "",
        initialConfig: {},
        policies: [
            {
                name: "no-debug",
                description: "",
                enforcementLevel: "mandatory",
                type: "resource",
                severity: "critical",
                remediationSteps: "",
                configSchema: {
                    properties: {
                        maxLevel: { type: "string", enum: ["ERROR", "INFO"], default: "INFO" },
                        productionStacks: { type: "array", items: { type: "string" }, default: ["prod"] },
                        note: { type: "string" },
                    },
                    required: [],
                },
            },
            {
                name: "alarms",
                description: "",
                enforcementLevel: "advisory",
                type: "stack",
                severity: "medium",
                remediationSteps: "",
                configSchema: { properties: {}, required: [] },
            },
        ],
        ...overrides,
    };
}

function expectInputError(fn: () => unknown, message: string): void {
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof PlanInputError, `expected a PlanInputError, got ${String(err)}`);
        assert.strictEqual(err.message, message);
        return true;
    });
}

describe("tools/lib/analyze", () => {
    describe("reconcilePolicyConfig", () => {
        it("starts from each policy's level and its schema defaults", () => {
            assert.deepStrictEqual(reconcilePolicyConfig(packInfo()), {
                "no-debug": {
                    enforcementLevel: "mandatory",
                    properties: { maxLevel: "INFO", productionStacks: ["prod"] },
                },
                alarms: { enforcementLevel: "advisory", properties: {} },
            });
        });

        it("applies the pack's initial config over the defaults", () => {
            const info = packInfo({
                initialConfig: { "no-debug": { enforcementLevel: "advisory", properties: { maxLevel: "ERROR" } } },
            });
            assert.deepStrictEqual(reconcilePolicyConfig(info)["no-debug"], {
                enforcementLevel: "advisory",
                properties: { maxLevel: "ERROR", productionStacks: ["prod"] },
            });
        });

        it('applies "all" first, then each policy\'s own level and properties', () => {
            const result = reconcilePolicyConfig(packInfo(), {
                all: "disabled",
                alarms: "mandatory",
                "no-debug": { productionStacks: ["prod-*", "live"], maxLevel: "ERROR" },
            });
            assert.deepStrictEqual(result, {
                "no-debug": {
                    enforcementLevel: "disabled",
                    properties: { maxLevel: "ERROR", productionStacks: ["prod-*", "live"] },
                },
                alarms: { enforcementLevel: "mandatory", properties: {} },
            });
        });

        it("accepts an enforcementLevel inside a policy's object", () => {
            const result = reconcilePolicyConfig(packInfo(), { "no-debug": { enforcementLevel: "remediate" } });
            assert.strictEqual(result["no-debug"].enforcementLevel, "remediate");
        });

        it("rejects a policy the pack does not have, naming the ones it has", () => {
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { "no-dbug": "mandatory" }),
                "policy pack guardrails has no policy no-dbug; its policies are no-debug, alarms",
            );
        });

        it("rejects an enforcement level that does not exist", () => {
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { all: "strict" }),
                'policy pack guardrails: all enforcement level "strict" is not one of advisory, mandatory, remediate, disabled',
            );
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { alarms: { enforcementLevel: 3 } }),
                "policy pack guardrails: alarms enforcement level 3 is not one of advisory, mandatory, remediate, disabled",
            );
        });

        it("rejects a property the schema does not declare", () => {
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { "no-debug": { maxlevel: "ERROR" } }),
                "policy pack guardrails: policy no-debug has no config property maxlevel; allowed: maxLevel, productionStacks, note",
            );
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { alarms: { threshold: 1 } }),
                "policy pack guardrails: policy alarms has no config property threshold; allowed: enforcementLevel only",
            );
        });

        it("rejects values that fail the schema's type, enum or item type", () => {
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { "no-debug": { maxLevel: "DEBUG" } }),
                'policy pack guardrails: no-debug.maxLevel must be equal to one of the allowed values ("ERROR", "INFO"), got "DEBUG"',
            );
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { "no-debug": { note: 5 } }),
                "policy pack guardrails: no-debug.note must be string, got 5",
            );
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { "no-debug": { productionStacks: ["prod", 7] } }),
                "policy pack guardrails: no-debug.productionStacks item 1 must be string, got 7",
            );
            expectInputError(
                () => reconcilePolicyConfig(packInfo(), { "no-debug": 1 }),
                "policy pack guardrails: config for no-debug must be a level or an object, got integer",
            );
        });

        it("rejects a missing required property", () => {
            const info = packInfo();
            info.policies[1].configSchema = { properties: { owner: { type: "string" } }, required: ["owner"] };
            expectInputError(
                () => reconcilePolicyConfig(info),
                "policy pack guardrails: alarms requires config property owner",
            );
            assert.deepStrictEqual(reconcilePolicyConfig(info, { alarms: { owner: "platform" } }).alarms, {
                enforcementLevel: "advisory",
                properties: { owner: "platform" },
            });
        });
    });

    describe("readPolicyPackConfig", () => {
        it("reads inline JSON and JSON files", () => {
            assert.deepStrictEqual(readPolicyPackConfig('{"all": "advisory"}'), { all: "advisory" });
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-pack-config-")), "config.json");
            fs.writeFileSync(file, '{"no-debug": {"maxLevel": "ERROR"}}');
            assert.deepStrictEqual(readPolicyPackConfig(file), { "no-debug": { maxLevel: "ERROR" } });
        });

        it("rejects what is neither JSON nor a file, broken JSON and non-objects", () => {
            expectInputError(
                () => readPolicyPackConfig("no-such-config.json"),
                "--policy-pack-config no-such-config.json is neither inline JSON nor an existing file",
            );
            assert.throws(
                () => readPolicyPackConfig('{"all": }'),
                (err: unknown) =>
                    err instanceof PlanInputError &&
                    err.message.startsWith("--policy-pack-config is not valid JSON: Unexpected token"),
            );
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-pack-config-")), "list.json");
            fs.writeFileSync(file, '["mandatory"]');
            expectInputError(
                () => readPolicyPackConfig(file),
                `--policy-pack-config ${file} must be a JSON object of policy names to levels or config`,
            );
        });
    });

    describe("analyzerProperties", () => {
        const SIG = "4dabf18193072939515e22adb298388d";
        it("turns a custom resource reference into its id, unknown while the resource is new", () => {
            assert.deepStrictEqual(
                analyzerProperties({
                    restApi: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:a", id: "" },
                    stage: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:b", id: "abc123" },
                    parent: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:component" },
                    list: [1, { nested: UNKNOWN_SENTINEL }],
                    secret: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" },
                }),
                {
                    restApi: UNKNOWN_SENTINEL,
                    stage: "abc123",
                    parent: "urn:component",
                    list: [1, { nested: UNKNOWN_SENTINEL }],
                    secret: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" },
                },
            );
        });
    });

    describe("toAnalyzerResources", () => {
        const base = {
            custom: true,
            inputs: {},
            dependencies: [],
            propertyDependencies: {},
            protect: false,
            retainOnDelete: false,
            state: {},
        };
        const stackUrn = "urn:pulumi:prod::demo::pulumi:pulumi:Stack::demo-prod";
        const resources: RecordedResource[] = [
            { ...base, custom: false, type: "pulumi:pulumi:Stack", name: "demo-prod", urn: stackUrn, wireInputs: {} },
            {
                ...base,
                type: "pulumi:providers:aws",
                name: "eu",
                urn: "urn:pulumi:prod::demo::pulumi:providers:aws::eu",
                parent: stackUrn,
                wireInputs: { region: "eu-central-1" },
            },
            {
                ...base,
                type: "aws:apigateway/restApi:RestApi",
                name: "api",
                urn: "urn:pulumi:prod::demo::aws:apigateway/restApi:RestApi::api",
                parent: stackUrn,
                wireInputs: { name: "api" },
            },
            {
                ...base,
                type: "aws:apigateway/stage:Stage",
                name: "stage",
                urn: "urn:pulumi:prod::demo::aws:apigateway/stage:Stage::stage",
                parent: stackUrn,
                provider: `urn:pulumi:prod::demo::pulumi:providers:aws::eu::${UNKNOWN_SENTINEL}`,
                wireInputs: { restApi: UNKNOWN_SENTINEL, stageName: "v1" },
                options: { ignoreChanges: ["tags"], additionalSecretOutputs: [], deleteBeforeReplace: true },
                dependencies: ["urn:pulumi:prod::demo::aws:apigateway/restApi:RestApi::api"],
                propertyDependencies: { restApi: ["urn:pulumi:prod::demo::aws:apigateway/restApi:RestApi::api"] },
            },
        ];
        const ctx = {
            project: "demo",
            stack: "prod",
            organization: "acme",
            tags: {},
            config: { "aws:region": "eu-west-1", "demo:stageName": "v1" },
            secretKeys: [],
        };

        it("gives a custom resource without a provider the engine's default provider for its package", () => {
            const versionName = `default_${AWS_VERSION.replace(/\./g, "_")}`;
            assert.deepStrictEqual(defaultProvider("aws", "demo", "prod", ctx.config), {
                type: "pulumi:providers:aws",
                name: versionName,
                urn: `urn:pulumi:prod::demo::pulumi:providers:aws::${versionName}`,
                properties: { region: "eu-west-1", version: AWS_VERSION },
            });
            const analyzed = toAnalyzerResources(resources, ctx);
            // The engine registers the default provider before its first user and analyzes it too.
            assert.deepStrictEqual(
                analyzed.map((r) => `${r.type}::${r.name}`),
                [
                    "pulumi:pulumi:Stack::demo-prod",
                    "pulumi:providers:aws::eu",
                    `pulumi:providers:aws::${versionName}`,
                    "aws:apigateway/restApi:RestApi::api",
                    "aws:apigateway/stage:Stage::stage",
                ],
            );
            assert.deepStrictEqual(analyzed[2], {
                type: "pulumi:providers:aws",
                name: versionName,
                urn: `urn:pulumi:prod::demo::pulumi:providers:aws::${versionName}`,
                properties: { region: "eu-west-1", version: AWS_VERSION },
                protect: false,
                dependencies: [],
                propertyDependencies: {},
            });
            assert.strictEqual(analyzed[0].provider, undefined);
            assert.strictEqual(analyzed[1].provider, undefined);
            assert.deepStrictEqual(analyzed[3].provider, defaultProvider("aws", "demo", "prod", ctx.config));
        });

        it("resolves an explicit provider reference and keeps parents and dependencies", () => {
            const stage = toAnalyzerResources(resources, ctx)[4];
            assert.deepStrictEqual(stage, {
                type: "aws:apigateway/stage:Stage",
                name: "stage",
                urn: "urn:pulumi:prod::demo::aws:apigateway/stage:Stage::stage",
                properties: { restApi: UNKNOWN_SENTINEL, stageName: "v1" },
                parent: stackUrn,
                protect: false,
                options: { ignoreChanges: ["tags"], additionalSecretOutputs: [], deleteBeforeReplace: true },
                dependencies: ["urn:pulumi:prod::demo::aws:apigateway/restApi:RestApi::api"],
                propertyDependencies: { restApi: ["urn:pulumi:prod::demo::aws:apigateway/restApi:RestApi::api"] },
                provider: {
                    type: "pulumi:providers:aws",
                    name: "eu",
                    urn: "urn:pulumi:prod::demo::pulumi:providers:aws::eu",
                    properties: { region: "eu-central-1" },
                },
            });
        });
    });

    describe("checkPackDir", () => {
        it("accepts a pack directory and rejects anything else with one line", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pack-"));
            expectInputError(
                () => checkPackDir(path.join(dir, "missing")),
                `--policy-pack ${path.join(dir, "missing")} is not a directory`,
            );
            expectInputError(
                () => checkPackDir(dir),
                `--policy-pack ${dir} is not a policy pack: it has no PulumiPolicy.yaml`,
            );
            fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
            expectInputError(
                () => checkPackDir(dir),
                `--policy-pack ${dir} is not a policy pack: it has no package.json`,
            );
            fs.writeFileSync(path.join(dir, "package.json"), "{}");
            assert.strictEqual(checkPackDir(dir), dir);
        });
    });
});
