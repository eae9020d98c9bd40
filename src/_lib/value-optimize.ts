/**
 * Unconstrained minimisation and numerical derivatives for the maximum-likelihood fits of
 * `idic/value`. Private to idic.
 *
 * {@link minimizeBfgs} is the quasi-Newton method of Broyden, Fletcher, Goldfarb and Shanno with
 * an inverse-Hessian update and a backtracking (Armijo) line search (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., algorithm 6.1 and 3.1). The fits run it on the logarithms of the
 * parameters, so every positive parameter stays positive.
 */

/**
 * An objective: returns f(x) and, when `gradient` is given, writes ∇f(x) into it. Returns a
 * non-finite value (or NaN) where f is undefined; the line search then steps back.
 */
export type Objective = (x: Float64Array, gradient: Float64Array | null) => number;

/** Options of {@link minimizeBfgs}. */
export interface BfgsOptions {
  /** Largest number of iterations (default 500). */
  readonly maxIterations?: number;
  /** Stop when every gradient component is below `gradientTolerance × max(1, |f|)` (default 1e-9). */
  readonly gradientTolerance?: number;
  /** Initial inverse Hessian (n × n, row-major), e.g. from a fit on a subsample; default: the scaled identity. */
  readonly inverseHessian?: Float64Array;
  /**
   * Stop (not converged) as soon as an accepted point has a coordinate beyond ±`bound`: the
   * minimum lies at infinity along that coordinate, and following it further only costs time
   * (default: no bound).
   */
  readonly bound?: number;
}

/** The outcome of {@link minimizeBfgs}. */
export interface BfgsResult {
  /** The best point found. */
  readonly x: Float64Array;
  /** f at that point. */
  readonly value: number;
  /** Iterations used. */
  readonly iterations: number;
  /** Objective evaluations used (gradients included). */
  readonly evaluations: number;
  /** Whether the gradient test was met (false: iteration limit, no further decrease possible, or `bound` left). */
  readonly converged: boolean;
}

/** Iterations in a row without a relative decrease of 1e-14 after which the method gives up (at the precision limit of f). */
const STALLED_ITERATIONS = 10;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

/**
 * Minimises `f` from `start` with BFGS. `f` must fill the gradient when asked.
 *
 * @param f - The objective.
 * @param start - The starting point.
 * @param options - See {@link BfgsOptions}.
 * @returns The best point, its value and whether the method converged.
 */
export function minimizeBfgs(f: Objective, start: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-9;
  const bound = options.bound ?? Infinity;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let evaluations = 1;
  let value = f(x, g);
  if (!Number.isFinite(value) || !g.every(Number.isFinite)) {
    return { x, value, iterations: 0, evaluations, converged: false };
  }
  // Inverse Hessian approximation, row-major n × n, starting from the given one or the identity.
  const given = options.inverseHessian !== undefined && options.inverseHessian.length === n * n && options.inverseHessian.every(Number.isFinite);
  const H = given ? Float64Array.from(options.inverseHessian as Float64Array) : new Float64Array(n * n);
  if (!given) for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const direction = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let firstStep = !given;
  let stalled = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(g) <= tolerance * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration - 1, evaluations, converged: true };
    }
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= (H[i * n + j] as number) * (g[j] as number);
      direction[i] = d;
    }
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Not a descent direction (the approximation went bad): restart from steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        direction[i] = -(g[i] as number);
      }
      slope = dot(direction, g);
    }
    // Keep the first step modest: log-parameters rarely need to move by more than a few units.
    let step = firstStep ? Math.min(1, 1 / Math.max(1e-12, maxAbs(direction))) : 1;
    let accepted = false;
    let valueNew = value;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (direction[i] as number);
      evaluations++;
      valueNew = f(xNew, gNew);
      if (Number.isFinite(valueNew) && valueNew <= value + 1e-4 * step * slope && gNew.every(Number.isFinite)) {
        accepted = true;
        break;
      }
      // Quadratic interpolation of the step where f is defined, halving otherwise.
      const q = Number.isFinite(valueNew) ? (-slope * step * step) / (2 * (valueNew - value - slope * step)) : NaN;
      step = Number.isFinite(q) && q > 0.1 * step && q < 0.5 * step ? q : step * 0.5;
    }
    if (!accepted) {
      // No decrease along the direction: at the precision limit of f.
      const gradientSmall = maxAbs(g) <= 1e-5 * Math.max(1, Math.abs(value));
      return { x, value, iterations: iteration, evaluations, converged: gradientSmall };
    }
    firstStep = false;
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iteration === 1 && !given) {
        // Scale the initial approximation (Nocedal & Wright eq. 6.20).
        const scale = sy / dot(y, y);
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
      }
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (H[i * n + j] as number) * (y[j] as number);
        Hy[i] = v;
      }
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const k = i * n + j;
          H[k] =
            (H[k] as number) -
            rho * ((Hy[i] as number) * (s[j] as number) + (s[i] as number) * (Hy[j] as number)) +
            (rho * rho * yHy + rho) * (s[i] as number) * (s[j] as number);
        }
      }
    }
    const previous = value;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    value = valueNew;
    if (previous - value <= 1e-15 * Math.abs(value) && maxAbs(g) <= 1e-6 * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration, evaluations, converged: true };
    }
    if (maxAbs(x) > bound) return { x, value, iterations: iteration, evaluations, converged: false };
    stalled = previous - value <= 1e-14 * Math.max(1, Math.abs(value)) ? stalled + 1 : 0;
    if (stalled === STALLED_ITERATIONS) {
      return { x, value, iterations: iteration, evaluations, converged: maxAbs(g) <= 1e-5 * Math.max(1, Math.abs(value)) };
    }
  }
  return { x, value, iterations: maxIterations, evaluations, converged: false };
}

/**
 * Numerical Hessian of a function given its gradient (central differences of the gradient,
 * symmetrised), at `x`.
 *
 * @param gradient - Writes ∇f(p) into `out`; returns false where f is undefined.
 * @param x - The point.
 * @param relativeStep - Step relative to |x_i| (default 1e-5).
 * @returns The n × n Hessian, row-major, or undefined when a probe leaves the domain.
 */
export function hessianFromGradient(
  gradient: (p: Float64Array, out: Float64Array) => boolean,
  x: ArrayLike<number>,
  relativeStep = 1e-5,
): Float64Array | undefined {
  const n = x.length;
  const H = new Float64Array(n * n);
  const probe = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const h = relativeStep * Math.max(Math.abs(xi), 1e-8);
    probe[i] = xi + h;
    const okUp = gradient(probe, up);
    probe[i] = xi - h;
    const okDown = gradient(probe, down);
    probe[i] = xi;
    if (!okUp || !okDown) return undefined;
    for (let j = 0; j < n; j++) H[j * n + i] = ((up[j] as number) - (down[j] as number)) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * ((H[i * n + j] as number) + (H[j * n + i] as number));
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  }
  return H;
}

/**
 * Inverts a symmetric positive-definite matrix by Cholesky factorisation.
 *
 * @param A - n × n, row-major.
 * @param n - The dimension.
 * @returns The inverse, or undefined when A is not positive definite.
 */
export function invertPositiveDefinite(A: Float64Array, n: number): Float64Array | undefined {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        L[i * n + i] = Math.sqrt(sum);
      } else {
        L[i * n + j] = sum / (L[j * n + j] as number);
      }
    }
  }
  // Inverse of L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
  const Li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    Li[i * n + i] = 1 / (L[i * n + i] as number);
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= (L[i * n + k] as number) * (Li[k * n + j] as number);
      Li[i * n + j] = sum / (L[i * n + i] as number);
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += (Li[k * n + i] as number) * (Li[k * n + j] as number);
      inv[i * n + j] = sum;
    }
  }
  return inv;
}
