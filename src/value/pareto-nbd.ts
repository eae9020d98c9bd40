import { CONNECTION_FROM, digamma, hyp2f1OneWithDerivatives, logAddExp, logGamma, logSubExp, logUpperIncompleteGamma } from "../_lib/value-special.js";
import type { InvalidHistoryError, NoCustomersError, NoRepeatBuyersError, NotConvergedError } from "./errors.js";
import {
  prepareFitTable,
  preparePurchaseTable,
  purchaseCount,
  subsamplePurchaseTable,
  weightedMean,
  type PurchaseTable,
  type ValueIndex,
  type WeightedPurchaseHistory,
} from "./histories.js";
import { checkFitOptions, maximizeWithWarmStart, unscaleFit, type FitOptions } from "./mle.js";
import type { PurchaseHistory } from "./summarize.js";
import type { TimeUnit } from "./time.js";

/**
 * Parameters of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive, a
 * customer buys at a Poisson rate λ ~ Gamma(r, α); their lifetime is exponential with rate
 * μ ~ Gamma(s, β).
 *
 * @example
 * ```ts
 * const p: ParetoNbdParameters = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
 * ```
 */
export interface ParetoNbdParameters {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Rate of the Gamma distribution of purchase rates (in the model's time unit). */
  readonly alpha: number;
  /** Shape of the Gamma distribution of dropout rates. */
  readonly s: number;
  /** Rate of the Gamma distribution of dropout rates (in the model's time unit). */
  readonly beta: number;
}

/**
 * A fitted Pareto/NBD model: a plain object that round-trips through JSON.
 *
 * @example
 * ```ts
 * const fit = fitParetoNbd(histories, { timeUnit: "weeks" });
 * if (fit.ok) console.log(fit.model.parameters, fit.model.logLikelihood);
 * ```
 */
export interface ParetoNbdModel {
  /** Always `"pareto-nbd"`. */
  readonly model: "pareto-nbd";
  /** The time unit of the ages the model was fitted on (and of α, β). */
  readonly timeUnit: TimeUnit;
  /** The maximum-likelihood parameters. */
  readonly parameters: ParetoNbdParameters;
  /** Standard errors from the numerical Hessian, or `null` when not asked for. */
  readonly standardErrors: ParetoNbdParameters | null;
  /** The maximised log-likelihood. */
  readonly logLikelihood: number;
  /** Customers fitted on (weights included). */
  readonly customers: number;
  /** Of which repeat buyers. */
  readonly repeatBuyers: number;
  /** Optimiser iterations. */
  readonly iterations: number;
}

/**
 * The outcome of {@link fitParetoNbd}.
 *
 * @example
 * ```ts
 * const fit: ParetoNbdFit = fitParetoNbd(histories, { timeUnit: "weeks" });
 * ```
 */
export type ParetoNbdFit =
  | {
      /** Success. */
      readonly ok: true;
      /** The fitted model. */
      readonly model: ParetoNbdModel;
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: NoCustomersError | NoRepeatBuyersError | NotConvergedError | InvalidHistoryError;
    };

/**
 * ln I(t) and its gradient, where I(t) = ∫_t^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, so that the
 * likelihood's A₀ term is s/(r+s+x) A₀ = s [I(t_x) − I(T)] (Fader & Hardie 2005, "A Note on
 * Deriving the Pareto/NBD Model and Related Expressions"). In closed form
 * I(t) = ₂F₁(a', b'; a'+1; z) / (a' (m+t)^a') with a' = r+s+x and, for α ≥ β, b' = s+1,
 * m = α, z = (α−β)/(α+t) (otherwise b' = r+x, m = β, z = (β−α)/(β+t)); after Euler's
 * transformation the series is ₂F₁(1, a'+1−b'; a'+1; z), evaluated with its derivatives by
 * `hyp2f1OneWithDerivatives` (term by term, or through the connection to 1 − z when one rate is
 * far above the other). Where z is near 1 and a'·(1 − z) > 4 — both rates far apart and a large
 * shape, a corner the optimiser visits on its way to a boundary — the series would need millions
 * of terms and the connection formula cancels, so I is integrated numerically instead
 * ({@link integralByQuadrature}). Writes [ln I, ∂/∂r, ∂/∂α, ∂/∂s, ∂/∂β] into `out`
 * (derivatives only when `withGradient`).
 */
function integralTerm(p: ParetoNbdParameters, x: number, t: number, out: Float64Array, at: number, withGradient: boolean): void {
  const { r, alpha, s, beta } = p;
  const a1 = r + s + x;
  // z and w = 1 − z, each computed without cancellation.
  const z = alpha >= beta ? (alpha - beta) / (alpha + t) : (beta - alpha) / (beta + t);
  const w = alpha >= beta ? (beta + t) / (alpha + t) : (alpha + t) / (beta + t);
  if (z > CONNECTION_FROM && a1 * w > 4) return integralByQuadrature(p, x, t, out, at, withGradient);
  const la = Math.log(alpha + t);
  const lb = Math.log(beta + t);
  const d = withGradient ? derivatives : null;
  if (alpha >= beta) {
    const S = hyp2f1OneWithDerivatives(r + x, a1 + 1, z, w, d);
    out[at] = -(r + x) * la - s * lb - Math.log(a1) + Math.log(S);
    if (d === null) return;
    const sb = (d[0] as number) / S;
    const sc = (d[1] as number) / S;
    const sz = (d[2] as number) / S;
    out[at + 1] = -la - 1 / a1 + sb + sc;
    out[at + 2] = -(r + x) / (alpha + t) + (sz * (beta + t)) / ((alpha + t) * (alpha + t));
    out[at + 3] = -lb - 1 / a1 + sc;
    out[at + 4] = -s / (beta + t) - sz / (alpha + t);
  } else {
    const S = hyp2f1OneWithDerivatives(s + 1, a1 + 1, z, w, d);
    out[at] = (1 - r - x) * la - (s + 1) * lb - Math.log(a1) + Math.log(S);
    if (d === null) return;
    const sb = (d[0] as number) / S;
    const sc = (d[1] as number) / S;
    const sz = (d[2] as number) / S;
    out[at + 1] = -la - 1 / a1 + sc;
    out[at + 2] = (1 - r - x) / (alpha + t) - sz / (beta + t);
    out[at + 3] = -lb - 1 / a1 + sb + sc;
    out[at + 4] = -(s + 1) / (beta + t) + (sz * (alpha + t)) / ((beta + t) * (beta + t));
  }
}

const derivatives = new Float64Array(3);

/** ln(C + e^y) without overflow. */
function logPlusExp(logC: number, y: number): number {
  return y > logC ? y + Math.log1p(Math.exp(logC - y)) : logC + Math.log1p(Math.exp(y - logC));
}

/**
 * ln I(t) and its gradient (as {@link integralTerm}) by quadrature. With τ = t + e^y,
 * I = ∫ e^{g(y)} dy over the real line, g(y) = y − (r+x) ln(α+t+e^y) − (s+1) ln(β+t+e^y). g is
 * concave (g' falls from 1 to −(r+s+x)), so its maximum is found by bisection on g' and the
 * integrand summed from there outwards, by the trapezoidal rule with step ½, until it has fallen
 * below e^−40 of its peak on both sides. The integrand is analytic in the strip |Im y| < π (its
 * singularities lie at ln(α+t) + iπ and ln(β+t) + iπ), so the rule's relative error is of order
 * e^(−2π²/h) ≈ 1e-17 (Trefethen & Weideman 2014, "The exponentially convergent trapezoidal
 * rule"). The derivatives are integrals of the same integrand times −ln(α+t+e^y), −ln(β+t+e^y),
 * −(r+x)/(α+t+e^y) and −(s+1)/(β+t+e^y).
 */
function integralByQuadrature(p: ParetoNbdParameters, x: number, t: number, out: Float64Array, at: number, withGradient: boolean): void {
  const P = p.r + x;
  const Q = p.s + 1;
  const logA = Math.log(p.alpha + t);
  const logB = Math.log(p.beta + t);
  const slope = (y: number): number => 1 - P / (1 + Math.exp(logA - y)) - Q / (1 + Math.exp(logB - y));
  let lo = Math.min(logA, logB) - 60;
  let hi = Math.max(logA, logB) + 60;
  for (let i = 0; i < 200 && hi - lo > 1e-9; i++) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  const peak = 0.5 * (lo + hi);
  const h = 0.5;
  let top = NaN;
  let sum = 0;
  let sumLogA = 0;
  let sumLogB = 0;
  let sumInvA = 0;
  let sumInvB = 0;
  for (const direction of [1, -1]) {
    for (let k = direction === 1 ? 0 : 1; k < 100_000; k++) {
      const y = peak + direction * k * h;
      const la = logPlusExp(logA, y);
      const lb = logPlusExp(logB, y);
      const g = y - P * la - Q * lb;
      if (Number.isNaN(top)) top = g;
      const e = Math.exp(g - top);
      if (e < 4e-18) break; // below e^−40 of the peak: g is concave, so the rest of this side is smaller still
      sum += e;
      if (withGradient) {
        sumLogA += e * la;
        sumLogB += e * lb;
        sumInvA += e * Math.exp(-la);
        sumInvB += e * Math.exp(-lb);
      }
    }
  }
  out[at] = top + Math.log(h * sum);
  if (!withGradient) return;
  out[at + 1] = -sumLogA / sum;
  out[at + 2] = (-P * sumInvA) / sum;
  out[at + 3] = -sumLogB / sum;
  out[at + 4] = (-Q * sumInvB) / sum;
}

/** Unique (x, t) pairs of a table, for evaluating each series once per likelihood evaluation. */
interface PairIndex {
  readonly x: Float64Array;
  readonly t: Float64Array;
  readonly ofRow: Int32Array;
}

function pairIndex(table: PurchaseTable, times: ValueIndex): PairIndex {
  const at = new Map<number, number>();
  const xs: number[] = [];
  const ts: number[] = [];
  const ofRow = new Int32Array(table.n);
  const nTimes = times.values.length;
  for (let i = 0; i < table.n; i++) {
    const key = (table.xs.index[i] as number) * nTimes + (times.index[i] as number);
    let k = at.get(key);
    if (k === undefined) {
      k = xs.push(table.x[i] as number) - 1;
      ts.push(times.values[times.index[i] as number] as number);
      at.set(key, k);
    }
    ofRow[i] = k;
  }
  return { x: Float64Array.from(xs), t: Float64Array.from(ts), ofRow };
}

function termsOf(p: ParetoNbdParameters, pairs: PairIndex, withGradient: boolean): Float64Array {
  const out = new Float64Array(pairs.x.length * 5);
  for (let k = 0; k < pairs.x.length; k++) integralTerm(p, pairs.x[k] as number, pairs.t[k] as number, out, 5 * k, withGradient);
  return out;
}

/**
 * The Pareto/NBD log-likelihood over a purchase table,
 * LL = Σ w [ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln((α+T)^−(r+x) (β+T)^−s + s (I(t_x) − I(T)))],
 * and, when `gradient` is given, its gradient with respect to (r, α, s, β).
 */
function paretoNbdLogLikelihood(table: PurchaseTable, pairsTx: PairIndex, pairsT: PairIndex, theta: ArrayLike<number>, gradient: Float64Array | null): number {
  const p: ParetoNbdParameters = { r: theta[0] as number, alpha: theta[1] as number, s: theta[2] as number, beta: theta[3] as number };
  const { r, alpha, s, beta } = p;
  const g = gradient !== null;
  const termTx = termsOf(p, pairsTx, g);
  const termT = termsOf(p, pairsT, g);
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const logS = Math.log(s);
  const constant = r * logAlpha + s * logBeta - logGamma(r);
  const psiR = g ? digamma(r) : 0;
  const head = table.xs.values.map((x) => logGamma(r + x) + constant);
  const headR = g ? table.xs.values.map((x) => digamma(r + x) - psiR + logAlpha) : head;
  const logAT = table.Ts.values.map((T) => Math.log(alpha + T));
  const logBT = table.Ts.values.map((T) => Math.log(beta + T));
  let ll = 0;
  let gr = 0;
  let ga = 0;
  let gs = 0;
  let gb = 0;
  for (let i = 0; i < table.n; i++) {
    const x = table.x[i] as number;
    const T = table.T[i] as number;
    const w = table.w[i] as number;
    const k1 = 5 * (pairsTx.ofRow[i] as number);
    const k2 = 5 * (pairsT.ofRow[i] as number);
    const l1 = termTx[k1] as number;
    const l2 = termT[k2] as number;
    const laT = logAT[table.Ts.index[i] as number] as number;
    const lbT = logBT[table.Ts.index[i] as number] as number;
    const first = -(r + x) * laT - s * lbT;
    // ln(I₁ − I₂) = l1 + ln(1 − q) with q = I₂ / I₁ < 1.
    const q = l2 >= l1 ? 1 : Math.exp(l2 - l1);
    const second = q === 1 ? -Infinity : logS + l1 + (q < 0.5 ? Math.log1p(-q) : Math.log(1 - q));
    const d = second - first;
    const lse = d > 0 ? second + Math.log1p(Math.exp(-d)) : first + Math.log1p(Math.exp(d));
    const xk = table.xs.index[i] as number;
    ll += w * ((head[xk] as number) + lse);
    if (!g) continue;
    const p2 = Math.exp(second - lse);
    const p1 = 1 - p2;
    let dr = (headR[xk] as number) - p1 * laT;
    let da = r / alpha - (p1 * (r + x)) / (alpha + T);
    let ds = logBeta - p1 * lbT;
    let db = s / beta - (p1 * s) / (beta + T);
    if (p2 > 0) {
      // ∇ ln(I₁ − I₂) = (∇ln I₁ − q ∇ln I₂) / (1 − q).
      const scale = p2 / (1 - q);
      dr += scale * ((termTx[k1 + 1] as number) - q * (termT[k2 + 1] as number));
      da += scale * ((termTx[k1 + 2] as number) - q * (termT[k2 + 2] as number));
      ds += scale * ((termTx[k1 + 3] as number) - q * (termT[k2 + 3] as number)) + p2 / s;
      db += scale * ((termTx[k1 + 4] as number) - q * (termT[k2 + 4] as number));
    }
    gr += w * dr;
    ga += w * da;
    gs += w * ds;
    gb += w * db;
  }
  if (gradient !== null) {
    gradient[0] = gr;
    gradient[1] = ga;
    gradient[2] = gs;
    gradient[3] = gb;
  }
  return ll;
}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood, with
 * the likelihood in the form of Fader & Hardie (2005, "A Note on Deriving the Pareto/NBD Model
 * and Related Expressions"), each hypergeometric series summed once per distinct (x, t)
 * per step together with its derivatives, BFGS on the logarithms of (r, α, s, β) with that
 * analytic gradient, and standard errors from the numerical Hessian. On CDNOW it reproduces the
 * published r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL −9595.0.
 *
 * @param histories - One purchase history per customer (or weighted rows), ages in `timeUnit`.
 * @param options - See {@link FitOptions}; `timeUnit` is required.
 * @returns The model, or `NO_CUSTOMERS`, `NO_REPEAT_BUYERS`, `NOT_CONVERGED` or `INVALID_HISTORY`.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const fit = fitParetoNbd(summary.customers, { timeUnit: summary.timeUnit });
 * if (fit.ok) console.log(probabilityAlive(fit.model, summary.customers[0]!));
 * ```
 */
export function fitParetoNbd(histories: readonly WeightedPurchaseHistory[], options: FitOptions): ParetoNbdFit {
  const checked = checkFitOptions(options);
  const prepared = prepareFitTable(histories);
  if (!prepared.ok) return prepared;
  const { table, scaled, k } = prepared.fittable;
  const meanT = weightedMean(scaled.T, scaled.w);
  const fit = unscaleFit(
    maximizeWithWarmStart(
      scaled,
      subsamplePurchaseTable,
      (t, start) => {
        const pairsTx = pairIndex(t, t.txs);
        const pairsT = pairIndex(t, t.Ts);
        return {
          names: ["r", "alpha", "s", "beta"] as const,
          start,
          logLikelihood: (theta, gradient) => paretoNbdLogLikelihood(t, pairsTx, pairsT, theta, gradient),
        };
      },
      [1, Math.max(1e-6, meanT / weightedMean(scaled.x, scaled.w)), 1, Math.max(1e-6, meanT)],
      checked,
    ),
    ["alpha", "beta"],
    k,
    -Math.log(k) * purchaseCount(table),
  );
  if (!fit.ok) return fit;
  return {
    ok: true,
    model: {
      model: "pareto-nbd",
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
 * The Pareto/NBD log-likelihood of histories at given parameters.
 *
 * @param parameters - The parameters.
 * @param histories - Purchase histories (or weighted rows).
 * @returns The log-likelihood, or an `INVALID_HISTORY` error.
 * @example
 * ```ts
 * paretoNbdLogLikelihoodOf({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, cdnow); // ≈ −9595.0
 * ```
 */
export function paretoNbdLogLikelihoodOf(parameters: ParetoNbdParameters, histories: readonly WeightedPurchaseHistory[]): number | InvalidHistoryError {
  const table = preparePurchaseTable(histories);
  if ("code" in table) return table;
  const theta = [parameters.r, parameters.alpha, parameters.s, parameters.beta];
  return paretoNbdLogLikelihood(table, pairIndex(table, table.txs), pairIndex(table, table.Ts), theta, null);
}

/** One customer's log-likelihood and ln(s (I(t_x) − I(T))), the dropout-before-T term. */
function customerTerms(p: ParetoNbdParameters, h: PurchaseHistory): { logDropped: number; ll: number } {
  const x = h.frequency;
  const terms = new Float64Array(10);
  integralTerm(p, x, h.lastPurchaseAge, terms, 0, false);
  integralTerm(p, x, h.age, terms, 5, false);
  const l1 = terms[0] as number;
  const l2 = terms[5] as number;
  const logDropped = l2 >= l1 ? -Infinity : Math.log(p.s) + logSubExp(l1, l2);
  const head = logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
  const alive = -(p.r + x) * Math.log(p.alpha + h.age) - p.s * Math.log(p.beta + h.age);
  return { logDropped, ll: head + logAddExp(alive, logDropped) };
}

/** P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀) (Fader & Hardie's 2005 note). */
export function paretoNbdProbabilityAlive(p: ParetoNbdParameters, h: PurchaseHistory): number {
  const { logDropped } = customerTerms(p, h);
  const logOdds = logDropped + (p.r + h.frequency) * Math.log(p.alpha + h.age) + p.s * Math.log(p.beta + h.age);
  return 1 / (1 + Math.exp(logOdds));
}

/** (1 − e^(k L)) / k for L ≤ 0, with its limit −L at k = 0. */
function powerGap(k: number, L: number): number {
  return Math.abs(k * L) < 1e-12 ? -L * (1 - (k * L) / 2) : -Math.expm1(k * L) / k;
}

/** E[Y(t) | x, t_x, T] (Schmittlein, Morrison & Colombo 1987; Fader & Hardie's 2005 note). */
export function paretoNbdExpectedPurchases(p: ParetoNbdParameters, h: PurchaseHistory, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  const x = h.frequency;
  const T = h.age;
  const rate = ((r + x) * (beta + T)) / (alpha + T);
  return rate * powerGap(s - 1, Math.log(beta + T) - Math.log(beta + T + t)) * paretoNbdProbabilityAlive(p, h);
}

/** E[X(t)] for a customer just acquired: rβ/(α(s−1)) [1 − (β/(β+t))^(s−1)] (Fader & Hardie's 2005 note). */
export function paretoNbdExpectedPurchasesNew(p: ParetoNbdParameters, t: number): number {
  if (t === 0) return 0;
  return ((p.r * p.beta) / p.alpha) * powerGap(p.s - 1, Math.log(p.beta) - Math.log(p.beta + t));
}

/**
 * DERT(δ | x, t_x, T) = α^r β^s δ^(s−1) Γ(r+x+1) Ψ(s, s; δ(β+T)) / (Γ(r) (α+T)^(r+x+1) L)
 * (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis"),
 * with Ψ(s, s; z) = e^z Γ(1 − s, z), the confluent hypergeometric function of the second
 * kind written through the upper incomplete gamma function. δ is the continuously compounded
 * discount rate per model time unit.
 */
export function paretoNbdDert(p: ParetoNbdParameters, h: PurchaseHistory, delta: number): number {
  const { r, alpha, s, beta } = p;
  const x = h.frequency;
  const T = h.age;
  const { ll } = customerTerms(p, h);
  const z = delta * (beta + T);
  const logPsi = z + logUpperIncompleteGamma(1 - s, z);
  const logDert =
    r * Math.log(alpha) + s * Math.log(beta) + (s - 1) * Math.log(delta) + logGamma(r + x + 1) - logGamma(r) - (r + x + 1) * Math.log(alpha + T) + logPsi - ll;
  return Math.exp(logDert);
}
