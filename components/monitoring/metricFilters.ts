/**
 * Access-log metric filters: API Gateway publishes no metric for 429s, 502s, 504s or integration timeouts, but the
 * Json access log records each of them. The patterns only work on that Json format, whose `status` is an unquoted
 * number and whose `error` is a nested object.
 */
import { AccessLogSignal } from "./metrics";

/**
 * One `aws.cloudwatch.LogMetricFilter`, minus the log group and namespace (resources). `S`: the protocol's signals.
 */
export interface MetricFilterDefinition<S extends string = AccessLogSignal> {
    signal: S;
    /** The child resource's role: `${name}-<role>`. */
    role: string;
    /** CloudWatch Logs JSON filter pattern. */
    pattern: string;
    metricName: S;
    /** Every match counts one. */
    value: "1";
    /** Events that do not match count zero, so the metric has data (and the graph a line) whenever traffic flows. */
    defaultValue: "0";
    unit: "Count";
}

function filter(signal: AccessLogSignal, role: string, pattern: string): MetricFilterDefinition {
    return { signal, role, pattern, metricName: signal, value: "1", defaultValue: "0", unit: "Count" };
}

/** The four filters, in a stable order. */
export function metricFilterDefinitions(): MetricFilterDefinition[] {
    return [
        // Numbers compare unquoted: the Json preset writes `"status":429`, not `"status":"429"`.
        filter(AccessLogSignal.Throttled, "throttled-filter", "{ $.status = 429 }"),
        filter(AccessLogSignal.BadGateway, "bad-gateway-filter", "{ $.status = 502 }"),
        filter(AccessLogSignal.GatewayTimeout, "gateway-timeout-filter", "{ $.status = 504 }"),
        filter(
            AccessLogSignal.IntegrationTimeout,
            "integration-timeout-filter",
            '{ $.error.responseType = "INTEGRATION_TIMEOUT" }',
        ),
    ];
}

/** Warning logged when the access-log format is not Json and the filters are skipped. */
export function skippedFiltersWarning(component: string, componentName: string): string {
    return (
        `${component} "${componentName}": the access-log metric filters (429, 502, 504, integration timeouts) ` +
        "and their alarms need accessLogging.format Json; they were skipped for this format."
    );
}
