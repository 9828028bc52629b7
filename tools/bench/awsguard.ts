/**
 * The peer pack of the bench: `@pulumi/awsguard`, Pulumi's published AWS policy pack, as its README tells a team to
 * use it (a pack whose `index.js` is `new AwsGuard({ all: "mandatory" })`).
 *
 * It is installed on first use into `${XDG_CACHE_HOME:-$HOME/.cache}/observable-api/awsguard-<version>/`, outside
 * the repository: it depends on `@pulumi/aws` 4.x and the AWS SDK v2 (together a few hundred MB), which the project
 * itself never needs. `@pulumi/policy` and `@pulumi/pulumi` are pinned to the versions this repository runs, so the
 * two packs differ only in their policies and what those load.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const AWSGUARD_VERSION = "0.3.1";

const ROOT = path.resolve(__dirname, "..", "..");

function installedVersion(pkg: string): string {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
}

/** Where the peer pack lives, keyed by the versions it was installed with. */
export function awsGuardDir(env: NodeJS.ProcessEnv = process.env): string {
    const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
    const key = `awsguard-${AWSGUARD_VERSION}-policy-${installedVersion("@pulumi/policy")}`;
    return path.join(cacheHome, "observable-api", key);
}

/** The pack's files: what `pulumi policy new awsguard-typescript` gives, with every policy mandatory. */
export function awsGuardPackFiles(): Record<string, string> {
    const packageJson = {
        name: "bench-awsguard-peer",
        version: "0.0.0",
        private: true,
        description: "Pulumi's published AWS policy pack, as a team would run it; the bench's peer.",
        main: "index.js",
        dependencies: {
            "@pulumi/awsguard": AWSGUARD_VERSION,
            "@pulumi/policy": installedVersion("@pulumi/policy"),
            "@pulumi/pulumi": installedVersion("@pulumi/pulumi"),
        },
    };
    return {
        "package.json": JSON.stringify(packageJson, null, 2) + "\n",
        "PulumiPolicy.yaml": "runtime: nodejs\ndescription: Pulumi's AWSGuard, every policy mandatory.\n",
        "index.js": 'const { AwsGuard } = require("@pulumi/awsguard");\n\nnew AwsGuard({ all: "mandatory" });\n',
    };
}

/** The peer pack's directory, or why it is not available. */
export type PeerPack = { dir: string } | { unavailable: string };

/**
 * The installed peer pack, installing it first when it is missing. Progress goes to stderr; a failed install (no
 * registry, for one) is reported as the reason the peer was not measured, and leaves nothing half-installed.
 */
export function ensureAwsGuard(log: (line: string) => void = (l) => process.stderr.write(l + "\n")): PeerPack {
    const dir = awsGuardDir();
    const marker = path.join(dir, "node_modules", "@pulumi", "awsguard", "package.json");
    if (fs.existsSync(marker)) {
        return { dir };
    }
    const staging = `${dir}.installing-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    for (const [name, text] of Object.entries(awsGuardPackFiles())) {
        fs.writeFileSync(path.join(staging, name), text);
    }
    log(`bench: installing the peer pack @pulumi/awsguard ${AWSGUARD_VERSION} into ${dir} (once per machine) ...`);
    const started = Date.now();
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
        cwd: staging,
        encoding: "utf8",
    });
    if (result.status !== 0) {
        fs.rmSync(staging, { recursive: true, force: true });
        const why = (result.stderr || result.error?.message || "").trim().split("\n")[0];
        return { unavailable: `npm install @pulumi/awsguard@${AWSGUARD_VERSION} failed: ${why}` };
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    log(`bench: installed the peer pack in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { dir };
}
