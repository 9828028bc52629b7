import * as policySdk from "@pulumi/policy";
import type { ReportViolation } from "@pulumi/policy";

type UnknownValueErrorClass = new (sentinel: string, props: PropertyKey[]) => Error & { props: PropertyKey[] };

// @pulumi/policy exports UnknownValueError and unknownCheckingProxy at runtime, but its typings strip them
// (they are marked @internal), so the pack reaches them through this one typed view.
const sdk = policySdk as unknown as {
    UnknownValueError: UnknownValueErrorClass;
    unknownCheckingProxy<T extends object>(props: T): T;
};

/** The SDK's error for touching an unknown value. The server turns it into an advisory "can't run policy during preview". */
export const UnknownValueError: UnknownValueErrorClass = sdk.UnknownValueError;

/** The proxy the server wraps every property bag in; exported for tests that build args the way the server does. */
export const unknownCheckingProxy = sdk.unknownCheckingProxy;

/** The engine's sentinel for an unknown string (the SDK's `unknownStringValue`), part of the wire protocol. */
export const UNKNOWN_STRING_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What `read` returns for a value the engine does not know yet (during preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * A value inside a template that only CloudFormation can compute (`AWS::AccountId`, `Fn::GetAtt`, an SSM parameter,
 * a dynamic reference): unlike `UNKNOWN`, the update knows it no better than the preview. `read` returns `UNKNOWN`
 * for it, so every check treats it as undecided; what cannot be decided because of it is then reported as
 * something the pack cannot read, with `describe` naming the intrinsic.
 */
export class Unresolvable {
    constructor(
        /** The value at the root of it: `AWS::AccountId`, `Fn::GetAtt Api.RootResourceId`. */
        readonly source: string,
        /** How messages name it: `Ref AWS::AccountId`, or `Fn::Sub over AWS::AccountId` when a function uses it. */
        readonly describe: string = source,
        /** Where it is, below the resource's properties, in CloudFormation's spelling (`MethodSettings[0].LoggingLevel`). */
        readonly at?: string,
    ) {}

    /** The same value used by the intrinsic `fn`: `Fn::Sub over AWS::AccountId`. */
    via(fn: string): Unresolvable {
        return new Unresolvable(this.source, `${fn} over ${this.source}`, this.at);
    }

    /** The same value, located. */
    located(at: string): Unresolvable {
        return new Unresolvable(this.source, this.describe, at);
    }
}

/** Whether a value cannot be decided: unknown during preview, or something only CloudFormation can compute. */
export function isUndecided(value: unknown): value is typeof UNKNOWN | Unresolvable {
    return value === UNKNOWN || value instanceof Unresolvable;
}

/**
 * Reads `container[key]` without ever throwing: a value that is unknown during preview comes back as `UNKNOWN`,
 * and anything that is not an object (null, a string, a number, `UNKNOWN` itself) has no properties.
 */
export function read(container: unknown, key: string | number): unknown {
    if (isUndecided(container)) {
        return UNKNOWN;
    }
    if (container === null || typeof container !== "object") {
        return undefined;
    }
    // Only own properties: a bag from the wire never has "constructor" or "toString" of its own.
    if (!Object.prototype.hasOwnProperty.call(container, key)) {
        return undefined;
    }
    try {
        const value = (container as any)[key];
        return value instanceof Unresolvable ? UNKNOWN : value;
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/** `read` along a path: `readPath(props, "settings", "loggingLevel")`. */
export function readPath(container: unknown, ...keys: (string | number)[]): unknown {
    let value = container;
    for (const key of keys) {
        value = read(value, key);
    }
    return value;
}

/**
 * The elements of a list property, each read with `read`. Returns `UNKNOWN` when the list itself is unknown and
 * `[]` when the value is not a list.
 */
export function readList(value: unknown): unknown[] | typeof UNKNOWN {
    if (isUndecided(value)) {
        return UNKNOWN;
    }
    if (!Array.isArray(value)) {
        return [];
    }
    const length = read(value, "length");
    const items: unknown[] = [];
    if (typeof length !== "number") {
        return items;
    }
    for (let i = 0; i < length; i++) {
        items.push(read(value, i));
    }
    return items;
}

/**
 * The advisory for a deciding value that is unknown during preview. It is an `UnknownValueError`, so the SDK reports
 * it at advisory level ("can't run policy … during preview: cannot verify …") whatever the policy's level, and the
 * update, where every value is known, runs the real check.
 */
export class CannotVerifyError extends UnknownValueError {
    constructor(
        readonly unknownPaths: readonly string[],
        readonly unreadable: readonly string[] = [],
    ) {
        super(UNKNOWN_STRING_SENTINEL, []);
        this.name = "CannotVerifyError";
        const parts: string[] = [];
        if (unknownPaths.length > 0) {
            parts.push(
                `cannot verify ${unknownPaths.join(", ")} during preview: ` +
                    "the value is not known until the update, which checks it again",
            );
        }
        if (unreadable.length > 0) {
            parts.push(`cannot verify ${unreadable.join("; ")}: the pack cannot read it, at preview or at update`);
        }
        this.message = parts.join("; and ");
    }
}

/**
 * Collects a policy's verdict for one resource: definite violations, and the paths of deciding values that are
 * unknown. Violations win: an unknown value elsewhere never hides a definite violation.
 */
export class Findings {
    readonly violations: string[] = [];
    readonly unknownPaths: string[] = [];

    violation(message: string): void {
        this.violations.push(message);
    }

    /** Things the pack can never read (a template fetched from a URL, one that does not parse), with why. */
    readonly unreadable: string[] = [];

    unknown(path: string): void {
        if (!this.unknownPaths.includes(path)) {
            this.unknownPaths.push(path);
        }
    }

    cannotRead(what: string): void {
        if (!this.unreadable.includes(what)) {
            this.unreadable.push(what);
        }
    }

    /**
     * Reports every violation; with none, and a deciding value unknown or unreadable, raises the SDK's advisory
     * ("can't run policy …"), which is never a pass.
     */
    flush(reportViolation: ReportViolation): void {
        for (const message of this.violations) {
            reportViolation(message);
        }
        if (this.violations.length === 0 && (this.unknownPaths.length > 0 || this.unreadable.length > 0)) {
            throw new CannotVerifyError(this.unknownPaths, this.unreadable);
        }
    }
}
