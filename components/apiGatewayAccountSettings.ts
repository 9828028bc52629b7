import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAccountCloudWatchRole } from "./account/cloudWatchRole";
import { CloudWatchRoleSource, COMPONENT_TYPES } from "./contract";
import { checkAccountRoleRelations } from "./validation/accountRole";
import { Reporter, leaf, object, plainLeaf, validateArgs } from "./validation/framework";
import { enumRule, iamRoleArnRule, tagsRule } from "./validation/rules";

const COMPONENT = "ApiGatewayAccountSettings";

export interface ApiGatewayAccountSettingsArgs {
    /**
     * `Create` builds a role with the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs and sets it on the
     * account; `Existing` sets `cloudWatchRoleArn`. (There is no `None`: this component exists to set it.)
     * @default Create
     */
    cloudWatchRole?: CloudWatchRoleSource;
    /** The role to set; required with, and only allowed with, `cloudWatchRole: Existing`. @default none */
    cloudWatchRoleArn?: pulumi.Input<string>;
    /** Tags for the role. @default none */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

const SPEC = object<ApiGatewayAccountSettingsArgs>({
    cloudWatchRole: plainLeaf(enumRule(Object.values(CloudWatchRoleSource))),
    cloudWatchRoleArn: leaf(iamRoleArnRule),
    tags: leaf(tagsRule),
});

/** Validates the args the way every component does, with the API components' role rules and wording. */
export function validateAccountSettingsArgs(
    args: ApiGatewayAccountSettingsArgs,
    reporter: Reporter,
): ApiGatewayAccountSettingsArgs {
    const checked = validateArgs(SPEC, args, reporter);
    checkAccountRoleRelations(
        "cloudWatchRole",
        checked.cloudWatchRole ?? CloudWatchRoleSource.Create,
        checked.cloudWatchRoleArn,
        reporter,
    );
    return checked;
}

/**
 * The account-wide API Gateway CloudWatch role, for the one "bootstrap" stack that owns it. There is one such
 * setting per account and region; the last stack to write it wins, and deleting the role breaks execution and access
 * logging for every REST and WebSocket API in the region. Every other stack leaves `accountCloudWatchRole` at `None`.
 */
export class ApiGatewayAccountSettings extends pulumi.ComponentResource {
    /** Undefined with `Existing`. */
    public readonly cloudWatchRole?: aws.iam.Role;
    public readonly account: aws.apigateway.Account;
    /** The role ARN now set on the account. */
    public readonly cloudWatchRoleArn: pulumi.Output<string>;

    constructor(name: string, args: ApiGatewayAccountSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
        const reporter = new Reporter(COMPONENT, name);
        const checked = validateAccountSettingsArgs(args ?? {}, reporter);
        const mode = checked.cloudWatchRole ?? CloudWatchRoleSource.Create;
        const inputs = {
            cloudWatchRole: mode,
            ...(checked.cloudWatchRoleArn === undefined ? {} : { cloudWatchRoleArn: checked.cloudWatchRoleArn }),
        };
        super(COMPONENT_TYPES.ApiGatewayAccountSettings, name, inputs, opts);
        reporter.attach(this);
        const created = createAccountCloudWatchRole(name, this, mode, checked.cloudWatchRoleArn, checked.tags);
        this.cloudWatchRole = created.cloudWatchRole;
        this.account = created.account!;
        this.cloudWatchRoleArn = this.account.cloudwatchRoleArn;
        this.registerOutputs({
            cloudWatchRole: this.cloudWatchRole,
            account: this.account,
            cloudWatchRoleArn: this.cloudWatchRoleArn,
        });
    }
}
