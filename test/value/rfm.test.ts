import { describe, expect, it } from "vitest";
import {
  countRfmSegments,
  RFM_SEGMENTS_COMMON,
  RFM_SEGMENTS_R_PACKAGE,
  scoreRfm,
  scoreRfmColumns,
  segmentRfm,
  segmentRfmColumns,
  type CustomerValue,
  type CustomerValueColumns,
  type RfmRuleSet,
  type RfmScore,
} from "../../src/value/index.js";

const asOf = new Date("2024-12-31T00:00:00Z");

function customer(key: string, daysAgo: number | null, purchases: number, netMinor: number, costMinor: number | null = null): CustomerValue {
  const last = daysAgo === null ? null : new Date(asOf.getTime() - daysAgo * 86_400_000);
  return {
    key,
    salesMinor: netMinor,
    returnsMinor: 0,
    feesMinor: 0,
    grossMinor: netMinor,
    netMinor,
    costMinor,
    marginMinor: costMinor === null ? null : netMinor - costMinor,
    purchases,
    returns: 0,
    fees: 0,
    firstPurchaseAt: last,
    lastPurchaseAt: last,
  };
}

const customers = [
  customer("c1", 1, 10, 1000),
  customer("c2", 10, 8, 800),
  customer("c3", 30, 1, 100),
  customer("c4", 30, 1, 100),
  customer("c5", 200, 5, 5000),
  customer("c6", 400, 1, 50),
  customer("c7", 60, 3, 300),
  customer("c8", 90, 2, 200),
  customer("c9", 5, 1, 20),
  customer("c10", 700, 12, 9000),
  customer("c11", null, 0, -40),
];

describe("RFM scores", () => {
  const { scored, unscored } = scoreRfm(customers, { asOf });

  it("measures recency in whole days to asOf and leaves customers without purchases unscored", () => {
    expect(scored.find((s) => s.key === "c2")?.recencyDays).toBe(10);
    expect(unscored).toEqual(["c11"]);
  });

  it("scores by rank, best = 5, with equal values sharing the lowest position's score", () => {
    const byKey = new Map(scored.map((s) => [s.key, s]));
    // Recency: c1 (1 day) is the most recent of 10 customers: 9 worse → 1 + ⌊5·9/10⌋ = 5.
    expect(byKey.get("c1")?.recencyScore).toBe(5);
    // c3 and c4 tie at 30 days: 5 worse each → both 1 + ⌊5·5/10⌋ = 3.
    expect(byKey.get("c3")?.recencyScore).toBe(3);
    expect(byKey.get("c4")?.recencyScore).toBe(3);
    // Four one-time buyers: nobody is worse → frequency score 1 for all of them.
    expect(["c3", "c4", "c6", "c9"].map((k) => byKey.get(k)?.frequencyScore)).toEqual([1, 1, 1, 1]);
    expect(byKey.get("c10")).toMatchObject({ frequencyScore: 5, monetaryScore: 5, recencyScore: 1, code: "155" });
  });

  it("uses the chosen monetary value", () => {
    const margin = scoreRfm([customer("a", 1, 1, 100, 90), customer("b", 1, 1, 50, 0), customer("c", 1, 1, 50, null)], { asOf, monetary: "margin" });
    expect(margin.unscored).toEqual(["c"]);
    expect(margin.scored.map((s) => s.monetaryMinor)).toEqual([10, 50]);
  });

  it("leaves a customer whose last purchase is after asOf unscored and counts them, instead of giving recency 0", () => {
    const later = customer("late", -3, 4, 400);
    const result = scoreRfm([...customers, later], { asOf });
    expect(result.unscored).toEqual(["c11", "late"]);
    expect(result.afterAsOf).toBe(1);
    expect(result.scored).toEqual(scored);
    expect(scoreRfm([customer("now", 0, 1, 10)], { asOf })).toMatchObject({ afterAsOf: 0, scored: [{ key: "now", recencyDays: 0 }] });
  });

  it("rejects invalid options", () => {
    expect(() => scoreRfm(customers, { asOf, bins: 1 })).toThrow(/bins/);
    expect(() => scoreRfm(customers, { asOf, monetary: "profit" as "net" })).toThrow(/monetary/);
    expect(() => scoreRfm(customers, { asOf: new Date(Number.NaN) })).toThrow(/asOf/);
  });

  it("gives the same scores on columns as on objects", () => {
    const columns = scoreRfmColumns(toColumns(customers), { asOf });
    const codes = customers.map((_, i) => (columns.scored[i] ? `${columns.recencyScore[i]}${columns.frequencyScore[i]}${columns.monetaryScore[i]}` : null));
    expect(codes.filter((c) => c !== null)).toEqual(scored.map((s) => s.code));
    const segments = segmentRfmColumns(columns);
    expect(segments.counts).toEqual(countRfmSegments(segmentRfm(scored)));
  });
});

function toColumns(rows: readonly CustomerValue[]): CustomerValueColumns {
  return {
    currency: "EUR",
    keys: rows.map((c) => c.key),
    length: rows.length,
    salesMinor: Float64Array.from(rows, (c) => c.salesMinor),
    returnsMinor: Float64Array.from(rows, (c) => c.returnsMinor),
    feesMinor: Float64Array.from(rows, (c) => c.feesMinor),
    netMinor: Float64Array.from(rows, (c) => c.netMinor),
    costMinor: Float64Array.from(rows, (c) => c.costMinor ?? Number.NaN),
    purchases: Int32Array.from(rows, (c) => c.purchases),
    returns: Int32Array.from(rows, (c) => c.returns),
    fees: Int32Array.from(rows, (c) => c.fees),
    firstPurchase: Float64Array.from(rows, (c) => c.firstPurchaseAt?.getTime() ?? Number.NaN),
    lastPurchase: Float64Array.from(rows, (c) => c.lastPurchaseAt?.getTime() ?? Number.NaN),
  };
}

function score(r: number, f: number, m: number, bins = 5): RfmScore {
  return { key: `${r}${f}${m}`, recencyDays: 0, frequency: 1, monetaryMinor: 1, recencyScore: r, frequencyScore: f, monetaryScore: m, frequencyMonetaryScore: (f + m) / 2, code: `${r}${f}${m}`, bins };
}

describe("RFM segments", () => {
  it("names the common segments with the first match as primary and every match listed", () => {
    const [champion, cantLose, newCustomer, lost] = segmentRfm([score(5, 5, 5), score(1, 5, 4), score(5, 1, 1), score(1, 1, 1)]);
    expect(champion).toEqual({ key: "555", primary: "Champions", matches: ["Champions", "Loyal Customers"] });
    expect(cantLose?.primary).toBe("Can't Lose Them");
    expect(cantLose?.matches).toContain("At Risk");
    expect(newCustomer).toMatchObject({ primary: "New Customers", matches: ["New Customers", "Potential Loyalist"] });
    expect(lost).toMatchObject({ primary: "Lost", matches: ["Lost", "Hibernating"] });
  });

  it("reaches every segment of the common table on 1–5 scores", () => {
    const all: RfmScore[] = [];
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) all.push(score(r, f, m));
    const counts = countRfmSegments(segmentRfm(all));
    expect(counts.filter((c) => c.segment !== "Others").every((c) => c.customers > 0)).toBe(true);
    expect(counts.find((c) => c.segment === "Others")?.customers).toBe(0);
  });

  it("applies the R rfm package's rules in its order, with Others for the unmatched", () => {
    const segments = segmentRfm([score(5, 5, 5), score(4, 2, 1), score(1, 3, 4), score(3, 5, 1)], { ruleSet: RFM_SEGMENTS_R_PACKAGE });
    expect(segments.map((s) => s.primary)).toEqual(["Champions", "New Customers", "Can't Lose Them", "Others"]);
    expect(RFM_SEGMENTS_R_PACKAGE.rules).toHaveLength(10);
    expect(RFM_SEGMENTS_COMMON.rules).toHaveLength(11);
    expect([RFM_SEGMENTS_R_PACKAGE.bins, RFM_SEGMENTS_COMMON.bins]).toEqual([5, 5]);
  });

  it("accepts user rules and rejects malformed ones", () => {
    const ruleSet: RfmRuleSet = { bins: 5, rules: [{ name: "Big spenders slipping", recency: [1, 2], monetary: [5, 5] }] };
    expect(segmentRfm([score(2, 1, 5), score(3, 1, 5)], { ruleSet, fallback: "Rest" }).map((s) => s.primary)).toEqual(["Big spenders slipping", "Rest"]);
    expect(() => segmentRfm([], { ruleSet: { bins: 5, rules: [{ name: "", recency: [1, 2] }] } })).toThrow(/name/);
    expect(() => segmentRfm([], { ruleSet: { bins: 5, rules: [{ name: "x", recency: [3, 2] }] } })).toThrow(/recency/);
    expect(() => segmentRfm([], { ruleSet: { bins: 5, rules: [{ name: "x", recency: [4, 6] }] } })).toThrow(/1…5/);
  });

  it("refuses to segment scores on another range than the rule set's (the default tables are for 1–5)", () => {
    const tenBins = scoreRfm(customers, { asOf, bins: 10 });
    expect(tenBins.bins).toBe(10);
    expect(tenBins.scored.every((s) => s.bins === 10)).toBe(true);
    expect(() => segmentRfm(tenBins.scored)).toThrow(/1…5 but the scores are 1…10/);
    expect(() => segmentRfm(tenBins.scored, { ruleSet: RFM_SEGMENTS_R_PACKAGE })).toThrow(/bins/);
    const ten: RfmRuleSet = { bins: 10, rules: [{ name: "Top decile spenders", monetary: [10, 10] }] };
    const segments = segmentRfm(tenBins.scored, { ruleSet: ten });
    expect(segments.filter((s) => s.primary === "Top decile spenders").map((s) => s.key)).toEqual(tenBins.scored.filter((s) => s.monetaryScore === 10).map((s) => s.key));
    expect(() => segmentRfmColumns(scoreRfmColumns(toColumns(customers), { asOf, bins: 10 }))).toThrow(/1…5 but the scores are 1…10/);
  });
});
