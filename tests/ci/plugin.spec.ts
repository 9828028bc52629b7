/**
 * The components as a Pulumi component package, checked as the engine uses it, without the CLI:
 * - served by the SDK's plugin runner, which prints its port, and asked GetPluginInfo and GetSchema over gRPC with
 *   the SDK's own provider stubs: the schema is exactly the committed components/schema.json;
 * - Construct through Pulumi's ComponentProvider under the mock runtime registers the same children, with the same
 *   inputs, as constructing the class directly; a bad arg comes back with the component's own message.
 * Not part of npm test: Pulumi's inference type-checks the components with @pulumi/aws, which takes tens of seconds.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import * as providerrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerproto from "@pulumi/pulumi/proto/provider_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { COMPONENTS_DIR, SCHEMA_FILE } from "../../tools/lib/componentSchema";
import { runtime, settle, TEST_STACK } from "../mocks";

const ROOT = path.resolve(__dirname, "..", "..");
const RUN_PLUGIN = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin");

const SPEC = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "orders", version: "1" },
    paths: { "/orders": { get: {} }, "/orders/{id}": { get: {}, delete: {} } },
});
const ARGS = {
    openApiSpec: SPEC,
    environment: "Production",
    throttling: { rateLimit: 100, burstLimit: 200 },
    methodOverrides: [{ path: "/orders/{id}", method: "DELETE", throttling: { rateLimit: 5 } }],
    monitoring: { alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall" },
};

function call<Res>(client: any, method: string, request: unknown): Promise<Res> {
    return new Promise((resolve, reject) =>
        client[method](request, (err: grpc.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res))),
    );
}

describe("components as a Pulumi component package", function () {
    this.timeout(300_000);

    describe("served by the SDK's plugin runner, as the engine runs it", () => {
        let child: ReturnType<typeof spawn>;
        let client: providerrpc.ResourceProviderClient;

        before(async () => {
            // As pulumi-language-nodejs's RunPlugin: from the consumer's working directory, the plugin's folder
            // and the engine's address as arguments; the first line on stdout is the port.
            const consumer = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
            child = spawn(process.execPath, [RUN_PLUGIN, COMPONENTS_DIR, "127.0.0.1:1"], {
                cwd: consumer,
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stderr = "";
            child.stderr!.on("data", (d) => (stderr += d));
            const port = await new Promise<number>((resolve, reject) => {
                let out = "";
                child.stdout!.on("data", (d) => {
                    out += d;
                    const line = out.split("\n")[0];
                    if (out.includes("\n")) {
                        assert.match(line, /^\d+$/, `the first line on stdout must be the port, got ${line}`);
                        resolve(Number(line));
                    }
                });
                child.on("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr}`)));
            });
            client = new providerrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": 64 * 1024 * 1024,
            });
        });

        after(() => {
            client?.close();
            child?.kill();
        });

        it("answers GetPluginInfo with the package's version", async () => {
            const info: pluginproto.PluginInfo = await call(client, "getPluginInfo", new emptyproto.Empty());
            assert.strictEqual(
                info.getVersion(),
                JSON.parse(fs.readFileSync(path.join(COMPONENTS_DIR, "package.json"), "utf8")).version,
            );
        });

        it("answers GetSchema with exactly the committed components/schema.json", async () => {
            const res: providerproto.GetSchemaResponse = await call(
                client,
                "getSchema",
                new providerproto.GetSchemaRequest(),
            );
            assert.deepStrictEqual(JSON.parse(res.getSchema()), JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
        });
    });

    describe("Construct under the mock runtime", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const entry = require(path.join(COMPONENTS_DIR, "bin", "index.js"));
        const provider = new ComponentProvider({
            components: getPulumiComponents(entry),
            dirname: COMPONENTS_DIR,
            name: "observable-api",
        });

        const registered = () =>
            runtime.resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: r.inputs }));

        beforeEach(() => runtime.configure({ stack: TEST_STACK, preview: false, config: {} }));

        it("registers the same children, with the same inputs, as constructing the class directly", async () => {
            new entry.ObservableRestApi("orders", ARGS);
            await settle();
            const direct = registered();
            runtime.configure({ stack: TEST_STACK, preview: false, config: {} });
            const constructed = await provider.construct("orders", "observable-api:index:ObservableRestApi", ARGS, {});
            await settle();
            assert.deepStrictEqual(registered(), direct);
            const urn = await new Promise<string>((resolve) => pulumi.output(constructed.urn).apply(resolve));
            assert.strictEqual(urn, runtime.one("observable-api:index:ObservableRestApi", "orders").urn);
            // The component, its 6 API children, 4 filters, 5 queries, 6 alarms and the composite, and the
            // region lookup's dashboard: the exact list is whatever direct construction gives, compared above.
            assert.ok(direct.length > 20, `children: ${direct.length}`);
        });

        const V2_CASES: [string, Record<string, unknown>][] = [
            [
                "ObservableHttpApi",
                {
                    openApiSpec: JSON.stringify({
                        openapi: "3.0.1",
                        info: { title: "orders-http", version: "1" },
                        paths: { "/orders": { get: {} } },
                    }),
                    routeOverrides: [{ routeKey: "GET /orders", throttling: { rateLimit: 5 } }],
                    monitoring: { alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall" },
                },
            ],
            [
                "ObservableWebSocketApi",
                {
                    routes: [
                        { routeKey: "$default", functionArn: "arn:aws:lambda:us-east-1:123456789012:function:chat" },
                    ],
                    routeOverrides: [{ routeKey: "$default", loggingLevel: "INFO" }],
                    monitoring: { alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall" },
                },
            ],
        ];
        for (const [component, args] of V2_CASES) {
            it(`constructs ${component} with the same children and inputs as the class`, async () => {
                new entry[component]("orders", args);
                await settle();
                const direct = registered();
                runtime.configure({ stack: TEST_STACK, preview: false, config: {} });
                await provider.construct("orders", `observable-api:index:${component}`, args, {});
                await settle();
                assert.deepStrictEqual(registered(), direct);
                assert.ok(direct.length > 15, `children: ${direct.length}`);
            });
        }

        it("returns the component's own message for a bad arg across the boundary", async () => {
            await assert.rejects(
                provider.construct(
                    "orders",
                    "observable-api:index:ObservableRestApi",
                    { ...ARGS, environment: "Prod" },
                    {},
                ),
                {
                    message:
                        'ObservableRestApi "orders": environment must be one of "Production", "Staging", "Development", got "Prod"',
                },
            );
            assert.deepStrictEqual(registered(), []);
        });
    });
});
