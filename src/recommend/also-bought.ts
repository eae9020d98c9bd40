import { checkK, pickList } from "./list.js";
import type { RecommenderModel } from "./model.js";
import { checkModelFormat } from "./model-check.js";
import { prepareRules } from "./rules.js";
import type { ItemFacts, RecommendationRules } from "./rules.js";
import { findSorted } from "./sorted-ids.js";
import { scaledModelSimilarity } from "./stored-neighbours.js";
import type { StyleFeature } from "./style.js";
import { checkAsOf } from "./time.js";

/**
 * One entry of an item-to-item list, with what produced it.
 *
 * @example
 * ```ts
 * const entry: RelatedItem = { itemId: "blues-cd", score: 0.42, coBuyers: 17, styleMatches: ["category"] };
 * ```
 */
export interface RelatedItem {
  /** The related item. */
  readonly itemId: string;
  /** Its score in the list (after boosts); higher is better. */
  readonly score: number;
  /** Customers who bought both items (0 when the item comes from attributes only). */
  readonly coBuyers: number;
  /** The attributes the two items share (empty for a pure "also bought" list). */
  readonly styleMatches: StyleFeature[];
}

/**
 * Options shared by the item-to-item lists ({@link alsoBought}, `similarInStyle`, `similarItems`).
 *
 * @example
 * ```ts
 * const options: ItemListOptions = { k: 5, facts, rules: { inStockOnly: true } };
 * ```
 */
export interface ItemListOptions {
  /** List length, an integer ≥ 0 (default 10; 0 gives an empty list). */
  readonly k?: number;
  /** Business rules (default none; `excludeBought` does not apply to item lists). */
  readonly rules?: RecommendationRules;
  /** Item facts the rules read (default none). */
  readonly facts?: ReadonlyMap<string, ItemFacts>;
  /** The moment of the list, for `rules.shown` (default: every shown item is suppressed). */
  readonly asOf?: Date;
}

/**
 * "Customers who bought this also bought": the item's stored neighbours under the model's
 * similarity (Linden, Smith & York 2003), after the rules. An item the model does not know gives an
 * empty list (use `similarItems` to fall back on attributes for new items).
 *
 * @param model - The model.
 * @param itemId - The item.
 * @param options - See {@link ItemListOptions}.
 * @returns Up to `k` related items, best first, each with its number of co-buyers.
 * @throws RangeError for an invalid `k` or rule.
 * @example
 * ```ts
 * for (const r of alsoBought(model, "jazz-cd", { k: 5 })) console.log(`${r.itemId}: ${r.coBuyers} customers bought both`);
 * ```
 */
export function alsoBought(model: RecommenderModel, itemId: string, options: ItemListOptions = {}): RelatedItem[] {
  checkModelFormat(model);
  const k = checkK(options.k ?? 10);
  const i = findSorted(model.items, itemId);
  if (i < 0) return [];
  const scores = new Float64Array(model.items.length);
  const coBuyers = new Map<number, number>();
  for (let q = model.neighbourOffsets[i] as number; q < (model.neighbourOffsets[i + 1] as number); q++) {
    const j = model.neighbourItems[q] as number;
    scores[j] = model.neighbourWeights[q] as number;
    coBuyers.set(j, model.neighbourCounts[q] as number);
  }
  const rules = prepareRules(options.rules ?? {}, options.facts, { asOf: checkAsOf(options.asOf) });
  const picked = pickList(scores, model.items, (id) => findSorted(model.items, id), k, rules, (a, b) => scaledModelSimilarity(model, a.order, b.order));
  return picked.map((c) => ({ itemId: c.itemId, score: c.score, coBuyers: coBuyers.get(c.order) ?? 0, styleMatches: [] }));
}
