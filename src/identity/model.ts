import { z } from "zod";
import { compileComparison, ComparisonSchema, type CompileOptions, type CompiledComparison } from "./comparison.js";
import { IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import type { ValueDictionary } from "./dictionary.js";
import type { PreparedRecords } from "./prepare.js";

const Probability = z.number().gt(0).lt(1);

/**
 * How often each value of a field occurs, for term-frequency adjustment. Values seen once are
 * left out (they count 1).
 *
 * @example
 * ```ts
 * const table: TermFrequencyTable = { field: "familyName", total: 1000, counts: [["smith", 41], ["jones", 30]] };
 * ```
 */
export const TermFrequencyTableSchema = z.object({
  /** The field counted. */
  field: z.enum(IDENTITY_FIELDS as [IdentityField, ...IdentityField[]]),
  /** Number of values counted (records with the field, each distinct value once per record). */
  total: z.number().int().min(0),
  /** `[value, count]` for values seen at least twice. */
  counts: z.array(z.tuple([z.string(), z.number().int().min(2)])),
});
/** Value frequencies of one field; see {@link TermFrequencyTableSchema}. */
export type TermFrequencyTable = z.infer<typeof TermFrequencyTableSchema>;

/**
 * A trained Fellegi–Sunter model as plain data (it round-trips through JSON): the comparisons, for
 * each comparison level the probability `m` of seeing it for a true match and `u` for a
 * non-match, the prior probability λ that two records drawn at random match, and the value
 * frequencies for term-frequency adjustment.
 *
 * The match weight of a pair is `log2(λ / (1 − λ)) + Σ log2(m[c][ℓc] / u[c][ℓc])` plus, for an
 * agreement at a term-frequency level, `log2(u_level / tf(value))`; its probability is
 * `2^w / (1 + 2^w)`. `m` and `u` are indexed by level without the "missing" level, which weighs 0.
 *
 * @example
 * ```ts
 * const model: FellegiSunterModel = FellegiSunterModelSchema.parse(JSON.parse(saved));
 * ```
 */
export const FellegiSunterModelSchema = z
  .object({
    /** Format version. */
    version: z.literal(1),
    /** The comparisons, in order. */
    comparisons: z.array(ComparisonSchema).min(1).max(30),
    /** m per comparison and level (levels 1…L and "different"). */
    m: z.array(z.array(Probability)),
    /** u per comparison and level (levels 1…L and "different"). */
    u: z.array(z.array(Probability)),
    /** Prior probability that two records drawn at random are the same entity. */
    lambda: Probability,
    /** Value frequencies of each field that a term-frequency level uses. */
    termFrequencies: z.array(TermFrequencyTableSchema),
  })
  .superRefine((model, ctx) => {
    const names = new Set<string>();
    model.comparisons.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: "custom", path: ["comparisons", i, "name"], message: `comparison name "${c.name}" is used twice` });
      names.add(c.name);
      for (const key of ["m", "u"] as const) {
        if (model[key][i]?.length !== c.levels.length + 1) {
          ctx.addIssue({ code: "custom", path: [key, i], message: `${key} of "${c.name}" needs ${c.levels.length + 1} probabilities` });
        }
      }
    });
    for (const key of ["m", "u"] as const) {
      if (model[key].length !== model.comparisons.length) ctx.addIssue({ code: "custom", path: [key], message: `${key} needs one entry per comparison` });
    }
  });
/** A trained Fellegi–Sunter model; see {@link FellegiSunterModelSchema}. */
export type FellegiSunterModel = z.infer<typeof FellegiSunterModelSchema>;

/**
 * The match weight of one comparison level: `log2(m / u)`; `0` for the "missing" level (index 0).
 *
 * @param model - The model.
 * @param comparison - Comparison index.
 * @param level - Level index (`0` missing, `1…L`, `L + 1` different).
 * @returns The weight in bits.
 * @example
 * ```ts
 * levelWeight(model, 0, 1); // e.g. 8.2 for an exact email match
 * ```
 */
export function levelWeight(model: FellegiSunterModel, comparison: number, level: number): number {
  if (level === 0) return 0;
  return Math.log2(model.m[comparison]![level - 1]! / model.u[comparison]![level - 1]!);
}

/**
 * The prior match weight `log2(λ / (1 − λ))`.
 *
 * @param model - The model.
 * @returns The weight in bits (negative: most pairs do not match).
 * @example
 * ```ts
 * priorWeight(model); // e.g. −16.6
 * ```
 */
export function priorWeight(model: FellegiSunterModel): number {
  return Math.log2(model.lambda / (1 - model.lambda));
}

/**
 * Turns a match weight into a probability, `2^w / (1 + 2^w)`.
 *
 * @param weight - Match weight in bits.
 * @returns The match probability.
 * @example
 * ```ts
 * probabilityOfWeight(0);  // 0.5
 * probabilityOfWeight(10); // 0.999…
 * ```
 */
export function probabilityOfWeight(weight: number): number {
  // 2^−w as e^(−w ln 2): the same value, and several times faster than Math.pow.
  return 1 / (1 + Math.exp(-weight * Math.LN2));
}

/**
 * Counts how often each value of a field occurs in prepared records (each distinct value once per
 * record), for term-frequency adjustment.
 *
 * @param prepared - The prepared records.
 * @param field - The field.
 * @returns The table.
 * @example
 * ```ts
 * const table = countTermFrequencies(prepared, "familyName");
 * ```
 */
export function countTermFrequencies(prepared: PreparedRecords, field: IdentityField): TermFrequencyTable {
  const column = prepared.columns[field];
  const counts = new Int32Array(column.dictionary.size);
  for (const v of column.values) counts[v] = counts[v]! + 1;
  const entries: [string, number][] = [];
  counts.forEach((c, v) => {
    if (c >= 2) entries.push([column.dictionary.values[v]!, c]);
  });
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { field, total: column.values.length, counts: entries };
}

const valueAdjustments = new WeakMap<TermFrequencyTable, Map<number, { dictionary: ValueDictionary; adjustments: Float64Array }>>();

/**
 * The term-frequency adjustment `log2(u / tf(v))` of each value of a dictionary, `tf(v)` read from
 * a table (a value it does not list counting once), cached per table and u: every scorer of one
 * run shares them (at a million records each is megabytes).
 */
function adjustmentsByValue(table: TermFrequencyTable, dictionary: ValueDictionary, u: number): Float64Array {
  let byU = valueAdjustments.get(table);
  if (byU === undefined) valueAdjustments.set(table, (byU = new Map()));
  const cached = byU.get(u);
  if (cached !== undefined && cached.dictionary === dictionary && cached.adjustments.length === dictionary.size) return cached.adjustments;
  const adjustment = (count: number): number => Math.log2(u / (count / table.total));
  const adjustments = new Float64Array(dictionary.size).fill(adjustment(1));
  for (const [value, count] of table.counts) {
    const id = dictionary.find(value);
    if (id !== undefined) adjustments[id] = adjustment(count);
  }
  byU.set(u, { dictionary, adjustments });
  return adjustments;
}

/**
 * A model compiled against prepared records: comparison vectors and match weights of any pair.
 * The evidence of a pair is `patternWeight(levels) + termFrequency(levels)`, always summed in
 * comparison order, so every path that scores a pair gets the same number.
 *
 * @example
 * ```ts
 * const scorer = createScorer(model, prepared);
 * const w = scorer.weight(0, 1);
 * ```
 */
export interface PairScorer {
  /** The model. */
  readonly model: FellegiSunterModel;
  /** The compiled comparisons. */
  readonly compiled: readonly CompiledComparison[];
  /** Number of comparisons. */
  readonly width: number;
  /** Fills `out` with the comparison vector of records `i`, `j`. */
  compare(i: number, j: number, out: Uint8Array): void;
  /** Σ of the level weights of a comparison vector. */
  patternWeight(levels: ArrayLike<number>): number;
  /**
   * Σ of the term-frequency adjustments of the vector just filled by `compare` (it reads the
   * values that set each level); fills `termFrequencyAdjustment`.
   */
  termFrequency(levels: ArrayLike<number>): number;
  /** Compares records `i`, `j` into `out` and returns the match weight without the prior. */
  evidence(i: number, j: number, out: Uint8Array): number;
  /** The full match weight of records `i`, `j`, prior included. */
  weight(i: number, j: number): number;
  /** The term-frequency adjustment per comparison of the last `termFrequency` call. */
  readonly termFrequencyAdjustment: Float64Array;
}

/**
 * Options of {@link createScorer}.
 *
 * @example
 * ```ts
 * const first = createScorer(model, prepared);
 * const refined = createScorer({ ...model, lambda: 0.001 }, prepared, { compiled: first.compiled }); // compiled once
 * ```
 */
export interface ScorerOptions extends CompileOptions {
  /**
   * Comparisons already compiled against the same prepared records (another scorer's `compiled`),
   * used instead of compiling them again — with the value-pair caches they have filled. They must
   * be the model's comparisons, in order.
   */
  readonly compiled?: readonly CompiledComparison[];
}

/** The weight of every level of every comparison (see {@link levelWeight}), by comparison and level index. */
export function levelWeights(model: FellegiSunterModel): Float64Array[] {
  return model.comparisons.map((c, ci) => Float64Array.from({ length: c.levels.length + 2 }, (_, l) => levelWeight(model, ci, l)));
}

/** Σ of the level weights (from {@link levelWeights}) of a comparison vector, in comparison order. */
export function patternWeight(weights: readonly Float64Array[], levels: ArrayLike<number>): number {
  let w = 0;
  for (let c = 0; c < weights.length; c++) w += weights[c]![levels[c]!]!;
  return w;
}

/**
 * Compiles a model against prepared records. Level weights are tabulated once; term-frequency
 * adjustments are tabulated per distinct value: `log2(u_exact / tf(v))` with
 * `tf(v) = count(v) / total` (Splink's term-frequency adjustment), values absent from the table
 * counting once.
 *
 * @param model - The model.
 * @param prepared - The prepared records.
 * @param options - The nickname table, or comparisons already compiled; see {@link ScorerOptions}.
 * @returns The scorer.
 * @example
 * ```ts
 * const scorer = createScorer(model, prepared);
 * probabilityOfWeight(scorer.weight(0, 1));
 * ```
 */
export function createScorer(model: FellegiSunterModel, prepared: PreparedRecords, options: ScorerOptions = {}): PairScorer {
  const compiled = options.compiled ?? model.comparisons.map((c) => compileComparison(c, prepared, options));
  if (options.compiled && (compiled.length !== model.comparisons.length || compiled.some((c, ci) => JSON.stringify(c.comparison) !== JSON.stringify(model.comparisons[ci])))) {
    throw new RangeError("createScorer: the compiled comparisons must be the model's comparisons, in order");
  }
  const width = compiled.length;
  const weights = levelWeights(model);
  const tables = new Map(model.termFrequencies.map((t) => [t.field, t]));
  // Per comparison and level index: the adjustment of each value of the level's field, when the
  // level asks for term-frequency adjustment.
  const tfAdjust = model.comparisons.map((c, ci) =>
    [undefined, ...c.levels, undefined].map((level, l): Float64Array | undefined => {
      if (level === undefined || level.kind !== "exact" || !level.termFrequency) return undefined;
      const table = tables.get(level.field ?? c.field);
      if (table === undefined || table.total === 0) return undefined;
      return adjustmentsByValue(table, compiled[ci]!.columns[l]!.dictionary, model.u[ci]![l - 1]!);
    }),
  );
  const prior = priorWeight(model);
  const adjustment = new Float64Array(width);
  const scratch = new Uint8Array(width);
  const scorer: PairScorer = {
    model,
    compiled,
    width,
    termFrequencyAdjustment: adjustment,
    compare(i, j, out) {
      for (let c = 0; c < width; c++) out[c] = compiled[c]!.levelOf(i, j);
    },
    patternWeight: (levels) => patternWeight(weights, levels),
    termFrequency(levels) {
      let tf = 0;
      for (let c = 0; c < width; c++) {
        const table = tfAdjust[c]![levels[c]!];
        const value = compiled[c]!.matchedValue;
        adjustment[c] = table !== undefined && value >= 0 ? table[value]! : 0;
        tf += adjustment[c]!;
      }
      return tf;
    },
    evidence(i, j, out) {
      scorer.compare(i, j, out);
      const tf = scorer.termFrequency(out);
      return scorer.patternWeight(out) + tf;
    },
    weight(i, j) {
      return prior + scorer.evidence(i, j, scratch);
    },
  };
  return scorer;
}
