import { getStack } from "@pulumi/pulumi";
import picomatch from "picomatch";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** The stack-name globs that count as production unless the policy config says otherwise. */
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

/** The stack tag that makes any stack production, whatever its name. */
export const ENVIRONMENT_TAG = "environment";
const PRODUCTION_TAG_VALUES = ["production", "prod"];

/** The `productionStacks` config property, shared by every production-scoped policy. */
export const productionStacksSchema: PolicyConfigJSONSchema = {
    type: "array",
    items: { type: "string" },
    default: [...DEFAULT_PRODUCTION_STACKS],
    description:
        "Glob patterns (case-insensitive) for stack names that are production. A stack tagged " +
        "environment=production or environment=prod is production whatever its name.",
};

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
        // A blank or malformed glob in user config matches nothing rather than failing every policy.
        const compiled: ((name: string) => boolean)[] = [];
        for (const pattern of patterns) {
            if (typeof pattern === "string" && pattern.trim() !== "") {
                try {
                    compiled.push(picomatch(pattern, { nocase: true, dot: true }));
                } catch {
                    // skipped: see above
                }
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

/** Whether a stack name matches one of the production globs, ignoring letter case. */
export function matchesProductionStacks(name: string, patterns: readonly string[]): boolean {
    return name !== "" && matcherFor(patterns)(name);
}

/** Whether the stack tags mark the stack as production (`environment` = `production` or `prod`, any case). */
export function hasProductionTag(stackTags: ReadonlyMap<string, string> | undefined): boolean {
    const value = stackTags?.get(ENVIRONMENT_TAG);
    return typeof value === "string" && PRODUCTION_TAG_VALUES.includes(value.trim().toLowerCase());
}

/** What the production check needs from the policy args. */
export interface ProductionContext {
    urn?: string;
    stackTags?: ReadonlyMap<string, string>;
    productionStacks: readonly string[];
}

/** The stack's name when it is a production stack, otherwise `undefined`. */
export function productionStackName(ctx: ProductionContext): string | undefined {
    const name = stackName(ctx.urn);
    return hasProductionTag(ctx.stackTags) || matchesProductionStacks(name, ctx.productionStacks) ? name : undefined;
}
