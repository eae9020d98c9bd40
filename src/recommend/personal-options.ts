/**
 * Options of personal lists: their documented defaults, checked and resolved once per call.
 */
import { checkK } from "./list.js";
import type { RecommenderModel } from "./model.js";
import type { ItemFacts, RecommendationRules } from "./rules.js";
import { findSorted } from "./sorted-ids.js";
import { resolveStyleMeasure } from "./style.js";
import type { StyleIndex, StyleMeasure, StyleWeights } from "./style.js";
import { DAY_MS } from "./time.js";

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
 * Options of `recommendForCustomer`. The defaults of `halfLifeDays`, `neighboursPerItem`,
 * `normalise` and `popularityWeight` were chosen on the Online Retail validation items (see
 * `docs/customize.md`).
 *
 * @example
 * ```ts
 * const options: RecommendOptions = { k: 10, asOf: new Date("2024-12-31"), halfLifeDays: 30, rules: { maxPerCategory: 3 }, facts };
 * ```
 */
export interface RecommendOptions {
  /** List length, an integer ≥ 0 (default 10; 0 gives an empty list). */
  readonly k?: number;
  /**
   * The moment of the list: items shown within `rules.suppressShownDays` before it are suppressed,
   * and history entries after it count as made at it (default: the latest history entry; with an
   * empty history and no `asOf`, every shown item is suppressed).
   */
  readonly asOf?: Date;
  /**
   * Recency half-life in days: an entry made h days before the customer's latest usable entry
   * counts 0.5^(h / halfLife); `Infinity` for none (default 14).
   */
  readonly halfLifeDays?: number;
  /** Neighbours of each history item used, ≤ the model's `neighbours` (default 5). */
  readonly neighboursPerItem?: number;
  /** `"sum"` divides each history item's neighbour similarities by their sum; `"none"` keeps them (default `"sum"`). */
  readonly normalise?: "none" | "sum";
  /** Weight π ≥ 0 of popularity (a share in [0, 1], see `group`) added to every score (default 0.001). */
  readonly popularityWeight?: number;
  /** How an entry's value counts: `"binary"` 1, `"log"` log₂(1 + value), `"linear"` the value (default `"binary"`). */
  readonly strength?: "binary" | "log" | "linear";
  /**
   * Comparable-customer group (value tier, region, segment, as given to the model with `groupOf`)
   * whose popularity is used: items are ranked by their buyers in the group, then by their buyers
   * overall (default: all customers; a group the model does not know falls back to all customers
   * and the result says `groupStatus: "unknown"`).
   */
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

/** Default recency half-life in days (see `docs/customize.md`, *Tuning*). */
const DEFAULT_HALF_LIFE_DAYS = 14;

/** The options of one call, checked, with defaults filled in (internal). */
export interface ResolvedRecommendOptions {
  readonly k: number;
  readonly halfLifeMs: number;
  readonly perItem: number;
  readonly normalise: "none" | "sum";
  readonly popularityWeight: number;
  readonly strength: (value: number) => number;
  readonly popularityOnly: boolean;
  /** The group's index in the model (−1: all customers) and whether the option named a known group. */
  readonly group: { readonly index: number; readonly status: "none" | "known" | "unknown" };
  readonly reasons: number;
  readonly styleWeight: number;
  readonly styleMeasure: StyleMeasure | undefined;
}

const STRENGTH = {
  binary: () => 1,
  log: (v: number) => Math.log1p(v) / Math.LN2,
  linear: (v: number) => v,
} as const;

function checkWeight(name: string, value: number, given: unknown): void {
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(given)}`);
}

/** Checks the options of a personal list and fills in the defaults. */
export function resolveRecommendOptions(model: RecommenderModel, o: RecommendOptions): ResolvedRecommendOptions {
  const halfLife = o.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  if (typeof halfLife !== "number" || !(halfLife > 0)) throw new RangeError(`halfLifeDays must be a number > 0 (or Infinity), got ${String(o.halfLifeDays)}`);
  const perItem = o.neighboursPerItem ?? Math.min(5, model.neighbours);
  if (!Number.isInteger(perItem) || perItem < 1 || perItem > model.neighbours) {
    throw new RangeError(`neighboursPerItem must be an integer in [1, ${model.neighbours}] (the model's neighbours), got ${String(o.neighboursPerItem)}`);
  }
  const normalise = o.normalise ?? "sum";
  if (normalise !== "none" && normalise !== "sum") throw new RangeError(`normalise must be "none" or "sum", got ${String(o.normalise)}`);
  const popularityWeight = o.popularityWeight ?? 0.001;
  checkWeight("popularityWeight", popularityWeight, o.popularityWeight);
  const strength = o.strength ?? "binary";
  if (!Object.hasOwn(STRENGTH, strength)) throw new RangeError(`strength must be "binary", "log" or "linear", got ${String(o.strength)}`);
  if (o.scoring !== undefined && o.scoring !== "item-knn" && o.scoring !== "popularity") {
    throw new RangeError(`scoring must be "item-knn" or "popularity", got ${String(o.scoring)}`);
  }
  if (o.group !== undefined && typeof o.group !== "string") throw new RangeError(`group must be a string, got ${String(o.group)}`);
  const reasons = o.reasons ?? 3;
  if (!Number.isInteger(reasons) || reasons < 0) throw new RangeError(`reasons must be an integer ≥ 0, got ${String(o.reasons)}`);
  const styleWeight = o.style?.weight ?? 0.05;
  checkWeight("style.weight", styleWeight, o.style?.weight);
  const group = o.group === undefined ? -1 : findSorted(model.groups, o.group);
  return {
    k: checkK(o.k ?? 10),
    halfLifeMs: halfLife * DAY_MS,
    perItem,
    normalise,
    popularityWeight,
    strength: STRENGTH[strength],
    popularityOnly: o.scoring === "popularity",
    group: { index: group, status: o.group === undefined ? "none" : group < 0 ? "unknown" : "known" },
    reasons,
    styleWeight,
    styleMeasure: o.style === undefined ? undefined : resolveStyleMeasure(o.style.weights, o.style.priceRatioLimit),
  };
}
