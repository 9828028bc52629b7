/**
 * The offline plan in this process, as specs run it: `runPlan` with each pack served once for the whole spec file
 * (Configure and ConfigureStack reset a pack's state on every plan), and the unit tests' mock runtime put back after
 * each plan, because both share the SDK's settings in this worker.
 */
import { PackServer, PlanOutcome, runPlan } from "../../../tools/lib/planCommand";
import { PolicyPackHost, ServeOptions } from "../../../tools/lib/policyPackHost";
import { runtime, TEST_STACK } from "../../mocks";

export class PackPool implements PackServer {
    readonly closesHosts = false;
    private readonly hosts = new Map<string, Promise<PolicyPackHost>>();

    serve(dir: string, options: ServeOptions): Promise<PolicyPackHost> {
        let host = this.hosts.get(dir);
        if (!host) {
            host = PolicyPackHost.serve(dir, options);
            this.hosts.set(dir, host);
        }
        return host;
    }

    async close(): Promise<void> {
        await Promise.all([...this.hosts.values()].map(async (h) => (await h).close()));
        this.hosts.clear();
    }
}

export async function planInProcess(pool: PackPool, args: string[]): Promise<PlanOutcome> {
    const outcome = await runPlan(args, pool);
    runtime.configure({ stack: TEST_STACK, preview: false, config: {} });
    return outcome;
}
