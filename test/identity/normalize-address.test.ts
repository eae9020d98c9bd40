import { describe, expect, it } from "vitest";
import { normalizeAddress, normalizeAddressLine, normalizeCountry, normalizePostcode } from "../../src/identity/normalize/index.js";

describe("normalizeAddressLine", () => {
  it("gives 'Flat 3, 12 High St.' and '12 High Street Apt 3' the same line", () => {
    const a = normalizeAddressLine("Flat 3, 12 High St.");
    const b = normalizeAddressLine("12 High Street Apt 3");
    expect(a.line).toBe("12 high st unit 3");
    expect(b.line).toBe(a.line);
    expect(a).toMatchObject({ houseNumber: "12", unit: "3", street: "high st" });
  });

  it("reads unit numbers written with #, Unit, Suite and unit/house slashes", () => {
    expect(normalizeAddressLine("12 High St #3").unit).toBe("3");
    expect(normalizeAddressLine("Suite 300, 5 Main Ave").line).toBe("5 main ave unit 300");
    expect(normalizeAddressLine("3/45 Smith Street")).toMatchObject({ unit: "3", houseNumber: "45", street: "smith st" });
    expect(normalizeAddressLine("Apt. 3B 7 Elm Rd").unit).toBe("3b");
  });

  it("abbreviates street types and German compounds", () => {
    expect(normalizeAddressLine("10 Downing Road").line).toBe("10 downing rd");
    expect(normalizeAddressLine("1600 Pennsylvania Avenue North West").line).toBe("1600 pennsylvania ave n w");
    expect(normalizeAddressLine("Hauptstraße 5").line).toBe(normalizeAddressLine("Hauptstr. 5").line);
    expect(normalizeAddressLine("Hauptstraße 5").line).toBe("5 haupt str");
  });

  it("takes the house number after a 'No.' and keeps number ranges", () => {
    expect(normalizeAddressLine("No. 12, Main Road").houseNumber).toBe("12");
    expect(normalizeAddressLine("12-14 Station Rd").houseNumber).toBe("12-14");
  });

  it("reads full-width digits and splits hyphenated street names", () => {
    expect(normalizeAddressLine("１２ High St").line).toBe("12 high st");
    expect(normalizeAddressLine("5 Smith-Jones Ave").line).toBe("5 smith jones ave");
  });

  it("drops unit words without a number, so the line reads back the same", () => {
    expect(normalizeAddressLine("Flat No. 5 Station Road").line).toBe("5 station rd");
    expect(normalizeAddressLine("FlatStraße").line).toBe("str");
    expect(normalizeAddressLine("Flat 3 Flat 4 7 High St").line).toBe("3 7 high st unit 4");
  });

  it("returns an empty line for a blank address", () => {
    expect(normalizeAddressLine("  , ")).toEqual({ street: "", line: "", tokens: [] });
  });
});

describe("normalizePostcode", () => {
  it("lays out postcodes per country", () => {
    expect(normalizePostcode(" sw1a1aa ", "GB")).toBe("SW1A 1AA");
    expect(normalizePostcode("n1 9gu", "United Kingdom")).toBe("N1 9GU");
    expect(normalizePostcode("94105-1234", "US")).toBe("94105");
    expect(normalizePostcode("100080", "CN")).toBe("100080");
    expect(normalizePostcode("１０００８０", "CN")).toBe("100080");
    expect(normalizePostcode("10115", "DE")).toBe("10115");
    expect(normalizePostcode("k1a0b1", "CA")).toBe("K1A 0B1");
    expect(normalizePostcode("1234ab", "NL")).toBe("1234 AB");
  });

  it("falls back to the compact form", () => {
    expect(normalizePostcode("sw1a 1aa")).toBe("SW1A1AA");
    expect(normalizePostcode("1234", "GB")).toBe("1234");
    expect(normalizePostcode(" - ")).toBeUndefined();
  });
});

describe("normalizeCountry", () => {
  it("reads names and codes", () => {
    expect(normalizeCountry("United Kingdom")).toBe("GB");
    expect(normalizeCountry("Deutschland")).toBe("DE");
    expect(normalizeCountry("中国")).toBe("CN");
    expect(normalizeCountry("fr")).toBe("FR");
    expect(normalizeCountry("Atlantis")).toBeUndefined();
  });
});

describe("normalizeAddress", () => {
  it("normalises the street line, city, country and postcode together", () => {
    const a = normalizeAddress({ lines: ["Flat 3", "12 High St."], city: "London", postcode: "n1 9gu", country: "UK" });
    expect(a).toEqual({
      houseNumber: "12",
      unit: "3",
      street: "high st",
      line: "12 high st unit 3",
      tokens: ["12", "high", "st", "unit", "3"],
      city: "london",
      postcode: "N1 9GU",
      country: "GB",
    });
  });

  it("uses the default country for postcodes when the address has none", () => {
    expect(normalizeAddress({ lines: [], postcode: "n19gu" }, { defaultCountry: "GB" }).postcode).toBe("N1 9GU");
    expect(normalizeAddress({ lines: [], postcode: "n19gu" }).postcode).toBe("N19GU");
  });

  it("keeps an unrecognised country as normalised text", () => {
    expect(normalizeAddress({ lines: ["1 Rue de la Paix"], country: "Ruritania" }).country).toBe("ruritania");
  });
});
