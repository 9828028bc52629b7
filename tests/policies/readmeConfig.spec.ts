/**
 * Every policy-config example in both READMEs, taken from the files themselves, applied over the analyzer protocol
 * to DEBUG in a stack named `prod`: no example a user copies may switch the DEBUG guardrail off.
 */
import * as assert from "assert";
import * as path from "path";
import { policies } from "../../policies/policies";
import * as t from "../../policies/lib/types";
import { fixture, restApiComponent } from "./fixtures";
import { withProp } from "./harness";
import { codeBlocks, PACK_README, README } from "./readmes";
import type { CodeBlock } from "./readmes";
import { ROOT, ServedPack } from "./served";

const NO_DEBUG = "apigateway-no-debug-logging-in-production";
const POLICY_NAMES = new Set(policies.map((p) => p.name));

/**
 * The README's policy sections are those whose heading, or an enclosing one, is about policies ("The policy pack",
 * "Checking policies in CI"); the whole of policies/README.md is the pack's.
 */
const SOURCES: { file: string; inPolicySection: (block: CodeBlock) => boolean }[] = [
    { file: README, inPolicySection: (b) => b.headings.some((h) => /polic/i.test(h)) },
    { file: PACK_README, inPolicySection: () => true },
];

interface Example {
    where: string;
    config: Record<string, unknown>;
}

/** Every ```json block under a policy section, parsed; a block that is not JSON fails here, naming where it is. */
function examplesOf(source: (typeof SOURCES)[number]): Example[] {
    return codeBlocks(source.file)
        .filter((b) => b.language === "json" && source.inPolicySection(b))
        .map((b) => {
            const where = `${path.relative(ROOT, b.file)}:${b.line}`;
            let config: unknown;
            try {
                config = JSON.parse(b.text);
            } catch (e) {
                throw new Error(`${where}: the JSON block does not parse: ${(e as Error).message}`);
            }
            assert.ok(
                config !== null && typeof config === "object" && !Array.isArray(config),
                `${where}: a policy config is a JSON object`,
            );
            return { where, config: config as Record<string, unknown> };
        })
        .filter(({ config }) => Object.keys(config).some((k) => k === "all" || k.startsWith("apigateway-")));
}

describe("every policy-config example of both READMEs still blocks DEBUG in the stack prod", function () {
    this.timeout(120000);
    let pack: ServedPack;

    const examples = SOURCES.map((s) => ({ file: s.file, examples: examplesOf(s) }));

    before(async () => {
        pack = await ServedPack.start();
    });

    after(async () => {
        await pack?.close();
    });

    for (const { file, examples: found } of examples) {
        it(`${path.relative(ROOT, file)} has at least one example`, () => {
            assert.ok(found.length >= 1, `no policy-config example under the policy sections of ${file}`);
        });
    }

    it("every example names only the pack's policies and 'all'", () => {
        for (const { examples: found } of examples) {
            for (const { where, config } of found) {
                const unknown = Object.keys(config).filter((k) => k !== "all" && !POLICY_NAMES.has(k));
                assert.deepStrictEqual(unknown, [], where);
            }
        }
    });

    // Registered at load time, one case per example, so a new example gets its own case.
    for (const { examples: found } of examples) {
        for (const { where, config } of found) {
            it(`${where}: blocks a DEBUG MethodSettings and a DEBUG component`, async () => {
                // The CLI's reconciliation refuses a config that does not fit the schemas, and so does this.
                await pack.configure(config);
                await pack.stack("prod");
                const methodSettings = withProp(
                    withProp(fixture(t.METHOD_SETTINGS), "settings.loggingLevel", "DEBUG"),
                    "settings.dataTraceEnabled",
                    true,
                );
                const debug = (await pack.analyze(t.METHOD_SETTINGS, "orders-ms", methodSettings)).filter(
                    (d) => d[0] === NO_DEBUG,
                );
                assert.deepStrictEqual(
                    debug.map((d) => d[1]),
                    ["mandatory", "mandatory"],
                    `${where}: ${JSON.stringify(debug)}`,
                );
                assert.match(debug[1][2], /^settings\.dataTraceEnabled must be false in production stack "prod"/);
                const component = restApiComponent({ executionLogging: { level: "DEBUG" } });
                const fromComponent = (await pack.analyze(t.OBSERVABLE_REST_API, "orders", component)).filter(
                    (d) => d[0] === NO_DEBUG && d[2].startsWith("executionLogging.level "),
                );
                assert.deepStrictEqual(
                    fromComponent.map((d) => d[1]),
                    ["mandatory"],
                    where,
                );
                // maxLevel ERROR in an example tightens the allowed levels to OFF or ERROR.
                assert.match(
                    fromComponent[0][2],
                    /^executionLogging\.level must be OFF(, ERROR)? or (ERROR|INFO) in production stack "prod", got "DEBUG"/,
                );
            });
        }
    }
});
