/**
 * The demo API's backend: a tiny Node.js Lambda function with X-Ray active tracing and a log group that expires.
 * It exists so that the program deploys a real API, and it can produce every signal the API's alarms watch on
 * request (see the README, "Triggering each alarm"). Teams bring their own integrations.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CLOUDWATCH_RETENTION_DAYS } from "observable-api/contract";

/**
 * The handler, inline so the demo needs no build step and no archive on disk. Query parameters make it misbehave
 * on purpose: `status=<4xx|5xx>` answers with that status, `sleepMs=<n>` waits that long first (past API Gateway's
 * 29 s integration timeout the client gets a 504), and `malformed=1` returns a response API Gateway cannot map (502).
 */
export const HELLO_HANDLER_SOURCE = `export const handler = async (event) => {
    const query = event.queryStringParameters ?? {};
    const name = query.name ?? "world";
    const sleepMs = Math.min(Number(query.sleepMs ?? 0) || 0, 34000);
    if (sleepMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, sleepMs));
    }
    console.log(JSON.stringify({ message: "hello", name, sleepMs, requestId: event.requestContext?.requestId }));
    if (query.malformed === "1") {
        return "not a proxy response";
    }
    const status = Number(query.status ?? 200);
    const statusCode = Number.isInteger(status) && status >= 200 && status <= 599 ? status : 400;
    return {
        statusCode,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(statusCode < 400 ? { message: \`hello, \${name}\` } : { error: \`status \${statusCode} on request\` }),
    };
};
`;

/**
 * Longer than API Gateway's 29 s integration timeout, so that a slow request ends as the API's 504 (and its
 * integration-timeout signal) rather than as a Lambda timeout.
 */
export const HELLO_TIMEOUT_SECONDS = 35;

export interface DemoBackendArgs {
    /** The handler's source: an ES module that exports `handler`. @default the hello handler above */
    handlerSource?: string;
    /** The function's timeout in seconds. @default 35 (past API Gateway's integration timeouts) */
    timeoutSeconds?: number;
    /** Retention of the function's log group; one of CloudWatch's retention periods. @default 14 */
    logRetentionInDays?: pulumi.Input<number>;
    /** Tags for every taggable child. @default none */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** The same rule, and the same message, as the components' retention args. */
function retentionProblem(name: string, value: unknown): string | undefined {
    return typeof value === "number" && CLOUDWATCH_RETENTION_DAYS.includes(value)
        ? undefined
        : `DemoBackend "${name}": logRetentionInDays must be one of CloudWatch's retention periods ` +
              `(${CLOUDWATCH_RETENTION_DAYS.join(", ")}), got ${JSON.stringify(value)}`;
}

export class DemoBackend extends pulumi.ComponentResource {
    public readonly role: aws.iam.Role;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    public readonly function: aws.lambda.Function;
    /** What an `aws_proxy` integration's `uri` needs. */
    public readonly invokeArn: pulumi.Output<string>;

    constructor(name: string, args: DemoBackendArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const retention = args.logRetentionInDays ?? 14;
        if (!pulumi.Output.isInstance(retention)) {
            const problem = retentionProblem(name, retention);
            if (problem !== undefined) {
                throw new Error(problem);
            }
        }
        super("observable-api-demo:index:DemoBackend", name, {}, opts);
        const checked = {
            tags: args.tags,
            logRetentionInDays: pulumi.output(retention).apply((days) => {
                const problem = retentionProblem(name, days);
                if (problem !== undefined) {
                    throw new pulumi.ResourceError(problem, this, true);
                }
                return days;
            }),
        };

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
                tags: checked.tags,
            },
            { parent: this },
        );
        // AWS managed policies live in the partition's own namespace (arn:aws-cn:..., arn:aws-us-gov:...).
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;
        const policies = {
            logs: "service-role/AWSLambdaBasicExecutionRole",
            xray: "AWSXRayDaemonWriteAccess",
        };
        const attachments = Object.entries(policies).map(
            ([role, policy]) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${role}`,
                    { role: this.role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}` },
                    { parent: this },
                ),
        );

        // Lambda would otherwise create /aws/lambda/<function> itself, with no expiry.
        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { retentionInDays: checked.logRetentionInDays, tags: checked.tags },
            { parent: this },
        );

        this.function = new aws.lambda.Function(
            `${name}-function`,
            {
                runtime: aws.lambda.Runtime.NodeJS22dX,
                handler: "index.handler",
                role: this.role.arn,
                code: new pulumi.asset.AssetArchive({
                    "index.mjs": new pulumi.asset.StringAsset(args.handlerSource ?? HELLO_HANDLER_SOURCE),
                }),
                memorySize: 128,
                timeout: args.timeoutSeconds ?? HELLO_TIMEOUT_SECONDS,
                tracingConfig: { mode: "Active" },
                loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
                tags: checked.tags,
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
