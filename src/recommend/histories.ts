/**
 * Customer histories in compressed sparse rows (internal): interactions are collected into typed
 * columns, then aggregated into one entry per (customer, item) in a canonical order — customers
 * and items sorted by id, values summed in (time, value) order — so that the result does not
 * depend on the order of the input; a net value within rounding of zero is zero. Each entry keeps
 * its magnitude Σ|parts| beside its net value, so that an update, which adds new parts to the
 * stored net value, rounds to zero against the same scale as a rebuild from all the parts.
 */
import { checkInteraction } from "./interaction.js";
import type { ItemInteraction } from "./interaction.js";
import { grown } from "./typed-arrays.js";

/**
 * Relative tolerance of a net value: a sum of parts within 1e-9 × Σ|parts| of zero is zero, so
 * that a purchase returned in full nets to exactly 0 whatever the rounding of fractional weights
 * and whatever the order in which the parts were added.
 */
const NET_ZERO_TOLERANCE = 1e-9;

/**
 * The net value of parts summing to `sum` with absolute values summing to `magnitude`: 0 when
 * within the tolerance of zero (a sum that overflowed stays as it is, for the caller to reject).
 */
export function netValue(sum: number, magnitude: number): number {
  return Number.isFinite(sum) && Math.abs(sum) <= NET_ZERO_TOLERANCE * magnitude ? 0 : sum;
}

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
  /** Magnitude (Σ |quantity × weight|) of each entry. */
  readonly magnitudes: Float64Array;
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
  magnitude = new Float64Array(1024);

  /**
   * Appends one interaction whose fields are already checked, or an aggregated entry of a model
   * with its magnitude (default |value|: a single part).
   */
  push(customerId: string, itemId: string, time: number, value: number, magnitude = Math.abs(value)): void {
    if (this.length === this.customer.length) this.grow();
    const n = this.length++;
    this.customer[n] = intern(this.customerIds, customerId);
    this.item[n] = intern(this.itemIds, itemId);
    this.time[n] = time;
    this.value[n] = value;
    this.magnitude[n] = magnitude;
  }

  private grow(): void {
    const size = this.customer.length * 2;
    this.customer = grown(this.customer, new Int32Array(size));
    this.item = grown(this.item, new Int32Array(size));
    this.time = grown(this.time, new Float64Array(size));
    this.value = grown(this.value, new Float64Array(size));
    this.magnitude = grown(this.magnitude, new Float64Array(size));
  }
}

function intern(ids: Map<string, number>, id: string): number {
  let k = ids.get(id);
  if (k === undefined) {
    k = ids.size;
    ids.set(id, k);
  }
  return k;
}

/** Checks one typed interaction (see {@link checkInteraction}) and appends it. */
export function pushInteraction(columns: InteractionColumns, e: ItemInteraction, index: number): void {
  const { time, value } = checkInteraction(e, index);
  columns.push(e.customerId, e.itemId, time, value);
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

/**
 * Aggregates collected interactions into one entry per (customer, item), canonically ordered:
 * values and magnitudes summed in (time, value, magnitude) order, the latest time kept.
 */
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
    itemRank(a) - itemRank(b) ||
    (c.time[a] as number) - (c.time[b] as number) ||
    (c.value[a] as number) - (c.value[b] as number) ||
    (c.magnitude[a] as number) - (c.magnitude[b] as number);
  const offsets = new Int32Array(nC + 1);
  const itemIndex = new Int32Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  const magnitudes = new Float64Array(n);
  let pairs = 0;
  for (let u = 0; u < nC; u++) {
    const segment = order.subarray(start[u] as number, start[u + 1] as number).sort(byItemTimeValue);
    let previous = -1;
    for (const e of segment) {
      const i = itemRank(e);
      if (i !== previous) {
        itemIndex[pairs] = i;
        times[pairs] = c.time[e] as number;
        pairs += 1;
        previous = i;
      }
      values[pairs - 1]! += c.value[e] as number;
      magnitudes[pairs - 1]! += c.magnitude[e] as number;
      times[pairs - 1] = Math.max(times[pairs - 1] as number, c.time[e] as number);
    }
    offsets[u + 1] = pairs;
  }
  for (let p = 0; p < pairs; p++) values[p] = netValue(values[p] as number, magnitudes[p] as number);
  return {
    customers: customers.sorted,
    items: items.sorted,
    offsets,
    itemIndex: itemIndex.slice(0, pairs),
    times: times.slice(0, pairs),
    values: values.slice(0, pairs),
    magnitudes: magnitudes.slice(0, pairs),
  };
}
