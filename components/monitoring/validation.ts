/**
 * The `monitoring` args' spec and cross rules, for the shared validation framework.
 */
import { Fields, Rule, Reporter, Spec, leaf, list, object, plainLeaf, shown } from "../validation/framework";
import { booleanRule, emailRule, snsTopicArnRule } from "../validation/rules";
import type { AlarmThresholds, Monitoring } from "./types";

/** API Gateway gives up on a REST integration after 29 s by default, and on every EDGE API's. */
export const INTEGRATION_TIMEOUT_MS = 29000;
/**
 * REGIONAL and PRIVATE REST APIs can raise the integration timeout above 29 s with a quota increase, to at most
 * 300 s (AWS What's New, June 2024: "Amazon API Gateway integration timeout limit increase beyond 29 seconds").
 */
export const MAX_RAISED_INTEGRATION_TIMEOUT_MS = 300000;

/** Alarm descriptions are capped at 1,024 characters; ours stay under 300 before the runbook link. */
export const MAX_RUNBOOK_URL_LENGTH = 512;

export const percentRule: Rule = (v, arg) =>
    typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 100
        ? undefined
        : `${arg} must be a percentage in (0, 100], got ${shown(v)}`;

export const countRule: Rule = (v, arg) =>
    typeof v === "number" && Number.isInteger(v) && v > 0
        ? undefined
        : `${arg} must be a positive integer, got ${shown(v)}`;

/** A latency threshold that can fire: positive and below the API's integration timeout. */
export const latencyRule =
    (timeoutMs: number): Rule =>
    (v, arg) =>
        typeof v === "number" && Number.isFinite(v) && v > 0 && v < timeoutMs
            ? undefined
            : `${arg} must be a positive number below ${timeoutMs} (the integration timeout), got ${shown(v)}`;

export const runbookUrlRule: Rule = (v, arg) =>
    typeof v === "string" && /^https?:\/\/\S+$/.test(v) && v.length <= MAX_RUNBOOK_URL_LENGTH
        ? undefined
        : `${arg} must be an http or https URL of at most ${MAX_RUNBOOK_URL_LENGTH} characters, got ${shown(v)}`;

export const kmsKeyIdRule: Rule = (v, arg) => {
    if (typeof v !== "string" || v.trim() === "") {
        return `${arg} must be a KMS key id, ARN or alias, got ${shown(v)}`;
    }
    if (v === "alias/aws/sns" || /:alias\/aws\/sns$/.test(v)) {
        return (
            `${arg} cannot be the AWS managed key alias/aws/sns: its key policy does not let CloudWatch publish, so ` +
            "alarms would notify nobody; use a customer managed key or leave it unset"
        );
    }
    return undefined;
};

/** The REST thresholds; latencies bounded by the API's integration timeout. */
export function restThresholdsSpec(timeoutMs: number) {
    const latency = plainLeaf(latencyRule(timeoutMs));
    return object<AlarmThresholds>({
        serverErrorRatePercent: plainLeaf(percentRule),
        serverErrorCount: plainLeaf(countRule),
        clientErrorRatePercent: plainLeaf(percentRule),
        latencyP99Ms: latency,
        integrationLatencyP99Ms: latency,
        throttledRequests: plainLeaf(countRule),
        integrationTimeouts: plainLeaf(countRule),
        cacheHitRatioPercent: plainLeaf(percentRule),
    });
}

/** The fields every component's `monitoring` shares; `thresholds` is the protocol's own. */
export function monitoringFields(thresholds: Spec): Fields<Monitoring> {
    return {
        dashboard: plainLeaf(booleanRule),
        alarms: plainLeaf(booleanRule),
        queries: plainLeaf(booleanRule),
        compositeAlarm: plainLeaf(booleanRule),
        alarmTopicArn: leaf(snsTopicArnRule),
        alarmEmails: list(leaf(emailRule), "email addresses"),
        alarmTopicKmsKeyId: leaf(kmsKeyIdRule),
        thresholds,
        runbookUrl: leaf(runbookUrlRule),
    };
}

/** Rules between monitoring args, on the values known now; every protocol's `monitoring` shares them. */
export function checkMonitoringRelations(
    monitoring: Pick<Monitoring, "alarmTopicArn" | "alarmEmails" | "alarmTopicKmsKeyId"> | undefined,
    reporter: Reporter,
): void {
    if (monitoring === undefined) {
        return;
    }
    if (monitoring.alarmTopicArn !== undefined && (monitoring.alarmEmails ?? []).length > 0) {
        reporter.fail(
            "monitoring.alarmTopicArn and monitoring.alarmEmails exclude each other: subscribe the addresses to the " +
                "existing topic, or drop alarmTopicArn and let the component create the topic",
        );
    }
    if (monitoring.alarmTopicArn !== undefined && monitoring.alarmTopicKmsKeyId !== undefined) {
        reporter.fail(
            "monitoring.alarmTopicArn and monitoring.alarmTopicKmsKeyId exclude each other: the key only applies to " +
                "the topic the component creates",
        );
    }
}
