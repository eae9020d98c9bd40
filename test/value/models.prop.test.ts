import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeClv,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  probabilityAlive,
  type BgNbdModel,
  type GammaGammaModel,
  type ParetoNbdModel,
  type PurchaseModel,
} from "../../src/value/index.js";

const history = fc
  .record({ x: fc.integer({ min: 0, max: 60 }), T: fc.double({ min: 0, max: 300, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ x, T, share }) => ({ frequency: x, lastPurchaseAge: x === 0 ? 0 : share * T, age: T }));
const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const bgModel = fc.record({ r: positive(0.01, 10), alpha: positive(0.1, 100), a: positive(0.05, 10), b: positive(0.05, 20) }).map(
  (parameters): BgNbdModel => ({ model: "bg-nbd", timeUnit: "weeks", parameters, standardErrors: null, logLikelihood: 0, customers: 0, repeatBuyers: 0, iterations: 0 }),
);
const pnModel = fc.record({ r: positive(0.01, 10), alpha: positive(0.1, 100), s: positive(0.05, 10), beta: positive(0.1, 100) }).map(
  (parameters): ParetoNbdModel => ({ model: "pareto-nbd", timeUnit: "weeks", parameters, standardErrors: null, logLikelihood: 0, customers: 0, repeatBuyers: 0, iterations: 0 }),
);
const model: fc.Arbitrary<PurchaseModel> = fc.oneof(bgModel, pnModel);
const gg: GammaGammaModel = {
  model: "gamma-gamma",
  parameters: { p: 6, q: 3.5, gamma: 15 },
  standardErrors: null,
  logLikelihood: 0,
  customers: 1,
  nonRepeatBuyers: 0,
  zeroSpendBuyers: 0,
  populationMeanSpend: 36,
  iterations: 0,
};

describe("prediction invariants", () => {
  it("probability alive lies in [0, 1]", () => {
    fc.assert(
      fc.property(model, history, (m, h) => {
        const p = probabilityAlive(m, h);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("expected purchases are finite, ≥ 0 and grow with the horizon", () => {
    fc.assert(
      fc.property(model, history, positive(0, 500), positive(0, 500), (m, h, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = expectedPurchases(m, h, { amount: short, unit: "weeks" });
        const b = expectedPurchases(m, h, { amount: long, unit: "weeks" });
        expect(Number.isFinite(a) && a >= 0).toBe(true);
        expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-9) - 1e-12);
      }),
    );
  });

  it("CLV falls as the discount rate rises", () => {
    fc.assert(
      fc.property(model, history, positive(0, 0.5), positive(0, 0.5), (m, h, d1, d2) => {
        const [low, high] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const customer = { ...h, meanSpend: 25 };
        const options = (rate: number) => ({ horizon: { amount: 2, unit: "years" as const }, discountRate: { rate, per: "years" as const }, step: { amount: 3, unit: "months" as const } });
        const a = computeClv(m, gg, customer, options(low)).clv;
        const b = computeClv(m, gg, customer, options(high)).clv;
        expect(b).toBeLessThanOrEqual(a * (1 + 1e-9) + 1e-12);
      }),
      { numRuns: 50 },
    );
  });
});

describe("fit invariants", () => {
  const dataset = fc.array(history.map((h) => ({ ...h, meanSpend: 10 + h.frequency })), { minLength: 30, maxLength: 80 }).filter((rows) => rows.filter((r) => r.frequency > 0).length >= 5);

  it("fits do not depend on customer order", () => {
    fc.assert(
      fc.property(dataset, (rows) => {
        const reversed = [...rows].reverse();
        for (const fit of [fitBgNbd, fitParetoNbd] as const) {
          const a = fit(rows, { timeUnit: "weeks", standardErrors: false });
          const b = fit(reversed, { timeUnit: "weeks", standardErrors: false });
          expect(b).toEqual(a);
        }
        expect(fitGammaGamma(reversed)).toEqual(fitGammaGamma(rows));
      }),
      { numRuns: 15 },
    );
  });

  it("a fit either succeeds with finite values or says why, never NaN", () => {
    fc.assert(
      fc.property(dataset, (rows) => {
        const fit = fitBgNbd(rows, { timeUnit: "weeks" });
        if (fit.ok) expect(Object.values(fit.model.parameters).every(Number.isFinite)).toBe(true);
        else expect(JSON.stringify(fit.error)).not.toContain("NaN");
      }),
      { numRuns: 15 },
    );
  });
});
