/** An X-Ray sampling rule that applies only to this API's stage. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { sha256Hex } from "../api/openApiBody";

/**
 * X-Ray rule names are at most 32 characters and unique per account and region: the component name (trimmed to
 * what fits) plus a hash of the stage ARN.
 */
export function samplingRuleName(name: string, stageArn: string): string {
    const readable = name.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 19);
    return `${readable}-${sha256Hex(stageArn).slice(0, 12)}`;
}

export function createSamplingRule(
    name: string,
    parent: pulumi.Resource,
    stage: aws.apigateway.Stage,
    samplingRate: pulumi.Input<number>,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
): aws.xray.SamplingRule {
    return new aws.xray.SamplingRule(
        `${name}-sampling-rule`,
        {
            ruleName: stage.arn.apply((arn) => samplingRuleName(name, arn)),
            // Scoped by the stage ARN, which is what X-Ray matches for API Gateway stages.
            resourceArn: stage.arn,
            serviceType: "AWS::ApiGateway::Stage",
            serviceName: "*",
            host: "*",
            httpMethod: "*",
            urlPath: "*",
            // Below X-Ray's Default rule (10000), so it wins for this stage.
            priority: 1000,
            // One traced request per second is always kept, then samplingRate of the rest.
            reservoirSize: 1,
            fixedRate: samplingRate,
            version: 1,
            tags,
        },
        { parent },
    );
}
