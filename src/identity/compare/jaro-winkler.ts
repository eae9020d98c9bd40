import { MAX_COMPARE_LENGTH } from "./limits.js";

const matchedA = new Uint8Array(MAX_COMPARE_LENGTH);
const matchedB = new Uint8Array(MAX_COMPARE_LENGTH);

/**
 * Jaro similarity (Jaro 1989): with `m` the characters of `a` and `b` that match within a window of
 * `⌊max(|a|, |b|) / 2⌋ − 1` positions and `t` half the matched characters out of order,
 * `(m/|a| + m/|b| + (m − t)/m) / 3`, or 0 when `m = 0`. Equal strings (both empty included) give 1.
 * Compares UTF-16 code units of the first {@link MAX_COMPARE_LENGTH} units of each string; the
 * arguments are put in a fixed order first, so the result is exactly symmetric.
 *
 * @param a - First string.
 * @param b - Second string.
 * @returns Similarity in [0, 1].
 * @example
 * ```ts
 * jaro("martha", "marhta"); // 0.944…
 * jaro("abc", "xyz");       // 0
 * ```
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a > b) {
    const swap = a;
    a = b;
    b = swap;
  }
  const la = Math.min(a.length, MAX_COMPARE_LENGTH);
  const lb = Math.min(b.length, MAX_COMPARE_LENGTH);
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const hi = Math.min(i + window + 1, lb);
    for (let j = Math.max(0, i - window); j < hi; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  const t = outOfOrder / 2;
  return (m / la + m / lb + (m - t) / m) / 3;
}

/** Options of {@link jaroWinkler}. */
export interface JaroWinklerOptions {
  /** Winkler's prefix scale `p`, in [0, 0.25]. Default `0.1`. */
  readonly prefixScale?: number;
  /** Longest common prefix rewarded, 0–4 (Winkler: 4). Default `4`. */
  readonly maxPrefixLength?: number;
  /** The prefix bonus applies only when the Jaro similarity exceeds this. Default `0.7` (Winkler). */
  readonly boostThreshold?: number;
}

function checkOptions(p: number, l: number, t: number): void {
  if (!(p >= 0 && p <= 0.25)) throw new RangeError(`jaroWinkler: option "prefixScale" must be a number in [0, 0.25], got ${String(p)}`);
  if (!Number.isInteger(l) || l < 0 || l > 4) throw new RangeError(`jaroWinkler: option "maxPrefixLength" must be an integer 0–4, got ${String(l)}`);
  if (!(t >= 0 && t <= 1)) throw new RangeError(`jaroWinkler: option "boostThreshold" must be a number in [0, 1], got ${String(t)}`);
}

/**
 * Jaro–Winkler similarity (Winkler 1990): the {@link jaro} similarity `j`, raised for a common
 * prefix of `ℓ` characters (at most `maxPrefixLength`) to `j + ℓ·p·(1 − j)` when `j` exceeds
 * `boostThreshold`. Never below the Jaro similarity; symmetric; in [0, 1].
 *
 * @param a - First string.
 * @param b - Second string.
 * @param options - Prefix scale, prefix length and boost threshold; see {@link JaroWinklerOptions}.
 * @returns Similarity in [0, 1].
 * @throws RangeError when an option is out of range.
 * @example
 * ```ts
 * jaroWinkler("martha", "marhta"); // 0.961…
 * jaroWinkler("dwayne", "duane");  // 0.84
 * ```
 */
export function jaroWinkler(a: string, b: string, options: JaroWinklerOptions = {}): number {
  const p = options.prefixScale ?? 0.1;
  const maxPrefix = options.maxPrefixLength ?? 4;
  const threshold = options.boostThreshold ?? 0.7;
  checkOptions(p, maxPrefix, threshold);
  const j = jaro(a, b);
  if (j <= threshold || j === 1) return j;
  const limit = Math.min(maxPrefix, a.length, b.length);
  let l = 0;
  while (l < limit && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * p * (1 - j);
}
