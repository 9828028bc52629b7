/**
 * `npm run -s package`: builds the components package and packs it, printing the tarball's absolute path as the
 * last line of stdout (everything else goes to stderr), so that a script can `npm install "$(npm run -s package)"`.
 *
 * `npm pack` prints only the file name, and a package's prepack and prepare scripts write to stdout even with -s,
 * so the pack runs with its output captured and the path is printed from its JSON report.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ensureBuilt } from "./lib/freshness";

const ROOT = path.resolve(__dirname, "..");
const COMPONENTS = path.join(ROOT, "components");
/** Where tarballs go: ignored by git, inside the repository so that CI can find them. */
export const DIST = path.join(ROOT, "dist");

export function pack(dest = DIST): string {
    ensureBuilt(COMPONENTS, ROOT, (line) => process.stderr.write(`${line}\n`));
    fs.mkdirSync(dest, { recursive: true });
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = execFileSync(npm, ["pack", "--json", "--pack-destination", dest], {
        cwd: COMPONENTS,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    // The JSON report is the last thing npm prints; lifecycle scripts may have printed before it.
    const report = JSON.parse(out.slice(out.indexOf("[")));
    return path.resolve(dest, report[0].filename);
}

if (require.main === module) {
    try {
        process.stdout.write(`${pack()}\n`);
    } catch (err) {
        process.stderr.write(`package: ${(err as Error).message}\n`);
        process.exit(1);
    }
}
