import { describe, expect, it } from "vitest";
import { alsoBought, buildRecommenderModel, isSymmetricSimilarity, resolveSimilarity } from "../../src/recommend/index.js";
import type { SimilarityOptions } from "../../src/recommend/index.js";
import { shop } from "./fixtures.js";

/** The stored similarity s(from → to), or undefined when `to` is not among `from`'s neighbours. */
function similarity(options: SimilarityOptions, from: string, to: string): number | undefined {
  const model = buildRecommenderModel(shop, { similarity: options, neighbours: 10 });
  return alsoBought(model, from, { k: 10 }).find((r) => r.itemId === to)?.score;
}

describe("item–item similarity measures", () => {
  // jazz-1: 4 buyers, jazz-3: 2 buyers, both: 2; 7 customers; ann and dan (who bought both) have 3 items each
  it("computes the cosine c / √(nᵢ nⱼ)", () => {
    expect(similarity({ measure: "cosine" }, "jazz-1", "jazz-3")).toBeCloseTo(2 / Math.sqrt(8), 12);
  });
  it("adds the shrink term to the denominator", () => {
    expect(similarity({ measure: "cosine", shrink: 3 }, "jazz-1", "jazz-3")).toBeCloseTo(2 / (Math.sqrt(8) + 3), 12);
  });
  it("computes the Jaccard index c / (nᵢ + nⱼ − c)", () => {
    expect(similarity({ measure: "jaccard" }, "jazz-1", "jazz-3")).toBeCloseTo(0.5, 12);
    expect(similarity({ measure: "jaccard" }, "jazz-1", "jazz-2")).toBeCloseTo(1, 12);
  });
  it("computes the lift c N / (nᵢ nⱼ)", () => {
    expect(similarity({ measure: "lift" }, "jazz-1", "jazz-3")).toBeCloseTo((2 * 7) / 8, 12);
  });
  it("computes the conditional probability P(j | i) in both directions", () => {
    expect(similarity({ measure: "conditional" }, "jazz-1", "jazz-3")).toBeCloseTo(0.5, 12);
    expect(similarity({ measure: "conditional" }, "jazz-3", "jazz-1")).toBeCloseTo(1, 12);
    expect(similarity({ measure: "conditional", alpha: 0.5 }, "jazz-3", "jazz-1")).toBeCloseTo(1 / 2, 12);
  });
  it("computes the asymmetric cosine c / (nᵢ^α nⱼ^(1−α))", () => {
    expect(similarity({ measure: "asymmetric-cosine", alpha: 0.2 }, "jazz-1", "jazz-3")).toBeCloseTo(2 / (4 ** 0.2 * 2 ** 0.8), 12);
  });
  it("computes RP3beta Σ dᵤ^−α / (nᵢ^α nⱼ^β)", () => {
    expect(similarity({ measure: "rp3beta", alpha: 1, beta: 0.5 }, "jazz-1", "jazz-3")).toBeCloseTo((1 / 3 + 1 / 3) / (4 * Math.sqrt(2)), 12);
  });

  it("fills in documented defaults", () => {
    expect(resolveSimilarity({ measure: "rp3beta" })).toEqual({ measure: "rp3beta", shrink: 0, alpha: 1, beta: 0.5 });
    expect(resolveSimilarity({ measure: "asymmetric-cosine" })).toEqual({ measure: "asymmetric-cosine", shrink: 0, alpha: 0.5, beta: 0 });
    expect(resolveSimilarity({ measure: "jaccard" })).toEqual({ measure: "jaccard", shrink: 0, alpha: 0, beta: 0 });
  });
  it("rejects unknown measures and out-of-range parameters, naming the option", () => {
    expect(() => resolveSimilarity({ measure: "pearson" } as unknown as SimilarityOptions)).toThrow(/similarity\.measure must be one of/);
    expect(() => resolveSimilarity({ measure: "cosine", shrink: -1 })).toThrow(/similarity\.shrink/);
    expect(() => resolveSimilarity({ measure: "conditional", alpha: 2 })).toThrow(/similarity\.alpha/);
    expect(() => resolveSimilarity({ measure: "rp3beta", beta: Number.NaN })).toThrow(/similarity\.beta/);
  });
  it("knows which measures are symmetric", () => {
    expect(isSymmetricSimilarity(resolveSimilarity({ measure: "cosine" }))).toBe(true);
    expect(isSymmetricSimilarity(resolveSimilarity({ measure: "lift" }))).toBe(true);
    expect(isSymmetricSimilarity(resolveSimilarity({ measure: "asymmetric-cosine" }))).toBe(true);
    expect(isSymmetricSimilarity(resolveSimilarity({ measure: "asymmetric-cosine", alpha: 0.3 }))).toBe(false);
    expect(isSymmetricSimilarity(resolveSimilarity({ measure: "conditional" }))).toBe(false);
    expect(isSymmetricSimilarity(resolveSimilarity({ measure: "rp3beta" }))).toBe(false);
  });
});
