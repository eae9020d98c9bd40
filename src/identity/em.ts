import type { PatternTable } from "./patterns.js";

/**
 * Options of {@link estimateByEm}.
 *
 * @example
 * ```ts
 * const options: EmOptions = { maxIterations: 50, fixed: [true, false, false] };
 * ```
 */
export interface EmOptions {
  /** Most iterations (default `100`). */
  readonly maxIterations?: number;
  /** Stop when no parameter moves by more than this (default `1e-6`). */
  readonly tolerance?: number;
  /**
   * Comparisons left out: their m is not updated and they do not enter the E step, as for the
   * fields a blocking rule already forces to agree (default: none).
   */
  readonly fixed?: readonly boolean[];
  /** Starting prior probability of a match among the pairs (default `0.1`). */
  readonly initialLambda?: number;
  /** Keep m fixed too and estimate only λ (default `false`). */
  readonly lambdaOnly?: boolean;
}

/**
 * The outcome of {@link estimateByEm}.
 *
 * @example
 * ```ts
 * const { m, lambda, iterations, converged } = estimateByEm(table, m0, u);
 * ```
 */
export interface EmResult {
  /** m probabilities per comparison and level (levels without the null level). */
  readonly m: number[][];
  /** Estimated share of matches among the pairs the table counts. */
  readonly lambda: number;
  /** Iterations run. */
  readonly iterations: number;
  /** Whether the tolerance was reached before `maxIterations`. */
  readonly converged: boolean;
}

const FLOOR = 1e-9;

/**
 * Fits the m probabilities and the match share λ of a Fellegi–Sunter model to unlabelled
 * comparison vectors by expectation–maximisation with u held fixed (Winkler 1988; Splink's
 * procedure, u coming from random pairs). E step: for each pattern γ,
 * `p(γ) = λ·Πm / (λ·Πm + (1−λ)·Πu)` over the comparisons with a non-null level; M step:
 * `λ = Σ n·p / Σ n` and `m[c][ℓ] = Σ_{γ: γc = ℓ} n·p / Σ_{γ: γc ≠ null} n·p`.
 *
 * @param table - Pattern counts (see {@link PatternTable}).
 * @param initialM - Starting m per comparison and level (each row sums to 1).
 * @param u - u per comparison and level, held fixed.
 * @param options - Iterations, tolerance, fixed comparisons; see {@link EmOptions}.
 * @returns The fitted m, λ and convergence information.
 * @example
 * ```ts
 * const table = { width: 1, levels: Uint8Array.of(1, 2), counts: Float64Array.of(30, 70) };
 * const { lambda } = estimateByEm(table, [[0.9, 0.1]], [[0.01, 0.99]]);
 * // about 0.3: the share of pairs that agree, corrected for chance agreement
 * ```
 */
export function estimateByEm(table: PatternTable, initialM: readonly (readonly number[])[], u: readonly (readonly number[])[], options: EmOptions = {}): EmResult {
  const { width, levels, counts } = table;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const fixed = options.fixed ?? [];
  const lambdaOnly = options.lambdaOnly ?? false;
  let lambda = options.initialLambda ?? 0.1;
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`initialLambda must lie strictly between 0 and 1, got ${lambda}`);
  if (initialM.length !== width || u.length !== width) throw new RangeError(`m and u need ${width} comparisons`);
  const m = initialM.map((row) => row.map((v) => Math.max(v, FLOOR)));
  const logU = u.map((row) => row.map((v) => Math.log(Math.max(v, FLOOR))));
  const patterns = counts.length;
  const active = Array.from({ length: width }, (_, c) => !fixed[c]);
  let iterations = 0;
  let converged = false;
  const posterior = new Float64Array(patterns);
  while (iterations < maxIterations) {
    iterations++;
    const logM = m.map((row) => row.map((v) => Math.log(v)));
    const logPrior = Math.log(lambda) - Math.log(1 - lambda);
    for (let p = 0; p < patterns; p++) {
      let w = logPrior;
      for (let c = 0; c < width; c++) {
        const l = levels[p * width + c]!;
        if (l === 0 || !active[c]) continue;
        w += logM[c]![l - 1]! - logU[c]![l - 1]!;
      }
      posterior[p] = w > 700 ? 1 : 1 / (1 + Math.exp(-w));
    }
    let total = 0;
    let matched = 0;
    for (let p = 0; p < patterns; p++) {
      total += counts[p]!;
      matched += counts[p]! * posterior[p]!;
    }
    const nextLambda = Math.min(1 - FLOOR, Math.max(FLOOR, matched / Math.max(total, FLOOR)));
    let change = Math.abs(nextLambda - lambda);
    lambda = nextLambda;
    if (!lambdaOnly) {
      for (let c = 0; c < width; c++) {
        if (!active[c]) continue;
        const sums = new Float64Array(m[c]!.length);
        let sum = 0;
        for (let p = 0; p < patterns; p++) {
          const l = levels[p * width + c]!;
          if (l === 0) continue;
          const w = counts[p]! * posterior[p]!;
          sums[l - 1] = sums[l - 1]! + w;
          sum += w;
        }
        if (sum <= 0) continue;
        const row = m[c]!;
        for (let l = 0; l < row.length; l++) {
          const next = Math.max(sums[l]! / sum, FLOOR);
          change = Math.max(change, Math.abs(next - row[l]!));
          row[l] = next;
        }
      }
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  return { m, lambda, iterations, converged };
}
