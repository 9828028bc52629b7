/**
 * Seeded random templates (valid and broken JSON and YAML, long- and short-form intrinsics, random nesting) on every
 * carrier type, as the server gives them. `templateContentsOf` must never throw, must always answer with resources
 * or a "cannot verify" result, and must never hide an internal error behind the advisory.
 *
 * FUZZ_RUNS sets the number of cases (`npm run fuzz` runs 10,000; `npm test` runs 300), FUZZ_SEED the seed.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import { stringify } from "yaml";
import * as t from "../../../policies/lib/types";
import {
    CFN_STACK_SET,
    NATIVE_ALARM,
    NATIVE_CFN_STACK_SET,
    TEMPLATE_CARRIER_TYPES,
    templateContentsOf,
    TemplateOptions,
} from "../../../policies/lib/templates";
import { UNKNOWN } from "../../../policies/lib/unknowns";
import { UNKNOWN as WIRE_UNKNOWN, wireProps } from "../harness";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 0x7e3a11);

const OUTPUT_TYPES = new Set([
    t.NATIVE_STAGE,
    t.NATIVE_DEPLOYMENT,
    t.NATIVE_V2_STAGE,
    t.NATIVE_V2_API,
    t.NATIVE_LOG_GROUP,
    NATIVE_ALARM,
]);

const PARAMETERS = ["Env", "Level", "Names", "Rate"];
const CONDITIONS = ["IsProd", "IsEu", "Never"];
const REFS = [...PARAMETERS, ...CONDITIONS, "Api", "AWS::Region", "AWS::NoValue", "AWS::StackName", "AWS::AccountId"];
const TYPES = [
    "AWS::ApiGateway::Stage",
    "AWS::ApiGateway::Deployment",
    "AWS::ApiGatewayV2::Stage",
    "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::Api",
    "AWS::Serverless::HttpApi",
    "AWS::Serverless::Function",
    "AWS::Serverless::Application",
    "AWS::CloudFormation::Stack",
    "AWS::CloudFormation::StackSet",
    "AWS::Logs::LogGroup",
    "AWS::CloudWatch::Alarm",
    "AWS::S3::Bucket",
];
const KEYS = [
    "StageName",
    "MethodSettings",
    "HttpMethod",
    "ResourcePath",
    "LoggingLevel",
    "DataTraceEnabled",
    "ThrottlingRateLimit",
    "ThrottlingBurstLimit",
    "DefaultRouteSettings",
    "RouteSettings",
    "StageDescription",
    "TracingEnabled",
    "AccessLogSetting",
    "Variables",
    "Tags",
    "OpenApiVersion",
    "TemplateBody",
    "TemplateURL",
    "Parameters",
    "Events",
    "Type",
    "Properties",
    "Condition",
    "Fn::Transform",
    "Fn::ForEach::Loop",
    "constructor",
    "__proto__",
    "GET /orders",
];

const scalar = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
        "INFO",
        "DEBUG",
        "true",
        "yes",
        "*",
        "/*",
        "-1",
        "100",
        "${Env}",
        "${!Literal}",
        "${Api.Arn}",
        "${AWS::Region}",
        "&{Env}",
        "{{resolve:ssm:/x}}",
        "a,b",
        WIRE_UNKNOWN,
        ...TYPES,
    ),
    fc.integer({ min: -2, max: 20_000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
);

const names = (list: string[]) => fc.oneof(fc.constantFrom(...list), fc.string({ maxLength: 4 }));

/** Template values: scalars, lists, maps and every intrinsic, nested at random. */
const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small", maxDepth: 5 },
        scalar,
        tie("intrinsic"),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(names(KEYS), tie("value"), { maxKeys: 4 }),
    ),
    intrinsic: fc.oneof(
        names(REFS).map((n) => ({ Ref: n })),
        names(CONDITIONS).map((n) => ({ Condition: n })),
        fc.tuple(names(CONDITIONS), tie("value"), tie("value")).map(([c, a, b]) => ({ "Fn::If": [c, a, b] })),
        tie("value").map((v) => ({ "Fn::If": v })),
        fc.oneof(scalar, fc.tuple(scalar, fc.dictionary(names(PARAMETERS), tie("value"), { maxKeys: 2 }))).map((v) => ({
            "Fn::Sub": v,
        })),
        fc.tuple(tie("value"), tie("value")).map(([a, b]) => ({ "Fn::Join": [a, b] })),
        fc.tuple(tie("value"), tie("value")).map(([a, b]) => ({ "Fn::Select": [a, b] })),
        fc.tuple(scalar, tie("value")).map(([a, b]) => ({ "Fn::Split": [a, b] })),
        fc.array(tie("value"), { maxLength: 4 }).map((v) => ({ "Fn::FindInMap": v })),
        fc.tuple(names(["Api", "Fn"]), scalar).map(([a, b]) => ({ "Fn::GetAtt": [a, b] })),
        fc.array(tie("value"), { maxLength: 3 }).map((v) => ({ "Fn::Equals": v })),
        fc.array(tie("value"), { maxLength: 3 }).map((v) => ({ "Fn::And": v })),
        fc.array(tie("value"), { maxLength: 3 }).map((v) => ({ "Fn::Or": v })),
        fc.array(tie("value"), { maxLength: 2 }).map((v) => ({ "Fn::Not": v })),
        tie("value").map((v) => ({ "Fn::Base64": v })),
        tie("value").map((v) => ({ "Fn::Length": v })),
        tie("value").map((v) => ({ "Fn::ToJsonString": v })),
        tie("value").map((v) => ({ "Fn::Transform": v })),
        tie("value").map((v) => ({ "Fn::ImportValue": v })),
        fc.tuple(scalar, tie("value"), tie("value")).map(([id, c, f]) => ({ "Fn::ForEach::Loop": [id, c, f] })),
    ),
}));

const resource = fc.record(
    {
        Type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: value }),
        Condition: fc.oneof(names(CONDITIONS), value),
        Properties: fc.oneof(fc.dictionary(names(KEYS), value, { maxKeys: 6 }), value),
    },
    { requiredKeys: ["Type"] },
);

const template = fc.record(
    {
        AWSTemplateFormatVersion: fc.constant("2010-09-09"),
        Transform: fc.oneof(fc.constantFrom("AWS::Serverless-2016-10-31", "AWS::LanguageExtensions", "Macro"), value),
        Parameters: fc.oneof(
            fc.dictionary(
                names(PARAMETERS),
                fc.record(
                    {
                        Type: fc.constantFrom(
                            "String",
                            "Number",
                            "CommaDelimitedList",
                            "List<Number>",
                            "AWS::SSM::Parameter::Value<String>",
                        ),
                        Default: value,
                    },
                    { requiredKeys: ["Type"] },
                ),
                { maxKeys: 3 },
            ),
            value,
        ),
        Conditions: fc.oneof(fc.dictionary(names(CONDITIONS), value, { maxKeys: 3 }), value),
        Mappings: value,
        Globals: fc.oneof(fc.record({ Api: value, HttpApi: value }, { requiredKeys: [] }), value),
        Resources: fc.oneof(
            {
                weight: 5,
                arbitrary: fc.dictionary(
                    names(["Stage", "Api", "Fn", "Fn::ForEach::Loop", "Fn::Transform"]),
                    resource,
                    { maxKeys: 5 },
                ),
            },
            { weight: 1, arbitrary: value },
        ),
    },
    { requiredKeys: ["Resources"] },
);

/** YAML flow style with short-form tags, the way people write CloudFormation by hand. */
function shortForm(v: unknown): string {
    if (Array.isArray(v)) {
        return `[${v.map(shortForm).join(", ")}]`;
    }
    if (v !== null && typeof v === "object") {
        const entries = Object.entries(v as Record<string, unknown>);
        if (entries.length === 1) {
            const [key, arg] = entries[0];
            if (key === "Ref" || key === "Condition") {
                return `!${key} ${shortForm(arg)}`;
            }
            if (
                key === "Fn::GetAtt" &&
                Array.isArray(arg) &&
                arg.every((a) => typeof a === "string" && /^\w+$/.test(a))
            ) {
                return `!GetAtt ${arg.join(".")}`;
            }
            if (key.startsWith("Fn::") && !key.startsWith("Fn::ForEach")) {
                return `!${key.slice(4)} ${shortForm(arg)}`;
            }
        }
        return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${shortForm(x)}`).join(", ")}}`;
    }
    return typeof v === "number" && !Number.isFinite(v) ? "0" : (JSON.stringify(v) ?? "null");
}

/** Damages a serialized template: cuts it, or drops in a character YAML or JSON cares about. */
const broken = (text: string) =>
    fc
        .tuple(
            fc.nat({ max: Math.max(0, text.length) }),
            fc.constantFrom("", "{", "}", "[", "]", ":", "!", "&a", "*a", "#", "|", "\t", "\n  ", '"', "'", "<<: "),
        )
        .map(([at, insert]) => (insert === "" ? text.slice(0, at) : text.slice(0, at) + insert + text.slice(at)));

const body = template.chain((tpl) => {
    const json = JSON.stringify(tpl);
    const yamlLong = stringify(tpl);
    const yamlShort = shortForm(tpl);
    return fc.oneof(
        fc.constant(json),
        fc.constant(yamlLong),
        fc.constant(yamlShort),
        fc.constant(tpl),
        broken(json),
        broken(yamlLong),
        broken(yamlShort),
    );
});

const parameters = fc.oneof(
    fc.dictionary(names(PARAMETERS), fc.oneof(fc.string({ maxLength: 5 }), fc.constant(WIRE_UNKNOWN), fc.integer())),
    fc.constant(WIRE_UNKNOWN),
    fc.array(fc.record({ parameterKey: names(PARAMETERS), parameterValue: scalar }), { maxLength: 3 }),
    value,
);

const request = fc.oneof(
    body.map((b) => (typeof b === "string" ? b : JSON.stringify(b))),
    fc.dictionary(names(KEYS), value).map((v) => JSON.stringify(v)),
    fc.constant(WIRE_UNKNOWN),
    fc.string({ maxLength: 20 }),
);

const carrier = fc.record(
    {
        type: fc.constantFrom(...TEMPLATE_CARRIER_TYPES),
        props: fc.record(
            {
                templateBody: fc.oneof({ weight: 6, arbitrary: body }, fc.constant(WIRE_UNKNOWN), value),
                templateUrl: fc.oneof(fc.constant("https://b.s3.amazonaws.com/t.yaml"), fc.constant(WIRE_UNKNOWN)),
                parameters,
                name: scalar,
                stackName: scalar,
                region: scalar,
                parameterOverrides: parameters,
                accountId: scalar,
                stackSetInstanceRegion: scalar,
                stackInstancesGroup: fc.oneof(
                    fc.array(fc.record({ parameterOverrides: parameters }, { requiredKeys: [] }), { maxLength: 2 }),
                    value,
                ),
                typeName: fc.oneof(fc.constantFrom(...TYPES), fc.constant(WIRE_UNKNOWN)),
                type: fc.oneof(fc.constantFrom(...TYPES), fc.constant(WIRE_UNKNOWN)),
                desiredState: request,
                properties: fc.oneof(fc.dictionary(names(KEYS), value), value),
            },
            { requiredKeys: [] },
        ),
    },
    { requiredKeys: ["type", "props"] },
);

/** A StackSetInstance's StackSet, as the caller finds it: a random carrier of a StackSet type, or none. */
const stackSetOf = fc.option(
    fc.record({
        type: fc.constantFrom(CFN_STACK_SET, NATIVE_CFN_STACK_SET),
        props: carrier.map((c) => c.props),
        name: fc.constantFrom("set", ""),
    }),
);

describe("policies/lib/templates (random templates)", () => {
    it(`reads ${RUNS} random carriers without a crash, always answering`, function () {
        this.timeout(Math.max(20_000, RUNS * 50));
        fc.assert(
            fc.property(carrier, stackSetOf, ({ type, props }, stackSet) => {
                const options: TemplateOptions =
                    stackSet === null
                        ? {}
                        : { stackSet: { ...stackSet, props: wireProps(stackSet.props) }, instanceName: "instance" };
                const result = templateContentsOf(type, wireProps(props), options);
                assert.ok(result !== undefined, "a carrier always answers");
                for (const r of result.resources) {
                    assert.ok(OUTPUT_TYPES.has(r.type), r.type);
                    assert.strictEqual(typeof r.location, "string");
                    assert.ok(r.props !== null && typeof r.props === "object" && !Array.isArray(r.props));
                    assert.ok(r.variants.length >= 1);
                    assert.ok(r.exists === true || r.exists === UNKNOWN);
                }
                for (const c of result.cannotVerify) {
                    assert.strictEqual(typeof c.location, "string");
                    // The module's own failures must not hide behind the advisory.
                    assert.ok(!c.reason.startsWith("it could not be read"), `${c.location}: ${c.reason}`);
                }
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });
});
