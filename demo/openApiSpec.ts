/**
 * The demo API's OpenAPI 3 document: a MOCK `GET /health` and a Lambda-proxy `GET /hello`. Pure, so tests can read
 * it without a runtime.
 */

export interface DemoOpenApiSpecArgs {
    title: string;
    /** The Lambda function's `invokeArn` (the `arn:aws:apigateway:…:lambda:path/…/invocations` form). */
    helloInvokeArn: string;
}

export function demoOpenApiSpec(args: DemoOpenApiSpecArgs): Record<string, unknown> {
    return {
        openapi: "3.0.1",
        info: { title: args.title, version: "1.0.0" },
        paths: {
            "/health": {
                get: {
                    summary: "Liveness probe answered by API Gateway itself",
                    responses: { "200": { description: "The API is up" } },
                    "x-amazon-apigateway-integration": {
                        type: "mock",
                        requestTemplates: { "application/json": '{"statusCode": 200}' },
                        responses: {
                            default: {
                                statusCode: "200",
                                responseTemplates: { "application/json": '{"status":"ok"}' },
                            },
                        },
                    },
                },
            },
            "/hello": {
                get: {
                    summary: "Greets the caller from a Lambda function traced by X-Ray",
                    responses: { "200": { description: "A greeting" } },
                    "x-amazon-apigateway-integration": {
                        type: "aws_proxy",
                        // Lambda proxy integrations are always invoked with POST, whatever the client's method.
                        httpMethod: "POST",
                        uri: args.helloInvokeArn,
                        passthroughBehavior: "when_no_match",
                        // API Gateway's ceiling for REST integrations; past it the client gets a 504.
                        timeoutInMillis: 29000,
                    },
                },
            },
        },
    };
}
