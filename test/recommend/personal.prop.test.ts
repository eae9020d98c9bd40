import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRecommenderModel, customerHistory, recommendForCustomer, recommendForCustomerId } from "../../src/recommend/index.js";
import type { HistoryEntry, RecommendOptions } from "../../src/recommend/index.js";
import { ASOF, DAY_MS, ITEMS, NEW_ITEMS, day, expectRulesKept, facts, interaction, model, rules, styleIndex } from "./arbitraries.js";

/** Histories with valid entries, returns, unknown items, and entries whose date or value is invalid. */
const history: fc.Arbitrary<HistoryEntry[]> = fc.array(
  fc.record({
    itemId: fc.constantFrom(...ITEMS, ...NEW_ITEMS, "unknown"),
    timestamp: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 30 }).map(day) }, { weight: 1, arbitrary: fc.constant(new Date(Number.NaN)) }),
    value: fc.constantFrom(1, 2, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY),
  }),
  { maxLength: 8 },
);
const style = fc.option(fc.record({ index: styleIndex, weight: fc.constantFrom(0.05, 1) }), { nil: undefined });
const k = fc.integer({ min: 0, max: 8 });

describe("personal list invariants", () => {
  it("has at most k distinct items and never breaks a rule, with or without a style index", () => {
    fc.assert(
      fc.property(model, history, facts, rules, style, k, (m, h, f, r, s, size) => {
        const options: RecommendOptions = { k: size, facts: f, rules: r, asOf: ASOF, ...(s === undefined ? {} : { style: s }) };
        const ids = recommendForCustomer(m, h, options).items.map((x) => x.itemId);
        expect(ids.length).toBeLessThanOrEqual(size);
        expect(new Set(ids).size).toBe(ids.length);
        expectRulesKept(ids, h, f, r, ASOF);
      }),
    );
  });

  it("explains only with items of the customer's history that were bought and kept, with valid entries", () => {
    fc.assert(
      fc.property(model, history, style, k, (m, h, s, size) => {
        const net = new Map<string, number>();
        for (const e of h) {
          if (Number.isFinite(e.timestamp.getTime()) && Number.isFinite(e.value)) net.set(e.itemId, (net.get(e.itemId) ?? 0) + (e.value ?? 1));
        }
        for (const item of recommendForCustomer(m, h, { k: size, ...(s === undefined ? {} : { style: s }) }).items) {
          expect(item.basis === "history").toBe(item.because.length > 0);
          for (const reason of item.because) {
            expect(net.get(reason.itemId) ?? 0).toBeGreaterThan(0);
            expect(reason.contribution).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it("reports every entry it ignores, and never recommends it", () => {
    fc.assert(
      fc.property(model, history, (m, h) => {
        const { items, ignored } = recommendForCustomer(m, h, { k: 20 });
        const invalid = h.filter((e) => !Number.isFinite(e.timestamp.getTime()) || !Number.isFinite(e.value));
        for (const e of invalid) expect(ignored.map((x) => x.itemId)).toContain(e.itemId);
        const listed = new Set(items.map((x) => x.itemId));
        for (const e of ignored) expect(listed.has(e.itemId)).toBe(false);
      }),
    );
  });

  it("is deterministic and independent of the order of the history, with diversity rules and a style index too", () => {
    const diversity = fc.record({ maxPerCategory: fc.constantFrom(1, 2), mmrLambda: fc.constantFrom(0.3, 0.7) }, { requiredKeys: [] });
    fc.assert(
      fc.property(
        model,
        history.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }))),
        facts,
        diversity,
        style,
        k,
        (m, [h, permuted], f, r, s, size) => {
          const options: RecommendOptions = { k: size, facts: f, rules: r, ...(s === undefined ? {} : { style: s }) };
          expect(recommendForCustomer(m, permuted, options)).toEqual(recommendForCustomer(m, h, options));
        },
      ),
    );
  });

  it("weighs the newest usable purchase fully however late the list is made", () => {
    fc.assert(
      fc.property(model, history, fc.integer({ min: 0, max: 5_000 }), (m, h, daysLater) => {
        const latest = Math.max(0, ...h.map((e) => e.timestamp.getTime()).filter(Number.isFinite));
        const asOf = new Date(latest + daysLater * DAY_MS);
        expect(recommendForCustomer(m, h, { k: 5, asOf }).items).toEqual(recommendForCustomer(m, h, { k: 5 }).items);
      }),
    );
  });
});

describe("recommendForCustomerId", () => {
  it("gives what recommendForCustomer gives on the history the model holds", () => {
    fc.assert(
      fc.property(model, fc.constantFrom("c0", "c1", "c2", "c3", "c4", "c5", "nobody"), k, rules, (m, customer, size, r) => {
        const options = { k: size, rules: r, asOf: ASOF };
        expect(recommendForCustomerId(m, customer, options)).toEqual(recommendForCustomer(m, customerHistory(m, customer), options));
      }),
    );
  });
});

describe("candidate selection", () => {
  it("gives the same list whether it scans every item (boosts) or only the reached and popular ones", () => {
    fc.assert(
      fc.property(model, history, k, fc.constantFrom(0, 0.001, 0.5), fc.option(fc.constantFrom("g0", "g1", "nowhere"), { nil: undefined }), (m, h, size, popularityWeight, group) => {
        const options: RecommendOptions = { k: size, popularityWeight, ...(group === undefined ? {} : { group }) };
        const plain = recommendForCustomer(m, h, options);
        const scanned = recommendForCustomer(m, h, { ...options, rules: { boosts: new Map([["i0", 1]]) } });
        expect(scanned).toEqual(plain);
      }),
    );
  });
});

describe("cold start", () => {
  const grouped = fc
    .tuple(fc.array(interaction, { minLength: 1, maxLength: 60 }), fc.array(fc.constantFrom("g0", "g1"), { minLength: 6, maxLength: 6 }))
    .map(([list, groups]) => buildRecommenderModel(list, { groupOf: new Map(groups.map((g, u) => [`c${u}`, g])) }));

  it("fills the list up to k, or to every item anyone bought, ranking the group's purchases first", () => {
    fc.assert(
      fc.property(grouped, fc.constantFrom("g0", "g1", "nowhere"), k, (m, group, size) => {
        const { items, coldStart, groupStatus } = recommendForCustomer(m, [], { k: size, group });
        expect(coldStart).toBe(true);
        expect(groupStatus).toBe(m.groups.includes(group) ? "known" : "unknown");
        const bought = m.itemCustomers.filter((n) => n > 0).length;
        expect(items).toHaveLength(Math.min(size, bought));
        const g = m.groups.indexOf(group);
        const inGroup = new Set(m.customers.flatMap((c, u) => (m.customerGroups[u] === g ? customerHistory(m, c).filter((e) => (e.value ?? 0) > 0).map((e) => e.itemId) : [])));
        const firstOutside = items.findIndex((x) => !inGroup.has(x.itemId));
        if (firstOutside >= 0) expect(items.slice(firstOutside).every((x) => !inGroup.has(x.itemId))).toBe(true);
      }),
    );
  });
});
