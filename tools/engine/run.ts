/**
 * `npm run -s engine -- [-C <dir>] <pulumi args>`: the real Pulumi CLI on a project of this repository, with no cloud
 * account. `npm run -s engine -- version` prints the CLI's version.
 *
 * - The CLI is found or built by `tools/engine/cli.ts`.
 * - It runs in a working copy of the project (`tools/engine/workspace.ts`), against a local file backend with
 *   passphrase secrets, no update checks and no plugin downloads, and with the stand-in aws provider.
 * - Policy packs: through the Node.js language host when the CLI has one, otherwise each `--policy-pack <dir>` is
 *   handed to the CLI as an executable launcher that starts the pack as the language host would
 *   (`tools/engine/policyPackProxy.ts`).
 * - The program: through the language host when there is one, otherwise served from this process as an inline
 *   program (`tools/engine/inlineProgram.ts`) for the commands that run one (preview, up, destroy, refresh).
 * - A Python program (`runtime: python`): in a pinned virtual environment, with the SDKs of its local component
 *   packages generated and installed into the working copy, served as the Python Automation API serves an inline
 *   program (`tools/engine/python.ts`). Its component packages: through the language host when there is one,
 *   otherwise each is started by a launcher (`componentLauncher` in `tools/engine/workspace.ts`).
 *
 * Relative paths in `--policy-pack`, `--policy-pack-config`, `--event-log` and `--config-file` are relative to the
 * directory the command was started in. `--config-file` is honoured by copying the file over the stack's file in
 * the working copy, so `--stack` is then required. The exit code is the CLI's.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ensureCli } from "./cli";
import { serveInline } from "./inlineProgram";
import { ensurePython, installSdks, servePython } from "./python";
import {
    componentLauncher,
    engineEnv,
    packLauncher,
    prepareWorkDir,
    readProject,
    stateDirs,
    WorkspaceError,
} from "./workspace";

/** Commands that run the program, and so need a language host or the inline server. */
const PROGRAM_COMMANDS = new Set(["preview", "up", "update", "destroy", "refresh"]);
/** Commands that need no project. */
const PROJECTLESS = new Set(["version", "help", "--help", "-h", "about", "plugin", "whoami", "login", "logout"]);
/** `pulumi config` subcommands that write the stack file. */
const CONFIG_WRITES = new Set(["set", "set-all", "rm", "rm-all", "cp", "refresh"]);
/** Flags whose value is a path. */
const PATH_FLAGS = new Set(["--policy-pack", "--policy-pack-config", "--event-log", "--config-file"]);

export interface Invocation {
    /** The project directory (`-C` / `--cwd`), absolute. */
    cwd: string;
    /** What goes to the CLI, with paths made absolute and `--config-file` taken out. */
    args: string[];
    command?: string;
    subcommand?: string;
    stack?: string;
    configFile?: string;
}

/** Split our flags from the CLI's and make path values absolute against `base`. */
export function parseInvocation(argv: string[], base: string): Invocation {
    const args: string[] = [];
    const positionals: string[] = [];
    let cwd = base;
    let stack: string | undefined;
    let configFile: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--") {
            args.push(...argv.slice(i));
            break;
        }
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const takeValue = (): string => {
            if (eq > 0) {
                return arg.slice(eq + 1);
            }
            const value = argv[++i];
            if (value === undefined) {
                throw new WorkspaceError(`${flag} needs a value`);
            }
            return value;
        };
        if (flag === "-C" || flag === "--cwd") {
            cwd = path.resolve(base, takeValue());
        } else if (flag === "--config-file") {
            configFile = path.resolve(base, takeValue());
        } else if (PATH_FLAGS.has(flag)) {
            args.push(flag, path.resolve(base, takeValue()));
        } else if (flag === "-s" || flag === "--stack") {
            stack = takeValue();
            args.push("--stack", stack);
        } else {
            args.push(arg);
            if (!arg.startsWith("-")) {
                positionals.push(arg);
            }
        }
    }
    return { cwd, args, command: positionals[0], subcommand: positionals[1], stack, configFile };
}

function info(message: string): void {
    process.stderr.write(`[engine] ${message}\n`);
}

async function main(argv: string[]): Promise<number> {
    // npm runs scripts in the package root; INIT_CWD is where the user typed the command.
    const base = process.env.INIT_CWD ?? process.cwd();
    const inv = parseInvocation(argv, base);
    const cli = await ensureCli();
    const dirs = stateDirs();
    fs.mkdirSync(dirs.backend, { recursive: true });
    fs.mkdirSync(dirs.home, { recursive: true });
    const env = engineEnv(dirs);
    if (inv.args.includes("--event-log")) {
        // The CLI registers --event-log only with its debug commands on (cmd/pulumi/operations/preview.go).
        env.PULUMI_DEBUG_COMMANDS = "true";
    }
    if (inv.command === undefined || PROJECTLESS.has(inv.command)) {
        return (await runCli(cli.path, inv.args, base, env)).code;
    }
    if (inv.command === "config" && CONFIG_WRITES.has(inv.subcommand ?? "")) {
        throw new WorkspaceError(
            `pulumi config ${inv.subcommand} would change only the working copy, which every run copies afresh ` +
                "from your stack files: edit Pulumi.<stack>.yaml instead (npm run engine never writes it)",
        );
    }
    const project = readProject(inv.cwd, dirs);
    if (inv.configFile !== undefined && inv.stack === undefined) {
        throw new WorkspaceError(
            "--config-file needs --stack <name>: the file takes the place of that stack's file in the working copy",
        );
    }
    // Without a language host the CLI cannot start a component package from its source; it runs a launcher instead.
    const launchers = cli.languageHost ? [] : project.localPackages.map((pkg) => componentLauncher(dirs, pkg));
    prepareWorkDir(project, inv.configFile ? { stack: inv.stack!, file: inv.configFile } : undefined, launchers);

    const stackCommand = inv.command === "stack" && ["init", "rm", "select", "ls", "rename"].includes(inv.subcommand!);
    if (inv.stack !== undefined && !stackCommand) {
        // The first run of a stack creates it in the local backend (the passphrase provider writes its salt).
        const select = spawnSync(cli.path, ["stack", "select", "--create", inv.stack, "--non-interactive"], {
            cwd: project.workDir,
            env,
            encoding: "utf8",
        });
        if (select.status !== 0) {
            process.stderr.write(select.stderr);
            return select.status ?? 1;
        }
    }

    // Without a language host the CLI cannot run a pack directory; it runs a launcher for it instead.
    const args = cli.languageHost
        ? [...inv.args]
        : inv.args.map((arg, i) => (inv.args[i - 1] === "--policy-pack" ? packLauncher(dirs, arg) : arg));
    let close = () => {};
    const python = project.runtime === "python";
    if (PROGRAM_COMMANDS.has(inv.command) && python) {
        // There is no Python language host to run the program or to generate the SDKs of its packages, with any CLI
        // this wrapper builds: tools/engine/python.ts does both.
        const py = await ensurePython();
        const pythonPath = await installSdks(project, py, project.localPackages);
        const server = await servePython(py, project, pythonPath);
        close = server.close;
        args.push(`--client=${server.address}`, "--exec-kind", "auto.inline");
    } else if (PROGRAM_COMMANDS.has(inv.command) && cli.languageHost === undefined) {
        const server = await serveInline(project.main, project.mainDir);
        close = server.close;
        args.push(`--client=${server.address}`, "--exec-kind", "auto.inline");
    }
    if (process.env.OBSERVABLE_API_ENGINE_VERBOSE) {
        const program = python
            ? "served inline by tools/engine/python_program.py"
            : cli.languageHost
              ? `through ${cli.languageHost}`
              : "served inline";
        info(
            `pulumi v${cli.version} (${cli.source}: ${cli.path}); program ${program}; policy packs ${
                cli.languageHost ? "through the language host" : "through tools/engine/policyPackProxy.ts"
            }${launchers.length > 0 ? `; component packages through ${launchers.map((l) => l.path).join(", ")}` : ""}`,
        );
    }
    try {
        const start = process.hrtime.bigint();
        const { code } = await runCli(cli.path, args, project.workDir, env);
        const timings = process.env.OBSERVABLE_API_ENGINE_TIMINGS;
        if (timings) {
            // For the bench: the CLI's own time, from spawn to exit, without this wrapper's start-up.
            const cliMs = Number(process.hrtime.bigint() - start) / 1e6;
            fs.appendFileSync(timings, JSON.stringify({ command: inv.command, code, cliMs }) + "\n");
        }
        return code;
    } finally {
        close();
    }
}

function runCli(binary: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number }> {
    return new Promise((resolve, reject) => {
        const child = spawn(binary, args, { cwd, env, stdio: "inherit" });
        // Ctrl-C reaches the CLI through the terminal; it cancels cleanly, and we wait for it.
        const ignore = () => {};
        process.on("SIGINT", ignore);
        child.on("error", reject);
        child.on("close", (code, signal) => {
            process.off("SIGINT", ignore);
            resolve({ code: code ?? (signal ? 128 + 2 : 1) });
        });
    });
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err) => {
            const known = err instanceof WorkspaceError;
            process.stderr.write(`error: ${known ? (err as Error).message : ((err as Error).stack ?? err)}\n`);
            process.exit(known ? 2 : 1);
        },
    );
}
