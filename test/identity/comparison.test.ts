import { describe, expect, it } from "vitest";
import { SourceRecordSchema } from "../../src/customer/index.js";
import { ComparisonSchema, comparisonLabels, compileComparison, createNicknameTable, levelLabel, prepareRecords, type Comparison } from "../../src/identity/index.js";

const prepare = (rows: object[]) => prepareRecords(rows.map((r, k) => SourceRecordSchema.parse({ sourceSystem: "s", sourceId: String(k), ...r })));
const level = (comparison: Comparison, a: object, b: object): string => {
  const prepared = prepare([a, b]);
  const compiled = compileComparison(ComparisonSchema.parse(comparison), prepared);
  return comparisonLabels(compiled.comparison)[compiled.levelOf(0, 1)]!;
};

const given: Comparison = {
  name: "given",
  field: "givenName",
  levels: [{ kind: "exact" }, { kind: "folded" }, { kind: "pinyin" }, { kind: "swapped", with: "familyName" }, { kind: "nickname" }, { kind: "jaroWinkler", min: 0.9 }, { kind: "initial" }],
};

describe("comparisons", () => {
  it("reaches the first level whose test passes", () => {
    expect(level(given, { givenName: "Robert" }, { givenName: "ROBERT" })).toBe("exact");
    expect(level(given, { givenName: "Robert" }, { givenName: "Bob" })).toBe("nickname");
    expect(level(given, { givenName: "Katherine" }, { givenName: "Katherina" })).toBe("Jaro-Winkler ≥ 0.9");
    expect(level(given, { givenName: "R." }, { givenName: "Robert" })).toBe("initial");
    expect(level(given, { givenName: "Robert" }, { givenName: "Xavier" })).toBe("different");
  });

  it("treats a missing value as missing, not as a mismatch", () => {
    expect(level(given, { givenName: "Robert" }, { familyName: "Smith" })).toBe("missing");
    expect(level(given, { givenName: " " }, { givenName: "Robert" })).toBe("missing");
  });

  it("sees Traditional and Simplified Chinese, and Chinese and pinyin, as the same name", () => {
    expect(level(given, { givenName: "學" }, { givenName: "学" })).toBe("same after script folding");
    expect(level(given, { givenName: "学" }, { givenName: "Xue" })).toBe("same pinyin");
  });

  it("sees given and family names written the wrong way round", () => {
    expect(level(given, { givenName: "Smith", familyName: "John" }, { givenName: "John", familyName: "Smith" })).toBe("swapped with familyName");
  });

  it("sees one organization name's words all inside the other's", () => {
    const name: Comparison = { name: "name", field: "organizationName", levels: [{ kind: "exact" }, { kind: "overlap", min: 1 }] };
    expect(level(name, { organizationName: "Johnson" }, { organizationName: "Chicago Public Schools Johnson" })).toBe("token overlap ≥ 1");
    expect(level(name, { organizationName: "Johnson" }, { organizationName: "Chicago Public Schools Mason" })).toBe("different");
  });

  it("sees a family name typed into the given-name field of one record", () => {
    const crossed: Comparison = { name: "given", field: "givenName", levels: [{ kind: "exact" }, { kind: "crossed", with: "familyName", min: 0.9 }] };
    expect(level(crossed, { givenName: "Ceely" }, { givenName: "Arthur", familyName: "Ceely" })).toBe("crossed with familyName (Jaro-Winkler ≥ 0.9)");
    expect(level(crossed, { givenName: "Arthur", familyName: "Ceely" }, { givenName: "Ceeley" })).toBe("crossed with familyName (Jaro-Winkler ≥ 0.9)");
    expect(level(crossed, { givenName: "Ceely" }, { givenName: "Arthur", familyName: "Smith" })).toBe("different");
    expect(ComparisonSchema.safeParse({ name: "x", field: "givenName", levels: [{ kind: "crossed", with: "email" }] }).success).toBe(false);
  });

  it("compares multi-valued fields any-to-any", () => {
    const email: Comparison = { name: "email", field: "email", levels: [{ kind: "exact" }, { kind: "damerauLevenshtein", max: 1 }] };
    expect(level(email, { emails: ["ann@acme.org", "bob@acme.org"] }, { emails: ["BOB@acme.org"] })).toBe("exact");
    expect(level(email, { emails: ["jon@acme.org"] }, { emails: ["kim@acme.org", "jan@acme.org"] })).toBe("Damerau-Levenshtein ≤ 1");
  });

  it("sees a national and an international writing of one phone number through their last digits", () => {
    const phone: Comparison = { name: "phone", field: "phone", levels: [{ kind: "exact" }, { kind: "suffix", length: 9 }] };
    expect(level(phone, { phones: ["07700 900123"] }, { phones: ["+44 7700 900123"] })).toBe("last 9 characters");
    expect(level(phone, { phones: ["+44 7700 900123"] }, { phones: ["0044 7700 900123"] })).toBe("exact");
  });

  it("compares dates exactly, transposed, within days and by year", () => {
    const date: Comparison = { name: "dob", field: "birthDate", levels: [{ kind: "exact" }, { kind: "dateTransposed" }, { kind: "dateWithin", days: 30 }, { kind: "sameYear" }] };
    expect(level(date, { birthDate: "1980-04-12" }, { birthDate: "12/04/1980" })).toBe("exact");
    expect(level(date, { birthDate: "1980-04-12" }, { birthDate: "1980-12-04" })).toBe("day and month swapped");
    expect(level(date, { birthDate: "1980-04-12" }, { birthDate: "1980-05-01" })).toBe("within 30 days");
    expect(level(date, { birthDate: "1980-04-12" }, { birthDate: "1980-11-20" })).toBe("same year");
  });

  it("lets a level compare another field, and is missing only when no field it uses is on both sides", () => {
    const address: Comparison = {
      name: "address",
      field: "address",
      levels: [{ kind: "exact" }, { kind: "exact", field: "postcode" }, { kind: "exact", field: "city" }],
    };
    const a = { addresses: [{ lines: ["1 Main St"], postcode: "AB1 2CD", city: "Leeds" }] };
    expect(level(address, a, { addresses: [{ lines: ["1 Main Street"], postcode: "AB1 2CD" }] })).toBe("exact");
    expect(level(address, a, { addresses: [{ lines: ["9 Side Rd"], postcode: "AB12CD" }] })).toBe("postcode exact");
    expect(level(address, a, { addresses: [{ lines: [], city: "LEEDS" }] })).toBe("city exact");
    expect(level(address, a, { addresses: [{ lines: [], city: "York" }] })).toBe("different");
    expect(level(address, a, { emails: ["x@y.org"] })).toBe("missing");
  });

  it("uses an extended nickname table when given one", () => {
    const prepared = prepare([{ givenName: "Kasia" }, { givenName: "Katarzyna" }]);
    const plain = compileComparison(ComparisonSchema.parse(given), prepared);
    const extended = compileComparison(ComparisonSchema.parse(given), prepared, { nicknames: createNicknameTable({ katarzyna: ["kasia"] }) });
    expect(comparisonLabels(given)[plain.levelOf(0, 1)]).toBe("different");
    expect(comparisonLabels(given)[extended.levelOf(0, 1)]).toBe("nickname");
  });

  it("labels levels and refuses repeated labels and impossible swaps", () => {
    expect(levelLabel({ kind: "exact", field: "postcode" })).toBe("postcode exact");
    expect(levelLabel({ kind: "prefix", length: 3, label: "district" })).toBe("district");
    expect(comparisonLabels({ name: "x", field: "email", levels: [{ kind: "exact" }] })).toEqual(["missing", "exact", "different"]);
    expect(ComparisonSchema.safeParse({ name: "x", field: "email", levels: [{ kind: "exact" }, { kind: "exact" }] }).success).toBe(false);
    expect(ComparisonSchema.safeParse({ name: "x", field: "email", levels: [{ kind: "swapped", with: "phone" }] }).success).toBe(false);
    expect(ComparisonSchema.safeParse({ name: "x", field: "email", levels: [{ kind: "jaroWinkler", min: 2 }] }).success).toBe(false);
  });
});
