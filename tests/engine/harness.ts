/**
 * Runs `npm run engine` (the real Pulumi CLI with the stand-in aws provider) and `npm run plan` (the offline plan)
 * as child processes, as CI runs them, and reads their verdicts in one shape: (policy, URN, enforcement level).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = "tests/fixtures";
export const PROGRAMS = `${FIXTURES}/programs`;
export const STACKS = `${FIXTURES}/stacks`;

export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
    ms: number;
}

const TS_NODE = ["-r", "ts-node/register/transpile-only"];

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
    const start = Date.now();
    const res = spawnSync(process.execPath, [...TS_NODE, script, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", INIT_CWD: ROOT, ...env },
        maxBuffer: 256 * 1024 * 1024,
        timeout: 600_000,
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr, ms: Date.now() - start };
}

/**
 * The same, without blocking: the engine and the offline plan of one comparison run side by side (they share no
 * state), which halves the wall time of a comparison on two cores.
 */
function runAsync(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const start = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...TS_NODE, script, ...args], {
            cwd: ROOT,
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", INIT_CWD: ROOT, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, ms: Date.now() - start });
        });
    });
}

const states: string[] = [];
process.on("exit", () => states.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh state folder (backend, PULUMI_HOME, working copies) for one group of engine runs, removed at exit. */
export function freshState(label: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `engine-${label}-`));
    states.push(dir);
    return dir;
}

/** `npm run -s engine -- <args>` against the state folder `state`. */
export function engine(state: string, ...args: string[]): Run {
    return run("tools/engine/run.ts", args, { OBSERVABLE_API_ENGINE_STATE: state });
}

/** {@link engine}, without blocking. */
export function engineAsync(state: string, ...args: string[]): Promise<Run> {
    return runAsync("tools/engine/run.ts", args, { OBSERVABLE_API_ENGINE_STATE: state });
}

/** `npm run -s plan -- <args> --json`, parsed. */
export function plan(...args: string[]): Run & { json?: PlanJson } {
    return parsedPlan(run("tools/plan.ts", [...args, "--json"]));
}

/** {@link plan}, without blocking. */
export async function planAsync(...args: string[]): Promise<Run & { json?: PlanJson }> {
    return parsedPlan(await runAsync("tools/plan.ts", [...args, "--json"]));
}

function parsedPlan(result: Run): Run & { json?: PlanJson } {
    let json: PlanJson | undefined;
    try {
        json = JSON.parse(result.stdout) as PlanJson;
    } catch {
        json = undefined;
    }
    return { ...result, json };
}

export interface PlanJson {
    exitCode: number;
    diagnostics: { policyPack: string; policyName: string; urn: string; enforcementLevel: string }[];
    resources: { type: string; name: string; urn: string }[];
    warnings: string[];
}

/** One verdict: `<level> <policy> <urn>`, so that sorted lists of them compare as multisets. */
export type Verdict = string;

export function sortVerdicts(verdicts: Verdict[]): Verdict[] {
    return [...verdicts].sort();
}

export function planVerdicts(json: PlanJson): Verdict[] {
    return sortVerdicts(json.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn}`));
}

/**
 * The engine's verdicts from its event log: every `policyEvent` (a violation, at its level) and every
 * `policyRemediationEvent` (a remediation, reported by the offline plan at level remediate).
 */
export function eventLogVerdicts(file: string): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        if (line.trim() === "") {
            continue;
        }
        const event = JSON.parse(line);
        if (event.policyEvent) {
            const e = event.policyEvent;
            verdicts.push(`${e.enforcementLevel} ${e.policyName} ${e.resourceUrn}`);
        } else if (event.policyRemediationEvent) {
            const e = event.policyRemediationEvent;
            verdicts.push(`remediate ${e.policyName} ${e.resourceUrn}`);
        }
    }
    return sortVerdicts(verdicts);
}

/** Every event of one kind from an event log. */
export function events(file: string, kind: string): any[] {
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l))
        .filter((e) => e[kind] !== undefined)
        .map((e) => e[kind]);
}

/** The lines of a CLI's output that carry an error. */
export function errorLines(text: string): string[] {
    return text
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /\berror: /.test(l));
}

/** A temporary file holding `text`. */
export function tempFile(dir: string, name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}
