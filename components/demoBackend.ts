import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The handler, inline so the demo needs no build step and no archive on disk. */
export const HELLO_HANDLER_SOURCE = `export const handler = async (event) => {
    const name = event.queryStringParameters?.name ?? "world";
    console.log(JSON.stringify({ message: "hello", name, requestId: event.requestContext?.requestId }));
    return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: \`hello, \${name}\` }),
    };
};
`;

export interface DemoBackendArgs {
    /** Retention of the function's log group, in days. @default 14 */
    logRetentionInDays?: pulumi.Input<number>;
    /** Tags for every taggable child. @default none */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The demo API's backend: a tiny Node.js Lambda function with X-Ray active tracing and a log group that expires.
 * It exists so that `index.ts` deploys a real API; teams bring their own integrations.
 */
export class DemoBackend extends pulumi.ComponentResource {
    public readonly role: aws.iam.Role;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    public readonly function: aws.lambda.Function;
    /** What an `aws_proxy` integration's `uri` needs. */
    public readonly invokeArn: pulumi.Output<string>;

    constructor(name: string, args: DemoBackendArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("observable-api:index:DemoBackend", name, args, opts);

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
                tags: args.tags,
            },
            { parent: this },
        );
        const policies = {
            logs: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            xray: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        };
        const attachments = Object.entries(policies).map(
            ([role, policyArn]) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${role}`,
                    { role: this.role.name, policyArn },
                    { parent: this },
                ),
        );

        // Lambda would otherwise create /aws/lambda/<function> itself, with no expiry.
        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { retentionInDays: args.logRetentionInDays ?? 14, tags: args.tags },
            { parent: this },
        );

        this.function = new aws.lambda.Function(
            `${name}-function`,
            {
                runtime: aws.lambda.Runtime.NodeJS22dX,
                handler: "index.handler",
                role: this.role.arn,
                code: new pulumi.asset.AssetArchive({
                    "index.mjs": new pulumi.asset.StringAsset(HELLO_HANDLER_SOURCE),
                }),
                memorySize: 128,
                timeout: 10,
                tracingConfig: { mode: "Active" },
                loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
                tags: args.tags,
            },
            { parent: this, dependsOn: attachments },
        );
        this.invokeArn = this.function.invokeArn;

        this.registerOutputs({
            role: this.role,
            logGroup: this.logGroup,
            function: this.function,
            invokeArn: this.invokeArn,
        });
    }
}
