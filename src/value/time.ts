/**
 * A unit of time. A month is 365.25 / 12 days and a year 365.25 days, so that conversions are
 * exact and never depend on a calendar.
 *
 * @example
 * ```ts
 * const unit: TimeUnit = "weeks";
 * ```
 */
export type TimeUnit = "days" | "weeks" | "months" | "years";

/**
 * An amount of time with its unit: horizons and steps are always stated this way, never as bare
 * numbers, so that a model fitted in weeks is never asked for "12" meaning months.
 *
 * @example
 * ```ts
 * const horizon: Duration = { amount: 39, unit: "weeks" };
 * ```
 */
export interface Duration {
  /** How many units (finite, ≥ 0). */
  readonly amount: number;
  /** The unit. */
  readonly unit: TimeUnit;
}

/**
 * Days in one of each {@link TimeUnit}.
 *
 * @example
 * ```ts
 * DAYS_PER_UNIT.weeks; // 7
 * ```
 */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = Object.freeze({ days: 1, weeks: 7, months: 365.25 / 12, years: 365.25 });

/** Milliseconds in one day. */
export const MS_PER_DAY = 86_400_000;

/**
 * Throws a RangeError naming `option` unless `unit` is a {@link TimeUnit}.
 *
 * @param unit - The value to check.
 * @param option - The option's name, for the message.
 * @returns The unit.
 * @throws RangeError when `unit` is not one of days, weeks, months, years.
 * @example
 * ```ts
 * checkTimeUnit("weeks", "timeUnit"); // "weeks"
 * ```
 */
export function checkTimeUnit(unit: unknown, option: string): TimeUnit {
  if (typeof unit === "string" && Object.hasOwn(DAYS_PER_UNIT, unit)) return unit as TimeUnit;
  throw new RangeError(`${option} must be one of "days", "weeks", "months", "years" (got ${JSON.stringify(unit)?.slice(0, 40)})`);
}

/**
 * Expresses a duration in another unit.
 *
 * @param duration - The duration.
 * @param unit - The unit wanted.
 * @returns The amount in `unit`.
 * @throws RangeError when the amount is negative or not finite, or a unit is unknown.
 * @example
 * ```ts
 * convertDuration({ amount: 1, unit: "years" }, "weeks"); // 52.178…
 * ```
 */
export function convertDuration(duration: Duration, unit: TimeUnit): number {
  if (!Number.isFinite(duration?.amount) || duration.amount < 0) {
    throw new RangeError(`a duration's amount must be a finite number ≥ 0 (got ${String(duration?.amount)})`);
  }
  return (duration.amount * DAYS_PER_UNIT[checkTimeUnit(duration.unit, "duration.unit")]) / DAYS_PER_UNIT[checkTimeUnit(unit, "unit")];
}

/**
 * The whole UTC day an instant falls on, counted from 1970-01-01 (day 0).
 *
 * @param time - Milliseconds since the epoch.
 * @returns The day number.
 * @example
 * ```ts
 * utcDay(Date.UTC(1970, 0, 2, 15)); // 1
 * ```
 */
export function utcDay(time: number): number {
  return Math.floor(time / MS_PER_DAY);
}

/**
 * Throws a RangeError naming `option` unless `value` is a valid Date.
 *
 * @param value - The value to check.
 * @param option - The option's name, for the message.
 * @returns The time in milliseconds.
 * @throws RangeError when `value` is not a valid Date.
 * @example
 * ```ts
 * checkDate(new Date("2024-01-01"), "asOf"); // 1704067200000
 * ```
 */
export function checkDate(value: unknown, option: string): number {
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.getTime();
  throw new RangeError(`${option} must be a valid Date (got ${String(value).slice(0, 40)})`);
}
