import { z } from "zod";
import {
  AttributesSchema,
  GenderSchema,
  IdSchema,
  OptionalDateSchema,
  OptionalTextSchema,
  TextListSchema,
} from "./primitives.js";

/**
 * A postal address as a source system holds it. Every part is optional: sources differ in what
 * they keep, and a missing part is not a mismatch.
 *
 * @example
 * ```ts
 * AddressSchema.parse({ lines: ["12 High St", "Flat 3"], city: "London", postcode: "N1 9GU", country: "GB" });
 * ```
 */
export const AddressSchema = z.object({
  /** Street lines in order (house number and street, flat, building). A single string is accepted. */
  lines: TextListSchema,
  /** City, town or suburb. */
  city: OptionalTextSchema,
  /** State, province, county or region. */
  region: OptionalTextSchema,
  /** Postal code as written (spaces and case are normalised by `idic/identity`, not here). */
  postcode: OptionalTextSchema,
  /** Country: an ISO 3166-1 alpha-2 code where the source has one, otherwise the name as written. */
  country: OptionalTextSchema,
  /** What the address is used for, when the source says so. */
  kind: z.enum(["home", "work", "billing", "shipping", "other"]).optional(),
});
/** A postal address; see {@link AddressSchema}. */
export type Address = z.infer<typeof AddressSchema>;

const AddressListSchema = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value.filter((a) => a !== null && a !== undefined) : [value]),
  z.array(AddressSchema).max(100),
);

const BirthDateSchema = z.preprocess(
  (value) => {
    if (value === null) return undefined;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString().slice(0, 10);
    if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
    return value;
  },
  z.string({ error: "expected a birth date as a string or Date" }).max(64).optional(),
);

/**
 * One customer record as one source system holds it: a row of the web shop's account table, a
 * loyalty card, a bank account holder, a call-centre contact. Records of the same person in
 * different systems differ (typos, nicknames, old addresses, other phone formats); `idic/identity`
 * links them into one customer.
 *
 * Blank values are missing values: `"  "` becomes `undefined` and blank list entries are dropped.
 * `birthDate` is kept as text as the source wrote it (a `Date` becomes `YYYY-MM-DD`), because
 * sources use several formats and some dates are invalid; identity's date normaliser reads it.
 *
 * @example
 * ```ts
 * const record = SourceRecordSchema.parse({
 *   sourceSystem: "webshop",
 *   sourceId: "W-1001",
 *   givenName: "Robert",
 *   familyName: "Smith",
 *   emails: ["Bob.Smith+shop@Example.com"],
 *   phones: ["+44 20 7946 0018"],
 *   addresses: [{ lines: ["12 High Street"], city: "London", postcode: "N1 9GU", country: "GB" }],
 *   birthDate: "1980-04-12",
 * });
 * ```
 */
export const SourceRecordSchema = z.object({
  /** The system the record comes from (`"pos"`, `"webshop"`, `"callcentre"`, `"bank"`). */
  sourceSystem: IdSchema,
  /** The record's id within its source system; `(sourceSystem, sourceId)` identifies the record. */
  sourceId: IdSchema,
  /** Honorific or title as written (`"Mr"`, `"Dr."`, `"Frau"`). */
  honorific: OptionalTextSchema,
  /** Given (first) name, in any script. */
  givenName: OptionalTextSchema,
  /** Middle name(s) or initials. */
  middleName: OptionalTextSchema,
  /** Family name (surname), in any script. Chinese names usually put it first in `fullName`. */
  familyName: OptionalTextSchema,
  /** The whole name as one string, when the source keeps it that way (`"陈学"`, `"Dr Ann O'Neil"`). */
  fullName: OptionalTextSchema,
  /** Email addresses as written (case, plus-tags and dots are normalised by identity). */
  emails: TextListSchema,
  /** Phone numbers as written, in any format (`"+86 138 0013 8000"`, `"(0)20 7946 0018"`). */
  phones: TextListSchema,
  /** Postal addresses, most relevant first. A single address object is accepted. */
  addresses: AddressListSchema,
  /** Birth date as the source wrote it; ISO `YYYY-MM-DD` is preferred. */
  birthDate: BirthDateSchema,
  /** Gender, with common source codes mapped (see {@link GenderSchema}). */
  gender: GenderSchema,
  /** Organization the person belongs to, for business customers and their contacts. */
  organizationName: OptionalTextSchema,
  /** Department within the organization. */
  department: OptionalTextSchema,
  /** Job title or function within the organization. */
  jobTitle: OptionalTextSchema,
  /** Ids of accounts (product holdings) this record is an owner of. */
  accountIds: TextListSchema,
  /** When the source created the record. */
  createdAt: OptionalDateSchema,
  /** When the source last changed the record; survivorship rules such as "most recent" use it. */
  updatedAt: OptionalDateSchema,
  /** Free attributes: string, number, boolean or date values only (see {@link AttributesSchema}). */
  attributes: AttributesSchema,
});
/** A source record after parsing; see {@link SourceRecordSchema}. */
export type SourceRecord = z.infer<typeof SourceRecordSchema>;
/** A source record as accepted before parsing (blank strings, single values for lists, date strings). */
export type SourceRecordInput = z.input<typeof SourceRecordSchema>;

/**
 * The key that identifies a source record across systems: `sourceSystem` and `sourceId` joined
 * by a unit separator (U+001F), which cannot occur in either part's usual values.
 *
 * @param record - Any object with `sourceSystem` and `sourceId`.
 * @returns The key.
 * @example
 * ```ts
 * sourceRecordKey({ sourceSystem: "pos", sourceId: "17" }); // "pos\u001f17"
 * ```
 */
export function sourceRecordKey(record: { readonly sourceSystem: string; readonly sourceId: string }): string {
  return `${record.sourceSystem}\u001f${record.sourceId}`;
}

