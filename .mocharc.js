// Tests run transpile-only; `npm run typecheck` is the separate type check.
process.env.TS_NODE_TRANSPILE_ONLY = "true";

// No `spec` here: mocha appends CLI paths to a configured spec, so `npx mocha tests/x.spec.ts` would run all.
module.exports = {
    require: ["ts-node/register", "tests/mocks.ts"],
    extension: ["ts"],
    recursive: true,
    // The real-engine suite has its own config (tests/engine/.mocharc.js) and runs as npm run test:engine.
    ignore: ["tests/engine/**"],
    timeout: 20000,
    // Two workers, one per core: the end-to-end specs spend most of their time in child processes.
    parallel: true,
    jobs: 2,
    reporter: "dot",
};
