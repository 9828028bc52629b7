/** The HTTP thresholds' spec, for the shared validation framework. */
import { HTTP_INTEGRATION_TIMEOUT_MS } from "../../contract";
import { object, plainLeaf } from "../../validation/framework";
import { countRule, latencyRule, percentRule } from "../validation";
import type { HttpAlarmThresholds } from "./types";

/** Latencies bounded by the HTTP API integration timeout, 30,000 ms. */
export function httpThresholdsSpec() {
    const latency = plainLeaf(latencyRule(HTTP_INTEGRATION_TIMEOUT_MS));
    return object<HttpAlarmThresholds>({
        serverErrorRatePercent: plainLeaf(percentRule),
        serverErrorCount: plainLeaf(countRule),
        clientErrorRatePercent: plainLeaf(percentRule),
        latencyP99Ms: latency,
        integrationLatencyP99Ms: latency,
        throttledRequests: plainLeaf(countRule),
    });
}
