/** The RestApi (from an OpenAPI document, or the caller's), its Deployment and the Stage. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EffectiveSettings } from "../presets";
import { checkedInput, openApiSpecRule, parseOpenApiSpec } from "../validation";
import { canonicalJson, sha256Hex, triggersHash } from "./openApiBody";

export interface ApiSourceArgs {
    openApiSpec?: pulumi.Input<string | Record<string, unknown>>;
    restApi?: aws.apigateway.RestApi;
    redeployTriggers?: pulumi.Input<string>[];
}

export interface CoreApi {
    restApi: aws.apigateway.RestApi;
    /** sha256 of the canonical OpenAPI body, or of the redeploy triggers. */
    redeploymentHash: pulumi.Output<string>;
    deployment: aws.apigateway.Deployment;
}

/** Create (or adopt) the RestApi and its Deployment. */
export function createRestApiAndDeployment(
    name: string,
    parent: pulumi.Resource,
    source: ApiSourceArgs,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
): CoreApi {
    let restApi: aws.apigateway.RestApi;
    let redeploymentHash: pulumi.Output<string>;
    if (source.openApiSpec !== undefined) {
        const body = pulumi.output(checkedInput(name, source.openApiSpec, openApiSpecRule, parent)).apply((spec) => {
            const parsed = parseOpenApiSpec(spec);
            // Validated just above (or before super()); this only narrows the type.
            return "spec" in parsed ? canonicalJson(parsed.spec) : "";
        });
        restApi = new aws.apigateway.RestApi(`${name}-api`, { body, tags }, { parent });
        redeploymentHash = body.apply(sha256Hex);
    } else {
        restApi = source.restApi!;
        redeploymentHash = pulumi.all(source.redeployTriggers ?? []).apply(triggersHash);
    }
    // Triggers replace the Deployment; Pulumi creates the new one before deleting the old, so the Stage switches
    // to it with no gap. No stageName here: in aws v7 the Stage owns the stage and points at deployment.id.
    const deployment = new aws.apigateway.Deployment(
        `${name}-deployment`,
        {
            restApi: restApi.id,
            description: pulumi.interpolate`${name}: redeployment ${redeploymentHash}`,
            triggers: { redeployment: redeploymentHash },
        },
        { parent },
    );
    return { restApi, redeploymentHash, deployment };
}

export interface StageInputs {
    restApi: aws.apigateway.RestApi;
    deployment: aws.apigateway.Deployment;
    stageName: pulumi.Input<string>;
    accessLogGroup: aws.cloudwatch.LogGroup;
    accessLogFormat: string;
    settings: EffectiveSettings;
    /** Resources the Stage must wait for: the execution log group, and the account role when set here. */
    dependsOn: pulumi.Resource[];
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export function createStage(name: string, parent: pulumi.Resource, inputs: StageInputs): aws.apigateway.Stage {
    const caching = inputs.settings.caching;
    return new aws.apigateway.Stage(
        `${name}-stage`,
        {
            restApi: inputs.restApi.id,
            deployment: inputs.deployment.id,
            stageName: inputs.stageName,
            accessLogSettings: {
                // aws v7 LogGroup.arn has no trailing ":*", which is the form API Gateway accepts.
                destinationArn: inputs.accessLogGroup.arn,
                format: inputs.accessLogFormat,
            },
            xrayTracingEnabled: inputs.settings.tracing.enabled,
            cacheClusterEnabled: caching.enabled,
            ...(caching.enabled ? { cacheClusterSize: pulumi.output(caching.sizeGb).apply((s) => String(s)) } : {}),
            tags: inputs.tags,
        },
        { parent, dependsOn: inputs.dependsOn },
    );
}
