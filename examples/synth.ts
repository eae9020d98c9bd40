/**
 * A generated CRM data set with ground truth: how one person looks in several systems, what the
 * truth says about them, and streaming for sizes that should not sit in memory.
 *
 *   npx tsx examples/synth.ts
 */
import { fromMinorUnits } from "../src/customer/index.js";
import { generateCrmDataset, streamCrmDataset } from "../src/synth/index.js";

const data = generateCrmDataset({ seed: 7, customers: 2_000 });
console.log(`${data.persons.length} people → ${data.sourceRecords.length} source records, ${data.transactions.length} transactions, ${data.interactions.length} interactions`);

// One person with records in three or more systems, as each system holds them.
const count = new Map<string, number>();
for (const t of data.truth.records) count.set(t.personId, (count.get(t.personId) ?? 0) + 1);
const [personId] = [...count].find(([, n]) => n >= 3)!;
const person = data.persons.find((p) => p.id === personId)!;
console.log(`\n${person.fullName} (${person.id}), born ${person.birthDate}, household ${person.householdId}:`);
data.sourceRecords.forEach((r, i) => {
  if (data.truth.records[i]!.personId !== personId) return;
  const name = r.fullName ?? [r.honorific, r.givenName, r.familyName].filter(Boolean).join(" ");
  console.log(`  ${r.sourceSystem.padEnd(10)} ${r.sourceId}  ${name.padEnd(24)} ${(r.emails[0] ?? "").padEnd(34)} ${r.phones[0] ?? ""}`);
});

const truth = data.truth.customers.find((c) => c.personId === personId)!;
const records = new Set(person.sourceRecords.map((s) => s.sourceId));
const spend = data.transactions.filter((t) => records.has(t.customerId!) && t.kind === "purchase").reduce((s, t) => s + t.amountMinor, 0);
console.log(`  truth: ${truth.purchases} purchases at ${truth.purchaseRate.toFixed(3)}/week, dropout ${truth.dropoutProbability.toFixed(2)} per purchase, ${truth.alive ? "still a customer" : "lapsed"}; spent ${fromMinorUnits(spend, "EUR")} EUR`);

// Streaming: the same data, a chunk at a time.
let chunks = 0;
let purchases = 0;
for (const chunk of streamCrmDataset({ seed: 7, customers: 2_000, chunkSize: 500 })) {
  chunks += 1;
  purchases += chunk.transactions.filter((t) => t.kind === "purchase").length;
}
console.log(`\nstreamed in ${chunks} chunks: ${purchases} purchases (in memory: ${data.transactions.filter((t) => t.kind === "purchase").length})`);
