/**
 * Run a Pulumi program in preview mode under the recording mock runtime, in this process, as the Node.js language
 * host would: project and stack set, config from the stack (`setAllConfig`, as `PULUMI_CONFIG`), the project
 * directory as the working directory, and the program inside the root `pulumi:pulumi:Stack` resource.
 *
 * The mocks go into the copy of `@pulumi/pulumi` the program itself resolves (a program with its own node_modules
 * has its own), and so do the hooks that record every config key the program looks up and every message it logs
 * through `pulumi.log`, with the resource it was logged on.
 */
import * as path from "path";
import type * as pulumiSdk from "@pulumi/pulumi";
import type * as runtimeConfigSdk from "@pulumi/pulumi/runtime/config";
import { installMockRuntime, MockRuntime, PulumiSdk, RecordedResource } from "./mockRuntime";
import type { StackConfig } from "./projectConfig";

export interface ProgramMessage {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    /** The resource the message was logged on (`pulumi.log.warn(msg, resource)`); undefined for the Stack. */
    urn?: string;
}

export interface ProgramRun {
    resources: RecordedResource[];
    /** Stack outputs as the program exported them: known values, and `UNKNOWN_OUTPUT` for the unknown ones. */
    outputs: Record<string, unknown>;
    /** Every full config key the program looked up, read or not set. */
    readKeys: Set<string>;
    /** What the program printed or logged, in order. */
    messages: ProgramMessage[];
    /**
     * The region the run assumed because neither `aws:region` nor the environment names one; undefined when one
     * was named.
     */
    assumedRegion?: string;
}

/** The region the plan assumes when neither the stack nor the environment names one. */
export const ASSUMED_REGION = "us-east-1";

/**
 * The aws provider's region, found as `@pulumi/aws` finds it: the stack's `aws:region`, else the `AWS_REGION` or
 * `AWS_DEFAULT_REGION` variable (`config/vars.js`: `__config.get("region") ?? getEnv("AWS_REGION",
 * "AWS_DEFAULT_REGION")`). Offline there is no AWS profile to fall back on.
 */
export function providerRegion(
    config: Record<string, string>,
    env: NodeJS.ProcessEnv = process.env,
): string | undefined {
    return config["aws:region"] ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined);
}

/** A stack output whose value only the cloud knows. */
export const UNKNOWN_OUTPUT: unique symbol = Symbol("unknown output");

/** The program failed; the message is the error the CLI would show. */
export class ProgramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramError";
    }
}

const CONSOLE_LEVELS: Record<string, ProgramMessage["severity"]> = {
    debug: "debug",
    log: "info",
    info: "info",
    warn: "warning",
    error: "error",
};

const LOG_LEVELS: Record<string, ProgramMessage["severity"]> = {
    debug: "debug",
    info: "info",
    warn: "warning",
    error: "error",
};

function format(args: unknown[]): string {
    return args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");
}

/** The program's own copy of the SDK, resolved from its directory as Node would. */
function sdkFor(projectDir: string): PulumiSdk & { config: typeof runtimeConfigSdk } {
    const resolve = (id: string) => require.resolve(id, { paths: [projectDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (id: string) => require(resolve(id));
    return {
        pulumi: load("@pulumi/pulumi"),
        settings: load("@pulumi/pulumi/runtime/settings"),
        config: load("@pulumi/pulumi/runtime/config"),
    };
}

/**
 * Stack outputs as a preview shows them: known values as they are, `UNKNOWN_OUTPUT` for values only the cloud knows,
 * and no entry for an export whose value is undefined (the CLI shows no such output). The Stack resource's own
 * outputs collapse when any member is unknown, so each export is read on its own.
 */
async function resolveOutputs(pulumi: typeof pulumiSdk, exported: unknown): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    if (exported === null || typeof exported !== "object") {
        return result;
    }
    for (const [key, value] of Object.entries(exported)) {
        if (key === "__esModule" || value === undefined) {
            continue;
        }
        const output = pulumi.output(value as pulumiSdk.Input<unknown>) as any;
        const known: boolean = await output.isKnown;
        if (!known) {
            result[key] = UNKNOWN_OUTPUT;
            continue;
        }
        const resolved = await output.promise();
        if (resolved !== undefined) {
            result[key] = resolved;
        }
    }
    return result;
}

/** Modules earlier runs loaded from a program's own tree: dropped from the cache, so a second run registers again. */
const programModules = new Set<string>();

function forgetProgramModules(projectDir: string, main: string): void {
    for (const file of programModules) {
        delete require.cache[file];
    }
    programModules.clear();
    // Whoever loaded the program before the first run (a test, another tool in this process) left it cached, and a
    // cached module does not run again: drop the program and the project files it loaded, as Node resolved them.
    const root = path.resolve(projectDir) + path.sep;
    const pending = [require.cache[main]];
    const seen = new Set<string>();
    while (pending.length > 0) {
        const mod = pending.pop();
        if (!mod || seen.has(mod.id) || !ownedByProgram(root, mod.id)) {
            continue;
        }
        seen.add(mod.id);
        pending.push(...mod.children);
        delete require.cache[mod.id];
    }
}

/** The file `require` loads for a main; as given when it does not resolve, so that `require` reports it. */
function resolvedMain(main: string): string {
    try {
        return require.resolve(main);
    } catch {
        return main;
    }
}

function ownedByProgram(root: string, file: string): boolean {
    return file.startsWith(root) && !file.includes(`${path.sep}node_modules${path.sep}`);
}

function rememberProgramModules(projectDir: string, before: ReadonlySet<string>): void {
    const root = path.resolve(projectDir) + path.sep;
    for (const file of Object.keys(require.cache)) {
        if (!before.has(file) && ownedByProgram(root, file)) {
            programModules.add(file);
        }
    }
}

/**
 * One line for the first error. The SDK prefixes an error with `error serializing property "<key>": ` for every
 * property of every resource whose inputs it reached, on the same error object, so a component's own message ends
 * up behind a chain of them; the plan shows the message itself.
 */
export function errorText(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    return text.split("\n")[0].replace(/^(error serializing property "[^"]*": )+/, "");
}

/** Run `stackConfig.project.main` and return what it registered. */
export async function runProgram(stackConfig: StackConfig, organization: string): Promise<ProgramRun> {
    const { project, stack, config, secretKeys } = stackConfig;
    const sdk = sdkFor(project.dir);
    const named = providerRegion(config);
    const region = named ?? ASSUMED_REGION;
    const runtime: MockRuntime = installMockRuntime(
        { project: project.name, stack, preview: true, organization, region },
        sdk,
    );
    runtime.configure({ config, secretKeys, region });

    const readKeys = new Set<string>();
    const messages: ProgramMessage[] = [];
    const pending: Promise<void>[] = [];
    const errors: unknown[] = [];

    // The SDK's Config class looks keys up through this module's export, so wrapping it sees every read.
    const configModule = sdk.config as { getConfig: (k: string) => string | undefined };
    const originalGetConfig = configModule.getConfig;
    configModule.getConfig = (k: string) => {
        readKeys.add(k);
        return originalGetConfig(k);
    };
    // Without an engine the SDK prints log messages itself ("warning: [runtime] ..."); record them with the
    // resource they are about instead, as the engine would.
    const logModule = sdk.pulumi.log as unknown as Record<string, (...args: any[]) => Promise<void>>;
    const originalLog = Object.fromEntries(Object.keys(LOG_LEVELS).map((m) => [m, logModule[m]]));
    for (const [method, severity] of Object.entries(LOG_LEVELS)) {
        logModule[method] = (msg: string, resource?: pulumiSdk.Resource) => {
            const entry: ProgramMessage = { severity, message: msg };
            messages.push(entry);
            if (resource) {
                pending.push(
                    (resource.urn as any).promise().then(
                        (urn: string) => {
                            entry.urn = urn;
                        },
                        () => undefined,
                    ),
                );
            }
            return Promise.resolve();
        };
    }
    const consoleMethods = ["debug", "log", "info", "warn", "error"] as const;
    const originalConsole = consoleMethods.map((m) => console[m]);
    for (const m of consoleMethods) {
        console[m] = (...args: unknown[]) => {
            messages.push({ severity: CONSOLE_LEVELS[m], message: format(args) });
        };
    }
    const onError = (err: unknown) => errors.push(err);
    process.on("unhandledRejection", onError);
    process.on("uncaughtException", onError);
    const previousCwd = process.cwd();
    process.chdir(project.dir);

    // The SDK records a full stack trace for every resource (its source position) and ts-node rewrites each one
    // through source maps, which dominates a plan's time; it also captures a stack for every promise it creates
    // (`debuggablePromise`, for its leak report), about a quarter of a warm plan. The plan shows no source positions
    // and shows an error by its message only, so while the program runs, traces stay V8's plain ones and promises
    // capture no frames. A resource's source position still works: `Resource.callsites` raises the limit itself.
    const errorClass = Error as { prepareStackTrace?: unknown };
    const prepareStackTrace = errorClass.prepareStackTrace;
    const stackTraceLimit = Error.stackTraceLimit;
    errorClass.prepareStackTrace = undefined;
    Error.stackTraceLimit = 0;
    let outputs: Record<string, unknown> = {};
    const main = resolvedMain(path.resolve(project.main));
    forgetProgramModules(project.dir, main);
    const loadedBefore = new Set(Object.keys(require.cache));
    try {
        let exported: unknown;
        await sdk.pulumi.runtime.runInPulumiStack(async () => {
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
        await (sdk.settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        outputs = await resolveOutputs(sdk.pulumi, exported);
        await Promise.all(pending);
        // A registration whose inputs failed rejects a few turns after the RPC queue drained; wait for those too.
        for (let i = 0; i < 3; i++) {
            await new Promise((resolve) => setImmediate(resolve));
        }
    } catch (err) {
        errors.push(err);
    } finally {
        rememberProgramModules(project.dir, loadedBefore);
        errorClass.prepareStackTrace = prepareStackTrace;
        Error.stackTraceLimit = stackTraceLimit;
        process.chdir(previousCwd);
        process.removeListener("unhandledRejection", onError);
        process.removeListener("uncaughtException", onError);
        consoleMethods.forEach((m, i) => (console[m] = originalConsole[i]));
        for (const [method, fn] of Object.entries(originalLog)) {
            logModule[method] = fn;
        }
        configModule.getConfig = originalGetConfig;
    }
    if (runtime.invokeErrors.length > 0) {
        // The SDK wraps an invoke's failure in a serialization error; the mock's own message names the function.
        errors.unshift(new Error(runtime.invokeErrors[0]));
    }
    if (errors.length > 0) {
        const secrets =
            stackConfig.placeholders.length > 0
                ? ` (the secure values of ${stackConfig.placeholders.join(", ")} are placeholders offline)`
                : "";
        throw new ProgramError(
            `program ${path.relative(previousCwd, project.main) || project.main} failed: ${errorText(errors[0])}${secrets}`,
        );
    }
    const assumedRegion = named === undefined ? region : undefined;
    return { resources: [...runtime.resources], outputs, readKeys, messages, assumedRegion };
}
