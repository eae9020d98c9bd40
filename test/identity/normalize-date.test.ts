import { describe, expect, it } from "vitest";
import { dayNumber, formatDateParts, isDayMonthSwap, isValidDate, normalizeDate, parseDateParts } from "../../src/identity/normalize/index.js";

describe("parseDateParts", () => {
  it("reads 20240305 (FEBRL) and 05/03/2024 (day first) as the same date", () => {
    expect(parseDateParts("20240305")).toEqual({ year: 2024, month: 3, day: 5 });
    expect(parseDateParts("05/03/2024")).toEqual(parseDateParts("20240305"));
  });

  it("reads month-first dates when asked, and swaps an impossible reading", () => {
    expect(parseDateParts("05/03/2024", { order: "MDY" })).toEqual({ year: 2024, month: 5, day: 3 });
    expect(parseDateParts("25/12/2024", { order: "MDY" })).toEqual({ year: 2024, month: 12, day: 25 });
    expect(parseDateParts("25/12/2024", { order: "MDY", swapWhenInvalid: false })).toBeUndefined();
  });

  it("reads ISO, dotted, named-month and CJK dates", () => {
    const march5 = { year: 2024, month: 3, day: 5 };
    for (const text of ["2024-03-05", "2024/3/5", "2024-03-05T14:30:00Z", "05.03.2024", "5 Mar 2024", "5th March 2024", "5-Mar-2024", "March 5, 2024", "5. März 2024", "5 mars 2024", "2024年3月5日", "２０２４－０３－０５"]) {
      expect(parseDateParts(text), text).toEqual(march5);
    }
  });

  it("reports invalid dates as undefined instead of throwing", () => {
    for (const text of ["2023-02-29", "31/04/2024", "2024-13-01", "00000000", "yesterday", "", "5 Foo 2024", "x".repeat(100_000)]) {
      expect(parseDateParts(text), text).toBeUndefined();
    }
    expect(parseDateParts("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it("reads two-digit years only inside an explicit window", () => {
    expect(parseDateParts("05/03/80")).toBeUndefined();
    expect(parseDateParts("05/03/80", { twoDigitYearStart: 1930 })).toEqual({ year: 1980, month: 3, day: 5 });
    expect(parseDateParts("05/03/29", { twoDigitYearStart: 1930 })).toEqual({ year: 2029, month: 3, day: 5 });
  });

  it("rejects invalid options", () => {
    expect(() => parseDateParts("1", { order: "YMD" as "DMY" })).toThrow(/order/);
    expect(() => parseDateParts("1", { twoDigitYearStart: 1.5 })).toThrow(/twoDigitYearStart/);
  });
});

describe("normalizeDate and formatDateParts", () => {
  it("write ISO dates", () => {
    expect(normalizeDate("20240305")).toBe("2024-03-05");
    expect(normalizeDate("31/02/2024")).toBeUndefined();
    expect(formatDateParts({ year: 987, month: 3, day: 5 })).toBe("0987-03-05");
  });
});

describe("isValidDate and dayNumber", () => {
  it("know leap years", () => {
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2024, 2, 30)).toBe(false);
  });

  it("count days like Date.UTC", () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 3, 1], [1969, 12, 31], [1600, 2, 29], [2024, 12, 31], [1, 1, 1]] as const) {
      const utc = new Date(0);
      utc.setUTCFullYear(y, m - 1, d);
      expect(dayNumber({ year: y, month: m, day: d })).toBe(Math.round(utc.getTime() / 86_400_000));
    }
  });
});

describe("isDayMonthSwap", () => {
  it("detects day and month swapped in the same year", () => {
    expect(isDayMonthSwap({ year: 1980, month: 4, day: 12 }, { year: 1980, month: 12, day: 4 })).toBe(true);
    expect(isDayMonthSwap({ year: 1980, month: 4, day: 12 }, { year: 1981, month: 12, day: 4 })).toBe(false);
    expect(isDayMonthSwap({ year: 1980, month: 4, day: 4 }, { year: 1980, month: 4, day: 4 })).toBe(false);
  });
});
