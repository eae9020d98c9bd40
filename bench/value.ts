/**
 * `npm run bench:value` — the value module's benchmark:
 * - CDNOW (../shared/data/value): BG/NBD, Pareto/NBD and Gamma-Gamma against Fader, Hardie &
 *   Lee's published estimates, fit times, the 39-week holdout; writes bench/out/value/cdnow.json
 *   and bench/out/value/cdnow-predictions.csv;
 * - generated data (synth, with ground truth): predictions against the true rates and dropouts;
 * - scale (in a child process, for its own timings and peak memory): 10,000,000 synth
 *   transactions streamed into columns, rollup + ABC + RFM on them, and fits on 1,000,000 synth
 *   persons summarised from the same columns;
 * - Online Retail invoices: ABC and RFM tables.
 *
 *   npm run bench:value                      everything
 *   npm run bench:value -- --generated 2000  fewer generated customers (default 10000)
 *   npm run bench:value -- --skip-scale      without the scale run (it takes minutes: generating the data)
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fmt, printTable, projectRoot } from "./_lib.js";
import { runCdnow, type Row } from "./value/cdnow.js";
import { runGenerated } from "./value/generated.js";
import { runRetail } from "./value/retail.js";

const { values: args } = parseArgs({ options: { generated: { type: "string", default: "10000" }, "skip-scale": { type: "boolean", default: false } } });
const generatedCustomers = Number(args.generated);
if (!Number.isInteger(generatedCustomers) || generatedCustomers < 100) throw new Error(`--generated must be an integer ≥ 100 (got ${args.generated})`);

/** Wall and CPU time of a step, in ms. */
type Timing = { ms: number; cpuMs: number };
/** The JSON line printed by bench/value/scale.ts. */
interface ScaleResult {
  transactions: number;
  entries: number;
  unattributed: number;
  customers: number;
  generator: Timing;
  build: Timing;
  abcRfm: Timing;
  peakMiB: number;
  fits: {
    customers: number;
    repeatBuyers: number;
    bgnbd: Timing & { parameters: Record<string, number> };
    paretoNbd: Timing & { parameters: Record<string, number> };
    gammaGamma: Timing & { parameters: Record<string, number> };
    truth: Record<string, number>;
  };
}

/** Runs bench/value/scale.ts in a child process (its own timings and peak memory) and returns its JSON line. */
function scale(): ScaleResult {
  const child = spawnSync(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", join(projectRoot, "bench", "value", "scale.ts")], { cwd: projectRoot, encoding: "utf8", maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !line.startsWith("{")) throw new Error(`bench/value/scale.ts failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as ScaleResult;
}

function scaleRows(): Row[] {
  const run = scale();
  const { fits } = run;
  const seconds = (t: Timing): string => `${fmt(t.ms / 1000, 2)} s (CPU ${fmt(t.cpuMs / 1000, 2)} s)`;
  const p = fits.bgnbd.parameters;
  const g = fits.gammaGamma.parameters;
  const t = fits.truth;
  const million = `${(run.transactions / 1e6).toFixed(0)}M`;
  return [
    {
      check: `scale data: synth (seed 7) streamed, ${run.transactions} transactions of ${run.customers} persons (generation, not timed below)`,
      measured: seconds(run.generator),
      target: "report",
      ok: "–",
    },
    {
      check: `${million}: transaction objects → person-level columns (${run.entries} entries, ${run.unattributed} unattributed)`,
      measured: seconds(run.build),
      target: "report",
      ok: "–",
    },
    { check: `${million}: rollup + ABC + RFM + segments on the columns (median of 3 after a warm-up)`, measured: seconds(run.abcRfm), target: "≤ 3 s", ok: run.abcRfm.ms <= 3000 ? "yes" : "NO" },
    {
      check: `${million}: columns + rollup + ABC + RFM + segments`,
      measured: seconds({ ms: run.build.ms + run.abcRfm.ms, cpuMs: run.build.cpuMs + run.abcRfm.cpuMs }),
      target: "report",
      ok: "–",
    },
    { check: `${million}: peak memory of the whole process (generation included)`, measured: `${fmt(run.peakMiB, 0)} MiB`, target: "≤ 2048 MiB", ok: run.peakMiB <= 2048 ? "yes" : "NO" },
    { check: `1M fit: BG/NBD (${fits.customers} synth persons, ${fits.repeatBuyers} repeat buyers)`, measured: seconds(fits.bgnbd), target: "≤ 10 s", ok: fits.bgnbd.ms <= 10_000 ? "yes" : "NO" },
    { check: "1M fit: Pareto/NBD", measured: seconds(fits.paretoNbd), target: "≤ 10 s", ok: fits.paretoNbd.ms <= 10_000 ? "yes" : "NO" },
    { check: "1M fit: Gamma-Gamma", measured: seconds(fits.gammaGamma), target: "≤ 10 s", ok: fits.gammaGamma.ms <= 10_000 ? "yes" : "NO" },
    {
      check: "1M fit: BG/NBD (r, α, a, b) vs the generator's",
      measured: `${fmt(p["r"] ?? NaN, 3)}, ${fmt(p["alpha"] ?? NaN, 2)}, ${fmt(p["a"] ?? NaN, 3)}, ${fmt(p["b"] ?? NaN, 2)}`,
      target: `${t["r"]}, ${t["alpha"]}, ${t["a"]}, ${t["b"]}`,
      ok: "–",
    },
    {
      check: "1M fit: Gamma-Gamma (p, q, γ) vs the generator's (γ in minor units)",
      measured: `${fmt(g["p"] ?? NaN, 2)}, ${fmt(g["q"] ?? NaN, 2)}, ${fmt(g["gamma"] ?? NaN, 0)}`,
      target: `${t["spendShape"]}, ${t["q"]}, ${(t["gamma"] ?? NaN) * 100}`,
      ok: "–",
    },
  ];
}

const cdnow = runCdnow();
const generated = runGenerated(generatedCustomers);
const scaled = args["skip-scale"] ? [] : scaleRows();
const retail = runRetail();

console.log("\n## idic/value benchmark\n");
printTable([...cdnow.rows, ...generated, ...scaled, ...retail.rows]);
if (cdnow.holdout.length > 0) {
  console.log("\n### CDNOW holdout (weeks 40–78): mean repeat purchases per customer by calibration frequency\n");
  printTable(cdnow.holdout);
}
if (retail.abc.length > 0) {
  console.log("\n### Online Retail: ABC tiers by net value (A up to 70 %, B up to 95 %)\n");
  printTable(retail.abc);
  console.log("\n### Online Retail: RFM segments (5 quantile scores, as of 2011-12-10)\n");
  printTable(retail.rfm);
}
console.log(`\nTimings are wall-clock on a shared machine (load average ${loadavg().map((l) => l.toFixed(1)).join(", ")} on ${cpus().length} cores at the end); the CPU figures are this process's own CPU time. Outputs: bench/out/value/cdnow.json, bench/out/value/cdnow-predictions.csv`);
