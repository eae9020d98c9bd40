import { foldLatin } from "../normalize/text.js";

/** Options of {@link doubleMetaphone}. */
export interface DoubleMetaphoneOptions {
  /** Longest code returned, an integer 1–16. Default `4` (Philips). */
  readonly maxLength?: number;
}

const VOWELS = "AEIOUY";
const MAX_WORD = 64;

/** Encoder state for one word: the letters, a cursor, and the two codes being built. */
class Encoder {
  primary = "";
  alternate = "";
  readonly last: number;
  readonly slavoGermanic: boolean;
  readonly germanicStart: boolean;

  constructor(readonly w: string) {
    this.last = w.length - 1;
    this.slavoGermanic = /W|K|CZ|WITZ/.test(w);
    this.germanicStart = /^(?:VAN |VON |SCH)/.test(w);
  }

  /** Appends to both codes, or different strings to each. */
  add(main: string, alt: string = main): void {
    this.primary += main;
    this.alternate += alt;
  }

  /** The letter at `i` (`""` outside the word). */
  c(i: number): string {
    return i >= 0 && i <= this.last ? this.w[i]! : "";
  }

  /** Whether one of `options` occurs at position `i`. */
  at(i: number, ...options: string[]): boolean {
    if (i < 0) return false;
    for (const o of options) if (this.w.startsWith(o, i)) return true;
    return false;
  }

  vowel(i: number): boolean {
    const ch = this.c(i);
    return ch !== "" && VOWELS.includes(ch);
  }
}

/** Encodes `C` at `i`; returns the next position. */
function encodeC(e: Encoder, i: number): number {
  if (i > 1 && !e.vowel(i - 2) && e.at(i - 1, "ACH") && e.c(i + 2) !== "I" && (e.c(i + 2) !== "E" || e.at(i - 2, "BACHER", "MACHER"))) {
    e.add("K");
    return i + 2;
  }
  if (i === 0 && e.at(0, "CAESAR")) {
    e.add("S");
    return i + 2;
  }
  if (e.at(i, "CHIA")) {
    e.add("K");
    return i + 2;
  }
  if (e.at(i, "CH")) {
    if (i > 0 && e.at(i, "CHAE")) e.add("K", "X");
    else if (i === 0 && (e.at(1, "HARAC", "HARIS") || e.at(1, "HOR", "HYM", "HIA", "HEM")) && !e.at(0, "CHORE")) e.add("K");
    else if (
      e.germanicStart ||
      e.at(i - 2, "ORCHES", "ARCHIT", "ORCHID") ||
      e.at(i + 2, "T", "S") ||
      ((i === 0 || "AOUE".includes(e.c(i - 1) || "_")) && (e.at(i + 2, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ") || i + 2 > e.last))
    )
      e.add("K");
    else if (i > 0) e.add(e.at(0, "MC") ? "K" : "X", "K");
    else e.add("X");
    return i + 2;
  }
  if (e.at(i, "CZ") && !e.at(i - 2, "WICZ")) {
    e.add("S", "X");
    return i + 2;
  }
  if (e.at(i + 1, "CIA")) {
    e.add("X");
    return i + 3;
  }
  if (e.at(i, "CC") && !(i === 1 && e.c(0) === "M")) {
    if (e.at(i + 2, "I", "E", "H") && !e.at(i + 2, "HU")) {
      e.add((i === 1 && e.c(0) === "A") || e.at(i - 1, "UCCEE", "UCCES") ? "KS" : "X");
      return i + 3;
    }
    e.add("K");
    return i + 2;
  }
  if (e.at(i, "CK", "CG", "CQ")) {
    e.add("K");
    return i + 2;
  }
  if (e.at(i, "CI", "CE", "CY")) {
    if (e.at(i, "CIO", "CIE", "CIA")) e.add("S", "X");
    else e.add("S");
    return i + 2;
  }
  e.add("K");
  if (e.at(i + 1, " C", " Q", " G")) return i + 3;
  if (e.at(i + 1, "C", "K", "Q") && !e.at(i + 1, "CE", "CI")) return i + 2;
  return i + 1;
}

/** Encodes `G` at `i`; returns the next position. */
function encodeG(e: Encoder, i: number): number {
  const next = e.c(i + 1);
  if (next === "H") {
    if (i > 0 && !e.vowel(i - 1)) {
      e.add("K");
      return i + 2;
    }
    if (i === 0) {
      e.add(e.c(2) === "I" ? "J" : "K");
      return i + 2;
    }
    if ((i > 1 && "BHD".includes(e.c(i - 2) || "_")) || (i > 2 && "BHD".includes(e.c(i - 3) || "_")) || (i > 3 && "BH".includes(e.c(i - 4) || "_"))) return i + 2;
    if (i > 2 && e.c(i - 1) === "U" && "CGLRT".includes(e.c(i - 3) || "_")) e.add("F");
    else if (i > 0 && e.c(i - 1) !== "I") e.add("K");
    return i + 2;
  }
  if (next === "N") {
    if (i === 1 && e.vowel(0) && !e.slavoGermanic) e.add("KN", "N");
    else if (!e.at(i + 2, "EY") && !e.slavoGermanic) e.add("N", "KN");
    else e.add("KN");
    return i + 2;
  }
  if (e.at(i + 1, "LI") && !e.slavoGermanic) {
    e.add("KL", "L");
    return i + 2;
  }
  if (i === 0 && (next === "Y" || e.at(1, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"))) {
    e.add("K", "J");
    return i + 2;
  }
  if ((e.at(i + 1, "ER") || next === "Y") && !e.at(0, "DANGER", "RANGER", "MANGER") && !"EI".includes(e.c(i - 1) || "_") && !e.at(i - 1, "RGY", "OGY")) {
    e.add("K", "J");
    return i + 2;
  }
  if ("EIY".includes(next || "_") || e.at(i - 1, "AGGI", "OGGI")) {
    if (e.germanicStart || e.at(i + 1, "ET")) e.add("K");
    else if (e.at(i + 1, "IER")) e.add("J");
    else e.add("J", "K");
    return i + 2;
  }
  e.add("K");
  return next === "G" ? i + 2 : i + 1;
}

/** Encodes `J` at `i`; returns the next position. */
function encodeJ(e: Encoder, i: number): number {
  if (e.at(i, "JOSE") || e.at(0, "SAN ")) {
    if ((i === 0 && e.c(i + 4) === " ") || e.at(0, "SAN ")) e.add("H");
    else e.add("J", "H");
    return i + 1;
  }
  if (i === 0) e.add("J", "A");
  else if (e.vowel(i - 1) && !e.slavoGermanic && (e.c(i + 1) === "A" || e.c(i + 1) === "O")) e.add("J", "H");
  else if (i === e.last) e.add("J", "");
  else if (!"LTKSNMBZ".includes(e.c(i + 1) || "_") && !"SKL".includes(e.c(i - 1) || "_")) e.add("J");
  return e.c(i + 1) === "J" ? i + 2 : i + 1;
}

/** Encodes `S` at `i`; returns the next position. */
function encodeS(e: Encoder, i: number): number {
  if (e.at(i - 1, "ISL", "YSL")) return i + 1;
  if (i === 0 && e.at(0, "SUGAR")) {
    e.add("X", "S");
    return i + 1;
  }
  if (e.at(i, "SH")) {
    e.add(e.at(i + 1, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X");
    return i + 2;
  }
  if (e.at(i, "SIO", "SIA")) {
    if (e.slavoGermanic) e.add("S");
    else e.add("S", "X");
    return i + 3;
  }
  if ((i === 0 && e.at(1, "M", "N", "L", "W")) || e.c(i + 1) === "Z") {
    e.add("S", "X");
    return e.c(i + 1) === "Z" ? i + 2 : i + 1;
  }
  if (e.at(i, "SC")) {
    if (e.c(i + 2) === "H") {
      if (e.at(i + 3, "OO", "ER", "EN", "UY", "ED", "EM")) {
        if (e.at(i + 3, "ER", "EN")) e.add("X", "SK");
        else e.add("SK");
      } else if (i === 0 && !e.vowel(3) && e.c(3) !== "W") e.add("X", "S");
      else e.add("X");
      return i + 3;
    }
    e.add(e.at(i + 2, "I", "E", "Y") ? "S" : "SK");
    return i + 3;
  }
  if (i === e.last && e.at(i - 2, "AI", "OI")) e.add("", "S");
  else e.add("S");
  return e.at(i + 1, "S", "Z") ? i + 2 : i + 1;
}

/** Encodes `T` at `i`; returns the next position. */
function encodeT(e: Encoder, i: number): number {
  if (e.at(i, "TION")) {
    e.add("X");
    return i + 3;
  }
  if (e.at(i, "TIA", "TCH")) {
    e.add("X");
    return i + 3;
  }
  if (e.at(i, "TH", "TTH")) {
    if (e.at(i + 2, "OM", "AM") || e.germanicStart) e.add("T");
    else e.add("0", "T");
    return i + 2;
  }
  e.add("T");
  return e.at(i + 1, "T", "D") ? i + 2 : i + 1;
}

/** Encodes `W` at `i`; returns the next position. */
function encodeW(e: Encoder, i: number): number {
  if (e.at(i, "WR")) {
    e.add("R");
    return i + 2;
  }
  if (i === 0 && (e.vowel(1) || e.at(0, "WH"))) {
    if (e.vowel(1)) e.add("A", "F");
    else e.add("A");
  }
  if ((i === e.last && e.vowel(i - 1)) || e.at(i - 1, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || e.at(0, "SCH")) {
    e.add("", "F");
    return i + 1;
  }
  if (e.at(i, "WICZ", "WITZ")) {
    e.add("TS", "FX");
    return i + 4;
  }
  return i + 1;
}

/** The position after the letter at `i`, skipping a doubled `letter`. */
function skipDouble(e: Encoder, i: number, letter: string): number {
  return e.c(i + 1) === letter ? i + 2 : i + 1;
}

/** Encodes the letter at `i`; returns the next position. */
function encodeAt(e: Encoder, i: number): number {
  const ch = e.c(i);
  switch (ch) {
    case "A":
    case "E":
    case "I":
    case "O":
    case "U":
    case "Y":
      if (i === 0) e.add("A");
      return i + 1;
    case "B":
      e.add("P");
      return skipDouble(e, i, "B");
    case "C":
      return encodeC(e, i);
    case "D":
      if (e.at(i, "DG")) {
        if (e.at(i + 2, "I", "E", "Y")) {
          e.add("J");
          return i + 3;
        }
        e.add("TK");
        return i + 2;
      }
      e.add("T");
      return e.at(i, "DT", "DD") ? i + 2 : i + 1;
    case "F":
      e.add("F");
      return skipDouble(e, i, "F");
    case "G":
      return encodeG(e, i);
    case "H":
      if ((i === 0 || e.vowel(i - 1)) && e.vowel(i + 1)) {
        e.add("H");
        return i + 2;
      }
      return i + 1;
    case "J":
      return encodeJ(e, i);
    case "K":
      e.add("K");
      return skipDouble(e, i, "K");
    case "L":
      if (e.c(i + 1) === "L") {
        const spanish =
          (i === e.last - 2 && e.at(i - 1, "ILLO", "ILLA", "ALLE")) ||
          ((e.at(e.last - 1, "AS", "OS") || "AO".includes(e.c(e.last) || "_")) && e.at(i - 1, "ALLE"));
        if (spanish) e.add("L", "");
        else e.add("L");
        return i + 2;
      }
      e.add("L");
      return i + 1;
    case "M":
      e.add("M");
      return (e.at(i - 1, "UMB") && (i + 1 === e.last || e.at(i + 2, "ER"))) || e.c(i + 1) === "M" ? i + 2 : i + 1;
    case "N":
      e.add("N");
      return skipDouble(e, i, "N");
    case "P":
      if (e.c(i + 1) === "H") {
        e.add("F");
        return i + 2;
      }
      e.add("P");
      return e.at(i + 1, "P", "B") ? i + 2 : i + 1;
    case "Q":
      e.add("K");
      return skipDouble(e, i, "Q");
    case "R":
      if (i === e.last && !e.slavoGermanic && e.at(i - 2, "IE") && !e.at(i - 4, "ME", "MA")) e.add("", "R");
      else e.add("R");
      return skipDouble(e, i, "R");
    case "S":
      return encodeS(e, i);
    case "T":
      return encodeT(e, i);
    case "V":
      e.add("F");
      return skipDouble(e, i, "V");
    case "W":
      return encodeW(e, i);
    case "X":
      if (!(i === e.last && (e.at(i - 3, "IAU", "EAU") || e.at(i - 2, "AU", "OU")))) e.add("KS");
      return e.at(i + 1, "C", "X") ? i + 2 : i + 1;
    case "Z":
      if (e.c(i + 1) === "H") {
        e.add("J");
        return i + 2;
      }
      if (e.at(i + 1, "ZO", "ZI", "ZA") || (e.slavoGermanic && i > 0 && e.c(i - 1) !== "T")) e.add("S", "TS");
      else e.add("S");
      return skipDouble(e, i, "Z");
    default:
      return i + 1;
  }
}

/** The letters A–Z of a name after folding, upper case, words separated by one space. */
function upperLetters(name: string): string {
  const folded = foldLatin(name.slice(0, MAX_WORD * 4));
  let out = "";
  let space = false;
  for (let i = 0; i < folded.length && out.length < MAX_WORD; i++) {
    const code = folded.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) {
      if (space && out !== "") out += " ";
      space = false;
      out += String.fromCharCode(code - 0x20);
    } else if (code === 0x20) space = true;
  }
  return out;
}

/**
 * Double Metaphone phonetic codes of a name (Philips 2000, "The Double Metaphone Search Algorithm",
 * C/C++ Users Journal 18(6)): a primary and an alternate code of consonant sounds, so that names
 * spelled differently but said alike share a code (`Smith`/`Smyth` → `SM0`, `Schmidt` → `XMT`
 * with alternate `SMT`). Implemented for idic from the published rules, covering English and the
 * common Germanic, Slavic, Romance, Greek and Chinese-romanisation spellings those rules handle;
 * `Ç` and `Ñ` are read as `C` and `N` after diacritics are folded, so `Ç` codes as `K`/`S` by
 * context rather than always `S`. `0` (zero) stands for "th". Letters other than A–Z (after
 * folding) are ignored; spaces separate words as in the original (`"van der Berg"`). Reads at most
 * the first 64 letters.
 *
 * @param name - A name (any case, diacritics allowed).
 * @param options - The code length; see {@link DoubleMetaphoneOptions}.
 * @returns `[primary, alternate]`; the alternate equals the primary when there is no alternative
 *   pronunciation; `["", ""]` when there is no letter.
 * @throws RangeError when `maxLength` is not an integer 1–16.
 * @example
 * ```ts
 * doubleMetaphone("Smith");    // ["SM0", "XMT"]
 * doubleMetaphone("Schmidt");  // ["XMT", "SMT"]
 * doubleMetaphone("Thomas");   // ["TMS", "TMS"]
 * ```
 */
export function doubleMetaphone(name: string, options: DoubleMetaphoneOptions = {}): [string, string] {
  const maxLength = options.maxLength ?? 4;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 16)
    throw new RangeError(`doubleMetaphone: option "maxLength" must be an integer 1–16, got ${String(maxLength)}`);
  const word = upperLetters(name);
  if (word === "") return ["", ""];
  const e = new Encoder(word);
  let i = 0;
  if (e.at(0, "GN", "KN", "PN", "WR", "PS")) i = 1;
  if (e.c(0) === "X") {
    e.add("S");
    i = 1;
  }
  while (i <= e.last && (e.primary.length < maxLength || e.alternate.length < maxLength)) i = encodeAt(e, i);
  return [e.primary.slice(0, maxLength), e.alternate.slice(0, maxLength)];
}
