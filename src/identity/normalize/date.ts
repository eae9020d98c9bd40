import { capLength, foldLatin } from "./text.js";

/** A calendar date (proleptic Gregorian), month and day counted from 1. */
export interface DateParts {
  /** Year, 1–9999. */
  readonly year: number;
  /** Month, 1–12. */
  readonly month: number;
  /** Day of the month, 1–31. */
  readonly day: number;
}

/** Order of day and month in numeric dates such as `05/03/2024`. */
export type DayMonthOrder = "DMY" | "MDY";

/** Options of {@link parseDateParts} and {@link normalizeDate}. */
export interface ParseDateOptions {
  /**
   * How `NN/NN/YYYY` and `NN-NN-YYYY` are read: `"DMY"` (05/03/2024 is 5 March, most of the world)
   * or `"MDY"` (May 3, the United States). Dotted dates (`05.03.2024`) are always day first.
   * Default `"DMY"`.
   */
  readonly order?: DayMonthOrder;
  /**
   * When a slash date is impossible in `order` but valid in the other order (`25/12/2024` read
   * as MDY), accept the other reading. Default `true`.
   */
  readonly swapWhenInvalid?: boolean;
  /**
   * First year of the hundred-year window that two-digit years fall into (`1930` reads `29` as 2029
   * and `30` as 1930). Default: none — two-digit years are not accepted, since the right century
   * depends on the data (birth dates, order dates).
   */
  readonly twoDigitYearStart?: number;
}

/** Month names (English, German, French, Spanish, Italian, Dutch; full and short, folded) → month. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const names = [
    "january jan januar janvier enero gennaio januari jän jaen",
    "february feb febr februar fevrier fev febrero febbraio februari",
    "march mar marz maerz mars marzo maart mrt",
    "april apr avril abril aprile",
    "may mai mayo maggio mei",
    "june jun juni juin junio giugno",
    "july jul juli juillet juil julio luglio",
    "august aug aout agosto augustus ago",
    "september sep sept septembre septiembre settembre set",
    "october oct oktober octobre octubre ottobre okt ott",
    "november nov novembre noviembre",
    "december dec dezember decembre diciembre dicembre dez dic",
  ];
  const map = new Map<string, number>();
  names.forEach((list, i) => {
    for (const name of list.split(" ")) map.set(foldLatin(name), i + 1);
  });
  return map;
})();

const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DOTTED = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})$/;
const SLASHED = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_NAME_YEAR = /^(\d{1,2})(?:st|nd|rd|th|\.)?[\s-]+([a-z]+)\.?[\s-]+(\d{4})$/;
const NAME_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$/;
const TIME_SUFFIX = /[T\s]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Whether year, month and day form a real calendar date (leap years included), year 1–9999.
 *
 * @param year - Year.
 * @param month - Month, 1–12.
 * @param day - Day, 1–31.
 * @returns `true` for a real date.
 * @example
 * ```ts
 * isValidDate(2024, 2, 29); // true
 * isValidDate(2023, 2, 29); // false
 * ```
 */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parts(year: number, month: number, day: number): DateParts | undefined {
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

function fullYear(text: string, start: number | undefined): number | undefined {
  if (text.length === 4) return Number(text);
  if (start === undefined) return undefined;
  const yy = Number(text);
  const base = start - (start % 100);
  return base + yy >= start ? base + yy : base + 100 + yy;
}

function checkOptions(options: ParseDateOptions): void {
  if (options.order !== undefined && options.order !== "DMY" && options.order !== "MDY")
    throw new RangeError(`parseDateParts: option "order" must be "DMY" or "MDY", got ${JSON.stringify(options.order)}`);
  const start = options.twoDigitYearStart;
  if (start !== undefined && (!Number.isInteger(start) || start < 1 || start > 9900))
    throw new RangeError(`parseDateParts: option "twoDigitYearStart" must be an integer year between 1 and 9900, got ${String(start)}`);
}

/**
 * Reads a date written in one of the common formats into year, month and day, or returns
 * `undefined` when the text is not a date or names an impossible one (`2023-02-30`); it never
 * throws on input. Formats: ISO `2024-03-05` (also with `/` or `.`, and with a time part,
 * which is ignored), `20240305` (FEBRL), `05/03/2024` and `05-03-2024` (order by option),
 * `05.03.2024` (day first), `5 Mar 2024`, `5th March 2024`, `5-Mar-2024`, `March 5, 2024`
 * (English, German, French, Spanish, Italian and Dutch month names), `2024年3月5日`. Full-width
 * digits are accepted. Two-digit years only with `twoDigitYearStart`.
 *
 * @param text - A date as written.
 * @param options - Day/month order and two-digit years; see {@link ParseDateOptions}.
 * @returns The date's parts, or `undefined`.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * parseDateParts("20240305");                    // { year: 2024, month: 3, day: 5 }
 * parseDateParts("05/03/2024");                  // { year: 2024, month: 3, day: 5 }
 * parseDateParts("05/03/2024", { order: "MDY" }); // { year: 2024, month: 5, day: 3 }
 * parseDateParts("5 Mar 2024");                  // { year: 2024, month: 3, day: 5 }
 * parseDateParts("2023-02-30");                  // undefined
 * ```
 */
export function parseDateParts(text: string, options: ParseDateOptions = {}): DateParts | undefined {
  checkOptions(options);
  const s = foldLatin(capLength(text, 64)).trim().replace(TIME_SUFFIX, "").trim();
  let m = ISO.exec(s) ?? COMPACT.exec(s);
  if (m !== null) return m.length === 5 ? parts(Number(m[1]), Number(m[3]), Number(m[4])) : parts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = CJK.exec(s);
  if (m !== null) return parts(Number(m[1]), Number(m[2]), Number(m[3]));
  const start = options.twoDigitYearStart;
  m = DOTTED.exec(s);
  if (m !== null) {
    const year = fullYear(m[3]!, start);
    return year === undefined ? undefined : parts(year, Number(m[2]), Number(m[1]));
  }
  m = SLASHED.exec(s);
  if (m !== null) {
    const year = fullYear(m[4]!, start);
    if (year === undefined) return undefined;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const dayFirst = (options.order ?? "DMY") === "DMY";
    const preferred = dayFirst ? parts(year, b, a) : parts(year, a, b);
    if (preferred !== undefined || options.swapWhenInvalid === false) return preferred;
    return dayFirst ? parts(year, a, b) : parts(year, b, a);
  }
  m = DAY_NAME_YEAR.exec(s);
  if (m !== null) {
    const month = MONTHS.get(m[2]!);
    return month === undefined ? undefined : parts(Number(m[3]), month, Number(m[1]));
  }
  m = NAME_DAY_YEAR.exec(s);
  if (m !== null) {
    const month = MONTHS.get(m[1]!);
    return month === undefined ? undefined : parts(Number(m[3]), month, Number(m[2]));
  }
  return undefined;
}

/**
 * Writes date parts as ISO 8601 `YYYY-MM-DD`.
 *
 * @param date - The date.
 * @returns The ISO date.
 * @example
 * ```ts
 * formatDateParts({ year: 987, month: 3, day: 5 }); // "0987-03-05"
 * ```
 */
export function formatDateParts(date: DateParts): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/**
 * Normalises a date written in any format {@link parseDateParts} reads to ISO `YYYY-MM-DD`.
 * Idempotent.
 *
 * @param text - A date as written.
 * @param options - As for {@link parseDateParts}.
 * @returns The ISO date, or `undefined` when `text` is not a valid date.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * normalizeDate("20240305");   // "2024-03-05"
 * normalizeDate("05/03/2024"); // "2024-03-05"
 * normalizeDate("31/02/2024"); // undefined
 * ```
 */
export function normalizeDate(text: string, options: ParseDateOptions = {}): string | undefined {
  const date = parseDateParts(text, options);
  return date === undefined ? undefined : formatDateParts(date);
}

/**
 * The number of days from 1970-01-01 to a date (negative before), computed arithmetically without
 * `Date` objects (the civil-from-days method: years counted in 400-year eras of 146,097 days).
 *
 * @param date - The date.
 * @returns Days since 1970-01-01.
 * @example
 * ```ts
 * dayNumber({ year: 1970, month: 1, day: 2 }); // 1
 * dayNumber({ year: 2000, month: 3, day: 1 }); // 11017
 * ```
 */
export function dayNumber(date: DateParts): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Whether two dates are the same date with day and month swapped, the usual error when one source
 * writes DD/MM and another MM/DD: same year, `a.day === b.month`, `a.month === b.day`, and the
 * dates differ (day ≠ month).
 *
 * @param a - First date.
 * @param b - Second date.
 * @returns `true` for a day/month transposition.
 * @example
 * ```ts
 * isDayMonthSwap({ year: 1980, month: 4, day: 12 }, { year: 1980, month: 12, day: 4 }); // true
 * isDayMonthSwap({ year: 1980, month: 4, day: 4 }, { year: 1980, month: 4, day: 4 });   // false
 * ```
 */
export function isDayMonthSwap(a: DateParts, b: DateParts): boolean {
  return a.year === b.year && a.day === b.month && a.month === b.day && a.day !== a.month;
}
