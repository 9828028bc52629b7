/**
 * Starts a Node.js policy pack for a Pulumi CLI that has no Node.js language host, the way the language host does.
 *
 * Since CLI 3.221 a pack directory runs only through the language host's RunPlugin (in v3.274.1,
 * `pkg/resource/plugin/plugin.go` loads the runtime named in PulumiPolicy.yaml, and the older fallback to a
 * `pulumi-analyzer-policy-nodejs` shim is gone). What the CLI still launches itself is an executable given as
 * `--policy-pack <file>` ("launch it directly as a binary analyzer plugin, mirroring how providers are launched",
 * `analyzer_plugin.go`), with the engine's address as its only argument. `npm run engine` passes such an
 * executable, which runs this file.
 *
 * This does what the language host's RunPlugin does for kind analyzer (`sdk/nodejs/cmd/pulumi-language-nodejs`):
 * it serves the Analyzer service as a proxy, waits for the engine's ConfigureStack, then starts
 * `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> <pack dir>` in the pack directory with PULUMI_CONFIG and
 * PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN} taken from that call (and PULUMI_NODEJS_TYPESCRIPT=true, the
 * runtime's default), and forwards every call to the pack. Handshake is answered as unimplemented, as the pack's
 * own server answers it.
 *
 * usage: policyPackProxy.ts <pack dir> <engine address>
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";

/** The gRPC message limit the policy SDK's own server sets (400 MB), so that large stacks fit through the proxy. */
const MAX_MESSAGE = 1024 * 1024 * 400;

/** The environment the language host adds for a pack, from the engine's ConfigureStack request. */
export function packEnv(request: any): Record<string, string> {
    const env: Record<string, string> = { PULUMI_NODEJS_TYPESCRIPT: "true" };
    const set = (key: string, value: string) => {
        if (value !== "") {
            env[key] = value;
        }
    };
    if (request !== undefined) {
        set("PULUMI_NODEJS_ORGANIZATION", request.getOrganization());
        set("PULUMI_NODEJS_PROJECT", request.getProject());
        set("PULUMI_NODEJS_STACK", request.getStack());
        set("PULUMI_NODEJS_DRY_RUN", String(request.getDryRun()));
        const config: Record<string, string> = {};
        request.getConfigMap().forEach((v: string, k: string) => (config[k] = v));
        set("PULUMI_CONFIG", JSON.stringify(config));
    }
    return env;
}

function main(packDir: string, engine: string): void {
    const sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK the pack itself uses
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkRoot] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK the pack itself uses
    const { AnalyzerService } = require(path.join(sdkRoot, "proto", "analyzer_grpc_pb"));
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });

    // Where a pack's time goes, for the bench ($OBSERVABLE_API_ENGINE_TIMINGS): when the engine's ConfigureStack
    // arrived and the pack served, in ms since this process started; how long calls waited for the pack to serve
    // and how long the pack took to answer them, in total.
    const timings = { configureStackMs: 0, packReadyMs: 0, waitMs: 0, callMs: 0, calls: {} as Record<string, number> };
    const timingsFile = process.env.OBSERVABLE_API_ENGINE_TIMINGS;
    if (timingsFile) {
        process.on("exit", () => fs.appendFileSync(timingsFile, JSON.stringify({ packProxy: timings }) + "\n"));
    }
    let child: ChildProcess | undefined;
    let pack: Promise<any> | undefined;
    const start = (configureStack?: any): Promise<any> => {
        if (configureStack !== undefined) {
            timings.configureStackMs = performance.now();
        }
        pack ??= new Promise((resolve, reject) => {
            child = spawn(process.execPath, [runner, engine, packDir], {
                cwd: packDir,
                env: { ...process.env, ...packEnv(configureStack) },
                stdio: ["ignore", "pipe", "inherit"],
            });
            child.on("error", reject);
            child.on("exit", (code, signal) => {
                reject(new Error(`policy pack exited before it served (${code ?? signal})`));
                process.exit(code ?? 1);
            });
            const lines = readline.createInterface({ input: child.stdout! });
            let port: string | undefined;
            lines.on("line", (line) => {
                if (port === undefined) {
                    port = line.trim();
                    timings.packReadyMs = performance.now();
                    resolve(
                        new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                            "grpc.max_receive_message_length": MAX_MESSAGE,
                            "grpc.max_send_message_length": MAX_MESSAGE,
                        }),
                    );
                } else {
                    // Anything the pack prints after its port is log output for the engine, as before.
                    process.stdout.write(line + "\n");
                }
            });
        });
        return pack;
    };

    const implementation: Record<string, (call: any, callback: any) => void> = {};
    for (const [method, definition] of Object.entries<any>(AnalyzerService)) {
        implementation[method] = (call, callback) => {
            if (method === "handshake") {
                callback({ code: grpc.status.UNIMPLEMENTED, details: "Handshake is not implemented" });
                return;
            }
            const received = performance.now();
            start(method === "configureStack" ? call.request : undefined).then(
                (client) => {
                    const sent = performance.now();
                    client.makeUnaryRequest(
                        definition.path,
                        definition.requestSerialize,
                        definition.responseDeserialize,
                        call.request,
                        (err: unknown, response: unknown) => {
                            timings.calls[method] = (timings.calls[method] ?? 0) + 1;
                            timings.callMs += performance.now() - sent;
                            timings.waitMs += sent - received;
                            callback(err, response);
                        },
                    );
                },
                (err: Error) => callback({ code: grpc.status.UNAVAILABLE, details: err.message }),
            );
        };
    }
    const server = new grpc.Server({
        "grpc.max_receive_message_length": MAX_MESSAGE,
        "grpc.max_send_message_length": MAX_MESSAGE,
    });
    server.addService(AnalyzerService, implementation);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, port: number) => {
        if (err) {
            process.stderr.write(`policy pack proxy: ${err.message}\n`);
            process.exit(1);
        }
        process.stdout.write(`${port}\n`);
    });
    // The engine interrupts its plugins when it is done with them; the pack goes with the proxy.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
            child?.kill(signal);
            process.exit(0);
        });
    }
}

if (require.main === module) {
    const [packDir, engine] = process.argv.slice(2);
    if (packDir === undefined || engine === undefined) {
        process.stderr.write("usage: policyPackProxy.ts <pack dir> <engine address>\n");
        process.exit(2);
    }
    main(path.resolve(packDir), engine);
}
