/** Figures as the bench reports them: every sample kept, with its median, min and max. Pure. */

export type Unit = "ms" | "s" | "MB" | "µs" | "calls/s" | "ratio";

/** A measured figure. */
export interface Figure {
    unit: Unit;
    /** Every measured run, in order (warm-up runs excluded). */
    runs: number[];
    median: number;
    min: number;
    max: number;
}

/** A figure that could not be measured in this run, and why. */
export interface Unavailable {
    unit: Unit;
    unavailable: string;
}

export type Measured = Figure | Unavailable;

export function isFigure(m: Measured | undefined): m is Figure {
    return m !== undefined && "median" in m;
}

export function median(values: readonly number[]): number {
    if (values.length === 0) {
        throw new Error("median of no values");
    }
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Round to 3 significant decimals for the JSON, so that results diff readably. */
export function round(value: number): number {
    return Math.abs(value) >= 100 ? Math.round(value * 10) / 10 : Math.round(value * 1000) / 1000;
}

export function figure(runs: readonly number[], unit: Unit): Figure {
    return {
        unit,
        runs: runs.map(round),
        median: round(median(runs)),
        min: round(Math.min(...runs)),
        max: round(Math.max(...runs)),
    };
}

/**
 * A figure derived run by run from two others (run i of `a` with run i of `b`), e.g. a ratio or a difference, so
 * that its min and max show the spread of the derived value itself.
 */
export function derived(a: Figure, b: Figure, unit: Unit, f: (x: number, y: number) => number): Figure {
    const n = Math.min(a.runs.length, b.runs.length);
    const runs: number[] = [];
    for (let i = 0; i < n; i++) {
        runs.push(f(a.runs[i], b.runs[i]));
    }
    return figure(runs, unit);
}

export function unavailable(unit: Unit, reason: string): Unavailable {
    return { unit, unavailable: reason };
}

export { msSince } from "../lib/time";
