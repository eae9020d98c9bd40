/**
 * The idic demo: generates a CRM data set with ground truth and runs every IDIC stage that exists
 * on it, printing a readable report and writing charts to `out/`.
 *
 *   npm run demo                      10,000 customers, seed 1
 *   npm run demo -- --customers 2000 --seed 7 --out out/demo
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { generateCrmDataset } from "../src/synth/index.js";
import { writeChart } from "./charts.js";
import type { DemoContext, DemoStage } from "./context.js";
import { heading, say } from "./report.js";
import { generateStage } from "./stages/generate.js";
import { identityStage } from "./stages/identity.js";
import { recommendStage } from "./stages/recommend.js";
import { valueStage } from "./stages/value.js";

/** The stages, in the order of the method. Each later module adds its own. */
const stages: DemoStage[] = [generateStage, identityStage, valueStage, recommendStage];

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "out" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  say("usage: npm run demo -- [--customers N] [--seed S] [--out DIR]");
  process.exit(0);
}
const customers = Number(values.customers);
const seed = Number(values.seed);
if (!Number.isInteger(customers) || customers < 1) throw new Error(`--customers must be a positive integer, got "${values.customers}"`);
if (!Number.isFinite(seed)) throw new Error(`--seed must be a number, got "${values.seed}"`);

const started = performance.now();
const dataset = generateCrmDataset({ seed, customers });
const outDir = resolve(values.out);
const charts: string[] = [];
const context: DemoContext = {
  dataset,
  asOf: dataset.options.end,
  outDir,
  personOfRecord: new Map(dataset.truth.records.map((r) => [r.sourceId, r.personId])),
  householdOfPerson: new Map(dataset.truth.customers.map((c) => [c.personId, c.householdId])),
  charts,
  async chart(name, spec) {
    const path = await writeChart(outDir, name, spec);
    charts.push(path);
    return path;
  },
};

say(`idic demo — ${customers.toLocaleString("en-GB")} customers, seed ${seed}, as of ${context.asOf.toISOString().slice(0, 10)}`);
for (const stage of stages) {
  heading(stage.title);
  await stage.run(context);
}
heading("Done");
say(`${stages.length} stage(s) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (context.charts.length > 0) say(`Charts written:\n${context.charts.map((c) => `  ${c}`).join("\n")}`);
