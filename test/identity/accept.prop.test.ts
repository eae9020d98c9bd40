import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSourceRecords, SourceRecordSchema } from "../../src/customer/index.js";
import { acceptRecords, isCanonicalRecord, readCleanRecord } from "../../src/identity/accept.js";

/** Values that are clean, blank, padded, of the wrong type, too long or hostile. */
const anyText = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom("", "  ", " Ann ", "Ann", "O'Neil", "陈学", "x".repeat(1_001), "a\u0000b"),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, true, {}),
);
const anyList = fc.oneof(fc.constant(undefined), fc.constant(null), anyText, fc.array(anyText, { maxLength: 4 }), fc.constant(Array.from({ length: 101 }, (_, i) => `v${i}`)));
const anyDate = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom("", " ", "2024-03-05", "2024-03-05T14:30:00+01:00", "2023-02-30", "yesterday", " 2024-01-01 ", "0000-01-01", "+275760-09-13"),
  fc.date({ min: new Date(-70_000_000_000_000), max: new Date(300_000_000_000_000) }),
  fc.constant(new Date(Number.NaN)),
  fc.integer(),
);
const anyAddress = fc.oneof(
  fc.record({ lines: anyList, city: anyText, region: anyText, postcode: anyText, country: anyText, kind: fc.constantFrom(undefined, "home", "work", "attic", null) }, { requiredKeys: [] }),
  fc.constantFrom(null, undefined, "12 High St", 7),
);
const anyRow = fc.oneof(
  fc.record(
    {
      sourceSystem: fc.oneof(fc.constantFrom("web", " pos ", "", "a\u0001"), fc.integer({ min: 0, max: 10 })),
      sourceId: fc.oneof(fc.constantFrom("1", "2", " 3 ", "x".repeat(257)), fc.integer({ min: 0, max: 5 })),
      honorific: anyText,
      givenName: anyText,
      middleName: anyText,
      familyName: anyText,
      fullName: anyText,
      emails: anyList,
      phones: anyList,
      addresses: fc.oneof(anyAddress, fc.array(anyAddress, { maxLength: 3 })),
      birthDate: fc.oneof(anyDate, anyText),
      gender: fc.oneof(fc.constantFrom("F", " male ", "woman", "x", "u", "N/A", "robot", "", "constructor"), anyText),
      organizationName: anyText,
      department: anyText,
      jobTitle: anyText,
      accountIds: anyList,
      createdAt: anyDate,
      updatedAt: anyDate,
      attributes: fc.oneof(
        fc.constant(undefined),
        fc.constant(null),
        fc.dictionary(fc.constantFrom("tier", "score", "vip", "since", "__proto__", "constructor"), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.date(), fc.constant(Number.NaN), fc.constant(null))),
        fc.constantFrom("tier", [1, 2]),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, undefined, "row", 7, [1, 2], new Date(0)),
);

describe("the fast path of row validation", () => {
  it("reads a row exactly as the schema does, or leaves it to the schema", () => {
    fc.assert(
      fc.property(anyRow, (row) => {
        const fast = readCleanRecord(row);
        if (fast === undefined) return;
        const schema = SourceRecordSchema.safeParse(row);
        expect(schema.success).toBe(true);
        expect(fast).toStrictEqual(schema.data);
      }),
      { numRuns: 2_000 },
    );
  });

  it("accepts and rejects the same rows as the schema, duplicates aside", () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 12 }), (rows) => {
        const fast = acceptRecords(rows);
        const schema = parseSourceRecords(rows);
        const rejectedBySchema = new Set(schema.rejected.map((r) => r.index));
        const duplicates = fast.rejected.filter((r) => r.issues[0]?.code === "duplicate").map((r) => r.index);
        expect(fast.rejected.filter((r) => r.issues[0]?.code !== "duplicate").map((r) => r.index)).toEqual([...rejectedBySchema]);
        expect([...fast.index, ...duplicates].sort((a, b) => a - b)).toEqual(schema.okIndex);
        expect(fast.accepted).toStrictEqual(fast.index.map((i) => schema.ok[schema.okIndex.indexOf(i)]));
        expect(fast.accepted.length + fast.rejected.length).toBe(rows.length);
      }),
      { numRuns: 300 },
    );
  });

  it("uses a row that already is its parsed record as it is, and only such a row", () => {
    fc.assert(
      fc.property(anyRow, (row) => {
        const schema = SourceRecordSchema.safeParse(row);
        if (isCanonicalRecord(row)) expect(schema.success && schema.data).toStrictEqual(row);
        if (!schema.success) return;
        const parsed = schema.data;
        const plainAttributes = Object.values(parsed.attributes).every((v) => !(v instanceof Date));
        expect(isCanonicalRecord(parsed)).toBe(plainAttributes);
        if (plainAttributes) expect(readCleanRecord(parsed)).toBe(parsed);
      }),
      { numRuns: 2_000 },
    );
  });

  it("copies a row whose values sit behind getters (they are read once)", () => {
    let reads = 0;
    const row = { sourceSystem: "web", sourceId: "1", emails: [], phones: [], addresses: [], accountIds: [], attributes: Object.create(null) as object };
    Object.defineProperty(row, "givenName", { enumerable: true, get: () => (reads++ === 0 ? "Ann" : 42) });
    expect(isCanonicalRecord(row)).toBe(false);
    const read = readCleanRecord(row);
    expect(read).not.toBe(row);
    expect(read?.givenName).toBe("Ann");
    expect(read?.givenName).toBe("Ann");
  });

  it("takes the fast path for clean rows", () => {
    const row = { sourceSystem: "web", sourceId: "1", givenName: "Ann", emails: ["ann@example.org"], addresses: [{ lines: ["1 High St"], city: "Leeds" }], createdAt: new Date(0), attributes: {} };
    expect(readCleanRecord(row)).toStrictEqual(SourceRecordSchema.parse(row));
  });
});
