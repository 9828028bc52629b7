import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { observe } from "../lib/analyzed";
import { configWithDefaults } from "../lib/config";
import { productionOfResource, productionScope } from "../lib/production";
import { checkWithTemplates, onlyWithStackSetInstances, validateStackSetInstances } from "../lib/embedded";
import { carriesSettings } from "../lib/settings";
import { isTemplateCarrier } from "../lib/templates";
import { throttlingOf } from "../lib/throttling";
import { NATIVE_V2_API, V2_API } from "../lib/types";
import { Findings, read, UNKNOWN } from "../lib/unknowns";
import { isGiven } from "../lib/values";

interface Config {
    productionOnly: boolean;
}

const configSchema: PolicyConfigSchema = {
    properties: {
        productionOnly: {
            type: "boolean",
            default: false,
            description: "Check production stacks only. By default every stack must throttle.",
        },
    },
};

/**
 * Every stage that carries its own settings has positive stage-wide rate and burst limits, no method or route
 * switches throttling off, and no HTTP API is quick-created with a stage nobody throttles.
 *
 * Severity: high. Enforcement: mandatory, in every stack by default.
 * Framework: the account-quota guidance of the API Gateway developer guide ("Throttle API requests for better
 * throughput"); no public benchmark checks throttling. Classic REST stages, whose limits live on a separate
 * MethodSettings, are checked by apigateway-stage-throttling-required.
 */
export const apigatewayThrottlingRequired: ResourceValidationPolicy & Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-throttling-required",
    description:
        "API Gateway stages must have a positive stage-wide rate limit and burst limit, and no method or route may " +
        "disable throttling: one unthrottled API can use up the account's 10,000 requests per second.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema,
    remediationSteps:
        "On ObservableRestApi, ObservableHttpApi and ObservableWebSocketApi set throttling.rateLimit and " +
        "throttling.burstLimit to positive numbers. On an HTTP or " +
        "WebSocket stage set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit; on an aws-native " +
        'stage add a methodSettings entry with httpMethod "*" and resourcePath "/*" that sets both, and on an ' +
        "aws-native deployment set them in stageDescription. Never use -1, which disables throttling, on a " +
        "MethodSettings, route or method override. Instead of an HTTP API's quick-create target, declare an " +
        "aws.apigatewayv2.Stage with defaultRouteSettings throttling.",
    validateResource: (args, reportViolation) => {
        observe(args);
        if (!applies(args.type) && !isTemplateCarrier(args.type)) {
            return;
        }
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        if (config.productionOnly && productionScope(args) === undefined) {
            return;
        }
        const findings = new Findings();
        checkWithTemplates(args, applies, judge, findings);
        findings.flush(reportViolation);
    },
    validateStack: onlyWithStackSetInstances((args, reportViolation) => {
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        validateStackSetInstances(args, reportViolation, applies, (instance) =>
            config.productionOnly && productionOfResource(instance, args.stackTags) === undefined ? undefined : judge,
        );
    }),
};

function applies(type: string): boolean {
    return type === V2_API || type === NATIVE_V2_API || carriesSettings(type);
}

/** One resource's throttling, or an HTTP API quick-created with a stage nobody throttles. */
function judge(type: string, props: unknown, findings: Findings): void {
    if (type === V2_API || type === NATIVE_V2_API) {
        // Quick create: API Gateway makes a $default stage with no stage or route throttling, which no policy can
        // see. An unknown target is still a target: it is wired to another resource's output.
        const target = read(props, "target");
        if (target === UNKNOWN || (isGiven(target) && target !== "")) {
            findings.violation(
                "target is set, so API Gateway creates a $default stage with no throttling (quick create), " +
                    "which no policy can see; remove target and declare an aws.apigatewayv2.Stage with " +
                    "defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit.",
            );
        }
        return;
    }
    const throttling = throttlingOf(type, props);
    throttling?.unknownPaths.forEach((path) => findings.unknown(path));
    throttling?.unreadable.forEach((what) => findings.cannotRead(what));
    throttling?.problems.forEach((problem) => findings.violation(problem));
}
