import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { assignAbcTierColumns, assignAbcTiers, assignTiersByCustomerShare, computeParetoCurve, paretoChart } from "../../src/value/index.js";

const customers = [
  { key: "a", value: 50 },
  { key: "b", value: 25 },
  { key: "c", value: 10 },
  { key: "d", value: 10 },
  { key: "e", value: 5 },
  { key: "f", value: 0 },
  { key: "g", value: -20 },
];

describe("ABC tiers", () => {
  it("puts the customer who crosses a cut-off in the upper tier", () => {
    // Positive total 100: a starts at 0 % (A), b at 50 % (A, crossing 70 %), c at 75 % (B), d at 85 % (B), e at 95 % (C).
    const result = assignAbcTiers(customers);
    expect(result.customers.map((c) => `${c.key}${c.tier}`)).toEqual(["aA", "bA", "cB", "dB", "eC", "fC", "gC"]);
    expect(result.customers.map((c) => c.cumulativeValueShare)).toEqual([0.5, 0.75, 0.85, 0.95, 1, 1, 1]);
  });

  it("breaks ties by key, whatever the input order", () => {
    const shuffled = [customers[3], customers[6], customers[0], customers[2], customers[5], customers[1], customers[4]].filter((c) => c !== undefined);
    expect(assignAbcTiers(shuffled)).toEqual(assignAbcTiers(customers));
    expect(assignAbcTiers(customers).customers.map((c) => c.key)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("reports tier totals whose shares sum to 1", () => {
    const [a, b, c] = assignAbcTiers(customers).tiers;
    expect(a).toEqual({ tier: "A", customers: 2, customerShare: 2 / 7, value: 75, valueShare: 0.75 });
    expect(b).toMatchObject({ value: 20, valueShare: 0.2 });
    // C holds e (5), f (0) and g (−20): its share is of the positive value, the negative value is reported apart.
    expect(c).toMatchObject({ value: -15, valueShare: 0.05 });
    expect(a.valueShare + b.valueShare + c.valueShare).toBeCloseTo(1, 12);
    expect(assignAbcTiers(customers)).toMatchObject({ totalValue: 80, positiveValue: 100, negativeValue: -20 });
  });

  it("keeps shares of the positive value consistent with the cut-offs when the losses outweigh the gains", () => {
    const result = assignAbcTiers([
      { key: "x", value: 700 },
      { key: "y", value: 300 },
      { key: "z", value: -1_200 },
    ]);
    expect(result.customers.map((c) => c.tier)).toEqual(["A", "B", "C"]);
    expect(result.tiers.map((t) => t.valueShare)).toEqual([0.7, 0.3, 0]);
    expect(result).toMatchObject({ totalValue: -200, positiveValue: 1_000, negativeValue: -1_200 });
  });

  it("keeps equal values together, in the tier where the first of them (by key) starts", () => {
    // b starts at 60 % (A) and crosses 70 %; c, d and e have b's value, so they stay in A with it.
    const tied = [
      { key: "a", value: 60 },
      { key: "b", value: 10 },
      { key: "c", value: 10 },
      { key: "d", value: 10 },
      { key: "e", value: 10 },
    ];
    expect(assignAbcTiers(tied).customers.map((c) => c.tier)).toEqual(["A", "A", "A", "A", "A"]);
    expect(assignTiersByCustomerShare(tied, { a: 0.2, b: 0.4 }).customers.map((c) => c.tier)).toEqual(["A", "B", "B", "B", "B"]);
  });

  it("keeps customers with no positive value in C and handles an empty set", () => {
    expect(assignAbcTiers([{ key: "x", value: 0 }]).customers[0]?.tier).toBe("C");
    expect(assignAbcTiers([]).customers).toEqual([]);
    expect(assignAbcTiers([{ key: "x", value: Number.NaN }]).customers[0]).toMatchObject({ value: 0, tier: "C" });
  });

  it("rejects cut-offs outside 0 < a ≤ b ≤ 1", () => {
    expect(() => assignAbcTiers(customers, { a: 0.9, b: 0.8 })).toThrow(/options.b/);
    expect(() => assignAbcTiers(customers, { a: 0 })).toThrow(/options.a/);
  });

  it("gives the same tiers on columns as on objects", () => {
    const columns = assignAbcTierColumns(customers.map((c) => c.value));
    const objects = assignAbcTiers(customers);
    expect(Array.from(columns.tier, (t) => "ABC"[t])).toEqual(objects.customers.map((c) => c.tier));
    expect(columns.tiers).toEqual(objects.tiers);
  });

  it("tiers by share of customers put ⌈a·n⌉ customers in A", () => {
    const result = assignTiersByCustomerShare(customers, { a: 0.2, b: 0.5 });
    expect(result.customers.map((c) => c.tier)).toEqual(["A", "A", "B", "B", "C", "C", "C"]);
  });
});

describe("Pareto curve and Gini coefficient", () => {
  it("is the diagonal with Gini 0 when everyone is equal", () => {
    const curve = computeParetoCurve([1, 1, 1, 1].map((value, i) => ({ key: String(i), value })));
    expect(curve.gini).toBeCloseTo(0, 12);
    expect(curve.points).toEqual([0, 0.25, 0.5, 0.75, 1].map((s) => ({ customerShare: s, valueShare: s })));
  });

  it("reaches (n − 1) / n when one customer has everything", () => {
    const curve = computeParetoCurve([0, 0, 0, 0, 10].map((value, i) => ({ key: String(i), value })));
    expect(curve.gini).toBeCloseTo(0.8, 12);
    expect(curve.top20Share).toBe(1);
  });

  it("counts negative values as zero and returns at most the requested points", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ key: String(i), value: i - 100 }));
    const curve = computeParetoCurve(many, { points: 11 });
    expect(curve.points).toHaveLength(11);
    expect(curve.points[0]).toEqual({ customerShare: 0, valueShare: 0 });
    expect(curve.points[10]).toEqual({ customerShare: 1, valueShare: 1 });
    expect(curve.gini).toBeGreaterThan(0);
    expect(curve.gini).toBeLessThan(1);
  });

  it("draws a chart that Vega-Lite compiles", () => {
    const spec = paretoChart(computeParetoCurve(customers));
    expect(spec.$schema).toContain("vega-lite");
    expect(() => compile(spec as unknown as TopLevelSpec)).not.toThrow();
  });
});
