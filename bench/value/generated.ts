/**
 * Generated data with ground truth: the synth generator knows each person's purchase rate λ,
 * dropout probability p, whether they are still alive, and their mean spend, so the BG/NBD,
 * Pareto/NBD and Gamma-Gamma predictions can be checked against the truth rather than only
 * against a holdout.
 */
import { generateCrmDataset } from "../../src/synth/index.js";
import {
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  probabilityAlive,
  summarizeTransactions,
  type CustomerSummary,
  type PurchaseModel,
} from "../../src/value/index.js";
import { fmt } from "../_lib.js";
import type { Row } from "./cdnow.js";

const WEEK_MS = 7 * 86_400_000;

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Area under the ROC curve of scores for a binary truth (Mann–Whitney, ties counted half). */
function auc(scores: readonly number[], truth: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((i, j) => (scores[i] as number) - (scores[j] as number));
  let rankSum = 0;
  let positives = 0;
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && scores[order[e + 1] as number] === scores[order[s] as number]) e++;
    const midRank = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) {
      if (truth[order[k] as number]) {
        rankSum += midRank;
        positives++;
      }
    }
    s = e + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Runs the generated-data checks on `customers` generated persons. */
export function runGenerated(customers: number): Row[] {
  const dataset = generateCrmDataset({ seed: 1, customers });
  const end = dataset.options.end;
  const process = dataset.options.purchaseProcess;
  const attribution = { level: "person" as const, personOf: new Map(dataset.truth.records.map((r) => [r.sourceId, r.personId])) };
  const rows: Row[] = [{ check: "generated: persons / transactions", measured: `${customers} / ${dataset.transactions.length}`, target: "synth, seed 1", ok: "–" }];

  // 1. Holdout: calibrate up to 52 weeks before the end, predict the last 52 weeks.
  const calibrationEnd = new Date(end.getTime() - 52 * WEEK_MS);
  const holdout = summarizeTransactions(dataset.transactions, { calibrationEnd, holdoutEnd: end, timeUnit: "weeks", attribution });
  if (!holdout.ok) throw new Error(holdout.error.message);
  for (const [name, fit] of [
    ["BG/NBD", fitBgNbd(holdout.customers, { timeUnit: "weeks" })],
    ["Pareto/NBD", fitParetoNbd(holdout.customers, { timeUnit: "weeks" })],
  ] as const) {
    if (!fit.ok) throw new Error(`${name}: ${fit.error.message}`);
    const predicted = holdout.customers.map((c) => expectedPurchases(fit.model, c, { amount: 52, unit: "weeks" }));
    const actual = holdout.customers.map((c) => c.holdoutFrequency ?? 0);
    const sumP = predicted.reduce((s, v) => s + v, 0);
    const sumA = actual.reduce((s, v) => s + v, 0);
    rows.push({
      check: `generated holdout (last 52 weeks): ${name} predicted / actual purchases`,
      measured: `${fmt(sumP, 0)} / ${sumA} (${fmt((100 * (sumP - sumA)) / sumA, 1)} %), r = ${fmt(correlation(predicted, actual), 3)}`,
      target: "report",
      ok: "–",
    });
  }

  // 2. Truth at the end of the window: fit on everything, compare with the generator's λ, p and alive.
  const full = summarizeTransactions(dataset.transactions, { calibrationEnd: end, timeUnit: "weeks", attribution });
  if (!full.ok) throw new Error(full.error.message);
  const byPerson = new Map<string, CustomerSummary>(full.customers.map((c) => [c.key, c]));
  const truth = dataset.truth.customers.filter((t) => byPerson.has(t.personId));
  const bg = fitBgNbd(full.customers, { timeUnit: "weeks" });
  const pn = fitParetoNbd(full.customers, { timeUnit: "weeks" });
  const gg = fitGammaGamma(full.customers);
  if (!bg.ok || !pn.ok || !gg.ok) throw new Error("a fit on generated data failed");
  const { r, alpha, a, b } = bg.model.parameters;
  rows.push({
    check: "generated: BG/NBD (r, α, a, b) vs the generator's",
    measured: `${fmt(r, 3)}, ${fmt(alpha, 2)}, ${fmt(a, 3)}, ${fmt(b, 2)}`,
    target: `${process.r}, ${process.alpha}, ${process.a}, ${process.b}`,
    ok: "–",
  });
  const alive = truth.map((t) => t.alive);
  const aliveShare = alive.filter(Boolean).length / alive.length;
  const horizon = { amount: 52, unit: "weeks" } as const;
  const trueExpected = truth.map((t) => (t.alive ? -Math.expm1(-t.purchaseRate * t.dropoutProbability * 52) / t.dropoutProbability : 0));
  for (const [name, model] of [
    ["BG/NBD", bg.model],
    ["Pareto/NBD", pn.model],
  ] as [string, PurchaseModel][]) {
    const pAlive = truth.map((t) => probabilityAlive(model, byPerson.get(t.personId) as CustomerSummary));
    const brier = pAlive.reduce((s, p, i) => s + (p - (alive[i] ? 1 : 0)) ** 2, 0) / pAlive.length;
    const meanP = pAlive.reduce((s, p) => s + p, 0) / pAlive.length;
    rows.push({
      check: `generated: ${name} P(alive) vs truth`,
      measured: `mean ${fmt(meanP, 3)} vs ${fmt(aliveShare, 3)} alive; AUC ${fmt(auc(pAlive, alive), 3)}; Brier ${fmt(brier, 3)}`,
      target: "report",
      ok: "–",
    });
    const predicted = truth.map((t) => expectedPurchases(model, byPerson.get(t.personId) as CustomerSummary, horizon));
    const sumP = predicted.reduce((s, v) => s + v, 0);
    const sumT = trueExpected.reduce((s, v) => s + v, 0);
    rows.push({
      check: `generated: ${name} expected purchases next 52 weeks vs the truth (λ, p, alive)`,
      measured: `${fmt(sumP, 0)} vs ${fmt(sumT, 0)} (${fmt((100 * (sumP - sumT)) / sumT, 1)} %), r = ${fmt(correlation(predicted, trueExpected), 3)}`,
      target: "report",
      ok: "–",
    });
  }
  const repeaters = truth.filter((t) => (byPerson.get(t.personId)?.frequency ?? 0) > 0);
  const spendPredicted = repeaters.map((t) => {
    const spend = expectedSpend(gg.model, byPerson.get(t.personId) as CustomerSummary);
    if (spend === null) throw new Error("the fitted Gamma-Gamma model has no finite mean spend (q ≤ 1)");
    return spend / 100;
  });
  const spendTrue = repeaters.map((t) => t.meanSpend);
  rows.push({
    check: "generated: Gamma-Gamma expected spend vs true mean spend (repeat buyers)",
    measured: `mean ${fmt(spendPredicted.reduce((s, v) => s + v, 0) / spendPredicted.length, 2)} vs ${fmt(spendTrue.reduce((s, v) => s + v, 0) / spendTrue.length, 2)}; r = ${fmt(correlation(spendPredicted, spendTrue), 3)}`,
    target: "report",
    ok: "–",
  });
  return rows;
}
