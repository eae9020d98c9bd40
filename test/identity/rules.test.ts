import { describe, expect, it } from "vitest";
import { compileRules, DeterministicRuleSchema, matchingRule, PRESETS } from "../../src/identity/index.js";

const comparisons = PRESETS.person.comparisons;
// level indices: given name 1 exact … 9 different; email 1 exact, 2 DL ≤ 2, 3 different
const email = comparisons.findIndex((c) => c.name === "email");
const given = comparisons.findIndex((c) => c.name === "given name");

describe("deterministic rules", () => {
  const compiled = compileRules(
    [
      DeterministicRuleSchema.parse({ name: "email", criteria: [{ comparison: "email", atLeast: "exact" }] }),
      DeterministicRuleSchema.parse({ name: "close email and name", criteria: [{ comparison: "email", atLeast: "Damerau-Levenshtein ≤ 2" }, { comparison: "given name", atLeast: "nickname" }] }),
    ],
    comparisons,
  );
  const vector = (levels: Record<number, number>): Uint8Array => Uint8Array.from(comparisons, (_, c) => levels[c] ?? 0);

  it("matches when any rule has all its criteria, a level counting for every weaker one", () => {
    expect(matchingRule(compiled, vector({ [email]: 1 }))).toBe(0);
    expect(matchingRule(compiled, vector({ [email]: 2, [given]: 5 }))).toBe(1);
    expect(matchingRule(compiled, vector({ [email]: 2, [given]: 1 }))).toBe(1);
    expect(matchingRule(compiled, vector({ [email]: 2, [given]: 6 }))).toBe(-1);
    expect(matchingRule(compiled, vector({ [email]: 3 }))).toBe(-1);
  });

  it("never lets a missing value satisfy a criterion", () => {
    expect(matchingRule(compiled, vector({ [email]: 2 }))).toBe(-1);
  });

  it("names the unknown comparison or level", () => {
    expect(() => compileRules([{ name: "r", criteria: [{ comparison: "shoe", atLeast: "exact" }] }], comparisons)).toThrow(/no comparison named "shoe"/);
    expect(() => compileRules([{ name: "r", criteria: [{ comparison: "email", atLeast: "close" }] }], comparisons)).toThrow(/has no level "close"/);
    expect(() => compileRules([{ name: "r", criteria: [{ comparison: "email", atLeast: "different" }] }], comparisons)).toThrow(/has no level/);
  });
});
