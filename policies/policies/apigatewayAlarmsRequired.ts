import type { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { productionStackName, productionStacksSchema } from "../lib/production";
import { stageNameOf } from "../lib/stages";
import { METRIC_ALARM, STAGE_TYPES } from "../lib/types";
import { CannotVerifyError, read, readList, UNKNOWN } from "../lib/unknowns";

interface Config {
    productionStacks: string[];
}

const configSchema: PolicyConfigSchema = { properties: { productionStacks: productionStacksSchema } };

/** REST APIs publish 5XXError, HTTP APIs 5xx, both in AWS/ApiGateway. */
const SERVER_ERROR_METRICS = ["5XXError", "5xx"];

type Answer = "yes" | "no" | "unknown";

/** Whether a metric (the alarm's own, or one of its metricQueries) is API Gateway's server-error count. */
function isServerErrorMetric(metric: unknown): Answer {
    const namespace = read(metric, "namespace");
    const name = read(metric, "metricName");
    if (namespace === UNKNOWN || name === UNKNOWN) {
        return "unknown";
    }
    return namespace === "AWS/ApiGateway" && SERVER_ERROR_METRICS.includes(name as string) ? "yes" : "no";
}

/** Whether an alarm watches 5XX errors and notifies someone. */
function alarmQualifies(alarm: PolicyResource): { answer: Answer; stageDimensions: unknown[] } {
    const stageDimensions: unknown[] = [];
    let metric: Answer = "no";
    const own = isServerErrorMetric(alarm.props);
    if (own !== "no") {
        metric = own;
        stageDimensions.push(read(read(alarm.props, "dimensions"), "Stage"));
    }
    const queries = readList(read(alarm.props, "metricQueries"));
    if (queries === UNKNOWN) {
        metric = metric === "yes" ? "yes" : "unknown";
    } else {
        for (const query of queries) {
            const queryMetric = read(query, "metric");
            const answer = isServerErrorMetric(queryMetric);
            if (answer !== "no") {
                metric = metric === "yes" || answer === "yes" ? "yes" : "unknown";
                stageDimensions.push(read(read(queryMetric, "dimensions"), "Stage"));
            }
        }
    }
    const enabled = read(alarm.props, "actionsEnabled");
    const actions = readList(read(alarm.props, "alarmActions"));
    let action: Answer;
    if (enabled === UNKNOWN || actions === UNKNOWN) {
        action = "unknown";
    } else {
        action = enabled !== false && actions.length > 0 ? "yes" : "no";
    }
    const answer: Answer =
        metric === "no" || action === "no" ? "no" : metric === "yes" && action === "yes" ? "yes" : "unknown";
    return { answer, stageDimensions };
}

/**
 * Every production stage has at least one alarm on 5XX errors with an action.
 *
 * Severity: medium. Enforcement: advisory.
 * Framework: the seeds' alarm (5XXError Sum above 10 in 5 minutes, sent to SNS) and the AWS Well-Architected
 * reliability pillar (REL06: monitor workload resources). An alarm matches a stage through its dimensions'
 * propertyDependencies on the Stage, or through a known `Stage` dimension equal to the stage's name.
 */
export const apigatewayAlarmsRequired: StackValidationPolicy = {
    name: "apigateway-alarms-required",
    description:
        "Every production API Gateway stage needs a CloudWatch alarm on 5XX errors (5XXError for REST, 5xx for HTTP " +
        "APIs) with an alarm action, so an outage pages someone.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema,
    remediationSteps:
        "On ObservableRestApi keep monitoring.alarms on and give it an SNS topic. Otherwise add an " +
        "aws.cloudwatch.MetricAlarm in namespace AWS/ApiGateway on 5XXError (REST) or 5xx (HTTP) with a Stage " +
        "dimension taken from the stage and at least one alarmActions entry.",
    validateStack: (args, reportViolation) => {
        const stages = args.resources.filter((r) => STAGE_TYPES.includes(r.type));
        if (stages.length === 0) {
            return;
        }
        const config = configWithDefaults<Config>(args.getConfig(), configSchema);
        const stack = productionStackName({
            urn: stages[0].urn,
            stackTags: args.stackTags,
            productionStacks: config.productionStacks,
        });
        if (stack === undefined) {
            return;
        }
        const byUrn = new Map<string, Answer[]>();
        const byStageName = new Map<string, Answer[]>();
        let floatingUnknown = false;
        const add = (index: Map<string, Answer[]>, key: string, answer: Answer) => {
            const list = index.get(key);
            if (list) {
                list.push(answer);
            } else {
                index.set(key, [answer]);
            }
        };
        for (const alarm of args.resources) {
            if (alarm.type !== METRIC_ALARM) {
                continue;
            }
            const { answer, stageDimensions } = alarmQualifies(alarm);
            if (answer === "no") {
                continue;
            }
            let correlated = false;
            for (const property of ["dimensions", "metricQueries"]) {
                for (const dep of alarm.propertyDependencies?.[property] ?? []) {
                    add(byUrn, dep.urn, answer);
                    correlated = true;
                }
            }
            for (const stageName of stageDimensions) {
                if (typeof stageName === "string") {
                    add(byStageName, stageName, answer);
                    correlated = true;
                }
            }
            floatingUnknown = floatingUnknown || (!correlated && stageDimensions.includes(UNKNOWN));
        }
        const unknownPaths: string[] = [];
        for (const stage of stages) {
            const stageName = stageNameOf(stage.type, stage.props);
            const answers = [
                ...(byUrn.get(stage.urn) ?? []),
                ...(typeof stageName === "string" ? (byStageName.get(stageName) ?? []) : []),
            ];
            if (answers.includes("yes")) {
                continue;
            }
            if (answers.includes("unknown") || floatingUnknown || (stageName === UNKNOWN && byStageName.size > 0)) {
                unknownPaths.push(`stage "${stage.name}" alarms`);
                continue;
            }
            reportViolation(
                `Stage "${stage.name}" has no alarm on 5XX errors with an alarm action in production stack ` +
                    `"${stack}"; add one (ObservableRestApi: monitoring.alarms).`,
                stage.urn,
            );
        }
        if (unknownPaths.length > 0) {
            throw new CannotVerifyError(unknownPaths);
        }
    },
};
