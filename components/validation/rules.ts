/**
 * Rules shared by every component: each returns the tail of a message (`<arg> must be …, got …`) for a bad value.
 * Pure, so tests call them directly.
 */
import { CLOUDWATCH_RETENTION_DAYS, ExecutionLogLevel } from "../contract";
import { Rule, shown } from "./framework";

const quotedList = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

export const enumRule =
    (allowed: readonly string[]): Rule =>
    (v, arg) =>
        typeof v === "string" && allowed.includes(v)
            ? undefined
            : `${arg} must be one of ${quotedList(allowed)}, got ${shown(v)}`;

export const levelRule: Rule = enumRule(Object.values(ExecutionLogLevel));

export const booleanRule: Rule = (v, arg) =>
    typeof v === "boolean" ? undefined : `${arg} must be true or false, got ${shown(v)}`;

export const retentionRule: Rule = (v, arg) =>
    typeof v === "number" && CLOUDWATCH_RETENTION_DAYS.includes(v)
        ? undefined
        : `${arg} must be one of CloudWatch's retention periods (${CLOUDWATCH_RETENTION_DAYS.join(", ")}), got ${shown(v)}`;

export const kmsKeyArnRule: Rule = (v, arg) =>
    typeof v === "string" && /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(v)
        ? undefined
        : `${arg} must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got ${shown(v)}`;

export const rateLimitRule: Rule = (v, arg) =>
    typeof v === "number" && Number.isFinite(v) && v > 0
        ? undefined
        : `${arg} must be a positive number, got ${shown(v)}`;

export const positiveIntegerRule: Rule = (v, arg) =>
    typeof v === "number" && Number.isInteger(v) && v >= 1
        ? undefined
        : `${arg} must be a positive integer, got ${shown(v)}`;

/** API Gateway stage names: letters, digits, `-` and `_`, 1 to 128. */
export const stageNameRule: Rule = (v, arg) =>
    typeof v === "string" && /^[A-Za-z0-9_-]{1,128}$/.test(v)
        ? undefined
        : `${arg} must be 1 to 128 letters, digits, "-" or "_", got ${shown(v)}`;

export const fractionRule: Rule = (v, arg) =>
    typeof v === "number" && v >= 0 && v <= 1 ? undefined : `${arg} must be a number in [0, 1], got ${shown(v)}`;

export const iamRoleArnRule: Rule = (v, arg) =>
    typeof v === "string" && /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(v)
        ? undefined
        : `${arg} must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got ${shown(v)}`;

export const snsTopicArnRule: Rule = (v, arg) =>
    typeof v === "string" && /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(v)
        ? undefined
        : `${arg} must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), got ${shown(v)}`;

export const emailRule: Rule = (v, arg) =>
    typeof v === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)
        ? undefined
        : `${arg} must be an email address, got ${shown(v)}`;

/** Tag values are strings; keys at most 128 characters, values at most 256 (AWS tagging limits). */
export const tagsRule: Rule = (v, arg) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
        return `${arg} must be a map of tag names to strings, got ${shown(v)}`;
    }
    for (const [key, value] of Object.entries(v)) {
        if (key.length === 0 || key.length > 128) {
            return `${arg} keys must be 1 to 128 characters, got ${shown(key)}`;
        }
        // An Output value is checked by AWS when it resolves; only plain values can be checked here.
        if (typeof value !== "string" && !(value !== null && typeof value === "object")) {
            return `${arg}.${key} must be a string, got ${shown(value)}`;
        }
        if (typeof value === "string" && value.length > 256) {
            return `${arg}.${key} must be at most 256 characters, got ${value.length}`;
        }
    }
    return undefined;
};

/** A list of ids or hashes. */
export const stringRule: Rule = (v, arg) =>
    typeof v === "string" ? undefined : `${arg} must be a string, got ${shown(v)}`;
