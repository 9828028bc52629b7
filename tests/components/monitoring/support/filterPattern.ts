/**
 * A small, strict evaluator for the subset of CloudWatch Logs JSON filter patterns this project writes, so that
 * tests can run each metric filter against access-log lines rendered from the component's own format.
 *
 * No maintained npm package evaluates CloudWatch filter patterns, hence this file. It follows the documented
 * semantics ("Using filter patterns to match terms in JSON log events"):
 * - `{ <expr> }` where `<expr>` is comparisons joined by `&&` and `||` (`&&` binds tighter), with parentheses;
 * - a comparison is `$.a.b <op> <value>`; `<op>` is one of `= != > < >= <=`;
 * - a number compares numerically, and only with a field that is a JSON number (`"429"` is not `429`);
 * - a double-quoted string compares with `=` or `!=`, exactly, and only with a field that is a JSON string;
 * - a missing field never matches.
 * Anything else (wildcards, regexes, IS NULL, EXISTS, array selectors, unquoted strings) is rejected loudly, so
 * a pattern the evaluator does not understand can never pass a test by accident.
 */

type Op = "=" | "!=" | ">" | "<" | ">=" | "<=";

interface Comparison {
    kind: "cmp";
    path: string[];
    op: Op;
    value: number | string;
}

interface Logical {
    kind: "and" | "or";
    left: Expr;
    right: Expr;
}

type Expr = Comparison | Logical;

export class FilterPatternSyntaxError extends Error {}

class Parser {
    private pos = 0;

    constructor(private readonly src: string) {}

    parsePattern(): Expr {
        this.skip();
        this.expect("{");
        const expr = this.parseOr();
        this.skip();
        this.expect("}");
        this.skip();
        if (this.pos !== this.src.length) {
            this.fail("unexpected text after the closing brace");
        }
        return expr;
    }

    private parseOr(): Expr {
        let left = this.parseAnd();
        while (this.peek("||")) {
            this.pos += 2;
            left = { kind: "or", left, right: this.parseAnd() };
        }
        return left;
    }

    private parseAnd(): Expr {
        let left = this.parsePrimary();
        while (this.peek("&&")) {
            this.pos += 2;
            left = { kind: "and", left, right: this.parsePrimary() };
        }
        return left;
    }

    private parsePrimary(): Expr {
        this.skip();
        if (this.src[this.pos] === "(") {
            this.pos++;
            const inner = this.parseOr();
            this.skip();
            this.expect(")");
            return inner;
        }
        const path = this.parseSelector();
        this.skip();
        const op = this.parseOp();
        this.skip();
        const value = this.parseValue(op);
        return { kind: "cmp", path, op, value };
    }

    private parseSelector(): string[] {
        this.expect("$");
        const path: string[] = [];
        while (this.src[this.pos] === ".") {
            this.pos++;
            const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
            if (!match) {
                this.fail("expected a field name after '.'");
            }
            path.push(match[0]);
            this.pos += match[0].length;
        }
        if (path.length === 0) {
            this.fail("expected a selector like $.field");
        }
        if (this.src[this.pos] === "[") {
            this.fail("array selectors are not supported");
        }
        return path;
    }

    private parseOp(): Op {
        for (const op of [">=", "<=", "!=", "=", ">", "<"] as Op[]) {
            if (this.peek(op)) {
                this.pos += op.length;
                return op;
            }
        }
        return this.fail("expected a comparison operator (= != > < >= <=)");
    }

    private parseValue(op: Op): number | string {
        const rest = this.src.slice(this.pos);
        if (rest.startsWith('"')) {
            const match = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
            if (!match) {
                this.fail("unterminated string");
            }
            if (op !== "=" && op !== "!=") {
                this.fail(`strings compare only with = or !=, not ${op}`);
            }
            if (/[*]/.test(match[1])) {
                this.fail("wildcards are not supported");
            }
            this.pos += match[0].length;
            return JSON.parse(match[0]) as string;
        }
        const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?(?=[\s)&|}]|$)/.exec(rest);
        if (!number) {
            this.fail("expected a number or a double-quoted string");
        }
        this.pos += number[0].length;
        return Number(number[0]);
    }

    private peek(token: string): boolean {
        this.skip();
        return this.src.startsWith(token, this.pos);
    }

    private expect(token: string): void {
        this.skip();
        if (!this.src.startsWith(token, this.pos)) {
            this.fail(`expected '${token}'`);
        }
        this.pos += token.length;
    }

    private skip(): void {
        while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) {
            this.pos++;
        }
    }

    private fail(message: string): never {
        throw new FilterPatternSyntaxError(`${message} at offset ${this.pos} in ${JSON.stringify(this.src)}`);
    }
}

function lookup(event: unknown, path: string[]): unknown {
    let current: unknown = event;
    for (const key of path) {
        if (current === null || typeof current !== "object" || Array.isArray(current) || !(key in current)) {
            return undefined;
        }
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}

function compare(actual: unknown, op: Op, expected: number | string): boolean {
    if (typeof expected === "number") {
        if (typeof actual !== "number") {
            return false;
        }
        switch (op) {
            case "=":
                return actual === expected;
            case "!=":
                return actual !== expected;
            case ">":
                return actual > expected;
            case "<":
                return actual < expected;
            case ">=":
                return actual >= expected;
            case "<=":
                return actual <= expected;
        }
    }
    if (typeof actual !== "string") {
        return false;
    }
    return op === "=" ? actual === expected : actual !== expected;
}

function evaluate(expr: Expr, event: unknown): boolean {
    switch (expr.kind) {
        case "and":
            return evaluate(expr.left, event) && evaluate(expr.right, event);
        case "or":
            return evaluate(expr.left, event) || evaluate(expr.right, event);
        case "cmp":
            return compare(lookup(event, expr.path), expr.op, expr.value);
    }
}

/** Parses a pattern; throws `FilterPatternSyntaxError` on anything outside the supported subset. */
export function parseFilterPattern(pattern: string): Expr {
    return new Parser(pattern).parsePattern();
}

/**
 * True when the log event matches. Like CloudWatch, a JSON pattern never matches an event that is not a JSON
 * object.
 */
export function matchesFilterPattern(pattern: string, logLine: string): boolean {
    const expr = parseFilterPattern(pattern);
    let event: unknown;
    try {
        event = JSON.parse(logLine);
    } catch {
        return false;
    }
    if (event === null || typeof event !== "object" || Array.isArray(event)) {
        return false;
    }
    return evaluate(expr, event);
}
