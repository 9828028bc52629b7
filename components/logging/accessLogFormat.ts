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
export function resolveAccessLogFormat<F = string>(args: {
    format?: AccessLogFormat;
    customFormat?: F;
}): ResolvedAccessLogFormat<F | string> {
    if (args.customFormat !== undefined) {
        return { kind: "Custom", format: args.customFormat };
    }
    const kind = args.format ?? AccessLogFormat.Json;
    return { kind, format: ACCESS_LOG_FORMATS[kind] };
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
