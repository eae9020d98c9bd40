import { z } from "zod";
import { comparisonLabels, type Comparison } from "./comparison.js";

/**
 * A deterministic matching rule in the style of Segment's and Salesforce Data Cloud's identity
 * rules: a pair matches when every criterion holds, and a set of rules matches when any rule
 * does. A criterion asks a comparison to reach at least a named level (levels are ordered from
 * strongest to weakest, so "at least Jaro-Winkler ≥ 0.9" also accepts "exact"); a missing value
 * never satisfies a criterion.
 *
 * @example
 * ```ts
 * const rule: DeterministicRule = DeterministicRuleSchema.parse({
 *   name: "same email and family name",
 *   criteria: [{ comparison: "email", atLeast: "exact" }, { comparison: "family name", atLeast: "exact" }],
 * });
 * ```
 */
export const DeterministicRuleSchema = z.object({
  /** Name shown in explanations. */
  name: z.string().min(1).max(100),
  /** Conditions that must all hold. */
  criteria: z
    .array(
      z.object({
        /** Name of a comparison of the model. */
        comparison: z.string().min(1),
        /** Label of the weakest accepted level (see `levelLabel`). */
        atLeast: z.string().min(1),
      }),
    )
    .min(1)
    .max(20),
});
/** A deterministic matching rule; see {@link DeterministicRuleSchema}. */
export type DeterministicRule = z.infer<typeof DeterministicRuleSchema>;

/**
 * Deterministic rules compiled against a list of comparisons: criteria become
 * `(comparison index, weakest accepted level index)`.
 *
 * @example
 * ```ts
 * const compiled = compileRules(rules, comparisons);
 * matchingRule(compiled, vector); // index of the first matching rule, or −1
 * ```
 */
export interface CompiledRules {
  /** The rules. */
  readonly rules: readonly DeterministicRule[];
  /** Per rule, per criterion: comparison index and weakest accepted level index. */
  readonly criteria: readonly (readonly (readonly [number, number])[])[];
}

/**
 * Compiles deterministic rules against comparisons, checking that every criterion names an
 * existing comparison and one of its levels.
 *
 * @param rules - The rules (validated, see {@link DeterministicRuleSchema}).
 * @param comparisons - The comparisons the rules refer to.
 * @returns The compiled rules.
 * @throws RangeError when a criterion names an unknown comparison or level (a programmer error).
 * @example
 * ```ts
 * compileRules([{ name: "email", criteria: [{ comparison: "email", atLeast: "exact" }] }], comparisons);
 * ```
 */
export function compileRules(rules: readonly DeterministicRule[], comparisons: readonly Comparison[]): CompiledRules {
  const criteria = rules.map((rule) =>
    rule.criteria.map((criterion): readonly [number, number] => {
      const c = comparisons.findIndex((x) => x.name === criterion.comparison);
      if (c < 0) {
        throw new RangeError(`rule "${rule.name}": no comparison named "${criterion.comparison}"; comparisons are ${comparisons.map((x) => `"${x.name}"`).join(", ")}`);
      }
      const labels = comparisonLabels(comparisons[c]!);
      const level = labels.indexOf(criterion.atLeast);
      if (level < 1 || level >= labels.length - 1) {
        throw new RangeError(
          `rule "${rule.name}": comparison "${criterion.comparison}" has no level "${criterion.atLeast}"; its levels are ${labels.slice(1, -1).map((l) => `"${l}"`).join(", ")}`,
        );
      }
      return [c, level];
    }),
  );
  return { rules, criteria };
}

/**
 * The first rule a comparison vector satisfies.
 *
 * @param compiled - The compiled rules.
 * @param levels - The pair's comparison vector (level index per comparison).
 * @returns The index of the first matching rule, or −1 when none matches.
 * @example
 * ```ts
 * matchingRule(compiled, Uint8Array.of(1, 3, 0)); // 0 when rule 0 asks for comparison 0 exact
 * ```
 */
export function matchingRule(compiled: CompiledRules, levels: ArrayLike<number>): number {
  for (let r = 0; r < compiled.criteria.length; r++) {
    let ok = true;
    for (const [c, level] of compiled.criteria[r]!) {
      const l = levels[c]!;
      if (l === 0 || l > level) {
        ok = false;
        break;
      }
    }
    if (ok) return r;
  }
  return -1;
}
