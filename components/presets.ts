/**
 * Per-environment presets and the merge of explicit args over them. Pure: no resources. Any explicit arg wins over
 * the preset. Defaults are computed here once; the builders receive the result.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    AccountCloudWatchRole,
    Environment,
    ExecutionLogLevel,
    MethodOverrideSettings,
    RestApiSettings,
    methodPathFor,
} from "./contract";
import { resolveThresholds } from "./monitoring/alarms";
import type { EffectiveMonitoring, Monitoring } from "./monitoring/types";
import type { ObservableRestApiArgs } from "./observableRestApiArgs";

/** What an environment picks when an arg is left out. */
export interface EnvironmentPreset {
    executionLogLevel: ExecutionLogLevel;
    executionLogRetentionInDays: number;
    accessLogRetentionInDays: number;
    rateLimit: number;
    burstLimit: number;
    tracingEnabled: boolean;
    metricsEnabled: boolean;
    protectLogs: boolean;
}

export const ENVIRONMENT_PRESETS: Readonly<Record<Environment, Readonly<EnvironmentPreset>>> = {
    [Environment.Production]: {
        executionLogLevel: ExecutionLogLevel.Error,
        executionLogRetentionInDays: 30,
        accessLogRetentionInDays: 90,
        rateLimit: 1000,
        burstLimit: 2000,
        tracingEnabled: true,
        metricsEnabled: true,
        protectLogs: true,
    },
    [Environment.Staging]: {
        executionLogLevel: ExecutionLogLevel.Info,
        executionLogRetentionInDays: 14,
        accessLogRetentionInDays: 30,
        rateLimit: 500,
        burstLimit: 1000,
        tracingEnabled: true,
        metricsEnabled: true,
        protectLogs: false,
    },
    [Environment.Development]: {
        executionLogLevel: ExecutionLogLevel.Debug,
        executionLogRetentionInDays: 7,
        accessLogRetentionInDays: 7,
        rateLimit: 100,
        burstLimit: 200,
        tracingEnabled: true,
        metricsEnabled: true,
        protectLogs: false,
    },
};

export const DEFAULT_STAGE_NAME = "prod";

/** Cache defaults, used only when `caching.enabled` is true. */
export const CACHING_DEFAULTS = { sizeGb: 0.5, ttlSeconds: 300, encrypted: true } as const;

/** How settings carry a value that is still an Output while the component builds. */
export type Deferred = pulumi.Output<any>;

/** The effective settings of a REST API, as the component builds them. */
export type EffectiveRestApiSettings = RestApiSettings<Deferred>;

/** `{...value, kmsKeyArn}` only when a key is given, so that the registered inputs carry no undefined member. */
export function withOptional<T extends object, K extends string, V>(value: T, key: K, v: V | undefined): T {
    return v === undefined ? value : { ...value, [key]: v };
}

/** The monitoring args with every default filled in. */
export function resolveMonitoring(environment: Environment, m: Monitoring | undefined): EffectiveMonitoring {
    let effective: EffectiveMonitoring = {
        dashboard: m?.dashboard ?? true,
        alarms: m?.alarms ?? true,
        queries: m?.queries ?? true,
        compositeAlarm: m?.compositeAlarm ?? true,
        alarmEmails: m?.alarmEmails ?? [],
        thresholds: resolveThresholds(environment, m?.thresholds),
    };
    effective = withOptional(effective, "alarmTopicArn", m?.alarmTopicArn);
    effective = withOptional(effective, "alarmTopicKmsKeyId", m?.alarmTopicKmsKeyId);
    return withOptional(effective, "runbookUrl", m?.runbookUrl);
}

/**
 * Merge explicit args over the environment's preset. Expects args that passed validation (Output-valued members
 * already wrapped in their checks).
 */
export function resolveSettings(args: ObservableRestApiArgs): EffectiveRestApiSettings {
    const environment = args.environment ?? Environment.Production;
    const preset = ENVIRONMENT_PRESETS[environment];
    const level = args.executionLogging?.level ?? preset.executionLogLevel;
    const throttling = {
        rateLimit: args.throttling?.rateLimit ?? preset.rateLimit,
        burstLimit: args.throttling?.burstLimit ?? preset.burstLimit,
    };
    const cachingEnabled = args.caching?.enabled ?? false;
    const tracingEnabled = args.tracing?.enabled ?? preset.tracingEnabled;
    const access = args.accessLogging;
    const methodOverrides: MethodOverrideSettings<Deferred>[] = (args.methodOverrides ?? []).map((o) => ({
        path: o.path,
        method: o.method.toUpperCase(),
        methodPath: methodPathFor(o.path, o.method),
        throttling: {
            rateLimit: (o.throttling?.rateLimit ?? throttling.rateLimit) as number | Deferred,
            burstLimit: (o.throttling?.burstLimit ?? throttling.burstLimit) as number | Deferred,
        },
        loggingLevel: (o.loggingLevel ?? level) as ExecutionLogLevel | Deferred,
        cachingEnabled: o.cachingEnabled ?? cachingEnabled,
    }));
    const settings: EffectiveRestApiSettings = {
        apiSource: args.openApiSpec !== undefined ? "openApiSpec" : "restApi",
        environment,
        stageName: (args.stageName ?? DEFAULT_STAGE_NAME) as string | Deferred,
        executionLogging: withOptional(
            {
                level: level as ExecutionLogLevel | Deferred,
                retentionInDays: (args.executionLogging?.retentionInDays ?? preset.executionLogRetentionInDays) as
                    number | Deferred,
            },
            "kmsKeyArn",
            args.executionLogging?.kmsKeyArn as string | Deferred | undefined,
        ),
        accessLogging: withOptional(
            withOptional(
                {
                    retentionInDays: (access?.retentionInDays ?? preset.accessLogRetentionInDays) as number | Deferred,
                },
                access?.customFormat === undefined ? "format" : "customFormat",
                access?.customFormat ?? access?.format ?? "Json",
            ),
            "kmsKeyArn",
            access?.kmsKeyArn as string | Deferred | undefined,
        ),
        tracing: withOptional(
            { enabled: tracingEnabled },
            "samplingRate",
            args.tracing?.samplingRate as number | Deferred | undefined,
        ),
        throttling: throttling as EffectiveRestApiSettings["throttling"],
        methodOverrides,
        metricsEnabled: (args.metricsEnabled ?? preset.metricsEnabled) as boolean | Deferred,
        caching: {
            enabled: cachingEnabled,
            sizeGb: (args.caching?.sizeGb ?? CACHING_DEFAULTS.sizeGb) as number | Deferred,
            ttlSeconds: (args.caching?.ttlSeconds ?? CACHING_DEFAULTS.ttlSeconds) as number | Deferred,
            encrypted: (args.caching?.encrypted ?? CACHING_DEFAULTS.encrypted) as boolean | Deferred,
        },
        accountCloudWatchRole: args.accountCloudWatchRole ?? AccountCloudWatchRole.None,
        protectLogs: args.protectLogs ?? preset.protectLogs,
        monitoring: {
            dashboard: args.monitoring?.dashboard ?? true,
            alarms: args.monitoring?.alarms ?? true,
            queries: args.monitoring?.queries ?? true,
            compositeAlarm: args.monitoring?.compositeAlarm ?? true,
        },
    };
    return withOptional(settings, "cloudWatchRoleArn", args.cloudWatchRoleArn as string | Deferred | undefined);
}

/** What MethodSettings say for a level: the AWS API has no DEBUG, so DEBUG is INFO plus data trace. */
export function methodLoggingFor(level: string): { loggingLevel: string; dataTraceEnabled: boolean } {
    return level === ExecutionLogLevel.Debug
        ? { loggingLevel: ExecutionLogLevel.Info, dataTraceEnabled: true }
        : { loggingLevel: level, dataTraceEnabled: false };
}
