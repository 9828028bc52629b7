// Type tokens, matched as strings so the pack never loads @pulumi/aws or @pulumi/aws-native at runtime.

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
/** aws-native REST deployment: `stageDescription` configures the stage it creates. */
export const NATIVE_DEPLOYMENT = "aws-native:apigateway:Deployment";
/** aws-native HTTP and WebSocket stage. `routeSettings` is a map from route key to settings. */
export const NATIVE_V2_STAGE = "aws-native:apigatewayv2:Stage";
/** aws-native HTTP and WebSocket API. */
export const NATIVE_V2_API = "aws-native:apigatewayv2:Api";
/** This project's component. It registers its effective settings (after presets) as its inputs. */
export const OBSERVABLE_REST_API = "observable-api:index:ObservableRestApi";
/** CloudWatch log groups. */
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const NATIVE_LOG_GROUP = "aws-native:logs:LogGroup";
/** CloudWatch metric alarm. */
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** Every stage-like type whose access logs, tracing and alarms the pack checks. */
export const STAGE_TYPES: readonly string[] = [REST_STAGE, V2_STAGE, NATIVE_STAGE, NATIVE_V2_STAGE];

/** The name the component goes by in messages. */
export const COMPONENT_NAME = "ObservableRestApi";
