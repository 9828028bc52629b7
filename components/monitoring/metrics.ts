/**
 * The metric factory: every CloudWatch metric and every piece of metric math the dashboard and the alarms use is
 * defined here, once. Alarms turn a metric or a math expression into `MetricAlarm` args; the dashboard turns the same
 * objects into graph rows.
 *
 * Generic over the value type `V` of the API name, stage and signal namespace, so that tests call it with plain
 * strings and the resource code with `pulumi.Input<string>`: nothing here concatenates a `V`, which keeps Outputs out
 * of template literals.
 */
import { API_GATEWAY_NAMESPACE, SIGNAL_NAMESPACE_PREFIX } from "../contract";

export { API_GATEWAY_NAMESPACE };

/** One period for every widget and alarm: 5 minutes. */
export const PERIOD_SECONDS = 300;

/** The REST API metrics this project watches. */
export const RestMetric = {
    Count: "Count",
    ClientError: "4XXError",
    ServerError: "5XXError",
    Latency: "Latency",
    IntegrationLatency: "IntegrationLatency",
    CacheHitCount: "CacheHitCount",
    CacheMissCount: "CacheMissCount",
} as const;

/** Metrics that API Gateway does not publish and that the access-log metric filters derive (see `metricFilters.ts`). */
export enum AccessLogSignal {
    Throttled = "Throttled429",
    BadGateway = "BadGateway502",
    GatewayTimeout = "GatewayTimeout504",
    IntegrationTimeout = "IntegrationTimeout",
}

/** Human labels of the access-log signals, shared by the dashboard, alarms and docs. */
export const SIGNAL_LABELS: Record<AccessLogSignal, string> = {
    [AccessLogSignal.Throttled]: "429 throttled",
    [AccessLogSignal.BadGateway]: "502 bad gateway",
    [AccessLogSignal.GatewayTimeout]: "504 gateway timeout",
    [AccessLogSignal.IntegrationTimeout]: "Integration timeouts",
};

/** CloudWatch caps a namespace at 255 characters. */
const MAX_NAMESPACE_LENGTH = 255;

/**
 * The namespace of the access-log signal metrics of one API: `ObservableApi/<api name>`, made safe. CloudWatch
 * namespaces allow letters, digits, `.`, `-`, `_`, `/`, `#` and spaces (and no `:`, `*` or `$`), up to 255
 * characters; an API brought by the caller can have any name, so every other character becomes `-` and a name too
 * long is cut and given a short hash of the full name, so that two long names never share a namespace.
 */
export function signalNamespace(apiName: string): string {
    const safe = `${SIGNAL_NAMESPACE_PREFIX}${apiName.replace(/[^A-Za-z0-9._\-/# ]/g, "-")}`;
    if (safe.length <= MAX_NAMESPACE_LENGTH) {
        return safe;
    }
    return `${safe.slice(0, MAX_NAMESPACE_LENGTH - 9)}-${fnv1a(apiName)}`;
}

/** 8 hex digits of FNV-1a: a stable short hash with no dependency, for names that must be cut. */
export function fnv1a(text: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, "0");
}

/** CloudWatch statistics used here: plain ones, or a percentile (an extended statistic). */
export type Statistic = "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" | Percentile;
export type Percentile = "p50" | "p90" | "p99";

export function isPercentile(stat: Statistic): stat is Percentile {
    return /^p\d+(\.\d+)?$/.test(stat);
}

/** One metric, as both a dashboard row and an alarm need it. */
export interface MetricSpec<V = string> {
    kind: "metric";
    namespace: V;
    metricName: string;
    /** Ordered: REST metrics are keyed on ApiName then Stage, v2 metrics on ApiId then Stage. */
    dimensions: { name: string; value: V }[];
    stat: Statistic;
    period: number;
    label: string;
}

/** Metric math over named metrics: `100*m5xx/mcount` with `m5xx` and `mcount` defined. */
export interface MathSpec<V = string> {
    kind: "math";
    /** The expression's id, as alarms and widgets name it. */
    id: string;
    expression: string;
    label: string;
    /** The metrics the expression reads, by their ids in it. */
    usingMetrics: Record<string, MetricSpec<V>>;
}

/** A metric with the API's own dimensions. */
export function metric<V>(
    namespace: V,
    metricName: string,
    dimensions: { name: string; value: V }[],
    stat: Statistic,
    label: string,
): MetricSpec<V> {
    return { kind: "metric", namespace, metricName, dimensions, stat, period: PERIOD_SECONDS, label };
}

/** `100*errors/requests`: a rate in percent, from two counts summed over the same period. */
export function percentOf<V>(
    id: string,
    label: string,
    part: [string, MetricSpec<V>],
    whole: [string, MetricSpec<V>],
): MathSpec<V> {
    return {
        kind: "math",
        id,
        expression: `100*${part[0]}/${whole[0]}`,
        label,
        usingMetrics: { [part[0]]: part[1], [whole[0]]: whole[1] },
    };
}

/** Builds the metrics of one REST API stage. */
export class RestMetrics<V = string> {
    /**
     * @param apiName The RestApi's `name`. REST metrics use the ApiName dimension, not ApiId: an alarm on ApiId sits
     *   in INSUFFICIENT_DATA for ever (API Gateway developer guide, "API Gateway dimensions").
     * @param stageName The stage.
     * @param namespaceOfSignals `signalNamespace(apiName)`, computed by the caller.
     */
    constructor(
        private readonly apiName: V,
        private readonly stageName: V,
        private readonly namespaceOfSignals: V,
        private readonly namespace: V = API_GATEWAY_NAMESPACE as V,
    ) {}

    /** Every request the stage received. */
    count(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(RestMetric.Count, stat, "Requests");
    }

    clientErrors(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(RestMetric.ClientError, stat, "4XX");
    }

    serverErrors(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(RestMetric.ServerError, stat, "5XX");
    }

    /** Client request to API Gateway response: authorisation, caching and mapping on top of the integration. */
    latency(stat: Statistic): MetricSpec<V> {
        return this.gateway(RestMetric.Latency, stat, `Latency ${stat}`);
    }

    /** Request sent to the backend until its reply. */
    integrationLatency(stat: Statistic): MetricSpec<V> {
        return this.gateway(RestMetric.IntegrationLatency, stat, `IntegrationLatency ${stat}`);
    }

    cacheHits(): MetricSpec<V> {
        return this.gateway(RestMetric.CacheHitCount, "Sum", "Cache hits");
    }

    cacheMisses(): MetricSpec<V> {
        return this.gateway(RestMetric.CacheMissCount, "Sum", "Cache misses");
    }

    /** 5XX responses as a percentage of requests. */
    serverErrorRate(): MathSpec<V> {
        return percentOf("e5xxrate", "5XX rate (%)", ["m5xx", this.serverErrors()], ["mcount", this.count()]);
    }

    /** 4XX responses as a percentage of requests. */
    clientErrorRate(): MathSpec<V> {
        return percentOf("e4xxrate", "4XX rate (%)", ["m4xx", this.clientErrors()], ["mcount", this.count()]);
    }

    /** Cache hits as a percentage of cache lookups. */
    cacheHitRatio(): MathSpec<V> {
        return {
            kind: "math",
            id: "ehitratio",
            expression: "100*mhit/(mhit+mmiss)",
            label: "Cache hit ratio (%)",
            usingMetrics: { mhit: this.cacheHits(), mmiss: this.cacheMisses() },
        };
    }

    /**
     * Time spent in API Gateway itself (authorizers, mapping templates, WAF): Latency minus IntegrationLatency. Averages
     * subtract; percentiles do not, so this is average minus average.
     */
    gatewayOverhead(): MathSpec<V> {
        return {
            kind: "math",
            id: "eoverhead",
            expression: "mlatency - mintegration",
            label: "Gateway overhead (ms)",
            usingMetrics: { mlatency: this.latency("Average"), mintegration: this.integrationLatency("Average") },
        };
    }

    /** A metric published by an access-log metric filter: no dimensions, one namespace per API. */
    accessLogSignal(signal: AccessLogSignal): MetricSpec<V> {
        return metric(this.namespaceOfSignals, signal, [], "Sum", SIGNAL_LABELS[signal]);
    }

    private gateway(metricName: string, stat: Statistic, label: string): MetricSpec<V> {
        return metric(
            this.namespace,
            metricName,
            [
                { name: "ApiName", value: this.apiName },
                { name: "Stage", value: this.stageName },
            ],
            stat,
            label,
        );
    }
}

/** A factory over plain strings, for the pure builders (dashboard body) and tests. */
export function restMetricsFor(apiName: string, stageName: string): RestMetrics<string> {
    return new RestMetrics(apiName, stageName, signalNamespace(apiName));
}

/** Dimensions as the `MetricAlarm` resource wants them. */
export function dimensionMap<V>(spec: MetricSpec<V>): Record<string, V> {
    const out: Record<string, V> = {};
    for (const d of spec.dimensions) {
        out[d.name] = d.value;
    }
    return out;
}

/** A metric of an HTTP or WebSocket API stage: v2 metrics are keyed on ApiId then Stage, never ApiName. */
function v2Metric<V>(
    namespace: V,
    metricName: string,
    apiId: V,
    stageName: V,
    stat: Statistic,
    label: string,
): MetricSpec<V> {
    return metric(
        namespace,
        metricName,
        [
            { name: "ApiId", value: apiId },
            { name: "Stage", value: stageName },
        ],
        stat,
        label,
    );
}

/**
 * The HTTP API metrics this project watches. The error metrics are lower case, `4xx` and `5xx`, unlike REST's
 * `4XXError` and `5XXError` (API Gateway developer guide, "Monitor CloudWatch metrics for HTTP APIs").
 */
export const HttpMetric = {
    Count: "Count",
    ClientError: "4xx",
    ServerError: "5xx",
    Latency: "Latency",
    IntegrationLatency: "IntegrationLatency",
    DataProcessed: "DataProcessed",
} as const;

/**
 * What the HTTP access-log metric filters derive. HTTP APIs answer an integration that ran past its timeout with a
 * 503, where REST answers 504 (see `SAMPLE_HTTP_INTEGRATION_TIMEOUT`).
 */
export enum HttpAccessLogSignal {
    Throttled = "Throttled429",
    BadGateway = "BadGateway502",
    ServiceUnavailable = "ServiceUnavailable503",
}

export const HTTP_SIGNAL_LABELS: Record<HttpAccessLogSignal, string> = {
    [HttpAccessLogSignal.Throttled]: "429 throttled",
    [HttpAccessLogSignal.BadGateway]: "502 bad gateway",
    [HttpAccessLogSignal.ServiceUnavailable]: "503 unavailable or timed out",
};

/** Builds the metrics of one HTTP API stage. */
export class HttpMetrics<V = string> {
    /**
     * @param apiId The Api's id: HTTP metrics use the ApiId dimension.
     * @param stageName The stage, `$default` included, as CloudWatch's Stage dimension names it.
     * @param namespaceOfSignals `signalNamespace(apiName)`, computed by the caller.
     */
    constructor(
        private readonly apiId: V,
        private readonly stageName: V,
        private readonly namespaceOfSignals: V,
        private readonly namespace: V = API_GATEWAY_NAMESPACE as V,
    ) {}

    count(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(HttpMetric.Count, stat, "Requests");
    }

    clientErrors(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(HttpMetric.ClientError, stat, "4xx");
    }

    serverErrors(stat: Statistic = "Sum"): MetricSpec<V> {
        return this.gateway(HttpMetric.ServerError, stat, "5xx");
    }

    latency(stat: Statistic): MetricSpec<V> {
        return this.gateway(HttpMetric.Latency, stat, `Latency ${stat}`);
    }

    integrationLatency(stat: Statistic): MetricSpec<V> {
        return this.gateway(HttpMetric.IntegrationLatency, stat, `IntegrationLatency ${stat}`);
    }

    /** Bytes processed, request and response together. */
    dataProcessed(): MetricSpec<V> {
        return this.gateway(HttpMetric.DataProcessed, "Sum", "Data processed (bytes)");
    }

    serverErrorRate(): MathSpec<V> {
        return percentOf("e5xxrate", "5xx rate (%)", ["m5xx", this.serverErrors()], ["mcount", this.count()]);
    }

    clientErrorRate(): MathSpec<V> {
        return percentOf("e4xxrate", "4xx rate (%)", ["m4xx", this.clientErrors()], ["mcount", this.count()]);
    }

    /** Time spent in API Gateway itself (authorizers, parameter mapping): averages subtract, percentiles do not. */
    gatewayOverhead(): MathSpec<V> {
        return {
            kind: "math",
            id: "eoverhead",
            expression: "mlatency - mintegration",
            label: "Gateway overhead (ms)",
            usingMetrics: { mlatency: this.latency("Average"), mintegration: this.integrationLatency("Average") },
        };
    }

    accessLogSignal(signal: HttpAccessLogSignal): MetricSpec<V> {
        return metric(this.namespaceOfSignals, signal, [], "Sum", HTTP_SIGNAL_LABELS[signal]);
    }

    private gateway(metricName: string, stat: Statistic, label: string): MetricSpec<V> {
        return v2Metric(this.namespace, metricName, this.apiId, this.stageName, stat, label);
    }
}

/** An HTTP metric factory over plain strings. */
export function httpMetricsFor(apiId: string, stageName: string, apiName: string): HttpMetrics<string> {
    return new HttpMetrics(apiId, stageName, signalNamespace(apiName));
}

/**
 * The WebSocket API metrics. There is no Count, Latency, 4xx or 5xx: connections and messages are counted, and
 * errors are split by where they happened (API Gateway developer guide, "Monitor WebSocket API execution with
 * CloudWatch metrics").
 */
export const WebSocketMetric = {
    ConnectCount: "ConnectCount",
    MessageCount: "MessageCount",
    ClientError: "ClientError",
    IntegrationError: "IntegrationError",
    ExecutionError: "ExecutionError",
    IntegrationLatency: "IntegrationLatency",
} as const;

/** What the WebSocket access-log metric filters derive. */
export enum WebSocketAccessLogSignal {
    Throttled = "Throttled429",
    FailedConnects = "FailedConnects",
}

export const WEBSOCKET_SIGNAL_LABELS: Record<WebSocketAccessLogSignal, string> = {
    [WebSocketAccessLogSignal.Throttled]: "429 throttled messages",
    [WebSocketAccessLogSignal.FailedConnects]: "Failed connects",
};

/** Builds the metrics of one WebSocket API stage. */
export class WebSocketMetrics<V = string> {
    constructor(
        private readonly apiId: V,
        private readonly stageName: V,
        private readonly namespaceOfSignals: V,
        private readonly namespace: V = API_GATEWAY_NAMESPACE as V,
    ) {}

    /** Messages sent to the `$connect` route's integration: connection attempts. */
    connects(): MetricSpec<V> {
        return this.gateway(WebSocketMetric.ConnectCount, "Sum", "Connects");
    }

    /** Messages sent to the API, from or to clients. */
    messages(): MetricSpec<V> {
        return this.gateway(WebSocketMetric.MessageCount, "Sum", "Messages");
    }

    /** 4XX answered by API Gateway before the integration ran. */
    clientErrors(): MetricSpec<V> {
        return this.gateway(WebSocketMetric.ClientError, "Sum", "Client errors");
    }

    /** 4XX or 5XX returned by the integration. */
    integrationErrors(): MetricSpec<V> {
        return this.gateway(WebSocketMetric.IntegrationError, "Sum", "Integration errors");
    }

    /** Errors calling the integration (it could not be invoked at all). */
    executionErrors(): MetricSpec<V> {
        return this.gateway(WebSocketMetric.ExecutionError, "Sum", "Execution errors");
    }

    /** Not reported for mock integrations or callbacks. */
    integrationLatency(stat: Statistic): MetricSpec<V> {
        return this.gateway(WebSocketMetric.IntegrationLatency, stat, `IntegrationLatency ${stat}`);
    }

    integrationErrorRate(): MathSpec<V> {
        return percentOf(
            "eintrate",
            "Integration error rate (%)",
            ["mint", this.integrationErrors()],
            ["mmsg", this.messages()],
        );
    }

    clientErrorRate(): MathSpec<V> {
        return percentOf("eclirate", "Client error rate (%)", ["mcli", this.clientErrors()], ["mmsg", this.messages()]);
    }

    executionErrorRate(): MathSpec<V> {
        return percentOf(
            "eexecrate",
            "Execution error rate (%)",
            ["mexec", this.executionErrors()],
            ["mmsg", this.messages()],
        );
    }

    accessLogSignal(signal: WebSocketAccessLogSignal): MetricSpec<V> {
        return metric(this.namespaceOfSignals, signal, [], "Sum", WEBSOCKET_SIGNAL_LABELS[signal]);
    }

    private gateway(metricName: string, stat: Statistic, label: string): MetricSpec<V> {
        return v2Metric(this.namespace, metricName, this.apiId, this.stageName, stat, label);
    }
}

/** A WebSocket metric factory over plain strings. */
export function webSocketMetricsFor(apiId: string, stageName: string, apiName: string): WebSocketMetrics<string> {
    return new WebSocketMetrics(apiId, stageName, signalNamespace(apiName));
}
