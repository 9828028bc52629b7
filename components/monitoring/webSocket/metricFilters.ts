/**
 * WebSocket access-log metric filters: API Gateway publishes no metric for throttled messages or refused connections,
 * but the WebSocket `Json` access log records each, with `status` as an unquoted number and `eventType` a string.
 */
import { WebSocketAccessLogSignal } from "../metrics";
import type { MetricFilterDefinition } from "../metricFilters";

function filter(
    signal: WebSocketAccessLogSignal,
    role: string,
    pattern: string,
): MetricFilterDefinition<WebSocketAccessLogSignal> {
    return { signal, role, pattern, metricName: signal, value: "1", defaultValue: "0", unit: "Count" };
}

/** The two filters, in a stable order. */
export function webSocketMetricFilterDefinitions(): MetricFilterDefinition<WebSocketAccessLogSignal>[] {
    return [
        filter(WebSocketAccessLogSignal.Throttled, "throttled-filter", "{ $.status = 429 }"),
        // A $connect that an authorizer or the integration refused: the client never got a socket.
        filter(
            WebSocketAccessLogSignal.FailedConnects,
            "failed-connects-filter",
            '{ $.eventType = "CONNECT" && $.status >= 400 }',
        ),
    ];
}

export function webSocketSkippedFiltersWarning(component: string, componentName: string): string {
    return (
        `${component} "${componentName}": the access-log metric filters (throttled messages, failed connects) and ` +
        "their alarms need accessLogging.format Json; they were skipped for this format."
    );
}
