/**
 * Finds the Pulumi CLI the real-engine checks run, and builds it when there is none.
 *
 * In order: a `pulumi` on PATH that is at least {@link MIN_VERSION} (nothing is built); the binary cached by an
 * earlier build, `${XDG_CACHE_HOME:-$HOME/.cache}/observable-api/pulumi-v<version>/bin/pulumi`; otherwise a build
 * from the wrapper module in this folder (`go.mod` requires `github.com/pulumi/pulumi/pkg/v3` at the pinned version)
 * with the flags of Pulumi's own release build. Progress goes to stderr.
 *
 * `node -r ts-node/register/transpile-only tools/engine/cli.ts` builds or reuses the CLI and prints its path.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const MODULE_DIR = __dirname;

/**
 * The oldest CLI taken from PATH. The CLI should be at least as new as the Node.js SDK the project uses
 * (@pulumi/pulumi 3.270.0): a newer CLI with an older SDK is the supported direction.
 */
export const MIN_VERSION = "3.270.0";

export interface Cli {
    /** Absolute path of the `pulumi` binary. */
    path: string;
    /** Its version without the leading v, e.g. `3.274.1`. */
    version: string;
    /** Where it came from. */
    source: "path" | "cache" | "built";
    /** `pulumi-language-nodejs` on PATH or next to the binary, if there is one. */
    languageHost?: string;
}

/** The version the wrapper module pins: the `github.com/pulumi/pulumi/pkg/v3` requirement in go.mod. */
export function pinnedVersion(goMod = path.join(MODULE_DIR, "go.mod")): string {
    const text = fs.readFileSync(goMod, "utf8");
    const match = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 v(\d+\.\d+\.\d+)\b/m.exec(text);
    if (!match) {
        throw new Error(`${goMod} does not require github.com/pulumi/pulumi/pkg/v3 at a release version`);
    }
    return match[1];
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/observable-api/pulumi-v<version>/bin`. */
export function cacheBinDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
    const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
    return path.join(cacheHome, "observable-api", `pulumi-v${version}`, "bin");
}

/** Compare two `x.y.z` versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < 3; i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

/** The first executable `name` on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
    for (const dir of (env.PATH ?? "").split(path.delimiter)) {
        if (dir === "") {
            continue;
        }
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            if (fs.statSync(candidate).isFile()) {
                return candidate;
            }
        } catch {
            // not here
        }
    }
    return undefined;
}

/** The version `pulumi version` prints (`v3.274.1`), without the v; undefined when it cannot be read. */
export function cliVersion(binary: string): string | undefined {
    const res = spawnSync(binary, ["version"], {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    const match = /^v?(\d+\.\d+\.\d+)/.exec((res.stdout ?? "").trim());
    return res.status === 0 && match ? match[1] : undefined;
}

/** The language host the CLI would use for `runtime` (nodejs unless said): on PATH, or bundled next to the binary. */
export function findLanguageHost(
    cliPath: string,
    env: NodeJS.ProcessEnv = process.env,
    runtime = "nodejs",
): string | undefined {
    const ambient = onPath(`pulumi-language-${runtime}`, env);
    if (ambient) {
        return ambient;
    }
    const bundled = path.join(path.dirname(fs.realpathSync(cliPath)), `pulumi-language-${runtime}`);
    return fs.existsSync(bundled) ? bundled : undefined;
}

export function progress(message: string): void {
    process.stderr.write(`[engine] ${message}\n`);
}

export function minutes(ms: number): string {
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

export interface GoBuild {
    /** What is built, for progress lines: `pulumi v3.274.1`. */
    label: string;
    /** The main package, as `go build` takes it (an import path, or `./dir` inside this module). */
    pkg: string;
    /** The binary to write. */
    target: string;
    /** Extra `-X` settings for the linker. */
    stamp?: string[];
    /** A line about how long a cold build takes. */
    note?: string;
}

/**
 * `go build` a main package of (or required by) the wrapper module the way Pulumi's release builds the CLI
 * (`.goreleaser.yml`, `scripts/go-wrapper.sh`): no cgo, tags osusergo and grpcnotrace, stripped. Other mains built
 * with the same flags reuse the CLI's compiled packages from Go's build cache. Writes to a temporary name first, so
 * an interrupted build leaves nothing behind. Progress goes to stderr.
 */
export async function goBuild(build: GoBuild): Promise<string> {
    if (onPath("go") === undefined) {
        throw new Error(
            `building ${build.label} needs Go (1.24 or newer) on PATH; or put a pulumi >= ${MIN_VERSION} on PATH`,
        );
    }
    fs.mkdirSync(path.dirname(build.target), { recursive: true });
    const partial = `${build.target}.partial-${process.pid}`;
    const ldflags = ["-s", "-w", ...(build.stamp ?? []).map((x) => `-X ${x}`)].join(" ");
    const args = ["build", "-v", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", ldflags, "-o", partial];
    progress(
        `building ${build.label} from ${path.relative(process.cwd(), MODULE_DIR) || "."} into ${path.dirname(build.target)}`,
    );
    if (build.note) {
        progress(build.note);
    }
    const start = Date.now();
    let packages = 0;
    let lastReport = start;
    let tail: string[] = [];
    await new Promise<void>((resolve, reject) => {
        const child = spawn("go", [...args, build.pkg], {
            cwd: MODULE_DIR,
            env: { ...process.env, CGO_ENABLED: "0" },
            stdio: ["ignore", "inherit", "pipe"],
        });
        let buffered = "";
        child.stderr.on("data", (chunk: Buffer) => {
            buffered += chunk.toString();
            const lines = buffered.split("\n");
            buffered = lines.pop() ?? "";
            for (const line of lines) {
                // `go build -v` names each package as it is compiled; anything else is a download or an error.
                if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line.trim())) {
                    packages++;
                } else if (line.trim() !== "") {
                    tail = [...tail, line].slice(-20);
                }
            }
            const now = Date.now();
            if (now - lastReport >= 30_000) {
                lastReport = now;
                progress(`… ${packages} packages compiled (${minutes(now - start)})`);
            }
        });
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0) {
                resolve();
            } else {
                fs.rmSync(partial, { force: true });
                reject(new Error(`go build of ${build.label} failed with exit code ${code}:\n${tail.join("\n")}`));
            }
        });
    });
    fs.renameSync(partial, build.target);
    progress(`built ${build.label} in ${minutes(Date.now() - start)} (${packages} packages)`);
    return build.target;
}

/** Build the CLI, with the version stamped in: an empty version breaks the Automation API's version parsing. */
export function buildCli(version: string, binDir: string): Promise<string> {
    return goBuild({
        label: `pulumi v${version}`,
        pkg: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
        target: path.join(binDir, "pulumi"),
        stamp: [`github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`],
        note: "a cold build downloads the modules and compiles about 1,500 packages: several minutes on 2 cores",
    });
}

/** The CLI to run: see the module comment for the order. */
export async function ensureCli(env: NodeJS.ProcessEnv = process.env): Promise<Cli> {
    const ambient = onPath("pulumi", env);
    if (ambient) {
        const version = cliVersion(ambient);
        if (version !== undefined && compareVersions(version, MIN_VERSION) >= 0) {
            return { path: ambient, version, source: "path", languageHost: findLanguageHost(ambient, env) };
        }
        progress(
            `ignoring ${ambient} (version ${version ?? "unknown"}): older than ${MIN_VERSION}, using the pinned build`,
        );
    }
    const version = pinnedVersion();
    const binDir = cacheBinDir(version, env);
    const cached = path.join(binDir, "pulumi");
    if (fs.existsSync(cached) && cliVersion(cached) === version) {
        return { path: cached, version, source: "cache", languageHost: findLanguageHost(cached, env) };
    }
    const built = await buildCli(version, binDir);
    return { path: built, version, source: "built", languageHost: findLanguageHost(built, env) };
}

if (require.main === module) {
    ensureCli().then(
        (cli) => process.stdout.write(`${cli.path}\n`),
        (err) => {
            process.stderr.write(`error: ${(err as Error).message}\n`);
            process.exit(1);
        },
    );
}
