/**
 * Pairwise precision, recall and F1 of a clustering against ground truth, over the record pairs
 * the clusters imply.
 *
 * @example
 * ```ts
 * const scores: PairwiseScores = evaluatePairwise(["a", "a", "b"], [1, 1, 1]);
 * ```
 */
export interface PairwiseScores {
  /** Pairs put together that are truly together, over pairs put together (1 when none were). */
  readonly precision: number;
  /** Pairs put together that are truly together, over pairs truly together (1 when there are none). */
  readonly recall: number;
  /** Harmonic mean of precision and recall. */
  readonly f1: number;
  /** Pairs both predicted and true. */
  readonly truePositives: number;
  /** Pairs predicted (in the same predicted cluster). */
  readonly predictedPairs: number;
  /** Pairs true (in the same true cluster). */
  readonly truePairs: number;
}

/**
 * Options of {@link evaluatePairwise}.
 *
 * @example
 * ```ts
 * const options: EvaluateOptions = { groups: ["a", "b", "b"] };
 * ```
 */
export interface EvaluateOptions {
  /**
   * A group per record (its source); when given, only pairs across groups count — the measure for
   * linking two sources (FEBRL 4a × 4b).
   */
  readonly groups?: readonly (string | number)[];
}


/** Number of pairs among records counted per (cell, group). */
function pairsOf(sizes: Map<string, Map<string | number, number>>, crossOnly: boolean): number {
  let total = 0;
  for (const byGroup of sizes.values()) {
    let n = 0;
    let within = 0;
    for (const k of byGroup.values()) {
      n += k;
      within += (k * (k - 1)) / 2;
    }
    total += crossOnly ? (n * (n - 1)) / 2 - within : (n * (n - 1)) / 2;
  }
  return total;
}

function count(keys: readonly string[], groups: readonly (string | number)[] | undefined): Map<string, Map<string | number, number>> {
  const sizes = new Map<string, Map<string | number, number>>();
  keys.forEach((key, i) => {
    const g = groups ? groups[i]! : 0;
    let byGroup = sizes.get(key);
    if (byGroup === undefined) sizes.set(key, (byGroup = new Map()));
    byGroup.set(g, (byGroup.get(g) ?? 0) + 1);
  });
  return sizes;
}

/**
 * Scores a clustering against ground truth over record pairs: a pair is predicted when both
 * records share a predicted cluster and true when they share a true cluster. Counting works on
 * cluster sizes, so it is linear in the number of records however large the clusters.
 *
 * @param predicted - Predicted cluster (entity) label per record.
 * @param truth - True cluster label per record, parallel to `predicted`.
 * @param options - Restrict to pairs across groups; see {@link EvaluateOptions}.
 * @returns Precision, recall, F1 and the pair counts.
 * @throws RangeError when the arrays differ in length.
 * @example
 * ```ts
 * evaluatePairwise(["e1", "e1", "e2", "e2"], ["t1", "t1", "t1", "t2"]);
 * // predicted pairs {0,1}, {2,3}; true pairs {0,1}, {0,2}, {1,2}: precision 0.5, recall 1/3
 * ```
 */
export function evaluatePairwise(predicted: readonly (string | number)[], truth: readonly (string | number)[], options: EvaluateOptions = {}): PairwiseScores {
  const { groups } = options;
  if (predicted.length !== truth.length) throw new RangeError(`predicted has ${predicted.length} labels but truth has ${truth.length}`);
  if (groups && groups.length !== predicted.length) throw new RangeError(`groups has ${groups.length} entries, expected ${predicted.length}`);
  const crossOnly = groups !== undefined;
  const p = predicted.map((x) => `${typeof x}:${x}`);
  const t = truth.map((x) => `${typeof x}:${x}`);
  const predictedPairs = pairsOf(count(p, groups), crossOnly);
  const truePairs = pairsOf(count(t, groups), crossOnly);
  const truePositives = pairsOf(count(p.map((x, i) => `${x}\u0000${t[i]}`), groups), crossOnly);
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, predictedPairs, truePairs };
}
