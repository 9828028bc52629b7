/**
 * Access-log formats for the API Gateway stage. Pure: no Pulumi runtime, so the monitoring metric-filter tests can
 * render sample lines from the very format the component deploys.
 */
import { AccessLogFormat } from "../contract";

/**
 * A common-log-format line: source IP, caller, user, request time, method, path, protocol, status, response length
 * and request id.
 */
export const CLF_ACCESS_LOG_FORMAT =
    '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';

/**
 * The `Json` preset: one line of valid JSON per request. `error` is a nested object, so that a metric filter can
 * say `$.error.responseType = "INTEGRATION_TIMEOUT"`. It never records the Authorization header, any other header
 * but the user agent, or a request or response body.
 */
export const JSON_ACCESS_LOG_FORMAT =
    "{" +
    '"requestId":"$context.requestId",' +
    '"extendedRequestId":"$context.extendedRequestId",' +
    '"ip":"$context.identity.sourceIp",' +
    '"caller":"$context.identity.caller",' +
    '"user":"$context.identity.user",' +
    '"requestTime":"$context.requestTime",' +
    '"httpMethod":"$context.httpMethod",' +
    '"resourcePath":"$context.resourcePath",' +
    // Unquoted only where API Gateway always writes a number, so filters can compare ($.status = 429).
    '"status":$context.status,' +
    '"protocol":"$context.protocol",' +
    '"responseLength":$context.responseLength,' +
    '"responseLatency":$context.responseLatency,' +
    // Quoted: a 429 or an authorizer 403 never reaches the integration, and a bare "-" would break the whole line.
    '"integrationLatency":"$context.integrationLatency",' +
    '"integrationStatus":"$context.integrationStatus",' +
    '"integrationErrorMessage":"$context.integrationErrorMessage",' +
    '"error":{"responseType":"$context.error.responseType","message":"$context.error.message"},' +
    '"xrayTraceId":"$context.xrayTraceId",' +
    '"userAgent":"$context.identity.userAgent"' +
    "}";

/** The preset strings by enum value. */
export const ACCESS_LOG_FORMATS: Readonly<Record<AccessLogFormat, string>> = {
    [AccessLogFormat.Json]: JSON_ACCESS_LOG_FORMAT,
    [AccessLogFormat.Clf]: CLF_ACCESS_LOG_FORMAT,
};

/** What the access-log args resolve to. */
export interface ResolvedAccessLogFormat<F = string> {
    /** `Json`, `Clf`, or `Custom` for a caller's own format string. */
    kind: AccessLogFormat | "Custom";
    /** The format string the Stage's `accessLogSettings.format` receives. */
    format: F;
}

const REQUEST_ID_VARIABLE = /\$context\.(requestId|extendedRequestId)(?![A-Za-z0-9_])/;

/**
 * Why a custom format is unacceptable, as the tail of an error message (`accessLogging.customFormat must …, got …`),
 * or undefined when it is fine. API Gateway only accepts a format that carries a request id, on one line.
 */
export function accessLogFormatProblem(format: string, arg = "accessLogging.customFormat"): string | undefined {
    if (REQUEST_ID_VARIABLE.test(format) && !/[\r\n]/.test(format)) {
        return undefined;
    }
    return (
        `${arg} must be a single-line format that contains $context.requestId or $context.extendedRequestId, ` +
        `got ${JSON.stringify(format)}`
    );
}

/**
 * The format a stage logs with: the preset's string, or the caller's own (possibly still an Output).
 * @default the Json preset when neither is given.
 */
export function resolveAccessLogFormat<F = string>(
    args: {
        format?: AccessLogFormat;
        customFormat?: F;
    },
    presets: Readonly<Record<AccessLogFormat, string>> = ACCESS_LOG_FORMATS,
): ResolvedAccessLogFormat<F | string> {
    if (args.customFormat !== undefined) {
        return { kind: "Custom", format: args.customFormat };
    }
    const kind = args.format ?? AccessLogFormat.Json;
    return { kind, format: presets[kind] };
}

/**
 * Values for `$context` variables, keyed by the variable name without `$context.` (`status`,
 * `identity.sourceIp`, `error.responseType`, …).
 */
export type AccessLogSample = Record<string, string | number>;

/** A successful request through a Lambda proxy integration. */
export const SAMPLE_OK_REQUEST: Readonly<AccessLogSample> = {
    requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    extendedRequestId: "Fq8sSEfWoAMFdXg=",
    "identity.sourceIp": "203.0.113.7",
    "identity.caller": "-",
    "identity.user": "-",
    "identity.userAgent": "curl/8.5.0",
    requestTime: "23/Nov/2026:09:45:12 +0000",
    httpMethod: "GET",
    resourcePath: "/hello",
    status: 200,
    protocol: "HTTP/1.1",
    responseLength: 27,
    responseLatency: 48,
    integrationLatency: 41,
    integrationStatus: 200,
    integrationErrorMessage: "-",
    "error.responseType": "-",
    "error.message": "-",
    xrayTraceId: "Root=1-6741a3f8-3b2a1c0d9e8f7a6b5c4d3e2f",
};

/**
 * A request throttled by API Gateway: it never reached the integration, so API Gateway writes `-` for the
 * integration values.
 */
export const SAMPLE_THROTTLED_REQUEST: Readonly<AccessLogSample> = {
    ...SAMPLE_OK_REQUEST,
    status: 429,
    responseLength: 29,
    responseLatency: 0,
    integrationLatency: "-",
    integrationStatus: "-",
    "error.responseType": "THROTTLED",
    "error.message": "Too Many Requests",
};

/** A request whose integration ran past API Gateway's 29 s timeout. */
export const SAMPLE_INTEGRATION_TIMEOUT: Readonly<AccessLogSample> = {
    ...SAMPLE_OK_REQUEST,
    status: 504,
    responseLength: 41,
    responseLatency: 29001,
    integrationLatency: 29000,
    integrationStatus: "-",
    integrationErrorMessage: "Execution failed due to a timeout error",
    "error.responseType": "INTEGRATION_TIMEOUT",
    "error.message": "Endpoint request timed out",
};

// Longest dotted name after "$context."; a trailing "." is punctuation, not part of the name.
const CONTEXT_VARIABLE = /\$context\.([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)/g;

/**
 * Render one access-log line from a format string the way API Gateway does: each `$context.<name>` becomes the
 * sample's value for `<name>`, verbatim and unescaped, and a variable the sample lacks becomes `-`.
 */
export function renderAccessLogLine(format: string, sample: AccessLogSample): string {
    return format.replace(CONTEXT_VARIABLE, (_match, name: string) =>
        Object.prototype.hasOwnProperty.call(sample, name) ? String(sample[name]) : "-",
    );
}

// HTTP APIs. Their variables differ from REST's: `routeKey` where REST has `resourcePath`, and no `xrayTraceId`
// (X-Ray does not trace HTTP APIs). API Gateway developer guide, "Customize HTTP API access logs".

/** The HTTP API common-log-format line: the route key stands where REST logs the resource path. */
export const HTTP_CLF_ACCESS_LOG_FORMAT =
    '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId';

/**
 * The HTTP API `Json` preset: the REST preset's fields with `routeKey` for `resourcePath` and without the X-Ray trace
 * id. The same three values are unquoted (API Gateway writes them for every response it sends); everything that is
 * `-` when no integration ran stays quoted. Never a header but the user agent, never a body.
 */
export const HTTP_JSON_ACCESS_LOG_FORMAT =
    "{" +
    '"requestId":"$context.requestId",' +
    '"extendedRequestId":"$context.extendedRequestId",' +
    '"ip":"$context.identity.sourceIp",' +
    '"caller":"$context.identity.caller",' +
    '"user":"$context.identity.user",' +
    '"requestTime":"$context.requestTime",' +
    '"httpMethod":"$context.httpMethod",' +
    '"routeKey":"$context.routeKey",' +
    '"status":$context.status,' +
    '"protocol":"$context.protocol",' +
    '"responseLength":$context.responseLength,' +
    '"responseLatency":$context.responseLatency,' +
    '"integrationLatency":"$context.integrationLatency",' +
    '"integrationStatus":"$context.integrationStatus",' +
    '"integrationErrorMessage":"$context.integrationErrorMessage",' +
    '"error":{"responseType":"$context.error.responseType","message":"$context.error.message"},' +
    '"userAgent":"$context.identity.userAgent"' +
    "}";

export const HTTP_ACCESS_LOG_FORMATS: Readonly<Record<AccessLogFormat, string>> = {
    [AccessLogFormat.Json]: HTTP_JSON_ACCESS_LOG_FORMAT,
    [AccessLogFormat.Clf]: HTTP_CLF_ACCESS_LOG_FORMAT,
};

// WebSocket APIs. Their variables are their own: `connectionId`, `eventType` (CONNECT, MESSAGE or DISCONNECT) and
// `messageId` (MESSAGE only); there is no `httpMethod`, `protocol`, `responseLength` or `responseLatency`, and the
// integration's values are `integration.status` and `integration.error` (API Gateway developer guide, "Configure
// logging for WebSocket APIs in API Gateway").

/** The WebSocket common-log-format line: event type, route key and connection where HTTP logs method, path, protocol. */
export const WEBSOCKET_CLF_ACCESS_LOG_FORMAT =
    '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId';

/**
 * The WebSocket `Json` preset: who, which connection and event, which route, the status and the integration's
 * outcome. Only `status` is unquoted; `messageId` is `-` outside MESSAGE events and the integration values are `-`
 * when no integration ran (a refused connect, a throttled message), so they stay quoted. Never a header but the user
 * agent, never a message body.
 */
export const WEBSOCKET_JSON_ACCESS_LOG_FORMAT =
    "{" +
    '"requestId":"$context.requestId",' +
    '"extendedRequestId":"$context.extendedRequestId",' +
    '"ip":"$context.identity.sourceIp",' +
    '"caller":"$context.identity.caller",' +
    '"user":"$context.identity.user",' +
    '"requestTime":"$context.requestTime",' +
    '"eventType":"$context.eventType",' +
    '"routeKey":"$context.routeKey",' +
    '"connectionId":"$context.connectionId",' +
    '"messageId":"$context.messageId",' +
    '"status":$context.status,' +
    '"integrationStatus":"$context.integration.status",' +
    '"integrationLatency":"$context.integrationLatency",' +
    '"integrationError":"$context.integration.error",' +
    '"error":{"responseType":"$context.error.responseType","message":"$context.error.message"},' +
    '"userAgent":"$context.identity.userAgent"' +
    "}";

export const WEBSOCKET_ACCESS_LOG_FORMATS: Readonly<Record<AccessLogFormat, string>> = {
    [AccessLogFormat.Json]: WEBSOCKET_JSON_ACCESS_LOG_FORMAT,
    [AccessLogFormat.Clf]: WEBSOCKET_CLF_ACCESS_LOG_FORMAT,
};

/** A successful HTTP API request through a Lambda proxy integration. */
export const SAMPLE_HTTP_OK_REQUEST: Readonly<AccessLogSample> = {
    requestId: "Fq8sSEfWoAMFdXg=",
    extendedRequestId: "Fq8sSEfWoAMFdXg=",
    "identity.sourceIp": "203.0.113.7",
    "identity.caller": "-",
    "identity.user": "-",
    "identity.userAgent": "curl/8.5.0",
    requestTime: "23/Nov/2026:09:45:12 +0000",
    httpMethod: "GET",
    routeKey: "GET /hello",
    status: 200,
    protocol: "HTTP/1.1",
    responseLength: 27,
    responseLatency: 45,
    integrationLatency: 41,
    integrationStatus: 200,
    integrationErrorMessage: "-",
    "error.responseType": "-",
    "error.message": "-",
};

/** An HTTP API request throttled by a stage or route limit: no integration ran, so its values are `-`. */
export const SAMPLE_HTTP_THROTTLED_REQUEST: Readonly<AccessLogSample> = {
    ...SAMPLE_HTTP_OK_REQUEST,
    status: 429,
    responseLength: 29,
    responseLatency: 0,
    integrationLatency: "-",
    integrationStatus: "-",
    "error.responseType": "THROTTLED",
    "error.message": "Too Many Requests",
};

/** A request no route matched: API Gateway answers 404 itself and writes `-` for the route key. */
export const SAMPLE_HTTP_NOT_FOUND: Readonly<AccessLogSample> = {
    ...SAMPLE_HTTP_OK_REQUEST,
    routeKey: "-",
    status: 404,
    responseLength: 23,
    responseLatency: 1,
    integrationLatency: "-",
    integrationStatus: "-",
    "error.responseType": "-",
    "error.message": "Not Found",
};

/**
 * An HTTP API integration that ran past the 30 s limit. HTTP APIs answer a timeout with 503 Service Unavailable, not
 * REST's 504 (serverless/serverless#11222: the route timeout "must be greater than the lambda timeout to avoid
 * getting a 503"; cortexlabs/cortex#1225 shows the `{"message":"Service Unavailable"}` body).
 */
export const SAMPLE_HTTP_INTEGRATION_TIMEOUT: Readonly<AccessLogSample> = {
    ...SAMPLE_HTTP_OK_REQUEST,
    status: 503,
    responseLength: 33,
    responseLatency: 30001,
    integrationLatency: 30000,
    integrationStatus: "-",
    "error.message": "Service Unavailable",
};

/** A Lambda proxy integration that returned a response API Gateway cannot map: a 502. */
export const SAMPLE_HTTP_BAD_GATEWAY: Readonly<AccessLogSample> = {
    ...SAMPLE_HTTP_OK_REQUEST,
    status: 502,
    responseLength: 36,
    integrationStatus: 200,
    integrationErrorMessage: "The Lambda function returned the following error: Malformed Lambda proxy response",
    "error.message": "Internal Server Error",
};

/** A WebSocket connection accepted by the `$connect` integration. */
export const SAMPLE_WEBSOCKET_CONNECT: Readonly<AccessLogSample> = {
    requestId: "Fq8sSEfWoAMFdXg=",
    extendedRequestId: "Fq8sSEfWoAMFdXg=",
    "identity.sourceIp": "203.0.113.7",
    "identity.caller": "-",
    "identity.user": "-",
    "identity.userAgent": "websocat/1.13",
    requestTime: "23/Nov/2026:09:45:12 +0000",
    eventType: "CONNECT",
    routeKey: "$connect",
    connectionId: "L0SM9cOFvHcCIhw=",
    messageId: "-",
    status: 200,
    "integration.status": 200,
    integrationLatency: 38,
    "integration.error": "-",
    "error.responseType": "-",
    "error.message": "-",
};

/** A connection the `$connect` integration refused (here with a 403): the client never gets a socket. */
export const SAMPLE_WEBSOCKET_REFUSED_CONNECT: Readonly<AccessLogSample> = {
    ...SAMPLE_WEBSOCKET_CONNECT,
    status: 403,
    "integration.status": 403,
    "error.message": "Forbidden",
};

/** A message routed to `$default` and answered by its integration. */
export const SAMPLE_WEBSOCKET_MESSAGE: Readonly<AccessLogSample> = {
    ...SAMPLE_WEBSOCKET_CONNECT,
    eventType: "MESSAGE",
    routeKey: "$default",
    messageId: "L0SNdf9EvHcCIhw=",
    integrationLatency: 12,
};

/** A message throttled by the stage or route limits: no integration ran. */
export const SAMPLE_WEBSOCKET_THROTTLED_MESSAGE: Readonly<AccessLogSample> = {
    ...SAMPLE_WEBSOCKET_MESSAGE,
    status: 429,
    "integration.status": "-",
    integrationLatency: "-",
    "error.responseType": "THROTTLED",
    "error.message": "Too Many Requests",
};

/** A message whose integration failed: the Lambda function threw. */
export const SAMPLE_WEBSOCKET_FAILED_MESSAGE: Readonly<AccessLogSample> = {
    ...SAMPLE_WEBSOCKET_MESSAGE,
    status: 500,
    "integration.status": 500,
    "integration.error": "The Lambda function returned an error",
    "error.message": "Internal server error",
};

/** A client that went away: DISCONNECT events have no message id. */
export const SAMPLE_WEBSOCKET_DISCONNECT: Readonly<AccessLogSample> = {
    ...SAMPLE_WEBSOCKET_CONNECT,
    eventType: "DISCONNECT",
    routeKey: "$disconnect",
    integrationLatency: 9,
};
