/**
 * The `--json` view of a plan, for CI: every resource with its inputs and graph edges, every diagnostic, the
 * summary and the timings. Unknown values are `{"unknown": true}` (UNKNOWN_MARKER); secret values are masked as the
 * CLI masks them.
 */
import { analyzerProperties } from "./analyze";
import type { PlanDiagnostic } from "./analyze";
import { countByType, PlanResult, problems } from "./render";
import { UNKNOWN_OUTPUT } from "./runProgram";
import { mapWire } from "./wire";

/** The CLI's mask for a secret value. */
export const SECRET_MASK = "[secret]";

/**
 * How `--json` writes a value only the cloud knows (an input or an output that is unknown in preview): an object
 * with one member, so that no real string can be mistaken for it.
 */
export const UNKNOWN_MARKER = Object.freeze({ unknown: true });

/** A wire value for a report: secrets masked, unknowns as the marker. */
function reportValue(value: any): any {
    return mapWire(value, { secret: () => SECRET_MASK, unknown: () => UNKNOWN_MARKER, dropUndefined: false });
}

function reportOutputs(outputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(outputs).map(([k, v]) => [k, v === UNKNOWN_OUTPUT ? UNKNOWN_MARKER : reportValue(v)]),
    );
}

export function jsonResult(plan: PlanResult, exitCode: number) {
    const grouped = plan.packs.map((p) => problems(p.diagnostics, plan.resources));
    const leadOf = new Map<PlanDiagnostic, string>();
    grouped.flat().forEach((problem) => problem.alsoOn.forEach((d) => leadOf.set(d, problem.lead.urn)));
    const diagnostics = plan.packs.flatMap((p) =>
        p.diagnostics.map((d) => ({
            policyPack: p.name,
            policyPackVersion: p.version,
            policyName: d.policyName,
            enforcementLevel: d.enforcementLevel,
            severity: d.severity,
            urn: d.urn,
            resourceType: d.resourceType,
            resourceName: d.resourceName,
            description: d.description,
            message: d.message,
            // Set when the same setting is reported on the component this resource belongs to: one problem.
            ...(leadOf.has(d) ? { sameProblemAs: leadOf.get(d) } : {}),
        })),
    );
    const count = (level: string) => grouped.flat().filter((g) => g.lead.enforcementLevel === level).length;
    return {
        project: plan.project,
        stack: plan.stack,
        configFile: plan.configFile ?? null,
        stackTags: plan.tags,
        warnings: plan.warnings,
        secretPlaceholders: plan.placeholders,
        resources: plan.resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            parent: r.parent,
            custom: r.custom,
            provider: r.provider,
            inputs: reportValue(analyzerProperties(r.wireInputs)),
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
        })),
        outputs: reportOutputs(plan.outputs),
        programMessages: plan.messages,
        policyPacks: plan.packs.map((p) => ({
            name: p.name,
            version: p.version,
            source: p.source,
            policies: p.policies,
        })),
        diagnostics,
        summary: {
            create: plan.resources.length,
            byType: Object.fromEntries(countByType(plan.resources)),
            // Problems, not diagnostics: a setting reported on a component and on its child counts once.
            mandatory: count("mandatory"),
            advisory: count("advisory"),
            remediated: count("remediate"),
        },
        exitCode,
        timings: plan.timings,
    };
}
