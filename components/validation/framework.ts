/**
 * The one validation framework every component uses.
 *
 * A component describes its args once, as a spec whose fields are typed against its args interface (so that an arg
 * added without a rule fails to compile). `validateArgs` walks the args with that spec before the component
 * registers anything:
 * - a plain value that breaks its rule throws an Error at once, so bad input registers nothing, not even the
 *   component;
 * - a value that is still an Output (or a promise) is returned wrapped: the same rule runs once it resolves, and a
 *   breach fails the deployment as a ResourceError on the component, with the same message;
 * - an arg that decides which resources exist must be plain; an Output there is an error that says so.
 * Each value is checked exactly once, either now or when it resolves.
 */
import * as pulumi from "@pulumi/pulumi";

/** Why a value breaks a rule, as the tail of a message (`throttling.burstLimit must be …, got …`), or undefined. */
export type Rule = (value: unknown, arg: string) => string | undefined;

export interface LeafSpec {
    readonly kind: "leaf";
    readonly rule: Rule;
    /** The arg decides which children exist, so it must be known when the component is constructed. */
    readonly plain: boolean;
}

export interface ObjectSpec<T> {
    readonly kind: "object";
    readonly fields: Fields<T>;
    readonly plain: boolean;
}

export interface ListSpec {
    readonly kind: "list";
    readonly item: Spec;
    readonly plain: boolean;
    /** What one entry looks like, for the message when the arg is not a list: `{ path, method, … }`. */
    readonly itemShape: string;
}

export type Spec = LeafSpec | ObjectSpec<any> | ListSpec;

/** One spec per arg of `T`, every arg included: a missing one is a compile error. */
export type Fields<T> = { readonly [K in keyof Required<T>]-?: Spec };

export const leaf = (rule: Rule): LeafSpec => ({ kind: "leaf", rule, plain: false });
export const plainLeaf = (rule: Rule): LeafSpec => ({ kind: "leaf", rule, plain: true });
export const object = <T>(fields: Fields<T>): ObjectSpec<T> => ({ kind: "object", fields, plain: true });
export const list = (item: Spec, itemShape: string, plain = true): ListSpec => ({
    kind: "list",
    item,
    plain,
    itemShape,
});

/** A value as a message shows it: numbers bare, everything else as JSON. */
export function shown(value: unknown): string {
    if (typeof value === "number") {
        return String(value);
    }
    if (value === undefined) {
        return "undefined";
    }
    if (pulumi.Output.isInstance(value)) {
        return "an Output";
    }
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/** `ObservableRestApi "orders": ` */
export function messagePrefix(component: string, name: string): string {
    return `${component} "${name}": `;
}

/** True for an Output or a promise, or an object or array that holds one. */
export function isDeferred(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    if (pulumi.Resource.isInstance(value)) {
        return false;
    }
    if (Array.isArray(value)) {
        return value.some(isDeferred);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(isDeferred);
    }
    return false;
}

function isOutputOrPromise(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * Who reports a problem: before the component exists a plain Error; once it exists (values that resolve later), a
 * ResourceError on it, whose stack the CLI hides, so the user sees the one-line message.
 */
export class Reporter {
    private resource?: pulumi.Resource;

    constructor(
        readonly component: string,
        readonly name: string,
    ) {}

    /** The component, once `super()` has registered it. */
    attach(resource: pulumi.Resource): void {
        this.resource = resource;
    }

    fail(problem: string): never {
        const message = messagePrefix(this.component, this.name) + problem;
        if (this.resource) {
            throw new pulumi.ResourceError(message, this.resource, true);
        }
        throw new Error(message);
    }

    /** Throws when `problem` is defined. */
    check(problem: string | undefined): void {
        if (problem !== undefined) {
            this.fail(problem);
        }
    }
}

function describeArg(path: string, component: string): string {
    return path === "" ? component : path;
}

function walk(spec: Spec, value: unknown, path: string, reporter: Reporter): unknown {
    if (value === undefined) {
        return undefined;
    }
    if (isOutputOrPromise(value)) {
        if (spec.plain) {
            reporter.fail(
                `${path} must be a plain value, not an Output or a promise: it decides which resources the component creates`,
            );
        }
        // Checked once, when it resolves; the component exists by then, so a breach is a ResourceError on it.
        return pulumi
            .output(value as pulumi.Input<any>)
            .apply((resolved: unknown) => walk(spec, resolved, path, reporter));
    }
    switch (spec.kind) {
        case "leaf":
            reporter.check(spec.rule(value, path));
            return value;
        case "list":
            if (!Array.isArray(value)) {
                return reporter.fail(`${path} must be a list of ${spec.itemShape}, got ${shown(value)}`);
            }
            return value.map((item, i) => walk(spec.item, item, `${path}[${i}]`, reporter));
        case "object": {
            if (value === null || typeof value !== "object" || Array.isArray(value)) {
                return reporter.fail(`${describeArg(path, "args")} must be an object, got ${shown(value)}`);
            }
            const allowed = Object.keys(spec.fields);
            const out: Record<string, unknown> = {};
            for (const key of Object.keys(value)) {
                if (!allowed.includes(key)) {
                    const full = path === "" ? key : `${path}.${key}`;
                    reporter.fail(
                        `${full} is not an arg of ${describeArg(path, reporter.component)}; allowed: ${allowed.join(", ")}`,
                    );
                }
            }
            for (const key of allowed) {
                const checked = walk(
                    (spec.fields as Record<string, Spec>)[key],
                    (value as Record<string, unknown>)[key],
                    path === "" ? key : `${path}.${key}`,
                    reporter,
                );
                if (checked !== undefined) {
                    out[key] = checked;
                }
            }
            return out;
        }
    }
}

/**
 * Validate `args` with `spec`. Plain values are checked now (throwing an Error); Outputs come back wrapped so that
 * they are checked once they resolve. The result has the args' shape, with undefined members left out.
 */
export function validateArgs<T>(spec: ObjectSpec<T>, args: T, reporter: Reporter): T {
    if (args === undefined || args === null || typeof args !== "object" || Array.isArray(args)) {
        reporter.fail(`args must be an object, got ${shown(args)}`);
    }
    return walk(spec, args, "", reporter) as T;
}

/**
 * Run `check` on a value now when it is plain, or once it resolves when it is an Output; returns the value (wrapped
 * when deferred) so that the resource that uses it waits for the check.
 */
export function checkedValue<T>(
    value: pulumi.Input<T>,
    check: (resolved: T) => string | undefined,
    reporter: Reporter,
): pulumi.Input<T> {
    if (!isDeferred(value)) {
        reporter.check(check(value as T));
        return value;
    }
    return pulumi.output(value).apply((resolved) => {
        reporter.check(check(resolved as T));
        return resolved;
    }) as pulumi.Input<T>;
}
