/**
 * Bad input through the real CLI, next to what the offline plan says about the same input. The CLI's own error
 * is asserted exactly; the offline plan must refuse too (or, where the table says so, the two differ on purpose)
 * and name the same key. Where they differ, the README's "Checked against the real engine" says how.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { engineAsync, errorLines, freshState, planAsync, PROGRAMS, STACKS, tempFile } from "./harness";

interface Case {
    title: string;
    /** Arguments for both tools; `--policy-pack-config` values are JSON, written to a file for the CLI. */
    stack: string;
    cwd?: string;
    configFile?: string;
    /** A stack file written for the case, instead of a fixture. */
    configYaml?: () => string;
    packs?: string[];
    packConfigs?: Record<string, unknown>[];
    engine: { code: number; error?: string; errorIncludes?: string };
    /** `names`: part of the plan's error; `warns`: part of one of its warnings. */
    plan: { code: number; names?: string; warns?: string };
}

const CASES: Case[] = [
    {
        title: "an integer key given a word",
        stack: "prod",
        configFile: `${STACKS}/bad-type.yaml`,
        engine: {
            code: 1,
            error: "error: validating stack config: Stack 'prod' with configuration key 'backendLogRetentionInDays' must be of type 'integer'",
        },
        plan: { code: 2, names: "observable-api:backendLogRetentionInDays must be an integer" },
    },
    {
        title: "an array key given a string",
        stack: "prod",
        configFile: `${STACKS}/bad-array.yaml`,
        engine: {
            code: 1,
            error: "error: validating stack config: Stack 'prod' with configuration key 'alarmEmails' must be of type 'array<string>'",
        },
        plan: { code: 2, names: "observable-api:alarmEmails must be an array of string" },
    },
    {
        title: "a boolean key given a phrase",
        stack: "prod",
        configFile: `${STACKS}/bad-boolean.yaml`,
        engine: {
            code: 1,
            error: "error: validating stack config: Stack 'prod' with configuration key 'metricsEnabled' must be of type 'boolean'",
        },
        plan: { code: 2, names: "observable-api:metricsEnabled must be a boolean" },
    },
    {
        title: "broken YAML",
        stack: "prod",
        configFile: `${STACKS}/broken.yaml`,
        engine: {
            code: 1,
            error: "error: getting stack configuration: invalid YAML file: yaml: line 1: did not find expected ',' or ']'",
        },
        plan: { code: 2, names: "is not valid YAML" },
    },
    {
        // The CLI does not look at undeclared keys; the program runs and fails for want of a region.
        title: "an unknown key (the fixture, which sets no region)",
        stack: "prod",
        configFile: `${STACKS}/unknown-key.yaml`,
        engine: { code: 1, errorIncludes: "stand-in aws provider: no region" },
        plan: { code: 0, warns: "aws:region is not set for stack prod, and neither AWS_REGION nor AWS_DEFAULT_REGION" },
    },
    {
        title: "an unknown key, with a region",
        stack: "prod",
        configYaml: () => fs.readFileSync(path.join(STACKS, "unknown-key.yaml"), "utf8") + "  aws:region: eu-west-1\n",
        engine: { code: 0 },
        plan: { code: 0, warns: "config observable-api:stageNme in " },
    },
    {
        title: "a secure value no key of this stack decrypts (dev-secure.yaml as it is)",
        stack: "dev",
        configFile: `${STACKS}/dev-secure.yaml`,
        engine: { code: 1, error: "error: validating stack config: bad value" },
        plan: { code: 0 },
    },
    {
        title: "a program that throws",
        stack: "dev",
        cwd: `${PROGRAMS}/throws`,
        engine: { code: 1, error: "error: orders: stageName must not be empty" },
        plan: { code: 2, names: "orders: stageName must not be empty" },
    },
    {
        title: "an unknown policy in the policy config",
        stack: "prod",
        packConfigs: [{ "no-such-policy": "mandatory" }],
        engine: { code: 0 },
        plan: { code: 2, names: "has no policy no-such-policy" },
    },
    {
        title: "a bad enforcement level in the policy config",
        stack: "prod",
        packConfigs: [{ all: "loud" }],
        engine: {
            code: 1,
            error: 'error: parsing enforcement level for "all": "loud" is not a valid enforcement level',
        },
        plan: { code: 2, names: 'all enforcement level "loud"' },
    },
    {
        title: "a policy config property that fails the policy's schema",
        stack: "prod",
        packConfigs: [{ "apigateway-no-debug-logging-in-production": { maxLevel: "DEBUG" } }],
        engine: {
            code: 1,
            error:
                "error: validating policy config: api-gateway-guardrails 0.1.0  apigateway-no-debug-logging-in-production: " +
                'maxLevel: maxLevel must be one of the following: "ERROR", "INFO"',
        },
        plan: { code: 2, names: "apigateway-no-debug-logging-in-production.maxLevel" },
    },
    {
        title: "fewer policy configs than policy packs",
        stack: "dev",
        cwd: `${PROGRAMS}/rest-stage-no-method-settings`,
        packs: ["tests/fixtures/packs/remediate-pack", "policies"],
        packConfigs: [{ "stage-xray-on": "advisory" }],
        engine: {
            code: 1,
            error: 'error: the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags',
        },
        plan: { code: 1 },
    },
];

describe("bad input through the real CLI, next to the offline plan", function () {
    const state = freshState("bad-input");

    for (const c of CASES) {
        it(`${c.title}: CLI exit ${c.engine.code}, offline plan exit ${c.plan.code}`, async () => {
            const common: string[] = [];
            const engineArgs = ["preview", "--stack", c.stack, "--non-interactive"];
            const planArgs = ["--stack", c.stack];
            if (c.cwd !== undefined) {
                engineArgs.push("-C", c.cwd);
                planArgs.push("--cwd", c.cwd);
            }
            if (c.configFile !== undefined) {
                common.push("--config-file", c.configFile);
            }
            if (c.configYaml !== undefined) {
                common.push("--config-file", tempFile(state, `${c.stack}-${Date.now()}.yaml`, c.configYaml()));
            }
            for (const pack of c.packs ?? ["policies"]) {
                common.push("--policy-pack", pack);
            }
            (c.packConfigs ?? []).forEach((config, i) => {
                common.push(
                    "--policy-pack-config",
                    tempFile(state, `${c.stack}-${i}-${Date.now()}.json`, JSON.stringify(config)),
                );
            });
            const [real, offline] = await Promise.all([
                engineAsync(state, ...engineArgs, ...common),
                planAsync(...planArgs, ...common),
            ]);

            const realErrors = errorLines(real.stdout + "\n" + real.stderr);
            assert.strictEqual(real.code, c.engine.code, `CLI output:\n${real.stdout.slice(-2000)}\n${real.stderr}`);
            if (c.engine.error !== undefined) {
                assert.ok(realErrors.includes(c.engine.error), `CLI errors:\n${realErrors.join("\n")}`);
            }
            if (c.engine.errorIncludes !== undefined) {
                assert.ok(
                    realErrors.some((l) => l.includes(c.engine.errorIncludes!)),
                    realErrors.join("\n"),
                );
            }
            if (c.engine.code === 0) {
                assert.deepStrictEqual(realErrors, []);
            }
            assert.strictEqual(offline.code, c.plan.code, `offline plan: ${offline.stderr}`);
            if (c.plan.names !== undefined) {
                assert.ok(offline.stderr.includes(c.plan.names), `offline plan: ${offline.stderr}`);
            }
            if (c.plan.warns !== undefined) {
                const warnings = offline.json?.warnings ?? [];
                assert.ok(
                    warnings.some((w) => w.includes(c.plan.warns!)),
                    `offline plan warnings:\n${warnings.join("\n")}`,
                );
            }
        });
    }
});
