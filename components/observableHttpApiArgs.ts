/**
 * The args of ObservableHttpApi. The names are a contract, as for ObservableRestApi: the policy pack, the program,
 * other languages' SDKs and the tests rely on them. `AccessLogging` and `Throttling` are the REST component's types:
 * they mean the same on an HTTP stage.
 *
 * What an HTTP API cannot do is not here: no `executionLogging` (HTTP APIs write access logs only), no `tracing`
 * (X-Ray traces REST APIs only), no `caching`. Passing one anyway fails with a message that says why.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "./contract";
import type { HttpMonitoring } from "./monitoring/http/types";
import type { AccessLogging, Throttling } from "./observableRestApiArgs";

/** Settings for one route, in a `routeSettings` entry of its own. */
export interface HttpRouteOverride {
    /**
     * The route key exactly as API Gateway writes it: `GET /orders/{id}` (an upper-case method or `ANY`, a space, the
     * path) or `$default`. With `openApiSpec` it must be a route of the document; with `api` the component cannot know
     * the routes and checks only the form.
     * @default none: required
     */
    routeKey: string;
    /**
     * Throttling for this route only; each limit left out takes the stage's. Both limits always reach API Gateway,
     * because a route entry does not inherit from the stage's defaults.
     * @default the stage's throttling
     */
    throttling?: Throttling;
    /** Detailed (per-route) CloudWatch metrics for this route. @default the stage's `detailedMetrics` */
    detailedMetrics?: pulumi.Input<boolean>;
}

export interface ObservableHttpApiArgs {
    /**
     * An OpenAPI 3 document for an HTTP API, as JSON or YAML text, with its integrations
     * (`x-amazon-apigateway-integration`). The component creates the Api (`protocolType: HTTP`) with it as `body`,
     * named after its `info.title`. Excludes `api`: exactly one of the two must be set. Grant API Gateway the right to
     * invoke the document's Lambda functions yourself (an `aws.lambda.Permission` whose `sourceArn` is under the
     * Api's `executionArn`); the component cannot know them.
     * @default none
     */
    openApiSpec?: pulumi.Input<string>;
    /**
     * An existing HTTP API whose routes and integrations you define. Excludes `openApiSpec`. Put its routes in the
     * component's `dependsOn`: a route setting for a route that does not exist yet is refused.
     * @default none
     */
    api?: aws.apigatewayv2.Api;
    /**
     * The stage name: `$default` (served at the root of the invoke URL) or letters, digits, `-` and `_`, up to 128.
     * The stage deploys every change of the API by itself (`autoDeploy`).
     * @default "$default"
     */
    stageName?: pulumi.Input<string>;
    /**
     * Picks the presets for every arg below; an explicit arg always wins. `Production` also makes the API production
     * for the policy pack, whatever the stack is called.
     * @default Production
     */
    environment?: Environment;
    /**
     * Access logging; always on, and the only log an HTTP API writes. HTTP API access logs need no account-wide
     * CloudWatch role. The `Json` preset here is the HTTP one (`routeKey` where REST logs `resourcePath`).
     * @default Json format, retention per environment
     */
    accessLogging?: AccessLogging;
    /**
     * Stage-wide throttling, in `defaultRouteSettings`. Both limits are always sent: a `defaultRouteSettings` without
     * them leaves them at 0 and every request gets a 429.
     * @default per environment (1000/2000 Production, 500/1000 Staging, 100/200 Development)
     */
    throttling?: Throttling;
    /** Detailed CloudWatch metrics per route (the `Route` dimension). @default true */
    detailedMetrics?: pulumi.Input<boolean>;
    /** Per-route settings, each its own `routeSettings` entry, filled from the stage. @default [] */
    routeOverrides?: HttpRouteOverride[];
    /**
     * Keep the access log group when the component is deleted (`retainOnDelete`).
     * @default true (Production), false (Staging, Development)
     */
    protectLogs?: boolean;
    /** Dashboard, alarms, access-log metric filters and saved queries. @default dashboard, alarms and queries on */
    monitoring?: HttpMonitoring;
    /** Tags for every taggable child. @default none */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
