/**
 * `idic/identity/libphonenumber`: phone normalisation and validation backed by
 * [`libphonenumber-js`](https://www.npmjs.com/package/libphonenumber-js) (an optional peer
 * dependency; install it to use this entry point). Its {@link normalizePhone} has the same
 * signature and contract as the built-in one of `idic/identity`, so it can be swapped in where
 * full validation (number ranges per region and type, with the library's `max` metadata) is worth
 * about 150 kB.
 *
 * @example
 * ```ts
 * import { normalizePhone } from "idic/identity/libphonenumber";
 * normalizePhone("020 7946 0018", { defaultRegion: "GB" }); // "+442079460018"
 * ```
 *
 * @module identity/libphonenumber
 */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { type NormalizePhoneOptions, isPlaceholderPhone } from "./normalize/phone.js";
import { capLength } from "./normalize/text.js";

export type { NormalizePhoneOptions } from "./normalize/phone.js";

function region(defaultRegion: string | undefined): CountryCode | undefined {
  if (defaultRegion === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(defaultRegion))
    throw new RangeError(`normalizePhone: option "defaultRegion" must be an ISO 3166-1 alpha-2 code such as "GB" or "CN", got ${JSON.stringify(defaultRegion).slice(0, 40)}`);
  const code = defaultRegion.toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

/**
 * Normalises a phone number to E.164 with `libphonenumber-js`, returning `undefined` unless the
 * library finds a valid number (its `isValid()` with full metadata) that is not a placeholder
 * (see `isPlaceholderPhone`). Full-width digits, extensions and national formats are read as the
 * library reads them; the extension is dropped from the result. Same signature as the built-in
 * `normalizePhone` of `idic/identity`.
 *
 * @param text - A phone number as written.
 * @param options - The default region; see {@link NormalizePhoneOptions}.
 * @returns The E.164 number, or `undefined`.
 * @throws RangeError when `defaultRegion` is not a two-letter code.
 * @example
 * ```ts
 * normalizePhone("(0)20 7946 0018", { defaultRegion: "GB" }); // "+442079460018"
 * normalizePhone("+86 138 0013 8000");                        // "+8613800138000"
 * normalizePhone("+1 212 055 0123");                          // undefined (no exchange starts with 0)
 * ```
 */
export function normalizePhone(text: string, options: NormalizePhoneOptions = {}): string | undefined {
  const home = region(options.defaultRegion);
  const input = capLength(text, 128).normalize("NFKC");
  if (isPlaceholderPhone(input)) return undefined;
  const parsed = home === undefined ? parsePhoneNumberFromString(input) : parsePhoneNumberFromString(input, home);
  return parsed !== undefined && parsed.isValid() ? parsed.number : undefined;
}

/**
 * Whether a phone number is valid for `libphonenumber-js` (full metadata): a real number range of
 * its region, not a placeholder.
 *
 * @param text - A phone number as written.
 * @param options - The default region; see {@link NormalizePhoneOptions}.
 * @returns `true` for a valid number.
 * @throws RangeError when `defaultRegion` is not a two-letter code.
 * @example
 * ```ts
 * isValidPhone("+44 20 7946 0018"); // true
 * isValidPhone("+1 212 055 0123");  // false
 * ```
 */
export function isValidPhone(text: string, options: NormalizePhoneOptions = {}): boolean {
  return normalizePhone(text, options) !== undefined;
}
