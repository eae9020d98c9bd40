import { capLength } from "./text.js";

/** Dialling rules of one region, as used by {@link normalizePhone}. */
export interface PhoneRegion {
  /** Country calling code, digits only (`"44"`). */
  readonly callingCode: string;
  /** National trunk prefix dialled before the national number inside the country (`"0"`), if any. */
  readonly trunkPrefix?: string;
  /** International call prefixes dialled from the region (`["00"]`, `["011"]`), longest first. */
  readonly internationalPrefixes: readonly string[];
  /** Fewest digits of a national significant number (without trunk prefix). */
  readonly minLength: number;
  /** Most digits of a national significant number. */
  readonly maxLength: number;
}

function region(callingCode: string, trunkPrefix: string | undefined, intl: string, minLength: number, maxLength: number): PhoneRegion {
  const internationalPrefixes = Object.freeze(intl.split(" ").sort((a, b) => b.length - a.length));
  return Object.freeze(trunkPrefix === undefined ? { callingCode, internationalPrefixes, minLength, maxLength } : { callingCode, trunkPrefix, internationalPrefixes, minLength, maxLength });
}

/**
 * Dialling rules of common regions (ISO 3166-1 alpha-2): calling code (ITU-T E.164 assignments),
 * trunk prefix, international prefixes and the length range of national significant numbers. A
 * compact, lenient table for normalisation; full per-number validation is what the
 * `libphonenumber-js` subpath adds.
 *
 * @example
 * ```ts
 * PHONE_REGIONS["GB"]?.callingCode; // "44"
 * PHONE_REGIONS["CN"]?.trunkPrefix; // "0"
 * ```
 */
export const PHONE_REGIONS: Readonly<Record<string, PhoneRegion>> = Object.freeze({
  US: region("1", "1", "011", 10, 10),
  CA: region("1", "1", "011", 10, 10),
  GB: region("44", "0", "00", 9, 10),
  IE: region("353", "0", "00", 7, 9),
  DE: region("49", "0", "00", 6, 13),
  FR: region("33", "0", "00", 9, 9),
  ES: region("34", undefined, "00", 9, 9),
  IT: region("39", undefined, "00", 6, 11),
  NL: region("31", "0", "00", 9, 9),
  BE: region("32", "0", "00", 8, 9),
  LU: region("352", undefined, "00", 4, 11),
  CH: region("41", "0", "00", 9, 9),
  AT: region("43", "0", "00", 4, 13),
  SE: region("46", "0", "00", 6, 10),
  NO: region("47", undefined, "00", 8, 8),
  DK: region("45", undefined, "00", 8, 8),
  FI: region("358", "0", "00", 5, 12),
  PL: region("48", undefined, "00", 9, 9),
  PT: region("351", undefined, "00", 9, 9),
  GR: region("30", undefined, "00", 10, 10),
  CZ: region("420", undefined, "00", 9, 9),
  RU: region("7", "8", "810 00", 10, 10),
  TR: region("90", "0", "00", 10, 10),
  IL: region("972", "0", "00 01", 8, 9),
  AE: region("971", "0", "00", 8, 9),
  SA: region("966", "0", "00", 9, 9),
  EG: region("20", "0", "00", 8, 10),
  ZA: region("27", "0", "00", 9, 9),
  NG: region("234", "0", "009", 8, 10),
  KE: region("254", "0", "000", 9, 9),
  IN: region("91", "0", "00", 10, 10),
  PK: region("92", "0", "00", 9, 10),
  CN: region("86", "0", "00", 9, 11),
  HK: region("852", undefined, "001", 8, 8),
  MO: region("853", undefined, "00", 8, 8),
  TW: region("886", "0", "002", 8, 9),
  JP: region("81", "0", "010", 9, 10),
  KR: region("82", "0", "001 002 005 006 008 00700", 8, 10),
  SG: region("65", undefined, "000 001 008", 8, 8),
  MY: region("60", "0", "00", 8, 10),
  TH: region("66", "0", "001", 8, 9),
  VN: region("84", "0", "00", 9, 10),
  PH: region("63", "0", "00", 8, 10),
  ID: region("62", "0", "001 007", 8, 12),
  AU: region("61", "0", "0011", 9, 9),
  NZ: region("64", "0", "00", 8, 10),
  BR: region("55", "0", "00", 10, 11),
  MX: region("52", undefined, "00", 10, 10),
  AR: region("54", "0", "00", 10, 11),
  CL: region("56", undefined, "00", 9, 9),
  CO: region("57", undefined, "00 009", 10, 10),
  PE: region("51", "0", "00", 8, 9),
});

/**
 * Every assigned country calling code (ITU-T E.164), for reading the code at the start of an
 * international number. Calling codes are prefix-free: no code is the start of another.
 */
const CALLING_CODES: ReadonlySet<string> = new Set(
  (
    "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 " +
    "81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 " +
    "232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 " +
    "257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 " +
    "358 359 370 371 372 373 374 375 376 377 378 379 380 381 382 383 385 386 387 389 420 421 423 500 501 " +
    "502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 " +
    "678 679 680 681 682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 " +
    "882 883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 " +
    "995 996 998"
  ).split(" "),
);

const regionByCallingCode = new Map<string, PhoneRegion>();
for (const r of Object.values(PHONE_REGIONS)) if (!regionByCallingCode.has(r.callingCode)) regionByCallingCode.set(r.callingCode, r);

/** Options of {@link normalizePhone}. */
export interface NormalizePhoneOptions {
  /**
   * ISO 3166-1 alpha-2 region (`"GB"`, `"CN"`) that numbers without an international prefix belong
   * to. Without it, or for a region missing from {@link PHONE_REGIONS}, only numbers written with
   * `+` or `00` can be normalised. Default: none.
   */
  readonly defaultRegion?: string;
}

const EXTENSION = /(?:[,;]?\s*(?:ext\.?|extn\.?|extension|x|#|分机|分機|转|轉)\s*\d{1,7}|;ext=\d{1,7})\s*$/iu;
const ALLOWED = /^[+\d\s().\-/]*$/;

function digitsOf(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) out += text[i];
  }
  return out;
}

/** Whether a number's digits are a placeholder: one repeated digit, or a run of consecutive digits. */
function isJunkDigits(digits: string): boolean {
  if (/^(\d)\1*$/.test(digits)) return true;
  return "01234567890".includes(digits) || "9876543210".includes(digits);
}

function callingCodeOf(digits: string): string | undefined {
  for (let len = 1; len <= 3; len++) {
    const code = digits.slice(0, len);
    if (CALLING_CODES.has(code)) return code;
  }
  return undefined;
}

/** Removes a trunk prefix written inside an international number (`+44 (0)20 …`, `+44 020 …`). */
function stripTrunk(nsn: string, rules: PhoneRegion | undefined): string {
  const trunk = rules?.trunkPrefix;
  if (rules === undefined || trunk === undefined || !nsn.startsWith(trunk)) return nsn;
  const rest = nsn.slice(trunk.length);
  if (trunk === "0" || (nsn.length > rules.maxLength && rest.length >= rules.minLength)) return rest;
  return nsn;
}

function toE164(callingCode: string, nsn: string): string | undefined {
  const rules = regionByCallingCode.get(callingCode);
  if (rules !== undefined) {
    if (nsn.length < rules.minLength || nsn.length > rules.maxLength) return undefined;
    if (rules.trunkPrefix === "0" && nsn.startsWith("0")) return undefined;
  } else if (nsn.length < 4) return undefined;
  if (callingCode.length + nsn.length > 15 || isJunkDigits(nsn)) return undefined;
  return `+${callingCode}${nsn}`;
}

function checkRegion(defaultRegion: string | undefined): PhoneRegion | undefined {
  if (defaultRegion === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(defaultRegion))
    throw new RangeError(`normalizePhone: option "defaultRegion" must be an ISO 3166-1 alpha-2 code such as "GB" or "CN", got ${JSON.stringify(defaultRegion).slice(0, 40)}`);
  return PHONE_REGIONS[defaultRegion.toUpperCase()];
}

/**
 * Normalises a phone number to E.164 (`+` then country calling code and national number, no
 * spaces: `+442079460018`), or returns `undefined` when it cannot be one. Accepts full-width
 * digits, spaces, dots, hyphens, slashes and parentheses; strips an extension (`ext. 12`, `x12`,
 * `#12`, `分机12`) and a `tel:` prefix; reads an international number from `+`, from `00`, or
 * from the default region's international prefix (`011` in the US); drops a trunk prefix
 * (`(0)20 …` in Britain, `8 …` in Russia) and a `(0)` written inside an international number.
 * Numbers with letters, too short or too long for their region (see {@link PHONE_REGIONS}), or
 * placeholders (`0000000000`, `1234567890`) give `undefined`. Idempotent.
 *
 * This built-in reader checks lengths per region but not number ranges; the
 * `idic/identity/libphonenumber` subpath offers a `normalizePhone` with the same signature backed
 * by `libphonenumber-js` for full validation.
 *
 * @param text - A phone number as written.
 * @param options - The default region; see {@link NormalizePhoneOptions}.
 * @returns The E.164 number, or `undefined`.
 * @throws RangeError when `defaultRegion` is not a two-letter code.
 * @example
 * ```ts
 * normalizePhone("(0)20 7946 0018", { defaultRegion: "GB" }); // "+442079460018"
 * normalizePhone("+44 (0)20 7946 0018");                      // "+442079460018"
 * normalizePhone("138 0013 8000", { defaultRegion: "CN" });   // "+8613800138000"
 * normalizePhone("+86 138 0013 8000");                        // "+8613800138000"
 * normalizePhone("(212) 555-0123 ext. 4", { defaultRegion: "US" }); // "+12125550123"
 * normalizePhone("0000000000", { defaultRegion: "US" });      // undefined
 * ```
 */
export function normalizePhone(text: string, options: NormalizePhoneOptions = {}): string | undefined {
  const home = checkRegion(options.defaultRegion);
  let s = capLength(text, 128).normalize("NFKC").trim();
  if (/^tel:/i.test(s)) s = s.slice(4);
  s = s.replace(EXTENSION, "").trim();
  if (!ALLOWED.test(s)) return undefined;
  const plus = s.startsWith("+");
  s = plus ? s.replace(/\(0\)/g, "") : s.replace(/\(0\)/g, "0");
  if (s.indexOf("+", 1) >= 0) return undefined;
  const digits = digitsOf(s);
  if (digits.length < 4 || digits.length > 17) return undefined;
  let international: string | undefined = plus ? digits : undefined;
  if (international === undefined) {
    const prefix = (home?.internationalPrefixes ?? ["00"]).find((p) => digits.startsWith(p));
    if (prefix !== undefined) international = digits.slice(prefix.length);
  }
  if (international !== undefined) {
    const code = callingCodeOf(international);
    if (code === undefined) return undefined;
    return toE164(code, stripTrunk(international.slice(code.length), regionByCallingCode.get(code)));
  }
  if (home === undefined) return undefined;
  const trunk = home.trunkPrefix;
  const nsn = trunk !== undefined && digits.startsWith(trunk) && (trunk === "0" || digits.length > home.maxLength) ? digits.slice(trunk.length) : digits;
  return toE164(home.callingCode, nsn);
}

/**
 * Whether a phone number is a placeholder typed into a required field: its digits are one repeated
 * digit (`0000000000`, `999 999 9999`) or a run of consecutive digits (`1234567890`). Such
 * values link unrelated customers, so blocking should treat them as blocked values;
 * {@link normalizePhone} returns `undefined` for them.
 *
 * @param text - A phone number as written.
 * @returns `true` for a placeholder (at least four digits, all placeholder).
 * @example
 * ```ts
 * isPlaceholderPhone("000-000-0000");     // true
 * isPlaceholderPhone("+1 234 567 890");   // true
 * isPlaceholderPhone("+44 20 7946 0018"); // false
 * ```
 */
export function isPlaceholderPhone(text: string): boolean {
  const digits = digitsOf(capLength(text, 128).normalize("NFKC"));
  return digits.length >= 4 && isJunkDigits(digits);
}
