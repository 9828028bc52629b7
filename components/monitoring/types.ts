import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { Environment } from "../enums";

/** Alarm thresholds. Each one defaults per environment (see `alarmDefaults`). */
export interface AlarmThresholdsArgs {
    /** 5XX responses as a percentage of requests. @default 1 (Production), 2 (Staging), 5 (Development) */
    serverErrorRatePercent?: number;
    /** 5XX responses per period; watches low-traffic APIs the rate alarm cannot. @default 10 */
    serverErrorCount?: number;
    /** 4XX responses as a percentage of requests. @default 5 (Production), 10 (Staging), 20 (Development) */
    clientErrorRatePercent?: number;
    /** p99 Latency in milliseconds; keep it below the 29 s integration timeout. @default 2000 (Production) */
    latencyP99Ms?: number;
    /** p99 IntegrationLatency in milliseconds. @default 1500 (Production) */
    integrationLatencyP99Ms?: number;
    /** 429 responses per period, from the access-log metric filter. @default 10 */
    throttledRequests?: number;
    /** 504 integration timeouts per period, from the access-log metric filter. @default 1 */
    integrationTimeouts?: number;
    /** Minimum cache hit ratio, as a percentage, when caching is on. @default 50 */
    cacheHitRatioPercent?: number;
}

/** The `monitoring` args of ObservableRestApi. */
export interface MonitoringArgs {
    /** Create the CloudWatch dashboard. @default true */
    dashboard?: boolean;
    /** Create the alarms (and, without `alarmTopicArn`, the SNS topic). The dashboard stays when false. @default true */
    alarms?: boolean;
    /** An existing SNS topic for alarm and OK actions. Mutually exclusive with `alarmEmails`. @default a new topic */
    alarmTopicArn?: pulumi.Input<string>;
    /** Email subscriptions for the topic the component creates. @default none */
    alarmEmails?: pulumi.Input<string>[];
    /** Alarm thresholds. @default per environment */
    thresholds?: AlarmThresholdsArgs;
    /** Runbook URL appended to every alarm description. @default none */
    runbookUrl?: pulumi.Input<string>;
    /** Create saved CloudWatch Logs Insights queries. @default true */
    queries?: boolean;
}

/** What ObservableRestApi hands the monitoring builders once its stage and log groups exist. */
export interface MonitoringContext {
    /** The component's name; children are named `${name}-<role>`. */
    name: string;
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
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** What the monitoring builders created. Skipped parts are undefined or empty. */
export interface MonitoringResources {
    dashboard?: aws.cloudwatch.Dashboard;
    dashboardName?: pulumi.Output<string>;
    dashboardUrl?: pulumi.Output<string>;
    alarmTopic?: aws.sns.Topic;
    alarmTopicArn?: pulumi.Output<string>;
    alarms: aws.cloudwatch.MetricAlarm[];
    compositeAlarm?: aws.cloudwatch.CompositeAlarm;
    metricFilters: aws.cloudwatch.LogMetricFilter[];
    queries: aws.cloudwatch.QueryDefinition[];
}
