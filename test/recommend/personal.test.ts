import { describe, expect, it } from "vitest";
import { buildRecommenderModel, buildStyleIndex, customerHistory, recommendForCustomer } from "../../src/recommend/index.js";
import type { HistoryEntry, ItemFacts, RecommendationRules } from "../../src/recommend/index.js";
import { bought, shop } from "./fixtures.js";

// Jaccard similarities are easy to check by hand: jazz-1 ~ jazz-2 1, jazz-1 ~ jazz-3 ½, rock-2 ~ rock-1 ¾
const model = buildRecommenderModel(shop, {
  similarity: { measure: "jaccard" },
  groupOf: new Map([
    ["eve", "rock-fans"],
    ["fay", "rock-fans"],
    ["gus", "rock-fans"],
    ["ann", "jazz-fans"],
  ]),
});
const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));
const bob = customerHistory(model, "bob"); // jazz-1, jazz-2
const ids = (history: readonly HistoryEntry[], options = {}): string[] => recommendForCustomer(model, history, options).items.map((r) => r.itemId);
const facts = new Map<string, ItemFacts>([
  ["jazz-1", { category: "jazz", priceMinor: 1000, inStock: true }],
  ["jazz-2", { category: "jazz", priceMinor: 1500, inStock: true }],
  ["jazz-3", { category: "jazz", priceMinor: 2500, inStock: false }],
  ["rock-1", { category: "rock", priceMinor: 900, inStock: true, marginMinor: 600 }],
  ["rock-2", { category: "rock", priceMinor: 1200, inStock: true }],
]);

describe("recommendForCustomer", () => {
  it("recommends what buyers of the customer's items also bought, because of those items", () => {
    const { items, coldStart } = recommendForCustomer(model, bob, { k: 3 });
    expect(coldStart).toBe(false);
    expect(items[0]?.itemId).toBe("jazz-3");
    expect(items[0]?.basis).toBe("history");
    expect(items[0]?.because.map((b) => b.itemId).sort()).toEqual(["jazz-1", "jazz-2"]);
  });

  it("scores an item as the sum of its reasons plus the popularity term", () => {
    const { items } = recommendForCustomer(model, bob, { k: 1, popularityWeight: 0.01 });
    const top = items[0];
    const contributions = (top?.because ?? []).reduce((s, b) => s + b.contribution, 0);
    expect(top?.score).toBeCloseTo(contributions + (0.01 * 2) / 4, 12); // jazz-3: 2 buyers, the most popular has 4
  });

  it("leaves out what the customer bought", () => {
    expect(ids(bob, { k: 10 })).not.toContain("jazz-1");
    expect(ids(bob, { k: 10 })).not.toContain("jazz-2");
  });

  it("lets bought items back in when they are consumable or listed for re-buy", () => {
    expect(ids(bob, { k: 10, rules: { rebuyItems: ["jazz-1"] } })).toContain("jazz-1");
    expect(ids(bob, { k: 10, facts: new Map([["jazz-2", { consumable: true }]]) })).toContain("jazz-2");
    expect(ids(bob, { k: 10, rules: { excludeBought: false } })).toEqual(expect.arrayContaining(["jazz-1", "jazz-2"]));
  });

  it("weights recent purchases more", () => {
    const history: HistoryEntry[] = [
      { itemId: "jazz-1", timestamp: day(1) },
      { itemId: "rock-2", timestamp: day(30) },
    ];
    expect(ids(history, { k: 1, halfLifeDays: 1 })).toEqual(["rock-1"]);
    expect(ids([{ itemId: "jazz-1", timestamp: day(30) }, { itemId: "rock-2", timestamp: day(1) }], { k: 1, halfLifeDays: 1 })).toEqual(["jazz-2"]);
  });

  it("measures recency back from the customer's latest purchase, so a list made a month later still rests on the history", () => {
    const history = [
      { itemId: "jazz-1", timestamp: day(1) },
      { itemId: "rock-2", timestamp: day(2) },
    ];
    const options = { k: 2, halfLifeDays: 1, normalise: "none", popularityWeight: 0.001 } as const;
    const now = recommendForCustomer(model, history, options);
    const later = recommendForCustomer(model, history, { ...options, asOf: day(32) });
    expect(later).toEqual(now);
    expect(later.coldStart).toBe(false);
    // rock-1: Jaccard 3/4 with rock-2 (the newest, weight 1); jazz-2: Jaccard 1 with jazz-1 (a day older, weight ½)
    expect(later.items.map((r) => [r.itemId, r.basis])).toEqual([
      ["rock-1", "history"],
      ["jazz-2", "history"],
    ]);
    expect(later.items[0]?.because.map((b) => b.itemId)).toEqual(["rock-2", "jazz-1"]);
    expect(later.items[0]?.because[0]?.contribution).toBeCloseTo(0.75, 12);
    expect(later.items[0]?.because[1]?.contribution).toBeCloseTo(0.5 / 7, 12); // jazz-1 → rock-1: Jaccard 1/7, weight ½
    expect(later.items[1]?.because).toEqual([{ itemId: "jazz-1", contribution: 0.5 }]);
  });

  it("counts entries made after asOf as made at asOf", () => {
    const history = [
      { itemId: "jazz-1", timestamp: day(1) },
      { itemId: "rock-2", timestamp: day(10) },
    ];
    const { items } = recommendForCustomer(model, history, { k: 10, asOf: day(5), halfLifeDays: 1, normalise: "none", popularityWeight: 0 });
    expect(items.find((r) => r.itemId === "jazz-2")?.score).toBeCloseTo(1 / 16, 12); // four half-lives before day 5
  });

  it("reports an entry too old to weigh anything next to the latest purchase, and still leaves it out", () => {
    const history = [
      { itemId: "jazz-1", timestamp: day(1) },
      { itemId: "rock-2", timestamp: day(1 + 2_000) },
    ];
    const result = recommendForCustomer(model, history, { k: 10, halfLifeDays: 1 });
    expect(result.ignored).toEqual([{ itemId: "jazz-1", reason: "too-old" }]);
    expect(result.items.map((r) => r.itemId)).not.toContain("jazz-1");
    expect(result.items[0]?.because.map((b) => b.itemId)).toEqual(["rock-2"]);
  });

  it("applies filters, leaving out items whose facts are unknown", () => {
    expect(ids(bob, { k: 10, facts, rules: { inStockOnly: true } })).toEqual(["rock-1", "rock-2"]);
    expect(ids(bob, { k: 10, facts, rules: { categories: ["jazz"] } })).toEqual(["jazz-3"]);
    expect(ids(bob, { k: 10, facts, rules: { excludeCategories: ["jazz"] } })).toEqual(["rock-1", "rock-2"]);
    expect(ids(bob, { k: 10, facts, rules: { maxPriceMinor: 1000 } })).toEqual(["rock-1"]);
    expect(ids(bob, { k: 10, facts, rules: { minPriceMinor: 1000 } })).toEqual(["jazz-3", "rock-2"]);
    expect(ids(bob, { k: 10, rules: { exclude: ["jazz-3"] } })).not.toContain("jazz-3");
  });

  it("boosts campaign items and margins", () => {
    expect(ids(bob, { k: 1, rules: { boosts: new Map([["rock-2", 1e6]]) } })).toEqual(["rock-2"]);
    const plain = recommendForCustomer(model, bob, { k: 10, facts }).items.find((r) => r.itemId === "rock-1");
    const boosted = recommendForCustomer(model, bob, { k: 10, facts, rules: { marginBoost: 1 } }).items.find((r) => r.itemId === "rock-1");
    expect(boosted?.score).toBeCloseTo((plain?.score ?? 0) * (1 + 600 / 900), 12);
  });

  it("caps items per category", () => {
    const list = ids([{ itemId: "jazz-1", timestamp: day(1) }], { k: 3, facts, rules: { maxPerCategory: 1 } });
    expect(list.filter((id) => id.startsWith("jazz"))).toHaveLength(1);
    expect(list).toHaveLength(3);
  });

  it("diversifies with maximal marginal relevance", () => {
    const history = [{ itemId: "jazz-1", timestamp: day(1) }];
    expect(ids(history, { k: 2 })).toEqual(["jazz-2", "jazz-3"]);
    // rock-2 (reached by popularity only) is unrelated to jazz-2, so it beats the slightly similar rock-1
    expect(ids(history, { k: 2, rules: { mmrLambda: 0.3 } })).toEqual(["jazz-2", "rock-2"]);
    expect(ids(history, { k: 2, rules: { mmrLambda: 1 } })).toEqual(["jazz-2", "jazz-3"]);
  });

  it("suppresses items shown recently, but not long ago", () => {
    const shown = [{ itemId: "jazz-3", timestamp: day(2) }];
    expect(ids(bob, { k: 10, asOf: day(4), rules: { shown } })).not.toContain("jazz-3");
    expect(ids(bob, { k: 10, asOf: day(20), rules: { shown } })).toContain("jazz-3");
    expect(ids(bob, { k: 10, asOf: day(20), rules: { shown, suppressShownDays: 30 } })).not.toContain("jazz-3");
  });

  it("recommends what is popular among comparable customers to a new customer", () => {
    const { items, coldStart, groupStatus } = recommendForCustomer(model, [], { k: 2, group: "rock-fans" });
    expect(coldStart).toBe(true);
    expect(groupStatus).toBe("known");
    expect(items.map((r) => r.itemId)).toEqual(["rock-1", "rock-2"]); // 3 buyers each in the group; rock-1 has more overall
    expect(items.every((r) => r.basis === "popularity" && r.because.length === 0)).toBe(true);
    expect(ids([], { k: 2, group: "jazz-fans" })).toEqual(["jazz-1", "jazz-2"]);
    expect(ids([], { k: 3 })).toEqual(["jazz-1", "jazz-2", "rock-1"]); // 4 buyers each, ties by id
    expect(recommendForCustomer(model, [], { k: 3 }).groupStatus).toBe("none");
  });

  it("fills a small group's list with what is popular among all customers", () => {
    // ann, the only jazz fan, bought the three jazz CDs; the rock CDs follow by their buyers overall
    expect(ids([], { k: 5, group: "jazz-fans" })).toEqual(["jazz-1", "jazz-2", "jazz-3", "rock-1", "rock-2"]);
    expect(ids([], { k: 4, group: "rock-fans" })).toEqual(["rock-1", "rock-2", "rock-3", "jazz-1"]);
    const returnsOnly = buildRecommenderModel([...shop, bought("zoe", "jazz-1", 1), bought("zoe", "jazz-1", 2, -1)], { groupOf: new Map([["zoe", "new-region"]]) });
    const list = recommendForCustomer(returnsOnly, [], { k: 3, group: "new-region" });
    expect(list.groupStatus).toBe("known");
    expect(list.items.map((r) => r.itemId)).toEqual(["jazz-1", "jazz-2", "rock-1"]);
  });

  it("says when the group is unknown and uses the popularity of all customers", () => {
    const { items, groupStatus } = recommendForCustomer(model, [], { k: 3, group: "no-such-group" });
    expect(groupStatus).toBe("unknown");
    expect(items.map((r) => r.itemId)).toEqual(["jazz-1", "jazz-2", "rock-1"]);
  });

  it("adds the group's popularity, (buyers in the group + buyers overall ÷ (most overall + 1)) ÷ (most in the group + 1)", () => {
    const { items } = recommendForCustomer(model, bob, { k: 10, popularityWeight: 0.01, group: "rock-fans" });
    const rock3 = items.find((r) => r.itemId === "rock-3");
    expect(rock3?.basis).toBe("popularity");
    expect(rock3?.score).toBeCloseTo((0.01 * (1 + 1 / 5)) / 4, 12); // 1 buyer in the group of 3 rock fans, 1 of 4 overall
  });

  it("ranks by popularity alone with scoring: popularity", () => {
    expect(ids(bob, { k: 2, scoring: "popularity" })).toEqual(["rock-1", "rock-2"]);
  });

  it("reports history entries it could not use and still leaves them out", () => {
    const valid = [{ itemId: "jazz-1", timestamp: day(1) }];
    expect(ids(valid, { k: 10 })).toEqual(expect.arrayContaining(["jazz-3", "rock-1"])); // what jazz-1 alone brings
    const history = [
      ...valid,
      { itemId: "never-sold", timestamp: day(1) },
      { itemId: "jazz-3", timestamp: new Date(Number.NaN) },
      { itemId: "rock-1", timestamp: day(1), value: Number.NaN },
    ];
    const result = recommendForCustomer(model, history, { k: 10 });
    expect(result.ignored).toEqual([
      { itemId: "jazz-3", reason: "invalid-timestamp" },
      { itemId: "never-sold", reason: "unknown-item" },
      { itemId: "rock-1", reason: "invalid-value" },
    ]);
    const list = result.items.map((r) => r.itemId);
    for (const owned of ["jazz-1", "jazz-3", "rock-1", "never-sold"]) expect(list).not.toContain(owned);
    expect(ids(history, { k: 10, rules: { rebuyItems: ["jazz-3"] } })).toContain("jazz-3");
    const overflowing = [...valid, { itemId: "rock-1", timestamp: day(1), value: 1e308 }, { itemId: "rock-1", timestamp: day(2), value: 1e308 }];
    const summed = recommendForCustomer(model, overflowing, { k: 10, strength: "linear" });
    expect(summed.ignored).toEqual([{ itemId: "rock-1", reason: "invalid-value" }]); // 2e308 is not a number's value
    expect(summed.items.map((r) => r.itemId)).not.toContain("rock-1");
    expect(summed.items.every((r) => Number.isFinite(r.score))).toBe(true);
  });

  it("never uses a returned item as evidence, and leaves it out", () => {
    const result = recommendForCustomer(model, [{ itemId: "jazz-1", timestamp: day(1), value: 0 }], { k: 10 });
    expect(result.coldStart).toBe(true);
    expect(result.items.map((r) => r.itemId)).not.toContain("jazz-1");
  });

  it("sums repeated history entries, so that a purchase and its full return cancel out", () => {
    const result = recommendForCustomer(model, [{ itemId: "rock-1", timestamp: day(1), value: 1 }, { itemId: "rock-1", timestamp: day(2), value: -1 }], { k: 3 });
    expect(result.coldStart).toBe(true);
  });

  it("gives an empty list for k = 0 and rejects invalid options, naming them", () => {
    expect(recommendForCustomer(model, bob, { k: 0 }).items).toEqual([]);
    expect(() => recommendForCustomer(model, bob, { k: -1 })).toThrow(/k must be an integer/);
    expect(() => recommendForCustomer(model, bob, { k: 1.5 })).toThrow(/k must be an integer/);
    expect(() => recommendForCustomer(model, bob, { halfLifeDays: 0 })).toThrow(/halfLifeDays/);
    expect(() => recommendForCustomer(model, bob, { asOf: new Date(Number.NaN) })).toThrow(/asOf must be a valid Date/);
    expect(() => recommendForCustomer(model, bob, { neighboursPerItem: 21 })).toThrow(/neighboursPerItem must be an integer in \[1, 20\]/);
    expect(() => recommendForCustomer(model, bob, { normalise: "max" as "sum" })).toThrow(/normalise/);
    expect(() => recommendForCustomer(model, bob, { popularityWeight: -1 })).toThrow(/popularityWeight/);
    expect(() => recommendForCustomer(model, bob, { strength: "square" as "log" })).toThrow(/strength/);
    expect(() => recommendForCustomer(model, bob, { scoring: "random" as "popularity" })).toThrow(/scoring/);
    expect(() => recommendForCustomer(model, bob, { rules: { maxPerCategory: 0 } })).toThrow(/rules\.maxPerCategory/);
    expect(() => recommendForCustomer(model, bob, { rules: { mmrLambda: 2 } })).toThrow(/rules\.mmrLambda/);
    expect(() => recommendForCustomer(model, bob, { rules: { boosts: new Map([["x", -1]]) } })).toThrow(/rules\.boosts/);
    expect(() => recommendForCustomer(model, bob, { group: 3 as unknown as string })).toThrow(/group must be a string/);
  });

  it("rejects rule fields of the wrong type instead of misreading them, naming the field", () => {
    const wrong = (rules: unknown): (() => unknown) => () => recommendForCustomer(model, bob, { rules: rules as RecommendationRules });
    expect(wrong({ exclude: "jazz-3" })).toThrow(/rules\.exclude must be an array of strings, got the string "jazz-3"/);
    expect(wrong({ categories: "jazz" })).toThrow(/rules\.categories must be an array/);
    expect(wrong({ excludeCategories: ["jazz", 7] })).toThrow(/rules\.excludeCategories must be an array/);
    expect(wrong({ rebuyItems: "jazz-1" })).toThrow(/rules\.rebuyItems/);
    expect(wrong({ shown: { itemId: "jazz-3" } })).toThrow(/rules\.shown/);
    expect(wrong({ boosts: { "jazz-3": 2 } })).toThrow(/rules\.boosts must be a Map/);
    expect(wrong({ inStockOnly: "yes" })).toThrow(/rules\.inStockOnly must be true or false/);
    expect(wrong({ excludeBought: 0 })).toThrow(/rules\.excludeBought/);
    expect(() => recommendForCustomer(model, bob, { facts: { "jazz-3": {} } as unknown as Map<string, ItemFacts> })).toThrow(/facts must be a Map/);
  });

  it("counts values by the chosen strength", () => {
    const history = [{ itemId: "jazz-1", timestamp: day(1), value: 3 }];
    const score = (strength: "binary" | "log" | "linear"): number =>
      recommendForCustomer(model, history, { k: 1, strength, normalise: "none", popularityWeight: 0 }).items[0]?.score ?? 0;
    expect(score("binary")).toBeCloseTo(1, 12);
    expect(score("log")).toBeCloseTo(2, 12);
    expect(score("linear")).toBeCloseTo(3, 12);
  });

  describe("with a style index", () => {
    const { index } = buildStyleIndex([
      { itemId: "jazz-1", category: "jazz", tags: ["vocal"], description: "Vocal jazz standards" },
      { itemId: "jazz-2", category: "jazz", tags: ["piano"], description: "Jazz piano trio" },
      { itemId: "jazz-new", category: "jazz", tags: ["vocal", "live"], description: "Live vocal jazz standards" },
      { itemId: "rock-1", category: "rock", tags: ["guitar"], description: "Guitar rock anthems" },
    ]);

    it("recommends a new item nobody bought yet to customers who bought items like it", () => {
      const { items } = recommendForCustomer(model, bob, { k: 10, halfLifeDays: Infinity, style: { index, weight: 1 } });
      const fresh = items.find((r) => r.itemId === "jazz-new");
      expect(fresh?.basis).toBe("history");
      expect(fresh?.because[0]?.itemId).toBe("jazz-1");
    });

    it("uses attributes for a history item the model does not know", () => {
      const { items, ignored, coldStart } = recommendForCustomer(model, [{ itemId: "jazz-new", timestamp: day(1) }], { k: 1, style: { index } });
      expect(coldStart).toBe(false);
      expect(ignored).toEqual([]);
      expect(items[0]?.itemId).toBe("jazz-1");
    });
  });
});
