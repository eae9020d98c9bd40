import { argsortDescending } from "../_lib/value-sort.js";
import { keyOrder } from "./columns.js";

/**
 * A customer with one value to rank by (net value, margin, CLV — whatever the caller chooses).
 *
 * @example
 * ```ts
 * const ranked: ValuedCustomer[] = rollup.customers.map((c) => ({ key: c.key, value: c.netMinor }));
 * ```
 */
export interface ValuedCustomer {
  /** The customer key. */
  readonly key: string;
  /** The value to rank by (finite; may be negative or zero). */
  readonly value: number;
}

/**
 * A value tier: A (the few customers who make most of the value), B, C (the rest).
 *
 * @example
 * ```ts
 * const tier: AbcTier = "A";
 * ```
 */
export type AbcTier = "A" | "B" | "C";

/**
 * One customer's place in the ranking.
 *
 * @example
 * ```ts
 * const first: TierAssignment = result.customers[0]!; // rank 1, the most valuable
 * ```
 */
export interface TierAssignment {
  /** The customer key. */
  readonly key: string;
  /** The value ranked by. */
  readonly value: number;
  /** 1 for the most valuable; equal values are ranked by key (code-unit order) and share a tier. */
  readonly rank: number;
  /** Share of the positive value held by this customer and everyone ranked above. */
  readonly cumulativeValueShare: number;
  /** Share of customers ranked at or above this one (rank / n). */
  readonly cumulativeCustomerShare: number;
  /** The tier. */
  readonly tier: AbcTier;
}

/**
 * Totals of one tier.
 *
 * @example
 * ```ts
 * for (const t of result.tiers) console.log(t.tier, t.customers, (100 * t.valueShare).toFixed(1) + " %");
 * ```
 */
export interface TierSummary {
  /** The tier. */
  readonly tier: AbcTier;
  /** Customers in it. */
  readonly customers: number;
  /** Its share of all customers (the three sum to 1 when there are customers). */
  readonly customerShare: number;
  /** Sum of its customers' values (negative values included; they are all in C). */
  readonly value: number;
  /**
   * Its share of the positive value: the sum of its customers' positive values over the sum of
   * all positive values — the base of the cut-offs and of `cumulativeValueShare`. The three sum
   * to 1 when any value is positive, and are 0 otherwise.
   */
  readonly valueShare: number;
}

/**
 * The outcome of {@link assignAbcTiers} and {@link assignTiersByCustomerShare}.
 *
 * @example
 * ```ts
 * const result: TierResult = assignAbcTiers(customers);
 * ```
 */
export interface TierResult {
  /** Every customer, most valuable first. */
  readonly customers: TierAssignment[];
  /** Totals of A, B and C, in that order. */
  readonly tiers: [TierSummary, TierSummary, TierSummary];
  /** Total value (sum of all values). */
  readonly totalValue: number;
  /** Sum of the positive values: the base of every value share. */
  readonly positiveValue: number;
  /** Sum of the negative values (≤ 0), all in tier C, reported apart from the shares. */
  readonly negativeValue: number;
}

/**
 * Options of {@link assignAbcTiers}.
 *
 * @example
 * ```ts
 * const options: AbcOptions = { a: 0.8, b: 0.95 };
 * ```
 */
export interface AbcOptions {
  /** Cumulative value share that closes tier A (default 0.7, within the method's 60–80 %). */
  readonly a?: number;
  /** Cumulative value share that closes tier B (default 0.95); the rest is C. */
  readonly b?: number;
}

/**
 * Options of {@link assignTiersByCustomerShare}.
 *
 * @example
 * ```ts
 * const options: CustomerShareOptions = { a: 0.2, b: 0.5 };
 * ```
 */
export interface CustomerShareOptions {
  /** Share of customers, from the top, in tier A (default 0.2: the top 20 %). */
  readonly a?: number;
  /** Cumulative share of customers in tiers A and B (default 0.5). */
  readonly b?: number;
}

/**
 * Tiers in columnar form: position i describes the customer at position i of the input values.
 *
 * @example
 * ```ts
 * const t: TierColumns = assignAbcTierColumns(values.netMinor);
 * const aCustomers = values.keys.filter((_, i) => t.tier[i] === 0);
 * ```
 */
export interface TierColumns {
  /** Tier per position: 0 = A, 1 = B, 2 = C. */
  readonly tier: Uint8Array;
  /** Rank per position, 1 for the most valuable. */
  readonly rank: Int32Array;
  /** Cumulative share of the positive value at each position's rank. */
  readonly cumulativeValueShare: Float64Array;
  /** Totals of A, B and C, in that order. */
  readonly tiers: [TierSummary, TierSummary, TierSummary];
  /** Total value. */
  readonly totalValue: number;
  /** Sum of the positive values: the base of every value share. */
  readonly positiveValue: number;
  /** Sum of the negative values (≤ 0), all in tier C. */
  readonly negativeValue: number;
}

const TIERS: readonly AbcTier[] = ["A", "B", "C"];

function checkCutoffs(a: number, b: number, what: string): void {
  if (!(a > 0 && a <= 1)) throw new RangeError(`options.a must be a ${what} in (0, 1] (got ${a})`);
  if (!(b >= a && b <= 1)) throw new RangeError(`options.b must be a ${what} in [a, 1] (got ${b})`);
}

/**
 * Tier rule: cut-offs `a` ≤ `b` on the positive-value share before a customer (`by: "value"`) or
 * on the share of customers ranked above them (`by: "customers"`).
 */
interface TierRule {
  readonly by: "value" | "customers";
  readonly a: number;
  readonly b: number;
}

function tierColumns(input: ArrayLike<number>, rule: TierRule): TierColumns {
  const n = input.length;
  const values = new Float64Array(n);
  let total = 0;
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    const v = input[i] as number;
    const clean = Number.isFinite(v) ? v + 0 : 0;
    values[i] = clean;
    total += clean;
    if (clean > 0) positive += clean;
    else negative += clean;
  }
  const order = argsortDescending(values);
  const tier = new Uint8Array(n);
  const rank = new Int32Array(n);
  const cumulative = new Float64Array(n);
  const sums = [0, 0, 0];
  const positives = [0, 0, 0];
  const counts = [0, 0, 0];
  let running = 0;
  let previousValue = NaN;
  let previousTier = 2;
  const byValue = rule.by === "value";
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    const v = values[i] as number;
    let t = previousTier;
    if (v !== previousValue) {
      // A tie group takes the tier in which its first member starts, so equal values share a tier.
      const before = byValue ? (positive > 0 ? running / positive : 1) : r / n;
      t = v > 0 ? (before < rule.a ? 0 : before < rule.b ? 1 : 2) : 2;
    }
    if (v > 0) {
      running += v;
      positives[t] = (positives[t] as number) + v;
    }
    tier[i] = t;
    rank[i] = r + 1;
    cumulative[i] = positive > 0 ? Math.min(1, running / positive) : 0;
    sums[t] = (sums[t] as number) + v;
    counts[t] = (counts[t] as number) + 1;
    previousValue = v;
    previousTier = t;
  }
  const summary = (t: number): TierSummary => ({
    tier: TIERS[t] as AbcTier,
    customers: counts[t] as number,
    customerShare: n > 0 ? (counts[t] as number) / n : 0,
    value: sums[t] as number,
    valueShare: positive > 0 ? (positives[t] as number) / positive : 0,
  });
  return {
    tier,
    rank,
    cumulativeValueShare: cumulative,
    tiers: [summary(0), summary(1), summary(2)],
    totalValue: total,
    positiveValue: positive,
    negativeValue: negative,
  };
}

function abcRule(options: AbcOptions): TierRule {
  const rule: TierRule = { by: "value", a: options.a ?? 0.7, b: options.b ?? 0.95 };
  checkCutoffs(rule.a, rule.b, "cumulative value share");
  return rule;
}

function customerShareRule(options: CustomerShareOptions): TierRule {
  const rule: TierRule = { by: "customers", a: options.a ?? 0.2, b: options.b ?? 0.5 };
  checkCutoffs(rule.a, rule.b, "share of customers");
  return rule;
}

/** Runs a tier rule on objects, breaking ties by key, and returns the objects ranked. */
function tierObjects(customers: readonly ValuedCustomer[], rule: TierRule): TierResult {
  const byKey = keyOrder(customers.map((c) => c.key));
  const columns = tierColumns(Float64Array.from(byKey, (i) => (customers[i] as ValuedCustomer).value), rule);
  const ranked = new Array<TierAssignment>(customers.length);
  byKey.forEach((i, j) => {
    const r = (columns.rank[j] as number) - 1;
    const value = (customers[i] as ValuedCustomer).value;
    ranked[r] = {
      key: (customers[i] as ValuedCustomer).key,
      value: Number.isFinite(value) ? value : 0,
      rank: r + 1,
      cumulativeValueShare: columns.cumulativeValueShare[j] as number,
      cumulativeCustomerShare: (r + 1) / customers.length,
      tier: TIERS[columns.tier[j] as number] as AbcTier,
    };
  });
  return { customers: ranked, tiers: columns.tiers, totalValue: columns.totalValue, positiveValue: columns.positiveValue, negativeValue: columns.negativeValue };
}

/**
 * ABC tiers by cumulative value share. Customers are ranked by value (descending; ties by key,
 * so the result never depends on input order). Tier A holds the customers who make the first
 * `a` of the positive value, B those up to `b`, C the rest.
 *
 * Cut-off rule: a customer belongs to the tier in which their cumulative share *starts* — the
 * customer who crosses a cut-off stays in the upper tier, so A is the smallest group of top
 * customers whose value reaches `a`. Ties: customers with equal values always share a tier, the
 * one in which the first of them (by key) starts — a tie group at a cut-off stays together in the
 * upper tier. Customers with a value of zero or below are always C; non-finite values count as
 * 0. Value shares are shares of the positive value (the base of the cut-offs); the sum of the
 * negative values is reported apart (`negativeValue`).
 *
 * @param customers - Customers with the value to rank by.
 * @param options - See {@link AbcOptions}.
 * @returns Every customer with rank, cumulative shares and tier, and the totals per tier.
 * @throws RangeError when the cut-offs are not 0 < a ≤ b ≤ 1.
 * @example
 * ```ts
 * const result = assignAbcTiers(rollup.customers.map((c) => ({ key: c.key, value: c.netMinor })));
 * const [a, b, c] = result.tiers;
 * console.log(`${a.customers} A customers make ${(100 * a.valueShare).toFixed(0)} % of the value`);
 * ```
 */
export function assignAbcTiers(customers: readonly ValuedCustomer[], options: AbcOptions = {}): TierResult {
  return tierObjects(customers, abcRule(options));
}

/**
 * {@link assignAbcTiers} on a column of values, for millions of customers: no objects, one
 * numeric sort. Equal values are ranked by position — by key when the values come from
 * {@link rollupTransactionColumns}, whose customers are in key order — and share a tier.
 *
 * @param values - One value per customer.
 * @param options - See {@link AbcOptions}.
 * @returns Tier, rank and cumulative share per position, and the totals per tier.
 * @throws RangeError when the cut-offs are not 0 < a ≤ b ≤ 1.
 * @example
 * ```ts
 * const { values } = rollupTransactionColumns(columns, { asOf });
 * const tiers = assignAbcTierColumns(values.netMinor);
 * console.log(tiers.tiers[0].customers, "A customers");
 * ```
 */
export function assignAbcTierColumns(values: ArrayLike<number>, options: AbcOptions = {}): TierColumns {
  return tierColumns(values, abcRule(options));
}

/**
 * Tiers by share of customers: the top `a` of customers (by value, ties by key) are A, the next
 * ones up to `b` are B, the rest C. With n customers, A holds ⌈a·n⌉ customers — the customer who
 * crosses the cut-off is in the upper tier, as in {@link assignAbcTiers} — plus any further
 * customers with the same value as the last of them (equal values share a tier); customers with
 * a value of zero or below are C.
 *
 * @param customers - Customers with the value to rank by.
 * @param options - See {@link CustomerShareOptions}.
 * @returns Every customer with rank and tier, and the totals per tier.
 * @throws RangeError when the shares are not 0 < a ≤ b ≤ 1.
 * @example
 * ```ts
 * const top20 = assignTiersByCustomerShare(customers, { a: 0.2 });
 * console.log(`the top 20 % make ${(100 * top20.tiers[0].valueShare).toFixed(1)} % of the value`);
 * ```
 */
export function assignTiersByCustomerShare(customers: readonly ValuedCustomer[], options: CustomerShareOptions = {}): TierResult {
  return tierObjects(customers, customerShareRule(options));
}
