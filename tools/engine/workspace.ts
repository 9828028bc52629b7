/**
 * Where the real engine keeps its state for this project, and the working copy of a Pulumi project it runs in.
 *
 * Everything lives under one state folder (`.pulumi/engine/` in the repository, git-ignored, or
 * `$OBSERVABLE_API_ENGINE_STATE`): `backend/` (a local file backend), `home/` (PULUMI_HOME: workspace settings, no
 * plugins), `projects/<name>-<hash>/`, one working copy per project directory, and, for a CLI without a Node.js
 * language host, `packs/<name>-<hash>/`, the launcher of each policy pack, and `components/<name>-<hash>/`, the
 * launcher of each local component package.
 *
 * A working copy holds the project's `Pulumi.yaml` and stack files, so that nothing the CLI writes touches the
 * user's files (the passphrase secrets provider writes an `encryptionsalt` into the stack file). Its `Pulumi.yaml`
 * differs from the user's in these ways only: `main` points back at the user's program, `plugins: providers:`
 * names the stand-in aws provider in `tools/engine/plugins/`, and, without a Node.js language host, each local
 * component package of `packages:` moves to `plugins: providers:` as its launcher. Stack files are copied afresh on
 * every run, keeping the salt of the previous copy. A Python project's working copy also holds its generated SDKs
 * (`tools/engine/python.ts`).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { parseDocument } from "yaml";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PLUGINS_DIR = path.join(__dirname, "plugins");

/** The passphrase of the local stacks when the user has set none: these stacks hold no real secrets. */
export const DEFAULT_PASSPHRASE = "observable-api-local-engine";

export interface StateDirs {
    root: string;
    backend: string;
    home: string;
    projects: string;
    packs: string;
}

export function stateDirs(env: NodeJS.ProcessEnv = process.env): StateDirs {
    const root = path.resolve(env.OBSERVABLE_API_ENGINE_STATE || path.join(ROOT, ".pulumi", "engine"));
    return {
        root,
        backend: path.join(root, "backend"),
        home: path.join(root, "home"),
        projects: path.join(root, "projects"),
        packs: path.join(root, "packs"),
    };
}

/** The environment the CLI runs with: local file backend, passphrase secrets, no update checks, no downloads. */
export function engineEnv(dirs: StateDirs, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    const passphrase =
        env.PULUMI_CONFIG_PASSPHRASE !== undefined || env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined
            ? {}
            : { PULUMI_CONFIG_PASSPHRASE: DEFAULT_PASSPHRASE };
    return {
        ...env,
        ...passphrase,
        PULUMI_HOME: dirs.home,
        PULUMI_BACKEND_URL: `file://${dirs.backend}`,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // A real language host, when there is one, compiles TypeScript as the inline path does: without type checks.
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        TS_NODE_TRANSPILE_ONLY: "true",
    };
}

export class WorkspaceError extends Error {}

export interface Project {
    /** The user's project directory. */
    dir: string;
    name: string;
    /** `main` of Pulumi.yaml, resolved (a file or a directory), or the project directory. */
    main: string;
    /** The program's working directory: `main` itself when it is a directory, otherwise the directory holding it. */
    mainDir: string;
    /** Where the stack files are (`stackConfigDir`, or the project directory). */
    stackConfigDir: string;
    /** The working copy the CLI runs in. */
    workDir: string;
    /** The runtime's name (`nodejs`, `python`, …). */
    runtime: string;
    /** The entries of `packages:` whose source is a local directory (what `pulumi package add <dir>` writes). */
    localPackages: { name: string; dir: string }[];
}

export function readProject(dir: string, dirs: StateDirs): Project {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new WorkspaceError(`${dir} is not a Pulumi project: it has no Pulumi.yaml (use -C <dir> for another)`);
    }
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    if (doc.errors.length > 0) {
        throw new WorkspaceError(`${file} is not valid YAML: ${doc.errors[0].message.split("\n")[0]}`);
    }
    const proj = (doc.toJS() ?? {}) as {
        name?: unknown;
        main?: unknown;
        stackConfigDir?: unknown;
        runtime?: unknown;
        packages?: unknown;
    };
    if (typeof proj.name !== "string" || proj.name === "") {
        throw new WorkspaceError(`${file} has no project name`);
    }
    const main = path.resolve(dir, typeof proj.main === "string" ? proj.main : ".");
    const mainDir = fs.existsSync(main) && fs.statSync(main).isFile() ? path.dirname(main) : main;
    const hash = createHash("sha256").update(dir).digest("hex").slice(0, 8);
    return {
        dir,
        name: proj.name,
        main,
        mainDir,
        stackConfigDir: path.resolve(dir, typeof proj.stackConfigDir === "string" ? proj.stackConfigDir : "."),
        workDir: path.join(dirs.projects, `${proj.name}-${hash}`),
        runtime: runtimeName(proj.runtime),
        localPackages: localPackages(dir, proj.packages),
    };
}

/** `runtime: python` or `runtime: {name: python, options: …}`. */
function runtimeName(runtime: unknown): string {
    if (typeof runtime === "string") {
        return runtime;
    }
    const name = (runtime as { name?: unknown } | null)?.name;
    return typeof name === "string" ? name : "";
}

/**
 * The `packages:` entries that name a local directory, as a path or as `{source: <path>}`; the others (registry
 * names, git URLs) are left to the CLI.
 */
function localPackages(dir: string, packages: unknown): { name: string; dir: string }[] {
    if (packages === null || typeof packages !== "object") {
        return [];
    }
    return Object.entries(packages as Record<string, unknown>).flatMap(([name, value]) => {
        const source = typeof value === "string" ? value : (value as { source?: unknown } | null)?.source;
        if (typeof source !== "string" || !/^(\.{1,2}(\/|$)|\/)/.test(source)) {
            return [];
        }
        return [{ name, dir: path.resolve(dir, source) }];
    });
}

/** The salt a stack file holds, if any (unparseable files hold none). */
function saltOf(file: string): string | undefined {
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    const salt = doc.errors.length === 0 ? doc.get("encryptionsalt") : undefined;
    return typeof salt === "string" ? salt : undefined;
}

const STACK_FILE = /^Pulumi\..+\.ya?ml$/;

/**
 * The salts the CLI wrote into earlier copies, by stack file name, kept in `.salts.json` so that a stack keeps its
 * salt when its file is copied afresh, or comes from `--config-file` for one run.
 */
function rememberSalts(workDir: string): Record<string, string> {
    const file = path.join(workDir, ".salts.json");
    const salts: Record<string, string> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
    for (const entry of fs.readdirSync(workDir)) {
        if (STACK_FILE.test(entry)) {
            const salt = saltOf(path.join(workDir, entry));
            if (salt !== undefined) {
                salts[entry] = salt;
            }
        }
    }
    fs.writeFileSync(file, JSON.stringify(salts, null, 2) + "\n");
    return salts;
}

/**
 * Copy a stack file to `dest`, adding `salt` when the source has none. A file that is not valid YAML is copied as
 * it is, so that the CLI reports it in its own words.
 */
export function copyStackFile(source: string, dest: string, salt: string | undefined): void {
    const text = fs.readFileSync(source, "utf8");
    const doc = parseDocument(text);
    if (salt === undefined || doc.errors.length > 0 || doc.has("encryptionsalt")) {
        fs.writeFileSync(dest, text);
        return;
    }
    doc.set("encryptionsalt", salt);
    fs.writeFileSync(dest, doc.toString());
}

/**
 * Write the working copy: Pulumi.yaml (main and plugins changed) and the project's stack files, with
 * `override.file` in place of the stack file of `override.stack` (what `--config-file` asks for). `providers` are
 * further `plugins: providers:` entries; a package they name is taken out of `packages:`, so that the CLI starts
 * the given executable rather than the package's source.
 */
export function prepareWorkDir(
    project: Project,
    override?: { stack: string; file: string },
    providers: { name: string; path: string }[] = [],
): void {
    fs.mkdirSync(project.workDir, { recursive: true });
    const salts = rememberSalts(project.workDir);
    const doc = parseDocument(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"));
    doc.set("main", project.main);
    doc.delete("stackConfigDir");
    const plugins = (doc.toJS()?.plugins ?? {}) as Record<string, { name: string }[] | undefined>;
    const replaced = new Set(["aws", ...providers.map((p) => p.name)]);
    doc.set("plugins", {
        ...plugins,
        providers: [
            ...(plugins.providers ?? []).filter((p) => !replaced.has(p.name)),
            { name: "aws", path: PLUGINS_DIR },
            ...providers,
        ],
    });
    const packages = doc.get("packages");
    if (providers.length > 0 && packages !== undefined) {
        for (const { name } of providers) {
            doc.deleteIn(["packages", name]);
        }
        if (Object.keys((doc.toJS()?.packages ?? {}) as object).length === 0) {
            doc.delete("packages");
        }
    }
    fs.writeFileSync(path.join(project.workDir, "Pulumi.yaml"), doc.toString());
    for (const entry of fs.readdirSync(project.workDir)) {
        if (STACK_FILE.test(entry)) {
            fs.rmSync(path.join(project.workDir, entry));
        }
    }
    const sources = new Map<string, string>();
    for (const entry of fs.readdirSync(project.stackConfigDir)) {
        if (STACK_FILE.test(entry) && entry !== "Pulumi.yaml") {
            sources.set(entry, path.join(project.stackConfigDir, entry));
        }
    }
    if (override !== undefined) {
        for (const ext of ["yaml", "yml"]) {
            sources.delete(`Pulumi.${override.stack}.${ext}`);
        }
        sources.set(`Pulumi.${override.stack}.yaml`, override.file);
    }
    for (const [entry, source] of sources) {
        copyStackFile(source, path.join(project.workDir, entry), salts[entry]);
    }
}

/**
 * An executable that starts the pack in `packDir` through `tools/engine/policyPackProxy.ts`, for `--policy-pack`
 * when the CLI has no Node.js language host to run a pack directory. The pack's PulumiPolicy.yaml is copied next to
 * it, where the CLI looks for it. The proxy is transpiled next to it too (it imports nothing but Node's own
 * modules), so that starting a pack does not pay for ts-node: the language host's own proxy is compiled Go.
 */
export function packLauncher(dirs: StateDirs, packDir: string): string {
    const policy = path.join(packDir, "PulumiPolicy.yaml");
    if (!fs.existsSync(policy)) {
        throw new WorkspaceError(`--policy-pack ${packDir} is not a policy pack: it has no PulumiPolicy.yaml`);
    }
    const hash = createHash("sha256").update(packDir).digest("hex").slice(0, 8);
    const dir = path.join(dirs.packs, `${path.basename(packDir)}-${hash}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(policy, path.join(dir, "PulumiPolicy.yaml"));
    const source = fs.readFileSync(path.join(__dirname, "policyPackProxy.ts"), "utf8");
    const proxy = path.join(dir, "policyPackProxy.js");
    fs.writeFileSync(
        proxy,
        ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
        }).outputText,
    );
    const launcher = path.join(dir, "policy-pack");
    const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    fs.writeFileSync(
        launcher,
        [
            "#!/usr/bin/env bash",
            "# Written by npm run engine (tools/engine/workspace.ts): starts one policy pack for the Pulumi CLI.",
            `exec node ${quote(proxy)} ${quote(packDir)} "$@"`,
            "",
        ].join("\n"),
        { mode: 0o755 },
    );
    return launcher;
}

/**
 * An executable `pulumi-resource-<name>` that starts the component package in `pkg.dir` as the Node.js language
 * host's RunPlugin starts a plugin whose PulumiPlugin.yaml says `runtime: nodejs`: `node <@pulumi/pulumi/cmd/
 * run-plugin, resolved from the package> <package dir> <the engine's arguments>`. It is written into
 * `components/<name>-<hash>/` of the state folder, for `plugins: providers:` of the working copy, when the CLI has no
 * language host to run the package itself.
 */
export function componentLauncher(dirs: StateDirs, pkg: { name: string; dir: string }): { name: string; path: string } {
    const plugin = path.join(pkg.dir, "PulumiPlugin.yaml");
    if (!fs.existsSync(plugin)) {
        throw new WorkspaceError(
            `package ${pkg.name}: ${pkg.dir} is not a component package: it has no PulumiPlugin.yaml`,
        );
    }
    const runtime = runtimeName(parseDocument(fs.readFileSync(plugin, "utf8")).toJS()?.runtime);
    if (runtime !== "nodejs") {
        throw new WorkspaceError(
            `package ${pkg.name}: npm run engine starts nodejs component packages only, and ${plugin} says ${runtime || "no runtime"}`,
        );
    }
    let runPlugin: string;
    try {
        runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [pkg.dir] });
    } catch {
        throw new WorkspaceError(`package ${pkg.name}: @pulumi/pulumi cannot be resolved from ${pkg.dir} (run npm ci)`);
    }
    const hash = createHash("sha256").update(pkg.dir).digest("hex").slice(0, 8);
    const dir = path.join(dirs.root, "components", `${pkg.name}-${hash}`);
    fs.mkdirSync(dir, { recursive: true });
    const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    fs.writeFileSync(
        path.join(dir, `pulumi-resource-${pkg.name}`),
        [
            "#!/usr/bin/env bash",
            "# Written by npm run engine (tools/engine/workspace.ts): starts one component package for the Pulumi CLI.",
            `exec node ${quote(runPlugin)} ${quote(pkg.dir)} "$@"`,
            "",
        ].join("\n"),
        { mode: 0o755 },
    );
    return { name: pkg.name, path: dir };
}
