import { evaluatePairwise, explainMatch, matchWaterfallChart, resolveIdentities, type MatchExplanation } from "../../src/identity/index.js";
import type { SourceRecord } from "../../src/customer/index.js";
import type { DemoStage } from "../context.js";
import { figures, say, subheading, table } from "../report.js";

/** One line per comparison of an explanation. */
function explanationRows(why: MatchExplanation): Record<string, string | number>[] {
  return why.fields
    .filter((f) => f.levelIndex > 0)
    .map((f) => ({
      comparison: f.comparison,
      left: f.left.join("; ").slice(0, 28),
      right: f.right.join("; ").slice(0, 28),
      level: f.level,
      "weight (bits)": Math.round((f.weight + f.termFrequencyAdjustment) * 100) / 100,
    }));
}

/**
 * Identify: resolve every source record into people, households and organizations, score the
 * result against the generator's truth, explain a few decisions, and hand the resolved view to
 * the later stages.
 */
export const identityStage: DemoStage = {
  title: "1 · Identify: one customer behind many records",
  async run(context) {
    const { dataset } = context;
    const started = performance.now();
    const resolution = resolveIdentities(dataset.sourceRecords);
    const seconds = (performance.now() - started) / 1000;
    const multi = resolution.households.filter((h) => h.members.length > 1).length;
    figures({
      "source records": resolution.stats.records,
      "rejected records": resolution.stats.rejected,
      "people found": resolution.persons.length,
      "households of 2+ people": multi,
      "organizations found": resolution.organizations.length,
      "pairs compared": resolution.stats.comparisons,
      "pairs there are": resolution.blocking?.possibleComparisons ?? 0,
      "seconds": Math.round(seconds * 10) / 10,
    });

    subheading("Accuracy against the generator's truth (pairs of records)");
    const truth = dataset.truth.records;
    const assigned = new Map(resolution.records.map((r) => [r.sourceId, r]));
    const people = evaluatePairwise(truth.map((t) => assigned.get(t.sourceId)?.entityId ?? t.sourceId), truth.map((t) => t.personId));
    const households = evaluatePairwise(truth.map((t) => assigned.get(t.sourceId)?.householdId ?? t.sourceId), truth.map((t) => t.householdId));
    table([
      { view: "people", precision: people.precision, recall: people.recall, F1: people.f1 },
      { view: "households", precision: households.precision, recall: households.recall, F1: households.f1 },
    ]);
    say(`True people: ${dataset.persons.length.toLocaleString("en-GB")}; true organizations: ${dataset.organizations.length}.`);

    subheading("Blocking: which rules proposed the pairs");
    table(
      (resolution.blocking?.rules ?? []).map((r) => ({
        rule: r.name,
        pairs: r.comparisons,
        "new pairs": r.newComparisons,
        "largest block": r.largestBlocks[0]?.records ?? 0,
        "capped blocks": r.cappedBlocks.length,
      })),
    );
    if (resolution.blockedValues.length > 0) say(`Blocked values (treated as missing): ${resolution.blockedValues.slice(0, 5).map((b) => `${b.field} ${b.value} ×${b.records}`).join(", ")}.`);

    // A person seen by several systems, and two members of one household kept apart.
    const bySourceId = new Map(dataset.sourceRecords.map((r) => [r.sourceId, r]));
    const recordsOf = (refs: readonly { sourceId: string }[]): SourceRecord[] => refs.map((r) => bySourceId.get(r.sourceId)!);
    const linked = resolution.entities.find((e) => new Set(e.records.map((r) => r.sourceSystem)).size >= 3) ?? resolution.entities.find((e) => e.records.length >= 2);
    if (linked !== undefined) {
      const [a, b] = recordsOf(linked.records);
      const why = explainMatch(resolution.state, a!, b!);
      subheading(`Why ${a!.sourceSystem}/${a!.sourceId} and ${b!.sourceSystem}/${b!.sourceId} are one person (p = ${why.probability.toFixed(4)})`);
      table(explanationRows(why));
      await context.chart("identity-match-waterfall", matchWaterfallChart(why));
    }
    const family = resolution.households.find((h) => h.members.length >= 2);
    if (family !== undefined) {
      const [first, second] = family.members.map((m) => resolution.entities.find((e) => e.id === m.personId)!.records[0]!);
      const [a, b] = recordsOf([first!, second!]);
      const why = explainMatch(resolution.state, a!, b!);
      subheading(`Why ${a!.sourceSystem}/${a!.sourceId} and ${b!.sourceSystem}/${b!.sourceId} are two people of household ${family.id} (p = ${why.probability.toFixed(4)})`);
      table(explanationRows(why));
      await context.chart("identity-household-waterfall", matchWaterfallChart(why));
    }
    const organization = resolution.organizations.find((o) => o.departments.length >= 2);
    if (organization !== undefined) {
      subheading(`Organization ${organization.name}: departments and contacts`);
      table(
        organization.departments.map((d) => ({
          department: d.name,
          contacts: organization.contacts.filter((c) => c.departmentId === d.id).length,
          titles: [...new Set(organization.contacts.filter((c) => c.departmentId === d.id).map((c) => c.jobTitle ?? ""))].join(", ").slice(0, 50),
        })),
      );
    }

    // Later stages work on what was found, as an application would.
    context.personOfRecord = new Map(resolution.records.map((r) => [r.sourceId, r.entityId]));
    context.householdOfPerson = new Map(resolution.persons.map((p) => [p.id, p.householdId ?? `H-${p.id}`]));
    say(`\nLater stages now see ${resolution.persons.length.toLocaleString("en-GB")} resolved people instead of the generator's truth.`);
  },
};
