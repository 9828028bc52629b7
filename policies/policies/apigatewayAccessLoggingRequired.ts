import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { productionStackName, productionStacksSchema } from "../lib/production";
import { accessLogSettingsOf, configuresStage } from "../lib/stages";
import { OBSERVABLE_REST_API } from "../lib/types";
import { Findings, read, UNKNOWN } from "../lib/unknowns";
import { describeValue } from "../lib/values";

interface Config {
    productionStacks: string[];
}

const configSchema: PolicyConfigSchema = { properties: { productionStacks: productionStacksSchema } };

function isNonEmptyString(value: unknown): boolean {
    return typeof value === "string" && value.trim() !== "";
}

/**
 * Production stages keep access logs: a destination and a format.
 *
 * Severity: high. Enforcement: mandatory, in production stacks.
 * Framework: AWS Security Hub APIGateway.9 (access logging for API Gateway V2 stages), applied to classic REST,
 * HTTP/WebSocket and aws-native stages, aws-native deployments, and the ObservableRestApi component.
 *
 * A destination that is an unknown output during preview counts as set: it is wired to a log group or stream.
 */
export const apigatewayAccessLoggingRequired: ResourceValidationPolicy = {
    name: "apigateway-access-logging-required",
    description:
        "Production API Gateway stages must write access logs (who called, from where, what, and with which status) " +
        "to CloudWatch Logs or Firehose.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema,
    remediationSteps:
        "On ObservableRestApi keep accessLogging set (format and retentionInDays). On a stage set " +
        "accessLogSettings.destinationArn (accessLogSetting on aws-native REST stages and deployments) to a log group " +
        "ARN and accessLogSettings.format to a format that contains $context.requestId.",
    validateResource: (args, reportViolation) => {
        const located = accessLogSettingsOf(args.type, args.props);
        if (!located && args.type !== OBSERVABLE_REST_API) {
            return;
        }
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        const stack = productionStackName({ ...args, productionStacks: config.productionStacks });
        if (stack === undefined) {
            return;
        }
        const findings = new Findings();
        if (args.type === OBSERVABLE_REST_API) {
            const accessLogging = read(args.props, "accessLogging");
            const enabled = read(accessLogging, "enabled");
            if (accessLogging === UNKNOWN || enabled === UNKNOWN) {
                findings.unknown(accessLogging === UNKNOWN ? "accessLogging" : "accessLogging.enabled");
            } else if (accessLogging === null || typeof accessLogging !== "object" || enabled === false) {
                const what =
                    enabled === false
                        ? "accessLogging.enabled is false"
                        : `accessLogging is ${describeValue(accessLogging)}`;
                findings.violation(
                    `${what}, so the API keeps no access logs in production stack "${stack}"; ` +
                        "set accessLogging (format and retentionInDays) on the ObservableRestApi.",
                );
            }
            findings.flush(reportViolation);
            return;
        }
        const hasStage = configuresStage(args.type, args.props);
        if (hasStage === UNKNOWN) {
            findings.unknown("stageDescription");
        } else if (hasStage && located) {
            const { path, value } = located;
            if (value === UNKNOWN) {
                findings.unknown(path);
            } else if (value === null || typeof value !== "object" || Array.isArray(value)) {
                findings.violation(
                    `${path} is ${describeValue(value)}, so the stage keeps no access logs in production stack ` +
                        `"${stack}"; set ${path}.destinationArn and ${path}.format.`,
                );
            } else {
                const destination = read(value, "destinationArn");
                const format = read(value, "format");
                if (destination !== UNKNOWN && !isNonEmptyString(destination)) {
                    findings.violation(
                        `${path}.destinationArn must be a CloudWatch Logs or Firehose ARN in production stack ` +
                            `"${stack}", got ${describeValue(destination)}.`,
                    );
                }
                if (format !== UNKNOWN && !isNonEmptyString(format)) {
                    findings.violation(
                        `${path}.format must be a non-empty access-log format in production stack "${stack}", ` +
                            `got ${describeValue(format)}.`,
                    );
                }
            }
        }
        findings.flush(reportViolation);
    },
};
