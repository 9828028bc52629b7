/** The account-wide API Gateway CloudWatch role: one per account and region, and the last writer wins. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountCloudWatchRole } from "../contract";

export interface AccountResources {
    cloudWatchRole?: aws.iam.Role;
    cloudWatchRolePolicy?: aws.iam.RolePolicyAttachment;
    account?: aws.apigateway.Account;
}

/** The trust policy that lets API Gateway assume the role. */
export const API_GATEWAY_ASSUME_ROLE_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * `Create`: a role with the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs, set on the account.
 * `Existing`: the given role, set on the account. `None`: nothing.
 */
export function createAccountCloudWatchRole(
    name: string,
    parent: pulumi.Resource,
    mode: AccountCloudWatchRole,
    cloudWatchRoleArn: pulumi.Input<string> | undefined,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
): AccountResources {
    if (mode === AccountCloudWatchRole.None) {
        return {};
    }
    // Other APIs in the region log through this role: destroying the owning stack must not pull it away.
    const opts: pulumi.CustomResourceOptions = { parent, retainOnDelete: true };
    if (mode === AccountCloudWatchRole.Existing) {
        const account = new aws.apigateway.Account(`${name}-account`, { cloudwatchRoleArn: cloudWatchRoleArn }, opts);
        return { account };
    }
    const cloudWatchRole = new aws.iam.Role(
        `${name}-cloudwatch-role`,
        {
            description:
                "Lets API Gateway write execution and access logs to CloudWatch Logs for this account and region",
            assumeRolePolicy: API_GATEWAY_ASSUME_ROLE_POLICY,
            tags,
        },
        opts,
    );
    const partition = aws.getPartitionOutput({}, { parent });
    const cloudWatchRolePolicy = new aws.iam.RolePolicyAttachment(
        `${name}-cloudwatch-policy`,
        {
            role: cloudWatchRole.name,
            policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
        },
        opts,
    );
    // The account must not point at a role that cannot write logs yet.
    const account = new aws.apigateway.Account(
        `${name}-account`,
        { cloudwatchRoleArn: cloudWatchRole.arn },
        { ...opts, dependsOn: [cloudWatchRolePolicy] },
    );
    return { cloudWatchRole, cloudWatchRolePolicy, account };
}
