/** Plain-text report helpers for the demo: headings, key figures and aligned tables. */

/** Prints a stage heading. */
export function heading(title: string): void {
  console.log(`\n${title}\n${"=".repeat(displayWidth(title))}`);
}

/** Prints a sub-heading. */
export function subheading(title: string): void {
  console.log(`\n${title}\n${"-".repeat(displayWidth(title))}`);
}

/** Prints one paragraph. */
export function say(text: string): void {
  console.log(text);
}

/** Prints `label: value` pairs aligned on the colon. */
export function figures(pairs: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(pairs).map((k) => k.length));
  for (const [k, v] of Object.entries(pairs)) console.log(`  ${k.padEnd(width)} : ${typeof v === "number" ? formatNumber(v) : v}`);
}

/** Formats a number with thousands separators and at most 2 decimals (3 significant below 1). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-GB");
  return Math.abs(value) < 1 ? value.toPrecision(3) : value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

/** Columns a string takes in a terminal: East Asian wide characters (CJK, full-width forms) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

/** Pads to a display width, on the right or (for numbers) on the left. */
const pad = (text: string, width: number, left: boolean): string => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return left ? fill + text : text + fill;
};

/** Prints rows as an aligned table; numbers are right-aligned. */
export function table(rows: readonly Record<string, string | number>[]): void {
  if (rows.length === 0) {
    console.log("  (none)");
    return;
  }
  const columns = Object.keys(rows[0] as object);
  const cells = rows.map((r) => columns.map((c) => (typeof r[c] === "number" ? formatNumber(r[c] as number) : String(r[c] ?? ""))));
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === "number"));
  const widths = columns.map((c, k) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[k] as string))));
  const fmt = (values: string[]): string =>
    "  " + values.map((v, k) => pad(v, widths[k] as number, numeric[k] === true)).join("  ");
  console.log(fmt(columns));
  console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of cells) console.log(fmt(row));
}
