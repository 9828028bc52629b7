/**
 * `npm run plan -- --stack <name> [options]`: an offline `pulumi preview --policy-pack`. The work is done by
 * `runPlan` (tools/lib/planCommand.ts); this wrapper prints what it returns and exits with its code.
 */
import { runPlan } from "./lib/planCommand";

void runPlan(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
    process.stderr.write(stderr);
    process.stdout.write(stdout, () => process.exit(code));
});
