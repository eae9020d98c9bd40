import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/customer/index.js";
import { rollupValue, type CustomerValue } from "../../src/value/index.js";

const records = ["r1", "r2", "r3", "r4", "r5", "r6"];
const personOf = { r1: "P1", r2: "P1", r3: "P2", r4: "P3", r5: "P4", r6: "P4" };
const householdOf = { P1: "H1", P2: "H1", P3: "H2", P4: "H3" };
const accountOwners = new Map([
  ["J1", ["r1", "r3"]],
  ["J2", ["r4", "r5", "r2"]],
]);
const transaction = fc
  .record({
    customer: fc.option(fc.constantFrom(...records), { nil: undefined }),
    account: fc.constantFrom("J1", "J2"),
    day: fc.integer({ min: 0, max: 800 }),
    amount: fc.integer({ min: 0, max: 100_000 }),
    cost: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
    kind: fc.constantFrom("purchase", "return", "fee"),
  })
  .map(
    (t): Transaction =>
      ({
        id: `T${t.day}-${t.amount}`,
        ...(t.customer === undefined ? { accountId: t.account } : { customerId: t.customer }),
        timestamp: new Date(Date.UTC(2023, 0, 1) + t.day * 86_400_000),
        amountMinor: t.amount,
        ...(t.cost === undefined ? {} : { costMinor: t.cost }),
        currency: "EUR",
        kind: t.kind,
        lines: [],
        attributes: {},
      }) as Transaction,
  );
const asOf = new Date(Date.UTC(2024, 11, 31));

describe("rollup invariants", () => {
  it("a household's value is the sum of its members' values: money, costs and margins, and counts between the largest member's and the sum", () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 60 }), (transactions) => {
        const persons = rollupValue(transactions, { asOf, attribution: { level: "person", personOf, accountOwners } });
        const households = rollupValue(transactions, { asOf, attribution: { level: "household", personOf, householdOf, accountOwners } });
        if (!persons.ok || !households.ok) throw new Error("rollup failed");
        const members = new Map<string, CustomerValue[]>();
        for (const p of persons.customers) {
          const h = householdOf[p.key as keyof typeof householdOf];
          members.set(h, [...(members.get(h) ?? []), p]);
        }
        expect(households.customers.map((h) => h.key)).toEqual([...members.keys()].sort());
        const sum = (list: CustomerValue[], pick: (c: CustomerValue) => number | null): number | null =>
          list.some((c) => pick(c) === null) ? null : list.reduce((s, c) => s + (pick(c) as number), 0);
        for (const h of households.customers) {
          const list = members.get(h.key) ?? [];
          for (const field of ["netMinor", "salesMinor", "returnsMinor", "feesMinor", "grossMinor", "costMinor", "marginMinor"] as const) {
            expect(h[field]).toEqual(sum(list, (c) => c[field]));
          }
          for (const field of ["purchases", "returns", "fees"] as const) {
            // A joint purchase of two members counts for each of them, and once for their household.
            expect(h[field]).toBeGreaterThanOrEqual(Math.max(...list.map((c) => c[field])));
            expect(h[field]).toBeLessThanOrEqual(list.reduce((s, c) => s + c[field], 0));
          }
          const last = Math.max(...list.map((c) => c.lastPurchaseAt?.getTime() ?? -Infinity));
          expect(h.lastPurchaseAt?.getTime() ?? -Infinity).toBe(last);
        }
      }),
    );
  });

  it("every transaction is counted, excluded with a count, or listed as unattributed, at every level and with joint accounts", () => {
    const levels = [
      { level: "account" as const },
      { level: "customer" as const, accountOwners },
      { level: "person" as const, personOf, accountOwners },
      { level: "household" as const, personOf, householdOf, accountOwners },
    ];
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 60 }), fc.constantFrom(...levels), (transactions, attribution) => {
        const result = rollupValue(transactions, { asOf: new Date(Date.UTC(2024, 0, 1)), from: new Date(Date.UTC(2023, 3, 1)), attribution });
        if (!result.ok) throw new Error("rollup failed");
        expect(result.counted + result.afterAsOf + result.beforeWindow + result.unattributed.length).toBe(transactions.length);
        const zero = transactions.filter((t) => t.amountMinor === 0 && t.timestamp >= new Date(Date.UTC(2023, 3, 1)) && t.timestamp <= new Date(Date.UTC(2024, 0, 1)));
        expect(result.zeroAmount).toBeLessThanOrEqual(zero.length);
      }),
    );
  });

  it("the rollup does not depend on input order", () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 60 }), (transactions) => {
        const options = { asOf, attribution: { level: "person" as const, personOf, accountOwners } };
        const a = rollupValue(transactions, options);
        const b = rollupValue([...transactions].reverse(), options);
        if (!a.ok || !b.ok) throw new Error("rollup failed");
        expect(b.customers).toEqual(a.customers);
      }),
    );
  });
});
