/**
 * Absolute difference of two numbers, `|a − b|`.
 *
 * @param a - First number.
 * @param b - Second number.
 * @returns The distance; `NaN` when either is not finite.
 * @example
 * ```ts
 * numericDistance(1980, 1983); // 3
 * numericDistance(1, NaN);     // NaN
 * ```
 */
export function numericDistance(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : Number.NaN;
}

/**
 * Relative difference `|a − b| / max(|a|, |b|)`: 0 for equal numbers (both 0 included), up to 1
 * for numbers of the same sign and up to 2 for opposite signs. Use it for amounts, where a gap of
 * 10 means much on 20 and little on 10,000.
 *
 * @param a - First number.
 * @param b - Second number.
 * @returns The relative difference in [0, 2]; `NaN` when either is not finite.
 * @example
 * ```ts
 * relativeDifference(100, 110); // 0.0909…
 * relativeDifference(0, 0);     // 0
 * ```
 */
export function relativeDifference(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.NaN;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
