import * as assert from "assert";
import { createsStage, routeOf, setting, settingsOf } from "../../../policies/lib/settings";
import type { SettingName } from "../../../policies/lib/settings";
import * as t from "../../../policies/lib/types";
import { UNKNOWN as UNKNOWN_VALUE } from "../../../policies/lib/unknowns";
import { fixture } from "../fixtures";
import { UNKNOWN, wireProps, withProp } from "../harness";

/** Each block of a resource as [path, stage-wide, route]. */
function blocks(type: string, props: unknown) {
    return settingsOf(type, wireProps(props))!.blocks.map((b) => [b.path, b.stageWide(), b.route()]);
}

describe("policies/lib/settings", () => {
    it("reads a classic MethodSettings as one block, naming its route from either methodPath spelling", () => {
        const cases: [unknown, boolean | typeof UNKNOWN_VALUE, string | undefined][] = [
            ["*/*", true, undefined],
            ["~1orders~1{id}/GET", false, "GET /orders/{id}"],
            ["orders/{id}/GET", false, "GET /orders/{id}"],
            ["~1/GET", false, "GET /"],
            ["~1a~0b/post", false, "POST /a~b"],
            [UNKNOWN, UNKNOWN_VALUE, undefined],
            [5, false, undefined],
        ];
        for (const [methodPath, wide, route] of cases) {
            assert.deepStrictEqual(
                blocks(t.METHOD_SETTINGS, withProp(fixture(t.METHOD_SETTINGS), "methodPath", methodPath)),
                [["settings", wide, route]],
                String(methodPath),
            );
        }
    });

    it("reads v2 stages: the default block and each route by its routeKey (a list, or a map in aws-native)", () => {
        assert.deepStrictEqual(blocks(t.V2_STAGE, fixture(t.V2_STAGE)), [
            ["defaultRouteSettings", true, undefined],
            ["routeSettings[0]", false, "GET /orders"],
        ]);
        assert.deepStrictEqual(blocks(t.NATIVE_V2_STAGE, fixture(t.NATIVE_V2_STAGE)), [
            ["defaultRouteSettings", true, undefined],
            ['routeSettings["GET /orders"]', false, "GET /orders"],
        ]);
        const cfn = {
            DefaultRouteSettings: { ThrottlingRateLimit: 1 },
            RouteSettings: { $connect: { LoggingLevel: "INFO" } },
        };
        assert.deepStrictEqual(blocks(t.NATIVE_V2_STAGE, cfn), [
            ["defaultRouteSettings", true, undefined],
            ['routeSettings["$connect"]', false, "$connect"],
        ]);
    });

    it("reads aws-native REST methodSettings: the */* entry is stage-wide and names no route", () => {
        const props = fixture(t.NATIVE_STAGE);
        props.methodSettings.push({ HttpMethod: "delete", ResourcePath: "/~1orders~1{id}" });
        props.methodSettings.push({ httpMethod: "GET", resourcePath: "/" });
        props.methodSettings.push({ httpMethod: UNKNOWN, resourcePath: "/*" });
        assert.deepStrictEqual(blocks(t.NATIVE_STAGE, props), [
            ["methodSettings[0]", true, undefined],
            ["methodSettings[1]", false, "GET /orders"],
            ["methodSettings[2]", false, "DELETE /orders/{id}"],
            ["methodSettings[3]", false, "GET /"],
            ["methodSettings[4]", UNKNOWN_VALUE, undefined],
        ]);
        assert.deepStrictEqual(settingsOf(t.NATIVE_STAGE, wireProps({ methodSettings: UNKNOWN }))!.unknownPaths, [
            "methodSettings",
        ]);
    });

    it("reads the component by the contract's names, its overrides by <method> <path>", () => {
        assert.deepStrictEqual(blocks(t.OBSERVABLE_REST_API, fixture(t.OBSERVABLE_REST_API)), [
            ["executionLogging", true, undefined],
            ["throttling", true, undefined],
            ["", true, undefined],
            ["caching", true, undefined],
            ["methodOverrides[0]", false, "GET /orders"],
            ["methodOverrides[0].throttling", false, "GET /orders"],
        ]);
    });

    it("reads a setting under its SDK name, then under CloudFormation's, and says which it read", () => {
        const block = settingsOf(
            t.NATIVE_V2_STAGE,
            wireProps({
                defaultRouteSettings: { DataTraceEnabled: true, loggingLevel: "INFO", LoggingLevel: "DEBUG" },
            }),
        )!.blocks[0];
        const read = (name: SettingName) => setting(block, name);
        assert.deepStrictEqual(read("dataTrace"), { path: "defaultRouteSettings.DataTraceEnabled", value: true });
        // The SDK's name wins when both are given.
        assert.deepStrictEqual(read("level"), { path: "defaultRouteSettings.loggingLevel", value: "INFO" });
        assert.deepStrictEqual(read("rate"), { path: "defaultRouteSettings.throttlingRateLimit", value: undefined });
        // v2 route settings carry no cache settings at all.
        assert.strictEqual(read("caching"), undefined);
        assert.strictEqual(routeOf(block), "");
    });

    describe("aws-native Deployment", () => {
        it("creates a stage with a stageName alone or a stageDescription; unknown when that is unknown", () => {
            const cases: [Record<string, unknown>, boolean | typeof UNKNOWN_VALUE][] = [
                [{ stageName: "prod" }, true],
                [{ StageName: "prod" }, true],
                [{ stageDescription: {} }, true],
                [{}, false],
                [{ stageName: "" }, false],
                [{ stageName: null }, false],
                [{ stageName: UNKNOWN }, UNKNOWN_VALUE],
                [{ stageDescription: UNKNOWN }, UNKNOWN_VALUE],
                [{ stageName: "prod", stageDescription: UNKNOWN }, true],
                [{ stageName: UNKNOWN, stageDescription: {} }, true],
            ];
            for (const [props, creates] of cases) {
                assert.strictEqual(createsStage(wireProps(props)), creates, JSON.stringify(props));
            }
        });

        it("carries no settings blocks without a stage, and none but the unknown stageDescription when it is unknown", () => {
            assert.strictEqual(settingsOf(t.NATIVE_DEPLOYMENT, wireProps({ restApiId: "x" })), undefined);
            assert.deepStrictEqual(settingsOf(t.NATIVE_DEPLOYMENT, wireProps({ stageName: "prod" })), {
                blocks: [],
                unknownPaths: [],
                stageWideLocation: "stageDescription",
            });
            const unknown = settingsOf(
                t.NATIVE_DEPLOYMENT,
                wireProps({ stageName: "prod", stageDescription: UNKNOWN }),
            )!;
            assert.deepStrictEqual([unknown.blocks, unknown.unknownPaths], [[], ["stageDescription"]]);
            assert.deepStrictEqual(settingsOf(t.NATIVE_DEPLOYMENT, wireProps({ stageName: UNKNOWN }))!.unknownPaths, [
                "stageName",
            ]);
        });
    });

    it("carries no settings for types that have none", () => {
        for (const type of [t.REST_STAGE, t.REST_API, t.V2_API, t.LOG_GROUP, t.ROOT_STACK, t.OBSERVABLE_HTTP_API]) {
            assert.strictEqual(settingsOf(type, wireProps({})), undefined, type);
        }
    });
});
