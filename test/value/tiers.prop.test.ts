import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsortDescending, orderStatistics } from "../../src/_lib/value-sort.js";
import { assignAbcTierColumns, assignAbcTiers, assignTiersByCustomerShare, computeParetoCurve } from "../../src/value/index.js";

const valued = fc.uniqueArray(fc.record({ key: fc.string({ maxLength: 6 }), value: fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.double({ min: -1e6, max: 1e9, noNaN: true })) }), {
  selector: (c) => c.key,
  maxLength: 60,
});
const cutoffs = fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, t]) => ({ a, b: a + t * (1 - a) }));
const RANK = { A: 0, B: 1, C: 2 } as const;

describe("tier invariants", () => {
  it("tier customer shares sum to 1, and value shares (of the positive value) lie in [0, 1] and sum to 1 whenever any value is positive", () => {
    fc.assert(
      fc.property(valued.filter((c) => c.length > 0), cutoffs, (customers, options) => {
        const { tiers, totalValue, positiveValue, negativeValue } = assignAbcTiers(customers, options);
        expect(tiers.reduce((s, t) => s + t.customerShare, 0)).toBeCloseTo(1, 9);
        for (const t of tiers) expect(t.valueShare >= 0 && t.valueShare <= 1 + 1e-12).toBe(true);
        if (positiveValue > 0) expect(tiers.reduce((s, t) => s + t.valueShare, 0)).toBeCloseTo(1, 9);
        expect(positiveValue + negativeValue).toBeCloseTo(totalValue, 0);
        expect(negativeValue).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("customers with equal values share a tier", () => {
    const tied = fc.array(fc.record({ key: fc.string({ maxLength: 6 }), value: fc.integer({ min: -2, max: 6 }) }), { maxLength: 40 });
    fc.assert(
      fc.property(tied, cutoffs, (customers, options) => {
        const unique = [...new Map(customers.map((c) => [c.key, c])).values()];
        for (const result of [assignAbcTiers(unique, options), assignTiersByCustomerShare(unique, options)]) {
          const tierOf = new Map<number, string>();
          for (const c of result.customers) {
            expect(tierOf.get(c.value) ?? c.tier).toBe(c.tier);
            tierOf.set(c.value, c.tier);
          }
        }
      }),
    );
  });

  it("a customer with more value never gets a lower tier", () => {
    fc.assert(
      fc.property(valued, cutoffs, (customers, options) => {
        for (const result of [assignAbcTiers(customers, options), assignTiersByCustomerShare(customers, options)]) {
          for (let i = 1; i < result.customers.length; i++) {
            const prev = result.customers[i - 1]!;
            const next = result.customers[i]!;
            expect(prev.value).toBeGreaterThanOrEqual(next.value);
            expect(RANK[prev.tier]).toBeLessThanOrEqual(RANK[next.tier]);
          }
        }
      }),
    );
  });

  it("tiers do not depend on input order", () => {
    fc.assert(
      fc.property(valued, fc.integer(), (customers, seed) => {
        const shuffled = [...customers].sort((x, y) => ((x.key.length * 31 + seed) % 7) - ((y.key.length * 31 + seed) % 7));
        expect(assignAbcTiers(shuffled)).toEqual(assignAbcTiers(customers));
      }),
    );
  });

  it("the column form agrees with the object form", () => {
    fc.assert(
      fc.property(valued, (customers) => {
        const sorted = [...customers].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
        const columns = assignAbcTierColumns(sorted.map((c) => c.value));
        const objects = new Map(assignAbcTiers(sorted).customers.map((c) => [c.key, c]));
        sorted.forEach((c, i) => {
          expect("ABC"[columns.tier[i]!]).toBe(objects.get(c.key)?.tier);
          expect(columns.rank[i]).toBe(objects.get(c.key)?.rank);
        });
      }),
    );
  });

  it("the Gini coefficient lies in [0, 1) and the curve rises from (0, 0) to (1, 1)", () => {
    fc.assert(
      fc.property(valued.filter((c) => c.length > 0), (customers) => {
        const curve = computeParetoCurve(customers);
        expect(curve.gini).toBeGreaterThanOrEqual(-1e-12);
        expect(curve.gini).toBeLessThan(1);
        expect(curve.points[0]).toEqual({ customerShare: 0, valueShare: 0 });
        expect(curve.points.at(-1)).toEqual({ customerShare: 1, valueShare: 1 });
        for (let i = 1; i < curve.points.length; i++) expect(curve.points[i]!.valueShare).toBeGreaterThanOrEqual(curve.points[i - 1]!.valueShare);
      }),
    );
  });
});

describe("sorting invariants", () => {
  const column = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: false })), { maxLength: 200 });

  it("the radix argsort equals a stable comparison sort, descending", () => {
    fc.assert(
      fc.property(column, (values) => {
        const expected = values.map((_, i) => i).sort((i, j) => (values[j]! + 0 === values[i]! + 0 ? i - j : values[j]! > values[i]! ? 1 : -1));
        expect(Array.from(argsortDescending(Float64Array.from(values)))).toEqual(expected);
      }),
    );
  });

  it("order statistics equal the sorted values at those positions", () => {
    fc.assert(
      fc.property(column.filter((v) => v.length > 0), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (values, picks) => {
        const positions = [...new Set(picks.map((p) => p % values.length))].sort((a, b) => a - b);
        const sorted = [...values].sort((a, b) => a - b);
        expect(orderStatistics(Float64Array.from(values), positions)).toEqual(positions.map((p) => sorted[p]));
      }),
    );
  });
});
