import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../contract";

/**
 * HTTP API alarm thresholds. Each one defaults per environment (the table is `httpAlarmDefaults` in
 * `http/alarms.ts`). Every alarm fires on 2 breaching 5-minute periods out of the last 3.
 */
export interface HttpAlarmThresholds {
    /** 5xx responses as a percentage of requests, in (0, 100]. @default 1 (Production), 2 (Staging), 5 (Development) */
    serverErrorRatePercent?: number;
    /** 5xx responses per 5 minutes; watches low-traffic APIs the rate alarm cannot. A positive integer. @default 10 */
    serverErrorCount?: number;
    /** 4xx responses as a percentage of requests, in (0, 100]. @default 5 (Production), 10 (Staging), 20 (Development) */
    clientErrorRatePercent?: number;
    /**
     * p99 Latency in milliseconds, below the 30,000 ms an HTTP API integration may take at most.
     * @default 2000 (Production), 3000 (Staging), 5000 (Development)
     */
    latencyP99Ms?: number;
    /**
     * p99 IntegrationLatency in milliseconds, below 30,000 ms.
     * @default 1500 (Production), 2500 (Staging), 4500 (Development)
     */
    integrationLatencyP99Ms?: number;
    /** 429 responses per 5 minutes, from the access-log metric filter (Json access logs only). @default 10 */
    throttledRequests?: number;
}

/** The `monitoring` args of ObservableHttpApi: those of ObservableRestApi, with the HTTP API's own thresholds. */
export interface HttpMonitoring {
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
     * KMS key (id, ARN or alias) that encrypts the topic the component creates; its key policy must let
     * `cloudwatch.amazonaws.com` call kms:Decrypt and kms:GenerateDataKey*. Excludes `alarmTopicArn`. Security: not
     * `alias/aws/sns`, whose policy does not allow CloudWatch, so alarms would notify nobody.
     * @default a customer managed key created for the topic, with rotation on and CloudWatch allowed
     */
    alarmTopicKmsKeyId?: pulumi.Input<string>;
    /** Alarm thresholds. @default per environment (see `HttpAlarmThresholds`) */
    thresholds?: HttpAlarmThresholds;
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

/** Every HTTP threshold, resolved. */
export type ResolvedHttpThresholds = Required<HttpAlarmThresholds>;

/** What ObservableHttpApi hands the monitoring builders once its stage and log group exist. */
export interface HttpMonitoringContext {
    /** The component's name; children are named `${name}-<role>`. */
    name: string;
    /** The component's class, for warnings. */
    component: string;
    parent: pulumi.Resource;
    environment: Environment;
    /** The Api's `name`: the access-log signals' namespace is named after it. */
    apiName: pulumi.Input<string>;
    /** The Api's id: HTTP metrics are keyed on ApiId. */
    apiId: pulumi.Input<string>;
    stageName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accessLogGroupName: pulumi.Input<string>;
    /** True when the access log uses the Json preset; the metric filters need it. */
    jsonAccessLogs: boolean;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
