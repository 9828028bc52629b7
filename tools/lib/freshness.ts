/**
 * Whether a TypeScript project's compiled output is older than its sources, and rebuilding it when it is, so that
 * the offline plan never runs an old policies/bin or components/bin.
 *
 * `tsc -b` records every file of a build in its `.tsbuildinfo`; a project is stale when that record is missing, or
 * when a recorded source, a TypeScript file of the project's own folder, or its tsconfig.json is newer than it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const SKIPPED_DIRS = new Set(["node_modules", "bin"]);

function newestTsFile(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) {
                newest = Math.max(newest, newestTsFile(path.join(dir, entry.name)));
            }
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            newest = Math.max(newest, fs.statSync(path.join(dir, entry.name)).mtimeMs);
        }
    }
    return newest;
}

/** Why `projectDir` needs a build, or undefined when its output is current (or it is not a TypeScript project). */
export function staleBuild(projectDir: string): string | undefined {
    const tsconfig = path.join(projectDir, "tsconfig.json");
    if (!fs.existsSync(tsconfig)) {
        return undefined;
    }
    const info = path.join(projectDir, "tsconfig.tsbuildinfo");
    if (!fs.existsSync(info)) {
        return "it has not been built yet";
    }
    const builtAt = fs.statSync(info).mtimeMs;
    if (fs.statSync(tsconfig).mtimeMs > builtAt || newestTsFile(projectDir) > builtAt) {
        return "a source file changed since the last build";
    }
    let recorded: string[] = [];
    try {
        recorded = (JSON.parse(fs.readFileSync(info, "utf8")).fileNames ?? []) as string[];
    } catch {
        return "its build record cannot be read";
    }
    for (const name of recorded) {
        if (name.includes("node_modules/")) {
            continue;
        }
        const file = path.resolve(projectDir, name);
        if (!fs.existsSync(file) || fs.statSync(file).mtimeMs > builtAt) {
            return `${path.relative(projectDir, file)} changed since the last build`;
        }
    }
    return undefined;
}

/**
 * Rebuild `projectDir` with `tsc -b` when it is stale, telling `log` why. Throws with tsc's first error when the
 * build fails, so the plan refuses to run an old build.
 */
export function ensureBuilt(projectDir: string, root: string, log: (line: string) => void): void {
    const reason = staleBuild(projectDir);
    if (reason === undefined) {
        return;
    }
    const shown = path.relative(process.cwd(), projectDir) || ".";
    log(`building ${shown} (${reason}): tsc -b ${shown}`);
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-b", projectDir], { encoding: "utf8" });
    if (run.status !== 0) {
        const first = `${run.stdout}${run.stderr}`.split("\n").find((l) => l.trim() !== "") ?? "tsc failed";
        throw new Error(`${shown} does not build, so the plan cannot use it: ${first.trim()}`);
    }
}
