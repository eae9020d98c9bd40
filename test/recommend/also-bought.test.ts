import { describe, expect, it } from "vitest";
import { alsoBought, buildRecommenderModel } from "../../src/recommend/index.js";
import type { ItemFacts } from "../../src/recommend/index.js";
import { shop } from "./fixtures.js";

const model = buildRecommenderModel(shop, { similarity: { measure: "jaccard" } });

describe("alsoBought", () => {
  it("lists the items bought by the buyers of an item, most similar first, with co-buyers", () => {
    expect(alsoBought(model, "jazz-1")).toEqual([
      { itemId: "jazz-2", score: 1, coBuyers: 4, styleMatches: [] },
      { itemId: "jazz-3", score: 0.5, coBuyers: 2, styleMatches: [] },
      { itemId: "rock-1", score: 1 / 7, coBuyers: 1, styleMatches: [] },
    ]);
  });

  it("never lists the item itself", () => {
    for (const item of model.items) expect(alsoBought(model, item).map((r) => r.itemId)).not.toContain(item);
  });

  it("cuts the list at k", () => {
    expect(alsoBought(model, "jazz-1", { k: 1 }).map((r) => r.itemId)).toEqual(["jazz-2"]);
    expect(alsoBought(model, "jazz-1", { k: 0 })).toEqual([]);
  });

  it("gives an empty list for an item the model does not know", () => {
    expect(alsoBought(model, "no-such-item")).toEqual([]);
  });

  it("applies the rules", () => {
    const facts = new Map<string, ItemFacts>([
      ["jazz-2", { category: "jazz", inStock: false }],
      ["jazz-3", { category: "jazz", inStock: true }],
      ["rock-1", { category: "rock", inStock: true }],
    ]);
    expect(alsoBought(model, "jazz-1", { facts, rules: { inStockOnly: true } }).map((r) => r.itemId)).toEqual(["jazz-3", "rock-1"]);
    expect(alsoBought(model, "jazz-1", { rules: { exclude: ["jazz-2"] } }).map((r) => r.itemId)).toEqual(["jazz-3", "rock-1"]);
    const boosted = alsoBought(model, "jazz-1", { rules: { boosts: new Map([["rock-1", 10]]) } })[0];
    expect(boosted?.itemId).toBe("rock-1");
    expect(boosted?.score).toBeCloseTo(10 / 7, 12);
    expect(alsoBought(model, "jazz-1", { rules: { shown: [{ itemId: "jazz-2", timestamp: new Date(0) }] } }).map((r) => r.itemId)).toEqual(["jazz-3", "rock-1"]);
  });

  it("rejects an invalid k, asOf or rule", () => {
    expect(() => alsoBought(model, "jazz-1", { k: -2 })).toThrow(/k must be an integer/);
    expect(() => alsoBought(model, "jazz-1", { asOf: new Date(Number.NaN) })).toThrow(/asOf/);
    expect(() => alsoBought(model, "jazz-1", { rules: { exclude: "jazz-2" as unknown as string[] } })).toThrow(/rules\.exclude must be an array of strings/);
  });
});
