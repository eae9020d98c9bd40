import { describe, expect, it } from "vitest";
import {
  DEFAULT_NICKNAMES,
  areNicknames,
  canonicalNames,
  chineseFoldedEqual,
  createNicknameTable,
  doubleMetaphone,
  isNameSwap,
} from "../../src/identity/compare/index.js";

describe("doubleMetaphone", () => {
  it("codes names said alike the same way", () => {
    expect(doubleMetaphone("Smith")).toEqual(["SM0", "XMT"]);
    expect(doubleMetaphone("Smyth")).toEqual(doubleMetaphone("Smith"));
    expect(doubleMetaphone("Schmidt")).toEqual(["XMT", "SMT"]);
    expect(doubleMetaphone("Catherine")).toEqual(doubleMetaphone("Katherine"));
    expect(doubleMetaphone("Müller")).toEqual(doubleMetaphone("Muller"));
  });

  it("follows Philips' rules for the classic hard cases", () => {
    const cases: [string, string, string][] = [
      ["Thomas", "TMS", "TMS"],
      ["Caesar", "SSR", "SSR"],
      ["Chianti", "KNT", "KNT"],
      ["Michael", "MKL", "MXL"],
      ["Czerny", "SRN", "XRN"],
      ["Focaccia", "FKX", "FKX"],
      ["Ghislane", "JLN", "JLN"],
      ["Hugh", "H", "H"],
      ["Jankelowicz", "JNKL", "ANKL"],
      ["Arnow", "ARN", "ARNF"],
      ["Filipowicz", "FLPT", "FLPF"],
      ["Cabrillo", "KPRL", "KPR"],
      ["Gallegos", "KLKS", "KKS"],
      ["Campbell", "KMPL", "KMPL"],
      ["Dumb", "TM", "TM"],
      ["Sugar", "XKR", "SKR"],
      ["Xavier", "SF", "SFR"],
      ["Knight", "NT", "NT"],
      ["Wright", "RT", "RT"],
      ["Laugh", "LF", "LF"],
      ["Edge", "AJ", "AJ"],
      ["Biaggi", "PJ", "PK"],
      ["Tagliaro", "TKLR", "TLR"],
      ["Womo", "AM", "FM"],
    ];
    for (const [name, primary, alternate] of cases) expect(doubleMetaphone(name), name).toEqual([primary, alternate]);
  });

  it("honours maxLength and ignores what is not a letter", () => {
    expect(doubleMetaphone("Christopherson", { maxLength: 8 })[0]).toBe("KRSTFRSN");
    expect(doubleMetaphone("O'Neil")).toEqual(doubleMetaphone("ONeil"));
    expect(doubleMetaphone("123")).toEqual(["", ""]);
    expect(doubleMetaphone("陈")).toEqual(["", ""]);
    expect(() => doubleMetaphone("a", { maxLength: 0 })).toThrow(/maxLength/);
  });
});

describe("areNicknames", () => {
  it("knows common English nicknames (Robert ≈ Bob)", () => {
    expect(areNicknames("Robert", "Bob")).toBe(true);
    expect(areNicknames("bob", "ROB")).toBe(true);
    expect(areNicknames("William", "Liam")).toBe(true);
    expect(areNicknames("Liz", "Betty")).toBe(true);
    expect(areNicknames("Margaret", "Peggy")).toBe(true);
    expect(areNicknames("Johann", "Hans")).toBe(true);
  });

  it("is not transitive across groups and says false for blanks and strangers", () => {
    expect(areNicknames("Al", "Albert")).toBe(true);
    expect(areNicknames("Al", "Alan")).toBe(true);
    expect(areNicknames("Albert", "Alan")).toBe(false);
    expect(areNicknames("Robert", "William")).toBe(false);
    expect(areNicknames("", "")).toBe(false);
    expect(areNicknames("Zoe", "zoe")).toBe(true);
  });

  it("bundles a few hundred groups and can be extended", () => {
    expect(DEFAULT_NICKNAMES.groups.length).toBeGreaterThanOrEqual(250);
    const table = createNicknameTable({ katarzyna: ["kasia", "Kasha"], robert: ["roberto"] });
    expect(areNicknames("Kasia", "Katarzyna", table)).toBe(true);
    expect(areNicknames("Roberto", "Bob", table)).toBe(true);
    expect(areNicknames("Kasia", "Katarzyna")).toBe(false);
    const rebuilt = createNicknameTable({}, JSON.parse(JSON.stringify(table.groups)) as string[][]);
    expect(areNicknames("Kasia", "Kasha", rebuilt)).toBe(true);
  });

  it("gives canonical names for blocking", () => {
    expect(canonicalNames("Bob")).toEqual(["robert"]);
    expect(canonicalNames("Al")).toEqual(["albert", "alan", "alexander", "alfred", "alphonse", "alvin"]);
    expect(canonicalNames("Zoe")).toEqual(["zoe"]);
    expect(canonicalNames(" ")).toEqual([]);
  });
});

describe("isNameSwap", () => {
  it("detects given and family names swapped", () => {
    expect(isNameSwap("john", "smith", "smith", "john")).toBe(true);
    expect(isNameSwap("john", "smith", "john", "smith")).toBe(false);
    expect(isNameSwap("lee", "lee", "lee", "lee")).toBe(false);
    expect(isNameSwap("jon", "smith", "smith", "john")).toBe(false);
    expect(isNameSwap("jon", "smith", "smith", "john", { threshold: 0.9 })).toBe(true);
    expect(isNameSwap("", "smith", "smith", "")).toBe(false);
    expect(() => isNameSwap("a", "b", "b", "a", { threshold: 0 })).toThrow(/threshold/);
  });
});

describe("chineseFoldedEqual", () => {
  it("equates Traditional and Simplified spellings and ignores spaces", () => {
    expect(chineseFoldedEqual("陳學", "陈学")).toBe(true);
    expect(chineseFoldedEqual("陳 學", "陈学")).toBe(true);
    expect(chineseFoldedEqual("陈学", "陈雪")).toBe(false);
    expect(chineseFoldedEqual("陈学", "陈学文")).toBe(false);
    expect(chineseFoldedEqual("", " ")).toBe(false);
  });
});
