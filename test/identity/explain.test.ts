import { describe, expect, it } from "vitest";
import { compile, type TopLevelSpec } from "vega-lite";
import { SourceRecordSchema } from "../../src/customer/index.js";
import { explainMatch, matchWaterfallChart, resolveIdentities } from "../../src/identity/index.js";
import { HANDMADE, smallDataset } from "./fixtures.js";

const trained = resolveIdentities(smallDataset(150, 7).sourceRecords, { households: false, organizations: false });
const [robert, bob, , mary] = HANDMADE.map((r) => SourceRecordSchema.parse(r));

describe("explainMatch", () => {
  it("gives each comparison's level and weight, and the total, as data", () => {
    const why = explainMatch(trained.state, robert!, bob!);
    expect(why.match).toBe(true);
    expect(why.compared).toBe(true);
    const given = why.fields.find((f) => f.comparison === "given name")!;
    expect(given).toMatchObject({ level: "nickname", left: ["robert"], right: ["bob"] });
    expect(given.weight).toBeCloseTo(Math.log2(given.m! / given.u!), 10);
    const total = why.priorWeight + why.fields.reduce((s, f) => s + f.weight + f.termFrequencyAdjustment, 0);
    expect(why.matchWeight).toBeCloseTo(total, 10);
    expect(why.probability).toBeCloseTo(1 / (1 + 2 ** -total), 12);
    expect(why.fields.find((f) => f.comparison === "gender")).toMatchObject({ level: "missing", weight: 0 });
  });

  it("says why two members of a household do not match", () => {
    const why = explainMatch(trained.state, robert!, mary!);
    expect(why.match).toBe(false);
    expect(why.fields.find((f) => f.comparison === "given name")!.weight).toBeLessThan(0);
  });

  it("names the deterministic rule that fires", () => {
    const rules = resolveIdentities(HANDMADE, { scoring: "rules", rules: [{ name: "same email", criteria: [{ comparison: "email", atLeast: "exact" }] }] });
    const why = explainMatch(rules.state, robert!, bob!);
    expect(why.rule).toBe("same email");
    expect(why.probability).toBe(1);
    expect(Number.isNaN(why.matchWeight)).toBe(true);
  });

  it("shows every field a comparison reads when it ends at missing or different", () => {
    const a = SourceRecordSchema.parse({ sourceSystem: "x", sourceId: "1", givenName: "Ann", addresses: [{ lines: [], postcode: "BN1 1AA", city: "Brighton" }] });
    const b = SourceRecordSchema.parse({ sourceSystem: "x", sourceId: "2", givenName: "Ann", addresses: [{ lines: [], postcode: "M1 1AA", city: "Manchester" }] });
    const address = explainMatch(trained.state, a, b).fields.find((f) => f.comparison === "address")!;
    expect(address.level).toBe("different");
    expect(address.left).toEqual(["postcode: BN11AA", "city: brighton"]);
    expect(address.right).toEqual(["postcode: M11AA", "city: manchester"]);
  });

  it("applies block caps to `compared` when given all the records", () => {
    const rows = ["1", "2", "3"].map((id) => SourceRecordSchema.parse({ sourceSystem: "x", sourceId: id, givenName: `G${id}`, familyName: "Lee" }));
    const capped = resolveIdentities(rows, { blocking: [{ name: "family", keys: [{ field: "familyName" }], maxBlockSize: 2 }], households: false, organizations: false });
    expect(capped.blocking!.rules[0]!.cappedBlocks).toEqual([{ key: "lee", records: 3 }]);
    expect(explainMatch(capped.state, rows[0]!, rows[1]!).compared).toBe(true);
    expect(explainMatch(capped.state, rows[0]!, rows[1]!, { records: rows }).compared).toBe(false);
  });

  it("refuses to explain a record against itself", () => {
    expect(() => explainMatch(trained.state, robert!, robert!)).toThrow(/two different records/);
  });
});

describe("matchWaterfallChart", () => {
  it("is a valid Vega-Lite spec with one bar per step, prior and total included", () => {
    const why = explainMatch(trained.state, robert!, bob!);
    const spec = matchWaterfallChart(why);
    expect(spec.$schema).toMatch(/vega-lite/);
    const values = (spec["data"] as { values: { step: string; end: number }[] }).values;
    expect(values.map((v) => v.step)).toEqual(["prior", ...why.fields.map((f) => f.comparison), "match weight"]);
    expect(values.at(-1)!.end).toBeCloseTo(why.matchWeight, 10);
    expect(() => compile(spec as unknown as TopLevelSpec)).not.toThrow();
  });
});
