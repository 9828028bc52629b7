import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    ApiGatewayAccountSettings,
    type ApiGatewayAccountSettingsArgs,
    validateAccountSettingsArgs,
} from "../../components/apiGatewayAccountSettings";
import { CloudWatchRoleSource } from "../../components/contract";
import { Reporter } from "../../components/validation/framework";
import { COMPONENT as REST_COMPONENT, validateRestApiArgs } from "../../components/validation/restApi";
import { MOCK_ACCOUNT_ID } from "../../tools/lib/mockRuntime";
import { runtime, settle, valueOf, TEST_STACK } from "../mocks";
import { allResourceErrorsOn, collectFailures } from "./support/deferredFailures";

const TYPE = "observable-api:index:ApiGatewayAccountSettings";
const P = 'ApiGatewayAccountSettings "bootstrap": ';
const POLICY = "policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";

/** The message constructing the component throws; asserts that nothing at all was registered. */
async function rejected(args: unknown): Promise<string> {
    let message = "accepted";
    try {
        new ApiGatewayAccountSettings("bootstrap", args as ApiGatewayAccountSettingsArgs);
    } catch (err) {
        assert.strictEqual((err as Error).constructor, Error);
        message = (err as Error).message;
    }
    await settle();
    assert.deepStrictEqual(runtime.resources, [], "nothing registered, not even the component");
    return message;
}

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
            runtime.resources
                .filter((r) => r !== component)
                .map((r) => [r.type, r.name, r.parent, r.retainOnDelete])
                .sort(),
            [
                ["aws:apigateway/account:Account", "bootstrap-account", component.urn, true],
                ["aws:iam/role:Role", "bootstrap-cloudwatch-role", component.urn, true],
                [
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "bootstrap-cloudwatch-policy",
                    component.urn,
                    true,
                ],
            ],
        );
        assert.deepStrictEqual(runtime.one("aws:iam/role:Role", "bootstrap-cloudwatch-role").inputs.tags, {
            owner: "platform",
        });
        assert.deepStrictEqual(
            runtime.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "bootstrap-cloudwatch-policy").inputs,
            { role: "bootstrap-cloudwatch-role", policyArn: `arn:aws:iam::aws:${POLICY}` },
        );
        assert.deepStrictEqual(runtime.one("aws:apigateway/account:Account", "bootstrap-account").inputs, {
            cloudwatchRoleArn: arn,
        });
        assert.strictEqual(
            await valueOf(settings.cloudWatchRole!.urn),
            runtime.one("aws:iam/role:Role", "bootstrap-cloudwatch-role").urn,
        );
    });

    it("Create builds the managed policy ARN in the region's partition", async () => {
        runtime.configure({ stack: TEST_STACK, preview: false, config: { "aws:region": "cn-northwest-1" } });
        const settings = new ApiGatewayAccountSettings("bootstrap", {});
        await valueOf(settings.account.urn);
        await settle();
        assert.strictEqual(
            runtime.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "bootstrap-cloudwatch-policy").inputs
                .policyArn,
            `arn:aws-cn:iam::aws:${POLICY}`,
        );
    });

    it("Existing: only the account setting, with the given role", async () => {
        const arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/org-apigw-logs`;
        const settings = new ApiGatewayAccountSettings("bootstrap", {
            cloudWatchRole: CloudWatchRoleSource.Existing,
            cloudWatchRoleArn: arn,
        });
        assert.strictEqual(await valueOf(settings.cloudWatchRoleArn), arn);
        await settle();
        assert.strictEqual(settings.cloudWatchRole, undefined);
        assert.deepStrictEqual(
            runtime.resources.map((r) => [r.type, r.name]),
            [
                [TYPE, "bootstrap"],
                ["aws:apigateway/account:Account", "bootstrap-account"],
            ],
        );
        assert.deepStrictEqual(runtime.one(TYPE, "bootstrap").inputs, {
            cloudWatchRole: "Existing",
            cloudWatchRoleArn: arn,
        });
        assert.deepStrictEqual(runtime.one("aws:apigateway/account:Account", "bootstrap-account").inputs, {
            cloudwatchRoleArn: arn,
        });
    });

    it("rejects bad args with exact messages before registering anything", async () => {
        const because =
            "must be a plain value, not an Output or a promise: it decides which resources the component creates";
        const cases: [unknown, string][] = [
            [
                { cloudWatchRole: "Existing" },
                `${P}cloudWatchRoleArn must be set when cloudWatchRole is "Existing", got undefined`,
            ],
            [
                { cloudWatchRole: "Create", cloudWatchRoleArn: "arn:aws:iam::123456789012:role/x" },
                `${P}cloudWatchRoleArn must be unset unless cloudWatchRole is "Existing", got cloudWatchRole "Create"`,
            ],
            [
                { cloudWatchRoleArn: "arn:aws:iam::123456789012:role/x" },
                `${P}cloudWatchRoleArn must be unset unless cloudWatchRole is "Existing", got cloudWatchRole "Create"`,
            ],
            [{ cloudWatchRole: "None" }, `${P}cloudWatchRole must be one of "Create", "Existing", got "None"`],
            [
                { cloudWatchRole: "Existing", cloudWatchRoleArn: "role/x" },
                `${P}cloudWatchRoleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got "role/x"`,
            ],
            [
                { cloudwatchRole: "Create" },
                `${P}cloudwatchRole is not an arg of ApiGatewayAccountSettings; allowed: cloudWatchRole, cloudWatchRoleArn, tags`,
            ],
            [{ cloudWatchRole: pulumi.output("Create") }, `${P}cloudWatchRole ${because}`],
            [{ tags: "platform" }, `${P}tags must be a map of tag names to strings, got "platform"`],
            ["Create", `${P}args must be an object, got "Create"`],
        ];
        const messages: string[] = [];
        for (const [args] of cases) {
            messages.push(await rejected(args));
        }
        assert.deepStrictEqual(
            messages,
            cases.map(([, message]) => message),
        );
        // No args at all is the default, Create.
        assert.deepStrictEqual(validateAccountSettingsArgs({}, new Reporter("ApiGatewayAccountSettings", "b")), {});
    });

    it("uses the API components' role rules with the same wording, naming its own mode arg", () => {
        const message = (fn: () => unknown) => {
            try {
                fn();
            } catch (err) {
                return (err as Error).message;
            }
            return "accepted";
        };
        const arn = "arn:aws:iam::123456789012:role/x";
        const account = (args: ApiGatewayAccountSettingsArgs) =>
            message(() => validateAccountSettingsArgs(args, new Reporter("ApiGatewayAccountSettings", "b")));
        const rest = (args: object) =>
            message(() =>
                validateRestApiArgs(
                    { openApiSpec: '{"info":{"title":"t"},"paths":{}}', ...args },
                    new Reporter(REST_COMPONENT, "b"),
                ),
            );
        const asRest = (m: string) =>
            m
                .replace('ApiGatewayAccountSettings "b"', 'ObservableRestApi "b"')
                .replace(/cloudWatchRole /g, "accountCloudWatchRole ");
        assert.deepStrictEqual(
            [
                asRest(account({ cloudWatchRole: "Existing" })),
                asRest(account({ cloudWatchRole: "Create", cloudWatchRoleArn: arn })),
                asRest(account({ cloudWatchRole: "Existing", cloudWatchRoleArn: "x" })),
            ],
            [
                rest({ accountCloudWatchRole: "Existing" }),
                rest({ accountCloudWatchRole: "Create", cloudWatchRoleArn: arn }),
                rest({ accountCloudWatchRole: "Existing", cloudWatchRoleArn: "x" }),
            ],
        );
    });

    it("checks an Output role ARN once it resolves, failing the account setting with the same message", async () => {
        const { built, reasons, messages } = await collectFailures(
            P,
            () =>
                new ApiGatewayAccountSettings("bootstrap", {
                    cloudWatchRole: "Existing",
                    cloudWatchRoleArn: pulumi.output("org-apigw-logs"),
                }),
        );
        assert.deepStrictEqual(messages, [
            `${P}cloudWatchRoleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), got "org-apigw-logs"`,
        ]);
        assert.ok(allResourceErrorsOn(reasons, built), "reported on the component");
        assert.deepStrictEqual(runtime.resources, []);
    });
});
