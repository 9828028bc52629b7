/**
 * ObservableRestApi's args: one spec (every arg, typed against the args interfaces) and the rules between args.
 */
import * as aws from "@pulumi/aws";
import { AccessLogFormat, AccountCloudWatchRole, Environment } from "../contract";
import { accessLogFormatProblem } from "../logging/accessLogFormat";
import { INTEGRATION_TIMEOUT_MS, MAX_RAISED_INTEGRATION_TIMEOUT_MS } from "../monitoring/validation";
import { checkMonitoringRelations, monitoringFields, restThresholdsSpec } from "../monitoring/validation";
import type { Monitoring } from "../monitoring/types";
import type {
    AccessLogging,
    Caching,
    ExecutionLogging,
    MethodOverride,
    ObservableRestApiArgs,
    Throttling,
    Tracing,
} from "../observableRestApiArgs";
import { checkAccountRoleRelations } from "./accountRole";
import { ObjectSpec, Reporter, Rule, leaf, list, object, plainLeaf, shown, validateArgs } from "./framework";
import { OpenApiDocument, overrideOperationProblem, parseOpenApiSpec } from "./openApi";
import {
    booleanRule,
    enumRule,
    fractionRule,
    iamRoleArnRule,
    kmsKeyArnRule,
    levelRule,
    positiveIntegerRule,
    rateLimitRule,
    retentionRule,
    stageNameRule,
    stringRule,
    tagsRule,
} from "./rules";

export const COMPONENT = "ObservableRestApi";

/** API Gateway cache cluster sizes, in GB. */
export const CACHE_CLUSTER_SIZES_GB: readonly number[] = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237];

/** The methods an override may name; `ANY` is API Gateway's catch-all method, `*` every method of the path. */
export const OVERRIDE_METHODS: readonly string[] = [
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "ANY",
    "*",
];

const quotedList = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

const cacheSizeRule: Rule = (v, arg) =>
    typeof v === "number" && CACHE_CLUSTER_SIZES_GB.includes(v)
        ? undefined
        : `${arg} must be one of ${CACHE_CLUSTER_SIZES_GB.join(", ")}, got ${shown(v)}`;

const cacheTtlRule: Rule = (v, arg) =>
    typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 3600
        ? undefined
        : `${arg} must be an integer from 0 to 3600, got ${shown(v)}`;

// A path of literal segments and {param} / {proxy+} segments, or the root itself.
const RESOURCE_PATH = /^\/$|^(\/[A-Za-z0-9._~+-]+|\/\{[A-Za-z0-9._-]+\+?\})+$/;

const overridePathRule: Rule = (v, arg) =>
    typeof v === "string" && RESOURCE_PATH.test(v)
        ? undefined
        : `${arg} must be a resource path such as "/orders/{id}", or "/" for the root, got ${shown(v)}`;

const overrideMethodRule: Rule = (v, arg) =>
    typeof v === "string" && OVERRIDE_METHODS.includes(v.toUpperCase())
        ? undefined
        : `${arg} must be one of ${quotedList(OVERRIDE_METHODS)} (any case), got ${shown(v)}`;

export const openApiSpecRule: Rule = (v, arg) => {
    const parsed = parseOpenApiSpec(v, arg);
    return "problem" in parsed ? parsed.problem : undefined;
};

export const customFormatRule: Rule = (v, arg) =>
    typeof v === "string" ? accessLogFormatProblem(v, arg) : `${arg} must be a string, got ${shown(v)}`;

const restApiRule: Rule = (v, arg) =>
    aws.apigateway.RestApi.isInstance(v)
        ? undefined
        : `${arg} must be an aws.apigateway.RestApi resource, got ${shown(v)}`;

export const throttlingSpec = object<Throttling>({
    rateLimit: leaf(rateLimitRule),
    burstLimit: leaf(positiveIntegerRule),
});

/** The whole spec. Latency thresholds are bounded by the integration timeout of the API in use. */
export function restApiSpec(bringsOwnApi: boolean): ObjectSpec<ObservableRestApiArgs> {
    return object<ObservableRestApiArgs>({
        openApiSpec: leaf(openApiSpecRule),
        restApi: plainLeaf(restApiRule),
        redeployTriggers: list(leaf(stringRule), "ids or hashes", false),
        stageName: leaf(stageNameRule),
        environment: plainLeaf(enumRule(Object.values(Environment))),
        executionLogging: object<ExecutionLogging>({
            level: leaf(levelRule),
            retentionInDays: leaf(retentionRule),
            kmsKeyArn: leaf(kmsKeyArnRule),
        }),
        accessLogging: object<AccessLogging>({
            format: plainLeaf(enumRule(Object.values(AccessLogFormat))),
            customFormat: leaf(customFormatRule),
            retentionInDays: leaf(retentionRule),
            kmsKeyArn: leaf(kmsKeyArnRule),
        }),
        tracing: object<Tracing>({ enabled: plainLeaf(booleanRule), samplingRate: leaf(fractionRule) }),
        throttling: throttlingSpec,
        methodOverrides: list(
            object<MethodOverride>({
                path: plainLeaf(overridePathRule),
                method: plainLeaf(overrideMethodRule),
                throttling: throttlingSpec,
                loggingLevel: leaf(levelRule),
                cachingEnabled: plainLeaf(booleanRule),
            }),
            "{ path, method, … }",
        ),
        metricsEnabled: leaf(booleanRule),
        caching: object<Caching>({
            enabled: plainLeaf(booleanRule),
            sizeGb: leaf(cacheSizeRule),
            ttlSeconds: leaf(cacheTtlRule),
            encrypted: leaf(booleanRule),
        }),
        accountCloudWatchRole: plainLeaf(enumRule(Object.values(AccountCloudWatchRole))),
        cloudWatchRoleArn: leaf(iamRoleArnRule),
        protectLogs: plainLeaf(booleanRule),
        monitoring: object<Monitoring>(
            monitoringFields(
                restThresholdsSpec(bringsOwnApi ? MAX_RAISED_INTEGRATION_TIMEOUT_MS : INTEGRATION_TIMEOUT_MS),
            ),
        ),
        tags: leaf(tagsRule),
    });
}

/** The override's operation must be one the document defines; checked now or once an Output spec resolves. */
export function checkOverridesAgainstSpec(
    overrides: readonly MethodOverride[],
    doc: OpenApiDocument,
    reporter: Reporter,
): void {
    overrides.forEach((o, i) =>
        reporter.check(overrideOperationProblem(`methodOverrides[${i}]`, o.path, o.method.toUpperCase(), doc)),
    );
}

/**
 * Validate every arg once: plain values now (throwing before anything is registered), Outputs when they resolve.
 * Returns the args with Output-valued members wrapped in their checks.
 */
export function validateRestApiArgs(args: ObservableRestApiArgs, reporter: Reporter): ObservableRestApiArgs {
    const bringsOwnApi = args !== null && typeof args === "object" && args.restApi !== undefined;
    const checked = validateArgs(restApiSpec(bringsOwnApi), args, reporter);

    const hasSpec = checked.openApiSpec !== undefined;
    if (hasSpec === bringsOwnApi) {
        reporter.fail(`exactly one of openApiSpec and restApi must be set, got ${hasSpec ? "both" : "neither"}`);
    }
    if (hasSpec && checked.redeployTriggers !== undefined) {
        reporter.fail(
            "redeployTriggers must be unset with openApiSpec (the document's hash already redeploys the stage), got a list",
        );
    }
    if (checked.accessLogging?.format !== undefined && checked.accessLogging.customFormat !== undefined) {
        reporter.fail(
            `accessLogging.format and accessLogging.customFormat exclude each other: use the ${JSON.stringify(checked.accessLogging.format)} preset or your own format, got both`,
        );
    }
    if (checked.tracing?.enabled === false && checked.tracing.samplingRate !== undefined) {
        reporter.fail("tracing.samplingRate must be unset while tracing.enabled is false, got a rate");
    }
    const seen = new Map<string, number>();
    (checked.methodOverrides ?? []).forEach((o, i) => {
        const route = `${o.method.toUpperCase()} ${o.path}`;
        const first = seen.get(route);
        if (first !== undefined) {
            reporter.fail(
                `methodOverrides[${i}] must name a method not already overridden, got ${route} again (see methodOverrides[${first}])`,
            );
        }
        seen.set(route, i);
        if (o.cachingEnabled === true && checked.caching?.enabled !== true) {
            reporter.fail(
                `methodOverrides[${i}].cachingEnabled must be false or unset while caching.enabled is not true, got true`,
            );
        }
    });
    if (typeof checked.openApiSpec === "string") {
        const parsed = parseOpenApiSpec(checked.openApiSpec);
        if (!("problem" in parsed)) {
            checkOverridesAgainstSpec(checked.methodOverrides ?? [], parsed, reporter);
        }
    }
    checkAccountRoleRelations(
        "accountCloudWatchRole",
        checked.accountCloudWatchRole ?? AccountCloudWatchRole.None,
        checked.cloudWatchRoleArn,
        reporter,
    );
    checkMonitoringRelations(checked.monitoring, reporter);
    return checked;
}
