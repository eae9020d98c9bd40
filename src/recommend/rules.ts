/**
 * Business rules applied to every list: exclusions, filters, boosts, diversity and suppression of
 * items shown recently. Filters read item facts; an item without the fact a filter needs does not
 * pass it (a list never shows an item whose stock, category or price it cannot vouch for).
 */
import { DAY_MS } from "./time.js";

/**
 * What the business knows about an item, for filters, boosts and diversity.
 *
 * @example
 * ```ts
 * const facts: ItemFacts = { category: "jazz", priceMinor: 1299, marginMinor: 400, inStock: true };
 * ```
 */
export interface ItemFacts {
  /** Category (filters, at most n per category). */
  readonly category?: string;
  /** Price in minor units (price filters, margin share). */
  readonly priceMinor?: number;
  /** Whether it can be sold now (`inStockOnly`). */
  readonly inStock?: boolean;
  /** Margin of one unit in minor units (`marginBoost`). */
  readonly marginMinor?: number;
  /** Bought again and again (coffee, ink): may be recommended to customers who already bought it. */
  readonly consumable?: boolean;
}

/**
 * An item shown to the customer before, for suppression.
 *
 * @example
 * ```ts
 * const shown: ShownItem = { itemId: "jazz-cd", timestamp: new Date("2024-03-01") };
 * ```
 */
export interface ShownItem {
  /** The item shown. */
  readonly itemId: string;
  /** When it was shown. */
  readonly timestamp: Date;
}

/**
 * Business rules of a list. Every field is optional; without rules a personal list only excludes
 * what the customer already bought.
 *
 * @example
 * ```ts
 * const rules: RecommendationRules = {
 *   inStockOnly: true,
 *   excludeCategories: ["gift-cards"],
 *   boosts: new Map([["summer-hat", 1.5]]),
 *   maxPerCategory: 2,
 *   shown: [{ itemId: "jazz-cd", timestamp: new Date("2024-03-01") }],
 * };
 * ```
 */
export interface RecommendationRules {
  /** Leave out items the customer already bought or returned (default `true`; personal lists). */
  readonly excludeBought?: boolean;
  /** Items that may be recommended again although bought, besides those whose facts say `consumable` (default none). */
  readonly rebuyItems?: readonly string[];
  /** Items never to recommend (default none). */
  readonly exclude?: readonly string[];
  /** Only items whose facts say `inStock: true` (default `false`). */
  readonly inStockOnly?: boolean;
  /** Only items of these categories (default: any). */
  readonly categories?: readonly string[];
  /** Never items of these categories (default none). */
  readonly excludeCategories?: readonly string[];
  /** Only items priced at least this, in minor units (default none). */
  readonly minPriceMinor?: number;
  /** Only items priced at most this, in minor units (default none). */
  readonly maxPriceMinor?: number;
  /** Score multipliers ≥ 0 per item, e.g. for a campaign (default none). */
  readonly boosts?: ReadonlyMap<string, number>;
  /** Multiplies scores by 1 + marginBoost × margin ÷ price (margin share clipped to [0, 1]); default 0. */
  readonly marginBoost?: number;
  /** At most this many items per category (items without a category are not capped); default no cap. */
  readonly maxPerCategory?: number;
  /**
   * Maximal marginal relevance (Carbonell & Goldstein 1998): each next item maximises
   * λ·relevance − (1 − λ)·(its largest similarity to the items already listed), relevance scaled to
   * [0, 1] by the best score and similarity by each item's best neighbour. λ in [0, 1]; default
   * off (pure relevance, the same as λ = 1).
   */
  readonly mmrLambda?: number;
  /** Items shown to the customer before (default none). */
  readonly shown?: readonly ShownItem[];
  /** Items shown within this many days before `asOf` are left out (default 7). */
  readonly suppressShownDays?: number;
}

/** The rules of one call, checked and ready to apply (internal). */
export interface PreparedRules {
  /** Whether the customer's bought items are left out (the caller applies it; personal lists only). */
  readonly excludeBought: boolean;
  /** Whether a bought item may be recommended again (consumable or listed for re-buy). */
  rebuyAllowed(itemId: string): boolean;
  /** Whether any item may be re-bought at all (false skips the per-item check). */
  readonly rebuyPossible: boolean;
  /** Items left out by id: exclusions and recently shown items. */
  readonly blocked: ReadonlySet<string>;
  /** Whether an item may appear at all (exclusions, filters, suppression). */
  allowed(itemId: string): boolean;
  /** The score multiplier of an item (boosts). */
  boost(itemId: string): number;
  /** Whether any boost applies. */
  readonly boosting: boolean;
  /** The item's category for the per-category cap, if capped. */
  category(itemId: string): string | undefined;
  /** Cap per category (Infinity when none). */
  readonly maxPerCategory: number;
  /** MMR λ, or undefined when off. */
  readonly mmrLambda: number | undefined;
}

function checkNumber(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== "number" || Number.isNaN(value) || value < min || value > max) {
    throw new RangeError(`rules.${name} must be a number in [${min}, ${max}], got ${String(value)}`);
  }
}

function checkIds(name: string, value: readonly string[] | undefined): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((id) => typeof id === "string")) throw new RangeError(`rules.${name} must be an array of strings, got ${describe(value)}`);
}

function checkBoolean(name: string, value: boolean | undefined): void {
  if (value !== undefined && typeof value !== "boolean") throw new RangeError(`rules.${name} must be true or false, got ${describe(value)}`);
}

/** A short description of a wrong value for an error message. */
function describe(value: unknown): string {
  return typeof value === "string" ? `the string "${value.slice(0, 40)}"` : Array.isArray(value) ? "an array with other elements" : String(value).slice(0, 40);
}

function checkRules(rules: RecommendationRules, facts: ReadonlyMap<string, ItemFacts> | undefined): void {
  if (facts !== undefined && !(facts instanceof Map)) throw new RangeError("facts must be a Map from item id to ItemFacts");
  if (rules === null || typeof rules !== "object") throw new RangeError(`rules must be an object, got ${describe(rules)}`);
  checkBoolean("excludeBought", rules.excludeBought);
  checkBoolean("inStockOnly", rules.inStockOnly);
  checkIds("rebuyItems", rules.rebuyItems);
  checkIds("exclude", rules.exclude);
  checkIds("categories", rules.categories);
  checkIds("excludeCategories", rules.excludeCategories);
  if (rules.shown !== undefined && !(Array.isArray(rules.shown) && rules.shown.every((x) => typeof x?.itemId === "string"))) {
    throw new RangeError(`rules.shown must be an array of { itemId, timestamp }, got ${describe(rules.shown)}`);
  }
  if (rules.boosts !== undefined && !(rules.boosts instanceof Map)) throw new RangeError(`rules.boosts must be a Map from item id to a factor, got ${describe(rules.boosts)}`);
  checkNumber("minPriceMinor", rules.minPriceMinor, -Infinity, Infinity);
  checkNumber("maxPriceMinor", rules.maxPriceMinor, -Infinity, Infinity);
  checkNumber("marginBoost", rules.marginBoost, 0, 1e6);
  checkNumber("mmrLambda", rules.mmrLambda, 0, 1);
  checkNumber("suppressShownDays", rules.suppressShownDays, 0, Infinity);
  if (rules.maxPerCategory !== undefined && !(Number.isInteger(rules.maxPerCategory) && rules.maxPerCategory >= 1)) {
    throw new RangeError(`rules.maxPerCategory must be an integer ≥ 1, got ${String(rules.maxPerCategory)}`);
  }
  for (const [item, factor] of rules.boosts ?? []) {
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor < 0) {
      throw new RangeError(`rules.boosts: the boost of "${String(item).slice(0, 80)}" must be a finite number ≥ 0, got ${String(factor)}`);
    }
  }
}

/**
 * Prepares the rules of one call.
 *
 * @param rules - The caller's rules.
 * @param facts - Item facts by id.
 * @param context - The moment of the list (epoch ms; NaN or −Infinity suppresses every shown item).
 */
export function prepareRules(rules: RecommendationRules, facts: ReadonlyMap<string, ItemFacts> | undefined, context: { readonly asOf: number }): PreparedRules {
  if (facts === undefined && rules !== null && typeof rules === "object" && Object.keys(rules).length === 0) return NO_RULES;
  checkRules(rules, facts);
  const blocked = new Set(rules.exclude ?? []);
  const rebuy = new Set(rules.rebuyItems ?? []);
  const window = (rules.suppressShownDays ?? 7) * DAY_MS;
  for (const s of rules.shown ?? []) {
    const t = s.timestamp instanceof Date ? s.timestamp.getTime() : Number.NaN;
    if (!(context.asOf - t >= window)) blocked.add(s.itemId);
  }
  const only = rules.categories === undefined ? undefined : new Set(rules.categories);
  const never = new Set(rules.excludeCategories ?? []);
  const needsFacts = rules.inStockOnly === true || only !== undefined || never.size > 0 || rules.minPriceMinor !== undefined || rules.maxPriceMinor !== undefined;
  const passesFacts = (f: ItemFacts | undefined): boolean => {
    if (f === undefined) return false;
    if (rules.inStockOnly === true && f.inStock !== true) return false;
    if (only !== undefined && (f.category === undefined || !only.has(f.category))) return false;
    if (never.size > 0 && (f.category === undefined || never.has(f.category))) return false;
    if (rules.minPriceMinor !== undefined && !(typeof f.priceMinor === "number" && f.priceMinor >= rules.minPriceMinor)) return false;
    if (rules.maxPriceMinor !== undefined && !(typeof f.priceMinor === "number" && f.priceMinor <= rules.maxPriceMinor)) return false;
    return true;
  };
  const marginBoost = rules.marginBoost ?? 0;
  const boosts = rules.boosts;
  return {
    excludeBought: rules.excludeBought ?? true,
    rebuyAllowed: (id) => rebuy.has(id) || facts?.get(id)?.consumable === true,
    rebuyPossible: rebuy.size > 0 || facts !== undefined,
    blocked,
    allowed: (id) => !blocked.has(id) && (!needsFacts || passesFacts(facts?.get(id))),
    boost: (id) => (boosts?.get(id) ?? 1) * (marginBoost > 0 ? 1 + marginBoost * marginShare(facts?.get(id)) : 1),
    boosting: (boosts !== undefined && boosts.size > 0) || marginBoost > 0,
    category: (id) => facts?.get(id)?.category,
    maxPerCategory: rules.maxPerCategory ?? Infinity,
    mmrLambda: rules.mmrLambda,
  };
}

/** The prepared form of `{}` without facts: only bought items are left out. */
const NO_RULES: PreparedRules = {
  excludeBought: true,
  rebuyAllowed: () => false,
  rebuyPossible: false,
  blocked: new Set(),
  allowed: () => true,
  boost: () => 1,
  boosting: false,
  category: () => undefined,
  maxPerCategory: Infinity,
  mmrLambda: undefined,
};

/** Margin ÷ price clipped to [0, 1]; 0 when unknown. */
function marginShare(f: ItemFacts | undefined): number {
  if (f === undefined || typeof f.marginMinor !== "number" || typeof f.priceMinor !== "number" || !(f.priceMinor > 0)) return 0;
  return Math.min(1, Math.max(0, f.marginMinor / f.priceMinor));
}

/** A scored candidate of a list (internal). */
export interface Candidate {
  /** Item id. */
  readonly itemId: string;
  /** Tie-break position (item number). */
  readonly order: number;
  /** Score after boosts. */
  readonly score: number;
}

/**
 * Picks up to `k` candidates (given best first) under the per-category cap and, when set, MMR.
 *
 * @param pool - Allowed candidates, best first.
 * @param k - How many to pick.
 * @param rules - Prepared rules.
 * @param similarity - Similarity in [0, 1] of two candidates, for MMR.
 */
export function pickDiverse(
  pool: readonly Candidate[],
  k: number,
  rules: PreparedRules,
  similarity: (a: Candidate, b: Candidate) => number,
): Candidate[] {
  const perCategory = new Map<string, number>();
  const fits = (c: Candidate): boolean => {
    const cat = rules.category(c.itemId);
    return cat === undefined || (perCategory.get(cat) ?? 0) < rules.maxPerCategory;
  };
  const take = (c: Candidate, into: Candidate[]): void => {
    const cat = rules.category(c.itemId);
    if (cat !== undefined) perCategory.set(cat, (perCategory.get(cat) ?? 0) + 1);
    into.push(c);
  };
  const picked: Candidate[] = [];
  if (rules.mmrLambda === undefined) {
    for (const c of pool) {
      if (picked.length >= k) break;
      if (rules.maxPerCategory === Infinity || fits(c)) take(c, picked);
    }
    return picked;
  }
  const lambda = rules.mmrLambda;
  const top = pool[0]?.score ?? 0;
  const left = pool.slice();
  while (picked.length < k) {
    let best = -1;
    let bestValue = -Infinity;
    for (let q = 0; q < left.length; q++) {
      const c = left[q] as Candidate;
      if (!fits(c)) continue;
      let redundancy = 0;
      for (const p of picked) redundancy = Math.max(redundancy, similarity(c, p));
      const value = lambda * (top > 0 ? c.score / top : 0) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = q;
      }
    }
    if (best < 0) break;
    take(left[best] as Candidate, picked);
    left.splice(best, 1);
  }
  return picked;
}
