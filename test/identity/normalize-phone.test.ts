import { describe, expect, it } from "vitest";
import { PHONE_REGIONS, isPlaceholderPhone, normalizePhone } from "../../src/identity/normalize/index.js";
import { isValidPhone, normalizePhone as normalizeWithLibrary } from "../../src/identity/libphonenumber.js";

describe("normalizePhone", () => {
  it("reads British national numbers with a (0) trunk prefix", () => {
    expect(normalizePhone("(0)20 7946 0018", { defaultRegion: "GB" })).toBe("+442079460018");
    expect(normalizePhone("020 7946 0018", { defaultRegion: "gb" })).toBe("+442079460018");
    expect(normalizePhone("+44 (0)20 7946 0018")).toBe("+442079460018");
    expect(normalizePhone("+44 020 7946 0018")).toBe("+442079460018");
  });

  it("gives the same number for a Chinese mobile written nationally and internationally", () => {
    expect(normalizePhone("+86 138 0013 8000")).toBe("+8613800138000");
    expect(normalizePhone("13800138000", { defaultRegion: "CN" })).toBe("+8613800138000");
    expect(normalizePhone("010 1234 5678", { defaultRegion: "CN" })).toBe("+861012345678");
  });

  it("accepts full-width digits", () => {
    expect(normalizePhone("１３８００１３８０００", { defaultRegion: "CN" })).toBe(normalizePhone("13800138000", { defaultRegion: "CN" }));
  });

  it("reads common regions", () => {
    expect(normalizePhone("(212) 555-0123", { defaultRegion: "US" })).toBe("+12125550123");
    expect(normalizePhone("1-212-555-0123", { defaultRegion: "US" })).toBe("+12125550123");
    expect(normalizePhone("(416) 555-0199", { defaultRegion: "CA" })).toBe("+14165550199");
    expect(normalizePhone("030 1234567", { defaultRegion: "DE" })).toBe("+49301234567");
    expect(normalizePhone("01 42 68 53 00", { defaultRegion: "FR" })).toBe("+33142685300");
    expect(normalizePhone("0412 345 678", { defaultRegion: "AU" })).toBe("+61412345678");
    expect(normalizePhone("06 1234 5678", { defaultRegion: "IT" })).toBe("+390612345678");
    expect(normalizePhone("8 912 345 67 89", { defaultRegion: "RU" })).toBe("+79123456789");
    expect(normalizePhone("+7 800 555 3535")).toBe("+78005553535");
  });

  it("reads the region's international prefix", () => {
    expect(normalizePhone("0044 20 7946 0018", { defaultRegion: "DE" })).toBe("+442079460018");
    expect(normalizePhone("011 44 20 7946 0018", { defaultRegion: "US" })).toBe("+442079460018");
    expect(normalizePhone("0044 20 7946 0018")).toBe("+442079460018");
  });

  it("strips extensions and tel: prefixes", () => {
    expect(normalizePhone("(212) 555-0123 ext. 4", { defaultRegion: "US" })).toBe("+12125550123");
    expect(normalizePhone("020 7946 0018 x12", { defaultRegion: "GB" })).toBe("+442079460018");
    expect(normalizePhone("tel:+44-20-7946-0018")).toBe("+442079460018");
  });

  it("returns undefined for junk, wrong lengths, letters and national numbers without a region", () => {
    expect(normalizePhone("0000000000", { defaultRegion: "US" })).toBeUndefined();
    expect(normalizePhone("1234567890", { defaultRegion: "US" })).toBeUndefined();
    expect(normalizePhone("555 0123", { defaultRegion: "US" })).toBeUndefined();
    expect(normalizePhone("020 7946 0018 99", { defaultRegion: "GB" })).toBeUndefined();
    expect(normalizePhone("1-800-FLOWERS", { defaultRegion: "US" })).toBeUndefined();
    expect(normalizePhone("020 7946 0018")).toBeUndefined();
    expect(normalizePhone("+999 1234 5678")).toBeUndefined();
    expect(normalizePhone("")).toBeUndefined();
    expect(normalizePhone("9".repeat(1_000_000))).toBeUndefined();
  });

  it("reads national numbers of unlisted regions only in international form", () => {
    expect(normalizePhone("+591 2 2123456")).toBe("+59122123456");
    expect(normalizePhone("2 2123456", { defaultRegion: "BO" })).toBeUndefined();
  });

  it("rejects a malformed defaultRegion option", () => {
    expect(() => normalizePhone("1", { defaultRegion: "GBR" })).toThrow(/defaultRegion/);
  });

  it("has a calling code for every listed region", () => {
    for (const [code, r] of Object.entries(PHONE_REGIONS)) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(r.minLength).toBeLessThanOrEqual(r.maxLength);
    }
  });
});

describe("isPlaceholderPhone", () => {
  it("flags repeated and consecutive digits", () => {
    expect(isPlaceholderPhone("000-000-0000")).toBe(true);
    expect(isPlaceholderPhone("+1 234 567 890")).toBe(true);
    expect(isPlaceholderPhone("+44 20 7946 0018")).toBe(false);
    expect(isPlaceholderPhone("12")).toBe(false);
  });
});

describe("normalizePhone backed by libphonenumber-js", () => {
  it("agrees with the built-in reader on valid numbers", () => {
    expect(normalizeWithLibrary("(0)20 7946 0018", { defaultRegion: "GB" })).toBe("+442079460018");
    expect(normalizeWithLibrary("+86 138 0013 8000")).toBe("+8613800138000");
    expect(normalizeWithLibrary("13800138000", { defaultRegion: "CN" })).toBe("+8613800138000");
  });

  it("rejects numbers outside real ranges and placeholders", () => {
    expect(normalizeWithLibrary("+1 212 055 0123")).toBeUndefined();
    expect(isValidPhone("+1 212 055 0123")).toBe(false);
    expect(isValidPhone("+44 20 7946 0018")).toBe(true);
    expect(normalizeWithLibrary("0000000000", { defaultRegion: "US" })).toBeUndefined();
    expect(() => normalizeWithLibrary("1", { defaultRegion: "G" })).toThrow(/defaultRegion/);
  });
});
