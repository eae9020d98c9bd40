/** Random facts and rules shared by the recommend property tests, and the check that a list obeys the rules. */
import fc from "fast-check";
import { expect } from "vitest";
import { buildRecommenderModel, buildStyleIndex } from "../../src/recommend/index.js";
import type { HistoryEntry, ItemFacts, ItemInteraction, RecommendationRules, StyleIndex } from "../../src/recommend/index.js";

export const DAY_MS = 86_400_000;
/** Items customers buy. */
export const ITEMS = ["i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11"];
/** Items of the catalogue nobody bought (style indexes only). */
export const NEW_ITEMS = ["n0", "n1"];
/** A day of January 2024. */
export const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));
/** The moment of the lists. */
export const ASOF = day(30);

/** Purchases, returns (negative quantities) and fractional weights, so that some items are returned in full. */
export const interaction: fc.Arbitrary<ItemInteraction> = fc.record({
  customerId: fc.constantFrom("c0", "c1", "c2", "c3", "c4", "c5"),
  itemId: fc.constantFrom(...ITEMS),
  timestamp: fc.integer({ min: 1, max: 30 }).map(day),
  quantity: fc.constantFrom(1, 1, 1, 2, -1),
  weight: fc.constantFrom(1, 1, 0.3, 0.7),
});
/** Models of those interactions. */
export const model = fc.array(interaction, { minLength: 1, maxLength: 60 }).map((list) => buildRecommenderModel(list, { neighbours: 6 }));

/** Style indexes over bought and new items. */
export const styleIndex: fc.Arbitrary<StyleIndex> = fc
  .array(fc.record({ itemId: fc.constantFrom(...ITEMS, ...NEW_ITEMS), category: fc.constantFrom("a", "b"), tags: fc.subarray(["x", "y", "z"]) }), { minLength: 1, maxLength: 14 })
  .map((items) => buildStyleIndex(items).index);
/** Facts of some items. */
export const facts: fc.Arbitrary<Map<string, ItemFacts>> = fc
  .array(
    fc.record({
      itemId: fc.constantFrom(...ITEMS, ...NEW_ITEMS),
      category: fc.constantFrom("a", "b", "c"),
      priceMinor: fc.integer({ min: 100, max: 1000 }),
      inStock: fc.boolean(),
      consumable: fc.boolean(),
      marginMinor: fc.integer({ min: 0, max: 500 }),
    }),
    { maxLength: 14 },
  )
  .map((list) => new Map(list.map(({ itemId, ...f }) => [itemId, f])));
/** Any combination of rules. */
export const rules: fc.Arbitrary<RecommendationRules> = fc.record(
  {
    excludeBought: fc.boolean(),
    exclude: fc.subarray([...ITEMS, ...NEW_ITEMS]),
    rebuyItems: fc.subarray(ITEMS),
    inStockOnly: fc.boolean(),
    categories: fc.subarray(["a", "b", "c"]),
    excludeCategories: fc.subarray(["a", "b", "c"]),
    minPriceMinor: fc.integer({ min: 100, max: 1000 }),
    maxPriceMinor: fc.integer({ min: 100, max: 1000 }),
    boosts: fc.array(fc.tuple(fc.constantFrom(...ITEMS, ...NEW_ITEMS), fc.constantFrom(0, 0.5, 2, 1e6)), { maxLength: 3 }).map((b) => new Map(b)),
    marginBoost: fc.constantFrom(0, 1),
    maxPerCategory: fc.integer({ min: 1, max: 3 }),
    mmrLambda: fc.constantFrom(0, 0.5, 1),
    shown: fc.array(fc.record({ itemId: fc.constantFrom(...ITEMS, ...NEW_ITEMS), timestamp: fc.integer({ min: 1, max: 30 }).map(day) }), { maxLength: 4 }),
    suppressShownDays: fc.constantFrom(0, 3, 7, 40),
  },
  { requiredKeys: [] },
);
/** The rules a list must obey, checked item by item (`asOf` undefined: every shown item is suppressed). */
export function expectRulesKept(ids: readonly string[], h: readonly HistoryEntry[], f: ReadonlyMap<string, ItemFacts>, r: RecommendationRules, asOf: Date | undefined): void {
  const inHistory = new Set(h.map((e) => e.itemId));
  const window = (r.suppressShownDays ?? 7) * DAY_MS;
  const suppressed = new Set((r.shown ?? []).filter((s) => asOf === undefined || asOf.getTime() - s.timestamp.getTime() < window).map((s) => s.itemId));
  const perCategory = new Map<string, number>();
  for (const id of ids) {
    const fact = f.get(id);
    expect(r.exclude ?? []).not.toContain(id);
    expect(suppressed.has(id)).toBe(false);
    if (inHistory.has(id) && r.excludeBought !== false) expect((r.rebuyItems ?? []).includes(id) || fact?.consumable === true).toBe(true);
    if (r.inStockOnly === true) expect(fact?.inStock).toBe(true);
    if (r.categories !== undefined) expect(r.categories).toContain(fact?.category);
    if ((r.excludeCategories ?? []).length > 0) expect(r.excludeCategories).not.toContain(fact?.category);
    if (r.minPriceMinor !== undefined) expect(fact?.priceMinor ?? -Infinity).toBeGreaterThanOrEqual(r.minPriceMinor);
    if (r.maxPriceMinor !== undefined) expect(fact?.priceMinor ?? Infinity).toBeLessThanOrEqual(r.maxPriceMinor);
    if (fact?.category !== undefined) perCategory.set(fact.category, (perCategory.get(fact.category) ?? 0) + 1);
  }
  for (const n of perCategory.values()) expect(n).toBeLessThanOrEqual(r.maxPerCategory ?? Infinity);
}
