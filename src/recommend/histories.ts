/**
 * Customer histories in compressed sparse rows (internal): interactions are collected into typed
 * columns, then aggregated into one entry per (customer, item) in a canonical order — customers
 * and items sorted by id, values summed in (time, value) order — so that the result does not
 * depend on the order of the input.
 */
import type { ItemInteraction } from "./interaction.js";

/** One entry per (customer, item): customers and items sorted by id, entries by item. */
export interface HistoryTable {
  /** Customer ids, sorted. */
  readonly customers: string[];
  /** Item ids, sorted. */
  readonly items: string[];
  /** Start of each customer's entries; length `customers.length + 1`. */
  readonly offsets: Int32Array;
  /** Item index of each entry (ascending within a customer). */
  readonly itemIndex: Int32Array;
  /** Latest interaction time of each entry, in epoch milliseconds. */
  readonly times: Float64Array;
  /** Net value (Σ quantity × weight) of each entry. */
  readonly values: Float64Array;
}

/** Interactions gathered into growable typed columns, ids interned. */
export class InteractionColumns {
  readonly customerIds = new Map<string, number>();
  readonly itemIds = new Map<string, number>();
  length = 0;
  customer = new Int32Array(1024);
  item = new Int32Array(1024);
  time = new Float64Array(1024);
  value = new Float64Array(1024);

  /** Appends one interaction whose fields are already checked. */
  push(customerId: string, itemId: string, time: number, value: number): void {
    if (this.length === this.customer.length) this.grow();
    const n = this.length++;
    this.customer[n] = intern(this.customerIds, customerId);
    this.item[n] = intern(this.itemIds, itemId);
    this.time[n] = time;
    this.value[n] = value;
  }

  private grow(): void {
    const size = this.customer.length * 2;
    this.customer = resized(this.customer, new Int32Array(size));
    this.item = resized(this.item, new Int32Array(size));
    this.time = resized(this.time, new Float64Array(size));
    this.value = resized(this.value, new Float64Array(size));
  }
}

function resized<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function intern(ids: Map<string, number>, id: string): number {
  let k = ids.get(id);
  if (k === undefined) {
    k = ids.size;
    ids.set(id, k);
  }
  return k;
}

/**
 * Checks one typed interaction and appends it. Typed input that is not what its type says (a
 * programmer error: unvalidated data passed past the boundary) throws a TypeError naming the
 * position and the field.
 */
export function pushInteraction(columns: InteractionColumns, e: ItemInteraction, index: number): void {
  const at = `interactions[${index}]`;
  if (e === null || typeof e !== "object") throw new TypeError(`${at} must be an object; validate rows with parseItemInteractions`);
  if (typeof e.customerId !== "string" || e.customerId === "") throw new TypeError(`${at}.customerId must be a non-empty string`);
  if (typeof e.itemId !== "string" || e.itemId === "") throw new TypeError(`${at}.itemId must be a non-empty string`);
  const time = e.timestamp instanceof Date ? e.timestamp.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new TypeError(`${at}.timestamp must be a valid Date`);
  const quantity = e.quantity ?? 1;
  if (typeof quantity !== "number" || !Number.isFinite(quantity) || quantity === 0) {
    throw new TypeError(`${at}.quantity must be a finite non-zero number (negative for a return)`);
  }
  const weight = e.weight ?? 1;
  if (typeof weight !== "number" || !Number.isFinite(weight) || weight <= 0) throw new TypeError(`${at}.weight must be a finite number > 0`);
  columns.push(e.customerId, e.itemId, time, quantity * weight);
}

/** Sorted ids and, for each interned index, its rank in the sorted order. */
function rankIds(ids: Map<string, number>): { sorted: string[]; rank: Int32Array } {
  const sorted = [...ids.keys()].sort();
  const rank = new Int32Array(ids.size);
  sorted.forEach((id, r) => {
    rank[ids.get(id) as number] = r;
  });
  return { sorted, rank };
}

/** Aggregates collected interactions into one entry per (customer, item), canonically ordered. */
export function aggregateHistories(c: InteractionColumns): HistoryTable {
  const customers = rankIds(c.customerIds);
  const items = rankIds(c.itemIds);
  const nC = customers.sorted.length;
  const n = c.length;
  // counting sort of the interactions by customer rank
  const start = new Int32Array(nC + 1);
  for (let e = 0; e < n; e++) start[(customers.rank[c.customer[e] as number] as number) + 1]! += 1;
  for (let u = 0; u < nC; u++) start[u + 1]! += start[u] as number;
  const order = new Int32Array(n);
  const fill = start.slice(0, nC);
  for (let e = 0; e < n; e++) order[fill[customers.rank[c.customer[e] as number] as number]!++] = e;
  const itemRank = (e: number): number => items.rank[c.item[e] as number] as number;
  const byItemTimeValue = (a: number, b: number): number =>
    itemRank(a) - itemRank(b) || (c.time[a] as number) - (c.time[b] as number) || (c.value[a] as number) - (c.value[b] as number);
  const offsets = new Int32Array(nC + 1);
  const itemIndex = new Int32Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let pairs = 0;
  for (let u = 0; u < nC; u++) {
    const segment = order.subarray(start[u] as number, start[u + 1] as number).sort(byItemTimeValue);
    let previous = -1;
    for (const e of segment) {
      const i = itemRank(e);
      if (i !== previous) {
        itemIndex[pairs] = i;
        times[pairs] = c.time[e] as number;
        values[pairs] = 0;
        pairs += 1;
        previous = i;
      }
      values[pairs - 1]! += c.value[e] as number;
      times[pairs - 1] = Math.max(times[pairs - 1] as number, c.time[e] as number);
    }
    offsets[u + 1] = pairs;
  }
  return {
    customers: customers.sorted,
    items: items.sorted,
    offsets,
    itemIndex: itemIndex.slice(0, pairs),
    times: times.slice(0, pairs),
    values: values.slice(0, pairs),
  };
}
