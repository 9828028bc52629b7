/** AWS console links, built from plain strings (the resource code resolves Outputs first). */

function console(region: string, service: string, fragment: string): string {
    return `https://${region}.console.aws.amazon.com/${service}/home?region=${region}#${fragment}`;
}

export function dashboardUrl(region: string, dashboardName: string): string {
    return console(region, "cloudwatch", `dashboards:name=${dashboardName}`);
}

/** X-Ray lives in the CloudWatch console now. */
export function xrayServiceMapUrl(region: string): string {
    return console(region, "cloudwatch", "xray:service-map/map");
}

/** The console escapes a log group name twice inside its fragment: `/` becomes `$252F`. */
export function logGroupUrl(region: string, logGroupName: string): string {
    const escaped = encodeURIComponent(logGroupName).replace(/%/g, "$25");
    return console(region, "cloudwatch", `logsV2:log-groups/log-group/${escaped}`);
}

export function logsInsightsUrl(region: string): string {
    return console(region, "cloudwatch", "logsV2:logs-insights");
}

export function stageUrl(region: string, restApiId: string, stageName: string): string {
    return (
        `https://${region}.console.aws.amazon.com/apigateway/main/apis/${restApiId}/stages` +
        `?api=${restApiId}&region=${region}&stage=${encodeURIComponent(stageName)}`
    );
}
