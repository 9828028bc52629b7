/**
 * The rules CloudWatch applies to a dashboard body (PutDashboard rejects or mis-renders a body that breaks them),
 * as one checker the tests run on every body they build. Returns the list of violations; empty means valid.
 */
export function dashboardViolations(bodyJson: string): string[] {
    const problems: string[] = [];
    if (Buffer.byteLength(bodyJson, "utf8") >= 1024 * 1024) {
        problems.push("body is 1 MB or more");
    }
    let body: any;
    try {
        body = JSON.parse(bodyJson);
    } catch (err) {
        return [`body is not JSON: ${(err as Error).message}`];
    }
    if (!Array.isArray(body.widgets) || body.widgets.length === 0) {
        return ["body has no widgets"];
    }
    const cells = new Map<string, number>();
    body.widgets.forEach((w: any, i: number) => {
        const at = `widget ${i} (${w.properties?.title ?? w.type})`;
        for (const key of ["x", "y", "width", "height"]) {
            if (!Number.isInteger(w[key]) || w[key] < 0) {
                problems.push(`${at}: ${key} must be a non-negative integer, got ${w[key]}`);
            }
        }
        if (w.width < 1 || w.width > 24) {
            problems.push(`${at}: width ${w.width} outside 1..24`);
        }
        if (w.height < 1 || w.height > 1000) {
            problems.push(`${at}: height ${w.height} outside 1..1000`);
        }
        if (w.x + w.width > 24) {
            problems.push(`${at}: x + width = ${w.x + w.width} > 24`);
        }
        for (let dx = 0; dx < w.width; dx++) {
            for (let dy = 0; dy < w.height; dy++) {
                const key = `${w.x + dx},${w.y + dy}`;
                if (cells.has(key)) {
                    problems.push(`${at}: overlaps widget ${cells.get(key)} at ${key}`);
                    return;
                }
                cells.set(key, i);
            }
        }
        if (w.type === "metric") {
            problems.push(...metricWidgetViolations(at, w.properties));
        } else if (w.type === "text") {
            if (typeof w.properties?.markdown !== "string" || w.properties.markdown.length === 0) {
                problems.push(`${at}: text widget without markdown`);
            }
        } else {
            problems.push(`${at}: unexpected widget type ${w.type}`);
        }
    });
    return problems;
}

function metricWidgetViolations(at: string, p: any): string[] {
    const problems: string[] = [];
    if (typeof p?.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(p.region)) {
        problems.push(`${at}: region missing or malformed: ${p?.region}`);
    }
    if (!Array.isArray(p?.metrics) || p.metrics.length === 0) {
        return [...problems, `${at}: no metrics`];
    }
    const ids = new Set<string>();
    const referenced: string[] = [];
    for (const row of p.metrics) {
        if (!Array.isArray(row) || row.length === 0) {
            problems.push(`${at}: metric row is not a non-empty array`);
            continue;
        }
        const last = row[row.length - 1];
        const hasOptions = last !== null && typeof last === "object";
        const head = hasOptions ? row.slice(0, -1) : row;
        if (head.some((v: unknown) => typeof v !== "string")) {
            problems.push(`${at}: metric row has a non-string before its options: ${JSON.stringify(row)}`);
        }
        if (hasOptions && typeof last.id === "string") {
            ids.add(last.id);
        }
        if (head.length === 0) {
            // An expression row: [{expression, id, label}].
            if (!hasOptions || typeof last.expression !== "string" || typeof last.id !== "string") {
                problems.push(`${at}: a row without a metric must be [{expression, id}]: ${JSON.stringify(row)}`);
            } else {
                referenced.push(...(last.expression.match(/\b[a-z][A-Za-z0-9_]*\b/g) ?? []));
            }
            continue;
        }
        // [namespace, metricName, dimName, dimValue, ...]: an even count, and no "." shorthand.
        if (head.length % 2 !== 0) {
            problems.push(
                `${at}: metric row must be [namespace, name, dimName, dimValue, ...]: ${JSON.stringify(row)}`,
            );
        }
        if (head.includes(".")) {
            problems.push(`${at}: metric row uses the "." shorthand: ${JSON.stringify(row)}`);
        }
    }
    for (const id of referenced) {
        if (!ids.has(id)) {
            problems.push(`${at}: expression references unknown id ${id}`);
        }
    }
    return problems;
}
