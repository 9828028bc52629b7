/**
 * Builds policy args the way @pulumi/policy's server does (props behind the SDK's unknown-checking proxy, getConfig
 * returning the schema defaults the CLI sends plus overrides, frozen stack tags), runs a policy, and turns an
 * UnknownValueError into the advisory message the server would send.
 *
 * Every run first records the production definition, as the served pack does: in one Analyze call the server runs
 * apigateway-production-definition (listed first) before any other policy, and AnalyzeStack follows the Analyze
 * calls of the same process. `production` is that policy's config; without it the built-in definition applies, so
 * no spec inherits another spec's definition.
 */
import type {
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { configWithDefaults, schemaDefaults } from "../../policies/lib/config";
import { productionConfigSchema, recordProductionConfig } from "../../policies/lib/production";
import { apigatewayProductionDefinition } from "../../policies/policies/apigatewayProductionDefinition";
import { UNKNOWN_STRING_SENTINEL, UnknownValueError, unknownCheckingProxy } from "../../policies/lib/unknowns";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require("../../policies/package.json") as { name: string; version: string };

/** What the engine sends for a value it does not know yet. */
export const UNKNOWN = UNKNOWN_STRING_SENTINEL;
export const PACK = packageJson.name;
export const PACK_VERSION = packageJson.version;
export const PROJECT = "observable-api";

export function urnOf(stack: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;
}

/** A read-only map, built exactly as the server's `freezeMap`. */
export function frozenTags(tags: Record<string, string> = {}): ReadonlyMap<string, string> {
    const map = new Map(Object.entries(tags));
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as ReadonlyMap<string, string>;
}

/** The property bag as it comes off the wire: a JSON copy (undefined dropped), behind the SDK's proxy. */
export function wireProps(props: unknown): Record<string, any> {
    const copy = props === undefined ? {} : JSON.parse(JSON.stringify(props));
    return unknownCheckingProxy(copy);
}

/** The advisory the server reports when a policy throws UnknownValueError. */
export function previewAdvisory(policyName: string, message: string): string {
    return `can't run policy '${policyName}' from policy pack '${PACK}@v${PACK_VERSION}' during preview: ${message}`;
}

export interface Verdict {
    /** Messages reported at the policy's own level. */
    violations: string[];
    /** URNs the violations were reported against (stack policies). */
    urns: (string | undefined)[];
    /** The server's advisory, when the policy could not decide during preview. */
    advisory?: string;
}

export interface RunOptions {
    stack?: string;
    /** Overrides on top of the schema defaults the CLI sends. */
    config?: Record<string, unknown>;
    /** Send no config at all, as the SDK does when no CLI applied the schema defaults. */
    noConfig?: boolean;
    tags?: Record<string, string>;
    /** The config of apigateway-production-definition (`productionStacks`, `productionTags`, `notProductionStacks`). */
    production?: Record<string, unknown>;
}

/** The definition policy's config as the CLI would send it: schema defaults plus `options.production`. */
function productionConfigFor(options: RunOptions): Record<string, unknown> {
    return options.noConfig ? {} : { ...schemaDefaults(productionConfigSchema), ...options.production };
}

function configFor(policy: Policy, options: RunOptions): () => any {
    const config = options.noConfig ? {} : { ...schemaDefaults(policy.configSchema), ...options.config };
    return () => config;
}

function collect(run: (report: ReportViolation) => void, policyName: string): Verdict {
    const verdict: Verdict = { violations: [], urns: [] };
    try {
        run((message, urn) => {
            verdict.violations.push(message);
            verdict.urns.push(urn);
        });
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
        verdict.advisory = previewAdvisory(policyName, e.message);
    }
    return verdict;
}

export interface ResourceSpec {
    type: string;
    props: unknown;
    name?: string;
    /** The props are already behind the SDK's proxy (the fuzz test builds bags JSON cannot carry, like NaN). */
    proxied?: boolean;
}

export function runResource(policy: ResourceValidationPolicy, spec: ResourceSpec, options: RunOptions = {}): Verdict {
    const stack = options.stack ?? "prod";
    const name = spec.name ?? "orders";
    const props = spec.proxied ? (spec.props as Record<string, any>) : wireProps(spec.props);
    const args: ResourceValidationArgs = {
        type: spec.type,
        props,
        urn: urnOf(stack, spec.type, name),
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: {} as any,
            additionalSecretOutputs: [],
        },
        stackTags: frozenTags(options.tags),
        isType: () => false,
        asType: () => undefined,
        getConfig: configFor(policy, options) as any,
        notApplicable: (reason?: string) => {
            throw new Error(`notApplicable: ${reason}`);
        },
    };
    if (policy !== apigatewayProductionDefinition) {
        // The definition runs first in the same call; what it reports belongs to it, not to the policy under test.
        const definition = apigatewayProductionDefinition.validateResource as (
            a: ResourceValidationArgs,
            r: ReportViolation,
        ) => void;
        const config = productionConfigFor(options);
        definition({ ...args, getConfig: (() => config) as any }, () => undefined);
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    return collect((report) => validations.forEach((validate) => validate(args, report)), policy.name);
}

export interface StackResourceSpec extends ResourceSpec {
    name: string;
    /** The parent's name. */
    parent?: string;
    /** propertyDependencies, by the names of the resources depended on. */
    deps?: Record<string, string[]>;
}

/** One unlinked PolicyResource with the server's default options; the caller links parent and dependencies. */
export function policyResource(type: string, name: string, urn: string, props: unknown): PolicyResource {
    return {
        type,
        props: props as Record<string, any>,
        urn,
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: {} as any,
            additionalSecretOutputs: [],
        },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    };
}

/** PolicyResources linked the way the server links them: parent, dependencies and propertyDependencies by URN. */
export function stackResources(specs: StackResourceSpec[], stack = "prod"): PolicyResource[] {
    const byName = new Map<string, PolicyResource>();
    const resources = specs.map((spec) => {
        const resource = policyResource(
            spec.type,
            spec.name,
            urnOf(stack, spec.type, spec.name),
            wireProps(spec.props),
        );
        byName.set(spec.name, resource);
        return resource;
    });
    specs.forEach((spec, i) => {
        const resource = resources[i];
        if (spec.parent) {
            resource.parent = byName.get(spec.parent);
        }
        for (const [property, names] of Object.entries(spec.deps ?? {})) {
            const deps = names.map((n) => byName.get(n)).filter((r): r is PolicyResource => r !== undefined);
            resource.propertyDependencies[property] = deps;
            resource.dependencies.push(...deps);
        }
    });
    return resources;
}

export function runStack(
    policy: StackValidationPolicy,
    specs: StackResourceSpec[] | PolicyResource[],
    options: RunOptions = {},
): Verdict {
    const stack = options.stack ?? "prod";
    const resources =
        specs.length > 0 && "urn" in specs[0]
            ? (specs as PolicyResource[])
            : stackResources(specs as StackResourceSpec[], stack);
    // What the Analyze calls before AnalyzeStack recorded.
    recordProductionConfig(configWithDefaults(productionConfigFor(options), productionConfigSchema));
    const args: StackValidationArgs = {
        resources,
        stackTags: frozenTags(options.tags),
        getConfig: configFor(policy, options) as any,
        notApplicable: (reason?: string) => {
            throw new Error(`notApplicable: ${reason}`);
        },
    };
    return collect((report) => policy.validateStack(args, report), policy.name);
}

/** A copy of `value` with the property at `path` ("settings.loggingLevel", "methodSettings.0.dataTraceEnabled") set; `undefined` removes it. */
export function withProp<T>(value: T, path: string, newValue: unknown): T {
    const copy = JSON.parse(JSON.stringify(value));
    const keys = path.split(".");
    let target = copy;
    for (const key of keys.slice(0, -1)) {
        if (target[key] === undefined || target[key] === null || typeof target[key] !== "object") {
            target[key] = {};
        }
        target = target[key];
    }
    const last = keys[keys.length - 1];
    if (newValue === undefined) {
        delete target[last];
    } else {
        target[last] = newValue;
    }
    return copy;
}
