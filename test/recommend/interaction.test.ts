import { describe, expect, it } from "vitest";
import { parseTransactions } from "../../src/customer/index.js";
import { interactionsFromTransactions, parseItemInteractions } from "../../src/recommend/index.js";

describe("parseItemInteractions", () => {
  it("accepts well-formed rows, reading dates and numeric ids", () => {
    const { ok, rejected } = parseItemInteractions([{ customerId: 17850, itemId: "85123A", timestamp: "2010-12-01T08:26:00Z", quantity: 6 }]);
    expect(rejected).toEqual([]);
    expect(ok).toEqual([{ customerId: "17850", itemId: "85123A", timestamp: new Date("2010-12-01T08:26:00Z"), quantity: 6 }]);
  });

  it("accounts for every row, naming the field at fault", () => {
    const rows = [
      { customerId: "a", itemId: "x", timestamp: "2024-01-02" },
      { customerId: "", itemId: "x", timestamp: "2024-01-02" },
      { customerId: "a", itemId: "x", timestamp: "yesterday" },
      { customerId: "a", itemId: "x", timestamp: "2024-01-02", quantity: 0 },
      { customerId: "a", itemId: "x", timestamp: "2024-01-02", quantity: Number.NaN },
      { customerId: "a", itemId: "x", timestamp: "2024-01-02", weight: -1 },
      { customerId: "a", itemId: "x".repeat(10_000), timestamp: "2024-01-02" },
      { customerId: "a", itemId: "x", timestamp: "99999-01-01" },
      null,
      "a,x,2024",
    ];
    const { ok, okIndex, rejected } = parseItemInteractions(rows);
    expect(ok.length + rejected.length).toBe(rows.length);
    expect(okIndex).toEqual([0]);
    const fields = rejected.map((r) => [r.index, r.issues[0]?.path.join(".")]);
    expect(fields).toEqual([
      [1, "customerId"],
      [2, "timestamp"],
      [3, "quantity"],
      [4, "quantity"],
      [5, "weight"],
      [6, "itemId"],
      [7, "timestamp"],
      [8, ""],
      [9, ""],
    ]);
  });

  it("accepts a negative quantity as a return", () => {
    expect(parseItemInteractions([{ customerId: "a", itemId: "x", timestamp: "2024-01-02", quantity: -2 }]).ok[0]?.quantity).toBe(-2);
  });

  it("ignores a __proto__ key instead of polluting objects", () => {
    const row = JSON.parse('{"customerId":"a","itemId":"x","timestamp":"2024-01-02","__proto__":{"polluted":true}}');
    const { ok } = parseItemInteractions([row]);
    expect(ok).toHaveLength(1);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("interactionsFromTransactions", () => {
  const { ok: transactions } = parseTransactions([
    { id: "T1", customerId: "src-1", timestamp: "2024-01-02", amount: "20.00", currency: "EUR", lines: [{ sku: "A", quantity: 2, unitPrice: "5.00" }, { sku: "B", quantity: 1, unitPrice: "10.00" }] },
    { id: "T2", customerId: "src-1", timestamp: "2024-01-05", amount: "5.00", currency: "EUR", kind: "return", lines: [{ sku: "A", quantity: 1, unitPrice: "5.00" }] },
    { id: "T3", customerId: "src-1", timestamp: "2024-01-06", amount: "3.00", currency: "EUR", kind: "fee" },
    { id: "T4", accountId: "acc-9", timestamp: "2024-01-06", amount: "3.00", currency: "EUR", lines: [{ sku: "C", quantity: 1, unitPrice: "3.00" }] },
    { id: "T5", customerId: "src-2", timestamp: "2024-01-07", amount: "3.00", currency: "EUR" },
    { id: "T6", customerId: "src-3", timestamp: "2024-01-08", amount: "3.00", currency: "EUR", lines: [{ sku: "C", quantity: 1, unitPrice: "3.00" }] },
  ]);

  it("turns purchase lines into interactions and return lines into negative quantities", () => {
    const { interactions } = interactionsFromTransactions(transactions.slice(0, 2));
    expect(interactions).toEqual([
      { customerId: "src-1", itemId: "A", timestamp: new Date("2024-01-02"), quantity: 2 },
      { customerId: "src-1", itemId: "B", timestamp: new Date("2024-01-02"), quantity: 1 },
      { customerId: "src-1", itemId: "A", timestamp: new Date("2024-01-05"), quantity: -1 },
    ]);
  });

  it("maps source customers to the customer the recommender should see, and skips the rest with reasons", () => {
    const { interactions, skipped } = interactionsFromTransactions(transactions, { customerOf: new Map([["src-1", "P-1"], ["src-2", "P-2"]]) });
    expect(new Set(interactions.map((e) => e.customerId))).toEqual(new Set(["P-1"]));
    expect(skipped).toEqual([
      { transactionId: "T3", reason: "fee" },
      { transactionId: "T4", reason: "no-customer" },
      { transactionId: "T5", reason: "no-lines" },
      { transactionId: "T6", reason: "unmapped-customer" },
    ]);
  });
});
