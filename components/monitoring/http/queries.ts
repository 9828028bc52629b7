/**
 * Saved Logs Insights queries for an HTTP API, written against the fields of the HTTP `Json` access-log preset:
 * `status` and `responseLatency` are numbers. HTTP APIs have no execution log, so every query reads the access log.
 */
import { QueryDefinitionSpec, QueryLogGroup } from "../queries";

const lines = (...parts: string[]) => parts.join("\n");

/** The queries, in a stable order; none without the Json access-log format. */
export function httpQueryDefinitions(options: { accessLogQueries: boolean }): QueryDefinitionSpec[] {
    if (!options.accessLogQueries) {
        return [];
    }
    return [
        {
            role: "top-5xx-routes-query",
            title: "Top 5xx routes",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields routeKey, status, integrationErrorMessage",
                "| filter status >= 500",
                "| stats count(*) as errors by routeKey, status",
                "| sort errors desc",
                "| limit 20",
            ),
        },
        {
            role: "p99-latency-by-route-query",
            title: "p99 latency per route",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields routeKey, responseLatency",
                "| filter ispresent(responseLatency)",
                "| stats pct(responseLatency, 99) as p99LatencyMs, pct(responseLatency, 50) as p50LatencyMs, " +
                    "count(*) as requests by routeKey",
                "| sort p99LatencyMs desc",
                "| limit 20",
            ),
        },
        {
            role: "top-throttled-ips-query",
            title: "Top throttled source IPs",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields ip, routeKey",
                "| filter status = 429",
                "| stats count(*) as throttled by ip",
                "| sort throttled desc",
                "| limit 20",
            ),
        },
    ];
}
