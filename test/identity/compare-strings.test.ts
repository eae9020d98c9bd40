import { describe, expect, it } from "vitest";
import {
  MAX_COMPARE_LENGTH,
  damerauLevenshtein,
  damerauLevenshteinSimilarity,
  diceCoefficient,
  jaccard,
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinSimilarity,
  overlapCoefficient,
  tokenSetSimilarity,
  wordTokens,
} from "../../src/identity/compare/index.js";

describe("jaro and jaroWinkler", () => {
  it("reproduce the published examples (Winkler 1990; Cohen, Ravikumar & Fienberg 2003)", () => {
    expect(jaro("martha", "marhta")).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 4);
    expect(jaro("dwayne", "duane")).toBeCloseTo(0.8222, 4);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 4);
    expect(jaro("dixon", "dicksonx")).toBeCloseTo(0.7667, 4);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 4);
  });

  it("give 1 for equal strings and 0 without common characters or with an empty side", () => {
    expect(jaroWinkler("", "")).toBe(1);
    expect(jaroWinkler("ann", "ann")).toBe(1);
    expect(jaro("abc", "xyz")).toBe(0);
    expect(jaro("abc", "")).toBe(0);
  });

  it("apply the prefix bonus only above the boost threshold", () => {
    const j = jaro("abcxyz", "abcuvw");
    expect(jaroWinkler("abcxyz", "abcuvw", { boostThreshold: 1 })).toBe(j);
    expect(jaroWinkler("abcxyz", "abcuvw", { boostThreshold: 0 })).toBeCloseTo(j + 3 * 0.1 * (1 - j), 12);
    expect(jaroWinkler("abcxyz", "abcuvw", { boostThreshold: 0, prefixScale: 0.2, maxPrefixLength: 2 })).toBeCloseTo(j + 2 * 0.2 * (1 - j), 12);
  });

  it("reject out-of-range options", () => {
    expect(() => jaroWinkler("a", "b", { prefixScale: 0.3 })).toThrow(/prefixScale/);
    expect(() => jaroWinkler("a", "b", { maxPrefixLength: 5 })).toThrow(/maxPrefixLength/);
    expect(() => jaroWinkler("a", "b", { boostThreshold: Number.NaN })).toThrow(/boostThreshold/);
  });

  it("compare only a bounded prefix of huge strings", () => {
    const huge = "ab".repeat(500_000);
    expect(jaroWinkler(huge, `${huge}c`)).toBe(1);
    expect(jaro(huge, "b".repeat(1_000_000))).toBeGreaterThan(0);
  });
});

describe("levenshtein and damerauLevenshtein", () => {
  it("count edits", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("flaw", "lawn")).toBe(2);
    expect(levenshtein("smtih", "smith")).toBe(2);
  });

  it("count an adjacent transposition as one edit in the optimal string alignment form", () => {
    expect(damerauLevenshtein("smtih", "smith")).toBe(1);
    expect(damerauLevenshtein("ca", "abc")).toBe(3);
    expect(damerauLevenshtein("abcdef", "badcfe")).toBe(3);
  });

  it("equal the textbook dynamic programmes on every pair of short strings over three letters", () => {
    const words = [""];
    for (let len = 1; len <= 4; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of "abc") words.push(w + c);
    const reference = (a: string, b: string, transpose: boolean): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (transpose && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
          d[i]![j] = v;
        }
      }
      return d[a.length]![b.length]!;
    };
    let mismatches = 0;
    for (const a of words) {
      for (const b of words) {
        if (levenshtein(a, b) !== reference(a, b, false) || damerauLevenshtein(a, b) !== reference(a, b, true)) mismatches++;
      }
    }
    expect(words.length).toBe(121);
    expect(mismatches).toBe(0);
  });

  it("stop at maxDistance and return maxDistance + 1 beyond it", () => {
    expect(levenshtein("kitten", "sitting", { maxDistance: 1 })).toBe(2);
    expect(levenshtein("kitten", "sitting", { maxDistance: 3 })).toBe(3);
    expect(damerauLevenshtein("smtih", "smith", { maxDistance: 0 })).toBe(1);
    expect(levenshtein("a", "abcdefgh", { maxDistance: 2 })).toBe(3);
    expect(() => levenshtein("a", "b", { maxDistance: -1 })).toThrow(/maxDistance/);
  });

  it("keep 0 for equal and above 0 for different huge strings", () => {
    const huge = "x".repeat(1_000_000);
    expect(levenshtein(huge, huge.slice(0))).toBe(0);
    expect(levenshtein(huge, `${huge}y`)).toBeGreaterThan(0);
    expect(damerauLevenshtein(`${huge}a`, `${huge}b`)).toBe(1);
    expect(MAX_COMPARE_LENGTH).toBe(256);
  });

  it("turn distances into similarities", () => {
    expect(levenshteinSimilarity("smith", "smyth")).toBeCloseTo(0.8, 12);
    expect(damerauLevenshteinSimilarity("smtih", "smith")).toBeCloseTo(0.8, 12);
    expect(levenshteinSimilarity("", "")).toBe(1);
    expect(levenshteinSimilarity("abc", "")).toBe(0);
  });
});

describe("jaccard and tokenSetSimilarity", () => {
  it("compare sets and word tokens regardless of order and repetition", () => {
    expect(jaccard(["ann", "marie", "smith"], ["smith", "ann"])).toBeCloseTo(2 / 3, 12);
    expect(jaccard(new Set(["a"]), new Set(["b"]))).toBe(0);
    expect(jaccard([], [])).toBe(1);
    expect(tokenSetSimilarity("John Smith", "smith, john john")).toBe(1);
    expect(tokenSetSimilarity("Acme Ltd", "Acme Holdings Ltd")).toBeCloseTo(2 / 3, 12);
    expect(wordTokens("Mary-Ann  SMITH")).toEqual(["mary", "ann", "smith"]);
  });
});

describe("overlapCoefficient", () => {
  it("is 1 when one word set holds the other", () => {
    expect(overlapCoefficient(["johnson"], ["chicago", "public", "schools", "johnson"])).toBe(1);
    expect(overlapCoefficient(["acme", "ltd"], ["acme", "holdings"])).toBe(0.5);
    expect(overlapCoefficient([], [])).toBe(1);
    expect(overlapCoefficient([], ["a"])).toBe(0);
  });
});

describe("diceCoefficient", () => {
  it("compares n-gram multisets", () => {
    expect(diceCoefficient("night", "nacht")).toBe(0.25);
    expect(diceCoefficient("night", "nacht", 1)).toBeCloseTo(0.6, 12);
    expect(diceCoefficient("aaaa", "aa")).toBeCloseTo((2 * 1) / (3 + 1), 12);
    expect(diceCoefficient("smith", "smith", 3)).toBe(1);
    expect(diceCoefficient("smith", "smyth", 3)).toBe(0);
    expect(diceCoefficient("a", "a")).toBe(1);
    expect(diceCoefficient("a", "b")).toBe(0);
    expect(diceCoefficient("", "a")).toBe(0);
    expect(() => diceCoefficient("a", "b", 0)).toThrow(/n/);
  });
});
