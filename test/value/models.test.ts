import { describe, expect, it } from "vitest";
import { simulateHistories } from "../../src/_lib/value-simulate.js";
import {
  bgNbdLogLikelihoodOf,
  computeClv,
  discountedExpectedTransactions,
  expectedPurchases,
  expectedPurchasesOfNewCustomer,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  paretoNbdLogLikelihoodOf,
  probabilityAlive,
  type BgNbdModel,
  type GammaGammaModel,
  type ParetoNbdModel,
  type PurchaseHistory,
} from "../../src/value/index.js";
import { REFERENCE } from "./reference.js";

const histories: PurchaseHistory[] = REFERENCE.histories.map(([x, tx, T]) => ({ frequency: x, lastPurchaseAge: tx, age: T }));

function bgModel(params: readonly number[]): BgNbdModel {
  const [r, alpha, a, b] = params as [number, number, number, number];
  return { model: "bg-nbd", timeUnit: "weeks", parameters: { r, alpha, a, b }, standardErrors: null, logLikelihood: 0, customers: 0, repeatBuyers: 0, iterations: 0 };
}

function pnModel(params: readonly number[]): ParetoNbdModel {
  const [r, alpha, s, beta] = params as [number, number, number, number];
  return { model: "pareto-nbd", timeUnit: "weeks", parameters: { r, alpha, s, beta }, standardErrors: null, logLikelihood: 0, customers: 0, repeatBuyers: 0, iterations: 0 };
}

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

const PROCESS = { r: 0.75, alpha: 8, a: 0.8, b: 4, spendShape: 6, q: 3.5, gamma: 15 };
const simulated = simulateHistories({ customers: 20_000, process: PROCESS, seed: 11, windowWeeks: 104 });
const rows = Array.from(simulated.frequency, (x, i) => ({
  frequency: x,
  lastPurchaseAge: simulated.lastPurchaseAge[i] as number,
  age: simulated.age[i] as number,
  meanSpend: simulated.meanSpend[i] as number,
}));

describe("BG/NBD", () => {
  for (const [name, ref] of Object.entries(REFERENCE.bg)) {
    it(`predicts P(alive), expected purchases and the new-customer curve as the untransformed formulas do (${name})`, () => {
      const model = bgModel(ref.params);
      histories.forEach((h, i) => {
        expect(relative(probabilityAlive(model, h), ref.palive[i] as number)).toBeLessThan(1e-10);
        expect(relative(expectedPurchases(model, h, { amount: 39, unit: "weeks" }), ref.exp39[i] as number)).toBeLessThan(1e-9);
        expect(relative(expectedPurchases(model, h, { amount: 520, unit: "weeks" }), ref.exp520[i] as number)).toBeLessThan(1e-9);
      });
      expect(relative(expectedPurchasesOfNewCustomer(model, { amount: 39, unit: "weeks" }), ref.new39)).toBeLessThan(1e-10);
      expect(relative(expectedPurchasesOfNewCustomer(model, { amount: 520, unit: "weeks" }), ref.new520)).toBeLessThan(1e-10);
      const ll = bgNbdLogLikelihoodOf(model.parameters, histories);
      expect(ll).toBeCloseTo(ref.ll.reduce((s, v) => s + v, 0), 9);
    });
  }

  it("converts a horizon in another unit to the model's unit", () => {
    const model = bgModel(REFERENCE.bg.cdnow.params);
    const h = histories[1] as PurchaseHistory;
    expect(expectedPurchases(model, h, { amount: 273, unit: "days" })).toBeCloseTo(expectedPurchases(model, h, { amount: 39, unit: "weeks" }), 12);
  });

  it("recovers the parameters of simulated data and gives standard errors", () => {
    const fit = fitBgNbd(rows, { timeUnit: "weeks" });
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    const { r, alpha, a, b } = fit.model.parameters;
    expect(r).toBeGreaterThan(0.6);
    expect(r).toBeLessThan(0.9);
    expect(alpha / r).toBeGreaterThan(8 / 0.75 * 0.85);
    expect(alpha / r).toBeLessThan(8 / 0.75 * 1.15);
    expect(a / (a + b)).toBeGreaterThan(0.13);
    expect(a / (a + b)).toBeLessThan(0.2);
    expect(fit.model.standardErrors?.r).toBeGreaterThan(0);
    expect(fit.model.customers).toBe(20_000);
  });

  it("says so when nobody bought twice", () => {
    const fit = fitBgNbd([{ frequency: 0, lastPurchaseAge: 0, age: 10 }, { frequency: 0, lastPurchaseAge: 0, age: 20 }], { timeUnit: "weeks" });
    expect(fit).toMatchObject({ ok: false, error: { code: "NO_REPEAT_BUYERS", customers: 2 } });
  });

  it("says so when there is nobody to fit", () => {
    expect(fitBgNbd([], { timeUnit: "weeks" })).toMatchObject({ ok: false, error: { code: "NO_CUSTOMERS" } });
  });

  it("reports a degenerate data set as not converged, never NaN", () => {
    // Everyone bought at the very end of a zero-length history: no information on λ or p.
    const fit = fitBgNbd([{ frequency: 3, lastPurchaseAge: 0, age: 0 }], { timeUnit: "weeks" });
    expect(fit.ok).toBe(false);
    if (!fit.ok && fit.error.code === "NOT_CONVERGED") expect(Number.isNaN(fit.error.logLikelihood)).toBe(false);
  });

  it("names the row and field of an unusable history", () => {
    const fit = fitBgNbd([{ frequency: 1, lastPurchaseAge: 3, age: 5 }, { frequency: 1, lastPurchaseAge: 6, age: 5 }], { timeUnit: "weeks" });
    expect(fit).toMatchObject({ ok: false, error: { code: "INVALID_HISTORY", index: 1, field: "lastPurchaseAge" } });
    expect(fitBgNbd([{ frequency: 1.5, lastPurchaseAge: 3, age: 5 }], { timeUnit: "weeks" })).toMatchObject({ ok: false, error: { field: "frequency" } });
    expect(fitBgNbd([{ frequency: Number.NaN, lastPurchaseAge: 3, age: 5 }], { timeUnit: "weeks" })).toMatchObject({ ok: false, error: { code: "INVALID_HISTORY" } });
  });

  it("requires a time unit", () => {
    expect(() => fitBgNbd(rows, { timeUnit: "fortnights" as "weeks" })).toThrow(/timeUnit/);
  });

  it("fits weighted rows exactly like the rows they stand for", () => {
    const a = fitBgNbd([...rows.slice(0, 200), ...rows.slice(0, 200)], { timeUnit: "weeks" });
    const b = fitBgNbd(rows.slice(0, 200).map((r) => ({ ...r, weight: 2 })), { timeUnit: "weeks" });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.model.parameters).toEqual(a.model.parameters);
  });

  it("returns a model that round-trips through JSON and predicts the same", () => {
    const fit = fitBgNbd(rows.slice(0, 2000), { timeUnit: "weeks" });
    if (!fit.ok) throw new Error("fit failed");
    const copy = JSON.parse(JSON.stringify(fit.model)) as BgNbdModel;
    expect(copy).toEqual(fit.model);
    const h = histories[1] as PurchaseHistory;
    expect(expectedPurchases(copy, h, { amount: 1, unit: "years" })).toBe(expectedPurchases(fit.model, h, { amount: 1, unit: "years" }));
  });
});

describe("Pareto/NBD", () => {
  for (const [name, ref] of Object.entries(REFERENCE.pn)) {
    it(`predicts P(alive), expected purchases, the likelihood and DERT as the untransformed formulas do (${name})`, () => {
      const model = pnModel(ref.params);
      histories.forEach((h, i) => {
        expect(relative(probabilityAlive(model, h), ref.palive[i] as number)).toBeLessThan(1e-9);
        expect(relative(expectedPurchases(model, h, { amount: 39, unit: "weeks" }), ref.exp39[i] as number)).toBeLessThan(1e-9);
        expect(discountedExpectedTransactions(model, h, { rate: 0.15, per: "weeks" })).toBeGreaterThan(0);
      });
      const ll = paretoNbdLogLikelihoodOf(model.parameters, histories);
      expect(ll).toBeCloseTo(ref.ll.reduce((s, v) => s + v, 0), 9);
    });

    it(`computes DERT with the confluent hypergeometric function as mpmath does (${name})`, () => {
      const model = pnModel(ref.params);
      // δ = ln(1.15) / 52 per week: a 15 % rate per 52 weeks, i.e. per 364 days.
      histories.forEach((h, i) => {
        const dert = discountedExpectedTransactions(model, h, { rate: 0.15, per: "days" });
        const perWeek = discountedExpectedTransactions(model, h, { rate: Math.pow(1.15, 1 / 52) - 1, per: "weeks" });
        expect(relative(perWeek, ref.dert[i] as number)).toBeLessThan(1e-8);
        expect(dert).toBeLessThan(perWeek);
      });
    });
  }

  it("agrees with the discounted sum of its own expected-purchase curve", () => {
    const model = pnModel(REFERENCE.pn.cdnow.params);
    const h = histories[1] as PurchaseHistory;
    const delta = Math.log(1.15) / 52;
    let sum = 0;
    let previous = 0;
    const step = 0.25;
    for (let t = step; t <= 4000; t += step) {
      const e = expectedPurchases(model, h, { amount: t, unit: "weeks" });
      sum += (e - previous) * Math.exp(-delta * (t - step / 2));
      previous = e;
    }
    const dert = discountedExpectedTransactions(model, h, { rate: Math.pow(1.15, 1 / 52) - 1, per: "weeks" });
    expect(relative(dert, sum)).toBeLessThan(1e-3);
  });

  it("is certain a customer who just bought is alive", () => {
    expect(probabilityAlive(pnModel(REFERENCE.pn.cdnow.params), { frequency: 4, lastPurchaseAge: 20, age: 20 })).toBe(1);
  });

  it("recovers a fit with the analytic gradient and standard errors", () => {
    const fit = fitParetoNbd(rows.slice(0, 5000), { timeUnit: "weeks" });
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.model.logLikelihood).toBeLessThan(0);
    expect(fit.model.standardErrors).not.toBeNull();
    // BG/NBD data fitted with Pareto/NBD: the purchase process is the same Gamma mixture.
    expect(fit.model.parameters.alpha / fit.model.parameters.r).toBeGreaterThan(8 / 0.75 * 0.8);
    expect(fit.model.parameters.alpha / fit.model.parameters.r).toBeLessThan(8 / 0.75 * 1.2);
  });

  it("says so when nobody bought twice", () => {
    expect(fitParetoNbd([{ frequency: 0, lastPurchaseAge: 0, age: 10 }], { timeUnit: "days" })).toMatchObject({ ok: false, error: { code: "NO_REPEAT_BUYERS" } });
  });
});

describe("Gamma-Gamma", () => {
  it("recovers the spend parameters of simulated repeat buyers", () => {
    const fit = fitGammaGamma(rows);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    const { p, q, gamma } = fit.model.parameters;
    // The population mean spend pγ/(q − 1) is identified well even where p, q, γ trade off.
    expect(fit.model.populationMeanSpend).toBeGreaterThan((6 * 15) / 2.5 * 0.9);
    expect(fit.model.populationMeanSpend).toBeLessThan((6 * 15) / 2.5 * 1.1);
    expect(p).toBeGreaterThan(3);
    expect(q).toBeGreaterThan(1);
    expect(gamma).toBeGreaterThan(0);
    expect(fit.model.nonRepeatBuyers + fit.model.customers).toBe(rows.length);
  });

  it("gives customers without repeat purchases the population mean and leans on the customer's mean as purchases grow", () => {
    const model: GammaGammaModel = {
      model: "gamma-gamma",
      parameters: { p: 6.25, q: 3.74, gamma: 15.44 },
      standardErrors: null,
      logLikelihood: 0,
      customers: 1,
      nonRepeatBuyers: 0,
      zeroSpendBuyers: 0,
      populationMeanSpend: (6.25 * 15.44) / 2.74,
      iterations: 0,
    };
    expect(expectedSpend(model, { frequency: 0, meanSpend: 0 })).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    const few = expectedSpend(model, { frequency: 1, meanSpend: 100 }) as number;
    const many = expectedSpend(model, { frequency: 50, meanSpend: 100 }) as number;
    expect(few).toBeLessThan(many);
    expect(many).toBeLessThan(100 * 1.01);
    expect(expectedSpend({ ...model, parameters: { p: 1, q: 0.8, gamma: 1 } }, { frequency: 0, meanSpend: 0 })).toBeNull();
  });

  it("leaves out repeat buyers whose purchases were all free, and says so when nobody is left", () => {
    const fit = fitGammaGamma([{ frequency: 2, meanSpend: 0 }, { frequency: 0, meanSpend: 0 }]);
    expect(fit).toMatchObject({ ok: false, error: { code: "NO_REPEAT_BUYERS", customers: 2 } });
  });
});

describe("lifetime value", () => {
  const bg = bgModel(REFERENCE.bg.cdnow.params);
  const pn = pnModel(REFERENCE.pn.cdnow.params);
  const gg: GammaGammaModel = {
    model: "gamma-gamma",
    parameters: { p: 6.25, q: 3.74, gamma: 15.44 },
    standardErrors: null,
    logLikelihood: 0,
    customers: 1,
    nonRepeatBuyers: 0,
    zeroSpendBuyers: 0,
    populationMeanSpend: 35.2,
    iterations: 0,
  };
  const customer = { frequency: 2, lastPurchaseAge: 30.43, age: 38.86, meanSpend: 22.35 };

  it("is expected purchases times expected spend when nothing is discounted", () => {
    const result = computeClv(bg, gg, customer, { horizon: { amount: 1, unit: "years" }, discountRate: { rate: 0, per: "years" } });
    expect(result.clv).toBeCloseTo(expectedPurchases(bg, customer, { amount: 1, unit: "years" }) * (expectedSpend(gg, customer) as number), 9);
  });

  it("uses DERT for a Pareto/NBD lifetime and refuses a BG/NBD lifetime", () => {
    const lifetime = computeClv(pn, gg, customer, { horizon: "lifetime", discountRate: { rate: 0.15, per: "years" } });
    const tenYears = computeClv(pn, gg, customer, { horizon: { amount: 10, unit: "years" }, discountRate: { rate: 0.15, per: "years" } });
    expect(lifetime.clv).toBeGreaterThan(tenYears.clv);
    expect(() => computeClv(bg, gg, customer, { horizon: "lifetime", discountRate: { rate: 0.1, per: "years" } })).toThrow(/Pareto/);
  });

  it("rejects a negative discount rate and an unknown unit", () => {
    expect(() => computeClv(bg, gg, customer, { horizon: { amount: 1, unit: "years" }, discountRate: { rate: -0.1, per: "years" } })).toThrow(/rate/);
    expect(() => expectedPurchases(bg, customer, { amount: 1, unit: "lightyears" as "years" })).toThrow(/unit/);
  });

  it("returns 0, not NaN, for a history the model cannot read", () => {
    expect(probabilityAlive(bg, { frequency: 2, lastPurchaseAge: 50, age: 10 })).toBe(0);
    expect(expectedPurchases(pn, { frequency: -1, lastPurchaseAge: 0, age: 10 }, { amount: 5, unit: "weeks" })).toBe(0);
  });
});
