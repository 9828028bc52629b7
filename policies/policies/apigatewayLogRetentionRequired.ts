import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { EXECUTION_LOG_GROUP_PREFIX } from "../../components/contract";
import { accessLogSettingsOf } from "../lib/stages";
import { COMPONENT_TYPES, LOG_GROUP, NATIVE_DEPLOYMENT, NATIVE_LOG_GROUP, STAGE_TYPES } from "../lib/types";
import { CannotVerifyError, read, UNKNOWN } from "../lib/unknowns";
import { got, oneOf, RETENTION_DAYS } from "../lib/values";

/** The properties through which a stage names its access-log destination. */
const ACCESS_LOG_PROPERTIES = ["accessLogSettings", "accessLogSetting", "stageDescription"];

/**
 * Log groups that receive API Gateway logs expire them.
 *
 * Severity: medium. Enforcement: advisory.
 * Framework: CIS AWS Foundations / AWS Security Hub CloudWatch.16 ("CloudWatch log groups should be retained for a
 * specified time period"), narrowed to the groups API Gateway writes to: execution-log groups (by name), access-log
 * destinations (by propertyDependencies or by ARN), and log groups inside the project's components. A log group whose
 * name is unknown during preview may be an execution-log group, so without a retention it cannot be verified yet.
 */
export const apigatewayLogRetentionRequired: StackValidationPolicy = {
    name: "apigateway-log-retention-required",
    description:
        "CloudWatch log groups that receive API Gateway execution or access logs must set a retention, or the logs " +
        "(and their cost) are kept forever.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: {} },
    remediationSteps:
        "On the components set accessLogging.retentionInDays, and executionLogging.retentionInDays on ObservableRestApi " +
        "and ObservableWebSocketApi. On an " +
        "aws.cloudwatch.LogGroup set retentionInDays to one of the values CloudWatch accepts (for example 30, 90 or 365).",
    validateStack: (args, reportViolation) => {
        const logGroups: PolicyResource[] = [];
        const receiving = new Set<string>();
        const unnamed = new Set<string>();
        const byArn = new Map<string, string>();
        const stages: PolicyResource[] = [];
        for (const resource of args.resources) {
            if (resource.type === LOG_GROUP || resource.type === NATIVE_LOG_GROUP) {
                logGroups.push(resource);
                const name = read(resource.props, resource.type === LOG_GROUP ? "name" : "logGroupName");
                const arn = read(resource.props, "arn");
                if (typeof name === "string" && name.startsWith(EXECUTION_LOG_GROUP_PREFIX)) {
                    receiving.add(resource.urn);
                }
                if (name === UNKNOWN) {
                    unnamed.add(resource.urn);
                }
                if (resource.parent !== undefined && COMPONENT_TYPES.includes(resource.parent.type)) {
                    receiving.add(resource.urn);
                }
                if (typeof arn === "string") {
                    byArn.set(arn, resource.urn);
                }
            } else if (STAGE_TYPES.includes(resource.type) || resource.type === NATIVE_DEPLOYMENT) {
                stages.push(resource);
            }
        }
        if (logGroups.length === 0) {
            return;
        }
        for (const stage of stages) {
            for (const property of ACCESS_LOG_PROPERTIES) {
                stage.propertyDependencies?.[property]?.forEach((dep) => receiving.add(dep.urn));
            }
            const destination = read(accessLogSettingsOf(stage.type, stage.props)?.value, "destinationArn");
            const urn = typeof destination === "string" ? byArn.get(destination) : undefined;
            if (urn !== undefined) {
                receiving.add(urn);
            }
        }
        const unknownPaths: string[] = [];
        for (const logGroup of logGroups) {
            const retention = read(logGroup.props, "retentionInDays");
            const valid = typeof retention === "number" && RETENTION_DAYS.includes(retention);
            if (!receiving.has(logGroup.urn)) {
                if (unnamed.has(logGroup.urn) && !valid) {
                    unknownPaths.push(`log group "${logGroup.name}" name (it may receive execution logs)`);
                }
                continue;
            }
            if (retention === UNKNOWN) {
                unknownPaths.push(`log group "${logGroup.name}" retentionInDays`);
            } else if (!valid) {
                reportViolation(
                    `Log group "${logGroup.name}" receives API Gateway logs; retentionInDays must be one of ` +
                        `${oneOf(RETENTION_DAYS)}, ${got(retention)}.`,
                    logGroup.urn,
                );
            }
        }
        if (unknownPaths.length > 0) {
            throw new CannotVerifyError(unknownPaths);
        }
    },
};
