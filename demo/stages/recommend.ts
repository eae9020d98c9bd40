import { VEGA_LITE_SCHEMA } from "../../src/_lib/vega.js";
import {
  alsoBought,
  buildRecommenderModel,
  buildStyleIndex,
  customerHistory,
  evaluateRecommender,
  interactionsFromTransactions,
  recommendForCustomer,
  similarInStyle,
  splitLeaveLastOut,
  splitTemporal,
} from "../../src/recommend/index.js";
import type { EvaluationReport, RecommenderModel } from "../../src/recommend/index.js";
import type { DemoStage } from "../context.js";
import { figures, say, subheading, table } from "../report.js";

const DAY_MS = 86_400_000;

/**
 * Customize: "customers who bought this also bought", "similar in style", a personal list with its
 * reasons, the cold-start list of a new customer, and an offline evaluation against popularity.
 */
export const recommendStage: DemoStage = {
  title: "Customize · offers: bought together, similar in style, personal lists",
  async run(context) {
    const { dataset, personOfRecord, asOf } = context;
    const product = new Map(dataset.catalogue.map((item) => [item.sku, item]));
    const label = (sku: string): string => product.get(sku)?.name ?? sku;
    const category = (sku: string): string => product.get(sku)?.category ?? "";
    const countryOf = new Map(dataset.persons.flatMap((p) => (p.addresses[0]?.country ? [[p.id, p.addresses[0].country] as const] : [])));

    const { interactions } = interactionsFromTransactions(dataset.transactions, { customerOf: personOfRecord });
    const started = performance.now();
    const model = buildRecommenderModel(interactions, { groupOf: countryOf });
    figures({
      "purchase and return lines": interactions.length,
      "customers with purchases": model.customers.length,
      "products bought": model.items.length,
      "model built in (ms)": Math.round(performance.now() - started),
    });

    const best = mostBought(model);
    subheading(`Customers who bought "${label(best)}" also bought`);
    table(alsoBought(model, best, { k: 5 }).map((r) => ({ product: label(r.itemId), category: category(r.itemId), "bought both": r.coBuyers, similarity: r.score })));

    const { index } = buildStyleIndex(
      dataset.catalogue.map((i) => ({ itemId: i.sku, category: i.category, tags: i.tags, priceBand: i.priceBand, priceMinor: i.priceMinor, description: i.name })),
    );
    subheading(`Similar in style to "${label(best)}"`);
    table(similarInStyle(index, best, { k: 5 }).map((r) => ({ product: label(r.itemId), category: category(r.itemId), shares: r.styleMatches.join(", "), score: r.score })));

    const customer = model.customers.find((c) => customerHistory(model, c).length >= 5) ?? model.customers[0];
    if (customer !== undefined) {
      const person = dataset.persons.find((p) => p.id === customer);
      const history = customerHistory(model, customer);
      subheading(`Personal offers for ${person?.fullName ?? customer}`);
      const byDate = [...history].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
      table(byDate.map((h) => ({ bought: label(h.itemId), category: category(h.itemId), on: h.timestamp.toISOString().slice(0, 10) })));
      const { items } = recommendForCustomer(model, history, { k: 5, asOf, rules: { maxPerCategory: 2 }, facts: new Map(dataset.catalogue.map((i) => [i.sku, { category: i.category }])) });
      table(items.map((r) => ({ offer: label(r.itemId), category: category(r.itemId), "because you bought": r.because.map((b) => label(b.itemId)).join(" · ") })));
    }

    const country = model.groups[0];
    if (country !== undefined) {
      subheading(`A new customer from ${country}: what comparable customers buy`);
      table(recommendForCustomer(model, [], { k: 5, group: country }).items.map((r) => ({ offer: label(r.itemId), category: category(r.itemId) })));
    }

    subheading("Offline evaluation");
    const lastOut = splitLeaveLastOut(interactions, { minItems: 3 });
    const trained = buildRecommenderModel(lastOut.train);
    const temporal = splitTemporal(interactions, { cutoff: new Date(asOf.getTime() - 180 * DAY_MS) });
    const temporalModel = buildRecommenderModel(temporal.train);
    const rows = [
      { split: `leave-last-out (${lastOut.targets.length} customers)`, model: trained, data: lastOut },
      { split: `last 180 days (${temporal.targets.length} customers)`, model: temporalModel, data: temporal },
    ];
    table(
      rows.flatMap(({ split, model: m, data }) =>
        (["item-knn", "popularity"] as const).map((scoring) => metrics(split, scoring, evaluateRecommender(m, data, { k: 10, scoring }))),
      ),
    );
    say("HR@10: share of customers whose held-out purchase is in their top 10; NDCG and MRR also reward ranking it high (see docs/customize.md).");

    const curve = [1, 2, 3, 5, 10, 15, 20].flatMap((k) =>
      (["item-knn", "popularity"] as const).map((scoring) => ({ k, scoring, hitRate: evaluateRecommender(trained, lastOut, { k, scoring }).hitRate })),
    );
    await context.chart("recommend-hit-rate", {
      $schema: VEGA_LITE_SCHEMA,
      title: "Leave-last-out hit rate by list length",
      data: { values: curve },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "k", type: "quantitative", title: "list length k" },
        y: { field: "hitRate", type: "quantitative", title: "HR@k", axis: { format: ".0%" } },
        color: { field: "scoring", type: "nominal", title: "scoring" },
      },
    });
  },
};

/** The product with the most buyers (ties to the lower id). */
function mostBought(model: RecommenderModel): string {
  let best = 0;
  model.itemCustomers.forEach((n, i) => {
    if (n > (model.itemCustomers[best] as number)) best = i;
  });
  return model.items[best] as string;
}

function metrics(split: string, scoring: string, r: EvaluationReport): Record<string, string | number> {
  return { split, scoring, "HR@10": r.hitRate, "NDCG@10": r.ndcg, "MRR@10": r.mrr, "recall@10": r.recall, coverage: r.coverage, novelty: r.novelty };
}
