/**
 * `pulumi preview --policy-pack` through the real engine: the shipped program on its stacks, and every preview the
 * offline plan's specs make, compared verdict by verdict with `npm run plan -- --json`.
 */
import * as assert from "assert";
import { events, freshState } from "./harness";
import { asEngineWould, KNOWN_DIFFERENCES } from "./knownDifferences";
import { OWNER_SECRET, PREVIEW_RUNS, PreviewRun, previewBoth, reencryptedSecureFixture, RunResult } from "./runs";

const PACK = "api-gateway-guardrails";
const DEBUG_POLICY = "apigateway-no-debug-logging-in-production";

describe("previews through the real engine", function () {
    const results = new Map<string, RunResult>();
    const runs: PreviewRun[] = [...PREVIEW_RUNS];
    const SECURE = "dev-secure.yaml under the dev stack (its secret encrypted for this stack)";

    before(async function () {
        const state = freshState("previews");
        runs.push({ title: SECURE, stack: "dev", configFile: await reencryptedSecureFixture(state) });
        for (const [i, run] of runs.entries()) {
            results.set(run.title, await previewBoth(run, state, i));
        }
    });

    describe("the shipped program", () => {
        for (const stack of ["dev", "prod"]) {
            it(`previews the ${stack} stack with the pack loaded: exit 0, no violation`, () => {
                const r = results.get(`the shipped program, ${stack} stack`)!;
                assert.strictEqual(r.engine.code, 0, r.engine.stderr + r.engine.stdout.slice(-2000));
                assert.deepStrictEqual(r.engineVerdicts, []);
                assert.match(r.engine.stdout, new RegExp(`^    ✅ ${PACK}@v0\\.1\\.0 \\(local: `, "m"));
                // The pack analyzed every resource the engine registered, the component included.
                const analyzed = events(r.eventLog, "policyAnalyzeSummaryEvent").filter(
                    (e) => e.policyPackName === PACK,
                );
                const registered = events(r.eventLog, "resourcePreEvent").map((e) => e.metadata.urn);
                assert.deepStrictEqual(
                    [...new Set(analyzed.map((e) => e.resourceUrn))].sort(),
                    [...new Set(registered)].sort(),
                );
                assert.ok(registered.some((urn) => urn.endsWith("::observable-api:index:ObservableRestApi::api")));
                assert.strictEqual(events(r.eventLog, "policyAnalyzeStackSummaryEvent").length, 1);
            });
        }
    });

    describe("DEBUG in production", () => {
        it("is blocked on the component's URN as well as on both MethodSettings, and the preview exits 1", () => {
            const r = results.get("prod-debug.yaml under the prod stack")!;
            const urn = "urn:pulumi:prod::observable-api::observable-api:index:ObservableRestApi";
            assert.deepStrictEqual(r.engineVerdicts, [
                `mandatory ${DEBUG_POLICY} ${urn}$aws:apigateway/methodSettings:MethodSettings::api-method-settings`,
                `mandatory ${DEBUG_POLICY} ${urn}$aws:apigateway/methodSettings:MethodSettings::api-override-hello-get`,
                `mandatory ${DEBUG_POLICY} ${urn}::api`,
                `mandatory ${DEBUG_POLICY} ${urn}::api`,
            ]);
            const messages = events(r.eventLog, "policyEvent")
                .filter((e) => e.resourceUrn === `${urn}::api`)
                .map((e) => e.message.split("\n")[1])
                .sort();
            assert.deepStrictEqual(messages, [
                'executionLogging.level must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" (DEBUG logs full request and response data).',
                'methodOverrides[0].loggingLevel for GET /hello must be OFF, ERROR or INFO in production stack "prod", got "DEBUG" (DEBUG logs full request and response data).',
            ]);
            // The real CLI's exit code for a mandatory violation (v3.274.1 maps the bail error to 1; its
            // ExitPolicyViolation = 5 is declared but not wired yet), equal to the offline plan's.
            assert.strictEqual(r.engine.code, 1);
            assert.strictEqual(r.plan.code, 1);
            assert.match(r.engine.stdout, /^    error: preview failed$/m);
        });

        it("is blocked under the dev stack too, on the component and on its children, which the component's environment Production makes production", () => {
            const dev = results.get("prod-debug.yaml under the dev stack")!;
            const urn = "urn:pulumi:dev::observable-api::observable-api:index:ObservableRestApi";
            assert.strictEqual(dev.engine.code, 1);
            // The children are production because the engine sends each resource's parent with its Analyze call.
            assert.deepStrictEqual(dev.engineVerdicts, [
                `mandatory ${DEBUG_POLICY} ${urn}$aws:apigateway/methodSettings:MethodSettings::api-method-settings`,
                `mandatory ${DEBUG_POLICY} ${urn}$aws:apigateway/methodSettings:MethodSettings::api-override-hello-get`,
                `mandatory ${DEBUG_POLICY} ${urn}::api`,
                `mandatory ${DEBUG_POLICY} ${urn}::api`,
            ]);
        });

        it("is blocked on a Staging API under a stack tagged environment=production (pulumi stack tag set)", () => {
            const tagged = results.get(
                "tagged-production.yaml (a Staging API) under a staging stack tagged environment=production",
            )!;
            assert.strictEqual(tagged.engine.code, 1);
            // The fixture also turns alarms off, which a production stack refuses too.
            assert.deepStrictEqual([...new Set(tagged.engineVerdicts.map((v) => v.split(" ")[1]))].sort(), [
                "apigateway-alarms-required",
                DEBUG_POLICY,
            ]);
        });
    });

    describe("the secret in dev-secure.yaml", () => {
        it("is decrypted by the engine and reaches the program as the secret it is", () => {
            const r = results.get(SECURE)!;
            assert.strictEqual(r.engine.code, 0, r.engine.stdout.slice(-2000));
            const logGroup = events(r.eventLog, "resourcePreEvent").find((e) =>
                e.metadata.urn.endsWith("::api-access-logs"),
            );
            // The event log masks secrets as the CLI's display does.
            assert.strictEqual(logGroup.metadata.new.inputs.tags.owner, "[secret]");
            assert.notStrictEqual(OWNER_SECRET, "[secret]");
            assert.deepStrictEqual(r.plan.json!.diagnostics, []);
        });
    });

    describe("real engine and offline plan agree", () => {
        const agreed: string[] = [];
        const applied = new Set<string>();

        for (const title of [...PREVIEW_RUNS.map((r) => r.title), SECURE]) {
            it(`agrees on ${title}`, () => {
                const r = results.get(title)!;
                assert.ok(r.plan.json, `the offline plan printed no JSON: ${r.plan.stderr}`);
                const mapped = asEngineWould(r.planVerdicts);
                assert.deepStrictEqual(r.engineVerdicts, mapped.verdicts, `engine:\n${r.engine.stdout.slice(-3000)}`);
                assert.strictEqual(r.engine.code, r.plan.code, "exit codes");
                mapped.applied.forEach((id) => applied.add(id));
                agreed.push(title);
            });
        }

        it("N of N runs agree", function () {
            const n = PREVIEW_RUNS.length + 1;
            const known = [...applied].map((id) => `known difference ${id}`).join(", ");
            this.test!.title = `${agreed.length} of ${n} runs agree${known ? ` (after the ${known})` : ""}`;
            assert.strictEqual(agreed.length, n);
        });

        it("every recorded known difference still occurs", () => {
            assert.deepStrictEqual(
                KNOWN_DIFFERENCES.map((d) => d.id).filter((id) => !applied.has(id)),
                [],
                "a recorded difference no longer occurs: remove it from knownDifferences.ts and the README",
            );
        });
    });
});
