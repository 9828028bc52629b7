import * as assert from "assert";
import * as path from "path";
import { fromStruct, PolicyPackHost, toStruct, UNKNOWN, UNKNOWN_SENTINEL } from "../../tools/lib/policyPackHost";

const ECHO_PACK = path.join(__dirname, "..", "fixtures", "packs", "echo-pack");
const urn = (name: string) => `urn:pulumi:prod::demo::test:index:Thing::${name}`;

describe("tools/lib/policyPackHost", function () {
    this.timeout(60000);
    let host: PolicyPackHost;

    before(async () => {
        host = await PolicyPackHost.serve(ECHO_PACK);
    });
    after(async () => host.close());

    it("serves the pack through run-policy-pack and reads its info", async () => {
        const info = await host.getAnalyzerInfo();
        assert.strictEqual(info.name, "echo-pack");
        assert.strictEqual(info.version, "1.2.3");
        assert.deepStrictEqual(
            info.policies.map((p) => [p.name, p.type, p.enforcementLevel]),
            [
                ["echo-resource", "resource", "advisory"],
                ["echo-stack", "stack", "mandatory"],
            ],
        );
        assert.deepStrictEqual(info.policies[0].configSchema?.properties, {
            prefix: { type: "string", default: ">" },
        });
        assert.ok(host.startMs > 0);
    });

    it("passes config, stack tags and properties, and maps unknowns to the SDK's preview advisory", async () => {
        await host.configure({
            "echo-resource": { enforcementLevel: "mandatory", properties: { prefix: "#" } },
            "echo-stack": { enforcementLevel: "mandatory", properties: {} },
        });
        await host.configureStack({
            stack: "prod",
            project: "demo",
            organization: "org",
            dryRun: true,
            tags: { team: "platform" },
        });

        const known = await host.analyze({
            type: "test:index:Thing",
            name: "a",
            urn: urn("a"),
            properties: { message: "hi" },
        });
        assert.deepStrictEqual(
            known.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message]),
            [
                [
                    "echo-resource",
                    "mandatory",
                    "Reports the resource's `message` property and the stack tag `team`.\n# hi team=platform",
                ],
            ],
        );

        const unknown = await host.analyze({
            type: "test:index:Thing",
            name: "b",
            urn: urn("b"),
            properties: { message: UNKNOWN_SENTINEL },
        });
        assert.strictEqual(unknown.diagnostics.length, 1);
        assert.strictEqual(unknown.diagnostics[0].enforcementLevel, "advisory");
        assert.match(
            unknown.diagnostics[0].message,
            /^can't run policy 'echo-resource' from policy pack 'echo-pack@v1.2.3' during preview/,
        );
    });

    // The SDK prefixes every message with the policy's description, as the CLI shows it.
    const STACK_DESC = "Reports each resource's parent, dependencies and property dependencies.\n";

    it("sends parents, dependencies and property dependencies to stack policies", async () => {
        const result = await host.analyzeStack([
            { type: "test:index:Thing", name: "a", urn: urn("a"), properties: {} },
            {
                type: "test:index:Thing",
                name: "b",
                urn: urn("b"),
                properties: { ref: UNKNOWN_SENTINEL },
                parent: urn("a"),
                dependencies: [urn("a")],
                propertyDependencies: { ref: [urn("a")] },
            },
        ]);
        assert.deepStrictEqual(
            result.diagnostics.map((d) => [d.urn, d.message]),
            [
                [urn("a"), `${STACK_DESC}a parent=- deps= props=`],
                [urn("b"), `${STACK_DESC}b parent=a deps=a props=ref<-a`],
            ],
        );
    });

    it("fails with the pack's own error when it cannot start", async () => {
        await assert.rejects(PolicyPackHost.serve(path.join(__dirname, "..", "fixtures")), /has no package\.json/);
    });

    describe("toStruct / fromStruct", () => {
        it("writes UNKNOWN as the engine's sentinel, drops undefined members and nulls undefined items", () => {
            const struct = toStruct({
                id: UNKNOWN,
                nested: { arn: UNKNOWN, keep: 1, drop: undefined },
                list: [UNKNOWN, undefined, "x"],
            });
            assert.deepStrictEqual(struct.toJavaScript(), {
                id: UNKNOWN_SENTINEL,
                nested: { arn: UNKNOWN_SENTINEL, keep: 1 },
                list: [UNKNOWN_SENTINEL, null, "x"],
            });
        });

        it("reads the sentinel back as UNKNOWN at any depth", () => {
            const back = fromStruct(toStruct({ a: UNKNOWN_SENTINEL, b: { c: [UNKNOWN_SENTINEL, true] }, d: "known" }));
            assert.deepStrictEqual(back, { a: UNKNOWN, b: { c: [UNKNOWN, true] }, d: "known" });
            assert.deepStrictEqual(fromStruct(undefined), {});
        });
    });
});
