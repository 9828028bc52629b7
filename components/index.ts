export { ObservableRestApi } from "./observableRestApi";
export type {
    AccessLoggingArgs,
    CachingArgs,
    EnumValue,
    ExecutionLoggingArgs,
    MethodOverrideArgs,
    ObservableRestApiArgs,
    ThrottlingArgs,
    TracingArgs,
} from "./observableRestApiArgs";
export { ApiGatewayAccountSettings } from "./apiGatewayAccountSettings";
export type { ApiGatewayAccountSettingsArgs } from "./apiGatewayAccountSettings";
export { AccessLogFormat, AccountCloudWatchRole, Environment, ExecutionLogLevel } from "./enums";
export {
    ACCESS_LOG_FORMATS,
    CLF_ACCESS_LOG_FORMAT,
    JSON_ACCESS_LOG_FORMAT,
    renderAccessLogLine,
    resolveAccessLogFormat,
} from "./logging/accessLogFormat";
export type { AccessLogSample, ResolvedAccessLogFormat } from "./logging/accessLogFormat";
export { CACHING_DEFAULTS, DEFAULT_STAGE_NAME, ENVIRONMENT_PRESETS, resolveSettings } from "./presets";
export type { EffectiveMethodOverride, EffectiveSettings, EnvironmentPreset } from "./presets";
export { validateObservableRestApiArgs } from "./validation";
export type { AlarmThresholdsArgs, MonitoringArgs, MonitoringContext, MonitoringResources } from "./monitoring/types";
export { DemoBackend } from "./demoBackend";
export type { DemoBackendArgs } from "./demoBackend";
export { demoOpenApiSpec } from "./demo/openApiSpec";
export type { DemoOpenApiSpecArgs } from "./demo/openApiSpec";
