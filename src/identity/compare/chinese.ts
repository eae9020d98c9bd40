import { simplifiedCodePoint } from "../normalize/chinese.js";
import { MAX_NORMALIZE_INPUT_LENGTH } from "../normalize/text.js";

/**
 * Whether two strings are equal once Traditional Chinese is folded to Simplified (as `foldChinese`
 * does) and white space is ignored (`"陳 學"` equals `"陈学"`). Two empty (or all-blank) strings
 * are not equal: a missing value is not a match. Compares at most the first 1,000 code units of
 * each string and allocates nothing.
 *
 * @param a - First string.
 * @param b - Second string.
 * @returns `true` when the folded strings are equal and not empty.
 * @example
 * ```ts
 * chineseFoldedEqual("陳學", "陈学"); // true
 * chineseFoldedEqual("陈学", "陈雪"); // false
 * chineseFoldedEqual("", "");         // false
 * ```
 */
export function chineseFoldedEqual(a: string, b: string): boolean {
  const endA = Math.min(a.length, MAX_NORMALIZE_INPUT_LENGTH);
  const endB = Math.min(b.length, MAX_NORMALIZE_INPUT_LENGTH);
  let i = 0;
  let j = 0;
  let compared = 0;
  for (;;) {
    while (i < endA && isBlank(a.charCodeAt(i))) i++;
    while (j < endB && isBlank(b.charCodeAt(j))) j++;
    if (i >= endA || j >= endB) return i >= endA && j >= endB && compared > 0;
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
    if (ca !== cb && simplifiedCodePoint(ca) !== simplifiedCodePoint(cb)) return false;
    compared++;
  }
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x3000 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
}
