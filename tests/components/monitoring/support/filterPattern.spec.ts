import * as assert from "assert";
import { FilterPatternSyntaxError, matchesFilterPattern, parseFilterPattern } from "./filterPattern";

describe("tests/support/filterPattern (the evaluator the filter tests rely on)", () => {
    const line = JSON.stringify({ status: 429, error: { responseType: "THROTTLED", message: "Too Many Requests" } });

    it("matches numbers numerically, and only against JSON numbers", () => {
        assert.strictEqual(matchesFilterPattern("{ $.status = 429 }", line), true);
        assert.strictEqual(matchesFilterPattern("{ $.status = 502 }", line), false);
        assert.strictEqual(matchesFilterPattern("{ $.status >= 400 }", line), true);
        assert.strictEqual(matchesFilterPattern("{ $.status < 400 }", line), false);
        assert.strictEqual(matchesFilterPattern("{ $.status != 200 }", line), true);
        // A quoted number is a string: a numeric pattern must not match it.
        assert.strictEqual(matchesFilterPattern("{ $.status = 429 }", '{"status":"429"}'), false);
    });

    it("matches strings exactly, on nested fields, and only against JSON strings", () => {
        assert.strictEqual(matchesFilterPattern('{ $.error.responseType = "THROTTLED" }', line), true);
        assert.strictEqual(matchesFilterPattern('{ $.error.responseType = "THROTTLE" }', line), false);
        assert.strictEqual(matchesFilterPattern('{ $.error.responseType != "INTEGRATION_TIMEOUT" }', line), true);
        assert.strictEqual(matchesFilterPattern('{ $.status = "429" }', line), false);
    });

    it("never matches a missing field, a non-object event or a non-JSON line", () => {
        assert.strictEqual(matchesFilterPattern('{ $.error.nope = "X" }', line), false);
        assert.strictEqual(matchesFilterPattern("{ $.missing != 1 }", line), false);
        assert.strictEqual(matchesFilterPattern('{ $.error.responseType = "X" }', '{"error":"-"}'), false);
        assert.strictEqual(matchesFilterPattern("{ $.status = 429 }", "127.0.0.1 - - [..] 429"), false);
        assert.strictEqual(matchesFilterPattern("{ $.status = 429 }", "[429]"), false);
    });

    it("combines with && and || (&& binds tighter) and parentheses", () => {
        assert.strictEqual(
            matchesFilterPattern('{ $.status = 429 && $.error.responseType = "THROTTLED" }', line),
            true,
        );
        assert.strictEqual(matchesFilterPattern('{ $.status = 429 && $.error.responseType = "X" }', line), false);
        assert.strictEqual(matchesFilterPattern("{ $.status = 502 || $.status = 429 }", line), true);
        assert.strictEqual(matchesFilterPattern("{ $.status = 1 && $.status = 2 || $.status = 429 }", line), true);
        assert.strictEqual(matchesFilterPattern("{ $.status = 1 && ($.status = 2 || $.status = 429) }", line), false);
    });

    it("rejects syntax outside the supported subset instead of guessing", () => {
        const bad: [string, RegExp][] = [
            ["$.status = 429", /expected '\{'/],
            ["{ $.status = 429", /expected '\}'/],
            ["{ status = 429 }", /expected '\$'/],
            ["{ $.status == 429 }", /expected a number or a double-quoted string/],
            ["{ $.status = THROTTLED }", /expected a number or a double-quoted string/],
            ['{ $.error.responseType = "INTEGRATION_*" }', /wildcards are not supported/],
            ['{ $.error.responseType > "A" }', /strings compare only with = or !=, not >/],
            ["{ $.items[0] = 1 }", /array selectors are not supported/],
            ["{ $.status = 429 } trailing", /unexpected text after the closing brace/],
            ["{ $.status = 429x }", /expected a number or a double-quoted string/],
        ];
        for (const [pattern, message] of bad) {
            assert.throws(
                () => parseFilterPattern(pattern),
                (err: Error) => {
                    assert.ok(err instanceof FilterPatternSyntaxError, `${pattern}: ${err}`);
                    assert.match(err.message, message, pattern);
                    return true;
                },
            );
        }
    });
});
