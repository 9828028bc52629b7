/**
 * What AWS would answer, without AWS: the ids, ARNs, URLs and names a real provider reports for the resource types
 * this project creates, and the answers to the provider functions its code calls. Shared by the mock runtime
 * (unit tests and the offline plan) and the stand-in provider the real engine runs, so both report the same values.
 */
import { createHash } from "crypto";
import { renderPolicyDocument } from "./policyDocument";

export const MOCK_ACCOUNT_ID = "123456789012";
export const DEFAULT_REGION = "us-east-1";

/** An AWS partition: the ARN prefix and the DNS suffix of its endpoints. */
export interface Partition {
    partition: string;
    dnsSuffix: string;
    reverseDnsPrefix: string;
}

/** The commercial partition, which every region outside China and GovCloud belongs to. */
export const AWS_PARTITION: Partition = {
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
};

/**
 * The partition a region belongs to. "In the Beijing and Ningxia Regions, the ARN syntax includes a cn: arn:aws-cn"
 * and "the endpoint domain for both the Beijing and Ningxia Regions is amazonaws.com.cn" (Amazon Web Services in
 * China, "ARNs"). The supported partitions are "aws - AWS Regions, aws-cn - China Regions, aws-us-gov - AWS GovCloud
 * (US) Regions" (AWS re:Post); GovCloud endpoints keep amazonaws.com.
 */
export function partitionOf(region: string): Partition {
    if (region.startsWith("cn-")) {
        return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", reverseDnsPrefix: "cn.com.amazonaws" };
    }
    if (region.startsWith("us-gov-")) {
        return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    }
    return AWS_PARTITION;
}

/** Short, stable hex id derived from a string, so that runs and reruns produce the same ids. */
export function stableId(seed: string, length = 10): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/**
 * The outputs a real provider would add for the resource types this project creates, so that tests can follow
 * ARNs and URLs from one resource into another's inputs. ARNs and URLs are in `partition`. `protocolOf` answers the
 * protocol of an apigatewayv2 Api by id, for its stages' URL scheme; without it a stage's URL is https.
 */
export function cloudOutputs(
    type: string,
    name: string,
    id: string,
    inputs: Record<string, any>,
    region: string,
    partition: Partition = AWS_PARTITION,
    protocolOf: (apiId: string) => string | undefined = () => undefined,
): Record<string, unknown> {
    const account = MOCK_ACCOUNT_ID;
    const arn = `arn:${partition.partition}`;
    const physicalName = typeof inputs.name === "string" ? inputs.name : name;
    switch (type) {
        case "aws:apigateway/restApi:RestApi":
            return {
                name: physicalName,
                rootResourceId: stableId(`${id}/root`, 10),
                arn: `${arn}:apigateway:${region}::/restapis/${id}`,
                executionArn: `${arn}:execute-api:${region}:${account}:${id}`,
            };
        case "aws:apigateway/stage:Stage": {
            const restApi = String(inputs.restApi);
            const stage = String(inputs.stageName);
            return {
                arn: `${arn}:apigateway:${region}::/restapis/${restApi}/stages/${stage}`,
                invokeUrl: `https://${restApi}.execute-api.${region}.${partition.dnsSuffix}/${stage}`,
                executionArn: `${arn}:execute-api:${region}:${account}:${restApi}/${stage}`,
            };
        }
        case "aws:apigateway/deployment:Deployment":
            return { createdDate: "2026-01-01T00:00:00Z" };
        case "aws:apigatewayv2/api:Api": {
            const scheme = inputs.protocolType === "WEBSOCKET" ? "wss" : "https";
            return {
                name: physicalName,
                arn: `${arn}:apigateway:${region}::/apis/${id}`,
                apiEndpoint: `${scheme}://${id}.execute-api.${region}.${partition.dnsSuffix}`,
                executionArn: `${arn}:execute-api:${region}:${account}:${id}`,
            };
        }
        case "aws:apigatewayv2/stage:Stage": {
            // The provider's invokeUrl: `wss://<id>.execute-api.<region>.amazonaws.com/<stage>`, or `https://…/` with
            // no stage segment for an HTTP API's $default stage.
            const apiId = String(inputs.apiId);
            const stage = String(inputs.name);
            const scheme = protocolOf(apiId) === "WEBSOCKET" ? "wss" : "https";
            const host = `${apiId}.execute-api.${region}.${partition.dnsSuffix}`;
            return {
                arn: `${arn}:apigateway:${region}::/apis/${apiId}/stages/${stage}`,
                invokeUrl: `${scheme}://${host}/${stage === "$default" ? "" : stage}`,
                executionArn: `${arn}:execute-api:${region}:${account}:${apiId}/${stage}`,
            };
        }
        case "aws:cloudwatch/logGroup:LogGroup":
            // aws v7 reports the log group ARN without the trailing ":*".
            return { name: physicalName, arn: `${arn}:logs:${region}:${account}:log-group:${physicalName}` };
        case "aws:iam/role:Role":
            return { name: physicalName, arn: `${arn}:iam::${account}:role/${physicalName}`, uniqueId: `AROA${id}` };
        case "aws:sns/topic:Topic":
            return { name: physicalName, arn: `${arn}:sns:${region}:${account}:${physicalName}` };
        case "aws:lambda/function:Function":
            return {
                name: physicalName,
                arn: `${arn}:lambda:${region}:${account}:function:${physicalName}`,
                invokeArn: `${arn}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}:lambda:${region}:${account}:function:${physicalName}/invocations`,
            };
        case "aws:kms/key:Key":
            return { keyId: id, arn: `${arn}:kms:${region}:${account}:key/${id}` };
        case "aws:cloudwatch/dashboard:Dashboard":
            return {
                dashboardName: inputs.dashboardName ?? physicalName,
                dashboardArn: `${arn}:cloudwatch::${account}:dashboard/${inputs.dashboardName ?? physicalName}`,
            };
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
        case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
            return {
                alarmName: inputs.alarmName ?? physicalName,
                arn: `${arn}:cloudwatch:${region}:${account}:alarm:${inputs.alarmName ?? physicalName}`,
            };
        default: {
            // A generic but well-formed ARN: arn:<partition>:<service>:<region>:<account>:<kind>/<name>.
            const [pkg, mod] = type.split(":");
            const service = (mod ?? "").split("/")[0] || pkg;
            return { arn: `${arn}:${service}:${region}:${account}:${service}/${physicalName}` };
        }
    }
}

/**
 * Answers for the provider functions that the project's code calls. Any other invoke fails loudly, so a test
 * never passes on an answer nobody wrote.
 */
export function invokeResult(
    token: string,
    region: string,
    partition: Partition = AWS_PARTITION,
    inputs: Record<string, any> = {},
): Record<string, unknown> {
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
                arn: `arn:${partition.partition}:iam::${MOCK_ACCOUNT_ID}:user/observable-api-test`,
                userId: "AIDAMOCKUSERID",
            };
        case "aws:index/getPartition:getPartition":
            return { id: partition.partition, ...partition };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            // Pure: it only renders its inputs, so without the cloud it returns what the provider would.
            return renderPolicyDocument(inputs);
        default:
            throw new Error(
                `no offline answer for the provider function ${token}: it needs the cloud, which neither the ` +
                    "offline plan nor the stand-in provider reaches; answer it in tools/lib/fakeAws.ts or run " +
                    "pulumi preview against AWS",
            );
    }
}

/** Ids shaped like the real ones where tests or wiring care, otherwise a stable hash of `seed`. */
export function physicalId(type: string, name: string, inputs: Record<string, any>, seed = `${type}::${name}`): string {
    switch (type) {
        case "aws:cloudwatch/logGroup:LogGroup":
        case "aws:sns/topic:Topic":
        case "aws:iam/role:Role":
        case "aws:lambda/function:Function":
            return typeof inputs.name === "string" ? inputs.name : name;
        case "aws:apigateway/stage:Stage":
            return `ags-${inputs.restApi}-${inputs.stageName}`;
        default:
            return stableId(seed);
    }
}
