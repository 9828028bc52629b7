// String enums rather than unions: they survive a later move to a multi-language component package,
// and a caller who passes the plain string ("DEBUG") gets exactly what the enum member gives.

/** Which preset family an API's defaults come from. */
export enum Environment {
    Production = "Production",
    Staging = "Staging",
    Development = "Development",
}

/**
 * Execution-log level. API Gateway itself only knows OFF, ERROR and INFO; `DEBUG` is this project's name for
 * INFO plus full request and response data (`dataTraceEnabled: true`).
 */
export enum ExecutionLogLevel {
    Off = "OFF",
    Error = "ERROR",
    Info = "INFO",
    Debug = "DEBUG",
}

/** Access-log format presets. Any other string is taken as a custom format. */
export enum AccessLogFormat {
    Json = "Json",
    Clf = "Clf",
}

/** How the component treats the account-wide API Gateway CloudWatch role. */
export enum AccountCloudWatchRole {
    Create = "Create",
    Existing = "Existing",
    None = "None",
}
