/**
 * Side-by-side with the npm `collaborative-filter` package (1.0.0-beta.3, the nearest JavaScript
 * library): it takes a dense 0/1 customers × items matrix and builds a normalised co-occurrence
 * matrix with math.js in O(customers × items²), so it only handles a sample. Both systems get the
 * same sample and the same leave-last-out protocol; accuracy is HR@10 / NDCG@10 on the sample,
 * speed is model building plus the top-10 of every evaluated customer (idic: median of 5 runs after
 * a warm-up; collaborative-filter: one run, which takes seconds, so start-up costs are negligible).
 */
import { createRequire } from "node:module";
import { Rng } from "../../src/_lib/random.js";
import { buildRecommenderModel, evaluateRecommender, recommendForCustomerId, splitLeaveLastOut } from "../../src/recommend/index.js";
import type { EvaluationSplit, ItemInteraction } from "../../src/recommend/index.js";
import { medianTimes, timedOnce } from "./timing.js";

type Times = { wallMs: number; cpuMs: number };

interface CollaborativeFilter {
  coMatrix(ratings: number[][]): unknown;
  getRecommendations(ratings: number[][], coMatrix: unknown, userIndex: number): number[];
}
const cf = createRequire(import.meta.url)("collaborative-filter") as CollaborativeFilter;

/** The sample: the `items` most bought products and `customers` customers (seeded) with ≥ 5 of them. */
export function sampleInteractions(interactions: readonly ItemInteraction[], items: number, customers: number, seed: number): ItemInteraction[] {
  const buyers = new Map<string, number>();
  for (const e of interactions) buyers.set(e.itemId, (buyers.get(e.itemId) ?? 0) + 1);
  const top = new Set([...buyers].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, items).map(([id]) => id));
  const kept = interactions.filter((e) => top.has(e.itemId));
  const perCustomer = new Map<string, number>();
  for (const e of kept) perCustomer.set(e.customerId, (perCustomer.get(e.customerId) ?? 0) + 1);
  const eligible = [...perCustomer].filter(([, n]) => n >= 5).map(([id]) => id).sort();
  const chosen = new Set(new Rng(seed).shuffle(eligible).slice(0, customers));
  return kept.filter((e) => chosen.has(e.customerId));
}

/** Accuracy of top-10 lists against a split's targets (one held-out item each), and coverage. */
function accuracy(split: EvaluationSplit, lists: ReadonlyMap<string, readonly string[]>): { hr: number; ndcg: number; coverage: number } {
  let hr = 0;
  let ndcg = 0;
  const seen = new Set<string>();
  for (const t of split.targets) {
    const list = (lists.get(t.customerId) ?? []).slice(0, 10);
    for (const id of list) seen.add(id);
    const rank = list.indexOf(t.items[0] as string);
    if (rank >= 0) {
      hr += 1;
      ndcg += 1 / Math.log2(rank + 2);
    }
  }
  const n = Math.max(1, split.targets.length);
  return { hr: hr / n, ndcg: ndcg / n, coverage: seen.size / Math.max(1, split.catalogue.length) };
}

/** Runs `collaborative-filter` on the split: dense ratings of the training data, then each target's list. */
function runCollaborativeFilter(split: EvaluationSplit): { lists: Map<string, string[]>; build: Times; score: Times } {
  const customers = [...new Set(split.train.map((e) => e.customerId))].sort();
  const row = new Map(customers.map((c, u) => [c, u]));
  const column = new Map(split.catalogue.map((id, i) => [id, i]));
  const ratings = customers.map(() => new Array<number>(split.catalogue.length).fill(0));
  for (const e of split.train) (ratings[row.get(e.customerId) as number] as number[])[column.get(e.itemId) as number] = 1;
  const build = timedOnce(() => cf.coMatrix(ratings));
  const score = timedOnce(() => {
    const lists = new Map<string, string[]>();
    for (const t of split.targets) {
      const ranked = cf.getRecommendations(ratings, build.result, row.get(t.customerId) as number);
      lists.set(t.customerId, ranked.slice(0, 10).map((i) => split.catalogue[i] as string));
    }
    return lists;
  });
  return { lists: score.result, build, score };
}

/** One system's figures on the sample. */
export interface ComparisonRow {
  /** System. */
  readonly system: string;
  /** Customers × items in the sample's training data. */
  readonly sample: string;
  /** Evaluated customers. */
  readonly evaluated: number;
  /** HR@10 on the sample. */
  readonly hr: number;
  /** NDCG@10 on the sample. */
  readonly ndcg: number;
  /** Catalogue coverage of the lists. */
  readonly coverage: number;
  /** Model building. */
  readonly build: Times;
  /** Top-10 for every evaluated customer. */
  readonly score: Times;
}

/** Compares idic (default options) and `collaborative-filter` on one sample. */
export function compareWithCollaborativeFilter(interactions: readonly ItemInteraction[], items: number, customers: number, seed: number): ComparisonRow[] {
  const sample = sampleInteractions(interactions, items, customers, seed);
  const split = splitLeaveLastOut(sample, { minItems: 5 });
  const label = `${new Set(split.train.map((e) => e.customerId)).size} × ${split.catalogue.length}`;
  const theirs = runCollaborativeFilter(split);
  let model = buildRecommenderModel(split.train);
  const lists = (): Map<string, string[]> =>
    new Map(split.targets.map((t) => [t.customerId, recommendForCustomerId(model, t.customerId, { k: 10, asOf: t.asOf }).items.map((r) => r.itemId)]));
  const ourLists = lists();
  const build = medianTimes(() => (model = buildRecommenderModel(split.train)));
  const score = medianTimes(lists);
  const ours = accuracy(split, ourLists);
  if (Math.abs(evaluateRecommender(model, split, { k: 10 }).hitRate - ours.hr) > 1e-12) throw new Error("evaluateRecommender and the bench's own count disagree");
  return [
    { system: "idic recommend (defaults)", sample: label, evaluated: split.targets.length, ...ours, build, score },
    { system: "collaborative-filter 1.0.0-beta.3", sample: label, evaluated: split.targets.length, ...accuracy(split, theirs.lists), build: theirs.build, score: theirs.score },
  ];
}
