import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    Reporter,
    Rule,
    checkedValue,
    isDeferred,
    leaf,
    list,
    messagePrefix,
    object,
    plainLeaf,
    shown,
    validateArgs,
} from "../../../components/validation/framework";
import { runtime, TEST_STACK } from "../../mocks";

/** A small args family of its own, so the framework is tested apart from any component's rules. */
interface Inner {
    level?: pulumi.Input<string>;
    mode?: string;
}
interface Args {
    name?: pulumi.Input<string>;
    inner?: Inner;
    items?: Inner[];
    tags?: pulumi.Input<string>[];
}

const P = 'Test "t": ';

/** A spec whose rules count how often they run. */
function counted() {
    const calls: unknown[] = [];
    const lowerCase: Rule = (v, arg) => {
        calls.push(v);
        return typeof v === "string" && /^[a-z]+$/.test(v)
            ? undefined
            : `${arg} must be lower-case letters, got ${shown(v)}`;
    };
    const inner = object<Inner>({ level: leaf(lowerCase), mode: plainLeaf(lowerCase) });
    const spec = object<Args>({
        name: leaf(lowerCase),
        inner,
        items: list(inner, "{ level, mode }"),
        tags: list(leaf(lowerCase), "tags", false),
    });
    return { spec, calls };
}

function thrown(fn: () => unknown): Error {
    try {
        fn();
    } catch (err) {
        return err as Error;
    }
    assert.fail("expected a throw");
}

/** What an Output settles to: its value, or the error it fails with. */
async function settled(value: unknown): Promise<{ value?: unknown; error?: Error }> {
    try {
        return { value: await (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise() };
    } catch (err) {
        return { error: err as Error };
    }
}

describe("components/validation/framework", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    describe("plain values", () => {
        it("are checked at once and come back in the args' shape, undefined members left out", () => {
            const { spec, calls } = counted();
            const checked = validateArgs(
                spec,
                { name: "a", inner: { level: "b", mode: undefined }, items: [{ mode: "c" }], tags: ["d"] },
                new Reporter("Test", "t"),
            );
            assert.deepStrictEqual(checked, { name: "a", inner: { level: "b" }, items: [{ mode: "c" }], tags: ["d"] });
            assert.deepStrictEqual(calls, ["a", "b", "c", "d"]);
        });

        it("throw a plain Error before the component exists, with the component and name in front", () => {
            const { spec } = counted();
            const err = thrown(() => validateArgs(spec, { inner: { level: "B" } }, new Reporter("Test", "t")));
            assert.strictEqual(err.constructor, Error);
            assert.strictEqual(err.message, `${P}inner.level must be lower-case letters, got "B"`);
            assert.strictEqual(
                thrown(() => validateArgs(spec, { items: [{}, { mode: "X" }] }, new Reporter("Test", "t"))).message,
                `${P}items[1].mode must be lower-case letters, got "X"`,
            );
        });

        it("name the arg and what is allowed when an object, a list or the args are the wrong kind", () => {
            const { spec } = counted();
            const message = (args: unknown) =>
                thrown(() => validateArgs(spec, args as Args, new Reporter("Test", "t"))).message;
            assert.deepStrictEqual(
                [
                    message(undefined),
                    message([]),
                    message({ inner: true }),
                    message({ items: "x" }),
                    message({ items: [null] }),
                    message({ tags: [1] }),
                ],
                [
                    `${P}args must be an object, got undefined`,
                    `${P}args must be an object, got []`,
                    `${P}inner must be an object, got true`,
                    `${P}items must be a list of { level, mode }, got "x"`,
                    `${P}items[0] must be an object, got null`,
                    `${P}tags[0] must be lower-case letters, got 1`,
                ],
            );
        });
    });

    describe("unknown arg names", () => {
        it("are refused at every level with <path> is not an arg of <where>; allowed: ...", () => {
            const { spec } = counted();
            const message = (args: unknown) =>
                thrown(() => validateArgs(spec, args as Args, new Reporter("Test", "t"))).message;
            assert.deepStrictEqual(
                [message({ nmae: "a" }), message({ inner: { lvl: "a" } }), message({ items: [{}, { Mode: "a" }] })],
                [
                    `${P}nmae is not an arg of Test; allowed: name, inner, items, tags`,
                    `${P}inner.lvl is not an arg of inner; allowed: level, mode`,
                    `${P}items[1].Mode is not an arg of items[1]; allowed: level, mode`,
                ],
            );
        });

        it("is a compile error for a spec that leaves an arg without a rule", () => {
            const rule: Rule = () => undefined;
            // @ts-expect-error `mode` has no rule.
            const incomplete = object<Inner>({ level: leaf(rule) });
            assert.deepStrictEqual(Object.keys(incomplete.fields), ["level"]);
        });
    });

    describe("plain-only args", () => {
        it("refuse an Output or a promise, at any level, because they decide which resources exist", () => {
            const { spec, calls } = counted();
            const message = (args: unknown) =>
                thrown(() => validateArgs(spec, args as Args, new Reporter("Test", "t"))).message;
            const because =
                "must be a plain value, not an Output or a promise: it decides which resources the component creates";
            assert.deepStrictEqual(
                [
                    message({ inner: { mode: pulumi.output("a") } }),
                    message({ inner: pulumi.output({ level: "a" }) }),
                    message({ items: Promise.resolve([]) }),
                    message({ items: [{ mode: Promise.resolve("a") }] }),
                ],
                [
                    `${P}inner.mode ${because}`,
                    `${P}inner ${because}`,
                    `${P}items ${because}`,
                    `${P}items[0].mode ${because}`,
                ],
            );
            assert.deepStrictEqual(calls, []);
        });
    });

    describe("deferred values", () => {
        it("are not checked before they resolve, then checked exactly once, however often they are read", async () => {
            const { spec, calls } = counted();
            const checked = validateArgs(spec, { name: pulumi.output("abc") }, new Reporter("Test", "t"));
            assert.ok(pulumi.Output.isInstance(checked.name));
            assert.deepStrictEqual(calls, []);
            const name = checked.name as pulumi.Output<string>;
            const readers = [name.apply((n) => n.length), name.apply((n) => n.toUpperCase()), pulumi.all([name, name])];
            assert.deepStrictEqual(await Promise.all(readers.map(settled)), [
                { value: 3 },
                { value: "ABC" },
                { value: ["abc", "abc"] },
            ]);
            assert.deepStrictEqual(calls, ["abc"]);
        });

        it("fail as a ResourceError on the component, with the plain value's message and a hidden stack", async () => {
            const { spec } = counted();
            const reporter = new Reporter("Test", "t");
            const checked = validateArgs(
                spec,
                {
                    name: pulumi.output("Bad"),
                    items: [{ level: Promise.resolve("Worse") }],
                    tags: ["ok", pulumi.output("X")],
                },
                reporter,
            );
            const holder = new pulumi.ComponentResource("test:index:Holder", "t", {});
            reporter.attach(holder);
            const failures = await Promise.all(
                [checked.name, checked.items![0].level, checked.tags![1]].map(async (v) => (await settled(v)).error!),
            );
            assert.deepStrictEqual(
                failures.map((e) => [
                    e instanceof pulumi.ResourceError,
                    (e as pulumi.ResourceError).resource,
                    e.message,
                ]),
                [
                    [true, holder, `${P}name must be lower-case letters, got "Bad"`],
                    [true, holder, `${P}items[0].level must be lower-case letters, got "Worse"`],
                    [true, holder, `${P}tags[1] must be lower-case letters, got "X"`],
                ],
            );
            assert.ok(failures.every((e) => (e as pulumi.ResourceError).hideStack === true));
            assert.strictEqual(checked.tags![0], "ok");
        });

        it("checkedValue checks a plain value now and an Output once it resolves", async () => {
            const reporter = new Reporter("Test", "t");
            const calls: unknown[] = [];
            const one = (v: number) => (calls.push(v), v === 1 ? undefined : `x must be 1, got ${v}`);
            assert.strictEqual(checkedValue(1, one, reporter), 1);
            assert.strictEqual(thrown(() => checkedValue(2, one, reporter)).message, `${P}x must be 1, got 2`);
            const ok = checkedValue(pulumi.output(1), one, reporter);
            const bad = checkedValue(pulumi.output(3), one, reporter);
            assert.deepStrictEqual(calls, [1, 2]);
            reporter.attach(new pulumi.ComponentResource("test:index:Holder", "t", {}));
            assert.deepStrictEqual(await settled(ok), { value: 1 });
            const failed = (await settled(bad)).error!;
            assert.ok(failed instanceof pulumi.ResourceError);
            assert.strictEqual(failed.message, `${P}x must be 1, got 3`);
            assert.deepStrictEqual(calls, [1, 2, 1, 3]);
        });
    });

    describe("isDeferred, shown and messagePrefix", () => {
        it("isDeferred finds an Output or a promise at any depth, but never inside a resource", () => {
            const holder = new pulumi.ComponentResource("test:index:Holder", "h", {});
            assert.deepStrictEqual(
                [
                    isDeferred({ a: [1, { b: pulumi.output(1) }] }),
                    isDeferred([Promise.resolve(1)]),
                    isDeferred({ a: [1, { b: 2 }] }),
                    isDeferred(holder),
                    isDeferred(null),
                ],
                [true, true, false, false, false],
            );
        });

        it("shown writes numbers bare, Outputs by name and everything else as JSON", () => {
            const circular: Record<string, unknown> = {};
            circular.self = circular;
            assert.deepStrictEqual(
                [
                    shown(2.5),
                    shown(Number.NaN),
                    shown(undefined),
                    shown(pulumi.output(1)),
                    shown("a"),
                    shown([1]),
                    shown(null),
                    shown(circular),
                ],
                ["2.5", "NaN", "undefined", "an Output", '"a"', "[1]", "null", "[object Object]"],
            );
            assert.strictEqual(messagePrefix("ObservableRestApi", "orders"), 'ObservableRestApi "orders": ');
        });
    });
});
