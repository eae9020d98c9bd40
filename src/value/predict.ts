import { bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdProbabilityAlive, type BgNbdModel } from "./bgnbd.js";
import { expectedSpend, type GammaGammaModel } from "./gamma-gamma.js";
import {
  paretoNbdDert,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdProbabilityAlive,
  type ParetoNbdModel,
} from "./pareto-nbd.js";
import type { PurchaseHistory, SpendHistory } from "./summarize.js";
import { checkTimeUnit, convertDuration, DAYS_PER_UNIT, type Duration, type TimeUnit } from "./time.js";

/**
 * A fitted purchase-count model.
 *
 * @example
 * ```ts
 * const model: PurchaseModel = fit.model; // a BG/NBD or Pareto/NBD model
 * ```
 */
export type PurchaseModel = BgNbdModel | ParetoNbdModel;

function checkModel(model: PurchaseModel): void {
  if (model?.model !== "bg-nbd" && model?.model !== "pareto-nbd") {
    throw new RangeError(`model.model must be "bg-nbd" or "pareto-nbd" (got ${JSON.stringify((model as { model?: unknown } | undefined)?.model)})`);
  }
  checkTimeUnit(model.timeUnit, "model.timeUnit");
  const names = model.model === "bg-nbd" ? (["r", "alpha", "a", "b"] as const) : (["r", "alpha", "s", "beta"] as const);
  const parameters = (model.parameters ?? {}) as unknown as Readonly<Record<string, unknown>>;
  for (const name of names) {
    const value = parameters[name];
    if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) throw new RangeError(`model.parameters.${name} must be a finite number > 0 (got ${String(value)})`);
  }
}

/**
 * Checks a typed history (a programmer error when it is unusable: summaries from
 * `summarizeTransactions` or `parseCustomerSummaries` always are usable).
 */
function checkHistory(history: PurchaseHistory): PurchaseHistory {
  const { frequency, lastPurchaseAge, age } = history ?? {};
  if (!Number.isInteger(frequency) || frequency < 0) throw new RangeError(`history.frequency must be an integer ≥ 0 (got ${String(frequency)})`);
  if (!Number.isFinite(age) || age < 0) throw new RangeError(`history.age must be a finite number ≥ 0 (got ${String(age)})`);
  if (!Number.isFinite(lastPurchaseAge) || lastPurchaseAge < 0 || lastPurchaseAge > age) {
    throw new RangeError(`history.lastPurchaseAge must lie between 0 and history.age (${age}) (got ${String(lastPurchaseAge)})`);
  }
  if (frequency === 0 && lastPurchaseAge !== 0) throw new RangeError(`history.lastPurchaseAge must be 0 when history.frequency is 0 (got ${lastPurchaseAge})`);
  return history;
}

/** Returns a prediction, or throws when it cannot be represented (parameters or ages far beyond any fitted model's). */
function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${what} cannot be evaluated in double precision for these parameters and this history (got ${value})`);
  return value;
}

/**
 * The probability that a customer is still alive (has not dropped out) at the end of
 * calibration, given their history (BG/NBD: Fader, Hardie & Lee 2005; Pareto/NBD: Schmittlein,
 * Morrison & Colombo 1987, in the form of Fader & Hardie's 2005 note).
 * Under BG/NBD a customer without repeat purchases is alive with probability 1 (dropout can
 * only happen after a purchase).
 *
 * @param model - A fitted BG/NBD or Pareto/NBD model.
 * @param history - The customer's history, in the model's time unit.
 * @returns A probability in [0, 1].
 * @throws RangeError when `model` is not a purchase model (or a parameter is not a finite
 *   positive number), or the history is unusable (a fractional or negative frequency, a negative
 *   or non-finite age, t_x outside [0, T], t_x ≠ 0 with no repeat purchase) — the message names
 *   the field —, or the result overflows double precision (parameters or ages far beyond any
 *   fitted model's); never a silent 0 or NaN.
 * @example
 * ```ts
 * probabilityAlive(model, { frequency: 2, lastPurchaseAge: 30.43, age: 38.86 });
 * ```
 */
export function probabilityAlive(model: PurchaseModel, history: PurchaseHistory): number {
  checkModel(model);
  const h = checkHistory(history);
  return finite(model.model === "bg-nbd" ? bgNbdProbabilityAlive(model.parameters, h) : paretoNbdProbabilityAlive(model.parameters, h), "probabilityAlive");
}

/**
 * The expected number of purchases a customer makes in the next `horizon`, given their history
 * (BG/NBD: Fader, Hardie & Lee 2005; Pareto/NBD: Schmittlein, Morrison & Colombo 1987). The
 * horizon is converted to the model's time unit.
 *
 * @param model - A fitted BG/NBD or Pareto/NBD model.
 * @param history - The customer's history, in the model's time unit.
 * @param horizon - How far ahead, with its unit.
 * @returns The expected number of purchases (≥ 0), non-decreasing in the horizon.
 * @throws RangeError when `model` is not a purchase model, the horizon is invalid or the history
 *   is unusable (see {@link probabilityAlive}).
 * @example
 * ```ts
 * expectedPurchases(model, { frequency: 2, lastPurchaseAge: 30.43, age: 38.86 }, { amount: 39, unit: "weeks" });
 * ```
 */
export function expectedPurchases(model: PurchaseModel, history: PurchaseHistory, horizon: Duration): number {
  checkModel(model);
  const t = convertDuration(horizon, model.timeUnit);
  const h = checkHistory(history);
  const e = model.model === "bg-nbd" ? bgNbdExpectedPurchases(model.parameters, h, t) : paretoNbdExpectedPurchases(model.parameters, h, t);
  // max: the bracket 1 − G·F may round to a hair below 0 at tiny horizons.
  return Math.max(0, finite(e, "expectedPurchases"));
}

/**
 * The expected number of purchases of a customer just acquired, over `horizon` from their first
 * purchase (BG/NBD: Fader, Hardie & Lee 2005; Pareto/NBD: Fader & Hardie's 2005 note): what the model predicts
 * for the population, for tracking plots and for customers not acquired yet.
 *
 * @param model - A fitted BG/NBD or Pareto/NBD model.
 * @param horizon - How long after acquisition.
 * @returns The expected number of purchases (≥ 0).
 * @throws RangeError when `model` is not a purchase model or the horizon is invalid.
 * @example
 * ```ts
 * expectedPurchasesOfNewCustomer(model, { amount: 1, unit: "years" });
 * ```
 */
export function expectedPurchasesOfNewCustomer(model: PurchaseModel, horizon: Duration): number {
  checkModel(model);
  const t = convertDuration(horizon, model.timeUnit);
  const e = model.model === "bg-nbd" ? bgNbdExpectedPurchasesNew(model.parameters, t) : paretoNbdExpectedPurchasesNew(model.parameters, t);
  return Math.max(0, finite(e, "expectedPurchasesOfNewCustomer"));
}

/**
 * A discount rate stated per unit of time: `{ rate: 0.1, per: "years" }` discounts a cash flow
 * one year away by 1 / 1.1.
 *
 * @example
 * ```ts
 * const tenPercentAYear: DiscountRate = { rate: 0.1, per: "years" };
 * ```
 */
export interface DiscountRate {
  /** The rate per `per` (≥ 0, e.g. 0.1 for 10 %). */
  readonly rate: number;
  /** The unit the rate is stated in. */
  readonly per: TimeUnit;
}

function checkDiscount(discount: DiscountRate): void {
  if (!Number.isFinite(discount?.rate) || discount.rate < 0) throw new RangeError(`discountRate.rate must be a finite number ≥ 0 (got ${String(discount?.rate)})`);
  checkTimeUnit(discount.per, "discountRate.per");
}

/** The continuously compounded rate per `unit` equivalent to a discount rate. */
function continuousRate(discount: DiscountRate, unit: TimeUnit): number {
  return (Math.log1p(discount.rate) * DAYS_PER_UNIT[unit]) / DAYS_PER_UNIT[discount.per];
}

/**
 * Discounted expected residual transactions under Pareto/NBD: the present value of all the
 * customer's future purchases, counted (not in money), with continuous discounting (Fader,
 * Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis").
 * Multiply by the expected spend for the residual lifetime value.
 *
 * @param model - A fitted Pareto/NBD model.
 * @param history - The customer's history, in the model's time unit.
 * @param discountRate - The discount rate (converted to a continuous rate per model unit: δ = ln(1 + rate) per `per`).
 * @returns DERT (≥ 0).
 * @throws RangeError when the model is not Pareto/NBD, the rate is not positive or the history is
 *   unusable (see {@link probabilityAlive}).
 * @example
 * ```ts
 * discountedExpectedTransactions(model, history, { rate: 0.15, per: "years" });
 * ```
 */
export function discountedExpectedTransactions(model: ParetoNbdModel, history: PurchaseHistory, discountRate: DiscountRate): number {
  checkModel(model);
  if (model.model !== "pareto-nbd") throw new RangeError('model must be a Pareto/NBD model (model.model === "pareto-nbd")');
  checkDiscount(discountRate);
  if (!(discountRate.rate > 0)) throw new RangeError("discountRate.rate must be > 0 for DERT (an undiscounted lifetime can be infinite)");
  const h = checkHistory(history);
  return finite(paretoNbdDert(model.parameters, h, continuousRate(discountRate, model.timeUnit)), "discountedExpectedTransactions");
}

/**
 * Options of {@link computeClv}.
 *
 * @example
 * ```ts
 * const options: ClvOptions = { horizon: { amount: 3, unit: "years" }, discountRate: { rate: 0.1, per: "years" } };
 * ```
 */
export interface ClvOptions {
  /** How far ahead; or `"lifetime"` for Pareto/NBD, which uses DERT (continuous discounting). Required. */
  readonly horizon: Duration | "lifetime";
  /** The discount rate. Required. */
  readonly discountRate: DiscountRate;
  /** Length of each period whose purchases are discounted together, at its end (default one month). */
  readonly step?: Duration;
}

/**
 * A customer's lifetime value and its parts.
 *
 * @example
 * ```ts
 * const { clv, expectedPurchases, expectedSpend } = computeClv(bgnbd, gg, customer, options);
 * ```
 */
export interface ClvResult {
  /** Discounted expected value of future purchases, in the spend model's money unit; `null` when the spend model has no finite expected spend for this customer. */
  readonly clv: number | null;
  /** Expected purchases over the horizon, undiscounted (DERT, discounted, for `"lifetime"`). */
  readonly expectedPurchases: number;
  /** Expected spend per purchase; `null` when it is not finite (see {@link expectedSpend}). */
  readonly expectedSpend: number | null;
}

/**
 * Customer lifetime value: expected future purchases from a purchase model, each valued at the
 * Gamma-Gamma expected spend, discounted to today. For a finite horizon the horizon is cut into
 * steps; the purchases expected in each step are discounted at the step's end by
 * (1 + rate)^−(t / per). For `horizon: "lifetime"` (Pareto/NBD only) CLV = DERT × expected spend
 * (Fader, Hardie & Lee 2005, "RFM and CLV").
 *
 * @param purchaseModel - A fitted BG/NBD or Pareto/NBD model.
 * @param spendModel - A fitted Gamma-Gamma model.
 * @param customer - The customer's purchase history (model time unit) and spend history.
 * @param options - See {@link ClvOptions}.
 * @returns The CLV with the expected purchases and spend; `clv` and `expectedSpend` are `null`
 *   when the spend model has no finite mean for this customer (q ≤ 1 − p·x).
 * @throws RangeError when an option is invalid, `"lifetime"` is asked of a BG/NBD model, or the
 *   customer's history is unusable (see {@link probabilityAlive} and {@link expectedSpend}).
 * @example
 * ```ts
 * const { clv } = computeClv(bgnbd, gg, { frequency: 2, lastPurchaseAge: 30.43, age: 38.86, meanSpend: 22.35 }, {
 *   horizon: { amount: 1, unit: "years" },
 *   discountRate: { rate: 0.1, per: "years" },
 * });
 * ```
 */
export function computeClv(
  purchaseModel: PurchaseModel,
  spendModel: GammaGammaModel,
  customer: PurchaseHistory & SpendHistory,
  options: ClvOptions,
): ClvResult {
  checkModel(purchaseModel);
  checkDiscount(options?.discountRate);
  const spend = expectedSpend(spendModel, customer);
  if (options.horizon === "lifetime") {
    if (purchaseModel.model !== "pareto-nbd") throw new RangeError('horizon "lifetime" needs a Pareto/NBD model (DERT); give a Duration for BG/NBD');
    const dert = discountedExpectedTransactions(purchaseModel, customer, options.discountRate);
    return { clv: spend === null ? null : dert * spend, expectedPurchases: dert, expectedSpend: spend };
  }
  const unit = purchaseModel.timeUnit;
  const total = convertDuration(options.horizon, unit);
  const step = convertDuration(options.step ?? { amount: 1, unit: "months" }, unit);
  if (!(step > 0)) throw new RangeError("step must be a positive duration");
  const steps = Math.ceil(total / step - 1e-9);
  if (steps > 100_000) throw new RangeError(`horizon / step gives ${steps} steps; use a longer step (at most 100000 steps)`);
  const perUnit = DAYS_PER_UNIT[unit] / DAYS_PER_UNIT[options.discountRate.per];
  let clvPurchases = 0;
  let previous = 0;
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(total, k * step);
    const cumulative = expectedPurchases(purchaseModel, customer, { amount: t, unit });
    clvPurchases += (cumulative - previous) / Math.pow(1 + options.discountRate.rate, t * perUnit);
    previous = cumulative;
  }
  return { clv: spend === null ? null : clvPurchases * spend, expectedPurchases: previous, expectedSpend: spend };
}
