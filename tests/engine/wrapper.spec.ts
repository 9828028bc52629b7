/**
 * `npm run engine` itself: the version, the files it must never write, and its own errors.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pinnedVersion } from "../../tools/engine/cli";
import { engine, freshState, ROOT, STACKS } from "./harness";

/** Every stack file of the repository, with its content: none may change. */
function stackFiles(): Map<string, string> {
    const files = execFileSync("git", ["ls-files", "*Pulumi*.yaml", `${STACKS}/*.yaml`], {
        cwd: ROOT,
        encoding: "utf8",
    })
        .split("\n")
        .filter((f) => f !== "");
    return new Map(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]));
}

describe("npm run engine", function () {
    const state = freshState("wrapper");

    it("version prints the CLI's version and nothing else", () => {
        const run = engine(state, "version");
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(run.stdout, `v${pinnedVersion()}\n`);
    });

    it("leaves every stack file as it was, and keeps a stack's salt from run to run", () => {
        const before = stackFiles();
        const first = engine(
            state,
            "preview",
            "--stack",
            "dev",
            "--config-file",
            `${STACKS}/prod-debug.yaml`,
            "--non-interactive",
        );
        assert.strictEqual(first.code, 0, first.stdout.slice(-2000));
        const copies = fs.readdirSync(path.join(state, "projects"));
        assert.strictEqual(copies.length, 1);
        const copy = path.join(state, "projects", copies[0], "Pulumi.dev.yaml");
        const salt = /^encryptionsalt: (\S+)$/m.exec(fs.readFileSync(copy, "utf8"))?.[1];
        assert.ok(salt, "the CLI wrote a salt into the working copy");
        const second = engine(state, "preview", "--stack", "dev", "--non-interactive");
        assert.strictEqual(second.code, 0, second.stdout.slice(-2000));
        assert.match(
            fs.readFileSync(copy, "utf8"),
            new RegExp(`^encryptionsalt: ${salt.replace(/[+/]/g, "\\$&")}$`, "m"),
        );
        assert.deepStrictEqual(stackFiles(), before);
    });

    it("refuses config set, which would change only the working copy", () => {
        const run = engine(state, "config", "set", "observable-api:stageName", "v2", "--stack", "dev");
        assert.strictEqual(run.code, 2);
        assert.strictEqual(
            run.stderr,
            "error: pulumi config set would change only the working copy, which every run copies afresh from your " +
                "stack files: edit Pulumi.<stack>.yaml instead (npm run engine never writes it)\n",
        );
    });

    it("wants --stack with --config-file, and a project in -C", () => {
        const noStack = engine(state, "preview", "--config-file", `${STACKS}/prod-debug.yaml`);
        assert.strictEqual(noStack.code, 2);
        assert.strictEqual(
            noStack.stderr,
            "error: --config-file needs --stack <name>: the file takes the place of that stack's file in the working copy\n",
        );
        const noProject = engine(state, "preview", "--stack", "dev", "-C", "components");
        assert.strictEqual(noProject.code, 2);
        assert.strictEqual(
            noProject.stderr,
            `error: ${path.join(ROOT, "components")} is not a Pulumi project: it has no Pulumi.yaml (use -C <dir> for another)\n`,
        );
    });
});
