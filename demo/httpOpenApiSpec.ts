/**
 * The demo HTTP API's OpenAPI 3 document: `GET /hello` on the same Lambda function as the REST API. Pure, so tests can
 * read it without a runtime.
 */

export interface DemoHttpOpenApiSpecArgs {
    title: string;
    /** The Lambda function's `invokeArn`. */
    helloInvokeArn: string;
}

export function demoHttpOpenApiSpec(args: DemoHttpOpenApiSpecArgs): Record<string, unknown> {
    return {
        openapi: "3.0.1",
        info: { title: args.title, version: "1.0.0" },
        paths: {
            "/hello": {
                get: {
                    summary: "Greets the caller from the same Lambda function as the REST API",
                    responses: { "200": { description: "A greeting" } },
                    "x-amazon-apigateway-integration": {
                        type: "aws_proxy",
                        httpMethod: "POST",
                        uri: args.helloInvokeArn,
                        // "Required for HTTP APIs"; 1.0 is the REST proxy event, so the function serves both APIs
                        // the same (IntegrationOverrides.PayloadFormatVersion).
                        payloadFormatVersion: "1.0",
                        // An HTTP API's ceiling: past it the client gets a 503.
                        timeoutInMillis: 30000,
                    },
                },
            },
        },
    };
}
