import { describe, expect, it } from "vitest";
import { evaluatePairwise } from "../../src/identity/index.js";

describe("evaluatePairwise", () => {
  it("scores the record pairs a clustering implies against the true pairs", () => {
    const s = evaluatePairwise(["e1", "e1", "e2", "e2"], ["t1", "t1", "t1", "t2"]);
    expect(s).toMatchObject({ truePositives: 1, predictedPairs: 2, truePairs: 3, precision: 0.5 });
    expect(s.recall).toBeCloseTo(1 / 3, 12);
    expect(s.f1).toBeCloseTo(0.4, 12);
  });

  it("counts only pairs across groups when linking two sources", () => {
    const s = evaluatePairwise([1, 1, 1, 1], [1, 1, 1, 1], { groups: ["a", "a", "b", "b"] });
    expect(s).toMatchObject({ predictedPairs: 4, truePairs: 4, precision: 1, recall: 1 });
  });

  it("is perfect when nothing is predicted and nothing is true, and tells numbers from strings", () => {
    expect(evaluatePairwise(["a", "b"], ["x", "y"]).f1).toBe(1);
    expect(evaluatePairwise([1, "1"], ["x", "x"]).predictedPairs).toBe(0);
    expect(() => evaluatePairwise(["a"], [])).toThrow(/labels/);
  });
});
