/**
 * The metric factory: every CloudWatch metric the dashboard and the alarms use is defined here, once.
 *
 * Functions are generic over the value type `V` of the API name, stage and signal namespace, so that tests call
 * them with plain strings and the resource code calls them with `pulumi.Input<string>`: nothing here ever
 * concatenates a `V`, which is what keeps Outputs out of template literals.
 */

/** Namespace of the metrics API Gateway publishes for REST APIs. */
export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

/** One period for every widget and alarm: the seeds' 5 minutes. */
export const PERIOD_SECONDS = 300;

/** The REST API metrics this project watches. */
export enum ApiGatewayMetric {
    Count = "Count",
    ClientError = "4XXError",
    ServerError = "5XXError",
    Latency = "Latency",
    IntegrationLatency = "IntegrationLatency",
    CacheHitCount = "CacheHitCount",
    CacheMissCount = "CacheMissCount",
}

/** Metrics that API Gateway does not publish and that the access-log metric filters derive (see `metricFilters.ts`). */
export enum AccessLogSignal {
    Throttled = "Throttled429",
    BadGateway = "BadGateway502",
    GatewayTimeout = "GatewayTimeout504",
    IntegrationTimeout = "IntegrationTimeout",
}

/** Namespace of the access-log signal metrics of one API. */
export function accessLogNamespace(apiName: string): string {
    return `ObservableApi/${apiName}`;
}

/** CloudWatch statistics used here: plain ones, or a percentile (an extended statistic). */
export type Statistic = "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" | Percentile;
export type Percentile = "p50" | "p90" | "p99";

export function isPercentile(stat: Statistic): stat is Percentile {
    return /^p\d+(\.\d+)?$/.test(stat);
}

/** One metric, as both a dashboard row and an alarm need it. */
export interface MetricSpec<V = string> {
    namespace: V;
    metricName: string;
    /** Ordered: REST metrics are keyed on ApiName then Stage. */
    dimensions: { name: string; value: V }[];
    stat: Statistic;
    period: number;
    label: string;
}

/** Builds the metrics of one REST API stage. */
export class ApiGatewayMetricFactory<V = string> {
    /**
     * @param apiName The RestApi's `name`. REST metrics use the ApiName dimension, not ApiId: an alarm on ApiId
     *   sits in INSUFFICIENT_DATA for ever.
     * @param stageName The stage.
     * @param signalNamespace `accessLogNamespace(apiName)`, computed by the caller.
     */
    constructor(
        private readonly namespace: V,
        private readonly apiName: V,
        private readonly stageName: V,
        private readonly signalNamespace: V,
    ) {}

    /** Every request the stage received. */
    count(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.Count, stat, "Requests");
    }

    clientErrors(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.ClientError, stat, "4XX");
    }

    serverErrors(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.ServerError, stat, "5XX");
    }

    /** Client request to API Gateway response: authorisation, caching and mapping on top of the integration. */
    latency(stat: Statistic): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.Latency, stat, `Latency ${stat}`);
    }

    /** Request sent to the backend until its reply. */
    integrationLatency(stat: Statistic): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.IntegrationLatency, stat, `IntegrationLatency ${stat}`);
    }

    cacheHits(): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.CacheHitCount, "Sum", "Cache hits");
    }

    cacheMisses(): MetricSpec<V> {
        return this.gateway(ApiGatewayMetric.CacheMissCount, "Sum", "Cache misses");
    }

    /** A metric published by an access-log metric filter: no dimensions, one namespace per API. */
    accessLogSignal(signal: AccessLogSignal): MetricSpec<V> {
        return {
            namespace: this.signalNamespace,
            metricName: signal,
            dimensions: [],
            stat: "Sum",
            period: PERIOD_SECONDS,
            label: SIGNAL_LABELS[signal],
        };
    }

    private gateway(metricName: ApiGatewayMetric, stat: Statistic, label: string): MetricSpec<V> {
        return {
            namespace: this.namespace,
            metricName,
            dimensions: [
                { name: "ApiName", value: this.apiName },
                { name: "Stage", value: this.stageName },
            ],
            stat,
            period: PERIOD_SECONDS,
            label,
        };
    }
}

/** Human labels of the access-log signals, shared by the dashboard, alarms and docs. */
export const SIGNAL_LABELS: Record<AccessLogSignal, string> = {
    [AccessLogSignal.Throttled]: "429 throttled",
    [AccessLogSignal.BadGateway]: "502 bad gateway",
    [AccessLogSignal.GatewayTimeout]: "504 gateway timeout",
    [AccessLogSignal.IntegrationTimeout]: "Integration timeouts",
};

/** A factory over plain strings, for the pure builders (dashboard body) and tests. */
export function metricsFor(apiName: string, stageName: string): ApiGatewayMetricFactory<string> {
    return new ApiGatewayMetricFactory(API_GATEWAY_NAMESPACE, apiName, stageName, accessLogNamespace(apiName));
}

/** Dimensions as the `MetricAlarm` resource wants them. */
export function dimensionMap<V>(metric: MetricSpec<V>): Record<string, V> {
    const out: Record<string, V> = {};
    for (const d of metric.dimensions) {
        out[d.name] = d.value;
    }
    return out;
}
