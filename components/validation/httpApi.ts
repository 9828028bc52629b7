/**
 * ObservableHttpApi's args: one spec (every arg, typed against the args interfaces), the rules between args, and
 * the route keys an OpenAPI document defines for an HTTP API.
 */
import * as aws from "@pulumi/aws";
import { AccessLogFormat, Environment, V2_DEFAULT_STAGE_NAME } from "../contract";
import { httpThresholdsSpec } from "../monitoring/http/validation";
import type { HttpMonitoring } from "../monitoring/http/types";
import { checkMonitoringRelations, monitoringFields } from "../monitoring/validation";
import type { HttpRouteOverride, ObservableHttpApiArgs } from "../observableHttpApiArgs";
import type { AccessLogging } from "../observableRestApiArgs";
import { ObjectSpec, Reporter, Rule, leaf, list, object, plainLeaf, shown, validateArgs } from "./framework";
import { OPENAPI_OPERATIONS, OpenApiDocument, closest, parseOpenApiSpec } from "./openApi";
import { customFormatRule, openApiSpecRule, throttlingSpec } from "./restApi";
import { booleanRule, enumRule, kmsKeyArnRule, retentionRule, tagsRule } from "./rules";
import { rejectUnsupportedArgs } from "./unsupported";

export const HTTP_COMPONENT = "ObservableHttpApi";

/** What an HTTP API cannot do, by the arg a REST caller would pass for it. */
export const UNSUPPORTED_HTTP_ARGS: Readonly<Record<string, string>> = {
    executionLogging: "HTTP APIs write access logs only",
    tracing: "X-Ray traces REST APIs only, so an HTTP API's traces start at its backend",
    caching: "HTTP APIs have no response cache",
    methodOverrides: "HTTP APIs have routes, not methods; use routeOverrides",
    accountCloudWatchRole: "HTTP API access logs do not need the account's CloudWatch role",
    cloudWatchRoleArn: "HTTP API access logs do not need the account's CloudWatch role",
};

/** The methods an HTTP route key may start with; `ANY` matches every method. */
export const HTTP_ROUTE_METHODS: readonly string[] = [
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "ANY",
];

// A path of literal segments and {param} / {proxy+} segments, or the root itself.
const ROUTE_PATH = "(\\/|(\\/[A-Za-z0-9._~:@!$&'()*+,;=-]+|\\/\\{[A-Za-z0-9._-]+\\+?\\})+)";
const HTTP_ROUTE_KEY = new RegExp(`^(${HTTP_ROUTE_METHODS.join("|")}) ${ROUTE_PATH}$`);

export const httpRouteKeyRule: Rule = (v, arg) =>
    typeof v === "string" && (v === V2_DEFAULT_STAGE_NAME || HTTP_ROUTE_KEY.test(v))
        ? undefined
        : `${arg} must be "$default" or a method and path such as "GET /orders/{id}" (method one of ` +
          `${HTTP_ROUTE_METHODS.join(", ")}, upper case), got ${shown(v)}`;

/** v2 stage names: `$default`, or letters, digits, `-` and `_`, 1 to 128. */
export const v2StageNameRule: Rule = (v, arg) =>
    typeof v === "string" && (v === V2_DEFAULT_STAGE_NAME || /^[A-Za-z0-9_-]{1,128}$/.test(v))
        ? undefined
        : `${arg} must be "$default" or 1 to 128 letters, digits, "-" or "_", got ${shown(v)}`;

const httpApiRule: Rule = (v, arg) =>
    aws.apigatewayv2.Api.isInstance(v) ? undefined : `${arg} must be an aws.apigatewayv2.Api resource, got ${shown(v)}`;

/** Why the caller's Api is not an HTTP API, once its protocol is known. */
export function httpProtocolProblem(protocolType: unknown): string | undefined {
    return protocolType === "HTTP"
        ? undefined
        : `api must be an HTTP API (protocolType "HTTP"), got protocolType ${shown(protocolType)}`;
}

/** The access-log args, as ObservableRestApi validates them. */
export function accessLoggingSpec() {
    return object<AccessLogging>({
        format: plainLeaf(enumRule(Object.values(AccessLogFormat))),
        customFormat: leaf(customFormatRule),
        retentionInDays: leaf(retentionRule),
        kmsKeyArn: leaf(kmsKeyArnRule),
    });
}

export function httpApiSpec(): ObjectSpec<ObservableHttpApiArgs> {
    return object<ObservableHttpApiArgs>({
        openApiSpec: leaf(openApiSpecRule),
        api: plainLeaf(httpApiRule),
        stageName: leaf(v2StageNameRule),
        environment: plainLeaf(enumRule(Object.values(Environment))),
        accessLogging: accessLoggingSpec(),
        throttling: throttlingSpec,
        detailedMetrics: leaf(booleanRule),
        routeOverrides: list(
            object<HttpRouteOverride>({
                routeKey: plainLeaf(httpRouteKeyRule),
                throttling: throttlingSpec,
                detailedMetrics: leaf(booleanRule),
            }),
            "{ routeKey, throttling, detailedMetrics }",
        ),
        protectLogs: plainLeaf(booleanRule),
        monitoring: object<HttpMonitoring>(monitoringFields(httpThresholdsSpec())),
        tags: leaf(tagsRule),
    });
}

/**
 * The route keys an OpenAPI document gives an HTTP API, in document order: `GET /orders` for each operation,
 * `ANY /path` for `x-amazon-apigateway-any-method`, and `$default` for an any-method operation marked
 * `isDefaultRoute` ("Specifies whether a route is the $default route. Supported only for HTTP APIs",
 * x-amazon-apigateway-any-method object) or under the path `$default`, as API Gateway's own exports write it.
 */
export function httpRouteKeys(doc: OpenApiDocument): string[] {
    const keys: string[] = [];
    const paths = doc.document.paths as Record<string, unknown>;
    for (const [path, item] of Object.entries(paths)) {
        if (item === null || typeof item !== "object") {
            continue;
        }
        for (const [operation, body] of Object.entries(item as Record<string, unknown>)) {
            if (!Object.prototype.hasOwnProperty.call(OPENAPI_OPERATIONS, operation)) {
                continue;
            }
            const method = OPENAPI_OPERATIONS[operation];
            const isDefault =
                method === "ANY" &&
                (path === V2_DEFAULT_STAGE_NAME ||
                    (body !== null &&
                        typeof body === "object" &&
                        (body as Record<string, unknown>).isDefaultRoute === true));
            const key = isDefault ? V2_DEFAULT_STAGE_NAME : `${method} ${path}`;
            if (!keys.includes(key)) {
                keys.push(key);
            }
        }
    }
    return keys;
}

/** Each route override must name a route of the document; checked now or once an Output document resolves. */
export function checkRouteOverridesAgainstSpec(
    overrides: readonly HttpRouteOverride[],
    doc: OpenApiDocument,
    reporter: Reporter,
): void {
    const known = httpRouteKeys(doc);
    overrides.forEach((o, i) => {
        if (!known.includes(o.routeKey)) {
            const nearest = closest(o.routeKey, known);
            reporter.fail(
                `routeOverrides[${i}].routeKey is ${JSON.stringify(o.routeKey)}, which openApiSpec does not define; ` +
                    `known routes: ${nearest.length > 0 ? nearest.join(", ") : "none"}`,
            );
        }
    });
}

/** No route overridden twice: the second entry would silently replace the first. */
export function checkDuplicateRouteOverrides(overrides: readonly { routeKey: string }[], reporter: Reporter): void {
    const seen = new Map<string, number>();
    overrides.forEach((o, i) => {
        const first = seen.get(o.routeKey);
        if (first !== undefined) {
            reporter.fail(
                `routeOverrides[${i}] must name a route not already overridden, got ${o.routeKey} again ` +
                    `(see routeOverrides[${first}])`,
            );
        }
        seen.set(o.routeKey, i);
    });
}

/** `format` and `customFormat` exclude each other, with ObservableRestApi's wording. */
export function checkAccessLogFormatRelations(accessLogging: AccessLogging | undefined, reporter: Reporter): void {
    if (accessLogging?.format !== undefined && accessLogging.customFormat !== undefined) {
        reporter.fail(
            `accessLogging.format and accessLogging.customFormat exclude each other: use the ${JSON.stringify(accessLogging.format)} preset or your own format, got both`,
        );
    }
}

/**
 * Validate every arg once: plain values now (throwing before anything is registered), Outputs when they resolve.
 * Returns the args with Output-valued members wrapped in their checks.
 */
export function validateHttpApiArgs(args: ObservableHttpApiArgs, reporter: Reporter): ObservableHttpApiArgs {
    rejectUnsupportedArgs(args, UNSUPPORTED_HTTP_ARGS, reporter);
    const checked = validateArgs(httpApiSpec(), args, reporter);
    const hasSpec = checked.openApiSpec !== undefined;
    const bringsApi = checked.api !== undefined;
    if (hasSpec === bringsApi) {
        reporter.fail(`exactly one of openApiSpec and api must be set, got ${hasSpec ? "both" : "neither"}`);
    }
    checkAccessLogFormatRelations(checked.accessLogging, reporter);
    checkDuplicateRouteOverrides(checked.routeOverrides ?? [], reporter);
    if (typeof checked.openApiSpec === "string") {
        const parsed = parseOpenApiSpec(checked.openApiSpec);
        if (!("problem" in parsed)) {
            checkRouteOverridesAgainstSpec(checked.routeOverrides ?? [], parsed, reporter);
        }
    }
    checkMonitoringRelations(checked.monitoring, reporter);
    return checked;
}
