import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { field, type AccessLoggingSettings, type RestApiSettings } from "../../components/contract";
import { observe } from "../lib/analyzed";
import { checkWithTemplates, onlyWithStackSetInstances, validateStackSetInstances } from "../lib/embedded";
import { productionOfResource, productionScope } from "../lib/production";
import { accessLogSettingsOf, configuresStage, stageCreationPath } from "../lib/stages";
import { isTemplateCarrier } from "../lib/templates";
import { COMPONENT_TYPES, componentName } from "../lib/types";
import { Findings, read, UNKNOWN } from "../lib/unknowns";
import { describeValue, got } from "../lib/values";

const ACCESS_LOGGING = field<RestApiSettings>("accessLogging");
const FORMAT = field<AccessLoggingSettings>("format");
const CUSTOM_FORMAT = field<AccessLoggingSettings>("customFormat");

function isNonEmptyString(value: unknown): boolean {
    return typeof value === "string" && value.trim() !== "";
}

/**
 * Production stages keep access logs: a destination and a format.
 *
 * Severity: high. Enforcement: mandatory, in production.
 * Framework: AWS Security Hub APIGateway.9 (access logging for API Gateway V2 stages), applied to classic REST,
 * HTTP/WebSocket and aws-native stages, aws-native deployments that create a stage, and the project's components.
 *
 * A destination that is an unknown output during preview counts as set: it is wired to a log group or stream.
 */
export const apigatewayAccessLoggingRequired: ResourceValidationPolicy & Pick<StackValidationPolicy, "validateStack"> =
    {
        name: "apigateway-access-logging-required",
        description:
            "Production API Gateway stages must write access logs (who called, from where, what, and with which status) " +
            "to CloudWatch Logs or Firehose.",
        enforcementLevel: "mandatory",
        severity: "high",
        configSchema: { properties: {} },
        remediationSteps:
            "On the components keep accessLogging set (format or customFormat, and retentionInDays). On a stage set " +
            "accessLogSettings.destinationArn (accessLogSetting on aws-native REST stages, stageDescription.accessLogSetting " +
            "on aws-native deployments) to a log group ARN and accessLogSettings.format to a format that contains " +
            "$context.requestId.",
        validateResource: (args, reportViolation) => {
            observe(args);
            if (!applies(args.type) && !isTemplateCarrier(args.type)) {
                return;
            }
            const production = productionScope(args);
            if (production === undefined) {
                return;
            }
            const findings = new Findings();
            checkWithTemplates(args, applies, (type, props, f) => judge(type, props, f, production.scope), findings);
            findings.flush(reportViolation);
        },
        validateStack: onlyWithStackSetInstances((args, reportViolation) => {
            validateStackSetInstances(args, reportViolation, applies, (instance) => {
                const production = productionOfResource(instance, args.stackTags);
                return production && ((type, props, f) => judge(type, props, f, production.scope));
            });
        }),
    };

function applies(type: string): boolean {
    return COMPONENT_TYPES.includes(type) || accessLogSettingsOf(type, {}) !== undefined;
}

/** One stage's (or component's) access-log settings. */
function judge(type: string, props: unknown, findings: Findings, scope: string): void {
    const isComponent = COMPONENT_TYPES.includes(type);
    const located = accessLogSettingsOf(type, props);
    if (isComponent) {
        const accessLogging = read(props, ACCESS_LOGGING);
        if (accessLogging === UNKNOWN) {
            findings.unknown(ACCESS_LOGGING);
        } else if (
            accessLogging === null ||
            typeof accessLogging !== "object" ||
            (!isNonEmptyString(read(accessLogging, FORMAT)) && read(accessLogging, CUSTOM_FORMAT) === undefined)
        ) {
            findings.violation(
                `${ACCESS_LOGGING} has no format, so the API keeps no access logs in ${scope}; ` +
                    `set accessLogging (format or customFormat, and retentionInDays) on the ${componentName(type)}.`,
            );
        }
        return;
    }
    const hasStage = configuresStage(type, props);
    if (hasStage === UNKNOWN) {
        findings.unknown(stageCreationPath(props));
    } else if (hasStage && located) {
        const { path, value } = located;
        if (value === UNKNOWN) {
            findings.unknown(path);
        } else if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
            const what = value === undefined ? "is not set" : `is ${describeValue(value)}`;
            findings.violation(
                `${path} ${what}, so the stage keeps no access logs in ${scope}; ` +
                    `set ${path}.destinationArn and ${path}.format.`,
            );
        } else {
            const destination = read(value, "destinationArn");
            const format = read(value, "format");
            if (destination !== UNKNOWN && !isNonEmptyString(destination)) {
                findings.violation(
                    `${path}.destinationArn must be a CloudWatch Logs or Firehose ARN in ${scope}, ` +
                        `${got(destination)}.`,
                );
            }
            if (format !== UNKNOWN && !isNonEmptyString(format)) {
                findings.violation(`${path}.format must be a non-empty access-log format in ${scope}, ${got(format)}.`);
            }
        }
    }
}
