import { Rng } from "../_lib/random.js";
import { compileComparison, type CompileOptions, type Comparison } from "./comparison.js";
import { estimateByEm } from "./em.js";
import { countTermFrequencies, type FellegiSunterModel, type TermFrequencyTable } from "./model.js";
import { PatternCounter, type PatternTable } from "./patterns.js";
import type { PreparedRecords } from "./prepare.js";
import type { IdentityField } from "./fields.js";

/**
 * A labelled pair of records (canonical record indices) for supervised estimation of m.
 *
 * @example
 * ```ts
 * const label: IndexedLabel = { left: 0, right: 7, match: true };
 * ```
 */
export interface IndexedLabel {
  /** One record's canonical index. */
  readonly left: number;
  /** The other record's canonical index. */
  readonly right: number;
  /** Whether the two records are the same entity. */
  readonly match: boolean;
}

/**
 * How one EM session went: the pairs it used (those of one blocking rule), which comparisons it
 * left fixed, and what it estimated.
 *
 * @example
 * ```ts
 * const { rule, pairs, lambda, converged } = report.sessions[0]!;
 * ```
 */
export interface EmSession {
  /** The blocking rule whose pairs were used. */
  readonly rule: string;
  /** Pairs used. */
  readonly pairs: number;
  /** Comparisons left out because the rule forces them to agree. */
  readonly fixed: readonly string[];
  /** Share of matches among the rule's pairs. */
  readonly lambda: number;
  /** Iterations run. */
  readonly iterations: number;
  /** Whether EM converged. */
  readonly converged: boolean;
}

/**
 * What training did.
 *
 * @example
 * ```ts
 * resolution.training?.sessions.map((s) => `${s.rule}: λ=${s.lambda.toFixed(3)}`);
 * ```
 */
export interface TrainingReport {
  /** Random pairs compared to estimate u. */
  readonly uPairs: number;
  /** Where m came from: `"em"` or `"labels"`. */
  readonly mFrom: "em" | "labels";
  /** EM sessions, one per blocking rule that leaves something to estimate. */
  readonly sessions: readonly EmSession[];
  /** Labelled pairs used (0 without labels). */
  readonly labelledPairs: number;
  /** Share of matches among all candidate pairs, from which the prior λ follows. */
  readonly candidateMatchShare: number;
}

/**
 * Level frequencies of a pattern table per comparison, smoothed by `alpha` pseudo-counts spread
 * over the levels as `prior` says (a function of level index and level count).
 */
function levelFrequencies(table: PatternTable, comparisons: readonly Comparison[], alpha: number, prior: (level: number, levels: number) => number): number[][] {
  return comparisons.map((c, ci) => {
    const counts = new Float64Array(c.levels.length + 1);
    let total = 0;
    for (let p = 0; p < table.counts.length; p++) {
      const l = table.levels[p * table.width + ci]!;
      if (l === 0) continue;
      counts[l - 1] = counts[l - 1]! + table.counts[p]!;
      total += table.counts[p]!;
    }
    return Array.from(counts, (n, l) => (n + alpha * prior(l, counts.length)) / (total + alpha));
  });
}

/** Prior of u: agreement is rare among random pairs (1 % shared by the agreement levels). */
const U_PRIOR = (level: number, levels: number): number => (level === levels - 1 ? 0.99 : 0.01 / (levels - 1));
/** Prior of m from labels: uniform. */
const UNIFORM = (_level: number, levels: number): number => 1 / levels;

/** Compares pairs into a pattern table. */
function patternsOf(prepared: PreparedRecords, comparisons: readonly Comparison[], options: CompileOptions, pairs: (visit: (i: number, j: number) => void) => void): PatternTable {
  const compiled = comparisons.map((c) => compileComparison(c, prepared, options));
  const counter = new PatternCounter(compiled.length);
  const vector = new Uint8Array(compiled.length);
  pairs((i, j) => {
    for (let c = 0; c < compiled.length; c++) vector[c] = compiled[c]!.levelOf(i, j);
    counter.add(vector);
  });
  return counter.table();
}

/**
 * Options of {@link estimateU}.
 *
 * @example
 * ```ts
 * const options: EstimateUOptions = { seed: 7, samplePairs: 100_000, linkOnly: false };
 * ```
 */
export interface EstimateUOptions extends CompileOptions {
  /** Seed of the random pairs (default `1`). */
  readonly seed?: number;
  /** Random pairs drawn; every pair when there are fewer (default `100_000`). */
  readonly samplePairs?: number;
  /** Draw only pairs from different sources (default `false`). */
  readonly linkOnly?: boolean;
}

/**
 * The outcome of {@link estimateU}.
 *
 * @example
 * ```ts
 * const { u, pairs }: UEstimate = estimateU(prepared, comparisons);
 * ```
 */
export interface UEstimate {
  /** u per comparison and level (levels without the "missing" level). */
  readonly u: number[][];
  /** Random pairs compared. */
  readonly pairs: number;
}

/**
 * Estimates u, the probability of each comparison level among non-matching pairs, from random
 * pairs (seeded; every pair when there are fewer than `samplePairs`): almost all random pairs
 * are non-matches. Frequencies are smoothed with one pseudo-count, 99 % of it on "different", so
 * that a small sample cannot make agreement look common; an exact level's u is never below the
 * exact chance that two random records share a value, Σ c_v(c_v − 1) / (N(N − 1)), so that a
 * level the sample never saw (two strangers at one address) does not get an enormous weight.
 *
 * @param prepared - The prepared records.
 * @param comparisons - The comparisons.
 * @param options - Seed, sample size, link mode; see {@link EstimateUOptions}.
 * @returns u per comparison and level, and the number of pairs compared.
 * @example
 * ```ts
 * const { u, pairs } = estimateU(prepared, comparisons, { seed: 1 });
 * ```
 */
export function estimateU(prepared: PreparedRecords, comparisons: readonly Comparison[], options: EstimateUOptions = {}): UEstimate {
  const samplePairs = options.samplePairs ?? 100_000;
  if (!(Number.isInteger(samplePairs) && samplePairs >= 1)) throw new RangeError(`uSamplePairs must be a positive integer, got ${samplePairs}`);
  const n = prepared.size;
  const source = prepared.source;
  const linkOnly = options.linkOnly ?? false;
  let pairs = 0;
  const table = patternsOf(prepared, comparisons, { ...options, cacheValuePairs: false }, (visit) => {
    if (n < 2) return;
    if ((n * (n - 1)) / 2 <= samplePairs) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (!(linkOnly && source[i] === source[j])) (visit(i, j), pairs++);
      return;
    }
    const rng = new Rng(options.seed ?? 1);
    for (let attempt = 0; pairs < samplePairs && attempt < samplePairs * 20; attempt++) {
      const i = rng.int(n);
      const j = rng.int(n);
      if (i === j || (linkOnly && source[i] === source[j])) continue;
      visit(Math.min(i, j), Math.max(i, j));
      pairs++;
    }
  });
  const sampled = levelFrequencies(table, comparisons, 1, U_PRIOR);
  // A sample rarely sees two random records share an address or a phone, and a level seen zero
  // times would get an enormous weight. For exact levels the chance of agreement is known exactly
  // from the value counts; u is never below it.
  const exactChance = new Map<IdentityField, number>();
  const u = comparisons.map((c, ci) => {
    const row = [...sampled[ci]!];
    c.levels.forEach((level, l) => {
      if (level.kind !== "exact") return;
      const field = level.field ?? c.field;
      let chance = exactChance.get(field);
      if (chance === undefined) exactChance.set(field, (chance = agreementChance(prepared, field, linkOnly)));
      if (chance > row[l]!) row[l] = chance;
    });
    // "different" takes what the agreement levels leave
    const agreement = row.slice(0, -1).reduce((a, b) => a + b, 0);
    row[row.length - 1] = Math.max(1e-6, 1 - agreement);
    return row;
  });
  return { u, pairs };
}

/**
 * The probability that two records drawn at random (from different sources when linking), both
 * with a value of `field`, share a value: Σ_v c_v(c_v − 1) / (N(N − 1)) over the value counts.
 */
function agreementChance(prepared: PreparedRecords, field: IdentityField, linkOnly: boolean): number {
  const { offsets, values } = prepared.columns[field];
  const sources = linkOnly ? prepared.sources.length : 1;
  // Every (value, source) occurrence as one sortable code; runs of equal codes count records.
  const codes = new Float64Array(values.length);
  const perSource = new Float64Array(sources);
  let k = 0;
  for (let i = 0; i < prepared.size; i++) {
    if (offsets[i] === offsets[i + 1]) continue;
    const s = linkOnly ? prepared.source[i]! : 0;
    perSource[s] = perSource[s]! + 1;
    for (let v = offsets[i]!; v < offsets[i + 1]!; v++) codes[k++] = values[v]! * sources + s;
  }
  codes.sort();
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  let all = 0;
  for (const n of perSource) all += n;
  all = pairs(all);
  if (linkOnly) for (const n of perSource) all -= pairs(n);
  if (all <= 0) return 0;
  // Per value: pairs among its records, less (when linking) pairs within one source.
  let agreeing = 0;
  for (let x = 0; x < k; ) {
    const value = Math.floor(codes[x]! / sources);
    let n = 0;
    let within = 0;
    while (x < k && Math.floor(codes[x]! / sources) === value) {
      const code = codes[x]!;
      let run = 0;
      for (; x < k && codes[x] === code; x++) run++;
      n += run;
      within += pairs(run);
    }
    agreeing += pairs(n) - (linkOnly ? within : 0);
  }
  return Math.min(1, agreeing / all);
}

/** Starting m of EM: most mass on the strongest level, little on "different". */
function initialM(comparison: Comparison): number[] {
  const L = comparison.levels.length;
  const raw = Array.from({ length: L }, (_, l) => Math.pow(0.4, l));
  const sum = raw.reduce((a, b) => a + b, 0);
  return [...raw.map((v) => (0.9 * v) / sum), 0.1];
}

/**
 * The pairs of one blocking rule, counted by comparison vector, for an EM session.
 *
 * @example
 * ```ts
 * const session: RuleSample = { rule: "email", table, fixed: [false, false, false, true] };
 * ```
 */
export interface RuleSample {
  /** The rule's name. */
  readonly rule: string;
  /** The rule's pairs, counted by comparison vector. */
  readonly table: PatternTable;
  /** Comparisons the rule forces to agree (left out of the session). */
  readonly fixed: readonly boolean[];
}

/**
 * The outcome of {@link estimateMByEm}.
 *
 * @example
 * ```ts
 * const { m, sessions }: MEstimate = estimateMByEm(comparisons, u, samples);
 * ```
 */
export interface MEstimate {
  /** m per comparison and level (levels without the "missing" level). */
  readonly m: number[][];
  /** One report per EM session. */
  readonly sessions: EmSession[];
}

/**
 * Estimates m by expectation–maximisation without labels, Splink's way: one EM session (Winkler
 * 1988) per blocking rule on that rule's pairs, u held fixed and the comparisons the rule forces
 * to agree left out; each comparison's m is the median over the sessions that estimated it,
 * level by level, renormalised (a session confounded by near-matches is outvoted). A comparison
 * no session estimated keeps a neutral starting value.
 *
 * @param comparisons - The comparisons.
 * @param u - u per comparison and level.
 * @param samples - One pattern table per blocking rule.
 * @param maxIterations - Most iterations per session (default `100`).
 * @returns m per comparison and level, and one report per session.
 * @example
 * ```ts
 * const { m, sessions } = estimateMByEm(comparisons, u, samples);
 * ```
 */
export function estimateMByEm(comparisons: readonly Comparison[], u: readonly (readonly number[])[], samples: readonly RuleSample[], maxIterations = 100): MEstimate {
  const estimates = comparisons.map((): number[][] => []);
  const sessions: EmSession[] = [];
  for (const sample of samples) {
    const total = sample.table.counts.reduce((a, b) => a + b, 0);
    if (total === 0 || sample.fixed.every(Boolean)) continue;
    const result = estimateByEm(sample.table, comparisons.map(initialM), u, { fixed: sample.fixed, initialLambda: 0.3, maxIterations });
    sessions.push({
      rule: sample.rule,
      pairs: total,
      fixed: comparisons.filter((_, c) => sample.fixed[c]).map((c) => c.name),
      lambda: result.lambda,
      iterations: result.iterations,
      converged: result.converged,
    });
    result.m.forEach((row, c) => {
      if (!sample.fixed[c]) estimates[c]!.push(row);
    });
  }
  // The median of the sessions' estimates, level by level, renormalised: a session whose pairs
  // mix in near-matches (household members share an address and a phone, which EM cannot tell
  // from matches) is outvoted instead of averaged in.
  const m = comparisons.map((c, ci) => {
    const rows = estimates[ci]!;
    if (rows.length === 0) return initialM(c);
    const medians = rows[0]!.map((_, l) => median(rows.map((row) => row[l]!)));
    const sum = medians.reduce((a, b) => a + b, 0);
    return medians.map((v) => v / sum);
  });
  return { m, sessions };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Estimates m from labelled matching pairs: the level frequencies among them, smoothed with one
 * pseudo-count spread evenly over the levels.
 *
 * @param prepared - The prepared records.
 * @param comparisons - The comparisons.
 * @param labels - Labelled pairs; only matches are used.
 * @param options - The nickname table.
 * @returns m per comparison and level.
 * @example
 * ```ts
 * const m = estimateMFromLabels(prepared, comparisons, [{ left: 0, right: 3, match: true }]);
 * ```
 */
export function estimateMFromLabels(prepared: PreparedRecords, comparisons: readonly Comparison[], labels: readonly IndexedLabel[], options: CompileOptions = {}): number[][] {
  const table = patternsOf(prepared, comparisons, options, (visit) => {
    for (const l of labels) if (l.match && l.left !== l.right) visit(Math.min(l.left, l.right), Math.max(l.left, l.right));
  });
  return levelFrequencies(table, comparisons, 1, UNIFORM);
}

const termFrequencyCache = new WeakMap<PreparedRecords, Map<IdentityField, TermFrequencyTable>>();

/** The term-frequency table of a field, counted once per prepared records (models of one run share it). */
function termFrequenciesOf(prepared: PreparedRecords, field: IdentityField): TermFrequencyTable {
  let tables = termFrequencyCache.get(prepared);
  if (tables === undefined) termFrequencyCache.set(prepared, (tables = new Map()));
  let table = tables.get(field);
  if (table === undefined) tables.set(field, (table = countTermFrequencies(prepared, field)));
  return table;
}

/** The fields that some term-frequency level compares, in order of first use. */
function termFrequencyFields(comparisons: readonly Comparison[]): IdentityField[] {
  const fields: IdentityField[] = [];
  for (const c of comparisons) {
    for (const level of c.levels) {
      const field = level.field ?? c.field;
      if (level.kind === "exact" && level.termFrequency && !fields.includes(field)) fields.push(field);
    }
  }
  return fields;
}

/**
 * Makes a comparison's Bayes factors m/u non-increasing along its agreement levels (a stronger
 * level never weighs less than a weaker one) and at least 1 (agreement never counts against a
 * match), raising m where a level breaks the order. The other levels keep their m (so the row
 * may sum to a little more than 1). Levels that training barely saw otherwise get erratic weights.
 */
function orderedM(m: readonly number[], u: readonly number[]): number[] {
  const out = [...m];
  // The last entry is "different"; the agreement levels before it must be ordered, and none may
  // count against a match (m ≥ u: agreeing, even loosely, is never evidence of a non-match).
  const last = out.length - 2;
  if (last >= 0 && out[last]! < u[last]!) out[last] = u[last]!;
  for (let k = last - 1; k >= 0; k--) {
    const floor = Math.max(u[k]!, (u[k]! * out[k + 1]!) / u[k + 1]!);
    if (out[k]! < floor) out[k] = floor;
  }
  // Not renormalised: rescaling would shift every level's weight, "different" included.
  return out;
}

/**
 * Assembles a model from its parts: m is made monotone along the levels (see the docs: a
 * stronger agreement level never weighs less than a weaker one), probabilities are clamped away
 * from 0 and 1, and term frequencies are counted where a level asks for them.
 *
 * @param prepared - The prepared records (for term frequencies).
 * @param comparisons - The comparisons.
 * @param m - m per comparison and level.
 * @param u - u per comparison and level.
 * @param lambda - The prior.
 * @returns The model.
 * @example
 * ```ts
 * const model = assembleModel(prepared, comparisons, m, u, 1e-4);
 * ```
 */
export function assembleModel(prepared: PreparedRecords, comparisons: readonly Comparison[], m: readonly (readonly number[])[], u: readonly (readonly number[])[], lambda: number): FellegiSunterModel {
  const clamp = (v: number): number => Math.min(1 - 1e-12, Math.max(1e-12, v));
  return {
    version: 1,
    comparisons: comparisons.slice(),
    m: m.map((row, c) => orderedM(row.map(clamp), u[c]!.map(clamp)).map(clamp)),
    u: u.map((row) => row.map(clamp)),
    lambda: clamp(lambda),
    termFrequencies: termFrequencyFields(comparisons).map((field) => termFrequenciesOf(prepared, field)),
  };
}

/**
 * The outcome of {@link estimateLambda}.
 *
 * @example
 * ```ts
 * const { model, share }: LambdaEstimate = estimateLambda(model, table, possiblePairs);
 * ```
 */
export interface LambdaEstimate {
  /** The model with the new λ. */
  readonly model: FellegiSunterModel;
  /** Share of matches among the candidate pairs. */
  readonly share: number;
}

/**
 * Estimates the share of matches among candidate pairs by EM with m and u fixed, and from it the
 * prior λ: blocking keeps (nearly) every match, so λ = share × candidates / all possible pairs.
 *
 * @param model - The model (its λ is replaced).
 * @param candidates - Pattern counts of every candidate pair.
 * @param possiblePairs - Number of pairs there are (n·(n−1)/2, or across sources for linking).
 * @returns The model with the new λ and the share of matches among the candidates.
 * @example
 * ```ts
 * const { model: tuned, share } = estimateLambda(model, table, report.possibleComparisons);
 * ```
 */
export function estimateLambda(model: FellegiSunterModel, candidates: PatternTable, possiblePairs: number): LambdaEstimate {
  const total = candidates.counts.reduce((a, b) => a + b, 0);
  if (total === 0 || possiblePairs <= 0) return { model, share: 0 };
  const { lambda } = estimateByEm(candidates, model.m, model.u, { lambdaOnly: true, initialLambda: 0.1, maxIterations: 200 });
  const global = Math.min(1 - 1e-12, Math.max(1e-12, (lambda * total) / possiblePairs));
  return { model: { ...model, lambda: global }, share: lambda };
}
