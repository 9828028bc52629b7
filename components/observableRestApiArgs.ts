/**
 * The args of ObservableRestApi. The names are a contract: the policy pack, the program and the tests rely on them.
 *
 * Values are `pulumi.Input<T>` wherever an Output is workable (they are then validated inside `apply` with the same
 * messages). Args that decide which child resources exist (environment, formats, modes, override paths, switches)
 * are plain values, because the set of children must be known when the component is constructed.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { AccessLogFormat, AccountCloudWatchRole, Environment, ExecutionLogLevel } from "./enums";
import type { MonitoringArgs } from "./monitoring/types";

/** An enum member or its plain string: both give the same result. */
export type EnumValue<E extends string> = E | `${E}`;

/** Execution logging (API Gateway's CloudWatch log of how each request was processed). */
export interface ExecutionLoggingArgs {
    /**
     * `OFF`, `ERROR`, `INFO` or `DEBUG`. `DEBUG` is INFO plus full request and response data (`dataTraceEnabled`).
     *
     * Security: `DEBUG` writes request and response bodies and headers, which may include credentials and personal
     * data, to CloudWatch. The component allows it in Production (with a warning); the policy pack blocks it there.
     * Any level other than `OFF` needs the account's API Gateway CloudWatch role (see `accountCloudWatchRole`).
     * @default ERROR (Production), INFO (Staging), DEBUG (Development)
     */
    level?: pulumi.Input<EnumValue<ExecutionLogLevel>>;
    /**
     * Days CloudWatch keeps the execution log; one of CloudWatch's fixed periods (1, 3, 5, 7, 14, 30, 60, 90, 120,
     * 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
     * @default 30 (Production), 14 (Staging), 7 (Development)
     */
    retentionInDays?: pulumi.Input<number>;
    /**
     * KMS key ARN that encrypts the execution log group. Its key policy must allow the `logs.<region>.amazonaws.com`
     * service principal.
     * @default none (CloudWatch Logs' own encryption)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** Access logging (one line per request, in a format of your choice). */
export interface AccessLoggingArgs {
    /**
     * `Json` (the JSON preset: valid JSON, numbers unquoted, no Authorization header or bodies), `Clf` (the
     * seeds' common-log-format line) or a custom single-line format that contains `$context.requestId` or
     * `$context.extendedRequestId`. The monitoring metric filters need `Json`.
     * @default AccessLogFormat.Json
     */
    format?: EnumValue<AccessLogFormat> | string;
    /**
     * Days CloudWatch keeps the access log; one of CloudWatch's fixed periods.
     * @default 90 (Production), 30 (Staging), 7 (Development)
     */
    retentionInDays?: pulumi.Input<number>;
    /**
     * KMS key ARN that encrypts the access log group. Its key policy must allow the `logs.<region>.amazonaws.com`
     * service principal.
     * @default none (CloudWatch Logs' own encryption)
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** X-Ray tracing of the stage. */
export interface TracingArgs {
    /** Turn X-Ray tracing on for the stage. @default true (every environment) */
    enabled?: boolean;
    /**
     * Fraction of requests to trace, in [0, 1]. When set, the component adds an `aws.xray.SamplingRule` scoped to
     * this stage (reservoir of 1 request per second, then this rate). Needs `enabled` to be true.
     * @default none (X-Ray's default rule: 1 request per second plus 5%)
     */
    samplingRate?: pulumi.Input<number>;
}

/** Stage-wide throttling, on MethodSettings `*` `/` `*`. */
export interface ThrottlingArgs {
    /**
     * Steady-state requests per second. Must be positive; above the 10,000 rps account default only warns.
     * @default 1000 (Production), 500 (Staging), 100 (Development)
     */
    rateLimit?: pulumi.Input<number>;
    /** Burst capacity in requests; a positive integer. @default 2000 (Production), 1000 (Staging), 200 (Development) */
    burstLimit?: pulumi.Input<number>;
}

/** Settings for one method, in their own MethodSettings with methodPath `{path without leading slash}/{METHOD}`. */
export interface MethodOverrideArgs {
    /** The resource path, as in the OpenAPI document: `/orders/{id}`. Not the root `/`. @default none: required */
    path: string;
    /** `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS` or `*` (any case). @default none: required */
    method: string;
    /** Throttling for this method only; each limit left out takes the stage's. @default the stage's throttling */
    throttling?: ThrottlingArgs;
    /** Execution log level for this method only (`DEBUG` turns data trace on). @default the stage's level */
    loggingLevel?: pulumi.Input<EnumValue<ExecutionLogLevel>>;
    /** Cache this method's responses; needs `caching.enabled`. @default the stage's `caching.enabled` */
    cachingEnabled?: boolean;
}

/** The stage's response cache. */
export interface CachingArgs {
    /** Create a cache cluster for the stage and cache every method. @default false */
    enabled?: boolean;
    /** Cache cluster size in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237. @default 0.5 */
    sizeGb?: pulumi.Input<number>;
    /** Seconds a response stays cached, 0 to 3600. @default 300 */
    ttlSeconds?: pulumi.Input<number>;
    /**
     * Encrypt cached responses. Security: turning this off stores responses unencrypted (Security Hub APIGateway.5).
     * @default true
     */
    encrypted?: pulumi.Input<boolean>;
}

export interface ObservableRestApiArgs {
    /**
     * An OpenAPI 3 document, as an object or a JSON string; the component creates the RestApi with it as `body`,
     * and a change to it redeploys the stage. Excludes `restApi`: exactly one of the two must be set.
     * @default none
     */
    openApiSpec?: pulumi.Input<string | Record<string, unknown>>;
    /**
     * An existing RestApi whose methods and integrations you define. Excludes `openApiSpec`: exactly one of the two
     * must be set. List in `redeployTriggers` what must redeploy the stage.
     * @default none
     */
    restApi?: aws.apigateway.RestApi;
    /**
     * Ids or hashes whose change redeploys the stage (for example your methods' and integrations' ids). Only with
     * `restApi`; with `openApiSpec` the document's hash is the trigger.
     * @default [] (the stage is deployed once)
     */
    redeployTriggers?: pulumi.Input<string>[];
    /** The stage name: letters, digits, `-` and `_`, up to 128. @default "prod" */
    stageName?: pulumi.Input<string>;
    /**
     * Picks the presets for every arg below; an explicit arg always wins over the preset.
     * @default Environment.Production
     */
    environment?: EnumValue<Environment>;
    /** Execution logging. @default per environment (see ExecutionLoggingArgs) */
    executionLogging?: ExecutionLoggingArgs;
    /** Access logging; always on. @default Json format, retention per environment */
    accessLogging?: AccessLoggingArgs;
    /** X-Ray tracing. @default enabled, no sampling rule */
    tracing?: TracingArgs;
    /** Stage-wide throttling. @default per environment (see ThrottlingArgs) */
    throttling?: ThrottlingArgs;
    /** Per-method settings, each its own MethodSettings. @default [] */
    methodOverrides?: MethodOverrideArgs[];
    /** Detailed CloudWatch metrics for every method (per-method Count, Latency, errors). @default true */
    metricsEnabled?: pulumi.Input<boolean>;
    /** The stage's response cache. @default off */
    caching?: CachingArgs;
    /**
     * Whether this component writes the account-wide API Gateway CloudWatch role. There is one per account and
     * region and the last stack to write it wins, so prefer one bootstrap stack with `ApiGatewayAccountSettings`.
     * `Create` builds a role with `AmazonAPIGatewayPushToCloudWatchLogs` and sets it; `Existing` sets
     * `cloudWatchRoleArn`; `None` leaves the account alone.
     * @default AccountCloudWatchRole.None
     */
    accountCloudWatchRole?: EnumValue<AccountCloudWatchRole>;
    /** The IAM role ARN to set; required with, and only allowed with, `accountCloudWatchRole: Existing`. @default none */
    cloudWatchRoleArn?: pulumi.Input<string>;
    /**
     * Keep the log groups when the component is deleted (`retainOnDelete`), so that an audit trail outlives the API.
     * @default true (Production), false (Staging, Development)
     */
    protectLogs?: boolean;
    /** Dashboard, alarms, access-log metric filters and saved queries. @default dashboard, alarms and queries on */
    monitoring?: MonitoringArgs;
    /** Tags for every taggable child. @default none */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
