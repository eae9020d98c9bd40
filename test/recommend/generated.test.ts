import { describe, expect, it } from "vitest";
import {
  alsoBought,
  buildRecommenderModel,
  evaluateRecommender,
  interactionsFromTransactions,
  recommendForCustomerId,
  splitLeaveLastOut,
  updateRecommenderModel,
} from "../../src/recommend/index.js";
import { generateCrmDataset } from "../../src/synth/index.js";

const data = generateCrmDataset({ seed: 11, customers: 1_500, interactions: false });
const personOf = new Map(data.truth.records.map((r) => [r.sourceId, r.personId]));
const { interactions, skipped } = interactionsFromTransactions(data.transactions, { customerOf: personOf });

describe("recommendations on the generated data set", () => {
  it("accounts for every transaction", () => {
    const lines = data.transactions.filter((t) => t.kind !== "fee").reduce((n, t) => n + t.lines.length, 0);
    expect(interactions.length).toBe(lines);
    expect(skipped.every((s) => s.reason === "fee" || s.reason === "no-lines")).toBe(true);
  });

  it("finds the generator's complement products among the items also bought", () => {
    const model = buildRecommenderModel(interactions);
    const withComplement = data.catalogue.filter((item) => item.complementSku !== undefined && model.itemCustomers[model.items.indexOf(item.sku)]! >= 20);
    const found = withComplement.filter((item) => alsoBought(model, item.sku, { k: 10 }).some((r) => r.itemId === item.complementSku));
    expect(withComplement.length).toBeGreaterThan(10);
    expect(found.length / withComplement.length).toBeGreaterThan(0.5);
  });

  it("predicts held-out purchases far better than popularity", () => {
    const split = splitLeaveLastOut(interactions, { minItems: 3 });
    const model = buildRecommenderModel(split.train);
    const knn = evaluateRecommender(model, split, { k: 10 });
    const popular = evaluateRecommender(model, split, { k: 10, scoring: "popularity" });
    expect(knn.customers).toBeGreaterThan(500);
    expect(knn.hitRate).toBeGreaterThan(2 * popular.hitRate);
    expect(knn.coverage).toBeGreaterThan(popular.coverage);
  });

  it("updates a model with later purchases to what a rebuild gives", () => {
    const cut = new Date("2024-01-01");
    const before = interactions.filter((e) => e.timestamp < cut);
    const after = interactions.filter((e) => e.timestamp >= cut);
    expect(updateRecommenderModel(buildRecommenderModel(before), after)).toEqual(buildRecommenderModel(interactions));
  });

  it("gives an unknown customer the cold-start list", () => {
    const model = buildRecommenderModel(interactions);
    const result = recommendForCustomerId(model, "no-such-person", { k: 5 });
    expect(result.coldStart).toBe(true);
    expect(result.items).toHaveLength(5);
  });
});
