/**
 * Preparing records on two threads (private). Preparation is split by value domain: a worker
 * normalises and interns the emails and addresses (with their postcodes and cities) of every
 * record while the calling thread does the rest (names, birth dates, phones, gender, organization
 * fields), which takes about as long. Each dictionary is built by one thread in one pass over the
 * records in canonical order, so ids are exactly those one thread gives. Texts cross between the threads
 * packed into one string with a list of lengths, which a structured clone copies at memory speed.
 * A worker that cannot start, fails or stalls leaves its fields to the calling thread: the result
 * is the same, only slower.
 */
import type { MessagePort } from "node:worker_threads";
import { ValueDictionary } from "./dictionary.js";
import { FIELD_DOMAIN, IDENTITY_FIELDS } from "./fields.js";
import { awaitOneShot, oneShotControl, runOneShot, workerCode, workerThreads } from "./parallel.js";
import { combineParts, prepareColumns, type CanonicalOrder, type PrepareAddress, type PrepareInput, type PreparedPart, type ResolvedPrepareOptions } from "./prepare.js";

/** The value domains the worker prepares: emails and addresses, about half of the work. */
export const WORKER_DOMAINS: ReadonlySet<string> = new Set(["email", "address", "postcode", "city"]);

/**
 * Texts and whole numbers packed for a structured clone: the texts joined into one string, and a
 * stream of numbers holding each text's length (−1 for an absent text) among other counts.
 */
export interface Packed {
  /** The texts, joined. */
  readonly text: string;
  /** Lengths and counts, in the order they were written. */
  readonly stream: Int32Array;
}

/** Writes texts and counts into a {@link Packed}. */
class Packer {
  private readonly texts: string[] = [];
  private readonly numbers: number[] = [];

  count(n: number): void {
    this.numbers.push(n);
  }

  text(value: string | undefined): void {
    if (value === undefined) this.numbers.push(-1);
    else {
      this.numbers.push(value.length);
      this.texts.push(value);
    }
  }

  list(values: readonly string[]): void {
    this.numbers.push(values.length);
    for (const value of values) this.text(value);
  }

  packed(): Packed {
    return { text: this.texts.join(""), stream: Int32Array.from(this.numbers) };
  }
}

/** Reads back what a {@link Packer} wrote, in the same order. */
class Unpacker {
  private at = 0;
  private offset = 0;

  constructor(private readonly packed: Packed) {}

  get done(): boolean {
    return this.at >= this.packed.stream.length;
  }

  count(): number {
    return this.packed.stream[this.at++]!;
  }

  text(): string | undefined {
    const length = this.packed.stream[this.at++]!;
    if (length < 0) return undefined;
    const value = this.packed.text.slice(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  list(): string[] {
    const list: string[] = [];
    for (let k = this.count(); k > 0; k--) list.push(this.text()!);
    return list;
  }
}

/**
 * The fields the worker reads (emails and addresses) of every record, packed.
 *
 * @param records - The records.
 * @returns The packed fields; {@link decodeWorkerInputs} reads them back.
 */
export function encodeWorkerInputs(records: readonly PrepareInput[]): Packed {
  const out = new Packer();
  for (const r of records) {
    out.list(r.emails);
    out.count(r.addresses.length);
    for (const a of r.addresses) {
      out.list(a.lines);
      out.text(a.city);
      out.text(a.postcode);
      out.text(a.country);
    }
  }
  return out.packed();
}

/**
 * Records with the emails and addresses of {@link encodeWorkerInputs} (and no other field).
 *
 * @param packed - The packed fields.
 * @returns The records.
 */
export function decodeWorkerInputs(packed: Packed): PrepareInput[] {
  const input = new Unpacker(packed);
  const records: PrepareInput[] = [];
  while (!input.done) {
    const emails = input.list();
    const addresses: PrepareAddress[] = [];
    for (let k = input.count(); k > 0; k--) addresses.push({ lines: input.list(), city: input.text(), postcode: input.text(), country: input.text() });
    records.push({ emails, phones: [], addresses });
  }
  return records;
}

/** What the preparing worker receives. */
export interface PrepareJob {
  /** The emails and addresses of every record, packed. */
  readonly inputs: Packed;
  /** The preparation options. */
  readonly options: ResolvedPrepareOptions;
  /** Shared state (slot 0) and records prepared so far (slot 1); see `runOneShot`. */
  readonly control: SharedArrayBuffer;
  /** Port on which the worker posts its {@link PreparedAnswer}. */
  readonly port: MessagePort;
}

/** A prepared part as it crosses back: its dictionaries' values packed, in domain order. */
interface PreparedAnswer extends Omit<PreparedPart, "dictionaries"> {
  /** The domains of the dictionaries. */
  readonly domains: readonly string[];
  /** Per domain, its number of values and then the values. */
  readonly values: Packed;
}

/** A prepared part, ready to cross to another thread. */
export function answerOf(part: PreparedPart): PreparedAnswer {
  const out = new Packer();
  const domains = [...part.dictionaries.keys()];
  for (const domain of domains) out.list(part.dictionaries.get(domain)!.values);
  return { columns: part.columns, blocked: part.blocked, warnings: part.warnings, domains, values: out.packed() };
}

/** The prepared part of an answer. */
export function partOf(answer: PreparedAnswer): PreparedPart {
  const input = new Unpacker(answer.values);
  const dictionaries = new Map(answer.domains.map((domain) => [domain, ValueDictionary.fromDistinct(input.list())]));
  return { columns: answer.columns, dictionaries, blocked: answer.blocked, warnings: answer.warnings };
}

/**
 * The worker's side: prepares its fields and posts them, unless the calling thread has closed the
 * job (it then prepares them itself).
 *
 * @param job - The job.
 */
export function runPrepareJob(job: PrepareJob): void {
  const control = new Int32Array(job.control);
  runOneShot(control, job.port, () => {
    const part = prepareColumns(decodeWorkerInputs(job.inputs), job.options, { domains: WORKER_DOMAINS, onProgress: (done) => Atomics.store(control, 1, done) });
    const buffers = Object.values(part.columns).flatMap((c) => [c.offsets.buffer as ArrayBuffer, c.values.buffer as ArrayBuffer]);
    return { message: answerOf(part), transfer: buffers };
  });
}

/** The value domains the calling thread prepares. */
const OWN_DOMAINS: ReadonlySet<string> = new Set(IDENTITY_FIELDS.map((f) => FIELD_DOMAIN[f]).filter((d) => !WORKER_DOMAINS.has(d)));

/**
 * Prepares records in canonical order on the calling thread and one worker, with the result one
 * thread gives. Returns undefined when no worker can be started (the caller prepares alone).
 *
 * @param order - The records in canonical order.
 * @param options - Checked preparation options.
 * @param onProgress - Called with the records the calling thread has prepared.
 * @returns Every field prepared, or undefined.
 */
export function prepareOnThreads(order: CanonicalOrder, options: ResolvedPrepareOptions, onProgress?: (done: number) => void): PreparedPart | undefined {
  const threads = workerThreads();
  const code = workerCode("prepare-worker");
  if (threads === undefined || code === undefined) return undefined;
  const records = order.ordered;
  const control = oneShotControl();
  const { port1, port2 } = new threads.MessageChannel();
  let worker: import("node:worker_threads").Worker;
  try {
    const job: PrepareJob = { inputs: encodeWorkerInputs(records), options, control: control.buffer as SharedArrayBuffer, port: port2 };
    worker = new threads.Worker(code, { eval: true, workerData: job, transferList: [port2] });
  } catch {
    port1.close();
    return undefined;
  }
  // A worker that fails reports it in shared memory; its error event must not end the process.
  worker.on("error", () => undefined);
  worker.unref();
  try {
    const own = prepareColumns(records, options, { domains: OWN_DOMAINS, ...(onProgress ? { onProgress } : {}) });
    const answer = awaitOneShot<PreparedAnswer>(threads, control, port1);
    const theirs = answer !== undefined ? partOf(answer) : prepareColumns(records, options, { domains: WORKER_DOMAINS });
    return combineParts([own, theirs]);
  } finally {
    port1.close();
    void worker.terminate();
  }
}
