/**
 * The compiled pack served as the engine serves it (run-policy-pack in the pack's directory), for the specs that
 * talk the analyzer protocol. One served pack per describe block: spawning one costs about a second.
 */
import * as path from "path";
import { reconcilePolicyConfig } from "../../tools/lib/analyze";
import type { PolicyPackConfigInput } from "../../tools/lib/analyze";
import { ensureBuilt } from "../../tools/lib/freshness";
import { PolicyPackHost } from "../../tools/lib/policyPackHost";
import type { AnalyzeResource, AnalyzeResult, AnalyzerInfo, Diagnostic } from "../../tools/lib/policyPackHost";
import { policies } from "../../policies/policies";
import { PROJECT, urnOf } from "./harness";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PACK_DIR = path.join(ROOT, "policies");
export const ORGANIZATION = "acme";

/** A resource as the engine sends it to Analyze and AnalyzeStack, linked by name. */
export interface Sent {
    type: string;
    name: string;
    props: Record<string, any>;
    /** The parent's name. */
    parent?: string;
    /** propertyDependencies, by the names of the resources depended on. */
    deps?: Record<string, string[]>;
}

/** What a spec asserts of a diagnostic: the policy, its level, the message after the description, and the URN. */
export type Seen = [policy: string, level: string, message: string, urn: string];

const descriptions = new Map(policies.map((p) => [p.name, p.description]));

/**
 * The SDK sends a violation as `<description>\n<message>`, and the preview advisory for an UnknownValueError as the
 * bare `can't run policy …` line; the specs assert the message, and that a violation carries its policy's description.
 */
export function seen(diagnostics: Diagnostic[]): Seen[] {
    return diagnostics.map((d) => {
        const prefix = `${descriptions.get(d.policyName)}\n`;
        const advisory = d.message.startsWith(`can't run policy '${d.policyName}' `);
        if (!advisory && !d.message.startsWith(prefix)) {
            throw new Error(`${d.policyName}: the message does not start with the policy's description: ${d.message}`);
        }
        return [d.policyName, d.enforcementLevel, advisory ? d.message : d.message.slice(prefix.length), d.urn];
    });
}

export class ServedPack {
    private stackName = "prod";

    private constructor(
        readonly host: PolicyPackHost,
        readonly info: AnalyzerInfo,
    ) {}

    /** Build policies/bin when it is stale, serve it, and configure it as the engine does with no config file. */
    static async start(): Promise<ServedPack> {
        const log: string[] = [];
        ensureBuilt(PACK_DIR, ROOT, (line) => log.push(line));
        const host = await PolicyPackHost.serve(PACK_DIR, {
            root: ROOT,
            context: { project: PROJECT, stack: "prod", organization: ORGANIZATION, dryRun: true },
        });
        const pack = new ServedPack(host, await host.getAnalyzerInfo());
        await pack.configure();
        await pack.stack("prod");
        return pack;
    }

    /** Configure every policy from a `--policy-pack-config` document, reconciled as the CLI reconciles it. */
    async configure(input: PolicyPackConfigInput = {}): Promise<void> {
        await this.host.configure(reconcilePolicyConfig(this.info, input));
    }

    /** ConfigureStack: the stack every following resource is in, and its tags. */
    async stack(name: string, tags: Record<string, string> = {}): Promise<void> {
        this.stackName = name;
        await this.host.configureStack({
            stack: name,
            project: PROJECT,
            organization: ORGANIZATION,
            dryRun: true,
            tags,
        });
    }

    urn(type: string, name: string): string {
        return urnOf(this.stackName, type, name);
    }

    private resources(sent: Sent[]): AnalyzeResource[] {
        const urns = new Map(sent.map((s) => [s.name, this.urn(s.type, s.name)]));
        const urnOfName = (name: string) => {
            const urn = urns.get(name);
            if (urn === undefined) {
                throw new Error(`no resource named ${name} in the stack`);
            }
            return urn;
        };
        return sent.map((s) => {
            const propertyDependencies = Object.fromEntries(
                Object.entries(s.deps ?? {}).map(([property, names]) => [property, names.map(urnOfName)]),
            );
            return {
                type: s.type,
                name: s.name,
                urn: urnOfName(s.name),
                properties: s.props,
                parent: s.parent === undefined ? undefined : urnOfName(s.parent),
                dependencies: [...new Set(Object.values(propertyDependencies).flat())],
                propertyDependencies,
            };
        });
    }

    /** Analyze one resource's inputs. */
    async analyze(type: string, name: string, props: Record<string, any>): Promise<Seen[]> {
        return seen(
            (await this.host.analyze({ type, name, urn: this.urn(type, name), properties: props })).diagnostics,
        );
    }

    /**
     * Analyze every resource, then AnalyzeStack, as the engine does in one preview; returns what AnalyzeStack reported
     * (what the Analyze calls reported is theirs to assert).
     */
    async preview(sent: Sent[]): Promise<Seen[]> {
        return (await this.previewAll(sent)).stack;
    }

    /**
     * Analyze every resource in order, each with its parent's URN in its options as the engine sends it, then
     * AnalyzeStack; returns what each Analyze call reported, by resource name, and what AnalyzeStack reported.
     */
    async previewAll(sent: Sent[]): Promise<{ analyzed: Record<string, Seen[]>; stack: Seen[] }> {
        const resources = this.resources(sent);
        const analyzed: Record<string, Seen[]> = {};
        for (const r of resources) {
            analyzed[r.name] = seen((await this.host.analyze(r)).diagnostics);
        }
        const result: AnalyzeResult = await this.host.analyzeStack(resources);
        return { analyzed, stack: seen(result.diagnostics) };
    }

    async close(): Promise<void> {
        await this.host.close();
    }
}
