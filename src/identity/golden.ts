import type { Address, Person, SourceRecord, SourceRef } from "../customer/index.js";
import { sourceRecordKey } from "../customer/index.js";
import {
  formatDateParts,
  normalizeAddress,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  parseDateParts,
  type DayMonthOrder,
} from "./normalize/index.js";
import { addressCacheKey, addressFromCacheKey, copyAddress, memoize } from "./memo.js";
import { columnValues, phoneRegionOf, type PreparedRecords } from "./prepare.js";

/**
 * The fields of a golden record that survivorship rules choose.
 *
 * @example
 * ```ts
 * const field: GoldenField = "familyName";
 * ```
 */
export type GoldenField = "honorific" | "givenName" | "familyName" | "fullName" | "birthDate" | "gender" | "emails" | "phones" | "addresses";

/**
 * One candidate value of a field: a value of one source record.
 *
 * @example
 * ```ts
 * const candidate: FieldCandidate = { value: "Robert", key: "robert", sourceSystem: "web", sourceId: "W-1", updatedAt: new Date("2024-01-02") };
 * ```
 */
export interface FieldCandidate {
  /** The value as the golden record would hold it. */
  readonly value: string;
  /** Its matching key: candidates with equal keys are the same value written differently. */
  readonly key: string;
  /** The source record's system. */
  readonly sourceSystem: string;
  /** The source record's id. */
  readonly sourceId: string;
  /** When the source record was last changed (or created), if known. */
  readonly updatedAt?: Date;
  /** When the source record was created, if known. */
  readonly createdAt?: Date;
}

/**
 * How the surviving value of a field is chosen among its candidates:
 * `"mostRecent"` (from the most recently updated record), `"mostFrequent"` (the value most records
 * agree on, ties to the most recent), `"longest"` (the most complete text), `"nonEmpty"` (the
 * first value entered — oldest record first), `{ sourcePriority: [...] }` (the first source in the
 * list that has a value, then most recent), or a custom function that picks a candidate (or none).
 * For list fields (emails, phones, addresses) every distinct value is kept and the rule orders them.
 *
 * @example
 * ```ts
 * const rule: SurvivorshipRule = { sourcePriority: ["crm", "web", "pos"] };
 * ```
 */
export type SurvivorshipRule =
  | "mostRecent"
  | "mostFrequent"
  | "longest"
  | "nonEmpty"
  | {
      /** Source systems, most trusted first. */
      readonly sourcePriority: readonly string[];
    }
  | ((candidates: readonly FieldCandidate[]) => FieldCandidate | undefined);

/**
 * Options of {@link buildGoldenRecord}.
 *
 * @example
 * ```ts
 * const options: SurvivorshipOptions = { rules: { emails: "mostRecent", familyName: { sourcePriority: ["bank"] } } };
 * ```
 */
export interface SurvivorshipOptions {
  /**
   * Rule per field. Defaults: names, birth date and gender `"mostFrequent"`; emails, phones and
   * addresses `"mostRecent"`; honorific `"mostRecent"`.
   */
  readonly rules?: Readonly<Partial<Record<GoldenField, SurvivorshipRule>>>;
  /** How `NN/NN/YYYY` birth dates are read (default `"DMY"`). */
  readonly dateOrder?: DayMonthOrder;
  /** Phone region for numbers without a country code (default: none). */
  readonly defaultRegion?: string;
}

/**
 * Where a golden record's value came from.
 *
 * @example
 * ```ts
 * const p: FieldProvenance = { field: "givenName", value: "Robert", sourceSystem: "bank", sourceId: "B-7", rule: "mostFrequent" };
 * ```
 */
export interface FieldProvenance {
  /** The field. */
  readonly field: GoldenField;
  /** The surviving value (for addresses, the street line). */
  readonly value: string;
  /** The source record's system. */
  readonly sourceSystem: string;
  /** The source record's id. */
  readonly sourceId: string;
  /** The rule that chose it (`"custom"` for a function). */
  readonly rule: string;
}

/**
 * A golden record: the person view of an entity and where each value came from.
 *
 * @example
 * ```ts
 * const { person, provenance } = buildGoldenRecord("E-1", records);
 * ```
 */
export interface GoldenRecord {
  /** The person (household and organizations are filled in by grouping). */
  readonly person: Person;
  /** One entry per surviving value. */
  readonly provenance: readonly FieldProvenance[];
}

/** The single-valued fields, in the order a golden record holds them. */
const SINGLE_FIELDS = ["honorific", "givenName", "familyName", "fullName", "birthDate", "gender"] as const;

const DEFAULT_RULES: Readonly<Record<GoldenField, SurvivorshipRule>> = {
  honorific: "mostRecent",
  givenName: "mostFrequent",
  familyName: "mostFrequent",
  fullName: "mostFrequent",
  birthDate: "mostFrequent",
  gender: "mostFrequent",
  emails: "mostRecent",
  phones: "mostRecent",
  addresses: "mostRecent",
};

const time = (d: Date | undefined): number => (d === undefined ? Number.NEGATIVE_INFINITY : d.getTime());
const recency = (c: FieldCandidate): number => time(c.updatedAt ?? c.createdAt);
const byRecency = (a: FieldCandidate, b: FieldCandidate): number =>
  recency(b) - recency(a) || (a.sourceSystem < b.sourceSystem ? -1 : a.sourceSystem > b.sourceSystem ? 1 : a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0);

function ruleName(rule: SurvivorshipRule): string {
  return typeof rule === "function" ? "custom" : typeof rule === "string" ? rule : "sourcePriority";
}

/**
 * Orders candidates by a survivorship rule, best first; distinct values only (the best-placed
 * candidate of each key represents it). A custom function picks one candidate, which goes first.
 */
function rank(candidates: readonly FieldCandidate[], rule: SurvivorshipRule): FieldCandidate[] {
  if (candidates.length === 0) return [];
  // One candidate wins under every rule but a custom function, which may refuse it.
  if (candidates.length === 1 && typeof rule !== "function") return [candidates[0]!];
  const recent = [...candidates].sort(byRecency);
  let ordered: FieldCandidate[];
  if (typeof rule === "function") {
    const pick = rule(candidates);
    ordered = pick === undefined ? [] : [pick, ...recent.filter((c) => c !== pick)];
  } else if (rule === "mostRecent") ordered = recent;
  else if (rule === "mostFrequent") {
    const counts = new Map<string, number>();
    for (const c of candidates) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
    ordered = recent.map((c, k) => ({ c, k })).sort((x, y) => counts.get(y.c.key)! - counts.get(x.c.key)! || x.k - y.k).map((x) => x.c);
  } else if (rule === "longest") ordered = recent.map((c, k) => ({ c, k })).sort((x, y) => y.c.value.length - x.c.value.length || x.k - y.k).map((x) => x.c);
  else if (rule === "nonEmpty") {
    const created = (c: FieldCandidate): number => time(c.createdAt ?? c.updatedAt);
    ordered = recent.map((c, k) => ({ c, k })).sort((x, y) => created(x.c) - created(y.c) || x.k - y.k).map((x) => x.c);
  } else {
    const priority = rule.sourcePriority;
    const place = (c: FieldCandidate): number => {
      const p = priority.indexOf(c.sourceSystem);
      return p < 0 ? priority.length : p;
    };
    ordered = recent.map((c, k) => ({ c, k })).sort((x, y) => place(x.c) - place(y.c) || x.k - y.k).map((x) => x.c);
  }
  // For a value written several ways, the most common writing represents it.
  const writings = new Map<string, Map<string, number>>();
  for (const c of candidates) {
    const m = writings.get(c.key) ?? writings.set(c.key, new Map()).get(c.key)!;
    m.set(c.value, (m.get(c.value) ?? 0) + 1);
  }
  const seen = new Set<string>();
  const out: FieldCandidate[] = [];
  for (const c of ordered) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const forms = [...writings.get(c.key)!].sort((a, b) => b[1] - a[1]);
    const best = forms[0]![0];
    out.push(best === c.value ? c : ordered.find((o) => o.key === c.key && o.value === best) ?? c);
  }
  return out;
}

function candidate(record: SourceRecord, value: string, key: string): FieldCandidate {
  const c: { -readonly [K in keyof FieldCandidate]: FieldCandidate[K] } = { value, key, sourceSystem: record.sourceSystem, sourceId: record.sourceId };
  if (record.updatedAt) c.updatedAt = record.updatedAt;
  if (record.createdAt) c.createdAt = record.createdAt;
  return c;
}

/**
 * Builds the golden record of one entity from its source records: for each field the candidates
 * (one per record that has a value) are ranked by the field's survivorship rule; single-valued
 * fields keep the winner, list fields keep every distinct value, best first. Values are compared
 * by their normalised form ("Bob.Smith@X.com" and "bob.smith@x.com" are one email), and each
 * surviving value records which source record gave it.
 *
 * @param entityId - The entity's id (the person's id).
 * @param records - The entity's source records.
 * @param options - Rules per field, date order, phone region; see {@link SurvivorshipOptions}.
 * @returns The person and the provenance of each value.
 * @example
 * ```ts
 * const { person, provenance } = buildGoldenRecord("E-1", records, { rules: { emails: { sourcePriority: ["crm"] } } });
 * person.emails[0]; // the crm's email first
 * ```
 */
export function buildGoldenRecord(entityId: string, records: readonly SourceRecord[], options: SurvivorshipOptions = {}): GoldenRecord {
  return goldenRecordBuilder(options)(entityId, records);
}

/**
 * A golden-record builder that shares normalisation caches across entities (for resolving many
 * entities at once); see {@link buildGoldenRecord}.
 *
 * @param options - Rules per field, date order, phone region.
 * @returns A function building one entity's golden record.
 * @example
 * ```ts
 * const build = goldenRecordBuilder({ rules: { emails: "mostRecent" } });
 * const people = entities.map((e) => build(e.id, e.records).person);
 * ```
 */
export function goldenRecordBuilder(options: SurvivorshipOptions = {}): (entityId: string, records: readonly SourceRecord[]) => GoldenRecord {
  const rules = { ...DEFAULT_RULES, ...options.rules };
  const dateOrder = options.dateOrder ?? "DMY";
  const region = options.defaultRegion;
  const nameKey = memoize((v: string): string => normalizeName(v));
  const dateKey = memoize((v: string) => normalizeDate(v, { order: dateOrder }));
  const addressKey = memoize((json: string) => {
    const n = normalizeAddress(addressFromCacheKey(json));
    return n.line === "" && n.postcode === undefined && n.city === undefined ? undefined : `${n.line}|${n.postcode ?? ""}|${n.city ?? ""}`;
  });
  return (entityId, records) => buildWith(entityId, records, rules, region, nameKey, dateKey, addressKey);
}

/** The candidates of every field of one entity, and the address object behind each address candidate. */
interface EntityCandidates {
  readonly fields: Record<GoldenField, FieldCandidate[]>;
  readonly addresses: Map<FieldCandidate, Address>;
}

function emptyCandidates(): EntityCandidates {
  return {
    fields: { honorific: [], givenName: [], familyName: [], fullName: [], birthDate: [], gender: [], emails: [], phones: [], addresses: [] },
    addresses: new Map(),
  };
}

/** What a record's address shows in provenance: its lines, or its postcode and city. */
const addressText = (a: Address): string => (a.lines.length > 0 ? a.lines.join(", ") : [a.postcode, a.city].filter(Boolean).join(" "));

function buildWith(
  entityId: string,
  records: readonly SourceRecord[],
  rules: Readonly<Record<GoldenField, SurvivorshipRule>>,
  region: string | undefined,
  nameKey: (v: string) => string,
  dateKey: (v: string) => string | undefined,
  addressKey: (json: string) => string | undefined,
): GoldenRecord {
  const { fields, addresses } = emptyCandidates();
  for (const r of records) {
    if (r.honorific) fields.honorific.push(candidate(r, r.honorific, r.honorific.toLowerCase().replace(/\.$/, "")));
    if (r.givenName) fields.givenName.push(candidate(r, r.givenName, nameKey(r.givenName)));
    if (r.familyName) fields.familyName.push(candidate(r, r.familyName, nameKey(r.familyName)));
    const full = r.fullName ?? [r.givenName, r.middleName, r.familyName].filter(Boolean).join(" ");
    if (full) fields.fullName.push(candidate(r, full, nameKey(full)));
    const birth = r.birthDate ? dateKey(r.birthDate) : undefined;
    if (birth) fields.birthDate.push(candidate(r, birth, birth));
    if (r.gender) fields.gender.push(candidate(r, r.gender, r.gender));
    for (const e of r.emails) {
      const key = normalizeEmail(e);
      if (key) fields.emails.push(candidate(r, normalizeEmail(e, { removePlusTag: false, providerRules: false }) ?? e, key));
    }
    const recordRegion = phoneRegionOf(r, region);
    for (const p of r.phones) {
      const e164 = normalizePhone(p, recordRegion ? { defaultRegion: recordRegion } : {});
      fields.phones.push(candidate(r, e164 ?? p, e164 ?? p.replace(/\D+/g, "")));
    }
    for (const a of r.addresses) {
      const key = addressKey(addressCacheKey(a));
      if (key === undefined) continue;
      const c = candidate(r, addressText(a), key);
      addresses.set(c, a);
      fields.addresses.push(c);
    }
  }
  return choose(entityId, records, { fields, addresses }, rules);
}

/** One value of a record's field, its matching key and, for an address, the address. */
interface RecordValue {
  readonly field: GoldenField;
  readonly value: string;
  readonly key: string;
  readonly address?: Address;
}

/**
 * A golden-record builder over prepared records: the matching keys come from the prepared
 * columns (normalised once, in preparation), so nothing is normalised again. Emails and phones
 * survive in their normalised form (the mailbox and the E.164 number). With `fastPath` (the
 * default), a one-record entity whose fields each hold distinct values keeps them as they are —
 * what ranking would keep — without ranking.
 *
 * @param prepared - The prepared records.
 * @param options - Rules per field.
 * @param fastPath - Whether one-record entities skip ranking (default `true`; `false` ranks every entity, for tests).
 * @returns A function building the golden record of an entity from its canonical record indices.
 */
export function preparedGoldenRecordBuilder(
  prepared: PreparedRecords,
  options: Pick<SurvivorshipOptions, "rules"> = {},
  fastPath = true,
): (entityId: string, members: readonly number[]) => GoldenRecord {
  const rules = { ...DEFAULT_RULES, ...options.rules };
  const { columns } = prepared;
  const valuesOf = (field: keyof PreparedRecords["columns"], i: number): string[] => columnValues(columns[field], i);
  const addressKey = memoize((text: string) => {
    const n = normalizeAddress(addressFromCacheKey(text));
    return n.line === "" && n.postcode === undefined && n.city === undefined ? undefined : `${n.line}|${n.postcode ?? ""}|${n.city ?? ""}`;
  });
  // A record's only address is already normalised in the prepared columns (unless values of those
  // columns were blocked, which removes them there).
  const addressBlocked = prepared.blocked.some((b) => b.reason === "listed" && (b.field === "address" || b.field === "postcode" || b.field === "city"));
  const onlyAddressKey = (i: number): string | undefined => {
    const [line = ""] = valuesOf("address", i);
    const [postcode = ""] = valuesOf("postcode", i);
    const [city = ""] = valuesOf("city", i);
    return line === "" && postcode === "" && city === "" ? undefined : `${line}|${postcode}|${city}`;
  };
  /** The values of record `i`, field by field in the order of the golden record. */
  const valuesOfRecord = (i: number): RecordValue[] => {
    const r = prepared.records[i]!;
    const out: RecordValue[] = [];
    if (r.honorific) out.push({ field: "honorific", value: r.honorific, key: r.honorific.toLowerCase().replace(/\.$/, "") });
    const full = r.fullName ?? ([r.givenName, r.middleName, r.familyName].filter(Boolean).join(" ") || undefined);
    for (const [field, raw] of [
      ["givenName", r.givenName],
      ["familyName", r.familyName],
      ["fullName", full],
    ] as const) {
      for (const key of valuesOf(field, i)) out.push({ field, value: raw ?? key, key });
    }
    for (const key of valuesOf("birthDate", i)) {
      const parts = parseDateParts(key);
      if (parts !== undefined) out.push({ field: "birthDate", value: formatDateParts(parts), key });
    }
    if (r.gender) out.push({ field: "gender", value: r.gender, key: r.gender });
    for (const key of valuesOf("email", i)) out.push({ field: "emails", value: key, key });
    for (const key of valuesOf("phone", i)) out.push({ field: "phones", value: key, key });
    for (const a of r.addresses) {
      const key = r.addresses.length === 1 && !addressBlocked ? onlyAddressKey(i) : addressKey(addressCacheKey(a));
      if (key !== undefined) out.push({ field: "addresses", value: addressText(a), key, address: a });
    }
    return out;
  };
  const ranked = (entityId: string, members: readonly number[]): GoldenRecord => {
    const { fields, addresses } = emptyCandidates();
    const records = members.map((i) => prepared.records[i]!);
    members.forEach((i, k) => {
      for (const v of valuesOfRecord(i)) {
        const c = candidate(records[k]!, v.value, v.key);
        if (v.address !== undefined) addresses.set(c, v.address);
        fields[v.field].push(c);
      }
    });
    return choose(entityId, records, { fields, addresses }, rules);
  };
  const unranked = fastPath && !Object.values(rules).some((rule) => typeof rule === "function");
  return (entityId, members) =>
    (unranked && members.length === 1 ? singleRecordGolden(entityId, prepared.records[members[0]!]!, valuesOfRecord(members[0]!), rules) : undefined) ?? ranked(entityId, members);
}

/**
 * The golden record of a one-record entity without ranking: every rule but a custom function
 * keeps a record's distinct values in the order the record gives them, except `"longest"`, which
 * puts longer values first. Undefined when a field holds two values with one key (ranking merges
 * those).
 */
function singleRecordGolden(entityId: string, record: SourceRecord, values: readonly RecordValue[], rules: Readonly<Record<GoldenField, SurvivorshipRule>>): GoldenRecord | undefined {
  const { sourceSystem, sourceId } = record;
  const survivors = noSurvivors();
  for (const [k, v] of values.entries()) {
    // values come field by field: a repeated key is among the same field's earlier values
    for (let j = k - 1; j >= 0 && values[j]!.field === v.field; j--) if (values[j]!.key === v.key) return undefined;
    survivors[v.field].push({ value: v.value, sourceSystem, sourceId, address: v.address });
  }
  for (const [field, rule] of Object.entries(rules) as [GoldenField, SurvivorshipRule][]) {
    if (rule === "longest") survivors[field].sort((a, b) => b.value.length - a.value.length);
  }
  return assembleGolden(entityId, [{ sourceSystem, sourceId }], rules, survivors);
}

/** A surviving value: its text, the record that gave it and, for an address, the address. */
interface Survivor {
  readonly value: string;
  readonly sourceSystem: string;
  readonly sourceId: string;
  readonly address: Address | undefined;
}

/** An empty list of survivors per field. */
function noSurvivors(): Record<GoldenField, Survivor[]> {
  return { honorific: [], givenName: [], familyName: [], fullName: [], birthDate: [], gender: [], emails: [], phones: [], addresses: [] };
}

/** Ranks every field's candidates and assembles the person with provenance. */
function choose(entityId: string, records: readonly SourceRecord[], candidates: EntityCandidates, rules: Readonly<Record<GoldenField, SurvivorshipRule>>): GoldenRecord {
  const refs = [...records]
    .map((r) => ({ sourceSystem: r.sourceSystem, sourceId: r.sourceId, key: sourceRecordKey(r) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ sourceSystem, sourceId }) => ({ sourceSystem, sourceId }));
  const survivors = noSurvivors();
  for (const field of Object.keys(survivors) as GoldenField[]) {
    for (const c of rank(candidates.fields[field], rules[field])) survivors[field].push({ value: c.value, sourceSystem: c.sourceSystem, sourceId: c.sourceId, address: candidates.addresses.get(c) });
  }
  return assembleGolden(entityId, refs, rules, survivors);
}

/** Assembles the person and its provenance from each field's surviving values, best first. */
function assembleGolden(
  entityId: string,
  refs: readonly SourceRef[],
  rules: Readonly<Record<GoldenField, SurvivorshipRule>>,
  survivors: Readonly<Record<GoldenField, readonly Survivor[]>>,
): GoldenRecord {
  const provenance: FieldProvenance[] = [];
  const keep = (field: GoldenField, all: boolean): readonly Survivor[] => {
    const kept = all ? survivors[field] : survivors[field].slice(0, 1);
    for (const c of kept) provenance.push({ field, value: c.value, sourceSystem: c.sourceSystem, sourceId: c.sourceId, rule: ruleName(rules[field]) });
    return kept;
  };
  // Fields are set in a fixed order (the order of the person's JSON form); gender candidates are
  // the records' genders, so its value is one of Person["gender"].
  const person: Record<string, unknown> = { id: entityId };
  for (const field of SINGLE_FIELDS) {
    const best = keep(field, false)[0];
    if (best !== undefined) person[field] = best.value;
  }
  person.emails = keep("emails", true).map((c) => c.value);
  person.phones = keep("phones", true).map((c) => c.value);
  person.addresses = keep("addresses", true).map((c) => copyAddress(c.address!));
  person.organizationIds = [];
  person.sourceRecords = [...refs];
  person.attributes = Object.create(null) as Person["attributes"];
  return { person: person as Person, provenance };
}
