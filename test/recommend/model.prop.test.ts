import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alsoBought,
  buildRecommenderModel,
  isRecommenderModel,
  isSymmetricSimilarity,
  recommendForCustomerId,
  resolveSimilarity,
  updateRecommenderModel,
} from "../../src/recommend/index.js";
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

  it("gives after an update what a rebuild gives with fractional weights: the same buyers and neighbours, values equal to rounding", () => {
    const time = fc.integer({ min: 1, max: 30 }).map((d) => new Date(Date.UTC(2024, 0, d)));
    const part = (customerId: string, itemId: string, weight: number, quantity: number, t: Date, late: boolean): [ItemInteraction, boolean] => [
      { customerId, itemId, timestamp: t, quantity, weight },
      late,
    ];
    // two purchases and a return that cancel out in decimal (0.3 + 0.4 − 0.7) but not always in binary, split between the model and the update
    const cancelling = fc
      .tuple(
        fc.constantFrom("c0", "c1", "c2"),
        fc.constantFrom("i0", "i1", "i2"),
        fc.constantFrom([0.3, 0.4, 0.7], [0.1, 0.2, 0.3], [0.2, 0.5, 0.7], [0.1, 0.6, 0.7]),
        fc.tuple(time, time, time),
        fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      )
      .map(([c, i, [a, b, sum], [ta, tb, tc], [la, lb, lc]]) => [part(c, i, a as number, 1, ta, la), part(c, i, b as number, 1, tb, lb), part(c, i, sum as number, -1, tc, lc)]);
    // and parts of very different sizes: a part of 1e-10 after a full return is within 1e-9 × Σ|parts| of zero
    const other = fc.record({ customerId: fc.constantFrom("c0", "c1", "c2"), itemId: fc.constantFrom("i0", "i1", "i2"), timestamp: time, weight: fc.constantFrom(0.1, 0.3, 1, 1e-10) });
    const data = fc.tuple(fc.array(cancelling, { maxLength: 4 }), fc.array(fc.tuple(other, fc.boolean()), { maxLength: 12 })).map(([groups, rest]) => [...groups.flat(), ...rest]);
    fc.assert(
      fc.property(data, similarity, (parts, s) => {
        const before = parts.filter(([, late]) => !late).map(([e]) => e);
        const after = parts.filter(([, late]) => late).map(([e]) => e);
        const { historyValues: updatedValues, historyMagnitudes: updatedMagnitudes, ...updated } = updateRecommenderModel(
          buildRecommenderModel(before, { similarity: s, neighbours: 3 }),
          after,
        );
        const { historyValues: rebuiltValues, historyMagnitudes: rebuiltMagnitudes, ...rebuilt } = buildRecommenderModel([...before, ...after], { similarity: s, neighbours: 3 });
        expect(updated).toEqual(rebuilt);
        updatedValues.forEach((v, e) => {
          expect(v).toBeCloseTo(rebuiltValues[e] as number, 9);
          expect(v > 0).toBe((rebuiltValues[e] as number) > 0);
          expect(updatedMagnitudes[e]).toBeCloseTo(rebuiltMagnitudes[e] as number, 9);
        });
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

  it("round-trips through JSON, and the model read back is valid and gives the same lists", () => {
    fc.assert(
      fc.property(interactions, similarity, (list, s) => {
        const model = buildRecommenderModel(list, { similarity: s });
        const copy: unknown = JSON.parse(JSON.stringify(model));
        expect(copy).toEqual(model);
        expect(isRecommenderModel(copy)).toBe(true);
        if (!isRecommenderModel(copy)) return;
        for (const item of model.items) expect(alsoBought(copy, item)).toEqual(alsoBought(model, item));
        for (const customer of [...model.customers, "nobody"]) {
          expect(recommendForCustomerId(copy, customer, { k: 5, rules: { mmrLambda: 0.5 } })).toEqual(recommendForCustomerId(model, customer, { k: 5, rules: { mmrLambda: 0.5 } }));
        }
      }),
    );
  });
});
