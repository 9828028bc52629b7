/**
 * The contract between the components and the policy pack, and the AWS facts both sides rely on.
 *
 * A component registers its effective settings (after presets) as its own inputs; the pack reads them back by these
 * property names. This module is the one place both sides take those names and shapes from, so renaming a setting
 * breaks the build of the pack instead of silently switching a guardrail off. It imports nothing, so the pack can
 * load it without `@pulumi/pulumi` or `@pulumi/aws`, and policy authors outside this repository can import it too
 * (`observable-api/contract`).
 */

// Enums are `as const` objects with a type of the same name: Pulumi's schema inference turns them into schema enums
// for every language, and TypeScript callers may pass either the member or its plain string ("ERROR").

/** Which preset family an API's defaults come from. */
export const Environment = {
    Production: "Production",
    Staging: "Staging",
    Development: "Development",
} as const;
/** Which preset family an API's defaults come from. */
export type Environment = (typeof Environment)[keyof typeof Environment];

/**
 * Execution-log level. API Gateway itself knows OFF, ERROR and INFO; `DEBUG` is this project's name for INFO plus
 * full request and response data (`dataTraceEnabled: true`).
 */
export const ExecutionLogLevel = {
    Off: "OFF",
    Error: "ERROR",
    Info: "INFO",
    Debug: "DEBUG",
} as const;
/** Execution-log level: OFF, ERROR, INFO, or DEBUG (INFO plus full request and response data). */
export type ExecutionLogLevel = (typeof ExecutionLogLevel)[keyof typeof ExecutionLogLevel];

/** Access-log format presets. A format of your own goes in `accessLogging.customFormat` instead. */
export const AccessLogFormat = {
    Json: "Json",
    Clf: "Clf",
} as const;
/** Access-log format presets: Json or Clf. */
export type AccessLogFormat = (typeof AccessLogFormat)[keyof typeof AccessLogFormat];

/** How a component treats the account-wide API Gateway CloudWatch role. */
export const AccountCloudWatchRole = {
    None: "None",
    Create: "Create",
    Existing: "Existing",
} as const;
/** How a component treats the account-wide API Gateway CloudWatch role: None, Create or Existing. */
export type AccountCloudWatchRole = (typeof AccountCloudWatchRole)[keyof typeof AccountCloudWatchRole];

/** Where `ApiGatewayAccountSettings` gets the role it sets: a role it creates, or an existing one. */
export const CloudWatchRoleSource = {
    Create: "Create",
    Existing: "Existing",
} as const;
/** Where `ApiGatewayAccountSettings` gets the role it sets: Create or Existing. */
export type CloudWatchRoleSource = (typeof CloudWatchRoleSource)[keyof typeof CloudWatchRoleSource];

/** The type tokens of the components: `<package>:index:<Class>`. */
export const COMPONENT_TYPES = {
    ObservableRestApi: "observable-api:index:ObservableRestApi",
    ObservableHttpApi: "observable-api:index:ObservableHttpApi",
    ObservableWebSocketApi: "observable-api:index:ObservableWebSocketApi",
    ApiGatewayAccountSettings: "observable-api:index:ApiGatewayAccountSettings",
} as const;

// AWS facts.

/** The only retention periods CloudWatch Logs accepts, in days (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The execution-log levels API Gateway accepts. "DEBUG" is not one of them. */
export const API_GATEWAY_LOG_LEVELS: readonly string[] = ["OFF", "ERROR", "INFO"];

/** The namespace API Gateway publishes its metrics in, for REST, HTTP and WebSocket APIs alike. */
export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

/**
 * The log group API Gateway writes a REST or WebSocket stage's execution logs to is
 * `API-Gateway-Execution-Logs_{apiId}/{stageName}`; it creates the group itself, with no retention, when it is missing.
 */
export const EXECUTION_LOG_GROUP_PREFIX = "API-Gateway-Execution-Logs_";

/**
 * The account-level throttling quota per region: 10,000 requests per second with a burst of 5,000 (API Gateway
 * quotas). A stage or route limit above it never applies, because the account limit throttles first.
 */
export const ACCOUNT_THROTTLING = { rateLimit: 10000, burstLimit: 5000 } as const;

/** The namespace prefix of the metrics this project derives from access logs (429s, 502s, 504s, timeouts). */
export const SIGNAL_NAMESPACE_PREFIX = "ObservableApi/";

/** The stage-wide key of a REST MethodSettings. */
export const STAGE_WIDE_METHOD_PATH = "*/*";

/**
 * A REST MethodSettings `methodPath` for one method: the resource path written as one JSON-pointer token (each `~`
 * becomes `~0`, then each `/` becomes `~1`), then `/` and the method. `/orders/{id}` GET is `~1orders~1{id}/GET` and
 * the root `/` GET is `~1/GET`. API Gateway stores any other spelling verbatim and applies it to nothing.
 */
export function methodPathFor(resourcePath: string, method: string): string {
    return `${resourcePath.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toUpperCase()}`;
}

/** A route as a person writes it: `GET /orders/{id}`, `* /orders`. */
export interface MethodRoute {
    method: string;
    resourcePath: string;
}

/**
 * Reads a REST `methodPath` back as a route. Accepts the JSON-pointer form API Gateway applies (`~1orders~1{id}/GET`)
 * and the unescaped form it stores but never applies (`orders/{id}/GET`, reported with `escaped: false`). The
 * stage-wide `*` `/` `*` gives `{ method: "*", resourcePath: "/*" }`. Undefined when the value has no method part.
 */
export function parseMethodPath(methodPath: string): (MethodRoute & { escaped: boolean }) | undefined {
    if (methodPath === STAGE_WIDE_METHOD_PATH) {
        return { method: "*", resourcePath: "/*", escaped: true };
    }
    const slash = methodPath.lastIndexOf("/");
    if (slash <= 0 || slash === methodPath.length - 1) {
        return undefined;
    }
    const resource = methodPath.slice(0, slash);
    const method = methodPath.slice(slash + 1).toUpperCase();
    if (resource.startsWith("~1")) {
        return { method, resourcePath: resource.replace(/~1/g, "/").replace(/~0/g, "~"), escaped: true };
    }
    return { method, resourcePath: `/${resource}`, escaped: false };
}

/** `GET /orders/{id}`. */
export function describeRoute(route: MethodRoute): string {
    return `${route.method} ${route.resourcePath}`;
}

// The effective settings each component registers as its inputs. Property names and shapes follow the component's
// args, so a policy author reads `executionLogging.level` where a program wrote `executionLogging.level`.
//
// `D` is how a value the caller gave as an Output is carried while the component builds: the component instantiates
// it with Pulumi's Output type, the pack with `never`, because the pack receives every value resolved (or, during a
// preview, unknown).

/** Execution logging as deployed. */
export interface ExecutionLoggingSettings<D = never> {
    level: ExecutionLogLevel | D;
    retentionInDays: number | D;
    kmsKeyArn?: string | D;
}

/** Access logging as deployed. It is always on. */
export interface AccessLoggingSettings<D = never> {
    /** The preset, or absent with `customFormat`. */
    format?: AccessLogFormat;
    /** A format of the caller's own, when no preset is used. */
    customFormat?: string | D;
    retentionInDays: number | D;
    kmsKeyArn?: string | D;
}

/** Stage-wide or per-route throttling as deployed: both limits always set. */
export interface ThrottlingSettings<D = never> {
    rateLimit: number | D;
    burstLimit: number | D;
}

/** What the component's monitoring creates. */
export interface MonitoringSettings {
    dashboard: boolean;
    alarms: boolean;
    queries: boolean;
    /** Whether the composite alarm pages; its members then notify nobody on their own. */
    compositeAlarm: boolean;
}

/** One REST method override, with every value filled in from the stage. */
export interface MethodOverrideSettings<D = never> {
    /** The resource path as written in the OpenAPI document: `/orders/{id}`. */
    path: string;
    /** Upper-case HTTP method, `ANY`, or `*` for every method of the path. */
    method: string;
    /** The MethodSettings key: see {@link methodPathFor}. */
    methodPath: string;
    throttling: ThrottlingSettings<D>;
    loggingLevel: ExecutionLogLevel | D;
    cachingEnabled: boolean;
}

/** What `ObservableRestApi` registers as its inputs. */
export interface RestApiSettings<D = never> {
    /** Where the API came from: `openApiSpec` (the component creates the RestApi) or `restApi` (the caller's). */
    apiSource: "openApiSpec" | "restApi";
    environment: Environment;
    stageName: string | D;
    executionLogging: ExecutionLoggingSettings<D>;
    accessLogging: AccessLoggingSettings<D>;
    tracing: { enabled: boolean; samplingRate?: number | D };
    throttling: ThrottlingSettings<D>;
    methodOverrides: MethodOverrideSettings<D>[];
    metricsEnabled: boolean | D;
    caching: { enabled: boolean; sizeGb: number | D; ttlSeconds: number | D; encrypted: boolean | D };
    accountCloudWatchRole: AccountCloudWatchRole;
    cloudWatchRoleArn?: string | D;
    protectLogs: boolean;
    monitoring: MonitoringSettings;
}

/**
 * The name of a settings property, checked against the settings type: `field<RestApiSettings>("throttling")`. The
 * pack reads component inputs through this, so a renamed setting fails to compile instead of reading as unset.
 */
export function field<T>(name: Extract<keyof T, string>): string {
    return name;
}

// HTTP and WebSocket APIs (apigatewayv2).

/**
 * The stage name API Gateway treats as the API's default stage, served at the root of the invoke URL. HTTP APIs are
 * meant to use it; a WebSocket stage of that name misbehaves (no execution-log group, 429s on first connections;
 * terraform-aws-modules/terraform-aws-apigateway-v2#7).
 */
export const V2_DEFAULT_STAGE_NAME = "$default";

/**
 * The longest an HTTP API integration may take: "between 50 and 30,000 milliseconds for HTTP APIs", not adjustable
 * (`aws.apigatewayv2.Integration.timeoutMilliseconds`; CloudFormation IntegrationOverrides.TimeoutInMillis).
 */
export const HTTP_INTEGRATION_TIMEOUT_MS = 30000;

/**
 * The longest a WebSocket API integration may take: "50 milliseconds - 29 seconds for all integration types",
 * "Can be increased: No" (API Gateway quotas for WebSocket APIs).
 */
export const WEBSOCKET_INTEGRATION_TIMEOUT_MS = 29000;

/** One HTTP route override, with every value filled in from the stage: route settings do not inherit. */
export interface HttpRouteOverrideSettings<D = never> {
    /** `GET /orders/{id}`, or `$default`. */
    routeKey: string;
    throttling: ThrottlingSettings<D>;
    detailedMetrics: boolean | D;
}

/**
 * What `ObservableHttpApi` registers as its inputs. HTTP APIs have no execution logging and no X-Ray tracing, so
 * neither appears here.
 */
export interface HttpApiSettings<D = never> {
    /** Where the API came from: `openApiSpec` (the component creates the Api) or `api` (the caller's). */
    apiSource: "openApiSpec" | "api";
    environment: Environment;
    stageName: string | D;
    accessLogging: AccessLoggingSettings<D>;
    throttling: ThrottlingSettings<D>;
    detailedMetrics: boolean | D;
    routeOverrides: HttpRouteOverrideSettings<D>[];
    protectLogs: boolean;
    monitoring: MonitoringSettings;
}

/** One WebSocket route override, with every value filled in from the stage: route settings do not inherit. */
export interface WebSocketRouteOverrideSettings<D = never> {
    /** `$connect`, `$disconnect`, `$default` or a custom route key. */
    routeKey: string;
    throttling: ThrottlingSettings<D>;
    loggingLevel: ExecutionLogLevel | D;
    detailedMetrics: boolean | D;
}

/** What `ObservableWebSocketApi` registers as its inputs. */
export interface WebSocketApiSettings<D = never> {
    /** Where the API came from: `routes` (the component creates the Api) or `api` (the caller's). */
    apiSource: "routes" | "api";
    environment: Environment;
    stageName: string;
    executionLogging: ExecutionLoggingSettings<D>;
    accessLogging: AccessLoggingSettings<D>;
    throttling: ThrottlingSettings<D>;
    detailedMetrics: boolean | D;
    routeOverrides: WebSocketRouteOverrideSettings<D>[];
    accountCloudWatchRole: AccountCloudWatchRole;
    cloudWatchRoleArn?: string | D;
    protectLogs: boolean;
    monitoring: MonitoringSettings;
}
