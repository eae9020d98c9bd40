import { MAX_COMPARE_LENGTH } from "./limits.js";

/** Most distinct tokens taken from each side by {@link jaccard}. */
const MAX_TOKENS = 1_000;

function toSet(values: Iterable<string>): ReadonlySet<string> {
  if (values instanceof Set && values.size <= MAX_TOKENS) return values as ReadonlySet<string>;
  const set = new Set<string>();
  for (const v of values) {
    set.add(v);
    if (set.size >= MAX_TOKENS) break;
  }
  return set;
}

/** Sizes of two sets (duplicates once, at most 1,000 values each) and of their intersection. */
function intersect(a: Iterable<string>, b: Iterable<string>): { sizeA: number; sizeB: number; common: number } {
  const setA = toSet(a);
  const setB = toSet(b);
  const [small, large] = setA.size <= setB.size ? [setA, setB] : [setB, setA];
  let common = 0;
  for (const v of small) if (large.has(v)) common++;
  return { sizeA: setA.size, sizeB: setB.size, common };
}

/**
 * Jaccard similarity of two sets, `|A ∩ B| / |A ∪ B|` (Jaccard 1901); duplicates count once. Two
 * empty sets are equal and give 1 (treat missing values before calling). At most the first 1,000
 * distinct values of each side are read.
 *
 * @param a - First set (a `Set`, an array or any iterable of strings).
 * @param b - Second set.
 * @returns Similarity in [0, 1].
 * @example
 * ```ts
 * jaccard(["ann", "marie", "smith"], ["smith", "ann"]); // 0.666…
 * jaccard(new Set(), new Set());                        // 1
 * ```
 */
export function jaccard(a: Iterable<string>, b: Iterable<string>): number {
  const { sizeA, sizeB, common } = intersect(a, b);
  return sizeA === 0 && sizeB === 0 ? 1 : common / (sizeA + sizeB - common);
}

/**
 * Overlap coefficient of two sets, `|A ∩ B| / min(|A|, |B|)` (Szymkiewicz–Simpson): 1 when one
 * set holds the other, so "Johnson" and "Chicago Public Schools Johnson" overlap fully while their
 * Jaccard similarity is 0.25. Duplicates count once; two empty sets give 1, one empty set 0. At
 * most the first 1,000 distinct values of each side are read.
 *
 * @param a - First set (a `Set`, an array or any iterable of strings).
 * @param b - Second set.
 * @returns Similarity in [0, 1].
 * @example
 * ```ts
 * overlapCoefficient(["johnson"], ["chicago", "public", "schools", "johnson"]); // 1
 * overlapCoefficient(["acme", "ltd"], ["acme", "holdings"]);                      // 0.5
 * ```
 */
export function overlapCoefficient(a: Iterable<string>, b: Iterable<string>): number {
  const { sizeA, sizeB, common } = intersect(a, b);
  if (sizeA === 0 && sizeB === 0) return 1;
  return sizeA === 0 || sizeB === 0 ? 0 : common / Math.min(sizeA, sizeB);
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The lower-case word tokens of a text (letters, marks and digits; everything else separates),
 * from its first {@link MAX_COMPARE_LENGTH} code units.
 *
 * @param text - Any text.
 * @returns The tokens in order, duplicates kept.
 * @example
 * ```ts
 * wordTokens("Mary-Ann  SMITH"); // ["mary", "ann", "smith"]
 * ```
 */
export function wordTokens(text: string): string[] {
  return text.slice(0, MAX_COMPARE_LENGTH).toLowerCase().match(WORD) ?? [];
}

/**
 * Token set similarity: the {@link jaccard} similarity of the word tokens of two texts (see
 * {@link wordTokens}), so word order and repetition do not matter (`"Smith John"` equals
 * `"john smith"`). Two texts without tokens give 1.
 *
 * @param a - First text.
 * @param b - Second text.
 * @returns Similarity in [0, 1].
 * @example
 * ```ts
 * tokenSetSimilarity("John Smith", "smith, john");   // 1
 * tokenSetSimilarity("Acme Ltd", "Acme Holdings Ltd"); // 0.666…
 * ```
 */
export function tokenSetSimilarity(a: string, b: string): number {
  return jaccard(wordTokens(a), wordTokens(b));
}
