/**
 * Hyper-parameter search for the recommender on the Online Retail VALIDATION items (each evaluated
 * customer's second-to-last new item; the last item, the test item, is dropped and never looked
 * at). Stage 1 compares similarity measures and their parameters under a few list settings;
 * stage 2 searches the list settings (neighbours per item, recency half-life, normalisation,
 * popularity weight) for the best three measures. Candidates are ranked by NDCG@10.
 *
 *   npx tsx bench/recommend/tune.ts
 */
import { buildRecommenderModel, evaluateRecommender, splitLeaveLastOut } from "../../src/recommend/index.js";
import type { RecommendOptions, RecommenderModel, SimilarityOptions } from "../../src/recommend/index.js";
import { dataFile, fmt, printTable } from "../_lib.js";
import { loadOnlineRetail } from "./online-retail.js";

const path = dataFile("reco", "online-retail", "online_retail.csv.gz");
if (path !== undefined) {
  const { interactions } = loadOnlineRetail(path);
  const split = splitLeaveLastOut(interactions, { minItems: 5, target: "second-to-last" });
  console.log(`validation split: ${split.targets.length} customers, ${split.catalogue.length} items`);

  const measures: SimilarityOptions[] = [
    ...[0, 2, 5, 10, 20].map((shrink) => ({ measure: "jaccard", shrink }) as const),
    ...[0, 5, 10].map((shrink) => ({ measure: "cosine", shrink }) as const),
    ...[0.3, 0.7].map((alpha) => ({ measure: "asymmetric-cosine", alpha }) as const),
    ...[0, 0.3, 0.6].map((alpha) => ({ measure: "conditional", alpha }) as const),
    ...[0, 100, 1000].map((shrink) => ({ measure: "lift", shrink }) as const),
    ...[0.5, 1].flatMap((alpha) => [0.3, 0.5, 0.7].map((beta) => ({ measure: "rp3beta", alpha, beta }) as const)),
  ];
  const quick: RecommendOptions[] = [5, 10].flatMap((neighboursPerItem) =>
    (["sum", "none"] as const).map((normalise) => ({ neighboursPerItem, normalise, halfLifeDays: 1, popularityWeight: 0.001 })),
  );
  const label = (o: object): string => JSON.stringify(o).replace(/"/g, "");
  type Result = { similarity: string; list: string; hr: number; ndcg: number };
  const evaluate = (model: RecommenderModel, similarity: SimilarityOptions, list: RecommendOptions): Result => {
    const r = evaluateRecommender(model, split, { ...list, k: 10 });
    return { similarity: label(similarity), list: label(list), hr: r.hitRate, ndcg: r.ndcg };
  };
  const byNdcg = (a: Result, b: Result): number => b.ndcg - a.ndcg || b.hr - a.hr;

  const stage1: { similarity: SimilarityOptions; best: Result }[] = [];
  for (const similarity of measures) {
    const model = buildRecommenderModel(split.train, { similarity, neighbours: 50 });
    const best = quick.map((list) => evaluate(model, similarity, list)).sort(byNdcg)[0] as Result;
    stage1.push({ similarity, best });
  }
  stage1.sort((a, b) => byNdcg(a.best, b.best));
  console.log("\nStage 1 — measures (best of the quick list settings):\n");
  printTable(stage1.map(({ best }) => ({ similarity: best.similarity, list: best.list, "HR@10": fmt(best.hr, 4), "NDCG@10": fmt(best.ndcg, 4) })));

  const lists: RecommendOptions[] = [];
  for (const neighboursPerItem of [3, 5, 8, 12, 20, 50]) {
    for (const halfLifeDays of [0.25, 1, 7, 30, Infinity]) {
      for (const normalise of ["sum", "none"] as const) {
        for (const popularityWeight of [0, 0.001, 0.01]) lists.push({ neighboursPerItem, halfLifeDays, normalise, popularityWeight });
      }
    }
  }
  const stage2: Result[] = [];
  for (const { similarity } of stage1.slice(0, 3)) {
    const model = buildRecommenderModel(split.train, { similarity, neighbours: 50 });
    for (const list of lists) stage2.push(evaluate(model, similarity, list));
  }
  stage2.sort(byNdcg);
  console.log("\nStage 2 — list settings for the best three measures (top 15):\n");
  printTable(stage2.slice(0, 15).map((r) => ({ similarity: r.similarity, list: r.list, "HR@10": fmt(r.hr, 4), "NDCG@10": fmt(r.ndcg, 4) })));
  const best = stage2[0] as Result;
  console.log(`\nchosen: ${best.similarity} ${best.list} (validation HR@10 ${fmt(best.hr, 4)}, NDCG@10 ${fmt(best.ndcg, 4)})`);
}
