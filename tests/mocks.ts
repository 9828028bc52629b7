/**
 * The one mock runtime every spec shares. `.mocharc.js` loads this file once, before any spec; specs import
 * `runtime` from here and never call `setMocks` themselves.
 */
import * as path from "path";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { installMockRuntime } from "../tools/lib/mockRuntime";

/**
 * The SDK reads a stack trace for every resource it registers and every promise it tracks (`new Error().stack`), and
 * the source-map support ts-node installs rewrites each one: in the component specs that was most of the time spent
 * registering resources (createMonitoring's spec: 12 s of tests, 3 s without it). Errors the SDK creates inside its
 * own code get V8's plain format; every other error (assertions, the components' own) keeps its source-mapped stack.
 */
function plainStacksForTheSdk(): void {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json")) + path.sep;
    const sourceMapped = Error.prepareStackTrace;
    if (sourceMapped === undefined) {
        return;
    }
    Error.prepareStackTrace = (error, callSites) =>
        callSites[0]?.getFileName()?.startsWith(sdk)
            ? `${error}${callSites.map((site) => `\n    at ${site}`).join("")}`
            : sourceMapped(error, callSites);
}
plainStacksForTheSdk();

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
