import { argsortDescending, lexicographicOrder } from "../_lib/value-sort.js";
import type { InvalidHistoryError, NoCustomersError, NoRepeatBuyersError } from "./errors.js";
import type { PurchaseHistory, SpendHistory } from "./summarize.js";

/**
 * A purchase history with an optional weight: the number of customers who share it. Fits
 * compress identical histories into weighted rows themselves; a caller holding an already
 * compressed table (like Hardie's CDNOW summary counts) can pass weights directly.
 *
 * @example
 * ```ts
 * const row: WeightedPurchaseHistory = { frequency: 0, lastPurchaseAge: 0, age: 38.86, weight: 120 };
 * ```
 */
export interface WeightedPurchaseHistory extends PurchaseHistory {
  /** Number of customers with this history (default 1; finite, ≥ 0). */
  readonly weight?: number;
}

/**
 * A spend history with an optional weight (see {@link WeightedPurchaseHistory}).
 *
 * @example
 * ```ts
 * const row: WeightedSpendHistory = { frequency: 3, meanSpend: 27.5, weight: 2 };
 * ```
 */
export interface WeightedSpendHistory extends SpendHistory {
  /** Number of customers with this history (default 1; finite, ≥ 0). */
  readonly weight?: number;
}

/** Distinct values of a column and each row's index into them. */
export interface ValueIndex {
  readonly values: Float64Array;
  readonly index: Int32Array;
}

/**
 * Unique purchase histories in a canonical order (by x, t_x, T), with weights, and the distinct
 * values of x, t_x and T with each row's index into them: the likelihoods compute logarithms once
 * per distinct value, not per row (ages counted in whole days take about a thousand values, however
 * many customers there are).
 */
export interface PurchaseTable {
  readonly n: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Sum of weights. */
  readonly customers: number;
  /** Sum of weights with x > 0. */
  readonly repeatBuyers: number;
  readonly xs: ValueIndex;
  readonly txs: ValueIndex;
  readonly Ts: ValueIndex;
}

function invalid(index: number, field: string, why: string): InvalidHistoryError {
  return { code: "INVALID_HISTORY", message: `row ${index}: ${field} ${why}`, index, field };
}

function weightOf(row: { readonly weight?: number }, index: number): number | InvalidHistoryError {
  const w = row.weight ?? 1;
  return Number.isFinite(w) && w >= 0 ? w : invalid(index, "weight", `must be a finite number ≥ 0 (got ${String(w)})`);
}

/** The distinct values of a column (ascending) and each row's index into them. */
export function indexValues(values: Float64Array): ValueIndex {
  const n = values.length;
  const firstSeen = new Map<number, number>();
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = (values[i] as number) + 0; // −0 and +0 are one value
    let k = firstSeen.get(v);
    if (k === undefined) {
      k = firstSeen.size;
      firstSeen.set(v, k);
    }
    index[i] = k;
  }
  // Renumber in ascending order of value, so that the index does not depend on the row order.
  const distinct = Float64Array.from(firstSeen.keys()).sort();
  const rank = new Int32Array(distinct.length);
  for (let r = 0; r < distinct.length; r++) rank[firstSeen.get(distinct[r] as number) as number] = r;
  for (let i = 0; i < n; i++) index[i] = rank[index[i] as number] as number;
  return { values: distinct, index };
}

/**
 * Merges rows with equal values in every column, summing their (positive) weights, in a
 * canonical order — descending by the columns, most significant first — so that the result does
 * not depend on the input's order. Each column's values are indexed once; the rows are then
 * sorted by one integer key combining the indexes (a radix sort, no comparisons).
 */
function compress(columns: Float64Array[], weights: Float64Array): { order: Int32Array; weight: Float64Array; indexes: ValueIndex[] } {
  const n = weights.length;
  const indexes = columns.map(indexValues);
  let span = 1;
  for (const ix of indexes) span *= ix.values.length;
  const key = new Float64Array(n);
  for (const ix of indexes) {
    const size = ix.values.length;
    for (let i = 0; i < n; i++) key[i] = (key[i] as number) * size + (ix.index[i] as number);
  }
  // The combined index is exact below 2^53; beyond, sort column by column.
  const exact = span < 2 ** 53;
  const sorted = exact ? argsortDescending(key) : lexicographicOrder(indexes.map((ix) => Float64Array.from(ix.index)));
  const same = (i: number, j: number): boolean => {
    if (exact) return key[i] === key[j];
    for (const ix of indexes) if (ix.index[i] !== ix.index[j]) return false;
    return true;
  };
  const order = new Int32Array(n);
  const weight = new Float64Array(n);
  let m = 0;
  let previous = -1;
  for (let s = 0; s < n; s++) {
    const i = sorted[s] as number;
    const wi = weights[i] as number;
    if (!(wi > 0)) continue;
    if (previous >= 0 && same(i, previous)) {
      weight[m - 1] = (weight[m - 1] as number) + wi;
      continue;
    }
    order[m] = i;
    weight[m] = wi;
    m++;
    previous = i;
  }
  const kept = order.slice(0, m);
  const gathered = indexes.map((ix) => {
    const index = new Int32Array(m);
    for (let j = 0; j < m; j++) index[j] = ix.index[kept[j] as number] as number;
    return { values: ix.values, index };
  });
  return { order: kept, weight: weight.slice(0, m), indexes: gathered };
}

/** The values of `column` at the positions `order`. */
function gather(column: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) out[j] = column[order[j] as number] as number;
  return out;
}

/**
 * The weighted mean of a column, with the weights divided by the largest one first so that
 * huge weights cannot overflow the sums; 0 without positive weight.
 */
export function weightedMean(values: Float64Array, weights: Float64Array): number {
  let top = 0;
  for (let i = 0; i < weights.length; i++) top = Math.max(top, weights[i] as number);
  if (!(top > 0)) return 0;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = (weights[i] as number) / top;
    sum += w * (values[i] as number);
    total += w;
  }
  return sum / total;
}

/**
 * The power of two nearest to a typical magnitude (1 when there is none). The fits divide ages
 * and spends by it, so that they run on numbers near 1 whatever the unit (weeks or days, cents or
 * dong) — the optimiser's start, its steps and its test for a parameter running to 0 or ∞ are
 * then relative to the data — and dividing by a power of two is exact.
 */
export function powerOfTwoNear(magnitude: number): number {
  return magnitude > 0 && Number.isFinite(magnitude) ? 2 ** Math.max(-1000, Math.min(1000, Math.round(Math.log2(magnitude)))) : 1;
}

/** Σ w·x, the weighted number of repeat purchases (for the log-likelihood's change of time unit). */
export function purchaseCount(table: PurchaseTable): number {
  let sum = 0;
  for (let i = 0; i < table.n; i++) sum += (table.w[i] as number) * (table.x[i] as number);
  return sum;
}

/** A purchase table with every age divided by `k` (see {@link powerOfTwoNear}). */
export function scalePurchaseTable(table: PurchaseTable, k: number): PurchaseTable {
  if (k === 1) return table;
  const scale = (v: Float64Array): Float64Array => v.map((t) => t / k);
  return {
    ...table,
    tx: scale(table.tx),
    T: scale(table.T),
    txs: { values: scale(table.txs.values), index: table.txs.index },
    Ts: { values: scale(table.Ts.values), index: table.Ts.index },
  };
}

/** A purchase table ready for a buy-till-you-die fit: as given, scaled by `k`, and `k` itself. */
export interface FittablePurchaseTable {
  readonly table: PurchaseTable;
  readonly scaled: PurchaseTable;
  readonly k: number;
}

/**
 * Prepares histories for a buy-till-you-die fit, or says why they cannot be fitted: invalid rows,
 * no customers, no repeat buyers. Ages are divided by a power of two near their mean, so that the
 * fit runs on numbers near 1 whatever the unit.
 */
export function prepareFitTable(
  histories: readonly WeightedPurchaseHistory[],
): { readonly ok: true; readonly fittable: FittablePurchaseTable } | { readonly ok: false; readonly error: InvalidHistoryError | NoCustomersError | NoRepeatBuyersError } {
  const table = preparePurchaseTable(histories);
  if ("code" in table) return { ok: false, error: table };
  if (table.customers === 0) return { ok: false, error: { code: "NO_CUSTOMERS", message: "no customers to fit" } };
  if (table.repeatBuyers === 0) {
    return {
      ok: false,
      error: { code: "NO_REPEAT_BUYERS", message: "no customer made a repeat purchase, so purchase rates and dropout cannot be estimated", customers: table.customers },
    };
  }
  const k = powerOfTwoNear(weightedMean(table.T, table.w));
  return { ok: true, fittable: { table, scaled: scalePurchaseTable(table, k), k } };
}

/**
 * Validates purchase histories and compresses identical ones into weighted rows in a canonical
 * order, so that a fit's result never depends on the order of its input.
 */
export function preparePurchaseTable(rows: readonly WeightedPurchaseHistory[]): PurchaseTable | InvalidHistoryError {
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as WeightedPurchaseHistory;
    const { frequency, lastPurchaseAge, age } = row;
    if (!Number.isInteger(frequency) || frequency < 0) return invalid(i, "frequency", `must be an integer ≥ 0 (got ${String(frequency)})`);
    if (!Number.isFinite(age) || age < 0) return invalid(i, "age", `must be a finite number ≥ 0 (got ${String(age)})`);
    if (!Number.isFinite(lastPurchaseAge) || lastPurchaseAge < 0 || lastPurchaseAge > age) {
      return invalid(i, "lastPurchaseAge", `must lie between 0 and age (${age}) (got ${String(lastPurchaseAge)})`);
    }
    if (frequency === 0 && lastPurchaseAge !== 0) return invalid(i, "lastPurchaseAge", "must be 0 when frequency is 0");
    const weight = weightOf(row, i);
    if (typeof weight !== "number") return weight;
    x[i] = frequency;
    tx[i] = lastPurchaseAge;
    T[i] = age;
    w[i] = weight;
  }
  return purchaseTable(x, tx, T, w);
}

function purchaseTable(x: Float64Array, tx: Float64Array, T: Float64Array, w: Float64Array): PurchaseTable {
  const { order, weight, indexes } = compress([x, tx, T], w);
  const ux = gather(x, order);
  let customers = 0;
  let repeatBuyers = 0;
  for (let k = 0; k < order.length; k++) {
    customers += weight[k] as number;
    if ((ux[k] as number) > 0) repeatBuyers += weight[k] as number;
  }
  const utx = gather(tx, order);
  const uT = gather(T, order);
  const [xs, txs, Ts] = indexes as [ValueIndex, ValueIndex, ValueIndex];
  return { n: order.length, x: ux, tx: utx, T: uT, w: weight, customers, repeatBuyers, xs, txs, Ts };
}

/**
 * A deterministic subsample of about `size` rows of a canonical table (every k-th row, weights
 * multiplied by k), for a cheap first fit whose result starts the fit on the whole table.
 */
export function subsamplePurchaseTable(table: PurchaseTable, size: number): PurchaseTable {
  const step = Math.ceil(table.n / size);
  const pick = Int32Array.from({ length: Math.ceil(table.n / step) }, (_, j) => j * step);
  const w = gather(table.w, pick).map((v) => v * step);
  return purchaseTable(gather(table.x, pick), gather(table.tx, pick), gather(table.T, pick), w);
}

/** Unique (x, m̄) rows of repeat buyers in a canonical order, with weights and ln m̄. */
export interface SpendTable {
  readonly n: number;
  readonly x: Float64Array;
  readonly meanSpend: Float64Array;
  /** ln m̄ per row (fixed, so computed once). */
  readonly logMeanSpend: Float64Array;
  readonly w: Float64Array;
  /** Sum of weights of the rows used (x > 0). */
  readonly customers: number;
  /** Sum of weights of the rows left out because x = 0. */
  readonly nonRepeat: number;
  /** Sum of weights of repeat buyers left out because their mean spend is 0 (only free purchases). */
  readonly zeroSpend: number;
  readonly xs: ValueIndex;
}

/** Validates spend histories, keeps the repeat buyers with a positive mean spend and compresses identical rows. */
export function prepareSpendTable(rows: readonly WeightedSpendHistory[]): SpendTable | InvalidHistoryError {
  const n = rows.length;
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  const w = new Float64Array(n); // stays 0 for rows left out, which compress() drops
  let nonRepeat = 0;
  let zeroSpend = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as WeightedSpendHistory;
    if (!Number.isInteger(row.frequency) || row.frequency < 0) return invalid(i, "frequency", `must be an integer ≥ 0 (got ${String(row.frequency)})`);
    const weight = weightOf(row, i);
    if (typeof weight !== "number") return weight;
    if (row.frequency === 0) {
      nonRepeat += weight;
      continue;
    }
    if (!Number.isFinite(row.meanSpend) || row.meanSpend < 0) {
      return invalid(i, "meanSpend", `must be a finite number ≥ 0 (got ${String(row.meanSpend)})`);
    }
    if (row.meanSpend === 0) {
      zeroSpend += weight;
      continue;
    }
    x[i] = row.frequency;
    m[i] = row.meanSpend;
    w[i] = weight;
  }
  return spendTable(x, m, w, nonRepeat, zeroSpend);
}

function spendTable(x: Float64Array, m: Float64Array, w: Float64Array, nonRepeat: number, zeroSpend: number): SpendTable {
  const { order, weight, indexes } = compress([x, m], w);
  const ux = gather(x, order);
  const um = gather(m, order);
  let customers = 0;
  for (let k = 0; k < weight.length; k++) customers += weight[k] as number;
  return { n: order.length, x: ux, meanSpend: um, logMeanSpend: um.map(Math.log), w: weight, customers, nonRepeat, zeroSpend, xs: indexes[0] as ValueIndex };
}

/** A spend table with every mean spend divided by `k` (see {@link powerOfTwoNear}). */
export function scaleSpendTable(table: SpendTable, k: number): SpendTable {
  if (k === 1) return table;
  const logK = Math.log(k);
  return { ...table, meanSpend: table.meanSpend.map((m) => m / k), logMeanSpend: table.logMeanSpend.map((l) => l - logK) };
}

/** A deterministic subsample of about `size` rows of a spend table (see {@link subsamplePurchaseTable}). */
export function subsampleSpendTable(table: SpendTable, size: number): SpendTable {
  const step = Math.ceil(table.n / size);
  const pick = Int32Array.from({ length: Math.ceil(table.n / step) }, (_, j) => j * step);
  return spendTable(gather(table.x, pick), gather(table.meanSpend, pick), gather(table.w, pick).map((v) => v * step), table.nonRepeat, table.zeroSpend);
}
