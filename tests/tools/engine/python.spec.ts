import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    basePython,
    genSdkCommand,
    packageSchema,
    requiredVersion,
    REQUIREMENTS,
    venvDir,
} from "../../../tools/engine/python";
import { WorkspaceError } from "../../../tools/engine/workspace";

describe("the Python environment of npm run engine", () => {
    it("pins the Pulumi Python SDK no newer than the CLI, and pulumi-aws at the version of @pulumi/aws", () => {
        assert.strictEqual(requiredVersion("pulumi"), "3.272.0");
        const aws = JSON.parse(
            fs.readFileSync(
                path.join(__dirname, "..", "..", "..", "node_modules", "@pulumi", "aws", "package.json"),
                "utf8",
            ),
        ).version;
        assert.strictEqual(requiredVersion("pulumi-aws"), aws);
        assert.strictEqual(requiredVersion("pulumi_aws"), aws);
        // Every line is a comment or an exact pin.
        const lines = fs
            .readFileSync(REQUIREMENTS, "utf8")
            .split("\n")
            .filter((l) => l !== "" && !l.startsWith("#"));
        assert.deepStrictEqual(
            lines.filter((l) => !/^[A-Za-z0-9_.-]+==[0-9][\w.]*$/.test(l)),
            [],
        );
        assert.throws(() => requiredVersion("left-pad"), { message: `${REQUIREMENTS} does not pin left-pad` });
    });

    it("is cached beside the CLI, keyed by the Python version, the SDK version and the requirements", () => {
        const dir = venvDir("3.11", { XDG_CACHE_HOME: "/c" });
        assert.match(dir, /^\/c\/observable-api\/python-3\.11-pulumi-3\.272\.0-[0-9a-f]{8}$/);
        assert.strictEqual(
            venvDir("3.11", { HOME: "/h" }).replace(/-[0-9a-f]{8}$/, ""),
            "/h/.cache/observable-api/python-3.11-pulumi-3.272.0",
        );
        assert.notStrictEqual(venvDir("3.12", { XDG_CACHE_HOME: "/c" }), dir);
    });

    it("says which Python it needs when the interpreter cannot be run", () => {
        assert.throws(
            () => basePython({ ...process.env, OBSERVABLE_API_PYTHON: "/no/such/python3" }),
            new WorkspaceError(
                "a Python program needs Python 3.9 or newer: /no/such/python3 cannot be run (spawnSync /no/such/python3 ENOENT); " +
                    "set OBSERVABLE_API_PYTHON to an interpreter",
            ),
        );
    });

    it("generates a package's SDK from its committed schema.json, and says so when there is none", () => {
        const components = path.join(__dirname, "..", "..", "..", "components");
        assert.strictEqual(
            packageSchema({ name: "observable-api", dir: components }),
            path.join(components, "schema.json"),
        );
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-schema-"));
        try {
            assert.throws(
                () => packageSchema({ name: "x", dir: empty }),
                new WorkspaceError(
                    `package x (${empty}) has no schema.json to generate its Python SDK from (npm run schema writes it)`,
                ),
            );
        } finally {
            fs.rmSync(empty, { recursive: true });
        }
    });

    it("package gen-sdk for Python takes a source, --language and --out, and refuses anything else", async () => {
        await assert.rejects(
            genSdkCommand(["package", "gen-sdk", "components", "--language", "python", "--overlays", "x"], "/"),
            new WorkspaceError(
                "npm run engine's package gen-sdk for Python takes --language and --out only, not --overlays",
            ),
        );
        await assert.rejects(
            genSdkCommand(["package", "gen-sdk", "--language=python"], "/"),
            new WorkspaceError("package gen-sdk needs a package directory or schema file"),
        );
    });
});
