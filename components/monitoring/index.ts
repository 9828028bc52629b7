export {
    createMonitoring,
    createAlarmTopic,
    createAlarms,
    createDashboard,
    createMetricFilters,
    createQueries,
    dashboardName,
    physicalNamePrefix,
    alarmTopicKeyPolicy,
    alarmTopicPolicy,
} from "./createMonitoring";
export type { MonitoringOutputs, MonitoringTarget } from "./createMonitoring";
export {
    INTEGRATION_TIMEOUT_MS,
    MAX_RAISED_INTEGRATION_TIMEOUT_MS,
    MAX_RUNBOOK_URL_LENGTH,
    monitoringFields,
    restThresholdsSpec,
    checkMonitoringRelations,
} from "./validation";
export {
    alarmDefaults,
    alarmBase,
    alarmDefinitions,
    alarmMetricArgs,
    alarmName,
    annotationFor,
    resolveThresholds,
    compositeAlarmRule,
    compositeAlarmDescription,
    withRunbook,
    AlarmSignal,
    UNHEALTHY_SIGNALS,
    EVALUATION_PERIODS,
    DATAPOINTS_TO_ALARM,
    WINDOW,
} from "./alarms";
export type {
    AlarmDefinition,
    AlarmInput,
    AlarmMetricArgs,
    AlarmMetricQuery,
    ComparisonOperator,
    ThresholdAnnotation,
} from "./alarms";
export { buildDashboardBody, contextMarkdown } from "./dashboard";
export type { DashboardInput } from "./dashboard";
export { GRID_WIDTH, MAX_BODY_BYTES, dashboardBody, graph, layout, mathRows, metricRow, rowsOf, text } from "./widgets";
export type { DashboardBody, MetricRow, MetricRowOptions, MetricWidget, TextWidget, Unplaced, Widget } from "./widgets";
export { metricFilterDefinitions, skippedFiltersWarning } from "./metricFilters";
export type { MetricFilterDefinition } from "./metricFilters";
export { queryDefinitions, queryTitle, QueryLogGroup } from "./queries";
export type { QueryDefinitionSpec } from "./queries";
export {
    API_GATEWAY_NAMESPACE,
    PERIOD_SECONDS,
    RestMetric,
    AccessLogSignal,
    RestMetrics,
    SIGNAL_LABELS,
    dimensionMap,
    fnv1a,
    metric,
    percentOf,
    restMetricsFor,
    signalNamespace,
} from "./metrics";
export type { MathSpec, MetricSpec, Statistic } from "./metrics";
export { dashboardUrl, logGroupUrl, xrayServiceMapUrl, stageUrl, logsInsightsUrl } from "./consoleUrls";
export type {
    AlarmThresholds,
    EffectiveMonitoring,
    Monitoring,
    MonitoringContext,
    MonitoringResources,
    ResolvedThresholds,
} from "./types";
