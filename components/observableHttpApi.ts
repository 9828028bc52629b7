import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHttpApi, createHttpStage } from "./api/httpApi";
import { AccessLogFormat, COMPONENT_TYPES } from "./contract";
import { resolveHttpApiSettings, resolveHttpMonitoring } from "./httpApiPresets";
import { HTTP_ACCESS_LOG_FORMATS, resolveAccessLogFormat } from "./logging/accessLogFormat";
import { createLogGroup, v2AccessLogGroupName } from "./logging/logGroups";
import { createHttpMonitoring } from "./monitoring/http/createMonitoring";
import type { MonitoringResources } from "./monitoring/types";
import type { ObservableHttpApiArgs } from "./observableHttpApiArgs";
import { Reporter } from "./validation/framework";
import { HTTP_COMPONENT, validateHttpApiArgs } from "./validation/httpApi";
import { warnAboutRates } from "./warnings";

export type { ObservableHttpApiArgs } from "./observableHttpApiArgs";

/**
 * An HTTP API stage that can be observed from its first request: JSON access logs with retention, stage-wide and
 * per-route throttling, detailed metrics, a dashboard, alarms wired to SNS, access-log signals and saved Logs
 * Insights queries. HTTP APIs have no execution logs and no X-Ray tracing; the component refuses those args.
 */
export class ObservableHttpApi extends pulumi.ComponentResource {
    /** The Api: created from `openApiSpec`, or the caller's `api`. */
    public readonly api: aws.apigatewayv2.Api;
    /** The auto-deploying stage. */
    public readonly stage: aws.apigatewayv2.Stage;
    /** The stage's invoke URL (`https://<id>.execute-api.<region>.amazonaws.com/` for `$default`). */
    public readonly url: pulumi.Output<string>;
    public readonly stageArn: pulumi.Output<string>;
    public readonly accessLogGroup: aws.cloudwatch.LogGroup;
    /** The dashboard, alarms, filters and queries; skipped parts are undefined or empty. */
    public readonly monitoring: MonitoringResources;
    /** Undefined when `monitoring.dashboard` is false. */
    public readonly dashboardName?: pulumi.Output<string>;
    public readonly dashboardUrl?: pulumi.Output<string>;
    /** Undefined when `monitoring.alarms` is false. */
    public readonly alarmTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: ObservableHttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Before super(): bad input registers nothing at all, not even the component.
        const reporter = new Reporter(HTTP_COMPONENT, name);
        const checked = validateHttpApiArgs(args, reporter);
        const settings = resolveHttpApiSettings(checked);
        const monitoringSettings = resolveHttpMonitoring(settings.environment, checked.monitoring);
        super(COMPONENT_TYPES.ObservableHttpApi, name, settings, opts);
        reporter.attach(this);
        warnAboutRates(HTTP_COMPONENT, name, this, [
            ["throttling.rateLimit", settings.throttling.rateLimit],
            ...settings.routeOverrides.map(
                (o, i) => [`routeOverrides[${i}].throttling.rateLimit`, o.throttling.rateLimit] as const,
            ),
        ]);
        const tags = checked.tags;

        const core = createHttpApi(
            name,
            this,
            { openApiSpec: checked.openApiSpec, api: checked.api, routeOverrides: checked.routeOverrides },
            reporter,
            tags,
        );
        this.api = core.api;

        // HTTP API access logs are delivered by CloudWatch Logs itself: no account-wide role is involved
        // (API Gateway developer guide, "Configure logging for HTTP APIs").
        this.accessLogGroup = createLogGroup(`${name}-access-logs`, this, {
            name: v2AccessLogGroupName(name, core.apiId, settings.stageName),
            retentionInDays: settings.accessLogging.retentionInDays,
            kmsKeyArn: settings.accessLogging.kmsKeyArn,
            protectLogs: settings.protectLogs,
            tags,
        });

        const accessLogFormat = resolveAccessLogFormat(settings.accessLogging, HTTP_ACCESS_LOG_FORMATS);
        this.stage = createHttpStage(name, this, {
            apiId: core.apiId,
            accessLogGroup: this.accessLogGroup,
            accessLogFormat: accessLogFormat.format,
            settings,
            tags,
        });
        this.url = this.stage.invokeUrl;
        this.stageArn = this.stage.arn;

        const monitoring = createHttpMonitoring(
            {
                name,
                component: HTTP_COMPONENT,
                parent: this,
                environment: settings.environment,
                apiName: this.api.name,
                apiId: core.apiId,
                stageName: this.stage.name,
                region: aws.getRegionOutput({}, { parent: this }).region,
                accessLogGroupName: this.accessLogGroup.name,
                jsonAccessLogs: accessLogFormat.kind === AccessLogFormat.Json,
                tags,
            },
            monitoringSettings,
        );
        this.monitoring = monitoring.resources;
        this.dashboardName = monitoring.dashboardName;
        this.dashboardUrl = monitoring.dashboardUrl;
        this.alarmTopicArn = monitoring.alarmTopicArn;

        this.registerOutputs({
            api: this.api,
            stage: this.stage,
            url: this.url,
            stageArn: this.stageArn,
            accessLogGroup: this.accessLogGroup,
            monitoring: this.monitoring,
            dashboardName: this.dashboardName,
            dashboardUrl: this.dashboardUrl,
            alarmTopicArn: this.alarmTopicArn,
        });
    }
}
