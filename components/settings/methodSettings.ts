/** MethodSettings: the stage-wide `*` `/` `*` entry and one per method override. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MethodOverrideSettings } from "../contract";
import { STAGE_WIDE_METHOD_PATH } from "../contract";
import type { Deferred, EffectiveRestApiSettings } from "../presets";
import { methodLoggingFor } from "../presets";

export interface MethodSettingsResources {
    methodSettings: aws.apigateway.MethodSettings;
    overrides: aws.apigateway.MethodSettings[];
}

/** `/orders/{id}` + `GET` gives `orders-id-get`, for the child's name; the root `/` is `root`. */
export function overrideSlug(path: string, method: string): string {
    const slug = `${path === "/" ? "root" : path}-${method === "*" ? "all" : method}`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return slug;
}

function cacheFields(cachingEnabled: boolean, caching: EffectiveRestApiSettings["caching"]) {
    return cachingEnabled
        ? { cachingEnabled: true, cacheTtlInSeconds: caching.ttlSeconds, cacheDataEncrypted: caching.encrypted }
        : { cachingEnabled: false };
}

/**
 * Build the MethodSettings. `stageName` must be the Stage's output, so that they wait for the stage to exist. Levels
 * arrive already validated; DEBUG becomes INFO plus data trace. Each override's `methodPath` is the JSON-pointer form
 * API Gateway applies (`~1orders~1{id}/GET`), never the bare path it would store and ignore.
 */
export function createMethodSettings(
    name: string,
    parent: pulumi.Resource,
    restApiId: pulumi.Input<string>,
    stageName: pulumi.Output<string>,
    settings: EffectiveRestApiSettings,
    overrides: MethodOverrideSettings<Deferred>[],
): MethodSettingsResources {
    const logging = (level: pulumi.Input<string>) => pulumi.output(level).apply(methodLoggingFor);
    const stageLogging = logging(settings.executionLogging.level);
    const methodSettings = new aws.apigateway.MethodSettings(
        `${name}-method-settings`,
        {
            restApi: restApiId,
            stageName,
            methodPath: STAGE_WIDE_METHOD_PATH,
            settings: {
                loggingLevel: stageLogging.loggingLevel,
                dataTraceEnabled: stageLogging.dataTraceEnabled,
                metricsEnabled: settings.metricsEnabled,
                throttlingRateLimit: settings.throttling.rateLimit,
                throttlingBurstLimit: settings.throttling.burstLimit,
                ...cacheFields(settings.caching.enabled, settings.caching),
            },
        },
        { parent },
    );
    const overrideResources = overrides.map((o) => {
        const l = logging(o.loggingLevel);
        return new aws.apigateway.MethodSettings(
            `${name}-override-${overrideSlug(o.path, o.method)}`,
            {
                restApi: restApiId,
                stageName,
                methodPath: o.methodPath,
                settings: {
                    loggingLevel: l.loggingLevel,
                    dataTraceEnabled: l.dataTraceEnabled,
                    metricsEnabled: settings.metricsEnabled,
                    throttlingRateLimit: o.throttling.rateLimit,
                    throttlingBurstLimit: o.throttling.burstLimit,
                    ...cacheFields(o.cachingEnabled, settings.caching),
                },
            },
            // A method's settings refine the stage-wide ones; API Gateway applies them in either order, but a
            // reader of the plan should see the stage-wide entry first.
            { parent, dependsOn: [methodSettings] },
        );
    });
    return { methodSettings, overrides: overrideResources };
}
