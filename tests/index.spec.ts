/**
 * The program: both shipped stack files, read as the CLI would (Pulumi.yaml defaults applied), run under the mock
 * runtime; plus one case per config key proving the program honours it.
 */
import * as assert from "assert";
import * as path from "path";
import { loadProjectConfig } from "../tools/lib/projectConfig";
import { TEST_STACK, runtime, settle, valueOf } from "./mocks";

const ROOT = path.resolve(__dirname, "..");
const PROGRAM = path.join(ROOT, "index.ts");

type Outputs = Record<string, any>;

/** Run index.ts for a stack, with config overrides (values as the stack file would hold them). */
async function runProgram(stack: string, overrides: Record<string, unknown> = {}): Promise<Outputs> {
    const loaded = loadProjectConfig({ projectDir: ROOT, stack });
    const config = { ...loaded.config };
    for (const [key, value] of Object.entries(overrides)) {
        const full = key.includes(":") ? key : `observable-api:${key}`;
        if (value === undefined) {
            delete config[full];
        } else {
            config[full] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    runtime.configure({ stack, preview: false, config });
    delete require.cache[require.resolve(PROGRAM)];
    // The program is a module with top-level effects: each stack needs a fresh evaluation, hence require.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const outputs: Outputs = require(PROGRAM);
    const resolved: Outputs = {};
    for (const [name, output] of Object.entries(outputs)) {
        resolved[name] = await valueOf(output);
    }
    await settle();
    return resolved;
}

function countByType(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of runtime.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

const one = (type: string, name: string) => runtime.one(type, name);
const methodSettings = () => one("aws:apigateway/methodSettings:MethodSettings", "api-method-settings").inputs.settings;
const component = () => one("observable-api:index:ObservableRestApi", "api").inputs;

describe("index.ts (the program)", function () {
    this.timeout(60000);
    after(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

    describe("Pulumi.prod.yaml", () => {
        let outputs: Outputs;
        before(async () => {
            outputs = await runProgram("prod");
        });

        it("builds the production graph: exact types and counts", () => {
            assert.deepStrictEqual(countByType(), {
                "observable-api:index:DemoBackend": 1,
                "observable-api:index:ObservableRestApi": 1,
                "aws:iam/role:Role": 2,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 3,
                "aws:cloudwatch/logGroup:LogGroup": 3,
                "aws:lambda/function:Function": 1,
                "aws:lambda/permission:Permission": 1,
                "aws:apigateway/account:Account": 1,
                "aws:apigateway/restApi:RestApi": 1,
                "aws:apigateway/deployment:Deployment": 1,
                "aws:apigateway/stage:Stage": 1,
                "aws:apigateway/methodSettings:MethodSettings": 2,
                "aws:xray/samplingRule:SamplingRule": 1,
                "aws:kms/key:Key": 1,
                "aws:kms/alias:Alias": 1,
                "aws:sns/topic:Topic": 1,
                "aws:sns/topicPolicy:TopicPolicy": 1,
                "aws:sns/topicSubscription:TopicSubscription": 1,
                "aws:cloudwatch/dashboard:Dashboard": 1,
                "aws:cloudwatch/metricAlarm:MetricAlarm": 7,
                "aws:cloudwatch/compositeAlarm:CompositeAlarm": 1,
                "aws:cloudwatch/logMetricFilter:LogMetricFilter": 4,
                "aws:cloudwatch/queryDefinition:QueryDefinition": 5,
            });
        });

        it("logs errors only, with no data trace, and throttles the stage and the Lambda route", () => {
            assert.deepStrictEqual(methodSettings(), {
                cachingEnabled: false,
                loggingLevel: "ERROR",
                dataTraceEnabled: false,
                metricsEnabled: true,
                throttlingRateLimit: 500,
                throttlingBurstLimit: 1000,
            });
            const hello = one("aws:apigateway/methodSettings:MethodSettings", "api-override-hello-get").inputs;
            assert.strictEqual(hello.methodPath, "hello/GET");
            assert.strictEqual(hello.settings.throttlingRateLimit, 100);
            assert.strictEqual(hello.settings.throttlingBurstLimit, 200);
            assert.strictEqual(hello.settings.dataTraceEnabled, false);
        });

        it("keeps logs for 30 days or more", () => {
            const retention = runtime
                .ofType("aws:cloudwatch/logGroup:LogGroup")
                .map((g) => [g.name, g.inputs.retentionInDays]);
            assert.deepStrictEqual(retention.sort(), [
                ["api-access-logs", 365],
                ["api-execution-logs", 90],
                ["hello-logs", 30],
            ]);
        });

        it("wires every alarm to the SNS topic and subscribes the on-call address", () => {
            const topic = one("aws:sns/topic:Topic", "api-alarm-topic");
            const topicArn = topic.state.arn;
            for (const alarm of runtime.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
                assert.deepStrictEqual(alarm.inputs.alarmActions, [topicArn], alarm.name);
                assert.deepStrictEqual(alarm.inputs.okActions, [topicArn], alarm.name);
            }
            const subscription = one(
                "aws:sns/topicSubscription:TopicSubscription",
                "api-alarm-email-api-oncall@example.com",
            );
            assert.strictEqual(subscription.inputs.endpoint, "api-oncall@example.com");
            assert.strictEqual(subscription.inputs.protocol, "email");
            assert.strictEqual(outputs.alarmTopicArn, topicArn);
        });

        it("builds the demo API from an OpenAPI body with a MOCK health check and a traced Lambda route", () => {
            const body = JSON.parse(one("aws:apigateway/restApi:RestApi", "api-api").inputs.body);
            assert.deepStrictEqual(Object.keys(body.paths), ["/health", "/hello"]);
            assert.strictEqual(body.paths["/health"].get["x-amazon-apigateway-integration"].type, "mock");
            const hello = body.paths["/hello"].get["x-amazon-apigateway-integration"];
            assert.strictEqual(hello.type, "aws_proxy");
            assert.strictEqual(hello.uri, one("aws:lambda/function:Function", "hello-function").state.invokeArn);
            const fn = one("aws:lambda/function:Function", "hello-function").inputs;
            assert.deepStrictEqual(fn.tracingConfig, { mode: "Active" });
            assert.strictEqual(fn.runtime, "nodejs22.x");
            const permission = one("aws:lambda/permission:Permission", "hello-invoke").inputs;
            assert.strictEqual(permission.principal, "apigateway.amazonaws.com");
            assert.strictEqual(
                permission.sourceArn,
                `${one("aws:apigateway/restApi:RestApi", "api-api").state.executionArn}/*/*/*`,
            );
        });

        it("exports the URL, the dashboard, the log group names and the topic", () => {
            const restApiId = one("aws:apigateway/restApi:RestApi", "api-api").id;
            assert.strictEqual(outputs.url, `https://${restApiId}.execute-api.eu-west-1.amazonaws.com/prod`);
            assert.strictEqual(outputs.helloUrl, `${outputs.url}/hello`);
            assert.strictEqual(outputs.dashboardName, "observable-api-prod-api");
            assert.strictEqual(
                outputs.dashboardUrl,
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=observable-api-prod-api",
            );
            assert.strictEqual(outputs.executionLogGroupName, `API-Gateway-Execution-Logs_${restApiId}/prod`);
            assert.strictEqual(
                outputs.accessLogGroupName,
                one("aws:cloudwatch/logGroup:LogGroup", "api-access-logs").state.name,
            );
            assert.strictEqual(
                outputs.backendLogGroupName,
                one("aws:cloudwatch/logGroup:LogGroup", "hello-logs").state.name,
            );
            assert.deepStrictEqual(Object.keys(outputs).sort(), [
                "accessLogGroupName",
                "alarmTopicArn",
                "backendLogGroupName",
                "dashboardName",
                "dashboardUrl",
                "executionLogGroupName",
                "helloUrl",
                "url",
            ]);
        });
    });

    describe("Pulumi.dev.yaml", () => {
        let outputs: Outputs;
        before(async () => {
            outputs = await runProgram("dev");
        });

        it("builds the development graph: exact types and counts (no alarms, no topic, no account role)", () => {
            assert.deepStrictEqual(countByType(), {
                "observable-api:index:DemoBackend": 1,
                "observable-api:index:ObservableRestApi": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 2,
                "aws:cloudwatch/logGroup:LogGroup": 3,
                "aws:lambda/function:Function": 1,
                "aws:lambda/permission:Permission": 1,
                "aws:apigateway/restApi:RestApi": 1,
                "aws:apigateway/deployment:Deployment": 1,
                "aws:apigateway/stage:Stage": 1,
                "aws:apigateway/methodSettings:MethodSettings": 1,
                "aws:xray/samplingRule:SamplingRule": 1,
                "aws:cloudwatch/dashboard:Dashboard": 1,
                "aws:cloudwatch/logMetricFilter:LogMetricFilter": 4,
                "aws:cloudwatch/queryDefinition:QueryDefinition": 5,
            });
            assert.strictEqual(outputs.alarmTopicArn, undefined);
            assert.strictEqual(outputs.dashboardName, "observable-api-dev-api");
        });

        it("logs INFO with the data trace on, as DEBUG means", () => {
            assert.deepStrictEqual(methodSettings(), {
                cachingEnabled: false,
                loggingLevel: "INFO",
                dataTraceEnabled: true,
                metricsEnabled: true,
                throttlingRateLimit: 50,
                throttlingBurstLimit: 100,
            });
            assert.strictEqual(component().executionLogging.level, "DEBUG");
            assert.strictEqual(one("aws:apigateway/stage:Stage", "api-stage").inputs.stageName, "dev");
        });
    });

    describe("each config key is honoured", () => {
        it("environment picks the presets", async () => {
            await runProgram("dev", { environment: "Staging", executionLogging: undefined, throttling: undefined });
            assert.strictEqual(component().environment, "Staging");
            assert.strictEqual(methodSettings().loggingLevel, "INFO");
            assert.strictEqual(methodSettings().dataTraceEnabled, false);
            assert.strictEqual(methodSettings().throttlingRateLimit, 500);
        });

        it("stageName names the stage", async () => {
            await runProgram("dev", { stageName: "blue" });
            assert.strictEqual(one("aws:apigateway/stage:Stage", "api-stage").inputs.stageName, "blue");
        });

        it("metricsEnabled switches detailed metrics", async () => {
            await runProgram("dev", { metricsEnabled: "false" });
            assert.strictEqual(methodSettings().metricsEnabled, false);
        });

        it("accountCloudWatchRole and cloudWatchRoleArn set an existing role", async () => {
            const arn = "arn:aws:iam::123456789012:role/apigw-logs";
            await runProgram("dev", { accountCloudWatchRole: "Existing", cloudWatchRoleArn: arn });
            assert.strictEqual(one("aws:apigateway/account:Account", "api-account").inputs.cloudwatchRoleArn, arn);
            assert.strictEqual(runtime.ofType("aws:iam/role:Role").length, 1);
        });

        it("alarmTopicArn sends alarms to an existing topic and creates none", async () => {
            const arn = "arn:aws:sns:eu-west-1:123456789012:oncall";
            await runProgram("prod", { alarmTopicArn: arn, alarmEmails: [] });
            assert.strictEqual(runtime.ofType("aws:sns/topic:Topic").length, 0);
            for (const alarm of runtime.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
                assert.deepStrictEqual(alarm.inputs.alarmActions, [arn], alarm.name);
            }
        });

        it("alarmEmails subscribes each address", async () => {
            await runProgram("prod", { alarmEmails: ["a@example.com", "b@example.com"] });
            assert.deepStrictEqual(
                runtime.ofType("aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs.endpoint),
                ["a@example.com", "b@example.com"],
            );
        });

        it("backendLogRetentionInDays sets the Lambda log group's retention", async () => {
            await runProgram("dev", { backendLogRetentionInDays: "60" });
            assert.strictEqual(one("aws:cloudwatch/logGroup:LogGroup", "hello-logs").inputs.retentionInDays, 60);
        });

        it("executionLogging sets level and retention", async () => {
            await runProgram("dev", { executionLogging: { level: "ERROR", retentionInDays: 14 } });
            assert.strictEqual(methodSettings().loggingLevel, "ERROR");
            assert.strictEqual(methodSettings().dataTraceEnabled, false);
            assert.strictEqual(
                one("aws:cloudwatch/logGroup:LogGroup", "api-execution-logs").inputs.retentionInDays,
                14,
            );
        });

        it("accessLogging sets format and retention", async () => {
            await runProgram("dev", { accessLogging: { format: "Clf", retentionInDays: 30 } });
            const stage = one("aws:apigateway/stage:Stage", "api-stage").inputs;
            assert.match(stage.accessLogSettings.format, /^\$context\.identity\.sourceIp /);
            assert.strictEqual(one("aws:cloudwatch/logGroup:LogGroup", "api-access-logs").inputs.retentionInDays, 30);
        });

        it("tracing switches X-Ray and the sampling rule", async () => {
            await runProgram("dev", { tracing: { enabled: false } });
            assert.strictEqual(one("aws:apigateway/stage:Stage", "api-stage").inputs.xrayTracingEnabled, false);
            assert.strictEqual(runtime.ofType("aws:xray/samplingRule:SamplingRule").length, 0);
        });

        it("throttling sets the stage-wide limits", async () => {
            await runProgram("dev", { throttling: { rateLimit: 7, burstLimit: 9 } });
            assert.strictEqual(methodSettings().throttlingRateLimit, 7);
            assert.strictEqual(methodSettings().throttlingBurstLimit, 9);
        });

        it("methodOverrides adds one MethodSettings per route", async () => {
            await runProgram("dev", { methodOverrides: [{ path: "/health", method: "GET", loggingLevel: "OFF" }] });
            const override = one("aws:apigateway/methodSettings:MethodSettings", "api-override-health-get").inputs;
            assert.strictEqual(override.methodPath, "health/GET");
            assert.strictEqual(override.settings.loggingLevel, "OFF");
        });

        it("caching turns on an encrypted cache", async () => {
            await runProgram("dev", { caching: { enabled: true } });
            const stage = one("aws:apigateway/stage:Stage", "api-stage").inputs;
            assert.strictEqual(stage.cacheClusterEnabled, true);
            assert.strictEqual(methodSettings().cachingEnabled, true);
            assert.strictEqual(methodSettings().cacheDataEncrypted, true);
        });

        it("monitoring switches the dashboard and alarms", async () => {
            await runProgram("prod", { monitoring: { dashboard: false, alarms: false } });
            assert.strictEqual(runtime.ofType("aws:cloudwatch/dashboard:Dashboard").length, 0);
            assert.strictEqual(runtime.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
        });

        it("tags reach every taggable resource, with project and stack", async () => {
            await runProgram("dev", { tags: { team: "payments" } });
            const expected = { project: "observable-api", stack: "dev", team: "payments" };
            assert.deepStrictEqual(one("aws:apigateway/stage:Stage", "api-stage").inputs.tags, expected);
            assert.deepStrictEqual(one("aws:lambda/function:Function", "hello-function").inputs.tags, expected);
        });

        it("aws:region reaches the ARNs and the dashboard", async () => {
            const outputs = await runProgram("dev", { "aws:region": "ap-southeast-2" });
            assert.match(outputs.url, /\.execute-api\.ap-southeast-2\.amazonaws\.com\/dev$/);
        });
    });
});
