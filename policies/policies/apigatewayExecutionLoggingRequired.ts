import type {
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { observe } from "../lib/analyzed";
import { checkWithTemplates, validateStackSetInstances } from "../lib/embedded";
import { isTemplateCarrier } from "../lib/templates";
import { stageSettings } from "../lib/correlation";
import { productionOfResource, productionScope } from "../lib/production";
import { setting, settingsOf } from "../lib/settings";
import type { SettingsBlock } from "../lib/settings";
import {
    METHOD_SETTINGS,
    NATIVE_DEPLOYMENT,
    NATIVE_STAGE,
    OBSERVABLE_REST_API,
    OBSERVABLE_WEBSOCKET_API,
} from "../lib/types";
import { CannotVerifyError, Findings, UNKNOWN } from "../lib/unknowns";
import { got, isOn, normalizeLevel } from "../lib/values";

// HTTP APIs have no execution logs, and a v2 stage does not say whether it belongs to an HTTP or a WebSocket API.
const COVERED = [METHOD_SETTINGS, NATIVE_STAGE, NATIVE_DEPLOYMENT, OBSERVABLE_REST_API, OBSERVABLE_WEBSOCKET_API];

// DEBUG (INFO plus data trace) logs too; apigateway-no-debug-logging-in-production is the policy that forbids it.
const LOGGING_ON = ["ERROR", "INFO", "DEBUG"];

/**
 * Production REST stages log execution at ERROR or INFO and publish detailed CloudWatch metrics.
 *
 * Severity: medium. Enforcement: advisory.
 * Framework: AWS Security Hub APIGateway.1 ("API Gateway REST and WebSocket API execution logging should be
 * enabled"), plus detailed metrics, which the dashboards and alarms rely on. Each resource that carries settings is
 * judged on its own; a classic Stage, which carries none, is judged with the MethodSettings that belong to it, at the
 * end of the preview: with no stage-wide MethodSettings its execution logging is off.
 */
export const apigatewayExecutionLoggingRequired: ResourceValidationPolicy &
    Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-execution-logging-required",
    description:
        "Production REST API stages must log execution at ERROR or INFO and publish detailed CloudWatch metrics " +
        "(AWS Security Hub APIGateway.1).",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: {} },
    framework: {
        name: "AWS Security Hub",
        version: "1.0",
        reference: "APIGateway.1",
        specification: "API Gateway REST and WebSocket API execution logging should be enabled",
    },
    remediationSteps:
        "On ObservableRestApi set executionLogging.level to ERROR or INFO and metricsEnabled to true. On a " +
        'classic Stage add a MethodSettings at methodPath "*/*" with settings.loggingLevel ERROR or INFO and ' +
        'settings.metricsEnabled true; on aws-native stages do the same in the methodSettings entry with httpMethod "*" ' +
        'and resourcePath "/*", and on aws-native deployments in stageDescription.',
    validateResource: (args, reportViolation) => {
        observe(args);
        if (!COVERED.includes(args.type) && !isTemplateCarrier(args.type)) {
            return;
        }
        const production = productionScope(args);
        if (production === undefined) {
            return;
        }
        const findings = new Findings();
        checkWithTemplates(args, covered, (type, props, f) => judge(type, props, f, production.scope), findings);
        findings.flush(reportViolation);
    },
    validateStack: (args, reportViolation) => {
        // Both checks run, and both report, before either raises its advisory.
        let advisory: unknown;
        for (const validate of [validateStages, validateInstances]) {
            try {
                validate(args, reportViolation);
            } catch (e) {
                advisory = advisory === undefined ? e : combined(advisory, e);
            }
        }
        if (advisory !== undefined) {
            throw advisory;
        }
    },
};

const covered = (type: string) => COVERED.includes(type);

/** StackSetInstances not judged when they were analyzed, with their StackSet's template. */
function validateInstances(args: StackValidationArgs, reportViolation: ReportViolation): void {
    validateStackSetInstances(args, reportViolation, covered, (instance) => {
        const production = productionOfResource(instance, args.stackTags);
        return production && ((type, props, f) => judge(type, props, f, production.scope));
    });
}

/** One advisory for two checks that could not decide. */
function combined(a: unknown, b: unknown): unknown {
    if (a instanceof CannotVerifyError && b instanceof CannotVerifyError) {
        return new CannotVerifyError([...a.unknownPaths, ...b.unknownPaths], [...a.unreadable, ...b.unreadable]);
    }
    return a instanceof CannotVerifyError ? b : a;
}

/** One REST stage's (or component's) stage-wide logging level and metrics. */
function judge(type: string, props: unknown, findings: Findings, scope: string): void {
    const resource = settingsOf(type, props);
    if (resource === undefined) {
        return;
    }
    const stageWide: SettingsBlock[] = [];
    const unknownScope: string[] = [];
    for (const block of resource.blocks) {
        const wide = block.stageWide();
        if (wide === UNKNOWN) {
            unknownScope.push(...block.unknownScope());
        } else if (wide) {
            stageWide.push(block);
        }
    }
    if (stageWide.length === 0) {
        unknownScope.forEach((path) => findings.unknown(path));
        resource.unknownPaths.forEach((path) => findings.unknown(path));
        resource.unreadable.forEach((what) => findings.cannotRead(what));
        const undecided = findings.unknownPaths.length > 0 || findings.unreadable.length > 0;
        if (resource.stageWideLocation !== undefined && !undecided) {
            findings.violation(
                `${resource.stageWideLocation} is missing, so the stage has no execution logging in ` +
                    `${scope}; add it with loggingLevel ERROR or INFO and metricsEnabled true.`,
            );
        }
    }
    for (const block of stageWide) {
        const level = setting(block, "level");
        if (level?.value === UNKNOWN) {
            findings.unknown(level.path);
        } else if (level && !LOGGING_ON.includes(normalizeLevel(level.value) ?? "OFF")) {
            findings.violation(`${level.path} must be ERROR or INFO in ${scope}, ${got(level.value)}.`);
        }
        const metrics = setting(block, "metrics");
        if (metrics?.value === UNKNOWN) {
            findings.unknown(metrics.path);
        } else if (metrics && !isOn(metrics.value)) {
            findings.violation(`${metrics.path} must be true in ${scope}, ${got(metrics.value)}.`);
        }
    }
}

/** Classic stages, which carry no settings of their own, with the MethodSettings that belong to them. */
function validateStages(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const unknownPaths: string[] = [];
    for (const { stage, settings, maybe } of stageSettings(args.resources)) {
        const production = productionOfResource(stage, args.stackTags);
        if (production === undefined) {
            continue;
        }
        const wide = settings.map((ms) => settingsOf(METHOD_SETTINGS, ms.props)!.blocks[0].stageWide());
        if (wide.includes(true)) {
            continue;
        }
        if (maybe || wide.includes(UNKNOWN)) {
            unknownPaths.push(`stage "${stage.name}": its MethodSettings`);
            continue;
        }
        reportViolation(
            `Stage "${stage.name}" has no MethodSettings at methodPath "*/*", so its execution logging is off ` +
                `in ${production.scope}; add one with settings.loggingLevel ERROR or INFO and ` +
                "settings.metricsEnabled true.",
            stage.urn,
        );
    }
    if (unknownPaths.length > 0) {
        throw new CannotVerifyError(unknownPaths);
    }
}
