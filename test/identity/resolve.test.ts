import { describe, expect, it } from "vitest";
import {
  evaluatePairwise,
  ResolutionStateSchema,
  resolveIdentities,
  updateResolution,
  type IdentityResolution,
} from "../../src/identity/index.js";
import { HANDMADE, smallDataset } from "./fixtures.js";

const dataset = smallDataset(150, 7);
const trained = resolveIdentities(dataset.sourceRecords);

/** The partition of a resolution as sorted lists of record ids. */
const partition = (r: IdentityResolution): string[][] =>
  r.entities.map((e) => e.records.map((x) => `${x.sourceSystem}/${x.sourceId}`).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

describe("resolveIdentities", () => {
  it("reports progress through every stage and finishes the golden records", () => {
    const events: { stage: string; done: number; total: number }[] = [];
    resolveIdentities(dataset.sourceRecords, { model: trained.model!, onProgress: (p) => events.push({ ...p }) });
    const golden = events.filter((e) => e.stage === "golden records");
    expect(golden.at(-1)).toEqual({ stage: "golden records", done: trained.entities.length, total: trained.entities.length });
    for (let k = 1; k < golden.length; k++) expect(golden[k]!.done).toBeGreaterThanOrEqual(golden[k - 1]!.done);
    expect(new Set(events.map((e) => e.stage)).size).toBeGreaterThan(2);
  });

  it("accounts for every input row: accepted rows get one entity, the others are rejected with reasons", () => {
    const rows: unknown[] = [
      ...HANDMADE,
      { sourceSystem: "web", sourceId: "W1", givenName: "Dup" },
      { sourceSystem: "web", givenName: "No id" },
      { sourceSystem: "web", sourceId: "  " },
      { sourceSystem: "web", sourceId: "LONG", givenName: "x".repeat(100_000) },
      null,
      42,
      "a string",
      { sourceSystem: "web", sourceId: "NAN", birthDate: Number.NaN },
      JSON.parse('{"sourceSystem":"web","sourceId":"PROTO","__proto__":{"polluted":true},"attributes":{"__proto__":1}}'),
    ];
    const result = resolveIdentities(rows, { model: trained.model! });
    expect(result.records.length + result.rejected.length).toBe(rows.length);
    expect(result.records.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const reasons = new Map(result.rejected.map((r) => [r.index, r.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")]));
    expect(reasons.get(7)).toMatch(/duplicate record: input record 0/);
    expect(reasons.get(8)).toMatch(/sourceId/);
    expect(reasons.get(9)).toMatch(/sourceId/);
    expect(reasons.get(10)).toMatch(/givenName/);
    expect([...reasons.keys()].sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const entityIds = new Set(result.records.map((r) => r.entityId));
    expect(result.entities.map((e) => e.id).sort()).toEqual([...entityIds].sort());
  });

  it("links the same person across systems and keeps household members apart", () => {
    const result = resolveIdentities(HANDMADE, { model: trained.model! });
    const entityOf = new Map(result.records.map((r) => [`${r.sourceSystem}/${r.sourceId}`, r.entityId]));
    expect(entityOf.get("web/W1")).toBe(entityOf.get("pos/P1"));
    expect(entityOf.get("web/W2")).toBe(entityOf.get("pos/P2"));
    expect(entityOf.get("web/W1")).not.toBe(entityOf.get("web/W2"));
    expect(entityOf.get("web/W3")).toBe(entityOf.get("card/K3"));
    // Robert and Mary are two people of one household
    const householdOf = new Map(result.records.map((r) => [`${r.sourceSystem}/${r.sourceId}`, r.householdId]));
    expect(householdOf.get("web/W1")).toBe(householdOf.get("web/W2"));
    expect(householdOf.get("web/W1")).not.toBe(householdOf.get("web/W3"));
  });

  it("resolves generated records close to the truth, unsupervised", () => {
    const entityOf = new Map(trained.records.map((r) => [r.sourceId, r.entityId]));
    const truth = dataset.truth.records;
    const scores = evaluatePairwise(truth.map((t) => entityOf.get(t.sourceId)!), truth.map((t) => t.personId));
    expect(scores.f1).toBeGreaterThan(0.75);
    expect(trained.persons.length).toBe(trained.entities.length);
    expect(trained.persons.every((p) => p.householdId !== undefined)).toBe(true);
    expect(trained.blocking?.totalComparisons).toBe(trained.stats.comparisons);
  });

  it("builds golden records with provenance, households and organizations", () => {
    const person = trained.persons.find((p) => p.sourceRecords.length >= 3)!;
    const provenance = trained.provenance[trained.persons.indexOf(person)]!;
    expect(provenance.find((p) => p.field === "familyName")?.value).toBe(person.familyName);
    for (const p of provenance) expect(person.sourceRecords).toContainEqual({ sourceSystem: p.sourceSystem, sourceId: p.sourceId });
    expect(trained.households.some((h) => h.members.length > 1)).toBe(true);
    const withOrganization = trained.persons.filter((p) => p.organizationIds.length > 0);
    expect(withOrganization.length).toBeGreaterThan(0);
    expect(trained.organizations.every((o) => o.contacts.length > 0)).toBe(true);
  });

  it("builds no golden records when asked not to, and groups the same households", () => {
    const lean = resolveIdentities(dataset.sourceRecords, { model: trained.model!, golden: false });
    expect(lean.persons).toEqual([]);
    expect(lean.provenance).toEqual([]);
    expect(lean.records).toEqual(trained.records);
    expect(lean.entities).toEqual(trained.entities);
    expect(lean.households).toEqual(trained.households);
    expect(lean.organizations).toEqual(trained.organizations);
    expect(() => resolveIdentities(dataset.sourceRecords, { golden: "no" as never })).toThrow(/option "golden"/);
  });

  it("keeps a state that round-trips through JSON and gives the same ids next time", () => {
    const state = ResolutionStateSchema.parse(JSON.parse(JSON.stringify(trained.state)));
    const again = resolveIdentities(dataset.sourceRecords, { previous: state });
    expect(again.records.map((r) => r.entityId)).toEqual(trained.records.map((r) => r.entityId));
    const updated = updateResolution(state, dataset.sourceRecords);
    expect(partition(updated)).toEqual(partition(trained));
    expect(updated.stats.recomputed).toBe(0);
  });

  it("resolves organization records with the organization preset", () => {
    const sites = [
      { sourceSystem: "cps", sourceId: "1", organizationName: "Bethel New Life - Lake and Pulaski", addresses: [{ lines: ["316 N Pulaski Rd"] }], phones: ["773 265 3830"] },
      { sourceSystem: "dfss", sourceId: "2", organizationName: "BETHEL NEW LIFE, LAKE & PULASKI", addresses: [{ lines: ["316 N. Pulaski Road"] }] },
      { sourceSystem: "cps", sourceId: "3", organizationName: "Golden Gate Day Care Center", addresses: [{ lines: ["432 E. 134th Street"] }] },
    ];
    const result = resolveIdentities(sites, { preset: "organization", scoring: "both", rules: [{ name: "same street line", criteria: [{ comparison: "address", atLeast: "exact" }] }] });
    expect(result.organizations.length).toBe(2);
    expect(result.persons).toEqual([]);
    expect(result.organizations.find((o) => o.name.startsWith("B"))?.addresses.length).toBe(2);
  });

  it("links two sources one-to-one", () => {
    const a = dataset.sourceRecords.filter((r) => r.sourceSystem === "web");
    const b = dataset.sourceRecords.filter((r) => r.sourceSystem === "pos");
    const result = resolveIdentities([...a, ...b], { linkType: "link", maxPerSource: 1 });
    for (const e of result.entities) {
      const systems = e.records.map((r) => r.sourceSystem);
      expect(new Set(systems).size).toBe(systems.length);
    }
  });

  it("estimates m from labelled pairs when given", () => {
    const truth = dataset.truth.records;
    const bySystem = (i: number) => ({ sourceSystem: dataset.sourceRecords[i]!.sourceSystem, sourceId: dataset.sourceRecords[i]!.sourceId });
    const labels = truth.flatMap((t, i) =>
      truth.slice(i + 1, i + 6).flatMap((u, k) => (u.personId === t.personId ? [{ left: bySystem(i), right: bySystem(i + 1 + k), match: true }] : [])),
    );
    const result = resolveIdentities(dataset.sourceRecords, { labels });
    expect(result.training?.mFrom).toBe("labels");
    expect(result.training?.labelledPairs).toBe(labels.length);
  });

  it("matches with deterministic rules alone, Segment style", () => {
    const result = resolveIdentities(HANDMADE, {
      scoring: "rules",
      rules: [
        { name: "same email", criteria: [{ comparison: "email", atLeast: "exact" }] },
        { name: "same phone and family name", criteria: [{ comparison: "phone", atLeast: "exact" }, { comparison: "family name", atLeast: "exact" }] },
      ],
    });
    expect(result.model).toBeUndefined();
    const entityOf = new Map(result.records.map((r) => [`${r.sourceSystem}/${r.sourceId}`, r.entityId]));
    expect(entityOf.get("web/W1")).toBe(entityOf.get("pos/P1"));
    expect(entityOf.get("web/W1")).toBe(entityOf.get("callcentre/C1"));
    expect(entityOf.get("web/W3")).toBe(entityOf.get("card/K3"));
    expect(entityOf.get("web/W1")).not.toBe(entityOf.get("web/W2"));
  });

  it("reports blocked values and unknown override records", () => {
    const rows = [
      { sourceSystem: "a", sourceId: "1", givenName: "Al", emails: ["test@test.com"] },
      { sourceSystem: "a", sourceId: "2", givenName: "Bo", emails: ["test@test.com"] },
    ];
    const result = resolveIdentities(rows, { overrides: { cannotLink: [["a\u001f1", "zz\u001f9"]] } });
    expect(result.blockedValues).toEqual([{ field: "email", value: "test@test.com", records: 2, reason: "placeholder" }]);
    expect(result.warnings.map((w) => w.code)).toContain("UNKNOWN_RECORD");
    expect(result.entities.length).toBe(2);
  });

  it("keeps the email options in the state, so incremental runs normalise alike", () => {
    const rows = [
      { sourceSystem: "web", sourceId: "1", givenName: "Ann", familyName: "Lee", emails: ["ann+shop@x.org"] },
      { sourceSystem: "web", sourceId: "2", givenName: "Ann", familyName: "Lee", emails: ["ann@x.org"] },
    ];
    const kept = resolveIdentities(rows, { email: { removePlusTag: false }, households: false, organizations: false });
    expect(kept.state.settings.prepare.email).toEqual({ removePlusTag: false, providerRules: true });
    expect(kept.state.settings.completeLinkThreshold).toBe(0.02);
  });

  it("throws for invalid options, naming the option", () => {
    expect(() => resolveIdentities([], { threshold: 2 })).toThrow(/option "threshold"/);
    expect(() => resolveIdentities([], { preset: "company" as "person" })).toThrow(/option "preset"/);
    expect(() => resolveIdentities([], { linkage: "complete" as "single" })).toThrow(/option "linkage"/);
    expect(() => resolveIdentities([], { identifierLimits: { shoeSize: 2 } as never })).toThrow(/option "identifierLimits"/);
    expect(() => resolveIdentities([], { blocking: [{ name: "x", keys: [] }] })).toThrow(/option "blocking"/);
    expect(() => resolveIdentities([], { rules: [{ name: "r", criteria: [{ comparison: "nope", atLeast: "exact" }] }] })).toThrow(/option "rules"/);
    expect(() => resolveIdentities([], { scoring: "rules" })).toThrow(/option "scoring"/);
    expect(() => resolveIdentities([], { defaultRegion: "Britain" })).toThrow(/option "defaultRegion"/);
    expect(() => resolveIdentities([], { maxPerSource: 0 })).toThrow(/option "maxPerSource"/);
    expect(() => resolveIdentities([], { completeLinkThreshold: 1 })).toThrow(/option "completeLinkThreshold"/);
    expect(() => resolveIdentities([], { email: { removePlusTag: "no" as never } })).toThrow(/option "email"/);
    expect(() => resolveIdentities([], { previous: { version: 2 } as never })).toThrow(/option "previous"/);
    expect(() => resolveIdentities([], { model: { ...trained.model!, comparisons: trained.model!.comparisons.slice(1) } })).toThrow(/option "model"/);
  });

  it("resolves an empty input into nothing", () => {
    const result = resolveIdentities([]);
    expect(result.entities).toEqual([]);
    expect(result.stats.comparisons).toBe(0);
  });
});
