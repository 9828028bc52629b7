// Type tokens, matched as strings so the pack never loads @pulumi/aws or @pulumi/aws-native at runtime.
import { COMPONENT_TYPES as CONTRACT_COMPONENT_TYPES } from "../../components/contract";

/** Classic REST API stage. Holds access logs and X-Ray, but no method settings. */
export const REST_STAGE = "aws:apigateway/stage:Stage";
/** Classic REST API method settings: logging, metrics, throttling and caching for one methodPath of one stage. */
export const METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
/** Classic REST API. */
export const REST_API = "aws:apigateway/restApi:RestApi";
/** HTTP and WebSocket API stage: `defaultRouteSettings` and `routeSettings[]`. */
export const V2_STAGE = "aws:apigatewayv2/stage:Stage";
/** HTTP and WebSocket API. With `target` set, AWS creates a `$default` stage that is not a Pulumi resource. */
export const V2_API = "aws:apigatewayv2/api:Api";
/** aws-native REST stage: `methodSettings[]`, `tracingEnabled`, `accessLogSetting`. */
export const NATIVE_STAGE = "aws-native:apigateway:Stage";
/** aws-native REST deployment: `stageName` creates a stage, and `stageDescription` configures it. */
export const NATIVE_DEPLOYMENT = "aws-native:apigateway:Deployment";
/** aws-native HTTP and WebSocket stage. `routeSettings` is a map from route key to settings. */
export const NATIVE_V2_STAGE = "aws-native:apigatewayv2:Stage";
/** aws-native HTTP and WebSocket API. */
export const NATIVE_V2_API = "aws-native:apigatewayv2:Api";
/** This project's components. Each registers its effective settings (after presets) as its inputs. */
export const OBSERVABLE_REST_API = CONTRACT_COMPONENT_TYPES.ObservableRestApi;
export const OBSERVABLE_HTTP_API = CONTRACT_COMPONENT_TYPES.ObservableHttpApi;
export const OBSERVABLE_WEBSOCKET_API = CONTRACT_COMPONENT_TYPES.ObservableWebSocketApi;
/** The components that declare an environment and settings the pack judges. */
export const COMPONENT_TYPES: readonly string[] = [OBSERVABLE_REST_API, OBSERVABLE_HTTP_API, OBSERVABLE_WEBSOCKET_API];
/** CloudWatch log groups. */
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const NATIVE_LOG_GROUP = "aws-native:logs:LogGroup";
/** CloudWatch metric alarm and composite alarm. */
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
/** The root resource of every stack. */
export const ROOT_STACK = "pulumi:pulumi:Stack";

/** Every stage-like type whose access logs, tracing and alarms the pack checks. */
export const STAGE_TYPES: readonly string[] = [REST_STAGE, V2_STAGE, NATIVE_STAGE, NATIVE_V2_STAGE];

/** How messages name a component type. */
export function componentName(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}
