/**
 * A customer's history as a personal list reads it (internal): one entry per item, in ascending
 * item order, whether the history is given by the caller (aggregated here, so that its order does
 * not matter) or read in place from the model.
 */
import { netValue } from "./histories.js";
import type { HistoryEntry, RecommenderModel } from "./model.js";
import { positionsOf } from "./universe.js";
import type { Universe } from "./universe.js";

/**
 * Why a history entry was not used as evidence: the model and style index do not know the item
 * (`"unknown-item"`); its timestamp is not a valid date (`"invalid-timestamp"`); its value is not
 * a finite number, or the values of the item's entries sum beyond the range of a number
 * (`"invalid-value"`); or it is so much older than the customer's latest purchase that its
 * recency weight 0.5^(age ÷ half-life) is too small to represent (`"too-old"`, about 1,000
 * half-lives).
 *
 * @example
 * ```ts
 * const reason: IgnoredReason = "unknown-item";
 * ```
 */
export type IgnoredReason = "unknown-item" | "invalid-timestamp" | "invalid-value" | "too-old";

/**
 * A history entry that was not used as evidence, and why. Its item is still left out of the list
 * as bought (unless it may be bought again).
 *
 * @example
 * ```ts
 * const entry: IgnoredEntry = { itemId: "discontinued-cd", reason: "unknown-item" };
 * ```
 */
export interface IgnoredEntry {
  /** The entry's item. */
  readonly itemId: string;
  /** Why it was ignored. */
  readonly reason: IgnoredReason;
}

/** A customer's history as the list reads it: entry n's item id, universe position (−1 if unknown), latest time and net value. */
export interface Entries {
  readonly length: number;
  itemId(n: number): string;
  position(n: number): number;
  time(n: number): number;
  value(n: number): number;
}

/** A valid history entry, before aggregation. */
interface Entry {
  readonly itemId: string;
  readonly time: number;
  readonly value: number;
}

/** Whether the entries are in ascending item order with no item twice (as `customerHistory` gives them). */
function isStrictlySorted(entries: readonly Entry[]): boolean {
  for (let n = 1; n < entries.length; n++) if (!((entries[n - 1] as Entry).itemId < (entries[n] as Entry).itemId)) return false;
  return true;
}

/** Entries of one item merged: latest time, summed value (0 when within rounding of zero). */
function mergeByItem(sorted: readonly Entry[]): Entry[] {
  const merged: Entry[] = [];
  let magnitude = 0;
  for (const e of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.itemId === e.itemId) {
      magnitude += Math.abs(e.value);
      merged[merged.length - 1] = { itemId: e.itemId, time: Math.max(last.time, e.time), value: last.value + e.value };
    } else {
      if (last !== undefined) merged[merged.length - 1] = { ...last, value: netValue(last.value, magnitude) };
      magnitude = Math.abs(e.value);
      merged.push(e);
    }
  }
  const last = merged[merged.length - 1];
  if (last !== undefined) merged[merged.length - 1] = { ...last, value: netValue(last.value, magnitude) };
  return merged;
}

/**
 * Aggregates a given history per item (latest time, summed value) in a canonical order, so that
 * its order does not matter; entries with an invalid timestamp or value, and items whose values
 * sum beyond the range of a number, go to `ignored`.
 */
export function entriesOfHistory(universe: Universe, history: readonly HistoryEntry[]): { entries: Entries; ignored: IgnoredEntry[] } {
  const ignored: IgnoredEntry[] = [];
  const valid: Entry[] = [];
  for (const h of history) {
    const itemId = String(h?.itemId);
    const time = h?.timestamp instanceof Date ? h.timestamp.getTime() : Number.NaN;
    const value = h?.value ?? 1;
    if (!Number.isFinite(time)) ignored.push({ itemId, reason: "invalid-timestamp" });
    else if (typeof value !== "number" || !Number.isFinite(value)) ignored.push({ itemId, reason: "invalid-value" });
    else valid.push({ itemId, time, value });
  }
  let merged = valid;
  if (!isStrictlySorted(valid)) {
    valid.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.time - b.time || a.value - b.value));
    merged = [];
    for (const e of mergeByItem(valid)) {
      if (Number.isFinite(e.value)) merged.push(e);
      else ignored.push({ itemId: e.itemId, reason: "invalid-value" });
    }
  }
  const positions = positionsOf(universe);
  const position = Int32Array.from(merged, (e) => positions.get(e.itemId) ?? -1);
  const entries: Entries = {
    length: merged.length,
    itemId: (n) => (merged[n] as Entry).itemId,
    position: (n) => position[n] as number,
    time: (n) => (merged[n] as Entry).time,
    value: (n) => (merged[n] as Entry).value,
  };
  return { entries, ignored };
}

/** The history the model holds for customer u (−1: none), read in place from the model's arrays. */
export function entriesOfModel(model: RecommenderModel, universe: Universe, u: number): Entries {
  const from = u < 0 ? 0 : (model.historyOffsets[u] as number);
  const to = u < 0 ? 0 : (model.historyOffsets[u + 1] as number);
  return {
    length: to - from,
    itemId: (n) => model.items[model.historyItems[from + n] as number] as string,
    position: (n) => universe.fromModel[model.historyItems[from + n] as number] as number,
    time: (n) => model.historyTimes[from + n] as number,
    value: (n) => model.historyValues[from + n] as number,
  };
}
