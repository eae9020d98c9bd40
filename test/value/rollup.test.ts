import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/customer/index.js";
import {
  collectProductLines,
  ownersOfAccounts,
  rollupInteractions,
  rollupTransactionColumns,
  rollupTransactionRows,
  rollupValue,
  summarizeTransactions,
  toTransactionColumns,
  type CustomerValue,
} from "../../src/value/index.js";

function tx(id: string, customerId: string | undefined, at: string, amountMinor: number, extra: Partial<Transaction> = {}): Transaction {
  return {
    id,
    ...(customerId === undefined ? {} : { customerId }),
    timestamp: new Date(at),
    amountMinor,
    currency: "EUR",
    kind: "purchase",
    lines: [],
    attributes: {},
    ...extra,
  } as Transaction;
}

const asOf = new Date("2024-12-31T23:59:59Z");
const byKey = (customers: readonly CustomerValue[]): Map<string, CustomerValue> => new Map(customers.map((c) => [c.key, c]));

describe("rolling value up", () => {
  it("keeps purchases, returns and fees apart and nets them", () => {
    const result = rollupValue(
      [
        tx("1", "A", "2024-01-05", 10_000, { costMinor: 6_000 }),
        tx("2", "A", "2024-02-05", 2_500, { kind: "return", costMinor: 1_500 }),
        tx("3", "A", "2024-03-05", 500, { kind: "fee" }),
      ],
      { asOf },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.customers).toEqual([
      {
        key: "A",
        salesMinor: 10_000,
        returnsMinor: 2_500,
        feesMinor: 500,
        grossMinor: 10_500,
        netMinor: 8_000,
        costMinor: 4_500,
        marginMinor: 3_500,
        purchases: 1,
        returns: 1,
        fees: 1,
        firstPurchaseAt: new Date("2024-01-05"),
        lastPurchaseAt: new Date("2024-01-05"),
      },
    ]);
  });

  it("derives cost from line unit costs and leaves the margin unknown when any cost is missing", () => {
    const lines = [{ sku: "X", quantity: 2, unitPriceMinor: 500, unitCostMinor: 300 }];
    const result = rollupValue([tx("1", "A", "2024-01-05", 1_000, { lines }), tx("2", "B", "2024-01-05", 1_000), tx("3", "B", "2024-01-06", 1_000, { lines })], { asOf });
    if (!result.ok) throw new Error("rollup failed");
    const values = byKey(result.customers);
    expect(values.get("A")?.marginMinor).toBe(400);
    expect(values.get("B")?.costMinor).toBeNull();
    expect(values.get("B")?.marginMinor).toBeNull();
  });

  it("reads asOf and from as instants: a transaction at asOf counts, one a millisecond later does not", () => {
    const end = new Date("2024-06-30T00:00:00Z");
    const rows = [tx("1", "A", "2024-06-30T00:00:00Z", 100), tx("2", "A", "2024-06-30T00:00:00.001Z", 200), tx("3", "A", "2024-06-30T15:00:00Z", 400), tx("4", "A", "2024-06-01T00:00:00Z", 800)];
    expect(rollupValue(rows, { asOf: end, from: new Date("2024-06-01T00:00:00Z") })).toMatchObject({ ok: true, counted: 2, afterAsOf: 2, beforeWindow: 0, customers: [{ netMinor: 900 }] });
    expect(rollupValue(rows, { asOf: end, from: new Date("2024-06-01T00:00:00.001Z") })).toMatchObject({ counted: 1, beforeWindow: 1 });
    // The whole UTC day of 30 June: its last millisecond.
    expect(rollupValue(rows, { asOf: new Date("2024-06-30T23:59:59.999Z") })).toMatchObject({ counted: 4, afterAsOf: 0 });
  });

  it("excludes and counts transactions after asOf and before the window", () => {
    const result = rollupValue([tx("1", "A", "2023-06-01", 100), tx("2", "A", "2024-06-01", 200), tx("3", "A", "2025-01-02", 400)], { asOf, from: new Date("2024-01-01") });
    expect(result).toMatchObject({ ok: true, counted: 1, afterAsOf: 1, beforeWindow: 1 });
    if (result.ok) expect(result.customers[0]?.netMinor).toBe(200);
  });

  it("counts zero-amount purchases as purchases that add no money", () => {
    const result = rollupValue([tx("1", "A", "2024-06-01", 0), tx("2", "A", "2024-06-02", 300)], { asOf });
    expect(result).toMatchObject({ ok: true, zeroAmount: 1, customers: [{ key: "A", purchases: 2, netMinor: 300 }] });
  });

  it("refuses mixed currencies without a converter, naming the row", () => {
    const result = rollupValue([tx("1", "A", "2024-06-01", 100), tx("2", "A", "2024-06-02", 100, { currency: "USD" })], { asOf });
    expect(result).toMatchObject({ ok: false, error: { code: "CURRENCY_MISMATCH", currencies: ["EUR", "USD"], index: 1 } });
  });

  it("converts other currencies with a converter and lists rows it cannot convert", () => {
    const convert = (minor: number, from: string): number | undefined => (from === "USD" ? minor * 0.5 : undefined);
    const result = rollupValue(
      [tx("1", "A", "2024-06-01", 100), tx("2", "A", "2024-06-02", 100, { currency: "USD" }), tx("3", "A", "2024-06-03", 100, { currency: "JPY" })],
      { asOf, convert },
    );
    expect(result).toMatchObject({ ok: true, customers: [{ netMinor: 150 }], unattributed: [{ index: 2, id: "3" }] });
  });

  it("returns an empty result for empty input", () => {
    expect(rollupValue([], { asOf })).toEqual({ ok: true, currency: null, customers: [], counted: 0, afterAsOf: 0, beforeWindow: 0, zeroAmount: 0, unattributed: [] });
  });

  it("requires asOf", () => {
    expect(() => rollupValue([], {} as { asOf: Date })).toThrow(/asOf/);
  });
});

describe("rolling up across accounts, persons, households and organizations", () => {
  const personOf = new Map([
    ["web-1", "P1"],
    ["pos-1", "P1"],
    ["pos-2", "P2"],
    ["pos-3", "P3"],
  ]);
  const householdOf = { P1: "H1", P2: "H1", P3: "H2" };
  const accounts = ownersOfAccounts([
    { id: "ACC-J", productType: "card", owners: [{ partyId: "pos-2", partyKind: "source-record", role: "joint" }, { partyId: "pos-1", partyKind: "source-record", role: "primary" }], openedAt: new Date("2020-01-01"), status: "active", attributes: {} },
    { id: "ACC-X", productType: "card", owners: [{ partyId: "pos-3", partyKind: "source-record", role: "primary" }, { partyId: "pos-1", partyKind: "source-record", role: "authorized" }], openedAt: new Date("2020-01-01"), status: "active", attributes: {} },
  ]);
  const transactions = [
    tx("1", "web-1", "2024-01-01", 1_000),
    tx("2", "pos-1", "2024-01-02", 500),
    tx("3", "pos-2", "2024-01-03", 300),
    tx("4", undefined, "2024-01-04", 1_001, { accountId: "ACC-J" }),
    tx("5", "pos-3", "2024-01-05", 50, { accountId: "ACC-X" }),
    tx("6", "web-9", "2024-01-06", 70),
  ];

  it("rolls source records up to one person", () => {
    const result = rollupValue(transactions, { asOf, attribution: { level: "person", personOf, accountOwners: accounts } });
    if (!result.ok) throw new Error("rollup failed");
    const v = byKey(result.customers);
    // The joint account's 1001 is split 501 / 500 between its two owners, sorted by id.
    expect(v.get("P1")?.netMinor).toBe(1_000 + 500 + 501);
    expect(v.get("P2")?.netMinor).toBe(300 + 500);
    expect(v.get("P3")?.netMinor).toBe(50);
    expect(result.unattributed).toEqual([{ index: 5, id: "6", reason: 'no person is known for customer "web-9"' }]);
  });

  it("rolls persons up to households, a household being the sum of its members", () => {
    const persons = rollupValue(transactions, { asOf, attribution: { level: "person", personOf, accountOwners: accounts } });
    const households = rollupValue(transactions, { asOf, attribution: { level: "household", personOf, householdOf, accountOwners: accounts } });
    if (!persons.ok || !households.ok) throw new Error("rollup failed");
    const p = byKey(persons.customers);
    const h = byKey(households.customers);
    expect(h.get("H1")?.netMinor).toBe((p.get("P1")?.netMinor ?? 0) + (p.get("P2")?.netMinor ?? 0));
    expect(h.get("H2")?.netMinor).toBe(p.get("P3")?.netMinor);
  });

  it("rolls persons up to the organizations they buy for, listing persons without one", () => {
    const result = rollupValue(transactions, { asOf, attribution: { level: "organization", personOf, organizationOf: (person) => (person === "P3" ? undefined : "O1"), accountOwners: accounts } });
    if (!result.ok) throw new Error("rollup failed");
    expect(result.customers.map((c) => [c.key, c.netMinor])).toEqual([["O1", 1_000 + 500 + 300 + 1_001]]);
    expect(result.unattributed.map((u) => u.reason)).toEqual(['no organization is known for person "P3"', 'no person is known for customer "web-9"']);
  });

  it("rolls up per account, and lists transactions without one", () => {
    const result = rollupValue(transactions, { asOf, attribution: { level: "account" } });
    if (!result.ok) throw new Error("rollup failed");
    expect(result.customers.map((c) => [c.key, c.netMinor])).toEqual([
      ["ACC-J", 1_001],
      ["ACC-X", 50],
    ]);
    expect(result.unattributed).toHaveLength(4);
  });

  it("requires the mapping a level needs", () => {
    expect(() => rollupValue(transactions, { asOf, attribution: { level: "household", personOf } })).toThrow(/householdOf/);
    expect(() => rollupValue(transactions, { asOf, attribution: { level: "region" as "person" } })).toThrow(/level/);
  });

  it("never reads a lookup record's prototype", () => {
    const result = rollupValue([tx("1", "__proto__", "2024-01-01", 10), tx("2", "constructor", "2024-01-01", 10)], { asOf, attribution: { level: "person", personOf: {} } });
    expect(result).toMatchObject({ ok: true, customers: [], unattributed: [{ index: 0 }, { index: 1 }] });
  });

  it("accounts for every transaction once, however many joint owners share it", () => {
    const joint = [
      tx("1", undefined, "2024-01-04", 1_001, { accountId: "ACC-J" }),
      tx("2", undefined, "2024-01-05", 0, { accountId: "ACC-J" }),
      tx("3", undefined, "2025-02-01", 99, { accountId: "ACC-J" }),
      tx("4", "pos-3", "2024-01-05", 50),
    ];
    for (const attribution of [
      { level: "person" as const, personOf, accountOwners: accounts },
      { level: "household" as const, personOf, householdOf, accountOwners: accounts },
    ]) {
      const result = rollupValue(joint, { asOf, attribution });
      // Transactions 1 and 2 are split between P1 and P2 (one household, H1), but count once each.
      expect(result).toMatchObject({ ok: true, counted: 3, afterAsOf: 1, zeroAmount: 1, unattributed: [] });
    }
  });

  it("gives the same values whatever the input order", () => {
    const a = rollupValue(transactions, { asOf, attribution: { level: "person", personOf, accountOwners: accounts } });
    const b = rollupValue([...transactions].reverse(), { asOf, attribution: { level: "person", personOf, accountOwners: accounts } });
    if (!a.ok || !b.ok) throw new Error("rollup failed");
    expect(b.customers).toEqual(a.customers);
  });
});

describe("columns", () => {
  it("interns customer keys in sorted order and rolls several windows from one build", () => {
    const built = toTransactionColumns([tx("1", "b", "2023-03-01", 10), tx("2", "a", "2024-03-01", 20), tx("3", "b", "2024-04-01", 30)]);
    if (!built.ok) throw new Error("build failed");
    expect(built.columns.keys).toEqual(["a", "b"]);
    const last = rollupTransactionColumns(built.columns, { asOf: new Date("2023-12-31"), from: new Date("2023-01-01") });
    const now = rollupTransactionColumns(built.columns, { asOf, from: new Date("2024-01-01") });
    expect(Array.from(last.values.netMinor)).toEqual([10]);
    expect(now.values.keys).toEqual(["a", "b"]);
    expect(Array.from(now.values.netMinor)).toEqual([20, 30]);
  });

  it("works on hand-built columns whose keys are not sorted", () => {
    const columns = {
      currency: "EUR",
      keys: ["z", "a"],
      length: 2,
      customer: Int32Array.from([0, 1]),
      time: Float64Array.from([0, 0]),
      amountMinor: Float64Array.from([5, 7]),
      costMinor: Float64Array.from([NaN, NaN]),
      kind: Uint8Array.from([0, 0]),
    };
    const { values } = rollupTransactionColumns(columns, { asOf });
    expect(values.keys).toEqual(["a", "z"]);
    expect(Array.from(values.netMinor)).toEqual([7, 5]);
  });
});

describe("untyped rows at the boundary", () => {
  it("rejects bad rows with their index and field, and rolls up the rest", () => {
    const result = rollupTransactionRows(
      [
        { id: "1", customerId: "A", timestamp: "2024-01-01", amount: "12.50", currency: "EUR" },
        { id: "2", customerId: "A", timestamp: "2024-01-02", amount: "-3.00", currency: "EUR" },
        { id: "3", customerId: "A", timestamp: "yesterday", amount: "1", currency: "EUR" },
        { id: "4", timestamp: "2024-01-02", amount: "1", currency: "EUR" },
        { id: "5", customerId: "B", timestamp: "2024-01-03", amount: "1e999", currency: "EUR" },
        { id: "6", customerId: "A", timestamp: "2024-01-04", amount: Number.NaN, currency: "EUR" },
        { id: "7", customerId: "B", timestamp: "9999-12-31", amount: "1.00", currency: "EUR" },
        "not an object",
      ],
      { asOf },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(result.rejected[0]?.issues[0]?.path).toEqual(["amount"]);
    expect(result.customers).toMatchObject([{ key: "A", netMinor: 1250 }]);
    expect(result.afterAsOf).toBe(1);
  });

  it("maps error indexes back to the original rows", () => {
    const result = rollupTransactionRows(
      [{ id: "x" }, { id: "1", customerId: "A", timestamp: "2024-01-01", amount: "1", currency: "EUR" }, { id: "2", customerId: "A", timestamp: "2024-01-01", amount: "1", currency: "GBP" }],
      { asOf },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "CURRENCY_MISMATCH", index: 2 }, rejected: [{ index: 0 }] });
  });

  it("survives hostile rows: huge strings, prototype keys, far dates", () => {
    const rows = [
      { id: "x".repeat(1_000_000), customerId: "A", timestamp: "2024-01-01", amount: "1", currency: "EUR" },
      JSON.parse('{"__proto__": {"polluted": true}, "id": "2", "customerId": "A", "timestamp": "2024-01-01", "amount": "1", "currency": "EUR"}'),
      { id: "3", customerId: "A", timestamp: "+275760-09-13", amount: "1", currency: "EUR" },
    ];
    const result = rollupTransactionRows(rows, { asOf });
    expect(result.rejected.map((r) => r.index)).toEqual([0, 2]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("buy-till-you-die summaries", () => {
  const transactions = [
    tx("1", "A", "1997-01-01T10:00:00Z", 1_000),
    tx("2", "A", "1997-01-01T18:00:00Z", 500), // same day as the first: not a repeat purchase
    tx("3", "A", "1997-01-15T09:00:00Z", 2_000),
    tx("4", "A", "1997-01-15T19:00:00Z", 1_000), // same day: one occasion of 3000
    tx("5", "A", "1997-02-12T12:00:00Z", 1_000),
    tx("6", "A", "1997-03-12T12:00:00Z", 4_000), // holdout
    tx("7", "A", "1997-02-20T12:00:00Z", 800, { kind: "return" }),
    tx("8", "B", "1997-02-26T12:00:00Z", 700),
    tx("9", "C", "1997-03-05T12:00:00Z", 700), // first purchase after calibration
  ];

  const endOfCalibration = new Date("1997-02-26T23:59:59.999Z");

  it("merges purchases of one day, excludes the first day, and measures ages in the stated unit", () => {
    const summary = summarizeTransactions(transactions, { calibrationEnd: endOfCalibration, timeUnit: "weeks", holdoutEnd: new Date("1997-03-31T23:59:59.999Z") });
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    expect(summary.customers).toEqual([
      { key: "A", frequency: 2, lastPurchaseAge: 6, age: 8, meanSpend: 2_000, holdoutFrequency: 1, holdoutMeanSpend: 4_000 },
      { key: "B", frequency: 0, lastPurchaseAge: 0, age: 0, meanSpend: 0, holdoutFrequency: 0, holdoutMeanSpend: 0 },
    ]);
    expect(summary.notYetCustomers).toBe(1);
    expect(summary.timeUnit).toBe("weeks");
    // The return is not a purchase occasion: ignored, and counted as such.
    expect(summary).toMatchObject({ returnsIgnored: 1, feesIgnored: 0, afterEnd: 0 });
  });

  it("gives the same history in days", () => {
    const summary = summarizeTransactions(transactions, { calibrationEnd: endOfCalibration, timeUnit: "days" });
    if (!summary.ok) throw new Error("summary failed");
    expect(summary.customers[0]).toEqual({ key: "A", frequency: 2, lastPurchaseAge: 42, age: 56, meanSpend: 2_000 });
    expect(summary.afterEnd).toBe(2);
  });

  it("reads the calibration end as an instant, like the asOf of a rollup", () => {
    // Midnight at the start of 26 February: B's purchase at noon that day comes after it.
    const midnight = new Date("1997-02-26T00:00:00Z");
    const summary = summarizeTransactions(transactions, { calibrationEnd: midnight, timeUnit: "days" });
    const rollup = rollupValue(transactions, { asOf: midnight });
    if (!summary.ok || !rollup.ok) throw new Error("failed");
    expect(summary.customers.map((c) => c.key)).toEqual(["A"]);
    expect(summary).toMatchObject({ notYetCustomers: 2, afterEnd: 3 });
    expect(rollup.customers.map((c) => c.key)).toEqual(["A"]);
    expect(rollup.afterAsOf).toBe(3);
    // T still runs to the calibration end's UTC day: 26 February is day 56 after 1 January.
    expect(summary.customers[0]?.age).toBe(56);
  });

  it("demands an explicit time unit", () => {
    expect(() => summarizeTransactions(transactions, { calibrationEnd: endOfCalibration } as never)).toThrow(/timeUnit/);
  });
});

describe("interactions and product lines", () => {
  const interaction = (id: string, customerId: string, type: "complaint" | "service-call" | "web-visit", at: string, costMinor?: number, currency = "EUR") => ({
    id,
    customerId,
    timestamp: new Date(at),
    channel: "call-centre" as const,
    direction: "inbound" as const,
    type,
    attributes: {},
    ...(costMinor === undefined ? {} : { costMinor, currency }),
  });

  it("counts complaints, service calls and cost to serve per customer", () => {
    const result = rollupInteractions(
      [interaction("1", "A", "complaint", "2024-02-01", 400), interaction("2", "A", "complaint", "2024-03-01", 600), interaction("3", "B", "web-visit", "2024-03-01"), interaction("4", "A", "service-call", "2025-03-01", 900)],
      { asOf },
    );
    expect(result).toMatchObject({ ok: true, currency: "EUR", afterAsOf: 1, customers: [{ key: "A", complaints: 2, costMinor: 1_000, contacts: 2 }, { key: "B", complaints: 0, costMinor: 0 }] });
  });

  it("refuses a window that starts after it ends", () => {
    const late = new Date(asOf.getTime() + 1);
    expect(() => rollupInteractions([], { asOf, from: late })).toThrow(/from/);
    expect(() => collectProductLines([], { asOf, from: late })).toThrow(/from/);
    expect(() => rollupValue([], { asOf, from: late })).toThrow(/from/);
  });

  it("refuses costs in two currencies without a converter", () => {
    const result = rollupInteractions([interaction("1", "A", "complaint", "2024-02-01", 400), interaction("2", "A", "complaint", "2024-03-01", 600, "USD")], { asOf });
    expect(result).toMatchObject({ ok: false, error: { code: "CURRENCY_MISMATCH", index: 1 } });
  });

  it("collects the product lines each customer buys", () => {
    const line = (category: string) => ({ sku: `sku-${category}`, quantity: 1, unitPriceMinor: 100, category });
    const lines = collectProductLines(
      [
        tx("1", "A", "2024-01-01", 100, { lines: [line("jazz"), line("rock"), { sku: "no-category", quantity: 1, unitPriceMinor: 5 }] }),
        tx("2", "B", "2024-01-01", 100, { lines: [line("jazz")] }),
        tx("3", "B", "2024-01-02", 100, { kind: "return", lines: [line("pop")] }),
        tx("4", "B", "2025-01-02", 100, { lines: [line("folk")] }),
        tx("5", "C", "2024-01-03", 100),
        tx("6", "C", "2023-01-03", 100, { lines: [line("soul")] }),
        tx("7", undefined, "2024-01-03", 100, { lines: [line("soul")] }),
      ],
      { asOf, from: new Date("2023-06-01T00:00:00Z") },
    );
    expect(lines.offered).toEqual(["jazz", "rock"]);
    expect([...lines.byCustomer]).toEqual([
      ["A", ["jazz", "rock"]],
      ["B", ["jazz"]],
    ]);
    // Every transaction read is accounted for.
    expect(lines).toMatchObject({ collected: 2, notPurchases: 1, afterAsOf: 1, withoutLines: 1, beforeWindow: 1, linesWithoutName: 1, unattributed: [{ index: 6 }] });
  });
});
