import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceRecordSchema, type SourceRecord } from "../../src/customer/index.js";
import { prepareRecords, type PreparedRecords } from "../../src/identity/index.js";
import { IDENTITY_FIELDS } from "../../src/identity/fields.js";
import { columnValues, recordFingerprints } from "../../src/identity/prepare.js";
import { HANDMADE } from "./fixtures.js";

const parse = (rows: readonly unknown[]): SourceRecord[] => rows.map((r) => SourceRecordSchema.parse(r));
const values = (prepared: PreparedRecords, field: keyof PreparedRecords["columns"], key: string): string[] => {
  const i = prepared.keys.indexOf(key);
  const column = prepared.columns[field];
  const out: string[] = [];
  for (let v = column.offsets[i]!; v < column.offsets[i + 1]!; v++) out.push(column.dictionary.values[column.values[v]!]!);
  return out;
};

describe("prepareRecords", () => {
  it("puts records in key order whatever the input order", () => {
    const records = parse(HANDMADE);
    const forward = prepareRecords(records);
    const backward = prepareRecords([...records].reverse());
    expect(backward.keys).toEqual(forward.keys);
    expect([...forward.keys].sort()).toEqual(forward.keys);
    expect(forward.records[0]).toBe(records[forward.inputIndex[0]!]);
  });

  it("normalises names, emails, phones, addresses and dates once", () => {
    const prepared = prepareRecords(parse(HANDMADE));
    const web = "web\u001fW1";
    const pos = "pos\u001fP1";
    expect(values(prepared, "email", web)).toEqual(["robertsmith@gmail.com"]);
    expect(values(prepared, "email", pos)).toEqual(["robertsmith@gmail.com"]);
    expect(values(prepared, "phone", pos)).toEqual(["+442079460018"]);
    expect(values(prepared, "birthDate", pos)).toEqual(["19800412"]);
    expect(values(prepared, "familyName", pos)).toEqual(["smith"]);
    expect(values(prepared, "address", web)).toEqual(values(prepared, "address", pos));
    expect(values(prepared, "postcode", pos)).toEqual(["N1 9GU"]);
    // given, family and full names share one dictionary, so a swap can be seen
    expect(prepared.columns.givenName.dictionary).toBe(prepared.columns.familyName.dictionary);
  });

  it("splits a full name written family-first in capitals", () => {
    const prepared = prepareRecords(parse(HANDMADE));
    expect(values(prepared, "givenName", "callcentre\u001fC1")).toEqual(["robert"]);
    expect(values(prepared, "familyName", "callcentre\u001fC1")).toEqual(["smith"]);
  });

  it("takes a name part from the full name when the field holds only a title or a rank", () => {
    const prepared = prepareRecords(
      parse([
        { sourceSystem: "wiki", sourceId: "1", givenName: "Sir", familyName: "Baronet", fullName: "Sir Robert McAlpine, 1st Baronet" },
        { sourceSystem: "wiki", sourceId: "2", givenName: "Sir", familyName: "Williams-Wynn", fullName: "Sir Watkin Williams-Wynn" },
        { sourceSystem: "wiki", sourceId: "3", givenName: "Sir", fullName: "Sir Davis" },
      ]),
    );
    expect(values(prepared, "givenName", "wiki\u001f1")).toEqual(["robert"]);
    expect(values(prepared, "familyName", "wiki\u001f1")).toEqual(["mcalpine"]);
    expect(values(prepared, "givenName", "wiki\u001f2")).toEqual(["watkin"]);
    expect(values(prepared, "familyName", "wiki\u001f2")).toEqual(["williams wynn"]);
    // nothing in the full name but a title and a family name: the given name is missing, not "sir"
    expect(values(prepared, "givenName", "wiki\u001f3")).toEqual([]);
  });

  it("normalises emails with plus-tags and provider rules unless told otherwise", () => {
    const rows = parse([{ sourceSystem: "web", sourceId: "1", emails: ["Ann.Lee+news@googlemail.com"] }]);
    expect(values(prepareRecords(rows), "email", "web\u001f1")).toEqual(["annlee@gmail.com"]);
    expect(values(prepareRecords(rows, { email: { removePlusTag: false } }), "email", "web\u001f1")).toEqual(["annlee+news@gmail.com"]);
    expect(values(prepareRecords(rows, { email: { providerRules: false } }), "email", "web\u001f1")).toEqual(["ann.lee@googlemail.com"]);
  });

  it("keeps a Traditional Chinese name as written, so folding is a level of its own", () => {
    const prepared = prepareRecords(parse(HANDMADE));
    expect(values(prepared, "familyName", "web\u001fW3")).toEqual(["陳"]);
    expect(values(prepared, "familyName", "card\u001fK3")).toEqual(["陈"]);
  });

  it("treats blank values as missing and blocks placeholders and listed values", () => {
    const prepared = prepareRecords(
      parse([
        { sourceSystem: "a", sourceId: "1", givenName: "  ", emails: ["test@test.com", " "], phones: ["000-000-0000"] },
        { sourceSystem: "a", sourceId: "2", emails: ["info@shop.com"], phones: ["+44 20 7946 0018"] },
      ]),
      { blockedValues: { email: ["INFO@shop.com"] } },
    );
    expect(values(prepared, "givenName", "a\u001f1")).toEqual([]);
    expect(values(prepared, "email", "a\u001f1")).toEqual([]);
    expect(values(prepared, "phone", "a\u001f1")).toEqual([]);
    expect(values(prepared, "email", "a\u001f2")).toEqual([]);
    expect(prepared.blocked.map((b) => [b.field, b.reason])).toEqual(
      expect.arrayContaining([
        ["email", "placeholder"],
        ["phone", "placeholder"],
        ["email", "listed"],
      ]),
    );
  });

  it("keeps an impossible birth date as its digits, so a typo can still be compared", () => {
    const prepared = prepareRecords(parse([{ sourceSystem: "f", sourceId: "1", birthDate: "19560431" }]));
    expect(values(prepared, "birthDate", "f\u001f1")).toEqual(["19560431"]);
  });

  it("warns about names that mix writing systems", () => {
    const prepared = prepareRecords(parse([{ sourceSystem: "a", sourceId: "1", givenName: "陈 Chen" }]));
    expect(prepared.warnings.map((w) => w.code)).toContain("MIXED_SCRIPT");
  });

  it("rejects records that share a key, and bad options, as programmer errors", () => {
    const record = parse([{ sourceSystem: "a", sourceId: "1" }])[0]!;
    expect(() => prepareRecords([record, record])).toThrow(/share the key/);
    expect(() => prepareRecords([record], { defaultRegion: "Britain" })).toThrow(/defaultRegion/);
    expect(() => prepareRecords([record], { dateOrder: "YMD" as "DMY" })).toThrow(/dateOrder/);
  });
});

describe("record fingerprints", () => {
  it("are equal exactly when two records have the same prepared values, field by field and in order", () => {
    const row = fc.record({
      givenName: fc.option(fc.constantFrom("Ann", "Bob", "Ann-Marie"), { nil: undefined }),
      familyName: fc.option(fc.constantFrom("Lee", "Li", "Smith"), { nil: undefined }),
      emails: fc.array(fc.constantFrom("a@x.org", "b@x.org", "lee@y.org"), { maxLength: 2 }),
      phones: fc.array(fc.constantFrom("+442079460000", "+442079460001"), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 12 }), (rows) => {
        const prepared = prepareRecords(parse(rows.map((r, k) => ({ sourceSystem: "s", sourceId: String(k), ...r }))));
        const fingerprints = recordFingerprints(prepared);
        const valuesOf = (i: number): string => JSON.stringify(IDENTITY_FIELDS.map((field) => columnValues(prepared.columns[field], i)));
        for (let i = 0; i < prepared.size; i++) {
          for (let j = 0; j < prepared.size; j++) expect(fingerprints[i] === fingerprints[j]).toBe(valuesOf(i) === valuesOf(j));
        }
      }),
      { seed: 20261123, numRuns: 150 },
    );
  });
});
