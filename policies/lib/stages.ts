import { createsStage, stageCreationPath } from "./settings";
import * as t from "./types";
import { readPath, UNKNOWN } from "./unknowns";

export { stageCreationPath };

/** Where a stage-like resource keeps its access-log settings (`destinationArn`, `format`). */
const ACCESS_LOG_LOCATIONS: Readonly<Record<string, string>> = {
    [t.REST_STAGE]: "accessLogSettings",
    [t.V2_STAGE]: "accessLogSettings",
    [t.NATIVE_STAGE]: "accessLogSetting",
    [t.NATIVE_V2_STAGE]: "accessLogSettings",
    [t.NATIVE_DEPLOYMENT]: "stageDescription.accessLogSetting",
};

/** Where a REST stage-like resource switches X-Ray tracing on. HTTP APIs have no X-Ray tracing. */
const TRACING_LOCATIONS: Readonly<Record<string, string>> = {
    [t.REST_STAGE]: "xrayTracingEnabled",
    [t.NATIVE_STAGE]: "tracingEnabled",
    [t.NATIVE_DEPLOYMENT]: "stageDescription.tracingEnabled",
    [t.OBSERVABLE_REST_API]: "tracing.enabled",
};

/** A property path and its value (`UNKNOWN` during preview when the engine does not know it). */
export interface Located {
    readonly path: string;
    readonly value: unknown;
}

/**
 * Whether a resource creates a stage at all. An aws-native Deployment does with a `stageName` (even alone, which
 * gives a stage with no settings) or a `stageDescription`; `UNKNOWN` when that is unknown.
 */
export function configuresStage(type: string, props: unknown): boolean | typeof UNKNOWN {
    return type === t.NATIVE_DEPLOYMENT ? createsStage(props) : true;
}

function locate(locations: Readonly<Record<string, string>>, type: string, props: unknown): Located | undefined {
    const path = locations[type];
    return path === undefined ? undefined : { path, value: readPath(props, ...path.split(".")) };
}

/** A stage's access-log settings object, or undefined for types that have none. */
export function accessLogSettingsOf(type: string, props: unknown): Located | undefined {
    return locate(ACCESS_LOG_LOCATIONS, type, props);
}

/** A stage's or the component's tracing switch, or undefined for types that have none. */
export function tracingOf(type: string, props: unknown): Located | undefined {
    return locate(TRACING_LOCATIONS, type, props);
}

/** The property that names a stage in CloudWatch's `Stage` dimension. */
export function stageNameOf(type: string, props: unknown): unknown {
    // The classic HTTP/WebSocket stage calls it `name`; every other stage type calls it `stageName`.
    return readPath(props, type === t.V2_STAGE ? "name" : "stageName");
}
