/**
 * Mapping CSV columns to the roles of a source record (`--columns id=record_id,given=first_name,…`).
 */
import { GenderSchema, type SourceRecordInput } from "../customer/index.js";

/** The roles a column can play. Several columns joined by `+` fill one role. */
export const ROLES = [
  "id",
  "source",
  "given",
  "middle",
  "family",
  "full",
  "email",
  "phone",
  "address",
  "city",
  "postcode",
  "country",
  "birthDate",
  "gender",
  "organization",
  "department",
  "jobTitle",
] as const;

/** A role of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Which columns (by position) fill each role. */
export type ColumnMapping = Partial<Record<Role, number[]>>;

/** A usage error of the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  /** @param message - What is wrong and how to fix it. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const isRole = (text: string): text is Role => (ROLES as readonly string[]).includes(text);

/**
 * Parses `role=column[+column…],…` against a CSV header.
 *
 * @param spec - The `--columns` value.
 * @param header - The CSV header.
 * @returns Column positions per role.
 * @throws UsageError for an unknown role, a column missing from the header, a repeated role, or no `id`.
 */
export function parseColumnSpec(spec: string, header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of spec.split(",")) {
    const item = part.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--columns: "${item}" is not role=column`);
    const role = item.slice(0, eq).trim();
    if (!isRole(role)) throw new UsageError(`--columns: unknown role "${role}"; roles are ${ROLES.join(", ")}`);
    if (mapping[role] !== undefined) throw new UsageError(`--columns: role "${role}" is given twice`);
    mapping[role] = item
      .slice(eq + 1)
      .split("+")
      .map((name) => {
        const column = header.indexOf(name.trim());
        if (column < 0) throw new UsageError(`--columns: column "${name.trim()}" (role ${role}) is not in the header: ${header.join(", ")}`);
        return column;
      });
  }
  if (mapping.id === undefined) throw new UsageError("--columns must map the id role (id=<column>)");
  return mapping;
}

/**
 * Builds a source-record input from one CSV row. Name parts joined by `+` are joined with a
 * space, address columns become address lines, several email or phone columns several values.
 *
 * @param row - The row's fields.
 * @param mapping - Column positions per role.
 * @param defaultSource - Source system when no `source` column is mapped.
 * @param dropped - Told about values dropped as unreadable (a gender code that is not one).
 * @returns The record input (validated later by `resolveIdentities`).
 */
export function rowToRecord(row: readonly string[], mapping: ColumnMapping, defaultSource: string, dropped?: (role: Role, value: string) => void): SourceRecordInput {
  const values = (role: Role): string[] => (mapping[role] ?? []).map((c) => (row[c] ?? "").trim()).filter((v) => v !== "");
  const joined = (role: Role): string | undefined => {
    const v = values(role).join(" ");
    return v === "" ? undefined : v;
  };
  const address = {
    lines: values("address"),
    city: joined("city"),
    postcode: joined("postcode"),
    country: joined("country"),
  };
  const hasAddress = address.lines.length > 0 || address.city !== undefined || address.postcode !== undefined;
  // An unreadable gender code is a missing value, not a reason to reject the whole record.
  let gender = joined("gender");
  if (gender !== undefined && !GenderSchema.safeParse(gender).success) {
    dropped?.("gender", gender);
    gender = undefined;
  }
  return {
    sourceSystem: joined("source") ?? defaultSource,
    sourceId: joined("id"),
    givenName: joined("given"),
    middleName: joined("middle"),
    familyName: joined("family"),
    fullName: joined("full"),
    emails: values("email"),
    phones: values("phone"),
    addresses: hasAddress ? [address] : [],
    birthDate: joined("birthDate"),
    gender,
    organizationName: joined("organization"),
    department: joined("department"),
    jobTitle: joined("jobTitle"),
  } as SourceRecordInput;
}
