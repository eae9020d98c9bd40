/** Most values read from each side by {@link bestOfAnyToAny}. */
export const MAX_MULTI_VALUES = 64;

/**
 * Any-to-any comparison of multi-valued fields (a person with several emails or phones): the best
 * similarity over every pair `(x, y)` with `x` from `valuesA` and `y` from `valuesB`. Stops early
 * at a similarity of 1. Reads at most {@link MAX_MULTI_VALUES} values from each side, so hostile
 * lists cannot make it quadratic in their length.
 *
 * @typeParam T - The value type.
 * @param valuesA - The first record's values.
 * @param valuesB - The second record's values.
 * @param similarity - A similarity in [0, 1] (for example {@link jaroWinkler}, or `(x, y) => x === y ? 1 : 0`).
 * @returns The best pair's similarity, or `undefined` when either side has no value (missing).
 * @example
 * ```ts
 * bestOfAnyToAny(["+441234567890", "+447700900123"], ["+447700900123"], (x, y) => (x === y ? 1 : 0)); // 1
 * bestOfAnyToAny([], ["a@x.org"], jaroWinkler);                                                     // undefined
 * ```
 */
export function bestOfAnyToAny<T>(valuesA: readonly T[], valuesB: readonly T[], similarity: (a: T, b: T) => number): number | undefined {
  const na = Math.min(valuesA.length, MAX_MULTI_VALUES);
  const nb = Math.min(valuesB.length, MAX_MULTI_VALUES);
  if (na === 0 || nb === 0) return undefined;
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const s = similarity(valuesA[i]!, valuesB[j]!);
      if (s > best) {
        best = s;
        if (best >= 1) return best;
      }
    }
  }
  return best;
}
