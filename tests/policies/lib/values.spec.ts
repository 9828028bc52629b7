import * as assert from "assert";
import { describeValue, got, isOn, isPositiveLimit, normalizeLevel, oneOf } from "../../../policies/lib/values";
import { UNKNOWN } from "../../../policies/lib/unknowns";

describe("policies/lib/values", () => {
    it("normalises levels", () => {
        assert.deepStrictEqual(["debug", " Info ", "", "  ", null, undefined, 3, {}].map(normalizeLevel), [
            "DEBUG",
            "INFO",
            undefined,
            undefined,
            undefined,
            undefined,
            "INVALID",
            "INVALID",
        ]);
    });

    it("treats true and the string true as on", () => {
        assert.deepStrictEqual([true, "true", " TRUE ", false, "false", 1, "yes", null].map(isOn), [
            true,
            true,
            true,
            false,
            false,
            false,
            false,
            false,
        ]);
    });

    it("accepts only finite positive limits", () => {
        assert.deepStrictEqual([1, 0.5, 0, -1, null, undefined, "100", NaN, Infinity].map(isPositiveLimit), [
            true,
            true,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
        ]);
    });

    it("describes values exactly", () => {
        assert.deepStrictEqual(
            [undefined, null, -1, 5, "x", true, [], {}, UNKNOWN, "a".repeat(70)].map(describeValue),
            [
                "not set",
                "null",
                "-1 (throttling disabled)",
                "5",
                '"x"',
                "true",
                "a list",
                "an object",
                "unknown",
                `"${"a".repeat(57)}..."`,
            ],
        );
        assert.strictEqual(oneOf(["A", "B", "C"]), "A, B or C");
        assert.strictEqual(oneOf(["A"]), "A");
    });

    it("ends a message about a missing value with 'but it is not set', never 'got not set'", () => {
        assert.deepStrictEqual([undefined, null, 0, -1, "", false, UNKNOWN].map(got), [
            "but it is not set",
            "got null",
            "got 0",
            "got -1 (throttling disabled)",
            'got ""',
            "got false",
            "got unknown",
        ]);
    });
});
