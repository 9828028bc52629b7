/**
 * ObservableHttpApi's effective settings: explicit args merged over the environment's preset (the REST presets,
 * `ENVIRONMENT_PRESETS`, wherever the setting means the same). Pure: no resources. Defaults are computed here once.
 */
import { Environment, HttpApiSettings, HttpRouteOverrideSettings, V2_DEFAULT_STAGE_NAME } from "./contract";
import { resolveThresholds } from "./monitoring/alarms";
import { httpAlarmDefaults } from "./monitoring/http/alarms";
import type { HttpMonitoring, ResolvedHttpThresholds } from "./monitoring/http/types";
import type { EffectiveMonitoring } from "./monitoring/types";
import type { ObservableHttpApiArgs } from "./observableHttpApiArgs";
import type { AccessLogging } from "./observableRestApiArgs";
import { Deferred, ENVIRONMENT_PRESETS, withOptional } from "./presets";

/** The effective settings of an HTTP API, as the component builds them. */
export type EffectiveHttpApiSettings = HttpApiSettings<Deferred>;

/** The access-log settings as deployed: the preset or the custom format, the retention, the key when given. */
export function resolveAccessLogging(
    access: AccessLogging | undefined,
    defaultRetentionInDays: number,
): HttpApiSettings<Deferred>["accessLogging"] {
    return withOptional(
        withOptional(
            { retentionInDays: (access?.retentionInDays ?? defaultRetentionInDays) as number | Deferred },
            access?.customFormat === undefined ? "format" : "customFormat",
            access?.customFormat ?? access?.format ?? "Json",
        ),
        "kmsKeyArn",
        access?.kmsKeyArn as string | Deferred | undefined,
    );
}

/**
 * Merge explicit args over the environment's preset. Every route override gets every value: a `routeSettings`
 * entry does not inherit from `defaultRouteSettings` (terraform-aws-modules/terraform-aws-apigateway-v2#78: "route_settings
 * will override default_settings ... otherwise it will be AWS default value").
 */
export function resolveHttpApiSettings(args: ObservableHttpApiArgs): EffectiveHttpApiSettings {
    const environment = args.environment ?? Environment.Production;
    const preset = ENVIRONMENT_PRESETS[environment];
    const throttling = {
        rateLimit: (args.throttling?.rateLimit ?? preset.rateLimit) as number | Deferred,
        burstLimit: (args.throttling?.burstLimit ?? preset.burstLimit) as number | Deferred,
    };
    const detailedMetrics = (args.detailedMetrics ?? preset.metricsEnabled) as boolean | Deferred;
    const routeOverrides: HttpRouteOverrideSettings<Deferred>[] = (args.routeOverrides ?? []).map((o) => ({
        routeKey: o.routeKey,
        throttling: {
            rateLimit: (o.throttling?.rateLimit ?? throttling.rateLimit) as number | Deferred,
            burstLimit: (o.throttling?.burstLimit ?? throttling.burstLimit) as number | Deferred,
        },
        detailedMetrics: (o.detailedMetrics ?? detailedMetrics) as boolean | Deferred,
    }));
    return {
        apiSource: args.openApiSpec !== undefined ? "openApiSpec" : "api",
        environment,
        stageName: (args.stageName ?? V2_DEFAULT_STAGE_NAME) as string | Deferred,
        accessLogging: resolveAccessLogging(args.accessLogging, preset.accessLogRetentionInDays),
        throttling,
        detailedMetrics,
        routeOverrides,
        protectLogs: args.protectLogs ?? preset.protectLogs,
        monitoring: {
            dashboard: args.monitoring?.dashboard ?? true,
            alarms: args.monitoring?.alarms ?? true,
            queries: args.monitoring?.queries ?? true,
            compositeAlarm: args.monitoring?.compositeAlarm ?? true,
        },
    };
}

/** The monitoring args with every default filled in, thresholds from the HTTP table. */
export function resolveHttpMonitoring(
    environment: Environment,
    m: HttpMonitoring | undefined,
): EffectiveMonitoring<ResolvedHttpThresholds> {
    let effective: EffectiveMonitoring<ResolvedHttpThresholds> = {
        dashboard: m?.dashboard ?? true,
        alarms: m?.alarms ?? true,
        queries: m?.queries ?? true,
        compositeAlarm: m?.compositeAlarm ?? true,
        alarmEmails: m?.alarmEmails ?? [],
        thresholds: resolveThresholds(httpAlarmDefaults, environment, m?.thresholds),
    };
    effective = withOptional(effective, "alarmTopicArn", m?.alarmTopicArn);
    effective = withOptional(effective, "alarmTopicKmsKeyId", m?.alarmTopicKmsKeyId);
    return withOptional(effective, "runbookUrl", m?.runbookUrl);
}
