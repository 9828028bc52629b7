import * as assert from "assert";
import * as policySdk from "@pulumi/policy";
import {
    CannotVerifyError,
    Findings,
    read,
    readList,
    readPath,
    UNKNOWN,
    UnknownValueError,
} from "../../../policies/lib/unknowns";
import { UNKNOWN as WIRE_UNKNOWN, wireProps } from "../harness";

describe("policies/lib/unknowns", () => {
    it("is the SDK's own UnknownValueError", () => {
        assert.strictEqual(UnknownValueError, (policySdk as any).UnknownValueError);
        assert.ok(new CannotVerifyError(["x"]) instanceof UnknownValueError);
    });

    it("reads through the SDK proxy without throwing", () => {
        const props = wireProps({ a: { b: WIRE_UNKNOWN, c: 1 }, list: [1, WIRE_UNKNOWN], u: WIRE_UNKNOWN });
        assert.strictEqual(readPath(props, "a", "c"), 1);
        assert.strictEqual(readPath(props, "a", "b"), UNKNOWN);
        assert.strictEqual(readPath(props, "u", "x"), UNKNOWN);
        assert.deepStrictEqual(readList(read(props, "list")), [1, UNKNOWN]);
        assert.strictEqual(readList(read(props, "u")), UNKNOWN);
        assert.deepStrictEqual(readList(read(props, "a")), []);
    });

    it("never reads inherited properties or properties of non-objects", () => {
        assert.strictEqual(read({}, "constructor"), undefined);
        assert.strictEqual(read("abc", "length"), undefined);
        assert.strictEqual(read(null, "x"), undefined);
        assert.strictEqual(read(5, "x"), undefined);
    });

    it("reports violations and raises the advisory only without one", () => {
        const reported: string[] = [];
        const f = new Findings();
        f.unknown("a");
        f.unknown("a");
        assert.throws(
            () => f.flush((m) => reported.push(m)),
            (e: Error) =>
                e instanceof UnknownValueError &&
                e.message ===
                    "cannot verify a during preview: the value is not known until the update, which checks it again",
        );
        const g = new Findings();
        g.unknown("a");
        g.violation("bad");
        g.flush((m) => reported.push(m));
        assert.deepStrictEqual(reported, ["bad"]);
    });

    it("raises the advisory for what the pack can never read, apart from what is only unknown in preview", () => {
        const raised = (f: Findings) => {
            try {
                f.flush(() => undefined);
            } catch (e) {
                assert.ok(e instanceof UnknownValueError);
                return e.message;
            }
            return undefined;
        };
        const unreadable = new Findings();
        unreadable.cannotRead("templateUrl");
        unreadable.cannotRead("templateUrl");
        assert.strictEqual(
            raised(unreadable),
            "cannot verify templateUrl: the pack cannot read it, at preview or at update",
        );
        const both = new Findings();
        both.unknown("stageName");
        both.cannotRead("templateBody (it does not parse)");
        both.cannotRead("templateUrl");
        assert.strictEqual(
            raised(both),
            "cannot verify stageName during preview: the value is not known until the update, which checks it again; " +
                "and cannot verify templateBody (it does not parse); templateUrl: the pack cannot read it, at preview " +
                "or at update",
        );
        const decided = new Findings();
        decided.cannotRead("templateUrl");
        decided.violation("bad");
        assert.strictEqual(raised(decided), undefined);
    });
});
