import type { Transaction } from "../customer/index.js";
import { keyOrder, toTransactionColumns, type ColumnsOptions, type TransactionColumns, type UnattributedRow } from "./columns.js";
import type { CurrencyMismatchError } from "./errors.js";
import { checkDate } from "./time.js";

/**
 * One customer's value over a window, in minor units of the rollup's currency.
 *
 * - `salesMinor`: purchases; `returnsMinor`: money given back; `feesMinor`: fees charged.
 * - `grossMinor` = sales + fees (all money in); `netMinor` = gross − returns.
 * - `costMinor`: cost of the goods sold minus the cost of the goods returned (fees cost nothing);
 *   `null` when any purchase or return in the window has no known cost.
 * - `marginMinor` = net − cost, `null` when the cost is unknown.
 *
 * A zero-amount purchase (a free sample, a fully discounted order) counts as a purchase for
 * `purchases` and the purchase dates but adds no money.
 *
 * @example
 * ```ts
 * const top = rollup.customers.sort((x, y) => y.netMinor - x.netMinor)[0];
 * console.log(top?.key, top?.netMinor, top?.purchases, top?.lastPurchaseAt);
 * ```
 */
export interface CustomerValue {
  /** The customer key at the rollup's level. */
  readonly key: string;
  /** Sum of purchases. */
  readonly salesMinor: number;
  /** Sum of returns. */
  readonly returnsMinor: number;
  /** Sum of fees. */
  readonly feesMinor: number;
  /** Sales + fees. */
  readonly grossMinor: number;
  /** Gross − returns. */
  readonly netMinor: number;
  /** Cost of goods sold net of returned goods; `null` when unknown. */
  readonly costMinor: number | null;
  /** Net − cost; `null` when the cost is unknown. */
  readonly marginMinor: number | null;
  /** Number of purchases (a purchase on a joint account counts for each owner it is split among). */
  readonly purchases: number;
  /** Number of returns. */
  readonly returns: number;
  /** Number of fees. */
  readonly fees: number;
  /** First purchase in the window, or `null` when there was none (only returns or fees). */
  readonly firstPurchaseAt: Date | null;
  /** Last purchase in the window, or `null`. */
  readonly lastPurchaseAt: Date | null;
}

/**
 * Options of {@link rollupTransactionColumns}.
 *
 * @example
 * ```ts
 * const options: RollupWindowOptions = { asOf: new Date("2024-12-31"), from: new Date("2024-01-01") };
 * ```
 */
export interface RollupWindowOptions {
  /** End of the window, an instant: transactions at or before it count, later ones are excluded and counted. Required. */
  readonly asOf: Date;
  /** Start of the window, an instant: transactions at or after it count, earlier ones are excluded and counted (default: no start). */
  readonly from?: Date;
}

/**
 * Options of {@link rollupValue}: the window and how rows are attributed and converted.
 *
 * @example
 * ```ts
 * const options: RollupOptions = { asOf, attribution: { level: "household", personOf, householdOf } };
 * ```
 */
export interface RollupOptions extends RollupWindowOptions, ColumnsOptions {}

/**
 * Per-customer values in columnar form (typed arrays, one position per customer, customers in
 * ascending key order): what {@link rollupTransactionColumns} returns, so that millions of
 * customers cost a few bytes each. Field meanings are those of {@link CustomerValue}; times are
 * milliseconds since the epoch, NaN when there was no purchase; `costMinor` is NaN when unknown.
 *
 * @example
 * ```ts
 * const { values } = rollupTransactionColumns(columns, { asOf });
 * const tiers = assignAbcTierColumns(values.salesMinor);
 * ```
 */
export interface CustomerValueColumns {
  /** The currency of every amount, or `null` when there were no transactions. */
  readonly currency: string | null;
  /** Customer keys, ascending. */
  readonly keys: readonly string[];
  /** Number of customers. */
  readonly length: number;
  /** Sum of purchases. */
  readonly salesMinor: Float64Array;
  /** Sum of returns. */
  readonly returnsMinor: Float64Array;
  /** Sum of fees. */
  readonly feesMinor: Float64Array;
  /** Sales + fees − returns. */
  readonly netMinor: Float64Array;
  /** Cost of goods sold net of returned goods; NaN when unknown. */
  readonly costMinor: Float64Array;
  /** Number of purchases. */
  readonly purchases: Int32Array;
  /** Number of returns. */
  readonly returns: Int32Array;
  /** Number of fees. */
  readonly fees: Int32Array;
  /** First purchase in the window (ms), NaN when none. */
  readonly firstPurchase: Float64Array;
  /** Last purchase in the window (ms), NaN when none. */
  readonly lastPurchase: Float64Array;
}

/**
 * The outcome of {@link rollupTransactionColumns}.
 *
 * @example
 * ```ts
 * const result: ColumnRollup = rollupTransactionColumns(columns, { asOf });
 * ```
 */
export interface ColumnRollup {
  /** Always `true`. */
  readonly ok: true;
  /** One position per customer with an entry in the window. */
  readonly values: CustomerValueColumns;
  /** Transactions counted in the window (a transaction split among joint owners counts once). */
  readonly counted: number;
  /** Transactions after `asOf`, excluded. */
  readonly afterAsOf: number;
  /** Transactions before `from`, excluded. */
  readonly beforeWindow: number;
  /** Zero-amount transactions (counted, adding no money). */
  readonly zeroAmount: number;
}

/**
 * The outcome of {@link rollupValue}: one {@link CustomerValue} per customer with any
 * transaction in the window, sorted by key, and the accounting of every transaction that did not
 * count.
 *
 * @example
 * ```ts
 * const result: RollupResult = rollupValue(transactions, { asOf });
 * ```
 */
export type RollupResult =
  | {
      /** Success. */
      readonly ok: true;
      /** The currency of every amount (`null` when there were no transactions). */
      readonly currency: string | null;
      /** One row per customer, sorted by key. */
      readonly customers: CustomerValue[];
      /**
       * Transactions counted in the window. Every transaction read is counted, excluded with a
       * count or listed: counted + afterAsOf + beforeWindow + unattributed.length = transactions read.
       */
      readonly counted: number;
      /** Transactions after `asOf`, excluded. */
      readonly afterAsOf: number;
      /** Transactions before `from`, excluded. */
      readonly beforeWindow: number;
      /** Zero-amount transactions (counted, adding no money). */
      readonly zeroAmount: number;
      /** Transactions that could not be attributed to a customer, with reasons. */
      readonly unattributed: UnattributedRow[];
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: CurrencyMismatchError;
    };

/**
 * Rolls columnar transactions up per customer over the window `[from, asOf]`, in one pass over
 * typed arrays — 10 million entries in about a second — into {@link CustomerValueColumns}
 * (customers in ascending key order, only those with an entry in the window). The window is
 * `from ≤ time ≤ asOf`, both instants: a transaction at `asOf` exactly counts, one a millisecond
 * later does not (`new Date("2024-12-31")` is midnight at the start of that day; pass
 * `new Date("2024-12-31T23:59:59.999Z")` to include the whole day).
 *
 * @param columns - From {@link toTransactionColumns} (or built directly).
 * @param options - See {@link RollupWindowOptions}.
 * @returns The per-customer values and the counts of counted and excluded transactions.
 * @throws RangeError when `asOf` or `from` is not a valid Date, or `from` is after `asOf`.
 * @example
 * ```ts
 * const built = toTransactionColumns(transactions, { attribution: { level: "person", personOf } });
 * if (built.ok) {
 *   const thisYear = rollupTransactionColumns(built.columns, { asOf, from: new Date("2024-01-01") });
 *   const lastYear = rollupTransactionColumns(built.columns, { asOf: new Date("2023-12-31T23:59:59Z"), from: new Date("2023-01-01") });
 * }
 * ```
 */
export function rollupTransactionColumns(columns: TransactionColumns, options: RollupWindowOptions): ColumnRollup {
  const asOf = checkDate(options?.asOf, "asOf");
  const from = options.from === undefined ? -Infinity : checkDate(options.from, "from");
  if (from > asOf) throw new RangeError("from must not be after asOf");
  const m = columns.keys.length;
  const sales = new Float64Array(m);
  const returns = new Float64Array(m);
  const fees = new Float64Array(m);
  const cost = new Float64Array(m);
  const purchaseCount = new Int32Array(m);
  const returnCount = new Int32Array(m);
  const feeCount = new Int32Array(m);
  const first = new Float64Array(m).fill(Infinity);
  const last = new Float64Array(m).fill(-Infinity);
  let counted = 0;
  let afterAsOf = 0;
  let beforeWindow = 0;
  let zeroAmount = 0;
  const { customer, time, amountMinor, costMinor, kind, firstOfTransaction } = columns;
  for (let i = 0; i < columns.length; i++) {
    const t = time[i] as number;
    // Every entry of a transaction has its time, so a transaction is in or out as a whole.
    const one = firstOfTransaction === undefined ? 1 : (firstOfTransaction[i] as number);
    if (t > asOf) {
      afterAsOf += one;
      continue;
    }
    if (t < from) {
      beforeWindow += one;
      continue;
    }
    counted += one;
    const c = customer[i] as number;
    const amount = amountMinor[i] as number;
    // The first share of a split transaction is never smaller than the others: it is 0 only when the whole is.
    if (amount === 0) zeroAmount += one;
    const k = kind[i] as number;
    if (k === 0) {
      purchaseCount[c] = (purchaseCount[c] as number) + 1;
      sales[c] = (sales[c] as number) + amount;
      cost[c] = (cost[c] as number) + (costMinor[i] as number);
      if (t < (first[c] as number)) first[c] = t;
      if (t > (last[c] as number)) last[c] = t;
    } else if (k === 1) {
      returnCount[c] = (returnCount[c] as number) + 1;
      returns[c] = (returns[c] as number) + amount;
      cost[c] = (cost[c] as number) - (costMinor[i] as number);
    } else {
      feeCount[c] = (feeCount[c] as number) + 1;
      fees[c] = (fees[c] as number) + amount;
    }
  }
  // Keep the customers with an entry in the window, in key order; when that is every customer,
  // already in order, the accumulators are the result as they are (no copies).
  const order = keyOrder(columns.keys);
  let n = 0;
  let identity = true;
  for (let j = 0; j < m; j++) {
    const c = order[j] as number;
    if ((purchaseCount[c] as number) + (returnCount[c] as number) + (feeCount[c] as number) === 0) continue;
    if (c !== n) identity = false;
    order[n++] = c;
  }
  const keep = <T extends Float64Array | Int32Array>(source: T): T => {
    if (identity && n === m) return source;
    const out = source.slice(0, n) as T;
    for (let j = 0; j < n; j++) out[j] = source[order[j] as number] as number;
    return out;
  };
  const salesMinor = keep(sales);
  const returnsMinor = keep(returns);
  const feesMinor = keep(fees);
  const netMinor = new Float64Array(n);
  for (let j = 0; j < n; j++) netMinor[j] = (salesMinor[j] as number) + (feesMinor[j] as number) - (returnsMinor[j] as number);
  // No purchase in the window: the first and last purchase are NaN.
  const firstPurchase = keep(first);
  const lastPurchase = keep(last);
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(firstPurchase[j] as number)) firstPurchase[j] = NaN;
    if (!Number.isFinite(lastPurchase[j] as number)) lastPurchase[j] = NaN;
  }
  return {
    ok: true,
    values: {
      currency: columns.currency,
      keys: identity && n === m ? columns.keys : Array.from(order.subarray(0, n), (c) => columns.keys[c] as string),
      length: n,
      salesMinor,
      returnsMinor,
      feesMinor,
      netMinor,
      costMinor: keep(cost),
      purchases: keep(purchaseCount),
      returns: keep(returnCount),
      fees: keep(feeCount),
      firstPurchase,
      lastPurchase,
    },
    counted,
    afterAsOf,
    beforeWindow,
    zeroAmount,
  };
}

/**
 * Turns value columns into one {@link CustomerValue} object per customer.
 *
 * @param values - From {@link rollupTransactionColumns}.
 * @returns The customers, in the columns' (key) order.
 * @example
 * ```ts
 * const customers = toCustomerValues(rollupTransactionColumns(columns, { asOf }).values);
 * ```
 */
export function toCustomerValues(values: CustomerValueColumns): CustomerValue[] {
  const out: CustomerValue[] = new Array(values.length);
  for (let j = 0; j < values.length; j++) {
    const cost = values.costMinor[j] as number;
    const net = values.netMinor[j] as number;
    const sales = values.salesMinor[j] as number;
    const fees = values.feesMinor[j] as number;
    const first = values.firstPurchase[j] as number;
    const last = values.lastPurchase[j] as number;
    out[j] = {
      key: values.keys[j] as string,
      salesMinor: sales,
      returnsMinor: values.returnsMinor[j] as number,
      feesMinor: fees,
      grossMinor: sales + fees,
      netMinor: net,
      costMinor: Number.isNaN(cost) ? null : cost,
      marginMinor: Number.isNaN(cost) ? null : net - cost,
      purchases: values.purchases[j] as number,
      returns: values.returns[j] as number,
      fees: values.fees[j] as number,
      firstPurchaseAt: Number.isNaN(first) ? null : new Date(first),
      lastPurchaseAt: Number.isNaN(last) ? null : new Date(last),
    };
  }
  return out;
}

/**
 * Rolls transactions up to per-customer value at any level — account, customer, person,
 * household or organization — over the window `[from, asOf]` (instants, both inclusive): sales,
 * returns and fees kept apart, net and gross value, and margin where costs are known. Every
 * transaction is accounted for: counted, excluded and counted (after `asOf`, before `from`), or
 * listed with the reason it cannot be attributed; amounts in a second currency are an error
 * unless a converter is given.
 *
 * @param transactions - Typed transactions (any iterable).
 * @param options - See {@link RollupOptions}; `asOf` is required.
 * @returns Per-customer values and the accounting of every row, or `CURRENCY_MISMATCH`.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const result = rollupValue(dataset.transactions, {
 *   asOf: new Date("2024-12-31"),
 *   attribution: { level: "household", personOf, householdOf },
 * });
 * if (result.ok) for (const c of result.customers) console.log(c.key, c.netMinor);
 * ```
 */
export function rollupValue(transactions: Iterable<Transaction>, options: RollupOptions): RollupResult {
  checkDate(options?.asOf, "asOf");
  const built = toTransactionColumns(transactions, options);
  if (!built.ok) return built;
  const { values, counted, afterAsOf, beforeWindow, zeroAmount } = rollupTransactionColumns(built.columns, options);
  return { ok: true, currency: values.currency, customers: toCustomerValues(values), counted, afterAsOf, beforeWindow, zeroAmount, unattributed: built.unattributed };
}
