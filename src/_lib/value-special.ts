/**
 * Special functions for the buy-till-you-die models of `idic/value`. Private to idic.
 *
 * Accuracy, as checked in test/value/special.test.ts against closed forms and high-precision
 * reference values:
 * - {@link logGamma}: absolute error below 1e-13 for 1e-300 < x < 1e15 (Stirling's series with
 *   seven Bernoulli terms after shifting x to at least 15; reflection for negative x).
 * - {@link digamma}: absolute error below 1e-13 for x > 1e-8 (asymptotic series after the same
 *   shift).
 * - {@link hyp2f1Signed}: relative error below 1e-12 for real a, b, c (c not a non-positive integer)
 *   and z < 1, and below about 5e-11 when c − a − b lies within 5e-4 of an integer and z > 0.95
 *   (where the connection formula is interpolated across the integer).
 * - {@link hyp2f1OneWithDerivatives}: relative error below 1e-12 for the value and 1e-9 for the
 *   derivatives, 1e-8 within 5e-4 of an integer c − 1 − b ≥ 0 with z > 0.95.
 * - {@link logUpperIncompleteGamma}: absolute error below 1e-13 for any real a and z > 0, and
 *   below 1e-9 within 1e-7 of a non-positive integer a.
 */

const HALF_LOG_2PI = 0.9189385332046728;
const SHIFT = 15;

/**
 * Natural logarithm of |Γ(x)|. Returns `Infinity` at the poles (0, −1, −2, …).
 *
 * @param x - Any real number.
 * @returns ln |Γ(x)|.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (Number.isInteger(x) || !Number.isFinite(x)) return Infinity;
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x === Infinity) return Infinity;
  let product = 1;
  let y = x;
  while (y < SHIFT) {
    product *= y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Stirling's series: Σ B_2k / (2k (2k − 1) y^(2k − 1)), k = 1..7.
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  const stirling = (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + series;
  return product === 1 ? stirling : stirling - Math.log(product);
}

/**
 * The sign of Γ(x): +1 for x > 0, alternating between the poles for negative x.
 *
 * @param x - A real number that is not a pole.
 * @returns +1 or −1.
 */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * The digamma function ψ(x) = d/dx ln Γ(x), for any real x that is not a pole (0, −1, −2, …);
 * negative arguments by the reflection ψ(x) = ψ(1 − x) − π / tan(πx).
 *
 * @param x - A real number.
 * @returns ψ(x) (NaN at the poles).
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || (x <= 0 && Number.isInteger(x))) return NaN;
  if (x <= 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let shift = 0;
  let y = x;
  while (y < SHIFT) {
    shift += 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const series =
    inv2 * (1 / 12 + inv2 * (-1 / 120 + inv2 * (1 / 252 + inv2 * (-1 / 240 + inv2 * (1 / 132 + inv2 * (-691 / 32760 + inv2 / 12))))));
  return Math.log(y) - 0.5 / y - series - shift;
}

/**
 * ln(e^a + e^b) without overflow.
 *
 * @param a - A log value (may be −Infinity).
 * @param b - A log value (may be −Infinity).
 * @returns The log of the sum.
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln(e^a − e^b) for a ≥ b; −Infinity when a = b.
 *
 * @param a - The larger log value.
 * @param b - The smaller log value.
 * @returns The log of the difference (NaN when b > a).
 */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b > a) return NaN;
  if (a === b) return -Infinity;
  const d = b - a;
  // ln(1 − e^d): log1p(−e^d) is accurate for d < −ln 2, log(−expm1(d)) above.
  return a + (d < -Math.LN2 ? Math.log1p(-Math.exp(d)) : Math.log(-Math.expm1(d)));
}

/** A value held as e^logScale × sum, so that huge or tiny prefactors do not overflow. */
interface Scaled {
  logScale: number;
  sum: number;
}

/**
 * A real number held as sign × e^log (sign −1, 0 or +1), so that values far beyond the range of
 * a double keep their sign and magnitude.
 */
export interface SignedLog {
  /** ln |value| (−Infinity for 0, NaN outside the domain). */
  readonly log: number;
  /** The sign of the value: −1, 0 or +1 (NaN outside the domain). */
  readonly sign: number;
}

const MAX_SERIES_TERMS = 1_000_000;
/** Above this z, ₂F₁ is evaluated through the connection formula to 1 − z. */
export const CONNECTION_FROM = 0.95;
/** Within this distance of an integer, c − a − b is treated as near-integer (see {@link nearInteger}). */
const NEAR_INTEGER = 5e-4;

/** Σ_n (a)_n (b)_n / ((c)_n n!) z^n for |z| < 1, summed until the terms stop mattering. */
function gaussSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    // Stop on a negligible term once the term ratio is below 1 (the tail is then geometric).
    if (Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs((a + n + 1) * (b + n + 1) * z) < Math.abs((c + n + 1) * (n + 2))) break;
  }
  return sum;
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * Near an integer m, the connection formula to 1 − z has two terms that grow like
 * 1 / (s − m) and cancel (at s = m exactly both are infinite). The function is analytic in its
 * parameters, so it is interpolated instead: `evaluate(d)` gives it with the parameter shifted so
 * that s = m + d, at d = ±h, ±2h (h = 5e-4, where the cancellation costs about four digits of
 * the value and seven of its derivatives), and the cubic through those four points is read at
 * d = s − m. The interpolation error is of order h⁴ times the fourth derivative. Against mpmath
 * (test/value/special.test.ts) values stay within about 2e-11 and derivatives 1e-8 at and near
 * integers.
 */
function nearInteger(s: number): number | undefined {
  const m = Math.round(s);
  return Math.abs(s - m) < NEAR_INTEGER ? m : undefined;
}

/** Cubic Lagrange weights of the points −2, −1, 1, 2 at u. */
function cubicWeights(u: number): [number, number, number, number] {
  return [
    ((u + 1) * (u - 1) * (u - 2)) / -12,
    ((u + 2) * (u - 1) * (u - 2)) / 6,
    ((u + 2) * (u + 1) * (u - 2)) / -6,
    ((u + 2) * (u + 1) * (u - 1)) / 12,
  ];
}

/** The interpolation of {@link nearInteger}: `evaluate(d)` at d = kh, read at d = offset. */
function interpolateAcrossInteger(offset: number, evaluate: (d: number) => Scaled): Scaled {
  const weights = cubicWeights(offset / NEAR_INTEGER);
  const samples = [-2, -1, 1, 2].map((k) => evaluate(k * NEAR_INTEGER));
  const top = Math.max(...samples.map((p) => p.logScale));
  let sum = 0;
  samples.forEach((p, k) => {
    sum += (weights[k] as number) * p.sum * Math.exp(p.logScale - top);
  });
  return { logScale: top, sum };
}

/** Connection of ₂F₁ to 1 − z (Abramowitz & Stegun 15.3.6), for c − a − b not an integer; w = 1 − z. */
function connectionToOneMinusZ(a: number, b: number, c: number, w: number): Scaled {
  const s = c - a - b;
  const parts: Scaled[] = [];
  if (!isNonPositiveInteger(c - a) && !isNonPositiveInteger(c - b)) {
    const logG = logGamma(c) + logGamma(s) - logGamma(c - a) - logGamma(c - b);
    const sign = gammaSign(c) * gammaSign(s) * gammaSign(c - a) * gammaSign(c - b);
    parts.push({ logScale: logG, sum: sign * gaussSeries(a, b, 1 - s, w) });
  }
  const logG2 = s * Math.log(w) + logGamma(c) + logGamma(-s) - logGamma(a) - logGamma(b);
  const sign2 = gammaSign(c) * gammaSign(-s) * gammaSign(a) * gammaSign(b);
  parts.push({ logScale: logG2, sum: sign2 * gaussSeries(c - a, c - b, 1 + s, w) });
  const top = Math.max(...parts.map((p) => p.logScale));
  let sum = 0;
  for (const p of parts) sum += p.sum * Math.exp(p.logScale - top);
  return { logScale: top, sum };
}

/** 2F1 for 0 ≤ z < 1 (w = 1 − z, given separately so that z rounding to 1 loses nothing). */
function hyp2f1UnitInterval(a: number, b: number, c: number, z: number, w: number): Scaled {
  if (z === 0 || a === 0 || b === 0) return { logScale: 0, sum: 1 };
  // A non-positive integer a or b terminates the series: a polynomial, summed directly.
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return { logScale: 0, sum: gaussSeries(a, b, c, z) };
  const s = c - a - b;
  if (z > CONNECTION_FROM) {
    const m = nearInteger(s);
    if (m === undefined) return connectionToOneMinusZ(a, b, c, w);
    // Shift the larger of a and b (positive in every use here, far from the poles of Γ).
    return a >= b
      ? interpolateAcrossInteger(s - m, (d) => connectionToOneMinusZ(a + s - m - d, b, c, w))
      : interpolateAcrossInteger(s - m, (d) => connectionToOneMinusZ(a, b + s - m - d, c, w));
  }
  if (s < 0) {
    // Euler: 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z); the new terms decay.
    return { logScale: s * Math.log(w), sum: gaussSeries(c - a, c - b, c, z) };
  }
  return { logScale: 0, sum: gaussSeries(a, b, c, z) };
}

function hyp2f1Scaled(a: number, b: number, c: number, z: number, w: number): Scaled {
  if (!(z <= 1 && w > 0) || isNonPositiveInteger(c) || !(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(z) && Number.isFinite(w))) {
    return { logScale: 0, sum: NaN };
  }
  if (z >= 0) return hyp2f1UnitInterval(a, b, c, z, w);
  // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−b) 2F1(b, c − a; c; z / (z − 1)), z / (z − 1) in (0, 1).
  const inner = hyp2f1UnitInterval(b, c - a, c, z / (z - 1), 1 / w);
  return { logScale: inner.logScale - b * Math.log(w), sum: inner.sum };
}

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and z < 1, as a signed
 * logarithm (it may be negative, e.g. for c < 0, and may exceed the range of a double): the
 * hypergeometric series, after Pfaff's transformation for z < 0, Euler's transformation when
 * c − a − b < 0 (so that the terms decay), and the connection formula to 1 − z for z > 0.95,
 * interpolated across integer values of c − a − b (see {@link nearInteger}).
 *
 * @param a - First numerator parameter.
 * @param b - Second numerator parameter.
 * @param c - Denominator parameter (not 0, −1, −2, …).
 * @param z - Argument, below 1 (it may round to 1 when `w` is given).
 * @param w - 1 − z, when the caller knows it more precisely than `1 - z` (default `1 - z`).
 * @returns ln |₂F₁| and its sign (NaN outside the domain).
 */
export function hyp2f1Signed(a: number, b: number, c: number, z: number, w = 1 - z): SignedLog {
  const v = hyp2f1Scaled(a, b, c, z, w);
  if (Number.isNaN(v.sum) || Number.isNaN(v.logScale)) return { log: NaN, sign: NaN };
  return { log: v.logScale + Math.log(Math.abs(v.sum)), sign: Math.sign(v.sum) };
}


/** ln γ(a, z) / (z^a e^-z) series: Σ z^n / (a (a+1) … (a+n)), for a > 0. */
function lowerGammaSeries(a: number, z: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= z / (a + n);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

/** Γ(a, z) z^-a e^z by Legendre's continued fraction (modified Lentz), for z > 0 and any real a. */
function upperGammaFraction(a: number, z: number): number {
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** ln Γ(a, z) for a > 0. */
function logUpperGammaPositive(a: number, z: number): number {
  if (z > a + 1) return a * Math.log(z) - z + Math.log(upperGammaFraction(a, z));
  // Γ(a, z) = Γ(a) − γ(a, z); no cancellation problem while z ≤ a + 1.
  const logLower = a * Math.log(z) - z + Math.log(lowerGammaSeries(a, z));
  return logSubExp(logGamma(a), logLower);
}

/** ln Γ(a, z) for a ≤ 0 away from the integers: the recurrence Γ(a, z) = (Γ(a + 1, z) − z^a e^-z) / a. */
function logUpperGammaNonPositive(a: number, z: number): number {
  const k = Math.ceil(-a) + (Number.isInteger(a) ? 1 : 0);
  let value = Math.exp(logUpperGammaPositive(a + k, z) - (a + k) * Math.log(z) + z); // Γ(a + k, z) z^-(a+k) e^z
  // Walk down: G(a) = Γ(a, z) z^-a e^z satisfies G(a) = (z G(a + 1) − 1) / a.
  for (let j = k - 1; j >= 0; j--) value = (z * value - 1) / (a + j);
  return a * Math.log(z) - z + Math.log(value);
}

/**
 * ln Γ(a, z), the upper incomplete gamma function ∫_z^∞ t^(a−1) e^(−t) dt, for any real a and
 * z > 0 (a may be zero or negative, as the Pareto/NBD DERT needs). Uses Legendre's continued
 * fraction for z > max(a + 1, 1.5), the series of γ(a, z) below that for a > 0, and the
 * downward recurrence for a ≤ 0 (averaging the neighbours a ± 1e-5 within 1e-7 of an integer,
 * where the recurrence divides by a value near zero; the function is smooth there).
 *
 * @param a - Any real number.
 * @param z - A positive real number.
 * @returns ln Γ(a, z).
 */
export function logUpperIncompleteGamma(a: number, z: number): number {
  if (!(z > 0) || !Number.isFinite(a) || !Number.isFinite(z)) return NaN;
  if (z > Math.max(a + 1, 1.5)) return a * Math.log(z) - z + Math.log(upperGammaFraction(a, z));
  if (a > 0) return logUpperGammaPositive(a, z);
  const nearest = Math.round(a);
  if (Math.abs(a - nearest) < 1e-7) {
    const h = 1e-5;
    return 0.5 * (logUpperGammaNonPositive(nearest - h, z) + logUpperGammaNonPositive(nearest + h, z));
  }
  return logUpperGammaNonPositive(a, z);
}

/**
 * S = ₂F₁(1, b; c; z) = Σₙ (b)ₙ / (c)ₙ zⁿ for 0 ≤ z < 1 and 0 < b < c, with its partial
 * derivatives — the series the Pareto/NBD likelihood needs after Euler's transformation (see
 * `src/value/pareto-nbd.ts`).
 *
 * - For z ≤ 0.95 the series is summed term by term with its derivatives (the derivative of each
 *   term's log is Σ_{k<n} 1/(b+k), −Σ_{k<n} 1/(c+k) and n/z).
 * - Above (z near 1: one of the model's rates far above the other), the connection to
 *   w = 1 − z, which for a first parameter of 1 reduces to
 *   S = (c−1)/σ · ₂F₁(1, b; 1−σ; w) + Γ(c) Γ(−σ) / Γ(b) · w^σ z^(1−c), with σ = c − 1 − b,
 *   differentiated analytically (digamma for the Gamma factors, term by term for the series),
 *   and interpolated across integer σ ≥ 0, where both terms are infinite (see {@link nearInteger}).
 *   The two terms cancel by about (c−1)·w / ln 10 digits, so callers must keep to
 *   (c − 1)·w ≤ 4 there (the Pareto/NBD integrates numerically beyond).
 *
 * @param b - Numerator parameter (> 0).
 * @param c - Denominator parameter (> b).
 * @param z - Argument in [0, 1).
 * @param w - 1 − z, computed by the caller without cancellation.
 * @param out - When given, receives [∂S/∂b, ∂S/∂c, ∂S/∂z].
 * @returns S.
 */
export function hyp2f1OneWithDerivatives(b: number, c: number, z: number, w: number, out: Float64Array | null): number {
  if (z <= CONNECTION_FROM) return seriesOneWithDerivatives(b, c, z, out);
  const sigma = c - 1 - b;
  const m = sigma > -0.5 ? nearInteger(sigma) : undefined;
  if (m === undefined) return connectionOneWithDerivatives(b, c, z, w, out);
  const offset = sigma - m;
  const weights = cubicWeights(offset / NEAR_INTEGER);
  const sample = new Float64Array(3);
  let value = 0;
  const d = [0, 0, 0];
  [-2, -1, 1, 2].forEach((k, j) => {
    const weight = weights[j] as number;
    // Shift c so that σ = m + k h (b stays; ∂/∂b and ∂/∂z are read at the shifted c too).
    value += weight * connectionOneWithDerivatives(b, c - offset + k * NEAR_INTEGER, z, w, out === null ? null : sample);
    if (out !== null) for (let i = 0; i < 3; i++) d[i] = (d[i] as number) + weight * (sample[i] as number);
  });
  if (out !== null) for (let i = 0; i < 3; i++) out[i] = d[i] as number;
  return value;
}

/** The series of {@link hyp2f1OneWithDerivatives}, term by term. */
function seriesOneWithDerivatives(b: number, c: number, z: number, out: Float64Array | null): number {
  let u = 1;
  let s = 1;
  let db = 0;
  let dc = 0;
  let sb = 0;
  let sc = 0;
  let sz = 0;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    u *= ((b + n) * z) / (c + n);
    s += u;
    if (out !== null) {
      db += 1 / (b + n);
      dc += 1 / (c + n);
      sb += u * db;
      sc -= u * dc;
      sz += (n + 1) * u;
    }
    if (u <= 1e-17 * s && (b + n + 1) * z < c + n + 1) break;
  }
  if (out !== null) {
    out[0] = sb;
    out[1] = sc;
    out[2] = z > 0 ? sz / z : b / c;
  }
  return s;
}

/** The connection form of {@link hyp2f1OneWithDerivatives}, for σ = c − 1 − b not a non-negative integer. */
function connectionOneWithDerivatives(b: number, c: number, z: number, w: number, out: Float64Array | null): number {
  const sigma = c - 1 - b;
  // P = ₂F₁(1, b; 1−σ; w) = Σ uₙ, uₙ₊₁ = uₙ (b+n) w / (1−σ+n); ∂ln uₙ/∂b = Σ_{k<n} [1/(b+k) − 1/(1−σ+k)],
  // ∂ln uₙ/∂c = Σ_{k<n} 1/(1−σ+k), ∂ln uₙ/∂w = n/w.
  let u = 1;
  let P = 1;
  let lb = 0;
  let lc = 0;
  let Pb = 0;
  let Pc = 0;
  let Pw = 0;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const den = 1 - sigma + n;
    u *= ((b + n) * w) / den;
    P += u;
    if (out !== null) {
      lb += 1 / (b + n) - 1 / den;
      lc += 1 / den;
      Pb += u * lb;
      Pc += u * lc;
      Pw += (n + 1) * u;
    }
    if (Math.abs(u) <= 1e-17 * Math.abs(P) && Math.abs((b + n + 1) * w) < Math.abs(den + 1)) break;
  }
  const lw = Math.log(w);
  const lz = Math.log1p(-w);
  const t1 = ((c - 1) / sigma) * P;
  const t2 = gammaSign(-sigma) * Math.exp(logGamma(c) + logGamma(-sigma) - logGamma(b) + sigma * lw + (1 - c) * lz);
  if (out !== null) {
    const k = (c - 1) / sigma;
    const psiMinusSigma = digamma(-sigma);
    out[0] = ((c - 1) / (sigma * sigma)) * P + k * Pb + t2 * (psiMinusSigma - digamma(b) - lw);
    out[1] = (1 / sigma - (c - 1) / (sigma * sigma)) * P + k * Pc + t2 * (digamma(c) - psiMinusSigma + lw - lz);
    out[2] = -k * (Pw / w) + t2 * (-sigma / w + (1 - c) / z);
  }
  return t1 + t2;
}
