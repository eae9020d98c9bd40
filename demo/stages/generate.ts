import { figures, subheading, table } from "../report.js";
import type { DemoStage } from "../context.js";

/** Describes the generated data set: systems, records, households, organizations, transactions. */
export const generateStage: DemoStage = {
  title: "0 · The data: a generated CRM with ground truth",
  run({ dataset }) {
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
          name: r.fullName ?? [r.givenName, r.familyName].filter(Boolean).join(" "),
          email: r.emails[0] ?? "",
          phone: r.phones[0] ?? "",
          postcode: r.addresses[0]?.postcode ?? "",
        })),
    );
  },
};
