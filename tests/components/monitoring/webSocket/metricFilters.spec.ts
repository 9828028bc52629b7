import * as assert from "assert";
import {
    AccessLogSample,
    SAMPLE_WEBSOCKET_CONNECT,
    SAMPLE_WEBSOCKET_DISCONNECT,
    SAMPLE_WEBSOCKET_FAILED_MESSAGE,
    SAMPLE_WEBSOCKET_MESSAGE,
    SAMPLE_WEBSOCKET_REFUSED_CONNECT,
    SAMPLE_WEBSOCKET_THROTTLED_MESSAGE,
    WEBSOCKET_CLF_ACCESS_LOG_FORMAT,
    WEBSOCKET_JSON_ACCESS_LOG_FORMAT,
    renderAccessLogLine,
} from "../../../../components/logging/accessLogFormat";
import { WebSocketAccessLogSignal } from "../../../../components/monitoring/metrics";
import {
    webSocketMetricFilterDefinitions,
    webSocketSkippedFiltersWarning,
} from "../../../../components/monitoring/webSocket/metricFilters";
import { matchesFilterPattern, parseFilterPattern } from "../support/filterPattern";

const SAMPLES: Record<string, AccessLogSample> = {
    connect: SAMPLE_WEBSOCKET_CONNECT,
    "refused connect": SAMPLE_WEBSOCKET_REFUSED_CONNECT,
    message: SAMPLE_WEBSOCKET_MESSAGE,
    "throttled message": SAMPLE_WEBSOCKET_THROTTLED_MESSAGE,
    "failed message": SAMPLE_WEBSOCKET_FAILED_MESSAGE,
    disconnect: SAMPLE_WEBSOCKET_DISCONNECT,
};

const EXPECTED: Record<WebSocketAccessLogSignal, string[]> = {
    [WebSocketAccessLogSignal.Throttled]: ["throttled message"],
    // A failed message is an integration error, not a failed connect.
    [WebSocketAccessLogSignal.FailedConnects]: ["refused connect"],
};

describe("components/monitoring/webSocket/metricFilters", () => {
    it("defines two filters: throttled messages and refused connects", () => {
        assert.deepStrictEqual(webSocketMetricFilterDefinitions(), [
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
                signal: "FailedConnects",
                role: "failed-connects-filter",
                pattern: '{ $.eventType = "CONNECT" && $.status >= 400 }',
                metricName: "FailedConnects",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            },
        ]);
        for (const def of webSocketMetricFilterDefinitions()) {
            assert.doesNotThrow(() => parseFilterPattern(def.pattern), def.pattern);
        }
    });

    for (const def of webSocketMetricFilterDefinitions()) {
        it(`${def.metricName}: ${def.pattern} counts exactly the ${EXPECTED[def.signal].join(" and ")} line`, () => {
            const matched = Object.entries(SAMPLES)
                .filter(([, sample]) =>
                    matchesFilterPattern(def.pattern, renderAccessLogLine(WEBSOCKET_JSON_ACCESS_LOG_FORMAT, sample)),
                )
                .map(([name]) => name);
            assert.deepStrictEqual(matched, EXPECTED[def.signal]);
        });
    }

    it("matches nothing in WebSocket CLF lines, and the component says why it skipped them", () => {
        for (const def of webSocketMetricFilterDefinitions()) {
            for (const sample of Object.values(SAMPLES)) {
                assert.strictEqual(
                    matchesFilterPattern(def.pattern, renderAccessLogLine(WEBSOCKET_CLF_ACCESS_LOG_FORMAT, sample)),
                    false,
                );
            }
        }
        assert.strictEqual(
            webSocketSkippedFiltersWarning("ObservableWebSocketApi", "chat"),
            'ObservableWebSocketApi "chat": the access-log metric filters (throttled messages, failed connects) and ' +
                "their alarms need accessLogging.format Json; they were skipped for this format.",
        );
    });
});
