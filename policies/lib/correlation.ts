/**
 * Which classic MethodSettings belong to which classic REST Stage. A Stage carries no method settings of its own,
 * so the stack policies find them here, in one pass, the same way for every policy.
 *
 * A MethodSettings belongs to a Stage when it depends on the Stage (propertyDependencies.stageName), or names the
 * same RestApi (by dependency or known id) and the same stage name. During a preview ids are often unknown; the
 * dependencies still correlate, and a MethodSettings whose restApi or stageName is unknown "might" belong to a stage
 * only when nothing it is known to depend on rules that out (a dependency on another RestApi, a different known
 * id or stage name).
 */
import type { PolicyResource } from "@pulumi/policy";
import { METHOD_SETTINGS, REST_STAGE } from "./types";
import { read, UNKNOWN } from "./unknowns";

/** The URNs a resource's property depends on. */
export function dependencyUrns(resource: PolicyResource, property: string): string[] {
    const deps = resource.propertyDependencies?.[property];
    return Array.isArray(deps) ? deps.map((d) => d.urn) : [];
}

interface Keys {
    restApi: unknown;
    stageName: unknown;
    restApiDeps: string[];
    stageDeps: string[];
}

function keysOf(resource: PolicyResource): Keys {
    return {
        restApi: read(resource.props, "restApi"),
        stageName: read(resource.props, "stageName"),
        restApiDeps: dependencyUrns(resource, "restApi"),
        stageDeps: dependencyUrns(resource, "stageName"),
    };
}

const known = (v: unknown): v is string => typeof v === "string";

/** Whether `ms` is certainly the stage's, certainly not, or might be (a deciding value is unknown). */
function relation(stage: PolicyResource, s: Keys, ms: Keys): "yes" | "no" | "maybe" {
    if (ms.stageDeps.includes(stage.urn)) {
        return "yes";
    }
    // Same API: a shared RestApi dependency, or equal known ids.
    let api: "yes" | "no" | "maybe";
    if (ms.restApiDeps.length > 0 && s.restApiDeps.length > 0) {
        api = ms.restApiDeps.some((u) => s.restApiDeps.includes(u)) ? "yes" : "no";
    } else if (known(ms.restApi) && known(s.restApi)) {
        api = ms.restApi === s.restApi ? "yes" : "no";
    } else {
        api = ms.restApi === UNKNOWN || s.restApi === UNKNOWN ? "maybe" : "no";
    }
    if (api === "no") {
        return "no";
    }
    // Same stage name, or a dependency on another stage's name.
    let name: "yes" | "no" | "maybe";
    if (ms.stageDeps.length > 0) {
        name = "no";
    } else if (known(ms.stageName) && known(s.stageName)) {
        name = ms.stageName === s.stageName ? "yes" : "no";
    } else {
        name = ms.stageName === UNKNOWN || s.stageName === UNKNOWN ? "maybe" : "no";
    }
    if (name === "no") {
        return "no";
    }
    return api === "yes" && name === "yes" ? "yes" : "maybe";
}

/** One classic stage and the MethodSettings that belong to it. */
export interface StageSettings {
    stage: PolicyResource;
    /** The MethodSettings that certainly belong to the stage. */
    settings: PolicyResource[];
    /** A MethodSettings whose keys are unknown might belong to it too. */
    maybe: boolean;
}

/**
 * Every classic REST Stage with its MethodSettings. Linear in practice: MethodSettings are indexed by the stage
 * they depend on and by their known (id, stage name) key; only those whose keys are unknown are compared one by one.
 */
export function stageSettings(resources: readonly PolicyResource[]): StageSettings[] {
    const stages: PolicyResource[] = [];
    const byStageUrn = new Map<string, PolicyResource[]>();
    const byKey = new Map<string, PolicyResource[]>();
    const undecided: { resource: PolicyResource; keys: Keys }[] = [];
    const push = (index: Map<string, PolicyResource[]>, key: string, r: PolicyResource) => {
        const list = index.get(key);
        if (list) {
            list.push(r);
        } else {
            index.set(key, [r]);
        }
    };
    for (const resource of resources) {
        if (resource.type === REST_STAGE) {
            stages.push(resource);
        } else if (resource.type === METHOD_SETTINGS) {
            const keys = keysOf(resource);
            keys.stageDeps.forEach((urn) => push(byStageUrn, urn, resource));
            if (keys.stageDeps.length === 0) {
                if (known(keys.restApi) && known(keys.stageName) && keys.restApiDeps.length === 0) {
                    push(byKey, `${keys.restApi}\u0000${keys.stageName}`, resource);
                } else {
                    undecided.push({ resource, keys });
                }
            }
        }
    }
    return stages.map((stage) => {
        const s = keysOf(stage);
        const found = new Set<PolicyResource>(byStageUrn.get(stage.urn) ?? []);
        if (known(s.restApi) && known(s.stageName)) {
            byKey.get(`${s.restApi}\u0000${s.stageName}`)?.forEach((r) => found.add(r));
        }
        let maybe = false;
        for (const { resource, keys } of undecided) {
            const r = relation(stage, s, keys);
            if (r === "yes") {
                found.add(resource);
            } else if (r === "maybe") {
                maybe = true;
            }
        }
        // A known-key MethodSettings may still belong to a stage whose own keys are unknown.
        if (!(known(s.restApi) && known(s.stageName)) && byKey.size > 0) {
            for (const list of byKey.values()) {
                for (const resource of list) {
                    const r = relation(stage, s, keysOf(resource));
                    if (r === "yes") {
                        found.add(resource);
                    } else if (r === "maybe") {
                        maybe = true;
                    }
                }
            }
        }
        return { stage, settings: [...found], maybe };
    });
}
