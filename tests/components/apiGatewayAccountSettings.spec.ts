import * as assert from "assert";
import { ApiGatewayAccountSettings, AccountCloudWatchRole } from "../../components";
import { MOCK_ACCOUNT_ID } from "../../tools/lib/mockRuntime";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";

const TYPE = "observable-api:index:ApiGatewayAccountSettings";
const P = 'ApiGatewayAccountSettings "bootstrap": ';

describe("components/apiGatewayAccountSettings", () => {
    beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    it("Create (the default): role, managed policy and account setting, parented to the component", async () => {
        const settings = new ApiGatewayAccountSettings("bootstrap", { tags: { owner: "platform" } });
        const arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/bootstrap-cloudwatch-role`;
        assert.strictEqual(await valueOf(settings.cloudWatchRoleArn), arn);
        await settle();
        const component = runtime.one(TYPE, "bootstrap");
        assert.deepStrictEqual(component.inputs, { cloudWatchRole: "Create" });
        assert.deepStrictEqual(
            runtime.resources.filter((r) => r !== component).map((r) => [r.type, r.name, r.parent, r.retainOnDelete]),
            [
                ["aws:iam/role:Role", "bootstrap-cloudwatch-role", component.urn, true],
                [
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "bootstrap-cloudwatch-policy",
                    component.urn,
                    true,
                ],
                ["aws:apigateway/account:Account", "bootstrap-account", component.urn, true],
            ],
        );
        assert.deepStrictEqual(runtime.one("aws:iam/role:Role", "bootstrap-cloudwatch-role").inputs.tags, {
            owner: "platform",
        });
        assert.strictEqual(
            runtime.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "bootstrap-cloudwatch-policy").inputs
                .policyArn,
            "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
        );
        assert.deepStrictEqual(runtime.one("aws:apigateway/account:Account", "bootstrap-account").inputs, {
            cloudwatchRoleArn: arn,
        });
    });

    it("Existing: only the account setting, with the given role", async () => {
        const arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/org-apigw-logs`;
        const settings = new ApiGatewayAccountSettings("bootstrap", {
            cloudWatchRole: AccountCloudWatchRole.Existing,
            cloudWatchRoleArn: arn,
        });
        await valueOf(settings.account.urn);
        await settle();
        assert.strictEqual(settings.cloudWatchRole, undefined);
        assert.deepStrictEqual(
            runtime.resources.map((r) => [r.type, r.name]),
            [
                [TYPE, "bootstrap"],
                ["aws:apigateway/account:Account", "bootstrap-account"],
            ],
        );
        assert.deepStrictEqual(runtime.one("aws:apigateway/account:Account", "bootstrap-account").inputs, {
            cloudwatchRoleArn: arn,
        });
    });

    it("rejects bad args with exact messages before registering anything", async () => {
        const cases: [ConstructorParameters<typeof ApiGatewayAccountSettings>[1], string][] = [
            [
                { cloudWatchRole: "Existing" },
                `${P}cloudWatchRoleArn must be set when cloudWatchRole is "Existing", got undefined`,
            ],
            [
                { cloudWatchRole: "Create", cloudWatchRoleArn: "arn:aws:iam::123456789012:role/x" },
                `${P}cloudWatchRoleArn must be unset when cloudWatchRole is "Create", got "arn:aws:iam::123456789012:role/x"`,
            ],
            [{ cloudWatchRole: "None" as never }, `${P}cloudWatchRole must be one of "Create", "Existing", got "None"`],
            [
                { cloudWatchRole: "Existing", cloudWatchRoleArn: "role/x" },
                `${P}cloudWatchRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got "role/x"`,
            ],
        ];
        for (const [args, message] of cases) {
            assert.throws(() => new ApiGatewayAccountSettings("bootstrap", args), { message });
        }
        await settle();
        assert.deepStrictEqual(runtime.resources, []);
    });
});
