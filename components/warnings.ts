/**
 * What is allowed but risky, logged with `pulumi.log.warn` on the component: DEBUG logging in a Production API, and
 * throttling above the account quota. The messages are pure functions, so tests call them directly.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_THROTTLING, Environment, ExecutionLogLevel } from "./contract";
import { messagePrefix } from "./validation/framework";

/**
 * The warning for DEBUG in an API declared Production. It tells the truth about the pack: an API declared
 * Production is production for the pack whatever the stack is called, so the DEBUG policy blocks the deployment.
 */
export function productionDebugWarning(
    component: string,
    name: string,
    environment: string,
    arg: string,
    level: unknown,
): string | undefined {
    return environment === Environment.Production && level === ExecutionLogLevel.Debug
        ? messagePrefix(component, name) +
              `${arg} is DEBUG in Production: full request and response data, which may hold credentials and ` +
              "personal data, will be written to CloudWatch Logs; the policy pack's " +
              "apigateway-no-debug-logging-in-production blocks the deployment of an API declared Production"
        : undefined;
}

export function accountRateWarning(component: string, name: string, arg: string, rate: unknown): string | undefined {
    return typeof rate === "number" && rate > ACCOUNT_THROTTLING.rateLimit
        ? messagePrefix(component, name) +
              `${arg} is ${rate} rps, above the ${ACCOUNT_THROTTLING.rateLimit} rps account quota; ` +
              "the account limit applies first unless AWS has raised it"
        : undefined;
}

function warn(resource: pulumi.Resource, message: string | undefined): void {
    if (message !== undefined) {
        pulumi.log.warn(message, resource);
    }
}

/** Warn for every level that is DEBUG while the API is declared Production (checked once the level is known). */
export function warnAboutLevels(
    component: string,
    name: string,
    environment: string,
    resource: pulumi.Resource,
    levels: readonly (readonly [string, pulumi.Input<string>])[],
): void {
    for (const [arg, level] of levels) {
        pulumi.output(level).apply((l) => warn(resource, productionDebugWarning(component, name, environment, arg, l)));
    }
}

/** Warn for every rate limit above the account quota. */
export function warnAboutRates(
    component: string,
    name: string,
    resource: pulumi.Resource,
    rates: readonly (readonly [string, pulumi.Input<number>])[],
): void {
    for (const [arg, rate] of rates) {
        pulumi.output(rate).apply((r) => warn(resource, accountRateWarning(component, name, arg, r)));
    }
}

/**
 * The warning for a WebSocket stage named `$default`. Its users reported no execution-log group, 429s on first
 * connections, and access logging that could not be turned off (terraform-aws-modules/terraform-aws-apigateway-v2#7;
 * the cause is not documented), and a log-group name cannot hold the `$` anyway.
 */
export function webSocketDefaultStageWarning(component: string, name: string): string {
    return (
        messagePrefix(component, name) +
        'stageName is "$default", which misbehaves on WebSocket APIs: API Gateway has been seen to create no ' +
        "execution log group for it, to answer first connections with 429 and to refuse to turn its access logging " +
        "off (terraform-aws-modules/terraform-aws-apigateway-v2#7). The component creates no execution log group for " +
        'it, because "$" cannot be part of a log-group name; name the stage instead, for example "prod"'
    );
}
