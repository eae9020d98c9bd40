import type { Address, Household, Person, SourceRecord } from "../customer/index.js";
import { normalizeAddress, normalizePhone } from "./normalize/index.js";
import { pinyinKey } from "./normalize/index.js";
import { addressCacheKey, addressFromCacheKey, copyAddress, memoize } from "./memo.js";
import { pinyinTexts } from "./features.js";
import { phoneRegionOf, type PreparedRecords } from "./prepare.js";
import { KeyTable } from "./key-table.js";
import { membersByLabel, UnionFind } from "./union-find.js";

/**
 * A person entity with the source records it was built from, as households and organizations
 * group them.
 *
 * @example
 * ```ts
 * const member: EntityMember = { person, records };
 * ```
 */
export interface EntityMember {
  /** The person entity (only its id is read; a golden record will do). */
  readonly person: Pick<Person, "id">;
  /** The entity's source records. */
  readonly records: readonly SourceRecord[];
}

/**
 * Options of {@link groupHouseholds}.
 *
 * @example
 * ```ts
 * const options: HouseholdOptions = { byPhone: false, maxSize: 8 };
 * ```
 */
export interface HouseholdOptions {
  /** Link people who share a normalised street address and a family name (default `true`). */
  readonly byAddressAndFamilyName?: boolean;
  /** Link people who share a phone number (default `true`). */
  readonly byPhone?: boolean;
  /** Link people who hold an account together (default `true`). */
  readonly byJointAccount?: boolean;
  /** A value shared by more people than this (a care home's address, a switchboard) links nobody (default `10`). */
  readonly maxSize?: number;
  /** Phone region for numbers without a country code (default: none). */
  readonly defaultRegion?: string;
}

/**
 * The outcome of {@link groupHouseholds}: every person is in exactly one household (a person
 * living alone is a one-member household).
 *
 * @example
 * ```ts
 * const { households, householdOf } = groupHouseholds(members);
 * ```
 */
export interface HouseholdGrouping {
  /** The households, ordered by id. */
  readonly households: Household[];
  /** Household id per person id. */
  readonly householdOf: ReadonlyMap<string, string>;
}

/** Records that describe a business contact hold work addresses and phones, not home ones. */
const isWorkRecord = (r: SourceRecord): boolean => r.organizationName !== undefined;

function familyKeys(m: EntityMember, surnameKey: (text: string) => string): Set<string> {
  const out = new Set<string>();
  for (const r of m.records) {
    const family = r.familyName ?? (r.givenName === undefined ? r.fullName : undefined);
    if (family === undefined) continue;
    const key = surnameKey(family);
    if (key !== "") out.add(key);
  }
  return out;
}

function mostCommon<T>(items: readonly T[], key: (t: T) => string): T | undefined {
  if (items.length <= 1) return items[0];
  const counts = new Map<string, { item: T; n: number }>();
  for (const item of items) {
    const k = key(item);
    const entry = counts.get(k);
    if (entry) entry.n++;
    else counts.set(k, { item, n: 1 });
  }
  let best: { item: T; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.item;
}

/**
 * The values that can tie one person to a household. Keys are compared within their kind only;
 * they may be text or numbers (ids of prepared values).
 */
interface HouseholdKeys {
  /** Street line + postcode (or city) + romanised family name, per home address and family name. */
  readonly addresses: readonly (string | number)[];
  /** Normalised home phone numbers. */
  readonly phones: readonly (string | number)[];
  /** Account ids. */
  readonly accounts: readonly string[];
}

/**
 * Groups person entities into households without merging the people: two people share a
 * household when they share a normalised street address and a family name (romanised, so 陈 and
 * "Chen" agree), a phone number, or an account (a record of each lists the same account id).
 * Work records (those of business contacts) do not count, and a value shared by more than
 * `maxSize` people links nobody. Households are the connected groups; a household's id derives
 * from its first member's id, so it is stable when unrelated people are added. A household's name
 * is the family name its members' records give most often, and its address the street address
 * their home records give most often.
 *
 * @param members - Person entities with their source records.
 * @param options - Which links count, size guard; see {@link HouseholdOptions}.
 * @returns The households and each person's household.
 * @example
 * ```ts
 * const { households } = groupHouseholds([{ person: ann, records: annRecords }, { person: bob, records: bobRecords }]);
 * households.find((h) => h.members.length === 2); // Ann and Bob, when they share an address and family name
 * ```
 */
export function groupHouseholds(members: readonly EntityMember[], options: HouseholdOptions = {}): HouseholdGrouping {
  const region = options.defaultRegion;
  const surnameKey = memoize((text) => pinyinKey(text, { surname: true }).replace(/ /g, ""));
  const addressOf = memoize((key) => normalizeAddress(addressFromCacheKey(key)));
  const phoneIn = new Map<string, (text: string) => string | undefined>();
  const phoneOf = (text: string, record: SourceRecord): string | undefined => {
    const r = phoneRegionOf(record, region) ?? "";
    let fn = phoneIn.get(r);
    if (fn === undefined) phoneIn.set(r, (fn = memoize((t) => normalizePhone(t, r ? { defaultRegion: r } : {}))));
    return fn(text);
  };
  return groupByKeys(members, options, (m) => {
    const home = m.records.filter((r) => !isWorkRecord(r));
    const families = familyKeys(m, surnameKey);
    const addresses: string[] = [];
    for (const r of home) {
      for (const a of r.addresses) {
        const n = addressOf(addressCacheKey(a));
        if (n.houseNumber === undefined || n.street === "") continue;
        for (const family of families) addresses.push(`${n.line}\u0000${n.postcode ?? n.city ?? ""}\u0000${family}`);
      }
    }
    const phones = home.flatMap((r) => r.phones.flatMap((p) => phoneOf(p, r) ?? []));
    return { addresses, phones, accounts: m.records.flatMap((r) => r.accountIds) };
  });
}

/**
 * Groups person entities into households like {@link groupHouseholds}, reading the normalised
 * addresses, phones and family names from prepared records instead of normalising again.
 *
 * @param prepared - The prepared records.
 * @param members - Each person with the canonical indices of its records.
 * @param options - Which links count, size guard.
 * @returns The households and each person's household.
 */
export function groupHouseholdsPrepared(prepared: PreparedRecords, members: readonly (EntityMember & { readonly indices: readonly number[] })[], options: HouseholdOptions = {}): HouseholdGrouping {
  const { address, postcode, city, familyName, phone } = prepared.columns;
  // Numbers stand for the values: an address line's id, the place (postcode id, else city id after
  // all postcode ids), the family name's romanised key; a line and place pair gets a dense id.
  const surnames = pinyinTexts(familyName.dictionary, true);
  const family = familyName.dictionary.keyFeature("household-surname", (_v, id) => surnames[id]!.replace(/ /g, ""));
  const families = familyName.dictionary.keyValues("household-surname").length + 1;
  const houseLevel = address.dictionary.feature("house-level", (line) => /^\d/.test(line) && line.includes(" "));
  const linePlaces = new KeyTable(1 << 12);
  const placeCount = postcode.dictionary.size + city.dictionary.size + 1;
  const placeOf = (i: number): number => {
    if (postcode.offsets[i]! < postcode.offsets[i + 1]!) return postcode.values[postcode.offsets[i]!]!;
    if (city.offsets[i]! < city.offsets[i + 1]!) return postcode.dictionary.size + city.values[city.offsets[i]!]!;
    return placeCount - 1;
  };
  return groupByKeys(members, options, (m) => {
    const memberFamilies: number[] = [];
    for (const i of m.indices) {
      for (let v = familyName.offsets[i]!; v < familyName.offsets[i + 1]!; v++) {
        const f = family[familyName.values[v]!]!;
        const key = f < 0 ? families - 1 : f;
        if (!memberFamilies.includes(key)) memberFamilies.push(key);
      }
    }
    const addresses: number[] = [];
    const phones: number[] = [];
    const accounts: string[] = [];
    for (const i of m.indices) {
      const record = prepared.records[i]!;
      for (const id of record.accountIds) accounts.push(id);
      if (isWorkRecord(record)) continue;
      for (let v = phone.offsets[i]!; v < phone.offsets[i + 1]!; v++) phones.push(phone.values[v]!);
      if (memberFamilies.length === 0) continue;
      const place = placeOf(i);
      for (let v = address.offsets[i]!; v < address.offsets[i + 1]!; v++) {
        const line = address.values[v]!;
        // a house-level address starts with a house number
        if (!houseLevel[line]) continue;
        const linePlace = linePlaces.intern(line * placeCount + place);
        for (const f of memberFamilies) addresses.push(linePlace * families + f);
      }
    }
    return { addresses, phones, accounts };
  });
}

/**
 * The members holding each key, ascending (members are added in order, so a repeat is the last
 * one). Number keys (ids of prepared values, non-negative integers) are numbered by a typed-array
 * table rather than held in a map; a key held by one member so far keeps it as a number, not a list.
 */
class KeyHolders {
  private readonly numbers = new KeyTable(1 << 12);
  private readonly texts = new Map<string, number>();
  private readonly byNumber: (number | number[])[] = [];
  private readonly byText: (number | number[])[] = [];

  /** Records that `member` holds `key`. */
  add(key: string | number, member: number): void {
    if (typeof key === "number") KeyHolders.hold(this.byNumber, this.numbers.intern(key), member);
    else {
      let id = this.texts.get(key);
      if (id === undefined) this.texts.set(key, (id = this.byText.length));
      KeyHolders.hold(this.byText, id, member);
    }
  }

  /** Calls `visit` with the holders of every key held by two members or more. */
  forEachShared(visit: (members: readonly number[]) => void): void {
    for (const list of [this.byNumber, this.byText]) for (const held of list) if (typeof held !== "number") visit(held);
  }

  private static hold(holders: (number | number[])[], id: number, member: number): void {
    if (id === holders.length) holders.push(member);
    else {
      const held = holders[id]!;
      if (typeof held === "number") {
        if (held !== member) holders[id] = [held, member];
      } else if (held[held.length - 1] !== member) held.push(member);
    }
  }
}

const isSortedById = (members: readonly EntityMember[]): boolean => members.every((m, k) => k === 0 || members[k - 1]!.person.id < m.person.id);

/** Links members that share a key, and assembles the households. */
function groupByKeys<M extends EntityMember>(members: readonly M[], options: HouseholdOptions, keysOf: (member: M) => HouseholdKeys): HouseholdGrouping {
  const maxSize = options.maxSize ?? 10;
  if (!(Number.isInteger(maxSize) && maxSize >= 2)) throw new RangeError(`households.maxSize must be an integer of at least 2, got ${maxSize}`);
  const ordered = isSortedById(members) ? members : [...members].sort((a, b) => (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0));
  const byAddress = new KeyHolders();
  const byPhone = new KeyHolders();
  const byAccount = new KeyHolders();
  const linkAddresses = options.byAddressAndFamilyName ?? true;
  const linkPhones = options.byPhone ?? true;
  const linkAccounts = options.byJointAccount ?? true;
  ordered.forEach((m, k) => {
    const keys = keysOf(m);
    if (linkAddresses) for (const a of keys.addresses) byAddress.add(a, k);
    if (linkPhones) for (const p of keys.phones) byPhone.add(p, k);
    if (linkAccounts) for (const id of keys.accounts) byAccount.add(id, k);
  });
  const uf = new UnionFind(ordered.length);
  for (const byKey of [byAddress, byPhone, byAccount]) {
    byKey.forEachShared((list) => {
      if (list.length > maxSize) return;
      for (let x = 1; x < list.length; x++) uf.union(list[0]!, list[x]!);
    });
  }
  // Households come out in order of their first member, so sorted by id (`H-` + that member's id).
  const households: Household[] = [];
  const householdOf = new Map<string, string>();
  for (const group of membersByLabel(uf.labels())) {
    const people = group.map((k) => ordered[k]!);
    const id = `H-${people[0]!.person.id}`;
    const names: string[] = [];
    const addresses: Address[] = [];
    for (const m of people) {
      for (const r of m.records) {
        if (r.familyName) names.push(r.familyName);
        if (!isWorkRecord(r)) for (const a of r.addresses) if (a.lines.length > 0) addresses.push(a);
      }
    }
    const name = mostCommon(names, (x) => x.toLowerCase());
    const address = mostCommon(addresses, (a: Address) => `${a.lines.join(" ").toLowerCase()}|${a.postcode ?? ""}`);
    const accounts = new Map<string, Set<string>>();
    for (const m of people) for (const r of m.records) for (const acc of r.accountIds) (accounts.get(acc) ?? accounts.set(acc, new Set()).get(acc)!).add(m.person.id);
    const joint = [...accounts].filter(([, holders]) => holders.size > 1).map(([acc]) => acc).sort();
    households.push({
      id,
      ...(name !== undefined ? { name } : {}),
      members: people.map((m) => ({ personId: m.person.id })),
      ...(address !== undefined ? { address: copyAddress(address) } : {}),
      accountIds: joint,
    });
    for (const m of people) householdOf.set(m.person.id, id);
  }
  return { households, householdOf };
}
