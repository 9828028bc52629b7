/**
 * Alarm definitions: pure data, built from the metric factory and typed thresholds. The resource code in
 * `createMonitoring.ts` turns each definition into one `aws.cloudwatch.MetricAlarm`, and the dashboard draws each
 * definition's threshold on the graph of its metric.
 */
import { Environment } from "../contract";
import type { AlarmThresholds, ResolvedThresholds } from "./types";
import {
    AccessLogSignal,
    MathSpec,
    MetricSpec,
    PERIOD_SECONDS,
    RestMetrics,
    dimensionMap,
    isPercentile,
} from "./metrics";

/**
 * Per-environment defaults: the one table every REST alarm threshold comes from. Production pages early; Staging and
 * Development tolerate more before anyone is woken.
 */
export const alarmDefaults: Readonly<Record<Environment, Readonly<ResolvedThresholds>>> = {
    [Environment.Production]: {
        serverErrorRatePercent: 1,
        serverErrorCount: 10,
        clientErrorRatePercent: 5,
        latencyP99Ms: 2000,
        integrationLatencyP99Ms: 1500,
        throttledRequests: 10,
        integrationTimeouts: 1,
        cacheHitRatioPercent: 50,
    },
    [Environment.Staging]: {
        serverErrorRatePercent: 2,
        serverErrorCount: 10,
        clientErrorRatePercent: 10,
        latencyP99Ms: 3000,
        integrationLatencyP99Ms: 2500,
        throttledRequests: 10,
        integrationTimeouts: 1,
        cacheHitRatioPercent: 50,
    },
    [Environment.Development]: {
        serverErrorRatePercent: 5,
        serverErrorCount: 10,
        clientErrorRatePercent: 20,
        latencyP99Ms: 5000,
        integrationLatencyP99Ms: 4500,
        throttledRequests: 10,
        integrationTimeouts: 1,
        cacheHitRatioPercent: 50,
    },
};

/** Defaults of the environment, overridden by every threshold the caller set. */
export function resolveThresholds<T extends object>(
    defaults: Readonly<Record<Environment, Readonly<Required<T>>>>,
    environment: Environment,
    args: T | undefined,
): Required<T>;
export function resolveThresholds(environment: Environment, args: AlarmThresholds | undefined): ResolvedThresholds;
export function resolveThresholds(...params: unknown[]): object {
    const [defaults, environment, args] =
        params.length === 3
            ? (params as [Record<string, object>, Environment, object | undefined])
            : [alarmDefaults as Record<string, object>, params[0] as Environment, params[1] as object | undefined];
    const resolved: Record<string, unknown> = { ...defaults[environment] };
    for (const [key, value] of Object.entries(args ?? {})) {
        if (value !== undefined) {
            resolved[key] = value;
        }
    }
    return resolved;
}

/** The REST signals that get an alarm; each becomes the suffix of the alarm's name. */
export enum AlarmSignal {
    ServerErrorRate = "5xx-rate",
    ServerErrorCount = "5xx-count",
    ClientErrorRate = "4xx-rate",
    LatencyP99 = "latency-p99",
    IntegrationLatencyP99 = "integration-latency-p99",
    Throttled = "throttled-requests",
    IntegrationTimeouts = "integration-timeouts",
    LowCacheHitRatio = "low-cache-hit-ratio",
    /** The composite alarm. */
    ApiUnhealthy = "api-unhealthy",
}

/** The one naming function for alarms: `${name}-<signal>`. */
export function alarmName(name: string, signal: string): string {
    return `${name}-${signal}`;
}

/** M of N: an alarm needs 2 breaching periods out of the last 3, so that one bad 5-minute window does not flap it. */
export const EVALUATION_PERIODS = 3;
export const DATAPOINTS_TO_ALARM = 2;

export type ComparisonOperator =
    "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** One query of a metric-math alarm, shaped like `MetricAlarmMetricQuery`. */
export interface AlarmMetricQuery<V = string> {
    id: string;
    expression?: string;
    label?: string;
    returnData: boolean;
    metric?: {
        namespace: V;
        metricName: string;
        dimensions?: Record<string, V>;
        stat: string;
        period: number;
    };
}

/** Everything a `MetricAlarm` needs, minus the actions (the topic is a resource). */
export interface AlarmDefinition<V = string> {
    signal: string;
    /** `${name}-<signal>`: the child resource's name. */
    name: string;
    /** `${alarmNamePrefix}-<signal>`: the alarm's name in CloudWatch, unique per account and region. */
    alarmName: string;
    /** Threshold, what the alarm means, and what to look at first. The runbook link is appended by `withRunbook`. */
    description: string;
    /** What the alarm watches: the same object the dashboard graphs. */
    watches: MetricSpec<V> | MathSpec<V>;
    comparisonOperator: ComparisonOperator;
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "notBreaching";
}

/** The `MetricAlarm` args a definition's metric or math gives. */
export interface AlarmMetricArgs<V = string> {
    namespace?: V;
    metricName?: string;
    dimensions?: Record<string, V>;
    statistic?: string;
    extendedStatistic?: string;
    period?: number;
    /** Percentile alarms: with too few requests, p99 is a single request; keep the state rather than flap. */
    evaluateLowSampleCountPercentiles?: "ignore";
    metricQueries?: AlarmMetricQuery<V>[];
}

export function alarmMetricArgs<V>(watches: MetricSpec<V> | MathSpec<V>): AlarmMetricArgs<V> {
    if (watches.kind === "math") {
        return {
            metricQueries: [
                ...Object.entries(watches.usingMetrics).map(([id, m]) => ({
                    id,
                    returnData: false,
                    metric: {
                        namespace: m.namespace,
                        metricName: m.metricName,
                        ...(m.dimensions.length > 0 ? { dimensions: dimensionMap(m) } : {}),
                        stat: m.stat,
                        period: m.period,
                    },
                })),
                { id: watches.id, expression: watches.expression, label: watches.label, returnData: true },
            ],
        };
    }
    const base = {
        namespace: watches.namespace,
        metricName: watches.metricName,
        // Filter metrics have no dimensions: send none rather than an empty map.
        ...(watches.dimensions.length > 0 ? { dimensions: dimensionMap(watches) } : {}),
        period: watches.period,
    };
    return isPercentile(watches.stat)
        ? { ...base, extendedStatistic: watches.stat, evaluateLowSampleCountPercentiles: "ignore" }
        : { ...base, statistic: watches.stat };
}

/** What the REST alarm definitions depend on. */
export interface AlarmInput<V = string> {
    /** The component's name: child resources are named `${name}-<signal>`. */
    name: string;
    /**
     * Prefix of the alarms' names in CloudWatch. Alarm names are unique per account and region and PutMetricAlarm
     * overwrites silently, so two stacks that both name their component "api" must not share it.
     */
    alarmNamePrefix: string;
    metrics: RestMetrics<V>;
    thresholds: ResolvedThresholds;
    /** Access-log signals exist only with Json access logs. */
    accessLogSignals: boolean;
    cachingEnabled: boolean;
    /** The API's integration timeout, named in descriptions. */
    integrationTimeoutMs: number;
}

/** The `M of N periods of P min` phrase every description carries. */
export const WINDOW = `${DATAPOINTS_TO_ALARM} of ${EVALUATION_PERIODS} periods of ${PERIOD_SECONDS / 60} min`;

/** The fields every alarm definition shares. */
export function alarmBase(name: string, alarmNamePrefix: string, signal: string) {
    return {
        signal,
        name: alarmName(name, signal),
        alarmName: alarmName(alarmNamePrefix, signal),
        evaluationPeriods: EVALUATION_PERIODS,
        datapointsToAlarm: DATAPOINTS_TO_ALARM,
        treatMissingData: "notBreaching" as const,
    };
}

/**
 * The alarms of one REST stage, in a stable order. Access-log alarms need Json access logs; the cache alarm needs
 * caching. The composite "API unhealthy" alarm is built from `UNHEALTHY_SIGNALS` by `compositeAlarmRule`.
 */
export function alarmDefinitions<V>(input: AlarmInput<V>): AlarmDefinition<V>[] {
    const { metrics: m, thresholds: t } = input;
    const base = (signal: AlarmSignal) => alarmBase(input.name, input.alarmNamePrefix, signal);
    const timeout = input.integrationTimeoutMs.toLocaleString("en-US");
    const defs: AlarmDefinition<V>[] = [
        {
            ...base(AlarmSignal.ServerErrorRate),
            description:
                `5XX error rate above ${t.serverErrorRatePercent}% of requests (100*5XXError/Count, ${WINDOW}). ` +
                "Look first at the saved query 'top 5XX routes' and the execution log's recent errors, then the X-Ray " +
                "service map for the failing integration.",
            watches: m.serverErrorRate(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.serverErrorRatePercent,
        },
        {
            ...base(AlarmSignal.ServerErrorCount),
            description:
                `More than ${t.serverErrorCount} 5XX responses per ${PERIOD_SECONDS / 60} min (5XXError Sum, ${WINDOW}); ` +
                "watches low-traffic APIs the rate alarm cannot. Look first at the saved query 'top 5XX routes' and " +
                "the execution log's recent errors.",
            watches: m.serverErrors(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.serverErrorCount,
        },
        {
            ...base(AlarmSignal.ClientErrorRate),
            description:
                `4XX error rate above ${t.clientErrorRatePercent}% of requests (100*4XXError/Count, ${WINDOW}). ` +
                "Look first at the access log's status and error.responseType per route (a new client, a broken " +
                "deployment, or missing keys/permissions: 403), and at 429s if throttling is the cause.",
            watches: m.clientErrorRate(),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.clientErrorRatePercent,
        },
        {
            ...base(AlarmSignal.LatencyP99),
            description:
                `p99 Latency above ${t.latencyP99Ms} ms (${WINDOW}; the integration timeout is ${timeout} ms). ` +
                "Look first at the dashboard's Gateway overhead (authorizers, mapping, WAF) against IntegrationLatency, " +
                "then the saved query 'p99 latency per resourcePath'.",
            watches: m.latency("p99"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.latencyP99Ms,
        },
        {
            ...base(AlarmSignal.IntegrationLatencyP99),
            description:
                `p99 IntegrationLatency above ${t.integrationLatencyP99Ms} ms (${WINDOW}). The backend is slow. Look ` +
                "first at the saved query 'slowest integrations' and at the backend's traces in the X-Ray service map.",
            watches: m.integrationLatency("p99"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.integrationLatencyP99Ms,
        },
    ];
    if (input.accessLogSignals) {
        defs.push(
            {
                ...base(AlarmSignal.Throttled),
                description:
                    `More than ${t.throttledRequests} throttled requests (429) per ${PERIOD_SECONDS / 60} min ` +
                    `(access-log metric filter, ${WINDOW}). Look first at the saved query 'top throttled source IPs', ` +
                    "then at the stage and method throttling limits and the account's 10,000 rps quota.",
                watches: m.accessLogSignal(AccessLogSignal.Throttled),
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.throttledRequests,
            },
            {
                ...base(AlarmSignal.IntegrationTimeouts),
                description:
                    `At least ${t.integrationTimeouts} integration timeout(s) (504, error.responseType ` +
                    `INTEGRATION_TIMEOUT) per ${PERIOD_SECONDS / 60} min (access-log metric filter, ${WINDOW}). The ` +
                    `backend did not answer within the ${timeout} ms integration timeout. Look first at the saved ` +
                    "query 'slowest integrations' and the backend's traces.",
                watches: m.accessLogSignal(AccessLogSignal.IntegrationTimeout),
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: t.integrationTimeouts,
            },
        );
    }
    if (input.cachingEnabled) {
        defs.push({
            ...base(AlarmSignal.LowCacheHitRatio),
            description:
                `Cache hit ratio below ${t.cacheHitRatioPercent}% (100*CacheHitCount/(CacheHitCount+CacheMissCount), ` +
                `${WINDOW}). Look first at the cache TTL, per-method cache settings and cache keys, and at whether ` +
                "the cache cluster was just flushed or resized.",
            watches: m.cacheHitRatio(),
            comparisonOperator: "LessThanThreshold",
            threshold: t.cacheHitRatioPercent,
        });
    }
    return defs;
}

/**
 * The REST signals the composite "API unhealthy" alarm is built from: the ones worth paging for. Their own alarms
 * notify nobody, so that one incident pages once, through the composite.
 */
export const UNHEALTHY_SIGNALS: readonly string[] = [AlarmSignal.ServerErrorRate, AlarmSignal.LatencyP99];

/** `ALARM("a") OR ALARM("b")`, from the physical names of the member alarms. */
export function compositeAlarmRule(memberAlarmNames: string[]): string {
    return memberAlarmNames.map((n) => `ALARM(${JSON.stringify(n)})`).join(" OR ");
}

/** Description of the REST composite alarm. */
export function compositeAlarmDescription(thresholds: ResolvedThresholds): string {
    return (
        `API unhealthy: 5XX error rate above ${thresholds.serverErrorRatePercent}% OR p99 Latency above ` +
        `${thresholds.latencyP99Ms} ms. This is the alarm that pages; its members notify nobody on their own. Look ` +
        "first at the dashboard's error-rate and latency rows, then at the member alarm in ALARM state."
    );
}

/** A description with the runbook link, when there is one. */
export function withRunbook(description: string, runbookUrl: string | undefined): string {
    return runbookUrl ? `${description} Runbook: ${runbookUrl}` : description;
}

/** The horizontal line a graph draws for an alarm: its threshold, shaded on the breaching side. */
export interface ThresholdAnnotation {
    label: string;
    value: number;
    fill: "above" | "below";
}

/** The annotation of the alarm that watches `watches` (by identity of the watched id), if any. */
export function annotationFor<V>(
    definitions: readonly AlarmDefinition<V>[] | undefined,
    signal: string,
): ThresholdAnnotation[] {
    const def = definitions?.find((d) => d.signal === signal);
    if (!def) {
        return [];
    }
    const below =
        def.comparisonOperator === "LessThanThreshold" || def.comparisonOperator === "LessThanOrEqualToThreshold";
    return [{ label: `${def.signal} alarm`, value: def.threshold, fill: below ? "below" : "above" }];
}
