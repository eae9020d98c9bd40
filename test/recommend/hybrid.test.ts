import { describe, expect, it } from "vitest";
import { buildRecommenderModel, buildStyleIndex, similarItems } from "../../src/recommend/index.js";
import { shop } from "./fixtures.js";

const model = buildRecommenderModel(shop, { similarity: { measure: "jaccard" } });
const { index } = buildStyleIndex([
  { itemId: "jazz-1", category: "jazz", tags: ["vocal"] },
  { itemId: "jazz-2", category: "jazz", tags: ["piano"] },
  { itemId: "jazz-3", category: "jazz", tags: ["vocal"] },
  { itemId: "rock-1", category: "rock", tags: ["vocal"] },
  { itemId: "jazz-new", category: "jazz", tags: ["vocal"] },
]);

describe("similarItems", () => {
  it("blends co-purchases with style: β = 0 is pure also-bought, β = 1 pure style", () => {
    expect(similarItems(model, index, "jazz-1", { styleShare: 0 }).map((r) => r.itemId)).toEqual(["jazz-2", "jazz-3", "rock-1"]);
    expect(similarItems(model, index, "jazz-1", { styleShare: 1, k: 2 }).map((r) => r.itemId)).toEqual(["jazz-3", "jazz-new"]);
  });

  it("scores (1 − β)·s ÷ best s + β·style", () => {
    const r = similarItems(model, index, "jazz-1", { styleShare: 0.5 }).find((x) => x.itemId === "jazz-3");
    expect(r?.score).toBeCloseTo(0.5 * 0.5 + 0.5 * 1, 12); // Jaccard 0.5 of a best 1; same category and tags
    expect(r?.coBuyers).toBe(2);
    expect(r?.styleMatches).toEqual(["category", "tags"]);
  });

  it("falls back on attributes for a new item nobody has bought", () => {
    const list = similarItems(model, index, "jazz-new", { k: 2 });
    expect(list.map((r) => r.itemId)).toEqual(["jazz-1", "jazz-3"]);
    expect(list.every((r) => r.coBuyers === 0)).toBe(true);
    expect(similarItems(model, index, { itemId: "brand-new", category: "rock", tags: ["vocal"] }, { k: 1 }).map((r) => r.itemId)).toEqual(["rock-1"]);
  });

  it("uses co-purchases only for an item the style index lacks, and gives nothing for an item nobody knows", () => {
    expect(similarItems(model, index, "rock-2", { k: 2 }).map((r) => r.itemId)).toEqual(["rock-1", "rock-3"]);
    expect(similarItems(model, index, "unknown")).toEqual([]);
  });

  it("rejects a share outside [0, 1]", () => {
    expect(() => similarItems(model, index, "jazz-1", { styleShare: 1.5 })).toThrow(/styleShare/);
  });
});
