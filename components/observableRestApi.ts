import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAccountCloudWatchRole } from "./account/cloudWatchRole";
import { createRestApiAndDeployment, createStage } from "./api/createApi";
import { AccessLogFormat, COMPONENT_TYPES } from "./contract";
import { resolveAccessLogFormat } from "./logging/accessLogFormat";
import { createLogGroups } from "./logging/logGroups";
import { createMonitoring } from "./monitoring/createMonitoring";
import type { MonitoringResources } from "./monitoring/types";
import { INTEGRATION_TIMEOUT_MS, MAX_RAISED_INTEGRATION_TIMEOUT_MS } from "./monitoring/validation";
import type { ObservableRestApiArgs } from "./observableRestApiArgs";
import { resolveMonitoring, resolveSettings } from "./presets";
import { createMethodSettings } from "./settings/methodSettings";
import { createSamplingRule } from "./tracing/samplingRule";
import { Reporter } from "./validation/framework";
import { COMPONENT, validateRestApiArgs } from "./validation/restApi";
import { warnAboutLevels, warnAboutRates } from "./warnings";

export type { ObservableRestApiArgs } from "./observableRestApiArgs";

/**
 * A REST API stage that can be observed from its first request: execution and access logs with retention, X-Ray
 * tracing, stage-wide and per-method throttling, detailed metrics, a dashboard, alarms wired to SNS, access-log
 * signals and saved Logs Insights queries.
 */
export class ObservableRestApi extends pulumi.ComponentResource {
    /** The RestApi: created from `openApiSpec`, or the caller's `restApi`. */
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
    /** The dashboard, alarms, filters and queries; skipped parts are undefined or empty. */
    public readonly monitoring: MonitoringResources;
    /** Undefined when `monitoring.dashboard` is false. */
    public readonly dashboardName?: pulumi.Output<string>;
    public readonly dashboardUrl?: pulumi.Output<string>;
    /** Undefined when `monitoring.alarms` is false. */
    public readonly alarmTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: ObservableRestApiArgs, opts?: pulumi.ComponentResourceOptions) {
        // Before super(): bad input registers nothing at all, not even the component. Values that are still
        // Outputs come back wrapped, and are checked once they resolve.
        const reporter = new Reporter(COMPONENT, name);
        const checked = validateRestApiArgs(args, reporter);
        const settings = resolveSettings(checked);
        const monitoringSettings = resolveMonitoring(settings.environment, checked.monitoring);
        super(COMPONENT_TYPES.ObservableRestApi, name, settings, opts);
        reporter.attach(this);
        warnAboutLevels(COMPONENT, name, settings.environment, this, [
            ["executionLogging.level", settings.executionLogging.level],
            ...settings.methodOverrides.map((o, i) => [`methodOverrides[${i}].loggingLevel`, o.loggingLevel] as const),
        ]);
        warnAboutRates(COMPONENT, name, this, [
            ["throttling.rateLimit", settings.throttling.rateLimit],
            ...settings.methodOverrides.map(
                (o, i) => [`methodOverrides[${i}].throttling.rateLimit`, o.throttling.rateLimit] as const,
            ),
        ]);
        const tags = checked.tags;

        const core = createRestApiAndDeployment(
            name,
            this,
            {
                openApiSpec: checked.openApiSpec,
                restApi: checked.restApi,
                redeployTriggers: checked.redeployTriggers,
                methodOverrides: checked.methodOverrides,
            },
            reporter,
            tags,
        );
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

        const accessLogFormat = resolveAccessLogFormat(settings.accessLogging);
        this.stage = createStage(name, this, {
            restApi: this.restApi,
            deployment: this.deployment,
            accessLogGroup: this.accessLogGroup,
            accessLogFormat: accessLogFormat.format,
            settings,
            // The execution log group must exist before API Gateway first writes to it, and any logging (execution
            // or access) needs the account role, when this component sets it.
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

        const monitoring = createMonitoring(
            {
                name,
                component: COMPONENT,
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
                // The API the component creates is EDGE, whose integrations time out at 29 s; a REGIONAL or PRIVATE
                // API brought by the caller may have raised its timeout.
                integrationTimeoutMs:
                    settings.apiSource === "openApiSpec" ? INTEGRATION_TIMEOUT_MS : MAX_RAISED_INTEGRATION_TIMEOUT_MS,
                tags,
            },
            monitoringSettings,
        );
        this.monitoring = monitoring.resources;
        this.dashboardName = monitoring.dashboardName;
        this.dashboardUrl = monitoring.dashboardUrl;
        this.alarmTopicArn = monitoring.alarmTopicArn;

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
