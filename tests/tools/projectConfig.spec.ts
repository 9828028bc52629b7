import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    PlanInputError,
    PlanInputErrorKind,
    readProject,
    readStackConfig,
    secretPlaceholder,
    unknownKeysWarning,
} from "../../tools/lib/projectConfig";

/** Pulumi.yaml and one stack's config, read as the plan reads them. */
function loadProjectConfig(options: { projectDir: string; stack: string; configFile?: string }) {
    const project = readProject(options.projectDir);
    const stackConfig = readStackConfig(project, options.stack, options.configFile);
    return {
        ...stackConfig,
        project: project.name,
        projectDir: project.dir,
        main: project.main,
        declared: Object.keys(project.declared).sort(),
        stackConfig,
    };
}

const PROJECT_YAML = `name: demo
runtime:
  name: nodejs
  options:
    typescript: true
config:
  stageName:
    type: string
    default: v1
  metricsEnabled:
    type: boolean
    default: true
  retentionInDays:
    type: integer
    default: 14
  alarmEmails:
    type: array
    items:
      type: string
    default: []
  ports:
    type: array
    items:
      type: integer
  apiKey:
    type: string
    secret: true
    default: none
`;

const STACK_YAML = `config:
  aws:region: eu-west-1
  demo:stageName: prod
  demo:retentionInDays: 30
  demo:ports: [80, 443]
  demo:throttling:
    rateLimit: 100
    burstLimit: 200
  demo:methodOverrides:
    - path: /hello
      method: GET
`;

/** A throwaway project directory: Pulumi.yaml, an empty index.ts and the given stack files. */
function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"));
    fs.writeFileSync(path.join(dir, "index.ts"), "");
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

function expectInputError(fn: () => unknown, kind: PlanInputErrorKind, message: string): void {
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof PlanInputError, `expected a PlanInputError, got ${String(err)}`);
        assert.strictEqual(err.message, message);
        assert.strictEqual(err.kind, kind);
        return true;
    });
}

describe("tools/lib/projectConfig", () => {
    it("namespaces the stack's keys, applies Pulumi.yaml defaults and passes objects and arrays as JSON", () => {
        const dir = project({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.prod.yaml": STACK_YAML });
        const loaded = loadProjectConfig({ projectDir: dir, stack: "prod" });

        assert.strictEqual(loaded.project, "demo");
        assert.strictEqual(loaded.projectDir, dir);
        assert.strictEqual(loaded.main, path.join(dir, "index.ts"));
        assert.strictEqual(loaded.stack, "prod");
        assert.strictEqual(loaded.file, path.join(dir, "Pulumi.prod.yaml"));
        assert.deepStrictEqual(loaded.config, {
            "aws:region": "eu-west-1",
            "demo:stageName": "prod",
            "demo:retentionInDays": "30",
            "demo:ports": "[80,443]",
            "demo:throttling": '{"rateLimit":100,"burstLimit":200}',
            "demo:methodOverrides": '[{"path":"/hello","method":"GET"}]',
            "demo:metricsEnabled": "true",
            "demo:alarmEmails": "[]",
            "demo:apiKey": "none",
        });
        assert.deepStrictEqual(loaded.defaulted, ["demo:metricsEnabled", "demo:alarmEmails", "demo:apiKey"]);
        assert.deepStrictEqual(loaded.declared, [
            "demo:alarmEmails",
            "demo:apiKey",
            "demo:metricsEnabled",
            "demo:ports",
            "demo:retentionInDays",
            "demo:stageName",
        ]);
        // A key declared `secret: true` is a secret even when its value is the default.
        assert.deepStrictEqual(loaded.secretKeys, ["demo:apiKey"]);
        assert.deepStrictEqual(loaded.placeholders, []);
    });

    it("replaces secure values, also nested ones, by a marked placeholder and reports them as secrets", () => {
        const dir = project({
            "Pulumi.yaml": PROJECT_YAML,
            "Pulumi.prod.yaml": `config:
  demo:ports: [443]
  demo:apiKey:
    secure: AAABAKmNHvTTqF3VX2kH5l0kQ==
  demo:database:
    user: app
    password:
      secure: AAABAD7gQ9c=
`,
        });
        const loaded = loadProjectConfig({ projectDir: dir, stack: "prod" });

        assert.strictEqual(secretPlaceholder("demo:apiKey"), "[offline plan: secret demo:apiKey cannot be decrypted]");
        assert.strictEqual(loaded.config["demo:apiKey"], "[offline plan: secret demo:apiKey cannot be decrypted]");
        assert.strictEqual(
            loaded.config["demo:database"],
            '{"user":"app","password":"[offline plan: secret demo:database cannot be decrypted]"}',
        );
        assert.deepStrictEqual(loaded.placeholders, ["demo:apiKey", "demo:database"]);
        assert.deepStrictEqual(loaded.secretKeys, ["demo:apiKey", "demo:database"]);
    });

    it("reads --config-file instead of Pulumi.<stack>.yaml", () => {
        const dir = project({
            "Pulumi.yaml": PROJECT_YAML,
            "other.yaml": "config:\n  demo:ports: [8080]\n  demo:stageName: elsewhere\n",
        });
        const loaded = loadProjectConfig({ projectDir: dir, stack: "prod", configFile: path.join(dir, "other.yaml") });

        assert.strictEqual(loaded.file, path.join(dir, "other.yaml"));
        assert.strictEqual(loaded.config["demo:stageName"], "elsewhere");
        assert.strictEqual(loaded.config["demo:ports"], "[8080]");
    });

    it("takes the program from Pulumi.yaml's main", () => {
        const dir = project({ "Pulumi.yaml": "name: demo\nmain: src/app.ts\n", "Pulumi.dev.yaml": "config: {}\n" });
        fs.mkdirSync(path.join(dir, "src"));
        fs.writeFileSync(path.join(dir, "src", "app.ts"), "");

        assert.strictEqual(loadProjectConfig({ projectDir: dir, stack: "dev" }).main, path.join(dir, "src", "app.ts"));
    });

    it("passes provider namespaces through without checking them", () => {
        const dir = project({
            "Pulumi.yaml": "name: demo\n",
            "Pulumi.dev.yaml":
                "config:\n  aws:region: us-west-2\n  aws:defaultTags:\n    tags:\n      team: platform\n",
        });

        assert.deepStrictEqual(loadProjectConfig({ projectDir: dir, stack: "dev" }).config, {
            "aws:region": "us-west-2",
            "aws:defaultTags": '{"tags":{"team":"platform"}}',
        });
    });

    it("applies Pulumi.yaml values for other namespaces, in both the short and the value: form", () => {
        const dir = project({
            "Pulumi.yaml":
                "name: demo\nconfig:\n  aws:region: us-west-2\n  aws:skipMetadataApiCheck:\n    value: true\n",
            "Pulumi.dev.yaml": "config: {}\n",
            "Pulumi.eu.yaml": "config:\n  aws:region: eu-central-1\n",
        });

        assert.deepStrictEqual(loadProjectConfig({ projectDir: dir, stack: "dev" }).config, {
            "aws:region": "us-west-2",
            "aws:skipMetadataApiCheck": "true",
        });
        assert.strictEqual(loadProjectConfig({ projectDir: dir, stack: "eu" }).config["aws:region"], "eu-central-1");
    });

    describe("errors", () => {
        it("reads a stack with no stack file as the CLI does: Pulumi.yaml's defaults, and no file", () => {
            const dir = project({
                "Pulumi.yaml":
                    "name: demo\nruntime: nodejs\nconfig:\n  stageName:\n    type: string\n    default: v1\n",
            });
            const loaded = loadProjectConfig({ projectDir: dir, stack: "staging" });
            assert.strictEqual(loaded.file, undefined);
            assert.deepStrictEqual(loaded.config, { "demo:stageName": "v1" });
            assert.deepStrictEqual(loaded.defaulted, ["demo:stageName"]);
        });

        it("still names a declared key with no default that a stack without a stack file lacks", () => {
            const dir = project({ "Pulumi.yaml": PROJECT_YAML });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "staging" }),
                "invalid",
                "stack staging is missing config demo:ports: Pulumi.yaml declares it with no default; set it in Pulumi.staging.yaml",
            );
        });

        it("names the missing --config-file", () => {
            const dir = project({ "Pulumi.yaml": PROJECT_YAML });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "dev", configFile: path.join(dir, "nope.yaml") }),
                "missing-file",
                `stack file ${path.join(dir, "nope.yaml")} does not exist`,
            );
        });

        it("names the missing Pulumi.yaml", () => {
            const dir = project({});
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "dev" }),
                "missing-file",
                `project file ${path.join(dir, "Pulumi.yaml")} does not exist`,
            );
        });

        it("gives the line and column of malformed YAML in the stack file", () => {
            const dir = project({
                "Pulumi.yaml": PROJECT_YAML,
                "Pulumi.prod.yaml": "config:\n  demo:throttling: {rateLimit: 100\n  demo:stageName: prod\n",
            });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                "malformed-yaml",
                `stack file ${path.join(dir, "Pulumi.prod.yaml")} is not valid YAML at line 3, column 3: ` +
                    "Flow map in block collection must be sufficiently indented and end with a }",
            );
        });

        it("rejects a key set twice, as YAML does", () => {
            const dir = project({
                "Pulumi.yaml": PROJECT_YAML,
                "Pulumi.prod.yaml": "config:\n  demo:stageName: a\n  demo:stageName: b\n",
            });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                "malformed-yaml",
                `stack file ${path.join(dir, "Pulumi.prod.yaml")} is not valid YAML at line 3, column 3: Map keys must be unique`,
            );
        });

        it("gives the line and column of malformed YAML in Pulumi.yaml", () => {
            const dir = project({ "Pulumi.yaml": "name: demo\nconfig:\n\tstageName: v1\n" });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                "malformed-yaml",
                `project file ${path.join(dir, "Pulumi.yaml")} is not valid YAML at line 3, column 1: Tabs are not allowed as indentation`,
            );
        });

        const typeCases: [string, string, string][] = [
            ["demo:retentionInDays: thirty", "demo:retentionInDays", 'must be an integer, got string "thirty"'],
            ["demo:retentionInDays: 7.5", "demo:retentionInDays", "must be an integer, got number 7.5"],
            [
                "demo:metricsEnabled: yes-please",
                "demo:metricsEnabled",
                'must be a boolean (true or false), got string "yes-please"',
            ],
            ["demo:stageName: {a: 1}", "demo:stageName", "must be a string, got an object"],
            [
                "demo:alarmEmails: ops@example.com",
                "demo:alarmEmails",
                'must be an array of string, got string "ops@example.com"',
            ],
            ["demo:ports: [80, http]", "demo:ports", 'item 1 must be an integer, got string "http"'],
        ];
        for (const [line, key, problem] of typeCases) {
            it(`rejects ${line} with the type Pulumi.yaml declares`, () => {
                const dir = project({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.prod.yaml": `config:\n  ${line}\n` });
                expectInputError(
                    () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                    "type-mismatch",
                    `stack file ${path.join(dir, "Pulumi.prod.yaml")}: config ${key} ${problem}`,
                );
            });
        }

        it("accepts the strings pulumi config set writes for integers and booleans", () => {
            const dir = project({
                "Pulumi.yaml": PROJECT_YAML,
                "Pulumi.prod.yaml":
                    'config:\n  demo:retentionInDays: "30"\n  demo:metricsEnabled: "false"\n  demo:ports: []\n',
            });
            const loaded = loadProjectConfig({ projectDir: dir, stack: "prod" });
            assert.strictEqual(loaded.config["demo:retentionInDays"], "30");
            assert.strictEqual(loaded.config["demo:metricsEnabled"], "false");
        });

        it("rejects a declared key with no default that the stack does not set", () => {
            const dir = project({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.prod.yaml": "config: {}\n" });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                "invalid",
                `stack prod is missing config demo:ports: Pulumi.yaml declares it with no default; set it in ${path.join(dir, "Pulumi.prod.yaml")}`,
            );
        });

        it("rejects a plain value for a key Pulumi.yaml declares secret", () => {
            const dir = project({
                "Pulumi.yaml": PROJECT_YAML,
                "Pulumi.prod.yaml": "config:\n  demo:ports: []\n  demo:apiKey: plain-text\n",
            });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                "type-mismatch",
                `stack file ${path.join(dir, "Pulumi.prod.yaml")}: config demo:apiKey is declared secret in Pulumi.yaml, ` +
                    "so its value must be encrypted (pulumi config set --secret apiKey)",
            );
        });

        it("rejects a type on a key of another namespace, as the CLI does", () => {
            const dir = project({
                "Pulumi.yaml": "name: demo\nconfig:\n  aws:region:\n    type: string\n    default: us-east-1\n",
                "Pulumi.dev.yaml": "config: {}\n",
            });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "dev" }),
                "invalid",
                `${path.join(dir, "Pulumi.yaml")}: config aws:region is not namespaced by the project and should not define a type`,
            );
        });

        it("rejects a key without a namespace", () => {
            const dir = project({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.prod.yaml": "config:\n  stageName: v2\n" });
            expectInputError(
                () => loadProjectConfig({ projectDir: dir, stack: "prod" }),
                "invalid",
                `stack file ${path.join(dir, "Pulumi.prod.yaml")}: config key "stageName" must be <namespace>:<name>, for example demo:stageName`,
            );
        });

        it("warns of a project key that is neither declared nor read, listing the declared and the read keys", () => {
            const dir = project({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.prod.yaml": STACK_YAML });
            const { stackConfig } = loadProjectConfig({ projectDir: dir, stack: "prod" });
            const read = new Set(["demo:stageName", "demo:throttling", "demo:database", "aws:region"]);
            assert.strictEqual(
                unknownKeysWarning(stackConfig, read),
                `config demo:methodOverrides in ${path.join(dir, "Pulumi.prod.yaml")} is neither declared in ` +
                    "Pulumi.yaml nor read by the program (a typo?); Pulumi.yaml declares stageName, metricsEnabled, " +
                    "retentionInDays, alarmEmails, ports, apiKey and the program also reads database, throttling",
            );
            // Once the program reads it, the object-valued key is legitimate.
            assert.strictEqual(unknownKeysWarning(stackConfig, new Set([...read, "demo:methodOverrides"])), undefined);
        });
    });
});
