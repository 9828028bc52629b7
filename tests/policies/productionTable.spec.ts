/**
 * The "What counts as production" table of both READMEs, pinned row by row against policies/lib/production.ts in
 * both directions: what a row says is production is, what it says is not is not, and every built-in name, tag and
 * config key of the definition appears in the table.
 */
import * as assert from "assert";
import * as path from "path";
import { Environment } from "../../components/contract";
import { observe } from "../../policies/lib/analyzed";
import {
    DEFAULT_PRODUCTION_STACKS,
    DEFAULT_PRODUCTION_TAGS,
    narrowedStack,
    productionConfigSchema,
    productionOfResource,
    productionScope,
    productionStack,
    recordProductionConfig,
} from "../../policies/lib/production";
import * as t from "../../policies/lib/types";
import { frozenTags, urnOf, wireProps } from "./harness";
import { codeSpans, PACK_README, README, tablesUnder } from "./readmes";
import type { Table } from "./readmes";
import { ROOT } from "./served";

type Kind = "names" | "tags" | "component" | "narrowing";

/** Which part of the definition a row states, from the config key or declaration it names. */
function kindOf(row: string[]): Kind | undefined {
    const spans = row.flatMap(codeSpans);
    if (spans.includes("notProductionStacks")) {
        return "narrowing";
    }
    if (spans.includes("productionStacks")) {
        return "names";
    }
    if (spans.includes("productionTags")) {
        return "tags";
    }
    if (spans.some((s) => /^environment:\s*Production$/.test(s))) {
        return "component";
    }
    return undefined;
}

const urn = (stack: string) => urnOf(stack, t.METHOD_SETTINGS, "orders");
const isProduction = (stack: string, tags: Record<string, string> = {}) =>
    productionStack(urn(stack), frozenTags(tags)) !== undefined;
/** A name each glob matches: `*` stands for a region. */
const exampleOf = (glob: string) => glob.replace(/\*/g, "eu");
/** Names none of the built-in globs matches, however close. */
const NOT_PRODUCTION = [
    "products-dev",
    "preprod",
    "reproduction",
    "prodx",
    "staging",
    "dev",
    "prod.eu",
    "live",
    "blue",
];

const CASES = (s: string) => [s, s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1)];

function pin(kind: Kind, row: string[], where: string): void {
    const [, builtIn, configured] = row;
    switch (kind) {
        case "names": {
            // Built in, both ways: exactly the globs of production.ts, each matching in any case.
            assert.deepStrictEqual(codeSpans(builtIn), [...DEFAULT_PRODUCTION_STACKS], `${where}: the built-in globs`);
            for (const glob of DEFAULT_PRODUCTION_STACKS) {
                for (const name of CASES(exampleOf(glob))) {
                    assert.strictEqual(isProduction(name), true, `${where}: ${name} (${glob})`);
                }
            }
            for (const name of NOT_PRODUCTION) {
                assert.strictEqual(isProduction(name), false, `${where}: ${name}`);
            }
            // productionStacks adds globs and never replaces the built-in ones.
            recordProductionConfig({ productionStacks: ["live"] });
            assert.strictEqual(isProduction("LIVE"), true, `${where}: a configured glob`);
            for (const glob of DEFAULT_PRODUCTION_STACKS) {
                assert.strictEqual(isProduction(exampleOf(glob)), true, `${where}: ${glob} with productionStacks`);
            }
            assert.strictEqual(isProduction("blue"), false, `${where}: blue with productionStacks [live]`);
            assert.match(configured, /never replace/, `${where}: says productionStacks extends`);
            return;
        }
        case "tags": {
            const [key, ...values] = codeSpans(builtIn);
            assert.deepStrictEqual({ [key]: values }, DEFAULT_PRODUCTION_TAGS, `${where}: the built-in tags`);
            for (const k of CASES(key)) {
                for (const v of values.flatMap(CASES)) {
                    assert.strictEqual(isProduction("blue", { [k]: v }), true, `${where}: ${k}=${v}`);
                }
            }
            assert.strictEqual(isProduction("blue", { [key]: "staging" }), false, `${where}: another value`);
            assert.strictEqual(isProduction("blue", { env: values[0] }), false, `${where}: another key`);
            // productionTags adds keys and values: the row's own example when it gives one.
            const example = codeSpans(configured)
                .filter((s) => s.startsWith("{"))
                .map((s) => JSON.parse(s) as Record<string, string[]>)[0] ?? { tier: ["critical"] };
            const [extraKey, extraValues] = Object.entries(example)[0];
            const tag = { [extraKey.toUpperCase()]: extraValues[0].toUpperCase() };
            assert.strictEqual(isProduction("blue", tag), false, `${where}: ${JSON.stringify(tag)} without config`);
            recordProductionConfig({ productionTags: example });
            assert.strictEqual(isProduction("blue", tag), true, `${where}: ${JSON.stringify(tag)} with productionTags`);
            assert.strictEqual(isProduction("blue", { [key]: values[0] }), true, `${where}: built-in tag still counts`);
            return;
        }
        case "component": {
            assert.ok(
                codeSpans(builtIn).some((s) => /^environment:\s*Production$/.test(s)),
                `${where}: names environment: Production`,
            );
            const component = (environment: string) => wireProps({ environment });
            for (const type of [t.OBSERVABLE_REST_API, t.OBSERVABLE_HTTP_API, t.OBSERVABLE_WEBSOCKET_API]) {
                for (const stack of ["live", "dev", "products-dev"]) {
                    assert.deepStrictEqual(
                        productionScope({
                            type,
                            urn: urnOf(stack, type, "orders"),
                            props: component(Environment.Production),
                        }),
                        { stack, scope: "an API declared environment Production" },
                        `${where}: ${type} in ${stack}`,
                    );
                    for (const other of [Environment.Staging, Environment.Development]) {
                        assert.strictEqual(
                            productionScope({ type, urn: urnOf(stack, type, "orders"), props: component(other) }),
                            undefined,
                            `${where}: ${type} declared ${other} in ${stack}`,
                        );
                    }
                }
            }
            // A resource that is not one of the components declares nothing.
            assert.strictEqual(
                productionScope({ type: t.REST_STAGE, urn: urn("live"), props: component(Environment.Production) }),
                undefined,
            );
            // The API is its component and every resource under it, once the engine has analyzed the component.
            const parent = urnOf("live", t.OBSERVABLE_REST_API, "table-orders");
            observe({ type: t.OBSERVABLE_REST_API, urn: parent, name: "table-orders", props: component("Production") });
            assert.deepStrictEqual(
                productionScope({ type: t.METHOD_SETTINGS, urn: urn("live"), props: {}, opts: { parent } }),
                {
                    stack: "live",
                    scope: `an API declared environment Production (its parent ${t.OBSERVABLE_REST_API} "table-orders")`,
                },
                `${where}: a child`,
            );
            return;
        }
        case "narrowing": {
            // Nothing is excluded by default.
            for (const glob of DEFAULT_PRODUCTION_STACKS) {
                assert.strictEqual(narrowedStack(urn(exampleOf(glob))), undefined, `${where}: ${glob}`);
            }
            recordProductionConfig({ notProductionStacks: ["prod-sandbox"] });
            assert.strictEqual(isProduction("prod-sandbox"), false, `${where}: excluded by name`);
            assert.strictEqual(narrowedStack(urn("PROD-SANDBOX")), "PROD-SANDBOX", `${where}: reported`);
            assert.strictEqual(isProduction("prod-eu"), true, `${where}: only the excluded name`);
            // A tag and a component still count on an excluded stack.
            assert.strictEqual(isProduction("prod-sandbox", { environment: "production" }), true, `${where}: tag`);
            const api = {
                type: t.OBSERVABLE_REST_API,
                urn: urn("prod-sandbox"),
                name: "orders",
                props: wireProps({ environment: "Production" }),
            };
            assert.strictEqual(
                productionOfResource(
                    { type: t.REST_STAGE, urn: urn("prod-sandbox"), name: "orders-stage", props: {}, parent: api },
                    frozenTags({}),
                )?.scope,
                `an API declared environment Production (its parent ${t.OBSERVABLE_REST_API} "orders")`,
            );
            assert.match(configured, /advisory/, `${where}: says the pack reports it`);
            return;
        }
    }
}

describe("the README tables of what counts as production", () => {
    afterEach(() => recordProductionConfig({}));

    for (const file of [README, PACK_README]) {
        const where = path.relative(ROOT, file);
        const tables = tablesUnder(file, /what counts as production/i);

        it(`${where} has exactly one table under "What counts as production"`, () => {
            assert.strictEqual(tables.length, 1, `${where}: ${tables.length} tables`);
        });

        const table: Table | undefined = tables[0];
        if (table === undefined) {
            continue;
        }

        it(`${where}: every row is one part of the definition, and every part has its row`, () => {
            const kinds = table.rows.map((row, i) => {
                const kind = kindOf(row);
                assert.ok(kind, `${where}:${table.line + 2 + i}: a row the spec cannot pin: ${row.join(" | ")}`);
                return kind;
            });
            assert.deepStrictEqual([...kinds].sort(), ["component", "names", "narrowing", "tags"]);
            // Every config key of the definition is in the table.
            const spans = table.rows.flat().flatMap(codeSpans);
            for (const key of Object.keys(productionConfigSchema.properties)) {
                assert.ok(spans.includes(key), `${where}: the table names ${key}`);
            }
        });

        table.rows.forEach((row, i) => {
            const kind = kindOf(row);
            it(`${where}:${table.line + 2 + i} (${kind ?? "unknown"}): ${row[0]}`, () => {
                assert.ok(kind, `a row the spec cannot pin: ${row.join(" | ")}`);
                assert.strictEqual(row.length, table.header.length, "one cell per column");
                recordProductionConfig({});
                pin(kind, row, `${where}:${table.line + 2 + i}`);
            });
        });
    }
});
