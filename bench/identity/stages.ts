/**
 * Wall time of each stage of `resolveIdentities` on the generated data set, read off the progress
 * callback (a stage ends when the next one reports): where a million-record run spends its time.
 * "start" is validation before preparation; "clustering" includes households and assembly.
 *
 *   node --max-old-space-size=8192 --max-semi-space-size=64 --expose-gc --import tsx bench/identity/stages.ts 500000
 */
import type { SourceRecord } from "../../src/customer/index.js";
import { resolveIdentities } from "../../src/identity/index.js";
import { streamCrmDataset } from "../../src/synth/index.js";

const people = Number(process.argv[2] ?? 10_000);
const records: SourceRecord[] = [];
for (const chunk of streamCrmDataset({ seed: 1, customers: people, interactions: false })) records.push(...chunk.sourceRecords);
(globalThis as { gc?: () => void }).gc?.();

const seconds: Record<string, number> = {};
let stage = "start";
let since = performance.now();
const start = since;
const resolution = resolveIdentities(records, {
  golden: false,
  onProgress: (p) => {
    if (p.stage === stage) return;
    const now = performance.now();
    seconds[stage] = (seconds[stage] ?? 0) + (now - since) / 1000;
    [stage, since] = [p.stage, now];
  },
});
const end = performance.now();
seconds[stage] = (seconds[stage] ?? 0) + (end - since) / 1000;
const rounded = Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Number(v.toFixed(2))]));
console.log(JSON.stringify({ records: records.length, comparisons: resolution.stats.comparisons, seconds: Number(((end - start) / 1000).toFixed(1)), stages: rounded, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) }));
