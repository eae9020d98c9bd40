import { describe, expect, it } from "vitest";
import { SourceRecordSchema } from "../../src/customer/index.js";
import {
  BlockingRuleSchema,
  buildBlockingIndex,
  candidatePartners,
  isCandidatePair,
  listCandidatePairs,
  prepareRecords,
  reportBlocking,
} from "../../src/identity/index.js";

const records = [
  { sourceSystem: "a", sourceId: "1", givenName: "Ann", familyName: "Lee", emails: ["ann@x.org"], birthDate: "1980-01-02" },
  { sourceSystem: "b", sourceId: "2", givenName: "Anne", familyName: "Leigh", emails: ["ann@x.org"], birthDate: "1980-05-06" },
  { sourceSystem: "a", sourceId: "3", givenName: "Bob", familyName: "Lee", emails: ["bob@y.org"], birthDate: "1980-07-08" },
  { sourceSystem: "b", sourceId: "4", givenName: "Cy", familyName: "Young", emails: ["cy@z.org"] },
].map((r) => SourceRecordSchema.parse(r));
const prepared = prepareRecords(records);
const rules = [
  BlockingRuleSchema.parse({ name: "email", keys: [{ field: "email" }] }),
  BlockingRuleSchema.parse({ name: "family sound + year", keys: [{ field: "familyName", transform: "phonetic" }, { field: "birthDate", transform: "year" }] }),
];
const idx = (key: string): number => prepared.keys.indexOf(key);

describe("blocking", () => {
  it("lists each candidate pair once, in canonical order, with every rule that generates it", () => {
    const pairs = listCandidatePairs(buildBlockingIndex(prepared, rules));
    const listed = Array.from(pairs.left, (l, k) => [prepared.keys[l], prepared.keys[pairs.right[k]!], pairs.rules[k]]);
    // Ann/Anne share the email and the sound of Lee/Leigh with 1980; Ann and Bob only the latter
    expect(listed).toEqual([
      ["a\u001f1", "a\u001f3", 0b10],
      ["a\u001f1", "b\u001f2", 0b11],
      ["a\u001f3", "b\u001f2", 0b10],
    ]);
  });

  it("reports comparisons per rule, new comparisons and the largest blocks before scoring", () => {
    const report = reportBlocking(buildBlockingIndex(prepared, rules));
    expect(report.totalComparisons).toBe(3);
    expect(report.possibleComparisons).toBe(6);
    expect(report.rules.map((r) => [r.name, r.comparisons, r.newComparisons])).toEqual([
      ["email", 1, 1],
      ["family sound + year", 3, 2],
    ]);
    expect(report.rules[1]!.largestBlocks[0]).toEqual({ key: "L | 1980", records: 3 });
    expect(report.rules[1]!.recordsWithoutKey).toBe(1);
  });

  it("skips blocks over the cap and says so", () => {
    const index = buildBlockingIndex(prepared, rules, { maxBlockSize: 2 });
    const report = reportBlocking(index);
    expect(report.rules[1]!.cappedBlocks).toEqual([{ key: "L | 1980", records: 3 }]);
    expect(report.totalComparisons).toBe(1);
    expect(isCandidatePair(index, idx("a\u001f1"), idx("a\u001f3"))).toBe(false);
  });

  it("lowers a rule's cap until it fits its budget of comparisons per record", () => {
    // one block of 6 records (15 pairs) and three blocks of 2 (1 pair each), 12 records in all
    const rows = [
      ...Array.from({ length: 6 }, (_, k) => ({ sourceSystem: "a", sourceId: `big${k}`, postcode: "AA1" })),
      ...Array.from({ length: 6 }, (_, k) => ({ sourceSystem: "a", sourceId: `small${k}`, postcode: `P${k >> 1}` })),
    ].map(({ postcode, ...r }) => SourceRecordSchema.parse({ ...r, addresses: [{ lines: [], postcode }] }));
    const data = prepareRecords(rows);
    const open = BlockingRuleSchema.parse({ name: "postcode", keys: [{ field: "postcode" }] });
    const budgeted = BlockingRuleSchema.parse({ name: "postcode", keys: [{ field: "postcode" }], comparisonsPerRecord: 0.5 });
    expect(reportBlocking(buildBlockingIndex(data, [open])).totalComparisons).toBe(18);
    const report = reportBlocking(buildBlockingIndex(data, [budgeted]));
    expect(report.totalComparisons).toBe(3);
    expect(report.rules[0]!.maxBlockSize).toBe(2);
    expect(report.rules[0]!.cappedBlocks).toEqual([{ key: "AA1", records: 6 }]);
  });

  it("pairs only records of different sources when linking", () => {
    const index = buildBlockingIndex(prepared, rules, { linkType: "link" });
    const pairs = listCandidatePairs(index);
    for (let k = 0; k < pairs.left.length; k++) expect(prepared.source[pairs.left[k]!]).not.toBe(prepared.source[pairs.right[k]!]);
    expect(candidatePartners(index, idx("a\u001f1"))).toEqual([idx("b\u001f2")]);
  });

  it("gives a record one key per word with wordSounds, so a surname in the given-name field still meets", () => {
    const swapped = prepareRecords(
      [
        { sourceSystem: "a", sourceId: "1", givenName: "Englefield", birthDate: "1855-01-01" },
        { sourceSystem: "a", sourceId: "2", givenName: "Arthur", familyName: "Englefield", birthDate: "1855-03-01" },
      ].map((r) => SourceRecordSchema.parse(r)),
    );
    const rule = BlockingRuleSchema.parse({ name: "word + year", keys: [{ field: "fullName", transform: "wordSounds" }, { field: "birthDate", transform: "year" }] });
    expect(listCandidatePairs(buildBlockingIndex(swapped, [rule])).left.length).toBe(1);
  });

  it("blocks on an email's user name with localPart, so a mistyped domain still meets", () => {
    const typo = prepareRecords(
      [
        { sourceSystem: "a", sourceId: "1", emails: ["j.riley9@bennett.net"] },
        { sourceSystem: "a", sourceId: "2", emails: ["j.riley9@tennett.neb"] },
        { sourceSystem: "a", sourceId: "3", emails: ["riley@bennett.net"] },
      ].map((r) => SourceRecordSchema.parse(r)),
    );
    const rule = BlockingRuleSchema.parse({ name: "email user", keys: [{ field: "email", transform: "localPart" }] });
    const index = buildBlockingIndex(typo, [rule]);
    expect(listCandidatePairs(index).left.length).toBe(1);
    expect(index.byRule[0]!.keyText(index.byRule[0]!.keyIds[0]!)).toBe("j.riley9");
  });

  it("validates rules and options", () => {
    expect(BlockingRuleSchema.safeParse({ name: "x", keys: [{ field: "email", transform: "prefix" }] }).success).toBe(false);
    expect(BlockingRuleSchema.safeParse({ name: "x", keys: [{ field: "shoeSize" }] }).success).toBe(false);
    expect(() => buildBlockingIndex(prepared, rules, { maxBlockSize: 1 })).toThrow(/maxBlockSize/);
    expect(() => buildBlockingIndex(prepared, rules, { linkType: "both" as "link" })).toThrow(/linkType/);
  });
});
