/**
 * Personal top-N lists from a customer's history: scores from the evidence, popularity, business
 * rules, cold start and explanations.
 */
import { collectEvidence, forEachContribution } from "./evidence.js";
import type { Evidence } from "./evidence.js";
import { explain } from "./explain.js";
import type { Recommendation } from "./explain.js";
import { entriesOfHistory, entriesOfModel } from "./history-entries.js";
import type { Entries, IgnoredEntry } from "./history-entries.js";
import { offerDense, pickFrom } from "./list.js";
import type { OfferCandidates } from "./list.js";
import type { HistoryEntry, RecommenderModel } from "./model.js";
import { checkModelFormat } from "./model-check.js";
import { resolveRecommendOptions } from "./personal-options.js";
import type { RecommendOptions, ResolvedRecommendOptions } from "./personal-options.js";
import { popularityOf } from "./popularity.js";
import type { Popularity } from "./popularity.js";
import { prepareRules } from "./rules.js";
import type { Candidate, PreparedRules } from "./rules.js";
import { withScratch } from "./scratch.js";
import type { Scratch } from "./scratch.js";
import { findSorted } from "./sorted-ids.js";
import { scaledModelSimilarity } from "./stored-neighbours.js";
import { checkAsOf } from "./time.js";
import { positionsOf, universeOf } from "./universe.js";
import type { Universe } from "./universe.js";

/**
 * A personal list and how the history was used.
 *
 * @example
 * ```ts
 * const { items, coldStart, groupStatus, ignored } = recommendForCustomer(model, history, { k: 5, group: "tier-A" });
 * ```
 */
export interface PersonalRecommendations {
  /** Up to `k` items, best first. */
  readonly items: Recommendation[];
  /** Whether the list fell back on popularity because no history entry was usable evidence. */
  readonly coldStart: boolean;
  /**
   * Whether the `group` option named a group the model knows (`"known"`), one it does not know —
   * misspelt, or given no customers at build time — whose popularity is then that of all customers
   * (`"unknown"`), or was not given (`"none"`).
   */
  readonly groupStatus: "none" | "known" | "unknown";
  /**
   * History entries that were not used, with the reason, ordered by item id; their items are still
   * left out as bought (unless they may be bought again).
   */
  readonly ignored: IgnoredEntry[];
}

/**
 * A personal top-N list from a customer's history — "because you bought X and Y". Each history
 * item h with net value > 0 counts with weight wₕ = 0.5^(ageₕ ÷ half-life) × strength(value), ageₕ
 * measured back from the customer's latest such entry; an item j scores Σₕ wₕ · s(h → j) over the
 * `neighboursPerItem` best neighbours of each h (item-based top-N, Deshpande & Karypis 2004, with
 * recency weighting), plus π × popularity(j), plus γ × style similarity when a style index is
 * given. History items the model does not know reach items through their attributes when the
 * style index knows them. Business rules are then applied: bought items excluded unless
 * consumable or listed for re-buy, filters, boosts, diversity, suppression of recently shown items.
 *
 * Cold start: when no history entry is usable evidence (a new customer, only returns, only
 * unknown items) — or with `scoring: "popularity"` — the list is the most popular items among the
 * customer's comparable group (`group`), filled up with the most popular among all customers.
 *
 * Ties break by item id, so the list is deterministic and does not depend on the order of the
 * history.
 *
 * @param model - The model.
 * @param history - The customer's history (see `customerHistory`); may be empty.
 * @param options - See {@link RecommendOptions}.
 * @returns Up to `k` distinct items with scores and reasons, whether it was a cold start, whether
 *   the group was known, and the history entries that were ignored.
 * @throws RangeError for an invalid option or rule; TypeError when `model` is not of this
 *   library's format and version.
 * @example
 * ```ts
 * const { items } = recommendForCustomer(model, customerHistory(model, "ann"), { k: 5, asOf: new Date("2024-12-31") });
 * for (const r of items) console.log(r.itemId, "because you bought", r.because.map((b) => b.itemId).join(" and "));
 * ```
 */
export function recommendForCustomer(model: RecommenderModel, history: readonly HistoryEntry[], options: RecommendOptions = {}): PersonalRecommendations {
  checkModelFormat(model);
  const r = resolveRecommendOptions(model, options);
  const universe = universeOf(model, options.style?.index);
  const { entries, ignored } = entriesOfHistory(universe, history);
  return recommendFromEntries(model, universe, entries, ignored, options, r);
}

/**
 * {@link recommendForCustomer} for a customer the model holds, reading the history in place from
 * the model (no history objects are made), which is what evaluations and batch jobs over many
 * customers want. A customer the model does not know gets the cold-start list.
 *
 * @param model - The model.
 * @param customerId - The customer.
 * @param options - See {@link RecommendOptions}.
 * @returns The same as `recommendForCustomer(model, customerHistory(model, customerId), options)`.
 * @throws RangeError for an invalid option or rule; TypeError when `model` is not of this
 *   library's format and version.
 * @example
 * ```ts
 * const { items } = recommendForCustomerId(model, "ann", { k: 10, group: customerGroup(model, "ann") });
 * ```
 */
export function recommendForCustomerId(model: RecommenderModel, customerId: string, options: RecommendOptions = {}): PersonalRecommendations {
  checkModelFormat(model);
  const r = resolveRecommendOptions(model, options);
  const universe = universeOf(model, options.style?.index);
  return recommendFromEntries(model, universe, entriesOfModel(model, universe, findSorted(model.customers, customerId)), [], options, r);
}

/** The list from aggregated entries: evidence, scores, rules, explanations. */
function recommendFromEntries(
  model: RecommenderModel,
  universe: Universe,
  entries: Entries,
  ignored: IgnoredEntry[],
  options: RecommendOptions,
  r: ResolvedRecommendOptions,
): PersonalRecommendations {
  const given = options.asOf === undefined ? undefined : checkAsOf(options.asOf);
  const rules = prepareRules(options.rules ?? {}, options.facts, { asOf: given ?? latestTime(entries) });
  const popularity = popularityOf(model, r.group.index);
  return withScratch(universe, (s) => {
    const found = collectEvidence(model, universe, entries, given ?? Infinity, r, s, options.style?.index, ignored);
    const coldStart = r.popularityOnly || found.count === 0;
    const evidence: Evidence = coldStart ? { count: 0, styleReach: undefined } : found;
    const add = (position: number, amount: number): void => s.add(position, amount);
    for (let e = 0; e < evidence.count; e++) forEachContribution(model, universe, s, e, evidence, r, add);
    excludeOwnedAndBlocked(universe, entries, ignored, rules, s);
    const weight = coldStart ? 1 : r.popularityWeight;
    const offer = rules.boosting ? offerDense(boostedScores(universe, popularity, weight, s, rules)) : offerSparse(universe, popularity, weight, s);
    const picked = pickFrom(offer, universe.ids, r.k, rules, (a, b) => candidateSimilarity(model, universe, a, b));
    const items = explain(model, universe, picked, s, evidence, entries, r);
    ignored.sort(byItemThenReason);
    return { items, coldStart, groupStatus: r.group.status, ignored };
  });
}

/** The time of the latest entry, the default `asOf` (−Infinity for an empty history). */
function latestTime(entries: Entries): number {
  let latest = -Infinity;
  for (let n = 0; n < entries.length; n++) latest = Math.max(latest, entries.time(n));
  return latest;
}

/** Canonical order of ignored entries, so that it does not depend on the order of the history. */
function byItemThenReason(a: IgnoredEntry, b: IgnoredEntry): number {
  if (a.itemId !== b.itemId) return a.itemId < b.itemId ? -1 : 1;
  return a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0;
}

/**
 * Marks what the list must leave out: the customer's items — bought, returned, or in an ignored
 * entry — unless they may be bought again, and the items the rules block by id.
 */
function excludeOwnedAndBlocked(universe: Universe, entries: Entries, ignored: readonly IgnoredEntry[], rules: PreparedRules, s: Scratch): void {
  const positions = positionsOf(universe);
  const exclude = (position: number | undefined): void => {
    if (position !== undefined && position >= 0) s.exclude(position);
  };
  if (rules.excludeBought) {
    const owned = (itemId: string): boolean => !(rules.rebuyPossible && rules.rebuyAllowed(itemId));
    for (let n = 0; n < entries.length; n++) if (owned(entries.itemId(n))) exclude(entries.position(n));
    for (const { itemId } of ignored) if (owned(itemId)) exclude(positions.get(itemId));
  }
  for (const itemId of rules.blocked) exclude(positions.get(itemId));
}

/**
 * Offers the candidates of a personal list without scanning the catalogue: every reached item
 * with popularity + contributions, then the others in popularity order until their score falls
 * below what can still enter the heap.
 */
function offerSparse(universe: Universe, popularity: Popularity, weight: number, s: Scratch): OfferCandidates {
  return (best) => {
    const floors = best.floors;
    for (let t = 0; t < s.touchedCount; t++) {
      const position = s.touched[t] as number;
      if (!s.isReachedOnly(position)) continue;
      const m = universe.toModel[position] as number;
      const v = (m >= 0 ? weight * (popularity.scores[m] as number) : 0) + (s.scores[position] as number);
      if (v > 0 && v >= (floors[0] as number)) best.offer(v, position);
    }
    for (let q = 0; q < popularity.order.length; q++) {
      const m = popularity.order[q] as number;
      const v = weight * (popularity.scores[m] as number);
      if (!(v > 0) || v < (floors[0] as number)) break;
      const position = universe.fromModel[m] as number;
      if (s.isUntouched(position)) best.offer(v, position);
    }
  };
}

/** Dense final scores with boosts applied (boosts can lift any item, so every item is a candidate). */
function boostedScores(universe: Universe, popularity: Popularity, weight: number, s: Scratch, rules: PreparedRules): Float64Array {
  return Float64Array.from(universe.toModel, (m, position) => {
    if (s.isExcluded(position)) return 0;
    const v = (m >= 0 ? weight * (popularity.scores[m] as number) : 0) + (s.scores[position] as number);
    return v > 0 ? v * rules.boost(universe.ids[position] as string) : 0;
  });
}

/** Similarity of two candidates for MMR: the model's scaled similarity (0 for items it does not know). */
function candidateSimilarity(model: RecommenderModel, universe: Universe, a: Candidate, b: Candidate): number {
  const ma = universe.toModel[a.order] as number;
  const mb = universe.toModel[b.order] as number;
  return ma >= 0 && mb >= 0 ? scaledModelSimilarity(model, ma, mb) : 0;
}
