import { fromMinorUnits } from "../../src/customer/index.js";
import { VEGA_LITE_SCHEMA } from "../../src/_lib/vega.js";
import { figures, subheading, table } from "../report.js";

/** A name for display: Chinese names family first without a space, others given first. */
function displayName(given: string | undefined, family: string | undefined): string {
  const han = /[\u3400-\u9fff]/.test(`${given ?? ""}${family ?? ""}`);
  return han ? `${family ?? ""}${given ?? ""}` : [given, family].filter(Boolean).join(" ");
}
import type { DemoStage } from "../context.js";

/** Describes the generated data set: systems, records, households, organizations, transactions. */
export const generateStage: DemoStage = {
  title: "0 · The data: a generated CRM with ground truth",
  async run({ dataset, chart }) {
    const { sourceRecords, persons, households, organizations, accounts, transactions, interactions, consents, catalogue } = dataset;
    figures({
      "real people": persons.length,
      "source records": sourceRecords.length,
      "households (2+ people)": households.filter((h) => h.members.length > 1).length,
      "organizations": organizations.length,
      "store-card accounts": accounts.length,
      "products": catalogue.length,
      "transactions": transactions.length,
      "interactions": interactions.length,
      "consents": consents.length,
    });
    const bySystem = new Map<string, number>();
    for (const r of sourceRecords) bySystem.set(r.sourceSystem, (bySystem.get(r.sourceSystem) ?? 0) + 1);
    subheading("Records per source system");
    table([...bySystem].sort().map(([system, records]) => ({ system, records })));
    subheading("How one person looks in different systems");
    const truth = dataset.truth.records;
    const counts = new Map<string, number>();
    for (const t of truth) counts.set(t.personId, (counts.get(t.personId) ?? 0) + 1);
    const someone = [...counts].find(([, n]) => n >= 3)?.[0] ?? truth[0]?.personId;
    table(
      sourceRecords
        .filter((_, i) => truth[i]?.personId === someone)
        .map((r) => ({
          system: r.sourceSystem,
          id: r.sourceId,
          name: r.fullName ?? displayName(r.givenName, r.familyName),
          email: r.emails[0] ?? "",
          phone: r.phones[0] ?? "",
          postcode: r.addresses[0]?.postcode ?? "",
        })),
    );
    const monthly = new Map<string, number>();
    for (const t of transactions) {
      if (t.kind !== "purchase") continue;
      const key = `${t.timestamp.toISOString().slice(0, 7)}\u0000${t.channel ?? "other"}`;
      monthly.set(key, (monthly.get(key) ?? 0) + t.amountMinor);
    }
    const values = [...monthly].map(([key, revenue]) => {
      const [month, channel] = key.split("\u0000");
      return { month, channel, revenue: Number(fromMinorUnits(revenue, dataset.options.currency)) };
    });
    const path = await chart("revenue-by-month", {
      $schema: VEGA_LITE_SCHEMA,
      title: "Purchases by month and channel",
      width: 640,
      height: 240,
      data: { values },
      mark: "bar",
      encoding: {
        x: { field: "month", type: "ordinal", title: "month", axis: { labelAngle: -60 } },
        y: { field: "revenue", type: "quantitative", title: `revenue (${dataset.options.currency})` },
        color: { field: "channel", type: "nominal" },
      },
    });
    subheading("Chart");
    console.log(`  ${path}`);
  },
};
