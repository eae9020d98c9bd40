/**
 * Top-k neighbours per item from co-occurrence (internal). The co-occurrence row of item i is
 * accumulated Gustavson-style: for each customer who bought i, add that customer's items into a
 * dense accumulator, remembering which entries were touched; then each touched pair is scored
 * with the measure's {@link pairSimilarity} and the best k are kept. The cost is Σᵤ dᵤ² over the rows computed
 * (half that for a full build), the memory one dense row plus k neighbours per item.
 */
import type { HistoryTable } from "./histories.js";
import { BestK } from "./best-k.js";
import type { Kept } from "./best-k.js";
import { isSymmetricSimilarity, pairSimilarity } from "./similarity.js";
import type { ResolvedSimilarity } from "./similarity.js";

/** Positive (customer, item) entries both ways: by customer and by item. */
export interface PositiveIndex {
  /** Items. */
  readonly itemCount: number;
  /** Customers with at least one positive entry. */
  readonly activeCustomers: number;
  /** Start of each customer's positive items. */
  readonly customerOffsets: Int32Array;
  /** Positive items of each customer. */
  readonly customerItems: Int32Array;
  /** Start of each item's customers. */
  readonly itemOffsets: Int32Array;
  /** Customers of each item (ascending). */
  readonly itemCustomers: Int32Array;
}

/** Builds the positive index (entries with a net value > 0) of a history table. */
export function indexPositive(h: HistoryTable): PositiveIndex {
  const nC = h.customers.length;
  const nI = h.items.length;
  const customerOffsets = new Int32Array(nC + 1);
  const itemOffsets = new Int32Array(nI + 1);
  let positive = 0;
  let activeCustomers = 0;
  for (let u = 0; u < nC; u++) {
    const before = positive;
    for (let e = h.offsets[u] as number; e < (h.offsets[u + 1] as number); e++) {
      if ((h.values[e] as number) > 0) {
        positive += 1;
        itemOffsets[(h.itemIndex[e] as number) + 1]! += 1;
      }
    }
    if (positive > before) activeCustomers += 1;
    customerOffsets[u + 1] = positive;
  }
  for (let i = 0; i < nI; i++) itemOffsets[i + 1]! += itemOffsets[i] as number;
  const customerItems = new Int32Array(positive);
  const itemCustomers = new Int32Array(positive);
  const fill = itemOffsets.slice(0, nI);
  let p = 0;
  for (let u = 0; u < nC; u++) {
    for (let e = h.offsets[u] as number; e < (h.offsets[u + 1] as number); e++) {
      if ((h.values[e] as number) <= 0) continue;
      const i = h.itemIndex[e] as number;
      customerItems[p++] = i;
      itemCustomers[fill[i]!++] = u;
    }
  }
  return { itemCount: nI, activeCustomers, customerOffsets, customerItems, itemOffsets, itemCustomers };
}

/** The stored neighbours of one item, best first. */
export interface NeighbourRow {
  /** Neighbour item indices. */
  readonly items: Int32Array;
  /** Their similarity s(i → j). */
  readonly weights: Float64Array;
  /** Customers who bought both. */
  readonly counts: Int32Array;
}

/**
 * Computes the neighbour rows of the given items, each from its full co-occurrence row (used by
 * incremental updates, which recompute a subset of rows).
 *
 * @param index - Positive entries.
 * @param rows - Item indices whose rows to compute, ascending.
 * @param similarity - Resolved similarity options.
 * @param k - Neighbours to keep per item.
 * @returns One row per requested item, in the order given.
 */
export function computeNeighbourRows(index: PositiveIndex, rows: Iterable<number>, similarity: ResolvedSimilarity, k: number): NeighbourRow[] {
  const { itemCount, customerOffsets, customerItems, itemOffsets, itemCustomers, activeCustomers } = index;
  const co = new Int32Array(itemCount);
  const walk = new Float64Array(itemCount);
  const touched = new Int32Array(itemCount);
  const walkWeight = customerWalkWeights(index, similarity);
  const score = pairSimilarity(similarity);
  const best = new BestK(k);
  const out: NeighbourRow[] = [];
  for (const i of rows) {
    let nTouched = 0;
    for (let p = itemOffsets[i] as number, pEnd = itemOffsets[i + 1] as number; p < pEnd; p++) {
      const u = itemCustomers[p] as number;
      const w = walkWeight === undefined ? 0 : (walkWeight[u] as number);
      for (let q = customerOffsets[u] as number, qEnd = customerOffsets[u + 1] as number; q < qEnd; q++) {
        const j = customerItems[q] as number;
        if (co[j] === 0) touched[nTouched++] = j;
        co[j]! += 1;
        walk[j]! += w;
      }
    }
    const ni = (itemOffsets[i + 1] as number) - (itemOffsets[i] as number);
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t] as number;
      const c = co[j] as number;
      const s = j === i ? 0 : score(c, walk[j] as number, ni, (itemOffsets[j + 1] as number) - (itemOffsets[j] as number), activeCustomers);
      if (s > 0) best.offer(s, j, c);
      co[j] = 0;
      walk[j] = 0;
    }
    out.push(toRow(best.sorted()));
  }
  return out;
}

function toRow(kept: Kept): NeighbourRow {
  return { items: kept.items, weights: kept.weights, counts: kept.extras };
}

/**
 * Computes the neighbour rows of every item in half the work: co-occurrence is symmetric, so row
 * i accumulates only the items j > i of its customers (each customer's items are ascending, and a
 * cursor per customer marks where item i sits), and each pair is offered to both rows' heaps with
 * its similarity in each direction. Gives exactly what {@link computeNeighbourRows} gives: the same
 * pairs, with sums over the same customers in the same order.
 *
 * @param index - Positive entries.
 * @param similarity - Resolved similarity options.
 * @param k - Neighbours to keep per item.
 * @returns One row per item.
 */
export function computeAllNeighbourRows(index: PositiveIndex, similarity: ResolvedSimilarity, k: number): NeighbourRow[] {
  const { itemCount, customerOffsets, customerItems, itemOffsets, itemCustomers, activeCustomers } = index;
  const co = new Int32Array(itemCount);
  const walk = new Float64Array(itemCount);
  const touched = new Int32Array(itemCount);
  const cursor = customerOffsets.slice(0, customerOffsets.length - 1);
  const walkWeight = customerWalkWeights(index, similarity);
  const score = pairSimilarity(similarity);
  const symmetric = isSymmetricSimilarity(similarity);
  const best = new BestK(k, itemCount);
  const floors = best.floors;
  for (let i = 0; i < itemCount; i++) {
    let nTouched = 0;
    for (let p = itemOffsets[i] as number, pEnd = itemOffsets[i + 1] as number; p < pEnd; p++) {
      const u = itemCustomers[p] as number;
      const from = (cursor[u] as number) + 1;
      cursor[u] = from;
      const qEnd = customerOffsets[u + 1] as number;
      if (walkWeight === undefined) {
        for (let q = from; q < qEnd; q++) {
          const j = customerItems[q] as number;
          if (co[j] === 0) touched[nTouched++] = j;
          co[j]! += 1;
        }
      } else {
        const w = walkWeight[u] as number;
        for (let q = from; q < qEnd; q++) {
          const j = customerItems[q] as number;
          if (co[j] === 0) touched[nTouched++] = j;
          co[j]! += 1;
          walk[j]! += w;
        }
      }
    }
    const ni = (itemOffsets[i + 1] as number) - (itemOffsets[i] as number);
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t] as number;
      const c = co[j] as number;
      const nj = (itemOffsets[j + 1] as number) - (itemOffsets[j] as number);
      const sij = score(c, walk[j] as number, ni, nj, activeCustomers);
      const sji = symmetric ? sij : score(c, walk[j] as number, nj, ni, activeCustomers);
      if (sij > 0 && sij >= (floors[i] as number)) best.offer(sij, j, c, i);
      if (sji > 0 && sji >= (floors[j] as number)) best.offer(sji, i, c, j);
      co[j] = 0;
      walk[j] = 0;
    }
  }
  return Array.from({ length: itemCount }, (_, i) => toRow(best.sorted(i)));
}

/** dᵤ^(−α) per customer for RP3beta; `undefined` for the other measures, which do not use it. */
function customerWalkWeights(index: PositiveIndex, similarity: ResolvedSimilarity): Float64Array | undefined {
  if (similarity.measure !== "rp3beta") return undefined;
  const n = index.customerOffsets.length - 1;
  const w = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const d = (index.customerOffsets[u + 1] as number) - (index.customerOffsets[u] as number);
    w[u] = d > 0 ? Math.pow(d, -similarity.alpha) : 0;
  }
  return w;
}
