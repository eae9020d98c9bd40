import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MessageChannel } from "node:worker_threads";
import { SourceRecordSchema, type SourceRecord } from "../../src/customer/index.js";
import { resolveIdentities } from "../../src/identity/index.js";
import { settingsFromOptions } from "../../src/identity/options.js";
import { prepareWith } from "../../src/identity/pipeline.js";
import { FIELD_DOMAIN, IDENTITY_FIELDS } from "../../src/identity/fields.js";
import { answerOf, decodeWorkerInputs, encodeWorkerInputs, partOf, prepareOnThreads, runPrepareJob, WORKER_DOMAINS, type PrepareJob } from "../../src/identity/prepare-threads.js";
import {
  assemblePrepared,
  canonicalOrder,
  combineParts,
  prepareColumns,
  prepareRecords,
  resolvePrepareOptions,
  type PrepareInput,
  type PreparedRecords,
} from "../../src/identity/prepare.js";
import { HANDMADE, smallDataset } from "./fixtures.js";

/** Everything preparation produces, as text (typed arrays as plain lists). */
const view = (p: PreparedRecords): string =>
  JSON.stringify({
    keys: p.keys,
    inputIndex: Array.from(p.inputIndex),
    source: Array.from(p.source),
    sources: p.sources,
    blocked: p.blocked,
    warnings: p.warnings,
    columns: Object.entries(p.columns).map(([field, c]) => [field, Array.from(c.offsets), Array.from(c.values), c.dictionary.values]),
  });

// Generated records plus records that produce warnings (mixed scripts), placeholders and a listed value.
const extra = [
  { sourceSystem: "web", sourceId: "mix-1", givenName: "John 陈", familyName: "Smith", emails: ["test@test.com", "info@shop.com"], phones: ["0000000000"] },
  { sourceSystem: "web", sourceId: "mix-2", fullName: "Maria Пушкина", emails: ["info@shop.com"], addresses: [{ lines: ["1 A St", "Flat 2"], city: "Leeds" }] },
].map((r) => SourceRecordSchema.parse(r));
const records: SourceRecord[] = [...smallDataset(150, 7).sourceRecords, ...HANDMADE.map((r) => SourceRecordSchema.parse(r)), ...extra];
const options = { blockedValues: { email: ["info@shop.com"] }, defaultRegion: "GB" } as const;
const whole = prepareRecords(records, options);

/** The fields of a record a worker prepares: emails and addresses. */
const workerInputOf = (r: PrepareInput): PrepareInput => ({
  emails: [...r.emails],
  phones: [],
  addresses: r.addresses.map((a) => ({ lines: [...a.lines], city: a.city, postcode: a.postcode, country: a.country })),
});

const DOMAINS = [...new Set(IDENTITY_FIELDS.map((f) => FIELD_DOMAIN[f]))];

describe("fields prepared apart", () => {
  const order = canonicalOrder(records);
  const resolved = resolvePrepareOptions(options);

  it("combine into what preparing every field together gives, whichever domains each part takes", () => {
    expect(whole.warnings.length).toBeGreaterThan(0);
    expect(whole.blocked.map((b) => b.reason)).toEqual(expect.arrayContaining(["listed", "placeholder"]));
    fc.assert(
      fc.property(fc.subarray(DOMAINS), (taken) => {
        const first = prepareColumns(order.ordered, resolved, { domains: new Set(taken) });
        const second = prepareColumns(order.ordered, resolved, { domains: new Set(DOMAINS.filter((d) => !taken.includes(d))) });
        expect(view(assemblePrepared(order, combineParts([first, second])))).toBe(view(whole));
      }),
      { numRuns: 25 },
    );
  });

  it("cannot combine parts that leave a field out or prepare it twice", () => {
    const names = prepareColumns(order.ordered, resolved, { domains: new Set(["name"]) });
    expect(() => combineParts([names])).toThrow(/field birthDate is prepared by 0 parts/);
    expect(() => combineParts([names, prepareColumns(order.ordered, resolved)])).toThrow(/field givenName is prepared by 2 parts/);
  });

  it("cross to another thread and back unchanged", () => {
    const part = prepareColumns(order.ordered, resolved, { domains: WORKER_DOMAINS });
    const back = partOf(structuredClone(answerOf(part)));
    expect([...back.dictionaries.keys()]).toEqual([...part.dictionaries.keys()]);
    for (const [domain, dictionary] of part.dictionaries) expect(back.dictionaries.get(domain)!.values).toEqual(dictionary.values);
    expect(back.columns).toEqual(part.columns);
    expect(back.blocked).toEqual(part.blocked);
  });

  it("report progress every 4,096 records", () => {
    const many = Array.from({ length: 9_000 }, (): PrepareInput => ({ emails: [], phones: [], addresses: [] }));
    const seen: number[] = [];
    prepareColumns(many, resolvePrepareOptions({}), { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([4_095, 8_191]);
  });
});

describe("the packed emails and addresses handed to a worker", () => {
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "'; DROP TABLE x;--", "陈学", "\u001e\u001f", "", "\u0000"));
  const maybe = fc.option(text, { nil: undefined });
  const address = fc.record({ lines: fc.array(text, { maxLength: 3 }), city: maybe, postcode: maybe, country: maybe });
  const input = fc.record({ givenName: maybe, emails: fc.array(text, { maxLength: 3 }), phones: fc.array(text, { maxLength: 2 }), addresses: fc.array(address, { maxLength: 3 }) });

  it("read back every email and address, absent and empty texts apart", () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 8 }), (list) => {
        expect(decodeWorkerInputs(encodeWorkerInputs(list))).toEqual(list.map(workerInputOf));
      }),
    );
  });

  it("hold source records' emails and addresses as they are", () => {
    expect(decodeWorkerInputs(encodeWorkerInputs(records))).toEqual(records.map(workerInputOf));
  });
});

describe("preparing on two threads", () => {
  const order = canonicalOrder(records);
  const resolved = resolvePrepareOptions(options);

  it("gives what one thread gives", () => {
    const part = prepareOnThreads(order, resolved);
    expect(part).toBeDefined();
    expect(view(assemblePrepared(order, part!))).toBe(view(whole));
  });

  it("is what prepareWith does when threads are allowed and there are enough records", () => {
    const settings = settingsFromOptions(options);
    const one = prepareWith(records, settings);
    const progress: number[] = [];
    const two = prepareWith(records, settings, { threads: 2, minPairs: 0, minRecords: 0 }, (p) => progress.push(p.done));
    expect(view(two)).toBe(view(one));
    expect(view(one)).toBe(view(whole));
  });

  it("prepares alone when no worker can be created", () => {
    // A function cannot be handed to a worker.
    const unclonable = { ...resolved, email: { removePlusTag: (() => true) as unknown as boolean } };
    expect(prepareOnThreads(order, unclonable)).toBeUndefined();
  });

  it("marks the job failed and posts nothing when the worker's preparation throws", () => {
    const control = new SharedArrayBuffer(8);
    const { port1, port2 } = new MessageChannel();
    const posted: unknown[] = [];
    port1.on("message", (message: unknown) => posted.push(message));
    // A blocked value that is not text makes preparation throw.
    const job = { inputs: encodeWorkerInputs(records.slice(0, 3)), options: { ...resolved, blockedValues: { email: [42] } }, control, port: port2 } as unknown as PrepareJob;
    runPrepareJob(job);
    expect(Atomics.load(new Int32Array(control), 0)).toBe(3);
    expect(posted).toEqual([]);
    port1.close();
  });

  it("leaves the resolution unchanged, through resolveIdentities", () => {
    const data = smallDataset(600, 13).sourceRecords;
    const outcome = (threads: number): string => {
      const r = resolveIdentities(data, { threads, parallelMinRecords: 0, parallelMinPairs: 0 });
      return JSON.stringify({ records: r.records, persons: r.persons, households: r.households, state: r.state, blocked: r.blockedValues, warnings: r.warnings });
    };
    expect(outcome(2)).toBe(outcome(1));
  });

  it("rejects record thresholds that are not non-negative whole numbers, naming the option", () => {
    for (const parallelMinRecords of [-1, 0.5, Number.NaN]) expect(() => resolveIdentities(records.slice(0, 2), { parallelMinRecords })).toThrow(/option "parallelMinRecords"/);
  });
});
