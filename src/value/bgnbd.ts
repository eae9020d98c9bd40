import { digamma, hyp2f1Signed, logGamma } from "../_lib/value-special.js";
import type { InvalidHistoryError, NoCustomersError, NoRepeatBuyersError, NotConvergedError } from "./errors.js";
import {
  prepareFitTable,
  preparePurchaseTable,
  purchaseCount,
  subsamplePurchaseTable,
  weightedMean,
  type PurchaseTable,
  type WeightedPurchaseHistory,
} from "./histories.js";
import { checkFitOptions, maximizeWithWarmStart, unscaleFit, type FitOptions } from "./mle.js";
import type { PurchaseHistory } from "./summarize.js";
import type { TimeUnit } from "./time.js";

/**
 * Parameters of the BG/NBD model (Fader, Hardie & Lee 2005): while alive, a customer buys at a
 * Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
 *
 * @example
 * ```ts
 * const p: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
 * ```
 */
export interface BgNbdParameters {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Rate (scale parameter, in the model's time unit) of the Gamma distribution of purchase rates. */
  readonly alpha: number;
  /** First shape of the Beta distribution of the dropout probability. */
  readonly a: number;
  /** Second shape of the Beta distribution of the dropout probability. */
  readonly b: number;
}

/**
 * A fitted BG/NBD model: a plain object that round-trips through JSON.
 *
 * @example
 * ```ts
 * const fit = fitBgNbd(histories, { timeUnit: "weeks" });
 * if (fit.ok) localStorage.setItem("bgnbd", JSON.stringify(fit.model));
 * ```
 */
export interface BgNbdModel {
  /** Always `"bg-nbd"`. */
  readonly model: "bg-nbd";
  /** The time unit of the ages the model was fitted on (and of α). */
  readonly timeUnit: TimeUnit;
  /** The maximum-likelihood parameters. */
  readonly parameters: BgNbdParameters;
  /** Standard errors from the numerical Hessian, or `null` when not asked for. */
  readonly standardErrors: BgNbdParameters | null;
  /** The maximised log-likelihood. */
  readonly logLikelihood: number;
  /** Customers fitted on (weights included). */
  readonly customers: number;
  /** Of which repeat buyers (x > 0). */
  readonly repeatBuyers: number;
  /** Optimiser iterations. */
  readonly iterations: number;
}

/**
 * The outcome of {@link fitBgNbd}: the model, or why there is none.
 *
 * @example
 * ```ts
 * const fit: BgNbdFit = fitBgNbd(histories, { timeUnit: "weeks" });
 * ```
 */
export type BgNbdFit =
  | {
      /** Success. */
      readonly ok: true;
      /** The fitted model. */
      readonly model: BgNbdModel;
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: NoCustomersError | NoRepeatBuyersError | NotConvergedError | InvalidHistoryError;
    };

/**
 * The BG/NBD log-likelihood over a purchase table and, when `gradient` is given, its gradient
 * with respect to (r, α, a, b) (Fader, Hardie & Lee 2005, and the appendix of their
 * "Implementing the BG/NBD model" note). Terms that depend on x only are computed once per
 * distinct x.
 */
function bgNbdLogLikelihood(table: PurchaseTable, theta: ArrayLike<number>, gradient: Float64Array | null): number {
  const r = theta[0] as number;
  const alpha = theta[1] as number;
  const a = theta[2] as number;
  const b = theta[3] as number;
  const K = table.xs.values.length;
  const base = new Float64Array(K); // A + B
  const c = new Float64Array(K); // ln a − ln(b + x − 1)
  const dr = new Float64Array(K);
  const da = new Float64Array(K);
  const db = new Float64Array(K);
  const dc = new Float64Array(K); // −1 / (b + x − 1)
  const lgr = logGamma(r);
  const lgab = logGamma(a + b);
  const lgb = logGamma(b);
  const logAlpha = Math.log(alpha);
  const psiR = gradient ? digamma(r) : 0;
  const psiAB = gradient ? digamma(a + b) : 0;
  const psiB = gradient ? digamma(b) : 0;
  for (let k = 0; k < K; k++) {
    const x = table.xs.values[k] as number;
    base[k] = logGamma(r + x) - lgr + r * logAlpha + lgab + logGamma(b + x) - lgb - logGamma(a + b + x);
    c[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    if (gradient) {
      const psiABX = digamma(a + b + x);
      dr[k] = digamma(r + x) - psiR + logAlpha;
      da[k] = psiAB - psiABX;
      db[k] = psiAB + digamma(b + x) - psiB - psiABX;
      dc[k] = x > 0 ? -1 / (b + x - 1) : 0;
    }
  }
  // ln(α + t) and 1 / (α + t) once per distinct age.
  const logAT = table.Ts.values.map((T) => Math.log(alpha + T));
  const invAT = table.Ts.values.map((T) => 1 / (alpha + T));
  const logATx = table.txs.values.map((t) => Math.log(alpha + t));
  const invATx = table.txs.values.map((t) => 1 / (alpha + t));
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const { x: xs, w } = table;
  const xIndex = table.xs.index;
  const TIndex = table.Ts.index;
  const txIndex = table.txs.index;
  const rOverAlpha = r / alpha;
  for (let i = 0; i < table.n; i++) {
    const k = xIndex[i] as number;
    const x = xs[i] as number;
    const weight = w[i] as number;
    const rx = r + x;
    const jT = TIndex[i] as number;
    const l3 = -rx * (logAT[jT] as number);
    if (x === 0) {
      ll += weight * ((base[k] as number) + l3);
      if (gradient) {
        gr += weight * ((dr[k] as number) - (logAT[jT] as number));
        gAlpha += weight * (rOverAlpha - rx * (invAT[jT] as number));
        ga += weight * (da[k] as number);
        gb += weight * (db[k] as number);
      }
      continue;
    }
    const jt = txIndex[i] as number;
    const l4 = (c[k] as number) - rx * (logATx[jt] as number);
    // ln(e^l3 + e^l4) = l3 + ln(1 + e^(l4 − l3)), with q = e^(l4 − l3) ≤ 1 or its inverse.
    const d = l4 - l3;
    const e = Math.exp(-Math.abs(d));
    const lse = (d > 0 ? l4 : l3) + Math.log1p(e);
    ll += weight * ((base[k] as number) + lse);
    if (gradient) {
      const p4 = d > 0 ? 1 / (1 + e) : e / (1 + e);
      const p3 = 1 - p4;
      gr += weight * ((dr[k] as number) - p3 * (logAT[jT] as number) - p4 * (logATx[jt] as number));
      gAlpha += weight * (rOverAlpha - rx * (p3 * (invAT[jT] as number) + p4 * (invATx[jt] as number)));
      ga += weight * ((da[k] as number) + p4 / a);
      gb += weight * ((db[k] as number) + p4 * (dc[k] as number));
    }
  }
  if (gradient) {
    gradient[0] = gr;
    gradient[1] = gAlpha;
    gradient[2] = ga;
    gradient[3] = gb;
  }
  return ll;
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way")
 * by maximum likelihood: BFGS on the logarithms of (r, α, a, b) with the analytic gradient,
 * identical histories compressed into weighted rows, standard errors from the numerical Hessian.
 * On CDNOW it reproduces the published r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL −9582.4.
 *
 * @param histories - One purchase history per customer (or weighted rows), ages in `timeUnit`.
 * @param options - See {@link FitOptions}; `timeUnit` is required.
 * @returns The model, or `NO_CUSTOMERS`, `NO_REPEAT_BUYERS`, `NOT_CONVERGED` or `INVALID_HISTORY`.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const fit = fitBgNbd([{ frequency: 2, lastPurchaseAge: 30.43, age: 38.86 }, …], { timeUnit: "weeks" });
 * if (fit.ok) console.log(fit.model.parameters);
 * ```
 */
export function fitBgNbd(histories: readonly WeightedPurchaseHistory[], options: FitOptions): BgNbdFit {
  const checked = checkFitOptions(options);
  const prepared = prepareFitTable(histories);
  if (!prepared.ok) return prepared;
  const { table, scaled, k } = prepared.fittable;
  const fit = unscaleFit(
    maximizeWithWarmStart(
      scaled,
      subsamplePurchaseTable,
      (t, start) => ({
        names: ["r", "alpha", "a", "b"] as const,
        start,
        logLikelihood: (theta, gradient) => bgNbdLogLikelihood(t, theta, gradient),
      }),
      [1, Math.max(1e-6, weightedMean(scaled.T, scaled.w) / weightedMean(scaled.x, scaled.w)), 1, 1],
      checked,
    ),
    ["alpha"],
    k,
    -Math.log(k) * purchaseCount(table),
  );
  if (!fit.ok) return fit;
  return {
    ok: true,
    model: {
      model: "bg-nbd",
      timeUnit: checked.timeUnit,
      parameters: fit.parameters,
      standardErrors: fit.standardErrors,
      logLikelihood: fit.logLikelihood,
      customers: table.customers,
      repeatBuyers: table.repeatBuyers,
      iterations: fit.iterations,
    },
  };
}

/**
 * The BG/NBD log-likelihood of histories at given parameters (for comparing fits or checking
 * published values).
 *
 * @param parameters - The parameters.
 * @param histories - Purchase histories (or weighted rows).
 * @returns The log-likelihood, or an `INVALID_HISTORY` error.
 * @example
 * ```ts
 * bgNbdLogLikelihoodOf({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnow); // ≈ −9582.4
 * ```
 */
export function bgNbdLogLikelihoodOf(parameters: BgNbdParameters, histories: readonly WeightedPurchaseHistory[]): number | InvalidHistoryError {
  const table = preparePurchaseTable(histories);
  if ("code" in table) return table;
  return bgNbdLogLikelihood(table, [parameters.r, parameters.alpha, parameters.a, parameters.b], null);
}

/** P(alive | x, t_x, T) = 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)) (Fader, Hardie & Lee 2005; their note "Computing P(alive) Using the BG/NBD Model"). */
export function bgNbdProbabilityAlive(p: BgNbdParameters, h: PurchaseHistory): number {
  if (h.frequency === 0) return 1;
  const logOdds = Math.log(p.a) - Math.log(p.b + h.frequency - 1) + (p.r + h.frequency) * (Math.log(p.alpha + h.age) - Math.log(p.alpha + h.lastPurchaseAge));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * (a+b+x−1)/(a−1) [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))], the numerator
 * of the conditional expectation (Fader, Hardie & Lee 2005, eq. 10).
 *
 * - ₂F₁ may be negative (when a + b + x − 1 < 0, i.e. x = 0 and a + b < 1), so it is taken as a
 *   signed logarithm and the bracket is 1 − G·F with F's sign.
 * - At c = a + b + x − 1 = 0 (x = 0, a + b = 1) ₂F₁ has a pole but c·₂F₁(r, b; c; z) tends to
 *   r b z ₂F₁(r+1, b+1; 2; z), so the numerator is −G r b z ₂F₁(r+1, b+1; 2; z) / (a − 1); for any
 *   other c the direct form is exact (c·F stays finite as c → 0).
 * - At a = 1 the expression is 0/0 but smooth: the two sides a = 1 ± 1e-5 are averaged.
 */
function bgNbdConditionalNumerator(p: BgNbdParameters, x: number, T: number, t: number): number {
  if (Math.abs(p.a - 1) < 1e-7) {
    return 0.5 * (bgNbdConditionalNumerator({ ...p, a: 1 - 1e-5 }, x, T, t) + bgNbdConditionalNumerator({ ...p, a: 1 + 1e-5 }, x, T, t));
  }
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const w = (alpha + T) / (alpha + T + t);
  const logG = (r + x) * Math.log(w);
  const c = a + b + x - 1;
  if (Math.abs(c) < 1e-12) {
    const F = hyp2f1Signed(r + x + 1, b + x + 1, 2, z, w);
    return (-(r + x) * (b + x) * z * F.sign * Math.exp(logG + F.log)) / (a - 1);
  }
  const F = hyp2f1Signed(r + x, b + x, c, z, w);
  const L = logG + F.log;
  const bracket = F.sign > 0 ? -Math.expm1(L) : F.sign < 0 ? 1 + Math.exp(L) : F.sign === 0 ? 1 : NaN;
  return (c / (a - 1)) * bracket;
}

/** E[Y(t) | x, t_x, T], the conditional expectation of Fader, Hardie & Lee (2005). */
export function bgNbdExpectedPurchases(p: BgNbdParameters, h: PurchaseHistory, t: number): number {
  if (t === 0) return 0;
  const numerator = bgNbdConditionalNumerator(p, h.frequency, h.age, t);
  if (h.frequency === 0) return numerator;
  const logOdds = Math.log(p.a) - Math.log(p.b + h.frequency - 1) + (p.r + h.frequency) * (Math.log(p.alpha + h.age) - Math.log(p.alpha + h.lastPurchaseAge));
  return numerator / (1 + Math.exp(logOdds));
}

/** E[X(t)] for a customer just acquired (Fader, Hardie & Lee 2005): the conditional expectation's numerator at x = 0, T = 0. */
export function bgNbdExpectedPurchasesNew(p: BgNbdParameters, t: number): number {
  return t === 0 ? 0 : bgNbdConditionalNumerator(p, 0, 0, t);
}
