/**
 * Explanations of personal lists: each recommended item carries the history items that
 * contributed to its score ("because you bought X and Y").
 */
import { forEachContribution } from "./evidence.js";
import type { Evidence } from "./evidence.js";
import type { Entries } from "./history-entries.js";
import type { RecommenderModel } from "./model.js";
import type { ResolvedRecommendOptions } from "./personal-options.js";
import type { Candidate } from "./rules.js";
import type { Scratch } from "./scratch.js";
import type { Universe } from "./universe.js";

/**
 * A history item that helped produce a recommendation, and by how much.
 *
 * @example
 * ```ts
 * const reason: Reason = { itemId: "jazz-cd", contribution: 0.31 };
 * ```
 */
export interface Reason {
  /** An item of the customer's history. */
  readonly itemId: string;
  /** What it added to the score: recency × strength × similarity. */
  readonly contribution: number;
}

/**
 * One item of a personal list.
 *
 * @example
 * ```ts
 * const rec: Recommendation = { itemId: "blues-cd", score: 0.5, basis: "history", because: [{ itemId: "jazz-cd", contribution: 0.31 }] };
 * ```
 */
export interface Recommendation {
  /** The recommended item. */
  readonly itemId: string;
  /** Its score (after boosts); higher is better. */
  readonly score: number;
  /** `"history"` when history items produced it, `"popularity"` when only popularity did. */
  readonly basis: "history" | "popularity";
  /** The history items that contributed most, largest first ("because you bought X and Y"). */
  readonly because: Reason[];
}

/**
 * The picked candidates with the history items that contributed to each, largest first: the
 * evidence is walked again, adding each piece's contributions to the picked items only.
 */
export function explain(
  model: RecommenderModel,
  universe: Universe,
  picked: readonly Candidate[],
  s: Scratch,
  evidence: Evidence,
  entries: Entries,
  r: ResolvedRecommendOptions,
): Recommendation[] {
  const because: Reason[][] = picked.map(() => []);
  const amounts = new Float64Array(picked.length);
  const hit: number[] = [];
  picked.forEach((c, slot) => (s.slots[c.order] = slot));
  const collect = (position: number, amount: number): void => {
    const slot = s.slots[position] as number;
    if (slot < 0) return;
    if (amounts[slot] === 0) hit.push(slot);
    amounts[slot]! += amount;
  };
  for (let e = 0; e < evidence.count; e++) {
    forEachContribution(model, universe, s, e, evidence, r, collect);
    if (hit.length === 0) continue;
    const itemId = entries.itemId(s.evidenceEntry[e] as number);
    for (const slot of hit) {
      if ((amounts[slot] as number) > 0) because[slot]!.push({ itemId, contribution: amounts[slot] as number });
      amounts[slot] = 0;
    }
    hit.splice(0);
  }
  for (const c of picked) s.slots[c.order] = -1;
  return picked.map((c, slot) => {
    const reasons = (because[slot] as Reason[]).sort((a, b) => b.contribution - a.contribution || (a.itemId < b.itemId ? -1 : 1));
    return { itemId: c.itemId, score: c.score, basis: reasons.length > 0 ? "history" : "popularity", because: reasons.slice(0, r.reasons) };
  });
}
