import type { Transaction } from "../customer/index.js";
import { attribute, checkAttribution, type AttributionOptions } from "./attribution.js";
import type { UnattributedRow } from "./columns.js";
import { checkDate } from "./time.js";

/**
 * Options of {@link collectProductLines}.
 *
 * @example
 * ```ts
 * const options: ProductLineOptions = { asOf, by: "category", attribution: { level: "household", personOf, householdOf } };
 * ```
 */
export interface ProductLineOptions {
  /** End of the window, an instant (inclusive). Required. */
  readonly asOf: Date;
  /** Start of the window, an instant (inclusive; default: no start). */
  readonly from?: Date;
  /** What a product line is: the line's `category` (default) or its `sku`. Lines without a category are skipped. */
  readonly by?: "category" | "sku";
  /** How transactions are attributed to customers. */
  readonly attribution?: AttributionOptions;
}

/**
 * The product lines each customer bought, and every line anyone bought.
 *
 * @example
 * ```ts
 * const lines: ProductLines = collectProductLines(transactions, { asOf });
 * ```
 */
export interface ProductLines {
  /** Customer key → the lines they bought, sorted. */
  readonly byCustomer: Map<string, string[]>;
  /** Every line bought by anyone in the window, sorted (what the business offers, as far as the data shows). */
  readonly offered: string[];
  /**
   * Purchases whose lines were collected. Every transaction read is accounted for:
   * collected + afterAsOf + beforeWindow + notPurchases + withoutLines + unattributed.length.
   */
  readonly collected: number;
  /** Transactions after `asOf`, skipped. */
  readonly afterAsOf: number;
  /** Transactions before `from`, skipped. */
  readonly beforeWindow: number;
  /** Returns and fees in the window, skipped (they are not purchases). */
  readonly notPurchases: number;
  /** Purchases in the window without line items, skipped. */
  readonly withoutLines: number;
  /** Lines of collected purchases without the field that names a line (`category` or `sku`), skipped. */
  readonly linesWithoutName: number;
  /** Transactions that could not be attributed, with reasons. */
  readonly unattributed: UnattributedRow[];
}

/**
 * Collects, per customer, the product lines (categories or SKUs) of their purchases in the
 * window `[from, asOf]` — the input of "which customers buy only a few of our product lines" and
 * of the share-of-wallet flag for large wallets served in one or two lines. Returns and fees are
 * not purchases and are skipped, as are transactions outside the window and purchases without
 * lines; each is counted.
 *
 * @param transactions - Typed transactions with line items.
 * @param options - See {@link ProductLineOptions}; `asOf` is required.
 * @returns The lines per customer and overall.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const { byCustomer, offered } = collectProductLines(dataset.transactions, { asOf, attribution: { level: "person", personOf } });
 * ```
 */
export function collectProductLines(transactions: Iterable<Transaction>, options: ProductLineOptions): ProductLines {
  const asOf = checkDate(options?.asOf, "asOf");
  const from = options.from === undefined ? -Infinity : checkDate(options.from, "from");
  if (from > asOf) throw new RangeError("from must not be after asOf");
  const by = options.by ?? "category";
  if (by !== "category" && by !== "sku") throw new RangeError(`options.by must be "category" or "sku" (got ${JSON.stringify(by)})`);
  const attribution = checkAttribution(options.attribution);
  const sets = new Map<string, Set<string>>();
  const offered = new Set<string>();
  const unattributed: UnattributedRow[] = [];
  const counts = { collected: 0, afterAsOf: 0, beforeWindow: 0, notPurchases: 0, withoutLines: 0, linesWithoutName: 0 };
  let index = -1;
  for (const t of transactions) {
    index++;
    const time = t.timestamp.getTime();
    if (time > asOf) counts.afterAsOf++;
    else if (time < from) counts.beforeWindow++;
    else if (t.kind !== "purchase") counts.notPurchases++;
    else if (t.lines.length === 0) counts.withoutLines++;
    else {
      const target = attribute(attribution, t.customerId, t.accountId);
      if ("reason" in target) unattributed.push({ index, id: t.id, reason: target.reason });
      else {
        counts.collected++;
        collectLines(t, target.keys, by, sets, offered, counts);
      }
    }
  }
  const byCustomer = new Map([...sets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, set]) => [key, [...set].sort()]));
  return { byCustomer, offered: [...offered].sort(), ...counts, unattributed };
}

/** Adds one purchase's lines to its customers' sets. */
function collectLines(
  t: Transaction,
  keys: readonly string[],
  by: "category" | "sku",
  sets: Map<string, Set<string>>,
  offered: Set<string>,
  counts: { linesWithoutName: number },
): void {
  for (const line of t.lines) {
    const name = by === "sku" ? line.sku : line.category;
    if (name === undefined) {
      counts.linesWithoutName++;
      continue;
    }
    offered.add(name);
    for (const key of keys) {
      let set = sets.get(key);
      if (set === undefined) sets.set(key, (set = new Set()));
      set.add(name);
    }
  }
}
