import { API_GATEWAY_LOG_LEVELS, CLOUDWATCH_RETENTION_DAYS } from "../../components/contract";
import { UNKNOWN } from "./unknowns";

/** The execution-log levels API Gateway accepts. "DEBUG" is not one of them. */
export const AWS_LOG_LEVELS: readonly string[] = API_GATEWAY_LOG_LEVELS;

/** The retention values CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS: readonly number[] = CLOUDWATCH_RETENTION_DAYS;

/**
 * Normalises a log level for comparison: trimmed and upper-cased, so "debug" and " Debug " are both "DEBUG".
 * Unset (undefined, null, blank) is `undefined`; a value that is not a string at all is "INVALID", which no allowed
 * list contains.
 */
export function normalizeLevel(value: unknown): string | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "string") {
        return "INVALID";
    }
    const level = value.trim().toUpperCase();
    return level === "" ? undefined : level;
}

/**
 * Whether a boolean setting is on. The engine may carry `"true"` (a string) where the schema says boolean, and AWS
 * treats it as true, so it counts as on.
 */
export function isOn(value: unknown): boolean {
    return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** A throttling limit that actually throttles: a finite number above zero. -1 (disabled), null and strings do not. */
export function isPositiveLimit(value: unknown): boolean {
    return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** Whether a value was given at all (null and undefined are "not given"). */
export function isGiven(value: unknown): boolean {
    return value !== undefined && value !== null;
}

/** A short, exact rendering of a property value for messages. */
export function describeValue(value: unknown): string {
    if (value === UNKNOWN) {
        return "unknown";
    }
    if (value === undefined) {
        return "not set";
    }
    if (value === null) {
        return "null";
    }
    if (typeof value === "number") {
        return value === -1 ? "-1 (throttling disabled)" : String(value);
    }
    if (typeof value === "string") {
        return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    }
    if (typeof value === "boolean") {
        return String(value);
    }
    return Array.isArray(value) ? "a list" : "an object";
}

/** How a message ends about a value: `got 0`, or `but it is not set` when there is none. */
export function got(value: unknown): string {
    return value === undefined ? "but it is not set" : `got ${describeValue(value)}`;
}

/** "A, B or C" */
export function oneOf(values: readonly (string | number)[]): string {
    if (values.length <= 1) {
        return values.join("");
    }
    return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}
