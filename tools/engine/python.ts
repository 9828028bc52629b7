/**
 * Python programs for `npm run engine`, on a machine with no Python language host (`pulumi-language-python`; the Go
 * module proxy here does not serve its module).
 *
 * - **The Python environment.** A virtual environment with exactly `python-requirements.txt` (the Pulumi Python SDK
 *   3.272.0, pulumi-aws 7.48.0 and what they pull in), created once per Python version and requirements file in
 *   `${XDG_CACHE_HOME:-$HOME/.cache}/observable-api/python-<major.minor>-pulumi-<sdk version>-<hash>/`, beside the
 *   CLI, and reused from there. Progress goes to stderr.
 * - **Component packages.** For each local package in the project's `packages:` (what `pulumi package add` writes
 *   there), the Python SDK is generated into the working copy, `sdks/<name>/` as `pulumi package add` lays it out,
 *   by `gensdk` (a main of the wrapper module that calls Pulumi's Python code generator, `tools/engine/gensdk`,
 *   built into the CLI's cache), from the package's committed `schema.json` (which tests/ci/plugin.spec.ts checks
 *   is exactly what the package's plugin answers to GetSchema). It is then installed without its dependencies
 *   (they are in the environment) into `python-packages/` of the working copy, which goes on PYTHONPATH: the
 *   generated SDK reads its own version from its installed metadata. Both are redone when the schema changes.
 * - **The program** is served as the Python Automation API serves an inline program (`pulumi.automation`, its
 *   `LanguageServer` on 127.0.0.1 and the CLI's `--client` flag) by `python_program.py`, which runs `__main__.py`
 *   (or the file `main` names) as the language host does, with `runpy.run_path`.
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import { cacheBinDir, goBuild, minutes, pinnedVersion, progress } from "./cli";
import type { InlineServer } from "./inlineProgram";
import { Project, WorkspaceError } from "./workspace";

export const REQUIREMENTS = path.join(__dirname, "python-requirements.txt");
const GENSDK_DIR = path.join(__dirname, "gensdk");
const PROGRAM_SERVER = path.join(__dirname, "python_program.py");
/** The Python the generated SDKs declare (`python_requires='>=3.9'`). */
const MIN_PYTHON = [3, 9];

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/** The exact version of a package in the requirements file. */
export function requiredVersion(name: string, file = REQUIREMENTS): string {
    const pattern = new RegExp(`^${name.replace(/[-_]/g, "[-_]")}==(\\S+)$`, "im");
    const match = pattern.exec(fs.readFileSync(file, "utf8"));
    if (!match) {
        throw new Error(`${file} does not pin ${name}`);
    }
    return match[1];
}

export interface PythonEnv {
    /** The environment's interpreter. */
    python: string;
    dir: string;
    /** `3.11`. */
    pythonVersion: string;
    /** The Pulumi Python SDK's version, `3.272.0`. */
    sdkVersion: string;
    source: "cache" | "created";
}

/** The base interpreter: `$OBSERVABLE_API_PYTHON`, else `python3` on PATH; its version as `[major, minor]`. */
export function basePython(env: NodeJS.ProcessEnv = process.env): { python: string; version: number[] } {
    const python = env.OBSERVABLE_API_PYTHON || "python3";
    const res = spawnSync(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" });
    const match = /^(\d+)\.(\d+)$/.exec((res.stdout ?? "").trim());
    if (res.status !== 0 || !match) {
        throw new WorkspaceError(
            `a Python program needs Python ${MIN_PYTHON.join(".")} or newer: ${python} ${
                res.error ? `cannot be run (${res.error.message})` : "did not report its version"
            }; set OBSERVABLE_API_PYTHON to an interpreter`,
        );
    }
    const version = [Number(match[1]), Number(match[2])];
    if (version[0] < MIN_PYTHON[0] || (version[0] === MIN_PYTHON[0] && version[1] < MIN_PYTHON[1])) {
        throw new WorkspaceError(
            `a Python program needs Python ${MIN_PYTHON.join(".")} or newer, and ${python} is ${version.join(".")}`,
        );
    }
    return { python, version };
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/observable-api/python-<major.minor>-pulumi-<sdk>-<hash of the requirements>`. */
export function venvDir(pythonVersion: string, env: NodeJS.ProcessEnv = process.env): string {
    const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
    const hash = sha(fs.readFileSync(REQUIREMENTS)).slice(0, 8);
    return path.join(
        cacheHome,
        "observable-api",
        `python-${pythonVersion}-pulumi-${requiredVersion("pulumi")}-${hash}`,
    );
}

/** Written last into a complete environment; an environment without it is made again. */
const COMPLETE = ".observable-api-complete";

/** The environment Python programs run in: reused when complete, otherwise created (see the module comment). */
export async function ensurePython(env: NodeJS.ProcessEnv = process.env): Promise<PythonEnv> {
    const base = basePython(env);
    const pythonVersion = base.version.join(".");
    const dir = venvDir(pythonVersion, env);
    const python = path.join(dir, "bin", "python");
    const sdkVersion = requiredVersion("pulumi");
    if (fs.existsSync(path.join(dir, COMPLETE))) {
        return { python, dir, pythonVersion, sdkVersion, source: "cache" };
    }
    fs.rmSync(dir, { recursive: true, force: true });
    const count = fs
        .readFileSync(REQUIREMENTS, "utf8")
        .split("\n")
        .filter((l) => /^[A-Za-z]/.test(l)).length;
    progress(`creating the Python ${pythonVersion} environment for Python programs in ${dir}`);
    progress(
        `installing ${count} pinned packages (pulumi ${sdkVersion}, pulumi-aws ${requiredVersion("pulumi-aws")}) ` +
            "from tools/engine/python-requirements.txt: about a minute, and 350 MB",
    );
    const start = Date.now();
    const made = spawnSync(base.python, ["-m", "venv", dir], { encoding: "utf8" });
    if (made.status !== 0) {
        throw new Error(`${base.python} -m venv ${dir} failed: ${made.stderr}`);
    }
    let installed = 0;
    let lastReport = start;
    const tail: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(
            python,
            [
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-input",
                "--progress-bar",
                "off",
                "-r",
                REQUIREMENTS,
            ],
            { stdio: ["ignore", "pipe", "pipe"], env: { ...env, PIP_REQUIRE_VIRTUALENV: "true" } },
        );
        const lines = readline.createInterface({ input: child.stdout! });
        lines.on("line", (line) => {
            tail.push(line);
            tail.splice(0, Math.max(0, tail.length - 20));
            // pip names each requirement as it collects it; the last line lists what it installed.
            if (/^Collecting /.test(line)) {
                installed++;
            }
            const now = Date.now();
            if (now - lastReport >= 15_000 || /^Successfully installed/.test(line)) {
                lastReport = now;
                progress(`… ${installed} of ${count} packages collected (${minutes(now - start)})`);
            }
        });
        child.stderr!.on("data", (d: Buffer) =>
            tail.push(
                ...d
                    .toString()
                    .split("\n")
                    .filter((l) => l !== ""),
            ),
        );
        child.on("error", reject);
        child.on("close", resolve);
    });
    if (code !== 0) {
        throw new Error(`pip install -r ${REQUIREMENTS} failed with exit code ${code}:\n${tail.join("\n")}`);
    }
    fs.writeFileSync(path.join(dir, COMPLETE), `${new Date().toISOString()}\n`);
    progress(`created the Python environment in ${minutes(Date.now() - start)}`);
    return { python, dir, pythonVersion, sdkVersion, source: "created" };
}

/**
 * `gensdk`, built into the CLI's cache (`pulumi-v<version>/bin/gensdk-<hash>`), keyed by the hash of its source and
 * of the wrapper module's `go.mod` and `go.sum`, so that a change to any of them builds it again.
 */
export async function ensureGenSdk(env: NodeJS.ProcessEnv = process.env): Promise<string> {
    const version = pinnedVersion();
    const hash = sha(
        Buffer.concat([
            fs.readFileSync(path.join(GENSDK_DIR, "main.go")),
            fs.readFileSync(path.join(__dirname, "go.mod")),
            fs.readFileSync(path.join(__dirname, "go.sum")),
        ]),
    ).slice(0, 8);
    const target = path.join(cacheBinDir(version, env), `gensdk-${hash}`);
    if (fs.existsSync(target)) {
        return target;
    }
    return goBuild({
        label: `gensdk (Pulumi's Python code generator, pkg/v3 v${version})`,
        pkg: "./gensdk",
        target,
        note: "it shares most packages with the CLI, so with the CLI built this takes well under a minute",
    });
}

export interface LocalPackage {
    /** The package name, the key under `packages:`. */
    name: string;
    /** The package directory, absolute. */
    dir: string;
}

/** The schema a local package ships (`schema.json` in its directory). */
export function packageSchema(pkg: LocalPackage): string {
    const file = path.join(pkg.dir, "schema.json");
    if (!fs.existsSync(file)) {
        throw new WorkspaceError(
            `package ${pkg.name} (${pkg.dir}) has no schema.json to generate its Python SDK from (npm run schema writes it)`,
        );
    }
    return file;
}

/** Where the working copy keeps installed SDKs: on the program's PYTHONPATH. */
export function sitePackages(project: Project): string {
    return path.join(project.workDir, "python-packages");
}

/**
 * Generate and install the Python SDK of each local package, unless the one installed was made from the same schema
 * and the same generator. Returns the PYTHONPATH entry that holds them.
 */
export async function installSdks(project: Project, py: PythonEnv, packages: LocalPackage[]): Promise<string> {
    const site = sitePackages(project);
    if (packages.length === 0) {
        return site;
    }
    const gensdk = await ensureGenSdk();
    fs.mkdirSync(site, { recursive: true });
    for (const pkg of packages) {
        const schema = packageSchema(pkg);
        const out = path.join(project.workDir, "sdks", pkg.name);
        const stamp = path.join(site, `.${pkg.name}.stamp`);
        const key = `${sha(fs.readFileSync(schema))} ${path.basename(gensdk)} ${py.dir}\n`;
        if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === key) {
            continue;
        }
        const start = Date.now();
        const gen = spawnSync(gensdk, ["-schema", schema, "-language", "python", "-out", out], { encoding: "utf8" });
        if (gen.status !== 0) {
            throw new Error(`generating the Python SDK of ${pkg.name} failed:\n${gen.stderr}`);
        }
        // --no-deps: the SDK's requirements (pulumi, pulumi_aws, semver, …) are the environment's, pinned there.
        const install = spawnSync(
            py.python,
            [
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-input",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--upgrade",
                "--target",
                site,
                out,
            ],
            { encoding: "utf8" },
        );
        if (install.status !== 0) {
            throw new Error(`installing the Python SDK of ${pkg.name} from ${out} failed:\n${install.stderr}`);
        }
        fs.writeFileSync(stamp, key);
        progress(
            `generated and installed the Python SDK of ${pkg.name} into ${path.relative(process.cwd(), out)} ` +
                `in ${((Date.now() - start) / 1000).toFixed(1)} s`,
        );
    }
    return site;
}

/**
 * `pulumi package gen-sdk <source> --language python [--out <dir>]` for a CLI without a Python language host:
 * `source` is a package directory holding `schema.json`, or a schema file; the SDK goes to `<out>/python` (`out`
 * defaults to `sdks`), where the CLI writes it. Relative paths are relative to `base`. Returns the exit code.
 */
export async function genSdkCommand(args: string[], base: string): Promise<number> {
    const positionals: string[] = [];
    let out = "sdks";
    for (let i = 0; i < args.length; i++) {
        const [flag, inline] = args[i].startsWith("--") ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
        const value = () => inline ?? args[++i];
        if (flag === "--out" || flag === "-o") {
            out = value();
        } else if (flag === "--language") {
            value();
        } else if (flag.startsWith("-")) {
            throw new WorkspaceError(
                `npm run engine's package gen-sdk for Python takes --language and --out only, not ${flag}`,
            );
        } else {
            positionals.push(args[i]);
        }
    }
    const source = positionals[2];
    if (source === undefined) {
        throw new WorkspaceError("package gen-sdk needs a package directory or schema file");
    }
    const resolved = path.resolve(base, source);
    const schema =
        fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()
            ? packageSchema({ name: path.basename(resolved), dir: resolved })
            : resolved;
    const gensdk = await ensureGenSdk();
    const target = path.join(path.resolve(base, out), "python");
    const res = spawnSync(gensdk, ["-schema", schema, "-language", "python", "-out", target], { stdio: "inherit" });
    return res.status ?? 1;
}

/**
 * Serve the Python program `main` (a directory holding `__main__.py`, or a file) for `--client`, from a Python
 * process of the environment `py`, with `pythonPath` in front of its module path.
 */
export function servePython(py: PythonEnv, project: Project, pythonPath: string): Promise<InlineServer> {
    return new Promise((resolve, reject) => {
        const child = spawn(py.python, ["-u", PROGRAM_SERVER, project.main, project.mainDir], {
            stdio: ["ignore", "pipe", "inherit"],
            env: {
                ...process.env,
                PYTHONPATH: [pythonPath, process.env.PYTHONPATH].filter((p) => p).join(path.delimiter),
                // The generated SDKs and the program's own modules: no bytecode written into the user's folders.
                PYTHONDONTWRITEBYTECODE: "1",
            },
        });
        let served = false;
        child.on("error", reject);
        child.on("exit", (code, signal) => {
            if (!served) {
                reject(new Error(`the Python program server exited before it served (${code ?? signal})`));
            }
        });
        const lines = readline.createInterface({ input: child.stdout! });
        lines.on("line", (line) => {
            if (!served) {
                served = true;
                resolve({ address: `127.0.0.1:${line.trim()}`, close: () => child.kill("SIGTERM") });
            } else {
                // What the program prints, as the language host would pass it on.
                process.stdout.write(line + "\n");
            }
        });
    });
}
