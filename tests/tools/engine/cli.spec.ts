import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cacheBinDir, compareVersions, MIN_VERSION, onPath, pinnedVersion } from "../../../tools/engine/cli";
import { packEnv } from "../../../tools/engine/policyPackProxy";

describe("the Pulumi CLI the real-engine checks use", () => {
    it("is pinned by the wrapper module's requirement of pkg/v3", () => {
        assert.strictEqual(pinnedVersion(), "3.274.1");
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-spec-"));
        const goMod = path.join(tmp, "go.mod");
        fs.writeFileSync(goMod, "module x\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.1.0\n");
        assert.throws(
            () => pinnedVersion(goMod),
            new Error(`${goMod} does not require github.com/pulumi/pulumi/pkg/v3 at a release version`),
        );
        fs.rmSync(tmp, { recursive: true });
    });

    it("is cached under ${XDG_CACHE_HOME:-$HOME/.cache}/observable-api/pulumi-v<version>/bin", () => {
        assert.strictEqual(cacheBinDir("3.274.1", { XDG_CACHE_HOME: "/c" }), "/c/observable-api/pulumi-v3.274.1/bin");
        assert.strictEqual(cacheBinDir("3.274.1", { HOME: "/h" }), "/h/.cache/observable-api/pulumi-v3.274.1/bin");
    });

    it("is taken from PATH only when at least as new as the Node SDK", () => {
        assert.strictEqual(MIN_VERSION, "3.270.0");
        assert.ok(compareVersions("3.274.1", MIN_VERSION) > 0);
        assert.strictEqual(compareVersions("3.270.0", MIN_VERSION), 0);
        assert.ok(compareVersions("3.99.0", MIN_VERSION) < 0);
        assert.ok(compareVersions("4.0.0", "3.999.9") > 0);
    });

    it("finds executables on PATH and ignores files that are not", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-spec-"));
        fs.writeFileSync(path.join(tmp, "pulumi"), "");
        assert.strictEqual(onPath("pulumi", { PATH: tmp }), undefined);
        fs.chmodSync(path.join(tmp, "pulumi"), 0o755);
        assert.strictEqual(onPath("pulumi", { PATH: `/nonexistent${path.delimiter}${tmp}` }), path.join(tmp, "pulumi"));
        fs.rmSync(tmp, { recursive: true });
    });
});

describe("the policy pack proxy", () => {
    it("starts the pack with the stack's context and config, as the language host does", () => {
        const request = {
            getOrganization: () => "organization",
            getProject: () => "observable-api",
            getStack: () => "prod",
            getDryRun: () => true,
            getConfigMap: () => new Map([["aws:region", "eu-west-1"]]),
        };
        assert.deepStrictEqual(packEnv(request), {
            PULUMI_NODEJS_TYPESCRIPT: "true",
            PULUMI_NODEJS_ORGANIZATION: "organization",
            PULUMI_NODEJS_PROJECT: "observable-api",
            PULUMI_NODEJS_STACK: "prod",
            PULUMI_NODEJS_DRY_RUN: "true",
            PULUMI_CONFIG: '{"aws:region":"eu-west-1"}',
        });
        assert.deepStrictEqual(packEnv(undefined), { PULUMI_NODEJS_TYPESCRIPT: "true" });
    });
});
