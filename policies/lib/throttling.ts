import { routeOf, setting, settingSpellings, settingsOf } from "./settings";
import type { Setting, SettingsBlock } from "./settings";
import { UNKNOWN } from "./unknowns";
import { got, isGiven, isPositiveLimit } from "./values";

/** What a resource's throttling settings amount to. */
export interface ThrottlingVerdict {
    /** Exact messages, one per setting that leaves the stage or a method unthrottled. */
    readonly problems: string[];
    /** Deciding values that are unknown during preview. */
    readonly unknownPaths: string[];
    /** Settings the pack can never read, with why. */
    readonly unreadable: string[];
}

/** The rate and burst settings of a block, or undefined when the block carries no throttling. */
export function limitsOf(block: SettingsBlock): { rate: Setting; burst: Setting } | undefined {
    const rate = setting(block, "rate");
    const burst = setting(block, "burst");
    return rate && burst ? { rate, burst } : undefined;
}

/** Every rate and burst limit pair a resource sets, wherever it sets them, with the block it belongs to. */
export function limitSettingsOf(
    type: string,
    props: unknown,
): { limits: { rate: Setting; burst: Setting; block: SettingsBlock }[]; unknownPaths: string[]; unreadable: string[] } {
    const resource = settingsOf(type, props);
    const limits: { rate: Setting; burst: Setting; block: SettingsBlock }[] = [];
    for (const block of resource?.blocks ?? []) {
        const pair = limitsOf(block);
        if (pair) {
            limits.push({ ...pair, block });
        }
    }
    return { limits, unknownPaths: resource?.unknownPaths ?? [], unreadable: resource?.unreadable ?? [] };
}

/** A limit that disables throttling where it applies: -1, 0, or anything but a positive number. */
function disabling(limit: Setting): boolean {
    return isGiven(limit.value) && limit.value !== UNKNOWN && !isPositiveLimit(limit.value);
}

/**
 * Judges a resource's throttling: a stage-wide block (when the type has one of its own) with positive rate and
 * burst limits, and no block at all, stage-wide or per method or route, that sets a limit to anything but a
 * positive number (-1 disables throttling where it applies, so it is a violation even when another entry of the
 * same stage is positive). A stage with no settings blocks at all has no stage-wide throttling. Returns undefined
 * for types that carry no throttling settings.
 */
export function throttlingOf(type: string, props: unknown): ThrottlingVerdict | undefined {
    const resource = settingsOf(type, props);
    if (resource === undefined) {
        return undefined;
    }
    const problems: string[] = [];
    const unknownPaths = [...resource.unknownPaths];
    const needsStageWide = resource.stageWideLocation !== undefined;
    const stageWide: { rate: Setting; burst: Setting }[] = [];
    // Which values would say whether an entry is the stage-wide one; they decide only when no entry certainly is.
    const unknownScope: string[] = [];
    let stageWideUnknown = false;

    for (const block of resource.blocks) {
        const limits = limitsOf(block);
        if (!limits) {
            continue;
        }
        const wide = needsStageWide ? block.stageWide() : false;
        if (wide === true) {
            stageWide.push(limits);
        } else if (wide === UNKNOWN) {
            stageWideUnknown = true;
            unknownScope.push(...block.unknownScope());
        }
        // Every spelling present: a limit that disables throttling is reported under either key.
        for (const limit of [...settingSpellings(block, "rate"), ...settingSpellings(block, "burst")]) {
            if (limit.value === UNKNOWN) {
                unknownPaths.push(limit.path);
            } else if (disabling(limit)) {
                problems.push(
                    `${limit.path}${routeOf(block)} must be a positive number${wide === true ? "" : " or unset"}, ` +
                        `${got(limit.value)}.`,
                );
            }
        }
    }

    if (needsStageWide && !stageWide.some((l) => isPositiveLimit(l.rate.value) && isPositiveLimit(l.burst.value))) {
        unknownPaths.push(...unknownScope);
        const undecided = stageWideUnknown || resource.unknownPaths.length > 0 || resource.unreadable.length > 0;
        if (stageWide.length === 0 && !undecided) {
            problems.push(
                `${resource.stageWideLocation} is missing, so the stage has no stage-wide throttling; ` +
                    "add it with positive throttlingRateLimit and throttlingBurstLimit.",
            );
        }
        for (const limits of stageWide) {
            for (const limit of [limits.rate, limits.burst]) {
                // Unknown and disabling values were reported above; what remains is a limit that is not set.
                if (limit.value === undefined || limit.value === null) {
                    problems.push(`${limit.path} must be a positive number, ${got(limit.value)}.`);
                }
            }
        }
    }
    return { problems, unknownPaths: [...new Set(unknownPaths)], unreadable: resource.unreadable };
}
