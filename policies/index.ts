import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("api-gateway-guardrails", {
    description:
        "API Gateway guardrails: no DEBUG logging in production, throttling on every stage, and the logging, " +
        "tracing, cache-encryption, retention and alarm standards a platform team enforces.",
    policies,
});
