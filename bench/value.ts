/**
 * `npm run bench:value` — the value module's benchmark:
 * - CDNOW (../shared/data/value): BG/NBD, Pareto/NBD and Gamma-Gamma against Fader, Hardie &
 *   Lee's published estimates, fit times, the 39-week holdout; writes bench/out/value/cdnow.json
 *   and bench/out/value/cdnow-predictions.csv;
 * - generated data (synth, with ground truth): predictions against the true rates and dropouts;
 * - scale: fits on 1,000,000 simulated customers; ABC + RFM over 10,000,000 simulated
 *   transactions (each in its own process, for clean timings and peak memory);
 * - Online Retail invoices: ABC and RFM tables.
 *
 *   npm run bench:value                      everything
 *   npm run bench:value -- --generated 2000  fewer generated customers (default 10000)
 *   npm run bench:value -- --skip-scale      without the two scale runs
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

/** Runs bench/value/scale.ts in a child process and returns its JSON line. */
function scale(mode: "abc-rfm" | "fits"): Record<string, unknown> {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "bench", "value", "scale.ts"), mode], { cwd: projectRoot, encoding: "utf8", maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !line.startsWith("{")) throw new Error(`scale ${mode} failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

function scaleRows(): Row[] {
  type Timing = { ms: number; cpuMs: number };
  const fits = scale("fits") as { customers: number; repeatBuyers: number; bgnbd: Timing & { parameters: Record<string, number> }; paretoNbd: Timing; gammaGamma: Timing & { parameters: Record<string, number> } };
  const run = scale("abc-rfm") as { transactions: number; customers: number; medianMs: number; medianCpuMs: number; peakMiB: number };
  const seconds = (t: Timing): string => `${fmt(t.ms / 1000, 2)} s (CPU ${fmt(t.cpuMs / 1000, 2)} s)`;
  const p = fits.bgnbd.parameters;
  const g = fits.gammaGamma.parameters;
  return [
    { check: `1M fit: BG/NBD (${fits.customers} customers, ${fits.repeatBuyers} repeat buyers)`, measured: seconds(fits.bgnbd), target: "≤ 10 s", ok: fits.bgnbd.ms <= 10_000 ? "yes" : "NO" },
    { check: "1M fit: Pareto/NBD", measured: seconds(fits.paretoNbd), target: "≤ 10 s", ok: fits.paretoNbd.ms <= 10_000 ? "yes" : "NO" },
    { check: "1M fit: Gamma-Gamma", measured: seconds(fits.gammaGamma), target: "≤ 10 s", ok: fits.gammaGamma.ms <= 10_000 ? "yes" : "NO" },
    {
      check: "1M fit: BG/NBD (r, α, a, b) recovered",
      measured: `${fmt(p["r"] ?? NaN, 3)}, ${fmt(p["alpha"] ?? NaN, 2)}, ${fmt(p["a"] ?? NaN, 3)}, ${fmt(p["b"] ?? NaN, 2)}`,
      target: "0.75, 8, 0.8, 4 (simulated)",
      ok: "–",
    },
    { check: "1M fit: Gamma-Gamma (p, q, γ) recovered", measured: `${fmt(g["p"] ?? NaN, 2)}, ${fmt(g["q"] ?? NaN, 2)}, ${fmt(g["gamma"] ?? NaN, 2)}`, target: "6, 3.5, 15 (simulated)", ok: "–" },
    {
      check: `ABC + RFM over ${run.transactions} transactions (${run.customers} customers), median of 3`,
      measured: seconds({ ms: run.medianMs, cpuMs: run.medianCpuMs }),
      target: "≤ 3 s",
      ok: run.medianMs <= 3000 ? "yes" : "NO",
    },
    { check: "ABC + RFM over 10M transactions: peak memory (whole process)", measured: `${fmt(run.peakMiB, 0)} MiB`, target: "≤ 2048 MiB", ok: run.peakMiB <= 2048 ? "yes" : "NO" },
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
