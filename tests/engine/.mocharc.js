// The real-engine suite (npm run test:engine): serial, because every case runs the Pulumi CLI, a provider and a
// policy pack as child processes, and slow, because each preview takes seconds. Not part of npm test.
process.env.TS_NODE_TRANSPILE_ONLY = "true";

module.exports = {
    require: ["ts-node/register"],
    extension: ["ts"],
    timeout: 1_800_000,
    parallel: false,
    reporter: "spec",
};
