import { HAN_PINYIN_RUNS } from "../data/han-pinyin.js";
import { isHanCodePoint } from "./chinese.js";
import { type NormalizeNameOptions, normalizeName, withoutTitles } from "./name.js";

let readingTable: Map<number, string> | undefined;

/** Decodes the bundled readings (8,105 characters) on first use. */
function readings(): Map<number, string> {
  if (readingTable !== undefined) return readingTable;
  const table = new Map<number, string>();
  let syllable = "";
  let latin = true;
  for (const ch of HAN_PINYIN_RUNS) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      syllable = latin ? syllable + ch : ch;
      latin = true;
    } else {
      table.set(cp, syllable);
      latin = false;
    }
  }
  readingTable = table;
  return table;
}

/**
 * Readings of characters that differ when the character is a family name (姓氏读音), e.g. 单 is
 * read dān in general but Shàn as a surname. Toneless, ü written u.
 *
 * @example
 * ```ts
 * CHINESE_SURNAME_READINGS["曾"]; // "zeng"
 * ```
 */
export const CHINESE_SURNAME_READINGS: Readonly<Record<string, string>> = Object.freeze({
  单: "shan", 曾: "zeng", 仇: "qiu", 区: "ou", 朴: "piao", 查: "zha", 解: "xie", 乐: "yue", 盖: "ge",
  覃: "qin", 召: "shao", 缪: "miao", 重: "chong", 翟: "zhai", 种: "chong", 繁: "po", 员: "yun", 秘: "bi",
  黑: "he", 能: "nai", 祭: "zhai", 折: "she", 句: "gou", 隗: "wei", 莘: "shen",
});

/** Options of {@link pinyinKey}. */
export interface PinyinKeyOptions extends NormalizeNameOptions {
  /**
   * Read the first character of each Chinese token with its surname reading
   * ({@link CHINESE_SURNAME_READINGS}) — right for a family name or a family-name-first full name,
   * wrong for a given name alone. Default `false`.
   */
  readonly surname?: boolean;
}

/**
 * A romanised matching key of a name: the name is normalised ({@link normalizeName}, which folds
 * Traditional to Simplified) and each Chinese character of the Table of General Standard Chinese
 * Characters is replaced by its toneless pinyin syllable (from Unihan `kMandarin`, ü written u),
 * one syllable per space-separated token; other text is kept as normalised. So `"陳學"`, `"陈学"`
 * and `"Chen Xue"` share the key `"chen xue"`. Characters outside that table are kept as they are.
 * Homophones share a key (陈 and 晨 are both `chen`): use it for blocking and as a comparison
 * level below exact equality, not as proof of identity.
 *
 * @param text - A name as written.
 * @param options - {@link PinyinKeyOptions}: the surname reading, and the options of {@link normalizeName}.
 * @returns The key (`""` for a blank name).
 * @example
 * ```ts
 * pinyinKey("陳學");                        // "chen xue"
 * pinyinKey("Chen Xue");                   // "chen xue"
 * pinyinKey("单雄信", { surname: true });   // "shan xiong xin"
 * pinyinKey("单雄信");                      // "dan xiong xin"
 * ```
 */
export function pinyinKey(text: string, options: PinyinKeyOptions = {}): string {
  const name = normalizeName(text, options);
  const table = readings();
  const out: string[] = [];
  let romanised = false;
  for (const token of name.split(" ")) {
    if (token === "") continue;
    let pending = "";
    let first = true;
    for (const ch of token) {
      const cp = ch.codePointAt(0)!;
      const reading = isHanCodePoint(cp) ? ((options.surname === true && first ? CHINESE_SURNAME_READINGS[ch] : undefined) ?? table.get(cp)) : undefined;
      first = false;
      if (reading === undefined) {
        pending += ch;
        continue;
      }
      if (pending !== "") out.push(pending);
      pending = "";
      out.push(reading);
      romanised = true;
    }
    if (pending !== "") out.push(pending);
  }
  // Romanising can split a token into words that are titles (陈学Dr → chen xue dr): drop them.
  return (romanised ? withoutTitles(out, options) : out).join(" ");
}
