import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { observe } from "../lib/analyzed";
import { configWithDefaults } from "../lib/config";
import { productionOfResource, productionScope } from "../lib/production";
import { checkWithTemplates, onlyWithStackSetInstances, validateStackSetInstances } from "../lib/embedded";
import { carriesSettings, routeOf, settingSpellings, settingsOf } from "../lib/settings";
import { isTemplateCarrier } from "../lib/templates";
import { Findings, UNKNOWN } from "../lib/unknowns";
import { describeValue, isOn, normalizeLevel, oneOf } from "../lib/values";

interface Config {
    maxLevel: "ERROR" | "INFO";
}

const configSchema: PolicyConfigSchema = {
    properties: {
        maxLevel: {
            type: "string",
            enum: ["ERROR", "INFO"],
            default: "INFO",
            description: "The most verbose execution-log level production may use. ERROR tightens production further.",
        },
    },
};

/**
 * No DEBUG logging and no data trace in production.
 *
 * Severity: critical. Enforcement: mandatory.
 * Framework: Checkov CKV_AWS_276 (data trace), widened to every route a setting can take: a classic MethodSettings at
 * any methodPath (in the JSON-pointer form API Gateway applies, or the bare form it stores), HTTP/WebSocket default
 * and route settings, aws-native stages and deployments, and the project's components (`executionLogging.level`,
 * `methodOverrides[].loggingLevel`), templates (a StackSetInstance with its StackSet's template and its own
 * parameter overrides). Production is the pack's one definition (see apigateway-production-definition); a component
 * declared `environment: Production` is production whatever the stack is called, and so is everything under it.
 */
export const apigatewayNoDebugLoggingInProduction: ResourceValidationPolicy &
    Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-no-debug-logging-in-production",
    description:
        "Production API Gateway stages must not log full request and response data (data trace, DEBUG): it exposes " +
        "request bodies, tokens and personal data in CloudWatch Logs.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema,
    remediationSteps:
        "On ObservableRestApi set executionLogging.level and every methodOverrides[].loggingLevel to ERROR or INFO, and on " +
        "ObservableWebSocketApi executionLogging.level and every routeOverrides[].loggingLevel. " +
        "On a MethodSettings set settings.dataTraceEnabled to false and settings.loggingLevel to OFF, ERROR or INFO; " +
        "on an HTTP or WebSocket stage do the same in defaultRouteSettings and every routeSettings entry; on aws-native " +
        "stages and deployments in every methodSettings entry and in stageDescription.",
    validateResource: (args, reportViolation) => {
        observe(args);
        if (!carriesSettings(args.type) && !isTemplateCarrier(args.type)) {
            return;
        }
        const production = productionScope(args);
        if (production === undefined) {
            return;
        }
        const allowed = allowedLevels(args.getConfig());
        const findings = new Findings();
        checkWithTemplates(
            args,
            carriesSettings,
            (type, props, f) => judge(type, props, f, production.scope, allowed),
            findings,
        );
        findings.flush(reportViolation);
    },
    validateStack: onlyWithStackSetInstances((args, reportViolation) => {
        const allowed = allowedLevels(args.getConfig());
        validateStackSetInstances(args, reportViolation, carriesSettings, (instance) => {
            const production = productionOfResource(instance, args.stackTags);
            return production && ((type, props, f) => judge(type, props, f, production.scope, allowed));
        });
    }),
};

function allowedLevels(raw: unknown): string[] {
    const config = configWithDefaults<Config>(raw, configSchema);
    return config.maxLevel === "ERROR" ? ["OFF", "ERROR"] : ["OFF", "ERROR", "INFO"];
}

/** DEBUG or data trace anywhere in one resource's settings. */
function judge(type: string, props: unknown, findings: Findings, scope: string, allowed: string[]): void {
    // An aws-native Deployment without stageName or stageDescription creates no stage and carries no settings.
    const settings = settingsOf(type, props);
    if (settings === undefined) {
        return;
    }
    settings.unknownPaths.forEach((path) => findings.unknown(path));
    settings.unreadable.forEach((what) => findings.cannotRead(what));
    for (const block of settings.blocks) {
        // Every spelling present: a forbidden value under either key is reported, whichever takes effect.
        for (const level of settingSpellings(block, "level")) {
            if (level.value === UNKNOWN) {
                findings.unknown(level.path);
                continue;
            }
            const normalized = normalizeLevel(level.value);
            if (normalized !== undefined && !allowed.includes(normalized)) {
                const why = normalized === "DEBUG" ? " (DEBUG logs full request and response data)" : "";
                findings.violation(
                    `${level.path}${routeOf(block)} must be ${oneOf(allowed)} in ${scope}, ` +
                        `got ${describeValue(level.value)}${why}.`,
                );
            }
        }
        for (const dataTrace of settingSpellings(block, "dataTrace")) {
            if (dataTrace.value === UNKNOWN) {
                findings.unknown(dataTrace.path);
            } else if (isOn(dataTrace.value)) {
                findings.violation(
                    `${dataTrace.path}${routeOf(block)} must be false in ${scope}, ` +
                        `got ${describeValue(dataTrace.value)}: it logs full request and response data.`,
                );
            }
        }
    }
}
