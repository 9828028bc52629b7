/**
 * What production means, once, for every production-scoped policy of the pack.
 *
 * A stack is production when:
 * - its name matches a built-in glob or one configured in `productionStacks` (configured globs extend the built-in
 *   ones, never replace them), unless `notProductionStacks` explicitly excludes it (reported by an advisory);
 * - or a stack tag says so: the key `environment` (any case) with the value `production` or `prod` (any case), or a
 *   key and value configured in `productionTags`;
 * - or, for one API, its component declares `environment: Production`, whatever the stack is called: the component
 *   and every resource under it (its children, and what a `transforms` callback or a `parent` option puts there).
 *
 * The definition is configured on one policy, `apigateway-production-definition`. @pulumi/policy hands each policy
 * only its own config, so that policy, which the pack lists first and which applies to every resource, records its
 * config here on every call before any other policy of the same call runs (the SDK runs a pack's policies in order,
 * one after another). When it is disabled, the built-in definition applies: disabling it never removes a built-in
 * production stack.
 */
import { getStack } from "@pulumi/pulumi";
import picomatch from "picomatch";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { analyzedResource, declaresProduction } from "./analyzed";

export { declaresProduction } from "./analyzed";

/** The stack-name globs that are production in every configuration. */
export const DEFAULT_PRODUCTION_STACKS: readonly string[] = [
    "prod",
    "production",
    "prd",
    "prod-*",
    "prod_*",
    "*-prod",
    "*_prod",
    "production-*",
    "*-production",
];

/** The stack tags that are production in every configuration: key to values, both matched in any case. */
export const DEFAULT_PRODUCTION_TAGS: Readonly<Record<string, readonly string[]>> = {
    environment: ["production", "prod"],
};

/** The config of `apigateway-production-definition`. */
export interface ProductionConfig {
    productionStacks: string[];
    productionTags: Record<string, string[]>;
    notProductionStacks: string[];
}

export const productionConfigSchema: PolicyConfigSchema = {
    properties: {
        productionStacks: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                "More stack-name globs (case-insensitive) that are production, on top of the built-in ones: " +
                DEFAULT_PRODUCTION_STACKS.join(", ") +
                ". They extend the built-in list; they never replace it.",
        },
        productionTags: {
            type: "object",
            additionalProperties: { type: "array", items: { type: "string" } },
            default: {},
            description:
                "More stack tags that make a stack production: tag key to the values that count (keys and values " +
                "case-insensitive), on top of environment=production and environment=prod.",
        },
        notProductionStacks: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                "Stack-name globs that are not production although a production glob matches them. This is the only " +
                "way to narrow the definition, and the pack reports an advisory on every stack it excludes.",
        },
    },
};

let configured: ProductionConfig = { productionStacks: [], productionTags: {}, notProductionStacks: [] };

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.trim() !== "") : [];
}

/** Records the definition policy's config; a value of the wrong shape counts as not set. */
export function recordProductionConfig(raw: unknown): void {
    const given = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const tags: Record<string, string[]> = {};
    const rawTags = given.productionTags;
    if (rawTags !== null && typeof rawTags === "object" && !Array.isArray(rawTags)) {
        for (const [key, values] of Object.entries(rawTags)) {
            const list = strings(values).map((v) => v.trim().toLowerCase());
            const name = key.trim().toLowerCase();
            if (name !== "" && list.length > 0) {
                // Keys that differ only in case are one key; an own property, even for "__proto__" or "constructor".
                const merged = Object.prototype.hasOwnProperty.call(tags, name) ? [...tags[name], ...list] : list;
                Object.defineProperty(tags, name, {
                    value: merged,
                    enumerable: true,
                    writable: true,
                    configurable: true,
                });
            }
        }
    }
    configured = {
        productionStacks: strings(given.productionStacks),
        productionTags: tags,
        notProductionStacks: strings(given.notProductionStacks),
    };
}

/** The definition in force: the built-in one extended by the recorded config. */
export function productionConfig(): Readonly<ProductionConfig> {
    return configured;
}

/** The stack name inside a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackNameFromUrn(urn: unknown): string | undefined {
    const prefix = "urn:pulumi:";
    if (typeof urn !== "string" || !urn.startsWith(prefix)) {
        return undefined;
    }
    const end = urn.indexOf("::", prefix.length);
    return end > prefix.length ? urn.slice(prefix.length, end) : undefined;
}

/**
 * The name of the stack being analysed. The resource's URN carries it on every request; without one (a stack
 * policy on an empty stack) `getStack()` reads PULUMI_NODEJS_STACK, which the engine sets for the pack's process.
 */
export function stackName(urn?: unknown): string {
    return stackNameFromUrn(urn) ?? getStack();
}

const matchers = new Map<string, (name: string) => boolean>();

function matcherFor(patterns: readonly string[]): (name: string) => boolean {
    const key = JSON.stringify(patterns);
    let matcher = matchers.get(key);
    if (!matcher) {
        // A malformed glob in user config matches nothing rather than failing every policy.
        const compiled: ((name: string) => boolean)[] = [];
        for (const pattern of patterns) {
            try {
                compiled.push(picomatch(pattern, { nocase: true, dot: true }));
            } catch {
                // skipped: see above
            }
        }
        matcher = (name: string) => compiled.some((isMatch) => isMatch(name));
        if (matchers.size >= 64) {
            matchers.clear();
        }
        matchers.set(key, matcher);
    }
    return matcher;
}

/** Whether a stack name matches one of the globs, ignoring letter case. */
export function matchesStacks(name: string, patterns: readonly string[]): boolean {
    return name !== "" && matcherFor(patterns)(name);
}

/** The production tag a stack carries (`environment=production`), keys and values in any case, or undefined. */
export function productionTag(stackTags: ReadonlyMap<string, string> | undefined): string | undefined {
    if (!stackTags) {
        return undefined;
    }
    // A Map: a tag key such as "constructor" or "toString" must not find Object.prototype's members.
    const wanted = new Map<string, readonly string[]>(Object.entries(DEFAULT_PRODUCTION_TAGS));
    for (const [key, values] of Object.entries(configured.productionTags)) {
        wanted.set(key, [...(wanted.get(key) ?? []), ...values]);
    }
    for (const [key, value] of stackTags) {
        const values = typeof key === "string" ? wanted.get(key.trim().toLowerCase()) : undefined;
        if (values && typeof value === "string" && values.includes(value.trim().toLowerCase())) {
            return `${key}=${value}`;
        }
    }
    return undefined;
}

/** Why a stack is production, for messages: `production stack "prod"`. */
export interface ProductionVerdict {
    stack: string;
    /** How messages name the scope: `production stack "prod"`, or `an API declared environment Production`. */
    scope: string;
}

/** Whether the stack itself is production, by name or by tag. */
export function productionStack(
    urn: unknown,
    stackTags: ReadonlyMap<string, string> | undefined,
): ProductionVerdict | undefined {
    const stack = stackName(urn);
    const byName =
        matchesStacks(stack, [...DEFAULT_PRODUCTION_STACKS, ...configured.productionStacks]) &&
        !matchesStacks(stack, configured.notProductionStacks);
    return byName || productionTag(stackTags) !== undefined
        ? { stack, scope: `production stack "${stack}"` }
        : undefined;
}

/** The stack name when a built-in or configured glob matches it but `notProductionStacks` excludes it. */
export function narrowedStack(urn: unknown): string | undefined {
    const stack = stackName(urn);
    return matchesStacks(stack, [...DEFAULT_PRODUCTION_STACKS, ...configured.productionStacks]) &&
        matchesStacks(stack, configured.notProductionStacks)
        ? stack
        : undefined;
}

/** How messages name the scope of a component declared Production. */
const DECLARED = "an API declared environment Production";

/** The scope of a resource under a component declared Production: `… (its parent <type> "<name>")`. */
function declaredByAncestor(type: string, name: string, direct: boolean): string {
    return `${DECLARED} (its ${direct ? "parent" : "ancestor"} ${type} "${name}")`;
}

/** Ancestors are followed this far; a longer chain is a cycle in bad input, never a real stack. */
const MAX_ANCESTORS = 64;

/** What a resource policy needs to decide production. */
export interface ProductionContext {
    type: string;
    urn?: string;
    props?: unknown;
    stackTags?: ReadonlyMap<string, string>;
    /** The resource's options as the engine sends them: `parent` is its parent's URN. */
    opts?: { parent?: string };
}

/**
 * Whether a resource is judged as production: its stack is, it is a component declared Production, or one of its
 * ancestors is (the engine analyzed it earlier in this process, policies/lib/analyzed.ts).
 */
export function productionScope(ctx: ProductionContext): ProductionVerdict | undefined {
    const stack = productionStack(ctx.urn, ctx.stackTags);
    if (stack) {
        return stack;
    }
    if (ctx.props !== undefined && declaresProduction(ctx.type, ctx.props)) {
        return { stack: stackName(ctx.urn), scope: DECLARED };
    }
    let parent = ctx.opts?.parent;
    for (let depth = 0; typeof parent === "string" && parent !== "" && depth < MAX_ANCESTORS; depth++) {
        const ancestor = analyzedResource(parent);
        if (ancestor === undefined) {
            return undefined;
        }
        if (ancestor.declaresProduction) {
            return { stack: stackName(ctx.urn), scope: declaredByAncestor(ancestor.type, ancestor.name, depth === 0) };
        }
        parent = ancestor.parent;
    }
    return undefined;
}

/** What a stack policy knows of a resource: its URN and its parents, each with its inputs. */
export interface ResourceInStack {
    type: string;
    urn: string;
    name: string;
    props: unknown;
    parent?: ResourceInStack;
}

/**
 * Whether a resource of the stack is judged as production in a stack policy: its stack is, or it is or sits under a
 * component declared `environment: Production`.
 */
export function productionOfResource(
    resource: ResourceInStack,
    stackTags: ReadonlyMap<string, string> | undefined,
): ProductionVerdict | undefined {
    const stack = productionStack(resource.urn, stackTags);
    if (stack) {
        return stack;
    }
    let depth = 0;
    for (let r: ResourceInStack | undefined = resource; r !== undefined && depth <= MAX_ANCESTORS; r = r.parent) {
        if (declaresProduction(r.type, r.props)) {
            const scope = r === resource ? DECLARED : declaredByAncestor(r.type, r.name, r === resource.parent);
            return { stack: stackName(resource.urn), scope };
        }
        depth++;
    }
    return undefined;
}
