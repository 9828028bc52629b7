import * as assert from "assert";
import {
    JSON_ACCESS_LOG_FORMAT,
    SAMPLE_OK_REQUEST,
    renderAccessLogLine,
} from "../../../components/logging/accessLogFormat";
import { QueryLogGroup, queryDefinitions, queryTitle } from "../../../components/monitoring";

describe("components/monitoring/queries", () => {
    it("saves four access-log queries and one execution-log query, in a stable order", () => {
        assert.deepStrictEqual(
            queryDefinitions({ accessLogQueries: true }).map((q) => [q.role, q.title, q.logGroup]),
            [
                ["top-5xx-routes-query", "Top 5XX routes", QueryLogGroup.Access],
                ["p99-latency-by-path-query", "p99 latency per resourcePath", QueryLogGroup.Access],
                ["slowest-integrations-query", "Slowest integrations", QueryLogGroup.Access],
                ["top-throttled-ips-query", "Top throttled source IPs", QueryLogGroup.Access],
                ["recent-errors-query", "Recent execution errors", QueryLogGroup.Execution],
            ],
        );
    });

    it("keeps only the execution-log query when the access log is not Json", () => {
        assert.deepStrictEqual(
            queryDefinitions({ accessLogQueries: false }).map((q) => q.role),
            ["recent-errors-query"],
        );
    });

    it("writes each query exactly", () => {
        const byRole = Object.fromEntries(
            queryDefinitions({ accessLogQueries: true }).map((q) => [q.role, q.queryString]),
        );
        assert.deepStrictEqual(byRole, {
            "top-5xx-routes-query": [
                "fields httpMethod, resourcePath, status",
                "| filter status >= 500",
                "| stats count(*) as errors by httpMethod, resourcePath, status",
                "| sort errors desc",
                "| limit 20",
            ].join("\n"),
            "p99-latency-by-path-query": [
                "fields httpMethod, resourcePath, responseLatency",
                "| filter ispresent(responseLatency)",
                "| stats pct(responseLatency, 99) as p99LatencyMs, pct(responseLatency, 50) as p50LatencyMs, " +
                    "count(*) as requests by httpMethod, resourcePath",
                "| sort p99LatencyMs desc",
                "| limit 20",
            ].join("\n"),
            "slowest-integrations-query": [
                "fields httpMethod, resourcePath, integrationStatus, integrationLatency, responseLatency",
                '| filter ispresent(integrationLatency) and integrationLatency != "-"',
                "| stats max(integrationLatency) as maxIntegrationMs, pct(integrationLatency, 99) as p99IntegrationMs, " +
                    "avg(responseLatency - integrationLatency) as avgGatewayOverheadMs, count(*) as requests " +
                    "by httpMethod, resourcePath, integrationStatus",
                "| sort p99IntegrationMs desc",
                "| limit 20",
            ].join("\n"),
            "top-throttled-ips-query": [
                "fields ip, httpMethod, resourcePath",
                "| filter status = 429",
                "| stats count(*) as throttled by ip",
                "| sort throttled desc",
                "| limit 20",
            ].join("\n"),
            "recent-errors-query": [
                "fields @timestamp, @logStream, @message",
                "| filter @message like /(?i)(error|exception|execution failed|timed out|status: 5\\d\\d)/",
                "| sort @timestamp desc",
                "| limit 100",
            ].join("\n"),
        });
    });

    it("is well formed: commands piped, each stats result sorted on a name it defines", () => {
        for (const q of queryDefinitions({ accessLogQueries: true })) {
            const commands = q.queryString.split("\n");
            assert.match(commands[0], /^fields /, q.role);
            for (const c of commands.slice(1)) {
                assert.match(c, /^\| (filter|stats|sort|limit|fields) /, `${q.role}: ${c}`);
            }
            const sort = /\| sort (\S+) desc/.exec(q.queryString)![1];
            assert.ok(sort === "@timestamp" || q.queryString.includes(` as ${sort}`), `${q.role} sorts on ${sort}`);
            // The regex in the execution query must compile the way Logs Insights reads it.
            const regex = /like \/(.*)\/$/m.exec(q.queryString);
            if (regex) {
                assert.ok(new RegExp(regex[1].replace("(?i)", ""), "i").test("Method completed with status: 502"));
                assert.ok(
                    new RegExp(regex[1].replace("(?i)", ""), "i").test("Execution failed due to a timeout error"),
                );
                assert.ok(!new RegExp(regex[1].replace("(?i)", ""), "i").test("Method completed with status: 200"));
            }
        }
    });

    it("reads only fields the component's Json access-log format writes", () => {
        const fields = Object.keys(JSON.parse(renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, SAMPLE_OK_REQUEST)));
        const aliases = ["errors", "p99LatencyMs", "p50LatencyMs", "requests", "maxIntegrationMs", "p99IntegrationMs"];
        const keywords = ["fields", "filter", "stats", "sort", "limit", "by", "as", "and", "desc", "count", "pct"];
        const functions = ["ispresent", "max", "avg"];
        for (const q of queryDefinitions({ accessLogQueries: true }).filter(
            (q) => q.logGroup === QueryLogGroup.Access,
        )) {
            const names = q.queryString.replace(/"[^"]*"/g, "").match(/\b[A-Za-z][A-Za-z0-9]*\b/g) ?? [];
            for (const name of names) {
                if (![...aliases, ...keywords, ...functions, "avgGatewayOverheadMs", "throttled"].includes(name)) {
                    assert.ok(fields.includes(name), `${q.role} reads ${name}, which the Json format does not write`);
                }
            }
        }
    });

    it("files each saved query under the API's folder", () => {
        const [first] = queryDefinitions({ accessLogQueries: true });
        assert.strictEqual(queryTitle("observable-api-prod-api", first), "observable-api-prod-api/Top 5XX routes");
    });
});
