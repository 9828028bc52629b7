import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { stageSettings } from "../lib/correlation";
import { settingsOf } from "../lib/settings";
import { limitsOf } from "../lib/throttling";
import { METHOD_SETTINGS } from "../lib/types";
import { CannotVerifyError, UNKNOWN } from "../lib/unknowns";
import { describeValue, isPositiveLimit } from "../lib/values";

type Outcome = { ok: true } | { ok: false; detail: string } | { ok: "unknown"; path: string };

/** Whether one MethodSettings gives its stage positive stage-wide limits. */
function judge(candidate: PolicyResource): Outcome {
    const [settings] = settingsOf(METHOD_SETTINGS, candidate.props)!.blocks;
    const wide = settings.stageWide();
    if (wide === UNKNOWN) {
        return { ok: "unknown", path: `MethodSettings "${candidate.name}" methodPath` };
    }
    if (!wide) {
        return { ok: false, detail: "" };
    }
    const limits = limitsOf(settings)!;
    const bad = [limits.rate, limits.burst].filter((l) => !isPositiveLimit(l.value));
    if (bad.length === 0) {
        return { ok: true };
    }
    const unknown = bad.find((l) => l.value === UNKNOWN);
    if (unknown) {
        return { ok: "unknown", path: `MethodSettings "${candidate.name}" ${unknown.path}` };
    }
    const detail = bad
        .map((l) => (l.value === undefined ? `${l.path} not set` : `${l.path} ${describeValue(l.value)}`))
        .join(" and ");
    return { ok: false, detail: `its MethodSettings "${candidate.name}" at methodPath "*/*" has ${detail}` };
}

/**
 * Every classic REST stage has a MethodSettings at methodPath `*` `/` `*` with positive rate and burst limits.
 *
 * Severity: high. Enforcement: mandatory.
 * Framework: the API Gateway developer guide's stage-level throttling; it closes the gap the resource policy cannot,
 * because a classic Stage carries no method settings of its own. MethodSettings are matched to stages by
 * `lib/correlation.ts`; a MethodSettings that depends on another API never makes a stage "cannot verify".
 */
export const apigatewayStageThrottlingRequired: StackValidationPolicy = {
    name: "apigateway-stage-throttling-required",
    description:
        'Every classic REST API stage needs a MethodSettings for the same API and stage at methodPath "*/*" with a ' +
        "positive throttlingRateLimit and throttlingBurstLimit.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: {} },
    remediationSteps:
        "On ObservableRestApi set throttling.rateLimit and throttling.burstLimit. For a hand-built stage add an " +
        'aws.apigateway.MethodSettings with restApi and stageName taken from the Stage, methodPath "*/*", and ' +
        "settings.throttlingRateLimit and settings.throttlingBurstLimit set to positive numbers.",
    validateStack: (args, reportViolation) => {
        const unknownPaths: string[] = [];
        for (const { stage, settings, maybe } of stageSettings(args.resources)) {
            const outcomes = settings.map(judge);
            const verdict: Outcome = outcomes.find((o) => o.ok === true) ??
                outcomes.find((o) => o.ok === "unknown") ??
                (maybe ? { ok: "unknown", path: "its MethodSettings" } : undefined) ??
                outcomes.find((o) => o.ok === false && o.detail !== "") ?? { ok: false, detail: "" };
            if (verdict.ok === "unknown") {
                unknownPaths.push(`stage "${stage.name}": ${verdict.path}`);
            } else if (verdict.ok === false) {
                reportViolation(
                    `Stage "${stage.name}" has no stage-wide throttling: ${verdict.detail || 'it has no MethodSettings at methodPath "*/*"'}. ` +
                        'Add a MethodSettings at methodPath "*/*" with positive settings.throttlingRateLimit and ' +
                        "settings.throttlingBurstLimit (ObservableRestApi: throttling.rateLimit and throttling.burstLimit).",
                    stage.urn,
                );
            }
        }
        if (unknownPaths.length > 0) {
            throw new CannotVerifyError(unknownPaths);
        }
    },
};
