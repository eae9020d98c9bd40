import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alsoBought, buildRecommenderModel, isSymmetricSimilarity, resolveSimilarity, updateRecommenderModel } from "../../src/recommend/index.js";
import type { ItemInteraction, SimilarityOptions } from "../../src/recommend/index.js";

const interaction: fc.Arbitrary<ItemInteraction> = fc.record({
  customerId: fc.constantFrom("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"),
  itemId: fc.constantFrom("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"),
  timestamp: fc.integer({ min: 1, max: 30 }).map((d) => new Date(Date.UTC(2024, 0, d))),
  quantity: fc.constantFrom(1, 1, 1, 2, 3, -1),
});
const interactions = fc.array(interaction, { maxLength: 60 });
const similarity: fc.Arbitrary<SimilarityOptions> = fc.oneof(
  fc.record({ measure: fc.constant("cosine" as const), shrink: fc.constantFrom(0, 1, 5) }),
  fc.record({ measure: fc.constant("asymmetric-cosine" as const), alpha: fc.constantFrom(0.2, 0.5, 0.8) }),
  fc.record({ measure: fc.constant("jaccard" as const), shrink: fc.constantFrom(0, 2) }),
  fc.record({ measure: fc.constant("lift" as const), shrink: fc.constantFrom(0, 10) }),
  fc.record({ measure: fc.constant("conditional" as const), alpha: fc.constantFrom(0, 0.5) }),
  fc.record({ measure: fc.constant("rp3beta" as const), alpha: fc.constantFrom(0.5, 1), beta: fc.constantFrom(0, 0.5) }),
);
const shuffled = interactions.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));

describe("recommender model invariants", () => {
  it("does not depend on the order of the interactions", () => {
    fc.assert(
      fc.property(shuffled, similarity, ([list, permuted], s) => {
        expect(buildRecommenderModel(permuted, { similarity: s, neighbours: 4 })).toEqual(buildRecommenderModel(list, { similarity: s, neighbours: 4 }));
      }),
    );
  });

  it("gives after an update exactly what a rebuild on all interactions gives", () => {
    fc.assert(
      fc.property(interactions, interactions, similarity, fc.integer({ min: 1, max: 6 }), (before, after, s, k) => {
        const updated = updateRecommenderModel(buildRecommenderModel(before, { similarity: s, neighbours: k }), after);
        expect(updated).toEqual(buildRecommenderModel([...before, ...after], { similarity: s, neighbours: k }));
      }),
    );
  });

  it("has symmetric similarities for symmetric measures", () => {
    fc.assert(
      fc.property(interactions, similarity, (list, s) => {
        fc.pre(isSymmetricSimilarity(resolveSimilarity(s)));
        const model = buildRecommenderModel(list, { similarity: s, neighbours: 10 });
        const weight = new Map<string, number>();
        for (const a of model.items) for (const r of alsoBought(model, a, { k: 10 })) weight.set(`${a}|${r.itemId}`, r.score);
        for (const [pair, w] of weight) {
          const [a, b] = pair.split("|");
          expect(weight.get(`${b}|${a}`)).toBe(w);
        }
      }),
    );
  });

  it("keeps at most `neighbours` neighbours per item, best first, never the item itself", () => {
    fc.assert(
      fc.property(interactions, similarity, fc.integer({ min: 1, max: 5 }), (list, s, k) => {
        const model = buildRecommenderModel(list, { similarity: s, neighbours: k });
        model.items.forEach((_, i) => {
          const from = model.neighbourOffsets[i] as number;
          const to = model.neighbourOffsets[i + 1] as number;
          expect(to - from).toBeLessThanOrEqual(k);
          for (let q = from; q < to; q++) {
            expect(model.neighbourItems[q]).not.toBe(i);
            expect(model.neighbourWeights[q]).toBeGreaterThan(0);
            if (q > from) expect(model.neighbourWeights[q]).toBeLessThanOrEqual(model.neighbourWeights[q - 1] as number);
          }
        });
      }),
    );
  });

  it("round-trips through JSON", () => {
    fc.assert(
      fc.property(interactions, similarity, (list, s) => {
        const model = buildRecommenderModel(list, { similarity: s });
        expect(JSON.parse(JSON.stringify(model))).toEqual(model);
      }),
    );
  });
});
