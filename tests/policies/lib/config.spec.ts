import * as assert from "assert";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { configWithDefaults, schemaDefaults } from "../../../policies/lib/config";

const schema: PolicyConfigSchema = {
    properties: {
        patterns: { type: "array", items: { type: "string" }, default: ["prod"] },
        level: { type: "string", enum: ["ERROR", "INFO"], default: "INFO" },
        max: { type: "number", minimum: 1, default: 10 },
        only: { type: "boolean", default: false },
    },
};

describe("policies/lib/config", () => {
    it("applies every default when no config arrives", () => {
        assert.deepStrictEqual(configWithDefaults({}, schema), {
            patterns: ["prod"],
            level: "INFO",
            max: 10,
            only: false,
        });
        assert.deepStrictEqual(configWithDefaults(undefined, schema), {
            patterns: ["prod"],
            level: "INFO",
            max: 10,
            only: false,
        });
    });

    it("keeps valid values and canonicalises enum case", () => {
        assert.deepStrictEqual(configWithDefaults({ patterns: ["a*"], level: "error", max: 3, only: true }, schema), {
            patterns: ["a*"],
            level: "ERROR",
            max: 3,
            only: true,
        });
    });

    it("falls back to the default for values of the wrong shape", () => {
        assert.deepStrictEqual(configWithDefaults({ patterns: "prod", level: "DEBUG", max: 0, only: "yes" }, schema), {
            patterns: ["prod"],
            level: "INFO",
            max: 10,
            only: false,
        });
        assert.deepStrictEqual(
            configWithDefaults<{ patterns: string[] }>({ patterns: [1], max: Infinity }, schema).patterns,
            ["prod"],
        );
    });

    it("lists the schema defaults", () => {
        assert.deepStrictEqual(schemaDefaults(schema), { patterns: ["prod"], level: "INFO", max: 10, only: false });
        assert.deepStrictEqual(schemaDefaults(undefined), {});
    });
});
