/**
 * Saved Logs Insights queries for a WebSocket API, written against the fields of the WebSocket `Json` access-log
 * preset (`status` is a number; `eventType` is CONNECT, MESSAGE or DISCONNECT), and the execution log's text.
 */
import { QueryDefinitionSpec, QueryLogGroup } from "../queries";

const lines = (...parts: string[]) => parts.join("\n");

/**
 * The queries, in a stable order. The access-log ones need the Json format; the execution-log one needs an
 * execution log group, which a `$default` stage does not have.
 */
export function webSocketQueryDefinitions(options: {
    accessLogQueries: boolean;
    executionLogQuery: boolean;
}): QueryDefinitionSpec[] {
    const access: QueryDefinitionSpec[] = [
        {
            role: "routes-by-errors-query",
            title: "Routes by errors",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields routeKey, eventType, status, integrationError",
                '| filter status >= 400 or integrationError != "-"',
                "| stats count(*) as errors by routeKey, eventType, status",
                "| sort errors desc",
                "| limit 20",
            ),
        },
        {
            role: "connections-by-messages-query",
            title: "Connections by messages",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields connectionId, ip, eventType",
                '| filter eventType = "MESSAGE"',
                "| stats count(*) as messages by connectionId, ip",
                "| sort messages desc",
                "| limit 20",
            ),
        },
        {
            role: "failed-connects-query",
            title: "Connects that failed",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields @timestamp, connectionId, ip, status, error.responseType, error.message, integrationError",
                '| filter eventType = "CONNECT" and status >= 400',
                "| sort @timestamp desc",
                "| limit 50",
            ),
        },
    ];
    const execution: QueryDefinitionSpec = {
        role: "recent-errors-query",
        title: "Recent execution errors",
        logGroup: QueryLogGroup.Execution,
        queryString: lines(
            "fields @timestamp, @logStream, @message",
            "| filter @message like /(?i)(error|exception|execution failed|timed out|status: 5\\d\\d)/",
            "| sort @timestamp desc",
            "| limit 100",
        ),
    };
    return [...(options.accessLogQueries ? access : []), ...(options.executionLogQuery ? [execution] : [])];
}
