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

  it("returns rows already in the model's parsed form: parsing them changes nothing", () => {
    const same = <T>(parsed: { ok: T[]; rejected: unknown[] }, rows: T[]): void => {
      expect(parsed.rejected).toEqual([]);
      expect(parsed.ok).toEqual(rows);
    };
    same(parseSourceRecords(data.sourceRecords), data.sourceRecords);
    same(parseTransactions(data.transactions), data.transactions);
    same(parseInteractions(data.interactions), data.interactions);
    same(parseConsents(data.consents), data.consents);
    same(parseContactPreferences(data.contactPreferences), data.contactPreferences);
    same(parseAccounts(data.accounts), data.accounts);
    same(parsePersons(data.persons), data.persons);
    same(parseHouseholds(data.households), data.households);
    same(parseOrganizations(data.organizations), data.organizations);
  });

  it("keeps every event inside the window and after the record it is booked on exists", () => {
    const start = data.options.start.getTime();
    const end = data.options.end.getTime();
    const created = new Map(data.sourceRecords.map((r) => [r.sourceId, r.createdAt!.getTime()]));
    const opened = new Map(data.accounts.map((a) => [a.id, a.openedAt.getTime()]));
    for (const t of data.transactions) {
      const at = t.timestamp.getTime();
      expect(at >= start && at < end).toBe(true);
      expect(at).toBeGreaterThanOrEqual(created.get(t.customerId!)!);
      if (t.accountId !== undefined) expect(at).toBeGreaterThanOrEqual(opened.get(t.accountId)!);
    }
    for (const i of data.interactions) {
      const at = i.timestamp.getTime();
      expect(at >= start && at < end).toBe(true);
      expect(at).toBeGreaterThanOrEqual(created.get(i.customerId)!);
    }
    for (const a of data.accounts) expect(a.openedAt.getTime()).toBeLessThan(end);
  });

  it("gives different people different mobiles and personal emails, as real ones have", () => {
    const owner = new Map<string, string>();
    for (const p of data.persons) {
      for (const key of [p.emails[0]!.toLowerCase(), p.phones[0]!]) {
        expect(owner.get(key) ?? p.id).toBe(p.id);
        owner.set(key, p.id);
      }
    }
    const orgDomains = data.organizations.map((o) => o.name);
    expect(new Set(orgDomains).size).toBe(orgDomains.length);
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
    const times = new Map<string, number[]>();
    for (const t of data.transactions) {
      if (t.kind !== "purchase") continue;
      const person = personOf.get(t.customerId!)!;
      times.set(person, [...(times.get(person) ?? []), t.timestamp.getTime()]);
    }
    for (const c of data.truth.customers) {
      const own = times.get(c.personId)!;
      expect(own.length).toBe(c.purchases);
      expect(Math.min(...own)).toBe(c.firstPurchaseAt.getTime());
      if (c.droppedOutAt) expect(Math.max(...own)).toBe(c.droppedOutAt.getTime());
      if (c.purchases === 1) expect(c.alive).toBe(true); // drop-out happens only after a repeat purchase
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
    const { spendShape, q, gamma } = DEFAULT_PURCHASE_PROCESS;
    const meanSpend = data.truth.customers.reduce((s, c) => s + c.meanSpend, 0) / data.truth.customers.length;
    expect(meanSpend).toBeGreaterThan(((spendShape * gamma) / (q - 1)) * 0.85);
    expect(meanSpend).toBeLessThan(((spendShape * gamma) / (q - 1)) * 1.15);
  });

  it("orders the whole data set as an export would, whatever the chunk size", () => {
    const a = generateCrmDataset({ seed: 2, customers: 400, chunkSize: 50 });
    const b = generateCrmDataset({ seed: 2, customers: 400, chunkSize: 300 });
    expect(a.sourceRecords).toEqual(b.sourceRecords);
    expect(a.transactions).toEqual(b.transactions);
    expect(a.interactions).toEqual(b.interactions);
    for (let i = 1; i < a.transactions.length; i++) expect(a.transactions[i]!.timestamp >= a.transactions[i - 1]!.timestamp).toBe(true);
    for (let i = 1; i < a.sourceRecords.length; i++) expect(a.sourceRecords[i]!.sourceId > a.sourceRecords[i - 1]!.sourceId).toBe(true);
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
    expect(() => generateCrmDataset({ seed: 1.5 })).toThrow(/seed/);
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
  it("yields chunks that hold exactly the rows of the in-memory data set", () => {
    const options = { seed: 3, customers: 1_200, chunkSize: 250 };
    const whole = generateCrmDataset(options);
    const chunks = [...streamCrmDataset(options)];
    expect(chunks.length).toBeGreaterThan(3);
    const byId = <T>(rows: T[], id: (row: T) => string): T[] => [...rows].sort((x, y) => (id(x) < id(y) ? -1 : 1));
    expect(byId(chunks.flatMap((c) => c.sourceRecords), (r) => r.sourceId)).toEqual(byId(whole.sourceRecords, (r) => r.sourceId));
    expect(byId(chunks.flatMap((c) => c.transactions), (t) => t.id)).toEqual(byId(whole.transactions, (t) => t.id));
    expect(byId(chunks.flatMap((c) => c.interactions), (t) => t.id)).toEqual(byId(whole.interactions, (t) => t.id));
    for (const key of ["persons", "households", "organizations", "accounts", "consents", "contactPreferences"] as const) {
      expect(chunks.flatMap((c) => c[key] as unknown[])).toEqual(whole[key]);
    }
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

describe("independence from the machine", () => {
  it("generates the same data in any time zone", async () => {
    const { execFileSync } = await import("node:child_process");
    const { createHash } = await import("node:crypto");
    const script = `import { generateCrmDataset } from ${JSON.stringify(new URL("../../src/synth/index.ts", import.meta.url).pathname)};
      import { createHash } from "node:crypto";
      console.log(createHash("sha256").update(JSON.stringify(generateCrmDataset({ seed: 9, customers: 300 }))).digest("hex"));`;
    const here = createHash("sha256").update(JSON.stringify(generateCrmDataset({ seed: 9, customers: 300 }))).digest("hex");
    for (const TZ of ["Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu"]) {
      const there = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, TZ } }).trim();
      expect(there).toBe(here);
    }
  });
});
