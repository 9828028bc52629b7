/**
 * Validation of the `monitoring` args: pure, run before any child is registered, with messages that name the
 * component, the arg, what is allowed and what was given.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AlarmThresholdsArgs, MonitoringArgs } from "./types";

/** API Gateway gives up on an integration after 29 s, so a latency threshold at or above it can never fire. */
export const INTEGRATION_TIMEOUT_MS = 29000;

type ThresholdRule = "percent" | "latency" | "count";

/** Every threshold and the rule it follows; unknown keys are rejected (a typo would silently keep the default). */
const THRESHOLD_RULES: Record<keyof AlarmThresholdsArgs, ThresholdRule> = {
    serverErrorRatePercent: "percent",
    serverErrorCount: "count",
    clientErrorRatePercent: "percent",
    latencyP99Ms: "latency",
    integrationLatencyP99Ms: "latency",
    throttledRequests: "count",
    integrationTimeouts: "count",
    cacheHitRatioPercent: "percent",
};

const KNOWN_ARGS: (keyof MonitoringArgs)[] = [
    "dashboard",
    "alarms",
    "alarmTopicArn",
    "alarmEmails",
    "alarmTopicKmsKeyId",
    "thresholds",
    "runbookUrl",
    "queries",
];

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const RUNBOOK_URL = /^https?:\/\/\S+$/;

/** A value as the message shows it: numbers bare, everything else as JSON. */
function shown(value: unknown): string {
    return typeof value === "number" ? String(value) : JSON.stringify(value);
}

function thresholdProblem(rule: ThresholdRule, value: unknown): string | undefined {
    const isNumber = typeof value === "number" && Number.isFinite(value);
    switch (rule) {
        case "percent":
            return isNumber && value > 0 && value <= 100 ? undefined : "must be a percentage in (0, 100]";
        case "latency":
            return isNumber && value > 0 && value < INTEGRATION_TIMEOUT_MS
                ? undefined
                : `must be a positive number below ${INTEGRATION_TIMEOUT_MS}`;
        case "count":
            return isNumber && Number.isInteger(value) && value > 0 ? undefined : "must be a positive integer";
    }
}

/** The message for a bad alarm topic ARN; also used inside `apply` when the ARN is an Output. */
export function alarmTopicArnError(componentName: string, value: unknown): string | undefined {
    return typeof value === "string" && SNS_TOPIC_ARN.test(value)
        ? undefined
        : `ObservableRestApi "${componentName}": monitoring.alarmTopicArn must be an SNS topic ARN ` +
              `(arn:aws:sns:<region>:<account>:<name>), got ${shown(value)}`;
}

export function alarmEmailError(componentName: string, index: number, value: unknown): string | undefined {
    return typeof value === "string" && EMAIL.test(value)
        ? undefined
        : `ObservableRestApi "${componentName}": monitoring.alarmEmails[${index}] must be an email address, ` +
              `got ${shown(value)}`;
}

/** Alarm descriptions are capped at 1,024 characters; ours stay under 300 before the runbook link. */
export const MAX_RUNBOOK_URL_LENGTH = 512;

export function runbookUrlError(componentName: string, value: unknown): string | undefined {
    return typeof value === "string" && RUNBOOK_URL.test(value) && value.length <= MAX_RUNBOOK_URL_LENGTH
        ? undefined
        : `ObservableRestApi "${componentName}": monitoring.runbookUrl must be an http or https URL of at most ` +
              `${MAX_RUNBOOK_URL_LENGTH} characters, got ${shown(value)}`;
}

/**
 * Throws on the first problem with `monitoring`. Values that are still Outputs are checked where they resolve
 * (see `checkedInput`), with the same messages.
 */
export function validateMonitoringArgs(componentName: string, args: MonitoringArgs | undefined): void {
    if (args === undefined) {
        return;
    }
    const prefix = `ObservableRestApi "${componentName}": monitoring`;
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
        throw new Error(`${prefix} must be an object, got ${shown(args)}`);
    }
    for (const key of Object.keys(args)) {
        if (!KNOWN_ARGS.includes(key as keyof MonitoringArgs)) {
            throw new Error(`${prefix}.${key} is not a monitoring arg; allowed: ${KNOWN_ARGS.join(", ")}`);
        }
    }
    for (const key of ["dashboard", "alarms", "queries"] as const) {
        const value = args[key];
        if (value !== undefined && typeof value !== "boolean") {
            throw new Error(`${prefix}.${key} must be true or false, got ${shown(value)}`);
        }
    }

    const emails = args.alarmEmails;
    if (emails !== undefined && !Array.isArray(emails)) {
        throw new Error(`${prefix}.alarmEmails must be a list of email addresses, got ${shown(emails)}`);
    }
    if (args.alarmTopicArn !== undefined && emails !== undefined && emails.length > 0) {
        throw new Error(
            `${prefix}.alarmTopicArn and monitoring.alarmEmails exclude each other: subscribe the addresses to the ` +
                "existing topic, or drop alarmTopicArn and let the component create the topic",
        );
    }
    if (args.alarmTopicArn !== undefined && args.alarmTopicKmsKeyId !== undefined) {
        throw new Error(
            `${prefix}.alarmTopicArn and monitoring.alarmTopicKmsKeyId exclude each other: the key only applies to ` +
                "the topic the component creates",
        );
    }
    if (args.alarmTopicArn !== undefined && !isDeferred(args.alarmTopicArn)) {
        throwIf(alarmTopicArnError(componentName, args.alarmTopicArn));
    }
    (emails ?? []).forEach((email, i) => {
        if (!isDeferred(email)) {
            throwIf(alarmEmailError(componentName, i, email));
        }
    });
    if (args.runbookUrl !== undefined && !isDeferred(args.runbookUrl)) {
        throwIf(runbookUrlError(componentName, args.runbookUrl));
    }
    if (args.alarmTopicKmsKeyId !== undefined && !isDeferred(args.alarmTopicKmsKeyId)) {
        const key = args.alarmTopicKmsKeyId;
        if (typeof key !== "string" || key.trim() === "") {
            throw new Error(`${prefix}.alarmTopicKmsKeyId must be a KMS key id, ARN or alias, got ${shown(key)}`);
        }
        if (key === "alias/aws/sns" || /:alias\/aws\/sns$/.test(key)) {
            throw new Error(
                `${prefix}.alarmTopicKmsKeyId cannot be the AWS managed key alias/aws/sns: its key policy does not ` +
                    "let CloudWatch publish, so alarms would notify nobody; use a customer managed key or leave it unset",
            );
        }
    }

    const thresholds = args.thresholds;
    if (thresholds !== undefined) {
        if (thresholds === null || typeof thresholds !== "object" || Array.isArray(thresholds)) {
            throw new Error(`${prefix}.thresholds must be an object, got ${shown(thresholds)}`);
        }
        const allowed = Object.keys(THRESHOLD_RULES);
        for (const [key, value] of Object.entries(thresholds)) {
            const rule = THRESHOLD_RULES[key as keyof AlarmThresholdsArgs];
            if (rule === undefined) {
                throw new Error(`${prefix}.thresholds.${key} is not a threshold; allowed: ${allowed.join(", ")}`);
            }
            if (value === undefined) {
                continue;
            }
            const problem = thresholdProblem(rule, value);
            if (problem !== undefined) {
                throw new Error(`${prefix}.thresholds.${key} ${problem}, got ${shown(value)}`);
            }
        }
    }
}

function throwIf(message: string | undefined): void {
    if (message !== undefined) {
        throw new Error(message);
    }
}

/** An Output (or a promise) cannot be checked now; it is checked where it resolves. */
function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * The input unchanged when it is plain (already validated); otherwise an Output that fails with `check`'s message
 * when the value resolves to something invalid.
 */
export function checkedInput(
    value: pulumi.Input<string>,
    check: (resolved: unknown) => string | undefined,
): pulumi.Input<string> {
    if (!isDeferred(value)) {
        return value;
    }
    return pulumi.output(value).apply((resolved) => {
        throwIf(check(resolved));
        return resolved;
    });
}
