import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAccountCloudWatchRole } from "./account/cloudWatchRole";
import { AccountCloudWatchRole } from "./enums";
import type { EnumValue } from "./observableRestApiArgs";
import { checkedInput, cloudWatchRoleArnRule, enumRule, messagePrefix, shown } from "./validation";

const COMPONENT = "ApiGatewayAccountSettings";

export interface ApiGatewayAccountSettingsArgs {
    /**
     * `Create` builds a role with the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs and sets it on the
     * account; `Existing` sets `cloudWatchRoleArn`. (`None` is not offered: this component exists to set it.)
     * @default AccountCloudWatchRole.Create
     */
    cloudWatchRole?: EnumValue<AccountCloudWatchRole.Create | AccountCloudWatchRole.Existing>;
    /** The role to set; required with, and only allowed with, `cloudWatchRole: Existing`. @default none */
    cloudWatchRoleArn?: pulumi.Input<string>;
    /** Tags for the role. @default none */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The account-wide API Gateway CloudWatch role, for the one "bootstrap" stack that owns it. There is one such
 * setting per account and region; the last stack to write it wins, and deleting the role breaks execution logging
 * for every API in the region. Every other stack leaves `accountCloudWatchRole` at `None`.
 */
export class ApiGatewayAccountSettings extends pulumi.ComponentResource {
    /** Undefined with `Existing`. */
    public readonly cloudWatchRole?: aws.iam.Role;
    public readonly account: aws.apigateway.Account;
    /** The role ARN now set on the account. */
    public readonly cloudWatchRoleArn: pulumi.Output<string>;

    constructor(name: string, args: ApiGatewayAccountSettingsArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        ApiGatewayAccountSettings.validate(name, args);
        const mode = (args.cloudWatchRole ?? AccountCloudWatchRole.Create) as AccountCloudWatchRole;
        super(
            "observable-api:index:ApiGatewayAccountSettings",
            name,
            { cloudWatchRole: mode, cloudWatchRoleArn: args.cloudWatchRoleArn },
            opts,
        );
        const roleArn =
            args.cloudWatchRoleArn === undefined
                ? undefined
                : checkedInput(name, args.cloudWatchRoleArn, cloudWatchRoleArnRule, this, COMPONENT);
        const created = createAccountCloudWatchRole(name, this, mode, roleArn, args.tags);
        this.cloudWatchRole = created.cloudWatchRole;
        this.account = created.account!;
        this.cloudWatchRoleArn = this.account.cloudwatchRoleArn;
        this.registerOutputs({
            cloudWatchRole: this.cloudWatchRole,
            account: this.account,
            cloudWatchRoleArn: this.cloudWatchRoleArn,
        });
    }

    /** Throws the exact message for bad args; pure, so tests call it directly. */
    static validate(name: string, args: ApiGatewayAccountSettingsArgs): void {
        const prefix = messagePrefix(name, COMPONENT);
        const mode = args.cloudWatchRole ?? AccountCloudWatchRole.Create;
        const modeProblem = enumRule("cloudWatchRole", [AccountCloudWatchRole.Create, AccountCloudWatchRole.Existing])(
            mode,
        );
        if (modeProblem !== undefined) {
            throw new Error(prefix + modeProblem);
        }
        if (mode === AccountCloudWatchRole.Existing && args.cloudWatchRoleArn === undefined) {
            throw new Error(prefix + 'cloudWatchRoleArn must be set when cloudWatchRole is "Existing", got undefined');
        }
        if (mode === AccountCloudWatchRole.Create && args.cloudWatchRoleArn !== undefined) {
            throw new Error(
                prefix +
                    `cloudWatchRoleArn must be unset when cloudWatchRole is "Create", got ${typeof args.cloudWatchRoleArn === "string" ? shown(args.cloudWatchRoleArn) : "an Output"}`,
            );
        }
        if (typeof args.cloudWatchRoleArn === "string") {
            const problem = cloudWatchRoleArnRule(args.cloudWatchRoleArn);
            if (problem !== undefined) {
                throw new Error(prefix + problem);
            }
        }
    }
}
