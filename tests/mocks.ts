/**
 * The one mock runtime every spec shares. `.mocharc.js` loads this file once, before any spec; specs import
 * `runtime` from here and never call `setMocks` themselves.
 */
import * as settings from "@pulumi/pulumi/runtime/settings";
import { installMockRuntime } from "../tools/lib/mockRuntime";

export const TEST_PROJECT = "observable-api";
export const TEST_STACK = "test";

export const runtime = installMockRuntime({ project: TEST_PROJECT, stack: TEST_STACK, preview: false });

export type { RecordedResource } from "../tools/lib/mockRuntime";

/** Resolve an Output (or plain value) in a test. */
export function valueOf<T>(output: { apply<U>(f: (t: T) => U): unknown } | T): Promise<T> {
    return new Promise((resolve) => {
        if (output && typeof (output as any).apply === "function") {
            (output as any).apply((v: T) => resolve(v));
        } else {
            resolve(output as T);
        }
    });
}

/**
 * Wait until every registration started so far has reached the mock monitor. Registrations wait for their Output
 * inputs, so a fixed number of ticks is not enough; the SDK's own RPC queue (internal, hence the cast) is what
 * `pulumi` itself drains before it exits.
 */
export async function settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}
