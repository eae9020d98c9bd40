import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from "../_lib/vega.js";
import type { ValuedCustomer } from "./abc.js";

/**
 * One point of the Pareto curve: the top `customerShare` of customers make `valueShare` of the
 * value.
 *
 * @example
 * ```ts
 * const p: ParetoPoint = { customerShare: 0.2, valueShare: 0.746 };
 * ```
 */
export interface ParetoPoint {
  /** Share of customers, most valuable first, in [0, 1]. */
  readonly customerShare: number;
  /** Their cumulative share of the value, in [0, 1]. */
  readonly valueShare: number;
}

/**
 * The Pareto (cumulative value) curve and concentration figures of {@link computeParetoCurve}.
 *
 * @example
 * ```ts
 * const curve: ParetoCurve = computeParetoCurve(customers);
 * console.log(curve.gini, curve.top20Share);
 * ```
 */
export interface ParetoCurve {
  /** Points from (0, 0) to (1, 1), most valuable customers first. */
  readonly points: ParetoPoint[];
  /** The Gini coefficient of the values, in [0, 1) (0: everyone equal). */
  readonly gini: number;
  /** Value share of the top 20 % of customers (⌈0.2 n⌉ customers). */
  readonly top20Share: number;
  /** Number of customers. */
  readonly customers: number;
}

/**
 * Options of {@link computeParetoCurve}.
 *
 * @example
 * ```ts
 * const options: ParetoCurveOptions = { points: 50 };
 * ```
 */
export interface ParetoCurveOptions {
  /** Largest number of curve points returned, ends included (default 101); the Gini uses every customer. */
  readonly points?: number;
}

/**
 * The Pareto curve — cumulative share of value against cumulative share of customers, most
 * valuable first (the Lorenz curve read from the top) — and the Gini coefficient
 * G = Σᵢ (2i − n − 1) xᵢ / (n Σ xᵢ) over the values sorted ascending (Gini 1912; the
 * mean-difference form in Sen 1973). Values below zero are counted as zero (a concentration
 * measure needs non-negative amounts); an empty or all-zero set gives the diagonal and G = 0.
 *
 * @param customers - Customers with the value to measure.
 * @param options - See {@link ParetoCurveOptions}.
 * @returns The curve (at most `points` evenly spaced points), the Gini coefficient and the top-20 % share.
 * @throws RangeError when `points` is not an integer ≥ 2.
 * @example
 * ```ts
 * const curve = computeParetoCurve(rollup.customers.map((c) => ({ key: c.key, value: c.netMinor })));
 * console.log(`Gini ${curve.gini.toFixed(2)}; top 20 % make ${(100 * curve.top20Share).toFixed(1)} %`);
 * ```
 */
export function computeParetoCurve(customers: readonly ValuedCustomer[], options: ParetoCurveOptions = {}): ParetoCurve {
  const maxPoints = options.points ?? 101;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`options.points must be an integer ≥ 2 (got ${maxPoints})`);
  const n = customers.length;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = (customers[i] as ValuedCustomer).value;
    values[i] = Number.isFinite(v) && v > 0 ? v : 0;
  }
  values.sort(); // ascending
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += values[i] as number;
    weighted += (2 * (i + 1) - n - 1) * (values[i] as number);
  }
  if (n === 0 || total === 0) {
    return { points: [{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }], gini: 0, top20Share: n === 0 ? 0 : Math.ceil(0.2 * n) / n, customers: n };
  }
  // Cumulative value from the top: prefix[k] = value of the k most valuable customers.
  const prefix = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) prefix[k] = (prefix[k - 1] as number) + (values[n - k] as number);
  const count = Math.min(maxPoints, n + 1);
  const points: ParetoPoint[] = [];
  for (let j = 0; j < count; j++) {
    const k = Math.round((j * n) / (count - 1));
    points.push({ customerShare: k / n, valueShare: Math.min(1, (prefix[k] as number) / total) });
  }
  return {
    points,
    gini: weighted / (n * total),
    top20Share: (prefix[Math.ceil(0.2 * n)] as number) / total,
    customers: n,
  };
}

/**
 * Options of {@link paretoChart}.
 *
 * @example
 * ```ts
 * const options: ParetoChartOptions = { title: "Value concentration", tierCutoffs: [0.7, 0.95] };
 * ```
 */
export interface ParetoChartOptions {
  /** Chart title (default `"Pareto curve"` with the Gini coefficient). */
  readonly title?: string;
  /** Value shares drawn as horizontal rules, e.g. the ABC cut-offs (default `[0.7, 0.95]`; `[]` for none). */
  readonly tierCutoffs?: readonly number[];
  /** Width in pixels (default 420). */
  readonly width?: number;
  /** Height in pixels (default 320). */
  readonly height?: number;
}

/**
 * A Vega-Lite chart of a Pareto curve: the curve, the diagonal of perfect equality, and the
 * tier cut-offs as dashed rules.
 *
 * @param curve - From {@link computeParetoCurve}.
 * @param options - See {@link ParetoChartOptions}.
 * @returns A Vega-Lite specification (plain JSON).
 * @example
 * ```ts
 * const spec = paretoChart(computeParetoCurve(customers));
 * writeFileSync("pareto.vl.json", JSON.stringify(spec));
 * ```
 */
export function paretoChart(curve: ParetoCurve, options: ParetoChartOptions = {}): VegaLiteSpec {
  const cutoffs = options.tierCutoffs ?? [0.7, 0.95];
  const x = { field: "customerShare", type: "quantitative", title: "share of customers (most valuable first)", axis: { format: "%" }, scale: { domain: [0, 1] } };
  const y = { field: "valueShare", type: "quantitative", title: "cumulative share of value", axis: { format: "%" }, scale: { domain: [0, 1] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `Pareto curve (Gini ${curve.gini.toFixed(2)}, top 20 % = ${(100 * curve.top20Share).toFixed(1)} %)`,
    width: options.width ?? 420,
    height: options.height ?? 320,
    layer: [
      {
        data: { values: [{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }] },
        mark: { type: "line", strokeDash: [2, 2], color: "#999999" },
        encoding: { x, y },
      },
      ...(cutoffs.length > 0
        ? [
            {
              data: { values: cutoffs.map((share) => ({ share })) },
              mark: { type: "rule", strokeDash: [4, 4], color: "#d62728" },
              encoding: { y: { field: "share", type: "quantitative" } },
            },
          ]
        : []),
      {
        data: { values: curve.points },
        mark: { type: "line", color: "#1f77b4" },
        encoding: { x, y },
      },
    ],
  };
}
