import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreRfm, segmentRfm, type CustomerValue } from "../../src/value/index.js";

const asOf = new Date("2024-12-31T00:00:00Z");
const customers = fc
  .uniqueArray(
    fc.record({
      key: fc.string({ maxLength: 5 }),
      days: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
      purchases: fc.integer({ min: 0, max: 40 }),
      net: fc.integer({ min: -500, max: 1_000_000 }),
    }),
    { selector: (c) => c.key, maxLength: 80 },
  )
  .map((rows) =>
    rows.map(
      (r): CustomerValue => ({
        key: r.key,
        salesMinor: r.net,
        returnsMinor: 0,
        feesMinor: 0,
        grossMinor: r.net,
        netMinor: r.net,
        costMinor: null,
        marginMinor: null,
        purchases: r.days === null ? 0 : Math.max(1, r.purchases),
        returns: 0,
        fees: 0,
        firstPurchaseAt: r.days === null ? null : new Date(asOf.getTime() - r.days * 86_400_000),
        lastPurchaseAt: r.days === null ? null : new Date(asOf.getTime() - r.days * 86_400_000),
      }),
    ),
  );

describe("RFM invariants", () => {
  it("scores lie in 1…bins", () => {
    fc.assert(
      fc.property(customers, fc.integer({ min: 2, max: 10 }), (rows, bins) => {
        for (const s of scoreRfm(rows, { asOf, bins }).scored) {
          for (const v of [s.recencyScore, s.frequencyScore, s.monetaryScore]) {
            expect(v).toBeGreaterThanOrEqual(1);
            expect(v).toBeLessThanOrEqual(bins);
          }
        }
      }),
    );
  });

  it("scores and segments do not depend on input order", () => {
    fc.assert(
      fc.property(customers, (rows) => {
        const forward = scoreRfm(rows, { asOf });
        const backward = scoreRfm([...rows].reverse(), { asOf });
        const byKey = new Map(backward.scored.map((s) => [s.key, s]));
        for (const s of forward.scored) expect(byKey.get(s.key)).toEqual(s);
        const segments = new Map(segmentRfm(backward.scored).map((s) => [s.key, s]));
        for (const s of segmentRfm(forward.scored)) expect(segments.get(s.key)).toEqual(s);
      }),
    );
  });

  it("a better value never gets a lower score", () => {
    fc.assert(
      fc.property(customers, (rows) => {
        const scored = scoreRfm(rows, { asOf }).scored;
        for (const a of scored) {
          for (const b of scored) {
            if (a.monetaryMinor > b.monetaryMinor) expect(a.monetaryScore).toBeGreaterThanOrEqual(b.monetaryScore);
            if (a.recencyDays < b.recencyDays) expect(a.recencyScore).toBeGreaterThanOrEqual(b.recencyScore);
          }
        }
      }),
    );
  });
});
