/**
 * The plan's freshness check on a real (tiny) TypeScript project: a project never built, or whose source changed
 * after its build, is rebuilt before use; one that does not compile stops the plan with tsc's first error. Each case
 * runs tsc, a few seconds apiece, so this lives with the long checks.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt, staleBuild } from "../../tools/lib/freshness";

const ROOT = path.resolve(__dirname, "..", "..");

describe("tools/lib/freshness", function () {
    this.timeout(60_000);
    let dir: string;
    const source = () => path.join(dir, "index.ts");
    const built = () => fs.readFileSync(path.join(dir, "bin", "index.js"), "utf8");
    /** Move a file's modification time `seconds` into the future, so that ordering never rests on clock resolution. */
    const touch = (file: string, seconds: number) => {
        const t = new Date(Date.now() + seconds * 1000);
        fs.utimesSync(file, t, t);
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "freshness-"));
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    composite: true,
                    rootDir: ".",
                    outDir: "bin",
                    tsBuildInfoFile: "./tsconfig.tsbuildinfo",
                    types: [],
                },
                include: ["*.ts"],
            }),
        );
        fs.writeFileSync(source(), "export const level = 'ERROR';\n");
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("builds a project never built, then finds it current", () => {
        assert.strictEqual(staleBuild(dir), "it has not been built yet");
        const log: string[] = [];
        ensureBuilt(dir, ROOT, (l) => log.push(l));
        const shown = path.relative(process.cwd(), dir);
        assert.deepStrictEqual(log, [`building ${shown} (it has not been built yet): tsc -b ${shown}`]);
        assert.match(built(), /exports\.level = 'ERROR';/);
        assert.strictEqual(staleBuild(dir), undefined);
    });

    it("rebuilds after a source changed, so the plan never runs the old build", () => {
        ensureBuilt(dir, ROOT, () => undefined);
        fs.writeFileSync(source(), "export const level = 'DEBUG';\n");
        touch(source(), 5);
        assert.strictEqual(staleBuild(dir), "a source file changed since the last build");
        ensureBuilt(dir, ROOT, () => undefined);
        assert.match(built(), /exports\.level = 'DEBUG';/);
    });

    it("stops with tsc's first error when the project does not compile", () => {
        fs.writeFileSync(source(), "export const level: number = 'ERROR';\n");
        const shown = path.relative(process.cwd(), dir);
        assert.throws(() => ensureBuilt(dir, ROOT, () => undefined), {
            message:
                `${shown} does not build, so the plan cannot use it: ${shown}/index.ts(1,14): error TS2322: ` +
                "Type 'string' is not assignable to type 'number'.",
        });
    });
});
