/**
 * The Online Retail recommendation data under the benchmark protocol of issue 5: rows with a known
 * customer (`CustomerID` ≠ 0) and a product code (`StockCode` starting with five digits); one
 * interaction per distinct (customer, product), timestamped at the customer's first purchase of it
 * (`InvoiceDate` read as UTC).
 */
import { parseCsv } from "../../src/_lib/csv.js";
import type { ItemInteraction } from "../../src/recommend/index.js";
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
  const [header = [], ...rows] = parseCsv(readText(path));
  const column = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${path}: column ${name} is missing`);
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
    if (!Number.isFinite(time)) throw new Error(`${path}: unreadable InvoiceDate "${row[date]}"`);
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
