/**
 * Identity benchmark (`npm run bench:identity`): resolves each public data set of
 * `../shared/data/identity/` with its preset, unsupervised — the labels only score the result —,
 * writes `bench/out/identity/<name>.csv` (`record_id,entity_id`), and prints pairwise precision,
 * recall and F1, blocking recall, comparisons, wall time and peak memory. Then it resolves the
 * generated CRM data set of `idic/synth` (about a million source records) and also scores its
 * households. Each data set runs in its own process so that time and memory are its own.
 *
 *   npm run bench:identity                          everything
 *   npm run bench:identity -- --only febrl1,fake_1000
 *   npm run bench:identity -- --synth-customers 50000   (0 skips the generated data set)
 *
 * The machine is shared: wall times are noisy; run again when it is quiet.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { fmt, printTable, projectRoot } from "./_lib.js";
import { loadIdentityDatasets } from "./identity/datasets.js";
import type { RunFigures } from "./identity/run.js";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "" },
    "synth-customers": { type: "string", default: "500000" },
  },
});
const only = values.only === "" ? [] : values.only.split(",");
const synthCustomers = Number(values["synth-customers"]);
if (!Number.isInteger(synthCustomers) || synthCustomers < 0) throw new Error(`--synth-customers must be a non-negative integer, got ${values["synth-customers"]}`);

function run(args: string[], heapMiB: number, nodeFlags: readonly string[] = []): RunFigures | undefined {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMiB}`, ...nodeFlags, "--expose-gc", "--import", "tsx", "bench/identity/run.ts", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{")) {
    console.log(`${args[0]}: failed (${child.status})\n${child.stderr.slice(-2000)}`);
    return undefined;
  }
  return JSON.parse(line) as RunFigures;
}

const rows: Record<string, string | number>[] = [];
const names = loadIdentityDatasets(only).map((d) => d.name);
for (const name of names) {
  const figures = run([name], 4096);
  if (figures) rows.push(row(figures));
}
if (synthCustomers > 0 && (only.length === 0 || only.includes("synth"))) {
  // A larger young generation: a million records allocate many short-lived objects (see docs/identify.md).
  const figures = run(["synth", String(synthCustomers)], 8192, ["--max-semi-space-size=64"]);
  if (figures) rows.push(row(figures));
}

function row(f: RunFigures): Record<string, string | number> {
  return {
    "data set": f.dataset,
    records: f.records,
    rejected: f.rejected,
    entities: f.entities,
    precision: fmt(f.precision, 4),
    recall: fmt(f.recall, 4),
    F1: fmt(f.f1, 4),
    "blocking recall": fmt(f.blockingRecall, 4),
    comparisons: f.comparisons,
    "time (s)": fmt(f.seconds, 1),
    "peak memory (MiB)": fmt(f.peakMiB, 0),
    "household F1": f.householdF1 === undefined ? "" : fmt(f.householdF1, 4),
  };
}

printTable(rows);
