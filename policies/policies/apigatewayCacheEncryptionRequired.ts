import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateStackWithTemplates, validateWithTemplates } from "../lib/embedded";
import { carriesSettings } from "../lib/settings";
import { setting, settingsOf } from "../lib/settings";
import { Findings, UNKNOWN } from "../lib/unknowns";
import { got, isOn } from "../lib/values";

/**
 * Caching on means cache data encrypted.
 *
 * Severity: medium. Enforcement: advisory, in every stack.
 * Framework: AWS Security Hub APIGateway.5 ("API Gateway REST API cache data should be encrypted at rest").
 */
export const apigatewayCacheEncryptionRequired: ResourceValidationPolicy &
    Pick<StackValidationPolicy, "validateStack"> = {
    name: "apigateway-cache-encryption-required",
    description:
        "Where API Gateway caching is on, the cache data must be encrypted at rest (AWS Security Hub APIGateway.5).",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: {} },
    framework: {
        name: "AWS Security Hub",
        version: "1.0",
        reference: "APIGateway.5",
        specification: "API Gateway REST API cache data should be encrypted at rest",
    },
    remediationSteps:
        "On ObservableRestApi leave caching.encrypted at true whenever caching.enabled or a methodOverrides entry's " +
        "cachingEnabled is true. On a MethodSettings set settings.cacheDataEncrypted to true with " +
        "settings.cachingEnabled; on aws-native stages and deployments set cacheDataEncrypted in every methodSettings " +
        "entry (and stageDescription) that sets cachingEnabled.",
    validateResource: validateWithTemplates(applies, judge),
    validateStack: validateStackWithTemplates(applies, judge),
};

function applies(type: string): boolean {
    return carriesSettings(type);
}

function judge(type: string, props: unknown, findings: Findings): void {
    const resource = settingsOf(type, props);
    if (resource === undefined) {
        return;
    }
    resource.unknownPaths.forEach((path) => findings.unknown(path));
    resource.unreadable.forEach((what) => findings.cannotRead(what));
    // A component's method override has no encryption switch of its own: the stage's caching.encrypted applies.
    const stageBlock = resource.blocks.find((b) => b.stageWide() === true && setting(b, "cacheEncrypted"));
    for (const block of resource.blocks) {
        const caching = setting(block, "caching");
        if (!caching) {
            continue;
        }
        if (caching.value === UNKNOWN) {
            findings.unknown(caching.path);
            continue;
        }
        if (!isOn(caching.value)) {
            continue;
        }
        const encrypted = setting(block, "cacheEncrypted") ?? (stageBlock && setting(stageBlock, "cacheEncrypted"));
        if (!encrypted) {
            continue;
        }
        if (encrypted.value === UNKNOWN) {
            findings.unknown(encrypted.path);
        } else if (!isOn(encrypted.value)) {
            findings.violation(`${encrypted.path} must be true when ${caching.path} is true, ${got(encrypted.value)}.`);
        }
    }
}
