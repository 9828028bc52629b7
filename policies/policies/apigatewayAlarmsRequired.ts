import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { API_GATEWAY_NAMESPACE } from "../../components/contract";
import { dependencyUrns } from "../lib/correlation";
import { productionOfResource } from "../lib/production";
import { stageNameOf } from "../lib/stages";
import {
    COMPOSITE_ALARM,
    METRIC_ALARM,
    NATIVE_STAGE,
    NATIVE_V2_API,
    REST_STAGE,
    STAGE_TYPES,
    V2_API,
} from "../lib/types";
import { CannotVerifyError, read, readList, UNKNOWN } from "../lib/unknowns";

type Answer = "yes" | "no" | "unknown";

const and = (...answers: Answer[]): Answer =>
    answers.includes("no") ? "no" : answers.includes("unknown") ? "unknown" : "yes";
const or = (...answers: Answer[]): Answer =>
    answers.includes("yes") ? "yes" : answers.includes("unknown") ? "unknown" : "no";

/**
 * The server-error metrics each API type publishes in AWS/ApiGateway. REST publishes 5XXError; HTTP publishes 5xx;
 * WebSocket publishes no 5xx at all, and its server-side failures are IntegrationError and ExecutionError (API
 * Gateway developer guide: "API Gateway metrics", "Monitoring HTTP API metrics", "Monitoring WebSocket API
 * execution with CloudWatch metrics"). An alarm on a metric the API never publishes never has data.
 */
const SERVER_ERROR_METRICS = {
    rest: ["5XXError"],
    http: ["5xx"],
    websocket: ["IntegrationError", "ExecutionError"],
} as const;

type ApiKind = keyof typeof SERVER_ERROR_METRICS | "v2";

/** What a stage's alarms must name. */
interface StageKey {
    stage: PolicyResource;
    kind: ApiKind;
    stageName: unknown;
    /** The dimension that names the API: ApiName for REST, ApiId for HTTP and WebSocket. */
    apiDimension: "ApiName" | "ApiId";
    /** The dimension's expected value, when known. */
    apiValue: unknown;
    /** The API resource's URN, when the stage depends on it. */
    apiUrns: string[];
    /** A REST stage whose RestApi is not in this stack: its ApiName cannot be known, at preview or at update. */
    apiOutsideStack: boolean;
}

function stageKey(stage: PolicyResource, byUrn: Map<string, PolicyResource>): StageKey {
    const stageName = stageNameOf(stage.type, stage.props);
    if (stage.type === REST_STAGE || stage.type === NATIVE_STAGE) {
        const property = stage.type === REST_STAGE ? "restApi" : "restApiId";
        const apiUrns = dependencyUrns(stage, property);
        // REST metrics name the API by its name, which only the RestApi resource holds.
        const api = apiUrns.map((u) => byUrn.get(u)).find((r) => r !== undefined);
        return {
            stage,
            kind: "rest",
            stageName,
            apiDimension: "ApiName",
            apiValue: api ? read(api.props, "name") : UNKNOWN,
            apiUrns,
            apiOutsideStack: api === undefined,
        };
    }
    const apiUrns = dependencyUrns(stage, "apiId");
    const api = apiUrns.map((u) => byUrn.get(u)).find((r) => r?.type === V2_API || r?.type === NATIVE_V2_API);
    const protocol = api ? read(api.props, "protocolType") : undefined;
    const kind: ApiKind = protocol === "HTTP" ? "http" : protocol === "WEBSOCKET" ? "websocket" : "v2";
    return {
        stage,
        kind,
        stageName,
        apiDimension: "ApiId",
        apiValue: read(stage.props, "apiId"),
        apiUrns,
        apiOutsideStack: false,
    };
}

function serverErrorMetrics(kind: ApiKind): readonly string[] {
    return kind === "v2"
        ? [...SERVER_ERROR_METRICS.http, ...SERVER_ERROR_METRICS.websocket]
        : SERVER_ERROR_METRICS[kind];
}

/** Whether a dimension value names the expected value or resource. */
function names(value: unknown, deps: string[], expected: unknown, expectedUrns: string[]): Answer {
    if (expectedUrns.length > 0 && deps.some((d) => expectedUrns.includes(d))) {
        return "yes";
    }
    if (value === UNKNOWN || expected === UNKNOWN) {
        return "unknown";
    }
    return typeof value === "string" && value === expected ? "yes" : "no";
}

/** One metric of an alarm (its own, or one of its queries'), read once through the SDK's proxy. */
interface MetricSummary {
    readonly namespace: unknown;
    readonly metricName: unknown;
    readonly dimensionsUnknown: boolean;
    readonly stage: unknown;
    readonly apiName: unknown;
    readonly apiId: unknown;
    /** The URNs its dimensions (or its alarm's metricQueries) depend on. */
    readonly deps: string[];
}

function summarize(metric: unknown, deps: string[]): MetricSummary {
    const dimensions = read(metric, "dimensions");
    const dimensionsUnknown = dimensions === UNKNOWN;
    return {
        namespace: read(metric, "namespace"),
        metricName: read(metric, "metricName"),
        dimensionsUnknown,
        stage: dimensionsUnknown ? UNKNOWN : read(dimensions, "Stage"),
        apiName: dimensionsUnknown ? UNKNOWN : read(dimensions, "ApiName"),
        apiId: dimensionsUnknown ? UNKNOWN : read(dimensions, "ApiId"),
        deps,
    };
}

/** Whether one metric is the stage's server-error metric. */
function watchesStage(metric: MetricSummary, key: StageKey): Answer {
    const { namespace, metricName } = metric;
    const isMetric: Answer =
        namespace === UNKNOWN || metricName === UNKNOWN
            ? "unknown"
            : namespace === API_GATEWAY_NAMESPACE && serverErrorMetrics(key.kind).includes(metricName as string)
              ? "yes"
              : "no";
    if (isMetric === "no") {
        return "no";
    }
    if (metric.dimensionsUnknown) {
        return and(isMetric, "unknown");
    }
    const apiDim = key.apiDimension === "ApiName" ? metric.apiName : metric.apiId;
    const stage = names(metric.stage, metric.deps, key.stageName, [key.stage.urn]);
    const api = names(apiDim, metric.deps, key.apiValue, key.apiUrns);
    return and(isMetric, stage, api);
}

/** An alarm as the stages are judged against it: whether it notifies, and its metrics (unknown queries: UNKNOWN). */
interface AlarmSummary {
    readonly notifies: Answer;
    readonly metrics: readonly MetricSummary[];
    readonly queriesUnknown: boolean;
}

/** Whether the alarm counts for the stage. */
function countsFor(alarm: AlarmSummary, key: StageKey): Answer {
    const watches = or(...alarm.metrics.map((m) => watchesStage(m, key)), alarm.queriesUnknown ? "unknown" : "no");
    return and(watches, alarm.notifies);
}

const ANY_SERVER_ERROR_METRIC: readonly string[] = Object.values(SERVER_ERROR_METRICS).flat();

/**
 * The alarms that may count for a stage, found by the stage's name or URN instead of by a scan of every alarm for
 * every stage: a stack with hundreds of stages and alarms would otherwise cost stages × alarms reads, each through
 * the SDK's unknown-checking proxy. An alarm is listed under each Stage dimension value its metrics name, under
 * each resource its dimensions depend on, or among those that may watch any stage (a metric, its dimensions, its
 * Stage dimension or its queries unknown). Alarms that never notify, and metrics that are no API's server-error
 * metric, are left out: they never count. The verdict is the one a scan of every alarm would give.
 */
class AlarmIndex {
    private readonly byStageName = new Map<string, Set<number>>();
    private readonly byDependency = new Map<string, Set<number>>();
    private readonly anyStage = new Set<number>();
    /** By API dimension (`ApiName\0<value>`, `ApiId\0<value>`), and those whose API dimension may be anything. */
    private readonly byApi = new Map<string, Set<number>>();
    private readonly anyApi = new Set<number>();

    /** Each alarm read once, in the stack's order. */
    readonly summaries: AlarmSummary[];

    constructor(alarms: readonly PolicyResource[], notifies: (alarm: PolicyResource) => Answer) {
        this.summaries = alarms.map((alarm) => {
            const notify = notifies(alarm);
            if (notify === "no") {
                // It never counts, whatever it watches.
                return { notifies: notify, metrics: [], queriesUnknown: false };
            }
            const queries = readList(read(alarm.props, "metricQueries"));
            const queryDeps = dependencyUrns(alarm, "metricQueries");
            return {
                notifies: notify,
                metrics: [
                    summarize(alarm.props, dependencyUrns(alarm, "dimensions")),
                    ...(queries === UNKNOWN ? [] : queries.map((q) => summarize(read(q, "metric"), queryDeps))),
                ],
                queriesUnknown: queries === UNKNOWN,
            };
        });
        this.summaries.forEach((alarm, i) => {
            if (alarm.notifies === "no") {
                return;
            }
            if (alarm.queriesUnknown) {
                this.anyStage.add(i);
                this.anyApi.add(i);
            }
            for (const metric of alarm.metrics) {
                const { namespace, metricName } = metric;
                if (
                    namespace !== UNKNOWN &&
                    metricName !== UNKNOWN &&
                    (namespace !== API_GATEWAY_NAMESPACE || !ANY_SERVER_ERROR_METRIC.includes(metricName as string))
                ) {
                    continue;
                }
                metric.deps.forEach((d) => add(this.byDependency, d, i));
                if (metric.stage === UNKNOWN) {
                    this.anyStage.add(i);
                } else if (typeof metric.stage === "string") {
                    add(this.byStageName, metric.stage, i);
                }
                if (metric.dimensionsUnknown || metric.apiName === UNKNOWN || metric.apiId === UNKNOWN) {
                    this.anyApi.add(i);
                }
                for (const [dimension, value] of [
                    ["ApiName", metric.apiName],
                    ["ApiId", metric.apiId],
                ] as const) {
                    if (typeof value === "string") {
                        add(this.byApi, `${dimension}\0${value}`, i);
                    }
                }
            }
        });
    }

    /**
     * The alarms that may answer "yes" for the stage: they name it (by a Stage dimension equal to its name, or a
     * dependency on it) and its API (by the API dimension's value, or a dependency on the API).
     */
    mayCount(key: StageKey): Iterable<number> {
        return intersection(this.namesStage(key, false), this.namesApi(key, false), this.summaries.length);
    }

    /** The alarms that may answer "unknown" or "yes": as `mayCount`, or with the deciding dimension unknown. */
    mayBeUnknown(key: StageKey): Iterable<number> {
        return intersection(this.namesStage(key, true), this.namesApi(key, true), this.summaries.length);
    }

    private namesStage(key: StageKey, orUnknown: boolean): Side {
        if (orUnknown && key.stageName === UNKNOWN) {
            return "all";
        }
        const sets = [this.byDependency.get(key.stage.urn)];
        if (typeof key.stageName === "string") {
            sets.push(this.byStageName.get(key.stageName));
        }
        return orUnknown ? [...sets, this.anyStage] : sets;
    }

    private namesApi(key: StageKey, orUnknown: boolean): Side {
        if (orUnknown && key.apiValue === UNKNOWN) {
            return "all";
        }
        const sets = key.apiUrns.map((u) => this.byDependency.get(u));
        if (typeof key.apiValue === "string") {
            sets.push(this.byApi.get(`${key.apiDimension}\0${key.apiValue}`));
        }
        return orUnknown ? [...sets, this.anyApi] : sets;
    }
}

/** A union of index sets, or every alarm. */
type Side = readonly (ReadonlySet<number> | undefined)[] | "all";

/**
 * The alarms on both sides (some may come more than once), walking the smaller side and looking each up in the
 * other, so that a stage costs what its own alarms cost, not what every alarm of the stack costs.
 */
function* intersection(left: Side, right: Side, total: number): Iterable<number> {
    if (left === "all" && right === "all") {
        for (let i = 0; i < total; i++) {
            yield i;
        }
        return;
    }
    const size = (side: Side) => (side === "all" ? Infinity : side.reduce((n, set) => n + (set?.size ?? 0), 0));
    const [walk, other] = size(left) <= size(right) ? [left, right] : [right, left];
    for (const set of walk as readonly (ReadonlySet<number> | undefined)[]) {
        for (const i of set ?? []) {
            if (other === "all" || other.some((s) => s?.has(i))) {
                yield i;
            }
        }
    }
}

function add(map: Map<string, Set<number>>, key: string, value: number): void {
    const set = map.get(key);
    if (set === undefined) {
        map.set(key, new Set([value]));
    } else {
        set.add(value);
    }
}

/**
 * Every production stage has at least one alarm on its API's server errors that notifies someone.
 *
 * Severity: medium. Enforcement: advisory.
 * Framework: the AWS Well-Architected reliability pillar (REL06: monitor workload resources) and CloudWatch's
 * recommended API Gateway alarms. An alarm counts for a stage only when its dimensions name that stage and its API
 * (ApiName and Stage for REST, ApiId and Stage for HTTP and WebSocket), by value or through propertyDependencies,
 * and when its metric exists for that API type. It notifies when it has alarm actions, or when a composite alarm
 * with actions is built on it (composite members notify through the composite only).
 */
export const apigatewayAlarmsRequired: StackValidationPolicy = {
    name: "apigateway-alarms-required",
    description:
        "Every production API Gateway stage needs a CloudWatch alarm on its API's server errors (5XXError for REST, " +
        "5xx for HTTP, IntegrationError or ExecutionError for WebSocket) that notifies someone, so an outage pages.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: {} },
    remediationSteps:
        "On the components keep monitoring.alarms on and give it an SNS topic. Otherwise add an " +
        "aws.cloudwatch.MetricAlarm in namespace AWS/ApiGateway on the API's server-error metric, with the Stage " +
        "dimension and the ApiName (REST) or ApiId (HTTP, WebSocket) dimension taken from the stage and its API, and " +
        "at least one alarmActions entry (or a composite alarm with actions built on it).",
    validateStack: (args, reportViolation) => {
        const stages = args.resources.filter((r) => STAGE_TYPES.includes(r.type));
        if (stages.length === 0) {
            return;
        }
        const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
        const alarms = args.resources.filter((r) => r.type === METRIC_ALARM);

        // Alarms a composite with actions pages for: by URN (propertyDependencies) and by name (in its rule).
        const pagedUrns = new Set<string>();
        const pagedNames = new Set<string>();
        let compositeUnknown = false;
        for (const composite of args.resources.filter((r) => r.type === COMPOSITE_ALARM)) {
            const actions = readList(read(composite.props, "alarmActions"));
            const enabled = read(composite.props, "actionsEnabled");
            if (actions === UNKNOWN || enabled === UNKNOWN) {
                compositeUnknown = true;
                continue;
            }
            if (actions.length === 0 || enabled === false) {
                continue;
            }
            dependencyUrns(composite, "alarmRule").forEach((u) => pagedUrns.add(u));
            const rule = read(composite.props, "alarmRule");
            if (typeof rule === "string") {
                for (const match of rule.matchAll(/ALARM\(\s*"?([^")]+)"?\s*\)/g)) {
                    pagedNames.add(match[1]);
                }
            } else if (rule === UNKNOWN && dependencyUrns(composite, "alarmRule").length === 0) {
                compositeUnknown = true;
            }
        }
        const notifies = (alarm: PolicyResource): Answer => {
            const enabled = read(alarm.props, "actionsEnabled");
            const actions = readList(read(alarm.props, "alarmActions"));
            if (enabled === UNKNOWN || actions === UNKNOWN) {
                return "unknown";
            }
            if (enabled !== false && actions.length > 0) {
                return "yes";
            }
            const name = read(alarm.props, "name");
            if (pagedUrns.has(alarm.urn) || (typeof name === "string" && pagedNames.has(name))) {
                return "yes";
            }
            return compositeUnknown || name === UNKNOWN ? "unknown" : "no";
        };

        const index = new AlarmIndex(alarms, notifies);

        const unknownPaths: string[] = [];
        const unreadable: string[] = [];
        for (const stage of stages) {
            const production = productionOfResource(stage, args.stackTags);
            if (production === undefined) {
                continue;
            }
            const key = stageKey(stage, byUrn);
            let verdict: Answer = "no";
            for (const i of index.mayCount(key)) {
                verdict = or(verdict, countsFor(index.summaries[i], key));
                if (verdict === "yes") {
                    break;
                }
            }
            // Past those, an alarm can make a "no" unknown, never a "yes": the first that is not a "no" decides.
            if (verdict === "no") {
                for (const i of index.mayBeUnknown(key)) {
                    if (countsFor(index.summaries[i], key) !== "no") {
                        verdict = "unknown";
                        break;
                    }
                }
            }
            if (verdict === "unknown" && key.apiOutsideStack) {
                unreadable.push(
                    `stage "${stage.name}" alarms (its RestApi is not in this stack, so the ApiName its metrics ` +
                        "carry is unknown to the pack)",
                );
            } else if (verdict === "unknown") {
                unknownPaths.push(`stage "${stage.name}" alarms`);
            } else if (verdict === "no") {
                const metrics = serverErrorMetrics(key.kind).join(" or ");
                reportViolation(
                    `Stage "${stage.name}" has no alarm on ${metrics} for its API and stage that notifies anyone, in ` +
                        `${production.scope}; add one (the components: monitoring.alarms).`,
                    stage.urn,
                );
            }
        }
        if (unknownPaths.length > 0 || unreadable.length > 0) {
            throw new CannotVerifyError(unknownPaths, unreadable);
        }
    },
};
