/**
 * `npm run plan -- --stack <name> [options]`, as a function: an offline `pulumi preview --policy-pack`, with no Pulumi CLI, no
 * provider binary and no cloud account. Reads the project and stack config, runs the program in preview mode
 * under the recording mock runtime, serves the policy packs as the engine does and prints the verdicts.
 *
 * Exit codes: 0 no mandatory violation; 1 at least one mandatory violation (as `pulumi preview --policy-pack`
 * fails); 2 the plan could not be made (bad flags, bad config, a failing program or pack), with a one-line reason.
 */
import * as path from "path";
import { parseArgs } from "util";
import {
    evaluatePacks,
    checkPackDir,
    PackResult,
    PolicyPackConfigInput,
    readPolicyPackConfig,
    toAnalyzerResources,
} from "./analyze";
import { ensureBuilt } from "./freshness";
import { PolicyPackHost, ServeOptions } from "./policyPackHost";
import { PlanInputError, readProject, readStackConfig, unknownKeysWarning } from "./projectConfig";
import { PhaseTimings, PlanResult, problems, renderText } from "./render";
import { jsonResult } from "./planJson";
import { ProgramError, runProgram } from "./runProgram";
import { msSince } from "./time";

const ROOT = path.resolve(__dirname, "..", "..");

const USAGE = `usage: npm run plan -- --stack <name> [options]

  --stack <name>                 stack to preview; reads Pulumi.<name>.yaml (required)
  --config-file <path>           read the stack's config from this file instead
  --cwd <dir>                    the Pulumi project to preview (default: the current directory)
  --policy-pack <dir>            policy pack to run; repeatable (default: ${path.relative(process.cwd(), path.join(ROOT, "policies")) || "."})
  --policy-pack-config <json|file>
                                 policy config for the pack at the same position: {"all": "mandatory", ...}
  --tag <key=value>              stack tag the packs see, on top of pulumi:tags in config; repeatable
  --organization <name>          organization the packs see (default: organization)
  --json                         print the whole result as JSON (resources, diagnostics, timings)
  --help                         show this help

exit codes: 0 no mandatory violation, 1 mandatory violation, 2 the plan could not be made`;

interface Flags {
    stack: string;
    configFile?: string;
    cwd: string;
    packs: string[];
    packConfigs: string[];
    tags: Record<string, string>;
    organization: string;
    json: boolean;
}

function parseFlags(argv: string[]): Flags | "help" {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                cwd: { type: "string" },
                "policy-pack": { type: "string", multiple: true },
                "policy-pack-config": { type: "string", multiple: true },
                tag: { type: "string", multiple: true },
                organization: { type: "string" },
                json: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (err) {
        throw new PlanInputError(`${(err as Error).message.split("\n")[0]}; see --help`);
    }
    const v = parsed.values;
    if (v.help) {
        return "help";
    }
    if (v.stack === undefined || v.stack === "") {
        throw new PlanInputError("--stack <name> is required, for example --stack dev");
    }
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(v.stack)) {
        throw new PlanInputError(
            `--stack ${JSON.stringify(v.stack)} is not a valid stack name: use letters, digits, '-', '_' and '.'`,
        );
    }
    const tags: Record<string, string> = {};
    for (const tag of v.tag ?? []) {
        const eq = tag.indexOf("=");
        if (eq <= 0) {
            throw new PlanInputError(`--tag ${JSON.stringify(tag)} must be key=value`);
        }
        tags[tag.slice(0, eq)] = tag.slice(eq + 1);
    }
    const packs = v["policy-pack"] ?? [path.join(ROOT, "policies")];
    const packConfigs = v["policy-pack-config"] ?? [];
    if (packConfigs.length > packs.length) {
        throw new PlanInputError(
            `${packConfigs.length} --policy-pack-config values for ${packs.length} policy pack(s); give one per --policy-pack, in the same order`,
        );
    }
    return {
        stack: v.stack,
        configFile: v["config-file"],
        cwd: path.resolve(v.cwd ?? process.cwd()),
        packs,
        packConfigs,
        tags,
        organization: v.organization ?? "organization",
        json: v.json === true,
    };
}

function packSource(dir: string): string {
    return `local: ${path.relative(process.cwd(), dir) || "."}`;
}

/**
 * How the plan gets a served pack. By default it spawns one per plan, as the engine does per preview; specs pass a
 * pool that serves each pack once and reconfigures it per plan (Configure and ConfigureStack set all of a pack's
 * state), so that many plans do not pay for many cold starts.
 */
export interface PackServer {
    serve(dir: string, options: ServeOptions): Promise<PolicyPackHost>;
    /** Whether the plan closes the hosts it got when it is done. */
    closesHosts: boolean;
}

const SPAWN_PER_PLAN: PackServer = { serve: (dir, options) => PolicyPackHost.serve(dir, options), closesHosts: true };

async function plan(
    flags: Flags,
    log: (line: string) => void,
    server: PackServer,
): Promise<{ result: PlanResult; mandatory: number }> {
    const started = process.hrtime.bigint();
    let t = started;
    const packDirs = flags.packs.map(checkPackDir);
    // Never an old build: a pack (or the components the program imports) edited since its last build is rebuilt.
    for (const dir of [...new Set([...packDirs, path.join(ROOT, "components")])]) {
        try {
            ensureBuilt(dir, ROOT, log);
        } catch (err) {
            throw new PlanInputError((err as Error).message);
        }
    }
    const packConfigs: (PolicyPackConfigInput | undefined)[] = packDirs.map((_, i) =>
        flags.packConfigs[i] !== undefined ? readPolicyPackConfig(flags.packConfigs[i]) : undefined,
    );
    const project = readProject(flags.cwd);
    const stackConfig = readStackConfig(project, flags.stack, flags.configFile);
    const configMs = msSince(t);

    // The packs start in their own processes while the program runs here.
    t = process.hrtime.bigint();
    const context = { project: project.name, stack: flags.stack, organization: flags.organization, dryRun: true };
    const hostsStarting = packDirs.map((dir) =>
        server.serve(dir, { config: stackConfig.config, context }).then((host) => ({
            host,
            readyMs: msSince(t),
        })),
    );
    // Keep a rejected start from surfacing as unhandled while the program still runs.
    hostsStarting.forEach((p) => p.catch(() => undefined));
    const hosts: PolicyPackHost[] = [];
    try {
        const programStart = process.hrtime.bigint();
        const run = await runProgram(stackConfig, flags.organization);
        const programMs = msSince(programStart);

        const warnings: string[] = [];
        const unknownKeys = unknownKeysWarning(stackConfig, run.readKeys);
        if (unknownKeys) {
            warnings.push(unknownKeys);
        }
        if (run.assumedRegion !== undefined && run.resources.some((r) => r.type.startsWith("aws:"))) {
            warnings.push(
                `aws:region is not set for stack ${stackConfig.stack}, and neither AWS_REGION nor AWS_DEFAULT_REGION ` +
                    `is: the plan assumed ${run.assumedRegion}, but the aws provider needs a region (from the stack's ` +
                    "config, those variables or your AWS profile) and fails without one",
            );
        }
        // The CLI applies pulumi:tags from config as stack tags; --tag adds to them.
        const tags = { ...stackConfig.tags, ...flags.tags };

        const starts = await Promise.allSettled(hostsStarting);
        for (const s of starts) {
            if (s.status === "fulfilled") {
                hosts.push(s.value.host);
            }
        }
        const failed = starts.find((s) => s.status === "rejected");
        if (failed && failed.status === "rejected") {
            throw new PlanInputError(
                String((failed.reason as Error).message ?? failed.reason)
                    .split("\n")
                    .join(" "),
            );
        }
        const packStartMs = Math.max(0, ...starts.map((s) => (s.status === "fulfilled" ? s.value.readyMs : 0)));

        const ctx = {
            project: project.name,
            stack: flags.stack,
            organization: flags.organization,
            tags,
            config: stackConfig.config,
            secretKeys: stackConfig.secretKeys,
        };
        const resources = toAnalyzerResources(run.resources, ctx);
        // All packs together: the engine runs every pack's remediations on a resource before any pack analyzes it.
        const analyzed = await evaluatePacks(
            hosts.map((host, i) => ({ host, source: packSource(host.packDir), userConfig: packConfigs[i] })),
            resources,
            ctx,
        );
        const packs: PackResult[] = analyzed.map((a) => a.result);
        const timings: PhaseTimings = {
            configMs,
            programMs,
            packStartMs,
            configureMs: Math.max(0, ...analyzed.map((a) => a.timings.configureMs)),
            analyzeMs: Math.max(0, ...analyzed.map((a) => a.timings.analyzeMs)),
            analyzeStackMs: Math.max(0, ...analyzed.map((a) => a.timings.analyzeStackMs)),
            totalMs: msSince(started),
        };
        const mandatory = packs.reduce(
            (n, p) =>
                n +
                problems(p.diagnostics, run.resources).filter((g) => g.lead.enforcementLevel === "mandatory").length,
            0,
        );
        return {
            result: {
                project: project.name,
                stack: flags.stack,
                configFile: stackConfig.file,
                tags,
                warnings,
                resources: run.resources,
                outputs: run.outputs,
                messages: run.messages,
                packs,
                placeholders: stackConfig.placeholders,
                timings,
            },
            mandatory,
        };
    } finally {
        // Close every pack, including ones that finished starting after a failure.
        const settled = await Promise.allSettled(hostsStarting);
        if (server.closesHosts) {
            await Promise.all(settled.map((s) => (s.status === "fulfilled" ? s.value.host.close() : undefined)));
        }
    }
}

/** What a plan run printed and how it ended, as `npm run plan` would. */
export interface PlanOutcome {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * `npm run plan -- <argv>`, in this process: exit code 0 (no mandatory violation), 1 (at least one mandatory
 * violation, as `pulumi preview --policy-pack` exits 1 for one), or 2 (the plan could not be made), with what it
 * would print. Specs call this directly; tools/plan.ts is the command-line wrapper.
 */
export async function runPlan(argv: string[], server: PackServer = SPAWN_PER_PLAN): Promise<PlanOutcome> {
    let stderr = "";
    const log = (line: string) => (stderr += `${line}\n`);
    let flags: Flags | "help";
    try {
        flags = parseFlags(argv);
    } catch (err) {
        return { code: 2, stdout: "", stderr: `${stderr}error: ${(err as Error).message}\n` };
    }
    if (flags === "help") {
        return { code: 0, stdout: USAGE + "\n", stderr };
    }
    try {
        const { result, mandatory } = await plan(flags, log, server);
        const code = mandatory > 0 ? 1 : 0;
        const stdout = flags.json ? JSON.stringify(jsonResult(result, code), null, 2) + "\n" : renderText(result);
        return { code, stdout, stderr };
    } catch (err) {
        const known = err instanceof PlanInputError || err instanceof ProgramError;
        const message = known ? (err as Error).message : `unexpected failure: ${(err as Error).stack ?? err}`;
        const oneLine = known ? message.split("\n").join(" ") : message;
        return { code: 2, stdout: "", stderr: `${stderr}error: ${oneLine}\n` };
    }
}
