/**
 * A Vega-Lite specification: plain JSON that any Vega-Lite renderer (the Vega editor, Jupyter,
 * Observable, `vega-lite` + `vega` in Node) turns into a chart. idic returns charts in this form
 * so that it needs no charting dependency.
 *
 * @example
 * ```ts
 * const spec: VegaLiteSpec = {
 *   $schema: VEGA_LITE_SCHEMA,
 *   data: { values: [{ x: 1, y: 2 }] },
 *   mark: "point",
 *   encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
 * };
 * ```
 */
export interface VegaLiteSpec {
  /** The Vega-Lite JSON schema URL (`https://vega.github.io/schema/vega-lite/v6.json`). */
  readonly $schema: string;
  /** The rest of the specification: `data`, `mark`, `encoding`, `layer`, `title`, … */
  readonly [key: string]: unknown;
}

/** The `$schema` URL of the Vega-Lite version idic's specs are written for. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
