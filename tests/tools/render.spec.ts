import * as assert from "assert";
import type { PlanDiagnostic } from "../../tools/lib/analyze";
import type { RecordedResource } from "../../tools/lib/mockRuntime";
import { countByType, formatMs, PlanResult, renderText, treeRows } from "../../tools/lib/render";

const STACK = "urn:pulumi:prod::demo::pulumi:pulumi:Stack::demo-prod";
const API = "urn:pulumi:prod::demo::pulumi:pulumi:Stack$demo:index:Api::orders";

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
    resources: RESOURCES,
    outputs: { url: undefined, topic: "alarms" },
    messages: [
        { severity: "warning", message: "orders: DEBUG logging" },
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

    it("marks a pack with no diagnostics as passing", () => {
        const clean = { ...PLAN, packs: [{ ...PLAN.packs[0], diagnostics: [] }] };
        assert.match(renderText(clean), /\nPolicies:\n {4}✅ guardrails@v1\.0\.0 \(local: policies\)\n\nResources:/);
    });
});
