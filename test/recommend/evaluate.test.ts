import { describe, expect, it } from "vitest";
import { buildRecommenderModel, evaluateRecommender, splitLeaveLastOut, splitTemporal } from "../../src/recommend/index.js";
import type { EvaluationSplit } from "../../src/recommend/index.js";
import { bought, shop } from "./fixtures.js";

const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));

describe("splitLeaveLastOut", () => {
  const data = [
    bought("ann", "a", 1),
    bought("ann", "b", 2),
    bought("ann", "c", 3),
    bought("ann", "d", 4),
    bought("ann", "e", 5),
    bought("ann", "a", 6), // a re-purchase after the held-out item
    bought("bob", "a", 1),
    bought("bob", "b", 1),
    ...["c", "e", "a", "d", "b"].map((item) => bought("cat", item, 1)), // one basket: ties broken by item id
  ];

  it("holds out each evaluated customer's last new item and keeps everyone else whole", () => {
    const split = splitLeaveLastOut(data, { minItems: 5 });
    expect(split.targets).toEqual([
      { customerId: "ann", items: ["e"], asOf: day(4) },
      { customerId: "cat", items: ["e"], asOf: day(1) },
    ]);
    const trainOf = (c: string): string[] => split.train.filter((e) => e.customerId === c).map((e) => e.itemId).sort();
    expect(trainOf("ann")).toEqual(["a", "b", "c", "d"]);
    expect(trainOf("bob")).toEqual(["a", "b"]);
    expect(trainOf("cat")).toEqual(["a", "b", "c", "d"]);
    expect(split.catalogue).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("holds out the second-to-last item for validation, dropping the last", () => {
    const split = splitLeaveLastOut(data, { minItems: 5, target: "second-to-last" });
    expect(split.targets.map((t) => [t.customerId, t.items])).toEqual([
      ["ann", ["d"]],
      ["cat", ["d"]],
    ]);
    expect(split.train.filter((e) => e.customerId === "ann").map((e) => e.itemId)).toEqual(["a", "b", "c"]);
  });

  it("evaluates nobody when no customer has enough items", () => {
    expect(splitLeaveLastOut(data, { minItems: 6 }).targets).toEqual([]);
    expect(splitLeaveLastOut([]).targets).toEqual([]);
  });

  it("rejects invalid options", () => {
    expect(() => splitLeaveLastOut(data, { minItems: 1 })).toThrow(/minItems/);
    expect(() => splitLeaveLastOut(data, { target: "first" as "last" })).toThrow(/target/);
  });
});

describe("splitTemporal", () => {
  const data = [bought("ann", "a", 1), bought("ann", "b", 10), bought("ann", "a", 11), bought("bob", "c", 12), bought("cat", "a", 2)];

  it("trains on what came before the cutoff and targets the new items bought after it", () => {
    const split = splitTemporal(data, { cutoff: day(5) });
    expect(split.train.map((e) => `${e.customerId}:${e.itemId}`)).toEqual(["ann:a", "cat:a"]);
    expect(split.targets).toEqual([{ customerId: "ann", items: ["b"], asOf: day(5) }]);
  });

  it("includes new customers when minTrainItems is 0", () => {
    expect(splitTemporal(data, { cutoff: day(5), minTrainItems: 0 }).targets.map((t) => t.customerId)).toEqual(["ann", "bob"]);
  });

  it("rejects an invalid cutoff", () => {
    expect(() => splitTemporal(data, { cutoff: new Date(Number.NaN) })).toThrow(/cutoff/);
  });
});

describe("evaluateRecommender", () => {
  const model = buildRecommenderModel(shop, { similarity: { measure: "jaccard" } });
  // lists at k = 3 (see personal.test.ts for how they come about):
  // bob → jazz-3, rock-1, rock-2   dan → rock-1, rock-2, rock-3   fay → rock-3, jazz-1, jazz-2
  const split: EvaluationSplit = {
    train: shop,
    targets: [
      { customerId: "bob", items: ["jazz-3"], asOf: day(3) },
      { customerId: "dan", items: ["rock-2"], asOf: day(4) },
      { customerId: "fay", items: ["jazz-3"], asOf: day(3) },
    ],
    catalogue: [...model.items, "folk-1"],
  };
  const report = evaluateRecommender(model, split, { k: 3 });

  it("returns each customer's list", () => {
    expect(report.lists).toEqual([
      { customerId: "bob", items: ["jazz-3", "rock-1", "rock-2"] },
      { customerId: "dan", items: ["rock-1", "rock-2", "rock-3"] },
      { customerId: "fay", items: ["rock-3", "jazz-1", "jazz-2"] },
    ]);
  });

  it("computes HR, recall, NDCG and MRR at k", () => {
    expect(report.customers).toBe(3);
    expect(report.hitRate).toBeCloseTo(2 / 3, 12);
    expect(report.recall).toBeCloseTo(2 / 3, 12);
    expect(report.ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / 3, 12);
    expect(report.mrr).toBeCloseTo((1 + 0.5) / 3, 12);
  });

  it("normalises NDCG by the ideal list when several items are relevant", () => {
    const two = evaluateRecommender(model, { ...split, targets: [{ customerId: "fay", items: ["jazz-2", "rock-3"], asOf: day(3) }] }, { k: 3 });
    expect(two.ndcg).toBeCloseTo((1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)), 12);
    expect(two.recall).toBe(1);
    expect(two.mrr).toBe(1);
  });

  it("computes catalogue coverage and novelty", () => {
    expect(report.coverage).toBeCloseTo(6 / 7, 12);
    const buyers = [2, 4, 3, 4, 3, 1, 1, 4, 4];
    expect(report.novelty).toBeCloseTo(buyers.reduce((s, n) => s + Math.log2(7 / n), 0) / 9, 12);
  });

  it("counts only customers with a purchase in novelty's N", () => {
    const withReturnsOnly = buildRecommenderModel([...shop, bought("zoe", "jazz-1", 1), bought("zoe", "jazz-1", 2, -1)], { similarity: { measure: "jaccard" } });
    expect(withReturnsOnly.customers).toHaveLength(8);
    expect(evaluateRecommender(withReturnsOnly, split, { k: 3 }).novelty).toBeCloseTo(report.novelty, 12);
  });

  it("passes each customer's group from groupOf", () => {
    const grouped = buildRecommenderModel(shop, { similarity: { measure: "jaccard" }, groupOf: new Map([["ann", "jazz-fans"]]) });
    const newcomer: EvaluationSplit = { ...split, targets: [{ customerId: "zoe", items: ["jazz-3"], asOf: day(3) }] };
    expect(evaluateRecommender(grouped, newcomer, { k: 3 }).lists[0]?.items).toEqual(["jazz-1", "jazz-2", "rock-1"]);
    expect(evaluateRecommender(grouped, newcomer, { k: 3, groupOf: new Map([["zoe", "jazz-fans"]]) }).lists[0]?.items).toEqual(["jazz-1", "jazz-2", "jazz-3"]);
  });

  it("rejects asOf and group, which the split and groupOf set per customer", () => {
    expect(() => evaluateRecommender(model, split, { asOf: day(1) } as never)).toThrow(/asOf cannot be given to evaluateRecommender/);
    expect(() => evaluateRecommender(model, split, { group: "jazz-fans" } as never)).toThrow(/group cannot be given/);
    expect(() => evaluateRecommender(model, split, { groupOf: { zoe: "x" } as never })).toThrow(/groupOf must be a Map/);
  });

  it("reports zeros for an empty split", () => {
    const empty = evaluateRecommender(model, { train: [], targets: [], catalogue: [] });
    expect([empty.customers, empty.hitRate, empty.ndcg, empty.coverage, empty.novelty]).toEqual([0, 0, 0, 0, 0]);
  });

  it("evaluates the popularity baseline", () => {
    const popular = evaluateRecommender(model, split, { k: 3, scoring: "popularity" });
    expect(popular.lists[0]?.items).toEqual(["rock-1", "rock-2", "jazz-3"]);
  });
});
