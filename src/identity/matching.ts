/**
 * Full and incremental matching (private): from accepted records to a cluster label per record.
 * Both paths score the same candidate pairs with the same model and cluster each component of the
 * link graph the same way, so an incremental run gives the partition a full run would.
 */
import type { SourceRecord } from "../customer/index.js";
import { candidatePartners, listCandidatePairs, reportBlocking, type BlockingIndex, type BlockingReport, type BlockingRule } from "./blocking.js";
import type { Comparison } from "./comparison.js";
import type { IdentityField } from "./fields.js";
import { clusterPairs, type RefusedMerges } from "./cluster.js";
import type { FellegiSunterModel } from "./model.js";
import type { NicknameTable } from "./compare/index.js";
import {
  candidateProbabilities,
  clusterWith,
  pairScorer,
  type CandidateSet,
  collectCandidates,
  identifierLimitsOf,
  indexWith,
  nicknamesOf,
  openPool,
  pairEvaluator,
  prepareWith,
  type PairEvaluator,
  ruleTable,
  type ProgressCallback,
} from "./pipeline.js";
import { recordFingerprints, type PreparedRecords } from "./prepare.js";
import { closePool, estimateUOnPool, type Parallelism, type WorkerPool } from "./parallel.js";
import type { MatchSettings } from "./settings.js";
import {
  assembleModel,
  estimateLambda,
  estimateMByEm,
  estimateMFromLabels,
  estimateU,
  type EmSession,
  type IndexedLabel,
  type TrainingReport,
  type UEstimate,
} from "./train.js";
import { UnionFind } from "./union-find.js";

/** Record-index pairs of overrides. */
export interface IndexOverrides {
  /** Pairs that must share a cluster. */
  readonly mustLink: [number, number][];
  /** Pairs that must not. */
  readonly cannotLink: [number, number][];
}

/** What matching produced. */
export interface MatchOutcome {
  /** The prepared records. */
  readonly prepared: PreparedRecords;
  /** The blocking index. */
  readonly index: BlockingIndex;
  /** The model used (undefined in rules-only scoring). */
  readonly model: FellegiSunterModel | undefined;
  /** What training did, when the model was trained in this run. */
  readonly training: TrainingReport | undefined;
  /** The blocking report (full runs) or undefined (incremental runs). */
  readonly blocking: BlockingReport | undefined;
  /** Candidate pairs scored in this run. */
  readonly comparisons: number;
  /** Of them, pairs at or above the threshold. */
  readonly links: number;
  /** Cluster label per canonical record (the smallest member index). */
  readonly labels: Int32Array;
  /** Merges refused by constraints (in the re-clustered part for incremental runs). */
  readonly refused: RefusedMerges;
  /** Must-link groups holding a cannot-link pair. */
  readonly conflicts: [number, number][];
  /** Records whose cluster was recomputed (all of them in a full run). */
  readonly recomputed: number;
  /** Fingerprint of each canonical record's prepared values (see `recordFingerprints`), for the state. */
  readonly fingerprints: readonly string[];
}

/**
 * Whether a blocking rule forces a comparison to agree: the rule keys on a field the comparison
 * compares (a full name contains the given and family names).
 */
function forcedByRule(comparison: Comparison, rule: BlockingRule): boolean {
  const keyed = new Set<IdentityField>(rule.keys.map((k) => k.field));
  if (keyed.has("fullName")) keyed.add("givenName").add("familyName");
  const compared = [comparison.field, ...comparison.levels.flatMap((l) => (l.field === undefined ? [] : [l.field]))];
  return compared.some((f) => keyed.has(f));
}

/**
 * The record pairs inside the same cluster (with `source`, only pairs from different sources):
 * Σ n(n − 1)/2 over cluster sizes n, less each cluster's pairs within one source. Cluster labels
 * are record indices.
 */
export function clusteredPairs(labels: Int32Array, source?: Int32Array): number {
  const size = new Float64Array(labels.length);
  for (const l of labels) size[l] = size[l]! + 1;
  let pairs = 0;
  for (const n of size) pairs += (n * (n - 1)) / 2;
  if (source === undefined) return pairs;
  // Runs of equal (cluster, source) codes are a cluster's records from one source.
  let sources = 1;
  for (const s of source) if (s >= sources) sources = s + 1;
  const codes = Float64Array.from(labels, (l, i) => l * sources + source[i]!).sort();
  for (let start = 0, k = 1; k <= codes.length; k++) {
    if (k < codes.length && codes[k] === codes[start]) continue;
    const run = k - start;
    pairs -= (run * (run - 1)) / 2;
    start = k;
  }
  return pairs;
}

/**
 * Refines the prior λ by self-consistency: EM on the candidate pairs counts near-matches (two
 * members of a household agree on address, phone and family name) partly as matches, which
 * overstates λ; the pairs that end up inside clusters (at probability 0.5, with the guard against
 * chains) are a better count of matches: cluster with EM's λ, then set λ to the clustered pairs
 * over all possible pairs. The probabilities go to `buffer` (one per candidate pair).
 */
function refineLambda(
  model: FellegiSunterModel,
  candidates: CandidateSet,
  prepared: PreparedRecords,
  settings: MatchSettings,
  possiblePairs: number,
  buffer: Float64Array,
): FellegiSunterModel {
  const pairs = candidateProbabilities(candidates, settings, model, buffer);
  const { labels } = clusterWith(prepared, { ...settings, threshold: 0.5 }, pairs, { mustLink: [], cannotLink: [] });
  const clustered = clusteredPairs(labels, settings.linkType === "link" ? prepared.source : undefined);
  if (clustered === 0 || possiblePairs <= 0) return model;
  return { ...model, lambda: Math.min(1 - 1e-12, Math.max(1e-12, clustered / possiblePairs)) };
}

/** Options of {@link matchFull}. */
export interface FullMatchOptions {
  /** A trained model to use instead of training. */
  readonly model?: FellegiSunterModel | undefined;
  /** Labelled pairs for supervised m, resolved against the prepared records. */
  readonly labels?: (prepared: PreparedRecords) => readonly IndexedLabel[];
  /** Seed of the random pairs for u. */
  readonly seed?: number;
  /** Random pairs for u. */
  readonly uSamplePairs?: number;
  /** EM iteration cap. */
  readonly maxIterations?: number;
  /** Progress callback. */
  readonly onProgress?: ProgressCallback | undefined;
  /** How scoring may use worker threads (default: the calling thread only). */
  readonly parallel?: Parallelism | undefined;
}

/** Candidate pairs compared once, with what led to them. */
interface ScoredRun {
  readonly index: BlockingIndex;
  readonly blocking: BlockingReport;
  /** u from random pairs, when training. */
  readonly u: UEstimate | undefined;
  /** The given model, or with training the one scoring used (m = u: only its term frequencies count). */
  readonly model: FellegiSunterModel | undefined;
  readonly evaluator: PairEvaluator;
  readonly candidates: CandidateSet;
  /** A buffer for the probabilities of the candidates. */
  readonly probability: Float64Array;
}

/**
 * Blocks, estimates u when training and compares every candidate pair. With a worker pool, a
 * worker estimates u from random pairs while this thread blocks, and the pool scores with it.
 */
function blockAndScore(prepared: PreparedRecords, settings: MatchSettings, nicknames: NicknameTable, options: FullMatchOptions, pool: WorkerPool | undefined): ScoredRun {
  const { onProgress } = options;
  const train = settings.scoring !== "rules" && options.model === undefined;
  const uOptions = {
    linkOnly: settings.linkType === "link",
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.uSamplePairs !== undefined ? { samplePairs: options.uSamplePairs } : {}),
  };
  const pendingU = train && pool ? estimateUOnPool(pool, uOptions) : undefined;
  onProgress?.({ stage: "blocking", done: 0, total: prepared.size });
  const index = indexWith(prepared, settings);
  const pairList = listCandidatePairs(index);
  const blocking = reportBlocking(index, pairList);
  let model = settings.scoring !== "rules" ? options.model : undefined;
  let u: ScoredRun["u"];
  if (train) {
    onProgress?.({ stage: "training", done: 0, total: blocking.totalComparisons });
    u = pendingU?.() ?? estimateU(prepared, settings.comparisons, { nicknames, ...uOptions });
    // m does not matter yet: this pass needs only the term-frequency adjustments, which use u.
    model = assembleModel(prepared, settings.comparisons, u.u, u.u, 1e-4);
  }
  // One buffer for the probabilities of λ's refinement and the final ones, allocated before
  // scoring: the garbage collection that large allocations set off then runs beside scoring.
  const probability = new Float64Array(pairList.left.length);
  const evaluator = pairEvaluator(prepared, settings, model, nicknames);
  const candidates = collectCandidates(pairList, evaluator, onProgress, options.parallel, pool);
  return { index, blocking, u, model, evaluator, candidates, probability };
}

/** Matches all records from scratch: block, train (unless a model is given), score, cluster. */
export function matchFull(records: readonly SourceRecord[], settings: MatchSettings, overrides: (prepared: PreparedRecords) => IndexOverrides, options: FullMatchOptions = {}): MatchOutcome {
  const { onProgress } = options;
  onProgress?.({ stage: "preparing", done: 0, total: records.length });
  const prepared = prepareWith(records, settings, options.parallel, onProgress);
  const nicknames = nicknamesOf(settings);
  const pool = openPool(prepared, settings, nicknames, options.parallel);
  let run: ScoredRun;
  try {
    run = blockAndScore(prepared, settings, nicknames, options, pool);
  } finally {
    closePool(pool);
  }
  const { index, blocking, evaluator, candidates, probability } = run;
  let model = run.model;
  let training: TrainingReport | undefined;
  if (run.u !== undefined) {
    const { u, pairs: uPairs } = run.u;
    const labels = options.labels?.(prepared) ?? [];
    let m: number[][];
    let sessions: EmSession[] = [];
    if (labels.some((l) => l.match)) m = estimateMFromLabels(prepared, settings.comparisons, labels, { nicknames });
    else {
      const samples = settings.blocking.map((rule, r) => ({
        rule: rule.name,
        table: ruleTable(candidates, r),
        fixed: settings.comparisons.map((c) => forcedByRule(c, rule)),
      }));
      ({ m, sessions } = estimateMByEm(settings.comparisons, u, samples, options.maxIterations));
    }
    const lambda = estimateLambda(assembleModel(prepared, settings.comparisons, m, u, 1e-4), candidates.patterns, blocking.possibleComparisons);
    model = refineLambda(lambda.model, candidates, prepared, settings, blocking.possibleComparisons, probability);
    training = { uPairs, mFrom: labels.some((l) => l.match) ? "labels" : "em", sessions, labelledPairs: labels.length, candidateMatchShare: lambda.share };
  }
  const pairs = candidateProbabilities(candidates, settings, model, probability);
  let links = 0;
  for (const p of pairs.probability) if (p >= settings.threshold) links++;
  onProgress?.({ stage: "clustering", done: 0, total: prepared.size });
  const clusters = clusterWith(prepared, settings, pairs, overrides(prepared), pairScorer(prepared, settings, model, nicknames, evaluator.compiled));
  return {
    prepared,
    index,
    model,
    training,
    blocking,
    comparisons: pairs.left.length,
    links,
    labels: clusters.labels,
    refused: clusters.refused,
    conflicts: clusters.conflicts,
    recomputed: prepared.size,
    fingerprints: recordFingerprints(prepared),
  };
}

/** What an incremental run knows about the previous one. */
export interface PreviousMatch {
  /** Cluster of each previous record key (its entity id). */
  readonly entityOf: ReadonlyMap<string, string>;
  /** Fingerprint of each previous record's prepared values (a record whose fingerprint changed is resolved again). */
  readonly fingerprintOf: ReadonlyMap<string, string>;
  /** Previous overrides (keys). */
  readonly overrides: { readonly mustLink: readonly (readonly [string, string])[]; readonly cannotLink: readonly (readonly [string, string])[] };
}

type KeyOverrides = PreviousMatch["overrides"];

/** Record keys of the overrides present in one list and not the other. */
function changedOverrideKeys(x: KeyOverrides, y: KeyOverrides): Set<string> {
  const signature = (o: KeyOverrides): Set<string> =>
    new Set([...o.mustLink.map(([a, b]) => `m${a}\u0000${b}`), ...o.cannotLink.map(([a, b]) => `c${a}\u0000${b}`)]);
  const changed = new Set<string>();
  const collect = (o: KeyOverrides, other: Set<string>): void => {
    for (const [a, b] of o.mustLink) if (!other.has(`m${a}\u0000${b}`)) changed.add(a).add(b);
    for (const [a, b] of o.cannotLink) if (!other.has(`c${a}\u0000${b}`)) changed.add(a).add(b);
  };
  collect(x, signature(y));
  collect(y, signature(x));
  return changed;
}

/**
 * Matches incrementally: only the components of the link graph that new or removed records,
 * changed overrides or blocks whose cap status changed can reach are re-clustered; every other
 * record keeps its previous cluster.
 */
export function matchIncremental(
  records: readonly SourceRecord[],
  settings: MatchSettings,
  model: FellegiSunterModel | undefined,
  previous: PreviousMatch,
  nextOverrides: KeyOverrides,
  toIndex: (prepared: PreparedRecords) => IndexOverrides,
  onProgress?: ProgressCallback,
): MatchOutcome {
  onProgress?.({ stage: "preparing", done: 0, total: records.length });
  const prepared = prepareWith(records, settings);
  const n = prepared.size;
  const indexOf = new Map(prepared.keys.map((k, i) => [k, i]));
  onProgress?.({ stage: "blocking", done: 0, total: n });
  const index = indexWith(prepared, settings);
  const old: number[] = [];
  const fresh: number[] = [];
  const changed: number[] = [];
  const fingerprints = recordFingerprints(prepared);
  prepared.keys.forEach((k, i) => {
    if (!previous.entityOf.has(k)) fresh.push(i);
    else if (previous.fingerprintOf.get(k) === fingerprints[i]) old.push(i);
    else changed.push(i);
  });
  fresh.push(...changed); // a changed record is resolved again, like a new one

  // Members of each previous entity still present.
  const membersOf = new Map<string, number[]>();
  for (const i of old) {
    const e = previous.entityOf.get(prepared.keys[i]!)!;
    (membersOf.get(e) ?? membersOf.set(e, []).get(e)!).push(i);
  }
  const seeds = new Set<number>(fresh);
  const seedEntity = (e: string | undefined): void => {
    if (e !== undefined) for (const i of membersOf.get(e) ?? []) seeds.add(i);
  };
  // Entities that lost records, or whose records changed.
  for (const [key, e] of previous.entityOf) if (!indexOf.has(key)) seedEntity(e);
  for (const i of changed) seedEntity(previous.entityOf.get(prepared.keys[i]!));
  // Records whose overrides changed.
  for (const key of changedOverrideKeys(previous.overrides, nextOverrides)) {
    const i = indexOf.get(key);
    if (i !== undefined) seeds.add(i);
    seedEntity(previous.entityOf.get(key));
  }
  // Blocks whose cap status differs between the previous records and all records.
  if (fresh.length > 0 || previous.entityOf.size !== old.length) {
    const oldIndex = indexWith(prepared, settings, old);
    for (let r = 0; r < index.byRule.length; r++) {
      const now = index.byRule[r]!;
      const then = oldIndex.byRule[r]!;
      // keys are interned in the same order of first appearance only by chance; compare by text
      const thenSize = new Map<string, number>();
      for (let k = 0; k + 1 < then.blockStart.length; k++) thenSize.set(then.keyText(k), then.blockStart[k + 1]! - then.blockStart[k]!);
      for (let k = 0; k + 1 < now.blockStart.length; k++) {
        const size = now.blockStart[k + 1]! - now.blockStart[k]!;
        const was = thenSize.get(now.keyText(k)) ?? 0;
        if ((size > now.cap) === (was > then.cap)) continue;
        for (let x = now.blockStart[k]!; x < now.blockStart[k + 1]!; x++) {
          const i = now.members[x]!;
          seeds.add(i);
          seedEntity(previous.entityOf.get(prepared.keys[i]!));
        }
      }
    }
  }
  for (const i of [...seeds]) seedEntity(previous.entityOf.get(prepared.keys[i]!));

  // Explore the link graph from the seeds, scoring every candidate pair met on the way.
  const nicknames = nicknamesOf(settings);
  const score = pairScorer(prepared, settings, model, nicknames);
  const overrides = toIndex(prepared);
  const mustOf = new Map<number, number[]>();
  for (const [a, b] of overrides.mustLink) {
    (mustOf.get(a) ?? mustOf.set(a, []).get(a)!).push(b);
    (mustOf.get(b) ?? mustOf.set(b, []).get(b)!).push(a);
  }
  const visited = new Set<number>();
  const queue = [...seeds].sort((a, b) => a - b);
  const scored = new Map<number, { left: number; right: number; p: number }>();
  const pairKey = (i: number, j: number): number => i * n + j;
  for (const s of queue) visited.add(s);
  onProgress?.({ stage: "scoring", done: 0, total: queue.length });
  for (let q = 0; q < queue.length; q++) {
    const r = queue[q]!;
    for (const partner of candidatePartners(index, r)) {
      const i = Math.min(r, partner);
      const j = Math.max(r, partner);
      const key = pairKey(i, j);
      let entry = scored.get(key);
      if (entry === undefined) {
        entry = { left: i, right: j, p: score(i, j) };
        scored.set(key, entry);
      }
      if (entry.p >= settings.threshold && !visited.has(partner)) {
        visited.add(partner);
        queue.push(partner);
      }
    }
    const entity = previous.entityOf.get(prepared.keys[r]!);
    for (const partner of [...(mustOf.get(r) ?? []), ...(entity === undefined ? [] : membersOf.get(entity) ?? [])]) {
      if (!visited.has(partner)) {
        visited.add(partner);
        queue.push(partner);
      }
    }
  }
  // Re-cluster the visited records on the pairs among them.
  const members = [...visited].sort((a, b) => a - b);
  const local = new Map(members.map((g, l) => [g, l]));
  const pairs = [...scored.values()].filter((e) => local.has(e.left) && local.has(e.right)).sort((a, b) => a.left - b.left || a.right - b.right);
  const sub = (list: [number, number][]): [number, number][] =>
    list.filter(([a, b]) => local.has(a) && local.has(b)).map(([a, b]) => [local.get(a)!, local.get(b)!]);
  const subPrepared = { ...prepared, size: members.length, source: Int32Array.from(members, (g) => prepared.source[g]!) };
  const limits = identifierLimitsOf(prepared, settings).map((limit) => {
    const offsets = new Int32Array(members.length + 1);
    const values: number[] = [];
    members.forEach((g, l) => {
      offsets[l] = values.length;
      for (let v = limit.offsets[g]!; v < limit.offsets[g + 1]!; v++) values.push(limit.values[v]!);
    });
    offsets[members.length] = values.length;
    return { ...limit, offsets, values: Int32Array.from(values) };
  });
  onProgress?.({ stage: "clustering", done: 0, total: members.length });
  const clusters = clusterPairs(
    members.length,
    { left: Int32Array.from(pairs, (e) => local.get(e.left)!), right: Int32Array.from(pairs, (e) => local.get(e.right)!), probability: Float64Array.from(pairs, (e) => e.p) },
    {
      threshold: settings.threshold,
      linkage: settings.linkage,
      mustLink: sub(overrides.mustLink),
      cannotLink: sub(overrides.cannotLink),
      groups: subPrepared.source,
      ...(settings.maxPerSource !== undefined ? { maxPerGroup: settings.maxPerSource } : {}),
      identifierLimits: limits,
      scorePair: (a, b) => score(members[a]!, members[b]!),
      completeLinkThreshold: settings.completeLinkThreshold ?? 0,
    },
  );
  // Labels: re-clustered records from the sub-problem, the rest from their previous entity.
  const labels = new Int32Array(n);
  const uf = new UnionFind(n);
  members.forEach((g, l) => uf.union(g, members[clusters.labels[l]!]!));
  for (const [, list] of membersOf) {
    const keep = list.filter((i) => !visited.has(i));
    for (let k = 1; k < keep.length; k++) uf.union(keep[0]!, keep[k]!);
  }
  labels.set(uf.labels());
  let links = 0;
  for (const e of pairs) if (e.p >= settings.threshold) links++;
  return {
    prepared,
    index,
    model,
    training: undefined,
    blocking: undefined,
    comparisons: scored.size,
    links,
    labels,
    refused: clusters.refused,
    conflicts: clusters.conflicts.map(([a, b]) => [members[a]!, members[b]!]),
    recomputed: members.length,
    fingerprints,
  };
}
