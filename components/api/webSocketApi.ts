/**
 * The WebSocket API: the Api, one Lambda integration, route and invoke permission per route (or the caller's Api),
 * the Deployment and the Stage.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fnv1a } from "../monitoring/metrics";
import type { WebSocketRoute } from "../observableWebSocketApiArgs";
import { methodLoggingFor } from "../presets";
import { Reporter, checkedValue } from "../validation/framework";
import { DEFAULT_ROUTE_SELECTION_EXPRESSION, webSocketProtocolProblem } from "../validation/webSocketApi";
import type { EffectiveWebSocketApiSettings } from "../webSocketApiPresets";
import { lambdaInvocationUri, routeSlugs } from "./lambdaIntegration";
import { triggersHash } from "./openApiBody";

export interface WebSocketApiSource {
    routes?: WebSocketRoute[];
    routeSelectionExpression?: pulumi.Input<string>;
    api?: aws.apigatewayv2.Api;
    redeployTriggers?: pulumi.Input<string>[];
    /** The Api's name when the component creates it. */
    apiName: string;
    stageName: string;
    region: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

export interface WebSocketApiCore {
    api: aws.apigatewayv2.Api;
    apiId: pulumi.Output<string>;
    integrations: aws.apigatewayv2.Integration[];
    routes: aws.apigatewayv2.Route[];
    permissions: aws.lambda.Permission[];
    deployment: aws.apigatewayv2.Deployment;
}

/**
 * Create (or adopt) the Api, its routes and the Deployment. The Deployment's trigger hashes what each route is
 * served by (route key and integration URI) and the route selection expression, so a change to any of them
 * redeploys the stage; with the caller's Api, it hashes `redeployTriggers`.
 */
export function createWebSocketApi(
    name: string,
    parent: pulumi.Resource,
    source: WebSocketApiSource,
    reporter: Reporter,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
): WebSocketApiCore {
    const opts: pulumi.CustomResourceOptions = { parent };
    if (source.routes === undefined) {
        const api = source.api!;
        const protocol = checkedValue(api.protocolType, webSocketProtocolProblem, reporter);
        const apiId = pulumi.all([api.id, protocol]).apply(([id]) => id);
        const hash = pulumi.all(source.redeployTriggers ?? []).apply(triggersHash);
        return { api, apiId, integrations: [], routes: [], permissions: [], deployment: deployment(apiId, hash, []) };
    }

    const routeSelectionExpression = source.routeSelectionExpression ?? DEFAULT_ROUTE_SELECTION_EXPRESSION;
    const api = new aws.apigatewayv2.Api(
        `${name}-api`,
        { name: source.apiName, protocolType: "WEBSOCKET", routeSelectionExpression, tags },
        opts,
    );
    const slugs = routeSlugs(
        source.routes.map((r) => r.routeKey),
        fnv1a,
    );
    const integrations: aws.apigatewayv2.Integration[] = [];
    const routes: aws.apigatewayv2.Route[] = [];
    const permissions: aws.lambda.Permission[] = [];
    const uris: pulumi.Output<string>[] = [];
    source.routes.forEach((route, i) => {
        const uri = pulumi
            .all([source.partition, source.region, route.functionArn])
            .apply(([partition, region, arn]) => lambdaInvocationUri(partition, region, arn));
        uris.push(uri);
        // "For WebSocket APIs, if you use a Lambda integration, you must set the integration method to POST"
        // (CloudFormation, AWS::ApiGatewayV2 IntegrationOverrides.IntegrationMethod).
        const integration = new aws.apigatewayv2.Integration(
            `${name}-${slugs[i]}-integration`,
            { apiId: api.id, integrationType: "AWS_PROXY", integrationMethod: "POST", integrationUri: uri },
            opts,
        );
        integrations.push(integration);
        routes.push(
            new aws.apigatewayv2.Route(
                `${name}-${slugs[i]}-route`,
                { apiId: api.id, routeKey: route.routeKey, target: pulumi.interpolate`integrations/${integration.id}` },
                opts,
            ),
        );
        // Only this API's stage may invoke the function, and only for this route: WebSocket routes are
        // `arn:aws:execute-api:region:account-id:api-id/stage-name/route-key` (API Gateway developer guide, "Control
        // access to WebSocket APIs with IAM authorization").
        permissions.push(
            new aws.lambda.Permission(
                `${name}-${slugs[i]}-permission`,
                {
                    action: "lambda:InvokeFunction",
                    function: route.functionArn,
                    principal: "apigateway.amazonaws.com",
                    sourceArn: pulumi.interpolate`${api.executionArn}/${source.stageName}/${route.routeKey}`,
                },
                opts,
            ),
        );
    });
    const hash = pulumi
        .all([pulumi.output(routeSelectionExpression), ...uris])
        .apply(([expression, ...resolved]) =>
            triggersHash([expression, ...source.routes!.map((r, i) => `${r.routeKey} ${resolved[i]}`)]),
        );
    return {
        api,
        apiId: api.id,
        integrations,
        routes,
        permissions,
        // API Gateway refuses to deploy an API without routes: the Deployment waits for every one.
        deployment: deployment(api.id, hash, [...routes, ...integrations]),
    };

    function deployment(
        apiId: pulumi.Input<string>,
        redeploymentHash: pulumi.Output<string>,
        dependsOn: pulumi.Resource[],
    ) {
        return new aws.apigatewayv2.Deployment(
            `${name}-deployment`,
            {
                apiId,
                description: pulumi.interpolate`${name}: redeployment ${redeploymentHash}`,
                triggers: { redeployment: redeploymentHash },
            },
            { parent, dependsOn },
        );
    }
}

export interface WebSocketStageInputs {
    apiId: pulumi.Input<string>;
    deployment: aws.apigatewayv2.Deployment;
    accessLogGroup: aws.cloudwatch.LogGroup;
    accessLogFormat: pulumi.Input<string>;
    settings: EffectiveWebSocketApiSettings;
    /** The execution log group, the account role and the routes: what must exist before the stage. */
    dependsOn: pulumi.Resource[];
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * The Stage, pointing at the Deployment. Levels arrive validated; DEBUG becomes INFO plus data trace, and INFO or
 * ERROR never turn data trace on. Both throttling limits are always set, stage-wide and on every route entry, and
 * every entry repeats the stage's values it does not change, because entries do not inherit.
 */
export function createWebSocketStage(
    name: string,
    parent: pulumi.Resource,
    inputs: WebSocketStageInputs,
): aws.apigatewayv2.Stage {
    const s = inputs.settings;
    const logging = (level: pulumi.Input<string>) => pulumi.output(level).apply(methodLoggingFor);
    const stageLogging = logging(s.executionLogging.level);
    const routeSettings = s.routeOverrides.map((o) => {
        const l = logging(o.loggingLevel);
        return {
            routeKey: o.routeKey,
            loggingLevel: l.loggingLevel,
            dataTraceEnabled: l.dataTraceEnabled,
            detailedMetricsEnabled: o.detailedMetrics,
            throttlingRateLimit: o.throttling.rateLimit,
            throttlingBurstLimit: o.throttling.burstLimit,
        };
    });
    return new aws.apigatewayv2.Stage(
        `${name}-stage`,
        {
            apiId: inputs.apiId,
            name: s.stageName,
            deploymentId: inputs.deployment.id,
            defaultRouteSettings: {
                loggingLevel: stageLogging.loggingLevel,
                dataTraceEnabled: stageLogging.dataTraceEnabled,
                detailedMetricsEnabled: s.detailedMetrics,
                throttlingRateLimit: s.throttling.rateLimit,
                throttlingBurstLimit: s.throttling.burstLimit,
            },
            ...(routeSettings.length > 0 ? { routeSettings } : {}),
            accessLogSettings: { destinationArn: inputs.accessLogGroup.arn, format: inputs.accessLogFormat },
            tags: inputs.tags,
        },
        { parent, dependsOn: inputs.dependsOn },
    );
}
