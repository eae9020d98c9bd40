/**
 * Popularity among comparable customers (internal): the baseline list, the cold-start list and the
 * small popularity term π · popularity(j) of personal lists.
 *
 * Without a group, popularity(j) = nⱼ / max n, nⱼ being the buyers of j (customers with a net
 * purchase). Within group g, popularity(j) = (gⱼ + nⱼ / (max n + 1)) / (max g + 1), gⱼ being j's
 * buyers in the group: items rank by their buyers in the group, and items nobody in the group
 * bought follow in order of their buyers overall, so that a small or new group still gets a full
 * list. Either lies in [0, 1].
 */
import { memo } from "./cache.js";
import type { RecommenderModel } from "./model.js";

/** Popularity over the model's items and the items with popularity > 0, best first (popularity descending, item number ascending). */
export interface Popularity {
  /** popularity(j) per model item, in [0, 1]. */
  readonly scores: Float64Array;
  /** Model items with a score > 0, best first. */
  readonly order: Int32Array;
}

/**
 * The popularity of every model item among the customers of group `group` (an index into
 * `model.groups`) or among all customers (−1). Computed once per model and group, so the memory
 * it keeps is bounded by the model's groups.
 */
export function popularityOf(model: RecommenderModel, group: number): Popularity {
  return memo(model, `popularity:${group}`, () => {
    const overall = Float64Array.from(model.itemCustomers);
    const overallMax = overall.reduce((a, b) => Math.max(a, b), 0);
    let scores: Float64Array;
    if (group < 0) scores = overall.map((n) => (overallMax > 0 ? n / overallMax : 0));
    else {
      const inGroup = buyersInGroup(model, group);
      const groupMax = inGroup.reduce((a, b) => Math.max(a, b), 0);
      scores = inGroup.map((g, j) => (g + (overall[j] as number) / (overallMax + 1)) / (groupMax + 1));
    }
    const order = Int32Array.from(scores.keys())
      .filter((j) => (scores[j] as number) > 0)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return { scores, order };
  });
}

/** Buyers of each model item among the customers of a group. */
function buyersInGroup(model: RecommenderModel, group: number): Float64Array {
  const counts = new Float64Array(model.items.length);
  for (let u = 0; u < model.customers.length; u++) {
    if (model.customerGroups[u] !== group) continue;
    for (let e = model.historyOffsets[u] as number; e < (model.historyOffsets[u + 1] as number); e++) {
      if ((model.historyValues[e] as number) > 0) counts[model.historyItems[e] as number]! += 1;
    }
  }
  return counts;
}
