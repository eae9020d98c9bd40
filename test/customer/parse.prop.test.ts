import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInteractions, parseSourceRecords, parseTransactions } from "../../src/customer/index.js";

/** Junk of every kind: primitives, objects with random keys (including __proto__), nested values. */
const junk = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withBoxedValues: true, maxDepth: 3 });

const nearlyValidRecord = fc.record(
  {
    sourceSystem: fc.oneof(fc.constantFrom("pos", "web", " "), junk),
    sourceId: fc.oneof(fc.string(), fc.integer(), junk),
    givenName: fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), junk),
    emails: fc.oneof(fc.array(fc.string()), fc.string(), junk),
    birthDate: fc.oneof(fc.date(), fc.string(), junk),
    attributes: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.date())), junk),
  },
  { requiredKeys: [] },
);

const nearlyValidTransaction = fc.record(
  {
    id: fc.oneof(fc.string(), junk),
    customerId: fc.oneof(fc.string(), junk),
    timestamp: fc.oneof(fc.date(), fc.constantFrom("2024-01-01", "2024-02-30", ""), junk),
    amount: fc.oneof(fc.double(), fc.string(), junk),
    amountMinor: fc.oneof(fc.integer(), fc.double(), junk),
    currency: fc.oneof(fc.constantFrom("EUR", "JPY", "xxx"), junk),
    lines: fc.oneof(fc.array(fc.record({ sku: fc.string(), quantity: fc.double(), unitPrice: fc.oneof(fc.double(), fc.string()) })), junk),
  },
  { requiredKeys: [] },
);

describe("boundary parsing accounts for every row", () => {
  it("source records: ok + rejected = rows, indices are a partition of the input", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(junk, nearlyValidRecord), { maxLength: 30 }), (rows) => {
        const { ok, okIndex, rejected } = parseSourceRecords(rows);
        expect(ok.length + rejected.length).toBe(rows.length);
        const seen = [...okIndex, ...rejected.map((r) => r.index)].sort((a, b) => a - b);
        expect(seen).toEqual(rows.map((_, i) => i));
        for (const r of rejected) expect(r.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it("transactions: ok + rejected = rows, and accepted amounts are safe integers ≥ 0", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(junk, nearlyValidTransaction), { maxLength: 30 }), (rows) => {
        const { ok, rejected } = parseTransactions(rows);
        expect(ok.length + rejected.length).toBe(rows.length);
        for (const t of ok) expect(Number.isSafeInteger(t.amountMinor) && t.amountMinor >= 0).toBe(true);
      }),
    );
  });

  it("interactions: ok + rejected = rows for arbitrary input", () => {
    fc.assert(fc.property(fc.array(junk, { maxLength: 30 }), (rows) => parseInteractions(rows).ok.length + parseInteractions(rows).rejected.length === rows.length));
  });

  it("parsing never pollutes Object.prototype", () => {
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 10 }), (rows) => {
        parseSourceRecords(rows.map((attributes) => ({ sourceSystem: "s", sourceId: "1", attributes })));
        return Object.keys(Object.prototype).length === 0 && ({} as Record<string, unknown>)["polluted"] === undefined;
      }),
    );
  });
});
