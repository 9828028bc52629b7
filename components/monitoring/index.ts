export { createMonitoring, physicalNamePrefix, alarmTopicKeyPolicy, alarmTopicPolicy } from "./createMonitoring";
export { validateMonitoringArgs, checkedInput, INTEGRATION_TIMEOUT_MS, MAX_RUNBOOK_URL_LENGTH } from "./validation";
export {
    alarmDefaults,
    alarmDefinitions,
    alarmName,
    resolveThresholds,
    compositeAlarmRule,
    compositeAlarmDescription,
    withRunbook,
    AlarmSignal,
    UNHEALTHY_SIGNALS,
    EVALUATION_PERIODS,
    DATAPOINTS_TO_ALARM,
} from "./alarms";
export type { AlarmDefinition, AlarmInput, AlarmMetricQuery, AlarmThresholds, ComparisonOperator } from "./alarms";
export { buildDashboardBody, contextMarkdown, metricRow, GRID_WIDTH, MAX_BODY_BYTES } from "./dashboard";
export type {
    DashboardBody,
    DashboardInput,
    MetricRow,
    MetricRowOptions,
    MetricWidget,
    TextWidget,
    Widget,
} from "./dashboard";
export { metricFilterDefinitions, skippedFiltersWarning } from "./metricFilters";
export type { MetricFilterDefinition } from "./metricFilters";
export { queryDefinitions, queryTitle, QueryLogGroup } from "./queries";
export type { QueryDefinitionSpec } from "./queries";
export {
    API_GATEWAY_NAMESPACE,
    PERIOD_SECONDS,
    ApiGatewayMetric,
    AccessLogSignal,
    ApiGatewayMetricFactory,
    SIGNAL_LABELS,
    accessLogNamespace,
    metricsFor,
} from "./metrics";
export type { MetricSpec, Statistic } from "./metrics";
export { dashboardUrl, logGroupUrl, xrayServiceMapUrl, stageUrl, logsInsightsUrl } from "./consoleUrls";
export type { AlarmThresholdsArgs, MonitoringArgs, MonitoringContext, MonitoringResources } from "./types";
