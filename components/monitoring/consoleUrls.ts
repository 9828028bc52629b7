/** AWS console links, built from plain strings (the resource code resolves Outputs first). */

/**
 * The console's host for a region's partition. China regions have their own console ("通过以下网址打开 CloudWatch
 * 控制台：https://console.amazonaws.cn/cloudwatch/", docs.amazonaws.cn) and so does GovCloud ("open the IAM console
 * at https://console.amazonaws-us-gov.com/iam", the AWS GovCloud (US) User Guide); every other region is
 * `<region>.console.aws.amazon.com`.
 */
export function consoleHost(region: string): string {
    if (region.startsWith("cn-")) {
        return "console.amazonaws.cn";
    }
    if (region.startsWith("us-gov-")) {
        return "console.amazonaws-us-gov.com";
    }
    return `${region}.console.aws.amazon.com`;
}

function console(region: string, service: string, fragment: string): string {
    return `https://${consoleHost(region)}/${service}/home?region=${region}#${fragment}`;
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
        `https://${consoleHost(region)}/apigateway/main/apis/${restApiId}/stages` +
        `?api=${restApiId}&region=${region}&stage=${encodeURIComponent(stageName)}`
    );
}
