/**
 * Read a Pulumi project and one of its stacks the way `pulumi config` and `pulumi preview` do, without the CLI:
 * `Pulumi.yaml` (name, main, config schema with defaults) and `Pulumi.<stack>.yaml` (namespaced values).
 *
 * What the program then receives is what the CLI passes in `PULUMI_CONFIG`: full keys (`observable-api:stageName`,
 * `aws:region`) to strings, with objects and arrays as JSON. A `secure:` value cannot be decrypted offline, so it
 * becomes a marked placeholder and its key is reported as a secret.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** What kind of input failed, so that callers and tests can tell the cases apart without parsing messages. */
export type PlanInputErrorKind = "missing-file" | "malformed-yaml" | "type-mismatch" | "unknown-key" | "invalid";

/** Every failure here is the user's input: the plan exits with 2 and prints the message as one line. */
export class PlanInputError extends Error {
    constructor(
        message: string,
        readonly kind: PlanInputErrorKind = "invalid",
    ) {
        super(message);
        this.name = "PlanInputError";
    }
}

/**
 * Pulumi.yaml's config types (`simpleConfigType` in the CLI's project schema; `object` since CLI 3.187). There is
 * no number type: a fractional value goes untyped, or inside an object.
 */
export type ConfigType = "string" | "integer" | "boolean" | "array" | "object";

export interface ConfigDeclaration {
    type: ConfigType;
    /** Item type for `array`. */
    items?: ConfigType;
    default?: unknown;
    description?: string;
    secret?: boolean;
}

export interface ProjectFile {
    dir: string;
    name: string;
    /** Absolute path of the program to load. */
    main: string;
    /** Declared keys, by full key (`observable-api:stageName`, `aws:region`). */
    declared: Record<string, ConfigDeclaration>;
}

export interface StackConfig {
    project: ProjectFile;
    stack: string;
    /** The stack file that was read; undefined when the stack has none (the CLI then uses Pulumi.yaml's defaults). */
    file?: string;
    /** Full key to the string the program sees (objects and arrays as JSON). */
    config: Record<string, string>;
    /** Keys whose values are secrets (all `secure:` values and keys declared `secret: true`). */
    secretKeys: string[];
    /** Keys whose `secure:` value was replaced by a placeholder. */
    placeholders: string[];
    /** Keys set from a Pulumi.yaml default rather than the stack file. */
    defaulted: string[];
    /**
     * Stack tags from `pulumi:tags` (Pulumi.yaml's value, then the stack file's), which the CLI applies as stack
     * tags on every update.
     */
    tags: Record<string, string>;
}

/** The value a `secure:` setting gets offline; a program that prints or compares it shows it is not real. */
export function secretPlaceholder(key: string): string {
    return `[offline plan: secret ${key} cannot be decrypted]`;
}

const TYPES: ConfigType[] = ["string", "integer", "boolean", "array", "object"];

function describe(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "an array";
    }
    if (typeof value === "object") {
        return "an object";
    }
    return `${typeof value} ${JSON.stringify(value)}`;
}

function rel(file: string): string {
    const r = path.relative(process.cwd(), file);
    return r && !r.startsWith("..") ? r : file;
}

/** Parse a YAML file into a plain object, failing with one line that names the file and the first error. */
export function readYamlFile(file: string, what: string): unknown {
    if (!fs.existsSync(file)) {
        throw new PlanInputError(`${what} ${rel(file)} does not exist`, "missing-file");
    }
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
        const err = doc.errors[0];
        const at = err.linePos ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}` : "";
        const reason = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        throw new PlanInputError(`${what} ${rel(file)} is not valid YAML${at}: ${reason}`, "malformed-yaml");
    }
    return doc.toJS();
}

function fullKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function parseDeclaration(file: string, key: string, raw: unknown, projectKey: boolean): ConfigDeclaration {
    // Shorthand `key: value` declares a default and infers the type from it.
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        const type: ConfigType = Array.isArray(raw)
            ? "array"
            : typeof raw === "boolean"
              ? "boolean"
              : typeof raw === "number" && Number.isInteger(raw)
                ? "integer"
                : "string";
        return { type, default: raw ?? undefined };
    }
    const decl = raw as Record<string, unknown>;
    // Keys of other namespaces (`aws:region`) only carry a value; their provider owns the type.
    if (!projectKey && decl.type !== undefined) {
        throw new PlanInputError(
            `${rel(file)}: config ${key} is not namespaced by the project and should not define a type`,
        );
    }
    // `value` is the long form of the shorthand; for a project key it acts like `default`.
    const fallback = decl.default !== undefined ? decl.default : decl.value;
    const type = decl.type ?? (fallback !== undefined ? inferType(fallback) : "string");
    if (!TYPES.includes(type as ConfigType)) {
        throw new PlanInputError(
            `${rel(file)}: config ${key} has type ${JSON.stringify(type)}; Pulumi.yaml allows ${TYPES.join(", ")}`,
        );
    }
    let items: ConfigType | undefined;
    if (type === "array") {
        const itemType = (decl.items as Record<string, unknown> | undefined)?.type;
        if (itemType === undefined) {
            throw new PlanInputError(`${rel(file)}: config ${key} is an array and needs items.type`);
        }
        if (!TYPES.includes(itemType as ConfigType) || itemType === "array") {
            throw new PlanInputError(
                `${rel(file)}: config ${key} has items.type ${JSON.stringify(itemType)}; allowed: string, integer, boolean`,
            );
        }
        items = itemType as ConfigType;
    }
    const declaration: ConfigDeclaration = {
        type: type as ConfigType,
        items,
        default: fallback,
        description: typeof decl.description === "string" ? decl.description : undefined,
        secret: decl.secret === true,
    };
    if (declaration.default !== undefined) {
        const problem = typeProblem(declaration, declaration.default);
        if (problem) {
            throw new PlanInputError(`${rel(file)}: the default of config ${key} ${problem}`, "type-mismatch");
        }
    }
    return declaration;
}

function inferType(value: unknown): ConfigType {
    if (Array.isArray(value)) {
        return "array";
    }
    if (value !== null && typeof value === "object") {
        return "object";
    }
    if (typeof value === "boolean") {
        return "boolean";
    }
    return typeof value === "number" && Number.isInteger(value) ? "integer" : "string";
}

function scalarProblem(type: ConfigType, value: unknown): string | undefined {
    switch (type) {
        case "string":
            return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
                ? undefined
                : `must be a string, got ${describe(value)}`;
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) ||
                (typeof value === "string" && /^-?\d+$/.test(value))
                ? undefined
                : `must be an integer, got ${describe(value)}`;
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false"
                ? undefined
                : `must be a boolean (true or false), got ${describe(value)}`;
        case "object":
            return value !== null && typeof value === "object" && !Array.isArray(value)
                ? undefined
                : `must be an object, got ${describe(value)}`;
        default:
            return `must be a ${type}, got ${describe(value)}`;
    }
}

/** Why `value` does not fit the declaration, or undefined when it does. */
export function typeProblem(decl: ConfigDeclaration, value: unknown): string | undefined {
    if (decl.type !== "array") {
        return scalarProblem(decl.type, value);
    }
    if (!Array.isArray(value)) {
        return `must be an array of ${decl.items}, got ${describe(value)}`;
    }
    for (let i = 0; i < value.length; i++) {
        const problem = scalarProblem(decl.items ?? "string", value[i]);
        if (problem) {
            return `item ${i} ${problem}`;
        }
    }
    return undefined;
}

/** Read `Pulumi.yaml` in `dir`. */
export function readProject(dir: string): ProjectFile {
    const file = path.join(dir, "Pulumi.yaml");
    const raw = readYamlFile(file, "project file");
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new PlanInputError(`project file ${rel(file)} must be a YAML mapping`);
    }
    const doc = raw as Record<string, unknown>;
    if (typeof doc.name !== "string" || doc.name === "") {
        throw new PlanInputError(`project file ${rel(file)} has no name`);
    }
    const name = doc.name;
    const configBlock = doc.config ?? {};
    if (configBlock === null || typeof configBlock !== "object" || Array.isArray(configBlock)) {
        throw new PlanInputError(`project file ${rel(file)}: config must be a mapping of keys to declarations`);
    }
    const declared: Record<string, ConfigDeclaration> = {};
    for (const [key, value] of Object.entries(configBlock)) {
        const full = fullKey(name, key);
        declared[full] = parseDeclaration(file, key, value, full.startsWith(`${name}:`));
    }
    return { dir, name, main: resolveMain(dir, doc.main), declared };
}

/** The program the CLI would run: Pulumi.yaml `main`, else package.json `main`, else index.ts / index.js. */
function resolveMain(dir: string, main: unknown): string {
    const candidates: string[] = [];
    if (typeof main === "string") {
        candidates.push(path.resolve(dir, main));
    } else {
        const pkgFile = path.join(dir, "package.json");
        if (fs.existsSync(pkgFile)) {
            const pkgMain = JSON.parse(fs.readFileSync(pkgFile, "utf8")).main;
            if (typeof pkgMain === "string") {
                candidates.push(path.resolve(dir, pkgMain));
            }
        }
        candidates.push(path.join(dir, "index.ts"), path.join(dir, "index.js"));
    }
    for (const candidate of candidates) {
        for (const file of [candidate, `${candidate}.ts`, `${candidate}.js`, path.join(candidate, "index.ts")]) {
            if (fs.existsSync(file) && fs.statSync(file).isFile()) {
                return file;
            }
        }
    }
    throw new PlanInputError(`no program in ${rel(dir)}: looked for ${candidates.map(rel).join(", ")}`);
}

function isSecure(value: unknown): value is { secure: string } {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as Record<string, unknown>).secure === "string"
    );
}

/** Replace every `{secure: ...}` inside a value by the placeholder; report whether any was found. */
function replaceSecure(key: string, value: unknown, found: { any: boolean }): unknown {
    if (isSecure(value)) {
        found.any = true;
        return secretPlaceholder(key);
    }
    if (Array.isArray(value)) {
        return value.map((v) => replaceSecure(key, v, found));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecure(key, v, found)]));
    }
    return value;
}

/** The string the CLI hands the program for a YAML value. */
function toConfigString(value: unknown): string {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return JSON.stringify(value);
}

/**
 * Read the stack's config: `Pulumi.<stack>.yaml` next to Pulumi.yaml, or `configFile`. Applies the Pulumi.yaml
 * defaults and checks every declared key's type. Unknown project keys are checked after the program ran, see
 * {@link unknownProjectKeys}.
 */
export function readStackConfig(project: ProjectFile, stack: string, configFile?: string): StackConfig {
    const explicit = configFile !== undefined;
    let file: string | undefined = explicit ? path.resolve(configFile) : path.join(project.dir, `Pulumi.${stack}.yaml`);
    // As the CLI: a stack with no stack file previews with Pulumi.yaml's defaults; a --config-file must exist.
    if (!explicit && !fs.existsSync(file)) {
        file = undefined;
    }
    const raw = (file === undefined ? {} : readYamlFile(file, "stack file")) ?? {};
    if (typeof raw !== "object" || Array.isArray(raw)) {
        throw new PlanInputError(`stack file ${rel(file ?? "")} must be a YAML mapping`);
    }
    const where = file === undefined ? `Pulumi.${stack}.yaml` : rel(file);
    const block = (raw as Record<string, unknown>).config ?? {};
    if (block === null || typeof block !== "object" || Array.isArray(block)) {
        throw new PlanInputError(`stack file ${where}: config must be a mapping of namespaced keys to values`);
    }
    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const placeholders: string[] = [];
    const defaulted: string[] = [];
    for (const [key, value] of Object.entries(block)) {
        const parts = key.split(":");
        if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
            throw new PlanInputError(
                `stack file ${where}: config key ${JSON.stringify(key)} must be <namespace>:<name>, for example ${project.name}:${key}`,
            );
        }
        const found = { any: false };
        const plain = replaceSecure(key, value, found);
        if (found.any) {
            secretKeys.add(key);
            placeholders.push(key);
        }
        const decl = project.declared[key];
        if (decl) {
            // A placeholder stands in for a value we cannot see; its type cannot be checked offline.
            const problem = found.any ? undefined : typeProblem(decl, value);
            if (problem) {
                throw new PlanInputError(`stack file ${where}: config ${key} ${problem}`, "type-mismatch");
            }
            if (decl.secret) {
                // As the CLI: a key Pulumi.yaml declares secret must be stored encrypted in the stack file.
                if (!found.any) {
                    throw new PlanInputError(
                        `stack file ${where}: config ${key} is declared secret in Pulumi.yaml, so its value must be ` +
                            `encrypted (pulumi config set --secret ${key.startsWith(`${project.name}:`) ? key.slice(project.name.length + 1) : key})`,
                        "type-mismatch",
                    );
                }
                secretKeys.add(key);
            }
        }
        config[key] = toConfigString(plain);
    }
    for (const [key, decl] of Object.entries(project.declared)) {
        if (key in config) {
            continue;
        }
        if (decl.default === undefined) {
            if (key.startsWith(`${project.name}:`)) {
                throw new PlanInputError(
                    `stack ${stack} is missing config ${key}: Pulumi.yaml declares it with no default; set it in ${where}`,
                );
            }
            continue;
        }
        config[key] = toConfigString(decl.default);
        defaulted.push(key);
        if (decl.secret) {
            secretKeys.add(key);
        }
    }
    const tags = tagsFrom(project, config, where);
    return { project, stack, file, config, secretKeys: [...secretKeys].sort(), placeholders, defaulted, tags };
}

/**
 * Project-namespace keys set in the stack file that Pulumi.yaml does not declare and the program never read.
 * Provider namespaces (`aws:` and the like) belong to providers and are not checked.
 */
export function unknownProjectKeys(stackConfig: StackConfig, readKeys: ReadonlySet<string>): string[] {
    const prefix = `${stackConfig.project.name}:`;
    return Object.keys(stackConfig.config)
        .filter((k) => k.startsWith(prefix) && !(k in stackConfig.project.declared) && !readKeys.has(k))
        .sort();
}

/**
 * A warning for project keys the stack file sets that Pulumi.yaml does not declare and the program never read: the
 * CLI accepts them silently (it validates only declared keys), but such a key is usually a typo. The message lists
 * the declared keys, then the other keys the program read (settings Pulumi.yaml leaves undeclared), as bare names.
 */
export function unknownKeysWarning(stackConfig: StackConfig, readKeys: ReadonlySet<string>): string | undefined {
    const unknown = unknownProjectKeys(stackConfig, readKeys);
    if (unknown.length === 0) {
        return undefined;
    }
    const prefix = `${stackConfig.project.name}:`;
    const bare = (keys: string[]) => keys.map((k) => k.slice(prefix.length)).join(", ");
    const declared = Object.keys(stackConfig.project.declared).filter((k) => k.startsWith(prefix));
    const read = [...readKeys].filter((k) => k.startsWith(prefix) && !declared.includes(k)).sort();
    return (
        `config ${unknown.join(", ")} in ${rel(stackConfig.file ?? "")} is neither declared in Pulumi.yaml nor read by ` +
        `the program (a typo?); Pulumi.yaml declares ${bare(declared) || "no keys"} and the program also reads ` +
        `${bare(read) || "no other keys"}`
    );
}

/**
 * Stack tags from `pulumi:tags`: the CLI applies this config key (an object of strings, from Pulumi.yaml's value and
 * the stack file) as stack tags on every update.
 */
function tagsFrom(project: ProjectFile, config: Record<string, string>, where: string): Record<string, string> {
    const tags: Record<string, string> = {};
    const add = (value: unknown) => {
        if (value === undefined) {
            return;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            throw new PlanInputError(`${where}: pulumi:tags must be an object of strings`, "type-mismatch");
        }
        for (const [k, v] of Object.entries(value)) {
            if (typeof v !== "string") {
                throw new PlanInputError(`${where}: pulumi:tags[${k}] must be a string`, "type-mismatch");
            }
            tags[k] = v;
        }
    };
    // Pulumi.yaml's tags, then the stack file's: each adds to the tags already set.
    add(project.declared["pulumi:tags"]?.default);
    const raw = config["pulumi:tags"];
    if (raw !== undefined) {
        let value: unknown = raw;
        try {
            value = JSON.parse(raw);
        } catch {
            // not JSON: reported as not an object below
        }
        add(value);
    }
    return tags;
}
