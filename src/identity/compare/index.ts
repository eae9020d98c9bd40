/**
 * Comparison primitives of `idic/identity`: string similarities and distances (Jaro, Jaro–Winkler,
 * Levenshtein, Damerau–Levenshtein, Jaccard and token sets, Dice on n-grams), Double Metaphone,
 * nickname equivalence, given/family swaps, Chinese-folded equality, dates, numbers and
 * any-to-any comparison of multi-valued fields. All pure and deterministic; the string functions
 * read a bounded prefix ({@link MAX_COMPARE_LENGTH}) and reuse typed arrays, so they allocate
 * little and cannot be made quadratic by hostile input.
 *
 * @module
 */
export { MAX_COMPARE_LENGTH } from "./limits.js";
export { type JaroWinklerOptions, jaro, jaroWinkler } from "./jaro-winkler.js";
export {
  type EditDistanceOptions,
  levenshtein,
  damerauLevenshtein,
  levenshteinSimilarity,
  damerauLevenshteinSimilarity,
} from "./levenshtein.js";
export { jaccard, overlapCoefficient, tokenSetSimilarity, wordTokens } from "./tokens.js";
export { diceCoefficient } from "./dice.js";
export { type DoubleMetaphoneOptions, doubleMetaphone } from "./phonetic.js";
export { type NicknameTable, DEFAULT_NICKNAMES, createNicknameTable, areNicknames, canonicalNames } from "./nicknames.js";
export { type IsNameSwapOptions, isNameSwap } from "./names.js";
export { chineseFoldedEqual } from "./chinese.js";
export { type DateComparison, type CompareDatesOptions, compareDates } from "./dates.js";
export { numericDistance, relativeDifference } from "./numeric.js";
export { MAX_MULTI_VALUES, bestOfAnyToAny } from "./multi.js";
