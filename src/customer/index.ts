/**
 * The customer model: zod schemas and types of every record idic works with — source records,
 * persons, households, organizations, accounts, transactions, interactions, consents and contact
 * preferences — and boundary parsing that accounts for every input row.
 *
 * @example
 * ```ts
 * import { parseSourceRecords } from "idic/customer";
 * const { ok, rejected } = parseSourceRecords(rowsFromCsv);
 * ```
 *
 * @module customer
 */
export * from "./primitives.js";
export * from "./money.js";
export * from "./source-record.js";
export * from "./party.js";
export * from "./transaction.js";
export * from "./interaction.js";
export * from "./consent.js";
export * from "./contact-preference.js";
export * from "./parse.js";
