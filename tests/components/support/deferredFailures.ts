/**
 * Collecting the failures of values that are checked once they resolve. A check that fails inside `apply` rejects the
 * registration of every child that reads the value, and the runtime reports those rejections as unhandled; this
 * gathers them so that a spec can assert them instead of letting mocha fail an unrelated test.
 */
import * as pulumi from "@pulumi/pulumi";
import { settle } from "../../mocks";

export interface DeferredFailures<T> {
    /** What `build` returned. */
    built: T;
    /** Every rejection reported while the registrations settled. */
    reasons: unknown[];
    /**
     * The distinct messages, each cut to start at `prefix` (the runtime prefixes a failed input with its property
     * path), sorted.
     */
    messages: string[];
}

export async function collectFailures<T>(prefix: string, build: () => T): Promise<DeferredFailures<T>> {
    const saved = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const reasons: unknown[] = [];
    process.on("unhandledRejection", (reason) => reasons.push(reason));
    try {
        const built = build();
        await settle();
        // Rejections are reported on the turn after the promise that carried them settled.
        await new Promise((resolve) => setImmediate(resolve));
        await settle();
        await new Promise((resolve) => setImmediate(resolve));
        const messages = new Set<string>();
        for (const reason of reasons) {
            const message = (reason as Error)?.message ?? String(reason);
            const at = message.indexOf(prefix);
            messages.add(at >= 0 ? message.slice(at) : message);
        }
        return { built, reasons, messages: [...messages].sort() };
    } finally {
        process.removeAllListeners("unhandledRejection");
        saved.forEach((listener) => process.on("unhandledRejection", listener));
    }
}

/** True when every reason is a ResourceError on `resource`. */
export function allResourceErrorsOn(reasons: unknown[], resource: pulumi.Resource): boolean {
    return reasons.every((r) => r instanceof pulumi.ResourceError && r.resource === resource);
}
