import { normalizeName } from "./normalize/index.js";

/**
 * Legal-form words that {@link normalizeOrganizationName} drops unless the name is nothing else:
 * English, German, French, Dutch, Nordic, Italian, Spanish and Australian forms, normalised.
 *
 * @example
 * ```ts
 * ORGANIZATION_LEGAL_FORMS.includes("gmbh"); // true
 * ```
 */
export const ORGANIZATION_LEGAL_FORMS: readonly string[] = Object.freeze([
  "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp", "corporation", "co", "company",
  "gmbh", "ag", "kg", "ohg", "ug", "ev", "sa", "sas", "sarl", "bv", "nv", "vof", "ab", "as", "asa", "oy", "aps",
  "srl", "spa", "sl", "pty", "pte", "cic", "group", "holdings",
]);

/** Words dropped wherever they occur in an organization name. */
const ORGANIZATION_NOISE: readonly string[] = Object.freeze(["the", "and"]);

/**
 * A matching key for an organization name: the name normalisation of `normalizeName` (case,
 * diacritics, Chinese folding, punctuation), `&` read as "and", "the" and "and" dropped and legal
 * forms ({@link ORGANIZATION_LEGAL_FORMS}) dropped unless first, so `"The Acme Co., Ltd."`,
 * `"ACME LIMITED"` and `"Acme"` share the key `"acme"`.
 *
 * @param text - An organization name as written.
 * @returns The key (`""` when nothing is left).
 * @example
 * ```ts
 * normalizeOrganizationName("The Acme Co., Ltd.");   // "acme"
 * normalizeOrganizationName("Müller & Söhne GmbH"); // "muller sohne"
 * ```
 */
export function normalizeOrganizationName(text: string): string {
  return normalizeName(text.replace(/&/g, " and "), { titles: ORGANIZATION_NOISE, suffixes: ORGANIZATION_LEGAL_FORMS, foldChinese: true });
}
