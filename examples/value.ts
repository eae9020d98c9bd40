/**
 * Differentiating customers by value on a generated shop: purchases rolled up from source
 * records to persons and households, ABC tiers and the Pareto curve, RFM segments, and lifetime
 * value from BG/NBD + Gamma-Gamma.
 *
 *   npx tsx examples/value.ts
 */
import { generateCrmDataset } from "../src/synth/index.js";
import {
  assignAbcTiers,
  computeClv,
  computeParetoCurve,
  countRfmSegments,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  rollupValue,
  scoreRfm,
  segmentRfm,
  summarizeTransactions,
} from "../src/value/index.js";

const data = generateCrmDataset({ seed: 7, customers: 600, interactions: false });
const asOf = data.options.end;
const euros = (minor: number): string => (minor / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// Transactions carry the id of a source record; value belongs to the person (and the household) behind it.
const personOf = new Map(data.truth.records.map((r) => [r.sourceId, r.personId]));
const householdOf = new Map(data.truth.customers.map((c) => [c.personId, c.householdId]));
const persons = rollupValue(data.transactions, { asOf, attribution: { level: "person", personOf } });
const households = rollupValue(data.transactions, { asOf, attribution: { level: "household", personOf, householdOf } });
if (!persons.ok || !households.ok) throw new Error("rollup failed");
console.log(`${data.transactions.length} transactions → ${persons.customers.length} persons in ${households.customers.length} households (currency ${persons.currency})`);

console.log("\nABC tiers of households by net value (A = first 70 %, B up to 95 %):");
const tiers = assignAbcTiers(households.customers.map((h) => ({ key: h.key, value: h.netMinor })));
for (const t of tiers.tiers) {
  console.log(`  ${t.tier}: ${String(t.customers).padStart(4)} households (${(100 * t.customerShare).toFixed(1)} %) make ${(100 * t.valueShare).toFixed(1)} % of the value`);
}
const curve = computeParetoCurve(persons.customers.map((c) => ({ key: c.key, value: c.netMinor })));
console.log(`  persons: Gini ${curve.gini.toFixed(2)}, the top 20 % make ${(100 * curve.top20Share).toFixed(1)} % of the value`);

console.log("\nRFM segments of persons (common 11-segment table):");
const rfm = scoreRfm(persons.customers, { asOf });
for (const row of countRfmSegments(segmentRfm(rfm.scored))) if (row.customers > 0) console.log(`  ${row.segment.padEnd(20)} ${row.customers}`);

// Lifetime value: summaries in weeks, BG/NBD for purchases, Gamma-Gamma for spend.
const summary = summarizeTransactions(data.transactions, { calibrationEnd: asOf, timeUnit: "weeks", attribution: { level: "person", personOf } });
if (!summary.ok) throw new Error(summary.error.message);
const purchases = fitBgNbd(summary.customers, { timeUnit: summary.timeUnit });
const spend = fitGammaGamma(summary.customers);
if (!purchases.ok || !spend.ok) throw new Error("a lifetime-value fit failed");
const { r, alpha, a, b } = purchases.model.parameters;
console.log(`\nBG/NBD (weeks): r ${r.toFixed(3)}, α ${alpha.toFixed(2)}, a ${a.toFixed(3)}, b ${b.toFixed(2)}; log-likelihood ${purchases.model.logLikelihood.toFixed(1)}`);
console.log("Top 5 persons by 3-year CLV (10 % a year):");
const clv = summary.customers
  .map((c) => ({ key: c.key, alive: probabilityAlive(purchases.model, c), ...computeClv(purchases.model, spend.model, c, { horizon: { amount: 3, unit: "years" }, discountRate: { rate: 0.1, per: "years" } }) }))
  // clv and expectedSpend are null when the spend model has no finite mean for a customer: never ranked as 0.
  .flatMap((c) => (c.clv === null || c.expectedSpend === null ? [] : [{ ...c, clv: c.clv, expectedSpend: c.expectedSpend }]))
  .sort((x, y) => y.clv - x.clv || (x.key < y.key ? -1 : 1))
  .slice(0, 5);
for (const c of clv) {
  console.log(`  ${c.key}: CLV € ${euros(c.clv).padStart(9)}  (${c.expectedPurchases.toFixed(1)} purchases × € ${euros(c.expectedSpend)}, P(alive) ${c.alive.toFixed(2)})`);
}
