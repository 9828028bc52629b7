import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateStackWithTemplates, validateWithTemplates } from "../lib/embedded";
import { configuresStage, stageCreationPath, tracingOf } from "../lib/stages";
import { Findings, UNKNOWN } from "../lib/unknowns";
import { got, isOn } from "../lib/values";

/**
 * REST stages trace requests with AWS X-Ray.
 *
 * Severity: low. Enforcement: advisory, in every stack.
 * Framework: AWS Security Hub APIGateway.3 ("API Gateway REST API stages should have AWS X-Ray tracing enabled").
 */
export const apigatewayXrayTracingRequired: ResourceValidationPolicy & Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-xray-tracing-required",
    description:
        "API Gateway REST stages should have AWS X-Ray tracing enabled, so a slow or failing request can be followed " +
        "to the backend (AWS Security Hub APIGateway.3).",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: { properties: {} },
    framework: {
        name: "AWS Security Hub",
        version: "1.0",
        reference: "APIGateway.3",
        specification: "API Gateway REST API stages should have AWS X-Ray tracing enabled",
    },
    remediationSteps:
        "On ObservableRestApi set tracing.enabled to true. On an aws.apigateway.Stage set xrayTracingEnabled to " +
        "true; on an aws-native stage set tracingEnabled, and on an aws-native deployment stageDescription.tracingEnabled.",
    validateResource: validateWithTemplates(applies, judge),
    validateStack: validateStackWithTemplates(applies, judge),
};

function applies(type: string): boolean {
    return tracingOf(type, {}) !== undefined;
}

function judge(type: string, props: unknown, findings: Findings): void {
    const tracing = tracingOf(type, props);
    if (!tracing) {
        return;
    }
    const hasStage = configuresStage(type, props);
    if (hasStage === UNKNOWN) {
        findings.unknown(stageCreationPath(props));
    } else if (hasStage) {
        if (tracing.value === UNKNOWN) {
            findings.unknown(tracing.path);
        } else if (!isOn(tracing.value)) {
            findings.violation(`${tracing.path} must be true, ${got(tracing.value)}.`);
        }
    }
}
