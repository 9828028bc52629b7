import type { Policies } from "@pulumi/policy";
import { apigatewayAccessLoggingRequired } from "./apigatewayAccessLoggingRequired";
import { apigatewayAlarmsRequired } from "./apigatewayAlarmsRequired";
import { apigatewayCacheEncryptionRequired } from "./apigatewayCacheEncryptionRequired";
import { apigatewayExecutionLoggingRequired } from "./apigatewayExecutionLoggingRequired";
import { apigatewayLogRetentionRequired } from "./apigatewayLogRetentionRequired";
import { apigatewayNoDebugLoggingInProduction } from "./apigatewayNoDebugLoggingInProduction";
import { apigatewayNoImplicitStage } from "./apigatewayNoImplicitStage";
import { apigatewayStageThrottlingRequired } from "./apigatewayStageThrottlingRequired";
import { apigatewayThrottlingRequired } from "./apigatewayThrottlingRequired";
import { apigatewayThrottlingWithinAccountLimits } from "./apigatewayThrottlingWithinAccountLimits";
import { apigatewayXrayTracingRequired } from "./apigatewayXrayTracingRequired";

/** Every policy of the pack, in the order the engine lists them. */
export const policies: Policies = [
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
