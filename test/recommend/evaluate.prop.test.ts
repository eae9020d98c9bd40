import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRecommenderModel, evaluateRecommender, splitLeaveLastOut, splitTemporal } from "../../src/recommend/index.js";
import type { EvaluationSplit, ItemInteraction } from "../../src/recommend/index.js";
import { day } from "./arbitraries.js";

const interaction: fc.Arbitrary<ItemInteraction> = fc.record({
  customerId: fc.constantFrom("c0", "c1", "c2", "c3"),
  itemId: fc.constantFrom("i0", "i1", "i2", "i3", "i4", "i5", "i6"),
  timestamp: fc.integer({ min: 1, max: 20 }).map(day),
  quantity: fc.constantFrom(1, 1, 1, 2, -1),
});
const interactions = fc.array(interaction, { maxLength: 50 });
const shuffled = interactions.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
const mode = fc.constantFrom("last" as const, "second-to-last" as const);

const key = (e: ItemInteraction): string => `${e.customerId}|${e.itemId}|${e.timestamp.toISOString()}|${e.quantity ?? 1}`;
/** A split with its training interactions in a canonical order. */
const canonical = (split: EvaluationSplit): EvaluationSplit => ({ ...split, train: [...split.train].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) });
/** Each customer's first purchase (positive quantity) of each item. */
function firstPurchases(list: readonly ItemInteraction[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const e of list) {
    if ((e.quantity ?? 1) <= 0) continue;
    const k = `${e.customerId}|${e.itemId}`;
    first.set(k, Math.min(first.get(k) ?? Infinity, e.timestamp.getTime()));
  }
  return first;
}

describe("splitLeaveLastOut", () => {
  it("never leaks the held-out item or anything after it into the training data", () => {
    fc.assert(
      fc.property(interactions, mode, fc.integer({ min: 2, max: 4 }), (list, target, minItems) => {
        const split = splitLeaveLastOut(list, { minItems, target });
        const first = firstPurchases(list);
        for (const t of split.targets) {
          const item = t.items[0] as string;
          const held = first.get(`${t.customerId}|${item}`) as number;
          const own = split.train.filter((e) => e.customerId === t.customerId);
          expect(own.some((e) => e.itemId === item)).toBe(false);
          expect(own.every((e) => e.timestamp.getTime() <= held)).toBe(true);
          expect(t.asOf.getTime()).toBeLessThanOrEqual(held);
          expect(t.asOf.getTime()).toBe(own.length > 0 ? Math.max(...own.map((e) => e.timestamp.getTime())) : held); // the latest training interaction
          // the held-out item is the last (or the one before) in (first purchase, item id) order
          const sequence = [...first].filter(([k]) => k.startsWith(`${t.customerId}|`)).map(([k, time]) => [k.slice(t.customerId.length + 1), time] as const);
          sequence.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
          expect(sequence.length).toBeGreaterThanOrEqual(minItems);
          expect(sequence[sequence.length - (target === "last" ? 1 : 2)]?.[0]).toBe(item);
        }
        const evaluated = new Set(split.targets.map((t) => t.customerId));
        for (const c of new Set(list.map((e) => e.customerId))) {
          if (!evaluated.has(c)) expect(split.train.filter((e) => e.customerId === c)).toEqual(list.filter((e) => e.customerId === c));
        }
      }),
    );
  });

  it("does not depend on the order of the interactions", () => {
    fc.assert(
      fc.property(shuffled, mode, ([list, permuted], target) => {
        expect(canonical(splitLeaveLastOut(permuted, { minItems: 3, target }))).toEqual(canonical(splitLeaveLastOut(list, { minItems: 3, target })));
      }),
    );
  });
});

describe("splitTemporal", () => {
  it("trains on the past only and targets items new to the customer from the cutoff on", () => {
    fc.assert(
      fc.property(interactions, fc.integer({ min: 1, max: 21 }).map(day), fc.integer({ min: 0, max: 2 }), (list, cutoff, minTrainItems) => {
        const split = splitTemporal(list, { cutoff, minTrainItems });
        expect(split.train.every((e) => e.timestamp < cutoff)).toBe(true);
        const before = firstPurchases(split.train);
        const first = firstPurchases(list);
        for (const t of split.targets) {
          expect(t.asOf).toEqual(cutoff);
          for (const item of t.items) {
            expect(before.has(`${t.customerId}|${item}`)).toBe(false);
            expect(first.get(`${t.customerId}|${item}`)).toBeGreaterThanOrEqual(cutoff.getTime());
          }
        }
      }),
    );
  });

  it("does not depend on the order of the interactions", () => {
    fc.assert(
      fc.property(shuffled, fc.integer({ min: 1, max: 21 }).map(day), ([list, permuted], cutoff) => {
        expect(canonical(splitTemporal(permuted, { cutoff }))).toEqual(canonical(splitTemporal(list, { cutoff })));
      }),
    );
  });
});

describe("evaluateRecommender", () => {
  it("gives metrics in [0, 1], with NDCG and MRR never above the hit rate", () => {
    fc.assert(
      fc.property(interactions, mode, fc.integer({ min: 1, max: 5 }), (list, target, k) => {
        const split = splitLeaveLastOut(list, { minItems: 2, target });
        const report = evaluateRecommender(buildRecommenderModel(split.train), split, { k });
        for (const x of [report.hitRate, report.recall, report.ndcg, report.mrr, report.coverage]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
        expect(report.ndcg).toBeLessThanOrEqual(report.hitRate + 1e-12);
        expect(report.mrr).toBeLessThanOrEqual(report.hitRate + 1e-12);
        expect(report.lists.every((l) => l.items.length <= k)).toBe(true);
      }),
    );
  });
});
