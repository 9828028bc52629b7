import * as assert from "assert";
import { AccessLogFormat } from "../../../components/contract";
import {
    HTTP_ACCESS_LOG_FORMATS,
    HTTP_CLF_ACCESS_LOG_FORMAT,
    HTTP_JSON_ACCESS_LOG_FORMAT,
    SAMPLE_HTTP_NOT_FOUND,
    SAMPLE_HTTP_OK_REQUEST,
    SAMPLE_HTTP_THROTTLED_REQUEST,
    SAMPLE_WEBSOCKET_CONNECT,
    SAMPLE_WEBSOCKET_DISCONNECT,
    SAMPLE_WEBSOCKET_MESSAGE,
    SAMPLE_WEBSOCKET_THROTTLED_MESSAGE,
    WEBSOCKET_ACCESS_LOG_FORMATS,
    WEBSOCKET_CLF_ACCESS_LOG_FORMAT,
    WEBSOCKET_JSON_ACCESS_LOG_FORMAT,
    accessLogFormatProblem,
    renderAccessLogLine,
    resolveAccessLogFormat,
} from "../../../components/logging/accessLogFormat";

/**
 * The variables each protocol documents for access logs (API Gateway developer guide: "Customize HTTP API access
 * logs", http-api-logging-variables; "Configure logging for WebSocket APIs", websocket-api-logging). A preset that
 * used anything else would log `-` for it.
 */
const HTTP_VARIABLES = [
    "requestId",
    "extendedRequestId",
    "identity.sourceIp",
    "identity.caller",
    "identity.user",
    "identity.userAgent",
    "requestTime",
    "httpMethod",
    "routeKey",
    "status",
    "protocol",
    "responseLength",
    "responseLatency",
    "integrationLatency",
    "integrationStatus",
    "integrationErrorMessage",
    "error.responseType",
    "error.message",
];
const WEBSOCKET_VARIABLES = [
    "requestId",
    "extendedRequestId",
    "identity.sourceIp",
    "identity.caller",
    "identity.user",
    "identity.userAgent",
    "requestTime",
    "eventType",
    "routeKey",
    "connectionId",
    "messageId",
    "status",
    "integration.status",
    "integrationLatency",
    "integration.error",
    "error.responseType",
    "error.message",
];

const variablesOf = (format: string) => (format.match(/\$context\.[A-Za-z.]+/g) ?? []).map((v) => v.slice(9));
const unquoted = (format: string) => [...format.matchAll(/"([A-Za-z]+)":\$context/g)].map((m) => m[1]);

describe("components/logging/accessLogFormat: HTTP and WebSocket presets", () => {
    describe("HTTP", () => {
        it("maps the presets, and Clf logs the route key where REST logs the resource path", () => {
            assert.deepStrictEqual(HTTP_ACCESS_LOG_FORMATS, {
                [AccessLogFormat.Json]: HTTP_JSON_ACCESS_LOG_FORMAT,
                [AccessLogFormat.Clf]: HTTP_CLF_ACCESS_LOG_FORMAT,
            });
            assert.strictEqual(
                renderAccessLogLine(HTTP_CLF_ACCESS_LOG_FORMAT, SAMPLE_HTTP_OK_REQUEST),
                '203.0.113.7 - - [23/Nov/2026:09:45:12 +0000] "GET GET /hello HTTP/1.1" 200 27 Fq8sSEfWoAMFdXg=',
            );
        });

        it("Json uses only HTTP API variables, always the request id and route key, and no REST-only ones", () => {
            const used = variablesOf(HTTP_JSON_ACCESS_LOG_FORMAT);
            assert.deepStrictEqual([...used].sort(), [...HTTP_VARIABLES].sort());
            for (const restOnly of ["resourcePath", "xrayTraceId"]) {
                assert.ok(!used.includes(restOnly), restOnly);
            }
            for (const banned of ["Authorization", "header", "body", "$input"]) {
                assert.ok(!HTTP_JSON_ACCESS_LOG_FORMAT.includes(banned), banned);
            }
            assert.strictEqual(accessLogFormatProblem(HTTP_JSON_ACCESS_LOG_FORMAT), undefined);
            assert.strictEqual(accessLogFormatProblem(HTTP_CLF_ACCESS_LOG_FORMAT), undefined);
        });

        it("Json unquotes exactly status, responseLength and responseLatency", () => {
            assert.deepStrictEqual(unquoted(HTTP_JSON_ACCESS_LOG_FORMAT), [
                "status",
                "responseLength",
                "responseLatency",
            ]);
        });

        it("renders a successful request as JSON with numbers as numbers", () => {
            assert.deepStrictEqual(
                JSON.parse(renderAccessLogLine(HTTP_JSON_ACCESS_LOG_FORMAT, SAMPLE_HTTP_OK_REQUEST)),
                {
                    requestId: "Fq8sSEfWoAMFdXg=",
                    extendedRequestId: "Fq8sSEfWoAMFdXg=",
                    ip: "203.0.113.7",
                    caller: "-",
                    user: "-",
                    requestTime: "23/Nov/2026:09:45:12 +0000",
                    httpMethod: "GET",
                    routeKey: "GET /hello",
                    status: 200,
                    protocol: "HTTP/1.1",
                    responseLength: 27,
                    responseLatency: 45,
                    integrationLatency: "41",
                    integrationStatus: "200",
                    integrationErrorMessage: "-",
                    error: { responseType: "-", message: "-" },
                    userAgent: "curl/8.5.0",
                },
            );
        });

        it("keeps lines valid JSON when no integration ran or no route matched ('-' values)", () => {
            const throttled = JSON.parse(
                renderAccessLogLine(HTTP_JSON_ACCESS_LOG_FORMAT, SAMPLE_HTTP_THROTTLED_REQUEST),
            );
            assert.deepStrictEqual(
                [
                    throttled.status,
                    throttled.integrationLatency,
                    throttled.integrationStatus,
                    throttled.error.responseType,
                ],
                [429, "-", "-", "THROTTLED"],
            );
            const noRoute = JSON.parse(renderAccessLogLine(HTTP_JSON_ACCESS_LOG_FORMAT, SAMPLE_HTTP_NOT_FOUND));
            assert.deepStrictEqual([noRoute.status, noRoute.routeKey], [404, "-"]);
            const empty = JSON.parse(
                renderAccessLogLine(HTTP_JSON_ACCESS_LOG_FORMAT, {
                    status: 500,
                    responseLength: 0,
                    responseLatency: 1,
                }),
            );
            assert.strictEqual(empty.requestId, "-");
        });

        it("resolves against the HTTP presets when asked to", () => {
            assert.deepStrictEqual(resolveAccessLogFormat({ format: "Clf" }, HTTP_ACCESS_LOG_FORMATS), {
                kind: "Clf",
                format: HTTP_CLF_ACCESS_LOG_FORMAT,
            });
            assert.deepStrictEqual(resolveAccessLogFormat({}, HTTP_ACCESS_LOG_FORMATS), {
                kind: "Json",
                format: HTTP_JSON_ACCESS_LOG_FORMAT,
            });
        });
    });

    describe("WebSocket", () => {
        it("maps the presets, and Clf logs the event, route and connection", () => {
            assert.deepStrictEqual(WEBSOCKET_ACCESS_LOG_FORMATS, {
                [AccessLogFormat.Json]: WEBSOCKET_JSON_ACCESS_LOG_FORMAT,
                [AccessLogFormat.Clf]: WEBSOCKET_CLF_ACCESS_LOG_FORMAT,
            });
            assert.strictEqual(
                renderAccessLogLine(WEBSOCKET_CLF_ACCESS_LOG_FORMAT, SAMPLE_WEBSOCKET_CONNECT),
                '203.0.113.7 - - [23/Nov/2026:09:45:12 +0000] "CONNECT $connect L0SM9cOFvHcCIhw=" 200 Fq8sSEfWoAMFdXg=',
            );
        });

        it("Json uses only WebSocket variables, with connectionId, eventType, routeKey and messageId", () => {
            const used = variablesOf(WEBSOCKET_JSON_ACCESS_LOG_FORMAT);
            assert.deepStrictEqual([...used].sort(), [...WEBSOCKET_VARIABLES].sort());
            for (const absent of [
                "httpMethod",
                "protocol",
                "responseLength",
                "responseLatency",
                "resourcePath",
                "xrayTraceId",
            ]) {
                assert.ok(!used.includes(absent), absent);
            }
            for (const banned of ["Authorization", "header", "body", "$input"]) {
                assert.ok(!WEBSOCKET_JSON_ACCESS_LOG_FORMAT.includes(banned), banned);
            }
            assert.strictEqual(accessLogFormatProblem(WEBSOCKET_JSON_ACCESS_LOG_FORMAT), undefined);
            assert.strictEqual(accessLogFormatProblem(WEBSOCKET_CLF_ACCESS_LOG_FORMAT), undefined);
        });

        it("Json unquotes exactly status", () => {
            assert.deepStrictEqual(unquoted(WEBSOCKET_JSON_ACCESS_LOG_FORMAT), ["status"]);
        });

        it("renders a message as JSON, and a connect and a throttled message with their '-' values", () => {
            assert.deepStrictEqual(
                JSON.parse(renderAccessLogLine(WEBSOCKET_JSON_ACCESS_LOG_FORMAT, SAMPLE_WEBSOCKET_MESSAGE)),
                {
                    requestId: "Fq8sSEfWoAMFdXg=",
                    extendedRequestId: "Fq8sSEfWoAMFdXg=",
                    ip: "203.0.113.7",
                    caller: "-",
                    user: "-",
                    requestTime: "23/Nov/2026:09:45:12 +0000",
                    eventType: "MESSAGE",
                    routeKey: "$default",
                    connectionId: "L0SM9cOFvHcCIhw=",
                    messageId: "L0SNdf9EvHcCIhw=",
                    status: 200,
                    integrationStatus: "200",
                    integrationLatency: "12",
                    integrationError: "-",
                    error: { responseType: "-", message: "-" },
                    userAgent: "websocat/1.13",
                },
            );
            const connect = JSON.parse(renderAccessLogLine(WEBSOCKET_JSON_ACCESS_LOG_FORMAT, SAMPLE_WEBSOCKET_CONNECT));
            assert.deepStrictEqual([connect.eventType, connect.messageId], ["CONNECT", "-"]);
            const disconnect = JSON.parse(
                renderAccessLogLine(WEBSOCKET_JSON_ACCESS_LOG_FORMAT, SAMPLE_WEBSOCKET_DISCONNECT),
            );
            assert.deepStrictEqual([disconnect.eventType, disconnect.routeKey], ["DISCONNECT", "$disconnect"]);
            const throttled = JSON.parse(
                renderAccessLogLine(WEBSOCKET_JSON_ACCESS_LOG_FORMAT, SAMPLE_WEBSOCKET_THROTTLED_MESSAGE),
            );
            assert.deepStrictEqual(
                [throttled.status, throttled.integrationStatus, throttled.integrationLatency],
                [429, "-", "-"],
            );
        });
    });
});
