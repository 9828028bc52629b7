/** The stage's two log groups, created before the Stage so that API Gateway never creates them without expiry. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EXECUTION_LOG_GROUP_PREFIX } from "../contract";

export interface LogGroupInputs {
    restApiId: pulumi.Input<string>;
    stageName: pulumi.Input<string>;
    execution: { retentionInDays: pulumi.Input<number>; kmsKeyArn?: pulumi.Input<string> };
    access: { retentionInDays: pulumi.Input<number>; kmsKeyArn?: pulumi.Input<string> };
    protectLogs: boolean;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

export interface LogGroups {
    executionLogGroup: aws.cloudwatch.LogGroup;
    accessLogGroup: aws.cloudwatch.LogGroup;
}

/**
 * The name API Gateway itself writes execution logs to ("The log group is named following the
 * API-Gateway-Execution-Logs_{rest-api-id}/{stage_name} format", API Gateway developer guide, "Set up CloudWatch
 * logging for REST APIs"); any other name would simply stay empty.
 */
export function executionLogGroupName(apiId: pulumi.Input<string>, stageName: pulumi.Input<string>) {
    return pulumi.interpolate`${EXECUTION_LOG_GROUP_PREFIX}${apiId}/${stageName}`;
}

/**
 * The access log group: readable by component name, and unique per API and stage because the RestApi id is in it
 * (two stacks may both name their component "api").
 */
export function accessLogGroupName(name: string, restApiId: pulumi.Input<string>, stageName: pulumi.Input<string>) {
    return pulumi.interpolate`/aws/apigateway/${name}/${restApiId}/${stageName}`;
}

export function createLogGroups(name: string, parent: pulumi.Resource, inputs: LogGroupInputs): LogGroups {
    const opts: pulumi.CustomResourceOptions = { parent, retainOnDelete: inputs.protectLogs };
    const executionLogGroup = new aws.cloudwatch.LogGroup(
        `${name}-execution-logs`,
        {
            name: executionLogGroupName(inputs.restApiId, inputs.stageName),
            retentionInDays: inputs.execution.retentionInDays,
            kmsKeyId: inputs.execution.kmsKeyArn,
            tags: inputs.tags,
        },
        opts,
    );
    const accessLogGroup = new aws.cloudwatch.LogGroup(
        `${name}-access-logs`,
        {
            name: accessLogGroupName(name, inputs.restApiId, inputs.stageName),
            retentionInDays: inputs.access.retentionInDays,
            kmsKeyId: inputs.access.kmsKeyArn,
            tags: inputs.tags,
        },
        opts,
    );
    return { executionLogGroup, accessLogGroup };
}

/**
 * A stage name made safe for a log-group name. Log-group names consist of "a-z, A-Z, 0-9, '_' (underscore), '-'
 * (hyphen), '/' (forward slash), '.' (period), and '#' (number sign)" (CloudWatch Logs CreateLogGroup), so the `$`
 * of an HTTP API's `$default` stage becomes `_`: `$default` gives `_default`.
 */
export function logGroupNameSegment(stageName: string): string {
    return stageName.replace(/[^A-Za-z0-9_\-/.#]/g, "_");
}

/** The access log group of an HTTP or WebSocket stage: `/aws/apigateway/<component>/<api id>/<safe stage name>`. */
export function v2AccessLogGroupName(name: string, apiId: pulumi.Input<string>, stageName: pulumi.Input<string>) {
    return pulumi.interpolate`/aws/apigateway/${name}/${apiId}/${pulumi.output(stageName).apply(logGroupNameSegment)}`;
}

export interface LogGroupArgs {
    name: pulumi.Input<string>;
    retentionInDays: pulumi.Input<number>;
    kmsKeyArn?: pulumi.Input<string>;
    protectLogs: boolean;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** One log group with its retention, kept on delete when the logs are protected. */
export function createLogGroup(
    resourceName: string,
    parent: pulumi.Resource,
    args: LogGroupArgs,
): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        resourceName,
        { name: args.name, retentionInDays: args.retentionInDays, kmsKeyId: args.kmsKeyArn, tags: args.tags },
        { parent, retainOnDelete: args.protectLogs },
    );
}
