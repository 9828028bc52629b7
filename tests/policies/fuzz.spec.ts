/**
 * Property-based fuzzing of every policy with fast-check: random and malformed property bags (wrong types, nulls,
 * deep nesting, huge lists, every unknown sentinel, keys named like prototype members, fixtures with parts replaced
 * or removed) of every type the pack reads, as resources and inside random stacks, with random stack names, tags and
 * config. A policy may report violations or raise the SDK's UnknownValueError (the preview advisory); anything else
 * it throws would fail the engine's whole preview, and is a crash here.
 *
 * FUZZ_RUNS sets the runs per type (`npm run fuzz` runs 10,000; `npm test` runs 60), FUZZ_SEED the seed.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policies/policies";
import { TEMPLATE_CARRIER_TYPES } from "../../policies/lib/templates";
import * as t from "../../policies/lib/types";
import { unknownCheckingProxy } from "../../policies/lib/unknowns";
import { fixtures } from "./fixtures";
import { policyResource, runResource, runStack, UNKNOWN, urnOf } from "./harness";
import type { RunOptions, Verdict } from "./harness";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed1234);

/** Every type a policy reads, with or without a happy-path fixture. */
const TYPES = [
    ...new Set([
        ...Object.keys(fixtures),
        t.OBSERVABLE_HTTP_API,
        t.OBSERVABLE_WEBSOCKET_API,
        t.COMPOSITE_ALARM,
        t.ROOT_STACK,
        ...TEMPLATE_CARRIER_TYPES,
    ]),
];

// Every unknown sentinel the SDK recognises; the engine itself sends the string one.
const SENTINELS = [
    UNKNOWN,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

const TEMPLATES = [
    JSON.stringify({
        Resources: {
            Stage: {
                Type: "AWS::ApiGateway::Stage",
                Properties: {
                    StageName: "prod",
                    MethodSettings: [{ HttpMethod: "*", ResourcePath: "/*", DataTraceEnabled: true }],
                },
            },
        },
    }),
    "Resources:\n  Stage:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n      StageName: !Ref Env\n      DefaultRouteSettings: { ThrottlingRateLimit: -1 }\n",
    "Resources: [unclosed",
    "{",
    '{"DataTraceEnabled": true}',
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
    "~1orders~1{id}/GET",
    "orders/{id}/GET",
    "~1/GET",
    "/GET",
    "*",
    "/*",
    "/~1orders",
    "",
    " ",
    "Production",
    "Staging",
    "HTTP",
    "WEBSOCKET",
    "API-Gateway-Execution-Logs_x/prod",
    "AWS/ApiGateway",
    "5XXError",
    "5xx",
    "IntegrationError",
    'ALARM("orders-5xx")',
    "prod",
    "AWS::ApiGateway::Stage",
    "constructor",
    "__proto__",
    ...TEMPLATES,
];

const KEYS = [
    ...new Set([
        ...Object.values(fixtures).flatMap((f) => keysOf(f())),
        // CloudFormation's spellings, which aws-native properties typed Any carry.
        "DataTraceEnabled",
        "LoggingLevel",
        "ThrottlingRateLimit",
        "ThrottlingBurstLimit",
        "MethodSettings",
        "RouteSettings",
        "StageName",
        "HttpMethod",
        "ResourcePath",
        // Composite alarms and template carriers.
        "alarmRule",
        "templateBody",
        "templateUrl",
        "parameters",
        "typeName",
        "desiredState",
        "target",
        "protocolType",
        "length",
        "constructor",
        "hasOwnProperty",
        "toString",
        "__proto__",
    ]),
];

/** Every key of a fixture, at any depth. */
function keysOf(value: unknown): string[] {
    if (Array.isArray(value)) {
        return value.flatMap(keysOf);
    }
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
    }
    return [];
}

/** An object with own properties, even ones named like prototype members ("constructor", "__proto__"). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    for (const [key, value] of entries) {
        Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
    }
    return obj;
}

const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const scalar = fc.oneof(
    fc.constant(null),
    fc.constantFrom(...SENTINELS),
    fc.constantFrom(-1, 0, 1, 0.5, -0.0001, 1e308, -1e308, 10001, 5001, 90, 3653, NaN, Infinity, -Infinity),
    fc.double(),
    fc.integer({ min: -5, max: 20_000 }),
    fc.constantFrom(...STRINGS),
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 5000 }).map((n) => "x".repeat(n)),
);

const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", maxDepth: 4 }, scalar, tie("list"), tie("object")),
    list: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.array(fc.tuple(key, tie("value")), { maxLength: 5 }).map(objectOf),
}));

/** A chain 20 to 300 levels deep of objects and lists. */
const deep = fc
    .tuple(fc.array(fc.option(key, { nil: undefined }), { minLength: 20, maxLength: 300 }), scalar)
    .map(([path, leaf]) =>
        path.reduce<unknown>((inner, k) => (k === undefined ? [inner] : objectOf([[k, inner]])), leaf),
    );

/** A list of a few thousand entries. */
const huge = fc
    .tuple(fc.integer({ min: 1000, max: 5000 }), fc.constantFrom(...STRINGS, null))
    .map(([n, v]) => Array(n).fill(v));

const anything = fc.oneof(
    { weight: 8, arbitrary: value },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: huge },
);

const KEEP = Symbol("keep");
const DROP = Symbol("drop");

/** A copy of `base` with parts anywhere in it kept (mostly), removed, replaced, or mutated further; and extra keys. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
    if (Array.isArray(base)) {
        return fc
            .tuple(fc.tuple(...base.map(change)), fc.array(anything, { maxLength: 2 }))
            .map(([items, extra]) => [...apply(base, items), ...extra]);
    }
    if (base !== null && typeof base === "object") {
        const entries = Object.entries(base);
        return fc
            .tuple(fc.tuple(...entries.map(([, v]) => change(v))), fc.array(fc.tuple(key, anything), { maxLength: 2 }))
            .map(([changes, extra]) => {
                const kept: [string, unknown][] = [];
                entries.forEach(([k, v], i) => {
                    const c = changes[i];
                    if (c !== DROP) {
                        kept.push([k, c === KEEP ? v : c]);
                    }
                });
                return objectOf([...kept, ...extra]);
            });
    }
    return fc.constant(base);
}

function change(v: unknown): fc.Arbitrary<unknown> {
    return fc.oneof(
        { weight: 6, arbitrary: fc.constant(KEEP) },
        { weight: 1, arbitrary: fc.constant(DROP) },
        { weight: 2, arbitrary: anything },
        { weight: 3, arbitrary: fc.constant(null).chain(() => mutated(v)) },
    );
}

function apply(base: unknown[], items: unknown[]): unknown[] {
    return items.flatMap((c, i) => (c === DROP ? [] : [c === KEEP ? base[i] : c]));
}

/** The property bag of one resource of `type`. */
function bag(type: string): fc.Arbitrary<unknown> {
    const base = fixtures[type]?.();
    const random = fc.array(fc.tuple(key, anything), { maxLength: 8 }).map(objectOf);
    return base === undefined
        ? fc.oneof({ weight: 9, arbitrary: random }, { weight: 1, arbitrary: deep.map((d) => objectOf([["x", d]])) })
        : fc.oneof(
              { weight: 6, arbitrary: mutated(base) },
              { weight: 3, arbitrary: random },
              { weight: 1, arbitrary: anything },
          );
}

const options: fc.Arbitrary<RunOptions> = fc.record(
    {
        stack: fc.constantFrom("prod", "payments-prod", "dev", "products-dev", "PROD-eu", "live", "prod-sandbox", ""),
        noConfig: fc.boolean(),
        config: fc.oneof(
            fc.record(
                { maxLevel: fc.constantFrom("ERROR", "INFO", "info"), productionOnly: fc.boolean() },
                { requiredKeys: [] },
            ),
            fc.record(
                { maxLevel: value, productionOnly: value, maxRateLimit: value, maxBurstLimit: value },
                { requiredKeys: [] },
            ),
        ),
        production: fc.oneof(
            fc.record(
                {
                    productionStacks: fc.array(fc.constantFrom("live", "live-*", "[", "", "*"), { maxLength: 3 }),
                    productionTags: fc.dictionary(
                        fc.constantFrom("tier", "Environment", "", "constructor", "__proto__"),
                        fc.array(fc.constantFrom("critical", "", "Prod")),
                    ),
                    notProductionStacks: fc.array(fc.constantFrom("prod-sandbox", "prod", "*"), { maxLength: 2 }),
                },
                { requiredKeys: [] },
            ),
            fc.record(
                { productionStacks: value, productionTags: value, notProductionStacks: value },
                { requiredKeys: [] },
            ),
        ),
        tags: fc.dictionary(
            fc.constantFrom("environment", "Environment", "ENVIRONMENT", "tier", "", "constructor", "toString"),
            fc.constantFrom("prod", "Production", "dev", "critical", ""),
        ),
    },
    { requiredKeys: ["stack"] },
);

const resourcePolicies = policies.filter(
    (p): p is ResourceValidationPolicy => typeof (p as ResourceValidationPolicy).validateResource === "function",
);
const stackPolicies = policies.filter(
    (p): p is StackValidationPolicy => typeof (p as StackValidationPolicy).validateStack === "function",
);

/** Verdicts a user reads: non-empty sentences, never a JavaScript rendering of a missing value. */
function checkVerdict(verdict: Verdict, what: string): void {
    for (const message of [...verdict.violations, ...(verdict.advisory === undefined ? [] : [verdict.advisory])]) {
        assert.ok(typeof message === "string" && message.length > 0, what);
        assert.doesNotMatch(message, /got not set|\bundefined\b|\[object Object\]/, `${what}: ${message}`);
    }
}

interface Tally {
    runs: number;
    violations: number;
    advisories: number;
}

function tally(into: Tally, verdict: Verdict): void {
    into.runs++;
    into.violations += verdict.violations.length;
    into.advisories += verdict.advisory === undefined ? 0 : 1;
}

describe(`policy fuzzing with fast-check (${RUNS} runs per type, seed ${SEED})`, function () {
    this.timeout(Math.max(60_000, RUNS * 200));

    it("covers every type a policy reads, the project's components and the template carriers", () => {
        for (const type of [
            t.METHOD_SETTINGS,
            t.OBSERVABLE_REST_API,
            t.OBSERVABLE_WEBSOCKET_API,
            t.ROOT_STACK,
            t.COMPOSITE_ALARM,
        ]) {
            assert.ok(TYPES.includes(type), type);
        }
        assert.ok(TEMPLATE_CARRIER_TYPES.every((type) => TYPES.includes(type)));
        // Every policy that judges templates also judges, at the end of the preview, the StackSetInstances it could
        // not judge when they were analyzed; execution logging judges classic stages there too.
        assert.deepStrictEqual(
            resourcePolicies.filter((p) => stackPolicies.includes(p as StackValidationPolicy)).map((p) => p.name),
            [
                "apigateway-no-debug-logging-in-production",
                "apigateway-throttling-required",
                "apigateway-access-logging-required",
                "apigateway-execution-logging-required",
                "apigateway-xray-tracing-required",
                "apigateway-cache-encryption-required",
                "apigateway-no-implicit-stage",
                "apigateway-throttling-within-account-limits",
            ],
        );
    });

    it("fails the property on a policy that throws anything but UnknownValueError", () => {
        const fragile: ResourceValidationPolicy = {
            name: "fragile",
            description: "Reads settings.loggingLevel.length without checking it is a string.",
            enforcementLevel: "mandatory",
            validateResource: (args) => void (args.props as any).settings.loggingLevel.length,
        };
        const result = fc.check(
            fc.property(bag(t.METHOD_SETTINGS), (props) => {
                runResource(fragile, {
                    type: t.METHOD_SETTINGS,
                    props: unknownCheckingProxy(props as object),
                    proxied: true,
                });
            }),
            { seed: SEED, numRuns: 1000 },
        );
        assert.strictEqual(result.failed, true);
        assert.ok(result.errorInstance instanceof TypeError, String(result.errorInstance));
    });

    const totals: Tally = { runs: 0, violations: 0, advisories: 0 };

    for (const type of TYPES) {
        it(`${type}: every resource policy and every stack policy, no crash`, () => {
            fc.assert(
                fc.property(bag(type), options, (props, opts) => {
                    const proxied = unknownCheckingProxy(props as object);
                    for (const policy of resourcePolicies) {
                        const verdict = runResource(policy, { type, props: proxied, proxied: true }, opts);
                        checkVerdict(verdict, `${policy.name} on ${type}`);
                        tally(totals, verdict);
                    }
                }),
                { seed: SEED, numRuns: RUNS },
            );
            fc.assert(
                fc.property(stack(type), options, (resources, opts) => {
                    for (const policy of stackPolicies) {
                        const verdict = runStack(policy, resources(opts.stack ?? "prod"), opts);
                        checkVerdict(verdict, `${policy.name} on a stack with ${type}`);
                        tally(totals, verdict);
                    }
                }),
                { seed: SEED + 1, numRuns: RUNS },
            );
        });
    }

    it("reaches the policies' logic: violations and preview advisories both come out", () => {
        assert.ok(totals.runs > 0);
        assert.ok(totals.violations > totals.runs / 100, `violations: ${totals.violations} in ${totals.runs} runs`);
        assert.ok(totals.advisories > totals.runs / 1000, `advisories: ${totals.advisories} in ${totals.runs} runs`);
    });
});

const DEP_PROPERTIES = [
    "restApi",
    "restApiId",
    "apiId",
    "stageName",
    "dimensions",
    "metricQueries",
    "alarmRule",
    "accessLogSettings",
    "accessLogSetting",
    "stageDescription",
];

/**
 * A stack of 1 to 12 resources around `type` (the others of random types), linked at random: parents (a tree, as
 * the engine's) and propertyDependencies (any graph). Returns a builder, since the URNs carry the stack name the run's options pick.
 */
function stack(type: string): fc.Arbitrary<(stackName: string) => PolicyResource[]> {
    const member = fc
        .oneof({ weight: 2, arbitrary: fc.constant(type) }, { weight: 3, arbitrary: fc.constantFrom(...TYPES) })
        .chain((ty) => bag(ty).map((props) => ({ type: ty, props })));
    return fc
        .tuple(
            fc.array(member, { minLength: 1, maxLength: 12 }),
            fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(fc.constantFrom(...DEP_PROPERTIES), { nil: undefined })), {
                maxLength: 16,
            }),
        )
        .map(([members, links]) => (stackName: string) => {
            const resources: PolicyResource[] = members.map((m, i) =>
                policyResource(
                    m.type,
                    `r${i}`,
                    urnOf(stackName, m.type, `r${i}`),
                    unknownCheckingProxy(m.props as object),
                ),
            );
            for (const [from, to, property] of links) {
                const a = resources[from % resources.length];
                const b = resources[to % resources.length];
                if (property === undefined) {
                    // The engine's parents form a tree: a parent is registered before its children.
                    if (to % resources.length < from % resources.length) {
                        a.parent = b;
                    }
                } else {
                    (a.propertyDependencies[property] ??= []).push(b);
                    a.dependencies.push(b);
                }
            }
            return resources;
        });
}
