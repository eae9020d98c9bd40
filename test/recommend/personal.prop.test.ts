import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alsoBought, buildRecommenderModel, customerHistory, recommendForCustomer, recommendForCustomerId } from "../../src/recommend/index.js";
import type { HistoryEntry, ItemFacts, ItemInteraction, RecommendationRules } from "../../src/recommend/index.js";

const ITEMS = ["i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11"];
const interaction: fc.Arbitrary<ItemInteraction> = fc.record({
  customerId: fc.constantFrom("c0", "c1", "c2", "c3", "c4", "c5"),
  itemId: fc.constantFrom(...ITEMS),
  timestamp: fc.integer({ min: 1, max: 30 }).map((d) => new Date(Date.UTC(2024, 0, d))),
});
const model = fc.array(interaction, { minLength: 1, maxLength: 60 }).map((list) => buildRecommenderModel(list, { neighbours: 6 }));
const history: fc.Arbitrary<HistoryEntry[]> = fc.array(
  fc.record({
    itemId: fc.constantFrom(...ITEMS, "unknown"),
    timestamp: fc.integer({ min: 1, max: 30 }).map((d) => new Date(Date.UTC(2024, 0, d))),
    value: fc.constantFrom(1, 2, -1),
  }),
  { maxLength: 8 },
);
const facts: fc.Arbitrary<Map<string, ItemFacts>> = fc
  .array(
    fc.record({
      itemId: fc.constantFrom(...ITEMS),
      category: fc.constantFrom("a", "b", "c"),
      priceMinor: fc.integer({ min: 100, max: 1000 }),
      inStock: fc.boolean(),
      consumable: fc.boolean(),
    }),
    { maxLength: 12 },
  )
  .map((list) => new Map(list.map(({ itemId, ...f }) => [itemId, f])));
const rules: fc.Arbitrary<RecommendationRules> = fc.record(
  {
    exclude: fc.subarray(ITEMS),
    rebuyItems: fc.subarray(ITEMS),
    inStockOnly: fc.boolean(),
    excludeCategories: fc.subarray(["a", "b", "c"]),
    maxPriceMinor: fc.integer({ min: 100, max: 1000 }),
    maxPerCategory: fc.integer({ min: 1, max: 3 }),
    mmrLambda: fc.constantFrom(0, 0.5, 1),
    shown: fc.array(fc.record({ itemId: fc.constantFrom(...ITEMS), timestamp: fc.constant(new Date(Date.UTC(2024, 0, 29))) }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const k = fc.integer({ min: 0, max: 8 });

describe("personal list invariants", () => {
  it("has at most k distinct items and never breaks a rule", () => {
    fc.assert(
      fc.property(model, history, facts, rules, k, (m, h, f, r, size) => {
        const { items } = recommendForCustomer(m, h, { k: size, facts: f, rules: r, asOf: new Date(Date.UTC(2024, 0, 30)) });
        const ids = items.map((x) => x.itemId);
        expect(ids.length).toBeLessThanOrEqual(size);
        expect(new Set(ids).size).toBe(ids.length);
        const bought = new Set(h.map((e) => e.itemId));
        const perCategory = new Map<string, number>();
        for (const id of ids) {
          const fact = f.get(id);
          expect(r.exclude ?? []).not.toContain(id);
          if (bought.has(id)) expect((r.rebuyItems ?? []).includes(id) || fact?.consumable === true).toBe(true);
          if (r.shown !== undefined) expect(r.shown.map((s) => s.itemId)).not.toContain(id);
          if (r.inStockOnly === true) expect(fact?.inStock).toBe(true);
          if ((r.excludeCategories ?? []).length > 0) expect(r.excludeCategories).not.toContain(fact?.category);
          if (r.maxPriceMinor !== undefined) expect(fact?.priceMinor ?? Infinity).toBeLessThanOrEqual(r.maxPriceMinor);
          if (fact?.category !== undefined) perCategory.set(fact.category, (perCategory.get(fact.category) ?? 0) + 1);
        }
        for (const n of perCategory.values()) expect(n).toBeLessThanOrEqual(r.maxPerCategory ?? Infinity);
      }),
    );
  });

  it("explains only with items of the customer's history that were bought and kept", () => {
    fc.assert(
      fc.property(model, history, k, (m, h, size) => {
        const net = new Map<string, number>();
        for (const e of h) net.set(e.itemId, (net.get(e.itemId) ?? 0) + (e.value ?? 1));
        for (const item of recommendForCustomer(m, h, { k: size }).items) {
          expect(item.basis === "history").toBe(item.because.length > 0);
          for (const reason of item.because) {
            expect(net.get(reason.itemId) ?? 0).toBeGreaterThan(0);
            expect(reason.contribution).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it("is deterministic and independent of the order of the history", () => {
    fc.assert(
      fc.property(
        model,
        history.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }))),
        k,
        (m, [h, permuted], size) => {
          expect(recommendForCustomer(m, permuted, { k: size })).toEqual(recommendForCustomer(m, h, { k: size }));
        },
      ),
    );
  });

  it("lists at most k distinct items also bought with an item, never the item itself", () => {
    fc.assert(
      fc.property(model, fc.constantFrom(...ITEMS), k, (m, item, size) => {
        const ids = alsoBought(m, item, { k: size }).map((r) => r.itemId);
        expect(ids.length).toBeLessThanOrEqual(size);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(item);
      }),
    );
  });
});

describe("recommendForCustomerId", () => {
  it("gives what recommendForCustomer gives on the history the model holds", () => {
    fc.assert(
      fc.property(model, fc.constantFrom("c0", "c1", "c2", "c3", "c4", "c5", "nobody"), k, rules, (m, customer, size, r) => {
        const options = { k: size, rules: r, asOf: new Date(Date.UTC(2024, 0, 30)) };
        expect(recommendForCustomerId(m, customer, options)).toEqual(recommendForCustomer(m, customerHistory(m, customer), options));
      }),
    );
  });
});

describe("candidate selection", () => {
  it("gives the same list whether it scans every item (boosts) or only the reached and popular ones", () => {
    fc.assert(
      fc.property(model, history, k, fc.constantFrom(0, 0.001, 0.5), (m, h, size, popularityWeight) => {
        const plain = recommendForCustomer(m, h, { k: size, popularityWeight });
        const scanned = recommendForCustomer(m, h, { k: size, popularityWeight, rules: { boosts: new Map([["i0", 1]]) } });
        expect(scanned).toEqual(plain);
      }),
    );
  });
});
