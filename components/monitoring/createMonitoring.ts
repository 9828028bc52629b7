/**
 * The monitoring code that registers resources. Everything it registers is described by the pure builders
 * (`alarms.ts`, `dashboard.ts`, `metricFilters.ts`, `queries.ts`); this file wires them to Outputs. The building
 * blocks (topic, alarms with their composite, filters, queries, dashboard) are shared by every protocol's component.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    AlarmDefinition,
    AlarmSignal,
    UNHEALTHY_SIGNALS,
    alarmDefinitions,
    alarmMetricArgs,
    alarmName,
    compositeAlarmDescription,
    compositeAlarmRule,
    withRunbook,
} from "./alarms";
import { dashboardUrl } from "./consoleUrls";
import { DashboardInput, buildDashboardBody } from "./dashboard";
import { MetricFilterDefinition, metricFilterDefinitions, skippedFiltersWarning } from "./metricFilters";
import { RestMetrics, signalNamespace } from "./metrics";
import { QueryDefinitionSpec, QueryLogGroup, queryDefinitions, queryTitle } from "./queries";
import type { EffectiveMonitoring, MonitoringContext, MonitoringResources } from "./types";
import type { DashboardBody } from "./widgets";

/**
 * The prefix of the names that must be unique in the account and region: the alarms and the saved-query folder. The
 * component's name alone is not enough: the program names its component "api" in every stack, and PutMetricAlarm
 * overwrites silently.
 */
export function physicalNamePrefix(project: string, stack: string, componentName: string): string {
    // Dashboard names allow only letters, digits, "-" and "_"; the same prefix is used for every name.
    return `${project}-${stack}-${componentName}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * The dashboard's name. Dashboards are global to the account, not regional ("All dashboards are global. They are not
 * Region-specific.", CloudWatch user guide), and PutDashboard overwrites a dashboard of the same name, so the same
 * project and stack deployed to two regions must not share one: the region is part of the name. At most 255
 * characters of letters, digits, "-" and "_" (PutDashboard).
 */
export function dashboardName(prefix: string, region: string): string {
    return `${prefix}-${region}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
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

/** What the shared building blocks need of a component. */
export interface MonitoringTarget {
    name: string;
    component: string;
    parent: pulumi.Resource;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** What `createMonitoring` returns: the resources and the outputs the component exposes. */
export interface MonitoringOutputs {
    resources: MonitoringResources;
    dashboardName?: pulumi.Output<string>;
    dashboardUrl?: pulumi.Output<string>;
    alarmTopicArn?: pulumi.Output<string>;
}

/**
 * The topic the alarms notify: the given `alarmTopicArn`, or a new topic encrypted with a key CloudWatch may use,
 * with a policy that lets this account's alarms publish and one email subscription per address.
 */
export function createAlarmTopic(
    target: MonitoringTarget,
    m: EffectiveMonitoring<object>,
    prefix: string,
    resources: MonitoringResources,
): pulumi.Output<string> {
    if (m.alarmTopicArn !== undefined) {
        return pulumi.output(m.alarmTopicArn);
    }
    const opts: pulumi.CustomResourceOptions = { parent: target.parent };
    const identity = aws.getCallerIdentityOutput({}, { parent: target.parent });
    const partition = aws.getPartitionOutput({}, { parent: target.parent });

    let kmsMasterKeyId: pulumi.Input<string>;
    if (m.alarmTopicKmsKeyId !== undefined) {
        kmsMasterKeyId = m.alarmTopicKmsKeyId;
    } else {
        // Not alias/aws/sns: that AWS managed key's policy does not allow cloudwatch.amazonaws.com, so alarm
        // notifications to the topic would fail with KMS AccessDenied.
        const key = new aws.kms.Key(
            `${target.name}-alarm-topic-key`,
            {
                description: `Encrypts the alarm topic of ${prefix}; CloudWatch alarms may use it to publish.`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi
                    .all([partition.partition, identity.accountId])
                    .apply(([p, account]) => JSON.stringify(alarmTopicKeyPolicy(p, account))),
                tags: target.tags,
            },
            opts,
        );
        new aws.kms.Alias(
            `${target.name}-alarm-topic-key-alias`,
            { namePrefix: `alias/${prefix}-alarm-topic-`, targetKeyId: key.keyId },
            opts,
        );
        resources.alarmTopicKey = key;
        kmsMasterKeyId = key.arn;
    }

    const topic = new aws.sns.Topic(
        `${target.name}-alarm-topic`,
        { displayName: `Alarms of ${prefix}`, kmsMasterKeyId, tags: target.tags },
        opts,
    );
    resources.alarmTopic = topic;
    new aws.sns.TopicPolicy(
        `${target.name}-alarm-topic-policy`,
        {
            arn: topic.arn,
            policy: pulumi
                .all([topic.arn, identity.accountId, partition.partition])
                .apply(([arn, account, p]) => JSON.stringify(alarmTopicPolicy(arn, account, p))),
        },
        opts,
    );
    m.alarmEmails.forEach((email, i) => {
        // Plain addresses name their subscription, so removing one address does not replace the others
        // (each replacement would need a new confirmation click).
        const role = typeof email === "string" ? email : String(i);
        new aws.sns.TopicSubscription(
            `${target.name}-alarm-email-${role}`,
            { topic: topic.arn, protocol: "email", endpoint: email },
            opts,
        );
    });
    return topic.arn;
}

/**
 * One MetricAlarm per definition and the composite alarm that pages. The composite's members notify nobody on their
 * own (no alarm, OK or insufficient-data actions: CloudWatch's "Create a composite alarm" recommends "configuring the
 * underlying metric alarms never to take actions"); their state still shows on the dashboard and in the alarm list.
 * Alarms outside the composite keep their actions. Without a composite, or when none of its signals has an alarm
 * (so that it cannot exist), every alarm notifies.
 */
export function createAlarms<V extends pulumi.Input<string>>(
    target: MonitoringTarget,
    definitions: AlarmDefinition<V>[],
    composite: { signals: readonly string[]; description: string; alarmName: string } | undefined,
    topicArn: pulumi.Output<string>,
    runbookUrl: pulumi.Input<string> | undefined,
    resources: MonitoringResources,
): void {
    const opts: pulumi.CustomResourceOptions = { parent: target.parent };
    const describe = (description: string): pulumi.Input<string> =>
        runbookUrl === undefined
            ? description
            : pulumi.output(runbookUrl).apply((url) => withRunbook(description, url));
    // Only signals that have an alarm can be members. A composite with none cannot exist (its rule would be empty,
    // and the provider requires 1 to 10240 characters), so then every alarm notifies on its own.
    const defined = new Set(definitions.map((d) => d.signal));
    const members = new Set((composite?.signals ?? []).filter((s) => defined.has(s)));
    const bySignal = new Map<string, aws.cloudwatch.MetricAlarm>();
    for (const def of definitions) {
        const notifies = !members.has(def.signal);
        const alarm = new aws.cloudwatch.MetricAlarm(
            def.name,
            {
                name: def.alarmName,
                alarmDescription: describe(
                    notifies ? def.description : `${def.description} Notifies through the composite alarm only.`,
                ),
                comparisonOperator: def.comparisonOperator,
                threshold: def.threshold,
                evaluationPeriods: def.evaluationPeriods,
                datapointsToAlarm: def.datapointsToAlarm,
                treatMissingData: def.treatMissingData,
                ...alarmMetricArgs(def.watches),
                actionsEnabled: true,
                alarmActions: notifies ? [topicArn] : [],
                okActions: notifies ? [topicArn] : [],
                insufficientDataActions: [],
                tags: target.tags,
            },
            opts,
        );
        bySignal.set(def.signal, alarm);
        resources.alarms.push(alarm);
    }
    if (composite === undefined || members.size === 0) {
        return;
    }
    const memberAlarms = composite.signals.flatMap((s) => (bySignal.has(s) ? [bySignal.get(s)!] : []));
    resources.compositeAlarm = new aws.cloudwatch.CompositeAlarm(
        alarmName(target.name, AlarmSignal.ApiUnhealthy),
        {
            alarmName: composite.alarmName,
            // Built from the members' name outputs, so the composite waits for them.
            alarmRule: pulumi.all(memberAlarms.map((a) => a.name)).apply(compositeAlarmRule),
            alarmDescription: describe(composite.description),
            actionsEnabled: true,
            alarmActions: [topicArn],
            okActions: [topicArn],
            tags: target.tags,
        },
        opts,
    );
}

/** Warns, on the component, when alarm destinations are given while the alarms are off. */
export function warnAboutUnusedAlarmArgs(target: MonitoringTarget, m: EffectiveMonitoring<object>): void {
    if (!m.alarms && (m.alarmTopicArn !== undefined || m.alarmEmails.length > 0)) {
        pulumi.log.warn(
            `${target.component} "${target.name}": monitoring.alarms is false, so monitoring.alarmTopicArn and ` +
                "monitoring.alarmEmails have no effect",
            target.parent,
        );
    }
}

/** One metric filter per definition on the access log, publishing in the API's signal namespace. */
export function createMetricFilters<S extends string>(
    target: MonitoringTarget,
    definitions: MetricFilterDefinition<S>[],
    logGroupName: pulumi.Input<string>,
    namespace: pulumi.Input<string>,
    resources: MonitoringResources,
): void {
    for (const def of definitions) {
        resources.metricFilters.push(
            new aws.cloudwatch.LogMetricFilter(
                `${target.name}-${def.role}`,
                {
                    logGroupName,
                    pattern: def.pattern,
                    metricTransformation: {
                        name: def.metricName,
                        namespace,
                        value: def.value,
                        defaultValue: def.defaultValue,
                        unit: def.unit,
                    },
                },
                { parent: target.parent },
            ),
        );
    }
}

/**
 * The saved Logs Insights queries, in the component's folder. `logGroups` names the groups the API has: an HTTP API
 * has no execution log, so a query that reads one is a programming error.
 */
export function createQueries(
    target: MonitoringTarget,
    specs: QueryDefinitionSpec[],
    folder: string,
    logGroups: Partial<Record<QueryLogGroup, pulumi.Input<string>>>,
    resources: MonitoringResources,
): void {
    for (const spec of specs) {
        const logGroupName = logGroups[spec.logGroup];
        if (logGroupName === undefined) {
            throw new Error(
                `query ${spec.role} reads the ${spec.logGroup} log group, which ${target.name} does not have`,
            );
        }
        resources.queries.push(
            new aws.cloudwatch.QueryDefinition(
                `${target.name}-${spec.role}`,
                {
                    name: queryTitle(folder, spec),
                    logGroupNames: [logGroupName],
                    queryString: spec.queryString,
                },
                { parent: target.parent },
            ),
        );
    }
}

/** The dashboard, named with its region, from a body built once every Output it shows is known. */
export function createDashboard(
    target: MonitoringTarget,
    prefix: string,
    region: pulumi.Input<string>,
    body: pulumi.Output<DashboardBody>,
    resources: MonitoringResources,
): { dashboardName: pulumi.Output<string>; dashboardUrl: pulumi.Output<string> } {
    const dashboard = new aws.cloudwatch.Dashboard(
        `${target.name}-dashboard`,
        {
            dashboardName: pulumi.output(region).apply((r) => dashboardName(prefix, r)),
            dashboardBody: body.apply((b) => JSON.stringify(b)),
        },
        { parent: target.parent },
    );
    resources.dashboard = dashboard;
    return {
        dashboardName: dashboard.dashboardName,
        dashboardUrl: pulumi.all([region, dashboard.dashboardName]).apply(([r, n]) => dashboardUrl(r, n)),
    };
}

/**
 * Creates the dashboard, the alarm topic, the alarms, the composite "API unhealthy" alarm, the access-log metric
 * filters and the saved Logs Insights queries of one REST stage, as children of `ctx.parent` named
 * `${ctx.name}-<role>`. `m` is already validated and defaulted.
 */
export function createMonitoring(
    ctx: MonitoringContext & { integrationTimeoutMs: number },
    m: EffectiveMonitoring,
): MonitoringOutputs {
    const prefix = physicalNamePrefix(pulumi.getProject(), pulumi.getStack(), ctx.name);
    const namespace = pulumi.output(ctx.apiName).apply(signalNamespace);
    const metrics = new RestMetrics<pulumi.Input<string>>(ctx.apiName, ctx.stageName, namespace);
    const resources: MonitoringResources = { alarms: [], metricFilters: [], queries: [] };
    const out: MonitoringOutputs = { resources };

    warnAboutUnusedAlarmArgs(ctx, m);

    // Access-log signals feed the dashboard and the alarms; without either they would only cost custom metrics.
    const accessLogSignals = (m.dashboard || m.alarms) && ctx.jsonAccessLogs;
    if (m.dashboard || m.alarms) {
        if (ctx.jsonAccessLogs) {
            createMetricFilters(ctx, metricFilterDefinitions(), ctx.accessLogGroupName, namespace, resources);
        } else {
            pulumi.log.warn(skippedFiltersWarning(ctx.component, ctx.name), ctx.parent);
        }
    }

    const definitions = (metricsOf: RestMetrics<any>) =>
        alarmDefinitions({
            name: ctx.name,
            alarmNamePrefix: prefix,
            metrics: metricsOf,
            thresholds: m.thresholds,
            accessLogSignals,
            cachingEnabled: ctx.cachingEnabled,
            integrationTimeoutMs: ctx.integrationTimeoutMs,
        });

    if (m.dashboard) {
        const body = pulumi
            .all([
                ctx.apiName,
                ctx.restApiId,
                ctx.stageName,
                ctx.region,
                ctx.accessLogGroupName,
                ctx.executionLogGroupName,
            ])
            .apply(([apiName, restApiId, stageName, region, accessLogGroupName, executionLogGroupName]) => {
                const input: DashboardInput = {
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
                };
                if (m.alarms) {
                    input.alarms = definitions(new RestMetrics(apiName, stageName, signalNamespace(apiName)));
                }
                return buildDashboardBody(input);
            });
        Object.assign(out, createDashboard(ctx, prefix, ctx.region, body, resources));
    }

    if (m.alarms) {
        const topicArn = createAlarmTopic(ctx, m, prefix, resources);
        out.alarmTopicArn = topicArn;
        createAlarms(
            ctx,
            definitions(metrics),
            m.compositeAlarm
                ? {
                      signals: UNHEALTHY_SIGNALS,
                      description: compositeAlarmDescription(m.thresholds),
                      alarmName: alarmName(prefix, AlarmSignal.ApiUnhealthy),
                  }
                : undefined,
            topicArn,
            m.runbookUrl,
            resources,
        );
    }

    if (m.queries) {
        createQueries(
            ctx,
            queryDefinitions({ accessLogQueries: ctx.jsonAccessLogs }),
            prefix,
            { [QueryLogGroup.Access]: ctx.accessLogGroupName, [QueryLogGroup.Execution]: ctx.executionLogGroupName },
            resources,
        );
    }
    return out;
}
