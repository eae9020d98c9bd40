import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterPairs, type ScoredPairs } from "../../src/identity/index.js";

const graph = fc
  .integer({ min: 2, max: 25 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(
        fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0, max: 1, noNaN: true })).filter(([a, b]) => a !== b),
        { selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`, maxLength: 80 },
      ),
      groups: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      cannot: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 4 }),
    }),
  );

const toPairs = (edges: [number, number, number][]): ScoredPairs => ({
  left: Int32Array.from(edges, (e) => e[0]),
  right: Int32Array.from(edges, (e) => e[1]),
  probability: Float64Array.from(edges, (e) => e[2]),
});

/** Whether every cluster of `fine` lies inside one cluster of `coarse`. */
const refines = (fine: Int32Array, coarse: Int32Array): boolean => {
  const seen = new Map<number, number>();
  for (let i = 0; i < fine.length; i++) {
    const c = seen.get(fine[i]!);
    if (c === undefined) seen.set(fine[i]!, coarse[i]!);
    else if (c !== coarse[i]) return false;
  }
  return true;
};

/** A symmetric probability for every pair, as the complete-link check needs (a seeded hash of the pair). */
const scoreOf = (seed: number) => (i: number, j: number): number => {
  const x = Math.sin(seed * 12.9898 + Math.min(i, j) * 78.233 + Math.max(i, j) * 37.719) * 43758.5453;
  return x - Math.floor(x);
};

describe("clusterPairs properties", () => {
  it("does not depend on the order or orientation of the pairs", () => {
    fc.assert(
      fc.property(graph, fc.infiniteStream(fc.boolean()), ({ n, edges, groups, cannot }, flips) => {
        const options = { groups: Int32Array.from(groups), maxPerGroup: 2, cannotLink: cannot.filter(([a, b]) => a !== b) };
        const a = clusterPairs(n, toPairs(edges as [number, number, number][]), options).labels;
        const shuffled = [...edges].reverse().map(([x, y, p]) => (flips.next().value ? [y, x, p] : [x, y, p]) as [number, number, number]);
        const b = clusterPairs(n, toPairs(shuffled), options).labels;
        expect(Array.from(b)).toEqual(Array.from(a));
      }),
    );
  });

  it("never merges more when the threshold is raised", () => {
    fc.assert(
      fc.property(graph, fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.double({ min: 0.01, max: 0.09, noNaN: true }), ({ n, edges, groups, cannot }, low, step) => {
        const options = { groups: Int32Array.from(groups), maxPerGroup: 2, cannotLink: cannot.filter(([a, b]) => a !== b) };
        for (const linkage of ["average", "single"] as const) {
          const loose = clusterPairs(n, toPairs(edges as [number, number, number][]), { ...options, linkage, threshold: low }).labels;
          const strict = clusterPairs(n, toPairs(edges as [number, number, number][]), { ...options, linkage, threshold: low + step }).labels;
          expect(refines(strict, loose)).toBe(true);
        }
      }),
    );
  });

  it("with the complete-link check, still does not depend on pair order and never merges more at a higher threshold", () => {
    fc.assert(
      fc.property(graph, fc.integer(), fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.double({ min: 0.01, max: 0.09, noNaN: true }), ({ n, edges, groups }, seed, low, step) => {
        const score = scoreOf(seed);
        const scored = (edges as [number, number, number][]).map(([a, b]) => [a, b, score(a, b)] as [number, number, number]);
        const options = { groups: Int32Array.from(groups), maxPerGroup: 3, scorePair: score, completeLinkThreshold: 0.3 };
        const loose = clusterPairs(n, toPairs(scored), { ...options, threshold: low }).labels;
        const reversed = clusterPairs(n, toPairs([...scored].reverse().map(([a, b, p]) => [b, a, p] as [number, number, number])), { ...options, threshold: low }).labels;
        expect(Array.from(reversed)).toEqual(Array.from(loose));
        const strict = clusterPairs(n, toPairs(scored), { ...options, threshold: low + step }).labels;
        expect(refines(strict, loose)).toBe(true);
      }),
    );
  });

  it("labels each cluster by its smallest record", () => {
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const labels = clusterPairs(n, toPairs(edges as [number, number, number][])).labels;
        labels.forEach((l, i) => {
          expect(l).toBeLessThanOrEqual(i);
          expect(labels[l]).toBe(l);
        });
      }),
    );
  });
});
