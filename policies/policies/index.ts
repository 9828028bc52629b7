import type { Policies } from "@pulumi/policy";
import { apigatewayAccessLoggingRequired } from "./apigatewayAccessLoggingRequired";
import { apigatewayAlarmsRequired } from "./apigatewayAlarmsRequired";
import { apigatewayCacheEncryptionRequired } from "./apigatewayCacheEncryptionRequired";
import { apigatewayExecutionLoggingRequired } from "./apigatewayExecutionLoggingRequired";
import { apigatewayLogRetentionRequired } from "./apigatewayLogRetentionRequired";
import { apigatewayNoDebugLoggingInProduction } from "./apigatewayNoDebugLoggingInProduction";
import { apigatewayNoImplicitStage } from "./apigatewayNoImplicitStage";
import { apigatewayProductionDefinition } from "./apigatewayProductionDefinition";
import { apigatewayStageThrottlingRequired } from "./apigatewayStageThrottlingRequired";
import { apigatewayThrottlingRequired } from "./apigatewayThrottlingRequired";
import { apigatewayThrottlingWithinAccountLimits } from "./apigatewayThrottlingWithinAccountLimits";
import { apigatewayXrayTracingRequired } from "./apigatewayXrayTracingRequired";

/**
 * Every policy of the pack, in the order the engine lists them. The production definition comes first: it records
 * its config for the production-scoped policies that run after it on the same resource.
 */
export const policies: Policies = [
    apigatewayProductionDefinition,
    apigatewayNoDebugLoggingInProduction,
    apigatewayThrottlingRequired,
    apigatewayStageThrottlingRequired,
    apigatewayAccessLoggingRequired,
    apigatewayExecutionLoggingRequired,
    apigatewayXrayTracingRequired,
    apigatewayCacheEncryptionRequired,
    apigatewayLogRetentionRequired,
    apigatewayNoImplicitStage,
    apigatewayAlarmsRequired,
    apigatewayThrottlingWithinAccountLimits,
];
