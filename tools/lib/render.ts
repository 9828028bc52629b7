/**
 * Print a plan the way `pulumi preview --policy-pack` prints it: the resource tree under its parents, the policy
 * verdicts per pack and level, the resource summary, then what the offline plan adds (per-type counts, secrets
 * that stayed placeholders, and the time each phase took).
 */
import type { PackResult, PlanDiagnostic } from "./analyze";
import type { RecordedResource } from "./mockRuntime";
import { ProgramMessage, UNKNOWN_OUTPUT } from "./runProgram";

export interface PhaseTimings {
    configMs: number;
    programMs: number;
    packStartMs: number;
    configureMs: number;
    analyzeMs: number;
    analyzeStackMs: number;
    totalMs: number;
}

export interface PlanResult {
    project: string;
    stack: string;
    /** The stack file read; undefined when the stack has none and previews with Pulumi.yaml's defaults. */
    configFile?: string;
    /** The stack tags the packs saw. */
    tags: Record<string, string>;
    /** Warnings of the plan itself (not of the program), such as config keys nobody reads. */
    warnings: string[];
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
    messages: ProgramMessage[];
    packs: PackResult[];
    placeholders: string[];
    timings: PhaseTimings;
}

const LEVEL_ORDER = ["mandatory", "remediate", "advisory", "disabled"];

/** Resources in tree order: each parent followed by its children, in registration order. */
export function treeRows(resources: RecordedResource[]): { resource: RecordedResource; prefix: string }[] {
    const urns = new Set(resources.map((r) => r.urn));
    const children = new Map<string, RecordedResource[]>();
    const roots: RecordedResource[] = [];
    for (const r of resources) {
        if (r.parent && urns.has(r.parent)) {
            const list = children.get(r.parent) ?? [];
            list.push(r);
            children.set(r.parent, list);
        } else {
            roots.push(r);
        }
    }
    const rows: { resource: RecordedResource; prefix: string }[] = [];
    const walk = (r: RecordedResource, indent: string, branch: string) => {
        rows.push({ resource: r, prefix: indent + branch });
        const kids = children.get(r.urn) ?? [];
        const nextIndent = branch === "" ? "" : indent + (branch === "└─ " ? "   " : "│  ");
        kids.forEach((kid, i) => walk(kid, nextIndent, i === kids.length - 1 ? "└─ " : "├─ "));
    };
    roots.forEach((r) => walk(r, "", ""));
    return rows;
}

function pad(text: string, width: number): string {
    return text + " ".repeat(Math.max(0, width - [...text].length));
}

export function formatMs(ms: number): string {
    return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}

/** Count of resources per type, largest first, then by type. */
export function countByType(resources: RecordedResource[]): [string, number][] {
    const counts = new Map<string, number>();
    resources.forEach((r) => counts.set(r.type, (counts.get(r.type) ?? 0) + 1));
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** An output as the CLI shows it in a preview: its value, or `output<string>` while only the cloud knows it. */
function describeOutput(value: unknown): string {
    return value === UNKNOWN_OUTPUT ? "output<string>" : JSON.stringify(value);
}

/** One problem: a diagnostic, and the same policy's diagnostics on resources inside the first one's component. */
export interface Problem {
    lead: PlanDiagnostic;
    /** The same policy at the same level on resources under `lead`'s resource: one setting, reported twice. */
    alsoOn: PlanDiagnostic[];
}

/**
 * Groups a pack's diagnostics into problems. A component registers its effective settings as its inputs and its
 * children carry the same settings, so one DEBUG setting is reported on the component and on its MethodSettings:
 * those are one problem, shown once with the child listed beneath it, and counted once.
 */
export function problems(diagnostics: PlanDiagnostic[], resources: RecordedResource[]): Problem[] {
    const parentOf = new Map(resources.map((r) => [r.urn, r.parent]));
    const key = (d: PlanDiagnostic, urn: string) => `${d.policyName}\u0000${d.enforcementLevel}\u0000${urn}`;
    const leads = new Map<string, Problem>();
    const result: Problem[] = [];
    for (const d of diagnostics) {
        let grouped = false;
        for (let p = parentOf.get(d.urn); p !== undefined; p = parentOf.get(p)) {
            const lead = leads.get(key(d, p));
            if (lead) {
                lead.alsoOn.push(d);
                grouped = true;
                break;
            }
        }
        if (!grouped) {
            const problem = { lead: d, alsoOn: [] };
            result.push(problem);
            if (!leads.has(key(d, d.urn))) {
                leads.set(key(d, d.urn), problem);
            }
        }
    }
    return result;
}

function diagnosticLines(d: PlanDiagnostic): string[] {
    const where = d.resourceType ? `  (${d.resourceType}: ${d.resourceName})` : "";
    const lines = [`        - [${d.enforcementLevel}]  ${d.policyName}${where}`];
    if (d.urn) {
        lines.push(`          ${d.urn}`);
    }
    for (const line of d.message.split("\n")) {
        lines.push(`          ${line}`);
    }
    return lines;
}

/** The text report. */
export function renderText(plan: PlanResult): string {
    const out: string[] = [];
    out.push(`Previewing update (${plan.stack}), offline: mock runtime, no cloud`);
    out.push("");
    const rows = treeRows(plan.resources);
    if (plan.configFile === undefined) {
        out.push(`The stack has no stack file; it previews with the defaults of Pulumi.yaml.`);
        out.push("");
    }
    const typeWidth = Math.max(4, ...rows.map((r) => [...(r.prefix + r.resource.type)].length)) + 2;
    const nameWidth = Math.max(4, ...rows.map((r) => r.resource.name.length)) + 2;
    out.push(`     ${pad("Type", typeWidth)}${pad("Name", nameWidth)}Plan`);
    for (const row of rows) {
        out.push(` +   ${pad(row.prefix + row.resource.type, typeWidth)}${pad(row.resource.name, nameWidth)}create`);
    }

    const messages = plan.messages.filter((m) => m.severity !== "debug");
    if (messages.length > 0 || plan.warnings.length > 0) {
        out.push("");
        out.push("Diagnostics:");
        const rootUrn = `urn:pulumi:${plan.stack}::${plan.project}::pulumi:pulumi:Stack::${plan.project}-${plan.stack}`;
        const byResource = new Map<string, ProgramMessage[]>();
        for (const m of messages) {
            const urn = m.urn ?? rootUrn;
            byResource.set(urn, [...(byResource.get(urn) ?? []), m]);
        }
        const names = new Map(plan.resources.map((r) => [r.urn, `${r.type} (${r.name})`]));
        // As the CLI: the Stack's own messages first, then each resource's, in the order they were logged.
        const urns = [...byResource.keys()].sort((a, b) => (a === rootUrn ? -1 : b === rootUrn ? 1 : 0));
        if (plan.warnings.length > 0 && !byResource.has(rootUrn)) {
            urns.unshift(rootUrn);
        }
        for (const urn of urns) {
            out.push(`  ${names.get(urn) ?? `pulumi:pulumi:Stack (${plan.project}-${plan.stack})`}:`);
            if (urn === rootUrn) {
                plan.warnings.forEach((w) => out.push(`    warning: ${w}`));
            }
            for (const m of byResource.get(urn) ?? []) {
                const prefix = m.severity === "info" ? "" : `${m.severity}: `;
                m.message.split("\n").forEach((line) => out.push(`    ${prefix}${line}`));
            }
        }
    }

    const outputs = Object.entries(plan.outputs);
    if (outputs.length > 0) {
        out.push("");
        out.push("Outputs:");
        const width = Math.max(...outputs.map(([k]) => k.length)) + 2;
        for (const [key, value] of outputs) {
            out.push(`    ${pad(`${key}:`, width)}${describeOutput(value)}`);
        }
    }

    out.push("");
    out.push("Policies:");
    for (const pack of plan.packs) {
        const mandatory = pack.diagnostics.some((d) => d.enforcementLevel === "mandatory");
        const mark = mandatory ? "❌" : pack.diagnostics.length > 0 ? "⚠️" : "✅";
        out.push(`    ${mark} ${pack.name}@v${pack.version} (${pack.source})`);
        const sorted = problems(pack.diagnostics, plan.resources).sort(
            (a, b) => LEVEL_ORDER.indexOf(a.lead.enforcementLevel) - LEVEL_ORDER.indexOf(b.lead.enforcementLevel),
        );
        for (const problem of sorted) {
            out.push(...diagnosticLines(problem.lead));
            for (const d of problem.alsoOn) {
                out.push(`          the same setting, also reported on ${d.resourceType}: ${d.resourceName}:`);
                d.message.split("\n").forEach((line) => out.push(`            ${line}`));
            }
        }
    }

    out.push("");
    out.push("Resources:");
    out.push(`    + ${plan.resources.length} to create`);
    out.push("");
    out.push("Resources by type:");
    const counts = countByType(plan.resources);
    const width = Math.max(...counts.map(([t]) => t.length), 4) + 2;
    counts.forEach(([type, n]) => out.push(`    ${pad(type, width)}${n}`));

    if (plan.placeholders.length > 0) {
        out.push("");
        out.push(
            `Secrets: ${plan.placeholders.join(", ")} cannot be decrypted offline; the program saw a placeholder instead.`,
        );
    }

    const t = plan.timings;
    out.push("");
    out.push(
        `Duration: ${formatMs(t.totalMs)} (config ${formatMs(t.configMs)}, program ${formatMs(t.programMs)}, ` +
            `pack start ${formatMs(t.packStartMs)} in parallel, configure ${formatMs(t.configureMs)}, ` +
            `analyze ${formatMs(t.analyzeMs)}, analyze stack ${formatMs(t.analyzeStackMs)})`,
    );
    return out.join("\n") + "\n";
}
