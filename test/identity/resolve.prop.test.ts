import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addOverrides,
  explainMatch,
  remergeRecords,
  resolveIdentities,
  unmergeRecords,
  updateResolution,
  type IdentityResolution,
  type ResolveOptions,
} from "../../src/identity/index.js";
import type { SourceRecord } from "../../src/customer/index.js";
import { smallDataset } from "./fixtures.js";

const dataset = smallDataset(80, 9);
const records: SourceRecord[] = dataset.sourceRecords;
const base = resolveIdentities(records, { households: false, organizations: false });
const model = base.model!;
/** Options that skip training and the person groupings, to keep each run fast. */
const fast: ResolveOptions = { model, households: false, organizations: false };
const RUNS = { numRuns: 8 };

const partition = (r: IdentityResolution): string => JSON.stringify(r.entities.map((e) => e.records.map((x) => `${x.sourceSystem}/${x.sourceId}`).sort()).sort());
const idsByKey = (r: IdentityResolution): Map<string, string> => new Map(r.records.map((x) => [`${x.sourceSystem}/${x.sourceId}`, x.entityId]));

/** Whether every entity of `fine` lies inside one entity of `coarse`. */
const refines = (fine: IdentityResolution, coarse: IdentityResolution): boolean => {
  const coarseOf = idsByKey(coarse);
  const seen = new Map<string, string>();
  for (const r of fine.records) {
    const c = coarseOf.get(`${r.sourceSystem}/${r.sourceId}`)!;
    const prior = seen.get(r.entityId);
    if (prior === undefined) seen.set(r.entityId, c);
    else if (prior !== c) return false;
  }
  return true;
};

const permutation = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: records.length, maxLength: records.length }).map((keys) =>
  records.map((r, i) => ({ r, k: keys[i]! })).sort((a, b) => a.k - b.k).map((x) => x.r),
);
const subset = fc.array(fc.boolean(), { minLength: records.length, maxLength: records.length });

describe("identity resolution properties", () => {
  it("scores every pair the same in both directions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: records.length - 1 }), fc.integer({ min: 0, max: records.length - 1 }), (i, j) => {
        fc.pre(i !== j);
        const ab = explainMatch(base.state, records[i]!, records[j]!);
        const ba = explainMatch(base.state, records[j]!, records[i]!);
        expect(ba.matchWeight).toBe(ab.matchWeight);
        expect(ba.fields.map((f) => f.level)).toEqual(ab.fields.map((f) => f.level));
      }),
      { numRuns: 40 },
    );
  });

  it("gives a partition that does not depend on the input order", () => {
    fc.assert(
      fc.property(permutation, (shuffled) => {
        expect(partition(resolveIdentities(shuffled, fast))).toBe(partition(resolveIdentities(records, fast)));
      }),
      RUNS,
    );
  });

  it("trains the same model whatever the input order", () => {
    fc.assert(
      fc.property(permutation, (shuffled) => {
        const again = resolveIdentities(shuffled, { households: false, organizations: false });
        expect(again.model).toEqual(model);
        expect(partition(again)).toBe(partition(base));
      }),
      { numRuns: 2 },
    );
  });

  it("changes nothing when resolving twice", () => {
    fc.assert(
      fc.property(subset, (keep) => {
        const chosen = records.filter((_, i) => keep[i]);
        const first = resolveIdentities(chosen, fast);
        const second = resolveIdentities(chosen, { ...fast, previous: first.state });
        expect(partition(second)).toBe(partition(first));
        expect(second.records.map((r) => r.entityId)).toEqual(first.records.map((r) => r.entityId));
        const updated = updateResolution(first.state, chosen, { households: false, organizations: false });
        expect(updated.records.map((r) => r.entityId)).toEqual(first.records.map((r) => r.entityId));
        expect(updated.stats.recomputed).toBe(0);
      }),
      RUNS,
    );
  });

  it("never merges more when the threshold is raised", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (low, step) => {
        const high = Math.min(1, low + step);
        const loose = resolveIdentities(records, { ...fast, threshold: low });
        const strict = resolveIdentities(records, { ...fast, threshold: high });
        expect(refines(strict, loose)).toBe(true);
      }),
      RUNS,
    );
  });

  it("gives the same entities incrementally as a full run with the same model", () => {
    fc.assert(
      fc.property(subset, (first) => {
        const before = records.filter((_, i) => first[i]);
        const start = resolveIdentities(before, fast);
        const incremental = updateResolution(start.state, records, { households: false, organizations: false });
        const full = resolveIdentities(records, { ...fast, previous: start.state });
        expect(partition(incremental)).toBe(partition(full));
        expect(incremental.records.map((r) => r.entityId)).toEqual(full.records.map((r) => r.entityId));
        expect(incremental.stats.recomputed).toBeLessThanOrEqual(records.length);
      }),
      RUNS,
    );
  });

  it("gives the same entities incrementally as a full run when records' values change", () => {
    const edits = fc.array(fc.tuple(fc.nat(records.length - 1), fc.nat(records.length - 1)), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(edits, (pairs) => {
        // Record `target` keeps its source and id but takes the values of record `donor`.
        const edited = [...records];
        for (const [target, donor] of pairs) edited[target] = { ...records[donor]!, sourceSystem: records[target]!.sourceSystem, sourceId: records[target]!.sourceId };
        const incremental = updateResolution(base.state, edited, { households: false, organizations: false });
        const full = resolveIdentities(edited, { ...fast, previous: base.state });
        expect(partition(incremental)).toBe(partition(full));
        expect(incremental.records.map((r) => r.entityId)).toEqual(full.records.map((r) => r.entityId));
      }),
      RUNS,
    );
  });

  it("restores the entities when an unmerge is re-merged", () => {
    const linked = base.entities.filter((e) => e.records.length >= 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: linked.length - 1 }), fc.nat(), (e, k) => {
        const entity = linked[e]!;
        const ref = entity.records[k % entity.records.length]!;
        const split = unmergeRecords(base.state, records, [ref], { households: false, organizations: false });
        const ids = idsByKey(split);
        const key = `${ref.sourceSystem}/${ref.sourceId}`;
        for (const other of entity.records) if (other !== ref) expect(ids.get(`${other.sourceSystem}/${other.sourceId}`)).not.toBe(ids.get(key));
        const back = remergeRecords(split.state, records, [ref], { households: false, organizations: false });
        expect(partition(back)).toBe(partition(base));
        expect(back.records.map((r) => r.entityId)).toEqual(base.records.map((r) => r.entityId));
      }),
      RUNS,
    );
  });

  it("keeps the cannot-links a user entered when an unmerge is re-merged", () => {
    const linked = base.entities.filter((e) => e.records.length >= 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: linked.length - 1 }), fc.nat(), (e, k) => {
        const entity = linked[e]!;
        const ref = entity.records[k % entity.records.length]!;
        const other = entity.records[(k + 1) % entity.records.length]!;
        const key = (r: typeof ref): string => `${r.sourceSystem}\u001f${r.sourceId}`;
        // The user keeps `ref` apart from one member; unmerging then re-merging `ref` must not lift that.
        const kept = addOverrides(base.state, records, { cannotLink: [[ref, other]] }, { households: false, organizations: false });
        const split = unmergeRecords(kept.state, records, [ref], { households: false, organizations: false });
        const back = remergeRecords(split.state, records, [ref], { households: false, organizations: false });
        expect(back.state.overrides.cannotLink).toEqual(kept.state.overrides.cannotLink);
        expect(back.state.overrides.unmerged).toEqual([]);
        expect(partition(back)).toBe(partition(kept));
        expect(new Set(back.state.overrides.cannotLink.flat()).has(key(ref))).toBe(true);
      }),
      RUNS,
    );
  });

  it("keeps every entity id when unrelated records are added", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1000 }), (count, salt) => {
        const unrelated = Array.from({ length: count }, (_, k) => ({
          sourceSystem: "new",
          sourceId: `N${salt}-${k}`,
          givenName: `Zyx${salt}q${k}`,
          familyName: `Qwv${k}z${salt}`,
          emails: [`zz${salt}.${k}@unrelated${k}.example.net`],
          birthDate: `${1900 + (k % 50)}-01-0${1 + (k % 9)}`,
        }));
        const before = idsByKey(base);
        for (const next of [
          updateResolution(base.state, [...records, ...unrelated], { households: false, organizations: false }),
          resolveIdentities([...unrelated, ...records], { ...fast, previous: base.state }),
          resolveIdentities([...records, ...unrelated], fast),
        ]) {
          const after = idsByKey(next);
          for (const [key, id] of before) expect(after.get(key)).toBe(id);
        }
      }),
      RUNS,
    );
  });
});
