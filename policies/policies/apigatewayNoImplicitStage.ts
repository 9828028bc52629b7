import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateStackWithTemplates, validateWithTemplates } from "../lib/embedded";
import { NATIVE_V2_API, V2_API } from "../lib/types";
import { Findings, read, UNKNOWN } from "../lib/unknowns";
import { isGiven } from "../lib/values";

/**
 * No quick-create APIs: an HTTP API with `target` gets a `$default` stage that AWS creates outside Pulumi.
 *
 * Severity: medium. Enforcement: advisory, in every stack.
 * Framework: this pack's own rule. The implicit stage has no access logs, no throttling and no alarms, and no
 * policy can see it, so every other guardrail in the pack is silently bypassed.
 */
export const apigatewayNoImplicitStage: ResourceValidationPolicy & Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-no-implicit-stage",
    description:
        "An HTTP API must not set target (quick create): AWS then creates a $default stage that is not a Pulumi " +
        "resource, so no logging, throttling or alarm policy can check it.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: {} },
    remediationSteps:
        "Remove target from the aws.apigatewayv2.Api and declare an aws.apigatewayv2.Integration, Route and Stage " +
        "(with defaultRouteSettings throttling and accessLogSettings) yourself.",
    validateResource: validateWithTemplates(applies, judge),
    validateStack: validateStackWithTemplates(applies, judge),
};

function applies(type: string): boolean {
    return type === V2_API || type === NATIVE_V2_API;
}

function judge(type: string, props: unknown, findings: Findings): void {
    if (type !== V2_API && type !== NATIVE_V2_API) {
        return;
    }
    // An unknown target is still a target: it is wired to another resource's output and will be set.
    const target = read(props, "target");
    if (target === UNKNOWN || (isGiven(target) && target !== "")) {
        findings.violation(
            "target is set, so API Gateway creates a $default stage that no policy can see; remove target and " +
                "declare an aws.apigatewayv2.Stage.",
        );
    }
}
