/**
 * The Online Retail recommendation data under the benchmark protocol of issue 5: rows with a known
 * customer (`CustomerID` not empty and ≠ 0) and a product code (`StockCode` starting with five
 * digits); one interaction per distinct (customer, product), timestamped at the customer's first
 * purchase of it (`InvoiceDate` read as UTC).
 */
import { parseCsv } from "../../src/_lib/csv.js";
import type { EvaluationSplit, EvaluationTarget, ItemInteraction } from "../../src/recommend/index.js";
import { readText } from "../_lib.js";

/** The interactions of the protocol and the rows read. */
export interface OnlineRetail {
  /** One interaction per distinct (customer, product) at its first purchase. */
  readonly interactions: ItemInteraction[];
  /** Data rows in the file. */
  readonly rows: number;
  /** Rows kept (known customer, product code). */
  readonly kept: number;
}

/** Reads and prepares the data set from the gzipped CSV. */
export function loadOnlineRetail(path: string): OnlineRetail {
  return prepareOnlineRetail(readText(path), path);
}

/**
 * Prepares the data set from the CSV text (`source` names it in error messages): filters the rows
 * and keeps each customer's first purchase of each product.
 */
export function prepareOnlineRetail(text: string, source: string): OnlineRetail {
  const [header = [], ...rows] = parseCsv(text);
  const column = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${source}: column ${name} is missing`);
    return k;
  };
  const customer = column("CustomerID");
  const stock = column("StockCode");
  const date = column("InvoiceDate");
  const first = new Map<string, Map<string, number>>();
  let kept = 0;
  for (const row of rows) {
    const c = row[customer] ?? "";
    const s = row[stock] ?? "";
    if (c === "" || c === "0" || !/^\d{5}/.test(s)) continue;
    const time = Date.parse(`${(row[date] ?? "").replace(" ", "T")}Z`);
    if (!Number.isFinite(time)) throw new Error(`${source}: unreadable InvoiceDate "${row[date]}"`);
    kept += 1;
    let items = first.get(c);
    if (items === undefined) first.set(c, (items = new Map()));
    const t = items.get(s);
    if (t === undefined || time < t) items.set(s, time);
  }
  const interactions: ItemInteraction[] = [];
  for (const [customerId, items] of first) {
    for (const [itemId, time] of items) interactions.push({ customerId, itemId, timestamp: new Date(time) });
  }
  return { interactions, rows: rows.length, kept };
}

/**
 * A leave-last-out split's targets by kind: `sameInvoice` when the held-out item was bought at the
 * same moment as the customer's latest training item (the same invoice: the list completes a
 * basket), `nextInvoice` when it was bought later (the list predicts the next visit).
 */
export function targetsByInvoice(interactions: readonly ItemInteraction[], split: EvaluationSplit): { sameInvoice: EvaluationTarget[]; nextInvoice: EvaluationTarget[] } {
  const bought = new Map<string, number>();
  for (const e of interactions) bought.set(`${e.customerId}\u0000${e.itemId}`, e.timestamp.getTime());
  const sameInvoice: EvaluationTarget[] = [];
  const nextInvoice: EvaluationTarget[] = [];
  for (const t of split.targets) {
    const time = bought.get(`${t.customerId}\u0000${t.items[0] as string}`);
    (time === t.asOf.getTime() ? sameInvoice : nextInvoice).push(t);
  }
  return { sameInvoice, nextInvoice };
}
