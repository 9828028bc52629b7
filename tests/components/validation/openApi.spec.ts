import * as assert from "assert";
import {
    OPENAPI_OPERATIONS,
    OpenApiDocument,
    closest,
    overrideOperationProblem,
    parseOpenApiSpec,
} from "../../../components/validation/openApi";

const DOCUMENT = {
    openapi: "3.0.1",
    info: { title: "orders", version: "1" },
    paths: {
        "/": { get: {} },
        "/orders": {
            summary: "not an operation",
            parameters: [],
            get: {},
            post: {},
            "x-amazon-apigateway-any-method": {},
        },
        "/orders/{id}": { get: {}, delete: {} },
        "/empty": {},
        "/broken": null,
    },
};

function parsed(text: string): OpenApiDocument {
    const doc = parseOpenApiSpec(text);
    if ("problem" in doc) {
        assert.fail(doc.problem);
    }
    return doc;
}

const problem = (value: unknown, arg?: string) => {
    const doc = parseOpenApiSpec(value, arg);
    return "problem" in doc ? doc.problem : "parsed";
};

describe("components/validation/openApi", () => {
    describe("parseOpenApiSpec", () => {
        it("reads JSON text: the document, info.title and the operations per path in document order", () => {
            const doc = parsed(JSON.stringify(DOCUMENT));
            assert.deepStrictEqual(doc.document, DOCUMENT);
            assert.strictEqual(doc.title, "orders");
            assert.deepStrictEqual(
                [...doc.operations],
                [
                    ["/", ["GET"]],
                    ["/orders", ["GET", "POST", "ANY"]],
                    ["/orders/{id}", ["GET", "DELETE"]],
                    ["/empty", []],
                    ["/broken", []],
                ],
            );
        });

        it("reads YAML text to the same document", () => {
            const yaml = [
                "openapi: 3.0.1",
                "info:",
                "  title: orders",
                '  version: "1"',
                "paths:",
                "  /orders/{id}:",
                "    get: {}",
                "    x-amazon-apigateway-any-method: {}",
            ].join("\n");
            const doc = parsed(yaml);
            assert.deepStrictEqual(doc.document, {
                openapi: "3.0.1",
                info: { title: "orders", version: "1" },
                paths: { "/orders/{id}": { get: {}, "x-amazon-apigateway-any-method": {} } },
            });
            assert.deepStrictEqual([...doc.operations], [["/orders/{id}", ["GET", "ANY"]]]);
        });

        it("maps every OpenAPI operation and API Gateway's any-method extension", () => {
            assert.deepStrictEqual(OPENAPI_OPERATIONS, {
                get: "GET",
                put: "PUT",
                post: "POST",
                delete: "DELETE",
                options: "OPTIONS",
                head: "HEAD",
                patch: "PATCH",
                trace: "TRACE",
                "x-amazon-apigateway-any-method": "ANY",
            });
        });

        it("names what is wrong with text that is not a usable document", () => {
            const prefix = "openApiSpec must be an OpenAPI document";
            assert.deepStrictEqual(
                [
                    problem({ openapi: "3.0.1" }),
                    problem(5),
                    problem("{"),
                    problem('{"a": 1, "a": 2}'),
                    problem("[1]"),
                    problem("just text"),
                    problem("openapi: 3.0.1"),
                    problem('{"paths": []}'),
                    problem('{"paths": {}}'),
                    problem('{"paths": {}, "info": {"title": "  "}}'),
                    problem('{"paths": {}, "info": "orders"}'),
                    problem('{"paths": {}, "info": {"title": 7}}', "restApi.body"),
                ],
                [
                    `${prefix} as JSON or YAML text, got {"openapi":"3.0.1"} (pass pulumi.jsonStringify(document) or JSON.stringify)`,
                    `${prefix} as JSON or YAML text, got 5`,
                    `${prefix} as JSON or YAML text, got text that does not parse: Flow map must end with a }`,
                    `${prefix} as JSON or YAML text, got text that does not parse: Map keys must be unique`,
                    `${prefix} (an object), got [1]`,
                    `${prefix} (an object), got "just text"`,
                    `${prefix} with a "paths" object, got paths undefined`,
                    `${prefix} with a "paths" object, got paths []`,
                    "openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got undefined",
                    'openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got "  "',
                    "openApiSpec must have info.title, which names the API in API Gateway and CloudWatch, got undefined",
                    "restApi.body must have info.title, which names the API in API Gateway and CloudWatch, got 7",
                ],
            );
        });
    });

    describe("closest", () => {
        it("orders known values by edit distance, ties alphabetically, at most five", () => {
            assert.deepStrictEqual(closest("/order", ["/orders/{id}", "/orders", "/health"]), [
                "/orders",
                "/health",
                "/orders/{id}",
            ]);
            assert.deepStrictEqual(closest("/b", ["/c", "/a", "/bb"]), ["/a", "/bb", "/c"]);
            assert.deepStrictEqual(closest("/x", ["/1", "/2", "/3", "/4", "/5", "/6"]), ["/1", "/2", "/3", "/4", "/5"]);
            assert.deepStrictEqual(closest("/x", []), []);
        });
    });

    describe("overrideOperationProblem", () => {
        const doc = parsed(JSON.stringify(DOCUMENT));
        const check = (path: string, method: string) =>
            overrideOperationProblem("methodOverrides[1]", path, method, doc);

        it("accepts an operation the document defines, ANY as the any-method and * on a path with operations", () => {
            assert.deepStrictEqual(
                [check("/", "GET"), check("/orders", "POST"), check("/orders", "ANY"), check("/orders/{id}", "*")],
                [undefined, undefined, undefined, undefined],
            );
        });

        it("names the path and method given and the closest known paths for a path the document lacks", () => {
            assert.strictEqual(
                check("/order", "GET"),
                "methodOverrides[1] is GET /order, which openApiSpec does not define; known paths: /orders, /broken, /, /empty, /orders/{id}",
            );
            const empty = parsed('{"info": {"title": "t"}, "paths": {}}');
            assert.strictEqual(
                overrideOperationProblem("methodOverrides[0]", "/orders", "GET", empty),
                "methodOverrides[0] is GET /orders, which openApiSpec does not define; known paths: none",
            );
        });

        it("names what the path does define for a method it lacks", () => {
            assert.deepStrictEqual(
                [
                    check("/orders/{id}", "POST"),
                    check("/orders/{id}", "ANY"),
                    check("/empty", "*"),
                    check("/broken", "GET"),
                ],
                [
                    "methodOverrides[1] is POST /orders/{id}, which openApiSpec does not define; /orders/{id} defines GET, DELETE",
                    "methodOverrides[1] is ANY /orders/{id}, which openApiSpec does not define; /orders/{id} defines GET, DELETE",
                    "methodOverrides[1] is * /empty, which openApiSpec does not define; /empty defines no operations",
                    "methodOverrides[1] is GET /broken, which openApiSpec does not define; /broken defines no operations",
                ],
            );
        });
    });
});
