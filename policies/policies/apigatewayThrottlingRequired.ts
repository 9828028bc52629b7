import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { productionStackName, productionStacksSchema } from "../lib/production";
import { throttlingOf } from "../lib/throttling";
import { Findings } from "../lib/unknowns";

interface Config {
    productionOnly: boolean;
    productionStacks: string[];
}

const configSchema: PolicyConfigSchema = {
    properties: {
        productionOnly: {
            type: "boolean",
            default: false,
            description: "Check production stacks only. By default every stack must throttle.",
        },
        productionStacks: productionStacksSchema,
    },
};

/**
 * Every stage that carries its own settings has positive stage-wide rate and burst limits, and no method or route
 * switches throttling off.
 *
 * Severity: high. Enforcement: mandatory, in every stack by default.
 * Framework: the account-quota guidance of the API Gateway developer guide ("Throttle API requests for better
 * throughput"); no public benchmark checks throttling. Classic REST stages, whose limits live on a separate
 * MethodSettings, are checked by apigateway-stage-throttling-required.
 */
export const apigatewayThrottlingRequired: ResourceValidationPolicy = {
    name: "apigateway-throttling-required",
    description:
        "API Gateway stages must have a positive stage-wide rate limit and burst limit, and no method or route may " +
        "disable throttling: one unthrottled API can use up the account's 10,000 requests per second.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema,
    remediationSteps:
        "On ObservableRestApi set throttling.rateLimit and throttling.burstLimit to positive numbers. On an HTTP or " +
        "WebSocket stage set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit; on an aws-native " +
        'stage add a methodSettings entry with httpMethod "*" and resourcePath "/*" that sets both. Never use -1, ' +
        "which disables throttling, on a MethodSettings, route or method override.",
    validateResource: (args, reportViolation) => {
        const throttling = throttlingOf(args.type, args.props);
        if (throttling === undefined) {
            return;
        }
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        if (config.productionOnly && !productionStackName({ ...args, productionStacks: config.productionStacks })) {
            return;
        }
        const findings = new Findings();
        throttling.unknownPaths.forEach((path) => findings.unknown(path));
        throttling.problems.forEach((problem) => findings.violation(problem));
        findings.flush(reportViolation);
    },
};
