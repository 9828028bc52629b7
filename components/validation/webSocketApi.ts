/**
 * ObservableWebSocketApi's args: one spec (every arg, typed against the args interfaces) and the rules between args.
 */
import * as aws from "@pulumi/aws";
import { AccountCloudWatchRole, Environment } from "../contract";
import type { WebSocketMonitoring } from "../monitoring/webSocket/types";
import { webSocketThresholdsSpec } from "../monitoring/webSocket/validation";
import { checkMonitoringRelations, monitoringFields } from "../monitoring/validation";
import type { ExecutionLogging } from "../observableRestApiArgs";
import type { ObservableWebSocketApiArgs, WebSocketRoute, WebSocketRouteOverride } from "../observableWebSocketApiArgs";
import { checkAccountRoleRelations } from "./accountRole";
import { ObjectSpec, Reporter, Rule, leaf, list, object, plainLeaf, shown, validateArgs } from "./framework";
import {
    accessLoggingSpec,
    checkAccessLogFormatRelations,
    checkDuplicateRouteOverrides,
    v2StageNameRule,
} from "./httpApi";
import { closest } from "./openApi";
import { throttlingSpec } from "./restApi";
import {
    booleanRule,
    enumRule,
    iamRoleArnRule,
    kmsKeyArnRule,
    levelRule,
    retentionRule,
    stringRule,
    tagsRule,
} from "./rules";
import { rejectUnsupportedArgs } from "./unsupported";

export const WEBSOCKET_COMPONENT = "ObservableWebSocketApi";

/** What a WebSocket API cannot do, by the arg a REST caller would pass for it. */
export const UNSUPPORTED_WEBSOCKET_ARGS: Readonly<Record<string, string>> = {
    tracing: "X-Ray traces REST APIs only, so a WebSocket API's traces start at its backend",
    caching: "WebSocket APIs have no response cache",
    methodOverrides: "WebSocket APIs have routes, not methods; use routeOverrides",
    openApiSpec: "API Gateway imports OpenAPI for REST and HTTP APIs only; list the routes in routes",
};

/** The route keys API Gateway itself gives meaning to. */
export const PREDEFINED_ROUTE_KEYS: readonly string[] = ["$connect", "$disconnect", "$default"];

export const DEFAULT_ROUTE_SELECTION_EXPRESSION = "$request.body.action";

export const webSocketRouteKeyRule: Rule = (v, arg) =>
    typeof v === "string" && (PREDEFINED_ROUTE_KEYS.includes(v) || /^[^$\s]\S*$/.test(v))
        ? undefined
        : `${arg} must be "$connect", "$disconnect", "$default" or a custom key without spaces that does not start ` +
          `with "$", got ${shown(v)}`;

export const lambdaFunctionArnRule: Rule = (v, arg) =>
    typeof v === "string" &&
    /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/.test(v)
        ? undefined
        : `${arg} must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>), got ${shown(v)}`;

/** WebSocket route selection reads the message body: `$request.body.<path>` ("Route selection expressions"). */
export const routeSelectionExpressionRule: Rule = (v, arg) =>
    typeof v === "string" && /^(\$request\.body\.[A-Za-z0-9_.-]+|\$\{request\.body\.[A-Za-z0-9_.-]+\})$/.test(v)
        ? undefined
        : `${arg} must be a route selection expression such as "$request.body.action", got ${shown(v)}`;

const webSocketApiRule: Rule = (v, arg) =>
    aws.apigatewayv2.Api.isInstance(v) ? undefined : `${arg} must be an aws.apigatewayv2.Api resource, got ${shown(v)}`;

/** Why the caller's Api is not a WebSocket API, once its protocol is known. */
export function webSocketProtocolProblem(protocolType: unknown): string | undefined {
    return protocolType === "WEBSOCKET"
        ? undefined
        : `api must be a WebSocket API (protocolType "WEBSOCKET"), got protocolType ${shown(protocolType)}`;
}

export function webSocketApiSpec(): ObjectSpec<ObservableWebSocketApiArgs> {
    return object<ObservableWebSocketApiArgs>({
        routes: list(
            object<WebSocketRoute>({
                routeKey: plainLeaf(webSocketRouteKeyRule),
                functionArn: leaf(lambdaFunctionArnRule),
            }),
            "{ routeKey, functionArn }",
        ),
        routeSelectionExpression: leaf(routeSelectionExpressionRule),
        api: plainLeaf(webSocketApiRule),
        redeployTriggers: list(leaf(stringRule), "ids or hashes", false),
        // Plain: whether the stage can have an execution log group depends on it.
        stageName: plainLeaf(v2StageNameRule),
        environment: plainLeaf(enumRule(Object.values(Environment))),
        executionLogging: object<ExecutionLogging>({
            level: leaf(levelRule),
            retentionInDays: leaf(retentionRule),
            kmsKeyArn: leaf(kmsKeyArnRule),
        }),
        accessLogging: accessLoggingSpec(),
        throttling: throttlingSpec,
        detailedMetrics: leaf(booleanRule),
        routeOverrides: list(
            object<WebSocketRouteOverride>({
                routeKey: plainLeaf(webSocketRouteKeyRule),
                throttling: throttlingSpec,
                loggingLevel: leaf(levelRule),
                detailedMetrics: leaf(booleanRule),
            }),
            "{ routeKey, throttling, loggingLevel, detailedMetrics }",
        ),
        accountCloudWatchRole: plainLeaf(enumRule(Object.values(AccountCloudWatchRole))),
        cloudWatchRoleArn: leaf(iamRoleArnRule),
        protectLogs: plainLeaf(booleanRule),
        monitoring: object<WebSocketMonitoring>(monitoringFields(webSocketThresholdsSpec())),
        tags: leaf(tagsRule),
    });
}

/**
 * Validate every arg once: plain values now (throwing before anything is registered), Outputs when they resolve.
 * Returns the args with Output-valued members wrapped in their checks.
 */
export function validateWebSocketApiArgs(
    args: ObservableWebSocketApiArgs,
    reporter: Reporter,
): ObservableWebSocketApiArgs {
    rejectUnsupportedArgs(args, UNSUPPORTED_WEBSOCKET_ARGS, reporter);
    const checked = validateArgs(webSocketApiSpec(), args, reporter);
    const hasRoutes = checked.routes !== undefined;
    const bringsApi = checked.api !== undefined;
    if (hasRoutes === bringsApi) {
        reporter.fail(`exactly one of routes and api must be set, got ${hasRoutes ? "both" : "neither"}`);
    }
    const routes = checked.routes ?? [];
    if (hasRoutes && routes.length === 0) {
        reporter.fail("routes must list at least one route (API Gateway deploys no API without one), got []");
    }
    const seen = new Map<string, number>();
    routes.forEach((r, i) => {
        const first = seen.get(r.routeKey);
        if (first !== undefined) {
            reporter.fail(
                `routes[${i}] must name a route key not already used, got ${r.routeKey} again (see routes[${first}])`,
            );
        }
        seen.set(r.routeKey, i);
    });
    if (hasRoutes && checked.redeployTriggers !== undefined) {
        reporter.fail(
            "redeployTriggers must be unset with routes (the routes and integrations already redeploy the stage), got a list",
        );
    }
    if (bringsApi && checked.routeSelectionExpression !== undefined) {
        reporter.fail(
            "routeSelectionExpression must be unset with api (the API's own expression applies), got an expression",
        );
    }
    checkAccessLogFormatRelations(checked.accessLogging, reporter);
    const overrides = checked.routeOverrides ?? [];
    checkDuplicateRouteOverrides(overrides, reporter);
    if (hasRoutes) {
        const known = routes.map((r) => r.routeKey);
        overrides.forEach((o, i) => {
            if (!known.includes(o.routeKey)) {
                reporter.fail(
                    `routeOverrides[${i}].routeKey is ${JSON.stringify(o.routeKey)}, which routes does not define; ` +
                        `known routes: ${closest(o.routeKey, known).join(", ")}`,
                );
            }
        });
    }
    checkAccountRoleRelations(
        "accountCloudWatchRole",
        checked.accountCloudWatchRole ?? AccountCloudWatchRole.None,
        checked.cloudWatchRoleArn,
        reporter,
    );
    checkMonitoringRelations(checked.monitoring, reporter);
    return checked;
}
