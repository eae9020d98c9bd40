/**
 * Scoring candidate pairs on worker threads (private). The calling thread and `threads − 1`
 * workers claim chunks of pairs from a shared counter, so a slow or late worker only takes less
 * work; each thread writes its pattern rows (numbered in its own table) and term frequencies into
 * shared arrays. The tables are then merged by re-interning every thread's rows in pair order, which
 * gives the table and pattern numbers a single thread would: the result does not depend on the
 * number of threads or on which thread scored which pair.
 *
 * Workers are started with the prepared records (a {@link WorkerSetup}) and then take tasks: score
 * chunks of pairs, or estimate u from random pairs. A large run starts them right after
 * preparation (a {@link WorkerPool}), so that one estimates u while the calling thread blocks and
 * all are ready when scoring starts.
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
import type { EstimateUOptions, UEstimate } from "./train.js";

/** How preparation and candidate scoring may use threads (validated from `MatchOptions.threads`, `parallelMinPairs` and `parallelMinRecords`). */
export interface Parallelism {
  /** Threads that score, the calling one included (1: no workers). */
  readonly threads: number;
  /** Fewest candidate pairs for which workers are started. */
  readonly minPairs: number;
  /** Fewest records for which preparation and the u estimate use a worker too. */
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

/** The buffers of {@link SharedScoring}, as a score task carries them. */
interface ScoreBuffers {
  readonly control: SharedArrayBuffer;
  readonly left: SharedArrayBuffer;
  readonly right: SharedArrayBuffer;
  readonly pattern: SharedArrayBuffer;
  readonly termFrequency: SharedArrayBuffer;
  readonly owner: SharedArrayBuffer;
}

/**
 * What a worker receives when it starts (structured clone; typed arrays in shared memory are not
 * copied): the prepared records and the settings.
 */
export interface WorkerSetup {
  /** Number of prepared records. */
  readonly size: number;
  /** Per field: offsets and values in shared memory, and the index of its dictionary. */
  readonly columns: readonly { readonly field: IdentityField; readonly offsets: SharedArrayBuffer; readonly values: SharedArrayBuffer; readonly dictionary: number }[];
  /** The values of each distinct dictionary. */
  readonly dictionaries: readonly (readonly string[])[];
  /** Source-system id of each record, in shared memory. */
  readonly source: SharedArrayBuffer;
  /** The source systems. */
  readonly sources: readonly string[];
  /** The settings. */
  readonly settings: MatchSettings;
  /** The nickname table's groups. */
  readonly nicknames: readonly (readonly string[])[];
}

/** A task for a worker: score chunks of candidate pairs under a model. */
export interface ScoreTask {
  /** Task kind. */
  readonly kind: "score";
  /** This worker's thread index (≥ 1). */
  readonly thread: number;
  /** The shared buffers of {@link SharedScoring}. */
  readonly buffers: ScoreBuffers;
  /** Port on which the worker posts its pattern table. */
  readonly port: import("node:worker_threads").MessagePort;
  /** The model, if any. */
  readonly model: FellegiSunterModel | undefined;
}

/** A task for a worker: estimate u from random pairs. */
export interface UTask {
  /** Task kind. */
  readonly kind: "u";
  /** Seed, number of pairs, sources. */
  readonly options: Pick<EstimateUOptions, "seed" | "samplePairs" | "linkOnly">;
  /** Shared state of the task (slot 0). */
  readonly control: SharedArrayBuffer;
  /** Port on which the worker posts the estimate. */
  readonly port: import("node:worker_threads").MessagePort;
}

/** A task for a worker. */
export type WorkerTask = ScoreTask | UTask;

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
function sharedScoring(buffers: ScoreBuffers): SharedScoring {
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
function sharedBuffers(pairs: CandidatePairs, threads: number): ScoreBuffers {
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

/** What a worker starts from: the prepared records' columns in shared memory, dictionaries, settings. */
function setupOf(inputs: Omit<EvaluatorInputs, "model">): WorkerSetup {
  const { prepared } = inputs;
  const dictionaries: ValueDictionary[] = [];
  const columns = IDENTITY_FIELDS.map((field) => {
    const column = prepared.columns[field];
    let dictionary = dictionaries.indexOf(column.dictionary);
    if (dictionary < 0) dictionary = dictionaries.push(column.dictionary) - 1;
    return { field, offsets: toShared(column.offsets), values: toShared(column.values), dictionary };
  });
  return {
    size: prepared.size,
    columns,
    dictionaries: dictionaries.map((d) => d.values),
    source: toShared(prepared.source),
    sources: prepared.sources,
    settings: inputs.settings,
    nicknames: inputs.nicknames.groups,
  };
}

/**
 * Prepared records rebuilt in a worker from its setup: the columns and their dictionaries (shared
 * by the same fields as in the calling thread) and the sources; the source records, keys and
 * reports stay behind, as comparing pairs does not read them.
 *
 * @param setup - The setup.
 * @returns Prepared records that compare pairs exactly as the calling thread's do.
 */
export function preparedFromSetup(setup: WorkerSetup): PreparedRecords {
  const dictionaries = setup.dictionaries.map((values) => ValueDictionary.fromDistinct(values as string[]));
  const columns = {} as Record<IdentityField, PreparedColumn>;
  for (const c of setup.columns) columns[c.field] = { offsets: new Int32Array(c.offsets), values: new Int32Array(c.values), dictionary: dictionaries[c.dictionary]! };
  return { size: setup.size, keys: [], records: [], inputIndex: new Int32Array(0), source: new Int32Array(setup.source), sources: setup.sources, columns, blocked: [], warnings: [] };
}

/** What a worker computes with: built by its entry script (which knows the matching code). */
export interface WorkerSide {
  /** The pair evaluator of a score task. */
  evaluator(prepared: PreparedRecords, settings: MatchSettings, model: FellegiSunterModel | undefined, nicknames: NicknameTable): ChunkEvaluator;
  /** The u estimate of a u task. */
  estimateU(prepared: PreparedRecords, settings: MatchSettings, options: UTask["options"] & { readonly nicknames: NicknameTable }): UEstimate;
}

/**
 * The worker's side: takes tasks from `port` until the worker is stopped. The prepared records
 * are rebuilt once, by the first task.
 *
 * @param setup - What the worker was started with.
 * @param port - The worker's port to the calling thread.
 * @param side - The matching code.
 */
export function serveTasks(setup: WorkerSetup, port: { on(event: "message", listener: (task: WorkerTask) => void): unknown }, side: WorkerSide): void {
  let inputs: { readonly prepared: PreparedRecords; readonly nicknames: NicknameTable } | undefined;
  const ready = (): { readonly prepared: PreparedRecords; readonly nicknames: NicknameTable } =>
    (inputs ??= { prepared: preparedFromSetup(setup), nicknames: createNicknameTable({}, setup.nicknames) });
  port.on("message", (task) => {
    if (task.kind === "score") runScoreTask(task, () => side.evaluator(ready().prepared, setup.settings, task.model, ready().nicknames));
    else runOneShot(new Int32Array(task.control), task.port, () => ({ message: side.estimateU(ready().prepared, setup.settings, { ...task.options, nicknames: ready().nicknames }) }));
  });
}

/**
 * A score task on the worker: once its evaluator is built, it joins the scoring unless the calling
 * thread has already closed it, and posts its pattern table when no chunk is left.
 */
function runScoreTask(task: ScoreTask, buildEvaluator: () => ChunkEvaluator): void {
  const shared = sharedScoring(task.buffers);
  const slot = stateSlot(task.thread);
  try {
    const evaluator = buildEvaluator();
    if (Atomics.compareExchange(shared.control, slot, STARTING, RUNNING) !== STARTING) return;
    const counter = new PatternCounter(evaluator.levels.length);
    scoreChunks(evaluator, shared, task.thread, counter);
    const answer: WorkerTable = { levels: counter.table().levels };
    task.port.postMessage(answer);
    Atomics.store(shared.control, slot, DONE);
  } catch {
    // The calling thread scores this worker's chunks again.
    Atomics.store(shared.control, slot, FAILED);
  } finally {
    Atomics.notify(shared.control, slot);
    task.port.close();
  }
}

/**
 * The worker's side of a one-shot task whose state is slot 0 of `control` (slot 1 may count its
 * progress): claims the task unless the calling thread has closed it, posts what `work` returns
 * on `port` and reports `DONE`, or `FAILED` when `work` throws (the calling thread then does the
 * work itself).
 *
 * @param control - The task's shared state.
 * @param port - Port on which the result is posted (closed afterwards).
 * @param work - Computes the message and the buffers to transfer with it.
 */
export function runOneShot(control: Int32Array, port: import("node:worker_threads").MessagePort, work: () => { readonly message: unknown; readonly transfer?: readonly ArrayBuffer[] }): void {
  try {
    if (Atomics.compareExchange(control, 0, STARTING, RUNNING) !== STARTING) return;
    const { message, transfer } = work();
    port.postMessage(message, transfer === undefined ? [] : [...transfer]);
    Atomics.store(control, 0, DONE);
  } catch {
    Atomics.store(control, 0, FAILED);
  } finally {
    Atomics.notify(control, 0);
    port.close();
  }
}

/** The shared state of a one-shot task: its state (slot 0) and progress count (slot 1). */
export function oneShotControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/**
 * The calling thread's side of a one-shot task: its result, or undefined when the worker had not
 * taken the task yet (it is closed), failed or stalled. The port is closed afterwards.
 *
 * @param threads - The worker threads module.
 * @param control - The task's shared state.
 * @param port - Port on which the worker posts the result.
 * @returns The result, or undefined.
 */
export function awaitOneShot<T>(threads: WorkerThreads, control: Int32Array, port: import("node:worker_threads").MessagePort): T | undefined {
  try {
    const state = awaitState(control, 0, 1);
    return state === DONE ? (threads.receiveMessageOnPort(port)?.message as T | undefined) : undefined;
  } finally {
    port.close();
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
}

/** Workers started with the prepared records, numbered from 1, ready for tasks. */
export interface WorkerPool {
  /** The worker threads module. */
  readonly threads: WorkerThreads;
  /** The workers. */
  readonly workers: readonly StartedWorker[];
}

/**
 * Starts `count` workers with the prepared records; those that cannot start are left out.
 *
 * @param inputs - Prepared records, settings, nicknames.
 * @param count - Workers to start.
 * @returns The pool, or undefined when no worker started (or worker threads are not available).
 */
export function startPool(inputs: Omit<EvaluatorInputs, "model">, count: number): WorkerPool | undefined {
  const threads = workerThreads();
  const code = workerCode("score-worker");
  if (threads === undefined || code === undefined || count < 1) return undefined;
  const setup = setupOf(inputs);
  const workers: StartedWorker[] = [];
  for (let thread = 1; thread <= count; thread++) {
    try {
      const worker = new threads.Worker(code, { eval: true, workerData: setup });
      // A worker that fails reports it in shared memory; its error event must not end the process.
      worker.on("error", () => undefined);
      worker.unref();
      workers.push({ thread: workers.length + 1, worker });
    } catch {
      // This worker takes no part.
    }
  }
  return workers.length > 0 ? { threads, workers } : undefined;
}

/** Stops the workers of a pool. */
export function closePool(pool: WorkerPool | undefined): void {
  for (const { worker } of pool?.workers ?? []) void worker.terminate();
}

/**
 * Has the first worker of a pool estimate u; returns a function that waits for the estimate, or
 * returns undefined when the worker failed, stalled or had not started the task (the caller then
 * estimates u itself).
 *
 * @param pool - The pool.
 * @param options - Seed, number of pairs, sources.
 * @returns The waiting function.
 */
export function estimateUOnPool(pool: WorkerPool, options: UTask["options"]): () => UEstimate | undefined {
  const control = oneShotControl();
  const { port1, port2 } = new pool.threads.MessageChannel();
  const task: UTask = { kind: "u", options, control: control.buffer as SharedArrayBuffer, port: port2 };
  try {
    pool.workers[0]!.worker.postMessage(task, [port2]);
  } catch {
    Atomics.store(control, 0, CLOSED);
  }
  return () => awaitOneShot<UEstimate>(pool.threads, control, port1);
}

/** Posts a score task to every worker of a pool; returns the ports on which they answer. */
function postScoreTasks(pool: WorkerPool, buffers: ScoreBuffers, model: FellegiSunterModel | undefined): Map<number, import("node:worker_threads").MessagePort> {
  const ports = new Map<number, import("node:worker_threads").MessagePort>();
  for (const { thread, worker } of pool.workers) {
    const { port1, port2 } = new pool.threads.MessageChannel();
    try {
      const task: ScoreTask = { kind: "score", thread, buffers, port: port2, model };
      worker.postMessage(task, [port2]);
      ports.set(thread, port1);
    } catch {
      // A task that cannot be posted leaves this worker STARTING: it is closed when the calling thread is done.
      port1.close();
    }
  }
  return ports;
}

/**
 * Waits until the worker whose state is `control[slot]` is done, calling `progress` every second.
 * A worker that has not started is closed (it will take nothing); one whose count in
 * `control[beat]` has not moved for `STALL_MS` is given up.
 *
 * @returns The worker's final state (`CLOSED`, `DONE` or `FAILED`; a stalled worker counts as failed).
 */
function awaitState(control: Int32Array, slot: number, beat: number, progress?: () => void): number {
  if (Atomics.compareExchange(control, slot, STARTING, CLOSED) === STARTING) return CLOSED;
  let count = Atomics.load(control, beat);
  let quiet = 0;
  while (Atomics.load(control, slot) === RUNNING) {
    if (Atomics.wait(control, slot, RUNNING, 1_000) !== "timed-out") continue;
    progress?.();
    const now = Atomics.load(control, beat);
    if (now !== count) {
      count = now;
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
 * Scores candidate pairs on the calling thread and worker threads (those of `pool`, else
 * `workers` started for this), with the result a single thread gives. Returns undefined when no
 * worker could be started (the caller then scores alone).
 *
 * @param pairs - The candidate pairs.
 * @param evaluator - The calling thread's evaluator.
 * @param inputs - What the evaluator was built from.
 * @param workers - Worker threads to start when there is no pool.
 * @param progress - Called with the number of pairs scored so far.
 * @param pool - Workers already started with the same prepared records and settings.
 * @returns The scores, or undefined.
 */
export function scoreOnThreads(pairs: CandidatePairs, evaluator: ChunkEvaluator, inputs: EvaluatorInputs, workers: number, progress: (done: number) => void, pool?: WorkerPool): ThreadedScores | undefined {
  const started = pool ?? startPool(inputs, workers);
  if (started === undefined) return undefined;
  const buffers = sharedBuffers(pairs, started.workers.length);
  const ports = postScoreTasks(started, buffers, inputs.model);
  try {
    const shared = sharedScoring(buffers);
    const total = shared.left.length;
    const report = (): void => progress(Math.min(total, Atomics.load(shared.control, PAIRS_DONE)));
    const width = evaluator.levels.length;
    const counter = new PatternCounter(width);
    scoreChunks(evaluator, shared, 0, counter, report);
    const tables: (Uint8Array | undefined)[] = [undefined];
    for (const { thread, worker } of started.workers) {
      const state = awaitState(shared.control, stateSlot(thread), beatSlot(thread), report);
      // A stalled worker is stopped before its chunks are scored again.
      if (state === FAILED) void worker.terminate();
      const port = ports.get(thread);
      const answer = state === DONE && port ? (started.threads.receiveMessageOnPort(port)?.message as WorkerTable | undefined) : undefined;
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
    for (const port of ports.values()) port.close();
    if (pool === undefined) closePool(started);
  }
}
