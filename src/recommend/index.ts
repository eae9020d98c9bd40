/**
 * `idic/recommend` — the "customize" step's offers: "customers who bought this also bought"
 * (item-to-item co-occurrence, Linden, Smith & York 2003), "similar in style" (item attributes),
 * a hybrid of both, and personal top-N lists with recency weighting, business rules, cold start
 * and explanations; plus offline evaluation (leave-last-out and temporal splits; HR, recall, NDCG,
 * MRR, coverage, novelty).
 *
 * @example
 * ```ts
 * import { buildRecommenderModel, alsoBought, recommendForCustomer, customerHistory } from "idic/recommend";
 * const model = buildRecommenderModel(interactions);
 * alsoBought(model, "jazz-cd", { k: 5 });
 * recommendForCustomer(model, customerHistory(model, "ann"), { k: 10 }).items;
 * ```
 *
 * @module recommend
 */
export { ItemInteractionSchema, parseItemInteractions, interactionsFromTransactions } from "./interaction.js";
export type { ItemInteraction, InteractionsFromTransactionsOptions, InteractionsFromTransactions, SkippedTransaction, SkipReason } from "./interaction.js";
export { resolveSimilarity, isSymmetricSimilarity } from "./similarity.js";
export type { SimilarityOptions, SimilarityMeasure, ResolvedSimilarity } from "./similarity.js";
export {
  buildRecommenderModel,
  updateRecommenderModel,
  customerHistory,
  customerGroup,
  DEFAULT_SIMILARITY,
  DEFAULT_NEIGHBOURS,
} from "./model.js";
export type { RecommenderModel, BuildRecommenderModelOptions, UpdateRecommenderModelOptions, HistoryEntry } from "./model.js";
export { isRecommenderModel } from "./model-check.js";
export type { ItemFacts, ShownItem, RecommendationRules } from "./rules.js";
export { alsoBought } from "./also-bought.js";
export type { RelatedItem, ItemListOptions } from "./also-bought.js";
export { ItemAttributesSchema, parseItemAttributes, buildStyleIndex, similarInStyle } from "./style.js";
export type { ItemAttributes, StyleIndex, BuiltStyleIndex, StyleWeights, StyleFeature, SimilarInStyleOptions } from "./style.js";
export { similarItems } from "./hybrid.js";
export type { SimilarItemsOptions } from "./hybrid.js";
export { recommendForCustomer, recommendForCustomerId } from "./personal.js";
export type { PersonalRecommendations } from "./personal.js";
export type { PersonalStyleOptions, RecommendOptions } from "./personal-options.js";
export type { Reason, Recommendation } from "./explain.js";
export type { IgnoredReason, IgnoredEntry } from "./history-entries.js";
export { splitLeaveLastOut, splitTemporal, evaluateRecommender } from "./evaluate.js";
export type {
  EvaluationTarget,
  EvaluationSplit,
  LeaveLastOutOptions,
  TemporalSplitOptions,
  EvaluateRecommenderOptions,
  EvaluationReport,
  CustomerList,
} from "./evaluate.js";
