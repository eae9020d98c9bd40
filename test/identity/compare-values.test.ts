import { describe, expect, it } from "vitest";
import { bestOfAnyToAny, compareDates, jaroWinkler, numericDistance, relativeDifference } from "../../src/identity/compare/index.js";
import { parseDateParts } from "../../src/identity/normalize/index.js";

const d = (text: string) => parseDateParts(text);

describe("compareDates", () => {
  it("grades dates from exact to different", () => {
    expect(compareDates(d("1980-04-12"), d("12/04/1980"))).toBe("exact");
    expect(compareDates(d("1980-04-12"), d("1980-12-04"))).toBe("transposed");
    expect(compareDates(d("1980-04-12"), d("1980-04-20"))).toBe("within-days");
    expect(compareDates(d("1980-04-12"), d("1980-09-20"))).toBe("same-year");
    expect(compareDates(d("1980-04-12"), d("1981-04-12"))).toBe("different");
    expect(compareDates(d("1980-12-31"), d("1981-01-02"))).toBe("within-days");
    expect(compareDates(undefined, d("1980-04-12"))).toBe("missing");
  });

  it("takes the day window as an option", () => {
    expect(compareDates(d("1980-04-12"), d("1980-04-20"), { withinDays: 3 })).toBe("same-year");
    expect(compareDates(d("1980-04-12"), d("1980-09-20"), { withinDays: 365 })).toBe("within-days");
    expect(() => compareDates(undefined, undefined, { withinDays: -1 })).toThrow(/withinDays/);
  });
});

describe("numericDistance and relativeDifference", () => {
  it("measure gaps between numbers", () => {
    expect(numericDistance(1980, 1983)).toBe(3);
    expect(numericDistance(1, Number.NaN)).toBeNaN();
    expect(relativeDifference(100, 110)).toBeCloseTo(10 / 110, 12);
    expect(relativeDifference(0, 0)).toBe(0);
    expect(relativeDifference(-1, 1)).toBe(2);
    expect(relativeDifference(1, Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe("bestOfAnyToAny", () => {
  it("returns the best pair's similarity over multi-valued fields", () => {
    const exact = (x: string, y: string) => (x === y ? 1 : 0);
    expect(bestOfAnyToAny(["+441234567890", "+447700900123"], ["+447700900123"], exact)).toBe(1);
    expect(bestOfAnyToAny(["ann@x.org"], ["bob@y.org"], exact)).toBe(0);
    expect(bestOfAnyToAny(["jon", "smith"], ["john"], jaroWinkler)).toBeCloseTo(jaroWinkler("jon", "john"), 12);
  });

  it("says missing when a side has no value, and reads a bounded number of values", () => {
    expect(bestOfAnyToAny([], ["a"], jaroWinkler)).toBeUndefined();
    let calls = 0;
    const many = Array.from({ length: 10_000 }, (_, i) => String(i));
    bestOfAnyToAny(many, many.map((v) => `x${v}`), () => {
      calls++;
      return 0;
    });
    expect(calls).toBe(64 * 64);
  });
});
