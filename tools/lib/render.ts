/**
 * Print a plan the way `pulumi preview --policy-pack` prints it: the resource tree under its parents, the policy
 * verdicts per pack and level, the resource summary, then what the offline plan adds (per-type counts, secrets
 * that stayed placeholders, and the time each phase took).
 */
import type { PackResult, PlanDiagnostic } from "./analyze";
import type { RecordedResource } from "./mockRuntime";
import type { ProgramMessage } from "./runProgram";

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
    configFile: string;
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

function describeOutput(value: unknown): string {
    if (value === undefined) {
        return "output<string>";
    }
    return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value);
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
    const typeWidth = Math.max(4, ...rows.map((r) => [...(r.prefix + r.resource.type)].length)) + 2;
    const nameWidth = Math.max(4, ...rows.map((r) => r.resource.name.length)) + 2;
    out.push(`     ${pad("Type", typeWidth)}${pad("Name", nameWidth)}Plan`);
    for (const row of rows) {
        out.push(` +   ${pad(row.prefix + row.resource.type, typeWidth)}${pad(row.resource.name, nameWidth)}create`);
    }

    const messages = plan.messages.filter((m) => m.severity !== "debug");
    if (messages.length > 0) {
        out.push("");
        out.push("Diagnostics:");
        out.push(`  pulumi:pulumi:Stack (${plan.project}-${plan.stack}):`);
        for (const m of messages) {
            const prefix = m.severity === "info" ? "" : `${m.severity}: `;
            m.message.split("\n").forEach((line) => out.push(`    ${prefix}${line}`));
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
        const sorted = [...pack.diagnostics].sort(
            (a, b) => LEVEL_ORDER.indexOf(a.enforcementLevel) - LEVEL_ORDER.indexOf(b.enforcementLevel),
        );
        sorted.forEach((d) => out.push(...diagnosticLines(d)));
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
