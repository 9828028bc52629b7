import * as assert from "assert";
import { changedKeys, parseUrn, StandInAwsProvider } from "../../../tools/engine/awsProvider";
import { MOCK_ACCOUNT_ID } from "../../../tools/lib/fakeAws";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" };
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const DEPLOYMENT =
    "urn:pulumi:prod::observable-api::observable-api:index:ObservableRestApi$aws:apigateway/deployment:Deployment::api-deployment";
const LOG_GROUP =
    "urn:pulumi:prod::observable-api::observable-api:index:ObservableRestApi$aws:cloudwatch/logGroup:LogGroup::api-access-logs";
const STAGE = "urn:pulumi:dev::demo::aws:apigateway/stage:Stage::orders-stage";

describe("the stand-in aws provider", () => {
    const provider = new StandInAwsProvider({ region: "eu-west-1" }, "7.48.0");

    it("parses the type and name of a URN, through any parent types", () => {
        assert.deepStrictEqual(parseUrn(DEPLOYMENT), {
            type: "aws:apigateway/deployment:Deployment",
            name: "api-deployment",
        });
        assert.deepStrictEqual(parseUrn(STAGE), { type: "aws:apigateway/stage:Stage", name: "orders-stage" });
        assert.throws(() => parseUrn("orders"), new Error("not a URN: orders"));
    });

    it("Check returns the inputs unchanged, so a second preview has nothing to diff", async () => {
        const news = { restApi: "abc", triggers: { redeployment: "h1" }, secret: SECRET };
        assert.deepStrictEqual(await provider.check(DEPLOYMENT, {}, news), { inputs: news });
    });

    it("Diff replaces a Deployment whose triggers changed", async () => {
        const olds = { restApi: "abc", triggers: { redeployment: "h1" }, description: "d1", createdDate: "x" };
        const news = { restApi: "abc", triggers: { redeployment: "h2" }, description: "d2" };
        assert.deepStrictEqual(await provider.diff("id", DEPLOYMENT, olds, news), {
            changes: true,
            replaces: ["triggers"],
        });
    });

    it("Diff replaces a LogGroup whose name changed, and updates one whose retention changed", async () => {
        const olds = { name: "/a", retentionInDays: 7, arn: "arn:aws:logs:eu-west-1:1:log-group:/a" };
        assert.deepStrictEqual(await provider.diff("/a", LOG_GROUP, olds, { name: "/b", retentionInDays: 7 }), {
            changes: true,
            replaces: ["name"],
        });
        assert.deepStrictEqual(await provider.diff("/a", LOG_GROUP, olds, { name: "/a", retentionInDays: 30 }), {
            changes: true,
            replaces: [],
        });
    });

    it("Diff sees no change when only outputs differ from the inputs, whatever the key order", async () => {
        const olds = { settings: { b: 1, a: 2 }, secret: SECRET, arn: "arn:x" };
        const news = { secret: SECRET, settings: { a: 2, b: 1 } };
        assert.deepStrictEqual(await provider.diff("id", STAGE, olds, news), { changes: false, replaces: [] });
    });

    it("Diff treats a value unknown in preview as a change, and a removed input as one", () => {
        assert.deepStrictEqual(
            changedKeys(
                "aws:apigateway/stage:Stage",
                { restApi: "a", stageName: "v1" },
                { restApi: UNKNOWN, stageName: "v1" },
            ),
            ["restApi"],
        );
        assert.deepStrictEqual(
            changedKeys("aws:apigateway/stage:Stage", { restApi: "a", variables: { x: "1" } }, { restApi: "a" }),
            ["variables"],
        );
    });

    it("Create derives the id from the URN and the replace-on values, so a replacement gets a new id", async () => {
        const a = await provider.create(DEPLOYMENT, { restApi: "abc", triggers: { redeployment: "h1" } });
        const again = await provider.create(DEPLOYMENT, {
            restApi: "abc",
            triggers: { redeployment: "h1" },
            description: "other",
        });
        const replaced = await provider.create(DEPLOYMENT, { restApi: "abc", triggers: { redeployment: "h2" } });
        assert.match(a.id, /^[0-9a-f]{10}$/);
        assert.strictEqual(again.id, a.id);
        assert.notStrictEqual(replaced.id, a.id);
    });

    it("Create reports the inputs, secrets still wrapped, plus realistic outputs in the configured region", async () => {
        const created = await provider.create(LOG_GROUP, {
            name: "/aws/apigateway/api",
            retentionInDays: 365,
            tags: { owner: SECRET },
        });
        assert.strictEqual(created.id, "/aws/apigateway/api");
        assert.deepStrictEqual(created.outs, {
            name: "/aws/apigateway/api",
            arn: `arn:aws:logs:eu-west-1:${MOCK_ACCOUNT_ID}:log-group:/aws/apigateway/api`,
            retentionInDays: 365,
            tags: { owner: SECRET },
        });
    });

    it("keeps an input that shares its name with a generic output (a TopicPolicy's arn is the topic's)", async () => {
        const urn = "urn:pulumi:prod::p::aws:sns/topicPolicy:TopicPolicy::policy";
        const topicArn = `arn:aws:sns:eu-west-1:${MOCK_ACCOUNT_ID}:alarms`;
        const created = await provider.create(urn, { arn: topicArn, policy: "{}" });
        assert.strictEqual(created.outs.arn, topicArn);
    });

    it("answers in the partition of a China region", async () => {
        const cn = new StandInAwsProvider({ region: "cn-north-1" }, "7.48.0");
        const stage = await cn.create(STAGE, { restApi: "r1", stageName: "v1" });
        assert.strictEqual(stage.id, "ags-r1-v1");
        assert.strictEqual(stage.outs.invokeUrl, "https://r1.execute-api.cn-north-1.amazonaws.com.cn/v1");
        assert.strictEqual(stage.outs.arn, "arn:aws-cn:apigateway:cn-north-1::/restapis/r1/stages/v1");
        assert.deepStrictEqual((await cn.invoke("aws:index/getPartition:getPartition", {})).outputs, {
            id: "aws-cn",
            partition: "aws-cn",
            dnsSuffix: "amazonaws.com.cn",
            reverseDnsPrefix: "cn.com.amazonaws",
        });
    });

    it("gives a WebSocket stage a wss:// invoke URL when this process created its Api", async () => {
        const p = new StandInAwsProvider({ region: "eu-west-1" }, "7.48.0");
        const api = await p.create("urn:pulumi:prod::p::aws:apigatewayv2/api:Api::chat", {
            name: "chat",
            protocolType: "WEBSOCKET",
        });
        const stage = await p.create("urn:pulumi:prod::p::aws:apigatewayv2/stage:Stage::chat-stage", {
            apiId: api.id,
            name: "prod",
        });
        assert.strictEqual(stage.outs.invokeUrl, `wss://${api.id}.execute-api.eu-west-1.amazonaws.com/prod`);
        const http = await p.create("urn:pulumi:prod::p::aws:apigatewayv2/stage:Stage::other-stage", {
            apiId: "unknown1",
            name: "$default",
        });
        assert.strictEqual(http.outs.invokeUrl, "https://unknown1.execute-api.eu-west-1.amazonaws.com/");
    });

    it("refuses to create or invoke without a region, naming the setting", async () => {
        const none = new StandInAwsProvider({}, "7.48.0");
        const message =
            "stand-in aws provider: no region; set aws:region in the stack (pulumi config set aws:region eu-west-1) or AWS_REGION";
        await assert.rejects(none.invoke("aws:index/getRegion:getRegion", {}), new Error(message));
        await assert.rejects(none.create(STAGE, { restApi: "r", stageName: "s" }), new Error(message));
    });

    it("Read returns the state as it is, so a refresh finds no drift", async () => {
        assert.deepStrictEqual(await provider.read("id", STAGE, { restApi: "r" }), {
            id: "id",
            props: { restApi: "r" },
        });
    });
});
