/**
 * Recommendations on a generated shop: "customers who bought this also bought", "similar in
 * style", a personal list with its reasons, and an offline evaluation against the popularity
 * baseline.
 *
 *   npx tsx examples/recommend.ts
 */
import {
  alsoBought,
  buildRecommenderModel,
  buildStyleIndex,
  customerHistory,
  evaluateRecommender,
  interactionsFromTransactions,
  isRecommenderModel,
  recommendForCustomer,
  similarInStyle,
  splitLeaveLastOut,
} from "../src/recommend/index.js";
import { generateCrmDataset } from "../src/synth/index.js";

const data = generateCrmDataset({ seed: 7, customers: 1_000, interactions: false });
const name = new Map(data.catalogue.map((item) => [item.sku, `${item.name} (${item.category})`]));
const label = (sku: string): string => name.get(sku) ?? sku;

// Purchases belong to source records; the recommender should see the person behind them.
const personOf = new Map(data.truth.records.map((r) => [r.sourceId, r.personId]));
const { interactions, skipped } = interactionsFromTransactions(data.transactions, { customerOf: personOf });
const model = buildRecommenderModel(interactions);
console.log(`${interactions.length} purchase lines of ${model.customers.length} customers over ${model.items.length} products (${skipped.length} fees and other transactions without items skipped)`);

// "Customers who bought this also bought", for the best-selling product.
const best = model.items[model.itemCustomers.indexOf(Math.max(...model.itemCustomers))] as string;
console.log(`\nCustomers who bought ${label(best)} also bought:`);
for (const r of alsoBought(model, best, { k: 5 })) console.log(`  ${label(r.itemId).padEnd(50)} ${r.coBuyers} bought both`);

// "Similar in style", from the catalogue's attributes.
const { index } = buildStyleIndex(
  data.catalogue.map((item) => ({ itemId: item.sku, category: item.category, tags: item.tags, priceBand: item.priceBand, priceMinor: item.priceMinor, description: item.name })),
);
console.log(`\nSimilar in style to ${label(best)}:`);
for (const r of similarInStyle(index, best, { k: 5 })) console.log(`  ${label(r.itemId).padEnd(50)} shares ${r.styleMatches.join(", ")}`);

// A personal list with reasons, for a customer with a few purchases.
const customer = model.customers.find((c) => customerHistory(model, c).length >= 4) as string;
const history = customerHistory(model, customer);
console.log(`\n${customer} bought ${history.map((h) => label(h.itemId)).join("; ")}.`);
console.log("We recommend:");
// The model is plain JSON: store it, read it back, and check it before use.
const stored: unknown = JSON.parse(JSON.stringify(model));
if (!isRecommenderModel(stored)) throw new Error("the stored model is damaged or from another version");
for (const r of recommendForCustomer(stored, history, { k: 5, asOf: data.options.end }).items) {
  console.log(`  ${label(r.itemId).padEnd(50)} because you bought ${r.because.map((b) => label(b.itemId)).join(" and ") || "(popular)"}`);
}

// Offline evaluation: hide each customer's last new product and see whether the list finds it.
const split = splitLeaveLastOut(interactions, { minItems: 3 });
const trained = buildRecommenderModel(split.train);
const knn = evaluateRecommender(trained, split, { k: 10 });
const popular = evaluateRecommender(trained, split, { k: 10, scoring: "popularity" });
console.log(`\nLeave-last-out on ${knn.customers} customers: HR@10 ${knn.hitRate.toFixed(3)} (popularity ${popular.hitRate.toFixed(3)}), NDCG@10 ${knn.ndcg.toFixed(3)} (popularity ${popular.ndcg.toFixed(3)})`);
