/**
 * The fields identity resolution compares, blocks on and builds golden records from. Each is
 * read from a source record and normalised once by `prepareRecords`.
 *
 * - `givenName`, `familyName` — from the record, or split from `fullName` when both are missing;
 * - `fullName` — the whole name (the record's `fullName`, else given, middle and family joined);
 * - `birthDate` — `YYYYMMDD` when it is a valid date, else the digits as written;
 * - `email`, `phone` — every address / number (E.164 where possible); placeholders are blocked;
 * - `address` — each address's canonical street line; `postcode`, `city` — of each address;
 * - `gender`; `organizationName`, `department`, `jobTitle` — for business contacts and organization
 *   records (and occupations).
 *
 * @example
 * ```ts
 * const field: IdentityField = "familyName";
 * ```
 */
export type IdentityField =
  | "givenName"
  | "familyName"
  | "fullName"
  | "birthDate"
  | "email"
  | "phone"
  | "address"
  | "postcode"
  | "city"
  | "gender"
  | "organizationName"
  | "department"
  | "jobTitle";

/**
 * Every {@link IdentityField}, in a fixed order.
 *
 * @example
 * ```ts
 * IDENTITY_FIELDS.includes("email"); // true
 * ```
 */
export const IDENTITY_FIELDS: readonly IdentityField[] = Object.freeze([
  "givenName",
  "familyName",
  "fullName",
  "birthDate",
  "email",
  "phone",
  "address",
  "postcode",
  "city",
  "gender",
  "organizationName",
  "department",
  "jobTitle",
] as const);

/** Which dictionary each field's values live in; name fields share one so swaps can be seen. */
export const FIELD_DOMAIN: Readonly<Record<IdentityField, string>> = {
  givenName: "name",
  familyName: "name",
  fullName: "name",
  birthDate: "date",
  email: "email",
  phone: "phone",
  address: "address",
  postcode: "postcode",
  city: "city",
  gender: "gender",
  organizationName: "organization",
  department: "department",
  jobTitle: "jobTitle",
};

/**
 * Whether a string names an {@link IdentityField}.
 *
 * @param value - Any string.
 * @returns `true` for a field name.
 * @example
 * ```ts
 * isIdentityField("email"); // true
 * isIdentityField("shoeSize"); // false
 * ```
 */
export function isIdentityField(value: string): value is IdentityField {
  return (IDENTITY_FIELDS as readonly string[]).includes(value);
}
