import { describe, expect, it } from "vitest";
import { SourceRecordSchema } from "../../src/customer/index.js";
import { preparedGoldenRecordBuilder } from "../../src/identity/golden.js";
import { buildGoldenRecord, prepareRecords, type FieldCandidate, type SurvivorshipOptions } from "../../src/identity/index.js";
import { smallDataset } from "./fixtures.js";

const records = [
  { sourceSystem: "web", sourceId: "1", givenName: "Robert", familyName: "Smith", emails: ["Bob.Smith+shop@X.org"], phones: ["+44 20 7946 0018"], birthDate: "1980-04-12", createdAt: "2020-01-01", updatedAt: "2024-05-01", addresses: [{ lines: ["1 New Road"], postcode: "AB1 2CD" }] },
  { sourceSystem: "pos", sourceId: "2", givenName: "Bob", familyName: "Smith", emails: ["bob.smith@x.org"], phones: ["020 7946 0018"], birthDate: "12/04/1980", createdAt: "2018-01-01", updatedAt: "2019-01-01", addresses: [{ lines: ["9 Old Lane"], postcode: "ZZ9 9ZZ" }] },
  { sourceSystem: "crm", sourceId: "3", givenName: "Robert", familyName: "Smith-Jones", emails: ["rsj@work.com"], createdAt: "2021-01-01", updatedAt: "2021-06-01" },
].map((r) => SourceRecordSchema.parse(r));

describe("buildGoldenRecord", () => {
  it("keeps the most frequent name, the most recent contact details first, and where each came from", () => {
    const { person, provenance } = buildGoldenRecord("E-1", records, { defaultRegion: "GB" });
    expect(person.id).toBe("E-1");
    expect(person.givenName).toBe("Robert");
    expect(person.familyName).toBe("Smith");
    expect(person.birthDate).toBe("1980-04-12");
    // one email written two ways is one value; the most recent record's address comes first
    expect(person.emails).toEqual(["bob.smith+shop@x.org", "rsj@work.com"]);
    expect(person.phones).toEqual(["+442079460018"]);
    expect(person.addresses.map((a) => a.lines[0])).toEqual(["1 New Road", "9 Old Lane"]);
    expect(person.sourceRecords).toEqual([
      { sourceSystem: "crm", sourceId: "3" },
      { sourceSystem: "pos", sourceId: "2" },
      { sourceSystem: "web", sourceId: "1" },
    ]);
    expect(provenance.find((p) => p.field === "addresses")).toEqual({ field: "addresses", value: "1 New Road", sourceSystem: "web", sourceId: "1", rule: "mostRecent" });
  });

  it("applies each survivorship rule", () => {
    const pick = (rule: Parameters<typeof buildGoldenRecord>[2]) => buildGoldenRecord("E", records, rule).person.familyName;
    expect(pick({ rules: { familyName: "mostRecent" } })).toBe("Smith");
    expect(pick({ rules: { familyName: "longest" } })).toBe("Smith-Jones");
    expect(pick({ rules: { familyName: "nonEmpty" } })).toBe("Smith");
    expect(pick({ rules: { familyName: { sourcePriority: ["crm", "web"] } } })).toBe("Smith-Jones");
    const custom = (candidates: readonly FieldCandidate[]) => candidates.find((c) => c.sourceSystem === "crm");
    expect(pick({ rules: { familyName: custom } })).toBe("Smith-Jones");
    const { provenance } = buildGoldenRecord("E", records, { rules: { familyName: custom } });
    expect(provenance.find((p) => p.field === "familyName")?.rule).toBe("custom");
    expect(buildGoldenRecord("E", records, { rules: { emails: { sourcePriority: ["crm"] } } }).person.emails[0]).toBe("rsj@work.com");
  });

  it("leaves a field out when no record has a valid value", () => {
    const { person } = buildGoldenRecord("E", [SourceRecordSchema.parse({ sourceSystem: "a", sourceId: "1", birthDate: "31/02/1999" })]);
    expect(person.birthDate).toBeUndefined();
    expect(person.givenName).toBeUndefined();
    expect(person.emails).toEqual([]);
  });
});

describe("preparedGoldenRecordBuilder", () => {
  const prepared = prepareRecords(smallDataset(150, 11).sourceRecords);
  const ruleSets: NonNullable<SurvivorshipOptions["rules"]>[] = [
    {},
    { givenName: "longest", emails: "longest", phones: "longest", addresses: "longest" },
    { familyName: { sourcePriority: ["crm", "web"] }, emails: "nonEmpty", addresses: "mostFrequent", birthDate: "mostRecent" },
  ];

  it.each(ruleSets.map((rules) => [JSON.stringify(rules), rules] as const))("builds one-record entities without ranking exactly as ranking would (rules %s)", (_, rules) => {
    const unranked = preparedGoldenRecordBuilder(prepared, { rules });
    const ranked = preparedGoldenRecordBuilder(prepared, { rules }, false);
    for (let i = 0; i < prepared.size; i++) expect(JSON.stringify(unranked(`E-${i}`, [i]))).toBe(JSON.stringify(ranked(`E-${i}`, [i])));
  });

  it("ranks a one-record entity that holds one value twice", () => {
    const twice = prepareRecords([SourceRecordSchema.parse({ sourceSystem: "a", sourceId: "1", emails: ["Ann@X.org", "ann@x.org"], addresses: [{ lines: ["1 High St"] }, { lines: ["1 HIGH STREET"] }] })]);
    const { person, provenance } = preparedGoldenRecordBuilder(twice)("E-1", [0]);
    expect(person.emails).toEqual(["ann@x.org"]);
    expect(person.addresses).toHaveLength(1);
    expect(provenance.filter((p) => p.field === "addresses")).toHaveLength(1);
  });
});
