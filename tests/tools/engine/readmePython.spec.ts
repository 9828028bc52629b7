/**
 * The README's Python section is what `npm run test:engine` runs: its program is the consumer's `__main__.py`,
 * byte for byte, and its commands are tests/engine/python.spec.ts's steps, in order.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONSUMER, PYTHON_STEPS, readmeLines } from "../../engine/pythonSteps";
import { codeBlocks, README } from "../../policies/readmes";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SECTION = "Python, as `npm run test:engine` runs it";

describe("the README's Python section", () => {
    const blocks = codeBlocks(README).filter((b) => b.headings[b.headings.length - 1] === SECTION);

    it("shows the consumer program exactly", () => {
        const python = blocks.filter((b) => b.language === "python");
        assert.strictEqual(python.length, 1);
        assert.strictEqual(python[0].text, fs.readFileSync(path.join(ROOT, CONSUMER, "__main__.py"), "utf8"));
    });

    it("lists exactly the commands the engine spec runs, in its order, with what each must give", () => {
        const bash = blocks.filter((b) => b.language === "bash");
        assert.strictEqual(bash.length, 1);
        assert.strictEqual(bash[0].text, PYTHON_STEPS.flatMap(readmeLines).join("\n") + "\n");
    });

    it("names only files that exist", () => {
        for (const step of PYTHON_STEPS) {
            const files = step.args.filter((a, i) =>
                ["-C", "--config-file", "--policy-pack"].includes(step.args[i - 1]),
            );
            for (const file of files) {
                assert.ok(fs.existsSync(path.join(ROOT, file)), `${step.id}: ${file}`);
            }
        }
    });
});
