import * as assert from "assert";
import {
    AccessLogSample,
    CLF_ACCESS_LOG_FORMAT,
    JSON_ACCESS_LOG_FORMAT,
    SAMPLE_INTEGRATION_TIMEOUT,
    SAMPLE_OK_REQUEST,
    SAMPLE_THROTTLED_REQUEST,
    renderAccessLogLine,
} from "../../../components/logging/accessLogFormat";
import { AccessLogSignal, metricFilterDefinitions, skippedFiltersWarning } from "../../../components/monitoring";
import { matchesFilterPattern, parseFilterPattern } from "./support/filterPattern";

/** A Lambda proxy integration that returned a malformed response: API Gateway answers 502 itself. */
const SAMPLE_BAD_GATEWAY: AccessLogSample = {
    ...SAMPLE_OK_REQUEST,
    status: 502,
    responseLength: 36,
    integrationStatus: 200,
    integrationErrorMessage: "Malformed Lambda proxy response",
    "error.responseType": "DEFAULT_5XX",
    "error.message": "Internal server error",
};

/** A backend that itself answered 504 through a proxy integration: a 504, but not an integration timeout. */
const SAMPLE_BACKEND_504: AccessLogSample = {
    ...SAMPLE_OK_REQUEST,
    status: 504,
    integrationStatus: 504,
};

const SAMPLES: Record<string, AccessLogSample> = {
    ok: SAMPLE_OK_REQUEST,
    throttled: SAMPLE_THROTTLED_REQUEST,
    "integration timeout": SAMPLE_INTEGRATION_TIMEOUT,
    "bad gateway": SAMPLE_BAD_GATEWAY,
    "backend 504": SAMPLE_BACKEND_504,
};

/** Which samples each filter must count, and no other. */
const EXPECTED: Record<AccessLogSignal, string[]> = {
    [AccessLogSignal.Throttled]: ["throttled"],
    [AccessLogSignal.BadGateway]: ["bad gateway"],
    [AccessLogSignal.GatewayTimeout]: ["integration timeout", "backend 504"],
    [AccessLogSignal.IntegrationTimeout]: ["integration timeout"],
};

describe("components/monitoring/metricFilters", () => {
    it("defines the four filters with their patterns, metric names and counts", () => {
        assert.deepStrictEqual(metricFilterDefinitions(), [
            {
                signal: "Throttled429",
                role: "throttled-filter",
                pattern: "{ $.status = 429 }",
                metricName: "Throttled429",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            },
            {
                signal: "BadGateway502",
                role: "bad-gateway-filter",
                pattern: "{ $.status = 502 }",
                metricName: "BadGateway502",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            },
            {
                signal: "GatewayTimeout504",
                role: "gateway-timeout-filter",
                pattern: "{ $.status = 504 }",
                metricName: "GatewayTimeout504",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            },
            {
                signal: "IntegrationTimeout",
                role: "integration-timeout-filter",
                pattern: '{ $.error.responseType = "INTEGRATION_TIMEOUT" }',
                metricName: "IntegrationTimeout",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            },
        ]);
    });

    it("writes every pattern in valid CloudWatch JSON filter syntax", () => {
        for (const def of metricFilterDefinitions()) {
            assert.doesNotThrow(() => parseFilterPattern(def.pattern), def.pattern);
            // CloudWatch caps a filter pattern at 1,024 characters.
            assert.ok(def.pattern.length <= 1024);
        }
    });

    it("renders the component's Json format to JSON with a numeric status and a nested error", () => {
        for (const [name, sample] of Object.entries(SAMPLES)) {
            const event = JSON.parse(renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, sample));
            assert.strictEqual(event.status, sample.status, name);
            assert.strictEqual(typeof event.status, "number", name);
            assert.strictEqual(event.error.responseType, sample["error.responseType"], name);
        }
    });

    for (const def of metricFilterDefinitions()) {
        it(`${def.metricName}: ${def.pattern} counts exactly the ${EXPECTED[def.signal].join(" and ")} line(s)`, () => {
            const matched = Object.entries(SAMPLES)
                .filter(([, sample]) =>
                    matchesFilterPattern(def.pattern, renderAccessLogLine(JSON_ACCESS_LOG_FORMAT, sample)),
                )
                .map(([name]) => name);
            assert.deepStrictEqual(matched, EXPECTED[def.signal]);
        });
    }

    it("matches nothing in CLF lines, which is why the component skips the filters for that format", () => {
        for (const def of metricFilterDefinitions()) {
            for (const sample of Object.values(SAMPLES)) {
                const line = renderAccessLogLine(CLF_ACCESS_LOG_FORMAT, sample);
                // The status is in the line; a JSON pattern still cannot see it.
                assert.ok(line.includes(`" ${sample.status} `), line);
                assert.strictEqual(matchesFilterPattern(def.pattern, line), false);
            }
        }
        assert.strictEqual(
            skippedFiltersWarning("ObservableRestApi", "orders"),
            'ObservableRestApi "orders": the access-log metric filters (429, 502, 504, integration timeouts) and ' +
                "their alarms need accessLogging.format Json; they were skipped for this format.",
        );
    });
});
