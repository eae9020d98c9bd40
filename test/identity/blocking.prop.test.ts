import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceRecordSchema } from "../../src/customer/index.js";
import { BlockingRuleSchema, buildBlockingIndex, listCandidatePairs, prepareRecords, type PreparedRecords } from "../../src/identity/index.js";
import { columnValues } from "../../src/identity/prepare.js";

const rule = (name: string, fields: ("email" | "postcode" | "givenName")[]) => BlockingRuleSchema.parse({ name, keys: fields.map((field) => ({ field })) });

/** The pairs that share a value of every field of some rule, found by comparing all pairs. */
function naivePairs(prepared: PreparedRecords, rules: readonly (readonly ("email" | "postcode" | "givenName")[])[]): string[] {
  const out: string[] = [];
  const share = (field: "email" | "postcode" | "givenName", i: number, j: number): boolean => {
    const mine = columnValues(prepared.columns[field], i);
    return columnValues(prepared.columns[field], j).some((v) => mine.includes(v));
  };
  for (let i = 0; i < prepared.size; i++) {
    for (let j = i + 1; j < prepared.size; j++) {
      let mask = 0;
      rules.forEach((fields, r) => {
        if (fields.every((f) => share(f, i, j))) mask |= 1 << r;
      });
      if (mask !== 0) out.push(`${i},${j},${mask}`);
    }
  }
  return out;
}

const listed = (prepared: PreparedRecords, rules: ReturnType<typeof rule>[]): string[] => {
  const pairs = listCandidatePairs(buildBlockingIndex(prepared, rules, { maxBlockSize: 100_000 }));
  return Array.from(pairs.left, (l, k) => `${l},${pairs.right[k]},${pairs.rules[k]}`);
};

describe("blocking keys, against comparing every pair", () => {
  const fields: ("email" | "postcode" | "givenName")[][] = [["email"], ["email", "postcode"], ["postcode", "givenName", "email"]];
  const rules = fields.map((f, k) => rule(`rule ${k}`, f));

  it("pairs records that share a value of every key part, for keys of one, two and three parts", () => {
    const record = fc.record({
      emails: fc.array(fc.constantFrom("a@x.org", "b@x.org", "c@y.org", "d@y.org"), { maxLength: 3 }),
      postcode: fc.option(fc.constantFrom("LS1 1AA", "M1 2BB", "EC1A 1BB"), { nil: undefined }),
      givenName: fc.option(fc.constantFrom("Ann", "Bob", "Cy"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 25 }), (rows) => {
        const prepared = prepareRecords(
          rows.map((r, k) => SourceRecordSchema.parse({ sourceSystem: "s", sourceId: String(k), givenName: r.givenName, emails: r.emails, addresses: r.postcode ? [{ lines: [], postcode: r.postcode }] : [] })),
        );
        expect(listed(prepared, rules)).toEqual(naivePairs(prepared, fields));
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });

  it("does so too when two parts span many possible keys (4,500 × 4,500)", () => {
    const rows = Array.from({ length: 4_500 }, (_, k) => ({ sourceSystem: "s", sourceId: `r${k}`, emails: [`u${k}@x.org`], addresses: [{ lines: [], postcode: `P${k}` }] }));
    for (let k = 0; k < 40; k++) rows.push({ sourceSystem: "t", sourceId: `d${k}`, emails: [`u${k * 97}@x.org`], addresses: [{ lines: [], postcode: `P${k % 2 === 0 ? k * 97 : k}` }] });
    const prepared = prepareRecords(rows.map((r) => SourceRecordSchema.parse(r)));
    const two = [rule("email + postcode", ["email", "postcode"])];
    const pairs = listed(prepared, two);
    expect(pairs.length).toBe(20); // each even duplicate meets the record it repeats
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < prepared.size; i++) {
      const key = `${columnValues(prepared.columns.email, i)[0]} ${columnValues(prepared.columns.postcode, i)[0]}`;
      byKey.set(key, [...(byKey.get(key) ?? []), i]);
    }
    const expected = new Set<string>();
    for (const members of byKey.values()) for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) expected.add(`${members[x]},${members[y]},1`);
    expect(new Set(pairs)).toEqual(expected);
  });

  it("keys records by text when the parts span 2^53 possible keys or more", () => {
    // Four parts of about 10,000 distinct values each: 10^16 possible keys, more than a number holds exactly.
    const rows = Array.from({ length: 10_000 }, (_, k) => ({ sourceSystem: "s", sourceId: `r${k}`, emails: [`user${k}@host${k}.org`] }));
    for (let k = 0; k < 30; k++) rows.push({ sourceSystem: "t", sourceId: `d${k}`, emails: [`user${k * 311}@host${k * 311}.org`] });
    const prepared = prepareRecords(rows.map((r) => SourceRecordSchema.parse(r)));
    const wide = BlockingRuleSchema.parse({
      name: "email four ways",
      keys: [{ field: "email" }, { field: "email", transform: "localPart" }, { field: "email", transform: "prefix", length: 12 }, { field: "email", transform: "suffix", length: 12 }],
    });
    const pairs = listCandidatePairs(buildBlockingIndex(prepared, [wide], { maxBlockSize: 100_000 }));
    const at = (key: string): number => prepared.keys.indexOf(key);
    const expected = Array.from({ length: 30 }, (_, k) => [at(`s\u001fr${k * 311}`), at(`t\u001fd${k}`)].sort((a, b) => a - b).join(",") + ",1").sort();
    expect(Array.from(pairs.left, (l, k) => `${l},${pairs.right[k]},${pairs.rules[k]}`).sort()).toEqual(expected);
  });
});
