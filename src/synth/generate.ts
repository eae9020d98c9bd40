import { addMonths } from "date-fns";
import { hash32, Rng, mixSeed } from "../_lib/random.js";
import { UtcDate } from "../_lib/utc-date.js";
import { sortByTimestamp, stableOrder } from "../_lib/order.js";
import type { Account, Consent, ContactPreference, Household, Interaction, Organization, Person, SourceRecord, Transaction } from "../customer/index.js";
import { minorUnitExponent } from "../customer/index.js";
import { accountId, openAccounts, drawLifecycle, writeInteractions, writeTransactions, type ActivityContext } from "./activity.js";
import { buildCatalogue, type CatalogueModel } from "./catalogue.js";
import { resolveGenerateOptions } from "./options.js";
import { drawHousehold, drawOrganizationUnit, type IdCounters, type PersonDraft } from "./people.js";
import { chooseSystems, NO_ATTRIBUTES, recordIdSortKey, writeRecord, type GeneratedRecord } from "./records.js";
import type { CatalogueItem, CrmDataset, CrmDatasetChunk, GenerateOptions, ResolvedGenerateOptions, TrueCustomer, TrueRecord } from "./types.js";
import type { Place } from "./places.js";

const DAY = 86_400_000;

/**
 * The product catalogue of a generated data set, without the rest: the same items
 * {@link generateCrmDataset} returns for the same `seed` and `catalogueSize`, for callers of
 * {@link streamCrmDataset}.
 *
 * @param options - Only `seed` (default 1) and `catalogueSize` (default 600) matter.
 * @returns The products.
 * @example
 * ```ts
 * const items = generateCatalogue({ seed: 1 });
 * items[0]?.sku; // "SKU-00001"
 * ```
 */
export function generateCatalogue(options: Pick<GenerateOptions, "seed" | "catalogueSize"> = {}): CatalogueItem[] {
  const resolved = resolveGenerateOptions({ ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.catalogueSize !== undefined ? { catalogueSize: options.catalogueSize } : {}) });
  return buildCatalogue(resolved.seed, resolved.catalogueSize).items;
}

function toAddress(place: Place): Person["addresses"][number] {
  const street = place.streetType >= 0 ? `${place.street}` : place.street;
  return {
    lines: [place.country === "DE" ? `${street} ${place.houseNumber}` : `${place.houseNumber} ${street}`, ...(place.flat ? [`Flat ${place.flat}`] : [])],
    city: place.city,
    ...(place.region ? { region: place.region } : {}),
    postcode: place.postcode,
    country: place.country,
    kind: "home",
  };
}

function truePerson(p: PersonDraft, records: readonly GeneratedRecord[]): Person {
  const n = p.name;
  const pad = (v: number): string => String(v).padStart(2, "0");
  const phones = [`+${p.mobile.cc}${p.mobile.nsn}`];
  if (p.landline) phones.push(`+${p.landline.cc}${p.landline.nsn}`);
  return {
    id: p.id,
    honorific: p.honorific,
    givenName: n.given,
    familyName: n.family,
    fullName: p.chinese ? `${n.family}${n.given}` : `${n.given} ${n.family}`,
    birthDate: `${p.birth.y}-${pad(p.birth.m)}-${pad(p.birth.d)}`,
    gender: p.gender,
    emails: p.contact ? [p.email, p.contact.workEmail] : [p.email],
    phones,
    addresses: [toAddress(p.place)],
    householdId: p.householdId,
    organizationIds: p.contact ? [p.contact.org.id] : [],
    sourceRecords: records.map((r) => ({ sourceSystem: r.system, sourceId: r.truth.sourceId })),
    attributes: NO_ATTRIBUTES,
  };
}

/**
 * The shape of every unit (a household or an organization with its contacts) of a data set, drawn
 * up front from each unit's own random stream. It fixes where each unit's people, households and
 * organizations fall in the id sequences, so that any range of units can be generated on its own.
 */
interface UnitPlan {
  /** 1 for an organization unit, 0 for a household. */
  readonly organization: Uint8Array;
  /** People in each unit. */
  readonly size: Uint8Array;
}

function planUnits(o: ResolvedGenerateOptions): UnitPlan {
  let capacity = Math.max(16, Math.ceil(o.customers / 1.5));
  let organization = new Uint8Array(capacity);
  let size = new Uint8Array(capacity);
  let units = 0;
  for (let generated = 0; generated < o.customers; units++) {
    if (units === capacity) {
      capacity *= 2;
      const grownOrg = new Uint8Array(capacity);
      grownOrg.set(organization);
      organization = grownOrg;
      const grownSize = new Uint8Array(capacity);
      grownSize.set(size);
      size = grownSize;
    }
    const shape = drawUnitShape(new Rng(mixSeed(o.seed, units)), o);
    const n = Math.min(shape.size, o.customers - generated);
    organization[units] = shape.kind === "organization" && n >= 2 ? 1 : 0;
    size[units] = n;
    generated += n;
  }
  return { organization: organization.subarray(0, units), size: size.subarray(0, units) };
}

interface MutableChunk {
  sourceRecords: SourceRecord[];
  persons: Person[];
  households: Household[];
  organizations: Organization[];
  accounts: Account[];
  transactions: Transaction[];
  interactions: Interaction[];
  consents: Consent[];
  contactPreferences: ContactPreference[];
  truthRecords: TrueRecord[];
  truthCustomers: TrueCustomer[];
}

const emptyChunk = (): MutableChunk => ({
  sourceRecords: [],
  persons: [],
  households: [],
  organizations: [],
  accounts: [],
  transactions: [],
  interactions: [],
  consents: [],
  contactPreferences: [],
  truthRecords: [],
  truthCustomers: [],
});

/** Draws the kind and size of the next unit (single person, household, organization). */
function drawUnitShape(rng: Rng, o: ResolvedGenerateOptions): { kind: "household" | "organization"; size: number } {
  const wSingle = Math.max(0, 1 - o.householdShare - o.organizationShare);
  const wHousehold = o.householdShare / 2.65;
  const wOrg = o.organizationShare / 4;
  const u = rng.next() * (wSingle + wHousehold + wOrg);
  if (u < wSingle) return { kind: "household", size: 1 };
  if (u < wSingle + wHousehold) {
    const v = rng.next();
    return { kind: "household", size: v < 0.55 ? 2 : v < 0.8 ? 3 : 4 };
  }
  return { kind: "organization", size: 2 + rng.int(5) };
}

/** Everything the units of one data set share. */
interface Shared {
  readonly o: ResolvedGenerateOptions;
  readonly catalogue: CatalogueModel;
  readonly campaigns: readonly { id: string; at: number }[];
  readonly idKey: number;
}

function generateUnit(shared: Shared, unit: number, isOrganization: boolean, size: number, counters: IdCounters, out: MutableChunk): void {
  const { o, catalogue, campaigns, idKey } = shared;
  const rng = new Rng(mixSeed(o.seed, unit));
  drawUnitShape(rng, o); // the plan drew it from this stream; draw again to stay in step
  const start = o.start.getTime();
  const end = o.end.getTime();
  const window = { start, end };
  const endYear = o.end.getUTCFullYear();
  const people = isOrganization
    ? drawOrganizationUnit(rng, counters, size, o.chineseShare, window, endYear)
    : drawHousehold(rng, counters, size, o.chineseShare, window, endYear);
  const recordCtx = { rng, noise: o.noise, idKey, start, end };
  const activity: ActivityContext = {
    rng,
    process: o.purchaseProcess,
    catalogue,
    currency: o.currency,
    minorPerMajor: 10 ** minorUnitExponent(o.currency),
    start,
    end,
    campaigns,
    idKey,
  };
  const unitAccounts: { person: PersonDraft; records: GeneratedRecord[]; accounts: Account[] }[] = [];
  for (const p of people) {
    const life = drawLifecycle(rng, o.purchaseProcess, start, end);
    const records: GeneratedRecord[] = [];
    for (const s of chooseSystems(rng, p, life.times[0]!, start, end)) records.push(writeRecord(recordCtx, p, s.system, records.length, s.createdAt));
    const accounts = openAccounts(activity, p.index, records, life);
    unitAccounts.push({ person: p, records, accounts });
    for (const r of records) {
      out.sourceRecords.push(r.record);
      out.truthRecords.push(r.truth);
    }
    append(out.accounts, accounts);
    append(out.transactions, writeTransactions(activity, p, records, accounts, life));
    if (o.interactions) {
      const contacts = writeInteractions(activity, p, records, life);
      append(out.interactions, contacts.interactions);
      append(out.consents, contacts.consents);
      append(out.contactPreferences, contacts.contactPreferences);
    }
    out.persons.push(truePerson(p, records));
    out.truthCustomers.push({
      personId: p.id,
      householdId: p.householdId,
      ...(p.contact ? { organizationId: p.contact.org.id } : {}),
      purchaseRate: life.lambda,
      dropoutProbability: life.dropout,
      meanSpend: o.purchaseProcess.spendShape / life.nu,
      firstPurchaseAt: new Date(life.times[0]!),
      ...(life.droppedOutAt !== undefined ? { droppedOutAt: new Date(life.droppedOutAt) } : {}),
      alive: life.droppedOutAt === undefined,
      purchases: life.times.length,
    });
  }
  // Joint store-card accounts: couples who both hold a card often share one account too.
  const holders = unitAccounts.filter((u) => u.records.some((r) => r.system === "card"));
  const jointIds: string[] = [];
  if (!isOrganization && holders.length >= 2 && rng.chance(0.5)) {
    const [a, b] = holders as [(typeof holders)[0], (typeof holders)[0]];
    const cardA = a.records.find((r) => r.system === "card")!;
    const cardB = b.records.find((r) => r.system === "card")!;
    const openedAt = Math.max(cardA.createdAt, cardB.createdAt) + 30 * DAY;
    if (openedAt < end) {
      const id = accountId(idKey, a.person.index, 2);
      jointIds.push(id);
      out.accounts.push({
        id,
        productType: "joint-store-card",
        owners: [
          { partyId: cardA.truth.sourceId, partyKind: "source-record", role: "primary" },
          { partyId: cardB.truth.sourceId, partyKind: "source-record", role: "joint" },
        ],
        openedAt: new Date(openedAt),
        closedAt: undefined,
        status: "active",
        currency: o.currency,
        sourceSystem: "card",
        attributes: NO_ATTRIBUTES,
      });
      (cardA.record.accountIds as string[]).push(id);
      (cardB.record.accountIds as string[]).push(id);
    }
  }
  if (!isOrganization) {
    const head = people[0]!;
    out.households.push({
      id: head.householdId,
      name: head.name.family,
      members: people.map((p) => ({ personId: p.id, role: p.householdRole })),
      address: toAddress(head.place),
      accountIds: jointIds,
    });
  } else {
    const org = people[0]!.contact!.org;
    for (const p of people) out.households.push({ id: p.householdId, name: p.name.family, members: [{ personId: p.id, role: "other" }], address: toAddress(p.place), accountIds: [] });
    out.organizations.push({
      id: org.id,
      name: org.name,
      departments: org.departments.map((d) => ({ id: d.id, name: d.name })),
      contacts: people.map((p) => ({ personId: p.id, departmentId: p.contact!.departmentId, jobTitle: p.contact!.jobTitle, roles: [...p.contact!.roles] })),
      addresses: [toAddress(org.place)],
      attributes: NO_ATTRIBUTES,
    });
  }
}

/** Orders records by `sourceId` (random-looking ids: a seeded shuffle that does not depend on chunking). */
function orderRecords(records: SourceRecord[], truth: TrueRecord[]): { records: SourceRecord[]; truth: TrueRecord[] } {
  const keys = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) keys[i] = recordIdSortKey(records[i]!.sourceId);
  const order = stableOrder(keys);
  const orderedRecords = new Array<SourceRecord>(order.length);
  const orderedTruth = new Array<TrueRecord>(order.length);
  for (let k = 0; k < order.length; k++) {
    orderedRecords[k] = records[order[k]!]!;
    orderedTruth[k] = truth[order[k]!]!;
  }
  return { records: orderedRecords, truth: orderedTruth };
}

function finishChunk(chunkIndex: number, c: MutableChunk): CrmDatasetChunk {
  const { records, truth } = orderRecords(c.sourceRecords, c.truthRecords);
  return {
    chunk: chunkIndex,
    sourceRecords: records,
    persons: c.persons,
    households: c.households,
    organizations: c.organizations,
    accounts: c.accounts,
    transactions: sortByTimestamp(c.transactions),
    interactions: sortByTimestamp(c.interactions),
    consents: c.consents,
    contactPreferences: c.contactPreferences,
    truth: { records: truth, customers: c.truthCustomers },
  };
}

/** The marketing calendar: an email campaign every other month, a month after the window opens. */
function campaignCalendar(o: ResolvedGenerateOptions): { id: string; at: number }[] {
  const campaigns: { id: string; at: number }[] = [];
  const start = new UtcDate(o.start.getTime());
  for (let k = 1; addMonths(start, k).getTime() < o.end.getTime(); k += 2) {
    const at = addMonths(start, k);
    campaigns.push({ id: `CMP-${at.toISOString().slice(0, 7)}`, at: at.getTime() });
  }
  return campaigns;
}

/**
 * Generates a CRM data set in chunks of about `chunkSize` people, for sizes that should not sit in
 * memory at once. Households and organizations are never split across chunks. Concatenating the
 * chunks' arrays gives exactly what {@link generateCrmDataset} returns for the same options.
 *
 * @param options - See {@link GenerateOptions}.
 * @returns An iterator of chunks.
 * @throws RangeError naming the option when an option is out of range.
 * @example
 * ```ts
 * let purchases = 0;
 * for (const chunk of streamCrmDataset({ seed: 1, customers: 1_000_000 })) {
 *   purchases += chunk.transactions.filter((t) => t.kind === "purchase").length;
 * }
 * ```
 */
export function* streamCrmDataset(options: GenerateOptions = {}): Generator<CrmDatasetChunk, void, undefined> {
  const o = resolveGenerateOptions(options);
  const catalogue = buildCatalogue(o.seed, o.catalogueSize);
  yield* streamWith(o, catalogue);
}

function* streamWith(o: ResolvedGenerateOptions, catalogue: CatalogueModel): Generator<CrmDatasetChunk, void, undefined> {
  const idKey = hash32(mixSeed(o.seed, 0x1d5) ^ 0x5bd1e995); // not any unit's stream seed
  const shared: Shared = { o, catalogue, campaigns: campaignCalendar(o), idKey };
  const plan = planUnits(o);
  // Chunk k holds the units whose first person falls in [k * chunkSize, (k + 1) * chunkSize); a
  // part is a run of whole chunks, so parts concatenate to exactly the whole data set.
  const chunks = Math.ceil(o.customers / o.chunkSize);
  const firstChunk = Math.floor((o.part.index * chunks) / o.part.of);
  const endChunk = Math.floor(((o.part.index + 1) * chunks) / o.part.of);
  const counters: IdCounters = { person: 0, household: 0, organization: 0, key: idKey, emailDigits: Math.max(2, String(o.customers).length) };
  let unit = 0;
  while (unit < plan.size.length && counters.person < firstChunk * o.chunkSize) advance(counters, plan, unit++);
  for (let k = firstChunk; k < endChunk; k++) {
    const chunk = emptyChunk();
    const limit = (k + 1) * o.chunkSize;
    while (unit < plan.size.length && counters.person < limit) {
      generateUnit(shared, unit, plan.organization[unit] === 1, plan.size[unit]!, counters, chunk);
      unit += 1;
    }
    if (chunk.persons.length > 0) yield finishChunk(k, chunk);
  }
}

/** Moves the id counters past a unit without generating it. */
function advance(counters: IdCounters, plan: UnitPlan, unit: number): void {
  const size = plan.size[unit]!;
  counters.person += size;
  if (plan.organization[unit] === 1) {
    counters.organization += 1;
    counters.household += size;
  } else counters.household += 1;
}

/**
 * Generates a realistic CRM data set with ground truth: several source systems whose records of
 * the same person differ as real ones do, households and organizations, transactions from a known
 * buy-till-you-die process over a product catalogue with co-purchase structure, interactions,
 * consents and contact preferences. Deterministic: the same options give the same data.
 *
 * @param options - See {@link GenerateOptions}.
 * @returns The data set and its ground truth.
 * @throws RangeError naming the option when an option is out of range.
 * @example
 * ```ts
 * const data = generateCrmDataset({ seed: 42, customers: 2_000 });
 * console.log(data.sourceRecords.length, "records of", data.persons.length, "people");
 * const personOf = new Map(data.truth.records.map((r) => [r.sourceId, r.personId]));
 * ```
 */
export function generateCrmDataset(options: GenerateOptions = {}): CrmDataset {
  const o = resolveGenerateOptions(options);
  const catalogue = buildCatalogue(o.seed, o.catalogueSize);
  const all = emptyChunk();
  for (const chunk of streamWith(o, catalogue)) {
    append(all.sourceRecords, chunk.sourceRecords);
    append(all.persons, chunk.persons);
    append(all.households, chunk.households);
    append(all.organizations, chunk.organizations);
    append(all.accounts, chunk.accounts);
    append(all.transactions, chunk.transactions);
    append(all.interactions, chunk.interactions);
    append(all.consents, chunk.consents);
    append(all.contactPreferences, chunk.contactPreferences);
    append(all.truthRecords, chunk.truth.records);
    append(all.truthCustomers, chunk.truth.customers);
  }
  // Order the whole data set as one export would be, whatever the chunk size.
  const records = orderRecords(all.sourceRecords, all.truthRecords);
  return {
    options: o,
    catalogue: catalogue.items,
    sourceRecords: records.records,
    persons: all.persons,
    households: all.households,
    organizations: all.organizations,
    accounts: all.accounts,
    transactions: sortByTimestamp(all.transactions),
    interactions: sortByTimestamp(all.interactions),
    consents: all.consents,
    contactPreferences: all.contactPreferences,
    truth: { records: records.truth, customers: all.truthCustomers },
  };
}

/** Appends without spreading (spreading millions of elements overflows the call stack). */
function append<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
}
