import * as assert from "assert";
import { overrideSlug } from "../../../components/settings/methodSettings";

describe("components/settings/methodSettings", () => {
    it("slugs an override's path and method for the child's name", () => {
        assert.strictEqual(overrideSlug("/orders/{id}", "GET"), "orders-id-get");
        assert.strictEqual(overrideSlug("/orders/{proxy+}", "*"), "orders-proxy-any");
        assert.strictEqual(overrideSlug("/v1.2/items", "DELETE"), "v1-2-items-delete");
    });
});
