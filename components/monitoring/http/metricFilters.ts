/**
 * HTTP access-log metric filters: API Gateway publishes no metric for 429s, 502s or 503s, but the HTTP `Json`
 * access log records each, with `status` as an unquoted number.
 */
import { HttpAccessLogSignal } from "../metrics";
import type { MetricFilterDefinition } from "../metricFilters";

function filter(
    signal: HttpAccessLogSignal,
    role: string,
    pattern: string,
): MetricFilterDefinition<HttpAccessLogSignal> {
    return { signal, role, pattern, metricName: signal, value: "1", defaultValue: "0", unit: "Count" };
}

/** The three filters, in a stable order. */
export function httpMetricFilterDefinitions(): MetricFilterDefinition<HttpAccessLogSignal>[] {
    return [
        filter(HttpAccessLogSignal.Throttled, "throttled-filter", "{ $.status = 429 }"),
        filter(HttpAccessLogSignal.BadGateway, "bad-gateway-filter", "{ $.status = 502 }"),
        // An HTTP API answers an integration past its 30 s timeout with 503, not 504.
        filter(HttpAccessLogSignal.ServiceUnavailable, "service-unavailable-filter", "{ $.status = 503 }"),
    ];
}

/** Warning logged when the access-log format is not Json and the filters are skipped. */
export function httpSkippedFiltersWarning(component: string, componentName: string): string {
    return (
        `${component} "${componentName}": the access-log metric filters (429, 502, 503) and the throttled-requests ` +
        "alarm need accessLogging.format Json; they were skipped for this format."
    );
}
