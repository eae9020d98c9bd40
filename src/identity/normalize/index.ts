/**
 * Normalisers of `idic/identity`: pure functions that turn values as written into matching keys —
 * names (with Chinese script folding and an optional pinyin key), emails, phones (E.164),
 * addresses and postcodes, dates. Each is deterministic, idempotent where its output is a valid
 * input, and reads at most a bounded prefix of hostile input.
 *
 * @module
 */
export { MAX_NORMALIZE_INPUT_LENGTH } from "./text.js";
export { foldChinese, isHanCodePoint } from "./chinese.js";
export { type NameScript, detectScript, isHan } from "./script.js";
export {
  DEFAULT_NAME_TITLES,
  DEFAULT_NAME_SUFFIXES,
  CHINESE_COMPOUND_SURNAMES,
  type NormalizeNameOptions,
  type NameParts,
  type SplitFullNameOptions,
  normalizeName,
  nameTokens,
  splitFullName,
} from "./name.js";
export { CHINESE_SURNAME_READINGS, type PinyinKeyOptions, pinyinKey } from "./pinyin.js";
export {
  EMAIL_PROVIDER_RULES,
  PLACEHOLDER_EMAILS,
  PLACEHOLDER_EMAIL_LOCAL_PARTS,
  PLACEHOLDER_EMAIL_DOMAINS,
  type EmailProviderRule,
  type NormalizeEmailOptions,
  normalizeEmail,
  emailDomain,
  emailLocalPart,
  isPlaceholderEmail,
} from "./email.js";
export { PHONE_REGIONS, type PhoneRegion, type NormalizePhoneOptions, normalizePhone, isPlaceholderPhone } from "./phone.js";
export {
  STREET_TYPE_ABBREVIATIONS,
  type NormalizedAddress,
  type NormalizeAddressOptions,
  normalizeAddress,
  normalizeAddressLine,
  normalizePostcode,
  normalizeCountry,
} from "./address.js";
export {
  type DateParts,
  type DayMonthOrder,
  type ParseDateOptions,
  parseDateParts,
  normalizeDate,
  formatDateParts,
  isValidDate,
  dayNumber,
  isDayMonthSwap,
} from "./date.js";
