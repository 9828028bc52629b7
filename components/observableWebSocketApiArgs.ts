/**
 * The args of ObservableWebSocketApi. `AccessLogging`, `ExecutionLogging` and `Throttling` are the REST component's
 * types: they mean the same on a WebSocket stage.
 *
 * Args that decide which children exist (the routes, the stage name, which decides whether an execution log group
 * can be created) are plain values. What a WebSocket API cannot do is not here: no `tracing` (X-Ray traces REST APIs
 * only), no `caching`, no OpenAPI import.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AccountCloudWatchRole, Environment, ExecutionLogLevel } from "./contract";
import type { WebSocketMonitoring } from "./monitoring/webSocket/types";
import type { AccessLogging, ExecutionLogging, Throttling } from "./observableRestApiArgs";

/** One route of the API the component creates, served by a Lambda function through an AWS_PROXY integration. */
export interface WebSocketRoute {
    /**
     * `$connect`, `$disconnect`, `$default`, or a custom key that the route selection expression yields (for example
     * `sendMessage` for `{"action": "sendMessage"}`). A custom key has no spaces and does not start with `$`.
     * @default none: required
     */
    routeKey: string;
    /**
     * The ARN of the Lambda function that serves the route (`aws.lambda.Function.arn`, optionally with a version or
     * alias). The component grants API Gateway permission to invoke it for this route and stage only.
     * @default none: required
     */
    functionArn: pulumi.Input<string>;
}

/** Settings for one route, in a `routeSettings` entry of its own. */
export interface WebSocketRouteOverride {
    /** A route key: with `routes`, one of theirs; with `api`, any well-formed key. @default none: required */
    routeKey: string;
    /** Throttling for this route only; each limit left out takes the stage's. @default the stage's throttling */
    throttling?: Throttling;
    /**
     * Execution log level for this route only (`DEBUG` is INFO plus full message data). Security: DEBUG writes the
     * messages to CloudWatch Logs; the policy pack blocks it in production.
     * @default the stage's level
     */
    loggingLevel?: pulumi.Input<ExecutionLogLevel>;
    /** Detailed (per-route) CloudWatch metrics for this route. @default the stage's `detailedMetrics` */
    detailedMetrics?: pulumi.Input<boolean>;
}

export interface ObservableWebSocketApiArgs {
    /**
     * The routes of the API the component creates, named `<project>-<stack>-<component name>`: one Lambda
     * integration, route and invoke permission each. Excludes `api`: exactly one of the two must be set. At least one
     * route; each route key once.
     * @default none
     */
    routes?: WebSocketRoute[];
    /**
     * How API Gateway picks a message's route; only with `routes`. Messages without a match go to `$default`.
     * @default "$request.body.action"
     */
    routeSelectionExpression?: pulumi.Input<string>;
    /**
     * An existing WebSocket API whose routes and integrations you define. Excludes `routes`. List in
     * `redeployTriggers` what must redeploy the stage, and put the routes in the component's `dependsOn`.
     * @default none
     */
    api?: aws.apigatewayv2.Api;
    /**
     * Ids or hashes whose change redeploys the stage; only with `api` (with `routes`, the routes and integrations are
     * the trigger).
     * @default [] (the stage is deployed once)
     */
    redeployTriggers?: pulumi.Input<string>[];
    /**
     * The stage name: letters, digits, `-` and `_`, up to 128. `$default` is accepted with a warning: a WebSocket
     * stage of that name has been seen to get no execution log group and to throttle its first connections.
     * @default "prod"
     */
    stageName?: string;
    /**
     * Picks the presets for every arg below; an explicit arg always wins. `Production` also makes the API production
     * for the policy pack, whatever the stack is called.
     * @default Production
     */
    environment?: Environment;
    /**
     * Execution logging. Security: `DEBUG` (INFO plus `dataTraceEnabled`) writes whole messages to CloudWatch Logs;
     * the component allows it in Production with a warning, and the policy pack blocks it in production. Any level
     * other than `OFF` needs the account's API Gateway CloudWatch role.
     * @default per environment: ERROR (Production), INFO (Staging), DEBUG (Development)
     */
    executionLogging?: ExecutionLogging;
    /**
     * Access logging; always on. WebSocket stages refuse access-log settings while the account has no CloudWatch
     * role (see `accountCloudWatchRole`). The `Json` preset here is the WebSocket one.
     * @default Json format, retention per environment
     */
    accessLogging?: AccessLogging;
    /**
     * Stage-wide throttling of messages, in `defaultRouteSettings`; both limits are always sent.
     * @default per environment (1000/2000 Production, 500/1000 Staging, 100/200 Development)
     */
    throttling?: Throttling;
    /** Detailed CloudWatch metrics per route (the `Route` dimension). @default true */
    detailedMetrics?: pulumi.Input<boolean>;
    /** Per-route settings, each its own `routeSettings` entry, filled from the stage. @default [] */
    routeOverrides?: WebSocketRouteOverride[];
    /**
     * Whether this component writes the account-wide API Gateway CloudWatch role, which WebSocket stages need for
     * execution logs and access logs alike. There is one per account and region and the last stack to write it wins,
     * so prefer one bootstrap stack with `ApiGatewayAccountSettings`. `Create` builds a role with
     * `AmazonAPIGatewayPushToCloudWatchLogs` and sets it; `Existing` sets `cloudWatchRoleArn`; `None` expects another
     * stack to have set it.
     * @default None
     */
    accountCloudWatchRole?: AccountCloudWatchRole;
    /** The IAM role ARN to set; required with, and only allowed with, `accountCloudWatchRole: Existing`. @default none */
    cloudWatchRoleArn?: pulumi.Input<string>;
    /**
     * Keep the log groups when the component is deleted (`retainOnDelete`).
     * @default true (Production), false (Staging, Development)
     */
    protectLogs?: boolean;
    /** Dashboard, alarms, access-log metric filters and saved queries. @default dashboard, alarms and queries on */
    monitoring?: WebSocketMonitoring;
    /** Tags for every taggable child. @default none */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
