/**
 * observable-api: AWS API Gateway components that are observable from their first request. This entry point is the
 * package's public API, and the one Pulumi infers the multi-language schema from: the components, their args types
 * and their enums. The contract the policy pack reads is published separately as `observable-api/contract`.
 */
export { ObservableRestApi } from "./observableRestApi";
export type {
    AccessLogging,
    Caching,
    ExecutionLogging,
    MethodOverride,
    ObservableRestApiArgs,
    Throttling,
    Tracing,
} from "./observableRestApiArgs";
export type { AlarmThresholds, Monitoring, MonitoringResources } from "./monitoring/types";
export { ObservableHttpApi } from "./observableHttpApi";
export type { HttpRouteOverride, ObservableHttpApiArgs } from "./observableHttpApiArgs";
export type { HttpAlarmThresholds, HttpMonitoring } from "./monitoring/http/types";
export { ObservableWebSocketApi } from "./observableWebSocketApi";
export type { ObservableWebSocketApiArgs, WebSocketRoute, WebSocketRouteOverride } from "./observableWebSocketApiArgs";
export type { WebSocketAlarmThresholds, WebSocketMonitoring } from "./monitoring/webSocket/types";
export { ApiGatewayAccountSettings } from "./apiGatewayAccountSettings";
export type { ApiGatewayAccountSettingsArgs } from "./apiGatewayAccountSettings";
export {
    AccessLogFormat,
    AccountCloudWatchRole,
    CloudWatchRoleSource,
    Environment,
    ExecutionLogLevel,
} from "./contract";
