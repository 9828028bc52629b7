/**
 * Resource policies judge a resource, or every API Gateway resource that a CloudFormation template or Cloud
 * Control request inside it creates, with the same check.
 *
 * A template's stages never appear as API Gateway resources of the stack, so a policy that only looked at
 * `aws:apigateway/*` types would let `aws.cloudformation.Stack` deploy DEBUG logging in production. Here every
 * template-carrying resource is read (policies/lib/templates.ts), each resource it creates is judged in aws-native's
 * shape by the same check the native resource gets, in every world of the template's unresolved conditions, and the
 * verdict is reported on the stack resource with the logical id in the message. What cannot be read is "cannot
 * verify", never a pass.
 */
import { judgeVariants, templateContentsOf, UNKNOWN_REASON } from "./templates";
import { Findings } from "./unknowns";

/** A policy's check of one resource's properties: it records violations and unknown paths in `findings`. */
export type ResourceCheck = (type: string, props: unknown, findings: Findings) => void;

/** Whether `check` has anything to say about a type, so that carriers of nothing relevant cost nothing. */
export type Applies = (type: string) => boolean;

/**
 * Runs `check` on the resource itself, or, for a template carrier, on every resource of a type `applies` to inside
 * it. Messages of embedded resources start with their location (`templateBody Resources.Prod
 * (AWS::ApiGateway::Stage): ...`).
 */
export function checkWithTemplates(
    type: string,
    props: unknown,
    applies: Applies,
    check: ResourceCheck,
    findings: Findings,
): void {
    const contents = templateContentsOf(type, props);
    if (contents === undefined) {
        if (applies(type)) {
            check(type, props, findings);
        }
        return;
    }
    for (const resource of contents.resources) {
        if (!applies(resource.type)) {
            continue;
        }
        const verdict = judgeVariants(resource, (variant) => {
            const f = new Findings();
            check(resource.type, variant, f);
            return f;
        });
        verdict.violations.forEach((message) => findings.violation(`${resource.location}: ${message}`));
        verdict.unknownPaths.forEach((path) => findings.unknown(`${resource.location} ${path}`));
        verdict.unreadable.forEach((what) => findings.cannotRead(`${resource.location} ${what}`));
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
 * A resource policy's `validateResource` that runs `check` on the resource, or on what a template inside it creates,
 * and reports every finding (unknown deciding values as the SDK's preview advisory).
 */
export function validateWithTemplates(
    applies: Applies,
    check: ResourceCheck,
): (args: { type: string; props: unknown }, reportViolation: (message: string) => void) => void {
    return (args, reportViolation) => {
        if (!applies(args.type) && templateContentsOf(args.type, undefined) === undefined) {
            return;
        }
        const findings = new Findings();
        checkWithTemplates(args.type, args.props, applies, check, findings);
        findings.flush(reportViolation);
    };
}
