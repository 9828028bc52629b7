/**
 * The offline plan's command-line surface, in real processes: exit codes, stdout and stderr.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import { FIXTURES, JsonPlan, ROOT } from "./support/planSpec";

describe("tools/plan: the command line", function () {
    this.timeout(120_000);

    describe("the command line (real spawns)", () => {
        function spawn(...args: string[]) {
            const res = spawnSync(
                process.execPath,
                ["-r", "ts-node/register/transpile-only", "tools/plan.ts", ...args],
                {
                    cwd: ROOT,
                    encoding: "utf8",
                    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
                    timeout: 120_000,
                },
            );
            return { code: res.status, stdout: res.stdout, stderr: res.stderr };
        }

        it("exits 1 on a mandatory violation, with the report on stdout and nothing on stderr", () => {
            const run = spawn("--stack", "prod", "--config-file", `${FIXTURES}/stacks/prod-debug.yaml`, "--json");
            assert.strictEqual(run.stderr, "");
            assert.strictEqual(run.code, 1);
            const result = JSON.parse(run.stdout) as JsonPlan;
            assert.strictEqual(result.exitCode, 1);
            assert.strictEqual(result.summary.mandatory, 2);
        });

        it("prints the text report on stdout, in the CLI's sections, and exits 1 on a mandatory violation", () => {
            const run = spawn("--stack", "prod", "--config-file", `${FIXTURES}/stacks/prod-debug.yaml`);
            assert.strictEqual(run.stderr, "");
            assert.strictEqual(run.code, 1);
            const lines = run.stdout.trimEnd().split("\n");
            assert.strictEqual(lines[0], "Previewing update (prod), offline: mock runtime, no cloud");
            assert.deepStrictEqual(
                lines.filter((l) => /^[A-Z][A-Za-z ]+:$/.test(l)),
                ["Diagnostics:", "Outputs:", "Policies:", "Resources:", "Resources by type:"],
            );
            const policies = lines.indexOf("Policies:");
            assert.strictEqual(lines[policies + 1], "    ❌ api-gateway-guardrails@v0.1.0 (local: policies)");
            assert.deepStrictEqual(
                lines.filter((l) => l.startsWith("        - [")),
                [
                    "        - [mandatory]  apigateway-no-debug-logging-in-production  (observable-api:index:ObservableRestApi: api)",
                    "        - [mandatory]  apigateway-no-debug-logging-in-production  (observable-api:index:ObservableRestApi: api)",
                ],
            );
            assert.match(lines[lines.length - 1], /^Duration: \d/);
        });

        it("exits 2 on bad input, with one line on stderr and nothing on stdout", () => {
            const run = spawn("--stack", "prod", "--bogus");
            assert.deepStrictEqual(run, {
                code: 2,
                stdout: "",
                stderr: "error: Unknown option '--bogus'; see --help\n",
            });
        });
    });
});
