import * as assert from "assert";
import { createHash } from "crypto";
import { canonicalJson, sha256Hex, triggersHash } from "../../../components/api/openApiBody";

describe("components/api/openApiBody", () => {
    it("sorts keys at every level and keeps array order", () => {
        assert.strictEqual(
            canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }),
            '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
        );
    });

    it("hashes with sha256 hex", () => {
        assert.strictEqual(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    });

    it("hashes a trigger list as one JSON array, so order and boundaries count", () => {
        const h = (s: string) => createHash("sha256").update(s).digest("hex");
        assert.strictEqual(triggersHash(["a", "b"]), h('["a","b"]'));
        assert.notStrictEqual(triggersHash(["ab"]), triggersHash(["a", "b"]));
        assert.notStrictEqual(triggersHash(["b", "a"]), triggersHash(["a", "b"]));
    });
});
