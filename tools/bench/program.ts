/**
 * Program measurements, each in a fresh child process: the component under the mock runtime with N APIs, the
 * offline plan of the prod stack (`npm run plan -- --stack prod`) and the test suite (`npm test`).
 */
import { spawn } from "child_process";
import * as path from "path";
import type { ComponentProgramResult } from "./componentProgram";
import type { RunPlan } from "./packs";
import { derived, Figure, figure, Measured, msSince, unavailable } from "./stats";

const ROOT = path.resolve(__dirname, "..", "..");

export interface ChildRun {
    code: number | null;
    ms: number;
    stdout: string;
    stderr: string;
}

/** Run a command to completion, timing it from spawn to exit. */
export function timeChild(command: string, args: string[], timeoutMs: number): Promise<ChildRun> {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: process.env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d.toString()));
        child.stderr.on("data", (d) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, ms: msSince(start), stdout, stderr });
        });
    });
}

/** The last non-empty line of a child's output, for a one-line reason. */
function lastLine(text: string): string {
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    return lines.length > 0 ? lines[lines.length - 1].trim() : "(no output)";
}

export interface ProgramSizeResult {
    apis: number;
    resources: number;
    /** Spawn to exit: Node start, ts-node, loading the SDKs, the program and the wait for registrations. */
    wallMs: Figure;
    /** The program alone: the first constructor call until every registration was recorded. */
    programMs: Figure;
    /** programMs / apis. */
    msPerApi: Figure;
}

export interface ProgramScalingResult {
    sizes: ProgramSizeResult[];
    /** ms per API at the largest size over ms per API at the next size down (1 or less is linear or better). */
    perApiGrowth?: Figure;
}

const TS_NODE = ["-r", "ts-node/register/transpile-only"];

export async function measureComponentProgram(
    plan: RunPlan,
    sizes: number[],
    from: "source" | "package" = "source",
): Promise<ProgramScalingResult> {
    const script = path.join(__dirname, "componentProgram.ts");
    const results: ProgramSizeResult[] = [];
    for (const apis of sizes) {
        const wall: number[] = [];
        const program: number[] = [];
        let resources = 0;
        for (let run = 0; run < plan.warmup + plan.runs; run++) {
            const result = await timeChild(process.execPath, [...TS_NODE, script, String(apis), from], 600_000);
            if (result.code !== 0) {
                throw new Error(
                    `component program with ${apis} APIs exited with ${result.code}: ${lastLine(result.stderr)}`,
                );
            }
            const parsed = JSON.parse(lastLine(result.stdout)) as ComponentProgramResult;
            resources = parsed.resources;
            if (run >= plan.warmup) {
                wall.push(result.ms);
                program.push(parsed.programMs);
            }
        }
        results.push({
            apis,
            resources,
            wallMs: figure(wall, "ms"),
            programMs: figure(program, "ms"),
            msPerApi: figure(
                program.map((ms) => ms / apis),
                "ms",
            ),
        });
    }
    const last = results[results.length - 1];
    const previous = results[results.length - 2];
    return {
        sizes: results,
        perApiGrowth:
            previous !== undefined ? derived(last.msPerApi, previous.msPerApi, "ratio", (a, b) => a / b) : undefined,
    };
}

/** The wall time of `npm run plan -- --stack prod`, or why it could not be measured. */
export async function measurePlan(plan: RunPlan): Promise<Measured> {
    const runs: number[] = [];
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
        const result = await timeChild(npm(), ["run", "--silent", "plan", "--", "--stack", "prod"], 600_000);
        if (result.code !== 0) {
            return unavailable(
                "ms",
                `npm run plan -- --stack prod exited with ${result.code}: ${lastLine(result.stderr || result.stdout)}`,
            );
        }
        if (run >= plan.warmup) {
            runs.push(result.ms);
        }
    }
    return figure(runs, "ms");
}

/** The wall time of `npm test` (lint, type check and every spec). */
export async function measureTestSuite(plan: RunPlan): Promise<Measured> {
    const runs: number[] = [];
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
        const result = await timeChild(npm(), ["test", "--silent"], 1_800_000);
        if (result.code !== 0) {
            return unavailable("s", `npm test exited with ${result.code}: ${lastLine(result.stdout + result.stderr)}`);
        }
        if (run >= plan.warmup) {
            runs.push(result.ms / 1000);
        }
    }
    return figure(runs, "s");
}

function npm(): string {
    return process.platform === "win32" ? "npm.cmd" : "npm";
}
