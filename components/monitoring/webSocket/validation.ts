/** The WebSocket thresholds' spec, for the shared validation framework. */
import { WEBSOCKET_INTEGRATION_TIMEOUT_MS } from "../../contract";
import { object, plainLeaf } from "../../validation/framework";
import { countRule, latencyRule, percentRule } from "../validation";
import type { WebSocketAlarmThresholds } from "./types";

/** Latencies bounded by the WebSocket integration timeout, 29,000 ms. */
export function webSocketThresholdsSpec() {
    return object<WebSocketAlarmThresholds>({
        integrationErrorRatePercent: plainLeaf(percentRule),
        executionErrors: plainLeaf(countRule),
        integrationLatencyP99Ms: plainLeaf(latencyRule(WEBSOCKET_INTEGRATION_TIMEOUT_MS)),
        throttledMessages: plainLeaf(countRule),
        failedConnects: plainLeaf(countRule),
    });
}
