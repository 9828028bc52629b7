/**
 * Differences between the offline plan and the real engine that are understood and written down, each with the
 * exact change that maps the offline plan's verdicts onto the engine's. The agreement spec applies them and fails
 * when a difference it does not know shows up, and when a recorded one no longer shows up (then delete it here and
 * in the README).
 */
import type { Verdict } from "./harness";

export interface KnownDifference {
    id: string;
    /** What differs, and why; the README's "Checked against the real engine" quotes it. */
    explanation: string;
    /** The offline plan's verdict as the engine reports it. */
    toEngine(verdict: Verdict): Verdict;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [];

/** The offline plan's verdicts with every known difference applied, and the ids of those that changed any. */
export function asEngineWould(verdicts: Verdict[]): { verdicts: Verdict[]; applied: string[] } {
    const applied = new Set<string>();
    const mapped = verdicts.map((v) =>
        KNOWN_DIFFERENCES.reduce((current, d) => {
            const next = d.toEngine(current);
            if (next !== current) {
                applied.add(d.id);
            }
            return next;
        }, v),
    );
    return { verdicts: [...mapped].sort(), applied: [...applied] };
}
