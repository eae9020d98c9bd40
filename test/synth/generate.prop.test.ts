import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSourceRecords, parseTransactions } from "../../src/customer/index.js";
import { generateCrmDataset, streamCrmDataset } from "../../src/synth/index.js";

const options = fc.record({
  seed: fc.integer({ min: -1e9, max: 1e9 }),
  customers: fc.integer({ min: 0, max: 120 }),
  chineseShare: fc.double({ min: 0, max: 1, noNaN: true }),
  householdShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
  organizationShare: fc.double({ min: 0, max: 0.4, noNaN: true }),
  noise: fc.double({ min: 0, max: 3, noNaN: true }),
  chunkSize: fc.integer({ min: 1, max: 50 }),
});

describe("generator invariants", () => {
  it("is deterministic for any options", () => {
    fc.assert(fc.property(options, (o) => JSON.stringify(generateCrmDataset(o)) === JSON.stringify(generateCrmDataset(o))), { numRuns: 25 });
  });

  it("makes exactly the requested number of people, each record parses and ids are unique", () => {
    fc.assert(
      fc.property(options, (o) => {
        const d = generateCrmDataset(o);
        expect(d.persons).toHaveLength(o.customers);
        expect(parseSourceRecords(d.sourceRecords).rejected).toEqual([]);
        expect(parseTransactions(d.transactions).rejected).toEqual([]);
        expect(new Set(d.sourceRecords.map((r) => r.sourceId)).size).toBe(d.sourceRecords.length);
        expect(new Set(d.transactions.map((t) => t.id)).size).toBe(d.transactions.length);
        expect(new Set(d.accounts.map((a) => a.id)).size).toBe(d.accounts.length);
      }),
      { numRuns: 25 },
    );
  });

  it("parts streamed separately concatenate to the whole stream", () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 1, max: 4 }), (o, of) => {
        const whole = [...streamCrmDataset(o)];
        const parts = Array.from({ length: of }, (_, index) => [...streamCrmDataset({ ...o, part: { index, of } })]).flat();
        expect(parts).toEqual(whole);
      }),
      { numRuns: 20 },
    );
  });
});
