/** The HTTP API (from an OpenAPI document, or the caller's) and its auto-deploying Stage. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EffectiveHttpApiSettings } from "../httpApiPresets";
import type { HttpRouteOverride } from "../observableHttpApiArgs";
import { Reporter, checkedValue } from "../validation/framework";
import { checkRouteOverridesAgainstSpec, httpProtocolProblem } from "../validation/httpApi";
import { parseOpenApiSpec } from "../validation/openApi";
import { canonicalJson } from "./openApiBody";

export interface HttpApiSource {
    openApiSpec?: pulumi.Input<string>;
    api?: aws.apigatewayv2.Api;
    /** Checked against the document once it is known (now, or when an Output document resolves). */
    routeOverrides?: HttpRouteOverride[];
}

export interface HttpApiCore {
    api: aws.apigatewayv2.Api;
    /** The Api's id, once the caller's Api is known to be an HTTP API. */
    apiId: pulumi.Output<string>;
}

/** Create the Api from the document (named after its title), or adopt the caller's once its protocol checks out. */
export function createHttpApi(
    name: string,
    parent: pulumi.Resource,
    source: HttpApiSource,
    reporter: Reporter,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
): HttpApiCore {
    if (source.openApiSpec !== undefined) {
        const parsed = pulumi.output(source.openApiSpec).apply((text) => {
            const doc = parseOpenApiSpec(text);
            if ("problem" in doc) {
                return reporter.fail(doc.problem);
            }
            checkRouteOverridesAgainstSpec(source.routeOverrides ?? [], doc, reporter);
            return { body: canonicalJson(doc.document), title: doc.title };
        });
        // The name must equal info.title: an imported body names the API after its title, and a different `name`
        // renames it back on every update (hashicorp/terraform-provider-aws#33389 for HTTP APIs).
        const api = new aws.apigatewayv2.Api(
            `${name}-api`,
            { name: parsed.title, protocolType: "HTTP", body: parsed.body, tags },
            { parent },
        );
        return { api, apiId: api.id };
    }
    const api = source.api!;
    const protocol = checkedValue(api.protocolType, httpProtocolProblem, reporter);
    return { api, apiId: pulumi.all([api.id, protocol]).apply(([id]) => id) };
}

export interface HttpStageInputs {
    apiId: pulumi.Input<string>;
    accessLogGroup: aws.cloudwatch.LogGroup;
    accessLogFormat: pulumi.Input<string>;
    settings: EffectiveHttpApiSettings;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * The Stage. It deploys every change by itself (`autoDeploy`). Both throttling limits are always set, in
 * `defaultRouteSettings` and in every route entry: a `defaultRouteSettings` without them leaves them at 0 and every
 * request gets a 429 (pulumi/pulumi-aws#2363). It never sends `loggingLevel` or `dataTraceEnabled`, not even OFF or
 * false: "Execution logs are not supported on protocolType HTTP" (hashicorp/terraform-provider-aws#14010).
 */
export function createHttpStage(
    name: string,
    parent: pulumi.Resource,
    inputs: HttpStageInputs,
): aws.apigatewayv2.Stage {
    const s = inputs.settings;
    const routeSettings = s.routeOverrides.map((o) => ({
        routeKey: o.routeKey,
        detailedMetricsEnabled: o.detailedMetrics,
        throttlingRateLimit: o.throttling.rateLimit,
        throttlingBurstLimit: o.throttling.burstLimit,
    }));
    return new aws.apigatewayv2.Stage(
        `${name}-stage`,
        {
            apiId: inputs.apiId,
            name: s.stageName,
            autoDeploy: true,
            defaultRouteSettings: {
                detailedMetricsEnabled: s.detailedMetrics,
                throttlingRateLimit: s.throttling.rateLimit,
                throttlingBurstLimit: s.throttling.burstLimit,
            },
            ...(routeSettings.length > 0 ? { routeSettings } : {}),
            accessLogSettings: { destinationArn: inputs.accessLogGroup.arn, format: inputs.accessLogFormat },
            tags: inputs.tags,
        },
        { parent },
    );
}
