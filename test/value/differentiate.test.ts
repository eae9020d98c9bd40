import { describe, expect, it } from "vitest";
import {
  assessShareOfWallet,
  assignValueCategories,
  checkLargestCustomer,
  findComplainingLargeCustomers,
  findCostlyCustomers,
  findGoldenCustomers,
  findNarrowBuyers,
  type ContactRollup,
  type CustomerInteractions,
  type CustomerValue,
  type ProductLines,
} from "../../src/value/index.js";

const asOf = new Date("2024-12-31T00:00:00Z");
const day = 86_400_000;

function value(key: string, netMinor: number, daysAgo: number | null = 10, extra: Partial<CustomerValue> = {}): CustomerValue {
  const last = daysAgo === null ? null : new Date(asOf.getTime() - daysAgo * day);
  return {
    key,
    salesMinor: netMinor,
    returnsMinor: 0,
    feesMinor: 0,
    grossMinor: netMinor,
    netMinor,
    costMinor: null,
    marginMinor: null,
    purchases: daysAgo === null ? 0 : 1,
    returns: 0,
    fees: 0,
    firstPurchaseAt: last,
    lastPurchaseAt: last,
    ...extra,
  };
}

function contacts(key: string, complaints: number, costMinor: number): CustomerInteractions {
  return { key, contacts: complaints, inbound: complaints, complaints, serviceCalls: 0, byType: { complaint: complaints }, costMinor };
}

/** Contacts as rollupInteractions returns them, costs in EUR. */
function inEuros(...customers: CustomerInteractions[]): ContactRollup {
  return { currency: "EUR", customers };
}

describe("value categories", () => {
  const current = [
    { key: "a", value: 1000 },
    { key: "b", value: 600 },
    { key: "c", value: 100 },
    { key: "d", value: 80 },
    { key: "e", value: 20 },
  ];

  it("marks the most valuable by actual value and the below-zero by cost to serve", () => {
    const result = assignValueCategories(current, { costToServe: inEuros(contacts("e", 1, 50)), currency: "EUR" });
    const byKey = new Map(result.customers.map((c) => [c.key, c]));
    expect(byKey.get("a")?.categories).toContain("most-valuable");
    expect(byKey.get("b")?.categories).not.toContain("most-valuable"); // ⌈0.2 · 5⌉ = 1
    expect(byKey.get("e")).toMatchObject({ contribution: -30 });
    expect(byKey.get("e")?.categories).toContain("below-zero");
    expect(result.counts["below-zero"]).toBe(1);
  });

  it("estimates potential from look-alikes and marks the largest gaps as most growable", () => {
    const peerGroupOf = { a: "big", b: "big", c: "big", d: "small", e: "small" };
    const result = assignValueCategories(current, { peerGroupOf, minPeers: 2, potentialQuantile: 1, mostGrowableShare: 0.2 });
    const byKey = new Map(result.customers.map((c) => [c.key, c]));
    expect(byKey.get("c")).toMatchObject({ potentialValue: 1000, growthGap: 900 });
    expect(byKey.get("e")).toMatchObject({ potentialValue: 80, growthGap: 60 });
    expect(byKey.get("c")?.categories).toContain("most-growable");
  });

  it("finds migrators between windows, counting a missing customer as zero", () => {
    const previous = [
      { key: "a", value: 100 },
      { key: "c", value: 1000 },
      { key: "z", value: 900 },
    ];
    const result = assignValueCategories(current, { previous });
    const byKey = new Map(result.customers.map((c) => [c.key, c]));
    expect(byKey.get("a")).toMatchObject({ previousTier: "C", tier: "A", migration: "up" });
    expect(byKey.get("c")).toMatchObject({ previousTier: "A", migration: "down" });
    expect(byKey.get("z")).toMatchObject({ value: 0, tier: "C", migration: "down" });
    expect(result.counts.migrator).toBeGreaterThanOrEqual(3);
  });

  it("ranks only the current window's customers as most valuable or growable; previous-only customers can only migrate", () => {
    const now = Array.from({ length: 10 }, (_, i) => ({ key: `c${i}`, value: 100 * (i + 1) }));
    const before = Array.from({ length: 40 }, (_, i) => ({ key: `p${String(i).padStart(2, "0")}`, value: 5_000 }));
    const result = assignValueCategories(now, { previous: before, mostValuableShare: 0.2, mostGrowableShare: 0.2 });
    const valuable = result.customers.filter((c) => c.categories.includes("most-valuable")).map((c) => c.key);
    expect(valuable).toEqual(["c8", "c9"]); // ⌈0.2 · 10⌉ = 2 of the 10 current customers, not ⌈0.2 · 50⌉ = 10
    const growable = result.customers.filter((c) => c.categories.includes("most-growable"));
    expect(growable).toHaveLength(2);
    expect(growable.every((c) => c.current)).toBe(true);
    const lapsed = result.customers.filter((c) => !c.current);
    expect(lapsed).toHaveLength(40);
    expect(lapsed.every((c) => c.categories.join() === "migrator" && c.migration === "down")).toBe(true);
  });

  it("refuses costs to serve in another currency than the values, or of unknown currency", () => {
    expect(() => assignValueCategories(current, { costToServe: inEuros(contacts("e", 1, 50)), currency: "GBP" })).toThrow(/EUR.*GBP/);
    expect(() => assignValueCategories(current, { costToServe: inEuros(contacts("e", 1, 50)) })).toThrow(/options.currency/);
    expect(assignValueCategories(current, { costToServe: { currency: null, customers: [contacts("e", 1, 0)] } }).counts["below-zero"]).toBe(0);
  });

  it("rejects shares outside (0, 1]", () => {
    expect(() => assignValueCategories(current, { mostValuableShare: 0 })).toThrow(/mostValuableShare/);
  });
});

describe("share of wallet and RAD", () => {
  it("computes shares from given wallets and assigns retain, develop and acquire on share × wallet size", () => {
    const rows = assessShareOfWallet(
      [
        { key: "loyal", spendMinor: 800, walletMinor: 1000 },
        { key: "grow", spendMinor: 300, walletMinor: 2000, productLines: 1 },
        { key: "win", spendMinor: 50, walletMinor: 3000 },
        { key: "small", spendMinor: 10, walletMinor: 100 },
      ],
      { largeWalletQuantile: 0.5 },
    );
    expect(rows.map((r) => [r.key, r.rad])).toEqual([
      ["loyal", "retain"],
      ["grow", "develop"],
      ["win", "acquire"],
      ["small", "retain"],
    ]);
    expect(rows[1]).toMatchObject({ share: 0.15, largeWallet: true, fewLinesLargeWallet: true, walletEstimated: false });
  });

  it("estimates a missing wallet from what look-alikes spend, never below the customer's own spend", () => {
    const rows = assessShareOfWallet(
      [
        { key: "a", spendMinor: 100 },
        { key: "b", spendMinor: 200 },
        { key: "c", spendMinor: 1000 },
        { key: "d", spendMinor: -50 },
      ],
      { walletQuantile: 1 },
    );
    expect(rows.map((r) => r.walletMinor)).toEqual([1000, 1000, 1000, 1000]);
    expect(rows[3]).toMatchObject({ spendMinor: 0, share: 0, walletEstimated: true });
  });
});

describe("the method's questions", () => {
  const values = [
    value("gold", 5000, 10),
    value("lapsed", 4000, 400),
    value("costly", 3000, 5),
    value("small", 100, 5),
    value("none", 0, null),
  ];

  it("finds golden customers: A tier, still active, worth more than they cost", () => {
    const golden = findGoldenCustomers(values, { asOf, activeWithinDays: 180, costToServe: inEuros(contacts("costly", 0, 5000)), currency: "EUR" });
    expect(golden.map((g) => g.key)).toEqual(["gold"]);
  });

  it("ranks the customers who cause cost and flags those below zero", () => {
    const costly = findCostlyCustomers(values, inEuros(contacts("costly", 3, 3500), contacts("small", 1, 50), contacts("ghost", 1, 0)), { currency: "EUR" });
    expect(costly.map((c) => [c.key, c.belowZero])).toEqual([
      ["costly", true],
      ["small", false],
    ]);
    expect(() => findCostlyCustomers(values, inEuros(contacts("costly", 3, 3500)), { currency: "USD" })).toThrow(/USD/);
  });

  it("finds last year's large customers who complained repeatedly", () => {
    const lastYear = values.map((v) => ({ key: v.key, value: v.netMinor }));
    const found = findComplainingLargeCustomers(lastYear, inEuros(contacts("gold", 1, 0), contacts("lapsed", 2, 0), contacts("small", 5, 0)));
    expect(found).toEqual([{ key: "lapsed", value: 4000, rank: 2, tier: "A", complaints: 2 }]);
  });

  it("checks whether last year's largest customer is still buying", () => {
    const lastYear = [
      { key: "big", value: 9000 },
      { key: "mid", value: 100 },
    ];
    expect(checkLargestCustomer(lastYear, [value("mid", 50)])).toMatchObject({ key: "big", stillBuying: false, thisYearValue: 0, ratio: 0 });
    expect(checkLargestCustomer(lastYear, [value("big", 4500)])).toMatchObject({ stillBuying: true, ratio: 0.5 });
    expect(checkLargestCustomer([], [])).toBeNull();
  });

  it("finds customers who buy few of our product lines, most valuable first", () => {
    const lines: ProductLines = {
      byCustomer: new Map([
        ["a", ["jazz"]],
        ["b", ["jazz", "pop", "rock"]],
        ["c", ["rock", "pop"]],
      ]),
      offered: ["jazz", "pop", "rock"],
      collected: 3,
      afterAsOf: 0,
      beforeWindow: 0,
      notPurchases: 0,
      withoutLines: 0,
      linesWithoutName: 0,
      unattributed: [],
    };
    expect(findNarrowBuyers(lines, [{ key: "c", value: 10 }]).map((n) => [n.key, n.lineShare])).toEqual([
      ["c", 2 / 3],
      ["a", 1 / 3],
    ]);
  });
});
