import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { productionStackName, productionStacksSchema } from "../lib/production";
import { setting, settingsOf } from "../lib/settings";
import type { SettingsBlock } from "../lib/settings";
import { METHOD_SETTINGS, NATIVE_DEPLOYMENT, NATIVE_STAGE, OBSERVABLE_REST_API } from "../lib/types";
import { Findings, UNKNOWN } from "../lib/unknowns";
import { describeValue, isOn, normalizeLevel } from "../lib/values";

interface Config {
    productionStacks: string[];
}

const configSchema: PolicyConfigSchema = { properties: { productionStacks: productionStacksSchema } };

// HTTP APIs have no execution logs, and a v2 stage does not say whether it belongs to an HTTP or a WebSocket API.
const COVERED = [METHOD_SETTINGS, NATIVE_STAGE, NATIVE_DEPLOYMENT, OBSERVABLE_REST_API];

// DEBUG (INFO plus data trace) logs too; apigateway-no-debug-logging-in-production is the policy that forbids it.
const LOGGING_ON = ["ERROR", "INFO", "DEBUG"];

/**
 * Production REST stages log execution at ERROR or INFO and publish detailed CloudWatch metrics.
 *
 * Severity: medium. Enforcement: advisory.
 * Framework: AWS Security Hub APIGateway.1 ("API Gateway REST and WebSocket API execution logging should be
 * enabled"), plus detailed metrics, which the seeds' dashboards and alarms rely on.
 */
export const apigatewayExecutionLoggingRequired: ResourceValidationPolicy = {
    name: "apigateway-execution-logging-required",
    description:
        "Production REST API stages must log execution at ERROR or INFO and publish detailed CloudWatch metrics " +
        "(AWS Security Hub APIGateway.1).",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema,
    framework: {
        name: "AWS Security Hub",
        version: "1.0",
        reference: "APIGateway.1",
        specification: "API Gateway REST and WebSocket API execution logging should be enabled",
    },
    remediationSteps:
        "On ObservableRestApi set executionLogging.level to ERROR or INFO and metricsEnabled to true. On a " +
        'MethodSettings at methodPath "*/*" set settings.loggingLevel to ERROR or INFO and settings.metricsEnabled ' +
        'to true; on aws-native stages do the same in the methodSettings entry with httpMethod "*" and resourcePath ' +
        '"/*", and on aws-native deployments in stageDescription.',
    validateResource: (args, reportViolation) => {
        if (!COVERED.includes(args.type)) {
            return;
        }
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        const stack = productionStackName({ ...args, productionStacks: config.productionStacks });
        if (stack === undefined) {
            return;
        }
        const resource = settingsOf(args.type, args.props);
        const findings = new Findings();
        const stageWide: SettingsBlock[] = [];
        for (const block of resource.blocks) {
            const wide = block.stageWide();
            if (wide === UNKNOWN) {
                findings.unknown(args.type === METHOD_SETTINGS ? "methodPath" : block.path);
            } else if (wide) {
                stageWide.push(block);
            }
        }
        if (stageWide.length === 0) {
            resource.unknownPaths.forEach((path) => findings.unknown(path));
            if (resource.stageWideLocation !== undefined && findings.unknownPaths.length === 0) {
                findings.violation(
                    `${resource.stageWideLocation} is missing, so the stage has no execution logging in production ` +
                        `stack "${stack}"; add it with loggingLevel ERROR or INFO and metricsEnabled true.`,
                );
            }
        }
        for (const block of stageWide) {
            const level = setting(block, "level");
            if (level?.value === UNKNOWN) {
                findings.unknown(level.path);
            } else if (level && !LOGGING_ON.includes(normalizeLevel(level.value) ?? "OFF")) {
                findings.violation(
                    `${level.path} must be ERROR or INFO in production stack "${stack}", ` +
                        `got ${describeValue(level.value)}.`,
                );
            }
            const metrics = setting(block, "metrics");
            if (metrics?.value === UNKNOWN) {
                findings.unknown(metrics.path);
            } else if (metrics && !isOn(metrics.value)) {
                findings.violation(
                    `${metrics.path} must be true in production stack "${stack}", got ${describeValue(metrics.value)}.`,
                );
            }
        }
        findings.flush(reportViolation);
    },
};
