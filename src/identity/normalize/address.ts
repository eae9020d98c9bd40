import type { Address } from "../../customer/index.js";
import { capLength, foldLatin } from "./text.js";

/**
 * Street-type words and their abbreviations, each mapped to one canonical abbreviation (USPS-style
 * for English, `str` for German Straße). `st` also stands for Saint: since both sides of a
 * comparison are mapped the same way, the ambiguity never separates equal addresses.
 *
 * @example
 * ```ts
 * STREET_TYPE_ABBREVIATIONS["street"]; // "st"
 * STREET_TYPE_ABBREVIATIONS["strasse"]; // "str"
 * ```
 */
export const STREET_TYPE_ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    street: "st", st: "st", str: "str", strasse: "str", road: "rd", rd: "rd", avenue: "ave", ave: "ave", av: "ave",
    lane: "ln", ln: "ln", drive: "dr", dr: "dr", court: "ct", ct: "ct", place: "pl", pl: "pl", boulevard: "blvd",
    blvd: "blvd", bvd: "blvd", terrace: "tce", tce: "tce", terr: "tce", crescent: "cres", cres: "cres", cr: "cres",
    close: "cl", cl: "cl", square: "sq", sq: "sq", parade: "pde", pde: "pde", highway: "hwy", hwy: "hwy",
    parkway: "pkwy", pkwy: "pkwy", circle: "cir", cir: "cir", gardens: "gdns", gdns: "gdns", grove: "gr", gr: "gr",
    mount: "mt", mt: "mt", way: "way", walk: "wlk", wlk: "wlk", row: "row", mews: "mews", hill: "hl", hl: "hl",
    park: "pk", pk: "pk", green: "grn", grn: "grn", esplanade: "esp", esp: "esp", circuit: "cct", cct: "cct",
    trail: "trl", trl: "trl", alley: "aly", aly: "aly", platz: "pl", weg: "weg", gasse: "g", allee: "allee",
    rue: "rue", avenida: "ave", calle: "c", via: "via", viale: "vle", piazza: "pza",
    north: "n", south: "s", east: "e", west: "w", northeast: "ne", northwest: "nw", southeast: "se", southwest: "sw",
  }),
);

/** Words that introduce a unit (flat, apartment, suite) number. */
const UNIT_WORDS: ReadonlySet<string> = new Set([
  "flat", "apt", "apartment", "unit", "suite", "ste", "room", "rm", "whg", "wohnung", "appt", "appartement", "piso", "unidad",
]);
/** Words that introduce the house number (`No. 12`, `Nr. 5`). */
const HOUSE_WORDS: ReadonlySet<string> = new Set(["no", "nr", "number", "num"]);
/** German compounds ending in a street word: Hauptstraße → haupt + str. */
const COMPOUND_SUFFIXES: readonly (readonly [string, string])[] = [
  ["strasse", "str"],
  ["str", "str"],
  ["platz", "pl"],
  ["gasse", "g"],
  ["allee", "allee"],
];

/** A normalised address; see {@link normalizeAddress}. */
export interface NormalizedAddress {
  /** House (street) number with its letter or range (`"12"`, `"12a"`, `"12-14"`), or `undefined`. */
  readonly houseNumber: string | undefined;
  /** Unit, flat or apartment number (`"3"`), or `undefined`. */
  readonly unit: string | undefined;
  /** Street tokens without house and unit numbers, street types abbreviated (`"high st"`). */
  readonly street: string;
  /** The canonical street line: house number, street, then `unit N` (`"12 high st unit 3"`). */
  readonly line: string;
  /** The tokens of `line`. */
  readonly tokens: readonly string[];
  /** City, normalised like the street, or `undefined`. */
  readonly city: string | undefined;
  /** Postcode (see {@link normalizePostcode}), or `undefined`. */
  readonly postcode: string | undefined;
  /** Country as an ISO 3166-1 alpha-2 code when recognised, else the normalised text, or `undefined`. */
  readonly country: string | undefined;
}

/** Options of {@link normalizeAddress}. */
export interface NormalizeAddressOptions {
  /** Country assumed when the address has none (ISO alpha-2), for postcode rules. Default: none. */
  readonly defaultCountry?: string;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isWordCode(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x23 || code === 0x2d || code === 0x2f;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}

function isSeparator(code: number): boolean {
  return code === 0x2d || code === 0x2f;
}

/** Adds a chunk of word characters, joining it to the previous word across `-` or `/`. */
function pushChunk(words: string[], raw: string): void {
  const chunk = raw.replace(APOSTROPHES, "");
  if (chunk === "") return;
  const last = words.length - 1;
  if (last >= 0 && (isSeparator(chunk.charCodeAt(0)) || isSeparator(words[last]!.charCodeAt(words[last]!.length - 1)))) words[last] += chunk;
  else words.push(chunk);
}

/**
 * The words of an address text: lower case, diacritics and ß folded, apostrophes dropped, other
 * punctuation and spaces separating; `-` and `/` join their neighbours (`12 - 14` → `12-14`) and
 * are dropped at the ends. One pass over the characters.
 */
function addressWords(text: string): string[] {
  const s = foldLatin(capLength(text, 1_000));
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const code = i < s.length ? s.charCodeAt(i) : 0x20;
    if (code === 0x27 || code === 0x2019 || code === 0x60 || isWordCode(code, s, i)) {
      if (start < 0) start = i;
      if (code >= 0xd800 && code <= 0xdbff) i++;
    } else if (start >= 0) {
      pushChunk(words, s.slice(start, i));
      start = -1;
    }
  }
  const out: string[] = [];
  for (const word of words) {
    let a = 0;
    let b = word.length;
    while (a < b && isSeparator(word.charCodeAt(a))) a++;
    while (b > a && isSeparator(word.charCodeAt(b - 1))) b--;
    if (a < b) out.push(a === 0 && b === word.length ? word : word.slice(a, b));
  }
  return out;
}

const APOSTROPHES = /['’`]/g;

function abbreviate(token: string): string[] {
  const direct = STREET_TYPE_ABBREVIATIONS[token];
  if (direct !== undefined) return [direct];
  for (const [suffix, abbr] of COMPOUND_SUFFIXES) {
    if (token.length > suffix.length + 2 && token.endsWith(suffix) && /^\p{L}+$/u.test(token)) return [...abbreviate(token.slice(0, -suffix.length)), abbr];
  }
  return [token];
}

const NUMBER = /^\d+[a-z]?$|^\d+[a-z]?-\d+[a-z]?$/;
const HAS_SEPARATOR = /[-/]/;
const SEPARATORS = /[-/]+/;
const HASHES = /#/g;
const UNIT_SLASH_HOUSE = /^(\d+[a-z]?)\/(\d+[a-z]?(?:-\d+[a-z]?)?)$/;

/**
 * Normalises a street line (one or more address lines joined) into house number, unit and street
 * tokens. See {@link normalizeAddress}.
 *
 * @param text - Street lines as written, e.g. `"Flat 3, 12 High St."`.
 * @returns The house number, unit, street and canonical line.
 * @example
 * ```ts
 * normalizeAddressLine("Flat 3, 12 High St.").line;  // "12 high st unit 3"
 * normalizeAddressLine("12 High Street Apt 3").line; // "12 high st unit 3"
 * normalizeAddressLine("3/45 Smith Street").line;    // "45 smith st unit 3"
 * normalizeAddressLine("Hauptstraße 5").line;        // "5 haupt str"
 * ```
 */
export function normalizeAddressLine(text: string): Pick<NormalizedAddress, "houseNumber" | "unit" | "street" | "line" | "tokens"> {
  const raw: string[] = [];
  for (const word of addressWords(text)) {
    if (!HAS_SEPARATOR.test(word) || NUMBER.test(word) || UNIT_SLASH_HOUSE.test(word)) raw.push(word);
    else for (const part of word.split(SEPARATORS)) if (part !== "") raw.push(part);
  }
  const tokens = raw.map((t) => (t.includes("#") ? t.replace(HASHES, "") : t));
  // The unit is the last explicit marker: a unit word or "#" before a number, or "#number".
  let unit: string | undefined;
  let unitAt = -1;
  let unitEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token === "" || UNIT_WORDS.has(token)) && NUMBER.test(tokens[i + 1] ?? "")) {
      unit = tokens[i + 1]!;
      unitAt = i;
      unitEnd = i + 1;
      i++;
    } else if (raw[i]!.startsWith("#") && NUMBER.test(token)) {
      unit = token;
      unitAt = unitEnd = i;
    }
  }
  let houseNumber: string | undefined;
  const street: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i >= unitAt && i <= unitEnd) continue;
    const token = tokens[i]!;
    if (token === "") continue;
    if (houseNumber === undefined && HOUSE_WORDS.has(token) && NUMBER.test(tokens[i + 1] ?? "") && i + 1 !== unitAt) {
      houseNumber = tokens[i + 1]!;
      i++;
      continue;
    }
    const slash = houseNumber === undefined ? UNIT_SLASH_HOUSE.exec(token) : null;
    if (slash !== null) {
      houseNumber = slash[2]!;
      unit ??= slash[1]!;
      continue;
    }
    if (houseNumber === undefined && NUMBER.test(token)) {
      houseNumber = token;
      continue;
    }
    // A unit word that introduces no number says nothing, and kept it could claim a number later.
    for (const piece of abbreviate(token)) if (!UNIT_WORDS.has(piece)) street.push(piece);
  }
  const streetText = street.join(" ");
  const parts: string[] = [];
  if (houseNumber !== undefined) parts.push(houseNumber);
  if (streetText !== "") parts.push(streetText);
  if (unit !== undefined) parts.push("unit", unit);
  const line = parts.join(" ");
  return { houseNumber, unit, street: streetText, line, tokens: line === "" ? [] : line.split(" ") };
}

/**
 * Country names and codes as written → ISO 3166-1 alpha-2, for the countries whose postcode and
 * phone rules idic knows, plus a few common aliases.
 */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  uk: "GB", gb: "GB", gbr: "GB", "united kingdom": "GB", "great britain": "GB", england: "GB", scotland: "GB", wales: "GB",
  "northern ireland": "GB", us: "US", usa: "US", "united states": "US", "united states of america": "US", america: "US",
  ca: "CA", can: "CA", canada: "CA", cn: "CN", chn: "CN", china: "CN", "中国": "CN", prc: "CN", "peoples republic of china": "CN",
  de: "DE", deu: "DE", germany: "DE", deutschland: "DE", fr: "FR", fra: "FR", france: "FR", au: "AU", aus: "AU", australia: "AU",
  nl: "NL", nld: "NL", netherlands: "NL", "the netherlands": "NL", holland: "NL", nederland: "NL", es: "ES", esp: "ES", spain: "ES",
  espana: "ES", it: "IT", ita: "IT", italy: "IT", italia: "IT", ie: "IE", irl: "IE", ireland: "IE", jp: "JP", jpn: "JP", japan: "JP",
  "日本": "JP", in: "IN", ind: "IN", india: "IN", br: "BR", bra: "BR", brazil: "BR", brasil: "BR", ch: "CH", che: "CH",
  switzerland: "CH", schweiz: "CH", suisse: "CH", at: "AT", aut: "AT", austria: "AT", osterreich: "AT", be: "BE", bel: "BE",
  belgium: "BE", pl: "PL", pol: "PL", poland: "PL", polska: "PL", se: "SE", swe: "SE", sweden: "SE", sverige: "SE",
  nz: "NZ", nzl: "NZ", "new zealand": "NZ", hk: "HK", hkg: "HK", "hong kong": "HK", "香港": "HK", tw: "TW", twn: "TW",
  taiwan: "TW", "台湾": "TW", sg: "SG", sgp: "SG", singapore: "SG", mx: "MX", mex: "MX", mexico: "MX", pt: "PT", prt: "PT",
  portugal: "PT", dk: "DK", dnk: "DK", denmark: "DK", danmark: "DK", no: "NO", nor: "NO", norway: "NO", norge: "NO",
  fi: "FI", fin: "FI", finland: "FI", suomi: "FI", kr: "KR", kor: "KR", "south korea": "KR", korea: "KR", ru: "RU", rus: "RU", russia: "RU",
});

/**
 * Reads a country as written (`"United Kingdom"`, `"UK"`, `"Deutschland"`, `"中国"`, `"de"`) into
 * an ISO 3166-1 alpha-2 code. Any other two-letter text is taken as a code already; anything else
 * gives `undefined`.
 *
 * @param text - A country name or code.
 * @returns The upper-case alpha-2 code, or `undefined` when not recognised.
 * @example
 * ```ts
 * normalizeCountry("United Kingdom"); // "GB"
 * normalizeCountry("Deutschland");    // "DE"
 * normalizeCountry("fr");             // "FR"
 * normalizeCountry("Atlantis");       // undefined
 * ```
 */
export function normalizeCountry(text: string): string | undefined {
  const key = foldLatin(capLength(text, 100)).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const alias = COUNTRY_ALIASES[key] ?? COUNTRY_ALIASES[key.replace(/ /g, "")];
  if (alias !== undefined) return alias;
  return /^[a-z]{2}$/.test(key) ? key.toUpperCase() : undefined;
}

/** Postcode patterns per country on the compact (no space, upper-case) form: the canonical form. */
const POSTCODE_RULES: Readonly<Record<string, (compact: string) => string | undefined>> = {
  GB: (c) => (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(c) ? `${c.slice(0, -3)} ${c.slice(-3)}` : undefined),
  US: (c) => (/^\d{5}(?:\d{4})?$/.test(c) ? c.slice(0, 5) : undefined),
  CA: (c) => (/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(c) ? `${c.slice(0, 3)} ${c.slice(3)}` : undefined),
  NL: (c) => (/^\d{4}[A-Z]{2}$/.test(c) ? `${c.slice(0, 4)} ${c.slice(4)}` : undefined),
  CN: (c) => (/^\d{6}$/.test(c) ? c : undefined),
  IN: (c) => (/^\d{6}$/.test(c) ? c : undefined),
  RU: (c) => (/^\d{6}$/.test(c) ? c : undefined),
  DE: (c) => (/^\d{5}$/.test(c) ? c : undefined),
  FR: (c) => (/^\d{5}$/.test(c) ? c : undefined),
  ES: (c) => (/^\d{5}$/.test(c) ? c : undefined),
  IT: (c) => (/^\d{5}$/.test(c) ? c : undefined),
  MX: (c) => (/^\d{5}$/.test(c) ? c : undefined),
  AU: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  NZ: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  AT: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  BE: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  CH: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  DK: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  NO: (c) => (/^\d{4}$/.test(c) ? c : undefined),
  JP: (c) => (/^\d{7}$/.test(c) ? `${c.slice(0, 3)}-${c.slice(3)}` : undefined),
  PL: (c) => (/^\d{5}$/.test(c) ? `${c.slice(0, 2)}-${c.slice(2)}` : undefined),
  PT: (c) => (/^\d{7}$/.test(c) ? `${c.slice(0, 4)}-${c.slice(4)}` : undefined),
  SE: (c) => (/^\d{5}$/.test(c) ? `${c.slice(0, 3)} ${c.slice(3)}` : undefined),
  BR: (c) => (/^\d{8}$/.test(c) ? `${c.slice(0, 5)}-${c.slice(5)}` : undefined),
};

/**
 * Normalises a postcode: NFKC (full-width digits), upper case, spaces and hyphens removed, then the
 * country's canonical layout when the code fits its pattern — GB `n19gu` → `N1 9GU`, US ZIP+4
 * `12345-6789` → `12345`, CA `k1a0b1` → `K1A 0B1`, NL `1234ab` → `1234 AB`, CN/IN/RU six digits,
 * DE/FR/ES/IT/MX five, AU/NZ/AT/BE/CH/DK/NO four, JP `123-4567`, PL `12-345`, PT `1234-567`,
 * SE `123 45`, BR `12345-678`. A code that does not fit its country's pattern, or has no known
 * country, is returned in the compact form (`"SW1A1AA"`). Idempotent.
 *
 * @param text - A postcode as written.
 * @param country - Country (code or name, see {@link normalizeCountry}) whose rules apply. Default: none.
 * @returns The normalised postcode, or `undefined` when no letter or digit is left.
 * @example
 * ```ts
 * normalizePostcode(" sw1a 1aa ", "GB");  // "SW1A 1AA"
 * normalizePostcode("94105-1234", "US");  // "94105"
 * normalizePostcode("１０００８０", "CN"); // "100080"
 * normalizePostcode("sw1a 1aa");          // "SW1A1AA"
 * ```
 */
export function normalizePostcode(text: string, country?: string): string | undefined {
  const compact = capLength(text, 64).normalize("NFKC").toUpperCase().replace(/[^\p{L}\p{N}]+/gu, "");
  if (compact === "") return undefined;
  const code = country === undefined ? undefined : normalizeCountry(country);
  const rule = code === undefined ? undefined : POSTCODE_RULES[code];
  return rule?.(compact) ?? compact;
}

/**
 * Normalises a postal address for matching: the street lines are joined and read by
 * {@link normalizeAddressLine} (NFKC and full-width digits, case, diacritics, street types
 * abbreviated — Street/St/Str. → `st`, Straße/Strasse → `str`, Road → `rd`, Avenue → `ave` …
 * (see {@link STREET_TYPE_ABBREVIATIONS}) —, the house number taken out, and a unit found in
 * `Flat 3`, `Apt 3`, `Unit 3`, `Suite 3`, `#3` or `3/45`, the last marker winning; a unit word
 * without a number is dropped; `No. 12` and `Nr. 12` mark the house number), the city normalised the same way, the
 * country read by {@link normalizeCountry} and the postcode by {@link normalizePostcode} with that
 * country (or `defaultCountry`).
 *
 * @param address - The address, as in the customer model.
 * @param options - The default country; see {@link NormalizeAddressOptions}.
 * @returns The normalised parts and canonical street line.
 * @example
 * ```ts
 * const a = normalizeAddress({ lines: ["Flat 3, 12 High St."], city: "London", postcode: "n1 9gu", country: "UK" });
 * // { houseNumber: "12", unit: "3", street: "high st", line: "12 high st unit 3",
 * //   tokens: ["12", "high", "st", "unit", "3"], city: "london", postcode: "N1 9GU", country: "GB" }
 * normalizeAddress({ lines: ["12 High Street Apt 3"] }).line === a.line; // true
 * ```
 */
export function normalizeAddress(address: Address, options: NormalizeAddressOptions = {}): NormalizedAddress {
  const lines = address.lines.slice(0, 10).join(", ");
  const street = normalizeAddressLine(lines);
  const city = address.city === undefined ? "" : addressWords(address.city).join(" ");
  const country = address.country === undefined ? undefined : (normalizeCountry(address.country) ?? (addressWords(address.country).join(" ") || undefined));
  const postcode = address.postcode === undefined ? undefined : normalizePostcode(address.postcode, country ?? options.defaultCountry);
  return {
    houseNumber: street.houseNumber,
    unit: street.unit,
    street: street.street,
    line: street.line,
    tokens: street.tokens,
    city: city === "" ? undefined : city,
    postcode,
    country,
  };
}
