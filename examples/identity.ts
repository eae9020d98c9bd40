/**
 * Identify: resolve a small generated CRM's customer records into people and households, then ask
 * why two records were linked.
 *
 *   npx tsx examples/identity.ts
 */
import { evaluatePairwise, explainMatch, matchWaterfallChart, resolveIdentities } from "../src/identity/index.js";
import { generateCrmDataset } from "../src/synth/index.js";

const data = generateCrmDataset({ seed: 42, customers: 200, interactions: false });
const resolution = resolveIdentities(data.sourceRecords);

console.log(`${resolution.stats.records} source records → ${resolution.persons.length} people in ${resolution.households.length} households`);
console.log(`${resolution.stats.comparisons} pairs compared (of ${resolution.blocking?.possibleComparisons} possible), ${resolution.stats.rejected} rejected`);

// The generator knows the truth, so the result can be scored.
const entityOf = new Map(resolution.records.map((r) => [r.sourceId, r.entityId]));
const truth = data.truth.records;
const score = evaluatePairwise(truth.map((t) => entityOf.get(t.sourceId)!), truth.map((t) => t.personId));
console.log(`pairwise precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, F1 ${score.f1.toFixed(3)}`);

// A person seen by several systems, and where each value of the golden record came from.
const k = resolution.persons.findIndex((p) => new Set(p.sourceRecords.map((r) => r.sourceSystem)).size >= 3);
const person = resolution.persons[k]!;
console.log(`\n${person.givenName} ${person.familyName} (${person.id}), household ${person.householdId}`);
for (const p of resolution.provenance[k]!) console.log(`  ${p.field.padEnd(10)} ${p.value.padEnd(36)} from ${p.sourceSystem}/${p.sourceId} (${p.rule})`);

// Why two of this person's records match.
const [a, b] = person.sourceRecords.map((ref) => data.sourceRecords.find((r) => r.sourceId === ref.sourceId)!);
const why = explainMatch(resolution.state, a!, b!);
console.log(`\nWhy ${a!.sourceSystem}/${a!.sourceId} and ${b!.sourceSystem}/${b!.sourceId} match (prior ${why.priorWeight.toFixed(1)} bits):`);
for (const f of why.fields) console.log(`  ${f.comparison.padEnd(12)} ${f.level.padEnd(26)} ${(f.weight + f.termFrequencyAdjustment).toFixed(2).padStart(6)} bits`);
console.log(`  → match weight ${why.matchWeight.toFixed(2)} bits, probability ${why.probability.toFixed(4)}`);
console.log(`\nThe same as a Vega-Lite waterfall: ${JSON.stringify(matchWaterfallChart(why)).length} characters of JSON.`);
