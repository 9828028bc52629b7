/**
 * Remediations, as the engine runs them in a preview: every pack's Remediate on a resource before any pack's
 * Analyze, and the remediated properties are what every pack then analyzes. Uses a test pack whose one policy
 * turns X-Ray on for classic REST stages.
 */
import * as assert from "assert";
import { PackPool, planInProcess } from "./support/plan";
import * as path from "path";
import { evaluatePacks } from "../../tools/lib/analyze";
import { AnalyzeResource, PolicyPackHost, UNKNOWN_SENTINEL } from "../../tools/lib/policyPackHost";

const ROOT = path.resolve(__dirname, "..", "..");
const REMEDIATE_PACK = "tests/fixtures/packs/remediate-pack";
const PROGRAM = "tests/fixtures/programs/rest-stage-no-method-settings";
const STAGE_URN = "urn:pulumi:dev::demo::aws:apigateway/stage:Stage::orders-stage";

const stage: AnalyzeResource = {
    type: "aws:apigateway/stage:Stage",
    name: "orders-stage",
    urn: STAGE_URN,
    properties: { restApi: UNKNOWN_SENTINEL, stageName: "v1" },
};
const ctx = { project: "demo", stack: "dev", organization: "acme", tags: {}, config: {}, secretKeys: [] };

describe("remediations", function () {
    this.timeout(120_000);

    describe("in process", () => {
        let host: PolicyPackHost;
        before(async () => {
            host = await PolicyPackHost.serve(path.join(ROOT, REMEDIATE_PACK));
        });
        after(async () => host.close());

        it("Remediate returns the new properties, unknowns still as the sentinel", async () => {
            await host.configure({ "stage-xray-on": { enforcementLevel: "remediate", properties: {} } });
            assert.deepStrictEqual(await host.remediate(stage), [
                {
                    policyName: "stage-xray-on",
                    policyPackName: "remediate-pack",
                    policyPackVersion: "0.1.0",
                    description: "REST stages trace with X-Ray.",
                    properties: { restApi: UNKNOWN_SENTINEL, stageName: "v1", xrayTracingEnabled: true },
                    diagnostic: "",
                },
            ]);
        });

        it("reports the remediation and analyzes the remediated properties, so the policy passes", async () => {
            const [{ result }] = await evaluatePacks([{ host, source: "local: remediate-pack" }], [stage], ctx);
            assert.deepStrictEqual(
                result.diagnostics.map((d) => [d.phase, d.enforcementLevel, d.policyName, d.resourceName, d.message]),
                [
                    [
                        "remediate",
                        "remediate",
                        "stage-xray-on",
                        "orders-stage",
                        "REST stages trace with X-Ray.\nremediated: changed xrayTracingEnabled",
                    ],
                ],
            );
            assert.deepStrictEqual(result.policies, [{ name: "stage-xray-on", enforcementLevel: "remediate" }]);
        });

        it("does not remediate when the policy is configured mandatory, and the violation stands", async () => {
            const [{ result }] = await evaluatePacks(
                [{ host, source: "local: remediate-pack", userConfig: { "stage-xray-on": "mandatory" } }],
                [stage],
                ctx,
            );
            assert.deepStrictEqual(
                result.diagnostics.map((d) => [d.phase, d.enforcementLevel, d.policyName, d.urn]),
                [["analyze", "mandatory", "stage-xray-on", STAGE_URN]],
            );
            assert.strictEqual(
                result.diagnostics[0].message,
                "REST stages trace with X-Ray.\nxrayTracingEnabled must be true.",
            );
        });
    });

    describe("end to end", () => {
        const pool = new PackPool();
        after(() => pool.close());

        async function plan(...args: string[]) {
            const res = await planInProcess(pool, [...args, "--json"]);
            assert.strictEqual(res.stderr, "");
            const result = JSON.parse(res.stdout) as {
                diagnostics: {
                    policyPack: string;
                    policyName: string;
                    enforcementLevel: string;
                    resourceName: string;
                }[];
                summary: Record<string, unknown>;
            };
            return {
                code: res.code,
                summary: result.summary,
                verdicts: result.diagnostics
                    .map((d) => [d.policyPack, d.enforcementLevel, d.policyName, d.resourceName])
                    .sort((a, b) => a.join(" ").localeCompare(b.join(" "))),
            };
        }

        it("a remediation by the first pack is what the second pack analyzes", async () => {
            const { code, verdicts, summary } = await plan(
                "--stack",
                "dev",
                "--cwd",
                PROGRAM,
                "--policy-pack",
                REMEDIATE_PACK,
                "--policy-pack",
                "policies",
            );
            // X-Ray is on after the remediation, so the guardrails' X-Ray advisory is gone; throttling is not.
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(verdicts, [
                ["api-gateway-guardrails", "mandatory", "apigateway-stage-throttling-required", "orders-stage"],
                ["remediate-pack", "remediate", "stage-xray-on", "orders-stage"],
            ]);
            assert.deepStrictEqual(summary, {
                create: 4,
                byType: {
                    "aws:apigateway/deployment:Deployment": 1,
                    "aws:apigateway/restApi:RestApi": 1,
                    "aws:apigateway/stage:Stage": 1,
                    "pulumi:pulumi:Stack": 1,
                },
                mandatory: 1,
                advisory: 0,
                remediated: 1,
            });
        });

        it("without the remediation both packs see the stage as written", async () => {
            const { code, verdicts } = await plan(
                "--stack",
                "dev",
                "--cwd",
                PROGRAM,
                "--policy-pack",
                REMEDIATE_PACK,
                "--policy-pack",
                "policies",
                "--policy-pack-config",
                '{"stage-xray-on": "advisory"}',
            );
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(verdicts, [
                ["api-gateway-guardrails", "advisory", "apigateway-xray-tracing-required", "orders-stage"],
                ["api-gateway-guardrails", "mandatory", "apigateway-stage-throttling-required", "orders-stage"],
                ["remediate-pack", "advisory", "stage-xray-on", "orders-stage"],
            ]);
        });
    });
});
