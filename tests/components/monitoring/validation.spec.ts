import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { validateMonitoringArgs } from "../../../components/monitoring";
import type { MonitoringArgs } from "../../../components/monitoring";

function rejects(args: unknown, message: string): void {
    assert.throws(
        () => validateMonitoringArgs("orders", args as MonitoringArgs),
        (err: Error) => {
            assert.strictEqual(err.message, message);
            return true;
        },
    );
}

describe("components/monitoring/validation", () => {
    it("accepts no monitoring args, an empty object and a full valid set", () => {
        validateMonitoringArgs("orders", undefined);
        validateMonitoringArgs("orders", {});
        validateMonitoringArgs("orders", {
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
        });
        validateMonitoringArgs("orders", { alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall" });
        validateMonitoringArgs("orders", { alarmTopicArn: pulumi.output("not checked until it resolves") });
    });

    describe("thresholds", () => {
        const t = (thresholds: object) => ({ thresholds });
        it("latencies must be positive and below the 29 s integration timeout", () => {
            rejects(
                t({ latencyP99Ms: 0 }),
                'ObservableRestApi "orders": monitoring.thresholds.latencyP99Ms must be a positive number below 29000, got 0',
            );
            rejects(
                t({ latencyP99Ms: 29000 }),
                'ObservableRestApi "orders": monitoring.thresholds.latencyP99Ms must be a positive number below 29000, got 29000',
            );
            rejects(
                t({ integrationLatencyP99Ms: -5 }),
                'ObservableRestApi "orders": monitoring.thresholds.integrationLatencyP99Ms must be a positive number below 29000, got -5',
            );
            rejects(
                t({ latencyP99Ms: "2000" }),
                'ObservableRestApi "orders": monitoring.thresholds.latencyP99Ms must be a positive number below 29000, got "2000"',
            );
        });

        it("percentages must be in (0, 100]", () => {
            rejects(
                t({ serverErrorRatePercent: 0 }),
                'ObservableRestApi "orders": monitoring.thresholds.serverErrorRatePercent must be a percentage in (0, 100], got 0',
            );
            rejects(
                t({ clientErrorRatePercent: 100.5 }),
                'ObservableRestApi "orders": monitoring.thresholds.clientErrorRatePercent must be a percentage in (0, 100], got 100.5',
            );
            rejects(
                t({ cacheHitRatioPercent: Number.NaN }),
                'ObservableRestApi "orders": monitoring.thresholds.cacheHitRatioPercent must be a percentage in (0, 100], got NaN',
            );
        });

        it("counts must be positive integers", () => {
            rejects(
                t({ serverErrorCount: 0 }),
                'ObservableRestApi "orders": monitoring.thresholds.serverErrorCount must be a positive integer, got 0',
            );
            rejects(
                t({ throttledRequests: 2.5 }),
                'ObservableRestApi "orders": monitoring.thresholds.throttledRequests must be a positive integer, got 2.5',
            );
            rejects(
                t({ integrationTimeouts: -1 }),
                'ObservableRestApi "orders": monitoring.thresholds.integrationTimeouts must be a positive integer, got -1',
            );
        });

        it("an unknown threshold is an error, not a silently kept default", () => {
            rejects(
                t({ latencyP99: 2000 }),
                'ObservableRestApi "orders": monitoring.thresholds.latencyP99 is not a threshold; allowed: ' +
                    "serverErrorRatePercent, serverErrorCount, clientErrorRatePercent, latencyP99Ms, " +
                    "integrationLatencyP99Ms, throttledRequests, integrationTimeouts, cacheHitRatioPercent",
            );
            rejects(
                { thresholds: [1] },
                'ObservableRestApi "orders": monitoring.thresholds must be an object, got [1]',
            );
        });
    });

    describe("topic and notifications", () => {
        it("alarmTopicArn excludes alarmEmails", () => {
            rejects(
                { alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall", alarmEmails: ["a@example.com"] },
                'ObservableRestApi "orders": monitoring.alarmTopicArn and monitoring.alarmEmails exclude each other: ' +
                    "subscribe the addresses to the existing topic, or drop alarmTopicArn and let the component create the topic",
            );
            // An empty list is no subscription at all.
            validateMonitoringArgs("orders", {
                alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall",
                alarmEmails: [],
            });
        });

        it("alarmTopicArn excludes alarmTopicKmsKeyId", () => {
            rejects(
                { alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall", alarmTopicKmsKeyId: "alias/k" },
                'ObservableRestApi "orders": monitoring.alarmTopicArn and monitoring.alarmTopicKmsKeyId exclude each ' +
                    "other: the key only applies to the topic the component creates",
            );
        });

        it("alarmTopicArn must be an SNS topic ARN", () => {
            rejects(
                { alarmTopicArn: "arn:aws:sqs:eu-west-1:123456789012:queue" },
                'ObservableRestApi "orders": monitoring.alarmTopicArn must be an SNS topic ARN ' +
                    '(arn:aws:sns:<region>:<account>:<name>), got "arn:aws:sqs:eu-west-1:123456789012:queue"',
            );
        });

        it("each email must look like an address", () => {
            rejects(
                { alarmEmails: ["oncall@example.com", "oncall"] },
                'ObservableRestApi "orders": monitoring.alarmEmails[1] must be an email address, got "oncall"',
            );
            rejects(
                { alarmEmails: "oncall@example.com" },
                'ObservableRestApi "orders": monitoring.alarmEmails must be a list of email addresses, got "oncall@example.com"',
            );
        });

        it("the topic key cannot be the AWS managed alias/aws/sns, nor empty", () => {
            rejects(
                { alarmTopicKmsKeyId: "alias/aws/sns" },
                'ObservableRestApi "orders": monitoring.alarmTopicKmsKeyId cannot be the AWS managed key alias/aws/sns: ' +
                    "its key policy does not let CloudWatch publish, so alarms would notify nobody; use a customer " +
                    "managed key or leave it unset",
            );
            rejects(
                { alarmTopicKmsKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns" },
                'ObservableRestApi "orders": monitoring.alarmTopicKmsKeyId cannot be the AWS managed key alias/aws/sns: ' +
                    "its key policy does not let CloudWatch publish, so alarms would notify nobody; use a customer " +
                    "managed key or leave it unset",
            );
            rejects(
                { alarmTopicKmsKeyId: " " },
                'ObservableRestApi "orders": monitoring.alarmTopicKmsKeyId must be a KMS key id, ARN or alias, got " "',
            );
        });

        it("runbookUrl must be http or https, and short enough for the 1,024-character alarm description", () => {
            validateMonitoringArgs("orders", { runbookUrl: `https://x/${"a".repeat(502)}` });
            rejects(
                { runbookUrl: `https://x/${"a".repeat(503)}` },
                'ObservableRestApi "orders": monitoring.runbookUrl must be an http or https URL of at most 512 ' +
                    `characters, got "https://x/${"a".repeat(503)}"`,
            );
            rejects(
                { runbookUrl: "wiki/runbooks" },
                'ObservableRestApi "orders": monitoring.runbookUrl must be an http or https URL of at most 512 ' +
                    'characters, got "wiki/runbooks"',
            );
        });
    });

    it("switches must be booleans, and unknown args are named", () => {
        rejects(
            { alarms: "false" },
            'ObservableRestApi "orders": monitoring.alarms must be true or false, got "false"',
        );
        rejects({ dashboard: 1 }, 'ObservableRestApi "orders": monitoring.dashboard must be true or false, got 1');
        rejects(
            { alarm: false },
            'ObservableRestApi "orders": monitoring.alarm is not a monitoring arg; allowed: dashboard, alarms, ' +
                "alarmTopicArn, alarmEmails, alarmTopicKmsKeyId, thresholds, runbookUrl, queries",
        );
        rejects("on", 'ObservableRestApi "orders": monitoring must be an object, got "on"');
    });
});
