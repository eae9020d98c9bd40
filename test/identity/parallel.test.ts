import { describe, expect, it } from "vitest";
import { resolveIdentities, ValueDictionary, type IdentityResolution } from "../../src/identity/index.js";
import { listCandidatePairs } from "../../src/identity/blocking.js";
import { settingsFromOptions } from "../../src/identity/options.js";
import { closePool, estimateUOnPool, scoreOnThreads, startPool, type ChunkEvaluator, type EvaluatorInputs } from "../../src/identity/parallel.js";
import { collectCandidates, indexWith, nicknamesOf, pairEvaluator, prepareWith, type CandidateSet } from "../../src/identity/pipeline.js";
import { assembleModel, estimateU } from "../../src/identity/train.js";
import { smallDataset } from "./fixtures.js";

const dataset = smallDataset(3_000, 11);
const settings = settingsFromOptions({});
const prepared = prepareWith(dataset.sourceRecords, settings);
const pairs = listCandidatePairs(indexWith(prepared, settings));
const nicknames = nicknamesOf(settings);
const { u } = estimateU(prepared, settings.comparisons, { nicknames });
const model = assembleModel(prepared, settings.comparisons, u, u, 1e-4);
const inputs: EvaluatorInputs = { prepared, settings, model, nicknames };
const single = collectCandidates(pairs, pairEvaluator(prepared, settings, model, nicknames));

/** The bytes of a typed array (so that doubles compare bit for bit). */
const bytes = (view: ArrayBufferView): Buffer => Buffer.from(view.buffer, view.byteOffset, view.byteLength);

/**
 * The calling thread's evaluator, made slow (1 ms every 4 pairs) for its first `slowPairs` pairs,
 * so that the worker, which takes a moment to start, finds chunks left to score.
 */
function slowed(slowPairs = Number.POSITIVE_INFINITY): ChunkEvaluator {
  const evaluator = pairEvaluator(prepared, settings, model, nicknames);
  const clock = new Int32Array(new SharedArrayBuffer(4));
  let calls = 0;
  return {
    levels: evaluator.levels,
    get termFrequency() {
      return evaluator.termFrequency;
    },
    evaluate(i, j) {
      if (++calls <= slowPairs && calls % 4 === 0) Atomics.wait(clock, 0, 0, 1);
      evaluator.evaluate(i, j);
    },
  };
}

function expectSameScores(scores: Pick<CandidateSet, "pattern" | "termFrequency" | "patterns">): void {
  expect(bytes(scores.pattern).equals(bytes(single.pattern))).toBe(true);
  expect(bytes(scores.termFrequency).equals(bytes(single.termFrequency))).toBe(true);
  expect(scores.patterns.width).toBe(single.patterns.width);
  expect(bytes(scores.patterns.levels).equals(bytes(single.patterns.levels))).toBe(true);
  expect(Array.from(scores.patterns.counts)).toEqual(Array.from(single.patterns.counts));
}

describe("scoring candidate pairs on worker threads", () => {
  it("gives the pattern of each pair, the pattern table and the term frequencies one thread gives", () => {
    expect(pairs.left.length).toBeGreaterThan(20_000);
    const scores = scoreOnThreads(pairs, slowed(), inputs, 1, () => undefined);
    expect(scores?.workers).toBe(1);
    expectSameScores(scores!);
  });

  it("leaves the chunks of a worker that fails part-way to the calling thread, with the same result", () => {
    // The worker knows only the first half of the family names: its first pair with a family name
    // beyond them throws, after it has scored some pairs.
    const names = prepared.columns.familyName.dictionary;
    const half = new ValueDictionary();
    for (const value of names.values.slice(0, names.size >> 1)) half.intern(value);
    const broken: EvaluatorInputs = { ...inputs, prepared: { ...prepared, columns: { ...prepared.columns, familyName: { ...prepared.columns.familyName, dictionary: half } } } };
    const scores = scoreOnThreads(pairs, slowed(8_192), broken, 1, () => undefined);
    expect(scores?.workers).toBe(0);
    expectSameScores(scores!);
  });

  it("scores on the calling thread alone when the worker fails while starting", () => {
    const broken: EvaluatorInputs = { ...inputs, nicknames: { ...nicknames, groups: [[42 as unknown as string]] } };
    const scores = scoreOnThreads(pairs, pairEvaluator(prepared, settings, model, nicknames), broken, 1, () => undefined);
    expect(scores?.workers).toBe(0);
    expectSameScores(scores!);
  });

  it("scores on the calling thread alone when no worker can be created", () => {
    const evaluator = pairEvaluator(prepared, settings, model, nicknames);
    // A function cannot be handed to a worker.
    (evaluator as { inputs: EvaluatorInputs }).inputs = { ...inputs, settings: { ...settings, comparisons: [...settings.comparisons], extra: () => 1 } as typeof settings };
    expect(scoreOnThreads(pairs, evaluator, evaluator.inputs, 1, () => undefined)).toBeUndefined();
    expectSameScores(collectCandidates(pairs, evaluator, undefined, { threads: 2, minPairs: 0, minRecords: 0 }));
  });

  it("is what collectCandidates does when threads are allowed and there are enough pairs", () => {
    const candidates = collectCandidates(pairs, pairEvaluator(prepared, settings, model, nicknames), undefined, { threads: 2, minPairs: 0, minRecords: 0 });
    expectSameScores(candidates);
    expect(candidates.left).toBe(pairs.left);
    expect(candidates.ruleMask).toBe(pairs.rules);
  });
});

describe("a pool of workers started with the prepared records", () => {
  it("estimates u as the calling thread does, then scores with it", () => {
    const pool = startPool(inputs, 1);
    expect(pool?.workers.length).toBe(1);
    try {
      const local = estimateU(prepared, settings.comparisons, { nicknames, seed: 7, samplePairs: 5_000 });
      // A task the worker has not taken yet (it may still be starting) is closed, not waited for.
      let remote: ReturnType<ReturnType<typeof estimateUOnPool>>;
      for (let tries = 0; remote === undefined && tries < 40; tries++) {
        const pending = estimateUOnPool(pool!, { seed: 7, samplePairs: 5_000 });
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
        remote = pending();
      }
      expect(remote).toEqual(local);
      const scores = scoreOnThreads(pairs, slowed(), inputs, 1, () => undefined, pool);
      expect(scores?.workers).toBe(1);
      expectSameScores(scores!);
    } finally {
      closePool(pool);
    }
  });

  it("gives no estimate when the worker fails, so that the calling thread estimates u", () => {
    const pool = startPool({ ...inputs, nicknames: { ...nicknames, groups: [[42 as unknown as string]] } }, 1);
    try {
      const pending = estimateUOnPool(pool!, {});
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_000);
      expect(pending()).toBeUndefined();
    } finally {
      closePool(pool);
    }
  });
});

describe("the threads option", () => {
  const outcome = (r: IdentityResolution): string => JSON.stringify({ records: r.records, entities: r.entities, persons: r.persons, households: r.households, state: r.state });

  it("gives the same resolution, state included, with one thread and with two", () => {
    const one = resolveIdentities(dataset.sourceRecords, { threads: 1 });
    const two = resolveIdentities(dataset.sourceRecords, { threads: 2, parallelMinPairs: 0 });
    expect(one.entities.length).toBeGreaterThan(1_000);
    expect(outcome(two)).toBe(outcome(one));
  });

  it("rejects thread counts and pair thresholds that are not whole numbers in range, naming the option", () => {
    const records = dataset.sourceRecords.slice(0, 3);
    for (const threads of [0, 1.5, 65, Number.NaN]) expect(() => resolveIdentities(records, { threads })).toThrow(/option "threads"/);
    for (const parallelMinPairs of [-1, 0.5]) expect(() => resolveIdentities(records, { parallelMinPairs })).toThrow(/option "parallelMinPairs"/);
  });
});
