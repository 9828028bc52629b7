/**
 * Args another protocol's component takes that this protocol cannot honour. They are not part of the args type (so
 * TypeScript callers cannot pass them at all), but other languages' SDKs, stack config and JavaScript can: each gets
 * a message that says why, instead of "not an arg".
 */
import type { Reporter } from "./framework";

/** Fails on the first unsupported arg that is set (undefined counts as not set, as everywhere else). */
export function rejectUnsupportedArgs(
    args: unknown,
    unsupported: Readonly<Record<string, string>>,
    reporter: Reporter,
): void {
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
        return;
    }
    for (const [arg, why] of Object.entries(unsupported)) {
        if ((args as Record<string, unknown>)[arg] !== undefined) {
            reporter.fail(`${arg} is not supported: ${why}`);
        }
    }
}
