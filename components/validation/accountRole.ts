/**
 * The account CloudWatch role rules, shared by every component that can write the account setting and by
 * `ApiGatewayAccountSettings`, so that they read the same everywhere.
 */
import { AccountCloudWatchRole } from "../contract";
import { Reporter, shown } from "./framework";

/**
 * `cloudWatchRoleArn` is required with, and only allowed with, the `Existing` mode.
 * @param modeArg the mode arg's name: `accountCloudWatchRole` on the API components, `cloudWatchRole` on
 *   `ApiGatewayAccountSettings`.
 */
export function checkAccountRoleRelations(
    modeArg: string,
    mode: string,
    cloudWatchRoleArn: unknown,
    reporter: Reporter,
): void {
    if (mode === AccountCloudWatchRole.Existing && cloudWatchRoleArn === undefined) {
        reporter.fail(`cloudWatchRoleArn must be set when ${modeArg} is "Existing", got undefined`);
    }
    if (mode !== AccountCloudWatchRole.Existing && cloudWatchRoleArn !== undefined) {
        reporter.fail(`cloudWatchRoleArn must be unset unless ${modeArg} is "Existing", got ${modeArg} ${shown(mode)}`);
    }
}
