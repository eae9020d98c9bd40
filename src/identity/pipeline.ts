/**
 * The matching pipeline on prepared records (private): candidate pairs → comparison vectors and
 * match weights → probabilities → clusters. Shared by full and incremental runs so that both give
 * the same pairs, the same scores and therefore the same clusters.
 */
import type { SourceRecord } from "../customer/index.js";
import { buildBlockingIndex, type BlockingIndex, type CandidatePairs } from "./blocking.js";
import { clusterPairs, type ClusterResult, type IdentifierLimit, type ScoredPairs } from "./cluster.js";
import { createNicknameTable, type NicknameTable } from "./compare/index.js";
import { compileComparison, type CompiledComparison } from "./comparison.js";
import { createScorer, levelWeights, patternWeight, priorWeight, probabilityOfWeight, type FellegiSunterModel } from "./model.js";
import { scoreOnThreads, startPool, type EvaluatorInputs, type Parallelism, type WorkerPool } from "./parallel.js";
import { PatternCounter, type PatternTable } from "./patterns.js";
import { assemblePrepared, canonicalOrder, prepareColumns, resolvePrepareOptions, type PreparedRecords } from "./prepare.js";
import { prepareOnThreads } from "./prepare-threads.js";
import { compileRules, matchingRule } from "./rules.js";
import type { MatchSettings } from "./settings.js";

/**
 * Progress of a long run, reported to `onProgress`.
 *
 * @example
 * ```ts
 * const progress: ResolveProgress = { stage: "scoring", done: 50_000, total: 200_000 };
 * ```
 */
export interface ResolveProgress {
  /** The current stage. */
  readonly stage: "preparing" | "blocking" | "training" | "scoring" | "clustering" | "golden records";
  /** Work done in this stage (records or pairs). */
  readonly done: number;
  /** Work in this stage, when known. */
  readonly total: number;
}

/**
 * A progress callback (for a progress bar on long runs).
 *
 * @example
 * ```ts
 * const onProgress: ProgressCallback = (p) => process.stderr.write(`\r${p.stage} ${p.done}/${p.total}`);
 * ```
 */
export type ProgressCallback = (progress: ResolveProgress) => void;

/** Whether a run of `records` records uses worker threads before scoring (see `parallelMinRecords`). */
const largeRun = (parallel: Parallelism | undefined, records: number): parallel is Parallelism =>
  parallel !== undefined && parallel.threads > 1 && records >= parallel.minRecords;

/**
 * Prepares records with the settings' normalisation options: on two threads when `parallel` allows
 * it and there are enough records, with the same result as on one.
 */
export function prepareWith(records: readonly SourceRecord[], settings: MatchSettings, parallel?: Parallelism, onProgress?: ProgressCallback): PreparedRecords {
  const p = settings.prepare;
  const options = resolvePrepareOptions({
    dateOrder: p.dateOrder,
    blockPlaceholders: p.blockPlaceholders,
    blockedValues: Object.fromEntries(p.blockedValues),
    ...(p.defaultRegion !== undefined ? { defaultRegion: p.defaultRegion } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
  });
  const order = canonicalOrder(records);
  const total = records.length;
  const progress = onProgress && ((done: number): void => onProgress({ stage: "preparing", done, total }));
  const threaded = largeRun(parallel, total) ? prepareOnThreads(order, options, progress) : undefined;
  return assemblePrepared(order, threaded ?? prepareColumns(order.ordered, options, progress ? { onProgress: progress } : {}));
}

/**
 * Starts the worker threads of a large run right after preparation (when `parallel` allows
 * threads and there are at least `minRecords` records), so that they can estimate u while the
 * calling thread blocks and be ready when scoring starts; undefined otherwise.
 */
export function openPool(prepared: PreparedRecords, settings: MatchSettings, nicknames: NicknameTable, parallel: Parallelism | undefined): WorkerPool | undefined {
  if (!largeRun(parallel, prepared.size)) return undefined;
  return startPool({ prepared, settings, nicknames }, parallel.threads - 1);
}

/** Builds the blocking index with the settings' rules and caps. */
export function indexWith(prepared: PreparedRecords, settings: MatchSettings, subset?: readonly number[]): BlockingIndex {
  return buildBlockingIndex(prepared, settings.blocking, {
    maxBlockSize: settings.maxBlockSize,
    linkType: settings.linkType,
    ...(subset ? { subset } : {}),
  });
}

/** The nickname table of the settings. */
export function nicknamesOf(settings: MatchSettings): NicknameTable {
  return createNicknameTable(Object.fromEntries(settings.nicknames));
}

/** Evaluates pairs: comparison vector, Fellegi–Sunter evidence and the matching rule. */
export interface PairEvaluator {
  /** Evaluates records `i < j`; the results are in the fields below until the next call. */
  evaluate(i: number, j: number): void;
  /** Comparison vector of the last pair. */
  readonly levels: Uint8Array;
  /** Σ level weights and term-frequency adjustments of the last pair (0 without a model). */
  evidence: number;
  /** Index of the deterministic rule the last pair satisfies, or −1. */
  rule: number;
  /** Term-frequency adjustments of the last pair (0 without a model). */
  termFrequency: number;
  /** What the evaluator was built from (a worker thread builds the same evaluator from it). */
  readonly inputs: EvaluatorInputs;
  /** Its compiled comparisons (another evaluator of the same settings and records may reuse them). */
  readonly compiled: readonly CompiledComparison[];
}

/**
 * Builds the pair evaluator of the settings: comparisons, model weights and rules; with `reuse`,
 * the comparisons another evaluator of the same settings and records compiled.
 */
export function pairEvaluator(prepared: PreparedRecords, settings: MatchSettings, model: FellegiSunterModel | undefined, nicknames: NicknameTable, reuse?: readonly CompiledComparison[]): PairEvaluator {
  const rules = compileRules(settings.rules, settings.comparisons);
  const scorer = model ? createScorer(model, prepared, { nicknames, ...(reuse ? { compiled: reuse } : {}) }) : undefined;
  const compiled = scorer ? scorer.compiled : (reuse ?? settings.comparisons.map((c) => compileComparison(c, prepared, { nicknames })));
  const levels = new Uint8Array(compiled.length);
  const evaluator: PairEvaluator = {
    inputs: { prepared, settings, model, nicknames },
    compiled,
    levels,
    evidence: 0,
    rule: -1,
    termFrequency: 0,
    evaluate(i, j) {
      if (scorer) {
        scorer.compare(i, j, levels);
        evaluator.termFrequency = scorer.termFrequency(levels);
        evaluator.evidence = scorer.patternWeight(levels) + evaluator.termFrequency;
      } else for (let c = 0; c < compiled.length; c++) levels[c] = compiled[c]!.levelOf(i, j);
      evaluator.rule = rules.rules.length > 0 ? matchingRule(rules, levels) : -1;
    },
  };
  return evaluator;
}

/** The match probability of a pair from its evidence and rule, under the settings' scoring. */
export function probabilityOf(settings: MatchSettings, prior: number, evidence: number, rule: number): number {
  if (rule >= 0) return 1;
  if (settings.scoring === "rules") return 0;
  return probabilityOfWeight(prior + evidence);
}

/** The prior weight of a model, 0 without one. */
export function priorOf(model: FellegiSunterModel | undefined): number {
  return model ? priorWeight(model) : 0;
}

/** Every candidate pair: its comparison vector (as a pattern row), term frequencies and rules. */
export interface CandidateSet {
  /** First record of each pair. */
  readonly left: Int32Array;
  /** Second record of each pair. */
  readonly right: Int32Array;
  /** Pattern row of each pair in `patterns`. */
  readonly pattern: Int32Array;
  /** Σ term-frequency adjustments of each pair (0 without a model). */
  readonly termFrequency: Float64Array;
  /** Bit r set when blocking rule r generates the pair. */
  readonly ruleMask: Uint32Array;
  /** The distinct comparison vectors and how many pairs have each. */
  readonly patterns: PatternTable;
}

/**
 * Compares every candidate pair once: on worker threads as well (those of `pool` when given) when
 * `parallel` allows it and there are enough pairs, with the same result as on one thread.
 */
export function collectCandidates(pairs: CandidatePairs, evaluator: PairEvaluator, onProgress?: ProgressCallback, parallel?: Parallelism, pool?: WorkerPool): CandidateSet {
  const total = pairs.left.length;
  if (parallel !== undefined && parallel.threads > 1 && total >= parallel.minPairs) {
    let reported = 0;
    const progress = (done: number): void => {
      if (done - reported < 100_000) return;
      reported = done;
      onProgress?.({ stage: "scoring", done, total });
    };
    const scores = scoreOnThreads(pairs, evaluator, evaluator.inputs, parallel.threads - 1, progress, pool);
    if (scores !== undefined) {
      onProgress?.({ stage: "scoring", done: total, total });
      return { left: pairs.left, right: pairs.right, pattern: scores.pattern, termFrequency: scores.termFrequency, ruleMask: pairs.rules, patterns: scores.patterns };
    }
  }
  const pattern = new Int32Array(total);
  const tf = new Float64Array(total);
  const counter = new PatternCounter(evaluator.levels.length);
  for (let k = 0; k < total; k++) {
    evaluator.evaluate(pairs.left[k]!, pairs.right[k]!);
    pattern[k] = counter.add(evaluator.levels);
    tf[k] = evaluator.termFrequency;
    if (onProgress && k % 100_000 === 99_999) onProgress({ stage: "scoring", done: k + 1, total });
  }
  onProgress?.({ stage: "scoring", done: total, total });
  return { left: pairs.left, right: pairs.right, pattern, termFrequency: tf, ruleMask: pairs.rules, patterns: counter.table() };
}

/** The pattern table of the pairs one blocking rule generates. */
export function ruleTable(candidates: CandidateSet, rule: number): PatternTable {
  const { patterns, pattern, ruleMask } = candidates;
  const counts = new Float64Array(patterns.counts.length);
  const bit = 1 << rule;
  for (let k = 0; k < pattern.length; k++) if ((ruleMask[k]! & bit) !== 0) counts[pattern[k]!] = counts[pattern[k]!]! + 1;
  return { width: patterns.width, levels: patterns.levels, counts };
}

/**
 * Probabilities of the candidates under a model (or rules alone), written into `into` when given
 * (a buffer of as many pairs) instead of a new array.
 */
export function candidateProbabilities(candidates: CandidateSet, settings: MatchSettings, model: FellegiSunterModel | undefined, into?: Float64Array): ScoredPairs {
  const { patterns } = candidates;
  const width = patterns.width;
  const rows = patterns.counts.length;
  const rules = compileRules(settings.rules, settings.comparisons);
  const weights = model && settings.scoring !== "rules" ? levelWeights(model) : undefined;
  const rowWeight = new Float64Array(rows);
  const rowRule = new Int32Array(rows);
  for (let p = 0; p < rows; p++) {
    const levels = patterns.levels.subarray(p * width, (p + 1) * width);
    rowWeight[p] = weights ? patternWeight(weights, levels) : 0;
    rowRule[p] = rules.rules.length > 0 ? matchingRule(rules, levels) : -1;
  }
  const prior = priorOf(model);
  const probability = into ?? new Float64Array(candidates.left.length);
  const { pattern, termFrequency } = candidates;
  for (let k = 0; k < probability.length; k++) {
    const p = pattern[k]!;
    probability[k] = probabilityOf(settings, prior, rowWeight[p]! + termFrequency[k]!, rowRule[p]!);
  }
  return { left: candidates.left, right: candidates.right, probability };
}

/** The identifier limits of the settings as CSR columns of the prepared records. */
export function identifierLimitsOf(prepared: PreparedRecords, settings: MatchSettings): IdentifierLimit[] {
  return settings.identifierLimits.map(({ field, max }) => ({
    name: field,
    offsets: prepared.columns[field].offsets,
    values: prepared.columns[field].values,
    max,
  }));
}

/**
 * The match probability of any two records (`i < j`) under a model, for the complete-link check
 * of clustering; `reuse` as for {@link pairEvaluator}.
 */
export function pairScorer(prepared: PreparedRecords, settings: MatchSettings, model: FellegiSunterModel | undefined, nicknames: NicknameTable, reuse?: readonly CompiledComparison[]): (i: number, j: number) => number {
  const evaluator = pairEvaluator(prepared, settings, model, nicknames, reuse);
  const prior = priorOf(model);
  return (i, j) => {
    evaluator.evaluate(i, j);
    return probabilityOf(settings, prior, evaluator.evidence, evaluator.rule);
  };
}

/**
 * Clusters scored pairs with the settings' threshold, linkage and constraints; with `scorePair`,
 * also the settings' complete-link check.
 */
export function clusterWith(
  prepared: PreparedRecords,
  settings: MatchSettings,
  pairs: ScoredPairs,
  overrides: { mustLink: [number, number][]; cannotLink: [number, number][] },
  scorePair?: (i: number, j: number) => number,
): ClusterResult {
  return clusterPairs(prepared.size, pairs, {
    ...(scorePair !== undefined ? { scorePair, completeLinkThreshold: settings.completeLinkThreshold ?? 0 } : {}),
    threshold: settings.threshold,
    linkage: settings.linkage,
    mustLink: overrides.mustLink,
    cannotLink: overrides.cannotLink,
    groups: prepared.source,
    ...(settings.maxPerSource !== undefined ? { maxPerGroup: settings.maxPerSource } : {}),
    identifierLimits: identifierLimitsOf(prepared, settings),
  });
}
