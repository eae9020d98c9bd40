import { MAX_COMPARE_LENGTH } from "./limits.js";

/** Options of {@link levenshtein} and {@link damerauLevenshtein}. */
export interface EditDistanceOptions {
  /**
   * Stop once the distance is known to exceed this, and return `maxDistance + 1`: only a band of
   * `2·maxDistance + 1` diagonals is computed, which makes threshold tests fast. A non-negative
   * integer. Default: none (the exact distance).
   */
  readonly maxDistance?: number;
}

const row0 = new Int32Array(MAX_COMPARE_LENGTH + 1);
const row1 = new Int32Array(MAX_COMPARE_LENGTH + 1);
const row2 = new Int32Array(MAX_COMPARE_LENGTH + 1);

function checkMax(name: string, max: number | undefined): void {
  if (max !== undefined && !(Number.isInteger(max) && max >= 0))
    throw new RangeError(`${name}: option "maxDistance" must be a non-negative integer, got ${String(max)}`);
}

/**
 * Edit distance of the first `MAX_COMPARE_LENGTH` code units, with a diagonal band of half-width
 * `k`; returns `k + 1` as soon as every cell of a row exceeds `k`.
 */
function bandedDistance(a: string, b: string, la: number, lb: number, k: number, transpose: boolean): number {
  let start = 0;
  while (start < la && start < lb && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  // Skipping a common prefix and suffix is exact for both distances (the tests compare with the
  // textbook programmes on every pair of strings of up to four letters over three letters).
  while (la > start && lb > start && a.charCodeAt(la - 1) === b.charCodeAt(lb - 1)) {
    la--;
    lb--;
  }
  const n = la - start;
  const m = lb - start;
  if (n === 0 || m === 0) return Math.min(n + m, k + 1);
  if (Math.abs(n - m) > k) return k + 1;
  const inf = k + 1;
  let prev2 = row2;
  let prev = row0;
  let cur = row1;
  const firstHi = Math.min(m, k);
  for (let j = 0; j <= firstHi; j++) prev[j] = j;
  if (firstHi < m) prev[firstHi + 1] = inf;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur[lo - 1] = lo === 1 ? Math.min(i, inf) : inf;
    let rowMin = cur[lo - 1]!;
    const ca = a.charCodeAt(start + i - 1);
    const caPrev = i > 1 ? a.charCodeAt(start + i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(start + j - 1);
      let v = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (transpose && j > 1 && i > 1 && ca === b.charCodeAt(start + j - 2) && caPrev === cb && ca !== cb) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      if (v > inf) v = inf;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = inf;
    if (rowMin > k) return inf;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, inf);
}

/**
 * Bound on the edits needed past the compared prefixes: the rests without their common prefix and
 * suffix, replaced wholesale. Linear time.
 */
function restDistance(a: string, b: string, la: number, lb: number): number {
  let endA = a.length;
  let endB = b.length;
  while (la < endA && lb < endB && a.charCodeAt(la) === b.charCodeAt(lb)) {
    la++;
    lb++;
  }
  while (endA > la && endB > lb && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return Math.max(endA - la, endB - lb);
}

function distance(name: string, a: string, b: string, options: EditDistanceOptions, transpose: boolean): number {
  const max = options.maxDistance;
  checkMax(name, max);
  if (a === b) return 0;
  const la = Math.min(a.length, MAX_COMPARE_LENGTH);
  const lb = Math.min(b.length, MAX_COMPARE_LENGTH);
  const k = max ?? Math.max(la, lb);
  let d = bandedDistance(a, b, la, lb, k, transpose);
  if (a.length > MAX_COMPARE_LENGTH || b.length > MAX_COMPARE_LENGTH) d += restDistance(a, b, la, lb);
  return max !== undefined && d > max ? max + 1 : d;
}

/**
 * Levenshtein distance: the fewest single-character insertions, deletions and substitutions that
 * turn `a` into `b` (Levenshtein 1966), over UTF-16 code units. Common prefixes and suffixes are
 * skipped and two reused typed-array rows hold the dynamic programme, so a call allocates nothing.
 * For strings longer than {@link MAX_COMPARE_LENGTH} the first units are compared exactly and the
 * rests, stripped of their common prefix and suffix in linear time, add the longer remainder: an
 * upper bound of the true distance that keeps "0 exactly when equal".
 *
 * @param a - First string.
 * @param b - Second string.
 * @param options - An optional cut-off; see {@link EditDistanceOptions}.
 * @returns The distance, or `maxDistance + 1` when it exceeds `maxDistance`.
 * @throws RangeError when `maxDistance` is not a non-negative integer.
 * @example
 * ```ts
 * levenshtein("kitten", "sitting");                     // 3
 * levenshtein("kitten", "sitting", { maxDistance: 1 }); // 2 (more than 1)
 * ```
 */
export function levenshtein(a: string, b: string, options: EditDistanceOptions = {}): number {
  return distance("levenshtein", a, b, options, false);
}

/**
 * Damerau–Levenshtein distance in its **optimal string alignment** form (OSA, also called the
 * restricted edit distance): Levenshtein's operations plus the transposition of two adjacent
 * characters (Damerau 1964), where no substring is edited more than once — so `"ca"` → `"abc"` is
 * 3, not the unrestricted 2. Never above {@link levenshtein}. Same cut-off, length cap and
 * allocation behaviour as {@link levenshtein}.
 *
 * @param a - First string.
 * @param b - Second string.
 * @param options - An optional cut-off; see {@link EditDistanceOptions}.
 * @returns The distance, or `maxDistance + 1` when it exceeds `maxDistance`.
 * @throws RangeError when `maxDistance` is not a non-negative integer.
 * @example
 * ```ts
 * damerauLevenshtein("smtih", "smith"); // 1 (Levenshtein: 2)
 * damerauLevenshtein("ca", "abc");      // 3
 * ```
 */
export function damerauLevenshtein(a: string, b: string, options: EditDistanceOptions = {}): number {
  return distance("damerauLevenshtein", a, b, options, true);
}

/**
 * Levenshtein similarity: `1 − distance / max(|a|, |b|)`, 1 for equal strings (both empty
 * included), 0 when nothing can be kept.
 *
 * @param a - First string.
 * @param b - Second string.
 * @returns Similarity in [0, 1].
 * @example
 * ```ts
 * levenshteinSimilarity("smith", "smyth"); // 0.8
 * ```
 */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length);
}

/**
 * Damerau–Levenshtein (OSA) similarity: `1 − distance / max(|a|, |b|)`; see
 * {@link damerauLevenshtein}.
 *
 * @param a - First string.
 * @param b - Second string.
 * @returns Similarity in [0, 1].
 * @example
 * ```ts
 * damerauLevenshteinSimilarity("smtih", "smith"); // 0.8
 * ```
 */
export function damerauLevenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return 1 - damerauLevenshtein(a, b) / Math.max(a.length, b.length);
}
