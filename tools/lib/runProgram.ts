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

/**
 * Stack outputs as a preview shows them: known values as they are, values only the cloud knows as undefined.
 * (The Stack resource's own outputs collapse to nothing when any member is unknown, so read each export.)
 */
async function resolveOutputs(exported: unknown): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    if (exported === null || typeof exported !== "object") {
        return result;
    }
    for (const [key, value] of Object.entries(exported)) {
        if (key === "__esModule") {
            continue;
        }
        const output = pulumi.output(value as pulumi.Input<unknown>) as any;
        const known: boolean = await output.isKnown;
        result[key] = known ? await output.promise() : undefined;
    }
    return result;
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

    // The SDK records a full stack trace for every resource (its source position) and ts-node rewrites each one
    // through source maps, which dominates a plan's time. The plan shows no source positions, so while the program
    // runs, traces stay V8's plain ones (an error's line numbers are then those of the transpiled code).
    const errorClass = Error as { prepareStackTrace?: unknown };
    const prepareStackTrace = errorClass.prepareStackTrace;
    errorClass.prepareStackTrace = undefined;
    let outputs: Record<string, unknown> = {};
    try {
        const main = path.resolve(project.main);
        let exported: unknown;
        await pulumi.runtime.runInPulumiStack(async () => {
            // Errors are collected rather than rethrown: the Stack resource turns a rejected init into a
            // rejection nobody awaits, which would end the process before the plan can report it.
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const mod = require(main);
                if (typeof mod === "function") {
                    exported = await mod();
                } else if (mod && mod.__esModule && typeof mod.default === "function") {
                    exported = await mod.default();
                } else {
                    exported = mod;
                }
            } catch (err) {
                errors.push(err);
            }
            return {};
        });
        // waitForRPCs is marked @internal, so its declaration is stripped from the SDK's typings.
        await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        outputs = await resolveOutputs(exported);
    } catch (err) {
        errors.push(err);
    } finally {
        errorClass.prepareStackTrace = prepareStackTrace;
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
        const secrets =
            stackConfig.placeholders.length > 0
                ? ` (the secure values of ${stackConfig.placeholders.join(", ")} are placeholders offline)`
                : "";
        throw new ProgramError(
            `program ${path.relative(previousCwd, project.main) || project.main} failed: ${text}${secrets}`,
        );
    }
    return { resources: [...runtime.resources], outputs: outputs ?? {}, readKeys, messages };
}
