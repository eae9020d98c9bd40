/**
 * Derived name features shared by comparisons and blocking (private): computed once per distinct
 * value of a dictionary and cached in it.
 */
import { doubleMetaphone } from "./compare/index.js";
import { pinyinKey } from "./normalize/index.js";
import type { ValueDictionary } from "./dictionary.js";

/** Whether a text has a character at or above U+3400 (where the Han blocks start). */
function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3400) return true;
  return false;
}

/**
 * The toneless pinyin key of every value. Values are normalised names already, so a value without
 * Han characters is its own key (pinyinKey would return it unchanged).
 */
export function pinyinTexts(dict: ValueDictionary, surname: boolean): readonly string[] {
  return dict.feature(surname ? "pinyin-text:surname" : "pinyin-text", (v) => (hasHan(v) ? pinyinKey(v, { surname }) : v));
}

/** Both Double Metaphone codes of a value, computed on first use. */
export function metaphones(dict: ValueDictionary): (id: number) => readonly [string, string] {
  return dict.lazyFeature("metaphone", (v) => doubleMetaphone(v));
}

/** The primary Double Metaphone code of each word of each value's pinyin key. */
export function wordSoundLists(dict: ValueDictionary, surname: boolean): readonly (readonly string[])[] {
  const texts = pinyinTexts(dict, surname);
  const memo = new Map<string, string>();
  const sound = (word: string): string => {
    let code = memo.get(word);
    if (code === undefined) memo.set(word, (code = doubleMetaphone(word)[0]));
    return code;
  };
  let k = 0;
  return dict.feature(surname ? "word-sounds:surname" : "word-sounds", () =>
    texts[k++]!
      .split(" ")
      .map(sound)
      .filter((code) => code !== ""),
  );
}

/** The primary Double Metaphone code of each value's whole pinyin key. */
export function nameSounds(dict: ValueDictionary, surname: boolean): readonly string[] {
  const texts = pinyinTexts(dict, surname);
  let k = 0;
  return dict.feature(surname ? "name-sound:surname" : "name-sound", () => doubleMetaphone(texts[k++]!)[0]);
}
