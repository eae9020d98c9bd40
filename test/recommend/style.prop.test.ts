import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildStyleIndex, similarInStyle } from "../../src/recommend/index.js";
import type { ItemAttributes } from "../../src/recommend/index.js";

const attributes: fc.Arbitrary<ItemAttributes> = fc.record(
  {
    itemId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    category: fc.constantFrom("Jazz", "jazz ", "rock"),
    tags: fc.subarray(["vocal", "Live", "piano"]),
    priceBand: fc.constantFrom("mid", "premium"),
    priceMinor: fc.integer({ min: 0, max: 5000 }),
    description: fc.constantFrom("vocal jazz", "live rock from Paris", "solo piano", ""),
  },
  { requiredKeys: ["itemId"] },
);
const catalogues = fc.array(attributes, { maxLength: 12 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));

describe("style index invariants", () => {
  it("does not depend on the order of the catalogue, duplicated ids included", () => {
    fc.assert(
      fc.property(catalogues, ([list, permuted]) => {
        expect(buildStyleIndex(permuted)).toEqual(buildStyleIndex(list));
      }),
    );
  });

  it("scores similarity in [0, 1] and round-trips through JSON", () => {
    fc.assert(
      fc.property(catalogues, fc.constantFrom("a", "b", "c"), ([list], item) => {
        const { index } = buildStyleIndex(list);
        expect(JSON.parse(JSON.stringify(index))).toEqual(index);
        for (const r of similarInStyle(index, item, { k: 10 })) {
          expect(r.score).toBeGreaterThan(0);
          expect(r.score).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
