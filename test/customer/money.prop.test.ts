import fc from "fast-check";
import { describe, it } from "vitest";
import { fromMinorUnits, minorUnitExponent, toMinorUnits } from "../../src/customer/index.js";

const currencies = fc.constantFrom("EUR", "USD", "GBP", "JPY", "KRW", "KWD", "BHD", "CLF", "CNY");
const minor = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe("money invariants", () => {
  it("minor units round-trip through their decimal string", () => {
    fc.assert(fc.property(minor, currencies, (m, c) => toMinorUnits(fromMinorUnits(m, c), c) === m));
  });

  it("decimal strings within the currency's precision round-trip exactly", () => {
    fc.assert(
      fc.property(currencies, fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (c, n) => {
        const e = minorUnitExponent(c);
        const digits = (n < 0n ? -n : n).toString().padStart(e + 1, "0");
        const text = (n < 0n ? "-" : "") + (e === 0 ? digits : `${digits.slice(0, -e)}.${digits.slice(-e)}`);
        return fromMinorUnits(toMinorUnits(text, c), c) === text.replace(/^-(0\.?0*)$/, "$1");
      }),
    );
  });

  it("a number and its shortest decimal string convert alike", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), currencies, (x, c) => toMinorUnits(x, c) === toMinorUnits(String(x).includes("e") ? x : String(x), c)),
    );
  });

  it("conversion is monotone: a larger amount never gets fewer minor units", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), currencies, (a, b, c) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return toMinorUnits(lo, c) <= toMinorUnits(hi, c);
      }),
    );
  });
});
