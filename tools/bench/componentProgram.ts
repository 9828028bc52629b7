/**
 * One benchmark program, run in a fresh process per measurement so that module caches and runtime state never
 * carry over: `node -r ts-node/register/transpile-only tools/bench/componentProgram.ts <apis> [source|package]`.
 *
 * `source` (the default) imports the components' TypeScript source, which ts-node compiles as it loads;
 * `package` imports the compiled npm package by name (`observable-api`), as a consumer's program does.
 *
 * It installs the recording mock runtime in preview mode, creates `<apis>` ObservableRestApi components configured
 * like the prod stack (a MOCK `GET /health` route, monitoring on), waits until every registration has reached the
 * mock monitor, and prints one JSON line: `{"apis", "resources", "loadMs", "programMs"}`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { installMockRuntime } from "../lib/mockRuntime";
import { msSince } from "../lib/time";

export interface ComponentProgramResult {
    apis: number;
    /** Registrations recorded, the Stack included. */
    resources: number;
    /** Loading the component library and its SDKs. */
    loadMs: number;
    /** From the first constructor call until every registration was recorded. */
    programMs: number;
}

/** The prod stack's API with only the MOCK health route, so that no Lambda backend is needed. */
function healthOnlySpec(title: string): Record<string, unknown> {
    return {
        openapi: "3.0.1",
        info: { title, version: "1.0.0" },
        paths: {
            "/health": {
                get: {
                    responses: { "200": { description: "The API is up" } },
                    "x-amazon-apigateway-integration": {
                        type: "mock",
                        requestTemplates: { "application/json": '{"statusCode": 200}' },
                        responses: { default: { statusCode: "200" } },
                    },
                },
            },
        },
    };
}

async function main(apis: number, from: "source" | "package"): Promise<ComponentProgramResult> {
    const runtime = installMockRuntime({ project: "observable-api", stack: "prod", preview: true });
    runtime.configure({ config: { "aws:region": "eu-west-1" } });

    const loadStart = process.hrtime.bigint();
    // Loaded here, not at the top, so that the load is timed apart from the program.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const components: typeof import("../../components") = require(
        from === "package" ? "observable-api" : "../../components",
    );
    const loadMs = msSince(loadStart);

    const start = process.hrtime.bigint();
    await pulumi.runtime.runInPulumiStack(async () => {
        for (let i = 0; i < apis; i++) {
            const name = `api${i}`;
            new components.ObservableRestApi(name, {
                openApiSpec: JSON.stringify(healthOnlySpec(`observable-api-prod-${name}`)),
                environment: components.Environment.Production,
                stageName: "prod",
                metricsEnabled: true,
                executionLogging: { level: components.ExecutionLogLevel.Error, retentionInDays: 90 },
                accessLogging: { format: components.AccessLogFormat.Json, retentionInDays: 365 },
                tracing: { enabled: true, samplingRate: 0.05 },
                throttling: { rateLimit: 500, burstLimit: 1000 },
                methodOverrides: [{ path: "/health", method: "GET", throttling: { rateLimit: 100, burstLimit: 200 } }],
                // One stack per account and region owns the CloudWatch role: the first API here.
                accountCloudWatchRole:
                    i === 0 ? components.AccountCloudWatchRole.Create : components.AccountCloudWatchRole.None,
                monitoring: { dashboard: true, alarms: true, alarmEmails: ["api-oncall@example.com"] },
                tags: { team: "platform", environment: "production" },
            });
        }
        return {};
    });
    // waitForRPCs is marked @internal, so its declaration is stripped from the SDK's typings.
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    const programMs = msSince(start);
    if (runtime.invokeErrors.length > 0) {
        throw new Error(runtime.invokeErrors[0]);
    }
    return { apis, resources: runtime.resources.length, loadMs, programMs };
}

if (require.main === module) {
    const apis = Number(process.argv[2]);
    if (!Number.isInteger(apis) || apis < 1) {
        process.stderr.write(
            `componentProgram: the number of APIs must be a positive integer, got ${process.argv[2]}\n`,
        );
        process.exit(2);
    }
    const from = process.argv[3] ?? "source";
    if (from !== "source" && from !== "package") {
        process.stderr.write(`componentProgram: the import must be source or package, got ${from}\n`);
        process.exit(2);
    }
    main(apis, from).then(
        (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
        (err) => {
            process.stderr.write(`componentProgram: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
            process.exit(1);
        },
    );
}
