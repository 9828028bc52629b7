/**
 * Pulumi's wire format, as the SDK defines it: the unknown sentinel and the signature objects that carry secrets,
 * resource references, assets and archives in a property struct. The constants come from
 * `@pulumi/pulumi/runtime/rpc`; `mapWire` is the one walker the tools use to turn a wire value into what a reader
 * of it needs (program code, an analyzer, a report).
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";

export const UNKNOWN_SENTINEL: string = rpc.unknownValue;
export const SPECIAL_SIG_KEY: string = rpc.specialSigKey;
export const SECRET_SIG: string = rpc.specialSecretSig;
export const RESOURCE_SIG: string = rpc.specialResourceSig;

/** What to do with each special value; a missing handler keeps the value as it is on the wire. */
export interface WireHandlers {
    unknown?: () => unknown;
    /** A secret: `{sig, value}`. */
    secret?: (value: unknown, recurse: (v: unknown) => unknown) => unknown;
    /** A resource reference: `{sig, urn, id?, packageVersion?}`. */
    resource?: (ref: { urn: string; id?: string }) => unknown;
    /** Drop object members that map to undefined (as JSON would). @default true */
    dropUndefined?: boolean;
}

/** Walk a wire value, replacing unknowns, secrets and resource references with what the handlers return. */
export function mapWire(value: unknown, handlers: WireHandlers): unknown {
    const dropUndefined = handlers.dropUndefined !== false;
    const walk = (v: unknown): unknown => {
        if (v === UNKNOWN_SENTINEL) {
            return handlers.unknown ? handlers.unknown() : v;
        }
        if (Array.isArray(v)) {
            return v.map(walk);
        }
        if (v !== null && typeof v === "object") {
            const record = v as Record<string, unknown>;
            const sig = record[SPECIAL_SIG_KEY];
            if (sig === SECRET_SIG && handlers.secret) {
                return handlers.secret(record.value, walk);
            }
            if (sig === RESOURCE_SIG && handlers.resource) {
                return handlers.resource(record as { urn: string; id?: string });
            }
            const out: Record<string, unknown> = {};
            for (const [k, member] of Object.entries(record)) {
                const mapped = walk(member);
                if (mapped !== undefined || !dropUndefined) {
                    out[k] = mapped;
                }
            }
            return out;
        }
        return v;
    };
    return walk(value);
}
