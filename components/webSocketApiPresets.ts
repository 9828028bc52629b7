/**
 * ObservableWebSocketApi's effective settings: explicit args merged over the environment's preset (the REST
 * presets, `ENVIRONMENT_PRESETS`). Pure: no resources. Defaults are computed here once.
 */
import {
    AccountCloudWatchRole,
    Environment,
    ExecutionLogLevel,
    WebSocketApiSettings,
    WebSocketRouteOverrideSettings,
} from "./contract";
import { resolveAccessLogging } from "./httpApiPresets";
import { resolveThresholds } from "./monitoring/alarms";
import type { EffectiveMonitoring } from "./monitoring/types";
import { webSocketAlarmDefaults } from "./monitoring/webSocket/alarms";
import type { ResolvedWebSocketThresholds, WebSocketMonitoring } from "./monitoring/webSocket/types";
import type { ObservableWebSocketApiArgs } from "./observableWebSocketApiArgs";
import { DEFAULT_STAGE_NAME, Deferred, ENVIRONMENT_PRESETS, withOptional } from "./presets";

/** The effective settings of a WebSocket API, as the component builds them. */
export type EffectiveWebSocketApiSettings = WebSocketApiSettings<Deferred>;

/**
 * Merge explicit args over the environment's preset. Every route override gets every value, its logging level
 * included: a `routeSettings` entry does not inherit from `defaultRouteSettings`.
 */
export function resolveWebSocketApiSettings(args: ObservableWebSocketApiArgs): EffectiveWebSocketApiSettings {
    const environment = args.environment ?? Environment.Production;
    const preset = ENVIRONMENT_PRESETS[environment];
    const level = (args.executionLogging?.level ?? preset.executionLogLevel) as ExecutionLogLevel | Deferred;
    const throttling = {
        rateLimit: (args.throttling?.rateLimit ?? preset.rateLimit) as number | Deferred,
        burstLimit: (args.throttling?.burstLimit ?? preset.burstLimit) as number | Deferred,
    };
    const detailedMetrics = (args.detailedMetrics ?? preset.metricsEnabled) as boolean | Deferred;
    const routeOverrides: WebSocketRouteOverrideSettings<Deferred>[] = (args.routeOverrides ?? []).map((o) => ({
        routeKey: o.routeKey,
        throttling: {
            rateLimit: (o.throttling?.rateLimit ?? throttling.rateLimit) as number | Deferred,
            burstLimit: (o.throttling?.burstLimit ?? throttling.burstLimit) as number | Deferred,
        },
        loggingLevel: (o.loggingLevel ?? level) as ExecutionLogLevel | Deferred,
        detailedMetrics: (o.detailedMetrics ?? detailedMetrics) as boolean | Deferred,
    }));
    const settings: EffectiveWebSocketApiSettings = {
        apiSource: args.routes !== undefined ? "routes" : "api",
        environment,
        stageName: args.stageName ?? DEFAULT_STAGE_NAME,
        executionLogging: withOptional(
            {
                level,
                retentionInDays: (args.executionLogging?.retentionInDays ?? preset.executionLogRetentionInDays) as
                    number | Deferred,
            },
            "kmsKeyArn",
            args.executionLogging?.kmsKeyArn as string | Deferred | undefined,
        ),
        accessLogging: resolveAccessLogging(args.accessLogging, preset.accessLogRetentionInDays),
        throttling,
        detailedMetrics,
        routeOverrides,
        accountCloudWatchRole: args.accountCloudWatchRole ?? AccountCloudWatchRole.None,
        protectLogs: args.protectLogs ?? preset.protectLogs,
        monitoring: {
            dashboard: args.monitoring?.dashboard ?? true,
            alarms: args.monitoring?.alarms ?? true,
            queries: args.monitoring?.queries ?? true,
            compositeAlarm: args.monitoring?.compositeAlarm ?? true,
        },
    };
    return withOptional(settings, "cloudWatchRoleArn", args.cloudWatchRoleArn as string | Deferred | undefined);
}

/** The monitoring args with every default filled in, thresholds from the WebSocket table. */
export function resolveWebSocketMonitoring(
    environment: Environment,
    m: WebSocketMonitoring | undefined,
): EffectiveMonitoring<ResolvedWebSocketThresholds> {
    let effective: EffectiveMonitoring<ResolvedWebSocketThresholds> = {
        dashboard: m?.dashboard ?? true,
        alarms: m?.alarms ?? true,
        queries: m?.queries ?? true,
        compositeAlarm: m?.compositeAlarm ?? true,
        alarmEmails: m?.alarmEmails ?? [],
        thresholds: resolveThresholds(webSocketAlarmDefaults, environment, m?.thresholds),
    };
    effective = withOptional(effective, "alarmTopicArn", m?.alarmTopicArn);
    effective = withOptional(effective, "alarmTopicKmsKeyId", m?.alarmTopicKmsKeyId);
    return withOptional(effective, "runbookUrl", m?.runbookUrl);
}
