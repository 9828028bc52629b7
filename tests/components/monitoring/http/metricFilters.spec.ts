import * as assert from "assert";
import {
    AccessLogSample,
    HTTP_CLF_ACCESS_LOG_FORMAT,
    HTTP_JSON_ACCESS_LOG_FORMAT,
    SAMPLE_HTTP_BAD_GATEWAY,
    SAMPLE_HTTP_INTEGRATION_TIMEOUT,
    SAMPLE_HTTP_NOT_FOUND,
    SAMPLE_HTTP_OK_REQUEST,
    SAMPLE_HTTP_THROTTLED_REQUEST,
    renderAccessLogLine,
} from "../../../../components/logging/accessLogFormat";
import {
    httpMetricFilterDefinitions,
    httpSkippedFiltersWarning,
} from "../../../../components/monitoring/http/metricFilters";
import { HttpAccessLogSignal } from "../../../../components/monitoring/metrics";
import { matchesFilterPattern, parseFilterPattern } from "../support/filterPattern";

const SAMPLES: Record<string, AccessLogSample> = {
    ok: SAMPLE_HTTP_OK_REQUEST,
    throttled: SAMPLE_HTTP_THROTTLED_REQUEST,
    "no route": SAMPLE_HTTP_NOT_FOUND,
    "integration timeout": SAMPLE_HTTP_INTEGRATION_TIMEOUT,
    "bad gateway": SAMPLE_HTTP_BAD_GATEWAY,
};

const EXPECTED: Record<HttpAccessLogSignal, string[]> = {
    [HttpAccessLogSignal.Throttled]: ["throttled"],
    [HttpAccessLogSignal.BadGateway]: ["bad gateway"],
    [HttpAccessLogSignal.ServiceUnavailable]: ["integration timeout"],
};

describe("components/monitoring/http/metricFilters", () => {
    it("defines three filters: 429, 502 and the 503 an HTTP API answers a timeout with", () => {
        assert.deepStrictEqual(httpMetricFilterDefinitions(), [
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
                signal: "ServiceUnavailable503",
                role: "service-unavailable-filter",
                pattern: "{ $.status = 503 }",
                metricName: "ServiceUnavailable503",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            },
        ]);
        for (const def of httpMetricFilterDefinitions()) {
            assert.doesNotThrow(() => parseFilterPattern(def.pattern), def.pattern);
        }
    });

    for (const def of httpMetricFilterDefinitions()) {
        it(`${def.metricName}: ${def.pattern} counts exactly the ${EXPECTED[def.signal].join(" and ")} line`, () => {
            const matched = Object.entries(SAMPLES)
                .filter(([, sample]) =>
                    matchesFilterPattern(def.pattern, renderAccessLogLine(HTTP_JSON_ACCESS_LOG_FORMAT, sample)),
                )
                .map(([name]) => name);
            assert.deepStrictEqual(matched, EXPECTED[def.signal]);
        });
    }

    it("matches nothing in HTTP CLF lines, which is why the component skips the filters for that format", () => {
        for (const def of httpMetricFilterDefinitions()) {
            for (const sample of Object.values(SAMPLES)) {
                const line = renderAccessLogLine(HTTP_CLF_ACCESS_LOG_FORMAT, sample);
                assert.ok(line.includes(`" ${sample.status} `), line);
                assert.strictEqual(matchesFilterPattern(def.pattern, line), false);
            }
        }
        assert.strictEqual(
            httpSkippedFiltersWarning("ObservableHttpApi", "orders"),
            'ObservableHttpApi "orders": the access-log metric filters (429, 502, 503) and the throttled-requests ' +
                "alarm need accessLogging.format Json; they were skipped for this format.",
        );
    });
});
