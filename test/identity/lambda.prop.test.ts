import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusteredPairs } from "../../src/identity/matching.js";

/** Record pairs i < j in one cluster (and from different sources when sources are given), counted one by one. */
function naive(labels: readonly number[], source?: readonly number[]): number {
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) if (labels[i] === labels[j] && (source === undefined || source[i] !== source[j])) pairs++;
  return pairs;
}

describe("clusteredPairs", () => {
  it("counts the pairs inside clusters, from different sources when linking", () => {
    const clustering = fc.integer({ min: 0, max: 40 }).chain((n) =>
      fc.tuple(fc.array(fc.nat({ max: Math.max(0, n - 1) }), { minLength: n, maxLength: n }), fc.array(fc.nat({ max: 3 }), { minLength: n, maxLength: n })),
    );
    fc.assert(
      fc.property(clustering, ([labels, source]) => {
        const l = Int32Array.from(labels);
        expect(clusteredPairs(l)).toBe(naive(labels));
        expect(clusteredPairs(l, Int32Array.from(source))).toBe(naive(labels, source));
      }),
    );
  });
});
