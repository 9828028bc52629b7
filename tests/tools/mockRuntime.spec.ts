import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runtime, valueOf, TEST_STACK } from "../mocks";
import { MOCK_ACCOUNT_ID, UNKNOWN_SENTINEL } from "../../tools/lib/mockRuntime";

class Holder extends pulumi.ComponentResource {
    public readonly group: aws.cloudwatch.LogGroup;
    public readonly role: aws.iam.Role;
    constructor(name: string) {
        super("test:index:Holder", name, {}, {});
        this.group = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: "/aws/test", retentionInDays: 7 },
            { parent: this },
        );
        this.role = new aws.iam.Role(
            `${name}-role`,
            { assumeRolePolicy: "{}", description: this.group.arn },
            { parent: this, dependsOn: [this.group] },
        );
        this.registerOutputs({});
    }
}

describe("tools/lib/mockRuntime", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("records type, name, urn, parent, inputs, dependencies and property dependencies", async () => {
        const holder = new Holder("h");
        const roleArn = await valueOf(holder.role.arn);
        assert.strictEqual(roleArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/h-role`);

        const component = runtime.one("test:index:Holder", "h");
        assert.strictEqual(component.urn, "urn:pulumi:test::observable-api::test:index:Holder::h");
        assert.strictEqual(component.parent, undefined);

        const group = runtime.one("aws:cloudwatch/logGroup:LogGroup", "h-logs");
        assert.strictEqual(group.parent, component.urn);
        assert.deepStrictEqual(group.inputs, { name: "/aws/test", retentionInDays: 7 });
        assert.strictEqual(group.id, "/aws/test");
        assert.strictEqual(group.state.arn, `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/aws/test`);

        const role = runtime.one("aws:iam/role:Role", "h-role");
        assert.strictEqual(role.urn, "urn:pulumi:test::observable-api::test:index:Holder$aws:iam/role:Role::h-role");
        assert.deepStrictEqual(role.dependencies, [group.urn]);
        assert.deepStrictEqual(role.propertyDependencies.description, [group.urn]);
        assert.strictEqual(role.inputs.description, `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/aws/test`);
        assert.strictEqual(runtime.resources.length, 3);
    });

    it("keeps cloud-only values unknown in preview, as on the wire", async () => {
        runtime.configure({ stack: "prod", preview: true });
        const holder = new Holder("p");
        await valueOf(holder.role.urn);
        const role = runtime.one("aws:iam/role:Role", "p-role");
        assert.strictEqual(role.wireInputs.description, UNKNOWN_SENTINEL);
        assert.strictEqual(role.inputs.description, undefined);
        assert.strictEqual(role.id, undefined);
        assert.strictEqual(role.urn, "urn:pulumi:prod::observable-api::test:index:Holder$aws:iam/role:Role::p-role");
    });

    it("answers the region, identity and partition invokes and refuses others", async () => {
        const region = await aws.getRegion();
        assert.strictEqual(region.region, "us-east-1");
        const identity = await aws.getCallerIdentity();
        assert.strictEqual(identity.accountId, MOCK_ACCOUNT_ID);
        const partition = await aws.getPartition();
        assert.strictEqual(partition.dnsSuffix, "amazonaws.com");
        await assert.rejects(aws.getAvailabilityZones());
        assert.deepStrictEqual(runtime.invokeErrors, [
            "no offline answer for the provider function aws:index/getAvailabilityZones:getAvailabilityZones: it needs " +
                "the cloud, which neither the offline plan nor the stand-in provider reaches; answer it in " +
                "tools/lib/fakeAws.ts or run pulumi preview against AWS",
        ]);
        assert.deepStrictEqual(
            runtime.invokes.map((i) => i.token),
            [
                "aws:index/getRegion:getRegion",
                "aws:index/getCallerIdentity:getCallerIdentity",
                "aws:index/getPartition:getPartition",
                "aws:index/getAvailabilityZones:getAvailabilityZones",
            ],
        );
    });

    it("hands the program its config as the CLI would", () => {
        runtime.configure({ config: { "observable-api:stageName": "v2", "aws:region": "eu-west-1" } });
        assert.strictEqual(new pulumi.Config().get("stageName"), "v2");
        assert.strictEqual(new pulumi.Config("aws").get("region"), "eu-west-1");
        assert.strictEqual(pulumi.getStack(), TEST_STACK);
    });

    it("reports the stack's aws:region from getRegion and in ARNs", async () => {
        runtime.configure({ config: { "aws:region": "eu-west-1" } });
        assert.strictEqual((await aws.getRegion()).region, "eu-west-1");
        const group = new aws.cloudwatch.LogGroup("eu", { name: "/eu" });
        assert.strictEqual(await valueOf(group.arn), `arn:aws:logs:eu-west-1:${MOCK_ACCOUNT_ID}:log-group:/eu`);
        runtime.configure({ config: {} });
        assert.strictEqual((await aws.getRegion()).region, "us-east-1");
        assert.strictEqual(pulumi.getStack(), TEST_STACK);
    });
});
