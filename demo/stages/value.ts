import {
  assignAbcTiers,
  assignValueCategories,
  checkLargestCustomer,
  computeClv,
  computeParetoCurve,
  countRfmSegments,
  fitBgNbd,
  fitGammaGamma,
  paretoChart,
  probabilityAlive,
  rollupInteractions,
  rollupValue,
  scoreRfm,
  segmentRfm,
  summarizeTransactions,
  type CustomerValue,
} from "../../src/value/index.js";
import type { DemoStage } from "../context.js";
import { figures, say, subheading, table } from "../report.js";

const DAY_MS = 86_400_000;
const euros = (minor: number): number => Math.round(minor) / 100;

/**
 * Differentiate by value: value rolled up to persons and households (through the current
 * customer view), ABC tiers and the Pareto chart, RFM segments, lifetime value from BG/NBD and
 * Gamma-Gamma, the valuable customers at risk, value categories, and whether last year's largest
 * customer is still buying.
 */
export const valueStage: DemoStage = {
  title: "Differentiate · by value: tiers, RFM, lifetime value, customers at risk",
  async run(context) {
    const { dataset, asOf, personOfRecord, householdOfPerson } = context;
    const persons = { level: "person" as const, personOf: personOfRecord };
    const households = { level: "household" as const, personOf: personOfRecord, householdOf: householdOfPerson };

    const started = performance.now();
    const byPerson = rollupValue(dataset.transactions, { asOf, attribution: persons });
    const byHousehold = rollupValue(dataset.transactions, { asOf, attribution: households });
    if (!byPerson.ok || !byHousehold.ok) {
      say(`rollup failed: ${!byPerson.ok ? byPerson.error.message : !byHousehold.ok ? byHousehold.error.message : ""}`);
      return;
    }
    figures({
      transactions: dataset.transactions.length,
      "persons with transactions": byPerson.customers.length,
      "households with transactions": byHousehold.customers.length,
      "unattributed transactions": byPerson.unattributed.length,
      "net value (EUR)": euros(byPerson.customers.reduce((s, c) => s + c.netMinor, 0)),
      "rolled up in (ms)": Math.round(performance.now() - started),
    });

    subheading("ABC tiers of households (A = the first 70 % of net value, B up to 95 %)");
    const householdValues = byHousehold.customers.map((c) => ({ key: c.key, value: c.netMinor }));
    const tiers = assignAbcTiers(householdValues);
    table(tiers.tiers.map((t) => ({ tier: t.tier, households: t.customers, "% of households": 100 * t.customerShare, "net value (EUR)": euros(t.value), "% of value": 100 * t.valueShare })));
    const personValues = byPerson.customers.map((c) => ({ key: c.key, value: c.netMinor }));
    const curve = computeParetoCurve(personValues);
    say(`Persons: Gini ${curve.gini.toFixed(2)}; the top 20 % make ${(100 * curve.top20Share).toFixed(1)} % of the value.`);
    await context.chart("value-pareto", paretoChart(curve, { title: "Value concentration across persons" }));

    subheading("RFM segments of persons (common 11-segment table)");
    const rfm = scoreRfm(byPerson.customers, { asOf });
    const segments = segmentRfm(rfm.scored);
    table(countRfmSegments(segments).filter((s) => s.customers > 0).map((s) => ({ segment: s.segment, persons: s.customers, "%": 100 * s.share })));

    subheading("Lifetime value (BG/NBD + Gamma-Gamma, weeks; 3 years at 10 % a year)");
    const summary = summarizeTransactions(dataset.transactions, { calibrationEnd: asOf, timeUnit: "weeks", attribution: persons });
    if (!summary.ok) return say(summary.error.message);
    const purchaseFit = fitBgNbd(summary.customers, { timeUnit: summary.timeUnit });
    const spendFit = fitGammaGamma(summary.customers);
    if (!purchaseFit.ok || !spendFit.ok) return say(`fit failed: ${JSON.stringify(!purchaseFit.ok ? purchaseFit.error : !spendFit.ok ? spendFit.error : "")}`);
    const { r, alpha, a, b } = purchaseFit.model.parameters;
    say(`BG/NBD r ${r.toFixed(3)}, α ${alpha.toFixed(2)}, a ${a.toFixed(3)}, b ${b.toFixed(2)}; Gamma-Gamma mean spend € ${euros(spendFit.model.populationMeanSpend ?? 0)}.`);
    const options = { horizon: { amount: 3, unit: "years" as const }, discountRate: { rate: 0.1, per: "years" as const } };
    const lifetime = summary.customers.map((c) => ({ key: c.key, alive: probabilityAlive(purchaseFit.model, c), ...computeClv(purchaseFit.model, spendFit.model, c, options) }));
    // A CLV is null when the spend model has no finite mean for the customer: such customers are listed apart, never ranked as 0.
    const valued = lifetime.flatMap((c) => (c.clv === null || c.expectedSpend === null ? [] : [{ ...c, clv: c.clv, expectedSpend: c.expectedSpend }]));
    valued.sort((x, y) => y.clv - x.clv || (x.key < y.key ? -1 : 1));
    if (valued.length < lifetime.length) say(`${lifetime.length - valued.length} persons have no finite expected spend under the fitted Gamma-Gamma model.`);
    table(
      valued.slice(0, 10).map((c) => ({
        person: c.key,
        "CLV (EUR)": euros(c.clv),
        "expected purchases": c.expectedPurchases,
        "spend per purchase (EUR)": euros(c.expectedSpend),
        "P(alive)": c.alive,
      })),
    );

    subheading("Valuable customers at risk: A tier by net value, but probably gone or slipping");
    const aTier = new Set(assignAbcTiers(personValues).customers.filter((t) => t.tier === "A").map((t) => t.key));
    const segmentOf = new Map(segments.map((s) => [s.key, s.primary]));
    const lifetimeOf = new Map(lifetime.map((c) => [c.key, c]));
    const valueOf = new Map(byPerson.customers.map((c) => [c.key, c]));
    // Every A-tier person bought before asOf, so each has a lifetime summary and an RFM segment.
    const atRisk = [...aTier]
      .flatMap((key) => {
        const life = lifetimeOf.get(key);
        const value = valueOf.get(key);
        return life === undefined || value === undefined ? [] : [{ key, alive: life.alive, segment: segmentOf.get(key) ?? "", value }];
      })
      .filter((c) => c.alive < 0.5 || c.segment === "At Risk" || c.segment === "Can't Lose Them")
      .sort((x, y) => y.value.netMinor - x.value.netMinor || (x.key < y.key ? -1 : 1));
    say(`${atRisk.length} of ${aTier.size} A-tier persons:`);
    table(
      atRisk.slice(0, 10).map((c) => ({
        person: c.key,
        "net value (EUR)": euros(c.value.netMinor),
        "days since last purchase": c.value.lastPurchaseAt === null ? "" : Math.floor((asOf.getTime() - c.value.lastPurchaseAt.getTime()) / DAY_MS),
        "RFM segment": c.segment,
        "P(alive)": c.alive,
      })),
    );

    subheading("Value categories by margin (this year against last year, cost to serve from contacts)");
    const yearStart = new Date(asOf.getTime() - 365 * DAY_MS);
    const thisYear = rollupValue(dataset.transactions, { asOf, from: yearStart, attribution: persons });
    const lastYear = rollupValue(dataset.transactions, { asOf: new Date(yearStart.getTime() - 1), from: new Date(yearStart.getTime() - 365 * DAY_MS), attribution: persons });
    const contacts = rollupInteractions(dataset.interactions, { asOf, from: yearStart, attribution: persons });
    if (!thisYear.ok || !lastYear.ok || !contacts.ok) return;
    const regionOf = new Map(dataset.persons.flatMap((p) => (p.addresses[0]?.country ? [[p.id, p.addresses[0].country] as const] : [])));
    // One measure throughout: margin (below zero = cost to serve above margin); persons whose margin is unknown are left out and counted.
    const margins = (customers: readonly CustomerValue[]): { key: string; value: number }[] =>
      customers.flatMap((c) => (c.marginMinor === null ? [] : [{ key: c.key, value: c.marginMinor }]));
    const current = margins(thisYear.customers);
    const categories = assignValueCategories(current, {
      previous: margins(lastYear.customers),
      costToServe: contacts,
      ...(thisYear.currency === null ? {} : { currency: thisYear.currency }),
      peerGroupOf: regionOf,
    });
    figures({
      "persons without a known margin (left out)": thisYear.customers.length - current.length,
      "most valuable": categories.counts["most-valuable"],
      "most growable": categories.counts["most-growable"],
      "below zero": categories.counts["below-zero"],
      migrators: categories.counts.migrator,
    });
    const largest = checkLargestCustomer(
      lastYear.customers.map((c) => ({ key: c.key, value: c.netMinor })),
      thisYear.customers,
    );
    if (largest !== null) {
      say(
        `Last year's largest customer, ${largest.key} (€ ${euros(largest.lastYearValue)}), ${largest.stillBuying ? `is still buying: € ${euros(largest.thisYearValue)} this year` : "has not bought anything this year"}.`,
      );
    }
  },
};
