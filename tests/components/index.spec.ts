import * as assert from "assert";
import * as entry from "../../components/index";
import * as contract from "../../components/contract";
import { ApiGatewayAccountSettings } from "../../components/apiGatewayAccountSettings";
import { ObservableHttpApi } from "../../components/observableHttpApi";
import { ObservableRestApi } from "../../components/observableRestApi";
import { ObservableWebSocketApi } from "../../components/observableWebSocketApi";

describe("components/index (the package's public entry)", () => {
    it("exports exactly the components and their enums; everything else is internal or in observable-api/contract", () => {
        assert.deepStrictEqual(Object.keys(entry).sort(), [
            "AccessLogFormat",
            "AccountCloudWatchRole",
            "ApiGatewayAccountSettings",
            "CloudWatchRoleSource",
            "Environment",
            "ExecutionLogLevel",
            "ObservableHttpApi",
            "ObservableRestApi",
            "ObservableWebSocketApi",
        ]);
        assert.strictEqual(entry.ObservableRestApi, ObservableRestApi);
        assert.strictEqual(entry.ObservableHttpApi, ObservableHttpApi);
        assert.strictEqual(entry.ObservableWebSocketApi, ObservableWebSocketApi);
        assert.strictEqual(entry.ApiGatewayAccountSettings, ApiGatewayAccountSettings);
        for (const name of [
            "AccessLogFormat",
            "AccountCloudWatchRole",
            "CloudWatchRoleSource",
            "Environment",
            "ExecutionLogLevel",
        ] as const) {
            assert.strictEqual(entry[name], contract[name], name);
        }
    });
});
