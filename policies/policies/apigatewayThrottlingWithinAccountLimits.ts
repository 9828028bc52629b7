import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { observe } from "../lib/analyzed";
import { ACCOUNT_THROTTLING } from "../../components/contract";
import { configWithDefaults } from "../lib/config";
import { checkWithTemplates, onlyWithStackSetInstances, validateStackSetInstances } from "../lib/embedded";
import { carriesSettings } from "../lib/settings";
import { isTemplateCarrier } from "../lib/templates";
import { limitSettingsOf } from "../lib/throttling";
import { Findings, UNKNOWN } from "../lib/unknowns";

interface Config {
    maxRateLimit: number;
    maxBurstLimit: number;
}

const configSchema: PolicyConfigSchema = {
    properties: {
        maxRateLimit: {
            type: "number",
            minimum: 1,
            default: ACCOUNT_THROTTLING.rateLimit,
            description:
                "The account's steady-state quota in requests per second. Raise it after AWS raises the quota.",
        },
        maxBurstLimit: {
            type: "number",
            minimum: 1,
            default: ACCOUNT_THROTTLING.burstLimit,
            description: "The account's burst quota in requests. Raise it after AWS raises the quota.",
        },
    },
};

/**
 * No stage, method or route asks for more than the account can serve.
 *
 * Severity: low. Enforcement: advisory, in every stack.
 * Framework: API Gateway service quotas: 10,000 requests per second with a burst of 5,000 per account and region.
 * A limit above the quota never applies; the account's limit throttles first, for every API in the region at once.
 */
export const apigatewayThrottlingWithinAccountLimits: ResourceValidationPolicy &
    Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-throttling-within-account-limits",
    description:
        "API Gateway throttling limits should stay within the account quota (10,000 requests per second, burst " +
        "5,000), or the account-wide limit throttles every API in the region first.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema,
    remediationSteps:
        "Lower throttling.rateLimit and throttling.burstLimit (on any of the components), or throttlingRateLimit and " +
        "throttlingBurstLimit on the stage, method or route. If AWS has raised the account quota, raise maxRateLimit " +
        "and maxBurstLimit in this policy's config instead.",
    validateResource: (args, reportViolation) => {
        observe(args);
        if (!carriesSettings(args.type) && !isTemplateCarrier(args.type)) {
            return;
        }
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        const findings = new Findings();
        checkWithTemplates(args, carriesSettings, (type, props, f) => judge(type, props, f, config), findings);
        findings.flush(reportViolation);
    },
    validateStack: onlyWithStackSetInstances((args, reportViolation) => {
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        validateStackSetInstances(
            args,
            reportViolation,
            carriesSettings,
            () => (type, props, f) => judge(type, props, f, config),
        );
    }),
};

/** Every limit of one resource against the account quota. */
function judge(type: string, props: unknown, findings: Findings, config: Config): void {
    const limits = limitSettingsOf(type, props);
    limits.unknownPaths.forEach((path) => findings.unknown(path));
    limits.unreadable.forEach((what) => findings.cannotRead(what));
    for (const { rate, burst } of limits.limits) {
        if (rate.value === UNKNOWN) {
            findings.unknown(rate.path);
        } else if (typeof rate.value === "number" && rate.value > config.maxRateLimit) {
            findings.violation(
                `${rate.path} is ${rate.value}, above the account quota of ${config.maxRateLimit} requests per ` +
                    "second; lower it, or raise maxRateLimit in this policy's config once AWS has raised the quota.",
            );
        }
        if (burst.value === UNKNOWN) {
            findings.unknown(burst.path);
        } else if (typeof burst.value === "number" && burst.value > config.maxBurstLimit) {
            findings.violation(
                `${burst.path} is ${burst.value}, above the account burst quota of ${config.maxBurstLimit} ` +
                    "requests; lower it, or raise maxBurstLimit in this policy's config once AWS has raised the quota.",
            );
        }
    }
}
