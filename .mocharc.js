// Tests run transpile-only; `npm run typecheck` is the separate type check.
process.env.TS_NODE_TRANSPILE_ONLY = "true";

module.exports = {
    require: ["ts-node/register", "tests/mocks.ts"],
    extension: ["ts"],
    spec: ["tests/**/*.spec.ts"],
    recursive: true,
    timeout: 20000,
    reporter: "dot",
};
