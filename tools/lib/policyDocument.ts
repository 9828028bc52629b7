/**
 * `aws.iam.getPolicyDocument` answered offline with what the provider returns: the function is pure (it only renders
 * its inputs as an IAM policy), so a preview without AWS can give the program the real JSON.
 *
 * The rendering follows terraform-provider-aws `internal/service/iam/policy_model.go` and
 * `policy_document_data_source.go`: keys in the provider's struct order (Version, Id, Statement; Sid, Effect, Action,
 * NotAction, Resource, NotResource, Principal, NotPrincipal, Condition), empty members left out, a single value as a
 * string and several as a list sorted in descending order, principal types and condition keys in alphabetical order,
 * `{"*": "*"}` principals as `"*"`, `json` indented by two spaces and `minifiedJson` without whitespace, with Go's
 * HTML-safe escaping of `<`, `>` and `&`.
 */

interface PrincipalBlock {
    type: string;
    identifiers: string[];
}

interface ConditionBlock {
    test: string;
    variable: string;
    values: string[];
}

interface StatementInput {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: PrincipalBlock[];
    notPrincipals?: PrincipalBlock[];
    conditions?: ConditionBlock[];
}

export interface PolicyDocumentInput {
    policyId?: string;
    version?: string;
    statements?: StatementInput[];
    sourcePolicyDocuments?: string[];
    overridePolicyDocuments?: string[];
}

/** One value as a string, several as a list sorted in descending order, duplicates removed (they are sets). */
function setValue(values: string[] | undefined, interpolate = false): string | string[] | undefined {
    if (!values || values.length === 0) {
        return undefined;
    }
    const fixed = [...new Set(values.map((v) => (interpolate ? v.replace(/&\{/g, "${") : v)))];
    if (fixed.length === 1) {
        return fixed[0];
    }
    return fixed.sort().reverse();
}

function principals(blocks: PrincipalBlock[] | undefined): unknown {
    if (!blocks || blocks.length === 0) {
        return undefined;
    }
    if (
        blocks.length === 1 &&
        blocks[0].type === "*" &&
        blocks[0].identifiers.length === 1 &&
        blocks[0].identifiers[0] === "*"
    ) {
        return "*";
    }
    const byType = new Map<string, string[]>();
    for (const b of blocks) {
        byType.set(b.type, [...(byType.get(b.type) ?? []), ...b.identifiers]);
    }
    return Object.fromEntries([...byType.keys()].sort().map((type) => [type, setValue(byType.get(type))]));
}

function conditions(blocks: ConditionBlock[] | undefined): unknown {
    if (!blocks || blocks.length === 0) {
        return undefined;
    }
    const byTest = new Map<string, Map<string, string[]>>();
    for (const b of blocks) {
        const variables = byTest.get(b.test) ?? new Map<string, string[]>();
        variables.set(b.variable, [
            ...(variables.get(b.variable) ?? []),
            ...b.values.map((v) => v.replace(/&\{/g, "${")),
        ]);
        byTest.set(b.test, variables);
    }
    return Object.fromEntries(
        [...byTest.keys()].sort().map((test) => {
            const variables = byTest.get(test)!;
            // Values keep their order; a single value is written as a string.
            return [
                test,
                Object.fromEntries(
                    [...variables.keys()].sort().map((v) => {
                        const values = variables.get(v)!;
                        return [v, values.length === 1 ? values[0] : values];
                    }),
                ),
            ];
        }),
    );
}

function statement(s: StatementInput): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const put = (key: string, value: unknown) => {
        if (value !== undefined && value !== "") {
            out[key] = value;
        }
    };
    put("Sid", s.sid);
    put("Effect", s.effect ?? "Allow");
    put("Action", setValue(s.actions));
    put("NotAction", setValue(s.notActions));
    put("Resource", setValue(s.resources, true));
    put("NotResource", setValue(s.notResources, true));
    put("Principal", principals(s.principals));
    put("NotPrincipal", principals(s.notPrincipals));
    put("Condition", conditions(s.conditions));
    return out;
}

/** Go's encoding/json escapes these for HTML safety; the provider does not turn that off. */
function goJson(value: unknown, indent?: number): string {
    return JSON.stringify(value, null, indent)
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026");
}

/** The provider's answer: `json`, `minifiedJson`, an `id`, and the inputs echoed. */
export function renderPolicyDocument(input: PolicyDocumentInput): Record<string, unknown> {
    const merged: Record<string, unknown>[] = [];
    const bySid = new Map<string, number>();
    const add = (s: Record<string, unknown>, override: boolean) => {
        const sid = typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : undefined;
        if (sid !== undefined && bySid.has(sid)) {
            if (!override) {
                throw new Error(`getPolicyDocument: duplicate Sid ${JSON.stringify(sid)}`);
            }
            merged[bySid.get(sid)!] = s;
            return;
        }
        if (sid !== undefined) {
            bySid.set(sid, merged.length);
        }
        merged.push(s);
    };
    for (const source of input.sourcePolicyDocuments ?? []) {
        for (const s of (JSON.parse(source).Statement ?? []) as Record<string, unknown>[]) {
            add(s, false);
        }
    }
    for (const s of input.statements ?? []) {
        add(statement(s), false);
    }
    for (const override of input.overridePolicyDocuments ?? []) {
        for (const s of (JSON.parse(override).Statement ?? []) as Record<string, unknown>[]) {
            add(s, true);
        }
    }
    const doc: Record<string, unknown> = { Version: input.version ?? "2012-10-17" };
    if (input.policyId) {
        doc.Id = input.policyId;
    }
    if (merged.length > 0) {
        doc.Statement = merged;
    }
    const json = goJson(doc, 2);
    return {
        ...input,
        id: String(crc32(json)),
        json,
        minifiedJson: goJson(doc),
    };
}

/** CRC-32 (IEEE), as the provider's StringHashcode uses for the id. */
function crc32(text: string): number {
    let crc = 0xffffffff;
    for (const byte of Buffer.from(text, "utf8")) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) {
            crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
        }
    }
    const value = (crc ^ 0xffffffff) >>> 0;
    // StringHashcode returns a non-negative int: the CRC, negated when it would be negative as int32.
    const signed = value | 0;
    return signed >= 0 ? signed : -signed;
}
