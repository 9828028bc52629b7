/**
 * API Gateway resources that a CloudFormation template or a Cloud Control request creates, in the aws-native shape
 * the rest of the pack already judges, so every existing check runs on them unchanged.
 *
 * Pure: no I/O, nothing registered, nothing thrown. The YAML parser is loaded on the first template that needs it,
 * so a pack that never sees a template never pays for it.
 */
import type * as YamlModule from "yaml";
import * as t from "./types";
import { Findings, isUndecided, UNKNOWN, UnknownValueError, Unresolvable } from "./unknowns";

type Unknown = typeof UNKNOWN;
/** A value that cannot be decided: unknown during preview, or one only CloudFormation computes. */
type Undecided = Unknown | Unresolvable;

// Resources that carry a template or a Cloud Control request. Matched as strings, like every other type.
/** `templateBody` (JSON or YAML string), `templateUrl`, `parameters` (a map of strings). */
export const CFN_STACK = "aws:cloudformation/stack:Stack";
/** `templateBody`, `templateUrl`, `parameters`; its instances (`StackSetInstance`) may override the parameters. */
export const CFN_STACK_SET = "aws:cloudformation/stackSet:StackSet";
/**
 * One stack of a StackSet: `stackSetName` names the StackSet, `parameterOverrides` (a map of strings) replaces some
 * of its parameters for this stack, `stackSetInstanceRegion` (or the deprecated `region`) and `accountId` say where
 * it is deployed (@pulumi/aws 7.48.0, cloudformation/stackSetInstance.d.ts). Its template is its StackSet's, so it is
 * read only with that StackSet (`TemplateOptions.stackSet`).
 */
export const CFN_STACK_SET_INSTANCE = "aws:cloudformation/stackSetInstance:StackSetInstance";
/**
 * A Serverless Application Repository application deployed as a stack: `applicationId`, `semanticVersion` and
 * `parameters` (@pulumi/aws 7.48.0, serverlessrepository/cloudFormationStack.d.ts). Its SAM template is published in
 * the repository with the application's code (AWS Serverless Application Repository API: "Along with the code, you
 * upload a simple manifest file, also known as the AWS SAM template"), so the pack never sees it.
 */
export const SAR_APPLICATION = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack";
/** aws-native's stack: `templateBody` is typed Any, so it may be an object as well as a string. */
export const NATIVE_CFN_STACK = "aws-native:cloudformation:Stack";
/** aws-native's stack set: `parameters` is a list of `{parameterKey, parameterValue}`, overridden per instance group. */
export const NATIVE_CFN_STACK_SET = "aws-native:cloudformation:StackSet";
/** `typeName` plus `desiredState`, a JSON string of the resource's CloudFormation properties. */
export const CLOUDCONTROL_RESOURCE = "aws:cloudcontrol/resource:Resource";
/**
 * aws-native's Cloud Control resource for any registry type: `type` plus `properties`, an object sent to Cloud Control
 * "exact as provided", in CloudFormation casing (pulumi/pulumi-aws-native sdk/nodejs/extensionResource.ts). aws-native
 * has no `aws-native:cloudcontrol:*` module; this is its only generic Cloud Control resource.
 */
export const NATIVE_EXTENSION_RESOURCE = "aws-native:index:ExtensionResource";

/** Every type whose template or Cloud Control request the pack reads. */
export const TEMPLATE_CARRIER_TYPES: readonly string[] = [
    CFN_STACK,
    CFN_STACK_SET,
    CFN_STACK_SET_INSTANCE,
    SAR_APPLICATION,
    NATIVE_CFN_STACK,
    NATIVE_CFN_STACK_SET,
    CLOUDCONTROL_RESOURCE,
    NATIVE_EXTENSION_RESOURCE,
];

/** aws-native's CloudWatch alarm, the shape a template's `AWS::CloudWatch::Alarm` converts to. */
export const NATIVE_ALARM = "aws-native:cloudwatch:Alarm";

/** One resource a template or Cloud Control request creates. */
export interface EmbeddedResource {
    /** The logical id inside the template; undefined for a Cloud Control request, which is the resource itself. */
    readonly logicalId: string | undefined;
    /** The CloudFormation type as written (`AWS::Serverless::Api`, `AWS::ApiGateway::Stage`, …). */
    readonly cfnType: string;
    /** The aws-native token whose shape `props` has (`aws-native:apigateway:Stage`, …). */
    readonly type: string;
    /**
     * The properties in that shape: keys camelCased (user-keyed maps such as route keys, tags and variables kept as
     * written), intrinsics resolved, and `UNKNOWN` wherever a value cannot be known. Where an unresolvable condition
     * chooses between values that differ, the value is `UNKNOWN`; where they agree, it is that value.
     */
    readonly props: Record<string, unknown>;
    /** For messages: the stack resource's property and the logical id, e.g. `templateBody Resources.Prod (AWS::ApiGateway::Stage)`. */
    readonly location: string;
    /**
     * Where the properties are written, for the values in them that only CloudFormation can compute (each an
     * `Unresolvable` located below it): `templateBody Resources.Prod.Properties`, `templateBody Globals.Api`.
     */
    readonly propertiesLocation: string;
    /** `UNKNOWN` when the resource's own `Condition` cannot be resolved, so it may not be created at all. */
    readonly exists: true | Unknown;
    /**
     * The properties in each world of the unresolved conditions the resource depends on (`props` undefined where
     * the resource is not created). One entry, equal to `props`, when nothing depends on an unresolved condition.
     */
    readonly variants: readonly Variant[];
    /** The unresolved conditions the variants enumerate. */
    readonly unresolvedConditions: readonly UnresolvedCondition[];
}

/** A condition (or another test of existence) that the pack cannot decide. */
export interface UnresolvedCondition {
    /** For messages: `templateBody Conditions.IsProd`. */
    readonly location: string;
    /** What only CloudFormation can compute in it (`Fn::Equals over AWS::AccountId`); undefined when it is only unknown during preview. */
    readonly unresolvable?: string;
}

export interface Variant {
    /** The condition values of this world, for messages ("IsProd is true"); "" when there is one world. */
    readonly when: string;
    readonly props: Record<string, unknown> | undefined;
}

/** Something the pack cannot read, so a policy must report "cannot verify" rather than pass. */
export interface CannotVerify {
    /** The stack resource's property (and logical id), as in `EmbeddedResource.location`. */
    readonly location: string;
    readonly reason: string;
}

export interface TemplateContents {
    readonly resources: readonly EmbeddedResource[];
    readonly cannotVerify: readonly CannotVerify[];
}

export interface TemplateOptions {
    /** For a StackSetInstance: its StackSet, whose template the instance deploys with its own parameters. */
    readonly stackSet?: StackSetOfInstance;
    /** For a StackSetInstance: its resource name, for messages. */
    readonly instanceName?: string;
}

/** The StackSet a StackSetInstance belongs to, as the caller found it. */
export interface StackSetOfInstance {
    /** `aws:cloudformation/stackSet:StackSet` or `aws-native:cloudformation:StackSet`. */
    readonly type: string;
    readonly props: unknown;
    /** How messages name it: its StackSet name. */
    readonly name: string;
}

/** Whether `templateContentsOf` reads this type. */
export function isTemplateCarrier(type: string): boolean {
    return TEMPLATE_CARRIER_TYPES.includes(type);
}

// ---------------------------------------------------------------------------------------------------------------
// Names.

/**
 * The SDK's name for a CloudFormation property name, as aws-native derives it (provider/pkg/naming/naming.go,
 * ToSdkName): acronym runs are lowered but for their first letter, then the first letter is lowered.
 * `DataTraceEnabled` -> `dataTraceEnabled`, `OKActions` -> `okActions`, `RoleARN` -> `roleArn`.
 */
export function sdkName(name: string): string {
    const lowered = lowerAcronyms(name);
    return lowered === "" ? lowered : lowered[0].toLowerCase() + lowered.slice(1);
}

function lowerAcronyms(name: string): string {
    const run = /[A-Z]{2,}/.exec(name);
    if (run === null) {
        return name;
    }
    let end = run.index + run[0].length;
    const rest = name.slice(end);
    // The run's last capital starts the next word, unless the run ends the name or is a plural ("ARNs").
    if (rest !== "" && !/^s(?![a-z])/.test(rest)) {
        end -= 1;
    }
    const start = run.index + 1;
    return name.slice(0, start) + name.slice(start, end).toLowerCase() + lowerAcronyms(name.slice(end));
}

// ---------------------------------------------------------------------------------------------------------------
// Judging resources whose values depend on conditions.

/**
 * Runs `judge` on every variant of a resource and combines the verdicts: a violation only when every world where
 * the resource exists violates (a message not common to all worlds says in which it holds); "cannot verify" the
 * unresolved conditions when some worlds violate or cannot be judged and others pass; a pass when every world passes.
 */
export function judgeVariants(
    resource: EmbeddedResource,
    judge: (props: Record<string, unknown>) => Findings,
): Findings {
    const verdicts = resource.variants.map((v) => (v.props === undefined ? new Findings() : judge(v.props)));
    if (verdicts.length === 1) {
        return verdicts[0];
    }
    const out = new Findings();
    if (verdicts.every((f) => f.violations.length > 0)) {
        verdicts.forEach((f, i) => {
            for (const message of f.violations) {
                const common = verdicts.every((g) => g.violations.includes(message));
                const text = common ? message : `${message} (when ${resource.variants[i].when})`;
                if (!out.violations.includes(text)) {
                    out.violation(text);
                }
            }
        });
        return out;
    }
    if (verdicts.some((f) => f.violations.length > 0)) {
        for (const c of resource.unresolvedConditions) {
            if (c.unresolvable === undefined) {
                out.unknown(c.location);
            } else {
                out.cannotRead(`${c.location} (${c.unresolvable}, which the pack cannot resolve)`);
            }
        }
    }
    for (const f of verdicts) {
        f.unknownPaths.forEach((p) => out.unknown(p));
        f.unreadable.forEach((p) => out.cannotRead(p));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the carriers.

/**
 * The resources a template-carrying or Cloud Control resource creates, and what cannot be read; undefined when
 * `type` carries no template. Never throws: a template that cannot be read yields a `cannotVerify` entry.
 */
export function templateContentsOf(
    type: string,
    props: unknown,
    options: TemplateOptions = {},
): TemplateContents | undefined {
    if (!isTemplateCarrier(type)) {
        return undefined;
    }
    const out: Collected = { resources: [], cannotVerify: [] };
    try {
        readCarrier(type, props, options, {}, out);
    } catch (e) {
        // A bug here must not crash the pack or pass silently: the resource gets the advisory instead.
        const reason = e instanceof TooComplex ? e.message : `it could not be read (${String(e)})`;
        out.cannotVerify.push({ location: carrierProperty(type), reason });
    }
    return out;
}

interface Collected {
    resources: EmbeddedResource[];
    cannotVerify: CannotVerify[];
}

function carrierProperty(type: string): string {
    switch (type) {
        case CLOUDCONTROL_RESOURCE:
            return "desiredState";
        case NATIVE_EXTENSION_RESOURCE:
            return "properties";
        case SAR_APPLICATION:
            return "applicationId";
        default:
            return "templateBody";
    }
}

/** The reason for a value that is only unknown during preview: the update knows it and checks it. */
export const UNKNOWN_REASON = "its value is unknown during preview";

/** Why a value only CloudFormation computes cannot be read, for a `CannotVerify` reason. */
function unresolvableReason(value: Unresolvable): string {
    return `it is ${value.describe}, which the pack cannot resolve`;
}

/** The reason for an undecided value: only unknown during preview, or never resolvable by the pack. */
function undecidedReason(value: Undecided): string {
    return value === UNKNOWN ? UNKNOWN_REASON : unresolvableReason(value);
}

/** Parameter values by name; undecided when the whole map is. */
type ParameterValues = Readonly<Record<string, unknown>> | Undecided;

interface Source {
    /** The property the template came from, as messages name it. */
    readonly location: string;
    readonly body: unknown;
    readonly url: unknown;
    readonly urlLocation: string;
    readonly parameters: ParameterValues;
    /** `AWS::StackName`, `AWS::Region` and `AWS::AccountId` where they are known, undecided otherwise. */
    readonly stackName: unknown;
    readonly region: unknown;
    readonly accountId: unknown;
}

/** What a StackSetInstance changes in its StackSet's template: parameters, Region and account, and how messages name it. */
interface Deployment {
    readonly overrides?: ParameterValues;
    readonly region?: unknown;
    readonly accountId?: unknown;
    readonly location?: string;
}

/**
 * The pseudo parameters only CloudFormation knows for a stack set's stacks and for a stack that does not say them:
 * each instance of a stack set has its own account, Region and generated stack name.
 */
const ACCOUNT_ID = new Unresolvable("AWS::AccountId", "Ref AWS::AccountId");
const REGION = new Unresolvable("AWS::Region", "Ref AWS::Region");
const STACK_NAME = new Unresolvable("AWS::StackName", "Ref AWS::StackName");

function readCarrier(type: string, props: unknown, options: TemplateOptions, deployment: Deployment, out: Collected) {
    const region = deployment.region ?? stringOr(get(props, "region"), REGION);
    const accountId = deployment.accountId ?? ACCOUNT_ID;
    const location = deployment.location ?? "templateBody";
    const urlLocation = deployment.location === undefined ? "templateUrl" : `${deployment.location} templateUrl`;
    switch (type) {
        case CFN_STACK:
        case CFN_STACK_SET:
        case NATIVE_CFN_STACK: {
            const parameters = overridden(stringMap(get(props, "parameters")), deployment.overrides);
            // A stack set's stacks are named by CloudFormation per instance, and are deployed in the instances'
            // Regions, not the stack set's.
            const stackSet = type === CFN_STACK_SET;
            readSource(
                {
                    location,
                    body: snapshot(get(props, "templateBody")),
                    url: get(props, "templateUrl"),
                    urlLocation,
                    parameters,
                    stackName: stackSet
                        ? STACK_NAME
                        : stringOr(get(props, type === CFN_STACK ? "name" : "stackName"), STACK_NAME),
                    region: stackSet ? (deployment.region ?? REGION) : region,
                    accountId,
                },
                0,
                out,
            );
            return;
        }
        case NATIVE_CFN_STACK_SET: {
            const base = keyValueList(get(props, "parameters"), "parameterKey", "parameterValue");
            // A StackSetInstance is one more instance: its own overrides, not the instance groups'.
            const sets: { label: string; parameters: ParameterValues }[] =
                deployment.overrides === undefined
                    ? parameterSets(base, get(props, "stackInstancesGroup"))
                    : [{ label: "", parameters: overridden(base, deployment.overrides) }];
            for (const set of sets) {
                readSource(
                    {
                        location: set.label === "" ? location : `${location} (with ${set.label})`,
                        body: snapshot(get(props, "templateBody")),
                        url: get(props, "templateUrl"),
                        urlLocation,
                        parameters: set.parameters,
                        stackName: STACK_NAME,
                        region: deployment.region ?? REGION,
                        accountId,
                    },
                    0,
                    out,
                );
            }
            return;
        }
        case CFN_STACK_SET_INSTANCE: {
            const stackSet = options.stackSet;
            if (stackSet === undefined) {
                // Its template is its StackSet's, which the caller looks up (policies/lib/embedded.ts).
                return;
            }
            const instance =
                options.instanceName === undefined
                    ? "this StackSetInstance"
                    : `StackSetInstance "${options.instanceName}"`;
            // "Defaults to current region" and "Defaults to current account" (stackSetInstance.d.ts): the provider's,
            // which the pack does not know.
            const instanceRegion = get(props, "stackSetInstanceRegion") ?? get(props, "region");
            readCarrier(
                stackSet.type,
                stackSet.props,
                {},
                {
                    overrides: stringMap(get(props, "parameterOverrides")),
                    region: stringOr(instanceRegion, REGION),
                    accountId: stringOr(get(props, "accountId"), ACCOUNT_ID),
                    location: `StackSet "${stackSet.name}" templateBody (as ${instance} deploys it)`,
                },
                out,
            );
            return;
        }
        case SAR_APPLICATION:
            out.cannotVerify.push({
                location: "applicationId",
                reason:
                    "the application's template is published in the Serverless Application Repository, which the " +
                    "pack cannot read",
            });
            return;
        case CLOUDCONTROL_RESOURCE: {
            const typeName = get(props, "typeName");
            const state = get(props, "desiredState");
            if (typeName === UNKNOWN) {
                out.cannotVerify.push({ location: "typeName", reason: UNKNOWN_REASON });
                return;
            }
            if (typeof typeName !== "string" || !readsType(typeName)) {
                return;
            }
            if (state === UNKNOWN) {
                out.cannotVerify.push({ location: "desiredState", reason: UNKNOWN_REASON });
                return;
            }
            let parsed: unknown;
            try {
                parsed = typeof state === "string" ? JSON.parse(state) : undefined;
            } catch {
                parsed = undefined;
            }
            if (!isPlainObject(parsed)) {
                out.cannotVerify.push({ location: "desiredState", reason: "it is not a JSON object" });
                return;
            }
            readRequest(typeName, parsed, "desiredState", region, out);
            return;
        }
        case NATIVE_EXTENSION_RESOURCE: {
            const typeName = get(props, "type");
            if (typeName === UNKNOWN) {
                out.cannotVerify.push({ location: "type", reason: UNKNOWN_REASON });
                return;
            }
            if (typeof typeName !== "string" || !readsType(typeName)) {
                return;
            }
            const properties = snapshot(get(props, "properties"));
            if (properties === UNKNOWN) {
                out.cannotVerify.push({ location: "properties", reason: UNKNOWN_REASON });
                return;
            }
            readRequest(typeName, isPlainObject(properties) ? properties : {}, "properties", region, out);
            return;
        }
        default:
            return;
    }
}

/** A Cloud Control request: the resource itself, or a stack whose template it carries. Cloud Control runs no intrinsics. */
function readRequest(
    typeName: string,
    state: Record<string, unknown>,
    location: string,
    region: unknown,
    out: Collected,
) {
    if (typeName === "AWS::CloudFormation::Stack" || typeName === "AWS::CloudFormation::StackSet") {
        const stackSet = typeName === "AWS::CloudFormation::StackSet";
        readSource(
            {
                location: `${location}.TemplateBody`,
                body: state.TemplateBody,
                url: state.TemplateURL,
                urlLocation: `${location}.TemplateURL`,
                parameters: stackSet
                    ? keyValueList(state.Parameters, "ParameterKey", "ParameterValue")
                    : stringMap(state.Parameters),
                stackName: stackSet ? STACK_NAME : stringOr(state.StackName, STACK_NAME),
                region: stackSet ? REGION : region,
                accountId: ACCOUNT_ID,
            },
            0,
            out,
        );
        return;
    }
    const shape = SHAPES[typeName];
    const props = shape.convert(state);
    out.resources.push({
        logicalId: undefined,
        cfnType: typeName,
        type: shape.type,
        props,
        location: `${location} (${typeName})`,
        propertiesLocation: location,
        exists: true,
        variants: [{ when: "", props }],
        unresolvedConditions: [],
    });
}

function readsType(typeName: string): boolean {
    return (
        has(SHAPES, typeName) ||
        typeName === "AWS::CloudFormation::Stack" ||
        typeName === "AWS::CloudFormation::StackSet"
    );
}

/** Nested stack sets inside templates are read this deep; deeper ones get the advisory. */
const MAX_NESTING = 3;

function readSource(source: Source, nesting: number, out: Collected): void {
    const { body, url } = source;
    if (isUndecided(body)) {
        out.cannotVerify.push({ location: source.location, reason: undecidedReason(body) });
        return;
    }
    if (body === undefined || body === null || body === "") {
        if (isUndecided(url) || (typeof url === "string" && url !== "")) {
            out.cannotVerify.push({
                location: source.urlLocation,
                reason: "the template is fetched from a URL, which the pack cannot read",
            });
        }
        // Neither a body nor a URL: CloudFormation rejects the request, so nothing is created.
        return;
    }
    if (nesting > MAX_NESTING) {
        out.cannotVerify.push({ location: source.location, reason: "stack sets nest deeper than the pack reads" });
        return;
    }
    const parsed = typeof body === "string" ? parseTemplate(body) : { template: body };
    if ("error" in parsed) {
        out.cannotVerify.push({ location: source.location, reason: parsed.error });
        return;
    }
    if (!isPlainObject(parsed.template)) {
        out.cannotVerify.push({ location: source.location, reason: "it is not a template (a mapping of sections)" });
        return;
    }
    readTemplate(parsed.template, source, nesting, out);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing. CloudFormation follows ECMA-404 for JSON, and YAML 1.1 without the binary, omap, pairs, set and timestamp
// tags, aliases or hash merges (AWS CloudFormation User Guide, "Template formats"). YAML 1.1 matters for security:
// CloudFormation "treats unquoted values that are YAML 1.1 native booleans as booleans" (aws/aws-cli#5257), so
// `DataTraceEnabled: yes` turns data trace on. Aliases and merges are resolved rather than refused: a template
// CloudFormation rejects creates nothing, so reading more of it can only add findings.

let yaml: typeof YamlModule | undefined;
let yamlTags: YamlModule.Tags | undefined;

/** The YAML parser and CloudFormation's short-form tags, loaded on first use. */
function yamlParser(): { lib: typeof YamlModule; tags: YamlModule.Tags } {
    if (yaml === undefined || yamlTags === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const lib = require("yaml") as typeof YamlModule;
        yaml = lib;
        yamlTags = shortFormTags(lib);
    }
    return { lib: yaml, tags: yamlTags };
}

/**
 * Short forms of the intrinsic functions (AWS CloudFormation User Guide, "Intrinsic function reference": `!Ref`,
 * `!Condition`, and `!Base64` … `!Transform` for each `Fn::` function; rule functions too). Each becomes its long
 * form, `{ "Fn::Name": value }`, whatever the value's node kind. `!GetAtt a.b.c` is `["a", "b.c"]`.
 */
function shortFormTags(lib: typeof YamlModule): YamlModule.Tags {
    const names = [
        "Base64",
        "Cidr",
        "FindInMap",
        "GetAtt",
        "GetAZs",
        "ImportValue",
        "Join",
        "Select",
        "Split",
        "Sub",
        "Transform",
        "If",
        "Equals",
        "Not",
        "And",
        "Or",
        "Length",
        "ToJsonString",
        "Contains",
        "EachMemberEquals",
        "EachMemberIn",
        "RefAll",
        "ValueOf",
        "ValueOfAll",
    ];
    const keys: [string, string][] = [
        ["!Ref", "Ref"],
        ["!Condition", "Condition"],
        ...names.map((n): [string, string] => [`!${n}`, `Fn::${n}`]),
    ];
    const wrap = (key: string, node: unknown) => {
        const map = new lib.YAMLMap();
        map.items.push(new lib.Pair(new lib.Scalar(key), node));
        return map;
    };
    const tags: YamlModule.Tags = [];
    for (const [tag, key] of keys) {
        tags.push({
            tag,
            identify: () => false,
            resolve: (text: string) => {
                if (key === "Fn::GetAtt") {
                    const dot = text.indexOf(".");
                    return { [key]: dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)] };
                }
                return { [key]: text };
            },
        });
        tags.push({ tag, collection: "seq", identify: () => false, resolve: (seq) => wrap(key, seq) });
        tags.push({ tag, collection: "map", identify: () => false, resolve: (map) => wrap(key, map) });
    }
    return tags;
}

/** YAML 1.1 tags CloudFormation does not support; a template that uses them does not parse. */
const UNSUPPORTED_YAML_TAGS = ["binary", "omap", "pairs", "set", "timestamp"].map((n) => `tag:yaml.org,2002:${n}`);

type Parsed = { template: unknown } | { error: string };

/**
 * Recently parsed templates by text. Every policy reads the same stack resource, so one Analyze call parses its
 * template once. Parsed values are never modified.
 */
const parsedTemplates = new Map<string, Parsed>();
const PARSED_TEMPLATES_KEPT = 16;

function parseTemplate(text: string): Parsed {
    const cached = parsedTemplates.get(text);
    if (cached !== undefined) {
        return cached;
    }
    const parsed = parseText(text);
    if (parsedTemplates.size >= PARSED_TEMPLATES_KEPT) {
        parsedTemplates.delete(parsedTemplates.keys().next().value as string);
    }
    parsedTemplates.set(text, parsed);
    return parsed;
}

function parseText(text: string): Parsed {
    if (/^\s*\{/.test(text)) {
        try {
            return { template: JSON.parse(text) };
        } catch {
            // Not JSON; YAML's flow style also starts with a brace, so try YAML.
        }
    }
    const { lib, tags } = yamlParser();
    const doc = lib.parseDocument(text, {
        version: "1.1",
        customTags: (base) =>
            base
                // Sexagesimal numbers and timestamps are YAML 1.1 forms CloudFormation does not support.
                .filter(
                    (tag) =>
                        typeof tag === "string" || (!UNSUPPORTED_YAML_TAGS.includes(tag.tag) && tag.format !== "TIME"),
                )
                .concat(tags),
        uniqueKeys: true,
        prettyErrors: true,
    });
    const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === "TAG_RESOLVE_FAILED")];
    if (problems.length > 0) {
        return { error: `it is neither valid JSON nor valid CloudFormation YAML (${describeYamlError(problems[0])})` };
    }
    try {
        return { template: doc.toJS({ maxAliasCount: 100 }) };
    } catch (e) {
        // toJS throws on alias bombs and on merges of non-mappings.
        return { error: `it is neither valid JSON nor valid CloudFormation YAML (${String((e as Error).message)})` };
    }
}

function describeYamlError(error: YamlModule.YAMLError): string {
    const at = error.linePos?.[0];
    return at ? `${error.code} at line ${at.line}, column ${at.col}` : error.code;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluating a template.

/** `Ref: AWS::NoValue`: the property is removed. */
const NO_VALUE: unique symbol = Symbol("AWS::NoValue");

class TooComplex extends Error {
    constructor() {
        super("the template is too large or too deeply nested to evaluate");
    }
}

/** Work limits, so a hostile template (deep nesting, loops over loops) cannot stall the pack. */
const MAX_DEPTH = 64;
const MAX_STEPS = 200_000;

interface Template {
    readonly parameters: Record<string, unknown>;
    readonly mappings: unknown;
    readonly conditions: Record<string, unknown>;
}

interface Scope {
    readonly template: Template;
    readonly source: Source;
    /** Condition values fixed for one variant. */
    readonly assignment: ReadonlyMap<string, boolean>;
    readonly conditionCache: Map<string, boolean | Undecided>;
    readonly visiting: Set<string>;
    /** Every condition looked up while evaluating, so a resource knows which ones it depends on. */
    readonly referenced: Set<string>;
    readonly budget: { steps: number };
}

function newScope(
    template: Template,
    source: Source,
    assignment: ReadonlyMap<string, boolean>,
    budget: { steps: number },
): Scope {
    return {
        template,
        source,
        assignment,
        conditionCache: new Map(),
        visiting: new Set(),
        referenced: new Set(),
        budget,
    };
}

/** Transforms that do not rewrite resources the pack cannot see: SAM, which the pack reads itself, and the language extensions. */
const READ_TRANSFORMS = ["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"];

function readTemplate(raw: Record<string, unknown>, source: Source, nesting: number, out: Collected): void {
    const template: Template = {
        parameters: isPlainObject(raw.Parameters) ? raw.Parameters : {},
        mappings: raw.Mappings,
        conditions: isPlainObject(raw.Conditions) ? raw.Conditions : {},
    };
    const budget = { steps: 0 };
    const base = newScope(template, source, new Map(), budget);
    for (const transform of transformsOf(raw.Transform)) {
        if (transform === UNKNOWN || !READ_TRANSFORMS.includes(transform)) {
            const name = transform === UNKNOWN ? "an unknown macro" : `the macro ${JSON.stringify(transform)}`;
            out.cannotVerify.push({
                location: `${source.location} Transform`,
                reason: `${name} rewrites the template before CloudFormation creates it`,
            });
        }
    }
    if (isUndecided(raw.Resources)) {
        out.cannotVerify.push({ location: `${source.location} Resources`, reason: undecidedReason(raw.Resources) });
        return;
    }
    if (!isPlainObject(raw.Resources)) {
        // CloudFormation rejects a template without resources, so nothing is created.
        return;
    }
    const resources = expandResources(raw.Resources, base, source, out);
    const globals = isUndecided(raw.Globals) ? raw.Globals : isPlainObject(raw.Globals) ? raw.Globals : {};
    const run: TemplateRun = { template, source, globals, nesting, budget, out };
    for (const [logicalId, resource] of Object.entries(resources)) {
        readResource(logicalId, resource, run);
    }
    implicitApis(resources, run);
}

function transformsOf(value: unknown): (string | Unknown)[] {
    if (value === undefined || value === null) {
        return [];
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => {
        if (typeof item === "string") {
            return item;
        }
        // `{Name, Parameters}` is a macro with parameters (AWS::Include among them).
        const name = isPlainObject(item) ? item.Name : undefined;
        return typeof name === "string" ? name : UNKNOWN;
    });
}

/** The Resources section with `Fn::ForEach` loops expanded; a loop the pack cannot expand is reported. */
function expandResources(
    resources: Record<string, unknown>,
    scope: Scope,
    source: Source,
    out: Collected,
): Record<string, unknown> {
    if (has(resources, "Fn::Transform")) {
        out.cannotVerify.push({
            location: `${source.location} Resources`,
            reason: "Fn::Transform inserts resources from a macro before CloudFormation creates them",
        });
    }
    const expanded: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resources)) {
        if (key === "Fn::Transform") {
            continue;
        }
        if (key.startsWith("Fn::ForEach::")) {
            const generated = forEach(value, scope, 0);
            if (isUndecided(generated)) {
                out.cannotVerify.push({
                    location: `${source.location} Resources.${key}`,
                    reason:
                        generated === UNKNOWN
                            ? `${UNKNOWN_REASON}, so the resources it creates are not known`
                            : `its collection is ${generated.describe}, which the pack cannot resolve, so the ` +
                              "resources it creates are not known",
                });
                continue;
            }
            const nested = expandResources(generated, scope, source, out);
            assign(expanded, nested);
            continue;
        }
        put(expanded, key, value);
    }
    return expanded;
}

/**
 * Expands one `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`: every `${Identifier}` and
 * `&{Identifier}` in the keys and values (and every `Ref: Identifier`) becomes each item of the collection, `&{}`
 * without its non-alphanumeric characters (AWS CloudFormation Template Reference, "Fn::ForEach").
 */
function forEach(value: unknown, scope: Scope, depth: number): Record<string, unknown> | Undecided {
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== "string" || !isPlainObject(value[2])) {
        return malformed("Fn::ForEach");
    }
    const [identifier, collection, fragment] = value as [string, unknown, Record<string, unknown>];
    const values = evaluate(collection, scope, depth + 1);
    if (isUndecided(values)) {
        return values;
    }
    if (!Array.isArray(values) || !values.every((i) => typeof i === "string" || typeof i === "number")) {
        return undecidedOver("Fn::ForEach", values);
    }
    const out: Record<string, unknown> = {};
    for (const item of values.map(String)) {
        const replaced = substitute(fragment, identifier, item, scope, depth + 1) as Record<string, unknown>;
        assign(out, replaced);
    }
    return out;
}

function substitute(value: unknown, identifier: string, item: string, scope: Scope, depth: number): unknown {
    step(scope, depth);
    const text = (s: string) =>
        s
            .split(`\${${identifier}}`)
            .join(item)
            .split(`&{${identifier}}`)
            .join(item.replace(/[^A-Za-z0-9]/g, ""));
    if (typeof value === "string") {
        return text(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => substitute(v, identifier, item, scope, depth + 1));
    }
    if (isPlainObject(value)) {
        const keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === "Ref" && value.Ref === identifier) {
            return item;
        }
        const out: Record<string, unknown> = {};
        for (const key of keys) {
            put(out, text(key), substitute(value[key], identifier, item, scope, depth + 1));
        }
        return out;
    }
    return value;
}

function step(scope: Scope, depth: number): void {
    scope.budget.steps += 1;
    if (depth > MAX_DEPTH || scope.budget.steps > MAX_STEPS) {
        throw new TooComplex();
    }
}

/**
 * An intrinsic written so that CloudFormation rejects it (a wrong number of arguments, an index out of range): the
 * pack cannot say what it would be, at preview or at update.
 */
function malformed(fn: string): Unresolvable {
    return new Unresolvable(`${fn} with arguments the pack cannot evaluate`);
}

/**
 * What an intrinsic over undecided arguments gives. What only CloudFormation computes wins over what is only unknown
 * during preview, because the update knows it no better; with neither, the arguments are malformed.
 */
function undecidedOver(fn: string, ...values: unknown[]): Undecided {
    let unknown = false;
    for (const value of values) {
        const found = undecidedIn(value);
        if (found instanceof Unresolvable) {
            return found.via(fn);
        }
        unknown = unknown || found === UNKNOWN;
    }
    return unknown ? UNKNOWN : malformed(fn);
}

/** The first value only CloudFormation computes inside `value`, else `UNKNOWN` if something in it is unknown. */
function undecidedIn(value: unknown, depth = 0): Undecided | undefined {
    if (value instanceof Unresolvable) {
        return value;
    }
    if (value === UNKNOWN || value === NO_VALUE || depth > MAX_DEPTH) {
        return UNKNOWN;
    }
    const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
    let unknown = false;
    for (const child of children) {
        const found = undecidedIn(child, depth + 1);
        if (found instanceof Unresolvable) {
            return found;
        }
        unknown = unknown || found === UNKNOWN;
    }
    return unknown ? UNKNOWN : undefined;
}

/** `{{resolve:ssm:/api/level}}` and its kin: CloudFormation reads the value from SSM or Secrets Manager when it deploys. */
const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/;

function dynamicReference(text: string): Unresolvable | undefined {
    if (!text.includes("{{resolve:")) {
        return undefined;
    }
    const found = DYNAMIC_REFERENCE.exec(text)?.[0] ?? text.slice(text.indexOf("{{resolve:"), 60);
    return new Unresolvable(`the dynamic reference ${found}`);
}

/** Evaluates a template value: intrinsics resolved where they can be, undecided where they cannot. */
function evaluate(value: unknown, scope: Scope, depth: number): unknown {
    step(scope, depth);
    if (isUndecided(value)) {
        return value;
    }
    if (typeof value === "string") {
        // "CloudFormation retrieves the value of the specified reference when necessary during stack and change set
        // operations" (AWS CloudFormation User Guide, "Using dynamic references to specify template values").
        return dynamicReference(value) ?? value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => evaluate(v, scope, depth + 1)).filter((v) => v !== NO_VALUE);
    }
    if (!isPlainObject(value)) {
        return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && isIntrinsicCall(value, keys[0])) {
        return intrinsic(keys[0], value[keys[0]], scope, depth + 1);
    }
    if (keys.includes("Fn::Transform")) {
        return new Unresolvable("Fn::Transform, a macro CloudFormation runs");
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
        if (key.startsWith("Fn::ForEach::")) {
            const items = forEach(value[key], scope, depth + 1);
            if (isUndecided(items)) {
                return items;
            }
            const generated = evaluate(items, scope, depth + 1);
            if (!isPlainObject(generated)) {
                return undecidedOver("Fn::ForEach", generated);
            }
            assign(out, generated);
            continue;
        }
        const v = evaluate(value[key], scope, depth + 1);
        if (v !== NO_VALUE) {
            put(out, key, v);
        }
    }
    return out;
}

function isIntrinsicName(key: string): boolean {
    return key === "Ref" || key === "Condition" || (key.startsWith("Fn::") && !key.startsWith("Fn::ForEach::"));
}

/** `{Condition: name}` is the condition function only with a name; any other value is a property called Condition. */
function isIntrinsicCall(value: Record<string, unknown>, key: string): boolean {
    return isIntrinsicName(key) && (key !== "Condition" || typeof value[key] === "string");
}

/** `Fn::GetAtt Api.RootResourceId`, as messages name an attribute only CloudFormation knows. */
function getAtt(arg: unknown): Unresolvable {
    const parts = Array.isArray(arg) ? arg : typeof arg === "string" ? [arg] : [];
    const named = parts.length > 0 && parts.every((p) => typeof p === "string") ? ` ${parts.join(".")}` : "";
    return new Unresolvable(`Fn::GetAtt${named}`);
}

function intrinsic(name: string, arg: unknown, scope: Scope, depth: number): unknown {
    switch (name) {
        case "Ref": {
            const target = evaluate(arg, scope, depth);
            return typeof target === "string" ? ref(target, scope) : undecidedOver("Ref", target);
        }
        case "Condition":
            return typeof arg === "string" ? conditionValue(arg, scope) : malformed("Condition");
        case "Fn::If": {
            if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== "string") {
                return malformed("Fn::If");
            }
            const condition = conditionValue(arg[0], scope);
            if (condition === true) {
                return evaluate(arg[1], scope, depth);
            }
            if (condition === false) {
                return evaluate(arg[2], scope, depth);
            }
            // Both branches are possible: whatever they agree on is decided, the rest is as undecided as the condition.
            const filler = condition === UNKNOWN ? UNKNOWN : condition.via("Fn::If");
            return join(evaluate(arg[1], scope, depth), evaluate(arg[2], scope, depth), filler);
        }
        case "Fn::Equals": {
            if (!Array.isArray(arg) || arg.length !== 2) {
                return malformed("Fn::Equals");
            }
            const [a, b] = arg.map((v) => evaluate(v, scope, depth));
            if (undecidedIn(a) !== undefined || undecidedIn(b) !== undefined) {
                return undecidedOver("Fn::Equals", a, b);
            }
            return canonical(a) === canonical(b);
        }
        case "Fn::Not": {
            const v = Array.isArray(arg) && arg.length === 1 ? evaluate(arg[0], scope, depth) : undefined;
            return typeof v === "boolean" ? !v : undecidedOver("Fn::Not", v);
        }
        case "Fn::And":
        case "Fn::Or": {
            if (!Array.isArray(arg)) {
                return malformed(name);
            }
            const values = arg.map((v) => evaluate(v, scope, depth));
            const decisive = name === "Fn::And" ? false : true;
            if (values.includes(decisive)) {
                return decisive;
            }
            return values.every((v) => v === !decisive) ? !decisive : undecidedOver(name, ...values);
        }
        case "Fn::Sub":
            return sub(arg, scope, depth);
        case "Fn::Join": {
            if (!Array.isArray(arg) || arg.length !== 2) {
                return malformed("Fn::Join");
            }
            const delimiter = evaluate(arg[0], scope, depth);
            const list = evaluate(arg[1], scope, depth);
            if (typeof delimiter !== "string" || !Array.isArray(list) || !list.every(isText)) {
                return undecidedOver("Fn::Join", delimiter, list);
            }
            return list.map(String).join(delimiter);
        }
        case "Fn::Select": {
            if (!Array.isArray(arg) || arg.length !== 2) {
                return malformed("Fn::Select");
            }
            const at = evaluate(arg[0], scope, depth);
            const index = isText(at) && String(at).trim() !== "" ? Number(at) : NaN;
            const list = evaluate(arg[1], scope, depth);
            if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
                return undecidedOver("Fn::Select", at, list);
            }
            return list[index];
        }
        case "Fn::Split": {
            if (!Array.isArray(arg) || arg.length !== 2) {
                return malformed("Fn::Split");
            }
            const delimiter = evaluate(arg[0], scope, depth);
            const source = evaluate(arg[1], scope, depth);
            return typeof delimiter === "string" && delimiter !== "" && typeof source === "string"
                ? source.split(delimiter)
                : undecidedOver("Fn::Split", delimiter, source);
        }
        case "Fn::FindInMap":
            return findInMap(arg, scope, depth);
        case "Fn::Base64": {
            const v = evaluate(arg, scope, depth);
            return typeof v === "string" ? Buffer.from(v, "utf8").toString("base64") : undecidedOver("Fn::Base64", v);
        }
        case "Fn::Length": {
            const v = evaluate(arg, scope, depth);
            return Array.isArray(v) ? v.length : undecidedOver("Fn::Length", v);
        }
        case "Fn::ToJsonString": {
            const v = evaluate(arg, scope, depth);
            return undecidedIn(v) !== undefined ? undecidedOver("Fn::ToJsonString", v) : JSON.stringify(v);
        }
        case "Fn::GetAtt":
            return getAtt(arg);
        default:
            // Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform and any function the pack does not know: the value
            // exists only once CloudFormation runs.
            return new Unresolvable(name);
    }
}

/** Pseudo parameters whose value the pack can know (AWS CloudFormation User Guide, "Pseudo parameters reference"). */
function ref(name: string, scope: Scope): unknown {
    switch (name) {
        case "AWS::NoValue":
            return NO_VALUE;
        case "AWS::Region":
            return scope.source.region;
        case "AWS::StackName":
            return scope.source.stackName;
        case "AWS::AccountId":
            return scope.source.accountId;
        default:
            break;
    }
    if (name.startsWith("AWS::")) {
        // AWS::Partition, AWS::StackId, AWS::URLSuffix, AWS::NotificationARNs: only CloudFormation knows them.
        return new Unresolvable(name, `Ref ${name}`);
    }
    const declared = has(scope.template.parameters, name) ? scope.template.parameters[name] : undefined;
    if (!isPlainObject(declared)) {
        // A resource's logical id: Ref gives its physical id, which only CloudFormation knows.
        return new Unresolvable(`Ref ${name}`);
    }
    const type = typeof declared.Type === "string" ? declared.Type : "String";
    if (type.startsWith("AWS::SSM::Parameter::Value<")) {
        // The value given is the name of an SSM parameter; CloudFormation reads the value itself ("ResolvedValue: The
        // value that corresponds to a Systems Manager parameter key", AWS CloudFormation API Reference, Parameter).
        const parameter = `${name}, a parameter of type ${type}`;
        return new Unresolvable(parameter, `Ref ${parameter}`);
    }
    const parameters = scope.source.parameters;
    const given = isUndecided(parameters) ? parameters : has(parameters, name) ? parameters[name] : undefined;
    let value: unknown;
    if (isUndecided(given)) {
        value = given;
    } else if (given !== undefined) {
        value = given;
    } else if (declared.Default !== undefined && declared.Default !== null) {
        if (isText(declared.Default) || typeof declared.Default === "boolean") {
            value = String(declared.Default);
        } else {
            const parameter = `${name}, a parameter whose Default is not a string`;
            value = new Unresolvable(parameter, `Ref ${parameter}`);
        }
    } else {
        // CloudFormation rejects the stack; a stack set's instance may still give it (parameterOverrides).
        const parameter = `${name}, a parameter with neither a value nor a Default`;
        value = new Unresolvable(parameter, `Ref ${parameter}`);
    }
    // List parameters are given as comma-delimited strings and referenced as lists (AWS CloudFormation User Guide,
    // "Parameters": CommaDelimitedList and List<...> types).
    if (typeof value === "string" && (type === "CommaDelimitedList" || type.startsWith("List<"))) {
        return value.split(",").map((s) => s.trim());
    }
    return value;
}

function conditionValue(name: string, scope: Scope): boolean | Undecided {
    scope.referenced.add(name);
    const assigned = scope.assignment.get(name);
    if (assigned !== undefined) {
        return assigned;
    }
    const cached = scope.conditionCache.get(name);
    if (cached !== undefined) {
        return cached;
    }
    if (scope.visiting.has(name) || !has(scope.template.conditions, name)) {
        // CloudFormation rejects the template.
        const why = scope.visiting.has(name) ? "which refers to itself" : "which the template does not define";
        return new Unresolvable(`condition ${name}, ${why}`);
    }
    scope.visiting.add(name);
    const v = evaluate(scope.template.conditions[name], scope, 1);
    scope.visiting.delete(name);
    const result: boolean | Undecided =
        typeof v === "boolean" || isUndecided(v) ? v : new Unresolvable(`condition ${name}, which is not a boolean`);
    scope.conditionCache.set(name, result);
    return result;
}

function sub(arg: unknown, scope: Scope, depth: number): unknown {
    let text: unknown = arg;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
        if (arg.length !== 2 || !isPlainObject(arg[1])) {
            return malformed("Fn::Sub");
        }
        text = arg[0];
        variables = arg[1];
    }
    if (typeof text !== "string") {
        return undecidedOver("Fn::Sub", evaluate(text, scope, depth + 1));
    }
    const undecided: unknown[] = [];
    const result = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
        if (inner.startsWith("!")) {
            // `${!Literal}` is written as `${Literal}`.
            return `\${${inner.slice(1)}}`;
        }
        const name = inner.trim();
        let value: unknown;
        if (has(variables, name)) {
            value = evaluate(variables[name], scope, depth + 1);
        } else if (name.includes(".") && !name.startsWith("AWS::")) {
            // `${Resource.Attribute}` is a GetAtt.
            value = getAtt(name);
        } else {
            value = ref(name, scope);
        }
        if (!isText(value)) {
            undecided.push(value);
            return whole;
        }
        return String(value);
    });
    if (undecided.length > 0) {
        return undecidedOver("Fn::Sub", ...undecided);
    }
    const reference = dynamicReference(result);
    return reference === undefined ? result : reference.via("Fn::Sub");
}

function findInMap(arg: unknown, scope: Scope, depth: number): unknown {
    if (!Array.isArray(arg) || arg.length < 3) {
        return malformed("Fn::FindInMap");
    }
    const [mapName, top, second] = arg.slice(0, 3).map((v) => evaluate(v, scope, depth));
    if (!isText(mapName) || !isText(top) || !isText(second)) {
        return undecidedOver("Fn::FindInMap", mapName, top, second);
    }
    const mappings = isPlainObject(scope.template.mappings) ? scope.template.mappings : {};
    const map = own(mappings, String(mapName));
    const level = own(map, String(top));
    const value = own(level, String(second));
    if (value !== undefined) {
        return evaluate(value, scope, depth);
    }
    // AWS::LanguageExtensions adds a fourth argument, `{DefaultValue: …}`, used when a key is missing.
    if (isPlainObject(arg[3]) && has(arg[3], "DefaultValue")) {
        return evaluate(arg[3].DefaultValue, scope, depth);
    }
    return new Unresolvable(`Fn::FindInMap ${[mapName, top, second].join(".")}, which the Mappings do not have`);
}

/** What two possible values agree on: equal parts kept, differing parts `filler`. */
function join(a: unknown, b: unknown, filler: Undecided): unknown {
    if (a === b) {
        return a;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length ? a.map((v, i) => join(v, b[i], filler)) : filler;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const out: Record<string, unknown> = {};
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
            put(out, key, has(a, key) && has(b, key) ? join(a[key], b[key], filler) : filler);
        }
        return out;
    }
    return filler;
}

/** CloudFormation compares values as strings: `1` equals `"1"`. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_k, v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v));
}

function isText(value: unknown): value is string | number {
    return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

// ---------------------------------------------------------------------------------------------------------------
// Resources inside a template.

/** Conditions beyond this many are not enumerated one by one: the resource is judged on what all worlds agree on. */
const MAX_ENUMERATED_CONDITIONS = 4;

/** What every resource of one template is read with. */
interface TemplateRun {
    readonly template: Template;
    readonly source: Source;
    readonly globals: Record<string, unknown> | Undecided;
    readonly nesting: number;
    readonly budget: { steps: number };
    readonly out: Collected;
}

function readResource(logicalId: string, resource: unknown, run: TemplateRun): void {
    const { source, out } = run;
    const undecided = isUndecided(resource) ? resource : isPlainObject(resource) ? resource.Type : undefined;
    if (isUndecided(undecided)) {
        out.cannotVerify.push({
            location: `${source.location} Resources.${logicalId}`,
            reason: undecidedReason(undecided),
        });
        return;
    }
    if (!isPlainObject(resource) || typeof resource.Type !== "string") {
        return;
    }
    const cfnType = resource.Type;
    const at = `${source.location} Resources.${logicalId} (${cfnType})`;
    const properties = `${source.location} Resources.${logicalId}.Properties`;
    const base = newScope(run.template, source, new Map(), run.budget);
    if (typeof resource.Condition === "string" && conditionValue(resource.Condition, base) === false) {
        return;
    }
    switch (cfnType) {
        case "AWS::CloudFormation::Stack":
            out.cannotVerify.push({
                location: at,
                reason: "a nested stack's template is fetched from its TemplateURL, which the pack cannot read",
            });
            return;
        case "AWS::Serverless::Application":
            out.cannotVerify.push({
                location: at,
                reason: "a nested application's template is fetched from its Location, which the pack cannot read",
            });
            return;
        case "AWS::CloudFormation::StackSet": {
            const props = evaluate(resource.Properties, base, 1);
            readSource(
                {
                    location: `${at} TemplateBody`,
                    body: get(props, "TemplateBody"),
                    url: get(props, "TemplateURL"),
                    urlLocation: `${at} TemplateURL`,
                    parameters: keyValueList(get(props, "Parameters"), "ParameterKey", "ParameterValue"),
                    stackName: STACK_NAME,
                    region: REGION,
                    accountId: ACCOUNT_ID,
                },
                run.nesting + 1,
                out,
            );
            return;
        }
        case "AWS::Serverless::Api": {
            const api = { ...resource, Properties: withGlobals(resource.Properties, globalsFor(run, "Api")) };
            emit(logicalId, cfnType, api, at, properties, SAM_REST_STAGE, run);
            samStageStage(logicalId, api, `${source.location} Resources.${logicalId} (${cfnType}${STAGE_STAGE})`, run);
            return;
        }
        case "AWS::Serverless::HttpApi": {
            const api = { ...resource, Properties: withGlobals(resource.Properties, globalsFor(run, "HttpApi")) };
            emit(logicalId, cfnType, api, at, properties, SAM_HTTP_STAGE, run);
            return;
        }
        default:
            if (has(SHAPES, cfnType)) {
                emit(logicalId, cfnType, resource, at, properties, SHAPES[cfnType], run);
            }
            return;
    }
}

const STAGE_STAGE = ': the stage "Stage" SAM adds unless OpenApiVersion is set';

function globalsFor(run: TemplateRun, kind: "Api" | "HttpApi"): unknown {
    return isUndecided(run.globals) ? run.globals : run.globals[kind];
}

/**
 * SAM's implicit APIs: an `Api` event without `RestApiId` creates `ServerlessRestApi` with a stage "Prod", an
 * `HttpApi` event without `ApiId` creates `ServerlessHttpApi` with the `$default` stage; `Globals` apply to both
 * (AWS SAM Developer Guide: "Generated AWS CloudFormation resources"; AWS::Serverless::Api StageName, "The Implicit
 * API has a stage name of Prod"; "Globals section of the template": "Also works with Implicit APIs").
 */
function implicitApis(resources: Record<string, unknown>, run: TemplateRun): void {
    const users = new Map<"Api" | "HttpApi", string>();
    for (const [logicalId, resource] of Object.entries(resources)) {
        if (!isPlainObject(resource) || resource.Type !== "AWS::Serverless::Function") {
            continue;
        }
        const events = isPlainObject(resource.Properties) ? resource.Properties.Events : undefined;
        for (const event of isPlainObject(events) ? Object.values(events) : []) {
            const props = isPlainObject(event) && isPlainObject(event.Properties) ? event.Properties : {};
            const kind = isPlainObject(event) ? event.Type : undefined;
            if (kind === "Api" && props.RestApiId === undefined && !users.has("Api")) {
                users.set("Api", logicalId);
            }
            if (kind === "HttpApi" && props.ApiId === undefined && !users.has("HttpApi")) {
                users.set("HttpApi", logicalId);
            }
        }
    }
    const location = run.source.location;
    const rest = users.get("Api");
    if (rest !== undefined && !has(resources, "ServerlessRestApi")) {
        const api = {
            Type: "AWS::Serverless::Api",
            Properties: withGlobals({ StageName: "Prod" }, globalsFor(run, "Api")),
        };
        const at = `${location} Resources.ServerlessRestApi (the REST API SAM creates for the Api events of ${rest})`;
        emit("ServerlessRestApi", "AWS::Serverless::Api", api, at, `${location} Globals.Api`, SAM_REST_STAGE, run);
        samStageStage("ServerlessRestApi", api, `${at}${STAGE_STAGE}`, run);
    }
    const http = users.get("HttpApi");
    if (http !== undefined && !has(resources, "ServerlessHttpApi")) {
        const api = { Type: "AWS::Serverless::HttpApi", Properties: withGlobals({}, globalsFor(run, "HttpApi")) };
        const at = `${location} Resources.ServerlessHttpApi (the HTTP API SAM creates for the HttpApi events of ${http})`;
        emit(
            "ServerlessHttpApi",
            "AWS::Serverless::HttpApi",
            api,
            at,
            `${location} Globals.HttpApi`,
            SAM_HTTP_STAGE,
            run,
        );
    }
}

/**
 * The stage named "Stage" that SAM's deployment of a REST API also creates, with no settings at all, unless
 * OpenApiVersion is set (AWS SAM Developer Guide, AWS::Serverless::Api OpenApiVersion: "AWS SAM creates a stage
 * called Stage by default. Setting this property to any valid value will prevent the creation of the stage Stage";
 * aws/serverless-application-model#191, #2077).
 */
function samStageStage(logicalId: string, api: Record<string, unknown>, at: string, run: TemplateRun): void {
    const stage = {
        Type: "AWS::ApiGateway::Deployment",
        Condition: api.Condition,
        Properties: { RestApiId: { Ref: logicalId }, StageName: "Stage" },
    };
    const properties = `${run.source.location} Resources.${logicalId}.Properties`;
    emit(logicalId, "AWS::Serverless::Api", stage, at, properties, SAM_STAGE_STAGE, run, {
        path: `${properties}.OpenApiVersion`,
        existsIn: (scope) => {
            const version = get(evaluate(api.Properties, scope, 1), "OpenApiVersion");
            if (isUndecided(version)) {
                return version;
            }
            // SAM tests the value for truth: absent, null or empty leaves the extra stage in place.
            return version === undefined || version === null || version === "" || version === false;
        },
    });
}

/** A further test of whether a resource exists, beyond its Condition, with the path messages name it by. */
interface Existence {
    readonly path: string;
    existsIn(scope: Scope): boolean | Undecided;
}

/** Evaluates one resource in every world of the unresolved conditions it depends on, and records it. */
function emit(
    logicalId: string,
    cfnType: string,
    resource: Record<string, unknown>,
    at: string,
    propertiesLocation: string,
    target: Shape,
    run: TemplateRun,
    existence?: Existence,
): void {
    const { template, source } = run;
    const evaluateIn = (assignment: ReadonlyMap<string, boolean>) => {
        const scope = newScope(template, source, assignment, run.budget);
        const condition = typeof resource.Condition === "string" ? conditionValue(resource.Condition, scope) : true;
        const extra = condition === false || existence === undefined ? true : existence.existsIn(scope);
        const exists: boolean | Unknown =
            condition === false || extra === false
                ? false
                : isUndecided(condition) || isUndecided(extra)
                  ? UNKNOWN
                  : true;
        const props = exists === false ? undefined : target.convert(evaluate(resource.Properties, scope, 1));
        return { exists, props, scope, extra };
    };
    const base = evaluateIn(new Map());
    if (base.exists === false || base.props === undefined) {
        return;
    }
    const unresolved = [...base.scope.referenced].filter((name) => isUndecided(conditionValue(name, base.scope)));
    const names: UnresolvedCondition[] = unresolved.map((c) =>
        unresolvedCondition(`${source.location} Conditions.${c}`, conditionValue(c, base.scope)),
    );
    if (isUndecided(base.extra) && existence !== undefined) {
        names.push(unresolvedCondition(existence.path, base.extra));
    }
    let variants: Variant[];
    if (unresolved.length === 0 && base.exists !== UNKNOWN) {
        variants = [{ when: "", props: base.props }];
    } else if (unresolved.length > 0 && unresolved.length <= MAX_ENUMERATED_CONDITIONS && !isUndecided(base.extra)) {
        variants = [];
        for (let bits = 0; bits < 1 << unresolved.length; bits++) {
            const assignment = new Map(unresolved.map((c, i): [string, boolean] => [c, (bits & (1 << i)) !== 0]));
            const world = evaluateIn(assignment);
            const when = unresolved.map((c) => `${c} is ${assignment.get(c)}`).join(" and ");
            variants.push({ when, props: world.exists === false ? undefined : world.props });
        }
    } else {
        // Too many worlds, or existence that no condition decides: judge what all worlds agree on, and the world
        // where the resource is not created.
        variants = [{ when: "it is created", props: base.props }];
        if (base.exists === UNKNOWN) {
            variants.push({ when: "it is not created", props: undefined });
        }
    }
    run.out.resources.push({
        logicalId,
        cfnType,
        type: target.type,
        props: base.props,
        location: at,
        propertiesLocation,
        exists: base.exists === UNKNOWN ? UNKNOWN : true,
        variants,
        unresolvedConditions: names,
    });
}

function unresolvedCondition(location: string, value: unknown): UnresolvedCondition {
    return value instanceof Unresolvable ? { location, unresolvable: value.describe } : { location };
}

/**
 * SAM's Globals merged into a resource's properties: the resource's primitives replace the global ones, maps are
 * merged (the resource's entries winning), lists are the global entries followed by the resource's (AWS SAM
 * Developer Guide, "Globals section of the template", "Overridable properties"). An intrinsic on either side is
 * taken whole, the resource's first.
 */
function withGlobals(properties: unknown, globals: unknown): unknown {
    if (isUndecided(globals)) {
        return globals;
    }
    if (globals === undefined || globals === null) {
        return properties;
    }
    if (properties === undefined || properties === null) {
        return globals;
    }
    if (Array.isArray(properties) && Array.isArray(globals)) {
        return [...globals, ...properties];
    }
    if (isPlainObject(properties) && isPlainObject(globals) && !isIntrinsic(properties) && !isIntrinsic(globals)) {
        const out: Record<string, unknown> = { ...globals };
        for (const [key, value] of Object.entries(properties)) {
            put(out, key, has(globals, key) ? withGlobals(value, globals[key]) : value);
        }
        return out;
    }
    return properties;
}

function isIntrinsic(value: Record<string, unknown>): boolean {
    const keys = Object.keys(value);
    return keys.length === 1 && isIntrinsicCall(value, keys[0]);
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes: CloudFormation properties to the aws-native properties of the equivalent type.

interface Shape {
    readonly type: string;
    /** Evaluated CloudFormation properties (or an undecided value) to aws-native-shaped properties. */
    convert(properties: unknown): Record<string, unknown>;
}

/**
 * Conversion rules for one CloudFormation type. Paths are CloudFormation names joined by dots; `[]` steps into list
 * entries and `*` into a map's values.
 */
interface ShapeSpec {
    readonly type: string;
    /** Maps keyed by user data (route keys, variable names, tag keys): keys kept, values converted. */
    readonly userMaps?: readonly string[];
    /** Values kept exactly as written (documents such as an OpenAPI body or a log-group policy). */
    readonly verbatim?: readonly string[];
    /** Only these top-level properties are kept (SAM resources carry many properties that are not the stage's). */
    readonly pick?: readonly string[];
    /** Values the resource has that its CloudFormation properties do not say. */
    readonly fixed?: Readonly<Record<string, unknown>>;
    /** Defaults for absent properties (after conversion, SDK names). */
    readonly defaults?: Readonly<Record<string, unknown>>;
    /** The top-level SDK keys set to the undecided value when the whole property bag is undecided. */
    readonly keys: readonly string[];
    /** Converts the SDK-shaped properties further (SAM's tag maps to aws-native tag lists). */
    readonly finish?: (props: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * CloudFormation accepts strings for numbers and booleans and converts them (aws/aws-cdk#9849: "CloudFormation
 * allows treating numbers and strings interchangeably"; aws-cloudformation/cfn-lint#4577: "CloudFormation accepts
 * numeric strings in integer-typed properties"), and so does a `Ref` to a Number parameter, which is a string.
 */
const NUMBER_KEYS = new Set([
    "throttlingBurstLimit",
    "throttlingRateLimit",
    "cacheTtlInSeconds",
    "percentTraffic",
    "retentionInDays",
    "threshold",
    "period",
    "evaluationPeriods",
    "datapointsToAlarm",
]);
const BOOLEAN_KEYS = new Set([
    "dataTraceEnabled",
    "metricsEnabled",
    "detailedMetricsEnabled",
    "cachingEnabled",
    "cacheDataEncrypted",
    "tracingEnabled",
    "cacheClusterEnabled",
    "useStageCache",
    "autoDeploy",
    "actionsEnabled",
    "disableExecuteApiEndpoint",
]);

function coerce(key: string, value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    if (NUMBER_KEYS.has(key) && /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value)) {
        return Number(value);
    }
    if (BOOLEAN_KEYS.has(key) && /^\s*(true|false)\s*$/i.test(value)) {
        return value.trim().toLowerCase() === "true";
    }
    return value;
}

function shape(spec: ShapeSpec): Shape {
    const userMaps = new Set(spec.userMaps ?? []);
    const verbatim = new Set(spec.verbatim ?? []);
    // `path` matches the spec's rules (`MethodSettings[]`, `RouteSettings.*`); `at` is where a value is written,
    // for the values only CloudFormation computes (`MethodSettings[0].LoggingLevel`, `RouteSettings["GET /x"]`).
    const convertValue = (value: unknown, path: string, at: string, depth: number): unknown => {
        if (value instanceof Unresolvable) {
            return value.located(at);
        }
        if (depth > MAX_DEPTH) {
            return new Unresolvable("a value nested deeper than the pack reads").located(at);
        }
        if (verbatim.has(path)) {
            return value;
        }
        if (Array.isArray(value)) {
            return value.map((v, i) => convertValue(v, `${path}[]`, `${at}[${i}]`, depth + 1));
        }
        if (!isPlainObject(value)) {
            return value;
        }
        const out: Record<string, unknown> = {};
        const userKeyed = userMaps.has(path);
        for (const [key, v] of Object.entries(value)) {
            const name = userKeyed ? key : sdkName(key);
            const child = userKeyed ? `${path}.*` : path === "" ? key : `${path}.${key}`;
            const written = userKeyed ? `${at}[${JSON.stringify(key)}]` : at === "" ? key : `${at}.${key}`;
            const converted = convertValue(v, child, written, depth + 1);
            put(out, name, userKeyed ? converted : coerce(name, converted));
        }
        return out;
    };
    return {
        type: spec.type,
        convert(properties: unknown): Record<string, unknown> {
            let props: Record<string, unknown>;
            if (isUndecided(properties)) {
                const whole = properties === UNKNOWN ? UNKNOWN : properties.located("");
                props = Object.fromEntries(spec.keys.map((k) => [k, whole]));
            } else {
                const picked = isPlainObject(properties)
                    ? spec.pick
                        ? Object.fromEntries(Object.entries(properties).filter(([k]) => spec.pick!.includes(k)))
                        : properties
                    : {};
                props = convertValue(picked, "", "", 0) as Record<string, unknown>;
            }
            for (const [key, value] of Object.entries(spec.defaults ?? {})) {
                if (props[key] === undefined) {
                    props[key] = value;
                }
            }
            props = { ...props, ...(spec.fixed ?? {}) };
            return spec.finish ? spec.finish(props) : props;
        },
    };
}

/** SAM's `Tags` is a map; aws-native's REST stage takes a list of `{key, value}`. */
function tagList(props: Record<string, unknown>): Record<string, unknown> {
    const tags = props.tags;
    if (isPlainObject(tags)) {
        return { ...props, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) };
    }
    return props;
}

const REST_STAGE_KEYS = [
    "restApiId",
    "stageName",
    "methodSettings",
    "tracingEnabled",
    "accessLogSetting",
    "deploymentId",
];
const V2_STAGE_KEYS = ["apiId", "stageName", "defaultRouteSettings", "routeSettings", "accessLogSettings"];

/**
 * AWS CloudFormation Template Reference: AWS::ApiGateway::Stage (AccessLogSetting, CacheClusterEnabled, CanarySetting,
 * MethodSettings: a list of MethodSetting {CacheDataEncrypted, CacheTtlInSeconds, CachingEnabled, DataTraceEnabled,
 * HttpMethod, LoggingLevel, MetricsEnabled, ResourcePath, ThrottlingBurstLimit, ThrottlingRateLimit}, RestApiId,
 * StageName, Tags: a list of Tag, TracingEnabled, Variables: a map); AWS::ApiGateway::Deployment (StageName: "a name
 * for the stage that API Gateway creates with this deployment", StageDescription: "configures the stage that API
 * Gateway creates", with the MethodSetting fields plus AccessLogSetting, MethodSettings, TracingEnabled, Variables);
 * AWS::ApiGatewayV2::Stage (AccessLogSettings, DefaultRouteSettings: RouteSettings, RouteSettings: Json, a map from
 * route key to RouteSettings, StageName, StageVariables: Json, Tags: Json).
 */
const SHAPES: Readonly<Record<string, Shape>> = {
    "AWS::ApiGateway::Stage": shape({
        type: t.NATIVE_STAGE,
        userMaps: ["Variables", "CanarySetting.StageVariableOverrides"],
        keys: REST_STAGE_KEYS,
    }),
    "AWS::ApiGateway::Deployment": shape({
        type: t.NATIVE_DEPLOYMENT,
        userMaps: [
            "StageDescription.Variables",
            "StageDescription.CanarySetting.StageVariableOverrides",
            "DeploymentCanarySettings.StageVariableOverrides",
        ],
        keys: ["restApiId", "stageName", "stageDescription"],
    }),
    "AWS::ApiGatewayV2::Stage": shape({
        type: t.NATIVE_V2_STAGE,
        userMaps: ["RouteSettings", "StageVariables", "Tags"],
        keys: V2_STAGE_KEYS,
    }),
    // With Target, AWS creates a $default stage no template declares (quick create).
    "AWS::ApiGatewayV2::Api": shape({
        type: t.NATIVE_V2_API,
        userMaps: ["Tags"],
        verbatim: ["Body"],
        keys: ["name", "protocolType", "target"],
    }),
    "AWS::Logs::LogGroup": shape({
        type: t.NATIVE_LOG_GROUP,
        verbatim: ["DataProtectionPolicy", "FieldIndexPolicies", "ResourcePolicyDocument"],
        keys: ["logGroupName", "retentionInDays"],
    }),
    "AWS::CloudWatch::Alarm": shape({
        type: NATIVE_ALARM,
        keys: ["namespace", "metricName", "dimensions", "metrics", "alarmActions"],
    }),
};

/** The ids of the APIs SAM creates, which only CloudFormation knows. */
const SAM_REST_API_ID = new Unresolvable("the id of the REST API SAM creates");
const SAM_HTTP_API_ID = new Unresolvable("the id of the HTTP API SAM creates");

/**
 * SAM's REST API as the stage it creates (AWS SAM Developer Guide, AWS::Serverless::Api: AccessLogSetting,
 * CacheClusterEnabled, CacheClusterSize, CanarySetting, MethodSettings and TracingEnabled "passed directly" to the
 * AWS::ApiGateway::Stage; StageName required; Tags a map; Variables a map).
 */
const SAM_REST_STAGE = shape({
    type: t.NATIVE_STAGE,
    pick: [
        "StageName",
        "MethodSettings",
        "TracingEnabled",
        "AccessLogSetting",
        "CacheClusterEnabled",
        "CacheClusterSize",
        "CanarySetting",
        "Variables",
        "Tags",
    ],
    userMaps: ["Variables", "Tags", "CanarySetting.StageVariableOverrides"],
    fixed: { restApiId: SAM_REST_API_ID },
    keys: REST_STAGE_KEYS,
    finish: tagList,
});

/** The deployment stage SAM adds: a name and nothing else. */
const SAM_STAGE_STAGE = shape({
    type: t.NATIVE_DEPLOYMENT,
    fixed: { restApiId: SAM_REST_API_ID },
    keys: ["restApiId", "stageName"],
});

/**
 * SAM's HTTP API as the stage it creates (AWS SAM Developer Guide, AWS::Serverless::HttpApi: AccessLogSettings,
 * DefaultRouteSettings, RouteSettings, StageName and StageVariables passed to the AWS::ApiGatewayV2::Stage;
 * "If no name is specified, AWS SAM uses the $default stage").
 */
const SAM_HTTP_STAGE = shape({
    type: t.NATIVE_V2_STAGE,
    pick: ["StageName", "DefaultRouteSettings", "RouteSettings", "AccessLogSettings", "StageVariables", "Tags"],
    userMaps: ["RouteSettings", "StageVariables", "Tags"],
    fixed: { apiId: SAM_HTTP_API_ID },
    defaults: { stageName: "$default" },
    keys: V2_STAGE_KEYS,
});

// ---------------------------------------------------------------------------------------------------------------
// Reading values off the wire.

/** A plain copy of a wire value (behind the SDK's proxy), with `UNKNOWN` wherever the engine does not know it yet. */
function snapshot(value: unknown, depth = 0): unknown {
    if (depth > MAX_DEPTH) {
        return new Unresolvable("a value nested deeper than the pack reads");
    }
    if (isUndecided(value) || value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        const list = items(value);
        return isUndecided(list) ? list : list.map((v) => snapshot(v, depth + 1));
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
        put(out, key, snapshot(get(value, key), depth + 1));
    }
    return out;
}

/** Own properties only: a template's "constructor" or "toString" is data, never Object.prototype's. */
function has(container: object, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(container, key);
}

function own(container: unknown, key: string): unknown {
    return isPlainObject(container) && has(container, key) ? container[key] : undefined;
}

/**
 * `container[key]` of a wire value or an evaluated one: like `read`, but a value only CloudFormation computes stays
 * what it is (the reason it is undecided), and so does an undecided container.
 */
function get(container: unknown, key: string): unknown {
    if (isUndecided(container)) {
        return container;
    }
    if (container === null || typeof container !== "object" || !has(container, key)) {
        return undefined;
    }
    try {
        return (container as Record<string, unknown>)[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/** The entries of a list, each read with `get`; the list itself when it is undecided, `[]` when it is no list. */
function items(value: unknown): unknown[] | Undecided {
    if (isUndecided(value)) {
        return value;
    }
    if (!Array.isArray(value)) {
        return [];
    }
    const length = get(value, "length");
    const out: unknown[] = [];
    for (let i = 0; typeof length === "number" && i < length; i++) {
        out.push(get(value, String(i)));
    }
    return out;
}

/** Sets an own property, even one named "__proto__", which plain assignment would take as the prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function assign(target: Record<string, unknown>, source: Record<string, unknown>): void {
    for (const key of Object.keys(source)) {
        put(target, key, source[key]);
    }
}

/** A mapping of a template or of the wire; never a value only CloudFormation computes. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Unresolvable);
}

/** A string value as it is, an unknown one as unknown, and `missing` for anything else. */
function stringOr(value: unknown, missing: Unresolvable): unknown {
    return value === UNKNOWN || typeof value === "string" ? value : missing;
}

/** A parameter value from the wire: a string, `UNKNOWN`, or the text of a number or boolean. */
function parameterValue(key: string, value: unknown): unknown {
    if (isUndecided(value) || typeof value === "string") {
        return value;
    }
    if (isText(value) || typeof value === "boolean") {
        return String(value);
    }
    return new Unresolvable(`the value given for parameter ${key}, which is not a string`);
}

/** A parameter map from the wire. */
function stringMap(value: unknown): ParameterValues {
    if (isUndecided(value)) {
        return value;
    }
    const out: Record<string, unknown> = {};
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        for (const key of Object.keys(value)) {
            put(out, key, parameterValue(key, get(value, key)));
        }
    }
    return out;
}

/** A `[{ParameterKey, ParameterValue}]` list as a parameter map. */
function keyValueList(value: unknown, keyName: string, valueName: string): ParameterValues {
    const entries = items(value);
    if (isUndecided(entries)) {
        return entries;
    }
    const out: Record<string, unknown> = {};
    for (const entry of entries) {
        const key = get(entry, keyName);
        if (isUndecided(key)) {
            // Some parameter is undecided, and which one is too.
            return key;
        }
        if (typeof key === "string") {
            put(out, key, parameterValue(key, get(entry, valueName)));
        }
    }
    return out;
}

/**
 * A StackSet's parameters with an instance's overrides: "To override the current value for a parameter, include the
 * parameter and specify its value" (AWS CloudFormation API Reference, UpdateStackInstances ParameterOverrides).
 */
function overridden(base: ParameterValues, overrides: ParameterValues | undefined): ParameterValues {
    if (overrides === undefined) {
        return base;
    }
    // What only CloudFormation computes wins over what is unknown during preview: the update knows it no better.
    if (base instanceof Unresolvable) {
        return base;
    }
    if (overrides instanceof Unresolvable) {
        return overrides;
    }
    if (base === UNKNOWN || overrides === UNKNOWN) {
        return UNKNOWN;
    }
    return { ...base, ...overrides };
}

/**
 * aws-native stack sets: each `stackInstancesGroup` entry may override parameters for its stacks, so each group
 * with overrides is a template evaluation of its own.
 */
function parameterSets(base: ParameterValues, groups: unknown): { label: string; parameters: ParameterValues }[] {
    const sets: { label: string; parameters: ParameterValues }[] = [{ label: "", parameters: base }];
    const entries = items(groups);
    if (isUndecided(entries)) {
        return [{ label: "", parameters: entries }];
    }
    entries.forEach((group, i) => {
        const overrides = get(group, "parameterOverrides");
        if (overrides === undefined || overrides === null) {
            return;
        }
        sets.push({
            label: `stackInstancesGroup[${i}].parameterOverrides`,
            parameters: overridden(base, keyValueList(overrides, "parameterKey", "parameterValue")),
        });
    });
    return sets;
}
