import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../contract";

/**
 * WebSocket API alarm thresholds. Each one defaults per environment (the table is `webSocketAlarmDefaults` in
 * `webSocket/alarms.ts`). Every alarm fires on 2 breaching 5-minute periods out of the last 3.
 */
export interface WebSocketAlarmThresholds {
    /**
     * IntegrationError as a percentage of MessageCount, in (0, 100].
     * @default 1 (Production), 2 (Staging), 5 (Development)
     */
    integrationErrorRatePercent?: number;
    /**
     * ExecutionError per 5 minutes (API Gateway could not call the integration at all); a positive integer.
     * @default 5 (Production), 10 (Staging), 20 (Development)
     */
    executionErrors?: number;
    /**
     * p99 IntegrationLatency in milliseconds, below the 29,000 ms a WebSocket integration may take at most.
     * @default 1500 (Production), 2500 (Staging), 4500 (Development)
     */
    integrationLatencyP99Ms?: number;
    /** Throttled (429) messages per 5 minutes, from the access-log metric filter (Json access logs only). @default 10 */
    throttledMessages?: number;
    /** Refused connections per 5 minutes, from the access-log metric filter (Json access logs only). @default 10 */
    failedConnects?: number;
}

/** The `monitoring` args of ObservableWebSocketApi: those of ObservableRestApi, with the WebSocket API's own thresholds. */
export interface WebSocketMonitoring {
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
    /** Alarm thresholds. @default per environment (see `WebSocketAlarmThresholds`) */
    thresholds?: WebSocketAlarmThresholds;
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

/** Every WebSocket threshold, resolved. */
export type ResolvedWebSocketThresholds = Required<WebSocketAlarmThresholds>;

/** What ObservableWebSocketApi hands the monitoring builders once its stage and log groups exist. */
export interface WebSocketMonitoringContext {
    name: string;
    component: string;
    parent: pulumi.Resource;
    environment: Environment;
    /** The Api's `name`: the access-log signals' namespace is named after it. */
    apiName: pulumi.Input<string>;
    /** The Api's id: WebSocket metrics are keyed on ApiId. */
    apiId: pulumi.Input<string>;
    stageName: pulumi.Input<string>;
    region: pulumi.Input<string>;
    accessLogGroupName: pulumi.Input<string>;
    /** Undefined for a `$default` stage, whose execution log group cannot be named. */
    executionLogGroupName?: pulumi.Input<string>;
    jsonAccessLogs: boolean;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
