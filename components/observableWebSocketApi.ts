import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAccountCloudWatchRole } from "./account/cloudWatchRole";
import { createWebSocketApi, createWebSocketStage } from "./api/webSocketApi";
import { AccessLogFormat, COMPONENT_TYPES, V2_DEFAULT_STAGE_NAME } from "./contract";
import { WEBSOCKET_ACCESS_LOG_FORMATS, resolveAccessLogFormat } from "./logging/accessLogFormat";
import { createLogGroup, executionLogGroupName, v2AccessLogGroupName } from "./logging/logGroups";
import { physicalNamePrefix } from "./monitoring/createMonitoring";
import type { MonitoringResources } from "./monitoring/types";
import { createWebSocketMonitoring } from "./monitoring/webSocket/createMonitoring";
import type { ObservableWebSocketApiArgs } from "./observableWebSocketApiArgs";
import { Reporter } from "./validation/framework";
import { WEBSOCKET_COMPONENT, validateWebSocketApiArgs } from "./validation/webSocketApi";
import { warnAboutLevels, warnAboutRates, webSocketDefaultStageWarning } from "./warnings";
import { resolveWebSocketApiSettings, resolveWebSocketMonitoring } from "./webSocketApiPresets";

export type { ObservableWebSocketApiArgs } from "./observableWebSocketApiArgs";

/**
 * A WebSocket API stage that can be observed from its first connection: execution and access logs with retention,
 * stage-wide and per-route throttling, detailed metrics, a dashboard, alarms wired to SNS, access-log signals
 * (throttled messages, refused connects) and saved Logs Insights queries. X-Ray does not trace WebSocket APIs.
 */
export class ObservableWebSocketApi extends pulumi.ComponentResource {
    /** The Api: created from `routes`, or the caller's `api`. */
    public readonly api: aws.apigatewayv2.Api;
    /** One AWS_PROXY integration, route and invoke permission per `routes` entry, in order; empty with `api`. */
    public readonly integrations: aws.apigatewayv2.Integration[];
    public readonly routes: aws.apigatewayv2.Route[];
    public readonly permissions: aws.lambda.Permission[];
    public readonly deployment: aws.apigatewayv2.Deployment;
    public readonly stage: aws.apigatewayv2.Stage;
    /** The stage's `wss://` URL. */
    public readonly url: pulumi.Output<string>;
    public readonly stageArn: pulumi.Output<string>;
    public readonly accessLogGroup: aws.cloudwatch.LogGroup;
    /** Undefined for a `$default` stage: its log-group name would hold a `$`, which CloudWatch refuses. */
    public readonly executionLogGroup?: aws.cloudwatch.LogGroup;
    /** Undefined unless `accountCloudWatchRole` is `Create`. */
    public readonly cloudWatchRole?: aws.iam.Role;
    /** Undefined when `accountCloudWatchRole` is `None`. */
    public readonly account?: aws.apigateway.Account;
    public readonly monitoring: MonitoringResources;
    public readonly dashboardName?: pulumi.Output<string>;
    public readonly dashboardUrl?: pulumi.Output<string>;
    public readonly alarmTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: ObservableWebSocketApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Before super(): bad input registers nothing at all, not even the component.
        const reporter = new Reporter(WEBSOCKET_COMPONENT, name);
        const checked = validateWebSocketApiArgs(args, reporter);
        const settings = resolveWebSocketApiSettings(checked);
        const monitoringSettings = resolveWebSocketMonitoring(settings.environment, checked.monitoring);
        super(COMPONENT_TYPES.ObservableWebSocketApi, name, settings, opts);
        reporter.attach(this);
        const defaultStage = settings.stageName === V2_DEFAULT_STAGE_NAME;
        if (defaultStage) {
            pulumi.log.warn(webSocketDefaultStageWarning(WEBSOCKET_COMPONENT, name), this);
        }
        warnAboutLevels(WEBSOCKET_COMPONENT, name, settings.environment, this, [
            ["executionLogging.level", settings.executionLogging.level],
            ...settings.routeOverrides.map((o, i) => [`routeOverrides[${i}].loggingLevel`, o.loggingLevel] as const),
        ]);
        warnAboutRates(WEBSOCKET_COMPONENT, name, this, [
            ["throttling.rateLimit", settings.throttling.rateLimit],
            ...settings.routeOverrides.map(
                (o, i) => [`routeOverrides[${i}].throttling.rateLimit`, o.throttling.rateLimit] as const,
            ),
        ]);
        const tags = checked.tags;
        const region = aws.getRegionOutput({}, { parent: this }).region;

        const core = createWebSocketApi(
            name,
            this,
            {
                routes: checked.routes,
                routeSelectionExpression: checked.routeSelectionExpression,
                api: checked.api,
                redeployTriggers: checked.redeployTriggers,
                apiName: physicalNamePrefix(pulumi.getProject(), pulumi.getStack(), name),
                stageName: settings.stageName,
                region,
                partition: aws.getPartitionOutput({}, { parent: this }).partition,
            },
            reporter,
            tags,
        );
        this.api = core.api;
        this.integrations = core.integrations;
        this.routes = core.routes;
        this.permissions = core.permissions;
        this.deployment = core.deployment;

        // API Gateway writes a WebSocket stage's execution logs where it writes a REST stage's (AWS documents the
        // name for REST only; the Knowledge Center's troubleshooting page, which covers REST and WebSocket APIs,
        // names the same API-Gateway-Execution-Logs group). Created first, with a retention, so API Gateway never
        // creates it without one.
        if (!defaultStage) {
            this.executionLogGroup = createLogGroup(`${name}-execution-logs`, this, {
                name: executionLogGroupName(core.apiId, settings.stageName),
                retentionInDays: settings.executionLogging.retentionInDays,
                kmsKeyArn: settings.executionLogging.kmsKeyArn,
                protectLogs: settings.protectLogs,
                tags,
            });
        }
        this.accessLogGroup = createLogGroup(`${name}-access-logs`, this, {
            name: v2AccessLogGroupName(name, core.apiId, settings.stageName),
            retentionInDays: settings.accessLogging.retentionInDays,
            kmsKeyArn: settings.accessLogging.kmsKeyArn,
            protectLogs: settings.protectLogs,
            tags,
        });

        const account = createAccountCloudWatchRole(
            name,
            this,
            settings.accountCloudWatchRole,
            settings.cloudWatchRoleArn,
            tags,
        );
        this.cloudWatchRole = account.cloudWatchRole;
        this.account = account.account;

        const accessLogFormat = resolveAccessLogFormat(settings.accessLogging, WEBSOCKET_ACCESS_LOG_FORMATS);
        this.stage = createWebSocketStage(name, this, {
            apiId: core.apiId,
            deployment: this.deployment,
            accessLogGroup: this.accessLogGroup,
            accessLogFormat: accessLogFormat.format,
            settings,
            // Execution and access logging both need the account role ("CloudWatch Logs role ARN must be set in
            // account settings to enable logging", aws/aws-cdk#33977 for WebSocket access logs); route settings
            // need their routes to exist.
            dependsOn: [
                ...(this.executionLogGroup ? [this.executionLogGroup] : []),
                ...(this.account ? [this.account] : []),
                ...this.routes,
            ],
            tags,
        });
        this.url = this.stage.invokeUrl;
        this.stageArn = this.stage.arn;

        const monitoring = createWebSocketMonitoring(
            {
                name,
                component: WEBSOCKET_COMPONENT,
                parent: this,
                environment: settings.environment,
                apiName: this.api.name,
                apiId: core.apiId,
                stageName: this.stage.name,
                region,
                accessLogGroupName: this.accessLogGroup.name,
                executionLogGroupName: this.executionLogGroup?.name,
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
            integrations: this.integrations,
            routes: this.routes,
            permissions: this.permissions,
            deployment: this.deployment,
            stage: this.stage,
            url: this.url,
            stageArn: this.stageArn,
            accessLogGroup: this.accessLogGroup,
            executionLogGroup: this.executionLogGroup,
            cloudWatchRole: this.cloudWatchRole,
            account: this.account,
            monitoring: this.monitoring,
            dashboardName: this.dashboardName,
            dashboardUrl: this.dashboardUrl,
            alarmTopicArn: this.alarmTopicArn,
        });
    }
}
