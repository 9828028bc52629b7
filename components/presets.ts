/**
 * Per-environment presets and the merge of explicit args over them. Pure: no Pulumi runtime, no resources.
 * Any explicit arg wins over the preset.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AccessLogFormat, AccountCloudWatchRole, Environment, ExecutionLogLevel } from "./enums";
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

/** One method override with every value filled in from the stage. */
export interface EffectiveMethodOverride {
    path: string;
    /** Upper-case HTTP method or `*`. */
    method: string;
    /** `{path without leading slash}/{METHOD}`. */
    methodPath: string;
    throttling: { rateLimit: pulumi.Input<number>; burstLimit: pulumi.Input<number> };
    loggingLevel: pulumi.Input<string>;
    cachingEnabled: boolean;
}

/**
 * The settings the component really deploys. The component passes this object (minus `tags`) as its own inputs,
 * so the policy pack, which only sees component inputs, judges what is deployed rather than what was typed.
 */
export interface EffectiveSettings {
    /** Where the API came from: `openApiSpec` (the component creates the RestApi) or `restApi` (the caller's). */
    apiSource: "openApiSpec" | "restApi";
    environment: Environment;
    stageName: pulumi.Input<string>;
    executionLogging: {
        level: pulumi.Input<string>;
        retentionInDays: pulumi.Input<number>;
        kmsKeyArn?: pulumi.Input<string>;
    };
    accessLogging: {
        /** `Json`, `Clf`, or the custom format string itself. */
        format: string;
        retentionInDays: pulumi.Input<number>;
        kmsKeyArn?: pulumi.Input<string>;
    };
    tracing: { enabled: boolean; samplingRate?: pulumi.Input<number> };
    throttling: { rateLimit: pulumi.Input<number>; burstLimit: pulumi.Input<number> };
    methodOverrides: EffectiveMethodOverride[];
    metricsEnabled: pulumi.Input<boolean>;
    caching: {
        enabled: boolean;
        sizeGb: pulumi.Input<number>;
        ttlSeconds: pulumi.Input<number>;
        encrypted: pulumi.Input<boolean>;
    };
    accountCloudWatchRole: AccountCloudWatchRole;
    cloudWatchRoleArn?: pulumi.Input<string>;
    protectLogs: boolean;
    monitoring: { dashboard: boolean; alarms: boolean; queries: boolean };
}

/** `methodPath` of a MethodSettings for one method: `/orders/{id}` + `get` gives `orders/{id}/GET`. */
export function methodPathFor(path: string, method: string): string {
    return `${path.replace(/^\/+/, "")}/${method.toUpperCase()}`;
}

/**
 * Merge explicit args over the environment's preset. Expects args that passed `validateObservableRestApiArgs`.
 * Enum values come out as their plain strings.
 */
export function resolveSettings(args: ObservableRestApiArgs): EffectiveSettings {
    const environment = (args.environment ?? Environment.Production) as Environment;
    const preset = ENVIRONMENT_PRESETS[environment];
    const level = args.executionLogging?.level ?? preset.executionLogLevel;
    const throttling = {
        rateLimit: args.throttling?.rateLimit ?? preset.rateLimit,
        burstLimit: args.throttling?.burstLimit ?? preset.burstLimit,
    };
    const cachingEnabled = args.caching?.enabled ?? false;
    const withKey = <T extends object>(value: T, kmsKeyArn: pulumi.Input<string> | undefined) =>
        kmsKeyArn === undefined ? value : { ...value, kmsKeyArn };
    const tracingEnabled = args.tracing?.enabled ?? preset.tracingEnabled;
    const samplingRate = args.tracing?.samplingRate;
    return {
        apiSource: args.openApiSpec !== undefined ? "openApiSpec" : "restApi",
        environment,
        stageName: args.stageName ?? DEFAULT_STAGE_NAME,
        executionLogging: withKey(
            {
                level,
                retentionInDays: args.executionLogging?.retentionInDays ?? preset.executionLogRetentionInDays,
            },
            args.executionLogging?.kmsKeyArn,
        ),
        accessLogging: withKey(
            {
                format: args.accessLogging?.format ?? AccessLogFormat.Json,
                retentionInDays: args.accessLogging?.retentionInDays ?? preset.accessLogRetentionInDays,
            },
            args.accessLogging?.kmsKeyArn,
        ),
        tracing: samplingRate === undefined ? { enabled: tracingEnabled } : { enabled: tracingEnabled, samplingRate },
        throttling,
        methodOverrides: (args.methodOverrides ?? []).map((o) => ({
            path: o.path,
            method: o.method.toUpperCase(),
            methodPath: methodPathFor(o.path, o.method),
            throttling: {
                rateLimit: o.throttling?.rateLimit ?? throttling.rateLimit,
                burstLimit: o.throttling?.burstLimit ?? throttling.burstLimit,
            },
            loggingLevel: o.loggingLevel ?? level,
            cachingEnabled: o.cachingEnabled ?? cachingEnabled,
        })),
        metricsEnabled: args.metricsEnabled ?? preset.metricsEnabled,
        caching: {
            enabled: cachingEnabled,
            sizeGb: args.caching?.sizeGb ?? CACHING_DEFAULTS.sizeGb,
            ttlSeconds: args.caching?.ttlSeconds ?? CACHING_DEFAULTS.ttlSeconds,
            encrypted: args.caching?.encrypted ?? CACHING_DEFAULTS.encrypted,
        },
        accountCloudWatchRole: (args.accountCloudWatchRole ?? AccountCloudWatchRole.None) as AccountCloudWatchRole,
        ...(args.cloudWatchRoleArn === undefined ? {} : { cloudWatchRoleArn: args.cloudWatchRoleArn }),
        protectLogs: args.protectLogs ?? preset.protectLogs,
        monitoring: {
            dashboard: args.monitoring?.dashboard ?? true,
            alarms: args.monitoring?.alarms ?? true,
            queries: args.monitoring?.queries ?? true,
        },
    };
}

/** What MethodSettings say for a level: the AWS API has no DEBUG, so DEBUG is INFO plus data trace. */
export function methodLoggingFor(level: string): { loggingLevel: string; dataTraceEnabled: boolean } {
    return level === ExecutionLogLevel.Debug
        ? { loggingLevel: ExecutionLogLevel.Info, dataTraceEnabled: true }
        : { loggingLevel: level, dataTraceEnabled: false };
}
