import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntArena, IntBuffer, KeyTable } from "../../src/identity/key-table.js";

describe("key table", () => {
  it("numbers keys in order of first appearance, as a map does, up to 2^53", () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat(), fc.integer({ min: 0, max: 2 ** 21 }).map((high) => high * 2 ** 32));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const table = new KeyTable(4);
        const reference = new Map<number, number>();
        for (const k of keys) {
          if (!reference.has(k)) reference.set(k, reference.size);
          expect(table.intern(k)).toBe(reference.get(k));
        }
        expect(table.size).toBe(reference.size);
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });

  it("starts over after clear, and grows past the capacity it was sized for", () => {
    const table = new KeyTable(2);
    expect([table.intern(7), table.intern(9), table.intern(7)]).toEqual([0, 1, 0]);
    for (let k = 0; k < 1_000; k++) expect(table.intern(2 ** 40 + k)).toBe(k + 2);
    expect([table.intern(7), table.intern(9), table.size]).toEqual([0, 1, 1_002]);
    table.clear();
    expect([table.intern(9), table.intern(11), table.size]).toEqual([0, 1, 2]);
  });
});

describe("int buffer and arena", () => {
  it("a buffer keeps every pushed value, in order, across growth", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 3_000 }), (values) => {
        const buffer = new IntBuffer();
        for (const v of values) buffer.push(v);
        expect(Array.from(buffer.view())).toEqual(values);
        buffer.clear();
        expect(buffer.length).toBe(0);
      }),
      { seed: 20261123, numRuns: 50 },
    );
  });

  it("an arena hands out disjoint zeroed arrays and refuses to overrun", () => {
    const arena = new IntArena(10);
    const a = arena.take(4);
    a.fill(1);
    arena.rest()[0] = 5;
    const b = arena.take(3);
    expect(Array.from(b)).toEqual([5, 0, 0]);
    expect(Array.from(a)).toEqual([1, 1, 1, 1]);
    expect(arena.rest().length).toBe(3);
    expect(() => arena.take(4)).toThrow(RangeError);
  });
});
