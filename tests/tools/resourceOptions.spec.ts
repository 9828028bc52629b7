/**
 * Resource options travel from the program's registration to the policies as the engine passes them:
 * recorded by the mock runtime, then encoded in AnalyzerResourceOptions, custom timeouts in seconds.
 */
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { durationSeconds } from "../../tools/lib/mockRuntime";
import { PolicyPackHost } from "../../tools/lib/policyPackHost";
import { runtime, settle } from "../mocks";

const OPTIONS_PACK = path.join(__dirname, "..", "fixtures", "packs", "options-pack");

describe("resource options", function () {
    this.timeout(60_000);

    it("parses custom timeouts the way the engine does, from Go durations to seconds", () => {
        assert.deepStrictEqual(
            ["5m", "1h30m", "90s", "250ms", "1.5h", ""].map(durationSeconds),
            [300, 5400, 90, 0.25, 5400, 0],
        );
    });

    it("the mock runtime records the options a registration carries", async () => {
        runtime.reset();
        new aws.sns.Topic(
            "options-topic",
            {},
            {
                ignoreChanges: ["tags"],
                deleteBeforeReplace: true,
                additionalSecretOutputs: ["arn"],
                customTimeouts: { create: "5m", delete: "1h30m" },
            },
        );
        new aws.sns.Topic("plain-topic", {});
        await settle();

        assert.deepStrictEqual(runtime.one("aws:sns/topic:Topic", "options-topic").options, {
            ignoreChanges: ["tags"],
            additionalSecretOutputs: ["arn"],
            deleteBeforeReplace: true,
            customTimeouts: { create: 300, update: 0, delete: 5400 },
        });
        assert.deepStrictEqual(runtime.one("aws:sns/topic:Topic", "plain-topic").options, {
            ignoreChanges: [],
            additionalSecretOutputs: [],
        });
    });

    describe("on the wire", () => {
        let host: PolicyPackHost;
        before(async () => {
            host = await PolicyPackHost.serve(OPTIONS_PACK);
            await host.configure({ "echo-options": { enforcementLevel: "advisory", properties: {} } });
            await host.configureStack({ stack: "dev", project: "demo", organization: "acme", dryRun: true });
        });
        after(async () => host.close());

        const analyzeOpts = async (options?: Parameters<PolicyPackHost["analyze"]>[0]["options"]) => {
            const res = await host.analyze({
                type: "aws:sns/topic:Topic",
                name: "t",
                urn: "urn:pulumi:dev::demo::aws:sns/topic:Topic::t",
                properties: {},
                protect: true,
                parent: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
                options,
            });
            return JSON.parse(res.diagnostics[0].message.split("\n")[1]);
        };

        it("a policy sees every option the engine sends", async () => {
            assert.deepStrictEqual(
                await analyzeOpts({
                    ignoreChanges: ["tags"],
                    deleteBeforeReplace: false,
                    additionalSecretOutputs: ["arn"],
                    customTimeouts: { create: 300, update: 0, delete: 5400 },
                }),
                {
                    parent: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
                    protect: true,
                    ignoreChanges: ["tags"],
                    aliases: [],
                    customTimeouts: { createSeconds: 300, updateSeconds: 0, deleteSeconds: 5400 },
                    additionalSecretOutputs: ["arn"],
                    deleteBeforeReplace: false,
                },
            );
        });

        it("deleteBeforeReplace and custom timeouts stay unset when the program did not set them", async () => {
            const opts = await analyzeOpts();
            assert.strictEqual("deleteBeforeReplace" in opts, false);
            assert.deepStrictEqual(opts.ignoreChanges, []);
            assert.deepStrictEqual(opts.customTimeouts, { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 });
        });
    });
});
