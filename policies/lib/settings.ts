import * as t from "./types";
import { read, readList, UNKNOWN } from "./unknowns";

/** The settings every provider spells differently. */
export type SettingName = "level" | "dataTrace" | "metrics" | "rate" | "burst" | "caching" | "cacheEncrypted";

type Names = Partial<Record<SettingName, string>>;

/** `settings` of a classic MethodSettings, aws-native methodSettings[] entries and `stageDescription`. */
const REST_NAMES: Names = {
    level: "loggingLevel",
    dataTrace: "dataTraceEnabled",
    metrics: "metricsEnabled",
    rate: "throttlingRateLimit",
    burst: "throttlingBurstLimit",
    caching: "cachingEnabled",
    cacheEncrypted: "cacheDataEncrypted",
};

/** HTTP and WebSocket route settings. */
const ROUTE_NAMES: Names = {
    level: "loggingLevel",
    dataTrace: "dataTraceEnabled",
    metrics: "detailedMetricsEnabled",
    rate: "throttlingRateLimit",
    burst: "throttlingBurstLimit",
};

/** One group of settings a resource carries: a stage's defaults, one method's or route's overrides, … */
export interface SettingsBlock {
    /** The property path of the block, as messages name it ("settings", "defaultRouteSettings", "methodSettings[2]"). */
    readonly path: string;
    /** The block's object (behind the SDK's proxy), `UNKNOWN`, or undefined when the resource does not set it. */
    readonly container: unknown;
    readonly names: Names;
    /** Whether the block applies to the whole stage; `UNKNOWN` when the value that decides it is unknown. */
    stageWide(): boolean | typeof UNKNOWN;
}

/** A setting's message path and value (`UNKNOWN` during preview when the engine does not know it yet). */
export interface Setting {
    readonly path: string;
    readonly value: unknown;
}

/** Every settings block of one resource. */
export interface ResourceSettings {
    readonly blocks: SettingsBlock[];
    /** Paths of lists whose entries are unknown, so the blocks inside them cannot be seen. */
    readonly unknownPaths: string[];
    /**
     * Where the stage-wide block lives, for messages, when the type needs one of its own; undefined for a classic
     * MethodSettings, whose stage-wide limits the stack policy correlates with its stage.
     */
    readonly stageWideLocation?: string;
}

/** The setting `name` of a block, or undefined when that kind of block does not carry it. */
export function setting(block: SettingsBlock, name: SettingName): Setting | undefined {
    const key = block.names[name];
    if (key === undefined) {
        return undefined;
    }
    return { path: block.path === "" ? key : `${block.path}.${key}`, value: read(block.container, key) };
}

const always = () => true;
const never = () => false;

function block(path: string, container: unknown, names: Names, stageWide: () => boolean | typeof UNKNOWN) {
    return { path, container, names, stageWide };
}

/** The aws-native `methodSettings[]` entries; `*` and `/*` is the stage-wide one. */
function nativeMethodSettings(list: unknown, path: string, out: ResourceSettings): void {
    const entries = readList(list);
    if (entries === UNKNOWN) {
        out.unknownPaths.push(path);
        return;
    }
    entries.forEach((entry, i) => {
        out.blocks.push(
            block(`${path}[${i}]`, entry, REST_NAMES, () => {
                const method = read(entry, "httpMethod");
                const resource = read(entry, "resourcePath");
                if (method === UNKNOWN || resource === UNKNOWN) {
                    return UNKNOWN;
                }
                return method === "*" && resource === "/*";
            }),
        );
    });
}

/** HTTP/WebSocket `routeSettings`: a list in @pulumi/aws, a map from route key in aws-native. */
function routeSettings(value: unknown, out: ResourceSettings): void {
    if (value === UNKNOWN) {
        out.unknownPaths.push("routeSettings");
        return;
    }
    if (Array.isArray(value)) {
        const entries = readList(value) as unknown[];
        entries.forEach((entry, i) => out.blocks.push(block(`routeSettings[${i}]`, entry, ROUTE_NAMES, never)));
        return;
    }
    if (value !== null && typeof value === "object") {
        for (const key of Object.keys(value)) {
            out.blocks.push(block(`routeSettings[${JSON.stringify(key)}]`, read(value, key), ROUTE_NAMES, never));
        }
    }
}

/** The component's effective settings, named by its args (issue 3), so messages name the arg to change. */
function componentSettings(props: unknown, out: ResourceSettings): void {
    out.blocks.push(block("executionLogging", read(props, "executionLogging"), { level: "level" }, always));
    out.blocks.push(block("throttling", read(props, "throttling"), { rate: "rateLimit", burst: "burstLimit" }, always));
    out.blocks.push(block("", props, { metrics: "metricsEnabled" }, always));
    out.blocks.push(
        block("caching", read(props, "caching"), { caching: "enabled", cacheEncrypted: "encrypted" }, always),
    );
    const overrides = readList(read(props, "methodOverrides"));
    if (overrides === UNKNOWN) {
        out.unknownPaths.push("methodOverrides");
        return;
    }
    overrides.forEach((override, i) => {
        const path = `methodOverrides[${i}]`;
        out.blocks.push(block(path, override, { level: "loggingLevel", caching: "cachingEnabled" }, never));
        const throttling = read(override, "throttling");
        out.blocks.push(block(`${path}.throttling`, throttling, { rate: "rateLimit", burst: "burstLimit" }, never));
    });
}

/**
 * Every settings block a resource of `type` carries, wherever its provider keeps them. Types that carry no method
 * or route settings give no blocks. Nothing here reads a value until a policy asks for a setting, so a policy only
 * ever touches the properties it decides on.
 */
export function settingsOf(type: string, props: unknown): ResourceSettings {
    const out: { blocks: SettingsBlock[]; unknownPaths: string[]; stageWideLocation?: string } = {
        blocks: [],
        unknownPaths: [],
    };
    switch (type) {
        case t.METHOD_SETTINGS:
            out.blocks.push(
                block("settings", read(props, "settings"), REST_NAMES, () => {
                    const methodPath = read(props, "methodPath");
                    return methodPath === UNKNOWN ? UNKNOWN : methodPath === "*/*";
                }),
            );
            break;
        case t.V2_STAGE:
        case t.NATIVE_V2_STAGE:
            out.stageWideLocation = "defaultRouteSettings";
            out.blocks.push(block("defaultRouteSettings", read(props, "defaultRouteSettings"), ROUTE_NAMES, always));
            routeSettings(read(props, "routeSettings"), out);
            break;
        case t.NATIVE_STAGE:
            out.stageWideLocation = 'a methodSettings entry with httpMethod "*" and resourcePath "/*"';
            nativeMethodSettings(read(props, "methodSettings"), "methodSettings", out);
            break;
        case t.NATIVE_DEPLOYMENT: {
            // Without a stageDescription the deployment configures no stage, and carries nothing to check.
            const description = read(props, "stageDescription");
            if (description === UNKNOWN) {
                out.unknownPaths.push("stageDescription");
            } else if (description !== undefined && description !== null) {
                out.stageWideLocation = "stageDescription";
                out.blocks.push(block("stageDescription", description, REST_NAMES, always));
                nativeMethodSettings(read(description, "methodSettings"), "stageDescription.methodSettings", out);
            }
            break;
        }
        case t.OBSERVABLE_REST_API:
            out.stageWideLocation = "throttling";
            componentSettings(props, out);
            break;
        default:
            break;
    }
    return out;
}
