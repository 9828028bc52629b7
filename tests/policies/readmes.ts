/**
 * Reading the two READMEs the way a user does: the JSON blocks of their policy sections, and their tables. The specs
 * that keep the READMEs true (every config example still blocks DEBUG in production; the production table is exact)
 * take their cases from here, never from a copy.
 */
import * as fs from "fs";
import * as path from "path";

export const README = path.resolve(__dirname, "..", "..", "README.md");
export const PACK_README = path.resolve(__dirname, "..", "..", "policies", "README.md");

/** A fenced code block with the headings it sits under. */
export interface CodeBlock {
    file: string;
    /** 1-based line of the opening fence. */
    line: number;
    language: string;
    text: string;
    /** The headings above the block, outermost first (`## The policy pack: …`, `### Configuring it`). */
    headings: string[];
}

interface Line {
    text: string;
    number: number;
    headings: string[];
    /** Inside a fenced code block. */
    fenced: boolean;
}

function lines(file: string): Line[] {
    const headings: { level: number; text: string }[] = [];
    let fence: string | undefined;
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((text, i) => {
            const opening = /^\s*(`{3,}|~{3,})/.exec(text);
            const wasFenced = fence !== undefined;
            if (fence === undefined && opening) {
                fence = opening[1];
            } else if (
                fence !== undefined &&
                text.trim().startsWith(fence) &&
                text.trim().replace(/[`~]/g, "") === ""
            ) {
                fence = undefined;
            }
            const heading = !wasFenced && fence === undefined ? /^(#{1,6})\s+(.*)$/.exec(text) : null;
            if (heading) {
                const level = heading[1].length;
                while (headings.length > 0 && headings[headings.length - 1].level >= level) {
                    headings.pop();
                }
                headings.push({ level, text: heading[2].trim() });
            }
            return {
                text,
                number: i + 1,
                headings: headings.map((h) => h.text),
                fenced: wasFenced || opening !== null,
            };
        });
}

/** Every fenced code block of a Markdown file. */
export function codeBlocks(file: string): CodeBlock[] {
    const blocks: CodeBlock[] = [];
    let current: CodeBlock | undefined;
    let fence = "";
    for (const line of lines(file)) {
        const trimmed = line.text.trim();
        if (current === undefined) {
            const opening = /^(`{3,}|~{3,})\s*([\w+-]*)/.exec(trimmed);
            if (opening) {
                fence = opening[1];
                current = {
                    file,
                    line: line.number,
                    language: opening[2].toLowerCase(),
                    text: "",
                    headings: line.headings,
                };
            }
        } else if (trimmed.startsWith(fence) && trimmed.replace(/[`~]/g, "") === "") {
            blocks.push(current);
            current = undefined;
        } else {
            current.text += `${line.text}\n`;
        }
    }
    return blocks;
}

/** A Markdown table: its header cells and rows of cells, as written (inline code keeps its backticks). */
export interface Table {
    file: string;
    line: number;
    header: string[];
    rows: string[][];
}

function cells(row: string): string[] {
    // A pipe inside inline code is not a column separator.
    const out: string[] = [];
    let cell = "";
    let code = false;
    const body = row.trim().replace(/^\|/, "").replace(/\|$/, "");
    for (const ch of body) {
        if (ch === "`") {
            code = !code;
        }
        if (ch === "|" && !code) {
            out.push(cell.trim());
            cell = "";
        } else {
            cell += ch;
        }
    }
    out.push(cell.trim());
    return out;
}

/** The tables of a Markdown file whose innermost heading matches `heading`. */
export function tablesUnder(file: string, heading: RegExp): Table[] {
    const tables: Table[] = [];
    let current: Table | undefined;
    for (const line of lines(file)) {
        const isRow = !line.fenced && line.text.trim().startsWith("|");
        if (!isRow) {
            current = undefined;
            continue;
        }
        const inner = line.headings[line.headings.length - 1] ?? "";
        if (current === undefined) {
            if (heading.test(inner)) {
                current = { file, line: line.number, header: cells(line.text), rows: [] };
                tables.push(current);
            }
        } else if (!/^\|?\s*:?-{3,}/.test(line.text.trim())) {
            current.rows.push(cells(line.text));
        }
    }
    return tables;
}

/** The inline code spans of a cell, without their backticks. */
export function codeSpans(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}
