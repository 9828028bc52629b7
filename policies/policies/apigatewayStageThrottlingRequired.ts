import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { settingsOf } from "../lib/settings";
import { limitsOf } from "../lib/throttling";
import { METHOD_SETTINGS, REST_STAGE } from "../lib/types";
import { CannotVerifyError, read, UNKNOWN } from "../lib/unknowns";
import { describeValue, isPositiveLimit } from "../lib/values";

/** A known id-and-stage key, or undefined when either part is unknown or missing. */
function idKey(restApi: unknown, stageName: unknown): string | undefined {
    return typeof restApi === "string" && typeof stageName === "string" ? `${restApi}\u0000${stageName}` : undefined;
}

/** A key from the RestApi's URN (via propertyDependencies) and a known stage name. */
function depKey(restApiUrn: string, stageName: unknown): string | undefined {
    return typeof stageName === "string" ? `${restApiUrn}\u0000${stageName}` : undefined;
}

function dependencyUrns(resource: PolicyResource, property: string): string[] {
    const deps = resource.propertyDependencies?.[property];
    return Array.isArray(deps) ? deps.map((d) => d.urn) : [];
}

function push<K, V>(index: Map<K, V[]>, key: K | undefined, value: V): void {
    if (key === undefined) {
        return;
    }
    const list = index.get(key);
    if (list) {
        list.push(value);
    } else {
        index.set(key, [value]);
    }
}

interface Candidate {
    resource: PolicyResource;
    claimed: boolean;
    /** restApi, stageName or methodPath is unknown, so it might belong to a stage no index can see. */
    ambiguous: boolean;
}

type Outcome = { ok: true } | { ok: false; detail: string } | { ok: "unknown"; path: string };

/** Whether one MethodSettings gives its stage positive stage-wide limits. */
function judge(candidate: PolicyResource): Outcome {
    const [settings] = settingsOf(METHOD_SETTINGS, candidate.props).blocks;
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
    const detail = bad.map((l) => `${l.path} is ${describeValue(l.value)}`).join(" and ");
    return { ok: false, detail: `its MethodSettings "${candidate.name}" at methodPath "*/*" has ${detail}` };
}

/**
 * Every classic REST stage has a MethodSettings at methodPath `*` `/` `*` with positive rate and burst limits.
 *
 * Severity: high. Enforcement: mandatory.
 * Framework: the API Gateway developer guide's stage-level throttling; it closes the gap the resource policy cannot,
 * because a classic Stage carries no method settings of its own.
 *
 * Correlation is O(n): MethodSettings are indexed once, by the Stage they depend on (propertyDependencies.stageName),
 * by their RestApi dependency and stage name, and by known restApi id and stage name; then one pass over the stages.
 * During preview, when ids are unknown, the dependency indexes still correlate, and no unknown value is read.
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
        const byStageUrn = new Map<string, Candidate[]>();
        const byDepKey = new Map<string, Candidate[]>();
        const byIdKey = new Map<string, Candidate[]>();
        const candidates: Candidate[] = [];
        const stages: PolicyResource[] = [];

        for (const resource of args.resources) {
            if (resource.type === REST_STAGE) {
                stages.push(resource);
            } else if (resource.type === METHOD_SETTINGS) {
                const restApi = read(resource.props, "restApi");
                const stageName = read(resource.props, "stageName");
                const methodPath = read(resource.props, "methodPath");
                const candidate: Candidate = {
                    resource,
                    claimed: false,
                    ambiguous: restApi === UNKNOWN || stageName === UNKNOWN || methodPath === UNKNOWN,
                };
                candidates.push(candidate);
                for (const urn of dependencyUrns(resource, "stageName")) {
                    push(byStageUrn, urn, candidate);
                }
                for (const urn of dependencyUrns(resource, "restApi")) {
                    push(byDepKey, depKey(urn, stageName), candidate);
                }
                push(byIdKey, idKey(restApi, stageName), candidate);
            }
        }
        if (stages.length === 0) {
            return;
        }

        const unknownPaths: string[] = [];
        const unmatched: { stage: PolicyResource; keyKnown: boolean }[] = [];
        for (const stage of stages) {
            const restApi = read(stage.props, "restApi");
            const stageName = read(stage.props, "stageName");
            const found = new Set<Candidate>();
            byStageUrn.get(stage.urn)?.forEach((c) => found.add(c));
            for (const urn of dependencyUrns(stage, "restApi")) {
                const key = depKey(urn, stageName);
                (key !== undefined ? byDepKey.get(key) : undefined)?.forEach((c) => found.add(c));
            }
            const key = idKey(restApi, stageName);
            (key !== undefined ? byIdKey.get(key) : undefined)?.forEach((c) => found.add(c));

            if (found.size === 0) {
                unmatched.push({ stage, keyKnown: key !== undefined });
                continue;
            }
            const outcomes = [...found].map((candidate) => {
                candidate.claimed = true;
                return judge(candidate.resource);
            });
            const verdict: Outcome = outcomes.find((o) => o.ok === true) ??
                outcomes.find((o) => o.ok === "unknown") ??
                outcomes.find((o) => o.ok === false && o.detail !== "") ?? { ok: false, detail: "" };
            if (verdict.ok === "unknown") {
                unknownPaths.push(`stage "${stage.name}": ${verdict.path}`);
            } else if (verdict.ok === false) {
                report(stage, verdict.detail || 'it has no MethodSettings at methodPath "*/*"');
            }
        }

        // A stage no index matched may still own a MethodSettings whose restApi or stageName is unknown.
        const ambiguousLeft = candidates.some((c) => !c.claimed && c.ambiguous);
        const anyLeft = candidates.some((c) => !c.claimed);
        for (const { stage, keyKnown } of unmatched) {
            if (ambiguousLeft || (!keyKnown && anyLeft)) {
                unknownPaths.push(`stage "${stage.name}": its MethodSettings`);
            } else {
                report(stage, 'it has no MethodSettings at methodPath "*/*"');
            }
        }
        if (unknownPaths.length > 0) {
            throw new CannotVerifyError(unknownPaths);
        }

        function report(stage: PolicyResource, detail: string): void {
            reportViolation(
                `Stage "${stage.name}" has no stage-wide throttling: ${detail}. Add a MethodSettings at methodPath ` +
                    '"*/*" with positive settings.throttlingRateLimit and settings.throttlingBurstLimit ' +
                    "(ObservableRestApi: throttling.rateLimit and throttling.burstLimit).",
                stage.urn,
            );
        }
    },
};
