import * as assert from "assert";
import type { PlanDiagnostic } from "../../tools/lib/analyze";
import type { RecordedResource } from "../../tools/lib/mockRuntime";
import { countByType, formatMs, PlanResult, problems, renderText, treeRows } from "../../tools/lib/render";
import { UNKNOWN_OUTPUT } from "../../tools/lib/runProgram";

const STACK = "urn:pulumi:prod::demo::pulumi:pulumi:Stack::demo-prod";
const API = "urn:pulumi:prod::demo::demo:index:Api::orders";

function resource(type: string, name: string, urn: string, parent?: string): RecordedResource {
    return {
        type,
        name,
        urn,
        parent,
        custom: !type.startsWith("demo:") && type !== "pulumi:pulumi:Stack",
        inputs: {},
        wireInputs: {},
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        retainOnDelete: false,
        state: {},
    };
}

const RESOURCES: RecordedResource[] = [
    resource("pulumi:pulumi:Stack", "demo-prod", STACK),
    resource("demo:index:Api", "orders", API, STACK),
    resource("aws:apigateway/restApi:RestApi", "orders-api", `${API}$aws:apigateway/restApi:RestApi::orders-api`, API),
    resource("aws:apigateway/stage:Stage", "orders-stage", `${API}$aws:apigateway/stage:Stage::orders-stage`, API),
    resource("aws:sns/topic:Topic", "alarms", "urn:pulumi:prod::demo::aws:sns/topic:Topic::alarms", STACK),
];

function diagnostic(
    level: PlanDiagnostic["enforcementLevel"],
    policyName: string,
    r: RecordedResource,
    message: string,
) {
    return {
        policyName,
        policyPackName: "guardrails",
        policyPackVersion: "1.0.0",
        description: "",
        message,
        enforcementLevel: level,
        urn: r.urn,
        severity: "high",
        packSource: "local: policies",
        resourceType: r.type,
        resourceName: r.name,
        phase: "analyze",
    } satisfies PlanDiagnostic;
}

const PLAN: PlanResult = {
    project: "demo",
    stack: "prod",
    configFile: "/tmp/Pulumi.prod.yaml",
    tags: {},
    warnings: ["config demo:stageNme is neither declared in Pulumi.yaml nor read by the program (a typo?)"],
    resources: RESOURCES,
    outputs: { url: UNKNOWN_OUTPUT, topic: "alarms" },
    messages: [
        { severity: "warning", message: "orders: DEBUG logging", urn: API },
        { severity: "info", message: "deploying orders" },
        { severity: "debug", message: "not shown" },
    ],
    packs: [
        {
            name: "guardrails",
            version: "1.0.0",
            source: "local: policies",
            policies: [],
            diagnostics: [
                diagnostic("advisory", "xray", RESOURCES[3], "Enable X-Ray."),
                diagnostic("mandatory", "no-debug", RESOURCES[3], "Description.\nNo DEBUG in prod."),
            ],
        },
    ],
    placeholders: ["demo:apiKey"],
    timings: {
        configMs: 12.4,
        programMs: 1510,
        packStartMs: 1540,
        configureMs: 130,
        analyzeMs: 189.6,
        analyzeStackMs: 66,
        totalMs: 1950,
    },
};

describe("tools/lib/render", () => {
    it("orders resources as a tree under their parents, in registration order", () => {
        assert.deepStrictEqual(
            treeRows(RESOURCES).map((r) => `${r.prefix}${r.resource.name}`),
            ["demo-prod", "├─ orders", "│  ├─ orders-api", "│  └─ orders-stage", "└─ alarms"],
        );
    });

    it("counts resources per type, largest first, then by name", () => {
        const more = [...RESOURCES, resource("aws:sns/topic:Topic", "more", "urn:more", STACK)];
        assert.deepStrictEqual(countByType(more), [
            ["aws:sns/topic:Topic", 2],
            ["aws:apigateway/restApi:RestApi", 1],
            ["aws:apigateway/stage:Stage", 1],
            ["demo:index:Api", 1],
            ["pulumi:pulumi:Stack", 1],
        ]);
    });

    it("formats durations in milliseconds below a second and in seconds above", () => {
        assert.deepStrictEqual([formatMs(12.4), formatMs(999.4), formatMs(1950)], ["12ms", "999ms", "1.95s"]);
    });

    it("prints the tree, the program's messages, the outputs, the verdicts per pack and level, the summary and the timings", () => {
        const stageUrn = RESOURCES[3].urn;
        assert.strictEqual(
            renderText(PLAN),
            [
                "Previewing update (prod), offline: mock runtime, no cloud",
                "",
                "     Type                                  Name          Plan",
                " +   pulumi:pulumi:Stack                   demo-prod     create",
                " +   ├─ demo:index:Api                     orders        create",
                " +   │  ├─ aws:apigateway/restApi:RestApi  orders-api    create",
                " +   │  └─ aws:apigateway/stage:Stage      orders-stage  create",
                " +   └─ aws:sns/topic:Topic                alarms        create",
                "",
                "Diagnostics:",
                "  pulumi:pulumi:Stack (demo-prod):",
                "    warning: config demo:stageNme is neither declared in Pulumi.yaml nor read by the program (a typo?)",
                "    deploying orders",
                "  demo:index:Api (orders):",
                "    warning: orders: DEBUG logging",
                "",
                "Outputs:",
                "    url:   output<string>",
                '    topic: "alarms"',
                "",
                "Policies:",
                "    ❌ guardrails@v1.0.0 (local: policies)",
                "        - [mandatory]  no-debug  (aws:apigateway/stage:Stage: orders-stage)",
                `          ${stageUrn}`,
                "          Description.",
                "          No DEBUG in prod.",
                "        - [advisory]  xray  (aws:apigateway/stage:Stage: orders-stage)",
                `          ${stageUrn}`,
                "          Enable X-Ray.",
                "",
                "Resources:",
                "    + 5 to create",
                "",
                "Resources by type:",
                "    aws:apigateway/restApi:RestApi  1",
                "    aws:apigateway/stage:Stage      1",
                "    aws:sns/topic:Topic             1",
                "    demo:index:Api                  1",
                "    pulumi:pulumi:Stack             1",
                "",
                "Secrets: demo:apiKey cannot be decrypted offline; the program saw a placeholder instead.",
                "",
                "Duration: 1.95s (config 12ms, program 1.51s, pack start 1.54s in parallel, configure 130ms, " +
                    "analyze 190ms, analyze stack 66ms)",
                "",
            ].join("\n"),
        );
    });

    it("says when a stack has no stack file", () => {
        assert.match(
            renderText({ ...PLAN, configFile: undefined }),
            /^Previewing update \(prod\), offline: mock runtime, no cloud\n\nThe stack has no stack file; it previews with the defaults of Pulumi\.yaml\.\n\n/,
        );
    });

    it("groups a policy's diagnostics on a component's children under the component's: one problem", () => {
        const onApi = diagnostic(
            "mandatory",
            "no-debug",
            RESOURCES[1],
            "Description.\nexecutionLogging.level is DEBUG.",
        );
        const onStage = diagnostic("mandatory", "no-debug", RESOURCES[3], "Description.\ndataTraceEnabled is true.");
        const other = diagnostic("mandatory", "throttling", RESOURCES[3], "Description.\nNo throttling.");
        const found = problems([onApi, onStage, other], RESOURCES);
        assert.deepStrictEqual(
            found.map((p) => [p.lead.policyName, p.lead.resourceName, p.alsoOn.map((d) => d.resourceName)]),
            [
                ["no-debug", "orders", ["orders-stage"]],
                ["throttling", "orders-stage", []],
            ],
        );
        const text = renderText({ ...PLAN, packs: [{ ...PLAN.packs[0], diagnostics: [onApi, onStage] }] });
        assert.ok(
            text.includes(
                [
                    "        - [mandatory]  no-debug  (demo:index:Api: orders)",
                    `          ${API}`,
                    "          Description.",
                    "          executionLogging.level is DEBUG.",
                    "          the same setting, also reported on aws:apigateway/stage:Stage: orders-stage:",
                    "            Description.",
                    "            dataTraceEnabled is true.",
                    "",
                ].join("\n"),
            ),
            text,
        );
    });

    it("marks a pack with no diagnostics as passing", () => {
        const clean = { ...PLAN, packs: [{ ...PLAN.packs[0], diagnostics: [] }] };
        assert.match(renderText(clean), /\nPolicies:\n {4}✅ guardrails@v1\.0\.0 \(local: policies\)\n\nResources:/);
    });
});
