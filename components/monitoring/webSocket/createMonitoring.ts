/**
 * The WebSocket API's monitoring resources: the pure builders of `webSocket/` wired to Outputs through the shared
 * building blocks of `../createMonitoring.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlarmSignal, alarmName } from "../alarms";
import {
    MonitoringOutputs,
    createAlarmTopic,
    createAlarms,
    createDashboard,
    createMetricFilters,
    createQueries,
    physicalNamePrefix,
    warnAboutUnusedAlarmArgs,
} from "../createMonitoring";
import { WebSocketMetrics, signalNamespace } from "../metrics";
import { QueryLogGroup } from "../queries";
import type { EffectiveMonitoring, MonitoringResources } from "../types";
import { WEBSOCKET_UNHEALTHY_SIGNALS, webSocketAlarmDefinitions, webSocketCompositeAlarmDescription } from "./alarms";
import { WebSocketDashboardInput, buildWebSocketDashboardBody } from "./dashboard";
import { webSocketMetricFilterDefinitions, webSocketSkippedFiltersWarning } from "./metricFilters";
import { webSocketQueryDefinitions } from "./queries";
import type { ResolvedWebSocketThresholds, WebSocketMonitoringContext } from "./types";

/**
 * Creates the dashboard, the alarm topic, the alarms and their composite, the access-log metric filters and the
 * saved queries of one WebSocket stage, as children of `ctx.parent` named `${ctx.name}-<role>`.
 */
export function createWebSocketMonitoring(
    ctx: WebSocketMonitoringContext,
    m: EffectiveMonitoring<ResolvedWebSocketThresholds>,
): MonitoringOutputs {
    const prefix = physicalNamePrefix(pulumi.getProject(), pulumi.getStack(), ctx.name);
    const namespace = pulumi.output(ctx.apiName).apply(signalNamespace);
    const resources: MonitoringResources = { alarms: [], metricFilters: [], queries: [] };
    const out: MonitoringOutputs = { resources };
    const executionLog = ctx.executionLogGroupName !== undefined;
    warnAboutUnusedAlarmArgs(ctx, m);

    const accessLogSignals = (m.dashboard || m.alarms) && ctx.jsonAccessLogs;
    if (m.dashboard || m.alarms) {
        if (ctx.jsonAccessLogs) {
            createMetricFilters(ctx, webSocketMetricFilterDefinitions(), ctx.accessLogGroupName, namespace, resources);
        } else {
            pulumi.log.warn(webSocketSkippedFiltersWarning(ctx.component, ctx.name), ctx.parent);
        }
    }
    const definitions = <V>(metrics: WebSocketMetrics<V>) =>
        webSocketAlarmDefinitions({
            name: ctx.name,
            alarmNamePrefix: prefix,
            metrics,
            thresholds: m.thresholds,
            accessLogSignals,
            executionLog,
        });

    if (m.dashboard) {
        const body = pulumi
            .all([ctx.apiName, ctx.apiId, ctx.stageName, ctx.region, ctx.accessLogGroupName, ctx.executionLogGroupName])
            .apply(([apiName, apiId, stageName, region, accessLogGroupName, executionLogGroupName]) => {
                const input: WebSocketDashboardInput = {
                    componentName: ctx.name,
                    apiName,
                    apiId,
                    stageName,
                    region,
                    environment: ctx.environment,
                    accessLogGroupName,
                    accessLogSignals,
                };
                if (executionLogGroupName !== undefined) {
                    input.executionLogGroupName = executionLogGroupName;
                }
                if (m.alarms) {
                    input.alarms = definitions(new WebSocketMetrics(apiId, stageName, signalNamespace(apiName)));
                }
                return buildWebSocketDashboardBody(input);
            });
        Object.assign(out, createDashboard(ctx, prefix, ctx.region, body, resources));
    }

    if (m.alarms) {
        const topicArn = createAlarmTopic(ctx, m, prefix, resources);
        out.alarmTopicArn = topicArn;
        createAlarms(
            ctx,
            definitions(new WebSocketMetrics<pulumi.Input<string>>(ctx.apiId, ctx.stageName, namespace)),
            m.compositeAlarm
                ? {
                      signals: WEBSOCKET_UNHEALTHY_SIGNALS,
                      description: webSocketCompositeAlarmDescription(m.thresholds),
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
            webSocketQueryDefinitions({ accessLogQueries: ctx.jsonAccessLogs, executionLogQuery: executionLog }),
            prefix,
            {
                [QueryLogGroup.Access]: ctx.accessLogGroupName,
                ...(ctx.executionLogGroupName === undefined
                    ? {}
                    : { [QueryLogGroup.Execution]: ctx.executionLogGroupName }),
            },
            resources,
        );
    }
    return out;
}
