/**
 * Resource policies judge a resource, or every API Gateway resource that a CloudFormation template or Cloud
 * Control request inside it creates, with the same check.
 *
 * A template's stages never appear as API Gateway resources of the stack, so a policy that only looked at
 * `aws:apigateway/*` types would let `aws.cloudformation.Stack` deploy DEBUG logging in production. Here every
 * template-carrying resource is read (policies/lib/templates.ts), each resource it creates is judged in aws-native's
 * shape by the same check the native resource gets, in every world of the template's unresolved conditions, and the
 * verdict is reported on the stack resource with the logical id in the message. What cannot be read is "cannot
 * verify", never a pass: "during preview" when the update will know the value, and "the pack cannot read it" when
 * only CloudFormation ever computes it (`AWS::AccountId`, `Fn::GetAtt`, an SSM parameter, a dynamic reference).
 *
 * A StackSetInstance deploys its StackSet's template with its own parameter overrides, Region and account. It is
 * judged with that template when it is analyzed, if its StackSet (named by a known `stackSetName`) was analyzed
 * before it; otherwise at the end of the preview, where the stack policies find its StackSet through
 * `propertyDependencies` or by name (`validateStackSetInstances`).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { analyzedStackSet, instanceJudged, markInstanceJudged, observe, stackSetNameOf } from "./analyzed";
import { dependencyUrns } from "./correlation";
import {
    CFN_STACK_SET_INSTANCE,
    judgeVariants,
    templateContentsOf,
    UNKNOWN_REASON,
    type EmbeddedResource,
    type TemplateContents,
} from "./templates";
import { CannotVerifyError, Findings, read, UNKNOWN, Unresolvable } from "./unknowns";

/** A policy's check of one resource's properties: it records violations and unknown paths in `findings`. */
export type ResourceCheck = (type: string, props: unknown, findings: Findings) => void;

/** Whether `check` has anything to say about a type, so that carriers of nothing relevant cost nothing. */
export type Applies = (type: string) => boolean;

/** What a resource policy is given of the resource it judges (`ResourceValidationArgs` has all of it). */
export interface JudgedResource {
    readonly type: string;
    readonly props: unknown;
    readonly urn: string;
    readonly name: string;
    readonly opts?: { readonly parent?: string };
}

const NOTHING: TemplateContents = { resources: [], cannotVerify: [] };

/** What a template carrier creates; for a StackSetInstance, what its StackSet's template creates in it. */
function contentsOf(resource: JudgedResource): TemplateContents | undefined {
    if (resource.type !== CFN_STACK_SET_INSTANCE) {
        return templateContentsOf(resource.type, resource.props);
    }
    const name = read(resource.props, "stackSetName");
    const stackSet = typeof name === "string" ? analyzedStackSet(resource.urn, name) : undefined;
    if (stackSet === undefined) {
        // Not yet known: the stack policies judge it at the end of the preview.
        return NOTHING;
    }
    markInstanceJudged(resource.urn);
    return templateContentsOf(resource.type, resource.props, {
        stackSet: { type: stackSet.type, props: stackSet.props, name: stackSet.name },
        instanceName: resource.name,
    });
}

/**
 * Runs `check` on the resource itself, or, for a template carrier, on every resource of a type `applies` to inside
 * it. Messages of embedded resources start with their location (`templateBody Resources.Prod
 * (AWS::ApiGateway::Stage): ...`).
 */
export function checkWithTemplates(
    resource: JudgedResource,
    applies: Applies,
    check: ResourceCheck,
    findings: Findings,
): void {
    const contents = contentsOf(resource);
    if (contents === undefined) {
        if (applies(resource.type)) {
            check(resource.type, resource.props, findings);
        }
        return;
    }
    judgeContents(contents, applies, check, findings);
}

/** Judges what a template creates, and reports what cannot be read. */
function judgeContents(contents: TemplateContents, applies: Applies, check: ResourceCheck, findings: Findings): void {
    for (const resource of contents.resources) {
        if (!applies(resource.type)) {
            continue;
        }
        const verdict = judgeVariants(resource, (variant) => {
            const f = new Findings();
            check(resource.type, variant, f);
            return located(resource, variant, f);
        });
        verdict.violations.forEach((message) => findings.violation(`${resource.location}: ${message}`));
        verdict.unknownPaths.forEach((path) => findings.unknown(path));
        verdict.unreadable.forEach((what) => findings.cannotRead(what));
    }
    for (const cannot of contents.cannotVerify) {
        if (cannot.reason === UNKNOWN_REASON) {
            // Only unknown in preview: the update knows the template and checks it.
            findings.unknown(cannot.location);
        } else {
            findings.cannotRead(`${cannot.location} (${cannot.reason})`);
        }
    }
}

/**
 * One world's findings with every path located in the template. A path a check could not decide is "unknown during
 * preview" when a preview unknown decides it, and something the pack cannot read when a value only CloudFormation
 * computes does, named where it is written and by its intrinsic.
 */
function located(resource: EmbeddedResource, props: Record<string, unknown>, f: Findings): Findings {
    const out = new Findings();
    f.violations.forEach((message) => out.violation(message));
    f.unreadable.forEach((what) => out.cannotRead(`${resource.location} ${what}`));
    for (const path of f.unknownPaths) {
        const cause = causeOf(props, path);
        if (cause.unknown) {
            out.unknown(`${resource.location} ${path}`);
        }
        for (const value of cause.unresolvable) {
            const at = value.at === undefined || value.at === "" ? "" : `.${value.at}`;
            out.cannotRead(`${resource.propertiesLocation}${at} (${value.describe}, which the pack cannot resolve)`);
        }
        if (!cause.unknown && cause.unresolvable.length === 0) {
            if (containsUnknown(props)) {
                out.unknown(`${resource.location} ${path}`);
            } else {
                // Nothing in the resource is unknown in preview, so only CloudFormation can decide it.
                out.cannotRead(`${resource.location} ${path} (it depends on values the pack cannot resolve)`);
            }
        }
    }
    return out;
}

/** What leaves a path undecided: a preview unknown, values only CloudFormation computes, or both. */
interface Cause {
    unknown: boolean;
    unresolvable: Unresolvable[];
}

/** A message path as the checks write it: `methodSettings[0].loggingLevel`, `routeSettings["GET /x"].LoggingLevel`. */
const SEGMENT = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

function segments(path: string): string[] | undefined {
    const out: string[] = [];
    let rest = path;
    while (rest !== "") {
        const match = SEGMENT.exec(rest);
        if (match === null) {
            return undefined;
        }
        out.push(match[1] ?? match[2] ?? (JSON.parse(match[3]) as string));
        rest = rest.slice(match[0].length);
    }
    return out;
}

/** Follows a message path through a world's properties and says what leaves it undecided, at or below it. */
function causeOf(props: unknown, path: string): Cause {
    const cause: Cause = { unknown: false, unresolvable: [] };
    const keys = segments(path);
    if (keys === undefined) {
        return cause;
    }
    let value: unknown = props;
    for (const key of keys) {
        if (value === UNKNOWN || value instanceof Unresolvable) {
            break;
        }
        value =
            value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, key)
                ? (value as Record<string, unknown>)[key]
                : undefined;
    }
    collect(value, cause, 0);
    return cause;
}

function collect(value: unknown, cause: Cause, depth: number): void {
    if (value === UNKNOWN) {
        cause.unknown = true;
    } else if (value instanceof Unresolvable) {
        cause.unresolvable.push(value);
    } else if (value !== null && typeof value === "object" && depth < 64) {
        for (const child of Object.values(value)) {
            collect(child, cause, depth + 1);
        }
    }
}

function containsUnknown(value: unknown, depth = 0): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    return (
        value !== null &&
        typeof value === "object" &&
        !(value instanceof Unresolvable) &&
        depth < 64 &&
        Object.values(value).some((child) => containsUnknown(child, depth + 1))
    );
}

/**
 * A resource policy's `validateResource` that runs `check` on the resource, or on what a template inside it creates,
 * and reports every finding (unknown deciding values as the SDK's preview advisory).
 */
export function validateWithTemplates(
    applies: Applies,
    check: ResourceCheck,
): (args: JudgedResource, reportViolation: (message: string) => void) => void {
    return (args, reportViolation) => {
        observe(args);
        if (!applies(args.type) && templateContentsOf(args.type, undefined) === undefined) {
            return;
        }
        const findings = new Findings();
        checkWithTemplates(args, applies, check, findings);
        findings.flush(reportViolation);
    };
}

/** The StackSet types a StackSetInstance can name. */
const STACK_SET_TYPES = ["aws:cloudformation/stackSet:StackSet", "aws-native:cloudformation:StackSet"];

/** A StackSetInstance the stack policies judge, with what its StackSet's template creates in it. */
interface InstanceTemplate {
    readonly instance: PolicyResource;
    readonly contents?: TemplateContents;
    /** Why there is no template: only unknown during preview (`unknown`) or never readable (`unreadable`). */
    readonly unknown?: string;
    readonly unreadable?: string;
}

/**
 * The StackSetInstances not judged when they were analyzed, each with its StackSet: the one its `stackSetName`
 * depends on (propertyDependencies), or the one of this stack with that StackSet name.
 */
function instanceTemplates(resources: readonly PolicyResource[]): InstanceTemplate[] {
    const stackSets = resources.filter((r) => STACK_SET_TYPES.includes(r.type));
    const out: InstanceTemplate[] = [];
    for (const instance of resources) {
        if (instance.type !== CFN_STACK_SET_INSTANCE || instanceJudged(instance.urn)) {
            continue;
        }
        const deps = dependencyUrns(instance, "stackSetName");
        const name = read(instance.props, "stackSetName");
        const stackSet =
            stackSets.find((s) => deps.includes(s.urn)) ??
            (typeof name === "string" ? stackSets.find((s) => stackSetNameOf(s.type, s.props) === name) : undefined);
        const label = `StackSetInstance "${instance.name}"`;
        if (stackSet !== undefined) {
            const contents = templateContentsOf(instance.type, instance.props, {
                stackSet: {
                    type: stackSet.type,
                    props: stackSet.props,
                    name: stackSetNameOf(stackSet.type, stackSet.props) ?? stackSet.name,
                },
                instanceName: instance.name,
            });
            out.push({ instance, contents });
        } else if (name === UNKNOWN && deps.length === 0) {
            out.push({ instance, unknown: `${label} stackSetName` });
        } else {
            const named = typeof name === "string" ? ` "${name}"` : "";
            out.push({
                instance,
                unreadable: `${label} (its StackSet${named} is not in this stack, so the pack cannot read its template)`,
            });
        }
    }
    return out;
}

/**
 * A stack policy's check of the StackSetInstances that were not judged when they were analyzed: each is judged
 * with its StackSet's template by `check`, or skipped when `checkFor` gives none (not production). Violations are
 * reported on the instance; what cannot be decided is the advisory.
 */
export function validateStackSetInstances(
    args: StackValidationArgs,
    reportViolation: ReportViolation,
    applies: Applies,
    checkFor: (instance: PolicyResource) => ResourceCheck | undefined,
): void {
    const unknownPaths: string[] = [];
    const unreadable: string[] = [];
    for (const found of instanceTemplates(args.resources)) {
        const check = checkFor(found.instance);
        if (check === undefined) {
            continue;
        }
        if (found.unknown !== undefined) {
            unknownPaths.push(found.unknown);
            continue;
        }
        if (found.unreadable !== undefined) {
            unreadable.push(found.unreadable);
            continue;
        }
        const findings = new Findings();
        judgeContents(found.contents!, applies, check, findings);
        findings.violations.forEach((message) => reportViolation(message, found.instance.urn));
        if (findings.violations.length === 0) {
            unknownPaths.push(...findings.unknownPaths);
            unreadable.push(...findings.unreadable);
        }
    }
    if (unknownPaths.length > 0 || unreadable.length > 0) {
        throw new CannotVerifyError(unknownPaths, unreadable);
    }
}

/** A stack policy's `validateStack` that judges every StackSetInstance not judged when it was analyzed with `check`. */
export function validateStackWithTemplates(
    applies: Applies,
    check: ResourceCheck,
): (args: StackValidationArgs, reportViolation: ReportViolation) => void {
    return onlyWithStackSetInstances((args, reportViolation) =>
        validateStackSetInstances(args, reportViolation, applies, () => check),
    );
}

/**
 * Marks a `validateStack` that judges nothing but StackSetInstances, so that the SDK skips it in a stack that has
 * none, before it deserializes a single resource for it.
 *
 * @pulumi/policy 1.21.0 (server.js, makeAnalyzeStackRpcFun) deserializes and proxies every resource of the stack
 * once per stack policy, and first makes a "Fast check to see if the policy isn't applicable when we have a
 * validation function that has an attached Pulumi type": it reads the function's `__pulumiType` (the property
 * `validateStackResourcesOfType` attaches) and, when no resource of that type is in the stack, reports the policy
 * not applicable ("Policy only applies to resources of type '…'") and moves on. `validateStackResourcesOfType`
 * itself cannot serve here: it hands the policy only the resources of that type, and an instance needs its StackSet.
 * Without the mark, each of these policies made every AnalyzeStack deserialize the whole stack again.
 */
export function onlyWithStackSetInstances<
    F extends (args: StackValidationArgs, reportViolation: ReportViolation) => void,
>(validateStack: F): F {
    return Object.assign(validateStack, { __pulumiType: CFN_STACK_SET_INSTANCE });
}
