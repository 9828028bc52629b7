import * as assert from "assert";
import { QueryLogGroup } from "../../../../components/monitoring";
import { webSocketQueryDefinitions } from "../../../../components/monitoring/webSocket/queries";

describe("components/monitoring/webSocket/queries", () => {
    it("saves three access-log queries and the execution-log one, exactly", () => {
        assert.deepStrictEqual(webSocketQueryDefinitions({ accessLogQueries: true, executionLogQuery: true }), [
            {
                role: "routes-by-errors-query",
                title: "Routes by errors",
                logGroup: QueryLogGroup.Access,
                queryString: [
                    "fields routeKey, eventType, status, integrationError",
                    '| filter status >= 400 or integrationError != "-"',
                    "| stats count(*) as errors by routeKey, eventType, status",
                    "| sort errors desc",
                    "| limit 20",
                ].join("\n"),
            },
            {
                role: "connections-by-messages-query",
                title: "Connections by messages",
                logGroup: QueryLogGroup.Access,
                queryString: [
                    "fields connectionId, ip, eventType",
                    '| filter eventType = "MESSAGE"',
                    "| stats count(*) as messages by connectionId, ip",
                    "| sort messages desc",
                    "| limit 20",
                ].join("\n"),
            },
            {
                role: "failed-connects-query",
                title: "Connects that failed",
                logGroup: QueryLogGroup.Access,
                queryString: [
                    "fields @timestamp, connectionId, ip, status, error.responseType, error.message, integrationError",
                    '| filter eventType = "CONNECT" and status >= 400',
                    "| sort @timestamp desc",
                    "| limit 50",
                ].join("\n"),
            },
            {
                role: "recent-errors-query",
                title: "Recent execution errors",
                logGroup: QueryLogGroup.Execution,
                queryString: [
                    "fields @timestamp, @logStream, @message",
                    "| filter @message like /(?i)(error|exception|execution failed|timed out|status: 5\\d\\d)/",
                    "| sort @timestamp desc",
                    "| limit 100",
                ].join("\n"),
            },
        ]);
    });

    it("drops the access-log queries without Json, and the execution-log one without an execution log", () => {
        const roles = (accessLogQueries: boolean, executionLogQuery: boolean) =>
            webSocketQueryDefinitions({ accessLogQueries, executionLogQuery }).map((q) => q.role);
        assert.deepStrictEqual(roles(false, true), ["recent-errors-query"]);
        assert.deepStrictEqual(roles(true, false), [
            "routes-by-errors-query",
            "connections-by-messages-query",
            "failed-connects-query",
        ]);
        assert.deepStrictEqual(roles(false, false), []);
    });
});
