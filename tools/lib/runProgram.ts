/**
 * Run a Pulumi program in preview mode under the recording mock runtime, in this process, as the Node.js language
 * host would: project and stack set, config from the stack (`setAllConfig`, as `PULUMI_CONFIG`), the project
 * directory as the working directory, and the program inside the root `pulumi:pulumi:Stack` resource.
 *
 * Records every config key the program looks up, so that the plan can tell an unknown key from an object-valued
 * setting that Pulumi.yaml cannot declare.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { installMockRuntime, MockRuntime, RecordedResource } from "./mockRuntime";
import type { StackConfig } from "./projectConfig";

export interface ProgramMessage {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
}

export interface ProgramRun {
    resources: RecordedResource[];
    /** Stack outputs as the program exported them (unknowns are undefined). */
    outputs: Record<string, unknown>;
    /** Every full config key the program looked up, read or not set. */
    readKeys: Set<string>;
    /** What the program printed or logged, in order. */
    messages: ProgramMessage[];
}

/** The program failed; the message is the error the CLI would show. */
export class ProgramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramError";
    }
}

const LEVELS: Record<string, ProgramMessage["severity"]> = {
    debug: "debug",
    log: "info",
    info: "info",
    warn: "warning",
    error: "error",
};

function format(args: unknown[]): string {
    return args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");
}

/** Run `stackConfig.project.main` and return what it registered. */
export async function runProgram(stackConfig: StackConfig, organization: string): Promise<ProgramRun> {
    const { project, stack, config, secretKeys } = stackConfig;
    const runtime: MockRuntime = installMockRuntime({
        project: project.name,
        stack,
        preview: true,
        organization,
        region: config["aws:region"] ?? "us-east-1",
    });
    runtime.configure({ config, secretKeys });

    const readKeys = new Set<string>();
    const messages: ProgramMessage[] = [];
    const errors: unknown[] = [];

    // The SDK's Config class looks keys up through this module's export, so wrapping it sees every read.
    const configModule = runtimeConfig as { getConfig: (k: string) => string | undefined };
    const originalGetConfig = configModule.getConfig;
    configModule.getConfig = (k: string) => {
        readKeys.add(k);
        return originalGetConfig(k);
    };
    const consoleMethods = ["debug", "log", "info", "warn", "error"] as const;
    const originalConsole = consoleMethods.map((m) => console[m]);
    for (const m of consoleMethods) {
        console[m] = (...args: unknown[]) => {
            messages.push({ severity: LEVELS[m], message: format(args) });
        };
    }
    const onError = (err: unknown) => errors.push(err);
    process.on("unhandledRejection", onError);
    process.on("uncaughtException", onError);
    const previousCwd = process.cwd();
    process.chdir(project.dir);

    let outputs: Record<string, unknown> = {};
    try {
        const main = path.resolve(project.main);
        outputs = (await pulumi.runtime.runInPulumiStack(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const mod = require(main);
            if (typeof mod === "function") {
                return await mod();
            }
            if (mod && mod.__esModule && typeof mod.default === "function") {
                return await mod.default();
            }
            return mod;
        })) as Record<string, unknown>;
        await settings.waitForRPCs();
    } catch (err) {
        errors.push(err);
    } finally {
        process.chdir(previousCwd);
        process.removeListener("unhandledRejection", onError);
        process.removeListener("uncaughtException", onError);
        consoleMethods.forEach((m, i) => (console[m] = originalConsole[i]));
        configModule.getConfig = originalGetConfig;
    }
    if (runtime.invokeErrors.length > 0) {
        errors.unshift(new Error(runtime.invokeErrors[0]));
    }
    if (errors.length > 0) {
        const first = errors[0];
        const text = first instanceof Error ? first.message : String(first);
        throw new ProgramError(`program ${path.relative(previousCwd, project.main) || project.main} failed: ${text}`);
    }
    return { resources: [...runtime.resources], outputs: outputs ?? {}, readKeys, messages };
}
