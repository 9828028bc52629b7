/**
 * Where each resource type keeps its method and route settings (logging level, data trace, metrics, throttling,
 * caching), read in one way for every policy.
 */
import {
    describeRoute,
    field,
    parseMethodPath,
    type HttpApiSettings,
    type HttpRouteOverrideSettings,
    type MethodOverrideSettings,
    type RestApiSettings,
    type ThrottlingSettings,
    type WebSocketApiSettings,
    type WebSocketRouteOverrideSettings,
} from "../../components/contract";
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

const REST = {
    executionLogging: field<RestApiSettings>("executionLogging"),
    throttling: field<RestApiSettings>("throttling"),
    metricsEnabled: field<RestApiSettings>("metricsEnabled"),
    caching: field<RestApiSettings>("caching"),
    methodOverrides: field<RestApiSettings>("methodOverrides"),
    level: field<RestApiSettings["executionLogging"]>("level"),
    cachingEnabled: field<RestApiSettings["caching"]>("enabled"),
    cacheEncrypted: field<RestApiSettings["caching"]>("encrypted"),
    rateLimit: field<ThrottlingSettings>("rateLimit"),
    burstLimit: field<ThrottlingSettings>("burstLimit"),
    overrideLevel: field<MethodOverrideSettings>("loggingLevel"),
    overrideCaching: field<MethodOverrideSettings>("cachingEnabled"),
    overrideThrottling: field<MethodOverrideSettings>("throttling"),
    overridePath: field<MethodOverrideSettings>("path"),
    overrideMethod: field<MethodOverrideSettings>("method"),
};

const HTTP = {
    throttling: field<HttpApiSettings>("throttling"),
    detailedMetrics: field<HttpApiSettings>("detailedMetrics"),
    routeOverrides: field<HttpApiSettings>("routeOverrides"),
    overrideRouteKey: field<HttpRouteOverrideSettings>("routeKey"),
    overrideThrottling: field<HttpRouteOverrideSettings>("throttling"),
    overrideDetailedMetrics: field<HttpRouteOverrideSettings>("detailedMetrics"),
};

const WEBSOCKET = {
    executionLogging: field<WebSocketApiSettings>("executionLogging"),
    level: field<WebSocketApiSettings["executionLogging"]>("level"),
    throttling: field<WebSocketApiSettings>("throttling"),
    detailedMetrics: field<WebSocketApiSettings>("detailedMetrics"),
    routeOverrides: field<WebSocketApiSettings>("routeOverrides"),
    overrideRouteKey: field<WebSocketRouteOverrideSettings>("routeKey"),
    overrideThrottling: field<WebSocketRouteOverrideSettings>("throttling"),
    overrideLevel: field<WebSocketRouteOverrideSettings>("loggingLevel"),
    overrideDetailedMetrics: field<WebSocketRouteOverrideSettings>("detailedMetrics"),
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
    /** The route the block applies to, as a person writes it (`GET /orders/{id}`), when it is not stage-wide. */
    route(): string | undefined;
    /** The paths of the values that decide `stageWide()` and are unknown (`methodPath`, `methodSettings[1].httpMethod`). */
    unknownScope(): string[];
    /**
     * The block sits in a property aws-native types as Any (`routeSettings` of `aws-native:apigatewayv2:Stage`),
     * which it passes to Cloud Control untouched: only CloudFormation's spelling of a key takes effect there.
     */
    readonly anyTyped: boolean;
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
    /** Settings the pack can never read, with why (`routeSettings (a string that is not JSON)`). */
    readonly unreadable: string[];
    /**
     * Where the stage-wide block lives, for messages, when the type needs one of its own; undefined for a classic
     * MethodSettings, whose stage-wide limits the stack policy correlates with its stage.
     */
    readonly stageWideLocation?: string;
}

/** `loggingLevel` -> `LoggingLevel`: how CloudFormation, and aws-native properties typed as Any, spell a key. */
function cloudFormationKey(key: string): string {
    return key.charAt(0).toUpperCase() + key.slice(1);
}

function at(block: SettingsBlock, key: string): Setting {
    return { path: block.path === "" ? key : `${block.path}.${key}`, value: read(block.container, key) };
}

/**
 * The setting `name` of a block as it takes effect, or undefined when that kind of block does not carry it. In a
 * property aws-native types as Any, that is CloudFormation's spelling (`DataTraceEnabled`), which Cloud Control
 * applies; elsewhere the SDK's. Use it for values that protect (a throttling limit, logging on): a value under a
 * spelling that does not take effect protects nothing.
 */
export function setting(block: SettingsBlock, name: SettingName): Setting | undefined {
    const key = block.names[name];
    if (key === undefined) {
        return undefined;
    }
    if (block.anyTyped) {
        const cfn = at(block, cloudFormationKey(key));
        return cfn.value !== undefined ? cfn : at(block, key);
    }
    return at(block, key);
}

/**
 * Every spelling of the setting `name` that is present, SDK's and CloudFormation's. Use it for values that are
 * forbidden (DEBUG, data trace on, a limit of -1): whichever spelling a program used, and whichever takes effect,
 * a forbidden value is reported, so that no spelling hides one behind the other.
 */
export function settingSpellings(block: SettingsBlock, name: SettingName): Setting[] {
    const key = block.names[name];
    if (key === undefined) {
        return [];
    }
    const found = [at(block, key), at(block, cloudFormationKey(key))].filter((s) => s.value !== undefined);
    return found.length > 0 ? found : [at(block, key)];
}

/** ` for GET /orders/{id}`, or nothing for a stage-wide block: the words messages put after a setting's path. */
export function routeOf(block: SettingsBlock): string {
    const route = block.route();
    return route === undefined ? "" : ` for ${route}`;
}

const always = () => true;
const never = () => false;
const noRoute = () => undefined;
const noScope = () => [];

function block(
    path: string,
    container: unknown,
    names: Names,
    stageWide: () => boolean | typeof UNKNOWN,
    route: () => string | undefined = noRoute,
    anyTyped = false,
    unknownScope: () => string[] = noScope,
): SettingsBlock {
    return { path, container, names, stageWide, route, anyTyped, unknownScope };
}

/**
 * A settings property given as a string of JSON: the value it stands for, the value itself when it is no string, or
 * undefined (recorded as unreadable) when the string is not a JSON object or list. Whether CloudFormation or Cloud
 * Control accepts a string for a Json-typed property depends on the resource's handler (IAM and S3 policy documents
 * accept one; AWS::EFS::FileSystem rejects one, "expected type: JSONObject, found: String",
 * aws-cloudformation/cloudformation-coverage-roadmap#1805), so a string that parses is judged as if it took effect:
 * a forbidden value in it is reported, and a string that does not parse is never a pass.
 */
function parsedJson(
    value: unknown,
    path: string,
    out: ResourceSettings,
): { value: unknown; json: boolean } | undefined {
    if (typeof value !== "string") {
        return { value, json: false };
    }
    try {
        const parsed: unknown = JSON.parse(value);
        if (parsed !== null && typeof parsed === "object") {
            return { value: parsed, json: true };
        }
    } catch {
        // reported below
    }
    out.unreadable.push(`${path} (a string that is not a JSON object or list)`);
    return undefined;
}

/** The key a setting is found under, the SDK's or CloudFormation's, for messages. */
function keyOf(container: unknown, key: string): string {
    return read(container, key) === undefined && read(container, cloudFormationKey(key)) !== undefined
        ? cloudFormationKey(key)
        : key;
}

/** Reads a key under its SDK name, then its CloudFormation name. */
function readEither(container: unknown, key: string): unknown {
    const value = read(container, key);
    return value === undefined ? read(container, cloudFormationKey(key)) : value;
}

/**
 * The aws-native `methodSettings[]` entries; `*` and `/*` is the stage-wide one. Their resourcePath is
 * CloudFormation's form, `/~1orders~1{id}`, with the root written `/`.
 */
function nativeMethodSettings(value: unknown, path: string, out: ResourceSettings): void {
    const list = parsedJson(value, path, out);
    if (list === undefined) {
        return;
    }
    const entries = readList(list.value);
    if (entries === UNKNOWN) {
        out.unknownPaths.push(path);
        return;
    }
    entries.forEach((entry, i) => {
        const method = () => readEither(entry, "httpMethod");
        const resource = () => readEither(entry, "resourcePath");
        const unknownScope = () =>
            ["httpMethod", "resourcePath"]
                .filter((key) => readEither(entry, key) === UNKNOWN)
                .map((key) => `${path}[${i}].${keyOf(entry, key)}`);
        out.blocks.push(
            block(
                `${path}[${i}]`,
                entry,
                REST_NAMES,
                () => {
                    const m = method();
                    const r = resource();
                    if (m === UNKNOWN || r === UNKNOWN) {
                        return UNKNOWN;
                    }
                    return m === "*" && r === "/*";
                },
                () => {
                    const m = method();
                    const r = resource();
                    // The stage-wide entry names no route, as a classic MethodSettings at */* names none.
                    if (typeof m !== "string" || typeof r !== "string" || (m === "*" && r === "/*")) {
                        return undefined;
                    }
                    const decoded =
                        r === "/" || r === "/*" ? r : r.replace(/^\//, "").replace(/~1/g, "/").replace(/~0/g, "~");
                    return `${m.toUpperCase()} ${decoded.startsWith("/") ? decoded : `/${decoded}`}`;
                },
                // Entries of a JSON string are passed on as written: CloudFormation's spelling takes effect.
                list.json,
                unknownScope,
            ),
        );
    });
}

/**
 * HTTP/WebSocket `routeSettings`: a list in @pulumi/aws, a map from route key in aws-native, where the property is
 * typed Any.
 */
function routeSettings(given: unknown, out: ResourceSettings, anyTyped: boolean): void {
    if (given === UNKNOWN) {
        out.unknownPaths.push("routeSettings");
        return;
    }
    // Only aws-native's routeSettings, typed Any, can be a string; @pulumi/aws types it as a list of objects.
    const parsed = anyTyped ? parsedJson(given, "routeSettings", out) : { value: given, json: false };
    if (parsed === undefined) {
        return;
    }
    const value = parsed.value;
    if (Array.isArray(value)) {
        const entries = readList(value) as unknown[];
        entries.forEach((entry, i) =>
            out.blocks.push(
                block(
                    `routeSettings[${i}]`,
                    entry,
                    ROUTE_NAMES,
                    never,
                    () => {
                        const key = readEither(entry, "routeKey");
                        return typeof key === "string" ? key : undefined;
                    },
                    anyTyped,
                ),
            ),
        );
        return;
    }
    if (value !== null && typeof value === "object") {
        for (const key of Object.keys(value)) {
            out.blocks.push(
                block(
                    `routeSettings[${JSON.stringify(key)}]`,
                    read(value, key),
                    ROUTE_NAMES,
                    never,
                    () => key,
                    anyTyped,
                ),
            );
        }
    }
}

/** A REST MethodSettings: stage-wide at `*` `/` `*`, one route otherwise (either spelling of its methodPath). */
function methodSettings(props: unknown, out: ResourceSettings): void {
    const methodPath = () => read(props, "methodPath");
    out.blocks.push(
        block(
            "settings",
            read(props, "settings"),
            REST_NAMES,
            () => {
                const value = methodPath();
                return value === UNKNOWN ? UNKNOWN : value === "*/*";
            },
            () => {
                const value = methodPath();
                const route = typeof value === "string" ? parseMethodPath(value) : undefined;
                return route && value !== "*/*" ? describeRoute(route) : undefined;
            },
            false,
            () => (methodPath() === UNKNOWN ? ["methodPath"] : []),
        ),
    );
}

/** ObservableRestApi's effective settings, read by the contract's names, so messages name the arg to change. */
function restComponentSettings(props: unknown, out: ResourceSettings): void {
    const throttlingNames = { rate: REST.rateLimit, burst: REST.burstLimit };
    out.blocks.push(block(REST.executionLogging, read(props, REST.executionLogging), { level: REST.level }, always));
    out.blocks.push(block(REST.throttling, read(props, REST.throttling), throttlingNames, always));
    out.blocks.push(block("", props, { metrics: REST.metricsEnabled }, always));
    out.blocks.push(
        block(
            REST.caching,
            read(props, REST.caching),
            { caching: REST.cachingEnabled, cacheEncrypted: REST.cacheEncrypted },
            always,
        ),
    );
    const overrides = readList(read(props, REST.methodOverrides));
    if (overrides === UNKNOWN) {
        out.unknownPaths.push(REST.methodOverrides);
        return;
    }
    overrides.forEach((override, i) => {
        const path = `${REST.methodOverrides}[${i}]`;
        const route = () => {
            const p = read(override, REST.overridePath);
            const m = read(override, REST.overrideMethod);
            return typeof p === "string" && typeof m === "string" ? `${m} ${p}` : undefined;
        };
        out.blocks.push(
            block(path, override, { level: REST.overrideLevel, caching: REST.overrideCaching }, never, route),
        );
        out.blocks.push(
            block(
                `${path}.${REST.overrideThrottling}`,
                read(override, REST.overrideThrottling),
                throttlingNames,
                never,
                route,
            ),
        );
    });
}

/** The types `settingsOf` reads: every resource that carries method or route settings. */
export const SETTINGS_TYPES: readonly string[] = [
    t.METHOD_SETTINGS,
    t.V2_STAGE,
    t.NATIVE_V2_STAGE,
    t.NATIVE_STAGE,
    t.NATIVE_DEPLOYMENT,
    t.OBSERVABLE_REST_API,
    t.OBSERVABLE_HTTP_API,
    t.OBSERVABLE_WEBSOCKET_API,
];

/** Whether a type carries method or route settings. */
export function carriesSettings(type: string): boolean {
    return SETTINGS_TYPES.includes(type);
}

/**
 * The route overrides of an HTTP or WebSocket component, each as two blocks (its own settings, and its throttling),
 * named by the route key people wrote.
 */
function componentRouteOverrides(
    props: unknown,
    list: string,
    names: { routeKey: string; throttling: string; own: Names },
    out: ResourceSettings,
): void {
    const overrides = readList(read(props, list));
    if (overrides === UNKNOWN) {
        out.unknownPaths.push(list);
        return;
    }
    const throttlingNames = { rate: REST.rateLimit, burst: REST.burstLimit };
    overrides.forEach((override, i) => {
        const path = `${list}[${i}]`;
        const route = () => {
            const key = read(override, names.routeKey);
            return typeof key === "string" ? key : undefined;
        };
        out.blocks.push(block(path, override, names.own, never, route));
        out.blocks.push(
            block(`${path}.${names.throttling}`, read(override, names.throttling), throttlingNames, never, route),
        );
    });
}

/** ObservableHttpApi's effective settings: throttling and detailed metrics, no logging level (HTTP has none). */
function httpComponentSettings(props: unknown, out: ResourceSettings): void {
    const throttlingNames = { rate: REST.rateLimit, burst: REST.burstLimit };
    out.blocks.push(block(HTTP.throttling, read(props, HTTP.throttling), throttlingNames, always));
    out.blocks.push(block("", props, { metrics: HTTP.detailedMetrics }, always));
    componentRouteOverrides(
        props,
        HTTP.routeOverrides,
        {
            routeKey: HTTP.overrideRouteKey,
            throttling: HTTP.overrideThrottling,
            own: { metrics: HTTP.overrideDetailedMetrics },
        },
        out,
    );
}

/** ObservableWebSocketApi's effective settings: the stage's level and throttling, and every route override's. */
function webSocketComponentSettings(props: unknown, out: ResourceSettings): void {
    const throttlingNames = { rate: REST.rateLimit, burst: REST.burstLimit };
    out.blocks.push(
        block(WEBSOCKET.executionLogging, read(props, WEBSOCKET.executionLogging), { level: WEBSOCKET.level }, always),
    );
    out.blocks.push(block(WEBSOCKET.throttling, read(props, WEBSOCKET.throttling), throttlingNames, always));
    out.blocks.push(block("", props, { metrics: WEBSOCKET.detailedMetrics }, always));
    componentRouteOverrides(
        props,
        WEBSOCKET.routeOverrides,
        {
            routeKey: WEBSOCKET.overrideRouteKey,
            throttling: WEBSOCKET.overrideThrottling,
            own: { level: WEBSOCKET.overrideLevel, metrics: WEBSOCKET.overrideDetailedMetrics },
        },
        out,
    );
}

/**
 * Every settings block a resource of `type` carries, wherever its provider keeps them. Types that carry no method
 * or route settings give undefined. Nothing here reads a value until a policy asks for a setting, so a policy only
 * ever touches the properties it decides on.
 */
export function settingsOf(type: string, props: unknown): ResourceSettings | undefined {
    const out: { blocks: SettingsBlock[]; unknownPaths: string[]; unreadable: string[]; stageWideLocation?: string } = {
        blocks: [],
        unknownPaths: [],
        unreadable: [],
    };
    switch (type) {
        case t.METHOD_SETTINGS:
            methodSettings(props, out);
            return out;
        case t.V2_STAGE:
        case t.NATIVE_V2_STAGE:
            out.stageWideLocation = "defaultRouteSettings";
            out.blocks.push(
                block("defaultRouteSettings", readEither(props, "defaultRouteSettings"), ROUTE_NAMES, always),
            );
            routeSettings(readEither(props, "routeSettings"), out, type === t.NATIVE_V2_STAGE);
            return out;
        case t.NATIVE_STAGE:
            out.stageWideLocation = 'a methodSettings entry with httpMethod "*" and resourcePath "/*"';
            nativeMethodSettings(readEither(props, "methodSettings"), "methodSettings", out);
            return out;
        case t.NATIVE_DEPLOYMENT: {
            const stage = createsStage(props);
            if (stage === false) {
                return undefined;
            }
            if (stage === UNKNOWN) {
                out.unknownPaths.push(stageCreationPath(props));
                return out;
            }
            const description = readEither(props, "stageDescription");
            out.stageWideLocation = "stageDescription";
            if (description === UNKNOWN) {
                out.unknownPaths.push("stageDescription");
            } else if (description !== undefined && description !== null) {
                out.blocks.push(block("stageDescription", description, REST_NAMES, always));
                nativeMethodSettings(readEither(description, "methodSettings"), "stageDescription.methodSettings", out);
            }
            return out;
        }
        case t.OBSERVABLE_REST_API:
            out.stageWideLocation = REST.throttling;
            restComponentSettings(props, out);
            return out;
        case t.OBSERVABLE_HTTP_API:
            out.stageWideLocation = HTTP.throttling;
            httpComponentSettings(props, out);
            return out;
        case t.OBSERVABLE_WEBSOCKET_API:
            out.stageWideLocation = WEBSOCKET.throttling;
            webSocketComponentSettings(props, out);
            return out;
        default:
            return undefined;
    }
}

/**
 * Whether an aws-native Deployment creates a stage: `stageName` alone does (with no throttling and no logging
 * unless `stageDescription` says otherwise), and so does a `stageDescription`. `UNKNOWN` when that is unknown.
 */
export function createsStage(props: unknown): boolean | typeof UNKNOWN {
    const name = readEither(props, "stageName");
    const description = readEither(props, "stageDescription");
    if (name === UNKNOWN || description === UNKNOWN) {
        return (typeof name === "string" && name !== "") ||
            (description !== undefined && description !== null && description !== UNKNOWN)
            ? true
            : UNKNOWN;
    }
    return (typeof name === "string" && name !== "") || (description !== undefined && description !== null);
}

/** Which property leaves `createsStage` undecided, for messages: `stageName`, or `stageDescription`. */
export function stageCreationPath(props: unknown): string {
    return readEither(props, "stageName") === UNKNOWN ? "stageName" : "stageDescription";
}
