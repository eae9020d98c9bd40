import { describe, expect, it } from "vitest";
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
import { EDGE } from "./reference-edge.js";
import { REFERENCE } from "./reference.js";
import { shuffled, simulateBgNbd, simulateParetoNbd } from "./simulate.js";

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

// BG/NBD histories with the synth generator's default process (spend: p = 6, q = 3.5, γ = 15).
const rows = simulateBgNbd({ r: 0.75, alpha: 8, a: 0.8, b: 4 }, 20_000, 11, { min: 40, max: 104 });
const weeks = (amount: number) => ({ amount, unit: "weeks" as const });

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
    expect(fit).toMatchObject({ ok: false, error: { code: "NOT_CONVERGED" } });
    if (fit.ok || fit.error.code !== "NOT_CONVERGED") return;
    expect(Number.isNaN(fit.error.logLikelihood)).toBe(false);
    expect(Object.values(fit.error.lastParameters).every((v) => !Number.isNaN(v))).toBe(true);
  });

  it("predicts as mpmath does when a + b ≤ 1 (₂F₁ negative, or at its pole c = 0)", () => {
    for (const ref of EDGE.bgLowAB) {
      const model = bgModel(ref.params);
      EDGE.bgHistories.forEach(([x, tx, T], i) => {
        EDGE.bgHorizons.forEach((t, j) => {
          const expected = expectedPurchases(model, { frequency: x, lastPurchaseAge: tx, age: T }, weeks(t));
          expect(relative(expected, ref.expected[i]![j]!)).toBeLessThan(1e-9);
        });
      });
      EDGE.bgHorizons.forEach((t, j) => expect(relative(expectedPurchasesOfNewCustomer(model, weeks(t)), ref.newCustomer[j]!)).toBeLessThan(1e-9));
    }
  });

  it("predicts over horizons so long that t / (α + T + t) rounds to 1", () => {
    const model = bgModel(EDGE.bgFar.params);
    const [x, tx, T] = EDGE.bgFar.history;
    EDGE.bgFar.horizons.forEach((t, j) => {
      expect(relative(expectedPurchases(model, { frequency: x, lastPurchaseAge: tx, age: T }, weeks(t)), EDGE.bgFar.expected[j]!)).toBeLessThan(1e-9);
    });
  });

  it("fits data whose dropout has a + b < 1 and predicts purchases for every non-repeater", () => {
    const data = simulateBgNbd({ r: 0.5, alpha: 5, a: 0.2, b: 0.4 }, 5_000, 6, { min: 20, max: 60 });
    const fit = fitBgNbd(data, { timeUnit: "weeks" });
    if (!fit.ok) throw new Error(fit.error.message);
    const { a, b } = fit.model.parameters;
    expect(a + b).toBeLessThan(1);
    expect(a / (a + b)).toBeGreaterThan(0.25);
    expect(a / (a + b)).toBeLessThan(0.42);
    for (const h of data.filter((d) => d.frequency === 0).slice(0, 500)) {
      const year = expectedPurchases(fit.model, h, weeks(52));
      expect(year).toBeGreaterThan(0);
      expect(expectedPurchases(fit.model, h, weeks(520))).toBeGreaterThan(year);
    }
  });

  it("gives the same fit whatever the time unit's scale: α scales, r, a, b and the maximum stay", () => {
    const base = rows.slice(0, 3_000);
    const fit = fitBgNbd(base, { timeUnit: "weeks" });
    if (!fit.ok) throw new Error("fit failed");
    const repeats = base.reduce((s, r) => s + r.frequency, 0);
    for (const k of [1e-6, 7, 1e9]) {
      const scaled = fitBgNbd(base.map((r) => ({ ...r, lastPurchaseAge: r.lastPurchaseAge * k, age: r.age * k })), { timeUnit: "weeks" });
      if (!scaled.ok) throw new Error(`fit failed at scale ${k}`);
      const p = scaled.model.parameters;
      expect(relative(p.r, fit.model.parameters.r)).toBeLessThan(1e-5);
      expect(relative(p.a, fit.model.parameters.a)).toBeLessThan(1e-5);
      expect(relative(p.b, fit.model.parameters.b)).toBeLessThan(1e-5);
      expect(relative(p.alpha / k, fit.model.parameters.alpha)).toBeLessThan(1e-5);
      // A density of x purchase times: ln L changes by −x ln k.
      expect(scaled.model.logLikelihood + repeats * Math.log(k)).toBeCloseTo(fit.model.logLikelihood, 4);
    }
  });

  it("does not depend on the order of more than 50,000 distinct histories (the warm-started path)", () => {
    const many = simulateBgNbd({ r: 0.75, alpha: 8, a: 0.8, b: 4 }, 51_000, 7, { min: 20, max: 104 });
    const permuted = shuffled(many, 3);
    expect(fitBgNbd(permuted, { timeUnit: "weeks", standardErrors: false })).toEqual(fitBgNbd(many, { timeUnit: "weeks", standardErrors: false }));
    expect(fitParetoNbd(permuted, { timeUnit: "weeks", standardErrors: false })).toEqual(fitParetoNbd(many, { timeUnit: "weeks", standardErrors: false }));
    expect(fitGammaGamma(permuted, { standardErrors: false })).toEqual(fitGammaGamma(many, { standardErrors: false }));
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

  it("gives the same estimates when every weight is huge (the start and the scale do not overflow)", () => {
    const base = rows.slice(0, 2_000);
    const a = fitBgNbd(base, { timeUnit: "weeks", standardErrors: false });
    const b = fitBgNbd(base.map((r) => ({ ...r, weight: 1e12 })), { timeUnit: "weeks", standardErrors: false });
    if (!a.ok || !b.ok) throw new Error("fit failed");
    for (const name of ["r", "alpha", "a", "b"] as const) expect(relative(b.model.parameters[name], a.model.parameters[name])).toBeLessThan(1e-6);
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

  it("predicts and evaluates the likelihood as quadrature does when one rate is a thousand (or a million) times the other", () => {
    for (const ref of EDGE.pnFar) {
      const model = pnModel(ref.params);
      EDGE.pnHistories.forEach(([x, tx, T], i) => {
        const h = { frequency: x, lastPurchaseAge: tx, age: T };
        expect(relative(probabilityAlive(model, h), ref.palive[i]!)).toBeLessThan(1e-9);
        expect(relative(expectedPurchases(model, h, weeks(26)), ref.expected26[i]!)).toBeLessThan(1e-9);
        expect(paretoNbdLogLikelihoodOf(model.parameters, [h])).toBeCloseTo(ref.ll[i]!, 9);
      });
    }
  });

  it("fits customers whose lifetimes are a thousand times longer than the time between purchases (β/α ≈ 1000)", () => {
    const data = simulateParetoNbd({ r: 2, alpha: 0.2, s: 2, beta: 200 }, 3_000, 5, { min: 100, max: 300 });
    const fit = fitParetoNbd(data, { timeUnit: "weeks" });
    if (!fit.ok) throw new Error(fit.error.message);
    const { r, alpha, s, beta } = fit.model.parameters;
    expect(beta / alpha).toBeGreaterThan(500);
    expect(r / alpha).toBeGreaterThan(10 * 0.9); // mean purchase rate r/α = 10 a week
    expect(r / alpha).toBeLessThan(10 * 1.1);
    expect(s / beta).toBeGreaterThan(0.01 * 0.7); // mean dropout rate s/β = 0.01 a week
    expect(s / beta).toBeLessThan(0.01 * 1.3);
    expect(fit.model.standardErrors?.beta).toBeGreaterThan(0);
  });

  it("gives the same fit whatever the time unit's scale: α and β scale, r and s stay", () => {
    const base = rows.slice(0, 2_000);
    const fit = fitParetoNbd(base, { timeUnit: "weeks" });
    const scaled = fitParetoNbd(base.map((r) => ({ ...r, lastPurchaseAge: r.lastPurchaseAge * 1e8, age: r.age * 1e8 })), { timeUnit: "weeks" });
    if (!fit.ok || !scaled.ok) throw new Error("fit failed");
    expect(relative(scaled.model.parameters.r, fit.model.parameters.r)).toBeLessThan(1e-5);
    expect(relative(scaled.model.parameters.s, fit.model.parameters.s)).toBeLessThan(1e-5);
    expect(relative(scaled.model.parameters.alpha / 1e8, fit.model.parameters.alpha)).toBeLessThan(1e-5);
    expect(relative(scaled.model.parameters.beta / 1e8, fit.model.parameters.beta)).toBeLessThan(1e-5);
  });
});

/** Published CDNOW parameters (Fader, Hardie & Lee 2005), as a fitted model. */
const CDNOW_GAMMA_GAMMA: GammaGammaModel = {
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

describe("Gamma-Gamma", () => {
  const model = CDNOW_GAMMA_GAMMA;

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

  it("gives the same fit whatever the money unit: γ scales, p and q stay (cents, dong, billions)", () => {
    const fit = fitGammaGamma(rows);
    if (!fit.ok) throw new Error("fit failed");
    for (const k of [1e-9, 100, 1e10]) {
      const scaled = fitGammaGamma(rows.map((r) => ({ ...r, meanSpend: r.meanSpend * k })));
      if (!scaled.ok) throw new Error(`fit failed at scale ${k}`);
      expect(relative(scaled.model.parameters.p, fit.model.parameters.p)).toBeLessThan(1e-5);
      expect(relative(scaled.model.parameters.q, fit.model.parameters.q)).toBeLessThan(1e-5);
      expect(relative(scaled.model.parameters.gamma / k, fit.model.parameters.gamma)).toBeLessThan(1e-5);
      expect(relative((scaled.model.populationMeanSpend ?? NaN) / k, fit.model.populationMeanSpend ?? NaN)).toBeLessThan(1e-5);
      // A density of the mean spend: ln L changes by −ln k per repeat buyer.
      expect(scaled.model.logLikelihood + fit.model.customers * Math.log(k)).toBeCloseTo(fit.model.logLikelihood, 4);
    }
  });

  it("gives a repeat buyer with only free purchases the formula's value at m̄ = 0, and refuses a spend that is not a number", () => {
    expect(expectedSpend(model, { frequency: 3, meanSpend: 0 })).toBeCloseTo((6.25 * 15.44) / (6.25 * 3 + 2.74), 12);
    expect(() => expectedSpend(model, { frequency: 3, meanSpend: Number.NaN })).toThrow(/meanSpend/);
    expect(() => expectedSpend(model, { frequency: 1.5, meanSpend: 10 })).toThrow(/frequency/);
  });
});

describe("lifetime value", () => {
  const bg = bgModel(REFERENCE.bg.cdnow.params);
  const pn = pnModel(REFERENCE.pn.cdnow.params);
  const gg: GammaGammaModel = { ...CDNOW_GAMMA_GAMMA, populationMeanSpend: 35.2 };
  const customer = { frequency: 2, lastPurchaseAge: 30.43, age: 38.86, meanSpend: 22.35 };

  it("is expected purchases times expected spend when nothing is discounted", () => {
    const result = computeClv(bg, gg, customer, { horizon: { amount: 1, unit: "years" }, discountRate: { rate: 0, per: "years" } });
    expect(result.clv).toBeCloseTo(expectedPurchases(bg, customer, { amount: 1, unit: "years" }) * (expectedSpend(gg, customer) as number), 9);
  });

  it("uses DERT for a Pareto/NBD lifetime and refuses a BG/NBD lifetime", () => {
    const lifetime = computeClv(pn, gg, customer, { horizon: "lifetime", discountRate: { rate: 0.15, per: "years" } });
    const tenYears = computeClv(pn, gg, customer, { horizon: { amount: 10, unit: "years" }, discountRate: { rate: 0.15, per: "years" } });
    expect(lifetime.clv).toBeGreaterThan(tenYears.clv as number);
    expect(() => computeClv(bg, gg, customer, { horizon: "lifetime", discountRate: { rate: 0.1, per: "years" } })).toThrow(/Pareto/);
  });

  it("rejects a negative discount rate and an unknown unit", () => {
    expect(() => computeClv(bg, gg, customer, { horizon: { amount: 1, unit: "years" }, discountRate: { rate: -0.1, per: "years" } })).toThrow(/rate/);
    expect(() => expectedPurchases(bg, customer, { amount: 1, unit: "lightyears" as "years" })).toThrow(/unit/);
  });

  it("refuses a history the model cannot read, naming the field, instead of predicting 0", () => {
    expect(() => probabilityAlive(bg, { frequency: 2, lastPurchaseAge: 50, age: 10 })).toThrow(/history\.lastPurchaseAge/);
    expect(() => expectedPurchases(pn, { frequency: -1, lastPurchaseAge: 0, age: 10 }, weeks(5))).toThrow(/history\.frequency/);
    expect(() => expectedPurchases(bg, { frequency: 1, lastPurchaseAge: 0, age: Number.NaN }, weeks(5))).toThrow(/history\.age/);
    expect(() => discountedExpectedTransactions(pn, { frequency: 0, lastPurchaseAge: 3, age: 10 }, { rate: 0.1, per: "years" })).toThrow(/history\.lastPurchaseAge/);
  });

  it("refuses a model whose parameters are not positive numbers (e.g. read back from a damaged file), naming the parameter", () => {
    expect(() => probabilityAlive({ ...bg, parameters: { ...bg.parameters, b: Number.NaN } }, customer)).toThrow(/model\.parameters\.b/);
    expect(() => expectedPurchases({ ...pn, parameters: { ...pn.parameters, beta: -1 } }, customer, weeks(5))).toThrow(/model\.parameters\.beta/);
    expect(() => expectedPurchasesOfNewCustomer({ ...pn, parameters: { r: 1, alpha: 1, s: 1 } } as unknown as ParetoNbdModel, weeks(5))).toThrow(/model\.parameters\.beta/);
  });

  it("says that no lifetime value can be given when the spend model has no finite mean, instead of 0", () => {
    const heavyTailed: GammaGammaModel = { ...gg, parameters: { p: 0.2, q: 0.5, gamma: 10 }, populationMeanSpend: null };
    const result = computeClv(bg, heavyTailed, { ...customer, frequency: 0, lastPurchaseAge: 0 }, { horizon: { amount: 1, unit: "years" }, discountRate: { rate: 0.1, per: "years" } });
    expect(result.clv).toBeNull();
    expect(result.expectedSpend).toBeNull();
    expect(result.expectedPurchases).toBeGreaterThan(0);
  });
});
