/**
 * A stand-in for the `aws` resource plugin, so that the real Pulumi engine can preview, deploy and destroy this
 * project's programs with no AWS account. Served with `@pulumi/pulumi/provider` (`provider.main`), the way Pulumi's
 * own integration tests serve providers written in TypeScript; `tools/engine/plugins/pulumi-resource-aws` starts it.
 *
 * - Stateless: the engine starts a fresh plugin process for every command, so ids are derived from the URN (and
 *   from the values that force a replacement, so that a replacement gets a new id), never from memory.
 * - Outputs are the inputs plus what AWS would add (`tools/lib/fakeAws.ts`, shared with the mock runtime): ARNs,
 *   invoke URLs and names in the partition and region the provider is configured with.
 * - Diff reports a replacement when a property the real provider replaces on changes, an update otherwise.
 * - Check returns the inputs unchanged, so a second preview of the same program has nothing to diff.
 *
 * What the SDK's provider server does for us, and what it does not:
 * - Its Configure answers acceptSecrets, so secret inputs arrive wrapped (the `4dabf18…` signature objects) and
 *   are echoed back wrapped, which keeps them secret in the state.
 * - It does not answer supportsPreview, so in a preview the engine never calls Create or Update: it takes the
 *   inputs as the outputs and the program sees every other output as unknown, as in a preview of a new stack.
 * - It never hands the provider its configuration, so {@link observeConfigure} reads the region off the Configure
 *   call before the SDK answers it.
 */
import * as grpc from "@grpc/grpc-js";
import * as fs from "fs";
import * as path from "path";
import type * as provider from "@pulumi/pulumi/provider";
import { cloudOutputs, invokeResult, Partition, partitionOf, physicalId } from "../lib/fakeAws";

/**
 * Properties whose change makes the real provider replace the resource (ForceNew in the Terraform AWS provider's
 * schemas, which the bridged `aws` provider follows), for the types this project's programs create. Checked:
 * a deployment's `triggers` exist to "automatically force a new resource (redeployment)"
 * (hashicorp/terraform-provider-aws#13055), and a log group's `name` is "(Optional, Forces new resource)"
 * (aws_cloudwatch_log_group argument reference).
 */
export const REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = {
    "aws:apigateway/deployment:Deployment": ["restApi", "triggers", "variables", "canarySettings"],
    "aws:apigateway/stage:Stage": ["restApi", "stageName"],
    "aws:apigateway/methodSettings:MethodSettings": ["restApi", "stageName", "methodPath"],
    "aws:apigatewayv2/api:Api": ["protocolType"],
    "aws:apigatewayv2/stage:Stage": ["apiId", "name"],
    "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix", "logGroupClass"],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["name", "logGroupName"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmName"],
    "aws:cloudwatch/dashboard:Dashboard": ["dashboardName"],
    "aws:iam/role:Role": ["name", "namePrefix", "path"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
    "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId"],
    "aws:kms/alias:Alias": ["name", "namePrefix"],
    "aws:lambda/function:Function": ["name"],
    "aws:lambda/permission:Permission": [
        "action",
        "function",
        "principal",
        "sourceArn",
        "sourceAccount",
        "statementId",
        "statementIdPrefix",
        "qualifier",
        "eventSourceToken",
        "principalOrgId",
        "functionUrlAuthType",
    ],
    "aws:sns/topic:Topic": ["name", "namePrefix", "fifoTopic"],
    "aws:sns/topicPolicy:TopicPolicy": ["arn"],
    "aws:sns/topicSubscription:TopicSubscription": ["topic", "protocol", "endpoint"],
    "aws:xray/samplingRule:SamplingRule": ["ruleName", "version"],
};

/** The parts of a URN: `urn:pulumi:<stack>::<project>::<parent types $>type::<name>`. */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    if (parts.length < 4) {
        throw new Error(`not a URN: ${urn}`);
    }
    const qualifiedType = parts[2];
    return { type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

/** JSON with sorted keys, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v) =>
        v !== null && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(
                  Object.keys(v)
                      .sort()
                      .map((k) => [k, v[k]]),
              )
            : v,
    );
}

/** Keys whose values differ. Output-only keys (what {@link cloudOutputs} adds) are not inputs and never differ. */
export function changedKeys(type: string, olds: Record<string, any>, news: Record<string, any>): string[] {
    const outputOnly = new Set(Object.keys(cloudOutputs(type, "_", "_", {}, "_")));
    const keys = new Set([...Object.keys(news), ...Object.keys(olds).filter((k) => !outputOnly.has(k))]);
    return [...keys].filter((k) => canonical(olds[k]) !== canonical(news[k])).sort();
}

export interface AwsConfig {
    region?: string;
}

export class StandInAwsProvider implements provider.Provider {
    readonly version: string;

    constructor(
        private readonly config: AwsConfig,
        version: string,
    ) {
        this.version = version;
    }

    private where(): { region: string; partition: Partition } {
        const region = this.config.region;
        if (region === undefined || region === "") {
            // The real provider refuses to start without a region too.
            throw new Error(
                "stand-in aws provider: no region; set aws:region in the stack (pulumi config set aws:region eu-west-1) or AWS_REGION",
            );
        }
        return { region, partition: partitionOf(region) };
    }

    async check(_urn: string, _olds: any, news: any): Promise<provider.CheckResult> {
        return { inputs: news };
    }

    async diff(_id: string, urn: string, olds: any, news: any): Promise<provider.DiffResult> {
        const { type } = parseUrn(urn);
        const changed = changedKeys(type, olds ?? {}, news ?? {});
        const replaceOn = REPLACE_ON_CHANGE[type] ?? [];
        return { changes: changed.length > 0, replaces: changed.filter((k) => replaceOn.includes(k)) };
    }

    /** The id: a name-shaped one where AWS uses the name, otherwise a hash of the URN and the replace-on values. */
    id(urn: string, inputs: Record<string, any>): string {
        const { type, name } = parseUrn(urn);
        const replaceOn = REPLACE_ON_CHANGE[type] ?? [];
        return physicalId(type, name, inputs, `${urn}#${canonical(replaceOn.map((k) => inputs[k] ?? null))}`);
    }

    /**
     * The protocol of each v2 Api this process created or updated, by id: a WebSocket stage's invoke URL is
     * `wss://`. The engine starts the provider once per command, and creates an Api before the stages that take
     * its id, so this holds for every stage a command creates; a later command that touches only a stage reports
     * `https://`.
     */
    private readonly v2Protocols = new Map<string, string>();

    private outputs(urn: string, id: string, inputs: Record<string, any>): Record<string, any> {
        const { type, name } = parseUrn(urn);
        const { region, partition } = this.where();
        if (type === "aws:apigatewayv2/api:Api" && typeof inputs.protocolType === "string") {
            this.v2Protocols.set(id, inputs.protocolType);
        }
        const protocolOf = (apiId: string) => this.v2Protocols.get(apiId);
        // Inputs win: where a type's input shares a name with a generic output (a TopicPolicy's `arn` is the
        // topic's), AWS reports the input back.
        return { ...cloudOutputs(type, name, id, inputs, region, partition, protocolOf), ...inputs };
    }

    async create(urn: string, inputs: any): Promise<provider.CreateResult> {
        const id = this.id(urn, inputs ?? {});
        return { id, outs: this.outputs(urn, id, inputs ?? {}) };
    }

    async read(id: string, _urn: string, props?: any): Promise<provider.ReadResult> {
        // Nothing drifts outside the engine, so a refresh reads back the state as it is.
        return { id, props: props ?? {} };
    }

    async update(id: string, urn: string, _olds: any, news: any): Promise<provider.UpdateResult> {
        return { outs: this.outputs(urn, id, news ?? {}) };
    }

    async delete(): Promise<void> {
        // Nothing to tear down.
    }

    async invoke(token: string, inputs: any): Promise<provider.InvokeResult> {
        const { region, partition } = this.where();
        return { outputs: invokeResult(token, region, partition, inputs ?? {}) };
    }
}

/**
 * Record the region of the Configure call before the SDK's server answers it. The server registers itself with
 * `grpc.Server.addService`; this wraps the `configure` handler of the implementation it registers. The region is
 * in `args` (the provider's inputs, `region`) or, from older engines, in `variables` (`aws:region`).
 */
export function observeConfigure(config: AwsConfig): void {
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: grpc.ServiceDefinition, implementation: any) {
        const configure = implementation?.configure;
        if (typeof configure === "function") {
            implementation.configure = (call: any, callback: any) => {
                const args = call.request.getArgs?.()?.toJavaScript?.() ?? {};
                const variables = call.request.getVariablesMap?.();
                const region = args.region ?? variables?.get("aws:region") ?? process.env.AWS_REGION;
                config.region = typeof region === "string" && region !== "" ? region : undefined;
                return configure.call(implementation, call, callback);
            };
        }
        return addService.call(this, service, implementation);
    };
}

/** The version of `@pulumi/aws` the project uses: the engine asks for that plugin version. */
export function awsVersion(): string {
    const pkg = require.resolve("@pulumi/aws/package.json", { paths: [path.resolve(__dirname, "..", "..")] });
    return JSON.parse(fs.readFileSync(pkg, "utf8")).version;
}

if (require.main === module) {
    const config: AwsConfig = {};
    observeConfigure(config);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the served process loads the provider server
    const { main } = require("@pulumi/pulumi/provider") as typeof provider;
    void main(new StandInAwsProvider(config, awsVersion()), process.argv.slice(2));
}
