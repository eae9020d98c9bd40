import { type DateParts, dayNumber, isDayMonthSwap } from "../normalize/date.js";

/**
 * How two dates compare, from strongest to weakest agreement: `"exact"`; `"transposed"` (day and
 * month swapped, see {@link isDayMonthSwap}); `"within-days"` (at most `withinDays` apart);
 * `"same-year"`; `"different"`; and `"missing"` when either date is absent.
 */
export type DateComparison = "exact" | "transposed" | "within-days" | "same-year" | "different" | "missing";

/** Options of {@link compareDates}. */
export interface CompareDatesOptions {
  /** Largest gap, in days, that still counts as `"within-days"`. A non-negative integer. Default `30`. */
  readonly withinDays?: number;
}

/**
 * Compares two dates (birth dates, typically) into a comparison level, the first that applies of
 * `"exact"`, `"transposed"`, `"within-days"`, `"same-year"`, `"different"`; `"missing"` when
 * either is `undefined`. Symmetric; computes day gaps arithmetically (see {@link dayNumber}).
 *
 * @param a - First date, or `undefined` when missing.
 * @param b - Second date, or `undefined` when missing.
 * @param options - The day window; see {@link CompareDatesOptions}.
 * @returns The comparison level.
 * @throws RangeError when `withinDays` is not a non-negative integer.
 * @example
 * ```ts
 * compareDates({ year: 1980, month: 4, day: 12 }, { year: 1980, month: 12, day: 4 }); // "transposed"
 * compareDates({ year: 1980, month: 4, day: 12 }, { year: 1980, month: 4, day: 20 }); // "within-days"
 * compareDates({ year: 1980, month: 4, day: 12 }, undefined);                         // "missing"
 * ```
 */
export function compareDates(a: DateParts | undefined, b: DateParts | undefined, options: CompareDatesOptions = {}): DateComparison {
  const within = options.withinDays ?? 30;
  if (!Number.isInteger(within) || within < 0)
    throw new RangeError(`compareDates: option "withinDays" must be a non-negative integer, got ${String(within)}`);
  if (a === undefined || b === undefined) return "missing";
  if (a.year === b.year && a.month === b.month && a.day === b.day) return "exact";
  if (isDayMonthSwap(a, b)) return "transposed";
  if (Math.abs(dayNumber(a) - dayNumber(b)) <= within) return "within-days";
  return a.year === b.year ? "same-year" : "different";
}
