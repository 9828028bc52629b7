import * as assert from "assert";
import { AccessLogFormat } from "../../../components/contract";
import {
    ACCESS_LOG_FORMATS,
    CLF_ACCESS_LOG_FORMAT,
    JSON_ACCESS_LOG_FORMAT,
    SAMPLE_INTEGRATION_TIMEOUT,
    SAMPLE_OK_REQUEST,
    SAMPLE_THROTTLED_REQUEST,
    accessLogFormatProblem,
    renderAccessLogLine,
    resolveAccessLogFormat,
} from "../../../components/logging/accessLogFormat";

describe("components/logging/accessLogFormat", () => {
    describe("presets", () => {
        it("Clf is the common-log-format line: caller, IP, time, method, path, protocol, status, length and request id", () => {
            assert.strictEqual(
                CLF_ACCESS_LOG_FORMAT,
                '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId',
            );
            assert.strictEqual(ACCESS_LOG_FORMATS[AccessLogFormat.Clf], CLF_ACCESS_LOG_FORMAT);
        });

        it("Json is one line and names exactly these fields, with a nested error object", () => {
            assert.strictEqual(ACCESS_LOG_FORMATS[AccessLogFormat.Json], JSON_ACCESS_LOG_FORMAT);
            assert.ok(!/[\r\n]/.test(JSON_ACCESS_LOG_FORMAT));
            const parsed = JSON.parse(renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, SAMPLE_OK_REQUEST));
            assert.deepStrictEqual(Object.keys(parsed), [
                "requestId",
                "extendedRequestId",
                "ip",
                "caller",
                "user",
                "requestTime",
                "httpMethod",
                "resourcePath",
                "status",
                "protocol",
                "responseLength",
                "responseLatency",
                "integrationLatency",
                "integrationStatus",
                "integrationErrorMessage",
                "error",
                "xrayTraceId",
                "userAgent",
            ]);
            assert.deepStrictEqual(Object.keys(parsed.error), ["responseType", "message"]);
        });

        it("Json never records the Authorization header, other headers or bodies", () => {
            for (const banned of ["Authorization", "requestOverride", "responseOverride", "body", "input.", "$input"]) {
                assert.ok(!JSON_ACCESS_LOG_FORMAT.includes(banned), banned);
            }
            const variables = JSON_ACCESS_LOG_FORMAT.match(/\$context\.[A-Za-z.]+/g);
            assert.deepStrictEqual(variables, [
                "$context.requestId",
                "$context.extendedRequestId",
                "$context.identity.sourceIp",
                "$context.identity.caller",
                "$context.identity.user",
                "$context.requestTime",
                "$context.httpMethod",
                "$context.resourcePath",
                "$context.status",
                "$context.protocol",
                "$context.responseLength",
                "$context.responseLatency",
                "$context.integrationLatency",
                "$context.integrationStatus",
                "$context.integrationErrorMessage",
                "$context.error.responseType",
                "$context.error.message",
                "$context.xrayTraceId",
                "$context.identity.userAgent",
            ]);
        });

        it("Json unquotes exactly status, responseLength and responseLatency", () => {
            const unquoted = [...JSON_ACCESS_LOG_FORMAT.matchAll(/"([A-Za-z]+)":\$context/g)].map((m) => m[1]);
            assert.deepStrictEqual(unquoted, ["status", "responseLength", "responseLatency"]);
        });
    });

    describe("renderAccessLogLine", () => {
        it("renders a successful request as JSON with numbers as numbers", () => {
            const parsed = JSON.parse(renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, SAMPLE_OK_REQUEST));
            assert.deepStrictEqual(parsed, {
                requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                extendedRequestId: "Fq8sSEfWoAMFdXg=",
                ip: "203.0.113.7",
                caller: "-",
                user: "-",
                requestTime: "23/Nov/2026:09:45:12 +0000",
                httpMethod: "GET",
                resourcePath: "/hello",
                status: 200,
                protocol: "HTTP/1.1",
                responseLength: 27,
                responseLatency: 48,
                integrationLatency: "41",
                integrationStatus: "200",
                integrationErrorMessage: "-",
                error: { responseType: "-", message: "-" },
                xrayTraceId: "Root=1-6741a3f8-3b2a1c0d9e8f7a6b5c4d3e2f",
                userAgent: "curl/8.5.0",
            });
        });

        it("keeps a throttled 429 line, with '-' for the integration values, valid JSON", () => {
            const line = renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, SAMPLE_THROTTLED_REQUEST);
            assert.ok(line.includes('"integrationLatency":"-","integrationStatus":"-"'), line);
            const parsed = JSON.parse(line);
            assert.strictEqual(parsed.status, 429);
            assert.strictEqual(parsed.integrationLatency, "-");
            assert.strictEqual(parsed.integrationStatus, "-");
            assert.strictEqual(parsed.error.responseType, "THROTTLED");
        });

        it("keeps an authorizer 403 with no integration values at all valid JSON", () => {
            const sample: Record<string, string | number> = { ...SAMPLE_OK_REQUEST, status: 403, responseLength: 42 };
            delete sample.integrationLatency;
            delete sample.integrationStatus;
            const parsed = JSON.parse(renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, sample));
            assert.strictEqual(parsed.status, 403);
            assert.strictEqual(parsed.integrationLatency, "-");
            assert.strictEqual(parsed.integrationStatus, "-");
        });

        it("renders an integration timeout with a nested error.responseType", () => {
            const parsed = JSON.parse(renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, SAMPLE_INTEGRATION_TIMEOUT));
            assert.strictEqual(parsed.status, 504);
            assert.deepStrictEqual(parsed.error, {
                responseType: "INTEGRATION_TIMEOUT",
                message: "Endpoint request timed out",
            });
            assert.strictEqual(parsed.integrationLatency, "29000");
        });

        it("renders the Clf preset and writes '-' for variables the sample lacks", () => {
            assert.strictEqual(
                renderAccessLogLine(CLF_ACCESS_LOG_FORMAT, SAMPLE_OK_REQUEST),
                '203.0.113.7 - - [23/Nov/2026:09:45:12 +0000] "GET /hello HTTP/1.1" 200 27 c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
            );
            assert.strictEqual(renderAccessLogLine(CLF_ACCESS_LOG_FORMAT, {}), '- - - [-] "- - -" - - -');
        });

        it("renders a custom format, treating a trailing dot as punctuation", () => {
            assert.strictEqual(
                renderAccessLogLine("id=$context.requestId status=$context.status.", { requestId: "r1", status: 201 }),
                "id=r1 status=201.",
            );
        });
    });

    describe("resolveAccessLogFormat", () => {
        it("defaults to the Json preset", () => {
            assert.deepStrictEqual(resolveAccessLogFormat({}), {
                kind: AccessLogFormat.Json,
                format: JSON_ACCESS_LOG_FORMAT,
            });
        });

        it("gives the same result for the enum member and its plain string", () => {
            assert.deepStrictEqual(
                resolveAccessLogFormat({ format: "Clf" }),
                resolveAccessLogFormat({ format: AccessLogFormat.Clf }),
            );
            assert.deepStrictEqual(resolveAccessLogFormat({ format: "Clf" }), {
                kind: "Clf",
                format: CLF_ACCESS_LOG_FORMAT,
            });
            assert.deepStrictEqual(resolveAccessLogFormat({ format: "Json" }), {
                kind: "Json",
                format: JSON_ACCESS_LOG_FORMAT,
            });
        });

        it("passes a custom format through as it is, even one still to be resolved", () => {
            assert.deepStrictEqual(resolveAccessLogFormat({ customFormat: "$context.requestId $context.status" }), {
                kind: "Custom",
                format: "$context.requestId $context.status",
            });
            const deferred = { later: true };
            const resolved = resolveAccessLogFormat({ customFormat: deferred });
            assert.strictEqual(resolved.kind, "Custom");
            assert.strictEqual(resolved.format, deferred);
        });
    });

    describe("accessLogFormatProblem", () => {
        it("accepts both presets and any single-line format with $context.requestId or $context.extendedRequestId", () => {
            assert.deepStrictEqual(
                [
                    accessLogFormatProblem(JSON_ACCESS_LOG_FORMAT),
                    accessLogFormatProblem(CLF_ACCESS_LOG_FORMAT),
                    accessLogFormatProblem("$context.requestId $context.status"),
                    accessLogFormatProblem('{"id":"$context.extendedRequestId"}'),
                ],
                [undefined, undefined, undefined, undefined],
            );
        });

        it("names the arg and the format given for one without a request id, or on several lines", () => {
            const tail =
                "must be a single-line format that contains $context.requestId or $context.extendedRequestId, got";
            assert.deepStrictEqual(
                [
                    accessLogFormatProblem("$context.status $context.requestIdentity"),
                    accessLogFormatProblem("Json"),
                    accessLogFormatProblem("$context.requestId\n$context.status"),
                    accessLogFormatProblem("$context.status", "restApi.accessLogFormat"),
                ],
                [
                    `accessLogging.customFormat ${tail} "$context.status $context.requestIdentity"`,
                    `accessLogging.customFormat ${tail} "Json"`,
                    `accessLogging.customFormat ${tail} "$context.requestId\\n$context.status"`,
                    `restApi.accessLogFormat ${tail} "$context.status"`,
                ],
            );
        });
    });
});
