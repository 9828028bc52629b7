/**
 * The HTTP API's monitoring resources: the pure builders of `http/` wired to Outputs through the shared building
 * blocks of `../createMonitoring.ts` (topic, alarms and composite, filters, queries, dashboard).
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
import { HttpMetrics, signalNamespace } from "../metrics";
import { QueryLogGroup } from "../queries";
import type { EffectiveMonitoring, MonitoringResources } from "../types";
import { HTTP_UNHEALTHY_SIGNALS, httpAlarmDefinitions, httpCompositeAlarmDescription } from "./alarms";
import { HttpDashboardInput, buildHttpDashboardBody } from "./dashboard";
import { httpMetricFilterDefinitions, httpSkippedFiltersWarning } from "./metricFilters";
import { httpQueryDefinitions } from "./queries";
import type { HttpMonitoringContext, ResolvedHttpThresholds } from "./types";

/**
 * Creates the dashboard, the alarm topic, the alarms and their composite, the access-log metric filters and the
 * saved queries of one HTTP stage, as children of `ctx.parent` named `${ctx.name}-<role>`.
 */
export function createHttpMonitoring(
    ctx: HttpMonitoringContext,
    m: EffectiveMonitoring<ResolvedHttpThresholds>,
): MonitoringOutputs {
    const prefix = physicalNamePrefix(pulumi.getProject(), pulumi.getStack(), ctx.name);
    const namespace = pulumi.output(ctx.apiName).apply(signalNamespace);
    const resources: MonitoringResources = { alarms: [], metricFilters: [], queries: [] };
    const out: MonitoringOutputs = { resources };
    warnAboutUnusedAlarmArgs(ctx, m);

    const accessLogSignals = (m.dashboard || m.alarms) && ctx.jsonAccessLogs;
    if (m.dashboard || m.alarms) {
        if (ctx.jsonAccessLogs) {
            createMetricFilters(ctx, httpMetricFilterDefinitions(), ctx.accessLogGroupName, namespace, resources);
        } else {
            pulumi.log.warn(httpSkippedFiltersWarning(ctx.component, ctx.name), ctx.parent);
        }
    }
    const definitions = <V>(metrics: HttpMetrics<V>) =>
        httpAlarmDefinitions({
            name: ctx.name,
            alarmNamePrefix: prefix,
            metrics,
            thresholds: m.thresholds,
            accessLogSignals,
        });

    if (m.dashboard) {
        const body = pulumi
            .all([ctx.apiName, ctx.apiId, ctx.stageName, ctx.region, ctx.accessLogGroupName])
            .apply(([apiName, apiId, stageName, region, accessLogGroupName]) => {
                const input: HttpDashboardInput = {
                    componentName: ctx.name,
                    apiName,
                    apiId,
                    stageName,
                    region,
                    environment: ctx.environment,
                    accessLogGroupName,
                    accessLogSignals,
                };
                if (m.alarms) {
                    input.alarms = definitions(new HttpMetrics(apiId, stageName, signalNamespace(apiName)));
                }
                return buildHttpDashboardBody(input);
            });
        Object.assign(out, createDashboard(ctx, prefix, ctx.region, body, resources));
    }

    if (m.alarms) {
        const topicArn = createAlarmTopic(ctx, m, prefix, resources);
        out.alarmTopicArn = topicArn;
        createAlarms(
            ctx,
            definitions(new HttpMetrics<pulumi.Input<string>>(ctx.apiId, ctx.stageName, namespace)),
            m.compositeAlarm
                ? {
                      signals: HTTP_UNHEALTHY_SIGNALS,
                      description: httpCompositeAlarmDescription(m.thresholds),
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
            httpQueryDefinitions({ accessLogQueries: ctx.jsonAccessLogs }),
            prefix,
            { [QueryLogGroup.Access]: ctx.accessLogGroupName },
            resources,
        );
    }
    return out;
}
