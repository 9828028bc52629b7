/**
 * The only monitoring code that registers resources. Everything it registers is described by the pure builders
 * (`alarms.ts`, `dashboard.ts`, `metricFilters.ts`, `queries.ts`); this file wires them to Outputs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AlarmDefinition,
    AlarmSignal,
    UNHEALTHY_SIGNALS,
    alarmDefinitions,
    alarmName,
    compositeAlarmDescription,
    compositeAlarmRule,
    resolveThresholds,
    withRunbook,
} from "./alarms";
import { dashboardUrl } from "./consoleUrls";
import { buildDashboardBody } from "./dashboard";
import { metricFilterDefinitions, skippedFiltersWarning } from "./metricFilters";
import { API_GATEWAY_NAMESPACE, ApiGatewayMetricFactory, accessLogNamespace } from "./metrics";
import { QueryLogGroup, queryDefinitions, queryTitle } from "./queries";
import type { MonitoringArgs, MonitoringContext, MonitoringResources } from "./types";
import {
    alarmEmailError,
    alarmTopicArnError,
    checkedInput,
    runbookUrlError,
    validateMonitoringArgs,
} from "./validation";

/**
 * The prefix of the names that must be unique in the account: the dashboard (account-wide), the alarms and the
 * saved-query folder (per region). The component's name alone is not enough: the program names its component
 * "api" in every stack, and PutMetricAlarm and PutDashboard overwrite silently.
 */
export function physicalNamePrefix(project: string, stack: string, componentName: string): string {
    // Dashboard names allow only letters, digits, "-" and "_".
    return `${project}-${stack}-${componentName}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** The key policy of the topic's customer managed key: the account administers it, CloudWatch may use it. */
export function alarmTopicKeyPolicy(partition: string, accountId: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersTheKey",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // Without this, CloudWatch's publish fails with KMS AccessDenied and the alarm notifies nobody.
                Sid: "CloudWatchAlarmsPublishToTheEncryptedTopic",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
        ],
    };
}

/**
 * The topic policy: the account manages the topic, and CloudWatch alarms of this account (only) may publish.
 * It replaces SNS's default policy, so the owner's statement is spelled out.
 */
export function alarmTopicPolicy(topicArn: string, accountId: string, partition: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountManagesTheTopic",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: [
                    "sns:GetTopicAttributes",
                    "sns:SetTopicAttributes",
                    "sns:AddPermission",
                    "sns:RemovePermission",
                    "sns:DeleteTopic",
                    "sns:Subscribe",
                    "sns:ListSubscriptionsByTopic",
                    "sns:Publish",
                ],
                Resource: topicArn,
            },
            {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

/**
 * Creates the dashboard, the alarm topic, the alarms, the composite "API unhealthy" alarm, the access-log metric
 * filters and the saved Logs Insights queries of one stage, as children of `ctx.parent` named `${ctx.name}-<role>`.
 * Validates `args` first and throws before registering anything.
 */
export function createMonitoring(ctx: MonitoringContext, args: MonitoringArgs | undefined): MonitoringResources {
    validateMonitoringArgs(ctx.name, args);
    const a: MonitoringArgs = args ?? {};
    const dashboardOn = a.dashboard ?? true;
    const alarmsOn = a.alarms ?? true;
    const queriesOn = a.queries ?? true;
    const opts: pulumi.CustomResourceOptions = { parent: ctx.parent };
    const prefix = physicalNamePrefix(pulumi.getProject(), pulumi.getStack(), ctx.name);
    const thresholds = resolveThresholds(ctx.environment, a.thresholds);
    const signalNamespace = pulumi.output(ctx.apiName).apply(accessLogNamespace);
    const metrics = new ApiGatewayMetricFactory<pulumi.Input<string>>(
        API_GATEWAY_NAMESPACE,
        ctx.apiName,
        ctx.stageName,
        signalNamespace,
    );
    const result: MonitoringResources = { alarms: [], metricFilters: [], queries: [] };

    if (!alarmsOn && (a.alarmTopicArn !== undefined || (a.alarmEmails ?? []).length > 0)) {
        pulumi.log.warn(
            `ObservableRestApi "${ctx.name}": monitoring.alarms is false, so monitoring.alarmTopicArn and ` +
                "monitoring.alarmEmails have no effect",
            ctx.parent,
        );
    }

    // Access-log signals feed the dashboard and the alarms; without either they would only cost custom metrics.
    let accessLogSignals = false;
    if (dashboardOn || alarmsOn) {
        if (ctx.jsonAccessLogs) {
            accessLogSignals = true;
            for (const def of metricFilterDefinitions()) {
                result.metricFilters.push(
                    new aws.cloudwatch.LogMetricFilter(
                        `${ctx.name}-${def.role}`,
                        {
                            logGroupName: ctx.accessLogGroupName,
                            pattern: def.pattern,
                            metricTransformation: {
                                name: def.metricName,
                                namespace: signalNamespace,
                                value: def.value,
                                defaultValue: def.defaultValue,
                                unit: def.unit,
                            },
                        },
                        opts,
                    ),
                );
            }
        } else {
            pulumi.log.warn(skippedFiltersWarning(ctx.name), ctx.parent);
        }
    }

    if (dashboardOn) {
        const body = pulumi
            .all([
                ctx.apiName,
                ctx.restApiId,
                ctx.stageName,
                ctx.region,
                ctx.accessLogGroupName,
                ctx.executionLogGroupName,
            ])
            .apply(([apiName, restApiId, stageName, region, accessLogGroupName, executionLogGroupName]) =>
                JSON.stringify(
                    buildDashboardBody({
                        componentName: ctx.name,
                        apiName,
                        restApiId,
                        stageName,
                        region,
                        environment: ctx.environment,
                        accessLogGroupName,
                        executionLogGroupName,
                        cachingEnabled: ctx.cachingEnabled,
                        tracingEnabled: ctx.tracingEnabled,
                        accessLogSignals,
                        thresholds: alarmsOn ? thresholds : undefined,
                    }),
                ),
            );
        const dashboard = new aws.cloudwatch.Dashboard(
            `${ctx.name}-dashboard`,
            { dashboardName: prefix, dashboardBody: body },
            opts,
        );
        result.dashboard = dashboard;
        result.dashboardName = dashboard.dashboardName;
        result.dashboardUrl = pulumi
            .all([ctx.region, dashboard.dashboardName])
            .apply(([region, name]) => dashboardUrl(region, name));
    }

    if (alarmsOn) {
        const topicArn = createAlarmTopic(ctx, a, prefix, opts, result);
        result.alarmTopicArn = topicArn;
        const runbookUrl =
            a.runbookUrl === undefined
                ? undefined
                : pulumi.output(checkedInput(a.runbookUrl, (v) => runbookUrlError(ctx.name, v)));
        const describe = (description: string): pulumi.Input<string> =>
            runbookUrl === undefined ? description : runbookUrl.apply((url) => withRunbook(description, url));

        const defs = alarmDefinitions({
            name: ctx.name,
            alarmNamePrefix: prefix,
            metrics,
            thresholds,
            accessLogSignals,
            cachingEnabled: ctx.cachingEnabled,
        });
        const bySignal = new Map<AlarmSignal, aws.cloudwatch.MetricAlarm>();
        for (const def of defs) {
            const alarm = new aws.cloudwatch.MetricAlarm(def.name, metricAlarmArgs(def, describe, topicArn, ctx), opts);
            bySignal.set(def.signal, alarm);
            result.alarms.push(alarm);
        }

        const members = UNHEALTHY_SIGNALS.map((signal) => bySignal.get(signal)!);
        result.compositeAlarm = new aws.cloudwatch.CompositeAlarm(
            alarmName(ctx.name, AlarmSignal.ApiUnhealthy),
            {
                alarmName: alarmName(prefix, AlarmSignal.ApiUnhealthy),
                // Built from the members' name outputs, so the composite waits for them.
                alarmRule: pulumi.all(members.map((m) => m.name)).apply(compositeAlarmRule),
                alarmDescription: describe(compositeAlarmDescription(thresholds)),
                actionsEnabled: true,
                alarmActions: [topicArn],
                okActions: [topicArn],
                tags: ctx.tags,
            },
            opts,
        );
    }

    if (queriesOn) {
        for (const spec of queryDefinitions({ accessLogQueries: ctx.jsonAccessLogs })) {
            result.queries.push(
                new aws.cloudwatch.QueryDefinition(
                    `${ctx.name}-${spec.role}`,
                    {
                        name: queryTitle(prefix, spec),
                        logGroupNames: [
                            spec.logGroup === QueryLogGroup.Access ? ctx.accessLogGroupName : ctx.executionLogGroupName,
                        ],
                        queryString: spec.queryString,
                    },
                    opts,
                ),
            );
        }
    }
    return result;
}

function metricAlarmArgs(
    def: AlarmDefinition<pulumi.Input<string>>,
    describe: (description: string) => pulumi.Input<string>,
    topicArn: pulumi.Output<string>,
    ctx: MonitoringContext,
): aws.cloudwatch.MetricAlarmArgs {
    return {
        name: def.alarmName,
        alarmDescription: describe(def.description),
        comparisonOperator: def.comparisonOperator,
        threshold: def.threshold,
        evaluationPeriods: def.evaluationPeriods,
        datapointsToAlarm: def.datapointsToAlarm,
        treatMissingData: def.treatMissingData,
        namespace: def.namespace,
        metricName: def.metricName,
        dimensions: def.dimensions,
        statistic: def.statistic,
        extendedStatistic: def.extendedStatistic,
        evaluateLowSampleCountPercentiles: def.evaluateLowSampleCountPercentiles,
        period: def.period,
        metricQueries: def.metricQueries,
        actionsEnabled: true,
        alarmActions: [topicArn],
        okActions: [topicArn],
        tags: ctx.tags,
    };
}

/**
 * The topic the alarms notify: the given `alarmTopicArn`, or a new topic encrypted with a key CloudWatch may use,
 * with a policy that lets this account's alarms publish and one email subscription per address.
 */
function createAlarmTopic(
    ctx: MonitoringContext,
    a: MonitoringArgs,
    prefix: string,
    opts: pulumi.CustomResourceOptions,
    result: MonitoringResources,
): pulumi.Output<string> {
    if (a.alarmTopicArn !== undefined) {
        return pulumi.output(checkedInput(a.alarmTopicArn, (v) => alarmTopicArnError(ctx.name, v)));
    }
    const identity = aws.getCallerIdentityOutput({}, { parent: ctx.parent });
    const partition = aws.getPartitionOutput({}, { parent: ctx.parent });

    let kmsMasterKeyId: pulumi.Input<string>;
    if (a.alarmTopicKmsKeyId !== undefined) {
        kmsMasterKeyId = a.alarmTopicKmsKeyId;
    } else {
        // Not alias/aws/sns, as first planned: that AWS managed key's policy does not allow
        // cloudwatch.amazonaws.com, so alarm notifications to the topic would fail with KMS AccessDenied.
        const key = new aws.kms.Key(
            `${ctx.name}-alarm-topic-key`,
            {
                description: `Encrypts the alarm topic of ${prefix}; CloudWatch alarms may use it to publish.`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi
                    .all([partition.partition, identity.accountId])
                    .apply(([p, account]) => JSON.stringify(alarmTopicKeyPolicy(p, account))),
                tags: ctx.tags,
            },
            opts,
        );
        new aws.kms.Alias(
            `${ctx.name}-alarm-topic-key-alias`,
            { namePrefix: `alias/${prefix}-alarm-topic-`, targetKeyId: key.keyId },
            opts,
        );
        result.alarmTopicKey = key;
        kmsMasterKeyId = key.arn;
    }

    const topic = new aws.sns.Topic(
        `${ctx.name}-alarm-topic`,
        { displayName: `Alarms of ${prefix}`, kmsMasterKeyId, tags: ctx.tags },
        opts,
    );
    result.alarmTopic = topic;
    new aws.sns.TopicPolicy(
        `${ctx.name}-alarm-topic-policy`,
        {
            arn: topic.arn,
            policy: pulumi
                .all([topic.arn, identity.accountId, partition.partition])
                .apply(([arn, account, p]) => JSON.stringify(alarmTopicPolicy(arn, account, p))),
        },
        opts,
    );
    (a.alarmEmails ?? []).forEach((email, i) => {
        // Plain addresses name their subscription, so removing one address does not replace the others
        // (each replacement would need a new confirmation click).
        const role = typeof email === "string" ? email : String(i);
        new aws.sns.TopicSubscription(
            `${ctx.name}-alarm-email-${role}`,
            {
                topic: topic.arn,
                protocol: "email",
                endpoint: checkedInput(email, (v) => alarmEmailError(ctx.name, i, v)),
            },
            opts,
        );
    });
    return topic.arn;
}
