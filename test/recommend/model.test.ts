import { describe, expect, it } from "vitest";
import {
  alsoBought,
  buildRecommenderModel,
  customerGroup,
  customerHistory,
  isRecommenderModel,
  updateRecommenderModel,
} from "../../src/recommend/index.js";
import type { ItemInteraction, RecommenderModel } from "../../src/recommend/index.js";
import { bought, shop } from "./fixtures.js";

describe("buildRecommenderModel", () => {
  it("numbers items and customers by ascending id", () => {
    const model = buildRecommenderModel(shop);
    expect(model.items).toEqual(["jazz-1", "jazz-2", "jazz-3", "rock-1", "rock-2", "rock-3"]);
    expect(model.customers).toEqual(["ann", "bob", "cat", "dan", "eve", "fay", "gus"]);
    expect(model.itemCustomers).toEqual([4, 4, 2, 4, 3, 1]);
  });

  it("keeps each item's best neighbours, best first, with co-buyer counts", () => {
    const model = buildRecommenderModel(shop, { similarity: { measure: "jaccard" }, neighbours: 2 });
    const related = alsoBought(model, "jazz-1", { k: 5 });
    expect(related.map((r) => r.itemId)).toEqual(["jazz-2", "jazz-3"]);
    expect(related.map((r) => r.coBuyers)).toEqual([4, 2]);
  });

  it("sums repeated purchases into one entry that keeps the latest time", () => {
    const model = buildRecommenderModel([bought("ann", "tea", 1, 2), bought("ann", "tea", 9, 3), bought("ann", "cup", 2)]);
    expect(customerHistory(model, "ann")).toEqual([
      { itemId: "cup", timestamp: new Date(Date.UTC(2024, 0, 2)), value: 1 },
      { itemId: "tea", timestamp: new Date(Date.UTC(2024, 0, 9)), value: 5 },
    ]);
  });

  it("multiplies quantity by weight", () => {
    const model = buildRecommenderModel([{ customerId: "ann", itemId: "tea", timestamp: new Date(0), quantity: 4, weight: 0.25 }]);
    expect(customerHistory(model, "ann")[0]?.value).toBe(1);
  });

  it("treats an item returned in full as not bought: no co-occurrence, value 0 in the history", () => {
    const model = buildRecommenderModel([bought("ann", "a", 1), bought("ann", "b", 1), bought("ann", "b", 3, -1), bought("bob", "a", 1), bought("bob", "c", 1)]);
    expect(model.itemCustomers).toEqual([2, 0, 1]);
    expect(alsoBought(model, "a").map((r) => r.itemId)).toEqual(["c"]);
    expect(customerHistory(model, "ann").find((h) => h.itemId === "b")?.value).toBe(0);
  });

  it("nets a purchase returned in full to exactly 0 whatever the rounding of fractional weights", () => {
    const views = [0.1, 0.1, 0.1].map((weight, d) => ({ ...bought("ann", "a", d + 1), weight }));
    const model = buildRecommenderModel([...views, { ...bought("ann", "a", 9, -1), weight: 0.3 }, bought("ann", "b"), bought("bob", "a"), bought("bob", "b")]);
    expect(customerHistory(model, "ann").find((h) => h.itemId === "a")?.value).toBe(0); // 0.1 + 0.1 + 0.1 − 0.3 is 5.6e-17 in floating point
    expect(model.itemCustomers).toEqual([1, 2]);
  });

  it("rejects quantities and weights beyond the schema's limits, so values stay finite", () => {
    expect(() => buildRecommenderModel([{ ...bought("ann", "a"), quantity: 1e300 }])).toThrow(/interactions\[0\]\.quantity must be a non-zero number in \[-1000000000, 1000000000\]/);
    expect(() => buildRecommenderModel([{ ...bought("ann", "a"), weight: 1e10 }])).toThrow(/interactions\[0\]\.weight must be a number in \(0, 1000000\]/);
    expect(() => buildRecommenderModel([{ ...bought("ann", "a"), weight: Number.NaN }])).toThrow(/interactions\[0\]\.weight/);
    const largest = buildRecommenderModel([{ ...bought("ann", "a"), quantity: 1e9, weight: 1e6 }]);
    expect(JSON.parse(JSON.stringify(largest))).toEqual(largest);
  });

  it("counts a duplicated interaction twice in the value but once in the co-occurrence", () => {
    const model = buildRecommenderModel([bought("ann", "a"), bought("ann", "a"), bought("ann", "b"), bought("bob", "a"), bought("bob", "b")]);
    expect(customerHistory(model, "ann")[0]?.value).toBe(2);
    expect(alsoBought(model, "a")[0]?.coBuyers).toBe(2);
  });

  it("builds an empty model from no interactions", () => {
    const model = buildRecommenderModel([]);
    expect(model.items).toEqual([]);
    expect(model.customers).toEqual([]);
    expect(model.neighbourOffsets).toEqual([0]);
  });

  it("round-trips through JSON", () => {
    const model = buildRecommenderModel(shop, { groupOf: new Map([["ann", "A"]]) });
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("accepts any iterable, such as a generator", () => {
    function* stream(): Generator<ItemInteraction> {
      yield* shop;
    }
    expect(buildRecommenderModel(stream())).toEqual(buildRecommenderModel(shop));
  });

  it("remembers each customer's comparable group", () => {
    const model = buildRecommenderModel(shop, { groupOf: new Map([["ann", "tier-A"], ["eve", "tier-C"]]) });
    expect(model.groups).toEqual(["tier-A", "tier-C"]);
    expect(customerGroup(model, "ann")).toBe("tier-A");
    expect(customerGroup(model, "bob")).toBeUndefined();
    expect(customerGroup(model, "nobody")).toBeUndefined();
  });

  it("gives an empty history for an unknown customer", () => {
    expect(customerHistory(buildRecommenderModel(shop), "nobody")).toEqual([]);
  });

  it("rejects invalid options with a message naming the option", () => {
    expect(() => buildRecommenderModel(shop, { neighbours: 0 })).toThrow(/neighbours must be an integer in \[1, 10000\]/);
    expect(() => buildRecommenderModel(shop, { neighbours: 2.5 })).toThrow(/neighbours/);
    expect(() => buildRecommenderModel(shop, { groupOf: { ann: "A" } as unknown as Map<string, string> })).toThrow(/groupOf must be a Map/);
    expect(() => buildRecommenderModel(shop, { groupOf: new Map([["ann", ""]]) })).toThrow(/group of customer "ann"/);
  });

  it("rejects typed input that is not what its type says, naming the position and field", () => {
    const bad = [bought("ann", "a"), { customerId: "bob", itemId: "b", timestamp: new Date(Number.NaN) }];
    expect(() => buildRecommenderModel(bad)).toThrow(/interactions\[1\]\.timestamp must be a valid Date/);
    expect(() => buildRecommenderModel([{ ...bought("ann", "a"), quantity: 0 }])).toThrow(/interactions\[0\]\.quantity/);
    expect(() => buildRecommenderModel([{ ...bought("ann", "a"), weight: -1 }])).toThrow(/interactions\[0\]\.weight/);
    expect(() => buildRecommenderModel([{ ...bought("ann", "a"), itemId: "" }])).toThrow(/interactions\[0\]\.itemId/);
    expect(() => buildRecommenderModel([null as unknown as ItemInteraction])).toThrow(/interactions\[0\] must be an object/);
  });

  it("keeps hostile ids as plain data", () => {
    const model = buildRecommenderModel([bought("__proto__", "constructor"), bought("__proto__", "toString"), bought("x", "constructor"), bought("x", "toString")]);
    expect(model.customers).toEqual(["__proto__", "x"]);
    expect(alsoBought(model, "constructor").map((r) => r.itemId)).toEqual(["toString"]);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe("isRecommenderModel", () => {
  const model = buildRecommenderModel(shop, { groupOf: new Map([["ann", "A"]]) });
  const damaged = (change: (m: Record<string, unknown>) => void): unknown => {
    const copy = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
    change(copy);
    return copy;
  };

  it("accepts a model read back from JSON", () => {
    expect(isRecommenderModel(JSON.parse(JSON.stringify(model)))).toBe(true);
    expect(isRecommenderModel(buildRecommenderModel([]))).toBe(true);
  });

  it("rejects other formats and versions, and damaged arrays", () => {
    expect(isRecommenderModel(null)).toBe(false);
    expect(isRecommenderModel("model")).toBe(false);
    expect(isRecommenderModel(damaged((m) => (m["version"] = 2)))).toBe(false);
    expect(isRecommenderModel(damaged((m) => (m["format"] = "idic.recommend.style")))).toBe(false);
    expect(isRecommenderModel(damaged((m) => (m["similarity"] = { measure: "pearson", shrink: 0, alpha: 0, beta: 0 })))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["neighbourItems"] as number[])[0] = 99)))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["neighbourWeights"] as (number | null)[])[0] = null)))).toBe(false); // Infinity after JSON
    expect(isRecommenderModel(damaged((m) => ((m["historyValues"] as (number | null)[])[0] = null)))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["historyMagnitudes"] as number[])[0] = 0.5)))).toBe(false); // smaller than the value 1
    expect(isRecommenderModel(damaged((m) => delete m["historyMagnitudes"]))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["historyOffsets"] as number[])[1] = 1000)))).toBe(false);
    expect(isRecommenderModel(damaged((m) => (m["items"] as string[]).reverse()))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["itemCustomers"] as number[])[0] = 5)))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["customerGroups"] as number[])[1] = 3)))).toBe(false);
    expect(isRecommenderModel(damaged((m) => ((m["neighbourItems"] as number[])[0] = 0)))).toBe(false); // jazz-1 its own neighbour
  });

  it("makes every function refuse a value of another format", () => {
    const other = damaged((m) => (m["version"] = 2)) as RecommenderModel;
    const message = /model must be a RecommenderModel \(format "idic\.recommend\.model", version 1\), got format idic\.recommend\.model, version 2/;
    expect(() => alsoBought(other, "jazz-1")).toThrow(message);
    expect(() => customerHistory(other, "ann")).toThrow(message);
    expect(() => updateRecommenderModel(other, [])).toThrow(message);
  });
});

describe("updateRecommenderModel", () => {
  const later: ItemInteraction[] = [bought("bob", "jazz-3", 20), bought("hal", "rock-3", 21), bought("hal", "rock-1", 21), bought("eve", "rock-2", 22, -1), bought("ivy", "folk-1", 23)];

  it("gives the model a full rebuild gives", () => {
    const updated = updateRecommenderModel(buildRecommenderModel(shop), later);
    expect(updated).toEqual(buildRecommenderModel([...shop, ...later]));
  });

  it("gives the same as a rebuild for every measure, including lift when a customer is added", () => {
    for (const similarity of [{ measure: "lift" }, { measure: "rp3beta" }, { measure: "conditional", alpha: 0.3 }, { measure: "cosine", shrink: 1 }] as const) {
      const updated = updateRecommenderModel(buildRecommenderModel(shop, { similarity, neighbours: 3 }), later);
      expect(updated).toEqual(buildRecommenderModel([...shop, ...later], { similarity, neighbours: 3 }));
    }
  });

  it("agrees with a rebuild on who bought an item when a tiny later part follows a full return", () => {
    const returned = [bought("ann", "a", 1), bought("ann", "a", 2, -1), bought("bob", "a", 2)];
    const view: ItemInteraction = { ...bought("ann", "a", 3), weight: 1e-10 }; // within 1e-9 × (1 + 1 + 1e-10) of zero
    const updated = updateRecommenderModel(buildRecommenderModel(returned), [view]);
    expect(updated).toEqual(buildRecommenderModel([...returned, view]));
    expect(customerHistory(updated, "ann")[0]?.value).toBe(0);
    expect(updated.itemCustomers).toEqual([1]);
  });

  it("leaves the old model unchanged", () => {
    const model = buildRecommenderModel(shop);
    const copy = structuredClone(model);
    updateRecommenderModel(model, later);
    expect(model).toEqual(copy);
  });

  it("keeps known groups and takes new ones", () => {
    const model = buildRecommenderModel(shop, { groupOf: new Map([["ann", "A"]]) });
    const updated = updateRecommenderModel(model, later, { groupOf: new Map([["hal", "B"]]) });
    expect(customerGroup(updated, "ann")).toBe("A");
    expect(customerGroup(updated, "hal")).toBe("B");
  });
});
