import { describe, expect, it } from "vitest";
import { clusterPairs, type ScoredPairs } from "../../src/identity/index.js";

const pairs = (list: [number, number, number][]): ScoredPairs => ({
  left: Int32Array.from(list, (p) => p[0]),
  right: Int32Array.from(list, (p) => p[1]),
  probability: Float64Array.from(list, (p) => p[2]),
});

describe("clusterPairs", () => {
  // A ≈ B strongly, B ≈ C weakly, A and C clearly different: a chain.
  const chain = pairs([
    [0, 1, 0.999],
    [1, 2, 0.95],
    [0, 2, 0.0001],
  ]);

  it("stops a chain of weak links with average linkage", () => {
    expect(Array.from(clusterPairs(3, chain).labels)).toEqual([0, 0, 2]);
  });

  it("forms connected components with single linkage", () => {
    expect(Array.from(clusterPairs(3, chain, { linkage: "single" }).labels)).toEqual([0, 0, 0]);
  });

  it("merges a record that matches the members of a cluster on average", () => {
    const p = pairs([
      [0, 1, 0.999],
      [0, 2, 0.99],
      [1, 2, 0.6],
    ]);
    expect(Array.from(clusterPairs(3, p).labels)).toEqual([0, 0, 0]);
  });

  it("keeps two groups apart when the pairs blocking never compared speak against the merge", () => {
    // {0,1} and {2,3} are each one person; only 1–2 was compared across them, and it is strong.
    const p = pairs([
      [0, 1, 0.999],
      [2, 3, 0.999],
      [1, 2, 0.99],
    ]);
    expect(Array.from(clusterPairs(4, p, { threshold: 0.6 }).labels)).toEqual([0, 0, 0, 0]);
    // Scored on demand, the other three pairs across are clear non-matches: the mean weight over all
    // four pairs is far below the weight of 0.02, so the groups stay apart.
    const scorePair = (i: number, j: number): number => (i === 1 && j === 2 ? 0.99 : i < 2 && j < 2 ? 0.999 : i >= 2 && j >= 2 ? 0.999 : 1e-6);
    const checked = clusterPairs(4, p, { threshold: 0.6, scorePair, completeLinkThreshold: 0.02 });
    expect(Array.from(checked.labels)).toEqual([0, 0, 2, 2]);
    expect(checked.refused.completeLink).toBe(1);
    // With the check off (0), or when the other pairs agree, they merge.
    expect(Array.from(clusterPairs(4, p, { threshold: 0.6, scorePair, completeLinkThreshold: 0 }).labels)).toEqual([0, 0, 0, 0]);
    expect(Array.from(clusterPairs(4, p, { threshold: 0.6, scorePair: () => 0.9, completeLinkThreshold: 0.02 }).labels)).toEqual([0, 0, 0, 0]);
  });

  it("keeps cannot-linked records apart and forces must-linked ones together", () => {
    const p = pairs([[0, 1, 0.999]]);
    const apart = clusterPairs(3, p, { cannotLink: [[1, 0]] });
    expect(Array.from(apart.labels)).toEqual([0, 1, 2]);
    expect(apart.refused.cannotLink).toBe(1);
    expect(Array.from(clusterPairs(3, p, { mustLink: [[1, 2]] }).labels)).toEqual([0, 0, 0]);
    expect(Array.from(clusterPairs(3, pairs([]), { mustLink: [[2, 0]] }).labels)).toEqual([0, 1, 0]);
  });

  it("reports a cannot-link inside a must-link group as a conflict the must-link wins", () => {
    const result = clusterPairs(2, pairs([]), { mustLink: [[0, 1]], cannotLink: [[0, 1]] });
    expect(Array.from(result.labels)).toEqual([0, 0]);
    expect(result.conflicts).toEqual([[0, 1]]);
  });

  it("links two sources one-to-one with maxPerGroup 1, best pairs first", () => {
    // records 0 and 1 from source A, 2 and 3 from source B
    const p = pairs([
      [0, 2, 0.99],
      [0, 3, 0.97],
      [1, 2, 0.98],
      [1, 3, 0.96],
    ]);
    const result = clusterPairs(4, p, { groups: Int32Array.of(0, 0, 1, 1), maxPerGroup: 1 });
    expect(Array.from(result.labels)).toEqual([0, 1, 0, 1]);
    expect(result.refused.maxPerGroup).toBeGreaterThan(0);
  });

  it("refuses merges that exceed an identifier limit", () => {
    // three records with three different emails, all strongly linked; at most two emails per entity
    const p = pairs([
      [0, 1, 0.999],
      [1, 2, 0.998],
      [0, 2, 0.997],
    ]);
    const limit = { name: "email", offsets: Int32Array.of(0, 1, 2, 3), values: Int32Array.of(10, 11, 12), max: 2 };
    const result = clusterPairs(3, p, { identifierLimits: [limit] });
    expect(Array.from(result.labels)).toEqual([0, 0, 2]);
    expect(result.refused.identifierLimit).toEqual({ email: 1 });
  });

  it("throws for invalid options and indices", () => {
    expect(() => clusterPairs(2, pairs([]), { threshold: 1.5 })).toThrow(/threshold/);
    expect(() => clusterPairs(2, pairs([]), { linkage: "complete" as "single" })).toThrow(/linkage/);
    expect(() => clusterPairs(2, pairs([[0, 5, 0.9]]))).toThrow(/out of range/);
    expect(() => clusterPairs(2, pairs([]), { maxPerGroup: 1 })).toThrow(/groups/);
  });
});
