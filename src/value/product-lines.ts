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
  /** End of the window (inclusive). Required. */
  readonly asOf: Date;
  /** Start of the window (inclusive; default: no start). */
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
  /** Transactions that could not be attributed, with reasons. */
  readonly unattributed: UnattributedRow[];
}

/**
 * Collects, per customer, the product lines (categories or SKUs) of their purchases in the
 * window `[from, asOf]` — the input of "which customers buy only a few of our product lines" and
 * of the share-of-wallet flag for large wallets served in one or two lines. Returns are not
 * purchases and are skipped, as are transactions after `asOf`.
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
  const by = options.by ?? "category";
  if (by !== "category" && by !== "sku") throw new RangeError(`options.by must be "category" or "sku" (got ${JSON.stringify(by)})`);
  const attribution = checkAttribution(options.attribution);
  const sets = new Map<string, Set<string>>();
  const offered = new Set<string>();
  const unattributed: UnattributedRow[] = [];
  let index = -1;
  for (const t of transactions) {
    index++;
    const time = t.timestamp.getTime();
    if (t.kind !== "purchase" || time > asOf || time < from || t.lines.length === 0) continue;
    const target = attribute(attribution, t.customerId, t.accountId);
    if ("reason" in target) {
      unattributed.push({ index, id: t.id, reason: target.reason });
      continue;
    }
    for (const line of t.lines) {
      const name = by === "sku" ? line.sku : line.category;
      if (name === undefined) continue;
      offered.add(name);
      for (const key of target.keys) {
        let set = sets.get(key);
        if (set === undefined) sets.set(key, (set = new Set()));
        set.add(name);
      }
    }
  }
  const byCustomer = new Map([...sets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, set]) => [key, [...set].sort()]));
  return { byCustomer, offered: [...offered].sort(), unattributed };
}
