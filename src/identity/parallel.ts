/**
 * Scoring candidate pairs on worker threads (private). The calling thread and `threads − 1`
 * workers claim chunks of pairs from a shared counter, so a slow or late worker only takes less
 * work; each thread writes its pattern rows (numbered in its own table) and term frequencies into
 * shared arrays. The tables are then merged by re-interning every thread's rows in pair order, which
 * gives the table and pattern numbers a single thread would: the result does not depend on the
 * number of threads or on which thread scored which pair.
 *
 * A worker that cannot start, fails or stalls takes no part (or its chunks are scored again on the
 * calling thread): the result is the same, only slower. Where worker threads are not available
 * (a runtime without `node:worker_threads`), scoring stays on the calling thread.
 */
import type { CandidatePairs } from "./blocking.js";
import { createNicknameTable, type NicknameTable } from "./compare/index.js";
import { ValueDictionary } from "./dictionary.js";
import { IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import type { FellegiSunterModel } from "./model.js";
import { PatternCounter, type PatternTable } from "./patterns.js";
import type { PreparedColumn, PreparedRecords } from "./prepare.js";
import type { MatchSettings } from "./settings.js";

/** How preparation and candidate scoring may use threads (validated from `MatchOptions.threads`, `parallelMinPairs` and `parallelMinRecords`). */
export interface Parallelism {
  /** Threads that score, the calling one included (1: no workers). */
  readonly threads: number;
  /** Fewest candidate pairs for which workers are started. */
  readonly minPairs: number;
  /** Fewest records for which preparation starts a worker. */
  readonly minRecords: number;
}

/** What a pair evaluator was built from, so that a worker can build the same one. */
export interface EvaluatorInputs {
  /** The prepared records. */
  readonly prepared: PreparedRecords;
  /** The settings (comparisons, rules). */
  readonly settings: MatchSettings;
  /** The model, if any. */
  readonly model: FellegiSunterModel | undefined;
  /** The nickname table. */
  readonly nicknames: NicknameTable;
}

/** The part of a pair evaluator the chunk loop uses (see `PairEvaluator` in pipeline.ts). */
export interface ChunkEvaluator {
  /** Evaluates records `i < j` into the fields below. */
  evaluate(i: number, j: number): void;
  /** Comparison vector of the last pair. */
  readonly levels: Uint8Array;
  /** Term-frequency adjustments of the last pair. */
  readonly termFrequency: number;
}

/** Pairs per chunk, as a power of two: the unit of work a thread claims. */
const CHUNK_BITS = 12;
/** A worker that has not finished a chunk for this long is given up (its chunks are scored again). */
const STALL_MS = 300_000;

// Slots of the control array: the next chunk to claim, the pairs scored so far, then per worker
// thread t ≥ 1 its state (slot 2t) and the number of chunks it finished (slot 2t + 1).
const NEXT_CHUNK = 0;
const PAIRS_DONE = 1;
const stateSlot = (thread: number): number => 2 * thread;
const beatSlot = (thread: number): number => 2 * thread + 1;

/** States of a worker. */
const STARTING = 0;
const RUNNING = 1;
const DONE = 2;
const FAILED = 3;
const CLOSED = 4;

/** Owner of a chunk no thread has finished. */
const UNSCORED = 0xff;

/** The pairs and the outputs every thread reads and writes, in shared memory. */
interface SharedScoring {
  /** Control slots (see above). */
  readonly control: Int32Array;
  /** First record of each pair. */
  readonly left: Int32Array;
  /** Second record of each pair. */
  readonly right: Int32Array;
  /** Pattern row of each pair in the table of the thread that scored it. */
  readonly pattern: Int32Array;
  /** Σ term-frequency adjustments of each pair. */
  readonly termFrequency: Float64Array;
  /** Thread that scored each chunk (0: the calling thread; {@link UNSCORED} until scored). */
  readonly owner: Uint8Array;
}

/** What a worker receives (structured clone; typed arrays in shared memory are not copied). */
export interface ScoreJob {
  /** This worker's thread index (≥ 1). */
  readonly thread: number;
  /** The shared buffers of {@link SharedScoring}. */
  readonly buffers: {
    readonly control: SharedArrayBuffer;
    readonly left: SharedArrayBuffer;
    readonly right: SharedArrayBuffer;
    readonly pattern: SharedArrayBuffer;
    readonly termFrequency: SharedArrayBuffer;
    readonly owner: SharedArrayBuffer;
  };
  /** Port on which the worker posts its pattern table. */
  readonly port: import("node:worker_threads").MessagePort;
  /** Number of prepared records. */
  readonly size: number;
  /** Per field: offsets and values in shared memory, and the index of its dictionary. */
  readonly columns: readonly { readonly field: IdentityField; readonly offsets: SharedArrayBuffer; readonly values: SharedArrayBuffer; readonly dictionary: number }[];
  /** The values of each distinct dictionary. */
  readonly dictionaries: readonly (readonly string[])[];
  /** The settings. */
  readonly settings: MatchSettings;
  /** The model, if any. */
  readonly model: FellegiSunterModel | undefined;
  /** The nickname table's groups. */
  readonly nicknames: readonly (readonly string[])[];
}

/** A worker's answer on its port: its pattern table's rows. */
interface WorkerTable {
  /** Row-major levels of the worker's patterns, in its numbering. */
  readonly levels: Uint8Array;
}

type WorkerThreads = typeof import("node:worker_threads");

/**
 * A Node built-in module, or undefined where the runtime has none (loaded on use, so that the
 * module also loads where there are no worker threads).
 */
function builtin<T>(id: string): T | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.(id) as T | undefined;
}

/** `node:worker_threads`, or undefined where the runtime has none. */
export function workerThreads(): WorkerThreads | undefined {
  return builtin<WorkerThreads>("node:worker_threads");
}

/**
 * The default number of scoring threads: the processors available to the process, at most 4 (1
 * where worker threads are not available).
 */
export function defaultThreads(): number {
  const os = builtin<typeof import("node:os")>("node:os");
  if (os === undefined || workerThreads() === undefined) return 1;
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Number of chunks of `total` pairs. */
function chunkCount(total: number): number {
  return Math.ceil(total / (1 << CHUNK_BITS));
}

/** The view of a job's shared buffers. */
function sharedScoring(buffers: ScoreJob["buffers"]): SharedScoring {
  return {
    control: new Int32Array(buffers.control),
    left: new Int32Array(buffers.left),
    right: new Int32Array(buffers.right),
    pattern: new Int32Array(buffers.pattern),
    termFrequency: new Float64Array(buffers.termFrequency),
    owner: new Uint8Array(buffers.owner),
  };
}

/** Copies a typed array into shared memory. */
function toShared(array: Int32Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Int32Array(buffer).set(array);
  return buffer;
}

/** Shared buffers for scoring `pairs` on `threads` threads. */
function sharedBuffers(pairs: CandidatePairs, threads: number): ScoreJob["buffers"] {
  const total = pairs.left.length;
  return {
    control: new SharedArrayBuffer(4 * 2 * (threads + 1)),
    left: toShared(pairs.left),
    right: toShared(pairs.right),
    pattern: new SharedArrayBuffer(4 * total),
    termFrequency: new SharedArrayBuffer(8 * total),
    owner: unscoredOwners(chunkCount(total)),
  };
}

/** The owner of each of `chunks` chunks, all unscored. */
function unscoredOwners(chunks: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(chunks);
  new Uint8Array(buffer).fill(UNSCORED);
  return buffer;
}

/**
 * Claims and scores chunks until none is left: each pair's pattern row in `counter` and its term
 * frequencies go to the shared outputs, and the chunk is marked as scored by `thread`.
 *
 * @param evaluator - The pair evaluator of this thread.
 * @param shared - The shared pairs and outputs.
 * @param thread - This thread's index (0: the calling thread).
 * @param counter - This thread's pattern table.
 * @param afterChunk - Called after each chunk.
 */
function scoreChunks(evaluator: ChunkEvaluator, shared: SharedScoring, thread: number, counter: PatternCounter, afterChunk?: () => void): void {
  const { control, left, owner } = shared;
  const total = left.length;
  const chunks = chunkCount(total);
  for (let c = Atomics.add(control, NEXT_CHUNK, 1); c < chunks; c = Atomics.add(control, NEXT_CHUNK, 1)) {
    scoreChunk(evaluator, shared, c, counter);
    owner[c] = thread;
    Atomics.add(control, PAIRS_DONE, Math.min(total, (c + 1) << CHUNK_BITS) - (c << CHUNK_BITS));
    if (thread > 0) Atomics.add(control, beatSlot(thread), 1);
    afterChunk?.();
  }
}

/** Scores the pairs of chunk `c` into the shared outputs. */
function scoreChunk(evaluator: ChunkEvaluator, shared: SharedScoring, c: number, counter: PatternCounter): void {
  const { left, right, pattern, termFrequency } = shared;
  const end = Math.min(left.length, (c + 1) << CHUNK_BITS);
  for (let k = c << CHUNK_BITS; k < end; k++) {
    evaluator.evaluate(left[k]!, right[k]!);
    pattern[k] = counter.add(evaluator.levels);
    termFrequency[k] = evaluator.termFrequency;
  }
}

/** The prepared columns and dictionaries as a worker receives them. */
function jobColumns(prepared: PreparedRecords): Pick<ScoreJob, "size" | "columns" | "dictionaries"> {
  const dictionaries: ValueDictionary[] = [];
  const columns = IDENTITY_FIELDS.map((field) => {
    const column = prepared.columns[field];
    let dictionary = dictionaries.indexOf(column.dictionary);
    if (dictionary < 0) dictionary = dictionaries.push(column.dictionary) - 1;
    return { field, offsets: toShared(column.offsets), values: toShared(column.values), dictionary };
  });
  return { size: prepared.size, columns, dictionaries: dictionaries.map((d) => d.values) };
}

/**
 * Prepared records rebuilt in a worker from a job: the columns and their dictionaries (shared by
 * the same fields as in the calling thread); the source records, keys and reports stay behind, as
 * comparing pairs does not read them.
 *
 * @param job - The job.
 * @returns Prepared records that compare pairs exactly as the calling thread's do.
 */
export function preparedFromJob(job: ScoreJob): PreparedRecords {
  const dictionaries = job.dictionaries.map((values) => {
    const dictionary = new ValueDictionary();
    for (const value of values) dictionary.intern(value);
    return dictionary;
  });
  const columns = {} as Record<IdentityField, PreparedColumn>;
  for (const c of job.columns) columns[c.field] = { offsets: new Int32Array(c.offsets), values: new Int32Array(c.values), dictionary: dictionaries[c.dictionary]! };
  return { size: job.size, keys: [], records: [], inputIndex: new Int32Array(0), source: new Int32Array(0), sources: [], columns, blocked: [], warnings: [] };
}

/** The nickname table of a job. */
export function nicknamesFromJob(job: ScoreJob): NicknameTable {
  return createNicknameTable({}, job.nicknames);
}

/**
 * The worker's side of a job: once its evaluator is built, it joins the scoring unless the calling
 * thread has already closed it, and posts its pattern table when no chunk is left.
 *
 * @param job - The job.
 * @param buildEvaluator - Builds the evaluator from the job's inputs.
 */
export function runScoreJob(job: ScoreJob, buildEvaluator: (job: ScoreJob) => ChunkEvaluator): void {
  const shared = sharedScoring(job.buffers);
  const slot = stateSlot(job.thread);
  try {
    const evaluator = buildEvaluator(job);
    if (Atomics.compareExchange(shared.control, slot, STARTING, RUNNING) !== STARTING) return;
    const counter = new PatternCounter(evaluator.levels.length);
    scoreChunks(evaluator, shared, job.thread, counter);
    const answer: WorkerTable = { levels: counter.table().levels };
    job.port.postMessage(answer);
    Atomics.store(shared.control, slot, DONE);
  } catch {
    // The calling thread scores this worker's chunks again.
    Atomics.store(shared.control, slot, FAILED);
  } finally {
    Atomics.notify(shared.control, slot);
    job.port.close();
  }
}

/**
 * The code a worker runs (`script`: the name of a worker entry, such as `"score-worker"`): it
 * imports the built worker script found beside this module (or in
 * `identity/` below it, from a bundle's shared chunk); from the TypeScript sources (tests,
 * benchmarks under tsx) it loads the worker's source through tsx's require hook, since Node 20
 * applies no loader hooks to a worker and tsx's `--import` registers itself on the main thread
 * only. Code rather than a file, so that the worker can inherit every flag of the process (a
 * worker started from a file refuses `--input-type`). Undefined when the script is not found.
 */
export function workerCode(script: string): string | undefined {
  const fs = builtin<typeof import("node:fs")>("node:fs");
  const module = builtin<typeof import("node:module")>("node:module");
  const nodeUrl = builtin<typeof import("node:url")>("node:url");
  if (fs === undefined || module === undefined || nodeUrl === undefined) return undefined;
  const here = import.meta.url;
  const extension = /\.(c?js|ts)$/.exec(here)?.[0] ?? ".js";
  const url = [`./${script}${extension}`, `./identity/${script}${extension}`].map((path) => new URL(path, here)).find((u) => fs.existsSync(u));
  if (url === undefined) return undefined;
  if (extension !== ".ts") return `import(${JSON.stringify(url.href)});`;
  const tsx = module.createRequire(here).resolve("tsx/cjs");
  // Works whether the code runs as a script or as a module (`--input-type=module`).
  return `const load = process.getBuiltinModule("node:module").createRequire(${JSON.stringify(url.href)}); load(${JSON.stringify(tsx)}); load(${JSON.stringify(nodeUrl.fileURLToPath(url))});`;
}

/** A started worker. */
interface StartedWorker {
  readonly thread: number;
  readonly worker: import("node:worker_threads").Worker;
  readonly port: import("node:worker_threads").MessagePort;
}

/** Starts workers 1…`count`; those that cannot start are left out. */
function startWorkers(threads: WorkerThreads, count: number, inputs: EvaluatorInputs, buffers: ScoreJob["buffers"]): StartedWorker[] {
  const code = workerCode("score-worker");
  if (code === undefined) return [];
  const columns = jobColumns(inputs.prepared);
  const started: StartedWorker[] = [];
  for (let thread = 1; thread <= count; thread++) {
    try {
      const { port1, port2 } = new threads.MessageChannel();
      const job: ScoreJob = {
        thread,
        buffers,
        port: port2,
        ...columns,
        settings: inputs.settings,
        model: inputs.model,
        nicknames: inputs.nicknames.groups,
      };
      const worker = new threads.Worker(code, { eval: true, workerData: job, transferList: [port2] });
      // A worker that fails reports it in shared memory; its error event must not end the process.
      worker.on("error", () => undefined);
      worker.unref();
      started.push({ thread, worker, port: port1 });
    } catch {
      // This worker takes no part.
    }
  }
  return started;
}

/**
 * Waits until a worker is done with the chunks it claimed, reporting progress meanwhile. A worker
 * that has not started is closed (it will claim nothing).
 *
 * @returns The worker's final state (`CLOSED`, `DONE` or `FAILED`; a stalled worker counts as failed).
 */
function awaitWorker(shared: SharedScoring, thread: number, progress: () => void): number {
  const { control } = shared;
  const slot = stateSlot(thread);
  if (Atomics.compareExchange(control, slot, STARTING, CLOSED) === STARTING) return CLOSED;
  let beat = Atomics.load(control, beatSlot(thread));
  let quiet = 0;
  while (Atomics.load(control, slot) === RUNNING) {
    if (Atomics.wait(control, slot, RUNNING, 1_000) !== "timed-out") continue;
    progress();
    const now = Atomics.load(control, beatSlot(thread));
    if (now !== beat) {
      beat = now;
      quiet = 0;
    } else if ((quiet += 1_000) >= STALL_MS) return FAILED;
  }
  return Atomics.load(control, slot);
}

/**
 * Renumbers every pair's pattern, in place, from its thread's table into one table whose rows are
 * in order of first appearance along the pairs, as a single thread numbers them.
 */
function mergeTables(shared: SharedScoring, tables: readonly (Uint8Array | undefined)[], width: number): PatternTable {
  const counter = new PatternCounter(width);
  const maps = tables.map((levels) => new Int32Array(levels === undefined ? 0 : levels.length / width).fill(-1));
  const { owner, pattern } = shared;
  const counts: number[] = [];
  for (let k = 0; k < pattern.length; k++) {
    const thread = owner[k >> CHUNK_BITS]!;
    const local = pattern[k]!;
    const map = maps[thread]!;
    let row = map[local]!;
    if (row < 0) {
      row = map[local] = counter.add(tables[thread]!.subarray(local * width, (local + 1) * width), 0);
      if (row === counts.length) counts.push(0);
    }
    pattern[k] = row;
    counts[row]!++;
  }
  return { width, levels: counter.table().levels, counts: Float64Array.from(counts) };
}

/** The outcome of {@link scoreOnThreads}. */
export interface ThreadedScores {
  /** Pattern row of each pair in `patterns`. */
  readonly pattern: Int32Array;
  /** Σ term-frequency adjustments of each pair. */
  readonly termFrequency: Float64Array;
  /** The distinct comparison vectors and how many pairs have each. */
  readonly patterns: PatternTable;
  /** Worker threads whose scores were used (those that scored at least one chunk and finished). */
  readonly workers: number;
}

/**
 * Scores candidate pairs on the calling thread and `workers` worker threads, with the result a
 * single thread gives. Returns undefined when no worker could be started (the caller then scores
 * alone).
 *
 * @param pairs - The candidate pairs.
 * @param evaluator - The calling thread's evaluator.
 * @param inputs - What the evaluator was built from.
 * @param workers - Worker threads to start.
 * @param progress - Called with the number of pairs scored so far.
 * @returns The scores, or undefined.
 */
export function scoreOnThreads(pairs: CandidatePairs, evaluator: ChunkEvaluator, inputs: EvaluatorInputs, workers: number, progress: (done: number) => void): ThreadedScores | undefined {
  const threads = workerThreads();
  if (threads === undefined) return undefined;
  const buffers = sharedBuffers(pairs, workers);
  const started = startWorkers(threads, workers, inputs, buffers);
  if (started.length === 0) return undefined;
  try {
    const shared = sharedScoring(buffers);
    const total = shared.left.length;
    const report = (): void => progress(Math.min(total, Atomics.load(shared.control, PAIRS_DONE)));
    const width = evaluator.levels.length;
    const counter = new PatternCounter(width);
    scoreChunks(evaluator, shared, 0, counter, report);
    const tables: (Uint8Array | undefined)[] = [undefined];
    for (const { thread, port, worker } of started) {
      const state = awaitWorker(shared, thread, report);
      // A stalled worker is stopped before its chunks are scored again.
      if (state === FAILED) void worker.terminate();
      const answer = state === DONE ? (threads.receiveMessageOnPort(port)?.message as WorkerTable | undefined) : undefined;
      tables[thread] = answer?.levels;
    }
    // Chunks of workers that failed (or never finished one) are scored again, here.
    for (let c = 0; c < shared.owner.length; c++) {
      const owner = shared.owner[c]!;
      if (owner !== 0 && (owner === UNSCORED || tables[owner] === undefined)) {
        scoreChunk(evaluator, shared, c, counter);
        shared.owner[c] = 0;
      }
    }
    tables[0] = counter.table().levels;
    report();
    const workersUsed = new Set(shared.owner).size - (shared.owner.includes(0) ? 1 : 0);
    // The outputs stay in shared memory: every worker has finished or been stopped.
    return { patterns: mergeTables(shared, tables, width), pattern: shared.pattern, termFrequency: shared.termFrequency, workers: workersUsed };
  } finally {
    for (const { worker, port } of started) {
      port.close();
      void worker.terminate();
    }
  }
}
