import * as assert from "assert";
import {
    AWS_PARTITION,
    cloudOutputs,
    invokeResult,
    MOCK_ACCOUNT_ID,
    partitionOf,
    physicalId,
} from "../../tools/lib/fakeAws";

describe("fakeAws", () => {
    describe("partitionOf", () => {
        it("puts China regions in aws-cn with amazonaws.com.cn endpoints", () => {
            assert.deepStrictEqual(partitionOf("cn-north-1"), {
                partition: "aws-cn",
                dnsSuffix: "amazonaws.com.cn",
                reverseDnsPrefix: "cn.com.amazonaws",
            });
            assert.strictEqual(partitionOf("cn-northwest-1").partition, "aws-cn");
        });

        it("puts GovCloud regions in aws-us-gov and every other region in aws", () => {
            assert.strictEqual(partitionOf("us-gov-west-1").partition, "aws-us-gov");
            assert.strictEqual(partitionOf("us-gov-west-1").dnsSuffix, "amazonaws.com");
            assert.deepStrictEqual(partitionOf("eu-west-1"), AWS_PARTITION);
            assert.deepStrictEqual(partitionOf("us-east-1"), AWS_PARTITION);
        });
    });

    describe("cloudOutputs", () => {
        it("reports a stage's ARN and invoke URL in the given partition and region", () => {
            const inputs = { restApi: "a1b2c3", stageName: "prod" };
            assert.deepStrictEqual(
                cloudOutputs(
                    "aws:apigateway/stage:Stage",
                    "api-stage",
                    "x",
                    inputs,
                    "cn-north-1",
                    partitionOf("cn-north-1"),
                ),
                {
                    arn: "arn:aws-cn:apigateway:cn-north-1::/restapis/a1b2c3/stages/prod",
                    invokeUrl: "https://a1b2c3.execute-api.cn-north-1.amazonaws.com.cn/prod",
                    executionArn: `arn:aws-cn:execute-api:cn-north-1:${MOCK_ACCOUNT_ID}:a1b2c3/prod`,
                },
            );
        });

        it("defaults to the aws partition, as the mock runtime uses it", () => {
            const out = cloudOutputs("aws:sns/topic:Topic", "alarms", "alarms", {}, "eu-west-1");
            assert.deepStrictEqual(out, { name: "alarms", arn: `arn:aws:sns:eu-west-1:${MOCK_ACCOUNT_ID}:alarms` });
        });

        it("builds a Lambda function's invoke ARN from its name, partition and region", () => {
            const out = cloudOutputs(
                "aws:lambda/function:Function",
                "hello",
                "hello-fn",
                { name: "hello-fn" },
                "us-gov-west-1",
                partitionOf("us-gov-west-1"),
            );
            assert.strictEqual(
                out.invokeArn,
                "arn:aws-us-gov:apigateway:us-gov-west-1:lambda:path/2015-03-31/functions/" +
                    `arn:aws-us-gov:lambda:us-gov-west-1:${MOCK_ACCOUNT_ID}:function:hello-fn/invocations`,
            );
        });
    });

    describe("physicalId", () => {
        it("uses the physical name where AWS does and a stable hash otherwise", () => {
            assert.strictEqual(physicalId("aws:cloudwatch/logGroup:LogGroup", "logs", { name: "/aws/x" }), "/aws/x");
            assert.strictEqual(
                physicalId("aws:apigateway/stage:Stage", "s", { restApi: "r1", stageName: "v1" }),
                "ags-r1-v1",
            );
            const a = physicalId("aws:apigateway/restApi:RestApi", "api", {});
            assert.match(a, /^[0-9a-f]{10}$/);
            assert.strictEqual(physicalId("aws:apigateway/restApi:RestApi", "api", {}), a);
            assert.notStrictEqual(physicalId("aws:apigateway/restApi:RestApi", "api2", {}), a);
        });
    });

    describe("invokeResult", () => {
        it("answers getPartition and getCallerIdentity in the given partition", () => {
            const cn = partitionOf("cn-north-1");
            assert.deepStrictEqual(invokeResult("aws:index/getPartition:getPartition", "cn-north-1", cn), {
                id: "aws-cn",
                partition: "aws-cn",
                dnsSuffix: "amazonaws.com.cn",
                reverseDnsPrefix: "cn.com.amazonaws",
            });
            assert.strictEqual(
                invokeResult("aws:index/getCallerIdentity:getCallerIdentity", "cn-north-1", cn).arn,
                `arn:aws-cn:iam::${MOCK_ACCOUNT_ID}:user/observable-api-test`,
            );
            assert.strictEqual(invokeResult("aws:index/getRegion:getRegion", "cn-north-1", cn).region, "cn-north-1");
        });

        it("refuses a function nobody wrote an answer for", () => {
            assert.throws(
                () => invokeResult("aws:index/getAvailabilityZones:getAvailabilityZones", "eu-west-1"),
                new Error(
                    "no offline answer for the provider function aws:index/getAvailabilityZones:getAvailabilityZones: " +
                        "it needs the cloud, which neither the offline plan nor the stand-in provider reaches; answer " +
                        "it in tools/lib/fakeAws.ts or run pulumi preview against AWS",
                ),
            );
        });
    });
});
