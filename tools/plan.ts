/**
 * `npm run plan -- --stack <name> [options]`: an offline `pulumi preview --policy-pack`, with no Pulumi CLI, no
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
} from "./lib/analyze";
import { PolicyPackHost } from "./lib/policyPackHost";
import { checkUnknownKeys, PlanInputError, readProject, readStackConfig } from "./lib/projectConfig";
import { PhaseTimings, PlanResult, renderText } from "./lib/render";
import { jsonResult } from "./lib/planJson";
import { ProgramError, runProgram } from "./lib/runProgram";

const ROOT = path.resolve(__dirname, "..");

const USAGE = `usage: npm run plan -- --stack <name> [options]

  --stack <name>                 stack to preview; reads Pulumi.<name>.yaml (required)
  --config-file <path>           read the stack's config from this file instead
  --cwd <dir>                    the Pulumi project to preview (default: the current directory)
  --policy-pack <dir>            policy pack to run; repeatable (default: ${path.relative(process.cwd(), path.join(ROOT, "policies")) || "."})
  --policy-pack-config <json|file>
                                 policy config for the pack at the same position: {"all": "mandatory", ...}
  --tag <key=value>              stack tag the packs see; repeatable
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

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function packSource(dir: string): string {
    return `local: ${path.relative(process.cwd(), dir) || "."}`;
}

async function plan(flags: Flags): Promise<{ result: PlanResult; mandatory: number }> {
    const started = process.hrtime.bigint();
    let t = started;
    const packDirs = flags.packs.map(checkPackDir);
    const packConfigs: (PolicyPackConfigInput | undefined)[] = packDirs.map((_, i) =>
        flags.packConfigs[i] !== undefined ? readPolicyPackConfig(flags.packConfigs[i]) : undefined,
    );
    const project = readProject(flags.cwd);
    const stackConfig = readStackConfig(project, flags.stack, flags.configFile);
    const configMs = since(t);

    // The packs start in their own processes while the program runs here.
    t = process.hrtime.bigint();
    const context = { project: project.name, stack: flags.stack, organization: flags.organization, dryRun: true };
    const hostsStarting = packDirs.map((dir) =>
        PolicyPackHost.serve(dir, { config: stackConfig.config, context }).then((host) => ({
            host,
            readyMs: since(t),
        })),
    );
    // Keep a rejected start from surfacing as unhandled while the program still runs.
    hostsStarting.forEach((p) => p.catch(() => undefined));
    const hosts: PolicyPackHost[] = [];
    try {
        const programStart = process.hrtime.bigint();
        const run = await runProgram(stackConfig, flags.organization);
        const programMs = since(programStart);

        checkUnknownKeys(stackConfig, run.readKeys);

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
            tags: flags.tags,
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
            totalMs: since(started),
        };
        const mandatory = packs.reduce(
            (n, p) => n + p.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
            0,
        );
        return {
            result: {
                project: project.name,
                stack: flags.stack,
                configFile: stackConfig.file,
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
        await Promise.all(settled.map((s) => (s.status === "fulfilled" ? s.value.host.close() : undefined)));
    }
}

function write(text: string, code: number): void {
    process.stdout.write(text, () => process.exit(code));
}

async function main(): Promise<void> {
    let flags: Flags | "help";
    try {
        flags = parseFlags(process.argv.slice(2));
    } catch (err) {
        process.stderr.write(`error: ${(err as Error).message}\n`, () => process.exit(2));
        return;
    }
    if (flags === "help") {
        write(USAGE + "\n", 0);
        return;
    }
    try {
        const { result, mandatory } = await plan(flags);
        const code = mandatory > 0 ? 1 : 0;
        write(flags.json ? JSON.stringify(jsonResult(result, code), null, 2) + "\n" : renderText(result), code);
    } catch (err) {
        const known = err instanceof PlanInputError || err instanceof ProgramError;
        const message = known ? (err as Error).message : `unexpected failure: ${(err as Error).stack ?? err}`;
        const oneLine = known ? message.split("\n").join(" ") : message;
        process.stderr.write(`error: ${oneLine}\n`, () => process.exit(2));
    }
}

void main();
