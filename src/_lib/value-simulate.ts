/**
 * Seeded simulation of the buy-till-you-die process (BG/NBD purchase counts with Gamma-Gamma
 * spend — the story the synth generator also follows), for the value module's tests and
 * benchmarks: it draws straight into typed arrays, so that millions of customers and tens of
 * millions of transactions take seconds, and it knows the true parameters. Time unit: weeks.
 * Private to idic; not used by the library itself.
 */
import type { TransactionColumns } from "../value/columns.js";
import { Rng } from "./random.js";

/** The process parameters (r, α per week; a, b; spend shape p, q, γ in major units). */
export interface SimulatedProcess {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  readonly spendShape: number;
  readonly q: number;
  readonly gamma: number;
}

const MS_PER_WEEK = 7 * 86_400_000;

/** One simulated customer's purchase times (weeks from the window start) and spends. */
function simulateCustomer(rng: Rng, p: SimulatedProcess, windowWeeks: number, acquisitionWeeks: number, out: { times: number[]; spends: number[] }): void {
  out.times.length = 0;
  out.spends.length = 0;
  const lambda = rng.gamma(p.r, p.alpha);
  const dropout = rng.beta(p.a, p.b);
  const nu = rng.gamma(p.q, p.gamma);
  let t = rng.next() * acquisitionWeeks;
  for (;;) {
    out.times.push(t);
    out.spends.push(Math.max(1, Math.round(100 * rng.gamma(p.spendShape, nu))));
    if (out.times.length > 1 && rng.chance(dropout)) break;
    t += rng.exponential(lambda);
    if (t >= windowWeeks) break;
  }
}

/**
 * Simulates transactions until `transactions` entries are reached, as columns (one customer key
 * per simulated customer, one purchase per entry; a share of `returnShare` of the purchases is
 * followed by a return of part of the amount).
 */
export function simulateTransactionColumns(options: {
  readonly transactions: number;
  readonly process: SimulatedProcess;
  readonly seed: number;
  readonly start: Date;
  readonly windowWeeks: number;
  readonly returnShare: number;
}): TransactionColumns {
  const n = options.transactions;
  const customer = new Int32Array(n);
  const time = new Float64Array(n);
  const amountMinor = new Float64Array(n);
  const costMinor = new Float64Array(n);
  const kind = new Uint8Array(n);
  const keys: string[] = [];
  const rng = new Rng(options.seed);
  const buffer = { times: [] as number[], spends: [] as number[] };
  const start = options.start.getTime();
  let i = 0;
  while (i < n) {
    simulateCustomer(rng, options.process, options.windowWeeks, 0.6 * options.windowWeeks, buffer);
    const c = keys.push(`S${String(keys.length).padStart(8, "0")}`) - 1; // ascending, as TransactionColumns requires
    for (let k = 0; k < buffer.times.length && i < n; k++) {
      customer[i] = c;
      time[i] = start + (buffer.times[k] as number) * MS_PER_WEEK;
      amountMinor[i] = buffer.spends[k] as number;
      costMinor[i] = Math.round(0.6 * (buffer.spends[k] as number));
      kind[i] = 0;
      i++;
      if (i < n && rng.chance(options.returnShare)) {
        customer[i] = c;
        time[i] = time[i - 1] as number;
        amountMinor[i] = Math.round(0.5 * (buffer.spends[k] as number));
        costMinor[i] = Math.round(0.3 * (buffer.spends[k] as number));
        kind[i] = 1;
        i++;
      }
    }
  }
  return { currency: "EUR", keys, length: n, customer, time, amountMinor, costMinor, kind };
}

/**
 * Simulates purchase histories (x, t_x, T in weeks, whole days as the summaries count them) of
 * `customers` customers observed for `windowWeeks`, acquired uniformly over the first 60 %, with
 * the mean value of their repeat purchases in major units.
 */
export function simulateHistories(options: { readonly customers: number; readonly process: SimulatedProcess; readonly seed: number; readonly windowWeeks: number }): {
  frequency: Int32Array;
  lastPurchaseAge: Float64Array;
  age: Float64Array;
  meanSpend: Float64Array;
} {
  const n = options.customers;
  const frequency = new Int32Array(n);
  const lastPurchaseAge = new Float64Array(n);
  const age = new Float64Array(n);
  const meanSpend = new Float64Array(n);
  const rng = new Rng(options.seed);
  const buffer = { times: [] as number[], spends: [] as number[] };
  const days = (weeks: number): number => Math.floor(weeks * 7);
  for (let c = 0; c < n; c++) {
    simulateCustomer(rng, options.process, options.windowWeeks, 0.6 * options.windowWeeks, buffer);
    const first = days(buffer.times[0] as number);
    let x = 0;
    let last = first;
    let spend = 0;
    for (let k = 1; k < buffer.times.length; k++) {
      const d = days(buffer.times[k] as number);
      if (d !== last) x++;
      last = d;
      spend += buffer.spends[k] as number;
    }
    frequency[c] = x;
    lastPurchaseAge[c] = (last - first) / 7;
    age[c] = (days(options.windowWeeks) - first) / 7;
    meanSpend[c] = x > 0 ? spend / (buffer.times.length - 1) / 100 : 0;
  }
  return { frequency, lastPurchaseAge, age, meanSpend };
}
