import { MAX_COMPARE_LENGTH } from "./limits.js";

const gramsA = new Uint32Array(MAX_COMPARE_LENGTH);
const gramsB = new Uint32Array(MAX_COMPARE_LENGTH);

/** Packs the n-grams (n ≤ 2) of `s` into `out`; returns their count. */
function packGrams(s: string, len: number, n: number, out: Uint32Array): number {
  if (len < n) {
    out[0] = len === 0 ? 0 : n === 2 ? ((s.charCodeAt(0) << 16) | 0xffff) >>> 0 : s.charCodeAt(0);
    return len === 0 ? 0 : 1;
  }
  const count = len - n + 1;
  for (let i = 0; i < count; i++) out[i] = n === 1 ? s.charCodeAt(i) : ((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1)) >>> 0;
  return count;
}

function countGrams(s: string, len: number, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  if (len === 0) return counts;
  if (len < n) {
    counts.set(s.slice(0, len), 1);
    return counts;
  }
  for (let i = 0; i + n <= len; i++) {
    const g = s.slice(i, i + n);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/**
 * Sørensen–Dice coefficient on character n-grams (Dice 1945): `2·|A ∩ B| / (|A| + |B|)` over the
 * multisets of n-grams of the two strings (a string shorter than `n` is one gram). Equal strings
 * (both empty included) give 1. Reads the first {@link MAX_COMPARE_LENGTH} code units; for
 * `n ≤ 2` grams are packed into integers in reused typed arrays, sorted and merged without
 * allocating.
 *
 * @param a - First string.
 * @param b - Second string.
 * @param n - Gram length, an integer 1–8. Default 2 (bigrams).
 * @returns Similarity in [0, 1].
 * @throws RangeError when `n` is not an integer 1–8.
 * @example
 * ```ts
 * diceCoefficient("night", "nacht");    // 0.25 (ht of ni ig gh ht / na ac ch ht)
 * diceCoefficient("night", "nacht", 1); // 0.6
 * ```
 */
export function diceCoefficient(a: string, b: string, n = 2): number {
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new RangeError(`diceCoefficient: "n" must be an integer 1–8, got ${String(n)}`);
  if (a === b) return 1;
  const la = Math.min(a.length, MAX_COMPARE_LENGTH);
  const lb = Math.min(b.length, MAX_COMPARE_LENGTH);
  if (la === 0 || lb === 0) return 0;
  if (n <= 2) {
    const ca = packGrams(a, la, n, gramsA);
    const cb = packGrams(b, lb, n, gramsB);
    const sa = gramsA.subarray(0, ca).sort();
    const sb = gramsB.subarray(0, cb).sort();
    let i = 0;
    let j = 0;
    let common = 0;
    while (i < ca && j < cb) {
      const x = sa[i]!;
      const y = sb[j]!;
      if (x === y) {
        common++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return (2 * common) / (ca + cb);
  }
  const countsA = countGrams(a, la, n);
  const countsB = countGrams(b, lb, n);
  let common = 0;
  let totalA = 0;
  let totalB = 0;
  for (const c of countsB.values()) totalB += c;
  for (const [g, c] of countsA) {
    totalA += c;
    common += Math.min(c, countsB.get(g) ?? 0);
  }
  return (2 * common) / (totalA + totalB);
}
