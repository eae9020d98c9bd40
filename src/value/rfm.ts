import { orderStatistics } from "../_lib/value-sort.js";
import type { CustomerValue, CustomerValueColumns } from "./rollup.js";
import { checkDate, MS_PER_DAY } from "./time.js";

/**
 * Which amount of a {@link CustomerValue} is the RFM monetary value: `net` (default), `gross`,
 * `sales`, `margin` (customers with an unknown margin are left unscored), or the
 * `average-net` value per purchase.
 *
 * @example
 * ```ts
 * const measure: MonetaryMeasure = "margin";
 * ```
 */
export type MonetaryMeasure = "net" | "gross" | "sales" | "margin" | "average-net";

/**
 * Options of {@link scoreRfm}.
 *
 * @example
 * ```ts
 * const options: RfmOptions = { asOf: new Date("2011-12-10"), bins: 5, monetary: "net" };
 * ```
 */
export interface RfmOptions {
  /** The instant recency is measured to (the `asOf` of the rollup). Required. */
  readonly asOf: Date;
  /** Number of quantile scores (default 5: scores 1–5). */
  readonly bins?: number;
  /** The monetary value used (default `"net"`). */
  readonly monetary?: MonetaryMeasure;
}

/**
 * One customer's RFM figures and scores. Recency here is the RFM recency — days since the last
 * purchase — not the buy-till-you-die "age at last purchase" (`lastPurchaseAge`).
 *
 * @example
 * ```ts
 * const s: RfmScore = scores.scored[0]!;
 * console.log(s.key, s.code); // "C-17 545"
 * ```
 */
export interface RfmScore {
  /** The customer key. */
  readonly key: string;
  /** Whole days from the last purchase to `asOf`. */
  readonly recencyDays: number;
  /** Number of purchases. */
  readonly frequency: number;
  /** The monetary value (minor units). */
  readonly monetaryMinor: number;
  /** Recency score: `bins` for the most recent buyers, 1 for the least recent. */
  readonly recencyScore: number;
  /** Frequency score: `bins` for the most frequent buyers. */
  readonly frequencyScore: number;
  /** Monetary score: `bins` for the highest spenders. */
  readonly monetaryScore: number;
  /** The mean of the frequency and monetary scores (used by the common segment table). */
  readonly frequencyMonetaryScore: number;
  /** The three scores as a code, e.g. `"545"` (scores separated by `-` when `bins` > 9). */
  readonly code: string;
  /** The number of scores: each score lies in 1…bins (what segment rules are checked against). */
  readonly bins: number;
}

/**
 * The outcome of {@link scoreRfm}.
 *
 * @example
 * ```ts
 * const { scored, unscored } = scoreRfm(rollup.customers, { asOf });
 * ```
 */
export interface RfmResult {
  /** Customers with a purchase in the window, in input order. */
  readonly scored: RfmScore[];
  /**
   * Keys of customers that could not be scored: no purchase in the window, no known margin for
   * `monetary: "margin"`, or a last purchase after `asOf`.
   */
  readonly unscored: string[];
  /** Of the unscored, customers whose last purchase is after `asOf` (their values come from a window that ends later: roll up with the same `asOf`). */
  readonly afterAsOf: number;
  /** The number of scores (1…bins). */
  readonly bins: number;
}

/**
 * RFM scores in columnar form: position i describes the customer at position i of the value
 * columns. Unscored customers (no purchase in the window, no known margin for
 * `monetary: "margin"`, or a last purchase after `asOf`) have `scored[i] = 0` and scores 0.
 *
 * @example
 * ```ts
 * const rfm: RfmColumns = scoreRfmColumns(values, { asOf });
 * ```
 */
export interface RfmColumns {
  /** 1 when the customer was scored, 0 otherwise. */
  readonly scored: Uint8Array;
  /** Whole days from the last purchase to `asOf` (NaN when unscored). */
  readonly recencyDays: Float64Array;
  /** Number of purchases. */
  readonly frequency: Int32Array;
  /** The monetary value (NaN when unscored). */
  readonly monetaryMinor: Float64Array;
  /** Recency score 1…bins (0 when unscored). */
  readonly recencyScore: Uint8Array;
  /** Frequency score 1…bins (0 when unscored). */
  readonly frequencyScore: Uint8Array;
  /** Monetary score 1…bins (0 when unscored). */
  readonly monetaryScore: Uint8Array;
  /** Number of scored customers. */
  readonly scoredCount: number;
  /** Customers left unscored because their last purchase is after `asOf`. */
  readonly afterAsOf: number;
  /** The number of scores (1…bins). */
  readonly bins: number;
}

const MEASURES: readonly MonetaryMeasure[] = ["net", "gross", "sales", "margin", "average-net"];

function checkRfmOptions(options: RfmOptions): { asOf: number; bins: number; measure: MonetaryMeasure } {
  const asOf = checkDate(options?.asOf, "asOf");
  const bins = options.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new RangeError(`options.bins must be an integer from 2 to 100 (got ${bins})`);
  const measure = options.monetary ?? "net";
  if (!MEASURES.includes(measure)) throw new RangeError(`options.monetary must be one of ${MEASURES.map((m) => `"${m}"`).join(", ")} (got ${JSON.stringify(measure)})`);
  return { asOf, bins, measure };
}

/**
 * Writes quantile scores 1…bins by rank for the scored positions: 1 + ⌊bins × w / n⌋, where w is
 * the number of scored values strictly worse (larger values are better, or smaller ones with
 * `lowerIsBetter`, as for recency in days). Tie rule: equal values always share one score — the
 * score of the lowest position of the tie group — so scores never depend on order. Computed with bins − 1 thresholds: w ≥ ⌈s n / bins⌉ exactly when the value
 * exceeds the ⌈s n / bins⌉-th smallest value (found by quickselect, no full sort).
 */
function quantileScores(values: ArrayLike<number>, lowerIsBetter: boolean, scored: Uint8Array, n: number, bins: number, out: Uint8Array): void {
  if (n === 0) return;
  const sign = lowerIsBetter ? -1 : 1; // scores rank larger signed values higher
  const kept = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (scored[i] === 1) kept[k++] = sign * (values[i] as number);
  const positions = Array.from({ length: bins - 1 }, (_, s) => Math.max(0, Math.ceil(((s + 1) * n) / bins) - 1));
  const thresholds = orderStatistics(kept, positions);
  for (let i = 0; i < values.length; i++) {
    if (scored[i] !== 1) continue;
    const v = sign * (values[i] as number);
    let score = 1;
    for (let s = 0; s < bins - 1 && v > (thresholds[s] as number); s++) score++;
    out[i] = score;
  }
}

/** The RFM core on plain columns: last purchase (ms, NaN none), purchases and monetary value (NaN unscored). */
function rfmCore(lastPurchase: Float64Array, purchases: Int32Array, monetary: Float64Array, asOf: number, bins: number): RfmColumns {
  const m = lastPurchase.length;
  const scored = new Uint8Array(m);
  const recencyDays = new Float64Array(m);
  let n = 0;
  let afterAsOf = 0;
  for (let i = 0; i < m; i++) {
    const last = lastPurchase[i] as number;
    if (Number.isNaN(last) || Number.isNaN(monetary[i] as number) || last > asOf) {
      if (last > asOf) afterAsOf++;
      recencyDays[i] = NaN;
      continue;
    }
    scored[i] = 1;
    n++;
    recencyDays[i] = Math.floor((asOf - last) / MS_PER_DAY);
  }
  const recencyScore = new Uint8Array(m);
  const frequencyScore = new Uint8Array(m);
  const monetaryScore = new Uint8Array(m);
  quantileScores(recencyDays, true, scored, n, bins, recencyScore);
  quantileScores(purchases, false, scored, n, bins, frequencyScore);
  quantileScores(monetary, false, scored, n, bins, monetaryScore);
  return { scored, recencyDays, frequency: purchases, monetaryMinor: monetary, recencyScore, frequencyScore, monetaryScore, scoredCount: n, afterAsOf, bins };
}

function monetaryOf(measure: MonetaryMeasure, net: number, gross: number, sales: number, cost: number, purchases: number): number {
  switch (measure) {
    case "net":
      return net;
    case "gross":
      return gross;
    case "sales":
      return sales;
    case "margin":
      return net - cost; // NaN when the cost is unknown
    case "average-net":
      return purchases > 0 ? net / purchases : NaN;
  }
}

/**
 * {@link scoreRfm} on value columns, for millions of customers (no objects, three numeric sorts).
 *
 * @param values - From {@link rollupTransactionColumns}.
 * @param options - See {@link RfmOptions}.
 * @returns Scores per position.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const rfm = scoreRfmColumns(rollupTransactionColumns(columns, { asOf }).values, { asOf });
 * ```
 */
export function scoreRfmColumns(values: CustomerValueColumns, options: RfmOptions): RfmColumns {
  const { asOf, bins, measure } = checkRfmOptions(options);
  const monetary = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const sales = values.salesMinor[i] as number;
    const fees = values.feesMinor[i] as number;
    monetary[i] = monetaryOf(measure, values.netMinor[i] as number, sales + fees, sales, values.costMinor[i] as number, values.purchases[i] as number);
  }
  return rfmCore(values.lastPurchase, values.purchases, monetary, asOf, bins);
}

/**
 * RFM scoring: recency (whole days from the last purchase to `asOf`, an instant), frequency
 * (number of purchases) and monetary value per customer, each turned into a quantile score 1…`bins`
 * (default 1–5, 5 best: most recent, most frequent, highest value).
 *
 * Scores come from ranks: a customer's score is 1 + ⌊bins × w / n⌋, where w is the number of
 * scored customers with a strictly worse value and n the number scored. Tie rule: customers with
 * equal values share one score, the lowest of their positions (so a large tie, such as all the
 * one-time buyers, gets one score and some scores may stay empty); the result never depends on
 * input order. A customer whose last purchase is after `asOf` is not scored (their values come
 * from a window that ends later) and is counted in `afterAsOf`.
 *
 * @param customers - Rolled-up values, from {@link rollupValue}.
 * @param options - See {@link RfmOptions}.
 * @returns The scored customers (input order) and the keys of those that could not be scored.
 * @throws RangeError when `asOf` is not a valid Date, `bins` is not an integer from 2 to 100, or
 *   `monetary` is unknown.
 * @example
 * ```ts
 * const { scored } = scoreRfm(rollup.customers, { asOf: new Date("2011-12-10") });
 * const champions = scored.filter((s) => s.code === "555");
 * ```
 */
export function scoreRfm(customers: readonly CustomerValue[], options: RfmOptions): RfmResult {
  const { asOf, bins, measure } = checkRfmOptions(options);
  const m = customers.length;
  const last = new Float64Array(m);
  const purchases = new Int32Array(m);
  const monetary = new Float64Array(m);
  customers.forEach((c, i) => {
    last[i] = c.lastPurchaseAt === null ? NaN : c.lastPurchaseAt.getTime();
    purchases[i] = c.purchases;
    monetary[i] = monetaryOf(measure, c.netMinor, c.grossMinor, c.salesMinor, c.costMinor ?? NaN, c.purchases);
  });
  const rfm = rfmCore(last, purchases, monetary, asOf, bins);
  const scored: RfmScore[] = [];
  const unscored: string[] = [];
  const separator = bins > 9 ? "-" : "";
  customers.forEach((c, i) => {
    if (rfm.scored[i] === 0) {
      unscored.push(c.key);
      return;
    }
    const r = rfm.recencyScore[i] as number;
    const f = rfm.frequencyScore[i] as number;
    const mo = rfm.monetaryScore[i] as number;
    scored.push({
      key: c.key,
      recencyDays: rfm.recencyDays[i] as number,
      frequency: c.purchases,
      monetaryMinor: monetary[i] as number,
      recencyScore: r,
      frequencyScore: f,
      monetaryScore: mo,
      frequencyMonetaryScore: (f + mo) / 2,
      code: `${r}${separator}${f}${separator}${mo}`,
      bins,
    });
  });
  return { scored, unscored, afterAsOf: rfm.afterAsOf, bins };
}
