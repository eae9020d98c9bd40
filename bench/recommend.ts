/**
 * Benchmark of idic/recommend (issue 5).
 *
 * 1. Online Retail (../shared/data/reco/online-retail/online_retail.csv.gz) under the protocol of
 *    issue 5: rows with a known customer and a five-digit product code, one interaction per
 *    distinct (customer, product) at its first purchase; customers with ≥ 5 distinct items are
 *    evaluated on their last item (the second-to-last is the validation item used for tuning, see
 *    bench/recommend/tune.ts); the whole catalogue is ranked with the customer's training items
 *    excluded, ties to the lower item number (items numbered by ascending StockCode). Writes
 *    bench/out/recommend/online-retail.topk.csv (customer_id,rank,item_id; top 10, rank 0-based).
 *    Also reported: the test items bought in a later invoice than the customer's latest training
 *    item (the others complete a basket), and a temporal split at 2011-11-01.
 * 2. Side by side with the npm `collaborative-filter` package on a sample it can handle.
 * 3. Build and scoring times on the generated data set (idic/synth) at 1,000,000 customers.
 *
 *   npm run bench:recommend
 *   npm run bench:recommend -- --synth-customers 100000 --cf-items 300 --cf-customers 300
 *
 * Timings are medians of 5 runs after a warm-up (one run on the generated data), as wall-clock ms
 * with the CPU ms this process got in brackets: the machine is shared with other people's jobs,
 * so the load average is printed too.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { toCsv } from "../src/_lib/csv.js";
import { buildRecommenderModel, evaluateRecommender, recommendForCustomerId, splitLeaveLastOut, splitTemporal } from "../src/recommend/index.js";
import type { EvaluationReport, EvaluationSplit, RecommendOptions, RecommenderModel } from "../src/recommend/index.js";
import { dataFile, fmt, peakMemoryMiB, printTable, timed, writeOut } from "./_lib.js";
import { compareWithCollaborativeFilter } from "./recommend/collaborative-filter.js";
import { loadOnlineRetail, targetsByInvoice } from "./recommend/online-retail.js";
import { collectSyntheticPurchases } from "./recommend/synthetic.js";
import { medianTimes, timedOnce } from "./recommend/timing.js";

const { values } = parseArgs({
  options: {
    "synth-customers": { type: "string", default: "1000000" },
    "cf-items": { type: "string", default: "600" },
    "cf-customers": { type: "string", default: "600" },
  },
});
const synthCustomers = Number(values["synth-customers"]);
const cfItems = Number(values["cf-items"]);
const cfCustomers = Number(values["cf-customers"]);
for (const [name, v] of [["--synth-customers", synthCustomers], ["--cf-items", cfItems], ["--cf-customers", cfCustomers]] as const) {
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be an integer ≥ 0`);
}

type Row = Record<string, string | number>;
const rows: Row[] = [];
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(" ");
type Times = { wallMs: number; cpuMs: number };
const ms = (t: Times | undefined): string => (t === undefined ? "" : `${fmt(t.wallMs, 0)} (${fmt(t.cpuMs, 0)})`);
const row = (data: string, system: string, r: Partial<EvaluationReport> & { evaluated?: number }, build?: Times, score?: Times): Row => ({
  data,
  system,
  evaluated: r.customers ?? r.evaluated ?? "",
  "HR@10": r.hitRate === undefined ? "" : fmt(r.hitRate, 4),
  "NDCG@10": r.ndcg === undefined ? "" : fmt(r.ndcg, 4),
  coverage: r.coverage === undefined ? "" : fmt(r.coverage, 3),
  "build ms (cpu)": ms(build),
  "top-10 ms (cpu)": ms(score),
  "peak MiB": fmt(peakMemoryMiB(), 0),
});

/** The top-10 list of every target customer, from the history the model holds. */
function topLists(model: RecommenderModel, split: EvaluationSplit, options: RecommendOptions = {}): string[][] {
  return split.targets.map((t) => recommendForCustomerId(model, t.customerId, { ...options, k: 10, asOf: t.asOf }).items.map((r) => r.itemId));
}

console.log(`load average at start: ${load()}`);
const path = dataFile("reco", "online-retail", "online_retail.csv.gz");
if (path !== undefined) {
  const data = timed(() => loadOnlineRetail(path));
  const { interactions } = data.result;
  console.log(
    `Online Retail: ${data.result.rows} rows, ${data.result.kept} kept, ${interactions.length} (customer, product) interactions, ` +
      `${new Set(interactions.map((e) => e.customerId)).size} customers, ${new Set(interactions.map((e) => e.itemId)).size} products (read in ${fmt(data.ms / 1000, 1)} s)`,
  );

  const validation = splitLeaveLastOut(interactions, { minItems: 5, target: "second-to-last" });
  rows.push(row("Online Retail · validation item", "idic item-kNN (defaults)", evaluateRecommender(buildRecommenderModel(validation.train), validation)));

  const test = splitLeaveLastOut(interactions, { minItems: 5, target: "last" });
  let model = buildRecommenderModel(test.train);
  const build = medianTimes(() => (model = buildRecommenderModel(test.train)));
  let lists = topLists(model, test);
  const score = medianTimes(() => (lists = topLists(model, test)));
  const report = evaluateRecommender(model, test, { k: 10 });
  report.lists.forEach((l, n) => {
    if (l.items.join() !== lists[n]?.join()) throw new Error(`lists disagree for customer ${l.customerId}`);
  });
  const csv = writeOut(
    "recommend/online-retail.topk.csv",
    toCsv([["customer_id", "rank", "item_id"], ...test.targets.flatMap((t, n) => (lists[n] ?? []).map((item, rank) => [t.customerId, rank, item]))]),
  );
  rows.push(row("Online Retail · test item", "idic item-kNN (defaults)", report, build, score));
  rows.push(row("Online Retail · test item", "idic item-kNN, no recency weighting", evaluateRecommender(model, test, { k: 10, halfLifeDays: Infinity })));
  const popularity = medianTimes(() => topLists(model, test, { scoring: "popularity" }));
  rows.push(row("Online Retail · test item", "popularity baseline", evaluateRecommender(model, test, { k: 10, scoring: "popularity" }), undefined, popularity));
  console.log(`top-10 lists written to ${csv}; load average after Online Retail: ${load()}`);

  // The test items bought in a later invoice than the customer's latest training item: predicting
  // the next visit rather than completing the current basket.
  const next: EvaluationSplit = { ...test, targets: targetsByInvoice(interactions, test).nextInvoice };
  const nextLabel = `Online Retail · test item in a later invoice (${next.targets.length})`;
  rows.push(row(nextLabel, "idic item-kNN (defaults)", evaluateRecommender(model, next, { k: 10 })));
  rows.push(row(nextLabel, "idic item-kNN, no recency weighting", evaluateRecommender(model, next, { k: 10, halfLifeDays: Infinity })));
  rows.push(row(nextLabel, "popularity baseline", evaluateRecommender(model, next, { k: 10, scoring: "popularity" })));

  // A temporal split: lists made at the cutoff, weeks after many customers' latest purchase.
  const temporal = splitTemporal(interactions, { cutoff: new Date("2011-11-01T00:00:00Z") });
  const temporalModel = buildRecommenderModel(temporal.train);
  const temporalLabel = "Online Retail · new items from 2011-11-01 on";
  rows.push(row(temporalLabel, "idic item-kNN (defaults)", evaluateRecommender(temporalModel, temporal, { k: 10 })));
  rows.push(row(temporalLabel, "idic item-kNN, no recency weighting", evaluateRecommender(temporalModel, temporal, { k: 10, halfLifeDays: Infinity })));
  rows.push(row(temporalLabel, "popularity baseline", evaluateRecommender(temporalModel, temporal, { k: 10, scoring: "popularity" })));

  if (cfItems > 0 && cfCustomers > 0) {
    const comparison = compareWithCollaborativeFilter(interactions, cfItems, cfCustomers, 1);
    for (const c of comparison) {
      rows.push(row(`Online Retail sample ${c.sample}`, c.system, { hitRate: c.hr, ndcg: c.ndcg, coverage: c.coverage, evaluated: c.evaluated }, c.build, c.score));
    }
    const [ours, theirs] = comparison as [(typeof comparison)[0], (typeof comparison)[0]];
    const total = (c: typeof ours, key: keyof Times): number => c.build[key] + c.score[key];
    console.log(
      `collaborative-filter takes ${fmt(total(theirs, "wallMs") / total(ours, "wallMs"), 0)}× the wall time and ${fmt(total(theirs, "cpuMs") / total(ours, "cpuMs"), 0)}× the CPU time of idic (build + top-10 lists); load average: ${load()}`,
    );
  }
}

if (synthCustomers > 0) {
  const generated = timedOnce(() => collectSyntheticPurchases(synthCustomers, 1));
  const purchases = generated.result;
  console.log(
    `generated data set: ${synthCustomers} people, ${purchases.persons.length} with purchases, ${purchases.length} purchase/return lines, ` +
      `${purchases.skus.length} products (generated in ${fmt(generated.wallMs / 1000, 0)} s)`,
  );
  const built = timedOnce(() => buildRecommenderModel(purchases.interactions()));
  const model = built.result;
  const scored = timedOnce(() => {
    let listed = 0;
    for (const id of model.customers) listed += recommendForCustomerId(model, id, { k: 10 }).items.length;
    return listed;
  });
  rows.push(row(`generated, ${synthCustomers.toLocaleString("en-GB")} people`, "idic item-kNN (defaults), every customer", { evaluated: model.customers.length }, built, scored));
  console.log(`load average after the generated data set: ${load()}`);
}

console.log("");
printTable(rows);
