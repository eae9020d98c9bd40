import { TRADITIONAL_SIMPLIFIED_PAIRS } from "../data/han-simplified.js";
import { MAX_NORMALIZE_INPUT_LENGTH, capLength } from "./text.js";

let foldTable: Map<number, number> | undefined;

/** Decodes the bundled Traditional → Simplified pairs on first use (about 6,300 entries). */
function simplifiedTable(): Map<number, number> {
  if (foldTable !== undefined) return foldTable;
  const table = new Map<number, number>();
  let pending = -1;
  for (const ch of TRADITIONAL_SIMPLIFIED_PAIRS) {
    const cp = ch.codePointAt(0)!;
    if (pending < 0) pending = cp;
    else {
      table.set(pending, cp);
      pending = -1;
    }
  }
  foldTable = table;
  return table;
}

/**
 * Whether a code point is a Han ideograph: the CJK Unified Ideographs block and its extensions
 * A–H, the compatibility ideographs, and 〇 (U+3007).
 *
 * @param codePoint - A Unicode code point.
 * @returns `true` for a Han ideograph.
 * @example
 * ```ts
 * isHanCodePoint("陈".codePointAt(0)!); // true
 * isHanCodePoint(65);                   // false ("A")
 * ```
 */
export function isHanCodePoint(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x20000 && codePoint <= 0x323af) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x2f800 && codePoint <= 0x2fa1f) ||
    codePoint === 0x3007
  );
}

/**
 * Folds Traditional Chinese characters to their Simplified forms, character by character, with the
 * bundled table derived from the Unicode Han Database (`kSimplifiedVariant`; see
 * `docs/identity-normalize.md` for provenance). Every other character is kept. A character that is
 * also a valid simplified form (乾, 后, 干) is kept, so folding never changes simplified text, and
 * folding twice equals folding once. This is a matching key, not a conversion for display: it does
 * not choose between one-to-many variants by context (use the `opencc-js` package for that), and
 * some rare traditional characters fold to simplified forms encoded only in the CJK extensions.
 *
 * Input longer than {@link MAX_NORMALIZE_INPUT_LENGTH} code units is cut first.
 *
 * @param text - Any text.
 * @returns `text` with Traditional characters replaced by Simplified ones.
 * @example
 * ```ts
 * foldChinese("陳學");  // "陈学"
 * foldChinese("陈学");  // "陈学"
 * foldChinese("Chen"); // "Chen"
 * ```
 */
export function foldChinese(text: string): string {
  const input = capLength(text, MAX_NORMALIZE_INPUT_LENGTH);
  let firstHan = -1;
  for (let i = 0; i < input.length; i++) {
    if (input.charCodeAt(i) >= 0x3400) {
      firstHan = i;
      break;
    }
  }
  if (firstHan < 0) return input;
  const table = simplifiedTable();
  let out = input.slice(0, firstHan);
  for (let i = firstHan; i < input.length; i++) {
    const cp = input.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const mapped = table.get(cp);
    out += String.fromCodePoint(mapped ?? cp);
  }
  return out;
}

/**
 * The Simplified form of one code point (itself when it has none); see {@link foldChinese}.
 *
 * @internal
 */
export function simplifiedCodePoint(codePoint: number): number {
  return simplifiedTable().get(codePoint) ?? codePoint;
}
