import * as assert from "assert";
import { QueryLogGroup } from "../../../../components/monitoring";
import { httpQueryDefinitions } from "../../../../components/monitoring/http/queries";

describe("components/monitoring/http/queries", () => {
    it("saves three access-log queries, exactly, and none without the Json format", () => {
        assert.deepStrictEqual(httpQueryDefinitions({ accessLogQueries: true }), [
            {
                role: "top-5xx-routes-query",
                title: "Top 5xx routes",
                logGroup: QueryLogGroup.Access,
                queryString: [
                    "fields routeKey, status, integrationErrorMessage",
                    "| filter status >= 500",
                    "| stats count(*) as errors by routeKey, status",
                    "| sort errors desc",
                    "| limit 20",
                ].join("\n"),
            },
            {
                role: "p99-latency-by-route-query",
                title: "p99 latency per route",
                logGroup: QueryLogGroup.Access,
                queryString: [
                    "fields routeKey, responseLatency",
                    "| filter ispresent(responseLatency)",
                    "| stats pct(responseLatency, 99) as p99LatencyMs, pct(responseLatency, 50) as p50LatencyMs, count(*) as requests by routeKey",
                    "| sort p99LatencyMs desc",
                    "| limit 20",
                ].join("\n"),
            },
            {
                role: "top-throttled-ips-query",
                title: "Top throttled source IPs",
                logGroup: QueryLogGroup.Access,
                queryString: [
                    "fields ip, routeKey",
                    "| filter status = 429",
                    "| stats count(*) as throttled by ip",
                    "| sort throttled desc",
                    "| limit 20",
                ].join("\n"),
            },
        ]);
        assert.deepStrictEqual(httpQueryDefinitions({ accessLogQueries: false }), []);
    });
});
