/**
 * Shared helpers of the benchmark scripts: where the public data sets live, timing, peak memory,
 * and one printed table per benchmark. Benchmarks are not tests: they print figures, and the
 * figures go into docs/ and the issue notes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** The project root (the folder holding package.json). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `../shared/data` beside the project, where the public benchmark data sets live. */
export const sharedData = resolve(projectRoot, "..", "shared", "data");

/**
 * The absolute path of a file under `../shared/data`, or `undefined` (after printing why) when
 * the data set is absent, so that a benchmark can skip it.
 */
export function dataFile(...parts: string[]): string | undefined {
  const path = join(sharedData, ...parts);
  if (existsSync(path)) return path;
  console.log(`skipped: ${join("../shared/data", ...parts)} is not present`);
  return undefined;
}

/** Reads a text file, gunzipping it when the name ends in `.gz`. */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** Writes a file under `bench/out/`, creating folders, and returns its path relative to the root. */
export function writeOut(relative: string, content: string): string {
  const path = join(projectRoot, "bench", "out", relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return join("bench", "out", relative);
}

/** Peak resident memory of this process so far, in MiB (Linux `VmHWM`; falls back to current RSS). */
export function peakMemoryMiB(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1048576;
}

/** Runs `fn` and returns its result with the elapsed wall time in milliseconds. */
export function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

/** Median wall time of `runs` calls of `fn` after `warmup` unmeasured calls, in milliseconds. */
export function medianMs(fn: () => unknown, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timed(fn).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Formats a number with a fixed number of decimals (default 3). */
export function fmt(value: number, decimals = 3): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : String(value);
}

/** Prints rows as an aligned Markdown table (so it can be pasted into docs/). */
export function printTable(rows: readonly Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? "")));
  const widths = columns.map((c, k) => Math.max(c.length, ...cells.map((row) => (row[k] as string).length)));
  const line = (values: string[]): string => `| ${values.map((v, k) => v.padEnd(widths[k] as number)).join(" | ")} |`;
  console.log(line(columns));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of cells) console.log(line(row));
}
