/**
 * Runs one identity benchmark in its own process (so that wall time and peak memory are its own)
 * and prints one JSON line of figures. Called by `bench/identity.ts`; usable alone:
 *
 *   npx tsx bench/identity/run.ts febrl1
 *   node --max-old-space-size=8192 --expose-gc --import tsx bench/identity/run.ts synth 500000
 */
import { toCsv } from "../../src/_lib/csv.js";
import {
  buildBlockingIndex,
  evaluatePairwise,
  isCandidatePair,
  prepareRecords,
  resolveIdentities,
  type IdentityResolution,
  type ResolveOptions,
} from "../../src/identity/index.js";
import { SourceRecordSchema, type SourceRecord } from "../../src/customer/index.js";
import { streamCrmDataset } from "../../src/synth/index.js";
import { peakMemoryMiB, writeOut } from "../_lib.js";
import { loadIdentityDatasets } from "./datasets.js";

/** Figures of one run. */
export interface RunFigures {
  readonly dataset: string;
  readonly records: number;
  readonly rejected: number;
  readonly entities: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly blockingRecall: number;
  readonly comparisons: number;
  readonly seconds: number;
  readonly peakMiB: number;
  readonly householdF1?: number;
  readonly output?: string;
}

/** Share of true pairs (across sources when linking) that blocking compares. */
function blockingRecall(resolution: IdentityResolution, records: readonly SourceRecord[], truthOf: (r: SourceRecord) => string, link: boolean): number {
  const settings = resolution.state.settings;
  const prepared = prepareRecords(records, {
    dateOrder: settings.prepare.dateOrder,
    blockPlaceholders: settings.prepare.blockPlaceholders,
    blockedValues: Object.fromEntries(settings.prepare.blockedValues),
    ...(settings.prepare.defaultRegion ? { defaultRegion: settings.prepare.defaultRegion } : {}),
  });
  const index = buildBlockingIndex(prepared, settings.blocking, { maxBlockSize: settings.maxBlockSize, linkType: settings.linkType });
  const groups = new Map<string, number[]>();
  prepared.records.forEach((r, i) => {
    const t = truthOf(r);
    (groups.get(t) ?? groups.set(t, []).get(t)!).push(i);
  });
  let pairs = 0;
  let found = 0;
  for (const members of groups.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const i = members[a]!;
        const j = members[b]!;
        if (link && prepared.source[i] === prepared.source[j]) continue;
        pairs++;
        if (isCandidatePair(index, i, j)) found++;
      }
    }
  }
  return pairs === 0 ? 1 : found / pairs;
}

function runPublic(name: string): RunFigures {
  const [dataset] = loadIdentityDatasets([name]);
  if (!dataset) throw new Error(`data set ${name} is not present`);
  // Only each record's entity is scored, so no golden records are built (as in the command line).
  const options: ResolveOptions = { preset: dataset.preset, golden: false, ...(dataset.link ? { linkType: "link", maxPerSource: 1 } : {}) };
  const start = performance.now();
  const resolution = resolveIdentities(dataset.records, options);
  const seconds = (performance.now() - start) / 1000;
  const peakMiB = peakMemoryMiB();
  const entityOf = new Map(resolution.records.map((r) => [r.index, r.entityId]));
  const predicted = dataset.records.map((_, i) => entityOf.get(i) ?? `rejected:${i}`);
  const groups = dataset.records.map((_, i) => (dataset.link ? (i < dataset.records.length / 2 ? "a" : "b") : 0));
  const scores = evaluatePairwise(predicted, dataset.truth, dataset.link ? { groups } : {});
  const output = writeOut(`identity/${name}.csv`, toCsv([["record_id", "entity_id"], ...dataset.recordIds.map((id, i) => [id, predicted[i]])]));
  const accepted = resolution.records.map((r) => SourceRecordSchema.parse(dataset.records[r.index]));
  const truthByKey = new Map(resolution.records.map((r) => [`${r.sourceSystem}\u001f${r.sourceId}`, dataset.truth[r.index]!]));
  return {
    dataset: name,
    records: dataset.records.length,
    rejected: resolution.rejected.length,
    entities: resolution.entities.length,
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
    blockingRecall: blockingRecall(resolution, accepted, (r) => truthByKey.get(`${r.sourceSystem}\u001f${r.sourceId}`)!, dataset.link),
    comparisons: resolution.stats.comparisons,
    seconds,
    peakMiB,
    output,
  };
}

function runSynth(customers: number): RunFigures {
  // Only the source records and their truth are kept, chunk by chunk, to spare memory. The truth
  // is held as one integer per record (person and household numbered), not as maps of a million
  // strings: the garbage collector would walk those during the timed run.
  const records: SourceRecord[] = [];
  const personOf: number[] = [];
  const householdOf: number[] = [];
  const numbers = { person: new Map<string, number>(), household: new Map<string, number>() };
  const number = (map: Map<string, number>, id: string): number => map.get(id) ?? map.set(id, map.size).size - 1;
  for (const chunk of streamCrmDataset({ seed: 1, customers, interactions: false })) {
    const truth = new Map(chunk.truth.records.map((t) => [t.sourceId, t]));
    for (const r of chunk.sourceRecords) {
      const t = truth.get(r.sourceId)!;
      records.push(r);
      personOf.push(number(numbers.person, t.personId));
      householdOf.push(number(numbers.household, t.householdId));
    }
  }
  numbers.person.clear();
  numbers.household.clear();
  // The generator's garbage is collected before the clock starts (with --expose-gc), so that the
  // time is resolveIdentities' own.
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const resolution = resolveIdentities(records, { golden: false });
  const seconds = (performance.now() - start) / 1000;
  const peakMiB = peakMemoryMiB();
  const scores = evaluatePairwise(resolution.records.map((r) => r.entityId), resolution.records.map((r) => personOf[r.index]!));
  const households = evaluatePairwise(resolution.records.map((r) => r.householdId ?? r.entityId), resolution.records.map((r) => householdOf[r.index]!));
  const personById = new Map(records.map((r, k) => [r.sourceId, String(personOf[k])]));
  return {
    dataset: `synth (${customers.toLocaleString("en-GB")} people)`,
    records: records.length,
    rejected: resolution.rejected.length,
    entities: resolution.entities.length,
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
    blockingRecall: blockingRecall(resolution, records, (r) => personById.get(r.sourceId)!, false),
    comparisons: resolution.stats.comparisons,
    seconds,
    peakMiB,
    householdF1: households.f1,
  };
}

const [name, size] = process.argv.slice(2);
if (name === undefined) throw new Error("usage: run.ts <dataset> [customers]");
const figures = name === "synth" ? runSynth(Number(size ?? 500_000)) : runPublic(name);
console.log(JSON.stringify(figures));
