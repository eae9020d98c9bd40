import { describe, expect, it } from "vitest";
import {
  PLACEHOLDER_EMAILS,
  emailDomain,
  emailLocalPart,
  isPlaceholderEmail,
  normalizeEmail,
} from "../../src/identity/normalize/index.js";

describe("normalizeEmail", () => {
  it("applies Gmail's dot rule and removes plus tags by default", () => {
    expect(normalizeEmail("Bob.Smith+shop@GMail.com")).toBe("bobsmith@gmail.com");
    expect(normalizeEmail("bob.smith@googlemail.com")).toBe("bobsmith@gmail.com");
  });

  it("keeps dots and tags when the options are off", () => {
    expect(normalizeEmail("Bob.Smith+shop@GMail.com", { providerRules: false })).toBe("bob.smith@gmail.com");
    expect(normalizeEmail("Bob.Smith+shop@GMail.com", { removePlusTag: false })).toBe("bobsmith+shop@gmail.com");
    expect(normalizeEmail("ann.lee@acme.org")).toBe("ann.lee@acme.org");
  });

  it("accepts custom provider rules", () => {
    const providers = [{ domains: ["corp.example"], canonicalDomain: "example.com", ignoreDots: false }];
    expect(normalizeEmail("a.b@corp.example", { providers })).toBe("a.b@example.com");
    expect(normalizeEmail("a.b@gmail.com", { providers })).toBe("a.b@gmail.com");
  });

  it("trims, unwraps display names and mailto:, and reads full-width characters", () => {
    expect(normalizeEmail("  Ann <ann@Example.org> ")).toBe("ann@example.org");
    expect(normalizeEmail("mailto:ann@example.org")).toBe("ann@example.org");
    expect(normalizeEmail("ａｎｎ＠ｅｘａｍｐｌｅ．ｏｒｇ")).toBe("ann@example.org");
  });

  it("returns undefined for text that is not an email address", () => {
    for (const bad of ["not an email", "@x.com", "ann@", "ann@localhost", "ann@@x.com", "a..b@x.com", ".a@x.com", "+tag@x.com", "ann@-x.com", "ann@x.c", ""]) {
      expect(normalizeEmail(bad), bad).toBeUndefined();
    }
    expect(normalizeEmail(`${"a".repeat(65)}@x.com`)).toBeUndefined();
    expect(normalizeEmail("a".repeat(1_000_000))).toBeUndefined();
  });

  it("accepts internationalised addresses", () => {
    expect(normalizeEmail("Jürgen@Beispiel.de")).toBe("jürgen@beispiel.de");
  });
});

describe("emailDomain and emailLocalPart", () => {
  it("return the parts of the normalised address", () => {
    expect(emailDomain("Ann@Example.ORG")).toBe("example.org");
    expect(emailDomain("x@googlemail.com")).toBe("gmail.com");
    expect(emailLocalPart("Bob.Smith+shop@gmail.com")).toBe("bobsmith");
    expect(emailDomain("nope")).toBeUndefined();
    expect(emailLocalPart("nope")).toBeUndefined();
  });
});

describe("isPlaceholderEmail", () => {
  it("flags listed addresses, placeholder local parts and domains", () => {
    for (const e of PLACEHOLDER_EMAILS) expect(isPlaceholderEmail(e), e).toBe(true);
    expect(isPlaceholderEmail("Test@Test.com")).toBe(true);
    expect(isPlaceholderEmail("noemail@shop.com")).toBe(true);
    expect(isPlaceholderEmail("ann@example.org")).toBe(true);
    expect(isPlaceholderEmail("ann@shop.invalid")).toBe(true);
    expect(isPlaceholderEmail("xxxx@shop.com")).toBe(true);
  });

  it("does not flag real-looking addresses or non-addresses", () => {
    expect(isPlaceholderEmail("ann@acme.org")).toBe(false);
    expect(isPlaceholderEmail("none")).toBe(false);
  });
});
