/**
 * Special functions for the buy-till-you-die models of `idic/value`. Private to idic.
 *
 * Accuracy, as checked in test/value/special.test.ts against closed forms and high-precision
 * reference values:
 * - {@link logGamma}: absolute error below 1e-13 for 1e-300 < x < 1e15 (Stirling's series with
 *   seven Bernoulli terms after shifting x to at least 15; reflection for negative x).
 * - {@link digamma}: absolute error below 1e-13 for x > 1e-8 (asymptotic series after the same
 *   shift).
 * - {@link hyp2f1}: relative error below 1e-12 for real a, b, c (c not a non-positive integer)
 *   and z < 1, except when c − a − b lies within 1e-4 of an integer and z > 0.99996, where the
 *   series is cut after 1e6 terms (the value is then too small by the missing tail).
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
 * The digamma function ψ(x) = d/dx ln Γ(x), for x > 0.
 *
 * @param x - A positive real number.
 * @returns ψ(x).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
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

const MAX_SERIES_TERMS = 1_000_000;

/** Σ_n (a)_n (b)_n / ((c)_n n!) z^n for 0 ≤ z < 1, summed until the terms stop mattering. */
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

/** 2F1 for 0 ≤ z < 1 as a scaled value, choosing the Euler or 1 − z transformation. */
function hyp2f1UnitInterval(a: number, b: number, c: number, z: number): Scaled {
  if (z === 0 || a === 0 || b === 0) return { logScale: 0, sum: 1 };
  // A non-positive integer a or b terminates the series: a polynomial, summed directly.
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return { logScale: 0, sum: gaussSeries(a, b, c, z) };
  const s = c - a - b;
  if (z > 0.95 && Math.abs(s - Math.round(s)) > 1e-4) {
    // Connection to 1 − z (Abramowitz & Stegun 15.3.6).
    const w = 1 - z;
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
  if (s < 0) {
    // Euler: 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z); the new terms decay.
    return { logScale: s * Math.log1p(-z), sum: gaussSeries(c - a, c - b, c, z) };
  }
  return { logScale: 0, sum: gaussSeries(a, b, c, z) };
}

function hyp2f1Scaled(a: number, b: number, c: number, z: number): Scaled {
  if (!(z < 1) || isNonPositiveInteger(c) || !(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(z))) {
    return { logScale: 0, sum: NaN };
  }
  if (z >= 0) return hyp2f1UnitInterval(a, b, c, z);
  // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−b) 2F1(b, c − a; c; z / (z − 1)), z / (z − 1) in (0, 1).
  const inner = hyp2f1UnitInterval(b, c - a, c, z / (z - 1));
  return { logScale: inner.logScale - b * Math.log1p(-z), sum: inner.sum };
}

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and z < 1: the
 * hypergeometric series, after Pfaff's transformation for z < 0, Euler's transformation when
 * c − a − b < 0 (so that the terms decay), and the connection formula to 1 − z for z > 0.95.
 *
 * @param a - First numerator parameter.
 * @param b - Second numerator parameter.
 * @param c - Denominator parameter (not 0, −1, −2, …).
 * @param z - Argument, below 1.
 * @returns The value, or NaN outside the domain.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const v = hyp2f1Scaled(a, b, c, z);
  return v.sum * Math.exp(v.logScale);
}

/**
 * ln ₂F₁(a, b; c; z) for the (common) case where the value is positive; see {@link hyp2f1}.
 * Works where the value itself would overflow.
 *
 * @param a - First numerator parameter.
 * @param b - Second numerator parameter.
 * @param c - Denominator parameter.
 * @param z - Argument, below 1.
 * @returns The log of the value, or NaN when the value is not positive or outside the domain.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const v = hyp2f1Scaled(a, b, c, z);
  return v.sum > 0 ? v.logScale + Math.log(v.sum) : NaN;
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
 * S = ₂F₁(1, b; c; z) = Σₙ (b)ₙ / (c)ₙ zⁿ for 0 ≤ z < 1 and b, c > 0, with its partial
 * derivatives, summed term by term (the derivative of each term's log is Σ_{k<n} 1/(b+k),
 * −Σ_{k<n} 1/(c+k) and n/z). This is the series the Pareto/NBD likelihood needs after Euler's
 * transformation (see `src/value/pareto-nbd.ts`). The terms shrink like zⁿ, so z close to 1 needs
 * about 37 / (1 − z) of them; past `maxTerms` the function gives up and returns NaN (use
 * {@link hyp2f1}, which switches to the 1 − z connection formula, for a value without derivatives).
 *
 * @param b - Numerator parameter (> 0).
 * @param c - Denominator parameter (> 0).
 * @param z - Argument in [0, 1).
 * @param out - When given, receives [∂S/∂b, ∂S/∂c, ∂S/∂z].
 * @param maxTerms - Largest number of terms summed (default 20 000).
 * @returns S, or NaN when the series did not converge within `maxTerms`.
 */
export function hyp2f1OneWithDerivatives(b: number, c: number, z: number, out: Float64Array | null, maxTerms = 20_000): number {
  let u = 1;
  let s = 1;
  let db = 0;
  let dc = 0;
  let sb = 0;
  let sc = 0;
  let sz = 0;
  for (let n = 0; ; n++) {
    if (n === maxTerms) return NaN;
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
