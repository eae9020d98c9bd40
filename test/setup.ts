import fc from "fast-check";

// Property tests run with a fixed seed so a failure reproduces; FC_SEED overrides it when exploring.
fc.configureGlobal({ seed: Number(process.env["FC_SEED"] ?? 20261122), numRuns: 100 });
