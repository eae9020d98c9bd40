import { isHanCodePoint } from "./chinese.js";
import { MAX_NORMALIZE_INPUT_LENGTH } from "./text.js";

/**
 * The writing system of a name, as {@link detectScript} reports it: one script when every letter
 * belongs to it, `"mixed"` when letters of several scripts occur (Japanese names mixing Han and
 * kana included), `"none"` when there is no letter at all.
 */
export type NameScript =
  | "latin"
  | "han"
  | "kana"
  | "hangul"
  | "cyrillic"
  | "greek"
  | "arabic"
  | "hebrew"
  | "other"
  | "mixed"
  | "none";

const LETTER = /\p{L}/u;

function scriptOf(cp: number): NameScript | undefined {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? "latin" : undefined;
  if (isHanCodePoint(cp)) return "han";
  if ((cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x1e00 && cp <= 0x1eff)) return "latin";
  if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || (cp >= 0xa720 && cp <= 0xa7ff)) return "latin";
  if ((cp >= 0x3040 && cp <= 0x30ff && cp !== 0x30fb) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9f)) return "kana";
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) return "hangul";
  if (cp >= 0x400 && cp <= 0x52f) return "cyrillic";
  if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) return "greek";
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0x8a0 && cp <= 0x8ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff))
    return LETTER.test(String.fromCodePoint(cp)) ? "arabic" : undefined;
  if (cp >= 0x590 && cp <= 0x5ff) return LETTER.test(String.fromCodePoint(cp)) ? "hebrew" : undefined;
  return LETTER.test(String.fromCodePoint(cp)) ? "other" : undefined;
}

/**
 * Detects the writing system of a name from its letters (digits, punctuation and spaces are
 * ignored). Reads at most the first {@link MAX_NORMALIZE_INPUT_LENGTH} code units.
 *
 * @param text - A name or any text.
 * @returns The script of every letter, `"mixed"` or `"none"`.
 * @example
 * ```ts
 * detectScript("陳學");       // "han"
 * detectScript("José Núñez"); // "latin"
 * detectScript("山田はな");    // "mixed" (Han and kana)
 * detectScript("123");        // "none"
 * ```
 */
export function detectScript(text: string): NameScript {
  let found: NameScript | undefined;
  const end = Math.min(text.length, MAX_NORMALIZE_INPUT_LENGTH);
  for (let i = 0; i < end; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const script = scriptOf(cp);
    if (script === undefined) continue;
    if (found === undefined) found = script;
    else if (found !== script) return "mixed";
  }
  return found ?? "none";
}

/**
 * Whether a text is written in Han characters: it has at least one letter and every letter is a
 * Han ideograph (spaces, digits and punctuation such as the middle dot are allowed).
 *
 * @param text - A name or any text.
 * @returns `true` for Chinese-character text.
 * @example
 * ```ts
 * isHan("欧阳 修"); // true
 * isHan("陈 Chen"); // false
 * isHan("");        // false
 * ```
 */
export function isHan(text: string): boolean {
  return detectScript(text) === "han";
}
