import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TRADITIONAL_SIMPLIFIED_PAIRS } from "../../src/identity/data/han-simplified.js";
import {
  detectScript,
  foldChinese,
  nameTokens,
  normalizeAddress,
  normalizeAddressLine,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizePostcode,
  parseDateParts,
  pinyinKey,
  splitFullName,
  isPlaceholderEmail,
  isPlaceholderPhone,
} from "../../src/identity/normalize/index.js";
import { normalizePhone as normalizePhoneWithLibrary } from "../../src/identity/libphonenumber.js";
import { readEmail } from "../../src/identity/normalize/email.js";

const PAIRS = [...TRADITIONAL_SIMPLIFIED_PAIRS];
const pairIndex = fc.integer({ min: 0, max: PAIRS.length / 2 - 1 });
const FULL_WIDTH_OFFSET = 0xff10 - 0x30;
const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + FULL_WIDTH_OFFSET));

/** Name-like strings: titles, accents, punctuation, Chinese (both scripts), full-width, odd code points. */
const namePiece = fc.oneof(
  fc.constantFrom("Dr.", "Mr", "Frau", "Jr.", "III", "PhD", "O'Neil", "Smith-Jones", "José", "Groß", "Łukasz", "Ærø", "ＭＡＲＴＩＮ", "陳學", "陈学", "歐陽", "先生", "  ", ",", "-", "'", "van", "de", "\u0301", "\ud800", "ﬁ", "İ", "ς"),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  pairIndex.map((i) => PAIRS[2 * i]! + PAIRS[2 * i + 1]!),
);
const nameLike = fc.array(namePiece, { maxLength: 8 }).map((parts) => parts.join(" "));
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), nameLike);

describe("normalisers are idempotent", () => {
  it("normalizeName, foldChinese and pinyinKey", () => {
    fc.assert(
      fc.property(nameLike, (text) => {
        const n = normalizeName(text);
        expect(normalizeName(n)).toBe(n);
        const f = foldChinese(text);
        expect(foldChinese(f)).toBe(f);
        const p = pinyinKey(text);
        expect(pinyinKey(p)).toBe(p);
        expect(nameTokens(n).join(" ")).toBe(n);
      }),
    );
  });

  it("normalizeEmail where the output is an address", () => {
    const local = fc.string({ unit: fc.constantFrom(..."abcXYZ09.+_-"), minLength: 1, maxLength: 12 });
    const domain = fc.constantFrom("gmail.com", "GoogleMail.com", "Example.ORG", "x-y.co.uk", "ｅｘａｍｐｌｅ．ｏｒｇ");
    fc.assert(
      fc.property(fc.oneof(fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`), anyText), fc.boolean(), fc.boolean(), (text, removePlusTag, providerRules) => {
        const options = { removePlusTag, providerRules };
        const e = normalizeEmail(text, options);
        if (e !== undefined) expect(normalizeEmail(e, options)).toBe(e);
      }),
    );
  });

  it("normalizePhone where the output is a number, with and without a region", () => {
    const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 6, maxLength: 14 });
    const decorated = fc.tuple(fc.constantFrom("", "+", "00", "(0)", "+44 (0)", "011 "), digits, fc.constantFrom("", " ext 12", " x3")).map(([a, b, c]) => a + b + c);
    const region = fc.constantFrom(undefined, "GB", "US", "CN", "DE", "FR", "AU", "IT", "RU", "JP", "KR", "BO");
    fc.assert(
      fc.property(fc.oneof(decorated, anyText), region, (text, defaultRegion) => {
        const options = defaultRegion === undefined ? {} : { defaultRegion };
        const p = normalizePhone(text, options);
        if (p !== undefined) {
          expect(p).toMatch(/^\+[1-9]\d{4,14}$/);
          expect(normalizePhone(p, options)).toBe(p);
          expect(normalizePhone(p)).toBe(p);
        }
      }),
    );
  });

  it("normalizeAddressLine, normalizePostcode and normalizeDate", () => {
    const addressPiece = fc.oneof(
      fc.constantFrom("Flat", "Apt", "#", "Unit", "No.", "12", "3/45", "12-14", "4b", "High", "St.", "Street", "Straße", "Hauptstr.", "Road", "North", ",", "-", "/"),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(addressPiece, { maxLength: 8 }).map((p) => p.join(" ")), (text) => {
        const { line } = normalizeAddressLine(text);
        expect(normalizeAddressLine(line).line).toBe(line);
      }),
    );
    const country = fc.constantFrom(undefined, "GB", "US", "CN", "NL", "CA", "JP", "PL", "PT", "SE", "BR", "Deutschland");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom(..."0123456789ABN -"), maxLength: 12 }), anyText), country, (text, c) => {
        const p = normalizePostcode(text, c);
        if (p !== undefined) expect(normalizePostcode(p, c)).toBe(p);
      }),
    );
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), fc.constantFrom("DMY", "MDY") as fc.Arbitrary<"DMY" | "MDY">, (date, order) => {
        const iso = date.toISOString().slice(0, 10);
        expect(normalizeDate(iso, { order })).toBe(iso);
        expect(normalizeDate(iso.replace(/-/g, ""), { order })).toBe(iso);
      }),
    );
  });
});

describe("normalisers agree across scripts and widths", () => {
  it("Traditional and Simplified forms of a character give the same name key", () => {
    fc.assert(
      fc.property(pairIndex, fc.string({ unit: fc.constantFrom(..."陈学王李 "), maxLength: 4 }), (i, context) => {
        const t = PAIRS[2 * i]!;
        const s = PAIRS[2 * i + 1]!;
        expect(normalizeName(context + t)).toBe(normalizeName(context + s));
        expect(foldChinese(t)).toBe(s);
      }),
    );
  });

  it("full-width and half-width digits normalise the same", () => {
    const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(digits, fc.constantFrom("GB", "CN", "US", "DE"), (d, region) => {
        expect(normalizePhone(toFullWidth(d), { defaultRegion: region })).toBe(normalizePhone(d, { defaultRegion: region }));
        expect(normalizePostcode(toFullWidth(d), region)).toBe(normalizePostcode(d, region));
        expect(normalizeDate(toFullWidth(d))).toBe(normalizeDate(d));
        expect(normalizeAddressLine(`${toFullWidth(d)} High St`).line).toBe(normalizeAddressLine(`${d} High St`).line);
        expect(normalizeName(toFullWidth(d))).toBe(normalizeName(d));
      }),
    );
  });
});

describe("normalisers never throw on arbitrary input", () => {
  it("for short strings with any code points, lone surrogates included", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        normalizeName(text);
        splitFullName(text);
        pinyinKey(text, { surname: true });
        detectScript(text);
        normalizeEmail(text);
        isPlaceholderEmail(text);
        normalizePhone(text, { defaultRegion: "GB" });
        normalizePhoneWithLibrary(text, { defaultRegion: "GB" });
        isPlaceholderPhone(text);
        normalizeAddress({ lines: [text, text], city: text, postcode: text, country: text });
        normalizeCountry(text);
        parseDateParts(text, { twoDigitYearStart: 1930 });
      }),
    );
  });

  it("for huge strings", () => {
    const huge = "陳a1 @.+-/#'\ud800".repeat(200_000);
    expect(normalizeName(huge).length).toBeLessThanOrEqual(2_000);
    expect(splitFullName(huge).family).toBeDefined();
    expect(typeof pinyinKey(huge)).toBe("string");
    expect(normalizeEmail(huge)).toBeUndefined();
    expect(normalizePhone(huge, { defaultRegion: "CN" })).toBeUndefined();
    expect(normalizePhoneWithLibrary(huge, { defaultRegion: "CN" })).toBeUndefined();
    expect(normalizeAddress({ lines: [huge], postcode: huge, city: huge, country: huge }).line.length).toBeLessThan(5_000);
    expect(parseDateParts(huge)).toBeUndefined();
    expect(foldChinese(huge).length).toBeLessThanOrEqual(1_000);
  });
});

describe("reading an email once", () => {
  const emailish = fc.oneof(
    fc.emailAddress(),
    fc.tuple(fc.constantFrom("", "Ann.", "a.b.c", "...", "x+tag", "+x", "noreply", "aaaa", "bob.smith+shop"), fc.constantFrom("@gmail.com", "@GoogleMail.com", "@example.org", "@acme.co.uk", "@test.test", "@", "@x")).map(([l, d]) => `${l}${d}`),
    fc.string({ maxLength: 20 }),
  );
  it("gives what isPlaceholderEmail and normalizeEmail give, under every option", () => {
    fc.assert(
      fc.property(emailish, fc.boolean(), fc.boolean(), (text, removePlusTag, providerRules) => {
        const options = { removePlusTag, providerRules };
        expect(readEmail(text, options)).toEqual({ placeholder: isPlaceholderEmail(text), key: normalizeEmail(text, options) });
        expect(readEmail(text, {})).toEqual({ placeholder: isPlaceholderEmail(text), key: normalizeEmail(text) });
      }),
      { numRuns: 3_000 },
    );
  });
});
