/**
 * The previews that the offline plan's specs (tests/tools/plan*.spec.ts, tests/tools/remediation.spec.ts) make, each
 * to be made again through the real engine: every fixture program and stack file they use, with the same stack,
 * tags, packs and policy config.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { ensureCli } from "../../tools/engine/cli";
import { engineEnv, readProject, stateDirs } from "../../tools/engine/workspace";
import {
    engine,
    eventLogVerdicts,
    FIXTURES,
    engineAsync,
    PlanJson,
    planAsync,
    planVerdicts,
    PROGRAMS,
    ROOT,
    Run,
    STACKS,
    tempFile,
    Verdict,
} from "./harness";

export interface PreviewRun {
    title: string;
    stack: string;
    /** The project directory, relative to the repository; the shipped program when absent. */
    cwd?: string;
    configFile?: string;
    /** Policy pack directories, in order. @default ["policies"] */
    packs?: string[];
    /** Policy config for the pack at the same position. */
    packConfigs?: Record<string, unknown>[];
    /** Stack tags the packs see. */
    tags?: Record<string, string>;
}

export const PREVIEW_RUNS: PreviewRun[] = [
    { title: "the shipped program, dev stack", stack: "dev" },
    { title: "the shipped program, prod stack", stack: "prod" },
    { title: "prod-debug.yaml under the prod stack", stack: "prod", configFile: `${STACKS}/prod-debug.yaml` },
    { title: "prod-debug.yaml under the dev stack", stack: "dev", configFile: `${STACKS}/prod-debug.yaml` },
    {
        title: "tagged-production.yaml (a Staging API) under a staging stack tagged environment=production",
        stack: "staging",
        configFile: `${STACKS}/tagged-production.yaml`,
        tags: { environment: "production" },
    },
    {
        title: "prod-debug.yaml under prod with every policy advisory",
        stack: "prod",
        configFile: `${STACKS}/prod-debug.yaml`,
        packConfigs: [{ all: "advisory" }],
    },
    { title: "rest-stage-no-method-settings (dev)", stack: "dev", cwd: `${PROGRAMS}/rest-stage-no-method-settings` },
    { title: "method-data-trace-prod (prod)", stack: "prod", cwd: `${PROGRAMS}/method-data-trace-prod` },
    { title: "http-api-no-route-settings (dev)", stack: "dev", cwd: `${PROGRAMS}/http-api-no-route-settings` },
    { title: "compliant-rest-api (prod)", stack: "prod", cwd: `${PROGRAMS}/compliant-rest-api` },
    {
        title: "policy-document (dev): getPolicyDocument answered as the provider does",
        stack: "dev",
        cwd: `${PROGRAMS}/policy-document`,
    },
    {
        title: "a remediating pack before the guardrails (rest-stage-no-method-settings)",
        stack: "dev",
        cwd: `${PROGRAMS}/rest-stage-no-method-settings`,
        packs: [`${FIXTURES}/packs/remediate-pack`, "policies"],
    },
    {
        title: "the remediating pack set to advisory before the guardrails",
        stack: "dev",
        cwd: `${PROGRAMS}/rest-stage-no-method-settings`,
        packs: [`${FIXTURES}/packs/remediate-pack`, "policies"],
        packConfigs: [{ "stage-xray-on": "advisory" }],
    },
];

export interface RunResult {
    engine: Run;
    plan: Run & { json?: PlanJson };
    /** The engine's verdicts, from its event log. */
    engineVerdicts: Verdict[];
    planVerdicts: Verdict[];
    eventLog: string;
}

/**
 * Preview `run` through the real engine (with `--event-log`) and through the offline plan, with the same inputs.
 * The CLI wants one `--policy-pack-config` per `--policy-pack` ("the number of --policy-pack-config flags must
 * match the number of --policy-pack flags"), the offline plan takes fewer; the engine gets `{}` for the rest.
 */
export async function previewBoth(run: PreviewRun, state: string, index: number): Promise<RunResult> {
    const eventLog = path.join(state, `events-${index}.jsonl`);
    const engineArgs = ["preview", "--stack", run.stack, "--non-interactive", "--event-log", eventLog];
    const planArgs = ["--stack", run.stack];
    if (run.cwd !== undefined) {
        engineArgs.push("-C", run.cwd);
        planArgs.push("--cwd", run.cwd);
    }
    if (run.configFile !== undefined) {
        engineArgs.push("--config-file", run.configFile);
        planArgs.push("--config-file", run.configFile);
    }
    (run.packs ?? ["policies"]).forEach((pack, i) => {
        engineArgs.push("--policy-pack", pack);
        planArgs.push("--policy-pack", pack);
        const config = run.packConfigs?.[i];
        const file = tempFile(state, `pack-config-${index}-${i}.json`, JSON.stringify(config ?? {}));
        engineArgs.push("--policy-pack-config", file);
        if (config !== undefined) {
            planArgs.push("--policy-pack-config", file);
        }
    });
    for (const [key, value] of Object.entries(run.tags ?? {})) {
        const tag = engine(state, "stack", "tag", "set", key, value, "--stack", run.stack, ...cwdArgs(run));
        if (tag.code !== 0) {
            throw new Error(`stack tag set ${key} failed: ${tag.stderr}`);
        }
        planArgs.push("--tag", `${key}=${value}`);
    }
    const [engineRun, planRun] = await Promise.all([engineAsync(state, ...engineArgs), planAsync(...planArgs)]);
    return {
        engine: engineRun,
        plan: planRun,
        engineVerdicts: fs.existsSync(eventLog) ? eventLogVerdicts(eventLog) : [],
        planVerdicts: planRun.json ? planVerdicts(planRun.json) : [],
        eventLog,
    };
}

function cwdArgs(run: PreviewRun): string[] {
    return run.cwd === undefined ? [] : ["-C", run.cwd];
}

/** The secret that stands in, for the real engine, for the one dev-secure.yaml holds. */
export const OWNER_SECRET = "platform-oncall";

/**
 * dev-secure.yaml with its `secure:` value encrypted for the dev stack of `state` (the fixture's ciphertext belongs
 * to no key the engine has, and the offline plan never decrypts it). The CLI itself encrypts it, with
 * `config set --secret` in the working copy; the result is written to a new file in `state`, with the salt.
 */
export async function reencryptedSecureFixture(state: string): Promise<string> {
    const created = engine(state, "stack", "output", "--stack", "dev");
    if (created.code !== 0) {
        throw new Error(`could not create the dev stack: ${created.stderr}`);
    }
    const dirs = stateDirs({ ...process.env, OBSERVABLE_API_ENGINE_STATE: state });
    const project = readProject(ROOT, dirs);
    const cli = await ensureCli();
    const set = spawnSync(
        cli.path,
        ["config", "set", "--secret", "--path", "observable-api:tags.owner", OWNER_SECRET, "--stack", "dev"],
        { cwd: project.workDir, env: engineEnv(dirs), encoding: "utf8" },
    );
    if (set.status !== 0) {
        throw new Error(`config set --secret failed: ${set.stderr}`);
    }
    const stackFile = parseDocument(fs.readFileSync(path.join(project.workDir, "Pulumi.dev.yaml"), "utf8")).toJS();
    const ciphertext: string = stackFile.config["observable-api:tags"].owner.secure;
    const fixture = fs.readFileSync(path.join(ROOT, STACKS, "dev-secure.yaml"), "utf8");
    const original = /^\s+secure: (\S+)$/m.exec(fixture)![1];
    return tempFile(
        state,
        "dev-secure.reencrypted.yaml",
        `encryptionsalt: ${stackFile.encryptionsalt}\n${fixture.replace(original, ciphertext)}`,
    );
}
