import { describe, expect, it } from "vitest";
import {
  parseAccounts,
  parseConsents,
  parseContactPreferences,
  parseHouseholds,
  parseInteractions,
  parseOrganizations,
  parsePersons,
  parseSourceRecords,
  parseTransactions,
} from "../../src/customer/index.js";
import { DEFAULT_PURCHASE_PROCESS, generateCatalogue, generateCrmDataset, resolveGenerateOptions, streamCrmDataset } from "../../src/synth/index.js";

const data = generateCrmDataset({ seed: 11, customers: 3_000 });

describe("generateCrmDataset", () => {
  it("generates the requested number of people with records in several systems", () => {
    expect(data.persons).toHaveLength(3_000);
    expect(new Set(data.sourceRecords.map((r) => r.sourceSystem))).toEqual(new Set(["pos", "web", "callcentre", "card", "b2b"]));
    expect(data.sourceRecords.length).toBeGreaterThan(1.5 * data.persons.length);
  });

  it("returns data in which every row parses with the customer model", () => {
    expect(parseSourceRecords(data.sourceRecords).rejected).toEqual([]);
    expect(parseTransactions(data.transactions).rejected).toEqual([]);
    expect(parseInteractions(data.interactions).rejected).toEqual([]);
    expect(parseConsents(data.consents).rejected).toEqual([]);
    expect(parseContactPreferences(data.contactPreferences).rejected).toEqual([]);
    expect(parseAccounts(data.accounts).rejected).toEqual([]);
    expect(parsePersons(data.persons).rejected).toEqual([]);
    expect(parseHouseholds(data.households).rejected).toEqual([]);
    expect(parseOrganizations(data.organizations).rejected).toEqual([]);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateCrmDataset({ seed: 11, customers: 300 });
    expect(JSON.stringify(generateCrmDataset({ seed: 11, customers: 300 }))).toBe(JSON.stringify(again));
    expect(JSON.stringify(generateCrmDataset({ seed: 12, customers: 300 }).sourceRecords)).not.toBe(JSON.stringify(again.sourceRecords));
  });

  it("gives ground truth consistent with the records", () => {
    const { truth } = data;
    expect(truth.records).toHaveLength(data.sourceRecords.length);
    expect(truth.customers).toHaveLength(data.persons.length);
    const persons = new Map(data.persons.map((p) => [p.id, p]));
    data.sourceRecords.forEach((record, i) => {
      const t = truth.records[i]!;
      expect(t.sourceId).toBe(record.sourceId);
      const person = persons.get(t.personId)!;
      expect(person.sourceRecords).toContainEqual({ sourceSystem: record.sourceSystem, sourceId: record.sourceId });
      expect(person.householdId).toBe(t.householdId);
      if (record.sourceSystem === "b2b") expect(person.organizationIds).toContain(t.organizationId);
    });
    expect(new Set(data.sourceRecords.map((r) => r.sourceId)).size).toBe(data.sourceRecords.length);
  });

  it("puts every person in exactly one household and keeps household members distinct people at one address", () => {
    const members = data.households.flatMap((h) => h.members.map((m) => m.personId));
    expect(new Set(members).size).toBe(members.length);
    expect(members.length).toBe(data.persons.length);
    const families = data.households.filter((h) => h.members.length > 1);
    expect(families.length).toBeGreaterThan(100);
    const persons = new Map(data.persons.map((p) => [p.id, p]));
    for (const h of families) {
      const addresses = new Set(h.members.map((m) => JSON.stringify(persons.get(m.personId)!.addresses[0])));
      expect(addresses.size).toBe(1);
    }
    const sameFamilyName = families.filter((h) => new Set(h.members.map((m) => persons.get(m.personId)!.familyName)).size === 1);
    expect(sameFamilyName.length).toBeGreaterThan(families.length / 3);
  });

  it("gives organizations several contacts, and sometimes several deciders", () => {
    expect(data.organizations.length).toBeGreaterThan(10);
    for (const org of data.organizations) expect(org.contacts.length).toBeGreaterThanOrEqual(2);
    expect(data.organizations.some((o) => o.contacts.filter((c) => c.roles.includes("decider")).length >= 2)).toBe(true);
  });

  it("books transactions and interactions on the systems' own customer ids and accounts", () => {
    const ids = new Set(data.sourceRecords.map((r) => r.sourceId));
    const accounts = new Set(data.accounts.map((a) => a.id));
    for (const t of data.transactions) {
      expect(ids.has(t.customerId!)).toBe(true);
      if (t.accountId !== undefined) expect(accounts.has(t.accountId)).toBe(true);
      expect(t.amountMinor).toBe(t.lines.length === 0 ? t.amountMinor : t.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0));
    }
    for (const i of data.interactions) expect(ids.has(i.customerId)).toBe(true);
    expect(data.accounts.some((a) => a.owners.length === 2)).toBe(true);
  });

  it("generates purchases from the stated buy-till-you-die truth", () => {
    const personOf = new Map(data.truth.records.map((r) => [r.sourceId, r.personId]));
    const purchases = new Map<string, number>();
    for (const t of data.transactions) if (t.kind === "purchase") purchases.set(personOf.get(t.customerId!)!, (purchases.get(personOf.get(t.customerId!)!) ?? 0) + 1);
    for (const c of data.truth.customers) {
      expect(purchases.get(c.personId)).toBe(c.purchases);
      expect(c.alive).toBe(c.droppedOutAt === undefined);
      expect(c.purchaseRate).toBeGreaterThan(0);
      expect(c.dropoutProbability).toBeGreaterThanOrEqual(0);
      expect(c.dropoutProbability).toBeLessThanOrEqual(1);
    }
    const { r, alpha, a, b } = DEFAULT_PURCHASE_PROCESS;
    const meanRate = data.truth.customers.reduce((s, c) => s + c.purchaseRate, 0) / data.truth.customers.length;
    const meanDropout = data.truth.customers.reduce((s, c) => s + c.dropoutProbability, 0) / data.truth.customers.length;
    expect(meanRate).toBeGreaterThan((r / alpha) * 0.85);
    expect(meanRate).toBeLessThan((r / alpha) * 1.15);
    expect(meanDropout).toBeGreaterThan((a / (a + b)) * 0.85);
    expect(meanDropout).toBeLessThan((a / (a + b)) * 1.15);
  });

  it("writes the same person differently in different systems, as real systems do", () => {
    const records = data.sourceRecords;
    const phones = records.flatMap((r) => r.phones);
    expect(phones.some((p) => p.startsWith("+44 "))).toBe(true);
    expect(phones.some((p) => /^0\d{10}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^1[3-9]\d{9}$/.test(p))).toBe(true);
    expect(phones.some((p) => /[\uff10-\uff19]/.test(p))).toBe(true);
    expect(records.some((r) => r.emails.some((e) => e.includes("+")))).toBe(true);
    const names = records.map((r) => `${r.familyName ?? ""}${r.givenName ?? ""}${r.fullName ?? ""}`);
    expect(names.some((n) => n.includes("陈"))).toBe(true);
    expect(names.some((n) => n.includes("陳"))).toBe(true);
    const byPerson = new Map<string, string[]>();
    data.truth.records.forEach((t, i) => byPerson.set(t.personId, [...(byPerson.get(t.personId) ?? []), names[i]!]));
    const differing = [...byPerson.values()].filter((list) => list.length > 1 && new Set(list).size > 1);
    expect(differing.length).toBeGreaterThan(byPerson.size / 10);
  });

  it("rejects invalid options with a message naming the option", () => {
    expect(() => generateCrmDataset({ customers: -1 })).toThrow(/customers/);
    expect(() => generateCrmDataset({ chineseShare: 2 })).toThrow(/chineseShare/);
    expect(() => generateCrmDataset({ currency: "XYZ" })).toThrow(/XYZ/);
    expect(() => generateCrmDataset({ purchaseProcess: { r: 0 } })).toThrow(/purchaseProcess.r/);
    expect(() => generateCrmDataset({ part: { index: 2, of: 2 } })).toThrow(/part.index/);
    expect(() => generateCrmDataset({ start: new Date("2024-01-01"), end: new Date("2023-01-01") })).toThrow(/end/);
    expect(resolveGenerateOptions({}).customers).toBe(1000);
  });

  it("returns an empty data set for zero customers", () => {
    const empty = generateCrmDataset({ customers: 0 });
    expect(empty.persons).toEqual([]);
    expect(empty.transactions).toEqual([]);
    expect(empty.catalogue.length).toBeGreaterThan(0);
  });
});

describe("streamCrmDataset", () => {
  it("yields chunks that concatenate to the in-memory data set", () => {
    const options = { seed: 3, customers: 1_200, chunkSize: 250 };
    const whole = generateCrmDataset(options);
    const chunks = [...streamCrmDataset(options)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.flatMap((c) => c.sourceRecords)).toEqual(whole.sourceRecords);
    expect(chunks.flatMap((c) => c.transactions)).toEqual(whole.transactions);
    expect(chunks.flatMap((c) => c.truth.customers)).toEqual(whole.truth.customers);
  });

  it("never splits a household across chunks", () => {
    for (const chunk of streamCrmDataset({ seed: 4, customers: 600, chunkSize: 7 })) {
      const people = new Set(chunk.persons.map((p) => p.id));
      for (const h of chunk.households) for (const m of h.members) expect(people.has(m.personId)).toBe(true);
    }
  });
});

describe("generateCatalogue", () => {
  it("returns the data set's catalogue, with categories, styles, price bands and complements", () => {
    const items = generateCatalogue({ seed: 11 });
    expect(items).toEqual(data.catalogue);
    expect(new Set(items.map((i) => i.priceBand))).toEqual(new Set(["budget", "mid", "premium"]));
    expect(items.some((i) => i.complementSku !== undefined)).toBe(true);
    expect(items.some((i) => i.consumable)).toBe(true);
  });
});
