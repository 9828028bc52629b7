import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { parseInvocation } from "../../../tools/engine/run";
import {
    componentLauncher,
    copyStackFile,
    engineEnv,
    packLauncher,
    PLUGINS_DIR,
    prepareWorkDir,
    readProject,
    ROOT,
    stateDirs,
    WorkspaceError,
} from "../../../tools/engine/workspace";

describe("the real engine's working copy", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "workspace-spec-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    function project(files: Record<string, string>): string {
        const dir = path.join(tmp, "project");
        fs.mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, name), text);
        }
        return dir;
    }

    it("points main back at the program, names the stand-in provider, and copies every stack file", () => {
        const dir = project({
            "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
        });
        const dirs = stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") });
        const p = readProject(dir, dirs);
        prepareWorkDir(p);
        assert.strictEqual(path.dirname(p.workDir), dirs.projects);
        assert.match(path.basename(p.workDir), /^demo-[0-9a-f]{8}$/);
        assert.deepStrictEqual(parseDocument(fs.readFileSync(path.join(p.workDir, "Pulumi.yaml"), "utf8")).toJS(), {
            name: "demo",
            runtime: "nodejs",
            main: dir,
            plugins: { providers: [{ name: "aws", path: PLUGINS_DIR }] },
        });
        assert.strictEqual(
            fs.readFileSync(path.join(p.workDir, "Pulumi.dev.yaml"), "utf8"),
            "config:\n  aws:region: eu-west-1\n",
        );
    });

    it("keeps the salt the CLI wrote into the copy when the stack file is copied again, and for --config-file", () => {
        const dir = project({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "Pulumi.dev.yaml": "config: {}\n" });
        const p = readProject(dir, stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") }));
        prepareWorkDir(p);
        const copy = path.join(p.workDir, "Pulumi.dev.yaml");
        fs.writeFileSync(copy, "config: {}\nencryptionsalt: v1:abc\n");
        prepareWorkDir(p);
        assert.strictEqual(fs.readFileSync(copy, "utf8"), "config: {}\nencryptionsalt: v1:abc\n");
        const other = path.join(tmp, "other.yaml");
        fs.writeFileSync(other, "config:\n  demo:x: y\n");
        prepareWorkDir(p, { stack: "dev", file: other });
        assert.strictEqual(fs.readFileSync(copy, "utf8"), "config:\n  demo:x: y\nencryptionsalt: v1:abc\n");
        assert.strictEqual(fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8"), "config: {}\n");
        assert.strictEqual(fs.readFileSync(other, "utf8"), "config:\n  demo:x: y\n");
    });

    it("copies a stack file that is not YAML as it is, for the CLI to report", () => {
        const source = path.join(tmp, "broken.yaml");
        fs.writeFileSync(source, "config:\n  a: [unclosed\n");
        copyStackFile(source, path.join(tmp, "copy.yaml"), "v1:abc");
        assert.strictEqual(fs.readFileSync(path.join(tmp, "copy.yaml"), "utf8"), "config:\n  a: [unclosed\n");
    });

    it("refuses a directory without Pulumi.yaml", () => {
        assert.throws(
            () => readProject(tmp, stateDirs({})),
            new WorkspaceError(`${tmp} is not a Pulumi project: it has no Pulumi.yaml (use -C <dir> for another)`),
        );
    });

    it("runs the CLI on a local file backend with passphrase secrets, no update checks and no downloads", () => {
        const dirs = stateDirs({ OBSERVABLE_API_ENGINE_STATE: "/s" });
        const env = engineEnv(dirs, { PATH: "/bin" });
        assert.deepStrictEqual(
            {
                home: env.PULUMI_HOME,
                backend: env.PULUMI_BACKEND_URL,
                passphrase: env.PULUMI_CONFIG_PASSPHRASE,
                updates: env.PULUMI_SKIP_UPDATE_CHECK,
                downloads: env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION,
            },
            {
                home: "/s/home",
                backend: "file:///s/backend",
                passphrase: "observable-api-local-engine",
                updates: "true",
                downloads: "true",
            },
        );
        assert.strictEqual(
            engineEnv(dirs, { PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }).PULUMI_CONFIG_PASSPHRASE,
            undefined,
        );
        assert.strictEqual(stateDirs({}).root, path.join(ROOT, ".pulumi", "engine"));
    });

    it("writes an executable launcher for a policy pack, next to a copy of its PulumiPolicy.yaml", () => {
        const dirs = stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") });
        const launcher = packLauncher(dirs, path.join(ROOT, "policies"));
        assert.match(path.relative(dirs.packs, launcher), /^policies-[0-9a-f]{8}\/policy-pack$/);
        assert.strictEqual(fs.statSync(launcher).mode & 0o111, 0o111);
        const dir = path.dirname(launcher);
        assert.strictEqual(
            fs.readFileSync(launcher, "utf8").split("\n")[2],
            `exec node '${path.join(dir, "policyPackProxy.js")}' '${path.join(ROOT, "policies")}' "$@"`,
        );
        assert.match(fs.readFileSync(path.join(dir, "policyPackProxy.js"), "utf8"), /^"use strict";/);
        assert.strictEqual(
            fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"),
            fs.readFileSync(path.join(ROOT, "policies", "PulumiPolicy.yaml"), "utf8"),
        );
        assert.throws(
            () => packLauncher(dirs, path.join(ROOT, "components")),
            new WorkspaceError(
                `--policy-pack ${path.join(ROOT, "components")} is not a policy pack: it has no PulumiPolicy.yaml`,
            ),
        );
    });

    it("reads the runtime and the local packages of packages:, leaving registry and git sources to the CLI", () => {
        const dir = project({
            "Pulumi.yaml": [
                "name: consumer",
                "runtime:",
                "  name: python",
                "  options: { toolchain: pip }",
                "packages:",
                "  observable-api: ../components",
                "  other: { source: ./vendor/other, version: 1.0.0 }",
                "  random: random@4.16.0",
                "  git: https://github.com/example/pkg",
                "",
            ].join("\n"),
        });
        const p = readProject(dir, stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") }));
        assert.strictEqual(p.runtime, "python");
        assert.deepStrictEqual(p.localPackages, [
            { name: "observable-api", dir: path.join(tmp, "components") },
            { name: "other", dir: path.join(dir, "vendor", "other") },
        ]);
        assert.strictEqual(
            readProject(project({ "Pulumi.yaml": "name: x\nruntime: nodejs\n" }), stateDirs({})).runtime,
            "nodejs",
        );
    });

    it("moves a package with a launcher from packages: to plugins: providers:, keeping the other packages", () => {
        const dir = project({
            "Pulumi.yaml":
                "name: consumer\nruntime: python\npackages:\n  observable-api: ../components\n  random: random@4.16.0\n",
        });
        const p = readProject(dir, stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") }));
        prepareWorkDir(p, undefined, [{ name: "observable-api", path: "/launchers/observable-api" }]);
        assert.deepStrictEqual(parseDocument(fs.readFileSync(path.join(p.workDir, "Pulumi.yaml"), "utf8")).toJS(), {
            name: "consumer",
            runtime: "python",
            main: dir,
            packages: { random: "random@4.16.0" },
            plugins: {
                providers: [
                    { name: "aws", path: PLUGINS_DIR },
                    { name: "observable-api", path: "/launchers/observable-api" },
                ],
            },
        });
        // With no package left, packages: goes; with no launcher, it stays as written.
        const only = project({
            "Pulumi.yaml": "name: c2\nruntime: python\npackages:\n  observable-api: ../components\n",
        });
        const q = readProject(only, stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") }));
        prepareWorkDir(q, undefined, [{ name: "observable-api", path: "/l" }]);
        assert.strictEqual(
            parseDocument(fs.readFileSync(path.join(q.workDir, "Pulumi.yaml"), "utf8")).get("packages"),
            undefined,
        );
        prepareWorkDir(q);
        assert.deepStrictEqual(
            parseDocument(fs.readFileSync(path.join(q.workDir, "Pulumi.yaml"), "utf8")).toJS().packages,
            {
                "observable-api": "../components",
            },
        );
    });

    it("writes an executable that starts a nodejs component package as the language host's RunPlugin does", () => {
        const dirs = stateDirs({ OBSERVABLE_API_ENGINE_STATE: path.join(tmp, "state") });
        const components = path.join(ROOT, "components");
        const launcher = componentLauncher(dirs, { name: "observable-api", dir: components });
        assert.strictEqual(path.dirname(launcher.path), path.join(dirs.root, "components"));
        assert.match(path.basename(launcher.path), /^observable-api-[0-9a-f]{8}$/);
        const file = path.join(launcher.path, "pulumi-resource-observable-api");
        assert.strictEqual(fs.statSync(file).mode & 0o111, 0o111);
        const runPlugin = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin", "index.js");
        assert.strictEqual(
            fs.readFileSync(file, "utf8").split("\n")[2],
            `exec node '${runPlugin}' '${components}' "$@"`,
        );
        assert.throws(
            () => componentLauncher(dirs, { name: "x", dir: path.join(ROOT, "policies") }),
            new WorkspaceError(
                `package x: ${path.join(ROOT, "policies")} is not a component package: it has no PulumiPlugin.yaml`,
            ),
        );
        const yamlPlugin = project({ "PulumiPlugin.yaml": "runtime: yaml\n" });
        assert.throws(
            () => componentLauncher(dirs, { name: "y", dir: yamlPlugin }),
            new WorkspaceError(
                `package y: npm run engine starts nodejs component packages only, and ${path.join(yamlPlugin, "PulumiPlugin.yaml")} says yaml`,
            ),
        );
    });
});

describe("npm run engine's arguments", () => {
    it("takes -C and --config-file for itself, makes path values absolute and passes the rest on", () => {
        const inv = parseInvocation(
            [
                "preview",
                "-C",
                "tests/x",
                "--stack=prod",
                "--policy-pack",
                "policies",
                "--config-file",
                "c.yaml",
                "--diff",
            ],
            "/repo",
        );
        assert.deepStrictEqual(inv, {
            cwd: "/repo/tests/x",
            args: ["preview", "--stack", "prod", "--policy-pack", "/repo/policies", "--diff"],
            command: "preview",
            subcommand: undefined,
            stack: "prod",
            configFile: "/repo/c.yaml",
        });
    });

    it("reads --cwd=, -s and --event-log=, and refuses a flag without its value", () => {
        const inv = parseInvocation(["up", "--cwd=/p", "-s", "dev", "--event-log=ev.json"], "/repo");
        assert.deepStrictEqual(
            [inv.cwd, inv.stack, inv.args],
            ["/p", "dev", ["up", "--stack", "dev", "--event-log", "/repo/ev.json"]],
        );
        assert.throws(
            () => parseInvocation(["preview", "--stack"], "/repo"),
            new WorkspaceError("--stack needs a value"),
        );
    });
});
