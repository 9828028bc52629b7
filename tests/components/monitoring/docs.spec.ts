import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../../../components/contract";
import {
    AlarmSignal,
    AlarmThresholds,
    UNHEALTHY_SIGNALS,
    alarmDefaults,
    metricFilterDefinitions,
    queryDefinitions,
} from "../../../components/monitoring";

// The "What you will see" section of the README, up to the next second-level heading.
const README = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
const DOC = README.slice(README.indexOf("## What you will see")).split(/\n## /)[0];

/** The cells of the table row that starts with the given first cell. */
function row(firstCell: string): string[] {
    const line = DOC.split("\n").find((l) => l.startsWith(`| ${firstCell} `));
    assert.ok(line, `README's What you will see has a row for ${firstCell}`);
    return line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
}

describe('README "What you will see" stays true to the code', () => {
    it("lists every alarm with its default threshold per environment, and who it notifies", () => {
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
                    UNHEALTHY_SIGNALS.includes(signal) ? "through the composite" : "yes",
                ],
                signal,
            );
        }
    });

    it("lists the composite that pages, built from exactly the members the code uses", () => {
        const cells = row(`\`${AlarmSignal.ApiUnhealthy}\``);
        assert.strictEqual(cells[1], `composite: ${UNHEALTHY_SIGNALS.map((s) => `\`${s}\``).join(" OR ")}`);
        assert.strictEqual(cells[cells.length - 1], "yes: the page");
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
