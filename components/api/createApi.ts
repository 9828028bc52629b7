/** The RestApi (from an OpenAPI document, or the caller's), its Deployment and the Stage. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MethodOverride } from "../observableRestApiArgs";
import type { EffectiveRestApiSettings } from "../presets";
import type { Reporter } from "../validation/framework";
import { parseOpenApiSpec } from "../validation/openApi";
import { checkOverridesAgainstSpec } from "../validation/restApi";
import { canonicalJson, sha256Hex, triggersHash } from "./openApiBody";

export interface ApiSourceArgs {
    openApiSpec?: pulumi.Input<string>;
    restApi?: aws.apigateway.RestApi;
    redeployTriggers?: pulumi.Input<string>[];
    /** Checked against the document once it is known (now, or when an Output document resolves). */
    methodOverrides?: MethodOverride[];
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
    reporter: Reporter,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
): CoreApi {
    let restApi: aws.apigateway.RestApi;
    let redeploymentHash: pulumi.Output<string>;
    if (source.openApiSpec !== undefined) {
        const parsed = pulumi.output(source.openApiSpec).apply((text) => {
            const doc = parseOpenApiSpec(text);
            if ("problem" in doc) {
                // Checked before super() for plain text, and by the validated Output for deferred text.
                return reporter.fail(doc.problem);
            }
            // A plain document was checked against the overrides before super(); checking again is idempotent.
            checkOverridesAgainstSpec(source.methodOverrides ?? [], doc, reporter);
            return { body: canonicalJson(doc.document), title: doc.title };
        });
        const body = parsed.body;
        // The name must equal info.title: API Gateway names an imported API after the title, and the provider then
        // sets `name` back, so two different values rename the API on every update (and an auto-generated name never
        // matches). The dashboard and alarms key on this name too.
        restApi = new aws.apigateway.RestApi(`${name}-api`, { name: parsed.title, body, tags }, { parent });
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
    accessLogGroup: aws.cloudwatch.LogGroup;
    accessLogFormat: pulumi.Input<string>;
    settings: EffectiveRestApiSettings;
    /** Resources the Stage must wait for: the execution log group, and the account role when set here. */
    dependsOn: pulumi.Resource[];
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

export function createStage(name: string, parent: pulumi.Resource, inputs: StageInputs): aws.apigateway.Stage {
    const caching = inputs.settings.caching;
    return new aws.apigateway.Stage(
        `${name}-stage`,
        {
            restApi: inputs.restApi.id,
            deployment: inputs.deployment.id,
            stageName: inputs.settings.stageName,
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
