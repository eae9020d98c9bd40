/**
 * The scale benchmarks, run in a child process each so that peak memory and timings are their
 * own: `tsx bench/value/scale.ts abc-rfm` (ABC + RFM over 10 million transactions) and
 * `tsx bench/value/scale.ts fits` (BG/NBD, Pareto/NBD and Gamma-Gamma on 1 million customers).
 * Data come from the seeded buy-till-you-die simulation with the synth generator's default
 * process; generating it is not timed. Prints one JSON line.
 */
import { DEFAULT_PURCHASE_PROCESS } from "../../src/synth/index.js";
import { simulateHistories, simulateTransactionColumns } from "../../src/_lib/value-simulate.js";
import {
  assignAbcTierColumns,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  rollupTransactionColumns,
  scoreRfmColumns,
  segmentRfmColumns,
} from "../../src/value/index.js";
import { peakMemoryMiB } from "../_lib.js";

/** Runs `fn`, returning its result with wall time and this process's CPU time (user + system), in ms. */
function measured<T>(fn: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

const PROCESS = { ...DEFAULT_PURCHASE_PROCESS };
const WINDOW_WEEKS = 156;
const START = new Date("2022-01-01T00:00:00Z");

function abcRfm(transactions: number): object {
  const columns = simulateTransactionColumns({ transactions, process: PROCESS, seed: 7, start: START, windowWeeks: WINDOW_WEEKS, returnShare: PROCESS.returnRate });
  const asOf = new Date(START.getTime() + WINDOW_WEEKS * 7 * 86_400_000);
  const run = (): { a: number; champions: number } => {
    const { values } = rollupTransactionColumns(columns, { asOf });
    const tiers = assignAbcTierColumns(values.netMinor);
    const rfm = scoreRfmColumns(values, { asOf });
    const segments = segmentRfmColumns(rfm);
    return { a: tiers.tiers[0].customers, champions: segments.counts[0]?.customers ?? 0 };
  };
  const runs = [measured(run), measured(run), measured(run)];
  const median = (values: number[]): number => values.sort((x, y) => x - y)[1] as number;
  const last = (runs[2] as (typeof runs)[number]).result;
  return {
    transactions,
    customers: columns.keys.length,
    medianMs: median(runs.map((r) => r.ms)),
    medianCpuMs: median(runs.map((r) => r.cpuMs)),
    peakMiB: peakMemoryMiB(),
    aCustomers: last.a,
    champions: last.champions,
  };
}

function fits(customers: number): object {
  const h = simulateHistories({ customers, process: PROCESS, seed: 3, windowWeeks: WINDOW_WEEKS });
  const rows = Array.from(h.frequency, (x, i) => ({ frequency: x, lastPurchaseAge: h.lastPurchaseAge[i] as number, age: h.age[i] as number, meanSpend: h.meanSpend[i] as number }));
  const bg = measured(() => fitBgNbd(rows, { timeUnit: "weeks" }));
  const pn = measured(() => fitParetoNbd(rows, { timeUnit: "weeks" }));
  const gg = measured(() => fitGammaGamma(rows));
  return {
    customers,
    repeatBuyers: rows.filter((r) => r.frequency > 0).length,
    bgnbd: { ms: bg.ms, cpuMs: bg.cpuMs, parameters: bg.result.ok ? bg.result.model.parameters : bg.result.error },
    paretoNbd: { ms: pn.ms, cpuMs: pn.cpuMs, parameters: pn.result.ok ? pn.result.model.parameters : pn.result.error },
    gammaGamma: { ms: gg.ms, cpuMs: gg.cpuMs, parameters: gg.result.ok ? gg.result.model.parameters : gg.result.error, populationMeanSpend: gg.result.ok ? gg.result.model.populationMeanSpend : null },
    truth: { r: PROCESS.r, alpha: PROCESS.alpha, a: PROCESS.a, b: PROCESS.b, p: PROCESS.spendShape, q: PROCESS.q, gamma: PROCESS.gamma },
    peakMiB: peakMemoryMiB(),
  };
}

const mode = process.argv[2];
const size = Number(process.argv[3]);
if (mode === "abc-rfm") console.log(JSON.stringify(abcRfm(Number.isFinite(size) && size > 0 ? size : 10_000_000)));
else if (mode === "fits") console.log(JSON.stringify(fits(Number.isFinite(size) && size > 0 ? size : 1_000_000)));
else throw new Error('usage: tsx bench/value/scale.ts abc-rfm|fits [size]');
