import * as assert from "assert";
import { createsStage, routeOf, setting, settingSpellings, settingsOf } from "../../../policies/lib/settings";
import type { SettingName, SettingsBlock } from "../../../policies/lib/settings";
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

    describe("spellings: aws-native passes properties typed Any to Cloud Control untouched", () => {
        const stage = (props: Record<string, unknown>) => settingsOf(t.NATIVE_V2_STAGE, wireProps(props))!.blocks;

        it("marks only the blocks inside a property typed Any", () => {
            const blocksOf = (type: string) =>
                settingsOf(type, wireProps(fixture(type)))!.blocks.map((b) => [b.path, b.anyTyped]);
            assert.deepStrictEqual(blocksOf(t.NATIVE_V2_STAGE), [
                ["defaultRouteSettings", false],
                ['routeSettings["GET /orders"]', true],
            ]);
            assert.deepStrictEqual(blocksOf(t.V2_STAGE), [
                ["defaultRouteSettings", false],
                ["routeSettings[0]", false],
            ]);
            for (const type of [t.NATIVE_STAGE, t.NATIVE_DEPLOYMENT, t.METHOD_SETTINGS, t.OBSERVABLE_REST_API]) {
                assert.ok(
                    settingsOf(type, wireProps(fixture(type)))!.blocks.every((b) => !b.anyTyped),
                    type,
                );
            }
        });

        it("setting: the spelling that takes effect, CloudFormation's in a property typed Any, the SDK's elsewhere", () => {
            const [defaults, route] = stage({
                defaultRouteSettings: { DataTraceEnabled: true, throttlingRateLimit: 5 },
                routeSettings: {
                    "GET /orders": { DataTraceEnabled: false, dataTraceEnabled: true, loggingLevel: "INFO" },
                },
            });
            assert.deepStrictEqual(setting(defaults, "dataTrace"), {
                path: "defaultRouteSettings.dataTraceEnabled",
                value: undefined,
            });
            assert.deepStrictEqual(setting(defaults, "rate"), {
                path: "defaultRouteSettings.throttlingRateLimit",
                value: 5,
            });
            assert.deepStrictEqual(setting(route, "dataTrace"), {
                path: 'routeSettings["GET /orders"].DataTraceEnabled',
                value: false,
            });
            // With no CloudFormation spelling present, the SDK's is what the message names.
            assert.deepStrictEqual(setting(route, "level"), {
                path: 'routeSettings["GET /orders"].loggingLevel',
                value: "INFO",
            });
            // v2 route settings carry no cache settings at all.
            assert.strictEqual(setting(route, "caching"), undefined);
            assert.strictEqual(routeOf(route), " for GET /orders");
            assert.strictEqual(routeOf(defaults), "");
        });

        it("settingSpellings: every spelling present, so a forbidden value under either key is seen", () => {
            const [defaults, route] = stage({
                defaultRouteSettings: { DataTraceEnabled: true, dataTraceEnabled: false },
                routeSettings: { $connect: {} },
            });
            const spellings = (b: SettingsBlock, name: SettingName) => settingSpellings(b, name);
            assert.deepStrictEqual(spellings(defaults, "dataTrace"), [
                { path: "defaultRouteSettings.dataTraceEnabled", value: false },
                { path: "defaultRouteSettings.DataTraceEnabled", value: true },
            ]);
            assert.deepStrictEqual(spellings(route, "level"), [
                { path: 'routeSettings["$connect"].loggingLevel', value: undefined },
            ]);
            assert.deepStrictEqual(spellings(route, "caching"), []);
        });
    });

    describe("settings given as a string of JSON", () => {
        it("reads aws-native routeSettings and methodSettings strings as the JSON they hold, under either spelling", () => {
            const stage = {
                ...fixture(t.NATIVE_V2_STAGE),
                routeSettings: JSON.stringify({ "POST /pay": { DataTraceEnabled: true } }),
            };
            const [, route] = settingsOf(t.NATIVE_V2_STAGE, wireProps(stage))!.blocks;
            assert.deepStrictEqual(
                [route.path, route.route(), route.anyTyped, setting(route, "dataTrace")],
                [
                    'routeSettings["POST /pay"]',
                    "POST /pay",
                    true,
                    { path: 'routeSettings["POST /pay"].DataTraceEnabled', value: true },
                ],
            );
            const rest = {
                ...fixture(t.NATIVE_STAGE),
                methodSettings: JSON.stringify([{ HttpMethod: "*", ResourcePath: "/*", LoggingLevel: "DEBUG" }]),
            };
            const [entry] = settingsOf(t.NATIVE_STAGE, wireProps(rest))!.blocks;
            assert.deepStrictEqual(
                [entry.path, entry.stageWide(), entry.anyTyped, setting(entry, "level")],
                ["methodSettings[0]", true, true, { path: "methodSettings[0].LoggingLevel", value: "DEBUG" }],
            );
        });

        it("records a string that is not a JSON object or list as unreadable, and reads no block from it", () => {
            for (const value of ["{ nope", '"a string"', "42", "null"]) {
                const stage = { ...fixture(t.NATIVE_V2_STAGE), routeSettings: value };
                const settings = settingsOf(t.NATIVE_V2_STAGE, wireProps(stage))!;
                assert.deepStrictEqual(
                    [settings.blocks.map((b) => b.path), settings.unreadable],
                    [["defaultRouteSettings"], ["routeSettings (a string that is not a JSON object or list)"]],
                    value,
                );
            }
            const deployment = { stageName: "prod", stageDescription: { methodSettings: "[" } };
            assert.deepStrictEqual(settingsOf(t.NATIVE_DEPLOYMENT, wireProps(deployment))!.unreadable, [
                "stageDescription.methodSettings (a string that is not a JSON object or list)",
            ]);
        });

        it("leaves @pulumi/aws's routeSettings, a list of objects, as it is", () => {
            const stage = {
                ...fixture(t.V2_STAGE),
                routeSettings: JSON.stringify([{ routeKey: "x", dataTraceEnabled: true }]),
            };
            const settings = settingsOf(t.V2_STAGE, wireProps(stage))!;
            assert.deepStrictEqual(
                [settings.blocks.map((b) => b.path), settings.unreadable],
                [["defaultRouteSettings"], []],
            );
        });
    });

    it("names the unknown values that decide whether a block is stage-wide", () => {
        const native = withProp(fixture(t.NATIVE_STAGE), "methodSettings.0.resourcePath", UNKNOWN);
        assert.deepStrictEqual(
            settingsOf(t.NATIVE_STAGE, wireProps(native))!.blocks.map((b) => b.unknownScope()),
            [["methodSettings[0].resourcePath"], []],
        );
        const spelled = {
            ...fixture(t.NATIVE_STAGE),
            methodSettings: [{ HttpMethod: UNKNOWN, ResourcePath: UNKNOWN }],
        };
        assert.deepStrictEqual(
            settingsOf(t.NATIVE_STAGE, wireProps(spelled))!.blocks.map((b) => b.unknownScope()),
            [["methodSettings[0].HttpMethod", "methodSettings[0].ResourcePath"]],
        );
        const classic = withProp(fixture(t.METHOD_SETTINGS), "methodPath", UNKNOWN);
        assert.deepStrictEqual(settingsOf(t.METHOD_SETTINGS, wireProps(classic))!.blocks[0].unknownScope(), [
            "methodPath",
        ]);
        assert.deepStrictEqual(
            settingsOf(t.METHOD_SETTINGS, wireProps(fixture(t.METHOD_SETTINGS)))!.blocks[0].unknownScope(),
            [],
        );
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
                unreadable: [],
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
            // A stageDescription that is unknown, and no stageName, leaves the stage itself undecided.
            assert.deepStrictEqual(
                settingsOf(t.NATIVE_DEPLOYMENT, wireProps({ stageDescription: UNKNOWN }))!.unknownPaths,
                ["stageDescription"],
            );
        });
    });

    it("carries no settings for types that have none", () => {
        for (const type of [t.REST_STAGE, t.REST_API, t.V2_API, t.LOG_GROUP, t.ROOT_STACK]) {
            assert.strictEqual(settingsOf(type, wireProps({})), undefined, type);
        }
    });
});
