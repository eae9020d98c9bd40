import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeClv,
  expectedPurchases,
  expectedPurchasesOfNewCustomer,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  probabilityAlive,
  type BgNbdModel,
  type GammaGammaModel,
  type ParetoNbdModel,
  type PurchaseModel,
} from "../../src/value/index.js";
import { shuffled, simulateBgNbd } from "./simulate.js";

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
// BG/NBD with a + b ≤ 1 (x = 0 then gives c = a + b − 1 ≤ 0: ₂F₁ negative, or at its pole).
const bgLowModel = fc
  .record({ r: positive(0.01, 10), alpha: positive(0.1, 100), a: positive(0.02, 0.98), share: positive(0.05, 1) })
  .map(({ r, alpha, a, share }): BgNbdModel => ({
    model: "bg-nbd",
    timeUnit: "weeks",
    parameters: { r, alpha, a, b: share === 1 ? 1 - a : share * (1 - a) },
    standardErrors: null,
    logLikelihood: 0,
    customers: 0,
    repeatBuyers: 0,
    iterations: 0,
  }));
const model: fc.Arbitrary<PurchaseModel> = fc.oneof(bgModel, bgLowModel, pnModel);
const withParameters = <M extends PurchaseModel>(m: M, parameters: Partial<M["parameters"]>): M => ({ ...m, parameters: { ...m.parameters, ...parameters } });
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

  it("expected purchases are finite, ≥ 0 and grow with the horizon, also when a + b ≤ 1", () => {
    fc.assert(
      fc.property(bgLowModel, history, positive(0, 1000), positive(0, 1000), (m, h, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = expectedPurchases(m, h, { amount: short, unit: "weeks" });
        const b = expectedPurchases(m, h, { amount: long, unit: "weeks" });
        expect(Number.isFinite(a) && a >= 0).toBe(true);
        if (long >= 1e-3) expect(b).toBeGreaterThan(0);
        expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-9) - 1e-12);
        const n1 = expectedPurchasesOfNewCustomer(m, { amount: short, unit: "weeks" });
        const n2 = expectedPurchasesOfNewCustomer(m, { amount: long, unit: "weeks" });
        expect(n2).toBeGreaterThanOrEqual(n1 * (1 - 1e-9) - 1e-12);
      }),
    );
  });

  it("BG/NBD predictions are continuous across a + b = 1, where ₂F₁ has a pole", () => {
    fc.assert(
      fc.property(bgLowModel, history, positive(0.1, 500), (m, h, t) => {
        const at = withParameters(m, { b: 1 - m.parameters.a });
        const horizon = { amount: t, unit: "weeks" as const };
        const e = expectedPurchases(at, h, horizon);
        for (const db of [-1e-9, 1e-9]) expect(expectedPurchases(withParameters(at, { b: at.parameters.b + db }), h, horizon)).toBeCloseTo(e, 6);
      }),
    );
  });

  it("Pareto/NBD predictions are continuous across integer r and s, where the connection formula has poles", () => {
    const integers = fc.record({ r: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 3 }), alpha: positive(0.01, 1), beta: positive(50, 5000) });
    fc.assert(
      fc.property(integers, history, fc.constantFrom(-1e-7, 1e-7), (p, h, d) => {
        const m: ParetoNbdModel = { model: "pareto-nbd", timeUnit: "weeks", parameters: p, standardErrors: null, logLikelihood: 0, customers: 0, repeatBuyers: 0, iterations: 0 };
        const near = withParameters(m, { r: p.r + d, s: p.s - d });
        expect(probabilityAlive(near, h)).toBeCloseTo(probabilityAlive(m, h), 5);
        const e = expectedPurchases(m, h, { amount: 26, unit: "weeks" });
        expect(Math.abs(expectedPurchases(near, h, { amount: 26, unit: "weeks" }) - e)).toBeLessThanOrEqual(1e-5 * Math.max(1, e));
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
        if (a === null || b === null) throw new Error("the spend model has a finite mean: CLV must be a number");
        expect(b).toBeLessThanOrEqual(a * (1 + 1e-9) + 1e-12);
      }),
      { numRuns: 50 },
    );
  });
});

describe("fit invariants", () => {
  const dataset = fc
    .array(fc.tuple(history, fc.double({ min: 1, max: 200, noNaN: true })).map(([h, spend]) => ({ ...h, meanSpend: h.frequency > 0 ? spend : 0 })), { minLength: 30, maxLength: 80 })
    .filter((rows) => rows.filter((r) => r.frequency > 0).length >= 5);

  // Data a model can be fitted to: histories drawn from the BG/NBD story with random parameters.
  const simulated = fc
    .record({ seed: fc.integer(), n: fc.integer({ min: 60, max: 300 }), r: positive(0.3, 3), alpha: positive(1, 20), a: positive(0.3, 3), b: positive(1, 10) })
    .map(({ seed, n, ...parameters }) => simulateBgNbd(parameters, n, seed, { min: 10, max: 100 }));

  it("fits do not depend on customer order", () => {
    fc.assert(
      fc.property(simulated, fc.integer(), (rows, seed) => {
        const permuted = shuffled(rows, seed);
        for (const fit of [fitBgNbd, fitParetoNbd] as const) {
          const a = fit(rows, { timeUnit: "weeks", standardErrors: false });
          const b = fit(permuted, { timeUnit: "weeks", standardErrors: false });
          expect(b).toEqual(a);
        }
        expect(fitGammaGamma(permuted)).toEqual(fitGammaGamma(rows));
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
