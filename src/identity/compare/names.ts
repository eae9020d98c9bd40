import { jaroWinkler } from "./jaro-winkler.js";

/** Options of {@link isNameSwap}. */
export interface IsNameSwapOptions {
  /**
   * Least {@link jaroWinkler} similarity for two name parts to count as the same; `1` requires
   * equality. In (0, 1]. Default `1`.
   */
  readonly threshold?: number;
}

/**
 * Whether two records' names match crosswise but not straight: A's given name is B's family name
 * and A's family name is B's given name (`"John Smith"` vs `"Smith John"`, a common error when
 * sources order names differently, and normal for Chinese names written family-first). Pass
 * normalised names (see `normalizeName`). A missing (empty) part gives `false`.
 *
 * @param givenA - Given name of record A.
 * @param familyA - Family name of record A.
 * @param givenB - Given name of record B.
 * @param familyB - Family name of record B.
 * @param options - The similarity threshold; see {@link IsNameSwapOptions}.
 * @returns `true` for a given/family swap.
 * @throws RangeError when `threshold` is not in (0, 1].
 * @example
 * ```ts
 * isNameSwap("john", "smith", "smith", "john");                     // true
 * isNameSwap("john", "smith", "john", "smith");                     // false (a straight match)
 * isNameSwap("jon", "smith", "smith", "john", { threshold: 0.9 });  // true
 * ```
 */
export function isNameSwap(givenA: string, familyA: string, givenB: string, familyB: string, options: IsNameSwapOptions = {}): boolean {
  const threshold = options.threshold ?? 1;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`isNameSwap: option "threshold" must be in (0, 1], got ${String(threshold)}`);
  if (givenA === "" || familyA === "" || givenB === "" || familyB === "") return false;
  if (!same(givenA, familyB, threshold) || !same(familyA, givenB, threshold)) return false;
  return !(same(givenA, givenB, threshold) && same(familyA, familyB, threshold));
}

function same(x: string, y: string, threshold: number): boolean {
  return threshold === 1 ? x === y : jaroWinkler(x, y) >= threshold;
}
