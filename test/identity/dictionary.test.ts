import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValueDictionary } from "../../src/identity/index.js";

describe("ValueDictionary.listFeature", () => {
  it("lists each value's distinct tokens in order of first appearance, in flat arrays", () => {
    const words = fc.array(fc.constantFrom("ann", "lee", "li", "smith", "o", "x"), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(words.map((w) => w.join(" ")), { maxLength: 20 }), (texts) => {
        const dictionary = new ValueDictionary();
        for (const t of texts) dictionary.intern(t);
        const { offsets, tokens } = dictionary.listFeature("words", (v) => (v === "" ? [] : v.split(" ")));
        const names = dictionary.listValues("words");
        expect(offsets.length).toBe(dictionary.size + 1);
        dictionary.values.forEach((v, id) => {
          const listed = Array.from(tokens.subarray(offsets[id]!, offsets[id + 1]!), (t) => names[t]);
          expect(listed).toEqual([...new Set(v === "" ? [] : v.split(" "))]);
        });
      }),
      { seed: 20261123, numRuns: 100 },
    );
  });

  it("is computed again for values added since", () => {
    const dictionary = new ValueDictionary();
    dictionary.intern("a b");
    expect(dictionary.listFeature("words", (v) => v.split(" ")).tokens.length).toBe(2);
    dictionary.intern("c");
    expect(Array.from(dictionary.listFeature("words", (v) => v.split(" ")).offsets)).toEqual([0, 2, 3]);
  });
});

describe("ValueDictionary.fromDistinct", () => {
  it("behaves as the dictionary that interned the same values in order", () => {
    const texts = fc.uniqueArray(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor")), { maxLength: 20 });
    fc.assert(
      fc.property(texts, fc.array(fc.string({ maxLength: 6 }), { maxLength: 10 }), (values, later) => {
        const interned = new ValueDictionary();
        for (const v of values) interned.intern(v);
        const listed = ValueDictionary.fromDistinct([...values]);
        expect(listed.values).toEqual(interned.values);
        for (const v of [...values, ...later]) expect(listed.find(v)).toBe(interned.find(v));
        for (const v of later) expect(listed.intern(v)).toBe(interned.intern(v));
        expect(listed.values).toEqual(interned.values);
      }),
      { seed: 20261123, numRuns: 100 },
    );
  });
});
