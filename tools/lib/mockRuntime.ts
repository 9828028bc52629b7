/**
 * A recording mock runtime shared by the unit tests (`tests/mocks.ts`) and the offline plan (`tools/plan.ts`).
 *
 * It installs Pulumi's own mock monitor (`pulumi.runtime.setMocks`) and wraps its `registerResource`, because the
 * public `Mocks.newResource` callback never sees a registration's parent, dependencies or property dependencies,
 * and the offline plan needs all three to evaluate stack policies the way the engine does.
 *
 * Two modes:
 * - `preview: false` (unit tests): every resource gets a deterministic id and realistic ARNs, URLs and names.
 * - `preview: true` (offline plan): like a real `pulumi preview` of a new stack, outputs echo the inputs and every
 *   value only the cloud knows (ids, ARNs, URLs) stays unknown.
 */
import * as pulumiSdk from "@pulumi/pulumi";
import * as settingsSdk from "@pulumi/pulumi/runtime/settings";
import { cloudOutputs, DEFAULT_REGION, invokeResult, partitionOf, physicalId } from "./fakeAws";
import { UNKNOWN_SENTINEL, mapWire } from "./wire";

export { DEFAULT_REGION, MOCK_ACCOUNT_ID, stableId } from "./fakeAws";
export { UNKNOWN_SENTINEL };

/**
 * The copy of `@pulumi/pulumi` a program runs on. A program with its own `node_modules` has its own copy, and the
 * mocks must be installed in that one: resources register through the copy the program imports.
 */
export interface PulumiSdk {
    pulumi: typeof pulumiSdk;
    settings: typeof settingsSdk;
}

/** One resource registration, as the engine received it. */
export interface RecordedResource {
    type: string;
    name: string;
    urn: string;
    /** The parent's URN; undefined for a resource registered without a parent. */
    parent?: string;
    custom: boolean;
    /** Inputs as the program's code sees them: unknowns are `undefined`, secrets unwrapped. */
    inputs: Record<string, any>;
    /** Inputs exactly as serialized on the wire: unknowns are `UNKNOWN_SENTINEL`, secrets and references are signature objects. */
    wireInputs: Record<string, any>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider?: string;
    protect: boolean;
    retainOnDelete: boolean;
    /** The options the engine passes on to analyzers (`AnalyzerResourceOptions`). */
    options?: RecordedOptions;
    /** The id the mock assigned; undefined in preview. */
    id?: string;
    /** Outputs the mock returned for the resource. */
    state: Record<string, any>;
}

/** Resource options as the engine hands them to an analyzer; custom timeouts in seconds. */
export interface RecordedOptions {
    ignoreChanges: string[];
    /** Only present when the program set it. */
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    customTimeouts?: { create: number; update: number; delete: number };
}

/** Seconds in a Go duration string (`"5m"`, `"1h30m"`, `"90s"`), as the engine parses custom timeouts. */
export function durationSeconds(text: string): number {
    const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
    let total = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
        total += Number(amount) * units[unit];
    }
    return total;
}

/** One provider function call. */
export interface RecordedInvoke {
    token: string;
    inputs: Record<string, any>;
}

export interface MockRuntimeOptions {
    project: string;
    stack: string;
    preview: boolean;
    organization?: string;
    /** Region the `aws:index/getRegion` invoke and the ARNs report. @default "us-east-1" */
    region?: string;
}

function toPlain(value: any): any {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * The installed runtime: what was registered and invoked, and the switches a test or the plan needs.
 */
export class MockRuntime {
    readonly resources: RecordedResource[] = [];
    readonly invokes: RecordedInvoke[] = [];
    /** Messages of invokes the mock could not answer. */
    readonly invokeErrors: string[] = [];
    private options: Required<MockRuntimeOptions>;
    /** The protocol of every apigatewayv2 Api created so far, by id: a Stage's URL scheme depends on it. */
    private readonly v2Protocols = new Map<string, string>();

    constructor(
        options: MockRuntimeOptions,
        private readonly sdk: PulumiSdk = { pulumi: pulumiSdk, settings: settingsSdk },
    ) {
        this.options = { organization: "organization", region: DEFAULT_REGION, ...options };
        this.install();
    }

    get project(): string {
        return this.options.project;
    }

    get stack(): string {
        return this.options.stack;
    }

    get preview(): boolean {
        return this.options.preview;
    }

    /** Forget every registration and invoke; config and options stay. */
    reset(): void {
        this.resources.length = 0;
        this.invokes.length = 0;
        this.invokeErrors.length = 0;
    }

    /**
     * Switch stack, preview mode or config. Config keys are full keys (`observable-api:environment`,
     * `aws:region`); object values are JSON strings, exactly as the CLI passes them to a program.
     */
    configure(options: Partial<MockRuntimeOptions> & { config?: Record<string, string>; secretKeys?: string[] }): void {
        const { config, secretKeys, ...rest } = options;
        // Like the real provider, getRegion answers with the stack's aws:region; new config means a new region.
        const region = rest.region ?? (config ? (config["aws:region"] ?? DEFAULT_REGION) : this.options.region);
        this.options = { ...this.options, ...rest, region };
        this.install();
        if (config !== undefined) {
            this.sdk.pulumi.runtime.setAllConfig(config, secretKeys ?? []);
        }
        this.reset();
    }

    /** Every recorded resource of a type, in registration order. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this type and name; throws when there is not exactly one. */
    one(type: string, name: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            const seen = this.resources.map((r) => `${r.type} ${r.name}`).join("\n  ");
            throw new Error(
                `expected exactly one ${type} named ${name}, found ${found.length}; registered:\n  ${seen}`,
            );
        }
        return found[0];
    }

    private install(): void {
        const { project, stack, preview, organization } = this.options;
        const mocks: pulumiSdk.runtime.Mocks = {
            newResource: (args) => this.newResource(args),
            call: (args) => {
                this.invokes.push({ token: args.token, inputs: toPlain(args.inputs) ?? {} });
                try {
                    const region = this.options.region;
                    return invokeResult(args.token, region, partitionOf(region), toPlain(args.inputs) ?? {});
                } catch (err) {
                    // The SDK drops an invoke error's message on its way back to the caller; keep it visible.
                    this.invokeErrors.push((err as Error).message);
                    throw err;
                }
            },
        };
        // setMocks installs the monitor synchronously before its first await, so the monitor is ready on return.
        void this.sdk.pulumi.runtime.setMocks(mocks, project, stack, preview, organization);
        this.wrapMonitor();
    }

    private newResource(args: pulumiSdk.runtime.MockResourceArgs): {
        id: string | undefined;
        state: Record<string, any>;
    } {
        const inputs = (args.inputs ?? {}) as Record<string, any>;
        if (this.options.preview) {
            // As in a preview of a new stack: outputs echo the inputs, and everything else (id included) is unknown.
            return { id: undefined, state: inputs };
        }
        const id = args.id || physicalId(args.type, args.name, inputs);
        if (args.type === "aws:apigatewayv2/api:Api") {
            this.v2Protocols.set(id, String(inputs.protocolType));
        }
        return {
            id,
            state: {
                ...inputs,
                ...cloudOutputs(
                    args.type,
                    args.name,
                    id,
                    inputs,
                    this.options.region,
                    partitionOf(this.options.region),
                    (apiId) => this.v2Protocols.get(apiId),
                ),
            },
        };
    }

    private wrapMonitor(): void {
        const monitor = this.sdk.settings.getMonitor() as any;
        if (monitor.__recording) {
            return;
        }
        // The SDK's mock monitor builds a child's URN from its parent's last type only, and prefixes even the root
        // stack's. The engine, like the SDK's own createUrn (`@pulumi/pulumi/resource.js`: "Don't prefix the stack
        // type as a parent type"), qualifies a type with its parent's whole type chain and leaves the root stack
        // out, so URNs here are built the engine's way.
        monitor.newUrn = (parent: string | undefined, type: string, name: string): string => {
            const root = `urn:pulumi:${this.sdk.pulumi.getStack()}::${this.sdk.pulumi.getProject()}::`;
            if (!parent) {
                return `${root}${type}::${name}`;
            }
            const prefix = parent.substring(0, parent.lastIndexOf("::")) + "$";
            return prefix.endsWith("::pulumi:pulumi:Stack$") ? `${root}${type}::${name}` : `${prefix}${type}::${name}`;
        };
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
            register(req, (err: any, resp: any) => {
                if (!err && resp) {
                    this.record(req, resp);
                }
                callback(err, resp);
            });
        };
        monitor.__recording = true;
    }

    private record(req: any, resp: any): void {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const wireInputs = req.getObject()?.toJavaScript() ?? {};
        const state = resp.getObject()?.toJavaScript() ?? {};
        this.resources.push({
            type: req.getType(),
            name: req.getName(),
            urn: resp.getUrn(),
            parent: req.getParent() || undefined,
            custom: req.getCustom(),
            inputs: decodeWire(wireInputs),
            wireInputs,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            provider: req.getProvider() || undefined,
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            options: recordOptions(req),
            id: resp.getId() || undefined,
            state: decodeWire(state),
        });
    }
}

function recordOptions(req: any): RecordedOptions {
    const timeouts = req.getCustomtimeouts();
    const options: RecordedOptions = {
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    };
    if (req.getDeletebeforereplacedefined()) {
        options.deleteBeforeReplace = req.getDeletebeforereplace() === true;
    }
    if (timeouts && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())) {
        options.customTimeouts = {
            create: durationSeconds(timeouts.getCreate()),
            update: durationSeconds(timeouts.getUpdate()),
            delete: durationSeconds(timeouts.getDelete()),
        };
    }
    return options;
}

/** Wire values as program code sees them: unknowns become undefined, secrets unwrapped, references their URN. */
function decodeWire(value: any): any {
    return mapWire(value, {
        unknown: () => undefined,
        secret: (v, recurse) => recurse(v),
        resource: (ref) => ref.urn,
    });
}

/** Install the recording mock runtime. Call once per process. */
export function installMockRuntime(options: MockRuntimeOptions, sdk?: PulumiSdk): MockRuntime {
    return new MockRuntime(options, sdk);
}
