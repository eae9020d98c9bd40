/**
 * A `Date` whose calendar fields are read and written in UTC. Private to idic.
 *
 * date-fns builds its results with the constructor of the date it is given, so calendar arithmetic
 * on a `UtcDate` (`addMonths(new UtcDate(t), 1)`) happens in UTC: the result never depends on the
 * time zone of the machine running it.
 */
export class UtcDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getDay(): number {
    return this.getUTCDay();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset(): number {
    return 0;
  }
  override setFullYear(year: number, month?: number, date?: number): number {
    return this.setUTCFullYear(year, month ?? this.getUTCMonth(), date ?? this.getUTCDate());
  }
  override setMonth(month: number, date?: number): number {
    return this.setUTCMonth(month, date ?? this.getUTCDate());
  }
  override setDate(date: number): number {
    return this.setUTCDate(date);
  }
  override setHours(hours: number, minutes?: number, seconds?: number, ms?: number): number {
    return this.setUTCHours(hours, minutes ?? this.getUTCMinutes(), seconds ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds());
  }
  override setMinutes(minutes: number, seconds?: number, ms?: number): number {
    return this.setUTCMinutes(minutes, seconds ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds());
  }
  override setSeconds(seconds: number, ms?: number): number {
    return this.setUTCSeconds(seconds, ms ?? this.getUTCMilliseconds());
  }
  override setMilliseconds(ms: number): number {
    return this.setUTCMilliseconds(ms);
  }
}

/** The same instant as a plain `Date` (what idic's records hold). */
export function plainDate(date: Date): Date {
  return new Date(date.getTime());
}
