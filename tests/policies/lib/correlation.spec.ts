import * as assert from "assert";
import { dependencyUrns, stageSettings } from "../../../policies/lib/correlation";
import * as t from "../../../policies/lib/types";
import { fixture } from "../fixtures";
import { stackResources, UNKNOWN, withProp } from "../harness";
import type { StackResourceSpec } from "../harness";

/** Each classic stage with the names of its MethodSettings and whether one more might be its. */
function correlate(specs: StackResourceSpec[]) {
    return stageSettings(stackResources(specs)).map((s) => [s.stage.name, s.settings.map((r) => r.name), s.maybe]);
}

const stage = (
    name: string,
    props: Record<string, unknown> = fixture(t.REST_STAGE),
    deps?: Record<string, string[]>,
) => ({
    type: t.REST_STAGE,
    name,
    props,
    deps,
});
const ms = (
    name: string,
    props: Record<string, unknown> = fixture(t.METHOD_SETTINGS),
    deps?: Record<string, string[]>,
) => ({
    type: t.METHOD_SETTINGS,
    name,
    props,
    deps,
});
const api = (name: string) => ({ type: t.REST_API, name, props: { name } });
const unknownKeys = () => withProp(withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN), "stageName", UNKNOWN);
const unknownApi = () => withProp(fixture(t.REST_STAGE), "restApi", UNKNOWN);

describe("policies/lib/correlation", () => {
    it("lists the URNs a property depends on", () => {
        const [a, b] = stackResources([api("a"), ms("m", {}, { restApi: ["a"] })]);
        assert.deepStrictEqual(dependencyUrns(b, "restApi"), [a.urn]);
        assert.deepStrictEqual(dependencyUrns(b, "stageName"), []);
    });

    it("matches by known restApi id and stage name", () => {
        assert.deepStrictEqual(
            correlate([
                stage("s"),
                stage("beta", withProp(fixture(t.REST_STAGE), "stageName", "beta")),
                ms("m"),
                ms("other-api", withProp(fixture(t.METHOD_SETTINGS), "restApi", "zzz")),
            ]),
            [
                ["s", ["m"], false],
                ["beta", [], false],
            ],
        );
    });

    it("matches by a stageName dependency on the stage, whatever is unknown", () => {
        assert.deepStrictEqual(correlate([stage("s", unknownApi()), ms("m", unknownKeys(), { stageName: ["s"] })]), [
            ["s", ["m"], false],
        ]);
    });

    it("matches by a shared RestApi dependency and the same known stage name", () => {
        const specs = [
            api("a"),
            stage("s", unknownApi(), { restApi: ["a"] }),
            ms("m", withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN), { restApi: ["a"] }),
        ];
        assert.deepStrictEqual(correlate(specs), [["s", ["m"], false]]);
    });

    it("never lets a MethodSettings that depends on another API, or another stage, make a stage uncertain", () => {
        const specs = [
            api("a"),
            api("b"),
            stage("a-stage", unknownApi(), { restApi: ["a"] }),
            stage("b-stage", withProp(unknownApi(), "stageName", "beta"), { restApi: ["b"] }),
            ms("of-b", unknownKeys(), { restApi: ["b"] }),
            ms("of-b-stage", unknownKeys(), { stageName: ["b-stage"] }),
        ];
        assert.deepStrictEqual(correlate(specs), [
            ["a-stage", [], false],
            ["b-stage", ["of-b-stage"], true],
        ]);
    });

    it("says might when a MethodSettings with unknown keys depends on nothing that rules it out", () => {
        assert.deepStrictEqual(correlate([stage("s"), ms("loose", unknownKeys())]), [["s", [], true]]);
        // A different known stage name rules it out even with an unknown restApi.
        const named = withProp(withProp(fixture(t.METHOD_SETTINGS), "restApi", UNKNOWN), "stageName", "beta");
        assert.deepStrictEqual(correlate([stage("s"), ms("beta", named)]), [["s", [], false]]);
    });

    it("says might for a known-key MethodSettings when the stage's own keys are unknown", () => {
        assert.deepStrictEqual(correlate([api("a"), stage("s", unknownApi(), { restApi: ["a"] }), ms("m")]), [
            ["s", [], true],
        ]);
    });
});
