/**
 * The `--json` view of a plan, for CI: every resource with its inputs and graph edges, every diagnostic, the
 * summary and the timings. Unknown values keep the engine's sentinel; secret values are masked as the CLI masks
 * them.
 */
import { analyzerProperties } from "./analyze";
import { countByType, PlanResult } from "./render";

const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The CLI's mask for a secret value. */
export const SECRET_MASK = "[secret]";

function maskSecrets(value: any): any {
    if (Array.isArray(value)) {
        return value.map(maskSecrets);
    }
    if (value !== null && typeof value === "object") {
        if (value[SPECIAL_SIG_KEY] === SECRET_SIG) {
            return SECRET_MASK;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v)]));
    }
    return value;
}

export function jsonResult(plan: PlanResult, exitCode: number) {
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
        })),
    );
    return {
        project: plan.project,
        stack: plan.stack,
        configFile: plan.configFile,
        secretPlaceholders: plan.placeholders,
        resources: plan.resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            parent: r.parent,
            custom: r.custom,
            provider: r.provider,
            inputs: maskSecrets(analyzerProperties(r.wireInputs)),
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
        })),
        outputs: maskSecrets(plan.outputs),
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
            mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
            advisory: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
            remediated: diagnostics.filter((d) => d.enforcementLevel === "remediate").length,
        },
        exitCode,
        timings: plan.timings,
    };
}
