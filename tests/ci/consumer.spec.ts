/**
 * The npm package as a consumer gets it: `npm run -s package` packs it, a fresh project outside the workspace
 * installs the tarball (no workspace link, no path import), and a TypeScript program that imports it by name runs
 * under Pulumi's mock runtime with ts-node's defaults (which never compile TypeScript inside node_modules, so the
 * package must ship JavaScript). Not part of npm test: the install takes most of a minute.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const version = (pkg: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Environment, ObservableRestApi } from "observable-api";

const api = new ObservableRestApi("orders", {
    openApiSpec: JSON.stringify({ openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: { "/orders": { get: {} } } }),
    environment: Environment.Staging,
    throttling: { rateLimit: 50, burstLimit: 100 },
    monitoring: { dashboard: false, alarms: false, queries: false },
});
export const url: pulumi.Output<string> = api.url;
`;

// Records every registration through Pulumi's own mocks, then prints them as one JSON line.
const HARNESS = `const pulumi = require("@pulumi/pulumi");
const seen = [];
pulumi.runtime.setMocks({
    newResource: (args) => { seen.push({ type: args.type, name: args.name, inputs: args.inputs }); return { id: args.name + "-id", state: args.inputs }; },
    call: (args) => (args.token === "aws:index/getRegion:getRegion" ? { name: "eu-west-1", region: "eu-west-1" } : {}),
}, "consumer", "dev", false);
require("ts-node").register();
pulumi.runtime.runInPulumiStack(async () => require("./index.ts")).then(
    () => setTimeout(() => console.log(JSON.stringify(seen)), 500),
    (err) => { console.error(err); process.exit(1); },
);
`;

describe("the npm package, installed by name in a fresh project", function () {
    this.timeout(600_000);

    it("packs a tarball of compiled JavaScript, declarations, README and LICENSE only", () => {
        const tarball = execFileSync("npm", ["run", "-s", "package"], { cwd: ROOT, encoding: "utf8" })
            .trim()
            .split("\n")
            .pop()!;
        assert.ok(path.isAbsolute(tarball) && fs.existsSync(tarball), tarball);
        const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
        const outsideBin = files.filter((f) => !f.startsWith("package/bin/"));
        assert.deepStrictEqual(outsideBin, [
            "package/LICENSE",
            "package/PulumiPlugin.yaml",
            "package/README.md",
            "package/package.json",
            "package/schema.json",
        ]);
        for (const f of files.filter((f) => f.startsWith("package/bin/"))) {
            assert.match(f, /\.(js|js\.map|d\.ts|d\.ts\.map)$/, f);
        }
        assert.ok(files.includes("package/bin/index.js") && files.includes("package/bin/index.d.ts"));
        assert.ok(!files.some((f) => /tests?\/|tools\//.test(f)), "no tests or tools in the tarball");
    });

    it("installs it in a project of its own and runs a TypeScript program that imports it by name", () => {
        const tarball = execFileSync("npm", ["run", "-s", "package"], { cwd: ROOT, encoding: "utf8" })
            .trim()
            .split("\n")
            .pop()!;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observable-api-consumer-"));
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({ name: "consumer", version: "1.0.0", private: true, main: "index.ts" }, null, 2),
        );
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    strict: true,
                    target: "ES2020",
                    module: "commonjs",
                    esModuleInterop: true,
                    skipLibCheck: true,
                },
            }),
        );
        fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
        fs.writeFileSync(path.join(dir, "harness.js"), HARNESS);
        execFileSync(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                tarball,
                `@pulumi/pulumi@${version("@pulumi/pulumi")}`,
                `@pulumi/aws@${version("@pulumi/aws")}`,
                `typescript@${version("typescript")}`,
                `ts-node@${version("ts-node")}`,
            ],
            // npm's warnings (this machine's Node.js 20 is below the SDK's engines field) are kept out of the
            // suite's output; a failed install throws with them in its message.
            { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
        );
        // A real install, not a link to the workspace.
        assert.ok(!fs.lstatSync(path.join(dir, "node_modules", "observable-api")).isSymbolicLink());
        const run = spawnSync(process.execPath, ["harness.js"], { cwd: dir, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        const seen = JSON.parse(run.stdout.trim().split("\n").pop()!) as { type: string; name: string; inputs: any }[];
        assert.deepStrictEqual(seen.map((r) => `${r.type} ${r.name}`).sort(), [
            "aws:apigateway/deployment:Deployment orders-deployment",
            "aws:apigateway/methodSettings:MethodSettings orders-method-settings",
            "aws:apigateway/restApi:RestApi orders-api",
            "aws:apigateway/stage:Stage orders-stage",
            "aws:cloudwatch/logGroup:LogGroup orders-access-logs",
            "aws:cloudwatch/logGroup:LogGroup orders-execution-logs",
            "observable-api:index:ObservableRestApi orders",
            // The mock runtime registers the program's root stack too, as the engine does.
            "pulumi:pulumi:Stack consumer-dev",
        ]);
        const settings = seen.find((r) => r.name === "orders-method-settings")!;
        assert.deepStrictEqual(settings.inputs.settings, {
            loggingLevel: "INFO",
            dataTraceEnabled: false,
            metricsEnabled: true,
            throttlingRateLimit: 50,
            throttlingBurstLimit: 100,
            cachingEnabled: false,
        });
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
