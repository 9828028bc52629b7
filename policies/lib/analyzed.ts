/**
 * What the pack learns of a stack while the engine analyzes its resources one at a time, for the resources analyzed
 * after them: each resource's parent and whether it is a component declared Production (so that its children are
 * production too), and each StackSet (so that its instances, analyzed later, are judged with its template).
 *
 * The order is the engine's: a child registers only once its parent has, because the SDK awaits the parent's URN
 * before it sends the child's RegisterResource (@pulumi/pulumi 3.270 runtime/resource.js, prepareResource: `await
 * parent.urn.promise()`), and the engine analyzes each resource as it registers it, sending its parent in the
 * request's options (pulumi/pulumi pkg v3.274.1: resource/deploy/step_generator.go analyzeAll, `Parent: new.Parent`;
 * resource/plugin/analyzer_plugin.go marshalResourceOptions, `Parent: string(opts.Parent)`). A StackSetInstance
 * names its StackSet by an output of it, so the StackSet registers, and is analyzed, first.
 *
 * One pack process serves one stack's preview or update; every record is keyed by URN, which names the stack, so a
 * process that served several stacks never mixes them.
 */
import { Environment, field, type RestApiSettings } from "../../components/contract";
import { COMPONENT_TYPES } from "./types";
import { read } from "./unknowns";

const ENVIRONMENT_FIELD = field<RestApiSettings>("environment");

/** Whether a resource is one of the project's components and declares `environment: Production`. */
export function declaresProduction(type: string, props: unknown): boolean {
    return COMPONENT_TYPES.includes(type) && read(props, ENVIRONMENT_FIELD) === Environment.Production;
}

/** What a resource policy is given of the resource it analyzes. */
export interface AnalyzedArgs {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: unknown;
    readonly opts?: { readonly parent?: string };
}

/** One analyzed resource, as later resources need it. */
export interface AnalyzedResource {
    readonly type: string;
    readonly name: string;
    /** The parent's URN. */
    readonly parent?: string;
    readonly declaresProduction: boolean;
}

/** The StackSet types whose instances (`aws:cloudformation/stackSetInstance:StackSetInstance`) name them. */
const STACK_SET_NAMES: Readonly<Record<string, string>> = {
    "aws:cloudformation/stackSet:StackSet": "name",
    "aws-native:cloudformation:StackSet": "stackSetName",
};

/** A StackSet as its instances find it. */
export interface AnalyzedStackSet {
    readonly type: string;
    readonly urn: string;
    /** Its StackSet name, which instances give as `stackSetName`. */
    readonly name: string;
    readonly props: unknown;
}

const resources = new Map<string, AnalyzedResource>();
const stackSets = new Map<string, AnalyzedStackSet>();
const judgedInstances = new Set<string>();

/** The stack part of a URN (`urn:pulumi:<stack>::…`), which keys StackSets by name within one stack. */
function stackOf(urn: string): string {
    const rest = urn.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length) : urn;
    const end = rest.indexOf("::");
    return end < 0 ? rest : rest.slice(0, end);
}

/** The StackSet name a StackSet resource carries, when it is known. */
export function stackSetNameOf(type: string, props: unknown): string | undefined {
    const key = STACK_SET_NAMES[type];
    const name = key === undefined ? undefined : read(props, key);
    return typeof name === "string" && name !== "" ? name : undefined;
}

/** Records a resource the engine is analyzing. Every resource policy calls it first; it is idempotent. */
export function observe(args: AnalyzedArgs): void {
    if (typeof args.urn !== "string" || args.urn === "") {
        return;
    }
    const parent = args.opts?.parent;
    resources.set(args.urn, {
        type: args.type,
        name: args.name,
        parent: typeof parent === "string" && parent !== "" ? parent : undefined,
        declaresProduction: declaresProduction(args.type, args.props),
    });
    const name = stackSetNameOf(args.type, args.props);
    if (name !== undefined) {
        stackSets.set(`${stackOf(args.urn)}\u0000${name}`, { type: args.type, urn: args.urn, name, props: args.props });
    }
}

/** A resource analyzed earlier in this process. */
export function analyzedResource(urn: string): AnalyzedResource | undefined {
    return resources.get(urn);
}

/** The StackSet of this stack (the stack of `urn`) with that StackSet name, when it was analyzed. */
export function analyzedStackSet(urn: string, name: string): AnalyzedStackSet | undefined {
    return stackSets.get(`${stackOf(urn)}\u0000${name}`);
}

/** Records that a StackSetInstance was judged with its StackSet's template when it was analyzed. */
export function markInstanceJudged(urn: string): void {
    judgedInstances.add(urn);
}

/** Whether a StackSetInstance was judged when it was analyzed, so the stack policies need not judge it again. */
export function instanceJudged(urn: string): boolean {
    return judgedInstances.has(urn);
}
