/**
 * Validation of input rows (private): every row is accepted (parsed as a `SourceRecord`) or
 * rejected with reasons, and a row repeating an earlier `sourceSystem` + `sourceId` is rejected as
 * a duplicate.
 *
 * Parsing a million rows with the zod schema costs most of a minute and allocates heavily, while
 * nearly every row from a system of record is already clean: trimmed strings, arrays, valid dates.
 * {@link readCleanRecord} reads such a row directly into an object equal to the one the schema
 * would produce (sharing the row's valid `Date`s, and one frozen empty `attributes`), and gives up
 * (returns `undefined`) on anything else — blanks aside, anything the schema would coerce, reject
 * or report — so those rows go through `SourceRecordSchema` as before. A row that already is its
 * parsed record ({@link isCanonicalRecord}: only known keys, every value in its parsed form, data
 * properties only) is used as it is, not copied: a million rows from `idic/synth` or an earlier
 * parse then cost no second copy in memory. Nothing in idic modifies a record, and results copy
 * the addresses they show.
 *
 * The schema's limits and readings (text lengths, blank values, gender codes, instants) are
 * mirrored here, so a change to them in `src/customer` must be made here too; the property tests
 * compare both paths on generated clean and hostile rows.
 */
import {
  MAX_DATE_MS,
  MAX_ID_LENGTH,
  MAX_LONG_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
  MIN_DATE_MS,
  parseIsoDate,
  parseRows,
  SourceRecordSchema,
  sourceRecordKey,
  type Address,
  type RejectedRow,
  type SourceRecord,
} from "../customer/index.js";

/** Thrown inside the fast path when a row needs the schema; never escapes this module. */
const SLOW = Symbol("slow");

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_LIST = 100;
const MAX_DATE_TEXT = 64;
const MAX_ATTRIBUTES = 1_000;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const ADDRESS_KINDS = new Set(["home", "work", "billing", "shipping", "other"]);
const GENDERS: Readonly<Record<string, "female" | "male" | "other" | undefined>> = Object.assign(Object.create(null) as Record<string, "female" | "male" | "other" | undefined>, {
  f: "female",
  w: "female",
  female: "female",
  woman: "female",
  m: "male",
  male: "male",
  man: "male",
  x: "other",
  d: "other",
  o: "other",
  other: "other",
  diverse: "other",
  "non-binary": "other",
  nonbinary: "other",
});
const NO_GENDER = new Set(["", "u", "unknown", "n/a"]);

const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** The schema's text reading: trimmed strings, finite numbers as text, blanks as missing. */
function text(value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  const t = typeof value === "string" ? value.trim() : typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
  if (t === undefined || t.length > max) throw SLOW;
  return t === "" ? undefined : t;
}

function id(value: unknown): string {
  if (typeof value !== "string") throw SLOW;
  const t = value.trim();
  if (t === "" || t.length > MAX_ID_LENGTH || CONTROL.test(t)) throw SLOW;
  return t;
}

function textList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    const t = text(v, MAX_TEXT_LENGTH);
    if (t !== undefined) out.push(t);
  }
  if (out.length > MAX_LIST) throw SLOW;
  return out;
}

/** Sets `key` on `out` as the schema does: present when the input has the key, even if empty. */
function optional(out: Record<string, unknown>, row: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined || key in row) out[key] = value;
}

function address(value: unknown): Address {
  if (!isPlain(value)) throw SLOW;
  const out: Record<string, unknown> = { lines: textList(value["lines"]) };
  for (const key of ["city", "region", "postcode", "country"]) optional(out, value, key, text(value[key], MAX_TEXT_LENGTH));
  const kind = value["kind"];
  if (kind !== undefined && !(typeof kind === "string" && ADDRESS_KINDS.has(kind))) throw SLOW;
  optional(out, value, "kind", kind);
  return out as Address;
}

function addresses(value: unknown): Address[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value.filter((a) => a !== null && a !== undefined) : [value];
  if (list.length > MAX_LIST) throw SLOW;
  return list.map(address);
}

function birthDate(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw SLOW;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== "string") throw SLOW;
  const t = value.trim();
  if (t.length > MAX_DATE_TEXT) throw SLOW;
  return t === "" ? undefined : t;
}

function gender(value: unknown): "female" | "male" | "other" | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw SLOW;
  const key = value.trim().toLowerCase();
  const g = GENDERS[key];
  if (g !== undefined) return g;
  if (NO_GENDER.has(key)) return undefined;
  throw SLOW;
}

/** An instant as the schema reads it; a valid `Date` is kept as it is (never modified). */
function instant(value: unknown): Date | undefined {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return undefined;
  const date = value instanceof Date ? value : typeof value === "string" && value.length <= MAX_DATE_TEXT ? parseIsoDate(value) : undefined;
  const time = date?.getTime();
  if (date === undefined || time === undefined || Number.isNaN(time) || time < MIN_DATE_MS || time > MAX_DATE_MS) throw SLOW;
  return date;
}

/** The attributes of every record that has none: one frozen object, not a million empty ones. */
const NO_ATTRIBUTES = Object.freeze(Object.create(null) as Record<string, string | number | boolean | Date>);

function attributes(value: unknown): Record<string, string | number | boolean | Date> {
  if (value === undefined || value === null) return NO_ATTRIBUTES;
  if (!isPlain(value)) throw SLOW;
  const keys = Object.keys(value);
  if (keys.length === 0) return NO_ATTRIBUTES;
  const out = Object.create(null) as Record<string, string | number | boolean | Date>;
  if (keys.length > MAX_ATTRIBUTES) throw SLOW;
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key) || key.length > MAX_ID_LENGTH) throw SLOW;
    const v = value[key];
    if (typeof v === "string" && v.length <= MAX_LONG_TEXT_LENGTH) out[key] = v;
    else if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") out[key] = v;
    else if (v instanceof Date && !Number.isNaN(v.getTime())) out[key] = new Date(v.getTime());
    else if (v !== undefined && v !== null) throw SLOW;
  }
  return out;
}

const TEXT_FIELDS = ["honorific", "givenName", "middleName", "familyName", "fullName"] as const;
const ORGANIZATION_FIELDS = ["organizationName", "department", "jobTitle"] as const;

const RECORD_KEYS = new Set(["sourceSystem", "sourceId", ...TEXT_FIELDS, "emails", "phones", "addresses", "birthDate", "gender", ...ORGANIZATION_FIELDS, "accountIds", "createdAt", "updatedAt", "attributes"]);
const REQUIRED_KEYS = ["sourceSystem", "sourceId", "emails", "phones", "addresses", "accountIds", "attributes"] as const;
const ADDRESS_KEYS = new Set(["lines", "city", "region", "postcode", "country", "kind"]);
const TEXT_LIMITS: Readonly<Record<string, number>> = { birthDate: MAX_DATE_TEXT };

/** An own data property's value (a getter is never called), or `SLOW` for an accessor or none. */
function dataValue(object: object, key: PropertyKey): unknown {
  const d = Object.getOwnPropertyDescriptor(object, key);
  return d === undefined || !("value" in d) ? SLOW : d.value;
}

/** Text exactly as the schema would give it back: trimmed, not blank, within `max`. */
const isCanonicalText = (value: unknown, max: number): boolean => typeof value === "string" && value.length <= max && value !== "" && value.trim() === value;

function isCanonicalList(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype || value.length > MAX_LIST) return false;
  for (let k = 0; k < value.length; k++) if (!check(dataValue(value, k))) return false;
  return true;
}

const isCanonicalTextItem = (item: unknown): boolean => isCanonicalText(item, MAX_TEXT_LENGTH);

function isCanonicalAddress(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  let lines = false;
  for (const key of Object.keys(value)) {
    if (!ADDRESS_KEYS.has(key)) return false;
    const v = dataValue(value, key);
    if (key === "lines") lines = isCanonicalList(v, isCanonicalTextItem);
    else if (key === "kind" ? !(v === undefined || (typeof v === "string" && ADDRESS_KINDS.has(v))) : !(v === undefined || isCanonicalText(v, MAX_TEXT_LENGTH))) return false;
  }
  return lines;
}

function isCanonicalValue(key: string, v: unknown): boolean {
  switch (key) {
    case "sourceSystem":
    case "sourceId":
      return isCanonicalText(v, MAX_ID_LENGTH) && !CONTROL.test(v as string);
    case "emails":
    case "phones":
    case "accountIds":
      return isCanonicalList(v, isCanonicalTextItem);
    case "addresses":
      return isCanonicalList(v, isCanonicalAddress);
    case "gender":
      return v === undefined || v === "female" || v === "male" || v === "other";
    case "createdAt":
    case "updatedAt":
      return v === undefined || (v instanceof Date && Object.getPrototypeOf(v) === Date.prototype && v.getTime() >= MIN_DATE_MS && v.getTime() <= MAX_DATE_MS);
    case "attributes":
      return isCanonicalAttributes(v);
    default:
      return v === undefined || isCanonicalText(v, TEXT_LIMITS[key] ?? MAX_TEXT_LENGTH);
  }
}

/** Attributes as the schema gives them back: an object without prototype of text, numbers and booleans. */
function isCanonicalAttributes(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== null) return false;
  const keys = Object.keys(value);
  if (keys.length > MAX_ATTRIBUTES) return false;
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key) || key.length > MAX_ID_LENGTH) return false;
    const v = dataValue(value, key);
    if (!((typeof v === "string" && v.length <= MAX_LONG_TEXT_LENGTH) || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean")) return false;
  }
  return true;
}

/**
 * Whether a row already is the record the schema would parse it to — every key known, every
 * value in its parsed form, only data properties (no getter is called) — so it can be used as it
 * is instead of copied. Rows from `idic/synth` or from an earlier parse are.
 *
 * @param row - An untyped input row.
 * @returns `true` when the row can stand for its parsed record.
 */
export function isCanonicalRecord(row: unknown): row is SourceRecord {
  if (typeof row !== "object" || row === null || Object.getPrototypeOf(row) !== Object.prototype) return false;
  if (Object.getOwnPropertySymbols(row).length > 0) return false;
  for (const key of REQUIRED_KEYS) if (!Object.prototype.hasOwnProperty.call(row, key)) return false;
  for (const key of Object.keys(row)) if (!RECORD_KEYS.has(key) || !isCanonicalValue(key, dataValue(row, key))) return false;
  return true;
}

/**
 * Reads a row that needs none of the schema's coercions or error reports straight into the record
 * `SourceRecordSchema` would parse it to (same keys, same values); `undefined` for any other row,
 * which must then go through the schema.
 *
 * @param row - An untyped input row.
 * @returns The parsed record, or `undefined` when the row needs the schema.
 */
export function readCleanRecord(row: unknown): SourceRecord | undefined {
  try {
    if (isCanonicalRecord(row)) return row;
    if (!isPlain(row)) return undefined;
    const out: Record<string, unknown> = { sourceSystem: id(row["sourceSystem"]), sourceId: id(row["sourceId"]) };
    for (const key of TEXT_FIELDS) optional(out, row, key, text(row[key], MAX_TEXT_LENGTH));
    out["emails"] = textList(row["emails"]);
    out["phones"] = textList(row["phones"]);
    out["addresses"] = addresses(row["addresses"]);
    optional(out, row, "birthDate", birthDate(row["birthDate"]));
    optional(out, row, "gender", gender(row["gender"]));
    for (const key of ORGANIZATION_FIELDS) optional(out, row, key, text(row[key], MAX_TEXT_LENGTH));
    out["accountIds"] = textList(row["accountIds"]);
    optional(out, row, "createdAt", instant(row["createdAt"]));
    optional(out, row, "updatedAt", instant(row["updatedAt"]));
    out["attributes"] = attributes(row["attributes"]);
    return out as SourceRecord;
  } catch {
    // SLOW, or a row whose reading throws (a hostile getter): the schema path reports it.
    return undefined;
  }
}

/** Accepted records with their input positions, and the rejected rows. */
export interface AcceptedRecords {
  /** Accepted records, in input order. */
  readonly accepted: SourceRecord[];
  /** Input position of each accepted record. */
  readonly index: number[];
  /** Rejected rows (invalid, or repeating an earlier record's key), by input position. */
  readonly rejected: RejectedRow[];
  /** Number of input rows. */
  readonly input: number;
}

/**
 * Validates input rows: clean rows are read directly, the others with `SourceRecordSchema`; a row
 * repeating an earlier `sourceSystem` + `sourceId` is rejected as a duplicate. Every row is
 * either accepted or rejected.
 *
 * @param rows - Untyped input rows.
 * @returns Accepted and rejected rows.
 * @throws TypeError when `rows` is not iterable.
 */
export function acceptRecords(rows: Iterable<unknown>): AcceptedRecords {
  if (rows === null || rows === undefined || typeof (rows as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new TypeError("records must be an iterable (for example an array) of input rows");
  }
  const seen = new Map<string, number>();
  const accepted: SourceRecord[] = [];
  const index: number[] = [];
  const rejected: RejectedRow[] = [];
  // Rows needing the schema are parsed in one batch (its row accounting, its error reports).
  const slow: unknown[] = [];
  const slowIndex: number[] = [];
  const parsed: (SourceRecord | undefined)[] = [];
  let input = 0;
  for (const row of rows) {
    const record = readCleanRecord(row);
    parsed.push(record);
    if (record === undefined) {
      slow.push(row);
      slowIndex.push(input);
    }
    input++;
  }
  const schema = parseRows(SourceRecordSchema, slow);
  schema.ok.forEach((record, k) => (parsed[slowIndex[schema.okIndex[k]!]!] = record));
  for (const r of schema.rejected) rejected.push({ ...r, index: slowIndex[r.index]! });
  parsed.forEach((record, position) => {
    if (record === undefined) return;
    const key = sourceRecordKey(record);
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({
        index: position,
        input: record,
        issues: [{ path: ["sourceId"], code: "duplicate", message: `duplicate record: input record ${first} has the same source system "${record.sourceSystem}" and id "${record.sourceId}"` }],
      });
      return;
    }
    seen.set(key, position);
    accepted.push(record);
    index.push(position);
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, index, rejected, input };
}
