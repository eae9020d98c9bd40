import { describe, expect, it } from "vitest";
import { buildStyleIndex, parseItemAttributes, similarInStyle } from "../../src/recommend/index.js";
import type { ItemAttributes } from "../../src/recommend/index.js";

const catalogue: ItemAttributes[] = [
  { itemId: "cd-1", category: "Jazz", tags: ["vocal", "live"], priceBand: "mid", priceMinor: 1200, description: "Live vocal jazz standards from Paris" },
  { itemId: "cd-2", category: "jazz", tags: ["Vocal"], priceBand: "mid", priceMinor: 1300, description: "Vocal jazz ballads" },
  { itemId: "cd-3", category: "jazz", tags: ["piano"], priceBand: "premium", priceMinor: 3600, description: "Solo piano" },
  { itemId: "cd-4", category: "rock", tags: ["live"], priceBand: "mid", priceMinor: 1200, description: "Live rock from Paris" },
  { itemId: "mug-1", category: "kitchen", description: "Ceramic mug" },
];
const { index } = buildStyleIndex(catalogue);

describe("buildStyleIndex", () => {
  it("normalises text and sorts items", () => {
    expect(index.items).toEqual(["cd-1", "cd-2", "cd-3", "cd-4", "mug-1"]);
    expect(index.categories[0]).toBe("jazz");
    expect(index.tags[1]).toEqual(["vocal"]);
    expect(index.prices[4]).toBeNull();
  });

  it("gives unit-length description vectors", () => {
    for (const weights of index.termWeights) expect(Math.hypot(...weights)).toBeCloseTo(1, 12);
  });

  it("keeps one entry per duplicated id, whatever the order, and reports it", () => {
    const a = { itemId: "x", category: "a" };
    const b = { itemId: "x", category: "b" };
    const one = buildStyleIndex([a, b]);
    const other = buildStyleIndex([b, a]);
    expect(one).toEqual(other);
    expect(one.duplicates).toEqual(["x"]);
    expect(one.index.categories).toEqual(["a"]);
  });

  it("round-trips through JSON", () => {
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);
  });

  it("parses untyped attributes, rejecting bad rows with the field", () => {
    const { ok, rejected } = parseItemAttributes([{ itemId: "a", tags: "solo" }, { itemId: "b", priceMinor: -5 }, { category: "x" }]);
    expect(ok).toEqual([{ itemId: "a", tags: ["solo"] }]);
    expect(rejected.map((r) => [r.index, r.issues[0]?.path.join(".")])).toEqual([
      [1, "priceMinor"],
      [2, "itemId"],
    ]);
  });
});

describe("similarInStyle", () => {
  it("ranks items sharing category, tags, price and words first, saying what they share", () => {
    const list = similarInStyle(index, "cd-1");
    expect(list.map((r) => r.itemId)).toEqual(["cd-2", "cd-4", "cd-3"]);
    expect(list[0]?.styleMatches).toEqual(["category", "tags", "priceBand", "price", "description"]);
    expect(list[0]?.coBuyers).toBe(0);
    expect(list.every((r) => r.score > 0 && r.score <= 1)).toBe(true);
  });

  it("follows the attribute weights", () => {
    expect(similarInStyle(index, "cd-1", { k: 1, weights: { category: 0, tags: 0, description: 0, priceBand: 0, price: 1 } }).map((r) => r.itemId)).toEqual(["cd-4"]);
    expect(similarInStyle(index, "cd-1", { k: 1, weights: { category: 0, tags: 1, description: 0, priceBand: 0, price: 0 } }).map((r) => r.itemId)).toEqual(["cd-2"]);
  });

  it("measures price closeness on a log scale up to the ratio limit", () => {
    const only = { category: 0, tags: 0, description: 0, priceBand: 0, price: 1 };
    const score = (limit: number): number | undefined => similarInStyle(index, "cd-1", { weights: only, priceRatioLimit: limit }).find((r) => r.itemId === "cd-3")?.score;
    expect(score(3)).toBeUndefined(); // 3600 / 1200 = 3: closeness 0
    expect(score(9)).toBeCloseTo(1 - Math.log(3) / Math.log(9), 12);
  });

  it("finds items similar to a new item given by its attributes", () => {
    const list = similarInStyle(index, { itemId: "cd-new", category: "jazz", tags: ["piano"], description: "piano trio" }, { k: 1 });
    expect(list.map((r) => r.itemId)).toEqual(["cd-3"]);
  });

  it("gives an empty list for an id the index does not hold, and for k = 0", () => {
    expect(similarInStyle(index, "nothing")).toEqual([]);
    expect(similarInStyle(index, "cd-1", { k: 0 })).toEqual([]);
  });

  it("applies the rules", () => {
    const facts = new Map([["cd-2", { inStock: false }], ["cd-4", { inStock: true }], ["cd-3", { inStock: true }]]);
    expect(similarInStyle(index, "cd-1", { facts, rules: { inStockOnly: true } }).map((r) => r.itemId)).toEqual(["cd-4", "cd-3"]);
  });

  it("rejects invalid weights and price limits, naming them", () => {
    expect(() => similarInStyle(index, "cd-1", { weights: { tags: -1 } })).toThrow(/weights\.tags/);
    expect(() => similarInStyle(index, "cd-1", { priceRatioLimit: 1 })).toThrow(/priceRatioLimit/);
  });

  it("handles hostile text without hanging", () => {
    const { index: big } = buildStyleIndex([
      { itemId: "a", description: "word ".repeat(2_000) },
      { itemId: "b", description: "word other" },
    ]);
    expect(similarInStyle(big, "a").map((r) => r.itemId)).toEqual(["b"]);
  });
});
