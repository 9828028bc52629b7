import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    INTEGRATION_TIMEOUT_MS,
    MAX_RAISED_INTEGRATION_TIMEOUT_MS,
    MAX_RUNBOOK_URL_LENGTH,
} from "../../../components/monitoring/validation";
import type { Monitoring } from "../../../components/monitoring/types";
import type { ObservableRestApiArgs } from "../../../components/observableRestApiArgs";
import { Reporter } from "../../../components/validation/framework";
import { validateRestApiArgs } from "../../../components/validation/restApi";
import { runtime, TEST_STACK } from "../../mocks";

const SPEC = JSON.stringify({ openapi: "3.0.1", info: { title: "orders" }, paths: {} });
const P = 'ObservableRestApi "orders": ';

/** The message the monitoring args throw, through the component's own validation; "accepted" when they pass. */
function message(monitoring: unknown, api: Partial<ObservableRestApiArgs> = { openApiSpec: SPEC }): string {
    try {
        validateRestApiArgs(
            { ...api, monitoring: monitoring as Monitoring },
            new Reporter("ObservableRestApi", "orders"),
        );
    } catch (err) {
        return (err as Error).message;
    }
    return "accepted";
}

describe("components/monitoring/validation", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("accepts no monitoring args, an empty object and a full valid set", () => {
        assert.deepStrictEqual(
            [
                message(undefined),
                message({}),
                message({
                    dashboard: true,
                    alarms: true,
                    queries: false,
                    alarmEmails: ["oncall@example.com", pulumi.output("later@example.com")],
                    alarmTopicKmsKeyId: "alias/my-alarms",
                    runbookUrl: "https://wiki.example.com/runbooks/orders",
                    thresholds: {
                        serverErrorRatePercent: 100,
                        serverErrorCount: 1,
                        clientErrorRatePercent: 0.5,
                        latencyP99Ms: 28999,
                        integrationLatencyP99Ms: 1,
                        throttledRequests: 5,
                        integrationTimeouts: 1,
                        cacheHitRatioPercent: 80,
                    },
                }),
                message({ alarmTopicArn: "arn:aws-cn:sns:cn-north-1:123456789012:oncall" }),
                message({ alarmTopicArn: pulumi.output("not checked until it resolves") }),
            ],
            ["accepted", "accepted", "accepted", "accepted", "accepted"],
        );
    });

    describe("thresholds", () => {
        const t = (thresholds: object) => message({ thresholds });

        it("latencies must be positive and below the 29 s integration timeout of the API the component creates", () => {
            assert.strictEqual(INTEGRATION_TIMEOUT_MS, 29000);
            assert.deepStrictEqual(
                [
                    t({ latencyP99Ms: 0 }),
                    t({ latencyP99Ms: 29000 }),
                    t({ integrationLatencyP99Ms: -5 }),
                    t({ latencyP99Ms: "2000" }),
                ],
                [
                    `${P}monitoring.thresholds.latencyP99Ms must be a positive number below 29000 (the integration timeout), got 0`,
                    `${P}monitoring.thresholds.latencyP99Ms must be a positive number below 29000 (the integration timeout), got 29000`,
                    `${P}monitoring.thresholds.integrationLatencyP99Ms must be a positive number below 29000 (the integration timeout), got -5`,
                    `${P}monitoring.thresholds.latencyP99Ms must be a positive number below 29000 (the integration timeout), got "2000"`,
                ],
            );
        });

        it("with a caller's restApi, latencies may go up to a raised 300 s timeout", () => {
            assert.strictEqual(MAX_RAISED_INTEGRATION_TIMEOUT_MS, 300000);
            const restApi = new aws.apigateway.RestApi("existing", {});
            assert.deepStrictEqual(
                [
                    message({ thresholds: { latencyP99Ms: 29000 } }, { restApi }),
                    message({ thresholds: { integrationLatencyP99Ms: 300000 } }, { restApi }),
                ],
                [
                    "accepted",
                    `${P}monitoring.thresholds.integrationLatencyP99Ms must be a positive number below 300000 (the integration timeout), got 300000`,
                ],
            );
        });

        it("percentages must be in (0, 100]", () => {
            assert.deepStrictEqual(
                [
                    t({ serverErrorRatePercent: 0 }),
                    t({ clientErrorRatePercent: 100.5 }),
                    t({ cacheHitRatioPercent: Number.NaN }),
                ],
                [
                    `${P}monitoring.thresholds.serverErrorRatePercent must be a percentage in (0, 100], got 0`,
                    `${P}monitoring.thresholds.clientErrorRatePercent must be a percentage in (0, 100], got 100.5`,
                    `${P}monitoring.thresholds.cacheHitRatioPercent must be a percentage in (0, 100], got NaN`,
                ],
            );
        });

        it("counts must be positive integers", () => {
            assert.deepStrictEqual(
                [t({ serverErrorCount: 0 }), t({ throttledRequests: 2.5 }), t({ integrationTimeouts: -1 })],
                [
                    `${P}monitoring.thresholds.serverErrorCount must be a positive integer, got 0`,
                    `${P}monitoring.thresholds.throttledRequests must be a positive integer, got 2.5`,
                    `${P}monitoring.thresholds.integrationTimeouts must be a positive integer, got -1`,
                ],
            );
        });

        it("an unknown threshold is an error, not a silently kept default", () => {
            assert.deepStrictEqual(
                [t({ latencyP99: 2000 }), message({ thresholds: [1] })],
                [
                    `${P}monitoring.thresholds.latencyP99 is not an arg of monitoring.thresholds; allowed: ` +
                        "serverErrorRatePercent, serverErrorCount, clientErrorRatePercent, latencyP99Ms, " +
                        "integrationLatencyP99Ms, throttledRequests, integrationTimeouts, cacheHitRatioPercent",
                    `${P}monitoring.thresholds must be an object, got [1]`,
                ],
            );
        });
    });

    describe("topic and notifications", () => {
        const topic = "arn:aws:sns:eu-west-1:123456789012:oncall";

        it("alarmTopicArn excludes alarmEmails (an empty list is no subscription) and alarmTopicKmsKeyId", () => {
            assert.deepStrictEqual(
                [
                    message({ alarmTopicArn: topic, alarmEmails: ["a@example.com"] }),
                    message({ alarmTopicArn: topic, alarmEmails: [] }),
                    message({ alarmTopicArn: topic, alarmTopicKmsKeyId: "alias/k" }),
                ],
                [
                    `${P}monitoring.alarmTopicArn and monitoring.alarmEmails exclude each other: subscribe the ` +
                        "addresses to the existing topic, or drop alarmTopicArn and let the component create the topic",
                    "accepted",
                    `${P}monitoring.alarmTopicArn and monitoring.alarmTopicKmsKeyId exclude each other: the key only ` +
                        "applies to the topic the component creates",
                ],
            );
        });

        it("alarmTopicArn must be an SNS topic ARN", () => {
            assert.strictEqual(
                message({ alarmTopicArn: "arn:aws:sqs:eu-west-1:123456789012:queue" }),
                `${P}monitoring.alarmTopicArn must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>), ` +
                    'got "arn:aws:sqs:eu-west-1:123456789012:queue"',
            );
        });

        it("each email must look like an address, in a list", () => {
            assert.deepStrictEqual(
                [
                    message({ alarmEmails: ["oncall@example.com", "oncall"] }),
                    message({ alarmEmails: "oncall@example.com" }),
                ],
                [
                    `${P}monitoring.alarmEmails[1] must be an email address, got "oncall"`,
                    `${P}monitoring.alarmEmails must be a list of email addresses, got "oncall@example.com"`,
                ],
            );
        });

        it("the topic key cannot be the AWS managed alias/aws/sns, nor empty", () => {
            const managed =
                `${P}monitoring.alarmTopicKmsKeyId cannot be the AWS managed key alias/aws/sns: its key policy does ` +
                "not let CloudWatch publish, so alarms would notify nobody; use a customer managed key or leave it unset";
            assert.deepStrictEqual(
                [
                    message({ alarmTopicKmsKeyId: "alias/aws/sns" }),
                    message({ alarmTopicKmsKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns" }),
                    message({ alarmTopicKmsKeyId: " " }),
                ],
                [managed, managed, `${P}monitoring.alarmTopicKmsKeyId must be a KMS key id, ARN or alias, got " "`],
            );
        });

        it("runbookUrl must be http or https, and short enough for the 1,024-character alarm description", () => {
            assert.strictEqual(MAX_RUNBOOK_URL_LENGTH, 512);
            assert.deepStrictEqual(
                [
                    message({ runbookUrl: `https://x/${"a".repeat(502)}` }),
                    message({ runbookUrl: `https://x/${"a".repeat(503)}` }),
                    message({ runbookUrl: "wiki/runbooks" }),
                ],
                [
                    "accepted",
                    `${P}monitoring.runbookUrl must be an http or https URL of at most 512 characters, got "https://x/${"a".repeat(503)}"`,
                    `${P}monitoring.runbookUrl must be an http or https URL of at most 512 characters, got "wiki/runbooks"`,
                ],
            );
        });
    });

    it("switches must be booleans, and unknown args are named", () => {
        assert.deepStrictEqual(
            [message({ alarms: "false" }), message({ dashboard: 1 }), message({ alarm: false }), message("on")],
            [
                `${P}monitoring.alarms must be true or false, got "false"`,
                `${P}monitoring.dashboard must be true or false, got 1`,
                `${P}monitoring.alarm is not an arg of monitoring; allowed: dashboard, alarms, queries, compositeAlarm, alarmTopicArn, ` +
                    "alarmEmails, alarmTopicKmsKeyId, thresholds, runbookUrl",
                `${P}monitoring must be an object, got "on"`,
            ],
        );
    });
});
