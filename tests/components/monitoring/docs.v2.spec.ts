import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../components/contract";
import { HttpAlarmSignal, httpAlarmDefaults } from "../../../components/monitoring/http/alarms";
import { httpMetricFilterDefinitions } from "../../../components/monitoring/http/metricFilters";
import { httpQueryDefinitions } from "../../../components/monitoring/http/queries";
import type { HttpAlarmThresholds } from "../../../components/monitoring/http/types";
import { WebSocketAlarmSignal, webSocketAlarmDefaults } from "../../../components/monitoring/webSocket/alarms";
import { webSocketMetricFilterDefinitions } from "../../../components/monitoring/webSocket/metricFilters";
import { webSocketQueryDefinitions } from "../../../components/monitoring/webSocket/queries";
import type { WebSocketAlarmThresholds } from "../../../components/monitoring/webSocket/types";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");

/** A second-level section of the README, up to the next one. */
function section(heading: string): string {
    const start = README.indexOf(`\n## ${heading}\n`);
    assert.notStrictEqual(start, -1, `README has a section ${heading}`);
    return README.slice(start + 1).split(/\n## /)[0];
}

/** The cells of the table row that starts with the given first cell. */
function row(doc: string, firstCell: string): string[] {
    const line = doc.split("\n").find((l) => l.startsWith(`| ${firstCell} `));
    assert.ok(line, `a row for ${firstCell}`);
    return line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
}

function thresholdsColumns<T>(defaults: Record<Environment, T>, key: keyof T, unit: string): string[] {
    return [Environment.Production, Environment.Staging, Environment.Development].map(
        (env) => `${defaults[env][key]}${unit}`,
    );
}

describe("README: the HTTP and WebSocket sections stay true to the code", () => {
    describe("HTTP APIs", () => {
        const doc = section("HTTP APIs: `ObservableHttpApi`");

        it("lists every alarm with its default threshold per environment", () => {
            const columns: [HttpAlarmSignal, keyof HttpAlarmThresholds, string][] = [
                [HttpAlarmSignal.ServerErrorRate, "serverErrorRatePercent", " %"],
                [HttpAlarmSignal.LatencyP99, "latencyP99Ms", " ms"],
                [HttpAlarmSignal.ServerErrorCount, "serverErrorCount", ""],
                [HttpAlarmSignal.ClientErrorRate, "clientErrorRatePercent", " %"],
                [HttpAlarmSignal.IntegrationLatencyP99, "integrationLatencyP99Ms", " ms"],
                [HttpAlarmSignal.Throttled, "throttledRequests", ""],
            ];
            for (const [signal, key, unit] of columns) {
                assert.deepStrictEqual(
                    row(doc, `\`${signal}\``).slice(3, 7),
                    [...thresholdsColumns(httpAlarmDefaults, key, unit), `\`${key}\``],
                    signal,
                );
            }
        });

        it("lists every metric filter with its exact pattern, and every query with its log group", () => {
            for (const def of httpMetricFilterDefinitions()) {
                assert.strictEqual(row(doc, `\`${def.metricName}\``)[1], `\`${def.pattern}\``);
            }
            for (const q of httpQueryDefinitions({ accessLogQueries: true })) {
                assert.strictEqual(row(doc, q.title)[1], q.logGroup);
            }
        });

        it("embeds the generated picture", () => {
            assert.ok(doc.includes("![Dashboard layout of the prod stack's HTTP API](docs/dashboard-http.svg)"));
        });
    });

    describe("WebSocket APIs", () => {
        const doc = section("WebSocket APIs: `ObservableWebSocketApi`");

        it("lists every alarm with its default threshold per environment", () => {
            const columns: [WebSocketAlarmSignal, keyof WebSocketAlarmThresholds, string][] = [
                [WebSocketAlarmSignal.IntegrationErrorRate, "integrationErrorRatePercent", " %"],
                [WebSocketAlarmSignal.ExecutionErrors, "executionErrors", ""],
                [WebSocketAlarmSignal.IntegrationLatencyP99, "integrationLatencyP99Ms", " ms"],
                [WebSocketAlarmSignal.ThrottledMessages, "throttledMessages", ""],
                [WebSocketAlarmSignal.FailedConnects, "failedConnects", ""],
            ];
            for (const [signal, key, unit] of columns) {
                assert.deepStrictEqual(
                    row(doc, `\`${signal}\``).slice(3, 7),
                    [...thresholdsColumns(webSocketAlarmDefaults, key, unit), `\`${key}\``],
                    signal,
                );
            }
        });

        it("lists every metric filter with its exact pattern, and every query with its log group", () => {
            for (const def of webSocketMetricFilterDefinitions()) {
                assert.strictEqual(row(doc, `\`${def.metricName}\``)[1], `\`${def.pattern}\``);
            }
            for (const q of webSocketQueryDefinitions({ accessLogQueries: true, executionLogQuery: true })) {
                assert.strictEqual(row(doc, q.title)[1], q.logGroup);
            }
        });

        it("embeds the generated picture and says the execution log group's name is not documented for WebSocket", () => {
            assert.ok(
                doc.includes("![Dashboard layout of the prod stack's WebSocket API](docs/dashboard-websocket.svg)"),
            );
            assert.ok(doc.includes("**The execution log group's name is not documented by AWS for WebSocket APIs.**"));
        });
    });
});
