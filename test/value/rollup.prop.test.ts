import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/customer/index.js";
import { rollupValue } from "../../src/value/index.js";

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
  it("a household's value is the sum of its members' values", () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 60 }), (transactions) => {
        const persons = rollupValue(transactions, { asOf, attribution: { level: "person", personOf, accountOwners } });
        const households = rollupValue(transactions, { asOf, attribution: { level: "household", personOf, householdOf, accountOwners } });
        if (!persons.ok || !households.ok) throw new Error("rollup failed");
        const sums = new Map<string, number[]>();
        for (const p of persons.customers) {
          const h = householdOf[p.key as keyof typeof householdOf];
          const s = sums.get(h) ?? [0, 0, 0, 0];
          sums.set(h, [s[0]! + p.netMinor, s[1]! + p.salesMinor, s[2]! + p.returnsMinor, s[3]! + p.feesMinor]);
        }
        for (const h of households.customers) expect([h.netMinor, h.salesMinor, h.returnsMinor, h.feesMinor]).toEqual(sums.get(h.key));
      }),
    );
  });

  it("every transaction is counted, excluded with a count, or listed as unattributed", () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 60 }), (transactions) => {
        const result = rollupValue(transactions, { asOf: new Date(Date.UTC(2024, 0, 1)), from: new Date(Date.UTC(2023, 3, 1)), attribution: { level: "account" } });
        if (!result.ok) throw new Error("rollup failed");
        expect(result.counted + result.afterAsOf + result.beforeWindow + result.unattributed.length).toBe(transactions.length);
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
