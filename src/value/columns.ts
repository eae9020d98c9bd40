import type { Transaction, TransactionKind } from "../customer/index.js";
import { attribute, attributeToOne, checkAttribution, splitAmount, type AttributionOptions } from "./attribution.js";
import type { CurrencyMismatchError } from "./errors.js";

/**
 * Transactions in columnar form, attributed to customer keys: one entry per (transaction,
 * customer) pair — a transaction on a joint account gives one entry per owner, the first flagged
 * in `firstOfTransaction` — in typed arrays, so that tens of millions of transactions fit in memory and
 * roll up in one pass. Customer keys are interned: `customer[i]` indexes `keys`.
 *
 * @example
 * ```ts
 * const built = toTransactionColumns(transactions, { attribution: { level: "person", personOf } });
 * if (built.ok) console.log(built.columns.length, "entries for", built.columns.keys.length, "customers");
 * ```
 */
export interface TransactionColumns {
  /** The currency of every amount, or `null` when there are no entries. */
  readonly currency: string | null;
  /**
   * The customer keys, sorted ascending (code-unit order); `customer[i]` is an index into this
   * array. Sorted keys give every result a canonical order that does not depend on the input's
   * order; columns built by hand with unsorted keys still work, a little slower.
   */
  readonly keys: readonly string[];
  /** Number of entries. */
  readonly length: number;
  /** Customer index of each entry. */
  readonly customer: Int32Array;
  /** Time of each entry, milliseconds since the epoch. */
  readonly time: Float64Array;
  /** Amount (magnitude, minor units) of each entry. */
  readonly amountMinor: Float64Array;
  /** Cost (minor units) of each entry; NaN when unknown. */
  readonly costMinor: Float64Array;
  /** Kind of each entry: 0 purchase, 1 return, 2 fee (see {@link TRANSACTION_KIND_CODES}). */
  readonly kind: Uint8Array;
  /**
   * 1 on the first entry of each transaction, 0 on the further shares of a transaction split
   * among joint owners, so that rollups count transactions, not entries (default, when absent:
   * every entry is a transaction of its own).
   */
  readonly firstOfTransaction?: Uint8Array;
}

/**
 * The codes of {@link TransactionColumns.kind}.
 *
 * @example
 * ```ts
 * TRANSACTION_KIND_CODES.return; // 1
 * ```
 */
export const TRANSACTION_KIND_CODES: Readonly<Record<TransactionKind, number>> = Object.freeze({ purchase: 0, return: 1, fee: 2 });

/**
 * Converts an amount from one currency to another at a given time. Returns the amount in minor
 * units of the target currency (rounded to an integer by the caller), or `undefined` when no
 * rate is known.
 *
 * @example
 * ```ts
 * const toEur: CurrencyConverter = (minor, from) => (from === "USD" ? minor * 0.92 : undefined);
 * ```
 */
export type CurrencyConverter = (amountMinor: number, from: string, at: Date) => number | undefined;

/**
 * Options of {@link toTransactionColumns}.
 *
 * @example
 * ```ts
 * const options: ColumnsOptions = { attribution: { level: "person", personOf }, currency: "EUR", convert: toEur };
 * ```
 */
export interface ColumnsOptions {
  /** How rows are attributed to customers (default: by `customerId` as given). */
  readonly attribution?: AttributionOptions;
  /** The currency to express amounts in (default: the currency of the first transaction). */
  readonly currency?: string;
  /** Converts amounts in other currencies; without it, a second currency is a `CURRENCY_MISMATCH` error. */
  readonly convert?: CurrencyConverter;
}

/**
 * A row that could not be attributed to any customer, with its position and the reason.
 *
 * @example
 * ```ts
 * const row: UnattributedRow = { index: 7, id: "T-8", reason: 'no person is known for customer "W-9"' };
 * ```
 */
export interface UnattributedRow {
  /** Zero-based position in the input. */
  readonly index: number;
  /** The row's id. */
  readonly id: string;
  /** Why it could not be attributed (or converted). */
  readonly reason: string;
}

/**
 * The outcome of {@link toTransactionColumns}: the columns and every row that could not be
 * attributed, or a currency error.
 *
 * @example
 * ```ts
 * const built: ColumnsResult = toTransactionColumns(transactions);
 * ```
 */
export type ColumnsResult =
  | {
      /** Success. */
      readonly ok: true;
      /** The attributed entries. */
      readonly columns: TransactionColumns;
      /** Transactions read. */
      readonly transactions: number;
      /** Rows that could not be attributed, with reasons. */
      readonly unattributed: UnattributedRow[];
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: CurrencyMismatchError;
    };

/** Growable typed columns. */
class ColumnBuilder {
  keys: string[] = [];
  private index = new Map<string, number>();
  length = 0;
  customer = new Int32Array(1024);
  time = new Float64Array(1024);
  amountMinor = new Float64Array(1024);
  costMinor = new Float64Array(1024);
  kind = new Uint8Array(1024);
  first = new Uint8Array(1024);

  private grow(): void {
    const size = this.customer.length * 2;
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.customer = widen(this.customer, (n) => new Int32Array(n));
    this.time = widen(this.time, (n) => new Float64Array(n));
    this.amountMinor = widen(this.amountMinor, (n) => new Float64Array(n));
    this.costMinor = widen(this.costMinor, (n) => new Float64Array(n));
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.first = widen(this.first, (n) => new Uint8Array(n));
  }

  push(key: string, time: number, amount: number, cost: number, kind: number, first: boolean): void {
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.keys.push(key) - 1;
      this.index.set(key, c);
    }
    if (this.length === this.customer.length) this.grow();
    const i = this.length++;
    this.customer[i] = c;
    this.time[i] = time;
    this.amountMinor[i] = amount;
    this.costMinor[i] = cost;
    this.kind[i] = kind;
    this.first[i] = first ? 1 : 0;
  }

  finish(currency: string | null): TransactionColumns {
    const n = this.length;
    // Sort the keys once, here, so that every later step can walk customers in key order.
    const keys = this.keys.slice().sort();
    const newIndex = new Int32Array(keys.length);
    keys.forEach((key, i) => {
      newIndex[this.index.get(key) as number] = i;
    });
    const customer = this.customer.slice(0, n);
    for (let i = 0; i < n; i++) customer[i] = newIndex[customer[i] as number] as number;
    return {
      currency,
      keys,
      length: n,
      customer,
      time: this.time.slice(0, n),
      amountMinor: this.amountMinor.slice(0, n),
      costMinor: this.costMinor.slice(0, n),
      kind: this.kind.slice(0, n),
      firstOfTransaction: this.first.slice(0, n),
    };
  }
}

/**
 * The customer indices of `keys` in ascending key order: the identity when the keys are already
 * sorted (checked in one pass), else a sorted permutation.
 */
export function keyOrder(keys: readonly string[]): Int32Array {
  const n = keys.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 1; i < n; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      return Int32Array.from(Array.from(order).sort((x, y) => ((keys[x] as string) < (keys[y] as string) ? -1 : keys[x] === keys[y] ? 0 : 1)));
    }
  }
  return order;
}

/**
 * The cost of a transaction to us: `costMinor` when given, else the sum of the lines' unit costs
 * × quantities when every line has one, else NaN (unknown). Fees have no cost of goods (0).
 */
function transactionCost(t: Transaction): number {
  if (t.costMinor !== undefined) return t.costMinor;
  if (t.kind === "fee") return 0;
  if (t.lines.length === 0) return NaN;
  let cost = 0;
  for (const line of t.lines) {
    if (line.unitCostMinor === undefined) return NaN;
    cost += line.unitCostMinor * line.quantity;
  }
  return Math.round(cost);
}

/**
 * Turns transactions into {@link TransactionColumns}: attributes each one to customer keys
 * (see {@link AttributionOptions}; joint-account amounts and costs are split into integer
 * shares), converts currencies when a converter is given, and lists every row it could not
 * attribute. Accepts any iterable, so a stream of chunks never needs to be held in memory.
 *
 * @param transactions - Typed transactions (see `parseTransactions` for untyped input).
 * @param options - See {@link ColumnsOptions}.
 * @returns The columns with the unattributed rows, or `CURRENCY_MISMATCH` when a second
 *   currency appears and no converter is given.
 * @throws RangeError when an attribution option is invalid.
 * @example
 * ```ts
 * const built = toTransactionColumns(transactions, { attribution: { level: "person", personOf } });
 * if (!built.ok) throw new Error(built.error.message);
 * ```
 */
export function toTransactionColumns(transactions: Iterable<Transaction>, options: ColumnsOptions = {}): ColumnsResult {
  const attribution = checkAttribution(options.attribution);
  const builder = new ColumnBuilder();
  const unattributed: UnattributedRow[] = [];
  let currency: string | null = options.currency ?? null;
  let index = 0;
  for (const t of transactions) {
    const at = index++;
    let amount = t.amountMinor;
    let cost = transactionCost(t);
    if (currency === null) currency = t.currency;
    if (t.currency !== currency) {
      if (options.convert === undefined) {
        return {
          ok: false,
          error: {
            code: "CURRENCY_MISMATCH",
            message: `transaction ${at} ("${t.id.slice(0, 80)}") is in ${t.currency}, the others in ${currency}; pass a converter (options.convert) to combine them`,
            currencies: [currency, t.currency],
            index: at,
          },
        };
      }
      const converted = options.convert(amount, t.currency, t.timestamp);
      const convertedCost = Number.isNaN(cost) ? NaN : options.convert(cost, t.currency, t.timestamp);
      if (converted === undefined || !Number.isFinite(converted) || converted < 0 || convertedCost === undefined) {
        unattributed.push({ index: at, id: t.id, reason: `no conversion from ${t.currency} to ${currency}` });
        continue;
      }
      amount = Math.round(converted);
      cost = Math.round(convertedCost);
    }
    const time = t.timestamp.getTime();
    const kind = TRANSACTION_KIND_CODES[t.kind];
    const one = attributeToOne(attribution, t.customerId, t.accountId);
    if (typeof one === "string") {
      builder.push(one, time, amount, cost, kind, true);
      continue;
    }
    const target = one ?? attribute(attribution, t.customerId, t.accountId);
    if ("reason" in target) {
      unattributed.push({ index: at, id: t.id, reason: target.reason });
      continue;
    }
    const amounts = splitAmount(target, amount);
    const costs = splitAmount(target, cost);
    for (let k = 0; k < target.keys.length; k++) builder.push(target.keys[k] as string, time, amounts[k] as number, costs[k] as number, kind, k === 0);
  }
  return { ok: true, columns: builder.finish(index === 0 && options.currency === undefined ? null : currency), transactions: index, unattributed };
}
