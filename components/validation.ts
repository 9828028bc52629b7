/**
 * Validation of ObservableRestApi args. The rules and `validateObservableRestApiArgs` are pure and exported, so
 * tests call each rule directly. The component runs `validateObservableRestApiArgs` before `super()`, so bad input
 * registers nothing; values that are still Outputs are checked inside `apply` (`checkedInput`, `checkedSettings`)
 * with the same messages, and `logSettingsWarnings` reports what is allowed but risky.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountCloudWatchRole, Environment, ExecutionLogLevel } from "./enums";
import { accessLogFormatProblem } from "./logging/accessLogFormat";
import { validateMonitoringArgs } from "./monitoring";
import type { MethodOverrideArgs, ObservableRestApiArgs, ThrottlingArgs } from "./observableRestApiArgs";
import type { EffectiveSettings } from "./presets";

/** The only retention periods CloudWatch Logs accepts, in days. */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** API Gateway cache cluster sizes, in GB. */
export const CACHE_CLUSTER_SIZES_GB: readonly number[] = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237];

export const OVERRIDE_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"];

/** The account-wide default steady-state limit; above it a stage limit can never be reached. */
export const ACCOUNT_RATE_LIMIT = 10000;

/** A rule: the tail of an error message (`<arg> must be …, got …`) for a bad value, or undefined. */
export type Rule = (value: unknown) => string | undefined;

/** A value as a message shows it: numbers bare, everything else as JSON. */
export function shown(value: unknown): string {
    return typeof value === "number" ? String(value) : value === undefined ? "undefined" : JSON.stringify(value);
}

const quotedList = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

export function messagePrefix(componentName: string, component = "ObservableRestApi"): string {
    return `${component} "${componentName}": `;
}

/** True for an Output or a Promise, or an object or array that holds one. */
export function isDeferred(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(isDeferred);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(isDeferred);
    }
    return false;
}

export const enumRule =
    (arg: string, allowed: readonly string[]): Rule =>
    (v) =>
        typeof v === "string" && allowed.includes(v)
            ? undefined
            : `${arg} must be one of ${quotedList(allowed)}, got ${shown(v)}`;

export const levelRule = (arg: string): Rule => enumRule(arg, Object.values(ExecutionLogLevel));

export const retentionRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "number" && CLOUDWATCH_RETENTION_DAYS.includes(v)
            ? undefined
            : `${arg} must be one of CloudWatch's retention periods (${CLOUDWATCH_RETENTION_DAYS.join(", ")}), got ${shown(v)}`;

export const kmsKeyArnRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "string" && /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(v)
            ? undefined
            : `${arg} must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got ${shown(v)}`;

export const rateLimitRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "number" && Number.isFinite(v) && v > 0
            ? undefined
            : `${arg} must be a positive number, got ${shown(v)}`;

export const burstLimitRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "number" && Number.isInteger(v) && v >= 1
            ? undefined
            : `${arg} must be a positive integer, got ${shown(v)}`;

export const booleanRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "boolean" ? undefined : `${arg} must be true or false, got ${shown(v)}`;

export const stageNameRule: Rule = (v) =>
    typeof v === "string" && /^[A-Za-z0-9_-]{1,128}$/.test(v)
        ? undefined
        : `stageName must be 1 to 128 letters, digits, "-" or "_", got ${shown(v)}`;

export const samplingRateRule: Rule = (v) =>
    typeof v === "number" && v >= 0 && v <= 1
        ? undefined
        : `tracing.samplingRate must be a number in [0, 1], got ${shown(v)}`;

export const cloudWatchRoleArnRule: Rule = (v) =>
    typeof v === "string" && /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(v)
        ? undefined
        : `cloudWatchRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got ${shown(v)}`;

export const cacheSizeRule: Rule = (v) =>
    typeof v === "number" && CACHE_CLUSTER_SIZES_GB.includes(v)
        ? undefined
        : `caching.sizeGb must be one of ${CACHE_CLUSTER_SIZES_GB.join(", ")}, got ${shown(v)}`;

export const cacheTtlRule: Rule = (v) =>
    typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 3600
        ? undefined
        : `caching.ttlSeconds must be an integer from 0 to 3600, got ${shown(v)}`;

const RESOURCE_PATH = /^(\/[A-Za-z0-9._~+-]+|\/\{[A-Za-z0-9._-]+\+?\})+$/;

export const overridePathRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "string" && RESOURCE_PATH.test(v)
            ? undefined
            : `${arg} must be a resource path below the root, such as "/orders/{id}", got ${shown(v)}`;

export const overrideMethodRule =
    (arg: string): Rule =>
    (v) =>
        typeof v === "string" && OVERRIDE_METHODS.includes(v.toUpperCase())
            ? undefined
            : `${arg} must be one of ${quotedList(OVERRIDE_METHODS)} (any case), got ${shown(v)}`;

/**
 * Parse an OpenAPI document given as an object or a JSON string. Returns the document, or the rule's message.
 * Only the shape API Gateway needs is checked: an object with a `paths` object.
 */
export function parseOpenApiSpec(value: unknown): { spec: Record<string, unknown> } | { problem: string } {
    let spec: unknown = value;
    if (typeof value === "string") {
        try {
            spec = JSON.parse(value);
        } catch {
            return {
                problem:
                    "openApiSpec must be an OpenAPI document as an object or a JSON string, got a string that is not JSON",
            };
        }
    }
    if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
        return { problem: `openApiSpec must be an OpenAPI document as an object or a JSON string, got ${shown(spec)}` };
    }
    const paths = (spec as Record<string, unknown>).paths;
    if (paths === null || typeof paths !== "object" || Array.isArray(paths)) {
        return { problem: `openApiSpec must be an OpenAPI document with a "paths" object, got paths ${shown(paths)}` };
    }
    return { spec: spec as Record<string, unknown> };
}

export const openApiSpecRule: Rule = (v) => {
    const parsed = parseOpenApiSpec(v);
    return "problem" in parsed ? parsed.problem : undefined;
};

export const accessLogFormatRule: Rule = (v) =>
    typeof v === "string" ? accessLogFormatProblem(v) : `accessLogging.format must be a string, got ${shown(v)}`;

/** Every arg name, per object; a typo would otherwise silently keep the preset. */
export const KNOWN_ARGS: Readonly<Record<string, readonly string[]>> = {
    "": [
        "openApiSpec",
        "restApi",
        "redeployTriggers",
        "stageName",
        "environment",
        "executionLogging",
        "accessLogging",
        "tracing",
        "throttling",
        "methodOverrides",
        "metricsEnabled",
        "caching",
        "accountCloudWatchRole",
        "cloudWatchRoleArn",
        "protectLogs",
        "monitoring",
        "tags",
    ],
    executionLogging: ["level", "retentionInDays", "kmsKeyArn"],
    accessLogging: ["format", "retentionInDays", "kmsKeyArn"],
    tracing: ["enabled", "samplingRate"],
    throttling: ["rateLimit", "burstLimit"],
    caching: ["enabled", "sizeGb", "ttlSeconds", "encrypted"],
    methodOverride: ["path", "method", "throttling", "loggingLevel", "cachingEnabled"],
};

function checkKeys(componentName: string, arg: string, value: unknown, known: readonly string[]): void {
    if (value === undefined || isDeferred(value)) {
        return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        fail(componentName, `${arg} must be an object, got ${shown(value)}`);
    }
    for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
            const full = arg === "" ? key : `${arg}.${key}`;
            fail(
                componentName,
                `${full} is not an arg of ${arg === "" ? "ObservableRestApi" : arg}; allowed: ${known.join(", ")}`,
            );
        }
    }
}

/** Throw the component's message for a plain value that breaks the rule; deferred values are left to `checkedInput`. */
function check(componentName: string, value: unknown, rule: Rule): void {
    if (value === undefined || isDeferred(value)) {
        return;
    }
    const problem = rule(value);
    if (problem !== undefined) {
        throw new Error(messagePrefix(componentName) + problem);
    }
}

function fail(componentName: string, problem: string): never {
    throw new Error(messagePrefix(componentName) + problem);
}

function checkThrottling(componentName: string, arg: string, throttling: ThrottlingArgs | undefined): void {
    check(componentName, throttling?.rateLimit, rateLimitRule(`${arg}.rateLimit`));
    check(componentName, throttling?.burstLimit, burstLimitRule(`${arg}.burstLimit`));
}

function checkOverrides(componentName: string, overrides: MethodOverrideArgs[] | undefined, cachingOn: boolean): void {
    if (overrides === undefined) {
        return;
    }
    if (!Array.isArray(overrides)) {
        fail(componentName, `methodOverrides must be a list of { path, method, … }, got ${shown(overrides)}`);
    }
    const seen = new Map<string, number>();
    overrides.forEach((o, i) => {
        const arg = `methodOverrides[${i}]`;
        checkKeys(componentName, arg, o, KNOWN_ARGS.methodOverride);
        checkKeys(componentName, `${arg}.throttling`, o.throttling, KNOWN_ARGS.throttling);
        const pathProblem = overridePathRule(`${arg}.path`)(o?.path);
        if (pathProblem !== undefined) {
            fail(componentName, pathProblem);
        }
        const methodProblem = overrideMethodRule(`${arg}.method`)(o.method);
        if (methodProblem !== undefined) {
            fail(componentName, methodProblem);
        }
        const key = `${o.path} ${o.method.toUpperCase()}`;
        const first = seen.get(key);
        if (first !== undefined) {
            fail(
                componentName,
                `${arg} must name a method not already overridden, got ${o.method.toUpperCase()} ${o.path} again (see methodOverrides[${first}])`,
            );
        }
        seen.set(key, i);
        checkThrottling(componentName, `${arg}.throttling`, o.throttling);
        check(componentName, o.loggingLevel, levelRule(`${arg}.loggingLevel`));
        check(componentName, o.cachingEnabled, booleanRule(`${arg}.cachingEnabled`));
        if (o.cachingEnabled === true && !cachingOn) {
            fail(
                componentName,
                `${arg}.cachingEnabled must be false or unset while caching.enabled is not true, got true`,
            );
        }
    });
}

/**
 * Check every arg whose value is known now. Throws an Error whose message names the component, the arg, what is
 * allowed and what was given. Outputs are skipped here and checked by `checkedInput` inside `apply`.
 */
export function validateObservableRestApiArgs(componentName: string, args: ObservableRestApiArgs): void {
    if (args === undefined || args === null || typeof args !== "object") {
        fail(componentName, `args must be an object, got ${shown(args)}`);
    }
    checkKeys(componentName, "", args, KNOWN_ARGS[""]);
    for (const arg of ["executionLogging", "accessLogging", "tracing", "throttling", "caching"] as const) {
        checkKeys(componentName, arg, args[arg], KNOWN_ARGS[arg]);
    }
    const hasSpec = args.openApiSpec !== undefined;
    const hasApi = args.restApi !== undefined;
    if (hasSpec === hasApi) {
        fail(componentName, `exactly one of openApiSpec and restApi must be set, got ${hasSpec ? "both" : "neither"}`);
    }
    if (hasApi && !aws.apigateway.RestApi.isInstance(args.restApi)) {
        fail(componentName, `restApi must be an aws.apigateway.RestApi resource, got ${shown(args.restApi)}`);
    }
    check(componentName, args.openApiSpec, openApiSpecRule);
    if (hasSpec && args.redeployTriggers !== undefined) {
        fail(
            componentName,
            "redeployTriggers must be unset with openApiSpec (the document's hash already redeploys the stage), got a list",
        );
    }
    check(componentName, args.environment, enumRule("environment", Object.values(Environment)));
    check(componentName, args.stageName, stageNameRule);

    check(componentName, args.executionLogging?.level, levelRule("executionLogging.level"));
    check(componentName, args.executionLogging?.retentionInDays, retentionRule("executionLogging.retentionInDays"));
    check(componentName, args.executionLogging?.kmsKeyArn, kmsKeyArnRule("executionLogging.kmsKeyArn"));

    check(componentName, args.accessLogging?.format, accessLogFormatRule);
    check(componentName, args.accessLogging?.retentionInDays, retentionRule("accessLogging.retentionInDays"));
    check(componentName, args.accessLogging?.kmsKeyArn, kmsKeyArnRule("accessLogging.kmsKeyArn"));

    check(componentName, args.tracing?.enabled, booleanRule("tracing.enabled"));
    check(componentName, args.tracing?.samplingRate, samplingRateRule);
    if (args.tracing?.enabled === false && args.tracing.samplingRate !== undefined) {
        fail(componentName, "tracing.samplingRate must be unset while tracing.enabled is false, got a rate");
    }

    checkThrottling(componentName, "throttling", args.throttling);
    check(componentName, args.metricsEnabled, booleanRule("metricsEnabled"));

    check(componentName, args.caching?.enabled, booleanRule("caching.enabled"));
    check(componentName, args.caching?.sizeGb, cacheSizeRule);
    check(componentName, args.caching?.ttlSeconds, cacheTtlRule);
    check(componentName, args.caching?.encrypted, booleanRule("caching.encrypted"));
    checkOverrides(componentName, args.methodOverrides, args.caching?.enabled === true);

    const roleMode = args.accountCloudWatchRole ?? AccountCloudWatchRole.None;
    check(componentName, roleMode, enumRule("accountCloudWatchRole", Object.values(AccountCloudWatchRole)));
    if (roleMode === AccountCloudWatchRole.Existing && args.cloudWatchRoleArn === undefined) {
        fail(componentName, 'cloudWatchRoleArn must be set when accountCloudWatchRole is "Existing", got undefined');
    }
    if (roleMode !== AccountCloudWatchRole.Existing && args.cloudWatchRoleArn !== undefined) {
        fail(
            componentName,
            `cloudWatchRoleArn must be unset unless accountCloudWatchRole is "Existing", got accountCloudWatchRole ${shown(roleMode)}`,
        );
    }
    check(componentName, args.cloudWatchRoleArn, cloudWatchRoleArnRule);
    check(componentName, args.protectLogs, booleanRule("protectLogs"));

    validateMonitoringArgs(componentName, args.monitoring);
}

/**
 * The value itself when it is plain (already validated before `super()`), or an Output that fails with the same
 * message, as a ResourceError on `resource`, once the value is known.
 */
export function checkedInput<T>(
    componentName: string,
    value: pulumi.Input<T>,
    rule: Rule,
    resource: pulumi.Resource,
    component = "ObservableRestApi",
): pulumi.Input<T> {
    if (!isDeferred(value)) {
        return value;
    }
    return pulumi.output(value).apply((resolved) => {
        const problem = rule(resolved);
        if (problem !== undefined) {
            throw new pulumi.ResourceError(messagePrefix(componentName, component) + problem, resource);
        }
        return resolved;
    }) as pulumi.Input<T>;
}

/** Warnings, not errors: the component logs them with `pulumi.log.warn`. */
export function productionDebugWarning(
    componentName: string,
    environment: string,
    arg: string,
    level: unknown,
): string | undefined {
    return environment === Environment.Production && level === ExecutionLogLevel.Debug
        ? messagePrefix(componentName) +
              `${arg} is DEBUG in Production: full request and response data, which may hold ` +
              "credentials and personal data, will be written to CloudWatch Logs; the policy pack " +
              "apigateway-no-debug-logging-in-production blocks this"
        : undefined;
}

export function accountRateWarning(componentName: string, arg: string, rate: unknown): string | undefined {
    return typeof rate === "number" && rate > ACCOUNT_RATE_LIMIT
        ? messagePrefix(componentName) +
              `${arg} is ${rate} rps, above the ${ACCOUNT_RATE_LIMIT} rps account default; ` +
              "the account limit applies first unless AWS has raised it"
        : undefined;
}

/**
 * The settings with every Output-valued one wrapped by `checkedInput`: the same checks as before `super()`, run
 * inside `apply`, failing as a ResourceError on the component.
 */
export function checkedSettings(name: string, s: EffectiveSettings, resource: pulumi.Resource): EffectiveSettings {
    const c = <T>(value: pulumi.Input<T>, rule: Rule) => checkedInput(name, value, rule, resource);
    const optional = <T>(value: pulumi.Input<T> | undefined, rule: Rule) =>
        value === undefined ? undefined : c(value, rule);
    const withKey = <T extends object>(value: T, kmsKeyArn: pulumi.Input<string> | undefined) =>
        kmsKeyArn === undefined ? value : { ...value, kmsKeyArn };
    return {
        ...s,
        stageName: c(s.stageName, stageNameRule),
        executionLogging: withKey(
            {
                level: c(s.executionLogging.level, levelRule("executionLogging.level")),
                retentionInDays: c(
                    s.executionLogging.retentionInDays,
                    retentionRule("executionLogging.retentionInDays"),
                ),
            },
            optional(s.executionLogging.kmsKeyArn, kmsKeyArnRule("executionLogging.kmsKeyArn")),
        ),
        accessLogging: withKey(
            {
                format: s.accessLogging.format,
                retentionInDays: c(s.accessLogging.retentionInDays, retentionRule("accessLogging.retentionInDays")),
            },
            optional(s.accessLogging.kmsKeyArn, kmsKeyArnRule("accessLogging.kmsKeyArn")),
        ),
        tracing:
            s.tracing.samplingRate === undefined
                ? s.tracing
                : { enabled: s.tracing.enabled, samplingRate: c(s.tracing.samplingRate, samplingRateRule) },
        throttling: {
            rateLimit: c(s.throttling.rateLimit, rateLimitRule("throttling.rateLimit")),
            burstLimit: c(s.throttling.burstLimit, burstLimitRule("throttling.burstLimit")),
        },
        methodOverrides: s.methodOverrides.map((o, i) => ({
            ...o,
            throttling: {
                rateLimit: c(o.throttling.rateLimit, rateLimitRule(`methodOverrides[${i}].throttling.rateLimit`)),
                burstLimit: c(o.throttling.burstLimit, burstLimitRule(`methodOverrides[${i}].throttling.burstLimit`)),
            },
            loggingLevel: c(o.loggingLevel, levelRule(`methodOverrides[${i}].loggingLevel`)),
        })),
        metricsEnabled: c(s.metricsEnabled, booleanRule("metricsEnabled")),
        caching: {
            enabled: s.caching.enabled,
            sizeGb: c(s.caching.sizeGb, cacheSizeRule),
            ttlSeconds: c(s.caching.ttlSeconds, cacheTtlRule),
            encrypted: c(s.caching.encrypted, booleanRule("caching.encrypted")),
        },
        ...(s.cloudWatchRoleArn === undefined
            ? {}
            : { cloudWatchRoleArn: c(s.cloudWatchRoleArn, cloudWatchRoleArnRule) }),
    };
}

/** Allowed but worth a warning: DEBUG in Production, and rates above the account default. */
export function logSettingsWarnings(name: string, s: EffectiveSettings, resource: pulumi.Resource): void {
    const warn = (message: string | undefined) => {
        if (message !== undefined) {
            pulumi.log.warn(message, resource);
        }
    };
    pulumi
        .output(s.executionLogging.level)
        .apply((level) => warn(productionDebugWarning(name, s.environment, "executionLogging.level", level)));
    pulumi.output(s.throttling.rateLimit).apply((rate) => warn(accountRateWarning(name, "throttling.rateLimit", rate)));
    s.methodOverrides.forEach((o, i) => {
        pulumi
            .output(o.loggingLevel)
            .apply((level) =>
                warn(productionDebugWarning(name, s.environment, `methodOverrides[${i}].loggingLevel`, level)),
            );
        pulumi
            .output(o.throttling.rateLimit)
            .apply((rate) => warn(accountRateWarning(name, `methodOverrides[${i}].throttling.rateLimit`, rate)));
    });
}
