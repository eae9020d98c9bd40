/**
 * Turning scores into a list under business rules (internal): the best candidates by (score
 * descending, item number ascending) are checked against the rules and diversified; when too few
 * pass, the pool grows until the candidates run out.
 */
import { BestK } from "./best-k.js";
import { pickDiverse } from "./rules.js";
import type { Candidate, PreparedRules } from "./rules.js";

/** Checks a list length option: an integer ≥ 0 (0 gives an empty list). */
export function checkK(k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > 1_000_000) throw new RangeError(`k must be an integer in [0, 1000000], got ${String(k)}`);
  return k;
}

/** Offers every candidate that could enter `best` (a heap of the pool's size) with its final score. */
export type OfferCandidates = (best: BestK) => void;

/**
 * Picks up to `k` items from dense scores: only items with a score > 0 are candidates; blocked
 * items are zeroed and boosts applied first (the scores are modified).
 *
 * @param scores - Score per item number (modified).
 * @param ids - Item id per item number.
 * @param position - Item number of an id, −1 when absent.
 * @param k - List length.
 * @param rules - Prepared rules.
 * @param similarity - Similarity of two candidates in [0, 1] (MMR only).
 */
export function pickList(
  scores: Float64Array,
  ids: readonly string[],
  position: (id: string) => number,
  k: number,
  rules: PreparedRules,
  similarity: (a: Candidate, b: Candidate) => number,
): Candidate[] {
  for (const id of rules.blocked) {
    const i = position(id);
    if (i >= 0) scores[i] = 0;
  }
  if (rules.boosting) scores.forEach((s, i) => (scores[i] = s > 0 ? s * rules.boost(ids[i] as string) : s));
  return pickFrom(offerDense(scores), ids, k, rules, similarity);
}

/** Offers every item of dense scores with a score > 0. */
export function offerDense(scores: Float64Array): OfferCandidates {
  return (best) => {
    const floors = best.floors;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i] as number;
      if (s > 0 && s >= (floors[0] as number)) best.offer(s, i);
    }
  };
}

/**
 * Picks up to `k` items from the candidates `offer` gives, best first (score descending, item
 * number ascending): the best of a pool are checked against the rules and diversified; when too
 * few pass, the pool grows until the candidates run out.
 *
 * @param offer - Offers the candidates to a heap.
 * @param ids - Item id per item number.
 * @param k - List length.
 * @param rules - Prepared rules.
 * @param similarity - Similarity of two candidates in [0, 1] (MMR only).
 */
export function pickFrom(offer: OfferCandidates, ids: readonly string[], k: number, rules: PreparedRules, similarity: (a: Candidate, b: Candidate) => number): Candidate[] {
  if (k === 0) return [];
  const diverse = rules.maxPerCategory !== Infinity || rules.mmrLambda !== undefined;
  const want = diverse ? Math.max(5 * k, k + 20) : k;
  for (let pool = want; ; pool *= 4) {
    const best = new BestK(pool);
    offer(best);
    const top = best.sorted();
    const exhausted = top.items.length < pool;
    const allowed: Candidate[] = [];
    top.items.forEach((i, r) => {
      const itemId = ids[i] as string;
      if (rules.allowed(itemId)) allowed.push({ itemId, order: i, score: top.weights[r] as number });
    });
    if (allowed.length < want && !exhausted) continue;
    const picked = pickDiverse(allowed, k, rules, similarity);
    if (picked.length === k || exhausted) return picked;
  }
}
