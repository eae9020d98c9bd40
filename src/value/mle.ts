import { hessianFromGradient, invertPositiveDefinite, minimizeBfgs } from "../_lib/value-optimize.js";
import type { NotConvergedError } from "./errors.js";
import { checkTimeUnit, type TimeUnit } from "./time.js";

/**
 * Options shared by the model fits.
 *
 * @example
 * ```ts
 * const options: FitOptions = { timeUnit: "weeks", maxIterations: 200 };
 * ```
 */
export interface FitOptions {
  /** The time unit of the histories' ages — mandatory; the fitted model records it. */
  readonly timeUnit: TimeUnit;
  /** Largest number of optimiser iterations (default 500). */
  readonly maxIterations?: number;
  /** Report standard errors from the numerical Hessian (default `true`; the Hessian is checked either way). */
  readonly standardErrors?: boolean;
}

/** What a model contributes to the generic maximum-likelihood fit. */
export interface LikelihoodSpec<N extends string> {
  readonly names: readonly N[];
  /** Starting parameters (natural scale, all > 0). */
  readonly start: readonly number[];
  /** The log-likelihood at θ; when `gradient` is given, writes ∂LL/∂θ into it. Returns −Infinity or NaN where undefined. */
  logLikelihood(theta: Float64Array, gradient: Float64Array | null): number;
}

/** A successful fit's numbers. */
export interface MleFit<N extends string> {
  readonly ok: true;
  readonly parameters: Record<N, number>;
  readonly standardErrors: Record<N, number> | null;
  readonly logLikelihood: number;
  readonly iterations: number;
  /** The inverse of the negative Hessian at the maximum (θ scale, k × k row-major). */
  readonly covariance: Float64Array;
}

/**
 * Largest |ln θ| accepted: beyond it a parameter is running to 0 or ∞ (a boundary maximum), and
 * the optimiser stops there. The fits rescale ages and spends to numbers near 1 first, so the
 * bound is relative to the data: no Gamma shape, Beta parameter or scale e^18 ≈ 7e7 times the
 * data's own scale (or below its inverse) can be told from infinity (or 0) by any data set.
 */
const MAX_LOG_PARAMETER = 18;

function record<N extends string>(names: readonly N[], values: ArrayLike<number>): Record<N, number> {
  const out = {} as Record<N, number>;
  names.forEach((name, i) => {
    out[name] = values[i] as number;
  });
  return out;
}

/** Checks the shared fit options; throws for programmer errors. */
export function checkFitOptions(options: FitOptions): { timeUnit: TimeUnit; maxIterations: number; standardErrors: boolean } {
  const timeUnit = checkTimeUnit(options?.timeUnit, "timeUnit");
  const maxIterations = options.maxIterations ?? 500;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`maxIterations must be a positive integer (got ${maxIterations})`);
  return { timeUnit, maxIterations, standardErrors: options.standardErrors ?? true };
}

/**
 * Maximises a log-likelihood over positive parameters: BFGS on ln θ (so parameters stay
 * positive), with the model's analytic gradient. The maximum must be
 * interior — the numerical Hessian there negative definite — or the fit is reported as not
 * converged; standard errors are the square roots of the diagonal of the inverse of the negative
 * Hessian.
 */
export function maximizeLikelihood<N extends string>(
  spec: LikelihoodSpec<N>,
  options: { maxIterations: number; standardErrors: boolean; covariance?: Float64Array },
): MleFit<N> | { ok: false; error: NotConvergedError } {
  const k = spec.names.length;
  const theta = new Float64Array(k);
  const thetaGradient = new Float64Array(k);
  const objective = (phi: Float64Array, gradient: Float64Array | null): number => {
    for (let i = 0; i < k; i++) {
      if (Math.abs(phi[i] as number) > MAX_LOG_PARAMETER + 1) return NaN;
      theta[i] = Math.exp(phi[i] as number);
    }
    const ll = spec.logLikelihood(theta, gradient === null ? null : thetaGradient);
    if (!Number.isFinite(ll)) return NaN;
    if (gradient !== null) for (let i = 0; i < k; i++) gradient[i] = -(theta[i] as number) * (thetaGradient[i] as number);
    return -ll;
  };
  // A covariance of θ from an earlier fit is the inverse Hessian of −LL; on ln θ it is Cov_ij / (θ_i θ_j).
  const start = spec.start;
  const inverseHessian = options.covariance?.map((c, ij) => c / ((start[Math.floor(ij / k)] as number) * (start[ij % k] as number)));
  const result = minimizeBfgs(objective, start.map(Math.log), { maxIterations: options.maxIterations, bound: MAX_LOG_PARAMETER, ...(inverseHessian === undefined ? {} : { inverseHessian }) });
  const parameters = Float64Array.from(result.x, Math.exp);
  const atBoundary = result.x.some((v) => Math.abs(v) > MAX_LOG_PARAMETER);
  if (!result.converged || atBoundary || !Number.isFinite(result.value)) {
    return {
      ok: false,
      error: {
        code: "NOT_CONVERGED",
        message: atBoundary
          ? "the likelihood has no interior maximum: a parameter ran towards 0 or infinity (degenerate data)"
          : result.iterations === 0 && !Number.isFinite(result.value)
            ? "the log-likelihood is not finite at the starting point (the histories cannot be evaluated by this model)"
            : `the optimiser stopped after ${result.iterations} iterations without reaching a maximum`,
        iterations: result.iterations,
        lastParameters: record(spec.names, parameters),
        logLikelihood: Number.isFinite(result.value) ? -result.value : -Infinity,
      },
    };
  }
  // A maximum inside the parameter space has a negative-definite Hessian; a flat ridge or a
  // maximum at infinity (degenerate data) does not, and is reported instead of returned.
  const hessian = hessianFromGradient((p, out) => Number.isFinite(spec.logLikelihood(p, out)) && out.every(Number.isFinite), parameters);
  const covariance = hessian === undefined ? undefined : invertPositiveDefinite(hessian.map((v) => -v), k);
  if (covariance === undefined) {
    return {
      ok: false,
      error: {
        code: "NOT_CONVERGED",
        message: "the likelihood has no interior maximum: it is flat or keeps rising towards a parameter boundary (degenerate data)",
        iterations: result.iterations,
        lastParameters: record(spec.names, parameters),
        logLikelihood: -result.value,
      },
    };
  }
  const standardErrors = options.standardErrors ? record(spec.names, Array.from({ length: k }, (_, i) => Math.sqrt(covariance[i * k + i] as number))) : null;
  return { ok: true, parameters: record(spec.names, parameters), standardErrors, logLikelihood: -result.value, iterations: result.iterations, covariance };
}

/**
 * A fit on rescaled data expressed in the data's own units: the named parameters (rates in time
 * units, the spend scale) and their standard errors multiplied by `factor`, and the
 * log-likelihood shifted by `logLikelihoodShift` (a density of x purchase times gains −x ln k
 * when time is divided by k; a density of a mean spend gains −ln k). A failure's last parameters
 * and log-likelihood are converted the same way.
 */
export function unscaleFit<N extends string>(
  fit: MleFit<N> | { ok: false; error: NotConvergedError },
  names: readonly NoInfer<N>[],
  factor: number,
  logLikelihoodShift: number,
): MleFit<N> | { ok: false; error: NotConvergedError } {
  if (factor === 1) return fit;
  const scale = <V extends Readonly<Record<string, number>>>(values: V): V => {
    const out: Record<string, number> = { ...values };
    for (const name of names) if (Object.hasOwn(out, name)) out[name] = (out[name] as number) * factor;
    return out as V;
  };
  if (!fit.ok) {
    const { error } = fit;
    return { ok: false, error: { ...error, lastParameters: scale(error.lastParameters), logLikelihood: error.logLikelihood + logLikelihoodShift } };
  }
  return {
    ...fit,
    parameters: scale(fit.parameters),
    standardErrors: fit.standardErrors === null ? null : scale(fit.standardErrors),
    logLikelihood: fit.logLikelihood + logLikelihoodShift,
  };
}

/** Tables with more rows than this are first fitted on a subsample, whose result starts the full fit. */
const WARM_START_ROWS = 50_000;
/** Rows of that subsample. */
const SUBSAMPLE_ROWS = 20_000;

/**
 * {@link maximizeLikelihood} with a warm start for large tables: a first fit on a deterministic
 * subsample (every k-th row of the canonical table, weights × k) gives the starting point and the
 * initial inverse Hessian of the fit on the whole table, which then needs only a few of its
 * expensive iterations.
 */
export function maximizeWithWarmStart<T extends { readonly n: number }, N extends string>(
  table: T,
  subsample: (table: T, size: number) => T,
  makeSpec: (table: T, start: readonly number[]) => LikelihoodSpec<N>,
  start: readonly number[],
  options: { maxIterations: number; standardErrors: boolean },
): MleFit<N> | { ok: false; error: NotConvergedError } {
  if (table.n <= WARM_START_ROWS) return maximizeLikelihood(makeSpec(table, start), options);
  const first = maximizeLikelihood(makeSpec(subsample(table, SUBSAMPLE_ROWS), start), { ...options, standardErrors: false });
  if (!first.ok) return maximizeLikelihood(makeSpec(table, start), options);
  // The subsample's weights add up to the whole table's, so its curvature is the whole table's too.
  const spec = makeSpec(table, []);
  return maximizeLikelihood(makeSpec(table, spec.names.map((name) => first.parameters[name])), { ...options, covariance: first.covariance });
}
