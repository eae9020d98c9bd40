/**
 * Benchmark of the data generator (`npm run bench:synth`): generation speed and memory at
 * 1,000,000 customers — streamed on one thread, streamed as two parts on two worker threads, and
 * held in memory at once — on the built package (what users get). Each measurement runs in its own
 * process so that peak memory is its own.
 *
 *   npm run bench:synth                       every run at 1,000,000 customers
 *   npm run bench:synth -- --customers 200000 a smaller run
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { fmt, peakMemoryMiB, printTable, projectRoot, writeOut } from "./_lib.js";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    mode: { type: "string" },
    seed: { type: "string", default: "1" },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const dist = join(projectRoot, "dist", "synth", "index.js");
if (!existsSync(dist)) throw new Error("dist/ is missing: run `npm run build` first (npm run bench:synth does)");

interface Measure {
  mode: string;
  seconds: number;
  peakMiB: number;
  persons: number;
  sourceRecords: number;
  transactions: number;
  interactions: number;
}

async function measure(mode: string): Promise<Measure> {
  const { streamCrmDataset, generateCrmDataset } = (await import(dist)) as typeof import("../src/synth/index.js");
  const counts = { persons: 0, sourceRecords: 0, transactions: 0, interactions: 0 };
  const start = performance.now();
  if (mode === "stream") {
    for (const chunk of streamCrmDataset({ seed, customers })) {
      counts.persons += chunk.persons.length;
      counts.sourceRecords += chunk.sourceRecords.length;
      counts.transactions += chunk.transactions.length;
      counts.interactions += chunk.interactions.length;
    }
  } else if (mode === "parallel") {
    const parts = 2;
    const results = await Promise.all(
      Array.from({ length: parts }, (_, index) => {
        const worker = new Worker(new URL("./synth/worker.mjs", import.meta.url), { workerData: { seed, customers, part: { index, of: parts } } });
        return new Promise<typeof counts>((resolve, reject) => {
          worker.once("message", resolve);
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`worker ${index} exited with code ${code} before reporting`)));
        });
      }),
    );
    for (const r of results) for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r[k];
  } else {
    const data = generateCrmDataset({ seed, customers });
    counts.persons = data.persons.length;
    counts.sourceRecords = data.sourceRecords.length;
    counts.transactions = data.transactions.length;
    counts.interactions = data.interactions.length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { mode, seconds, peakMiB: peakMemoryMiB(), ...counts };
}

if (values.mode) {
  // Child process: one measurement, printed as JSON for the parent.
  const result = await measure(values.mode);
  writeFileSync(1, JSON.stringify(result));
} else {
  const rows: Record<string, string | number>[] = [];
  // Generation allocates hundreds of millions of short-lived objects: a larger young generation
  // (`--max-semi-space-size=64`, in MiB) lets far fewer of them be copied before they die. The
  // first run shows Node's defaults for comparison.
  const runs = [
    { mode: "stream", young: false, label: "streamCrmDataset, 1 thread, Node defaults" },
    { mode: "stream", young: true, label: "streamCrmDataset, 1 thread" },
    { mode: "parallel", young: true, label: "streamCrmDataset, 2 parts on 2 worker threads" },
    { mode: "memory", young: true, label: "generateCrmDataset (all in memory)" },
  ];
  for (const { mode, young, label } of runs) {
    const flags = ["--max-old-space-size=16000", ...(young ? ["--max-semi-space-size=64"] : [])];
    const output = execFileSync(process.execPath, [...process.execArgv, ...flags, process.argv[1]!, "--mode", mode, "--customers", String(customers), "--seed", String(seed)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const m = JSON.parse(output) as Measure;
    rows.push({
      run: label,
      customers: m.persons,
      "source records": m.sourceRecords,
      transactions: m.transactions,
      interactions: m.interactions,
      "wall s": fmt(m.seconds, 1),
      "µs / customer": fmt((m.seconds * 1e6) / m.persons, 1),
      "peak RSS MiB": fmt(m.peakMiB, 0),
    });
    console.error(`done: ${label}`);
  }
  printTable(rows);
  writeOut("synth/results.json", JSON.stringify(rows, null, 2));
}
