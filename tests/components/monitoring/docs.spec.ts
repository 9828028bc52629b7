import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../components/enums";
import {
    AlarmSignal,
    AlarmThresholds,
    alarmDefaults,
    metricFilterDefinitions,
    queryDefinitions,
} from "../../../components/monitoring";

const DOC = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "monitoring.md"), "utf8");

/** The cells of the table row that starts with the given first cell. */
function row(firstCell: string): string[] {
    const line = DOC.split("\n").find((l) => l.startsWith(`| ${firstCell} `));
    assert.ok(line, `docs/monitoring.md has a row for ${firstCell}`);
    return line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
}

describe("docs/monitoring.md stays true to the code", () => {
    it("lists every alarm with its default threshold per environment", () => {
        const columns: [AlarmSignal, keyof AlarmThresholds, string][] = [
            [AlarmSignal.ServerErrorRate, "serverErrorRatePercent", " %"],
            [AlarmSignal.ServerErrorCount, "serverErrorCount", ""],
            [AlarmSignal.ClientErrorRate, "clientErrorRatePercent", " %"],
            [AlarmSignal.LatencyP99, "latencyP99Ms", " ms"],
            [AlarmSignal.IntegrationLatencyP99, "integrationLatencyP99Ms", " ms"],
            [AlarmSignal.Throttled, "throttledRequests", ""],
            [AlarmSignal.IntegrationTimeouts, "integrationTimeouts", ""],
            [AlarmSignal.LowCacheHitRatio, "cacheHitRatioPercent", " %"],
        ];
        for (const [signal, key, unit] of columns) {
            const cells = row(`\`${signal}\``);
            assert.deepStrictEqual(
                cells.slice(3),
                [
                    `${alarmDefaults[Environment.Production][key]}${unit}`,
                    `${alarmDefaults[Environment.Staging][key]}${unit}`,
                    `${alarmDefaults[Environment.Development][key]}${unit}`,
                    `\`${key}\``,
                ],
                signal,
            );
        }
    });

    it("lists every metric filter with its exact pattern", () => {
        for (const def of metricFilterDefinitions()) {
            assert.strictEqual(row(`\`${def.metricName}\``)[1], `\`${def.pattern}\``);
        }
    });

    it("lists every saved query and its log group", () => {
        for (const q of queryDefinitions({ accessLogQueries: true })) {
            assert.strictEqual(row(q.title)[1], q.logGroup);
        }
    });

    it("embeds the generated picture", () => {
        assert.ok(DOC.includes("![Dashboard layout for the prod stack](docs/dashboard.svg)"));
    });
});
