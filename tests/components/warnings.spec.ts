import * as assert from "assert";
import { accountRateWarning, productionDebugWarning } from "../../components/warnings";

const P = 'ObservableRestApi "orders": ';

describe("components/warnings", () => {
    it("warns for DEBUG in an API declared Production, and tells the truth about the pack", () => {
        assert.strictEqual(
            productionDebugWarning("ObservableRestApi", "orders", "Production", "executionLogging.level", "DEBUG"),
            `${P}executionLogging.level is DEBUG in Production: full request and response data, which may hold ` +
                "credentials and personal data, will be written to CloudWatch Logs; the policy pack's " +
                "apigateway-no-debug-logging-in-production blocks the deployment of an API declared Production",
        );
        assert.deepStrictEqual(
            [
                productionDebugWarning("ObservableRestApi", "orders", "Staging", "executionLogging.level", "DEBUG"),
                productionDebugWarning("ObservableRestApi", "orders", "Production", "executionLogging.level", "INFO"),
                productionDebugWarning("ObservableRestApi", "orders", "Production", "executionLogging.level", "debug"),
            ],
            [undefined, undefined, undefined],
        );
    });

    it("warns for a rate above the 10,000 rps account quota, and not at it", () => {
        assert.strictEqual(
            accountRateWarning("ObservableRestApi", "orders", "methodOverrides[2].throttling.rateLimit", 10000.5),
            `${P}methodOverrides[2].throttling.rateLimit is 10000.5 rps, above the 10000 rps account quota; the ` +
                "account limit applies first unless AWS has raised it",
        );
        assert.deepStrictEqual(
            [
                accountRateWarning("ObservableRestApi", "orders", "throttling.rateLimit", 10000),
                accountRateWarning("ObservableRestApi", "orders", "throttling.rateLimit", "20000"),
            ],
            [undefined, undefined],
        );
    });
});
