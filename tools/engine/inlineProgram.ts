/**
 * Serves a project's program to the Pulumi CLI from this process, for machines that have no `pulumi-language-nodejs`.
 *
 * This is the Automation API's inline-program mechanism (`@pulumi/pulumi/automation`, `LocalWorkspace` with a
 * `program`): an in-process `LanguageServer` on 127.0.0.1, and the CLI run with `--client=<address>` and
 * `--exec-kind auto.inline`. The program is loaded as the Node.js language host loads a CommonJS program
 * (`cmd/run/run.ts`): `require(<main>)`, a directory with a trailing `/`, with the main's directory as the working
 * directory; an exported function is called and its result awaited; whatever the module or the function returns
 * are the stack outputs.
 * TypeScript is compiled by the ts-node this process runs under, transpile-only, as the language host does with
 * `PULUMI_NODEJS_TRANSPILE_ONLY=true`.
 *
 * The SDK pieces come from the program's own `@pulumi/pulumi`, so that the program and the server share one runtime.
 */
import * as path from "path";

export interface InlineServer {
    /** `127.0.0.1:<port>`, for `--client`. */
    address: string;
    close(): void;
}

/** Forget the program's own modules (not its node_modules), so that a second run registers everything again. */
function forgetProgramModules(programDir: string): void {
    const prefix = programDir.endsWith(path.sep) ? programDir : programDir + path.sep;
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(prefix) && !file.slice(prefix.length).split(path.sep).includes("node_modules")) {
            delete require.cache[file];
        }
    }
}

/** Serve the program `main` (a file, or a directory to require), run with `programDir` as working directory. */
export async function serveInline(main: string, programDir: string): Promise<InlineServer> {
    const sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK the program itself uses
    const sdk = (module: string) => require(path.join(sdkRoot, module));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK the program itself uses
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkRoot] }));
    const { LanguageServer } = sdk("automation/server");
    const langrpc = sdk("proto/language_grpc_pb");
    const { grpcChannelOptions } = sdk("runtime");

    // The CLI runs the program once per pass (`up` previews, then updates): like the language host, which starts a
    // fresh process per run, each run loads the program anew.
    const program = async () => {
        forgetProgramModules(programDir);
        process.chdir(programDir);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program, loaded as the language host loads it
        const exported = require(main === programDir && !main.endsWith(path.sep) ? main + path.sep : main);
        return typeof exported === "function" ? await exported() : exported;
    };
    const server = new grpc.Server({ ...grpcChannelOptions });
    server.addService(langrpc.LanguageRuntimeService, new LanguageServer(program));
    const port: number = await new Promise((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) =>
            err ? reject(err) : resolve(p),
        ),
    );
    return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}
