/**
 * Checking a model that comes from outside the program — read back from storage, received over
 * the network — before it is used: the functions of this module trust the arrays of a model and
 * would give meaningless lists (NaN scores, wrong items) for a damaged one.
 */
import type { RecommenderModel } from "./model.js";
import { resolveSimilarity } from "./similarity.js";
import type { SimilarityOptions } from "./similarity.js";

/**
 * Whether a value is a {@link RecommenderModel} of the format and version this library reads,
 * with consistent arrays: ids sorted and unique, every offset, index and group in range, times
 * that a Date can hold, finite values with magnitudes at least as large, positive finite
 * similarities, no item its own neighbour, and buyer counts that match the histories. Linear in
 * the size of the model.
 *
 * @param value - Anything, typically `JSON.parse` of a stored model.
 * @returns `true` when the functions of `idic/recommend` can use it.
 * @example
 * ```ts
 * const stored: unknown = JSON.parse(text);
 * if (!isRecommenderModel(stored)) throw new Error("the stored model is damaged or from another version; rebuild it");
 * alsoBought(stored, "jazz-cd");
 * ```
 */
export function isRecommenderModel(value: unknown): value is RecommenderModel {
  if (value === null || typeof value !== "object") return false;
  const m = value as Record<string, unknown>;
  return (
    m["format"] === "idic.recommend.model" &&
    m["version"] === 1 &&
    isResolvedSimilarity(m["similarity"]) &&
    isIntegerIn(m["neighbours"], 1, 10_000) &&
    hasConsistentHistories(m) &&
    hasConsistentNeighbours(m)
  );
}

/**
 * Throws when a model is not of the format and version this library reads (internal; a constant-time
 * check at every entry point — {@link isRecommenderModel} checks everything).
 */
export function checkModelFormat(model: RecommenderModel): void {
  if (model?.format !== "idic.recommend.model" || model.version !== 1) {
    throw new TypeError(
      `model must be a RecommenderModel (format "idic.recommend.model", version 1), got format ${String(model?.format)}, version ${String(model?.version)}; check a stored model with isRecommenderModel`,
    );
  }
}

function isIntegerIn(x: unknown, min: number, max: number): x is number {
  return Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
}

function isResolvedSimilarity(x: unknown): boolean {
  if (x === null || typeof x !== "object") return false;
  const s = x as Record<string, unknown>;
  try {
    const resolved = resolveSimilarity(s as unknown as SimilarityOptions);
    return resolved.shrink === s["shrink"] && resolved.alpha === s["alpha"] && resolved.beta === s["beta"];
  } catch {
    return false;
  }
}

function isSortedIds(x: unknown): x is string[] {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== "string" || (i > 0 && !((x[i - 1] as string) < (x[i] as string)))) return false;
  }
  return true;
}

function isIntegers(x: unknown, length: number, min: number, max: number): x is number[] {
  return Array.isArray(x) && x.length === length && x.every((v) => isIntegerIn(v, min, max));
}

function isFinites(x: unknown, length: number): x is number[] {
  return Array.isArray(x) && x.length === length && x.every((v) => typeof v === "number" && Number.isFinite(v));
}

/** Epoch milliseconds that a Date can hold (±8.64e15). */
function isTimes(x: unknown, length: number): x is number[] {
  return isFinites(x, length) && x.every((t) => Math.abs(t) <= 8.64e15);
}

/** Offsets of `rows` rows into `total` entries: starts at 0, never decreases, ends at `total`. */
function isOffsets(x: unknown, rows: number, total: number): x is number[] {
  if (!isIntegers(x, rows + 1, 0, total) || x[0] !== 0 || x[rows] !== total) return false;
  for (let r = 0; r < rows; r++) if ((x[r] as number) > (x[r + 1] as number)) return false;
  return true;
}

function hasConsistentHistories(m: Record<string, unknown>): boolean {
  const { items, customers, groups, historyItems, historyOffsets } = m;
  if (!isSortedIds(items) || !isSortedIds(customers) || !isSortedIds(groups)) return false;
  if (!isIntegers(m["customerGroups"], customers.length, -1, groups.length - 1)) return false;
  if (!Array.isArray(historyItems) || !isIntegers(historyItems, historyItems.length, 0, items.length - 1)) return false;
  if (!isTimes(m["historyTimes"], historyItems.length) || !isFinites(m["historyValues"], historyItems.length)) return false;
  const values = m["historyValues"] as number[];
  const magnitudes = m["historyMagnitudes"];
  if (!isFinites(magnitudes, historyItems.length) || !magnitudes.every((x, e) => x >= Math.abs(values[e] as number))) return false;
  if (!isOffsets(historyOffsets, customers.length, historyItems.length)) return false;
  const buyers = new Array<number>(items.length).fill(0);
  for (let u = 0; u < customers.length; u++) {
    for (let e = historyOffsets[u] as number; e < (historyOffsets[u + 1] as number); e++) {
      if (e > (historyOffsets[u] as number) && !((historyItems[e - 1] as number) < (historyItems[e] as number))) return false;
      if ((values[e] as number) > 0) buyers[historyItems[e] as number]! += 1;
    }
  }
  const itemCustomers = m["itemCustomers"];
  return Array.isArray(itemCustomers) && itemCustomers.length === items.length && buyers.every((n, i) => itemCustomers[i] === n);
}

function hasConsistentNeighbours(m: Record<string, unknown>): boolean {
  const items = m["items"] as string[];
  const { neighbourItems, neighbourOffsets, neighbourWeights } = m;
  if (!Array.isArray(neighbourItems) || !isIntegers(neighbourItems, neighbourItems.length, 0, items.length - 1)) return false;
  if (!isFinites(neighbourWeights, neighbourItems.length) || !neighbourWeights.every((w) => w > 0)) return false;
  if (!isIntegers(m["neighbourCounts"], neighbourItems.length, 0, Number.MAX_SAFE_INTEGER)) return false;
  if (!isOffsets(neighbourOffsets, items.length, neighbourItems.length)) return false;
  for (let i = 0; i < items.length; i++) {
    const from = neighbourOffsets[i] as number;
    const to = neighbourOffsets[i + 1] as number;
    if (to - from > (m["neighbours"] as number)) return false;
    for (let q = from; q < to; q++) if (neighbourItems[q] === i) return false;
  }
  return true;
}
