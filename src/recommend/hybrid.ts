import type { RelatedItem } from "./also-bought.js";
import { checkK, pickList } from "./list.js";
import type { RecommenderModel } from "./model.js";
import { checkModelFormat } from "./model-check.js";
import { prepareRules } from "./rules.js";
import type { Candidate } from "./rules.js";
import { scaledModelSimilarity } from "./stored-neighbours.js";
import { featureSimilarities, indexedFeatures, queryFeatures, resolveStyleMeasure, styleScores } from "./style.js";
import type { ItemAttributes, SimilarInStyleOptions, StyleIndex, StyleMeasure } from "./style.js";
import { checkAsOf } from "./time.js";
import { positionsOf, universeOf } from "./universe.js";
import type { Universe } from "./universe.js";

/**
 * Options of {@link similarItems}.
 *
 * @example
 * ```ts
 * const options: SimilarItemsOptions = { k: 8, styleShare: 0.5 };
 * ```
 */
export interface SimilarItemsOptions extends SimilarInStyleOptions {
  /**
   * Share β in [0, 1] of attribute similarity in the blend (default 0.3): score =
   * (1 − β)·s(i → j) ÷ (best s(i → ·)) + β·style(i, j). An item the model does not know uses
   * β = 1 (attributes only); one the style index does not know uses β = 0.
   */
  readonly styleShare?: number;
}

/**
 * The hybrid item-to-item list: "also bought" and "similar in style" blended, so that an item
 * with purchase history gets its co-purchases nudged towards its style, and a new item nobody has
 * bought yet still gets a list from its attributes (cold start for new items).
 *
 * @param model - The recommender model.
 * @param index - The style index.
 * @param item - An item id, or the attributes of an item (for one not in the style index).
 * @param options - See {@link SimilarItemsOptions}.
 * @returns Up to `k` items, best first, with co-buyers and shared attributes; empty when neither
 *   the model nor the index knows the item.
 * @throws RangeError for an invalid option or rule.
 * @example
 * ```ts
 * similarItems(model, index, "CD-123", { k: 5, styleShare: 0.3 });
 * similarItems(model, index, { itemId: "NEW-1", category: "jazz" }, { k: 5 }); // attributes only
 * ```
 */
export function similarItems(model: RecommenderModel, index: StyleIndex, item: string | ItemAttributes, options: SimilarItemsOptions = {}): RelatedItem[] {
  checkModelFormat(model);
  const k = checkK(options.k ?? 10);
  const share = options.styleShare ?? 0.3;
  if (typeof share !== "number" || !(share >= 0 && share <= 1)) throw new RangeError(`styleShare must be a number in [0, 1], got ${String(options.styleShare)}`);
  const measure = resolveStyleMeasure(options.weights, options.priceRatioLimit);
  const universe = universeOf(model, index);
  const itemId = typeof item === "string" ? item : item.itemId;
  const positions = positionsOf(universe);
  const position = positions.get(itemId) ?? -1;
  const modelItem = position < 0 ? -1 : (universe.toModel[position] as number);
  const { features, self } = queryFeatures(index, item);
  const beta = modelItem < 0 ? 1 : features === undefined ? 0 : share;
  if (modelItem < 0 && features === undefined) return [];
  const scores = new Float64Array(universe.ids.length);
  const coBuyers = new Map<number, number>();
  if (modelItem >= 0) addCoPurchases(model, universe, modelItem, 1 - beta, scores, coBuyers);
  if (features !== undefined && beta > 0) {
    const style = styleScores(index, measure, features, self);
    style.forEach((s, q) => {
      scores[universe.fromStyle[q] as number]! += beta * s;
    });
  }
  if (position >= 0) scores[position] = 0;
  const rules = prepareRules(options.rules ?? {}, options.facts, { asOf: checkAsOf(options.asOf) });
  const picked = pickList(scores, universe.ids, (id) => positions.get(id) ?? -1, k, rules, (a, b) => blendedSimilarity(model, index, measure, universe, beta, a, b));
  return picked.map((c) => {
    const q = universe.toStyle[c.order] as number;
    return {
      itemId: c.itemId,
      score: c.score,
      coBuyers: coBuyers.get(c.order) ?? 0,
      styleMatches: features !== undefined && q >= 0 ? featureSimilarities(measure, features, indexedFeatures(index, q)).matches : [],
    };
  });
}

/** Adds (1 − β)·s(i → j) ÷ best s(i → ·) for the item's stored neighbours. */
function addCoPurchases(model: RecommenderModel, universe: Universe, i: number, weight: number, scores: Float64Array, coBuyers: Map<number, number>): void {
  const start = model.neighbourOffsets[i] as number;
  const end = model.neighbourOffsets[i + 1] as number;
  const top = model.neighbourWeights[start] ?? 1;
  for (let q = start; q < end; q++) {
    const u = universe.fromModel[model.neighbourItems[q] as number] as number;
    scores[u]! += (weight * (model.neighbourWeights[q] as number)) / top;
    coBuyers.set(u, model.neighbourCounts[q] as number);
  }
}

/** The blend of scaled co-purchase similarity and style similarity of two candidates (MMR). */
function blendedSimilarity(model: RecommenderModel, index: StyleIndex, m: StyleMeasure, universe: Universe, beta: number, a: Candidate, b: Candidate): number {
  const ma = universe.toModel[a.order] as number;
  const mb = universe.toModel[b.order] as number;
  const sa = universe.toStyle[a.order] as number;
  const sb = universe.toStyle[b.order] as number;
  const cf = ma >= 0 && mb >= 0 ? scaledModelSimilarity(model, ma, mb) : 0;
  const style = sa >= 0 && sb >= 0 ? featureSimilarities(m, indexedFeatures(index, sa), indexedFeatures(index, sb)).score : 0;
  return (1 - beta) * cf + beta * style;
}
