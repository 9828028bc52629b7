/**
 * Whole lifecycles through the real engine and the stand-in provider: up, a preview that expects no changes, and
 * destroy, on the shipped dev and prod stacks; and the stand-in's Diff as the engine acts on it.
 */
import * as assert from "assert";
import * as path from "path";
import { engine, events, freshState, plan, Run } from "./harness";

const REPLACEMENTS = "tests/engine/fixtures/replacements";

/** `op name` for every resourcePreEvent of an event log, sorted. */
function steps(eventLog: string): string[] {
    return events(eventLog, "resourcePreEvent")
        .map((e) => `${e.metadata.op} ${e.metadata.urn.split("::").pop()}`)
        .sort();
}

function ok(run: Run): void {
    assert.strictEqual(run.code, 0, `exit ${run.code}\n${run.stderr}\n${run.stdout.slice(-3000)}`);
}

describe("lifecycles through the real engine", function () {
    const expected: Record<string, { retained: string[] }> = {
        dev: { retained: [] },
        // Production keeps its log groups (protectLogs: the REST, HTTP and WebSocket APIs') and the account's
        // CloudWatch role (one owner per region).
        prod: {
            retained: [
                "api-access-logs",
                "api-account",
                "api-cloudwatch-policy",
                "api-cloudwatch-role",
                "api-execution-logs",
                "http-access-logs",
                "websocket-access-logs",
                "websocket-execution-logs",
            ],
        },
    };

    for (const stack of Object.keys(expected)) {
        describe(`the ${stack} stack`, () => {
            const state = freshState(`lifecycle-${stack}`);
            const log = (step: string) => path.join(state, `${step}.jsonl`);
            let up: Run;
            let again: Run;
            let destroy: Run;
            let planned: string[];

            before(() => {
                const pack = ["--policy-pack", "policies"];
                up = engine(
                    state,
                    "up",
                    "--yes",
                    "--stack",
                    stack,
                    ...pack,
                    "--non-interactive",
                    "--event-log",
                    log("up"),
                );
                again = engine(
                    state,
                    "preview",
                    "--expect-no-changes",
                    "--stack",
                    stack,
                    ...pack,
                    "--non-interactive",
                    "--event-log",
                    log("preview"),
                );
                destroy = engine(
                    state,
                    "destroy",
                    "--yes",
                    "--stack",
                    stack,
                    "--non-interactive",
                    "--event-log",
                    log("destroy"),
                );
                planned = plan("--stack", stack)
                    .json!.resources.map((r) => r.name)
                    .sort();
            });

            it("up creates every resource the offline plan lists, with realistic outputs", () => {
                ok(up);
                const created = steps(log("up")).filter((s) => s.startsWith("create "));
                assert.deepStrictEqual(
                    created.map((s) => s.slice("create ".length)).filter((n) => n !== "default_7_48_0"),
                    planned,
                );
                assert.match(up.stdout, new RegExp(`^    \\+ ${planned.length} created$`, "m"));
                assert.match(
                    up.stdout,
                    new RegExp(
                        `^    url +: "https://[0-9a-f]{10}\\.execute-api\\.eu-west-1\\.amazonaws\\.com/${stack}"$`,
                        "m",
                    ),
                );
            });

            it("a second preview proposes no change (no perpetual diff) and exits 0 with --expect-no-changes", () => {
                ok(again);
                const proposed = steps(log("preview")).filter((s) => !s.startsWith("same "));
                assert.deepStrictEqual(proposed, []);
                assert.match(again.stdout, new RegExp(`^    ${planned.length} unchanged$`, "m"));
            });

            it("destroy deletes everything and reports the retained resources as retained", () => {
                ok(destroy);
                const deletes = events(log("destroy"), "resourcePreEvent").filter((e) => e.metadata.op === "delete");
                const retained = deletes
                    .filter((e) => e.metadata.old.retainOnDelete === true)
                    .map((e) => e.metadata.urn.split("::").pop());
                assert.deepStrictEqual(retained.sort(), expected[stack].retained);
                for (const name of expected[stack].retained) {
                    assert.match(destroy.stdout, new RegExp(`^ -  \\S+ ${name} delete\\[retain\\] $`, "m"));
                }
                assert.match(destroy.stdout, new RegExp(`^    - ${planned.length} deleted$`, "m"));
            });
        });
    }

    describe("the stand-in provider's Diff, as the engine applies it", () => {
        const state = freshState("replacements");
        let preview: string[];
        let update: Run;
        let afterUpdate: Run;
        const updateLog = path.join(state, "update.jsonl");

        before(() => {
            const at = (file: string) => [
                "-C",
                REPLACEMENTS,
                "--stack",
                "dev",
                "--config-file",
                `${REPLACEMENTS}/${file}`,
            ];
            ok(engine(state, "up", "--yes", "--non-interactive", ...at("before.yaml")));
            const previewLog = path.join(state, "preview.jsonl");
            ok(engine(state, "preview", "--non-interactive", "--event-log", previewLog, ...at("after.yaml")));
            preview = steps(previewLog);
            update = engine(state, "up", "--yes", "--non-interactive", "--event-log", updateLog, ...at("after.yaml"));
            afterUpdate = engine(state, "preview", "--expect-no-changes", "--non-interactive", ...at("after.yaml"));
        });

        it("replaces a Deployment whose triggers and a LogGroup whose name changed, and updates the rest in place", () => {
            assert.deepStrictEqual(preview, [
                "create-replacement orders-deployment",
                "create-replacement renamed-logs",
                "delete-replaced orders-deployment",
                "delete-replaced renamed-logs",
                "replace orders-deployment",
                "replace renamed-logs",
                "same default_7_48_0",
                "same replacements-dev",
                "update kept-logs",
                "update orders",
            ]);
        });

        it("gives the replacement a new id and leaves nothing to change afterwards", () => {
            ok(update);
            assert.match(update.stdout, /^    ~ 2 updated$/m);
            assert.match(update.stdout, /^    \+-2 replaced$/m);
            const replaced = events(updateLog, "resOutputsEvent").filter((e) => e.metadata.op === "create-replacement");
            assert.deepStrictEqual(replaced.map((e) => e.metadata.urn.split("::").pop()).sort(), [
                "orders-deployment",
                "renamed-logs",
            ]);
            for (const e of replaced) {
                assert.notStrictEqual(e.metadata.new.id, e.metadata.old.id);
            }
            const logs = replaced.find((e) => e.metadata.urn.endsWith("::renamed-logs"));
            assert.strictEqual(
                logs.metadata.new.outputs.arn,
                "arn:aws:logs:eu-west-1:123456789012:log-group:/orders/v2",
            );
            ok(afterUpdate);
        });
    });
});
