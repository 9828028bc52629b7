/**
 * Saved CloudWatch Logs Insights queries: the questions an on-call engineer asks first, written once against the
 * fields of the Json access-log preset (and the execution log's plain text).
 */

/** Which log group a query reads. */
export enum QueryLogGroup {
    Access = "access",
    Execution = "execution",
}

/** One `aws.cloudwatch.QueryDefinition`, minus the log group names (resources). */
export interface QueryDefinitionSpec {
    /** The child resource's role: `${name}-<role>`. */
    role: string;
    /** The title shown in the console, under the folder named after the API. */
    title: string;
    logGroup: QueryLogGroup;
    queryString: string;
}

/** Lines joined the way the console shows them. */
function lines(...parts: string[]): string {
    return parts.join("\n");
}

/**
 * The queries, in a stable order. The access-log ones read the Json preset's fields: `status` and
 * `responseLatency` are numbers; `integrationLatency` is a string because API Gateway writes `-` when no
 * integration ran, so those requests are filtered out before any arithmetic.
 */
export function queryDefinitions(options: { accessLogQueries: boolean }): QueryDefinitionSpec[] {
    const access: QueryDefinitionSpec[] = [
        {
            role: "top-5xx-routes-query",
            title: "Top 5XX routes",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields httpMethod, resourcePath, status",
                "| filter status >= 500",
                "| stats count(*) as errors by httpMethod, resourcePath, status",
                "| sort errors desc",
                "| limit 20",
            ),
        },
        {
            role: "p99-latency-by-path-query",
            title: "p99 latency per resourcePath",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields httpMethod, resourcePath, responseLatency",
                "| filter ispresent(responseLatency)",
                "| stats pct(responseLatency, 99) as p99LatencyMs, pct(responseLatency, 50) as p50LatencyMs, " +
                    "count(*) as requests by httpMethod, resourcePath",
                "| sort p99LatencyMs desc",
                "| limit 20",
            ),
        },
        {
            role: "slowest-integrations-query",
            title: "Slowest integrations",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields httpMethod, resourcePath, integrationStatus, integrationLatency, responseLatency",
                '| filter ispresent(integrationLatency) and integrationLatency != "-"',
                "| stats max(integrationLatency) as maxIntegrationMs, pct(integrationLatency, 99) as p99IntegrationMs, " +
                    "avg(responseLatency - integrationLatency) as avgGatewayOverheadMs, count(*) as requests " +
                    "by httpMethod, resourcePath, integrationStatus",
                "| sort p99IntegrationMs desc",
                "| limit 20",
            ),
        },
        {
            role: "top-throttled-ips-query",
            title: "Top throttled source IPs",
            logGroup: QueryLogGroup.Access,
            queryString: lines(
                "fields ip, httpMethod, resourcePath",
                "| filter status = 429",
                "| stats count(*) as throttled by ip",
                "| sort throttled desc",
                "| limit 20",
            ),
        },
    ];
    const execution: QueryDefinitionSpec = {
        role: "recent-errors-query",
        title: "Recent execution errors",
        logGroup: QueryLogGroup.Execution,
        // Execution logs are plain text: "Execution failed due to ...", "Method completed with status: 502", ...
        queryString: lines(
            "fields @timestamp, @logStream, @message",
            "| filter @message like /(?i)(error|exception|execution failed|timed out|status: 5\\d\\d)/",
            "| sort @timestamp desc",
            "| limit 100",
        ),
    };
    return options.accessLogQueries ? [...access, execution] : [execution];
}

/** The console title of a saved query: folders are separated by `/`. */
export function queryTitle(folder: string, spec: QueryDefinitionSpec): string {
    return `${folder}/${spec.title}`;
}
