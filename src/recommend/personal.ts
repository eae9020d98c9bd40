import { scaledModelSimilarity } from "./also-bought.js";
import { memo } from "./cache.js";
import { checkAsOf, checkK, offerDense, pickFrom } from "./list.js";
import type { OfferCandidates } from "./list.js";
import { findSorted } from "./model.js";
import type { HistoryEntry, RecommenderModel } from "./model.js";
import { prepareRules } from "./rules.js";
import type { Candidate, ItemFacts, PreparedRules, RecommendationRules } from "./rules.js";
import { BestK } from "./best-k.js";
import { indexedFeatures, resolveStyleMeasure, styleScores } from "./style.js";
import type { StyleIndex, StyleMeasure, StyleWeights } from "./style.js";
import { positionsOf, universeOf } from "./universe.js";
import type { Universe } from "./universe.js";

const DAY_MS = 86_400_000;

/**
 * Attribute similarity in personal lists: history items also pull in items similar in style,
 * which lets items nobody has bought yet be recommended.
 *
 * @example
 * ```ts
 * const style: PersonalStyleOptions = { index, weight: 0.05 };
 * ```
 */
export interface PersonalStyleOptions {
  /** The style index. */
  readonly index: StyleIndex;
  /** Weight γ ≥ 0 of a style similarity (in [0, 1]) against a co-purchase similarity (default 0.05). */
  readonly weight?: number;
  /** Attribute weights (defaults in {@link StyleWeights}). */
  readonly weights?: StyleWeights;
  /** Price ratio at which price closeness reaches 0 (default 3). */
  readonly priceRatioLimit?: number;
}

/**
 * Options of {@link recommendForCustomer}. The defaults of `halfLifeDays`, `neighboursPerItem`,
 * `normalise` and `popularityWeight` are the values tuned on the Online Retail validation items
 * (see `docs/customize.md`).
 *
 * @example
 * ```ts
 * const options: RecommendOptions = { k: 10, asOf: new Date("2024-12-31"), halfLifeDays: 30, rules: { maxPerCategory: 3 }, facts };
 * ```
 */
export interface RecommendOptions {
  /** List length, an integer ≥ 0 (default 10; 0 gives an empty list). */
  readonly k?: number;
  /** The moment of the list: recency and suppression are measured back from it (default: the latest history entry). */
  readonly asOf?: Date;
  /** Recency half-life in days: an entry h days old counts 0.5^(h / halfLife); `Infinity` for none (default 1). */
  readonly halfLifeDays?: number;
  /** Neighbours of each history item used, ≤ the model's `neighbours` (default 5). */
  readonly neighboursPerItem?: number;
  /** `"sum"` divides each history item's neighbour similarities by their sum; `"none"` keeps them (default `"none"`). */
  readonly normalise?: "none" | "sum";
  /** Weight π ≥ 0 of popularity (share of the most popular item's buyers) added to every score (default 0.001). */
  readonly popularityWeight?: number;
  /** How an entry's value counts: `"binary"` 1, `"log"` log₂(1 + value), `"linear"` the value (default `"binary"`). */
  readonly strength?: "binary" | "log" | "linear";
  /** Comparable-customer group (value tier, region, segment) whose popularity is used (default: all customers). */
  readonly group?: string;
  /** `"item-knn"` scores from the history; `"popularity"` ranks by popularity alone, the baseline (default `"item-knn"`). */
  readonly scoring?: "item-knn" | "popularity";
  /** Business rules (default: exclude what the customer bought). */
  readonly rules?: RecommendationRules;
  /** Item facts the rules read (default none). */
  readonly facts?: ReadonlyMap<string, ItemFacts>;
  /** Attribute similarity (default off). */
  readonly style?: PersonalStyleOptions;
  /** Reasons kept per recommended item, an integer ≥ 0 (default 3). */
  readonly reasons?: number;
}

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
 * Why a history entry was not used as evidence: the model and style index do not know the item,
 * or the entry's timestamp or value is not a finite number.
 *
 * @example
 * ```ts
 * const reason: IgnoredReason = "unknown-item";
 * ```
 */
export type IgnoredReason = "unknown-item" | "invalid-timestamp" | "invalid-value";

/**
 * A history entry that was not used as evidence, and why.
 *
 * @example
 * ```ts
 * const entry: IgnoredEntry = { itemId: "discontinued-cd", reason: "unknown-item" };
 * ```
 */
export interface IgnoredEntry {
  /** The entry's item. */
  readonly itemId: string;
  /** Why it was ignored. */
  readonly reason: IgnoredReason;
}

/**
 * A personal list and how the history was used.
 *
 * @example
 * ```ts
 * const { items, coldStart, ignored } = recommendForCustomer(model, history, { k: 5 });
 * ```
 */
export interface PersonalRecommendations {
  /** Up to `k` items, best first. */
  readonly items: Recommendation[];
  /** Whether the list fell back on popularity because no history entry was usable evidence. */
  readonly coldStart: boolean;
  /** History entries that were not used, with the reason (they are still excluded as bought). */
  readonly ignored: IgnoredEntry[];
}

interface Resolved {
  readonly k: number;
  readonly halfLifeMs: number;
  readonly perItem: number;
  readonly normalise: "none" | "sum";
  readonly popularityWeight: number;
  readonly strength: (value: number) => number;
  readonly reasons: number;
  readonly styleWeight: number;
  readonly styleMeasure: StyleMeasure | undefined;
}

const STRENGTH = {
  binary: () => 1,
  log: (v: number) => Math.log2(1 + v),
  linear: (v: number) => v,
} as const;

function resolve(model: RecommenderModel, o: RecommendOptions): Resolved {
  const halfLife = o.halfLifeDays ?? 1;
  if (typeof halfLife !== "number" || !(halfLife > 0)) throw new RangeError(`halfLifeDays must be a number > 0 (or Infinity), got ${String(o.halfLifeDays)}`);
  const perItem = o.neighboursPerItem ?? Math.min(5, model.neighbours);
  if (!Number.isInteger(perItem) || perItem < 1 || perItem > model.neighbours) {
    throw new RangeError(`neighboursPerItem must be an integer in [1, ${model.neighbours}] (the model's neighbours), got ${String(o.neighboursPerItem)}`);
  }
  const normalise = o.normalise ?? "none";
  if (normalise !== "none" && normalise !== "sum") throw new RangeError(`normalise must be "none" or "sum", got ${String(o.normalise)}`);
  const popularityWeight = o.popularityWeight ?? 0.001;
  if (typeof popularityWeight !== "number" || !(popularityWeight >= 0) || !Number.isFinite(popularityWeight)) {
    throw new RangeError(`popularityWeight must be a finite number ≥ 0, got ${String(o.popularityWeight)}`);
  }
  const strength = o.strength ?? "binary";
  if (!Object.hasOwn(STRENGTH, strength)) throw new RangeError(`strength must be "binary", "log" or "linear", got ${String(o.strength)}`);
  if (o.scoring !== undefined && o.scoring !== "item-knn" && o.scoring !== "popularity") {
    throw new RangeError(`scoring must be "item-knn" or "popularity", got ${String(o.scoring)}`);
  }
  const reasons = o.reasons ?? 3;
  if (!Number.isInteger(reasons) || reasons < 0) throw new RangeError(`reasons must be an integer ≥ 0, got ${String(o.reasons)}`);
  const styleWeight = o.style?.weight ?? 0.05;
  if (typeof styleWeight !== "number" || !(styleWeight >= 0) || !Number.isFinite(styleWeight)) {
    throw new RangeError(`style.weight must be a finite number ≥ 0, got ${String(o.style?.weight)}`);
  }
  return {
    k: checkK(o.k ?? 10),
    halfLifeMs: halfLife * DAY_MS,
    perItem,
    normalise,
    popularityWeight,
    strength: STRENGTH[strength],
    reasons,
    styleWeight,
    styleMeasure: o.style === undefined ? undefined : resolveStyleMeasure(o.style.weights, o.style.priceRatioLimit),
  };
}

/** A customer's history as the list reads it: entry n's item id, universe position (−1 if unknown), latest time and net value. */
interface Entries {
  readonly length: number;
  itemId(n: number): string;
  position(n: number): number;
  time(n: number): number;
  value(n: number): number;
}

/** A valid history entry, before aggregation. */
interface Entry {
  readonly itemId: string;
  readonly time: number;
  readonly value: number;
}

/** Whether the entries are in ascending item order with no item twice (as `customerHistory` gives them). */
function isStrictlySorted(entries: readonly Entry[]): boolean {
  for (let n = 1; n < entries.length; n++) if (!((entries[n - 1] as Entry).itemId < (entries[n] as Entry).itemId)) return false;
  return true;
}

/**
 * Aggregates a given history per item (latest time, summed value) in a canonical order, so that
 * its order does not matter; invalid entries go to `ignored`.
 */
function entriesOfHistory(universe: Universe, history: readonly HistoryEntry[]): { entries: Entries; ignored: IgnoredEntry[] } {
  const ignored: IgnoredEntry[] = [];
  const valid: Entry[] = [];
  for (const h of history) {
    const itemId = String(h?.itemId);
    const time = h?.timestamp instanceof Date ? h.timestamp.getTime() : Number.NaN;
    const value = h?.value ?? 1;
    if (!Number.isFinite(time)) ignored.push({ itemId, reason: "invalid-timestamp" });
    else if (typeof value !== "number" || !Number.isFinite(value)) ignored.push({ itemId, reason: "invalid-value" });
    else valid.push({ itemId, time, value });
  }
  let merged = valid;
  if (!isStrictlySorted(valid)) {
    valid.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.time - b.time || a.value - b.value));
    merged = [];
    for (const e of valid) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last.itemId === e.itemId) merged[merged.length - 1] = { itemId: e.itemId, time: Math.max(last.time, e.time), value: last.value + e.value };
      else merged.push(e);
    }
  }
  const positions = positionsOf(universe);
  const position = Int32Array.from(merged, (e) => positions.get(e.itemId) ?? -1);
  const entries: Entries = {
    length: merged.length,
    itemId: (n) => (merged[n] as Entry).itemId,
    position: (n) => position[n] as number,
    time: (n) => (merged[n] as Entry).time,
    value: (n) => (merged[n] as Entry).value,
  };
  return { entries, ignored };
}

/** The history the model holds for customer u (−1: none), read in place from the model's arrays. */
function entriesOfModel(model: RecommenderModel, universe: Universe, u: number): Entries {
  const from = u < 0 ? 0 : (model.historyOffsets[u] as number);
  const to = u < 0 ? 0 : (model.historyOffsets[u + 1] as number);
  return {
    length: to - from,
    itemId: (n) => model.items[model.historyItems[from + n] as number] as string,
    position: (n) => universe.fromModel[model.historyItems[from + n] as number] as number,
    time: (n) => model.historyTimes[from + n] as number,
    value: (n) => model.historyValues[from + n] as number,
  };
}

/**
 * Buffers of one list, reused from call to call (allocating them per list costs more than the
 * scoring): over the universe, the co-purchase and style contributions, marks (1 reached, 2
 * excluded) and explanation slots, all left zero (−1 for slots) between calls; the positions
 * touched in this call; and per piece of evidence (a usable history entry) its entry, model item
 * (−1 if none) and weight ÷ normalisation.
 */
interface Scratch {
  readonly scores: Float64Array;
  readonly marks: Uint8Array;
  readonly slots: Int32Array;
  touched: Int32Array;
  evidenceEntry: Int32Array;
  evidenceItem: Int32Array;
  evidenceScale: Float64Array;
  busy: boolean;
}

const REACHED = 1;
const EXCLUDED = 2;

function newScratch(size: number): Scratch {
  return {
    scores: new Float64Array(size),
    marks: new Uint8Array(size),
    slots: new Int32Array(size).fill(-1),
    touched: new Int32Array(64),
    evidenceEntry: new Int32Array(64),
    evidenceItem: new Int32Array(64),
    evidenceScale: new Float64Array(64),
    busy: false,
  };
}

/** Runs `use` with the universe's scratch buffers; a nested call (never made by idic itself) gets fresh ones. */
function withScratch<T>(universe: Universe, use: (s: Scratch) => T): T {
  const scratch = memo(universe, "scratch", () => newScratch(universe.ids.length));
  if (scratch.busy) return use(newScratch(universe.ids.length));
  scratch.busy = true;
  try {
    return use(scratch);
  } finally {
    scratch.busy = false;
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Makes room for `n` pieces of evidence. */
function reserveEvidence(s: Scratch, n: number): void {
  if (n <= s.evidenceEntry.length) return;
  const size = Math.max(n, 2 * s.evidenceEntry.length);
  s.evidenceEntry = grown(s.evidenceEntry, new Int32Array(size));
  s.evidenceItem = grown(s.evidenceItem, new Int32Array(size));
  s.evidenceScale = grown(s.evidenceScale, new Float64Array(size));
}

/** Marks a position (REACHED or EXCLUDED), remembering it for the reset; returns the number touched. */
function mark(s: Scratch, position: number, kind: number, touched: number): number {
  if (s.marks[position] === 0) {
    if (touched === s.touched.length) s.touched = grown(s.touched, new Int32Array(2 * touched));
    s.touched[touched++] = position;
  }
  s.marks[position]! |= kind;
  return touched;
}

/** Buyers per model item, overall or within a group, and the largest count (computed once per model and group). */
function popularity(model: RecommenderModel, group: string | undefined): { counts: Float64Array; max: number } {
  const g = group === undefined ? -1 : findSorted(model.groups, group);
  return memo(model, `popularity:${g}`, () => {
    const counts = new Float64Array(model.items.length);
    if (g < 0) model.itemCustomers.forEach((n, i) => (counts[i] = n));
    else {
      for (let u = 0; u < model.customers.length; u++) {
        if (model.customerGroups[u] !== g) continue;
        for (let e = model.historyOffsets[u] as number; e < (model.historyOffsets[u + 1] as number); e++) {
          if ((model.historyValues[e] as number) > 0) counts[model.historyItems[e] as number]! += 1;
        }
      }
    }
    let max = 0;
    for (const c of counts) max = Math.max(max, c);
    return { counts, max };
  });
}

/**
 * Popularity over the universe — buyers (overall or in the group) × `weight` ÷ the largest count,
 * or the plain counts when `weight` is undefined (cold start) — and the positions with a score > 0
 * ordered best first (score descending, position ascending). Computed once per universe, group
 * and weight.
 */
function baseline(model: RecommenderModel, universe: Universe, group: string | undefined, weight: number | undefined): { scores: Float64Array; order: Int32Array } {
  const pop = popularity(model, group);
  return memo(universe, `baseline:${group === undefined ? "" : JSON.stringify(group)}:${String(weight)}`, () => {
    const scale = weight === undefined ? 1 : pop.max > 0 ? weight / pop.max : 0;
    const scores = new Float64Array(universe.ids.length);
    if (scale > 0) pop.counts.forEach((c, i) => (scores[universe.fromModel[i] as number] = scale * c));
    const order = Int32Array.from(scores.keys())
      .filter((i) => (scores[i] as number) > 0)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return { scores, order };
  });
}

/** The end of the neighbours of model item m that are used. */
function rowEnd(model: RecommenderModel, m: number, r: Resolved): number {
  return Math.min(model.neighbourOffsets[m + 1] as number, (model.neighbourOffsets[m] as number) + r.perItem);
}

/** The divisor of item m's co-purchase similarities: their sum under `normalise: "sum"`, else 1. */
function rowNorm(model: RecommenderModel, m: number, r: Resolved): number {
  if (r.normalise === "none") return 1;
  let sum = 0;
  for (let q = model.neighbourOffsets[m] as number, end = rowEnd(model, m, r); q < end; q++) sum += model.neighbourWeights[q] as number;
  return sum > 0 ? sum : 1;
}

/** Universe positions a history item reaches through attributes, and the amount added to each. */
interface StyleReach {
  readonly reached: Int32Array;
  readonly amounts: Float64Array;
}

/** The items a history item reaches through attributes: its best `perItem` style neighbours × `amount`. */
function styleEvidence(index: StyleIndex, universe: Universe, s: number, amount: number, r: Resolved): StyleReach {
  const scores = styleScores(index, r.styleMeasure as StyleMeasure, indexedFeatures(index, s), s);
  const best = new BestK(r.perItem);
  scores.forEach((v, q) => {
    if (v > 0) best.offer(v, q);
  });
  const top = best.sorted();
  return { reached: top.items.map((q) => universe.fromStyle[q] as number), amounts: top.weights.map((v) => amount * v) };
}

/** Calls `visit(position, amount)` for every contribution of piece of evidence `e`. */
function forEachContribution(model: RecommenderModel, universe: Universe, s: Scratch, e: number, style: StyleReach | undefined, r: Resolved, visit: (position: number, amount: number) => void): void {
  const item = s.evidenceItem[e] as number;
  if (item >= 0) {
    const scale = s.evidenceScale[e] as number;
    for (let q = model.neighbourOffsets[item] as number, end = rowEnd(model, item, r); q < end; q++) {
      visit(universe.fromModel[model.neighbourItems[q] as number] as number, scale * (model.neighbourWeights[q] as number));
    }
  }
  if (style !== undefined) style.reached.forEach((position, q) => visit(position, style.amounts[q] as number));
}

/**
 * A personal top-N list from a customer's history — "because you bought X and Y". Each history
 * item h with net value > 0 counts with weight wₕ = 0.5^(age ÷ half-life) × strength(value); an
 * item j scores Σₕ wₕ · s(h → j) over the `neighboursPerItem` best neighbours of each h
 * (item-based top-N, Deshpande & Karypis 2004, with recency weighting), plus π × popularity(j),
 * plus γ × style similarity when a style index is given. History items the model does not know
 * reach items through their attributes when the style index knows them. Business rules are then
 * applied: bought items excluded unless consumable or listed for re-buy, filters, boosts,
 * diversity, suppression of recently shown items.
 *
 * Cold start: when no history entry is usable evidence (a new customer, only returns, only
 * unknown items) — or with `scoring: "popularity"` — the list is the most popular items among the
 * customer's comparable group (`group`), or among all customers.
 *
 * Ties break by item id, so the list is deterministic and does not depend on the order of the
 * history.
 *
 * @param model - The model.
 * @param history - The customer's history (see `customerHistory`); may be empty.
 * @param options - See {@link RecommendOptions}.
 * @returns Up to `k` distinct items with scores and reasons, whether it was a cold start, and the
 *   history entries that were ignored.
 * @throws RangeError for an invalid option or rule.
 * @example
 * ```ts
 * const { items } = recommendForCustomer(model, customerHistory(model, "ann"), { k: 5, asOf: new Date("2024-12-31") });
 * for (const r of items) console.log(r.itemId, "because you bought", r.because.map((b) => b.itemId).join(" and "));
 * ```
 */
export function recommendForCustomer(model: RecommenderModel, history: readonly HistoryEntry[], options: RecommendOptions = {}): PersonalRecommendations {
  const r = resolve(model, options);
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
 * @throws RangeError for an invalid option or rule.
 * @example
 * ```ts
 * const { items } = recommendForCustomerId(model, "ann", { k: 10, group: customerGroup(model, "ann") });
 * ```
 */
export function recommendForCustomerId(model: RecommenderModel, customerId: string, options: RecommendOptions = {}): PersonalRecommendations {
  const r = resolve(model, options);
  const universe = universeOf(model, options.style?.index);
  return recommendFromEntries(model, universe, entriesOfModel(model, universe, findSorted(model.customers, customerId)), [], options, r);
}

/** The list from aggregated entries: evidence, scores, rules, explanations. */
function recommendFromEntries(model: RecommenderModel, universe: Universe, entries: Entries, ignored: IgnoredEntry[], options: RecommendOptions, r: Resolved): PersonalRecommendations {
  const style = options.style?.index;
  let asOf = options.asOf === undefined ? -Infinity : checkAsOf(options.asOf);
  if (options.asOf === undefined) for (let n = 0; n < entries.length; n++) asOf = Math.max(asOf, entries.time(n));
  const rules = prepareRules(options.rules ?? {}, options.facts, { asOf });
  return withScratch(universe, (s) => {
    const styleReach = new Map<number, StyleReach>();
    const anyStyle = style !== undefined;
    let evidence = 0;
    for (let n = 0; n < entries.length; n++) {
      const position = entries.position(n);
      const value = entries.value(n);
      if (position < 0) {
        ignored.push({ itemId: entries.itemId(n), reason: "unknown-item" });
        continue;
      }
      const weight = value > 0 ? Math.pow(0.5, Math.max(0, asOf - entries.time(n)) / r.halfLifeMs) * r.strength(value) : 0;
      if (!(weight > 0)) continue;
      const item = universe.toModel[position] as number;
      const inStyle = universe.toStyle[position] as number;
      const styleShare = item < 0 ? 1 : r.styleWeight;
      const reach = inStyle >= 0 && style !== undefined && styleShare > 0 ? styleEvidence(style, universe, inStyle, weight * styleShare, r) : undefined;
      if (item < 0 && reach === undefined) continue;
      reserveEvidence(s, evidence + 1);
      s.evidenceEntry[evidence] = n;
      s.evidenceItem[evidence] = item;
      s.evidenceScale[evidence] = item >= 0 ? weight / rowNorm(model, item, r) : 0;
      if (reach !== undefined) styleReach.set(evidence, reach);
      evidence += 1;
    }
    const coldStart = options.scoring === "popularity" || evidence === 0;
    const base = baseline(model, universe, options.group, coldStart ? undefined : r.popularityWeight);
    let touched = 0;
    try {
      if (!coldStart) {
        const add = (position: number, amount: number): void => {
          touched = mark(s, position, REACHED, touched);
          s.scores[position]! += amount;
        };
        for (let e = 0; e < evidence; e++) forEachContribution(model, universe, s, e, anyStyle ? styleReach.get(e) : undefined, r, add);
      }
      if (rules.excludeBought) {
        for (let n = 0; n < entries.length; n++) {
          const position = entries.position(n);
          if (position >= 0 && !(rules.rebuyPossible && rules.rebuyAllowed(entries.itemId(n)))) touched = mark(s, position, EXCLUDED, touched);
        }
      }
      const positions = positionsOf(universe);
      for (const id of rules.blocked) {
        const position = positions.get(id);
        if (position !== undefined) touched = mark(s, position, EXCLUDED, touched);
      }
      const offer = rules.boosting ? offerDense(boostedScores(universe, base.scores, s, rules)) : offerSparse(base, s, touched);
      const picked = pickFrom(offer, universe.ids, r.k, rules, (a, b) => candidateSimilarity(model, universe, a, b));
      const items = explain(model, universe, picked, s, coldStart ? 0 : evidence, anyStyle ? styleReach : undefined, entries, r);
      return { items, coldStart, ignored };
    } finally {
      for (let t = 0; t < touched; t++) {
        const position = s.touched[t] as number;
        s.scores[position] = 0;
        s.marks[position] = 0;
      }
    }
  });
}

/**
 * Offers the candidates of a personal list without scanning the catalogue: every reached item
 * with popularity + contributions, then the others in popularity order until their score falls
 * below what can still enter the heap.
 */
function offerSparse(base: { scores: Float64Array; order: Int32Array }, s: Scratch, touched: number): OfferCandidates {
  return (best) => {
    const floors = best.floors;
    for (let t = 0; t < touched; t++) {
      const position = s.touched[t] as number;
      if (s.marks[position] !== REACHED) continue;
      const v = (base.scores[position] as number) + (s.scores[position] as number);
      if (v > 0 && v >= (floors[0] as number)) best.offer(v, position);
    }
    for (let q = 0; q < base.order.length; q++) {
      const position = base.order[q] as number;
      const v = base.scores[position] as number;
      if (v < (floors[0] as number)) break;
      if (s.marks[position] === 0) best.offer(v, position);
    }
  };
}

/** Dense final scores with boosts applied (boosts can lift any item, so every item is a candidate). */
function boostedScores(universe: Universe, base: Float64Array, s: Scratch, rules: PreparedRules): Float64Array {
  return base.map((b, position) => {
    if (((s.marks[position] as number) & EXCLUDED) !== 0) return 0;
    const v = b + (s.scores[position] as number);
    return v > 0 ? v * rules.boost(universe.ids[position] as string) : 0;
  });
}

/** Similarity of two candidates for MMR: the model's scaled similarity (0 for items it does not know). */
function candidateSimilarity(model: RecommenderModel, universe: Universe, a: Candidate, b: Candidate): number {
  const ma = universe.toModel[a.order] as number;
  const mb = universe.toModel[b.order] as number;
  return ma >= 0 && mb >= 0 ? scaledModelSimilarity(model, ma, mb) : 0;
}

/** The picked candidates with the history items that contributed to each, largest first. */
function explain(
  model: RecommenderModel,
  universe: Universe,
  picked: readonly Candidate[],
  s: Scratch,
  evidence: number,
  styleReach: ReadonlyMap<number, StyleReach> | undefined,
  entries: Entries,
  r: Resolved,
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
  for (let e = 0; e < evidence; e++) {
    forEachContribution(model, universe, s, e, styleReach?.get(e), r, collect);
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
