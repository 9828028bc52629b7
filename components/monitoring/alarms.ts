/**
 * Alarm definitions: pure data, built from the metric factory and typed thresholds. The resource code in
 * `createMonitoring.ts` turns each definition into one `aws.cloudwatch.MetricAlarm`.
 */
import { Environment } from "../enums";
import type { AlarmThresholdsArgs } from "./types";
import {
    AccessLogSignal,
    ApiGatewayMetricFactory,
    MetricSpec,
    PERIOD_SECONDS,
    dimensionMap,
    isPercentile,
} from "./metrics";

/** Every threshold, resolved. */
export type AlarmThresholds = Required<AlarmThresholdsArgs>;

/**
 * Per-environment defaults: the one table every alarm threshold comes from. Production pages early; Staging and
 * Development tolerate more before anyone is woken.
 */
export const alarmDefaults: Readonly<Record<Environment, Readonly<AlarmThresholds>>> = {
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
export function resolveThresholds(environment: Environment, args: AlarmThresholdsArgs | undefined): AlarmThresholds {
    const defaults = alarmDefaults[environment];
    if (defaults === undefined) {
        // The component validates `environment` first; this only guards direct callers of the builders.
        throw new Error(
            `unknown environment ${JSON.stringify(environment)}; allowed: ${Object.keys(alarmDefaults).join(", ")}`,
        );
    }
    const resolved: AlarmThresholds = { ...defaults };
    for (const [key, value] of Object.entries(args ?? {})) {
        if (value !== undefined) {
            resolved[key as keyof AlarmThresholds] = value;
        }
    }
    return resolved;
}

/** The signals that get an alarm; each becomes the suffix of the alarm's name. */
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
export function alarmName(name: string, signal: AlarmSignal): string {
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
        dimensions: Record<string, V>;
        stat: string;
        period: number;
    };
}

/** Everything a `MetricAlarm` needs, minus the actions (the topic is a resource). */
export interface AlarmDefinition<V = string> {
    signal: AlarmSignal;
    /** `${name}-<signal>`: the child resource's name. */
    name: string;
    /** `${alarmNamePrefix}-<signal>`: the alarm's name in CloudWatch, unique per account and region. */
    alarmName: string;
    /** Threshold, what the alarm means, and what to look at first. The runbook link is appended by `withRunbook`. */
    description: string;
    comparisonOperator: ComparisonOperator;
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "notBreaching";
    /** Single-metric alarms. */
    namespace?: V;
    metricName?: string;
    dimensions?: Record<string, V>;
    statistic?: string;
    extendedStatistic?: string;
    period?: number;
    /** Percentile alarms: with too few requests, p99 is a single request; keep the state rather than flap. */
    evaluateLowSampleCountPercentiles?: "ignore";
    /** Metric-math alarms. */
    metricQueries?: AlarmMetricQuery<V>[];
}

/** What the alarm definitions depend on. */
export interface AlarmInput<V = string> {
    /** The component's name: child resources are named `${name}-<signal>`. */
    name: string;
    /**
     * Prefix of the alarms' names in CloudWatch. Alarm names are unique per account and region and PutMetricAlarm
     * overwrites silently, so two stacks that both name their component "api" must not share it.
     */
    alarmNamePrefix: string;
    metrics: ApiGatewayMetricFactory<V>;
    thresholds: AlarmThresholds;
    /** Access-log signals exist only with Json access logs. */
    accessLogSignals: boolean;
    cachingEnabled: boolean;
}

function singleMetric<V>(metric: MetricSpec<V>): Partial<AlarmDefinition<V>> {
    const base = {
        namespace: metric.namespace,
        metricName: metric.metricName,
        // Filter metrics have no dimensions: send none rather than an empty map.
        ...(metric.dimensions.length > 0 ? { dimensions: dimensionMap(metric) } : {}),
        period: metric.period,
    };
    return isPercentile(metric.stat)
        ? { ...base, extendedStatistic: metric.stat, evaluateLowSampleCountPercentiles: "ignore" }
        : { ...base, statistic: metric.stat };
}

function query<V>(id: string, metric: MetricSpec<V>): AlarmMetricQuery<V> {
    return {
        id,
        returnData: false,
        metric: {
            namespace: metric.namespace,
            metricName: metric.metricName,
            dimensions: dimensionMap(metric),
            stat: metric.stat,
            period: metric.period,
        },
    };
}

function expression<V>(id: string, expr: string, label: string): AlarmMetricQuery<V> {
    return { id, expression: expr, label, returnData: true };
}

const WINDOW = `${DATAPOINTS_TO_ALARM} of ${EVALUATION_PERIODS} periods of ${PERIOD_SECONDS / 60} min`;

/**
 * The alarms of one stage, in a stable order. Access-log alarms need Json access logs; the cache alarm needs
 * caching. The composite "API unhealthy" alarm is built from two of them by `compositeAlarmRule`.
 */
export function alarmDefinitions<V>(input: AlarmInput<V>): AlarmDefinition<V>[] {
    const { metrics: m, thresholds: t } = input;
    const base = (signal: AlarmSignal) => ({
        signal,
        name: alarmName(input.name, signal),
        alarmName: alarmName(input.alarmNamePrefix, signal),
        evaluationPeriods: EVALUATION_PERIODS,
        datapointsToAlarm: DATAPOINTS_TO_ALARM,
        treatMissingData: "notBreaching" as const,
    });
    const defs: AlarmDefinition<V>[] = [
        {
            ...base(AlarmSignal.ServerErrorRate),
            description:
                `5XX error rate above ${t.serverErrorRatePercent}% of requests (100*5XXError/Count, ${WINDOW}). ` +
                "Look first at the saved query 'top 5XX routes' and the execution log's recent errors, then the X-Ray " +
                "service map for the failing integration.",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.serverErrorRatePercent,
            metricQueries: [
                query("m5xx", m.serverErrors()),
                query("mcount", m.count()),
                expression("e5xxrate", "100*m5xx/mcount", "5XX rate (%)"),
            ],
        },
        {
            ...base(AlarmSignal.ServerErrorCount),
            description:
                `More than ${t.serverErrorCount} 5XX responses per ${PERIOD_SECONDS / 60} min (5XXError Sum, ${WINDOW}); ` +
                "watches low-traffic APIs the rate alarm cannot. Look first at the saved query 'top 5XX routes' and " +
                "the execution log's recent errors.",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.serverErrorCount,
            ...singleMetric(m.serverErrors()),
        },
        {
            ...base(AlarmSignal.ClientErrorRate),
            description:
                `4XX error rate above ${t.clientErrorRatePercent}% of requests (100*4XXError/Count, ${WINDOW}). ` +
                "Look first at the access log's status and error.responseType per route (a new client, a broken " +
                "deployment, or missing keys/permissions: 403), and at 429s if throttling is the cause.",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.clientErrorRatePercent,
            metricQueries: [
                query("m4xx", m.clientErrors()),
                query("mcount", m.count()),
                expression("e4xxrate", "100*m4xx/mcount", "4XX rate (%)"),
            ],
        },
        {
            ...base(AlarmSignal.LatencyP99),
            description:
                `p99 Latency above ${t.latencyP99Ms} ms (${WINDOW}; the integration timeout is 29,000 ms). ` +
                "Look first at the dashboard's Gateway overhead (authorizers, mapping, WAF) against IntegrationLatency, " +
                "then the saved query 'p99 latency per resourcePath'.",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.latencyP99Ms,
            ...singleMetric(m.latency("p99")),
        },
        {
            ...base(AlarmSignal.IntegrationLatencyP99),
            description:
                `p99 IntegrationLatency above ${t.integrationLatencyP99Ms} ms (${WINDOW}). The backend is slow. Look ` +
                "first at the saved query 'slowest integrations' and at the backend's traces in the X-Ray service map.",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.integrationLatencyP99Ms,
            ...singleMetric(m.integrationLatency("p99")),
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
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.throttledRequests,
                ...singleMetric(m.accessLogSignal(AccessLogSignal.Throttled)),
            },
            {
                ...base(AlarmSignal.IntegrationTimeouts),
                description:
                    `At least ${t.integrationTimeouts} integration timeout(s) (504, error.responseType ` +
                    `INTEGRATION_TIMEOUT) per ${PERIOD_SECONDS / 60} min (access-log metric filter, ${WINDOW}). The ` +
                    "backend did not answer within 29 s. Look first at the saved query 'slowest integrations' and the " +
                    "backend's traces.",
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: t.integrationTimeouts,
                ...singleMetric(m.accessLogSignal(AccessLogSignal.IntegrationTimeout)),
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
            comparisonOperator: "LessThanThreshold",
            threshold: t.cacheHitRatioPercent,
            metricQueries: [
                query("mhit", m.cacheHits()),
                query("mmiss", m.cacheMisses()),
                expression("ehitratio", "100*mhit/(mhit+mmiss)", "Cache hit ratio (%)"),
            ],
        });
    }
    return defs;
}

/** The signals the composite "API unhealthy" alarm is built from: the ones worth paging for. */
export const UNHEALTHY_SIGNALS: readonly AlarmSignal[] = [AlarmSignal.ServerErrorRate, AlarmSignal.LatencyP99];

/** `ALARM("a") OR ALARM("b")`, from the physical names of the member alarms. */
export function compositeAlarmRule(memberAlarmNames: string[]): string {
    return memberAlarmNames.map((n) => `ALARM(${JSON.stringify(n)})`).join(" OR ");
}

/** Description of the composite alarm. */
export function compositeAlarmDescription(thresholds: AlarmThresholds): string {
    return (
        `API unhealthy: 5XX error rate above ${thresholds.serverErrorRatePercent}% OR p99 Latency above ` +
        `${thresholds.latencyP99Ms} ms. This is the alarm that pages. Look first at the dashboard's error-rate and ` +
        "latency rows, then at the member alarm that fired."
    );
}

/** A description with the runbook link, when there is one. */
export function withRunbook(description: string, runbookUrl: string | undefined): string {
    return runbookUrl ? `${description} Runbook: ${runbookUrl}` : description;
}
