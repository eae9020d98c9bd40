import { describe, expect, it } from "vitest";
import {
  AttributesSchema,
  DateSchema,
  parseAccounts,
  parseConsents,
  parseContactPreferences,
  parseHouseholds,
  parseInteractions,
  parseIsoDate,
  parseOrganizations,
  parsePersons,
  parseRows,
  parseSourceRecords,
  parseTransactions,
  SourceRecordSchema,
} from "../../src/customer/index.js";

describe("parseSourceRecords", () => {
  it("accepts a record with blank values as missing and single values as lists", () => {
    const { ok, rejected } = parseSourceRecords([
      { sourceSystem: "pos", sourceId: 17, givenName: "  ", familyName: " Lee ", emails: "ann@example.com", phones: [" ", "+44 20 7946 0018"], gender: "F", birthDate: new Date("1980-01-02T00:00:00Z") },
    ]);
    expect(rejected).toEqual([]);
    expect(ok[0]).toMatchObject({ sourceId: "17", familyName: "Lee", emails: ["ann@example.com"], phones: ["+44 20 7946 0018"], gender: "female", birthDate: "1980-01-02" });
    expect(ok[0]?.givenName).toBeUndefined();
  });

  it("keeps Chinese names in either script as written", () => {
    const { ok } = parseSourceRecords([{ sourceSystem: "cc", sourceId: "1", fullName: "陳學" }, { sourceSystem: "web", sourceId: "2", familyName: "陈", givenName: "学" }]);
    expect(ok.map((r) => r.fullName ?? `${r.familyName}${r.givenName}`)).toEqual(["陳學", "陈学"]);
  });

  it("treats null as missing and accepts numbers where exports type phones and postcodes as numbers", () => {
    const { ok, rejected } = parseSourceRecords([
      { sourceSystem: "db", sourceId: "1", givenName: null, familyName: "Lee", gender: null, birthDate: null, emails: null, phones: [13800138000, null], addresses: [{ lines: ["1 Main St"], postcode: 10115, city: null }, null], createdAt: null },
    ]);
    expect(rejected).toEqual([]);
    expect(ok[0]).toMatchObject({ phones: ["13800138000"], emails: [], addresses: [{ lines: ["1 Main St"], postcode: "10115" }] });
    expect(ok[0]?.givenName).toBeUndefined();
  });

  it("rejects ids with control characters, so that record keys cannot collide", () => {
    const { rejected } = parseSourceRecords([{ sourceSystem: "a\u001fb", sourceId: "c" }]);
    expect(rejected[0]?.issues[0]?.path).toEqual(["sourceSystem"]);
  });

  it("rejects attributes that are not a plain object instead of losing them", () => {
    expect(parseSourceRecords([{ sourceSystem: "a", sourceId: "1", attributes: new Map([["tier", "gold"]]) }]).rejected).toHaveLength(1);
  });

  it("rejects rows without an id, naming the row and the field", () => {
    const { ok, rejected } = parseSourceRecords([{ sourceSystem: "pos", sourceId: "1" }, { sourceSystem: "pos" }, { sourceSystem: "pos", sourceId: "  " }]);
    expect(ok).toHaveLength(1);
    expect(rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(rejected[0]?.issues[0]?.path).toEqual(["sourceId"]);
  });

  it("rejects absurdly long values instead of keeping them", () => {
    const { rejected } = parseSourceRecords([{ sourceSystem: "pos", sourceId: "1", familyName: "x".repeat(1_000_000) }]);
    expect(rejected[0]?.issues[0]).toMatchObject({ path: ["familyName"], code: "too_big" });
  });

  it("never lets an attribute key touch a prototype", () => {
    const row = JSON.parse('{"sourceSystem":"pos","sourceId":"1","attributes":{"__proto__":{"polluted":true},"tier":"gold"}}');
    const { rejected } = parseSourceRecords([row]);
    expect(rejected[0]?.issues[0]?.path).toEqual(["attributes", "__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const ok = SourceRecordSchema.parse({ sourceSystem: "pos", sourceId: "1", attributes: { tier: "gold", visits: 3, vip: true, since: new Date(0) } });
    expect(Object.getPrototypeOf(ok.attributes)).toBeNull();
    expect(AttributesSchema.safeParse({ bad: Number.NaN }).success).toBe(false);
  });

  it("rejects a row whose reading throws instead of throwing, whatever is thrown", () => {
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); }, ownKeys: () => { throw new Error("boom"); } });
    const unprintable = new Proxy({}, { get: () => { throw Object.create(null); }, ownKeys: () => { throw Object.create(null); } });
    const { rejected } = parseSourceRecords([hostile, unprintable]);
    expect(rejected.map((r) => r.issues[0]?.code)).toEqual(["unreadable", "unreadable"]);
  });

  it("throws a TypeError for input that is not a list of rows", () => {
    expect(() => parseSourceRecords(42 as unknown as unknown[])).toThrow(TypeError);
  });
});

describe("parseTransactions", () => {
  it("converts decimal amounts exactly with the currency's exponent", () => {
    const { ok } = parseTransactions([
      { id: "T1", customerId: "C1", timestamp: "2024-03-05T10:00:00Z", amount: "19.99", cost: 7.5, currency: "eur", lines: [{ sku: "A", quantity: 1, unitPrice: "19.99" }] },
      { id: "T2", accountId: "A1", timestamp: "2024-03-05", amount: 1500, currency: "JPY", kind: "return" },
    ]);
    expect(ok.map((t) => [t.amountMinor, t.costMinor, t.currency, t.kind])).toEqual([[1999, 750, "EUR", "purchase"], [1500, undefined, "JPY", "return"]]);
    expect(ok[0]?.lines[0]?.unitPriceMinor).toBe(1999);
  });

  it("rejects negative amounts and points to the return kind", () => {
    const { rejected } = parseTransactions([{ id: "T1", customerId: "C1", timestamp: "2024-03-05", amountMinor: -5, currency: "EUR" }]);
    expect(rejected[0]?.issues[0]?.message).toMatch(/return/);
  });

  it("rejects a transaction that refers to nobody", () => {
    const { rejected } = parseTransactions([{ id: "T1", timestamp: "2024-03-05", amountMinor: 5, currency: "EUR" }]);
    expect(rejected[0]?.issues[0]?.message).toMatch(/customerId or an accountId/);
  });

  it("reports every problem of a bad row with its path", () => {
    const { rejected } = parseTransactions([{ id: "T1", customerId: "C1", timestamp: "2024-02-30", amount: "abc", currency: "EUR", lines: [{ sku: "A", quantity: 0, unitPrice: "1" }] }]);
    const paths = rejected[0]?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["amount", "timestamp", "lines.0.quantity"]));
  });

  it("rejects amounts too large to be exact", () => {
    const { rejected } = parseTransactions([{ id: "T1", customerId: "C1", timestamp: "2024-03-05", amount: "9".repeat(30), currency: "EUR" }, { id: "T2", customerId: "C1", timestamp: "2024-03-05", amountMinor: 2 ** 60, currency: "EUR" }]);
    expect(rejected.map((r) => r.issues.map((i) => i.message))).toEqual([["amount is too large to be held exactly in minor units"], ["amounts in minor units must be integers between -(2^53 - 1) and 2^53 - 1"]]);
  });

  it("reports cross-field problems together with field problems", () => {
    const { rejected } = parseTransactions([{ id: "T1", timestamp: "bad", amount: "-0.001", currency: "XXX" }]);
    const messages = rejected[0]?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^timestamp/), expect.stringMatching(/^currency/), expect.stringMatching(/^amount: .*return/), expect.stringMatching(/^customerId: .*customerId or an accountId/)]));
    const interaction = parseInteractions([{ id: "I1", customerId: "C1", timestamp: "2024-01-01", channel: "email", direction: "sideways", type: "complaint", costMinor: 5 }]);
    expect(interaction.rejected[0]?.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(["direction", "currency"]));
  });
});

describe("dates at the boundary", () => {
  it("reads ISO dates and date-times as UTC instants, whatever the machine's zone", () => {
    expect(parseIsoDate("2024-03-05")?.toISOString()).toBe("2024-03-05T00:00:00.000Z");
    expect(parseIsoDate("2024-03-05T14:30:00+01:00")?.toISOString()).toBe("2024-03-05T13:30:00.000Z");
    expect(parseIsoDate("2024-03-05 14:30")?.toISOString()).toBe("2024-03-05T14:30:00.000Z");
    expect(parseIsoDate("2024-03-05T14:30:00.123456Z")?.toISOString()).toBe("2024-03-05T14:30:00.123Z");
  });

  it("rejects impossible, malformed and out-of-range dates", () => {
    for (const bad of ["2023-02-29", "2024-13-01", "2024-00-10", "05/03/2024", "yesterday", "", "9".repeat(10_000)]) expect(parseIsoDate(bad)).toBeUndefined();
    expect(DateSchema.safeParse("+275760-09-14").success).toBe(false);
    expect(DateSchema.safeParse(new Date(Number.NaN)).success).toBe(false);
    expect(DateSchema.parse("0001-01-01").toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(DateSchema.parse("9999-12-31T23:59:59Z").getUTCFullYear()).toBe(9999);
  });
});

describe("other entities", () => {
  it("parse interactions, consents, preferences, accounts, persons, households and organizations", () => {
    expect(parseInteractions([{ id: "I1", customerId: "C1", timestamp: "2024-01-01", channel: "call-centre", direction: "inbound", type: "complaint", costMinor: 450, currency: "EUR" }]).ok).toHaveLength(1);
    expect(parseInteractions([{ id: "I1", customerId: "C1", timestamp: "2024-01-01", channel: "call-centre", direction: "inbound", type: "complaint", costMinor: 450 }]).rejected[0]?.issues[0]?.path).toEqual(["currency"]);
    expect(parseConsents([{ customerId: "C1", channel: "email", purpose: "marketing", status: "granted", capturedAt: "2024-01-01", validFrom: "2024-02-01", validTo: "2024-01-15" }]).rejected[0]?.issues[0]?.path).toEqual(["validTo"]);
    expect(parseConsents([{ customerId: "C1", channel: "email", purpose: "marketing", status: "granted", capturedAt: "2024-03-01", validTo: "2024-01-15" }]).rejected[0]?.issues[0]?.path).toEqual(["validTo"]);
    expect(parseConsents([{ customerId: "C1", channel: "email", purpose: "marketing", status: "granted", capturedAt: "2024-03-01" }]).ok[0]?.validFrom).toEqual(new Date("2024-03-01T00:00:00Z"));
    expect(parseContactPreferences([{ customerId: "C1", quietHours: { start: "21:00", end: "08:00", timeZone: "Mars/Olympus" } }]).rejected[0]?.issues[0]?.path).toEqual(["quietHours", "timeZone"]);
    expect(parseAccounts([{ id: "A1", productType: "savings", owners: [], openedAt: "2020-01-01", status: "active" }]).rejected[0]?.issues[0]?.path).toEqual(["owners"]);
    expect(parsePersons([{ id: "P1", birthDate: "1980-02-30" }]).rejected).toHaveLength(1);
    expect(parseHouseholds([{ id: "H1", members: [{ personId: "P1", role: "head" }, { personId: "P2", role: "partner" }] }]).ok[0]?.members).toHaveLength(2);
    const org = parseOrganizations([{ id: "O1", name: "Acme", contacts: [{ personId: "P1", departmentId: "D1", roles: ["decider"] }, { personId: "P2", departmentId: "D2", roles: ["decider"] }] }]).ok[0];
    expect(org?.contacts.filter((c) => c.roles.includes("decider"))).toHaveLength(2);
  });

  it("parseRows works with any schema and any iterable", () => {
    function* rows(): Generator<unknown> {
      yield "2024-01-01";
      yield "nope";
    }
    const { ok, okIndex, rejected } = parseRows(DateSchema, rows());
    expect(ok).toHaveLength(1);
    expect(okIndex).toEqual([0]);
    expect(rejected[0]?.index).toBe(1);
  });
});
