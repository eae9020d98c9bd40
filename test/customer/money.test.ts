import { describe, expect, it } from "vitest";
import { CurrencySchema, fromMinorUnits, isCurrencyCode, minorUnitExponent, toMinorUnits } from "../../src/customer/index.js";

describe("money", () => {
  it("knows the minor-unit exponent of common and exceptional currencies", () => {
    expect(minorUnitExponent("EUR")).toBe(2);
    expect(minorUnitExponent("JPY")).toBe(0);
    expect(minorUnitExponent("KWD")).toBe(3);
    expect(minorUnitExponent("CLF")).toBe(4);
  });

  it("rejects unknown currency codes with a message naming the code", () => {
    expect(() => minorUnitExponent("XYZ")).toThrow(/XYZ/);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(CurrencySchema.parse(" eur ")).toBe("EUR");
  });

  it("converts decimals to minor units without float drift", () => {
    expect(toMinorUnits("12.34", "EUR")).toBe(1234);
    expect(toMinorUnits(0.1 + 0.2, "EUR")).toBe(30);
    expect(toMinorUnits(1.005, "EUR")).toBe(101); // the shortest decimal of 1.005 is "1.005"
    expect(toMinorUnits("19.99", "EUR")).toBe(1999);
    expect(toMinorUnits(1500, "JPY")).toBe(1500);
    expect(toMinorUnits("-0.5", "EUR")).toBe(-50);
    expect(toMinorUnits(".5", "GBP")).toBe(50);
    expect(toMinorUnits(1e-7, "EUR")).toBe(0);
    expect(toMinorUnits(1.5e10, "EUR")).toBe(1_500_000_000_000);
  });

  it("rounds digits beyond the currency's precision half away from zero", () => {
    expect(toMinorUnits("0.125", "EUR")).toBe(13);
    expect(toMinorUnits("0.124", "EUR")).toBe(12);
    expect(toMinorUnits("-0.125", "EUR")).toBe(-13);
    expect(toMinorUnits("2.5", "JPY")).toBe(3);
  });

  it("rejects amounts that are not finite decimals or do not fit exactly", () => {
    expect(() => toMinorUnits(Number.NaN, "EUR")).toThrow(RangeError);
    expect(() => toMinorUnits(Infinity, "EUR")).toThrow(RangeError);
    expect(() => toMinorUnits("1,000.00", "EUR")).toThrow(/not a decimal/);
    expect(() => toMinorUnits("1e5", "EUR")).toThrow(/not a decimal/);
    expect(() => toMinorUnits("9".repeat(30), "EUR")).toThrow(/too large/);
    expect(() => toMinorUnits("1".repeat(1000), "EUR")).toThrow(/too many digits/);
  });

  it("formats minor units back to a decimal string", () => {
    expect(fromMinorUnits(1234, "EUR")).toBe("12.34");
    expect(fromMinorUnits(5, "EUR")).toBe("0.05");
    expect(fromMinorUnits(-5, "KWD")).toBe("-0.005");
    expect(fromMinorUnits(1500, "JPY")).toBe("1500");
    expect(() => fromMinorUnits(1.5, "EUR")).toThrow(RangeError);
  });
});
