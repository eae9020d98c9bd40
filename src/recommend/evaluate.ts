import { checkInteraction } from "./interaction.js";
import type { ItemInteraction } from "./interaction.js";
import { checkK } from "./list.js";
import { countActiveCustomers } from "./model.js";
import type { RecommenderModel } from "./model.js";
import { checkModelFormat } from "./model-check.js";
import { recommendForCustomerId } from "./personal.js";
import type { RecommendOptions } from "./personal-options.js";
import { findSorted } from "./sorted-ids.js";

/**
 * What one evaluated customer should have been recommended.
 *
 * @example
 * ```ts
 * const target: EvaluationTarget = { customerId: "ann", items: ["blues-cd"], asOf: new Date("2024-03-05") };
 * ```
 */
export interface EvaluationTarget {
  /** The customer. */
  readonly customerId: string;
  /** The held-out items (the relevant ones), sorted. */
  readonly items: string[];
  /** The moment the list is made: the customer's latest training interaction (leave-last-out) or the cutoff (temporal). */
  readonly asOf: Date;
}

/**
 * A train/test split: build the model on `train`, then ask for a list for each target.
 *
 * @example
 * ```ts
 * const split: EvaluationSplit = splitLeaveLastOut(interactions, { minItems: 5 });
 * ```
 */
export interface EvaluationSplit {
  /** The interactions to build the model from. */
  readonly train: ItemInteraction[];
  /** The evaluated customers, sorted by id. */
  readonly targets: EvaluationTarget[];
  /** Every item in the input, sorted (the denominator of catalogue coverage). */
  readonly catalogue: string[];
}

/**
 * Options of {@link splitLeaveLastOut}.
 *
 * @example
 * ```ts
 * const options: LeaveLastOutOptions = { minItems: 5, target: "second-to-last" };
 * ```
 */
export interface LeaveLastOutOptions {
  /** Customers with at least this many distinct items are evaluated, an integer ≥ 2 (default 5). */
  readonly minItems?: number;
  /**
   * `"last"` holds out each evaluated customer's last new item (the test item); `"second-to-last"`
   * drops the last and holds out the one before (the validation item, for tuning) (default `"last"`).
   */
  readonly target?: "last" | "second-to-last";
}

/** Per customer, the first positive-quantity time of each item. */
function firstPurchases(interactions: readonly ItemInteraction[], before = Infinity): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  interactions.forEach((e, n) => {
    const { time, value } = checkInteraction(e, n);
    if (value <= 0 || time >= before) return;
    let items = out.get(e.customerId);
    if (items === undefined) out.set(e.customerId, (items = new Map()));
    const t = items.get(e.itemId);
    if (t === undefined || time < t) items.set(e.itemId, time);
  });
  return out;
}

function sortedCatalogue(interactions: readonly ItemInteraction[]): string[] {
  return [...new Set(interactions.map((e) => e.itemId))].sort();
}

/**
 * Leave-last-out split: each customer's distinct items are ordered by (first purchase, item id);
 * customers with at least `minItems` are evaluated on the last one (or the second-to-last, for
 * tuning). Their training data keeps every other interaction up to the held-out item's first
 * purchase; everyone else's data is kept whole.
 *
 * @param interactions - Typed interactions.
 * @param options - See {@link LeaveLastOutOptions}.
 * @returns The split.
 * @throws RangeError for invalid options; TypeError for an invalid interaction.
 * @example
 * ```ts
 * const split = splitLeaveLastOut(interactions, { minItems: 5 });
 * const model = buildRecommenderModel(split.train);
 * const report = evaluateRecommender(model, split, { k: 10 });
 * ```
 */
export function splitLeaveLastOut(interactions: readonly ItemInteraction[], options: LeaveLastOutOptions = {}): EvaluationSplit {
  const minItems = options.minItems ?? 5;
  if (!Number.isInteger(minItems) || minItems < 2) throw new RangeError(`minItems must be an integer ≥ 2, got ${String(options.minItems)}`);
  const mode = options.target ?? "last";
  if (mode !== "last" && mode !== "second-to-last") throw new RangeError(`target must be "last" or "second-to-last", got ${String(options.target)}`);
  const held = new Map<string, { items: Set<string>; target: string; until: number }>();
  for (const [customerId, items] of firstPurchases(interactions)) {
    if (items.size < minItems) continue;
    const sequence = [...items].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const drop = mode === "last" ? 1 : 2;
    const [target, until] = sequence[sequence.length - drop] as [string, number];
    held.set(customerId, { items: new Set(sequence.slice(sequence.length - drop).map(([id]) => id)), target, until });
  }
  const train: ItemInteraction[] = [];
  const latest = new Map<string, number>();
  for (const e of interactions) {
    const h = held.get(e.customerId);
    if (h !== undefined && (h.items.has(e.itemId) || e.timestamp.getTime() > h.until)) continue;
    train.push(e);
    if (h !== undefined) latest.set(e.customerId, Math.max(latest.get(e.customerId) ?? -Infinity, e.timestamp.getTime()));
  }
  const targets = [...held]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([customerId, h]) => ({ customerId, items: [h.target], asOf: new Date(latest.get(customerId) ?? h.until) }));
  return { train, targets, catalogue: sortedCatalogue(interactions) };
}

/**
 * Options of {@link splitTemporal}.
 *
 * @example
 * ```ts
 * const options: TemporalSplitOptions = { cutoff: new Date("2011-10-01"), minTrainItems: 1 };
 * ```
 */
export interface TemporalSplitOptions {
  /** Interactions before this moment train the model; new items bought from it on are the targets. */
  readonly cutoff: Date;
  /** Customers need at least this many distinct training items, an integer ≥ 0; 0 also evaluates new customers (cold start) (default 1). */
  readonly minTrainItems?: number;
}

/**
 * Temporal split: the model is trained on everything before `cutoff`; each customer is evaluated
 * on the items they bought from the cutoff on that they had not bought before it.
 *
 * @param interactions - Typed interactions.
 * @param options - See {@link TemporalSplitOptions}.
 * @returns The split.
 * @throws RangeError for invalid options; TypeError for an invalid interaction.
 * @example
 * ```ts
 * const split = splitTemporal(interactions, { cutoff: new Date("2011-10-01") });
 * ```
 */
export function splitTemporal(interactions: readonly ItemInteraction[], options: TemporalSplitOptions): EvaluationSplit {
  const cutoff = options?.cutoff instanceof Date ? options.cutoff.getTime() : Number.NaN;
  if (!Number.isFinite(cutoff)) throw new RangeError("cutoff must be a valid Date");
  const minTrain = options.minTrainItems ?? 1;
  if (!Number.isInteger(minTrain) || minTrain < 0) throw new RangeError(`minTrainItems must be an integer ≥ 0, got ${String(options.minTrainItems)}`);
  const before = firstPurchases(interactions, cutoff);
  const all = firstPurchases(interactions);
  const targets: EvaluationTarget[] = [];
  for (const [customerId, items] of all) {
    const known = before.get(customerId) ?? new Map<string, number>();
    if (known.size < minTrain) continue;
    const fresh = [...items.keys()].filter((id) => !known.has(id)).sort();
    if (fresh.length > 0) targets.push({ customerId, items: fresh, asOf: new Date(cutoff) });
  }
  targets.sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  return { train: interactions.filter((e) => e.timestamp.getTime() < cutoff), targets, catalogue: sortedCatalogue(interactions) };
}

/**
 * Options of {@link evaluateRecommender}: those of `recommendForCustomer` (list length `k`
 * default 10) except `asOf`, which each target of the split sets, and `group`, which `groupOf`
 * sets per customer.
 *
 * @example
 * ```ts
 * const options: EvaluateRecommenderOptions = { k: 10, halfLifeDays: 30, groupOf: new Map([["ann", "tier-A"]]) };
 * ```
 */
export interface EvaluateRecommenderOptions extends Omit<RecommendOptions, "asOf" | "group"> {
  /** Comparable-customer group of each customer, passed as `group` (default none: popularity among all customers). */
  readonly groupOf?: ReadonlyMap<string, string>;
}

/**
 * The list made for one evaluated customer.
 *
 * @example
 * ```ts
 * const list: CustomerList = { customerId: "ann", items: ["blues-cd", "soul-cd"] };
 * ```
 */
export interface CustomerList {
  /** The customer. */
  readonly customerId: string;
  /** The recommended items, best first. */
  readonly items: string[];
}

/**
 * Offline accuracy and diversity of a recommender on a split; see `docs/customize.md` for the
 * definitions. Metrics are means over the evaluated customers.
 *
 * @example
 * ```ts
 * const report: EvaluationReport = evaluateRecommender(model, split, { k: 10 });
 * console.log(report.hitRate, report.ndcg);
 * ```
 */
export interface EvaluationReport {
  /** Customers evaluated. */
  readonly customers: number;
  /** List length. */
  readonly k: number;
  /** HR@k: share of customers with at least one held-out item in the list. */
  readonly hitRate: number;
  /** Recall@k: mean share of a customer's held-out items found in the list. */
  readonly recall: number;
  /** NDCG@k: discounted gain Σ 1/log₂(rank + 2) over hits (rank 0-based), over its ideal. */
  readonly ndcg: number;
  /** MRR@k: mean of 1/(rank + 1) of the first hit, 0 without one. */
  readonly mrr: number;
  /** Catalogue coverage: share of the catalogue that appears in at least one list. */
  readonly coverage: number;
  /** Novelty: mean self-information log₂(N / nᵢ) of the recommended items (N customers with a net purchase in the model, nᵢ buyers of item i, both at least 1). */
  readonly novelty: number;
  /** Each evaluated customer's list, in target order. */
  readonly lists: CustomerList[];
}

/**
 * Evaluates a model on a split: for each target customer, the list `recommendForCustomerId` makes
 * from the history the model holds (as of the target's `asOf`) is compared with the held-out items.
 * Build the model from `split.train` with the same options you will use in production.
 *
 * @param model - A model built from `split.train`.
 * @param split - The split.
 * @param options - See {@link EvaluateRecommenderOptions}.
 * @returns HR, recall, NDCG, MRR at k, coverage, novelty and the lists.
 * @throws RangeError for invalid options, including `asOf` and `group` (set per target and by
 *   `groupOf`); TypeError when `model` is not of this library's format and version.
 * @example
 * ```ts
 * const split = splitLeaveLastOut(interactions);
 * const report = evaluateRecommender(buildRecommenderModel(split.train), split, { k: 10 });
 * ```
 */
export function evaluateRecommender(model: RecommenderModel, split: EvaluationSplit, options: EvaluateRecommenderOptions = {}): EvaluationReport {
  checkModelFormat(model);
  const k = checkK(options.k ?? 10);
  for (const name of ["asOf", "group"] as const) {
    if ((options as RecommendOptions)[name] !== undefined) throw new RangeError(`${name} cannot be given to evaluateRecommender: each target of the split sets asOf, and groupOf sets each customer's group`);
  }
  const { groupOf, ...recommend } = options;
  if (groupOf !== undefined && !(groupOf instanceof Map)) throw new RangeError("groupOf must be a Map from customer id to group name");
  let hits = 0;
  let recall = 0;
  let ndcg = 0;
  let mrr = 0;
  let selfInformation = 0;
  let recommended = 0;
  const seen = new Set<string>();
  const lists: CustomerList[] = [];
  const total = Math.max(1, countActiveCustomers(model));
  for (const t of split.targets) {
    const group = groupOf?.get(t.customerId);
    const { items } = recommendForCustomerId(model, t.customerId, { ...recommend, k, asOf: t.asOf, ...(group === undefined ? {} : { group }) });
    const list = items.map((r) => r.itemId);
    const relevant = new Set(t.items);
    let dcg = 0;
    let first = -1;
    let found = 0;
    list.forEach((id, rank) => {
      seen.add(id);
      const m = findSorted(model.items, id);
      selfInformation += Math.log2(total / Math.max(1, m < 0 ? 1 : (model.itemCustomers[m] as number)));
      recommended += 1;
      if (!relevant.has(id)) return;
      found += 1;
      dcg += 1 / Math.log2(rank + 2);
      if (first < 0) first = rank;
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(k, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
    if (found > 0) hits += 1;
    recall += relevant.size > 0 ? found / relevant.size : 0;
    ndcg += ideal > 0 ? dcg / ideal : 0;
    mrr += first >= 0 ? 1 / (first + 1) : 0;
    lists.push({ customerId: t.customerId, items: list });
  }
  const n = split.targets.length;
  const mean = (x: number): number => (n > 0 ? x / n : 0);
  return {
    customers: n,
    k,
    hitRate: mean(hits),
    recall: mean(recall),
    ndcg: mean(ndcg),
    mrr: mean(mrr),
    coverage: split.catalogue.length > 0 ? seen.size / split.catalogue.length : 0,
    novelty: recommended > 0 ? selfInformation / recommended : 0,
    lists,
  };
}
