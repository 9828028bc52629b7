/**
 * What AWS would answer, without AWS: the ids, ARNs, URLs and names a real provider reports for the resource types
 * this project creates, and the answers to the provider functions its code calls. Shared by the mock runtime
 * (unit tests and the offline plan) and the stand-in provider the real engine runs, so both report the same values.
 */
import { createHash } from "crypto";

export const MOCK_ACCOUNT_ID = "123456789012";
export const DEFAULT_REGION = "us-east-1";

/** Short, stable hex id derived from a string, so that runs and reruns produce the same ids. */
export function stableId(seed: string, length = 10): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/**
 * The outputs a real provider would add for the resource types this project creates, so that tests can follow
 * ARNs and URLs from one resource into another's inputs.
 */
export function cloudOutputs(
    type: string,
    name: string,
    id: string,
    inputs: Record<string, any>,
    region: string,
): Record<string, unknown> {
    const account = MOCK_ACCOUNT_ID;
    const physicalName = typeof inputs.name === "string" ? inputs.name : name;
    switch (type) {
        case "aws:apigateway/restApi:RestApi":
            return {
                name: physicalName,
                rootResourceId: stableId(`${id}/root`, 10),
                arn: `arn:aws:apigateway:${region}::/restapis/${id}`,
                executionArn: `arn:aws:execute-api:${region}:${account}:${id}`,
            };
        case "aws:apigateway/stage:Stage": {
            const restApi = String(inputs.restApi);
            const stage = String(inputs.stageName);
            return {
                arn: `arn:aws:apigateway:${region}::/restapis/${restApi}/stages/${stage}`,
                invokeUrl: `https://${restApi}.execute-api.${region}.amazonaws.com/${stage}`,
                executionArn: `arn:aws:execute-api:${region}:${account}:${restApi}/${stage}`,
            };
        }
        case "aws:apigateway/deployment:Deployment":
            return { createdDate: "2026-01-01T00:00:00Z" };
        case "aws:cloudwatch/logGroup:LogGroup":
            // aws v7 reports the log group ARN without the trailing ":*".
            return { name: physicalName, arn: `arn:aws:logs:${region}:${account}:log-group:${physicalName}` };
        case "aws:iam/role:Role":
            return { name: physicalName, arn: `arn:aws:iam::${account}:role/${physicalName}`, uniqueId: `AROA${id}` };
        case "aws:sns/topic:Topic":
            return { name: physicalName, arn: `arn:aws:sns:${region}:${account}:${physicalName}` };
        case "aws:lambda/function:Function":
            return {
                name: physicalName,
                arn: `arn:aws:lambda:${region}:${account}:function:${physicalName}`,
                invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${account}:function:${physicalName}/invocations`,
            };
        case "aws:kms/key:Key":
            return { keyId: id, arn: `arn:aws:kms:${region}:${account}:key/${id}` };
        case "aws:cloudwatch/dashboard:Dashboard":
            return {
                dashboardName: inputs.dashboardName ?? physicalName,
                dashboardArn: `arn:aws:cloudwatch::${account}:dashboard/${inputs.dashboardName ?? physicalName}`,
            };
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
        case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
            return {
                alarmName: inputs.alarmName ?? physicalName,
                arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${inputs.alarmName ?? physicalName}`,
            };
        default: {
            // A generic but well-formed ARN: arn:aws:<service>:<region>:<account>:<kind>/<name>.
            const [pkg, mod] = type.split(":");
            const service = (mod ?? "").split("/")[0] || pkg;
            return { arn: `arn:aws:${service}:${region}:${account}:${service}/${physicalName}` };
        }
    }
}

/**
 * Answers for the provider functions that the project's code calls. Any other invoke fails loudly, so a test
 * never passes on an answer nobody wrote.
 */
export function invokeResult(token: string, region: string): Record<string, unknown> {
    switch (token) {
        case "aws:index/getRegion:getRegion":
            return {
                id: region,
                name: region,
                region,
                description: "US East (N. Virginia)",
                endpoint: `ec2.${region}.amazonaws.com`,
            };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                id: MOCK_ACCOUNT_ID,
                accountId: MOCK_ACCOUNT_ID,
                arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/observable-api-test`,
                userId: "AIDAMOCKUSERID",
            };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        default:
            throw new Error(`mock runtime: no answer for provider function ${token}; add one in tools/lib/fakeAws.ts`);
    }
}

/** Ids shaped like the real ones where tests or wiring care, otherwise a stable hash. */
export function physicalId(type: string, name: string, inputs: Record<string, any>): string {
    switch (type) {
        case "aws:cloudwatch/logGroup:LogGroup":
        case "aws:sns/topic:Topic":
        case "aws:iam/role:Role":
        case "aws:lambda/function:Function":
            return typeof inputs.name === "string" ? inputs.name : name;
        case "aws:apigateway/stage:Stage":
            return `ags-${inputs.restApi}-${inputs.stageName}`;
        default:
            return stableId(`${type}::${name}`);
    }
}
