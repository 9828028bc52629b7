/**
 * The args of ObservableRestApi. The names are a contract: the policy pack, the program, other languages' SDKs
 * (through the schema Pulumi infers from these types) and the tests rely on them.
 *
 * Values are `pulumi.Input<T>` wherever an Output is workable; they are then validated once they resolve, with the
 * same messages. Args that decide which child resources exist (environment, formats, modes, override paths, switches)
 * are plain values, because the set of children must be known when the component is constructed.
 *
 * Numbers: Pulumi's schema has one number type, so counts, days and limits are `number` here and in every generated
 * SDK; the component rejects a fraction where AWS needs an integer, with a message that says so.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AccessLogFormat, AccountCloudWatchRole, Environment, ExecutionLogLevel } from "./contract";
import type { Monitoring } from "./monitoring/types";

/** Execution logging: API Gateway's CloudWatch log of how each request was processed. */
export interface ExecutionLogging {
    /**
     * `OFF`, `ERROR`, `INFO` or `DEBUG`. `DEBUG` is INFO plus full request and response data (`dataTraceEnabled`).
     *
     * Security: `DEBUG` writes request and response bodies and headers, which may include credentials and personal
     * data, to CloudWatch Logs. The component allows it in Production (with a warning); the policy pack blocks it in
     * production. Any level other than `OFF` needs the account's API Gateway CloudWatch role (see
     * `accountCloudWatchRole`).
     * @default ERROR (Production), INFO (Staging), DEBUG (Development)
     */
    level?: pulumi.Input<ExecutionLogLevel>;
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

/**
 * Access logging: one line per request in CloudWatch Logs. It is always on. For a REST stage, API Gateway refuses
 * access-log settings while the account has no CloudWatch role (see `accountCloudWatchRole`).
 */
export interface AccessLogging {
    /**
     * `Json` (valid JSON, numbers unquoted, never the Authorization header or a body) or `Clf` (a common-log-format
     * line). The access-log metric filters and their alarms need `Json`. Excludes `customFormat`.
     * @default Json
     */
    format?: AccessLogFormat;
    /**
     * A single-line format of your own, which must contain `$context.requestId` or `$context.extendedRequestId`.
     * Excludes `format`. Security: a format that logs `$context.authorizer` claims or headers puts them in the logs.
     * @default none (the `format` preset)
     */
    customFormat?: pulumi.Input<string>;
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
export interface Tracing {
    /** Turn X-Ray tracing on for the stage. @default true (every environment) */
    enabled?: boolean;
    /**
     * Fraction of requests to trace, in [0, 1]. When set, the component adds an `aws.xray.SamplingRule` scoped to
     * this stage (a reservoir of 1 request per second, then this rate). Needs `enabled`.
     * @default none (X-Ray's default rule: 1 request per second plus 5%)
     */
    samplingRate?: pulumi.Input<number>;
}

/** Throttling limits. Both always reach API Gateway: a limit left out takes the preset (or the stage's). */
export interface Throttling {
    /**
     * Steady-state requests per second; a positive number. Above the 10,000 rps account quota it only warns.
     * @default 1000 (Production), 500 (Staging), 100 (Development)
     */
    rateLimit?: pulumi.Input<number>;
    /** Burst capacity in requests; a positive integer. @default 2000 (Production), 1000 (Staging), 200 (Development) */
    burstLimit?: pulumi.Input<number>;
}

/** Settings for one method, in a MethodSettings of its own. */
export interface MethodOverride {
    /**
     * The resource path as the OpenAPI document writes it: `/orders/{id}`, or `/` for the root. With `openApiSpec`
     * it must be a path of the document; with `restApi` the component cannot know the paths and checks only the form.
     * @default none: required
     */
    path: string;
    /**
     * `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS`, `ANY` (the `x-amazon-apigateway-any-method`
     * operation) or `*` (every method of the path), in any case. With `openApiSpec` the path must define it.
     * @default none: required
     */
    method: string;
    /** Throttling for this method only; each limit left out takes the stage's. @default the stage's throttling */
    throttling?: Throttling;
    /** Execution log level for this method only (`DEBUG` turns data trace on). @default the stage's level */
    loggingLevel?: pulumi.Input<ExecutionLogLevel>;
    /** Cache this method's responses; needs `caching.enabled`. @default the stage's `caching.enabled` */
    cachingEnabled?: boolean;
}

/** The stage's response cache. */
export interface Caching {
    /** Create a cache cluster for the stage and cache every method. @default false */
    enabled?: boolean;
    /** Cache cluster size in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237. @default 0.5 */
    sizeGb?: pulumi.Input<number>;
    /** Seconds a response stays cached, an integer from 0 to 3600. @default 300 */
    ttlSeconds?: pulumi.Input<number>;
    /**
     * Encrypt cached responses. Security: turning this off stores responses unencrypted (Security Hub APIGateway.5).
     * @default true
     */
    encrypted?: pulumi.Input<boolean>;
}

export interface ObservableRestApiArgs {
    /**
     * An OpenAPI 3 document, as JSON or YAML text. The component creates the RestApi with it as `body` and names the
     * API after its `info.title` (so the API is never renamed back and forth); a change to it redeploys the stage.
     * Excludes `restApi`: exactly one of the two must be set. From TypeScript, `pulumi.jsonStringify(document)`.
     * @default none
     */
    openApiSpec?: pulumi.Input<string>;
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
     * Picks the presets for every arg below; an explicit arg always wins over the preset. `Production` also makes
     * the API production for the policy pack, whatever the stack is called.
     * @default Production
     */
    environment?: Environment;
    /** Execution logging. @default per environment (see ExecutionLogging) */
    executionLogging?: ExecutionLogging;
    /** Access logging; always on. @default Json format, retention per environment */
    accessLogging?: AccessLogging;
    /** X-Ray tracing. @default enabled, no sampling rule */
    tracing?: Tracing;
    /** Stage-wide throttling, on the `*` `/` `*` MethodSettings. @default per environment (see Throttling) */
    throttling?: Throttling;
    /** Per-method settings, each its own MethodSettings. @default [] */
    methodOverrides?: MethodOverride[];
    /** Detailed CloudWatch metrics for every method (per-method Count, Latency, errors). @default true */
    metricsEnabled?: pulumi.Input<boolean>;
    /** The stage's response cache. @default off */
    caching?: Caching;
    /**
     * Whether this component writes the account-wide API Gateway CloudWatch role, which REST stages need for
     * execution logs and access logs alike: API Gateway refuses either while the account has none. There is one role
     * per account and region and the last stack to write it wins, so prefer one bootstrap stack with
     * `ApiGatewayAccountSettings`. `Create` builds a role with `AmazonAPIGatewayPushToCloudWatchLogs` and sets it;
     * `Existing` sets `cloudWatchRoleArn`; `None` expects another stack to have set it.
     * @default None
     */
    accountCloudWatchRole?: AccountCloudWatchRole;
    /** The IAM role ARN to set; required with, and only allowed with, `accountCloudWatchRole: Existing`. @default none */
    cloudWatchRoleArn?: pulumi.Input<string>;
    /**
     * Keep the log groups when the component is deleted (`retainOnDelete`), so that an audit trail outlives the API.
     * @default true (Production), false (Staging, Development)
     */
    protectLogs?: boolean;
    /** Dashboard, alarms, access-log metric filters and saved queries. @default dashboard, alarms and queries on */
    monitoring?: Monitoring;
    /** Tags for every taggable child. @default none */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
