import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BestK } from "../../src/recommend/best-k.js";

describe("bounded best-k selection", () => {
  it("keeps the k best offers, best first, ties to the lower index, whatever the order of the offers", () => {
    const offers = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 0.25, 0.5, 1, 2)), { selector: ([j]) => j, maxLength: 80 });
    fc.assert(
      fc.property(offers, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 3 }), (list, k, rows) => {
        const best = new BestK(k, rows);
        const row = rows - 1;
        list.forEach(([j, w]) => best.offer(w, j, j + 1000, row));
        const expected = [...list].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
        const kept = best.sorted(row);
        expect(Array.from(kept.items)).toEqual(expected.map(([j]) => j));
        expect(Array.from(kept.weights)).toEqual(expected.map(([, w]) => w));
        expect(Array.from(kept.extras)).toEqual(expected.map(([j]) => j + 1000));
        expect(best.sorted(row).items).toHaveLength(0); // emptied
      }),
    );
  });
});
