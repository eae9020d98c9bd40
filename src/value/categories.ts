import { assignAbcTiers, assignTiersByCustomerShare, type AbcOptions, type AbcTier, type ValuedCustomer } from "./abc.js";
import type { Lookup } from "./attribution.js";
import { costsInCurrency, type ContactRollup } from "./interactions.js";
import { checkCount, checkShare, peerQuantiles } from "./peers.js";

/**
 * The value categories of Peppers & Rogers: most valuable customers (highest actual value),
 * most growable customers (largest gap between potential and actual value), below-zero customers
 * (cost more to serve than they bring), and migrators (moving between value tiers).
 *
 * @example
 * ```ts
 * const c: ValueCategory = "most-growable";
 * ```
 */
export type ValueCategory = "most-valuable" | "most-growable" | "below-zero" | "migrator";

/**
 * Options of {@link assignValueCategories}.
 *
 * @example
 * ```ts
 * const options: ValueCategoryOptions = { peerGroupOf: segmentOf, costToServe: contacts, currency: "EUR", previous: lastYear };
 * ```
 */
export interface ValueCategoryOptions {
  /** Share of customers, from the top by actual value, who are most valuable (default 0.2). */
  readonly mostValuableShare?: number;
  /** Share of customers, from the top by growth gap, who are most growable (default 0.2). */
  readonly mostGrowableShare?: number;
  /** Customer key → look-alike group (segment, industry and size band, region…); default: one group for everyone. */
  readonly peerGroupOf?: Lookup;
  /** A customer's potential is this quantile of their look-alikes' values (default 0.8). */
  readonly potentialQuantile?: number;
  /** Smallest look-alike group used; smaller groups fall back to everyone (default 5). */
  readonly minPeers?: number;
  /** Costs to serve from {@link rollupInteractions} (its successful result), in the currency of the values; default none. */
  readonly costToServe?: ContactRollup;
  /** The currency of the values (minor units), required with a `costToServe` that has a currency, to check they match. */
  readonly currency?: string;
  /** The customers' values in the previous window, to find migrators; default none (no migrators). */
  readonly previous?: readonly ValuedCustomer[];
  /** Tier cut-offs used for migration (default those of {@link assignAbcTiers}). */
  readonly tiers?: AbcOptions;
}

/**
 * One customer's categories and the figures behind them.
 *
 * @example
 * ```ts
 * const c: CategorizedCustomer = result.customers[0]!;
 * if (c.categories.includes("below-zero")) console.log(c.key, c.contribution);
 * ```
 */
export interface CategorizedCustomer {
  /** The customer key. */
  readonly key: string;
  /** Whether the customer has a value in the current window; only those are ranked for most valuable and most growable. */
  readonly current: boolean;
  /** Actual value in the current window (0 for a customer seen only in the previous window). */
  readonly value: number;
  /** Cost to serve (0 when unknown). */
  readonly costToServe: number;
  /** Value − cost to serve. */
  readonly contribution: number;
  /** Potential value: the larger of the actual value and the look-alikes' quantile. */
  readonly potentialValue: number;
  /** Potential − actual value (≥ 0). */
  readonly growthGap: number;
  /** ABC tier now. */
  readonly tier: AbcTier;
  /** ABC tier in the previous window (`null` without a previous window). */
  readonly previousTier: AbcTier | null;
  /** Direction of a tier change, or `null`. */
  readonly migration: "up" | "down" | null;
  /** The categories the customer is in (possibly none, possibly several). */
  readonly categories: ValueCategory[];
}

/**
 * The outcome of {@link assignValueCategories}.
 *
 * @example
 * ```ts
 * const { customers, counts } = assignValueCategories(values);
 * ```
 */
export interface ValueCategoryResult {
  /** Every customer of the current and the previous window, sorted by key. */
  readonly customers: CategorizedCustomer[];
  /** Customers per category. */
  readonly counts: Record<ValueCategory, number>;
}

const TIER_ORDER: Record<AbcTier, number> = { A: 0, B: 1, C: 2 };

/**
 * Sorts customers into Peppers & Rogers' value categories. Cut-offs:
 * - most valuable: the top `mostValuableShare` of the current window's customers by actual value
 *   (⌈share · n⌉ of the n current customers, value > 0; equal values share the cut-off);
 * - most growable: the top `mostGrowableShare` of the current window's customers by growth gap
 *   (gap > 0), where the potential is the `potentialQuantile` of the values of the customer's
 *   look-alikes (`peerGroupOf`; groups smaller than `minPeers` use everyone);
 * - below zero: cost to serve above the value (contribution < 0);
 * - migrator: a different ABC tier than in the `previous` window (a customer missing from a
 *   window has value 0 there, so customers of the previous window only are listed too — as
 *   migrators down when they were above C — but never ranked as most valuable or growable).
 *
 * @param customers - Current value per customer (margin, net value — one measure, the same for `previous`).
 * @param options - See {@link ValueCategoryOptions}.
 * @returns Each customer's categories and figures, and counts.
 * @throws RangeError when a share or count option is out of range, or the costs to serve are not
 *   in the currency of the values.
 * @example
 * ```ts
 * const result = assignValueCategories(thisYear, { previous: lastYear, costToServe: contacts, currency: "EUR", peerGroupOf: regionOf });
 * console.log(result.counts);
 * ```
 */
export function assignValueCategories(customers: readonly ValuedCustomer[], options: ValueCategoryOptions = {}): ValueCategoryResult {
  const mvShare = checkShare(options.mostValuableShare ?? 0.2, "mostValuableShare", true);
  const mgShare = checkShare(options.mostGrowableShare ?? 0.2, "mostGrowableShare", true);
  const quantile = checkShare(options.potentialQuantile ?? 0.8, "potentialQuantile");
  const minPeers = checkCount(options.minPeers ?? 5, "minPeers");
  const costs = costsInCurrency(options.costToServe, options.currency, "options.costToServe");
  const current = sumByKey(customers);
  const previous = options.previous === undefined ? undefined : sumByKey(options.previous);
  const keys = [...new Set([...current.keys(), ...(previous?.keys() ?? [])])].sort();
  const values = Float64Array.from(keys, (k) => current.get(k) ?? 0);
  // Tiers over both windows (a missing customer is worth 0 there, which moves no cut-off).
  const tierNow = new Map(assignAbcTiers(keys.map((key, i) => ({ key, value: values[i] as number })), options.tiers).customers.map((c) => [c.key, c.tier]));
  const tierBefore =
    previous === undefined ? undefined : new Map(assignAbcTiers(keys.map((key) => ({ key, value: previous.get(key) ?? 0 })), options.tiers).customers.map((c) => [c.key, c.tier]));
  // Potential from the look-alikes' values (only positive values count as evidence, so the previous-only customers' zeros do not).
  const peer = peerQuantiles(keys, values, { peerGroupOf: options.peerGroupOf, quantile, minPeers });
  const gaps = keys.map((_, i) => Math.max(0, (peer[i] as number) - (values[i] as number)));
  const currentKeys = keys.filter((key) => current.has(key));
  const gapOf = new Map(keys.map((key, i) => [key, gaps[i] as number]));
  const mostValuable = topShare(currentKeys.map((key) => ({ key, value: current.get(key) as number })), mvShare);
  const mostGrowable = topShare(currentKeys.map((key) => ({ key, value: gapOf.get(key) as number })), mgShare);
  const counts: Record<ValueCategory, number> = { "most-valuable": 0, "most-growable": 0, "below-zero": 0, migrator: 0 };
  const out = keys.map((key, i): CategorizedCustomer => {
    const value = values[i] as number;
    const cost = costs.get(key) ?? 0;
    const tier = tierNow.get(key) as AbcTier;
    const previousTier = tierBefore?.get(key) ?? null;
    const migration = previousTier === null || previousTier === tier ? null : TIER_ORDER[tier] < TIER_ORDER[previousTier] ? "up" : "down";
    const categories: ValueCategory[] = [];
    if (mostValuable.has(key)) categories.push("most-valuable");
    if (mostGrowable.has(key)) categories.push("most-growable");
    if (value - cost < 0) categories.push("below-zero");
    if (migration !== null) categories.push("migrator");
    for (const c of categories) counts[c]++;
    const growthGap = gaps[i] as number;
    return { key, current: current.has(key), value, costToServe: cost, contribution: value - cost, potentialValue: value + growthGap, growthGap, tier, previousTier, migration, categories };
  });
  return { customers: out, counts };
}

/** Values summed per key (non-finite values count 0). */
function sumByKey(customers: readonly ValuedCustomer[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of customers) out.set(c.key, (out.get(c.key) ?? 0) + (Number.isFinite(c.value) ? c.value : 0));
  return out;
}

/** The keys in the top `share` of customers by value (see {@link assignTiersByCustomerShare}). */
function topShare(customers: readonly ValuedCustomer[], share: number): Set<string> {
  return new Set(assignTiersByCustomerShare(customers, { a: share, b: share }).customers.filter((c) => c.tier === "A").map((c) => c.key));
}
