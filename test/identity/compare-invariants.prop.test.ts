import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NICKNAMES,
  areNicknames,
  bestOfAnyToAny,
  chineseFoldedEqual,
  compareDates,
  damerauLevenshtein,
  damerauLevenshteinSimilarity,
  diceCoefficient,
  doubleMetaphone,
  isNameSwap,
  jaccard,
  overlapCoefficient,
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinSimilarity,
  tokenSetSimilarity,
} from "../../src/identity/compare/index.js";
import { foldChinese } from "../../src/identity/normalize/index.js";

/** Textbook O(n·m) Levenshtein and optimal-string-alignment distances, as references. */
function reference(a: string, b: string, transpose: boolean): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (transpose && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

const small = fc.string({ unit: fc.constantFrom(..."abcde"), maxLength: 12 });
const text = fc.oneof(small, fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 20 }));
const similarities: [string, (a: string, b: string) => number][] = [
  ["jaro", jaro],
  ["jaroWinkler", (a, b) => jaroWinkler(a, b)],
  ["levenshteinSimilarity", levenshteinSimilarity],
  ["damerauLevenshteinSimilarity", damerauLevenshteinSimilarity],
  ["tokenSetSimilarity", tokenSetSimilarity],
  ["dice1", (a, b) => diceCoefficient(a, b, 1)],
  ["dice2", (a, b) => diceCoefficient(a, b)],
  ["dice3", (a, b) => diceCoefficient(a, b, 3)],
  ["jaccard", (a, b) => jaccard([...a], [...b])],
  ["overlapCoefficient", (a, b) => overlapCoefficient([...a], [...b])],
];

describe("similarities", () => {
  it("are symmetric, in [0, 1], and 1 for equal strings", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        for (const [name, sim] of similarities) {
          const ab = sim(a, b);
          expect(ab, name).toBe(sim(b, a));
          expect(ab, name).toBeGreaterThanOrEqual(0);
          expect(ab, name).toBeLessThanOrEqual(1);
          expect(sim(a, a), name).toBe(1);
        }
      }),
    );
  });

  it("Jaro–Winkler is never below Jaro", () => {
    fc.assert(
      fc.property(text, text, fc.double({ min: 0, max: 0.25, noNaN: true }), (a, b, prefixScale) => {
        expect(jaroWinkler(a, b, { prefixScale })).toBeGreaterThanOrEqual(jaro(a, b));
      }),
    );
  });
});

describe("edit distances", () => {
  it("equal the textbook dynamic programmes, with and without a cut-off", () => {
    fc.assert(
      fc.property(small, small, fc.integer({ min: 0, max: 6 }), (a, b, k) => {
        const lev = reference(a, b, false);
        const osa = reference(a, b, true);
        expect(levenshtein(a, b)).toBe(lev);
        expect(damerauLevenshtein(a, b)).toBe(osa);
        expect(levenshtein(a, b, { maxDistance: k })).toBe(Math.min(lev, k + 1));
        expect(damerauLevenshtein(a, b, { maxDistance: k })).toBe(Math.min(osa, k + 1));
      }),
    );
  });

  it("are 0 exactly for equal strings, symmetric, and Damerau–Levenshtein never exceeds Levenshtein", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const lev = levenshtein(a, b);
        const dl = damerauLevenshtein(a, b);
        expect(lev === 0).toBe(a === b);
        expect(dl === 0).toBe(a === b);
        expect(levenshtein(b, a)).toBe(lev);
        expect(damerauLevenshtein(b, a)).toBe(dl);
        expect(dl).toBeLessThanOrEqual(lev);
      }),
    );
  });

  it("Levenshtein obeys the triangle inequality", () => {
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
      }),
    );
  });

  it("stay 0 exactly for equal strings past the compared prefix", () => {
    fc.assert(
      fc.property(small, small, (x, y) => {
        const base = "q".repeat(300);
        const a = base + x;
        const b = base + y;
        expect(levenshtein(a, b) === 0).toBe(a === b);
        expect(damerauLevenshtein(a, b) === 0).toBe(a === b);
        expect(levenshtein(a, b)).toBeGreaterThanOrEqual(reference(x, y, false) === 0 ? 0 : 1);
      }),
    );
  });
});

describe("name relations", () => {
  const names = [...DEFAULT_NICKNAMES.index.keys()];
  const name = fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 }));

  it("nickname equivalence is symmetric and reflexive on non-blank names", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(areNicknames(a, b)).toBe(areNicknames(b, a));
        if (a.trim() !== "") expect(areNicknames(a, a)).toBe(true);
      }),
    );
  });

  it("name swaps are symmetric between the two records", () => {
    fc.assert(
      fc.property(small, small, small, small, (ga, fa, gb, fb) => {
        expect(isNameSwap(ga, fa, gb, fb)).toBe(isNameSwap(gb, fb, ga, fa));
        if (ga !== "" && fa !== "" && ga !== fa) expect(isNameSwap(ga, fa, fa, ga)).toBe(true);
      }),
    );
  });

  it("Chinese-folded equality is symmetric and agrees with folding", () => {
    const han = fc.string({ unit: fc.constantFrom(..."陳陈學学歐欧陽阳后後乾干 "), maxLength: 6 });
    fc.assert(
      fc.property(han, han, (a, b) => {
        expect(chineseFoldedEqual(a, b)).toBe(chineseFoldedEqual(b, a));
        const key = (s: string) => foldChinese(s).replace(/ /g, "");
        expect(chineseFoldedEqual(a, b)).toBe(key(a) !== "" && key(a) === key(b));
      }),
    );
  });

  it("Double Metaphone codes are short upper-case consonant codes and never throw", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 16 }), (s, maxLength) => {
        const [primary, alternate] = doubleMetaphone(s, { maxLength });
        expect(primary.length).toBeLessThanOrEqual(maxLength);
        expect(alternate.length).toBeLessThanOrEqual(maxLength);
        expect(primary).toMatch(/^[A-Z0]*$/);
        expect(alternate).toMatch(/^[A-Z0]*$/);
      }),
    );
  });
});

describe("value comparisons", () => {
  const date = fc
    .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));

  it("date comparison is symmetric", () => {
    fc.assert(
      fc.property(fc.option(date, { nil: undefined }), fc.option(date, { nil: undefined }), fc.integer({ min: 0, max: 400 }), (a, b, withinDays) => {
        expect(compareDates(a, b, { withinDays })).toBe(compareDates(b, a, { withinDays }));
      }),
    );
  });

  it("any-to-any comparison is symmetric for a symmetric similarity and bounded by the best pair", () => {
    fc.assert(
      fc.property(fc.array(small, { maxLength: 5 }), fc.array(small, { maxLength: 5 }), (xs, ys) => {
        const sim = (a: string, b: string) => jaroWinkler(a, b);
        const best = bestOfAnyToAny(xs, ys, sim);
        expect(best).toBe(bestOfAnyToAny(ys, xs, sim));
        if (best !== undefined) for (const x of xs) for (const y of ys) expect(sim(x, y)).toBeLessThanOrEqual(best);
      }),
    );
  });
});

describe("comparisons never throw and stay bounded on hostile input", () => {
  it("handles megabyte strings and lone surrogates", () => {
    const huge = "\ud800ab陳".repeat(300_000);
    const other = "ba\udc00".repeat(400_000);
    for (const [name, sim] of similarities) {
      const v = sim(huge, other);
      expect(v, name).toBeGreaterThanOrEqual(0);
      expect(v, name).toBeLessThanOrEqual(1);
    }
    expect(levenshtein(huge, other)).toBeGreaterThan(0);
    expect(doubleMetaphone(huge)[0].length).toBeLessThanOrEqual(4);
    expect(chineseFoldedEqual(huge, huge)).toBe(true);
    expect(areNicknames(huge, other)).toBe(false);
  });
});
