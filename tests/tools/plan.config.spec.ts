/**
 * The offline plan's handling of stack config, secrets and bad input, run in this process through `runPlan`.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PackPool } from "./support/plan";
import { DEBUG_POLICY, FIXTURES, planners, PROGRAMS, ROOT, withRegionEnv } from "./support/planSpec";

const pool = new PackPool();
const { plan, planJson } = planners(pool);

describe("tools/plan: config, secrets and bad input", function () {
    this.timeout(120_000);
    after(() => pool.close());

    describe("config the CLI accepts", () => {
        it("a stack with no stack file previews with Pulumi.yaml's defaults", async () => {
            const { code, result } = await planJson("--stack", "qa");
            assert.strictEqual(code, 0);
            assert.strictEqual(result.configFile, null);
            const api = result.resources.find((r) => r.type === "observable-api:index:ObservableRestApi")!;
            assert.strictEqual(api.inputs.stageName, "v1");
            assert.strictEqual(api.inputs.environment, "Production");
            const text = await plan("--stack", "qa");
            assert.match(
                text.stdout,
                /^The stack has no stack file; it previews with the defaults of Pulumi\.yaml\.$/m,
            );
        });

        const UNKNOWN_KEY = `${FIXTURES}/stacks/unknown-key.yaml`;
        const STAGE_NME_WARNING =
            `config observable-api:stageNme in ${UNKNOWN_KEY} is neither declared in Pulumi.yaml nor read by the ` +
            "program (a typo?); Pulumi.yaml declares environment, stageName, metricsEnabled, " +
            "accountCloudWatchRole, cloudWatchRoleArn, alarmTopicArn, alarmEmails, backendLogRetentionInDays " +
            "and the program also reads accessLogging, caching, executionLogging, methodOverrides, " +
            "monitoring, tags, throttling, tracing";

        it("a key Pulumi.yaml does not declare and the program never reads is a warning, not an error", async () => {
            const { code, result } = await withRegionEnv({ AWS_REGION: "eu-west-1" }, () =>
                planJson("--stack", "prod", "--config-file", UNKNOWN_KEY),
            );
            assert.strictEqual(code, 0);
            assert.deepStrictEqual(result.warnings, [STAGE_NME_WARNING]);
        });

        it("a stack without aws:region takes AWS_REGION, then AWS_DEFAULT_REGION, as the aws provider does", async () => {
            const dashboardFor = async (env: Record<string, string>) => {
                const { result } = await withRegionEnv(env, () =>
                    planJson("--stack", "prod", "--config-file", UNKNOWN_KEY),
                );
                return result.resources.find((r) => r.name === "api-dashboard")!.inputs.dashboardName;
            };
            assert.strictEqual(
                await dashboardFor({ AWS_REGION: "eu-central-1" }),
                "observable-api-prod-api-eu-central-1",
            );
            assert.strictEqual(
                await dashboardFor({ AWS_REGION: "ap-south-1", AWS_DEFAULT_REGION: "eu-central-1" }),
                "observable-api-prod-api-ap-south-1",
            );
            assert.strictEqual(
                await dashboardFor({ AWS_DEFAULT_REGION: "sa-east-1" }),
                "observable-api-prod-api-sa-east-1",
            );
        });

        it("a stack with no region anywhere plans in us-east-1 and warns that the provider would fail", async () => {
            const { code, result } = await withRegionEnv({}, () =>
                planJson("--stack", "prod", "--config-file", UNKNOWN_KEY),
            );
            assert.strictEqual(code, 0);
            assert.deepStrictEqual(result.warnings, [
                STAGE_NME_WARNING,
                "aws:region is not set for stack prod, and neither AWS_REGION nor AWS_DEFAULT_REGION is: the plan " +
                    "assumed us-east-1, but the aws provider needs a region (from the stack's config, those variables " +
                    "or your AWS profile) and fails without one",
            ]);
        });

        it("tracks the config reads of a program with its own copy of @pulumi/pulumi", async () => {
            const dir = path.join(ROOT, PROGRAMS, "own-sdk");
            const copy = path.join(dir, "node_modules", "@pulumi", "pulumi");
            fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
            fs.cpSync(path.join(ROOT, "node_modules", "@pulumi", "pulumi"), copy, { recursive: true });
            try {
                const { code, result } = await planJson("--stack", "dev", "--cwd", `${PROGRAMS}/own-sdk`);
                assert.strictEqual(code, 0);
                assert.deepStrictEqual(
                    result.resources.map((r) => `${r.type} ${r.name}`),
                    ["pulumi:pulumi:Stack own-sdk-dev", "own-sdk:index:Greeter greeter"],
                );
                assert.deepStrictEqual(result.outputs, { said: "hello" });
                assert.strictEqual(result.warnings.length, 1);
                assert.match(result.warnings[0], /^config own-sdk:unused in .* is neither declared/);
            } finally {
                fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
            }
        });
    });

    describe("secrets", () => {
        it("replaces a secure: value by a marked placeholder and says so", async () => {
            const file = `${FIXTURES}/stacks/dev-secure.yaml`;
            const run = await plan("--stack", "dev", "--config-file", file);
            assert.strictEqual(run.code, 0);
            assert.match(
                run.stdout,
                /^Secrets: observable-api:tags cannot be decrypted offline; the program saw a placeholder instead\.$/m,
            );
            const { result } = await planJson("--stack", "dev", "--config-file", file);
            assert.deepStrictEqual(result.secretPlaceholders, ["observable-api:tags"]);
            const logGroup = result.resources.find((r) => r.name === "api-access-logs")!;
            assert.strictEqual(
                logGroup.inputs.tags.owner,
                "[offline plan: secret observable-api:tags cannot be decrypted]",
            );
        });
    });

    describe("bad input exits 2 with a one-line reason", () => {
        const cases: [string, string[], string][] = [
            [
                "a missing --config-file",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/nope.yaml`],
                `error: stack file ${FIXTURES}/stacks/nope.yaml does not exist`,
            ],
            [
                "broken YAML",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/broken.yaml`],
                `error: stack file ${FIXTURES}/stacks/broken.yaml is not valid YAML at line 3, column 1: ` +
                    "Flow sequence in block collection must be sufficiently indented and end with a ]",
            ],
            [
                "an unknown --policy-pack directory",
                ["--stack", "prod", "--policy-pack", "no-such-pack"],
                "error: --policy-pack no-such-pack is not a directory",
            ],
            [
                "a --policy-pack directory that is no pack",
                ["--stack", "prod", "--policy-pack", "components"],
                "error: --policy-pack components is not a policy pack: it has no PulumiPolicy.yaml",
            ],
            [
                "an integer key given a word",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/bad-type.yaml`],
                `error: stack file ${FIXTURES}/stacks/bad-type.yaml: config observable-api:backendLogRetentionInDays ` +
                    'must be an integer, got string "two weeks"',
            ],
            [
                "an array key given a string",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/bad-array.yaml`],
                `error: stack file ${FIXTURES}/stacks/bad-array.yaml: config observable-api:alarmEmails ` +
                    'must be an array of string, got string "ops@example.com"',
            ],
            [
                "a boolean key given a phrase",
                ["--stack", "prod", "--config-file", `${FIXTURES}/stacks/bad-boolean.yaml`],
                `error: stack file ${FIXTURES}/stacks/bad-boolean.yaml: config observable-api:metricsEnabled ` +
                    'must be a boolean (true or false), got string "yes please"',
            ],
            ["no --stack", [], "error: --stack <name> is required, for example --stack dev"],
            ["an unknown flag", ["--stack", "prod", "--bogus"], "error: Unknown option '--bogus'; see --help"],
            [
                "an unknown policy in --policy-pack-config",
                ["--stack", "prod", "--policy-pack-config", '{"no-such-policy": "mandatory"}'],
                "error: policy pack api-gateway-guardrails has no policy no-such-policy; its policies are " +
                    "apigateway-production-definition, apigateway-no-debug-logging-in-production, " +
                    "apigateway-throttling-required, apigateway-stage-throttling-required, " +
                    "apigateway-access-logging-required, apigateway-execution-logging-required, " +
                    "apigateway-xray-tracing-required, apigateway-cache-encryption-required, " +
                    "apigateway-log-retention-required, apigateway-no-implicit-stage, apigateway-alarms-required, " +
                    "apigateway-throttling-within-account-limits",
            ],
            [
                "a bad level in --policy-pack-config",
                ["--stack", "prod", "--policy-pack-config", '{"all": "loud"}'],
                'error: policy pack api-gateway-guardrails: all enforcement level "loud" is not one of advisory, ' +
                    "mandatory, remediate, disabled",
            ],
            [
                "a config property that fails the policy's schema",
                ["--stack", "prod", "--policy-pack-config", `{"${DEBUG_POLICY}": {"maxLevel": "DEBUG"}}`],
                `error: policy pack api-gateway-guardrails: ${DEBUG_POLICY}.maxLevel must be equal to one of the ` +
                    'allowed values ("ERROR", "INFO"), got "DEBUG"',
            ],
            [
                "a provider function only the cloud can answer, named",
                ["--stack", "dev", "--cwd", `${PROGRAMS}/unanswered-invoke`],
                `error: program ${PROGRAMS}/unanswered-invoke/index.ts failed: no offline answer for the provider ` +
                    "function aws:ec2/getVpc:getVpc: it needs the cloud, which neither the offline plan nor the stand-in " +
                    "provider reaches; answer it in tools/lib/fakeAws.ts or run pulumi preview against AWS",
            ],
            [
                "a bad arg passed as an Output: the component's own one-line message",
                ["--stack", "dev", "--cwd", `${PROGRAMS}/output-bad-arg`],
                `error: program ${PROGRAMS}/output-bad-arg/index.ts failed: ObservableRestApi "orders": ` +
                    "throttling.burstLimit must be a positive integer, got 0",
            ],
            [
                "a program that throws: the program's own message",
                ["--stack", "dev", "--cwd", `${PROGRAMS}/throws`],
                `error: program ${PROGRAMS}/throws/index.ts failed: orders: stageName must not be empty`,
            ],
        ];
        for (const [what, args, expected] of cases) {
            it(what, async () => {
                const run = await plan(...args);
                assert.strictEqual(run.stdout, "");
                assert.strictEqual(run.stderr, `${expected}\n`);
                assert.strictEqual(run.code, 2);
            });
        }
    });
});
