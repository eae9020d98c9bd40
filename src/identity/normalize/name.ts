import { foldChinese } from "./chinese.js";
import { isHan } from "./script.js";
import { MAX_NORMALIZE_INPUT_LENGTH, capLength, foldLatin } from "./text.js";

/**
 * Honorifics and titles that {@link normalizeName} removes wherever they occur (as normalised
 * tokens: lower case, no diacritics, no punctuation). English, German, French, Spanish and Italian
 * forms; military ranks and words that are also common surnames (Lord, King, Major) are left out.
 *
 * @example
 * ```ts
 * DEFAULT_NAME_TITLES.includes("herr"); // true
 * ```
 */
export const DEFAULT_NAME_TITLES: readonly string[] = Object.freeze([
  "mr", "mrs", "ms", "miss", "mx", "mister", "mstr", "dr", "doctor", "prof", "professor", "sir", "dame",
  "rev", "revd", "reverend", "fr", "hon", "herr", "frau", "fraulein", "dipl", "ing", "mag", "mme", "mlle",
  "monsieur", "madame", "mademoiselle", "sra", "srta", "senor", "senora", "senorita", "dott", "sig",
]);

/**
 * Name suffixes (generation markers, degrees, honours, baronetcies, ordinals as in "1st Baronet")
 * that {@link normalizeName} removes unless the suffix is the first token of the name.
 *
 * @example
 * ```ts
 * DEFAULT_NAME_SUFFIXES.includes("jr"); // true
 * ```
 */
export const DEFAULT_NAME_SUFFIXES: readonly string[] = Object.freeze([
  "jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv", "phd", "dphil", "md", "dds", "esq",
  "mba", "msc", "bsc", "jd", "cpa", "rn", "qc", "kc", "obe", "mbe", "cbe", "kbe", "baronet", "bt",
  "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th",
]);

/**
 * Words of a peerage ("Baron", "Earl", "of"): a name field holding only such words (and titles)
 * says nothing about the person's own name.
 */
const PEERAGE_WORDS: ReadonlySet<string> = new Set([
  "baron", "baroness", "baronet", "bt", "earl", "countess", "viscount", "viscountess", "marquess", "marquis",
  "marchioness", "duke", "duchess", "of",
]);

/** Chinese forms of address written after a name (陈先生 = Mr Chen). */
const HAN_HONORIFICS: readonly string[] = ["先生", "女士", "小姐", "太太", "夫人"];

/** Options of {@link normalizeName} and {@link nameTokens}. */
export interface NormalizeNameOptions {
  /** Tokens removed wherever they occur, given in normalised form. Default {@link DEFAULT_NAME_TITLES}. */
  readonly titles?: readonly string[];
  /** Tokens removed unless first, given in normalised form. Default {@link DEFAULT_NAME_SUFFIXES}. */
  readonly suffixes?: readonly string[];
  /** Fold Traditional Chinese to Simplified (see {@link foldChinese}). Default `true`. */
  readonly foldChinese?: boolean;
}

const NAME_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Whether the character at `at` (code unit `code`, lower case) belongs to a name token. */
function isNameChar(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return NAME_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}

/** Apostrophes that join the parts of a name (O'Neil) rather than separate them. */
function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 0x2bb || code === 0x60 || code === 0xb4;
}

const defaultTitleSet = new Set(DEFAULT_NAME_TITLES);
const defaultSuffixSet = new Set(DEFAULT_NAME_SUFFIXES);
const customSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function asSet(list: readonly string[] | undefined, fallback: ReadonlySet<string>): ReadonlySet<string> {
  if (list === undefined) return fallback;
  let set = customSets.get(list);
  if (set === undefined) {
    set = new Set(list);
    customSets.set(list, set);
  }
  return set;
}

/** Lower case, no diacritics, apostrophes dropped, split at every other non-letter, non-digit. */
function nameWords(text: string, fold: boolean): string[] {
  const latin = foldLatin(capLength(text, MAX_NORMALIZE_INPUT_LENGTH));
  const s = fold ? foldChinese(latin) : latin;
  const words: string[] = [];
  let word = "";
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const code = i < s.length ? s.charCodeAt(i) : 0x20;
    if (isApostrophe(code)) {
      if (start >= 0) word += s.slice(start, i);
      start = -1;
      continue;
    }
    if (i < s.length && isNameChar(code, s, i)) {
      if (start < 0) start = i;
      if (code >= 0xd800 && code <= 0xdbff) i++;
      continue;
    }
    if (start >= 0) word += s.slice(start, i);
    start = -1;
    if (word !== "") words.push(word);
    word = "";
  }
  return words;
}

function stripHanHonorific(token: string): string {
  let out = token;
  for (let i = 0; i < HAN_HONORIFICS.length && out.charCodeAt(out.length - 1) >= 0x3400; i++) {
    const h = HAN_HONORIFICS[i]!;
    if (out.length > h.length && out.endsWith(h) && isHan(out)) {
      out = out.slice(0, -h.length);
      i = -1;
    }
  }
  return out;
}

/** Indexes of the tokens kept once titles and (non-first) suffixes are removed. */
function keptTokens(keys: readonly string[], titles: ReadonlySet<string>, suffixes: ReadonlySet<string>): number[] {
  const kept: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (titles.has(key)) continue;
    if (kept.length > 0 && suffixes.has(key)) continue;
    kept.push(i);
  }
  return kept.length > 0 ? kept : keys.map((_, i) => i);
}

/**
 * The tokens without titles and non-first suffixes (all of them if nothing would be left).
 *
 * @internal
 */
export function withoutTitles(tokens: string[], options: NormalizeNameOptions): string[] {
  const kept = keptTokens(tokens, asSet(options.titles, defaultTitleSet), asSet(options.suffixes, defaultSuffixSet));
  return kept.length === tokens.length ? tokens : kept.map((i) => tokens[i]!);
}

/**
 * Whether a name field holds nothing but titles, suffixes and ranks (`"Sir"`, `"Bt."`, `"1st"`,
 * `"Baronet"`): such a field says nothing about the person's own name.
 *
 * @internal
 */
export function isTitleOnly(text: string, options: NormalizeNameOptions = {}): boolean {
  const titles = asSet(options.titles, defaultTitleSet);
  const suffixes = asSet(options.suffixes, defaultSuffixSet);
  const words = nameWords(text, false);
  return words.length > 0 && words.every((w) => titles.has(w) || suffixes.has(w) || PEERAGE_WORDS.has(w));
}

/**
 * Normalises a person's name into a matching key: Unicode NFKC (full-width → half-width), lower
 * case, diacritics removed (é → e, ß → ss, ø → o, ł → l, æ → ae), Traditional Chinese folded to
 * Simplified (陳 → 陈), apostrophes dropped so the parts join (`O'Neil` → `oneil`, `D’Arcy` →
 * `darcy`), hyphens and all other punctuation turned into spaces (`Smith-Jones` → `smith jones`),
 * white space collapsed, titles removed wherever they occur (`Dr`, `Herr`, `Mme`) and suffixes
 * removed unless first (`Jr`, `III`, `PhD`), and a trailing Chinese form of address removed
 * (`陈先生` → `陈`). If removing titles would leave nothing, every token is kept. Idempotent.
 *
 * Input longer than {@link MAX_NORMALIZE_INPUT_LENGTH} code units is cut first.
 *
 * @param text - A name as written: given, family or full.
 * @param options - Title and suffix lists, Chinese folding; see {@link NormalizeNameOptions}.
 * @returns The normalised name (`""` when nothing is left).
 * @example
 * ```ts
 * normalizeName("Dr. José  O'Neil-Núñez Jr."); // "jose oneil nunez"
 * normalizeName("ＭＡＲＴＩＮ");                  // "martin"
 * normalizeName("陳學");                         // "陈学"
 * normalizeName("Herr Jürgen Groß");            // "jurgen gross"
 * ```
 */
export function normalizeName(text: string, options: NormalizeNameOptions = {}): string {
  const tokens = nameWords(text, options.foldChinese ?? true);
  if (tokens.length === 0) return "";
  for (let i = 0; i < tokens.length; i++) tokens[i] = stripHanHonorific(tokens[i]!);
  return withoutTitles(tokens, options).join(" ");
}

/**
 * The tokens of a normalised name (see {@link normalizeName}): split at spaces, in order. A Chinese
 * name written without spaces is one token.
 *
 * @param text - A name as written.
 * @param options - As for {@link normalizeName}.
 * @returns The tokens; empty for a blank name.
 * @example
 * ```ts
 * nameTokens("Mary-Ann van der Berg"); // ["mary", "ann", "van", "der", "berg"]
 * nameTokens("  ");                    // []
 * ```
 */
export function nameTokens(text: string, options: NormalizeNameOptions = {}): string[] {
  const name = normalizeName(text, options);
  return name === "" ? [] : name.split(" ");
}

/** A full name split into parts, as written (trimmed, titles and suffixes removed). */
export interface NameParts {
  /** Given (first) name. */
  readonly given?: string;
  /** Middle names or initials, space-separated. */
  readonly middle?: string;
  /** Family name (surname), with its particles (`van der Berg`, `de la Cruz`). */
  readonly family?: string;
}

/** Options of {@link splitFullName}. */
export interface SplitFullNameOptions {
  /** Titles to drop, normalised. Default {@link DEFAULT_NAME_TITLES}. */
  readonly titles?: readonly string[];
  /** Suffixes to drop unless first, normalised. Default {@link DEFAULT_NAME_SUFFIXES}. */
  readonly suffixes?: readonly string[];
}

/**
 * Two-character Chinese surnames (复姓), in Simplified form; the traditional forms match after
 * {@link foldChinese}.
 *
 * @example
 * ```ts
 * CHINESE_COMPOUND_SURNAMES.includes("欧阳"); // true
 * ```
 */
export const CHINESE_COMPOUND_SURNAMES: readonly string[] = Object.freeze([
  "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
  "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "万俟", "闻人", "赫连", "澹台", "公冶", "宗政",
  "濮阳", "淳于", "单于", "太叔", "申屠", "仲孙", "呼延", "东郭", "百里", "司空", "司寇", "拓跋", "第五",
  "羊舌", "微生", "公羊", "梁丘", "左丘", "东门", "谷梁", "乐正", "公良", "漆雕", "壤驷", "巫马", "公西",
  "颛孙", "子车", "亓官", "鲜于", "闾丘", "段干",
]);

/** Two-syllable Korean surnames. */
const KOREAN_COMPOUND_SURNAMES: ReadonlySet<string> = new Set(["남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방"]);
const compoundHan = new Set(CHINESE_COMPOUND_SURNAMES);

/** Lower-case particles that belong to the family name that follows them. */
const FAMILY_PARTICLES: ReadonlySet<string> = new Set([
  "van", "von", "der", "den", "de", "del", "della", "degli", "di", "da", "das", "dos", "du", "la", "le", "lo",
  "ter", "ten", "zu", "zum", "zur", "bin", "binti", "ibn", "al", "el", "st", "saint", "mac",
]);

function isHangulText(text: string): boolean {
  return /^[\uac00-\ud7af]+$/.test(text);
}

/** Splits a single unspaced Chinese or Korean name into family name first, then given name. */
function splitEastAsian(name: string, compound: (first2: string) => boolean): NameParts {
  const chars = [...name];
  if (chars.length === 1) return { family: name };
  const first2 = chars.slice(0, 2).join("");
  if (compound(first2)) return chars.length === 2 ? { family: name } : { family: first2, given: chars.slice(2).join("") };
  return { family: chars[0]!, given: chars.slice(1).join("") };
}

function partsOf(given: readonly string[], family: readonly string[]): NameParts {
  const parts: { given?: string; middle?: string; family?: string } = {};
  if (given.length > 0) parts.given = given[0]!;
  if (given.length > 1) parts.middle = given.slice(1).join(" ");
  if (family.length > 0) parts.family = family.join(" ");
  return parts;
}

/** Control and format characters and lone surrogates: never part of a name as written. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** The words of a name segment as written, without titles and (non-first) suffixes. */
function cleanWords(segment: string, titles: ReadonlySet<string>, suffixes: ReadonlySet<string>): string[] {
  const words: string[] = [];
  const keys: string[] = [];
  for (const word of segment.split(/[\s,]+/)) {
    const key = nameWords(word, false).join("");
    if (key === "") continue;
    words.push(word);
    keys.push(key);
  }
  return keptTokens(keys, titles, suffixes).map((i) => words[i]!);
}

/**
 * Whether the text after a comma is a style rather than given names: suffixes only (`"Jr."`,
 * `"Bt"`), or a rank starting with an ordinal (`"1st Baron Clifford of Chudleigh"`). A rank word
 * alone is read as a given name (`"Smith, Earl"`).
 */
function isStyle(tail: string, suffixes: ReadonlySet<string>): boolean {
  const words = nameWords(tail, false);
  if (words.length === 0) return false;
  if (/^\d+(?:st|nd|rd|th)$/.test(words[0]!)) return true;
  return words.every((w) => suffixes.has(w));
}

/**
 * Splits a full name into given, middle and family name, keeping the parts as written (NFKC,
 * trimmed, control and format characters dropped, titles and suffixes removed as in
 * {@link normalizeName}):
 *
 * - `"Family, Given Middle"` (a comma) puts the family name first, unless what follows the comma
 *   is a style: suffixes and ranks (`"John Smith, Jr."`, `"Robert McAlpine, 1st Baronet"`), which
 *   are dropped;
 * - Chinese names (all Han) put the family name first: `"陈学"` → 陈 + 学, with the two-character
 *   compound surnames of {@link CHINESE_COMPOUND_SURNAMES} (`"欧阳修"` → 欧阳 + 修); a name that is
 *   exactly a compound surname is taken as a family name alone; with spaces (`"陈 学"`) the first
 *   token is the family name. Korean names in Hangul are split the same way;
 * - otherwise `"Given Middle Family"`, the family name taking its lower-case particles
 *   (`"Ludwig van Beethoven"` → family `van Beethoven`);
 * - a single Latin word is taken as the family name.
 *
 * @param full - The full name as written.
 * @param options - Title and suffix lists; see {@link SplitFullNameOptions}.
 * @returns The parts found; an empty object for a blank name.
 * @example
 * ```ts
 * splitFullName("Dr Mary Ann van der Berg"); // { given: "Mary", middle: "Ann", family: "van der Berg" }
 * splitFullName("Smith, John Paul");         // { given: "John", middle: "Paul", family: "Smith" }
 * splitFullName("Sir Robert McAlpine, 1st Baronet"); // { given: "Robert", family: "McAlpine" }
 * splitFullName("歐陽修");                    // { family: "歐陽", given: "修" }
 * ```
 */
export function splitFullName(full: string, options: SplitFullNameOptions = {}): NameParts {
  const text = capLength(full, MAX_NORMALIZE_INPUT_LENGTH).normalize("NFKC").replace(INVISIBLE, "").trim();
  if (text === "") return {};
  const titles = asSet(options.titles, defaultTitleSet);
  const suffixes = asSet(options.suffixes, defaultSuffixSet);
  const comma = text.indexOf(",");
  let head = text;
  if (comma > 0) {
    if (isStyle(text.slice(comma + 1), suffixes)) head = text.slice(0, comma);
    else {
      const family = cleanWords(text.slice(0, comma), titles, suffixes);
      const given = cleanWords(text.slice(comma + 1), titles, suffixes);
      if (family.length > 0 && given.length > 0) return partsOf(given, family);
    }
  }
  const words = cleanWords(head, titles, suffixes);
  if (words.length === 0) return {};
  const joined = words.join("");
  if (isHan(joined)) {
    if (words.length > 1) return { family: words[0]!, given: words.slice(1).join("") };
    return splitEastAsian(joined, (f) => compoundHan.has(foldChinese(f)));
  }
  if (isHangulText(joined)) {
    if (words.length > 1) return { family: words[0]!, given: words.slice(1).join("") };
    return splitEastAsian(joined, (f) => KOREAN_COMPOUND_SURNAMES.has(f));
  }
  if (words.length === 1) return { family: words[0]! };
  let start = words.length - 1;
  while (start > 1 && FAMILY_PARTICLES.has(nameWords(words[start - 1]!, false).join(" "))) start--;
  return partsOf(words.slice(0, start), words.slice(start));
}
