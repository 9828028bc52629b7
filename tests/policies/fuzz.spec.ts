/**
 * Sends seeded random and malformed property bags (wrong types, nulls, deep nesting, huge lists, unknown sentinels)
 * of every covered type through every policy, as resources and as stacks. A policy may report violations or the
 * preview advisory; anything else it throws is a crash.
 */
import * as assert from "assert";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policies/policies";
import * as t from "../../policies/lib/types";
import { unknownCheckingProxy } from "../../policies/lib/unknowns";
import { fixture } from "./fixtures";
import { runResource, runStack, UNKNOWN, urnOf } from "./harness";
import type { RunOptions, Verdict } from "./harness";

const BAGS_PER_TYPE = 10000;
const SEED = 0x5eed1234;

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let x = a;
        x = Math.imul(x ^ (x >>> 15), x | 1);
        x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
}

const COVERED_TYPES = [
    t.METHOD_SETTINGS,
    t.REST_STAGE,
    t.V2_STAGE,
    t.NATIVE_V2_STAGE,
    t.NATIVE_STAGE,
    t.NATIVE_DEPLOYMENT,
    t.OBSERVABLE_REST_API,
    t.V2_API,
    t.NATIVE_V2_API,
    t.LOG_GROUP,
    t.NATIVE_LOG_GROUP,
    t.METRIC_ALARM,
];

// Every unknown sentinel the SDK recognises; the engine itself sends the string one.
const SENTINELS = [
    UNKNOWN,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

const STRINGS = [
    "DEBUG",
    "debug",
    "INFO",
    "ERROR",
    "OFF",
    "true",
    "false",
    "*/*",
    "*",
    "/*",
    "",
    " ",
    "API-Gateway-Execution-Logs_x/prod",
    "AWS/ApiGateway",
    "5XXError",
    "5xx",
    "prod",
    "constructor",
    "__proto__",
];
const NUMBERS = [-1, 0, 1, 0.5, -0.0001, 1e308, -1e308, 10001, 5001, NaN, Infinity, -Infinity, 90, 3653];
const KEYS = [
    "settings",
    "loggingLevel",
    "dataTraceEnabled",
    "metricsEnabled",
    "throttlingRateLimit",
    "throttlingBurstLimit",
    "cachingEnabled",
    "cacheDataEncrypted",
    "methodPath",
    "methodSettings",
    "httpMethod",
    "resourcePath",
    "defaultRouteSettings",
    "routeSettings",
    "stageDescription",
    "accessLogSettings",
    "accessLogSetting",
    "destinationArn",
    "format",
    "executionLogging",
    "level",
    "throttling",
    "rateLimit",
    "burstLimit",
    "methodOverrides",
    "caching",
    "enabled",
    "encrypted",
    "tracing",
    "xrayTracingEnabled",
    "tracingEnabled",
    "target",
    "retentionInDays",
    "name",
    "arn",
    "namespace",
    "metricName",
    "dimensions",
    "Stage",
    "alarmActions",
    "actionsEnabled",
    "metricQueries",
    "metric",
    "restApi",
    "stageName",
    "length",
    "constructor",
    "hasOwnProperty",
    "toString",
];

/** Sets an own property, even one named like a prototype member ("constructor", "toString"). */
function define(target: object, key: string, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

class Generator {
    constructor(readonly random: () => number) {}

    int(n: number): number {
        return Math.floor(this.random() * n);
    }

    pick<T>(list: readonly T[]): T {
        return list[this.int(list.length)];
    }

    value(depth: number): unknown {
        const r = this.random();
        if (r < 0.12) return null;
        if (r < 0.24) return this.pick(SENTINELS);
        if (r < 0.36) return this.pick(NUMBERS);
        if (r < 0.48) return this.pick(STRINGS);
        if (r < 0.56) return this.random() < 0.5;
        if (r < 0.6) return "x".repeat(this.int(5000));
        if (depth <= 0) return this.pick(STRINGS);
        if (r < 0.8) return this.list(depth - 1);
        return this.object(depth - 1);
    }

    list(depth: number): unknown[] {
        // One list in a few hundred is huge.
        const length = this.random() < 0.003 ? 1000 + this.int(4000) : this.int(5);
        return Array.from({ length }, () => (length > 100 ? this.pick(STRINGS) : this.value(depth)));
    }

    object(depth: number): Record<string, unknown> {
        const obj: Record<string, unknown> = {};
        for (let i = this.int(6); i > 0; i--) {
            define(obj, this.pick(KEYS), this.value(depth));
        }
        return obj;
    }

    /** A chain `depth` levels deep. */
    deep(depth: number): unknown {
        let v: unknown = this.value(0);
        for (let i = 0; i < depth; i++) {
            if (this.random() < 0.5) {
                const obj = {};
                define(obj, this.pick(KEYS), v);
                v = obj;
            } else {
                v = [v];
            }
        }
        return v;
    }

    /** A happy-path fixture with a few properties anywhere in it replaced by random values. */
    mutate(type: string): Record<string, unknown> {
        const bag: any = fixture(type);
        for (let n = 1 + this.int(4); n > 0; n--) {
            let target = bag;
            for (let hops = this.int(4); hops > 0; hops--) {
                const keys = target && typeof target === "object" ? Object.keys(target) : [];
                if (keys.length === 0) break;
                const next = target[this.pick(keys)];
                if (next === null || typeof next !== "object") break;
                target = next;
            }
            if (target && typeof target === "object") {
                const keys = Object.keys(target);
                const key = Array.isArray(target)
                    ? String(this.int(target.length + 1))
                    : keys.length > 0 && this.random() < 0.8
                      ? this.pick(keys)
                      : this.pick(KEYS);
                const r = this.random();
                if (r < 0.15) delete target[key];
                else define(target, key, r < 0.25 ? this.deep(20 + this.int(200)) : this.value(3));
            }
        }
        return bag;
    }

    bag(type: string): Record<string, unknown> {
        const r = this.random();
        if (r < 0.6) return this.mutate(type);
        if (r < 0.95) return this.object(4);
        // A top-level value the engine would never send as a bag: the proxy still wraps it.
        const bag = {};
        define(bag, this.pick(KEYS), this.deep(300));
        return bag;
    }

    options(): RunOptions {
        const stacks = ["prod", "payments-prod", "dev", "products-dev", "PROD-eu", ""];
        const options: RunOptions = { stack: this.pick(stacks) };
        const r = this.random();
        if (r < 0.2) options.noConfig = true;
        else if (r < 0.4)
            options.config = {
                productionStacks: this.value(2),
                maxLevel: this.value(1),
                maxRateLimit: this.value(1),
                productionOnly: this.value(1),
            };
        if (this.random() < 0.2) options.tags = { environment: this.pick(["prod", "Production", "dev", ""]) };
        return options;
    }
}

const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p);
const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);

interface Tally {
    runs: number;
    violations: number;
    advisories: number;
    crashes: string[];
}

function record(tally: Tally, what: string, run: () => Verdict): void {
    tally.runs++;
    try {
        const verdict = run();
        assert.ok(verdict.violations.every((m) => typeof m === "string" && m.length > 0));
        tally.violations += verdict.violations.length;
        tally.advisories += verdict.advisory ? 1 : 0;
    } catch (e) {
        if (tally.crashes.length < 20) {
            tally.crashes.push(`${what}: ${(e as Error)?.stack ?? String(e)}`);
        }
    }
}

describe("policy fuzzing", function () {
    this.timeout(120000);

    it(`survives ${BAGS_PER_TYPE} random bags per covered type through every resource policy`, () => {
        const gen = new Generator(prng(SEED));
        const tally: Tally = { runs: 0, violations: 0, advisories: 0, crashes: [] };
        for (const type of COVERED_TYPES) {
            for (let i = 0; i < BAGS_PER_TYPE; i++) {
                const props = unknownCheckingProxy(gen.bag(type));
                const options = gen.options();
                for (const policy of resourcePolicies) {
                    record(tally, `${policy.name} ${type} #${i}`, () =>
                        runResource(policy, { type, props, proxied: true }, options),
                    );
                }
            }
        }
        assert.deepStrictEqual(tally.crashes, []);
        assert.strictEqual(tally.runs, COVERED_TYPES.length * BAGS_PER_TYPE * resourcePolicies.length);
        // The bags reach the policies' logic: both verdicts and preview advisories come out.
        assert.ok(tally.violations > 10000, `violations: ${tally.violations}`);
        assert.ok(tally.advisories > 1000, `advisories: ${tally.advisories}`);
    });

    it(`survives ${BAGS_PER_TYPE} random bags per covered type in random stacks through every stack policy`, () => {
        const gen = new Generator(prng(SEED + 1));
        const tally: Tally = { runs: 0, violations: 0, advisories: 0, crashes: [] };
        const depProperties = [
            "restApi",
            "stageName",
            "dimensions",
            "metricQueries",
            "accessLogSettings",
            "accessLogSetting",
            "stageDescription",
        ];
        const total = COVERED_TYPES.length * BAGS_PER_TYPE;
        let made = 0;
        for (let s = 0; made < total; s++) {
            const options = gen.options();
            const size = 1 + gen.int(40);
            const resources: PolicyResource[] = [];
            for (let i = 0; i < size; i++, made++) {
                const type = COVERED_TYPES[made % COVERED_TYPES.length];
                const name = `r${i}`;
                resources.push({
                    type,
                    name,
                    urn: urnOf(options.stack ?? "prod", type, name),
                    props: unknownCheckingProxy(gen.bag(type)),
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
                });
            }
            for (const resource of resources) {
                if (gen.random() < 0.3) resource.parent = gen.pick(resources);
                for (let d = gen.int(3); d > 0; d--) {
                    const property = gen.pick(depProperties);
                    (resource.propertyDependencies[property] ??= []).push(gen.pick(resources));
                }
            }
            for (const policy of stackPolicies) {
                record(tally, `${policy.name} stack #${s}`, () => runStack(policy, resources, options));
            }
        }
        assert.deepStrictEqual(tally.crashes, []);
        assert.ok(tally.violations > 1000, `violations: ${tally.violations}`);
        assert.ok(tally.advisories > 100, `advisories: ${tally.advisories}`);
    });
});
