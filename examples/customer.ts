/**
 * Bringing messy rows into the customer model: every row is accounted for — valid rows come out
 * typed and normalised, bad rows come back with their index and the reason for each field.
 *
 *   npx tsx examples/customer.ts
 */
import { fromMinorUnits, parseSourceRecords, parseTransactions } from "../src/customer/index.js";

const rows = [
  { sourceSystem: "webshop", sourceId: "W-1", givenName: "Robert", familyName: "Smith", emails: "Bob.Smith+shop@Example.com", gender: "M" },
  { sourceSystem: "store", sourceId: 17, fullName: "陳學", phones: ["+86 138 0013 8000", " "], birthDate: "1985-04-12" },
  { sourceSystem: "store", givenName: "Nobody" }, // no id: rejected
  { sourceSystem: "callcentre", sourceId: "C-9", familyName: "x".repeat(5_000) }, // absurd value: rejected
];
const records = parseSourceRecords(rows);
console.log(`source records: ${records.ok.length} accepted, ${records.rejected.length} rejected`);
for (const r of records.ok) console.log(`  ✓ ${r.sourceSystem}/${r.sourceId}: ${r.fullName ?? `${r.givenName} ${r.familyName}`}, emails ${JSON.stringify(r.emails)}, phones ${JSON.stringify(r.phones)}`);
for (const r of records.rejected) console.log(`  ✗ row ${r.index}: ${r.issues.map((i) => `${i.path.join(".") || "(row)"} — ${i.message}`).join("; ")}`);

const transactions = parseTransactions([
  { id: "T-1", customerId: "W-1", timestamp: "2024-03-05T14:30:00Z", amount: "19.99", currency: "EUR", lines: [{ sku: "CD-123", quantity: 1, unitPrice: "19.99" }] },
  { id: "T-2", customerId: "17", timestamp: "2024-03-06", amount: 0.1 + 0.2, currency: "GBP" },
  { id: "T-3", customerId: "17", timestamp: "2024-03-07", amount: 1500, currency: "JPY", kind: "return" },
  { id: "T-4", customerId: "17", timestamp: "2024-02-30", amount: "-5", currency: "EURO" },
]);
console.log(`\ntransactions: ${transactions.ok.length} accepted, ${transactions.rejected.length} rejected`);
for (const t of transactions.ok) console.log(`  ✓ ${t.id} ${t.kind} ${fromMinorUnits(t.amountMinor, t.currency)} ${t.currency} (${t.amountMinor} minor units)`);
for (const r of transactions.rejected) console.log(`  ✗ row ${r.index}: ${r.issues.map((i) => `${i.path.join(".")} — ${i.message}`).join("; ")}`);
