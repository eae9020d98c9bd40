import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AliasTable, mixSeed, permute30, permuteBelow, Rng } from "../../src/_lib/random.js";
import { sortByTimestamp, stableOrder } from "../../src/_lib/order.js";

describe("seeded random streams", () => {
  it("repeat for a seed, differ between seeds, and use every bit of a safe-integer seed", () => {
    const draw = (seed: number): number[] => Array.from({ length: 5 }, (() => { const r = new Rng(seed); return () => r.nextUint32(); })());
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(mixSeed(5, 1)).not.toBe(mixSeed(5 + 2 ** 32, 1));
  });

  it("draw gamma and beta deviates with the right means", () => {
    const rng = new Rng(1);
    let g = 0;
    let b = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      g += rng.gamma(0.75, 8);
      b += rng.beta(0.8, 4);
    }
    expect(g / n).toBeCloseTo(0.75 / 8, 2);
    expect(b / n).toBeCloseTo(0.8 / 4.8, 2);
  });

  it("sample an alias table in proportion to its weights", () => {
    const table = new AliasTable([1, 0, 3]);
    const rng = new Rng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[table.sample(rng)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeCloseTo(3, 0);
  });
});

describe("keyed permutations", () => {
  it("permute30 never maps two values to one", () => {
    const seen = new Set<number>();
    for (let v = 0; v < 200_000; v++) seen.add(permute30(42, v));
    expect(seen.size).toBe(200_000);
  });

  it("permuteBelow is a bijection of [0, domain) for any domain", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), fc.integer(), (domain, key) => {
        const out = new Set<number>();
        for (let v = 0; v < domain; v++) {
          const p = permuteBelow(key, v, domain);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThan(domain);
          out.add(p);
        }
        expect(out.size).toBe(domain);
      }),
      { numRuns: 30 },
    );
  });
});

describe("stable ordering", () => {
  it("orders integer keys ascending and keeps ties in input order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 300 }), (values) => {
        const order = [...stableOrder(Float64Array.from(values))];
        const expected = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
        expect(order).toEqual(expected);
      }),
    );
  });

  it("orders keys up to 2^48 (the radix path) ascending and keeps ties in input order", () => {
    const key = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 2 ** 24 - 1 }), fc.integer({ min: 0, max: 2 ** 24 - 1 })).map(([hi, lo]) => hi * 2 ** 24 + lo),
      fc.constantFrom(0, 2 ** 48 - 1, 2 ** 47),
    );
    fc.assert(
      fc.property(fc.array(key, { minLength: 2, maxLength: 300 }), (values) => {
        const order = [...stableOrder(Float64Array.from(values))];
        const expected = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
        expect(order).toEqual(expected);
      }),
    );
  });

  it("sorts rows by timestamp to the millisecond", () => {
    const rows = [3, 1, 2, 1].map((ms, i) => ({ i, timestamp: new Date(1_700_000_000_000 + ms) }));
    expect(sortByTimestamp(rows).map((r) => r.i)).toEqual([1, 3, 2, 0]);
    expect(() => stableOrder(Float64Array.from([-1]))).toThrow(RangeError);
  });
});
