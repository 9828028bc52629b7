import * as assert from "assert";
import { overrideSlug } from "../../../components/settings/methodSettings";

describe("components/settings/methodSettings", () => {
    it("slugs an override's path and method for the child's name", () => {
        assert.deepStrictEqual(
            [
                overrideSlug("/orders/{id}", "GET"),
                overrideSlug("/orders/{proxy+}", "*"),
                overrideSlug("/orders", "ANY"),
                overrideSlug("/v1.2/items", "DELETE"),
                overrideSlug("/", "GET"),
                overrideSlug("/files/~backup", "GET"),
            ],
            ["orders-id-get", "orders-proxy-all", "orders-any", "v1-2-items-delete", "root-get", "files-backup-get"],
        );
    });
});
