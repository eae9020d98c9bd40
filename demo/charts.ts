/** Renders Vega-Lite specs to SVG files (with the spec beside it as JSON) for the demo. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Writes `<dir>/<name>.svg` and `<dir>/<name>.vl.json` and returns the SVG path.
 *
 * @param dir - Output folder (created if needed).
 * @param name - File name without extension.
 * @param spec - A Vega-Lite specification, as idic's chart functions return.
 */
export async function writeChart(dir: string, name: string, spec: object): Promise<string> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.vl.json`), JSON.stringify(spec, null, 2));
  const compiled = compile(spec as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const path = join(dir, `${name}.svg`);
  writeFileSync(path, svg);
  return path;
}
