/**
 * Shared text helpers of the normalisers: input caps, Unicode compatibility folding, diacritics
 * removal and letters that Unicode does not decompose.
 */

/**
 * Longest input, in UTF-16 code units, that a normaliser reads; longer input is cut to its first
 * `MAX_NORMALIZE_INPUT_LENGTH` units (never inside a surrogate pair) before any work, so hostile
 * megabyte strings cost no more than a long name.
 *
 * @example
 * ```ts
 * normalizeName("a".repeat(1e6)).length <= MAX_NORMALIZE_INPUT_LENGTH; // true
 * ```
 */
export const MAX_NORMALIZE_INPUT_LENGTH = 1_000;

/**
 * Cuts `text` to at most `max` UTF-16 code units without splitting a surrogate pair.
 *
 * @internal
 */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.charCodeAt(max - 1) >= 0xd800 && text.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return text.slice(0, cut);
}

/** Combining marks of the Latin, Greek and Cyrillic diacritic blocks (not Indic vowel signs). */
const DIACRITIC_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Letters that carry a diacritic-like stroke but have no Unicode decomposition, and ligatures. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ß: "ss",
  ẞ: "ss",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ı: "i",
  ħ: "h",
  Ħ: "h",
  ŀ: "l",
  Ŀ: "l",
  ŧ: "t",
  Ŧ: "t",
  ƒ: "f",
  ĸ: "k",
  ŉ: "n",
  ς: "σ",
};
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join("")}]`, "g");

/**
 * Unicode NFKC (full-width → half-width, ligatures and compatibility forms unfolded), lower case,
 * Latin/Greek/Cyrillic diacritics removed (é → e, ß → ss, ø → o, ł → l, æ → ae), final sigma
 * folded to σ. Lone surrogates and control characters are left to the caller.
 *
 * @internal
 */
export function foldLatin(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  const lower = text.normalize("NFKC").toLowerCase();
  return lower
    .normalize("NFD")
    .replace(DIACRITIC_MARKS, "")
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c] ?? c)
    .normalize("NFC");
}

/** Whether every code unit is ASCII (then NFKC, NFD and the letter table change nothing). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
