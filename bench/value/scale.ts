/**
 * The scale benchmark, run in a child process of its own so that its timings and peak memory are
 * its own: `tsx bench/value/scale.ts [transactions] [fitCustomers]` (defaults 10,000,000 and
 * 1,000,000). Prints one JSON line.
 *
 * 1. Streams the synth generator's data set (seed 7, default purchase process, no interactions)
 *    chunk by chunk into `toTransactionColumns` at person level, stopping after `transactions`
 *    transactions, so that no more than one chunk of transaction objects is ever in memory. The
 *    time spent inside the generator (and in filling the record → person table) is measured and
 *    subtracted: the column-building row is the library's own work (attribution, interning,
 *    typed arrays, key sort), plus whatever garbage collection of the generator's objects falls
 *    into it.
 * 2. Rollup + ABC + RFM + segments on those columns: one warm-up run, then the median of three.
 * 3. Buy-till-you-die summaries of the same columns, and BG/NBD, Pareto/NBD and Gamma-Gamma fits on
 *    the first `fitCustomers` persons (after a warm-up fit on 20,000 of them).
 */
import { DEFAULT_PURCHASE_PROCESS, streamCrmDataset } from "../../src/synth/index.js";
import type { Transaction } from "../../src/customer/index.js";
import {
  assignAbcTierColumns,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  rollupTransactionColumns,
  scoreRfmColumns,
  segmentRfmColumns,
  summarizeTransactionColumns,
  toTransactionColumns,
  type CustomerSummary,
  type TransactionColumns,
} from "../../src/value/index.js";
import { peakMemoryMiB } from "../_lib.js";

/** Wall and CPU time (user + system of this process), in ms. */
interface Timing {
  ms: number;
  cpuMs: number;
}

/** Runs `fn`, returning its result with its wall and CPU time. */
function measured<T>(fn: () => T): { result: T } & Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

const SEED = 7;
/** The data set's end (synth's default): the asOf of the rollup and the end of calibration. */
const END = new Date("2024-12-31T00:00:00Z");

/**
 * The first `limit` transactions of a streamed synth data set, with the time spent generating
 * them — and filling `personOf` with the current chunk's records (a chunk holds whole households
 * with their records and transactions, so memory stays bounded) — added to `generator`.
 */
function* synthTransactions(limit: number, personOf: Map<string, string>, generator: Timing): Generator<Transaction> {
  // About six transactions per person with the default process: ask for enough people.
  const stream = streamCrmDataset({ seed: SEED, customers: Math.ceil(limit / 3), interactions: false, end: END });
  let count = 0;
  for (;;) {
    const chunk = measured(() => {
      const next = stream.next();
      personOf.clear();
      if (next.done !== true) for (const r of next.value.truth.records) personOf.set(r.sourceId, r.personId);
      return next;
    });
    generator.ms += chunk.ms;
    generator.cpuMs += chunk.cpuMs;
    if (chunk.result.done === true) return;
    for (const t of chunk.result.value.transactions) {
      if (count++ === limit) return;
      yield t;
    }
  }
}

/** Columns of the first `limit` synth transactions at person level, and the time the library took to build them. */
function buildColumns(limit: number): { columns: TransactionColumns; transactions: number; unattributed: number; build: Timing; generator: Timing } {
  const personOf = new Map<string, string>();
  const generator = { ms: 0, cpuMs: 0 };
  const total = measured(() => toTransactionColumns(synthTransactions(limit, personOf, generator), { attribution: { level: "person", personOf: (id) => personOf.get(id) } }));
  if (!total.result.ok) throw new Error(total.result.error.message);
  return {
    columns: total.result.columns,
    transactions: total.result.transactions,
    unattributed: total.result.unattributed.length,
    build: { ms: total.ms - generator.ms, cpuMs: total.cpuMs - generator.cpuMs },
    generator,
  };
}

/** Rollup, ABC tiers, RFM scores and segments over the columns. */
function abcRfm(columns: TransactionColumns): { customers: number; a: number; champions: number } {
  const { values } = rollupTransactionColumns(columns, { asOf: END });
  const tiers = assignAbcTierColumns(values.netMinor);
  const segments = segmentRfmColumns(scoreRfmColumns(values, { asOf: END }));
  return { customers: values.keys.length, a: tiers.tiers[0].customers, champions: segments.counts[0]?.customers ?? 0 };
}

const median = (values: number[]): number => values.slice().sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;

function run(transactions: number, fitCustomers: number): object {
  // Warm-up: build, roll up and score a small stream first, so that the timed runs are not the first calls.
  abcRfm(buildColumns(100_000).columns);
  const built = buildColumns(transactions);
  abcRfm(built.columns);
  const runs = [measured(() => abcRfm(built.columns)), measured(() => abcRfm(built.columns)), measured(() => abcRfm(built.columns))];
  const peakMiB = peakMemoryMiB();

  const summary = summarizeTransactionColumns(built.columns, { calibrationEnd: END, timeUnit: "weeks" });
  const histories: CustomerSummary[] = summary.customers.slice(0, fitCustomers);
  fitBgNbd(histories.slice(0, 20_000), { timeUnit: "weeks" });
  fitParetoNbd(histories.slice(0, 20_000), { timeUnit: "weeks" });
  fitGammaGamma(histories.slice(0, 20_000));
  const bg = measured(() => fitBgNbd(histories, { timeUnit: "weeks" }));
  const pn = measured(() => fitParetoNbd(histories, { timeUnit: "weeks" }));
  const gg = measured(() => fitGammaGamma(histories));
  const timing = (t: Timing): Timing => ({ ms: t.ms, cpuMs: t.cpuMs });
  const last = runs[2]?.result;
  return {
    transactions: built.transactions,
    entries: built.columns.length,
    unattributed: built.unattributed,
    customers: last?.customers,
    generator: built.generator,
    build: built.build,
    abcRfm: { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) },
    peakMiB,
    aCustomers: last?.a,
    champions: last?.champions,
    fits: {
      customers: histories.length,
      repeatBuyers: histories.filter((h) => h.frequency > 0).length,
      bgnbd: { ...timing(bg), parameters: bg.result.ok ? bg.result.model.parameters : bg.result.error },
      paretoNbd: { ...timing(pn), parameters: pn.result.ok ? pn.result.model.parameters : pn.result.error },
      gammaGamma: { ...timing(gg), parameters: gg.result.ok ? gg.result.model.parameters : gg.result.error },
      truth: DEFAULT_PURCHASE_PROCESS,
    },
  };
}

const [transactions = 10_000_000, fitCustomers = 1_000_000] = process.argv.slice(2).map(Number);
if (!(Number.isInteger(transactions) && transactions > 0 && Number.isInteger(fitCustomers) && fitCustomers > 0)) {
  throw new Error("usage: tsx bench/value/scale.ts [transactions] [fitCustomers] (positive integers)");
}
console.log(JSON.stringify(run(transactions, fitCustomers)));
