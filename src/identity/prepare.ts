import { sourceRecordKey, type SourceRecord } from "../customer/index.js";
import { FNV_PRIME, FNV_START, hash32, hashText } from "../_lib/random.js";
import {
  detectScript,
  isPlaceholderPhone,
  normalizeAddress,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  PHONE_REGIONS,
  splitFullName,
  type DayMonthOrder,
  type NormalizeEmailOptions,
} from "./normalize/index.js";
import { readEmail } from "./normalize/email.js";
import { isTitleOnly } from "./normalize/name.js";
import { ValueDictionary } from "./dictionary.js";
import { FIELD_DOMAIN, IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import { addressCacheKey, addressFromCacheKey, memoize } from "./memo.js";
import { normalizeOrganizationName } from "./organization-name.js";

/**
 * Options of {@link prepareRecords}.
 *
 * @example
 * ```ts
 * const options: PrepareOptions = { defaultRegion: "GB", dateOrder: "DMY", blockedValues: { email: ["info@shop.com"] } };
 * ```
 */
export interface PrepareOptions {
  /** Region (ISO alpha-2) of phone numbers written without a country code when the record's address has no country (default: none). */
  readonly defaultRegion?: string;
  /** How `NN/NN/YYYY` birth dates are read (default `"DMY"`; impossible dates are read the other way). */
  readonly dateOrder?: DayMonthOrder;
  /**
   * Values treated as missing, per field, as written or normalised (`{ email: ["test@test.com"],
   * phone: ["0000000000"] }`). They are reported in {@link PreparedRecords.blocked}.
   */
  readonly blockedValues?: Partial<Record<IdentityField, readonly string[]>>;
  /** Also block placeholder emails and phones (`noemail@…`, `000 000 0000`; default `true`). */
  readonly blockPlaceholders?: boolean;
  /** How emails are normalised: plus-tags and provider rules (default: both on; see `normalizeEmail`). */
  readonly email?: Pick<NormalizeEmailOptions, "removePlusTag" | "providerRules">;
}

/**
 * One field's values for every record, compressed: the values of record `i` are the dictionary
 * ids `values[offsets[i]]…values[offsets[i + 1] − 1]` (none when the value is missing).
 *
 * @example
 * ```ts
 * const column: PreparedColumn = prepared.columns.email;
 * const first = column.dictionary.values[column.values[column.offsets[0]!]!];
 * ```
 */
export interface PreparedColumn {
  /** Start of each record's values; length = records + 1. */
  readonly offsets: Int32Array;
  /** Dictionary ids of the values. */
  readonly values: Int32Array;
  /** The dictionary the ids point into (shared by the name fields). */
  readonly dictionary: ValueDictionary;
}

/** The second hash of a value starts from another state and multiplies by another odd constant. */
const SECOND_START = 0x9747b28c;
const SECOND_MULTIPLIER = 0x5bd1e995;

/** Two 32-bit hashes of every value of each dictionary (64 bits together), computed once. */
const valueHashes = new WeakMap<ValueDictionary, { readonly first: Int32Array; readonly second: Int32Array }>();

function hashesOf(dictionary: ValueDictionary): { readonly first: Int32Array; readonly second: Int32Array } {
  const known = valueHashes.get(dictionary);
  if (known !== undefined && known.first.length === dictionary.size) return known;
  const first = new Int32Array(dictionary.size);
  const second = new Int32Array(dictionary.size);
  dictionary.values.forEach((value, id) => {
    first[id] = hashText(FNV_START, value, FNV_PRIME);
    second[id] = hashText(SECOND_START, value, SECOND_MULTIPLIER);
  });
  const hashes = { first, second };
  valueHashes.set(dictionary, hashes);
  return hashes;
}

/** Mixes a 32-bit word into a running hash (multiply, then rotate so high bits reach low ones). */
const mixWord = (h: number, word: number, multiplier: number): number => {
  const x = Math.imul(h ^ word, multiplier);
  return (x << 13) | (x >>> 19);
};

/**
 * The fingerprint of every prepared record (internal): it changes when a record's values do.
 * Each distinct value is hashed once into 64 bits; a record's fingerprint mixes, field after
 * field, the field's number and then its values' hashes in order.
 */
export function recordFingerprints(prepared: PreparedRecords): string[] {
  const columns = IDENTITY_FIELDS.map((field) => ({ ...prepared.columns[field], ...hashesOf(prepared.columns[field].dictionary) }));
  const fingerprints = new Array<string>(prepared.size);
  for (let i = 0; i < prepared.size; i++) {
    let h1 = FNV_START;
    let h2 = SECOND_START;
    for (let f = 0; f < columns.length; f++) {
      const { offsets, values, first, second } = columns[f]!;
      h1 = mixWord(h1, f + 1, FNV_PRIME);
      h2 = mixWord(h2, f + 1, SECOND_MULTIPLIER);
      for (let v = offsets[i]!; v < offsets[i + 1]!; v++) {
        h1 = mixWord(h1, first[values[v]!]!, FNV_PRIME);
        h2 = mixWord(h2, second[values[v]!]!, SECOND_MULTIPLIER);
      }
    }
    fingerprints[i] = `${hash32(h1 >>> 0).toString(36)}.${hash32(h2 >>> 0).toString(36)}`;
  }
  return fingerprints;
}

/** The normalised values of record `i` in a prepared column (internal). */
export function columnValues(column: PreparedColumn, i: number): string[] {
  const out: string[] = [];
  for (let v = column.offsets[i]!; v < column.offsets[i + 1]!; v++) out.push(column.dictionary.values[column.values[v]!]!);
  return out;
}

/**
 * A value that was treated as missing because it is blocked, and how many records held it.
 *
 * @example
 * ```ts
 * const blocked: BlockedValue = { field: "email", value: "test@test.com", records: 212, reason: "placeholder" };
 * ```
 */
export interface BlockedValue {
  /** The field. */
  readonly field: IdentityField;
  /** The value as normalised (or as written when it does not normalise). */
  readonly value: string;
  /** Number of records holding it. */
  readonly records: number;
  /** `"listed"` (in `blockedValues`) or `"placeholder"` (detected). */
  readonly reason: "listed" | "placeholder";
}

/**
 * Something in a record worth knowing that did not stop it from being used.
 *
 * @example
 * ```ts
 * const warning: PreparationWarning = { recordKey: "pos\u001f17", field: "familyName", code: "MIXED_SCRIPT", message: "…" };
 * ```
 */
export interface PreparationWarning {
  /** The record's key (see `sourceRecordKey`). */
  readonly recordKey: string;
  /** The field concerned. */
  readonly field: IdentityField;
  /** `"MIXED_SCRIPT"`: a name mixes writing systems and is compared as written. */
  readonly code: "MIXED_SCRIPT";
  /** Explanation. */
  readonly message: string;
}

/**
 * Source records normalised once into compact columns, in canonical order (sorted by record key),
 * so that every later step is independent of the input order and never normalises again.
 *
 * @example
 * ```ts
 * const prepared = prepareRecords(records);
 * prepared.size;               // number of records
 * prepared.keys[0];            // smallest record key
 * prepared.columns.familyName; // the family names, interned
 * ```
 */
export interface PreparedRecords {
  /** Number of records. */
  readonly size: number;
  /** Record keys (`sourceRecordKey`) in canonical order. */
  readonly keys: readonly string[];
  /** The source records in canonical order. */
  readonly records: readonly SourceRecord[];
  /** Position in the input of each canonical record. */
  readonly inputIndex: Int32Array;
  /** Source-system id of each record (index into `sources`). */
  readonly source: Int32Array;
  /** The source systems, sorted. */
  readonly sources: readonly string[];
  /** One column per field. */
  readonly columns: Readonly<Record<IdentityField, PreparedColumn>>;
  /** Values treated as missing because they are blocked. */
  readonly blocked: readonly BlockedValue[];
  /** Records with names in mixed scripts (compared as written). */
  readonly warnings: readonly PreparationWarning[];
}

const NON_ASCII = /[^\u0000-\u007f]/;

const PHONE_EXTENSION = /\s*(?:ext\.?|extn\.?|extension|x|#)\s*\d{1,7}\s*$/i;

/** Digits of a phone number that does not normalise to E.164 (7–15 digits), else `undefined`. */
function phoneDigits(text: string): string | undefined {
  const digits = text.normalize("NFKC").replace(PHONE_EXTENSION, "").replace(/\D+/g, "");
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined;
}

/** A birth date as `YYYYMMDD`, or its digits when it is not a valid date (FEBRL keeps such typos). */
function birthDateKey(text: string, order: DayMonthOrder): string | undefined {
  const iso = normalizeDate(text, { order });
  if (iso !== undefined) return iso.replace(/-/g, "");
  const digits = text.replace(/\D+/g, "");
  return digits.length >= 6 && digits.length <= 8 ? digits : undefined;
}

/**
 * Call centres and airlines write the family name first in capitals ("SMITH John", "GREEN
 * Freddie"); such a name is rewritten given-name first before it is split. Names with a comma,
 * all in capitals, or in a script without case are left as they are.
 */
function familyLast(full: string): string {
  const words = full.trim().split(/\s+/);
  if (words.length < 2 || full.includes(",")) return full;
  const upper = (w: string): boolean => /\p{Lu}{2,}/u.test(w) && w === w.toUpperCase();
  const first = words.findIndex((w) => !upper(w));
  if (first <= 0) return full;
  return [...words.slice(first), ...words.slice(0, first)].join(" ");
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value);

/**
 * The fields of a source record that preparation reads (a source record has them all; a worker
 * thread rebuilds just these).
 */
export interface PrepareInput {
  readonly givenName?: string | undefined;
  readonly middleName?: string | undefined;
  readonly familyName?: string | undefined;
  readonly fullName?: string | undefined;
  readonly birthDate?: string | undefined;
  readonly gender?: string | undefined;
  readonly organizationName?: string | undefined;
  readonly department?: string | undefined;
  readonly jobTitle?: string | undefined;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly addresses: readonly PrepareAddress[];
}

/** The parts of an address that preparation reads. */
export interface PrepareAddress {
  readonly lines: readonly string[];
  readonly city?: string | undefined;
  readonly postcode?: string | undefined;
  readonly country?: string | undefined;
}

/** The phone region of a record's addresses: the first country idic knows phone rules for. */
function addressRegion(record: Pick<PrepareInput, "addresses">): string | undefined {
  for (const address of record.addresses) {
    if (address.country === undefined) continue;
    const code = normalizeCountry(address.country);
    if (code !== undefined && PHONE_REGIONS[code] !== undefined) return code;
  }
  return undefined;
}

/**
 * The phone region of a record: the country of its address when idic knows that country's phone
 * rules, else `fallback`.
 *
 * @param record - The record (its addresses are read).
 * @param fallback - The region to use otherwise.
 * @returns An ISO alpha-2 region, or `undefined`.
 */
export function phoneRegionOf(record: Pick<PrepareInput, "addresses">, fallback: string | undefined): string | undefined {
  return addressRegion(record) ?? fallback;
}

/**
 * The most common phone region among the records' addresses (ties to the alphabetically first),
 * as the default region for phone numbers written without a country code.
 *
 * @param records - Source records.
 * @returns An ISO alpha-2 region, or `undefined` when no address names a known country.
 */
export function inferPhoneRegion(records: readonly SourceRecord[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of records) {
    const region = addressRegion(r);
    if (region !== undefined) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** {@link PrepareOptions} checked and with their defaults (plain data: a worker thread receives them). */
export interface ResolvedPrepareOptions {
  readonly dateOrder: DayMonthOrder;
  readonly defaultRegion: string | undefined;
  readonly blockPlaceholders: boolean;
  readonly email: Pick<NormalizeEmailOptions, "removePlusTag" | "providerRules">;
  readonly blockedValues: Partial<Record<IdentityField, readonly string[]>>;
}

/**
 * Checks preparation options and fills in their defaults (internal).
 *
 * @throws RangeError when `dateOrder`, `defaultRegion` or a field of `blockedValues` is invalid.
 */
export function resolvePrepareOptions(options: PrepareOptions): ResolvedPrepareOptions {
  const dateOrder = options.dateOrder ?? "DMY";
  if (dateOrder !== "DMY" && dateOrder !== "MDY") throw new RangeError(`dateOrder must be "DMY" or "MDY", got ${JSON.stringify(dateOrder)}`);
  if (options.defaultRegion !== undefined && !/^[A-Za-z]{2}$/.test(options.defaultRegion)) {
    throw new RangeError(`defaultRegion must be an ISO 3166-1 alpha-2 code such as "GB", got ${JSON.stringify(options.defaultRegion)}`);
  }
  const blockedValues = options.blockedValues ?? {};
  for (const field of Object.keys(blockedValues)) {
    if (!IDENTITY_FIELDS.includes(field as IdentityField)) throw new RangeError(`blockedValues: unknown field "${field}"; fields are ${IDENTITY_FIELDS.join(", ")}`);
  }
  return { dateOrder, defaultRegion: options.defaultRegion?.toUpperCase(), blockPlaceholders: options.blockPlaceholders ?? true, email: options.email ?? {}, blockedValues };
}

/** Records sorted by key (canonical order), with their keys and input positions. */
export interface CanonicalOrder {
  /** Record keys in canonical order. */
  readonly keys: readonly string[];
  /** Input position of each canonical record. */
  readonly inputIndex: Int32Array;
  /** The records in canonical order. */
  readonly ordered: readonly SourceRecord[];
}

/**
 * Sorts records by key (internal).
 *
 * @throws RangeError when two records share a key.
 */
export function canonicalOrder(records: readonly SourceRecord[]): CanonicalOrder {
  const keyed = records.map((r, i) => ({ key: sourceRecordKey(r), i }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let k = 1; k < keyed.length; k++) {
    if (keyed[k]!.key === keyed[k - 1]!.key) {
      throw new RangeError(`records ${keyed[k - 1]!.i} and ${keyed[k]!.i} share the key ${JSON.stringify(keyed[k]!.key)}; record keys must be distinct`);
    }
  }
  return { keys: keyed.map((k) => k.key), inputIndex: Int32Array.from(keyed, (k) => k.i), ordered: keyed.map((k) => records[k.i]!) };
}

/**
 * Some fields of records prepared (internal): the columns of the fields of some value domains
 * (see `FIELD_DOMAIN`) with those domains' dictionaries, their blocked values and warnings. Parts
 * that together cover every domain combine into the prepared records (see {@link combineParts});
 * each domain's dictionary is built by one part alone, so ids are those of one pass.
 */
export interface PreparedPart {
  /** Offsets and dictionary ids of each prepared field. */
  readonly columns: Readonly<Partial<Record<IdentityField, { readonly offsets: Int32Array; readonly values: Int32Array }>>>;
  /** The dictionary of each prepared value domain. */
  readonly dictionaries: ReadonlyMap<string, ValueDictionary>;
  /** Blocked values of the prepared fields with their record counts. */
  readonly blocked: readonly BlockedValue[];
  /** Names in mixed scripts: record position and field. */
  readonly warnings: readonly { readonly index: number; readonly field: IdentityField }[];
}

/**
 * The parts of one set of records, each preparing other value domains, as one (internal).
 *
 * @param parts - Parts that together prepare every domain once.
 * @returns The combined part.
 * @throws Error when a field is prepared by no part or by two.
 */
export function combineParts(parts: readonly PreparedPart[]): PreparedPart {
  const columns: Partial<Record<IdentityField, { readonly offsets: Int32Array; readonly values: Int32Array }>> = {};
  for (const field of IDENTITY_FIELDS) {
    const owners = parts.filter((p) => p.columns[field] !== undefined);
    if (owners.length !== 1) throw new Error(`internal: field ${field} is prepared by ${owners.length} parts`);
    columns[field] = owners[0]!.columns[field]!;
  }
  return {
    columns,
    dictionaries: new Map(parts.flatMap((p) => [...p.dictionaries])),
    blocked: parts.flatMap((p) => p.blocked),
    warnings: parts.flatMap((p) => p.warnings),
  };
}

/** Options of {@link prepareColumns}. */
export interface PrepareColumnsOptions {
  /** The value domains to prepare (default: all). */
  readonly domains?: ReadonlySet<string>;
  /** Called with the number of records done, every 4,096 records. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Normalises and interns the values of records in order (internal; the work of
 * {@link prepareRecords} once records are in canonical order).
 *
 * @param records - The records, in canonical order.
 * @param options - Checked options (see {@link resolvePrepareOptions}).
 * @param run - Which value domains to prepare; progress.
 * @returns The prepared fields.
 */
export function prepareColumns(records: readonly PrepareInput[], options: ResolvedPrepareOptions, run: PrepareColumnsOptions = {}): PreparedPart {
  const { dateOrder, defaultRegion, blockPlaceholders, email: emailOptions } = options;
  const { domains, onProgress } = run;
  const fields = IDENTITY_FIELDS.filter((field) => domains === undefined || domains.has(FIELD_DOMAIN[field]));
  const prepared = new Set(fields);
  const active = (field: IdentityField): boolean => prepared.has(field);
  const n = records.length;
  const dictionaries = new Map<string, ValueDictionary>();
  const dictionaryOf = (field: IdentityField): ValueDictionary => {
    const domain = FIELD_DOMAIN[field];
    let d = dictionaries.get(domain);
    if (d === undefined) dictionaries.set(domain, (d = new ValueDictionary()));
    return d;
  };

  const name = memoize((t) => nonEmpty(normalizeName(t, { foldChinese: false })));
  // Text in ASCII is Latin alone; only other text can mix writing systems.
  const mixedOther = memoize((t) => detectScript(t) === "mixed");
  const mixedScript = (t: string): boolean => NON_ASCII.test(t) && mixedOther(t);
  const address = memoize((key) => normalizeAddress(addressFromCacheKey(key)));
  const organization = memoize((t) => nonEmpty(normalizeOrganizationName(t)));
  const birthDate = memoize((t) => birthDateKey(t, dateOrder));
  const split = (full: string): { given?: string; family?: string } => splitFullName(familyLast(full));

  // Blocked values, normalised the way each field normalises.
  const listed = new Map<IdentityField, Set<string>>();
  const blockedCounts = new Map<string, { field: IdentityField; value: string; records: number; reason: "listed" | "placeholder" }>();
  const countBlocked = (field: IdentityField, value: string, reason: "listed" | "placeholder"): void => {
    const k = `${field}\u0000${value}`;
    const entry = blockedCounts.get(k);
    if (entry) entry.records++;
    else blockedCounts.set(k, { field, value, records: 1, reason });
  };

  const warnings: { index: number; field: IdentityField }[] = [];
  // Per field: its dictionary and the column being built.
  const builders = Object.fromEntries(
    fields.map((field) => [field, { dictionary: dictionaryOf(field), offsets: new Int32Array(n + 1), values: [] as number[] }]),
  ) as Record<IdentityField, { dictionary: ValueDictionary; offsets: Int32Array; values: number[] }>;
  const builderList = fields.map((field) => builders[field]);

  const normalizers: Record<IdentityField, (text: string, record: PrepareInput) => string | undefined> = {
    givenName: name,
    familyName: name,
    fullName: name,
    birthDate,
    email: (t) => normalizeEmail(t, emailOptions),
    phone: (t, r) => {
      const region = phoneRegionOf(r, defaultRegion);
      return normalizePhone(t, region === undefined ? {} : { defaultRegion: region }) ?? phoneDigits(t);
    },
    address: (t) => nonEmpty(normalizeAddress({ lines: [t] }).line),
    postcode: (t) => nonEmpty(normalizeAddress({ lines: [], postcode: t }).postcode),
    city: (t) => nonEmpty(normalizeAddress({ lines: [], city: t }).city),
    gender: (t) => t,
    organizationName: organization,
    department: name,
    jobTitle: name,
  };
  for (const [field, values] of Object.entries(options.blockedValues) as [IdentityField, readonly string[]][]) {
    if (!active(field)) continue;
    const set = new Set<string>();
    for (const v of values) {
      set.add(v);
      const normal = normalizers[field](v, { emails: [], phones: [], addresses: [] });
      if (normal !== undefined) set.add(normal);
    }
    listed.set(field, set);
  }

  const push = (field: IdentityField, value: string | undefined, raw: string): void => {
    if (value === undefined || !active(field)) return;
    const list = listed.get(field);
    if (list !== undefined && (list.has(value) || list.has(raw))) {
      countBlocked(field, value, "listed");
      return;
    }
    pushId(field, builders[field].dictionary.intern(value));
  };
  let current = 0;
  // Names and birth dates repeat across records: each field maps a value as written straight to
  // its dictionary id (−1: missing), one lookup instead of two. Fields with listed blocked values
  // take the general path.
  const pushId = (field: IdentityField, id: number): void => {
    if (id < 0) return;
    const builder = builders[field];
    if (!builder.values.includes(id, builder.offsets[current]!)) builder.values.push(id);
  };
  const idsOf = (field: IdentityField, normalize: (text: string) => string | undefined): ((raw: string) => number) | undefined => {
    if (listed.has(field) || !active(field)) return undefined;
    const dictionary = builders[field].dictionary;
    return memoize((raw) => {
      const value = normalize(raw);
      return value === undefined ? -1 : dictionary.intern(value);
    });
  };
  const normalName = (t: string): string | undefined => nonEmpty(normalizeName(t, { foldChinese: false }));
  const directIds: Partial<Record<IdentityField, (raw: string) => number>> = {};
  for (const field of ["givenName", "familyName", "fullName"] as const) {
    const ids = idsOf(field, normalName);
    if (ids !== undefined) directIds[field] = ids;
  }
  const birthDateIds = idsOf("birthDate", (t) => birthDateKey(t, dateOrder));
  // An address (by its cache key) to the ids of its street line, postcode and city (−1: none).
  const idIn = (field: IdentityField, value: string | undefined): number => (value === undefined || !active(field) ? -1 : builders[field].dictionary.intern(value));
  const addressIds = ["address", "postcode", "city"].some((f) => listed.has(f as IdentityField))
    ? undefined
    : memoize((key): readonly [number, number, number] => {
        const parts = addressFromCacheKey(key);
        const normal = normalizeAddress(parts);
        return [
          parts.lines.length > 0 ? idIn("address", nonEmpty(normal.line)) : -1,
          parts.postcode !== undefined ? idIn("postcode", normal.postcode) : -1,
          parts.city !== undefined ? idIn("city", normal.city) : -1,
        ];
      });

  const titleOnly = memoize((text) => isTitleOnly(text));
  const nameValues = (r: PrepareInput, field: "givenName" | "familyName"): string[] => {
    const raw = field === "givenName" ? r.givenName : r.familyName;
    const other = field === "givenName" ? r.familyName : r.givenName;
    const own = raw !== undefined && !titleOnly(raw) ? raw : undefined;
    if (own !== undefined || r.fullName === undefined) return raw === undefined ? [] : [own ?? raw];
    // Take the part from the full name when the field holds only a title ("Sir", "Baronet"), or
    // when the record has neither part: with the other part given and this one absent, the full
    // name usually repeats the other part, and splitting it would count one name twice.
    if (raw === undefined && other !== undefined && !titleOnly(other)) return [];
    const part = split(r.fullName)[field === "givenName" ? "given" : "family"];
    return part === undefined ? [] : [part];
  };
  const fullNameValues = (r: PrepareInput): string[] => {
    if (r.fullName !== undefined) return [r.fullName];
    const joined = [r.givenName, r.middleName, r.familyName].filter((x) => x !== undefined).join(" ");
    return joined === "" ? [] : [joined];
  };
  const pushName = (field: IdentityField, raw: string): void => {
    if (mixedScript(raw)) warnings.push({ index: current, field });
    const ids = directIds[field];
    if (ids !== undefined) pushId(field, ids(raw));
    else push(field, normalizers[field](raw, records[current]!), raw);
  };

  const names = active("givenName");
  const dates = active("birthDate");
  const emails = active("email");
  const phones = active("phone");
  const addresses = active("address") || active("postcode") || active("city");
  const others = (["gender", "organizationName", "department", "jobTitle"] as const).filter(active);
  for (let i = 0; i < n; i++) {
    current = i;
    if ((i & 4095) === 4095) onProgress?.(i);
    const r = records[i]!;
    for (const builder of builderList) builder.offsets[i] = builder.values.length;
    if (names) {
      for (const raw of nameValues(r, "givenName")) pushName("givenName", raw);
      for (const raw of nameValues(r, "familyName")) pushName("familyName", raw);
      for (const raw of fullNameValues(r)) pushName("fullName", raw);
    }
    if (dates && r.birthDate !== undefined) {
      if (birthDateIds !== undefined) pushId("birthDate", birthDateIds(r.birthDate));
      else push("birthDate", birthDate(r.birthDate), r.birthDate);
    }
    if (emails) {
      for (const raw of r.emails) {
        const { placeholder, key } = readEmail(raw, emailOptions);
        if (blockPlaceholders && placeholder) countBlocked("email", key ?? raw, "placeholder");
        else push("email", key, raw);
      }
    }
    if (phones) {
      for (const raw of r.phones) {
        if (blockPlaceholders && isPlaceholderPhone(raw)) countBlocked("phone", raw.replace(/\D+/g, ""), "placeholder");
        else push("phone", normalizers.phone(raw, r), raw);
      }
    }
    if (addresses) {
      for (const a of r.addresses) {
        const key = addressCacheKey(a);
        if (addressIds !== undefined) {
          const [line, postcode, city] = addressIds(key);
          pushId("address", line);
          pushId("postcode", postcode);
          pushId("city", city);
          continue;
        }
        const normal = address(key);
        if (a.lines.length > 0) push("address", nonEmpty(normal.line), a.lines.join(", "));
        if (a.postcode !== undefined) push("postcode", normal.postcode, a.postcode);
        if (a.city !== undefined) push("city", normal.city, a.city);
      }
    }
    for (const field of others) {
      const raw = r[field];
      if (raw !== undefined) push(field, normalizers[field](raw, r), raw);
    }
  }
  const columns: Partial<Record<IdentityField, { offsets: Int32Array; values: Int32Array }>> = {};
  for (const field of fields) {
    const builder = builders[field];
    builder.offsets[n] = builder.values.length;
    columns[field] = { offsets: builder.offsets, values: Int32Array.from(builder.values) };
  }
  return { columns, dictionaries, blocked: [...blockedCounts.values()], warnings };
}

/**
 * Prepared records from records in canonical order and their prepared run (internal).
 *
 * @param order - The records in canonical order.
 * @param part - Every field of them, prepared.
 * @returns The prepared records.
 */
export function assemblePrepared(order: CanonicalOrder, part: PreparedPart): PreparedRecords {
  const { keys, inputIndex, ordered } = order;
  const sources = [...new Set(ordered.map((r) => r.sourceSystem))].sort();
  const sourceId = new Map(sources.map((s, i) => [s, i]));
  const source = Int32Array.from(ordered, (r) => sourceId.get(r.sourceSystem)!);
  const columns = {} as Record<IdentityField, PreparedColumn>;
  for (const field of IDENTITY_FIELDS) columns[field] = { ...part.columns[field]!, dictionary: part.dictionaries.get(FIELD_DOMAIN[field])! };
  const blocked = [...part.blocked].sort((a, b) => b.records - a.records || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.value < b.value ? -1 : 1));
  const warnings = part.warnings.map(({ index, field }): PreparationWarning => ({ recordKey: keys[index]!, field, code: "MIXED_SCRIPT", message: `${field} mixes writing systems; it is compared as written` }));
  return { size: ordered.length, keys, records: ordered, inputIndex, source, sources, columns, blocked, warnings };
}

/**
 * Normalises source records once into the compact representation every matching step works on:
 * records sorted by key (so results never depend on input order), each field's values normalised
 * with the `idic/identity` normalisers and interned in a dictionary shared across records (names
 * in one dictionary for given, family and full names). Blocked values (listed ones and, by
 * default, placeholder emails and phones) become missing values and are counted.
 *
 * @param records - Parsed source records with distinct keys (`sourceSystem` + `sourceId`).
 * @param options - Phone region, date order, blocked values; see {@link PrepareOptions}.
 * @returns The prepared records.
 * @throws RangeError when two records share a key, or `defaultRegion` is not a two-letter code.
 * @example
 * ```ts
 * const prepared = prepareRecords([
 *   SourceRecordSchema.parse({ sourceSystem: "web", sourceId: "1", fullName: "Dr Ann O'Neil", emails: ["Ann@X.org"] }),
 * ]);
 * const { dictionary, values } = prepared.columns.familyName;
 * dictionary.values[values[0]!]; // "oneil"
 * ```
 */
export function prepareRecords(records: readonly SourceRecord[], options: PrepareOptions = {}): PreparedRecords {
  const resolved = resolvePrepareOptions(options);
  const order = canonicalOrder(records);
  return assemblePrepared(order, prepareColumns(order.ordered, resolved));
}
