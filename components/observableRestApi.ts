import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAccountCloudWatchRole } from "./account/cloudWatchRole";
import { createRestApiAndDeployment, createStage } from "./api/createApi";
import { AccessLogFormat } from "./enums";
import { resolveAccessLogFormat } from "./logging/accessLogFormat";
import { createLogGroups } from "./logging/logGroups";
import { createMonitoring } from "./monitoring";
import type { MonitoringResources } from "./monitoring/types";
import type { ObservableRestApiArgs } from "./observableRestApiArgs";
import { resolveSettings } from "./presets";
import { createMethodSettings } from "./settings/methodSettings";
import { createSamplingRule } from "./tracing/samplingRule";
import { checkedSettings, logSettingsWarnings, validateObservableRestApiArgs } from "./validation";

export type { ObservableRestApiArgs } from "./observableRestApiArgs";

/**
 * A REST API stage that can be observed from its first request: execution and access logs with retention,
 * X-Ray tracing, stage-wide throttling, detailed metrics, and (issue 4) a dashboard and alarms.
 */
export class ObservableRestApi extends pulumi.ComponentResource {
    public readonly restApi: aws.apigateway.RestApi;
    public readonly deployment: aws.apigateway.Deployment;
    public readonly stage: aws.apigateway.Stage;
    /** The stage's invoke URL. */
    public readonly url: pulumi.Output<string>;
    public readonly stageArn: pulumi.Output<string>;
    public readonly accessLogGroup: aws.cloudwatch.LogGroup;
    public readonly executionLogGroup: aws.cloudwatch.LogGroup;
    /** The stage-wide (`*` `/` `*`) MethodSettings. */
    public readonly methodSettings: aws.apigateway.MethodSettings;
    /** One MethodSettings per `methodOverrides` entry, in order. */
    public readonly methodOverrides: aws.apigateway.MethodSettings[];
    /** Undefined without `tracing.samplingRate`. */
    public readonly samplingRule?: aws.xray.SamplingRule;
    /** Undefined unless `accountCloudWatchRole` is `Create`. */
    public readonly cloudWatchRole?: aws.iam.Role;
    /** Undefined when `accountCloudWatchRole` is `None`. */
    public readonly account?: aws.apigateway.Account;
    public readonly monitoring: MonitoringResources;
    /** Undefined when `monitoring.dashboard` is false. */
    public readonly dashboardName?: pulumi.Output<string>;
    public readonly dashboardUrl?: pulumi.Output<string>;
    /** Undefined when `monitoring.alarms` is false. */
    public readonly alarmTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: ObservableRestApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Before super(): bad input registers nothing at all, not even the component.
        validateObservableRestApiArgs(name, args);
        const effective = resolveSettings(args);
        super("observable-api:index:ObservableRestApi", name, effective, opts);

        const settings = checkedSettings(name, effective, this);
        logSettingsWarnings(name, settings, this);
        const tags = args.tags;

        const core = createRestApiAndDeployment(name, this, args, tags);
        this.restApi = core.restApi;
        this.deployment = core.deployment;

        const logs = createLogGroups(name, this, {
            restApiId: this.restApi.id,
            stageName: settings.stageName,
            execution: settings.executionLogging,
            access: settings.accessLogging,
            protectLogs: settings.protectLogs,
            tags,
        });
        this.executionLogGroup = logs.executionLogGroup;
        this.accessLogGroup = logs.accessLogGroup;

        const account = createAccountCloudWatchRole(
            name,
            this,
            settings.accountCloudWatchRole,
            settings.cloudWatchRoleArn,
            tags,
        );
        this.cloudWatchRole = account.cloudWatchRole;
        this.account = account.account;

        const accessLogFormat = resolveAccessLogFormat(settings.accessLogging.format);
        this.stage = createStage(name, this, {
            restApi: this.restApi,
            deployment: this.deployment,
            stageName: settings.stageName,
            accessLogGroup: this.accessLogGroup,
            accessLogFormat: accessLogFormat.format,
            settings,
            // The execution log group must exist before API Gateway first writes to it, and logging needs the role.
            dependsOn: [this.executionLogGroup, ...(this.account ? [this.account] : [])],
            tags,
        });
        this.url = this.stage.invokeUrl;
        this.stageArn = this.stage.arn;

        const methods = createMethodSettings(
            name,
            this,
            this.restApi.id,
            this.stage.stageName,
            settings,
            settings.methodOverrides,
        );
        this.methodSettings = methods.methodSettings;
        this.methodOverrides = methods.overrides;

        if (settings.tracing.enabled && settings.tracing.samplingRate !== undefined) {
            this.samplingRule = createSamplingRule(name, this, this.stage, settings.tracing.samplingRate, tags);
        }

        this.monitoring = createMonitoring(
            {
                name,
                parent: this,
                environment: settings.environment,
                apiName: this.restApi.name,
                restApiId: this.restApi.id,
                stageName: this.stage.stageName,
                region: aws.getRegionOutput({}, { parent: this }).region,
                accessLogGroupName: this.accessLogGroup.name,
                executionLogGroupName: this.executionLogGroup.name,
                jsonAccessLogs: accessLogFormat.kind === AccessLogFormat.Json,
                cachingEnabled: settings.caching.enabled,
                tracingEnabled: settings.tracing.enabled,
                tags,
            },
            args.monitoring,
        );
        this.dashboardName = this.monitoring.dashboardName;
        this.dashboardUrl = this.monitoring.dashboardUrl;
        this.alarmTopicArn = this.monitoring.alarmTopicArn;

        this.registerOutputs({
            restApi: this.restApi,
            deployment: this.deployment,
            stage: this.stage,
            url: this.url,
            stageArn: this.stageArn,
            accessLogGroup: this.accessLogGroup,
            executionLogGroup: this.executionLogGroup,
            methodSettings: this.methodSettings,
            methodOverrides: this.methodOverrides,
            samplingRule: this.samplingRule,
            cloudWatchRole: this.cloudWatchRole,
            account: this.account,
            monitoring: this.monitoring,
            dashboardName: this.dashboardName,
            dashboardUrl: this.dashboardUrl,
            alarmTopicArn: this.alarmTopicArn,
        });
    }
}
