import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { Environment } from "../contract";

/**
 * Alarm thresholds. Each one defaults per environment (the table is `alarmDefaults` in `alarms.ts`). Every alarm
 * fires on 2 breaching 5-minute periods out of the last 3.
 */
export interface AlarmThresholds {
    /** 5XX responses as a percentage of requests, in (0, 100]. @default 1 (Production), 2 (Staging), 5 (Development) */
    serverErrorRatePercent?: number;
    /** 5XX responses per 5 minutes; watches low-traffic APIs the rate alarm cannot. A positive integer. @default 10 */
    serverErrorCount?: number;
    /** 4XX responses as a percentage of requests, in (0, 100]. @default 5 (Production), 10 (Staging), 20 (Development) */
    clientErrorRatePercent?: number;
    /**
     * p99 Latency in milliseconds; must stay below the API's integration timeout (29,000 ms for the API the component
     * creates; up to 300,000 ms for a REGIONAL or PRIVATE `restApi` whose timeout was raised).
     * @default 2000 (Production), 3000 (Staging), 5000 (Development)
     */
    latencyP99Ms?: number;
    /**
     * p99 IntegrationLatency in milliseconds, below the integration timeout.
     * @default 1500 (Production), 2500 (Staging), 4500 (Development)
     */
    integrationLatencyP99Ms?: number;
    /** 429 responses per 5 minutes, from the access-log metric filter (Json access logs only). @default 10 */
    throttledRequests?: number;
    /** Integration timeouts per 5 minutes that fire the alarm (at least this many), from the access log. @default 1 */
    integrationTimeouts?: number;
    /** Minimum cache hit ratio, as a percentage in (0, 100], when caching is on. @default 50 */
    cacheHitRatioPercent?: number;
}

/** The `monitoring` args. */
export interface Monitoring {
    /** Create the CloudWatch dashboard. @default true */
    dashboard?: boolean;
    /** Create the alarms (and, without `alarmTopicArn`, the SNS topic). The dashboard stays when false. @default true */
    alarms?: boolean;
    /**
     * An existing SNS topic for alarm and OK actions. Excludes `alarmEmails` and `alarmTopicKmsKeyId`. If that topic
     * is encrypted, its key policy must let `cloudwatch.amazonaws.com` use the key (kms:Decrypt,
     * kms:GenerateDataKey*), or the alarms fire and notify nobody.
     * @default a new topic
     */
    alarmTopicArn?: pulumi.Input<string>;
    /** Email subscriptions for the topic the component creates. Excludes `alarmTopicArn`. @default none */
    alarmEmails?: pulumi.Input<string>[];
    /**
     * KMS key (id, ARN or alias) that encrypts the topic the component creates. Its key policy must let
     * `cloudwatch.amazonaws.com` call kms:Decrypt and kms:GenerateDataKey*. Excludes `alarmTopicArn`.
     *
     * Security: the default is NOT the AWS managed key `alias/aws/sns`. That key's policy cannot be changed and does
     * not allow CloudWatch, so alarms publishing to a topic encrypted with it fail with a KMS AccessDenied in the
     * alarm history and notify nobody (AWS re:Post knowledge center, "Why didn't I receive an SNS notification for
     * my CloudWatch alarm trigger?": https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger).
     * @default a customer managed key created for the topic, with rotation on and CloudWatch allowed
     */
    alarmTopicKmsKeyId?: pulumi.Input<string>;
    /** Alarm thresholds. @default per environment (see `AlarmThresholds`) */
    thresholds?: AlarmThresholds;
    /** Runbook URL (http or https) appended to every alarm description. @default none */
    runbookUrl?: pulumi.Input<string>;
    /** Create saved CloudWatch Logs Insights queries. @default true */
    queries?: boolean; /**
     * Create the composite "API unhealthy" alarm, the one that pages. Its member alarms then notify nobody on their
     * own (their state still shows on the dashboard and in the alarm list); with false, every alarm notifies the topic
     * itself. @default true
     */
    compositeAlarm?: boolean;
}

/** Every threshold, resolved. */
export type ResolvedThresholds = Required<AlarmThresholds>;

/** The monitoring args after validation and defaults: what the builders receive. `T`: the protocol's thresholds. */
export interface EffectiveMonitoring<T = ResolvedThresholds> {
    dashboard: boolean;
    alarms: boolean;
    queries: boolean;
    compositeAlarm: boolean;
    alarmTopicArn?: pulumi.Input<string>;
    alarmEmails: pulumi.Input<string>[];
    alarmTopicKmsKeyId?: pulumi.Input<string>;
    thresholds: T;
    runbookUrl?: pulumi.Input<string>;
}

/** What ObservableRestApi hands the monitoring builders once its stage and log groups exist. */
export interface MonitoringContext {
    /** The component's name; children are named `${name}-<role>`. */
    name: string;
    /** The component's class, for warnings: `ObservableRestApi "orders": …`. */
    component: string;
    parent: pulumi.Resource;
    environment: Environment;
    /** RestApi `name`: REST metrics are keyed on ApiName, not ApiId. */
    apiName: pulumi.Input<string>;
    restApiId: pulumi.Input<string>;
    stageName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accessLogGroupName: pulumi.Input<string>;
    executionLogGroupName: pulumi.Input<string>;
    /** True when the access log uses the Json preset; the metric filters need it. */
    jsonAccessLogs: boolean;
    cachingEnabled: boolean;
    tracingEnabled: boolean;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** What the monitoring builders created. Skipped parts are undefined or empty. */
export interface MonitoringResources {
    dashboard?: aws.cloudwatch.Dashboard;
    alarmTopic?: aws.sns.Topic;
    /** The customer managed key of the created topic; undefined with `alarmTopicArn` or `alarmTopicKmsKeyId`. */
    alarmTopicKey?: aws.kms.Key;
    alarms: aws.cloudwatch.MetricAlarm[];
    compositeAlarm?: aws.cloudwatch.CompositeAlarm;
    metricFilters: aws.cloudwatch.LogMetricFilter[];
    queries: aws.cloudwatch.QueryDefinition[];
}
