import type { z } from "zod";
import { AccountSchema, HouseholdSchema, OrganizationSchema, PersonSchema } from "./party.js";
import { ConsentSchema } from "./consent.js";
import { ContactPreferenceSchema } from "./contact-preference.js";
import { InteractionSchema } from "./interaction.js";
import { SourceRecordSchema } from "./source-record.js";
import { TransactionInputSchema } from "./transaction.js";

/**
 * One problem with one input row: where (a zod path into the row) and what.
 *
 * @example
 * ```ts
 * const issue: RowIssue = { path: ["emails", 0], code: "too_big", message: "Too big" };
 * ```
 */
export interface RowIssue {
  /** Path of the offending field inside the row, e.g. `["lines", 2, "quantity"]`; empty for the row itself. */
  readonly path: readonly (string | number)[];
  /** The zod issue code (`"invalid_type"`, `"too_big"`, `"custom"`, …). */
  readonly code: string;
  /** A human-readable explanation. */
  readonly message: string;
}

/**
 * An input row that was not accepted, with its position in the input and every reason.
 *
 * @example
 * ```ts
 * const { rejected } = parseTransactions([{ id: "T-1" }]);
 * rejected[0]?.index; // 0
 * ```
 */
export interface RejectedRow {
  /** Zero-based position of the row in the input. */
  readonly index: number;
  /** The row as it was given. */
  readonly input: unknown;
  /** Every problem found. */
  readonly issues: readonly RowIssue[];
}

/**
 * The outcome of parsing rows at the boundary: each input row is either in `ok` (typed and
 * normalised) or in `rejected` (with its index and reasons), so
 * `ok.length + rejected.length === rows.length` always holds.
 *
 * @example
 * ```ts
 * const result: ParseResult<Transaction> = parseTransactions(rows);
 * ```
 */
export interface ParseResult<T> {
  /** The accepted rows, in input order. */
  readonly ok: T[];
  /** The input index of each accepted row, parallel to `ok`. */
  readonly okIndex: number[];
  /** The rejected rows, in input order. */
  readonly rejected: RejectedRow[];
}

/** A short description of anything thrown, which may itself refuse to become a string. */
function describeError(error: unknown): string {
  try {
    const message = error instanceof Error ? error.message : String(error);
    return message.slice(0, 200);
  } catch {
    return "an unprintable error";
  }
}

function toIssue(issue: z.core.$ZodIssue): RowIssue {
  return {
    path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    code: issue.code,
    message: issue.message,
  };
}

/**
 * Parses untyped rows with any schema, accounting for every row: valid rows go on, invalid rows
 * come back with their index and zod issues. A row whose reading throws (a hostile getter, a
 * revoked proxy) is rejected, not thrown.
 *
 * @param schema - The zod schema of one row.
 * @param rows - Any iterable of untyped rows (parsed JSON, CSV records, API payloads).
 * @returns Accepted and rejected rows.
 * @throws TypeError when `rows` is not iterable (a programmer error, not bad data).
 * @example
 * ```ts
 * const { ok, rejected } = parseRows(ConsentSchema, JSON.parse(body));
 * for (const r of rejected) console.warn(`row ${r.index}:`, r.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
 * ```
 */
export function parseRows<S extends z.ZodType>(schema: S, rows: Iterable<unknown>): ParseResult<z.output<S>> {
  if (rows === null || rows === undefined || typeof (rows as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new TypeError("rows must be an iterable (for example an array) of input rows");
  }
  const ok: z.output<S>[] = [];
  const okIndex: number[] = [];
  const rejected: RejectedRow[] = [];
  let index = 0;
  for (const row of rows) {
    try {
      const result = schema.safeParse(row);
      if (result.success) {
        ok.push(result.data);
        okIndex.push(index);
      } else {
        rejected.push({ index, input: row, issues: result.error.issues.map(toIssue) });
      }
    } catch (error) {
      rejected.push({ index, input: row, issues: [{ path: [], code: "unreadable", message: `row could not be read: ${describeError(error)}` }] });
    }
    index += 1;
  }
  return { ok, okIndex, rejected };
}

/**
 * Parses source records (see {@link SourceRecordSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted records and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok, rejected } = parseSourceRecords([
 *   { sourceSystem: "pos", sourceId: "1", givenName: "Ann", familyName: "Lee" },
 *   { sourceSystem: "pos" }, // rejected: sourceId is missing
 * ]);
 * ```
 */
export function parseSourceRecords(rows: Iterable<unknown>): ParseResult<z.output<typeof SourceRecordSchema>> {
  return parseRows(SourceRecordSchema, rows);
}

/**
 * Parses transactions (see {@link TransactionInputSchema}: decimal amounts are converted to minor
 * units exactly), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted transactions and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parseTransactions([{ id: "T-1", customerId: "C-1", timestamp: "2024-01-02", amount: "9.99", currency: "GBP" }]);
 * ok[0]?.amountMinor; // 999
 * ```
 */
export function parseTransactions(rows: Iterable<unknown>): ParseResult<z.output<typeof TransactionInputSchema>> {
  return parseRows(TransactionInputSchema, rows);
}

/**
 * Parses interactions (see {@link InteractionSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted interactions and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok, rejected } = parseInteractions(rows);
 * ```
 */
export function parseInteractions(rows: Iterable<unknown>): ParseResult<z.output<typeof InteractionSchema>> {
  return parseRows(InteractionSchema, rows);
}

/**
 * Parses consents (see {@link ConsentSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted consents and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parseConsents([{ customerId: "C-1", channel: "email", purpose: "marketing", status: "granted", capturedAt: "2024-01-01" }]);
 * ```
 */
export function parseConsents(rows: Iterable<unknown>): ParseResult<z.output<typeof ConsentSchema>> {
  return parseRows(ConsentSchema, rows);
}

/**
 * Parses contact preferences (see {@link ContactPreferenceSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted preferences and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parseContactPreferences([{ customerId: "C-1", preferredChannels: ["sms"] }]);
 * ```
 */
export function parseContactPreferences(rows: Iterable<unknown>): ParseResult<z.output<typeof ContactPreferenceSchema>> {
  return parseRows(ContactPreferenceSchema, rows);
}

/**
 * Parses accounts (see {@link AccountSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted accounts and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parseAccounts([{ id: "A-1", productType: "savings", owners: [{ partyId: "P-1" }], openedAt: "2020-01-01", status: "active" }]);
 * ```
 */
export function parseAccounts(rows: Iterable<unknown>): ParseResult<z.output<typeof AccountSchema>> {
  return parseRows(AccountSchema, rows);
}

/**
 * Parses persons (see {@link PersonSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted persons and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parsePersons([{ id: "P-1", givenName: "Ann" }]);
 * ```
 */
export function parsePersons(rows: Iterable<unknown>): ParseResult<z.output<typeof PersonSchema>> {
  return parseRows(PersonSchema, rows);
}

/**
 * Parses households (see {@link HouseholdSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted households and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parseHouseholds([{ id: "H-1", members: [{ personId: "P-1" }, { personId: "P-2" }] }]);
 * ```
 */
export function parseHouseholds(rows: Iterable<unknown>): ParseResult<z.output<typeof HouseholdSchema>> {
  return parseRows(HouseholdSchema, rows);
}

/**
 * Parses organizations (see {@link OrganizationSchema}), accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted organizations and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok } = parseOrganizations([{ id: "O-1", name: "Acme Ltd" }]);
 * ```
 */
export function parseOrganizations(rows: Iterable<unknown>): ParseResult<z.output<typeof OrganizationSchema>> {
  return parseRows(OrganizationSchema, rows);
}
