import type { ResourceValidationPolicy } from "@pulumi/policy";
import { observe } from "../lib/analyzed";
import { configWithDefaults } from "../lib/config";
import {
    DEFAULT_PRODUCTION_STACKS,
    narrowedStack,
    productionConfigSchema,
    recordProductionConfig,
    type ProductionConfig,
} from "../lib/production";
import { ROOT_STACK } from "../lib/types";

/**
 * The one place that says what production is, for every production-scoped policy of the pack.
 *
 * Severity: medium. Enforcement: advisory.
 * Its config extends the built-in definition (stack names and tags); only `notProductionStacks` narrows it, and then
 * this policy reports an advisory on the stack, so nobody switches a production guardrail off without it showing.
 * It is listed first and applies to every resource, so that it records its config before any other policy of the
 * same Analyze call reads the definition.
 */
export const apigatewayProductionDefinition: ResourceValidationPolicy = {
    name: "apigateway-production-definition",
    description:
        "Says which stacks are production for every production-scoped policy of this pack, and reports a stack that " +
        "the configuration explicitly excludes from production.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: productionConfigSchema,
    remediationSteps:
        "To make more stacks production, add globs to productionStacks or tags to productionTags in this policy's " +
        "config, or tag the stack (pulumi stack tag set environment production). To stop excluding a stack, remove it " +
        "from notProductionStacks.",
    validateResource: (args, reportViolation) => {
        recordProductionConfig(configWithDefaults<ProductionConfig>(args.getConfig(), productionConfigSchema));
        // Its parent and environment, for the production scope of the resources analyzed after it.
        observe(args);
        // Once per stack: on its root resource, which the engine analyzes first.
        if (args.type !== ROOT_STACK) {
            return;
        }
        const stack = narrowedStack(args.urn);
        if (stack !== undefined) {
            reportViolation(
                `Stack "${stack}" matches the production definition (built-in: ${DEFAULT_PRODUCTION_STACKS.join(", ")}; ` +
                    "or productionStacks), but notProductionStacks excludes it, so the production-only guardrails " +
                    "(DEBUG logging, access logging, execution logging, alarms) do not run on it.",
            );
        }
    },
};
