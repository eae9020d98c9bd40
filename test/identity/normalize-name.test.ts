import { describe, expect, it } from "vitest";
import {
  CHINESE_COMPOUND_SURNAMES,
  detectScript,
  foldChinese,
  isHan,
  nameTokens,
  normalizeName,
  pinyinKey,
  splitFullName,
} from "../../src/identity/normalize/index.js";
import { HAN_TABLES_UNICODE_VERSION, TRADITIONAL_SIMPLIFIED_PAIRS } from "../../src/identity/data/han-simplified.js";

describe("normalizeName", () => {
  it("folds Traditional and Simplified Chinese to the same key (陳學 = 陈学)", () => {
    expect(normalizeName("陳學")).toBe("陈学");
    expect(normalizeName("陈学")).toBe("陈学");
    expect(normalizeName("歐陽 修")).toBe(normalizeName("欧阳 修"));
  });

  it("can leave Chinese unfolded", () => {
    expect(normalizeName("陳學", { foldChinese: false })).toBe("陳學");
  });

  it("turns full-width letters into half-width and folds case", () => {
    expect(normalizeName("ＭＡＲＴＩＮ　Ｓｍｉｔｈ")).toBe("martin smith");
  });

  it("removes diacritics, including letters Unicode does not decompose", () => {
    expect(normalizeName("José Núñez")).toBe("jose nunez");
    expect(normalizeName("Groß Søren Łukasz Ærø Œuvre Đorđe")).toBe("gross soren lukasz aero oeuvre dorde");
  });

  it("joins apostrophes and splits hyphens", () => {
    expect(normalizeName("O'Neil")).toBe("oneil");
    expect(normalizeName("D’Arcy")).toBe("darcy");
    expect(normalizeName("Smith-Jones")).toBe("smith jones");
  });

  it("removes titles anywhere and suffixes unless first", () => {
    expect(normalizeName("Dr. José  O'Neil-Núñez Jr.")).toBe("jose oneil nunez");
    expect(normalizeName("Herr Prof. Dr. Jürgen Groß")).toBe("jurgen gross");
    expect(normalizeName("John Smith III PhD")).toBe("john smith");
    expect(normalizeName("Junior Smith")).toBe("junior smith");
  });

  it("keeps the tokens when nothing but titles would be left", () => {
    expect(normalizeName("Mr Dr")).toBe("mr dr");
    expect(normalizeName("Mr Jr")).toBe("jr");
  });

  it("accepts custom title and suffix lists", () => {
    expect(normalizeName("Capt. Ann Lee", { titles: ["capt"] })).toBe("ann lee");
    expect(normalizeName("Dr Ann Lee", { titles: [] })).toBe("dr ann lee");
    expect(normalizeName("Ann Lee Jr", { suffixes: [] })).toBe("ann lee jr");
  });

  it("removes a Chinese form of address after the name", () => {
    expect(normalizeName("陈先生")).toBe("陈");
    expect(normalizeName("王女士")).toBe("王");
    expect(normalizeName("先生")).toBe("先生");
    expect(normalizeName("陳學先生先生")).toBe("陈学");
  });

  it("collapses white space and returns an empty key for blank names", () => {
    expect(normalizeName("  Ann \t  Lee  ")).toBe("ann lee");
    expect(normalizeName("   ")).toBe("");
    expect(normalizeName("!!!")).toBe("");
  });

  it("reads at most the input cap of a huge string, quickly", () => {
    const out = normalizeName("a".repeat(2_000_000));
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(normalizeName("\ud800x\udfff")).toBe("x");
  });
});

describe("nameTokens", () => {
  it("splits the normalised name", () => {
    expect(nameTokens("Mary-Ann van der Berg")).toEqual(["mary", "ann", "van", "der", "berg"]);
    expect(nameTokens(" ")).toEqual([]);
  });
});

describe("foldChinese", () => {
  it("keeps characters that are also simplified forms", () => {
    expect(foldChinese("后")).toBe("后");
    expect(foldChinese("乾")).toBe("乾");
    expect(foldChinese("後")).toBe("后");
  });

  it("leaves non-Han text alone", () => {
    expect(foldChinese("Chen Xue 123")).toBe("Chen Xue 123");
  });

  it("is built from a Unihan table whose targets are fixed points", () => {
    expect(HAN_TABLES_UNICODE_VERSION).toMatch(/^\d+\.\d+/);
    const cps = [...TRADITIONAL_SIMPLIFIED_PAIRS];
    expect(cps.length % 2).toBe(0);
    for (let i = 1; i < cps.length; i += 2) expect(foldChinese(cps[i]!)).toBe(cps[i]);
  });
});

describe("detectScript and isHan", () => {
  it("names the script of the letters", () => {
    expect(detectScript("陳學")).toBe("han");
    expect(detectScript("José Núñez")).toBe("latin");
    expect(detectScript("Иван")).toBe("cyrillic");
    expect(detectScript("김민수")).toBe("hangul");
    expect(detectScript("山田はな")).toBe("mixed");
    expect(detectScript("123 -")).toBe("none");
  });

  it("says a text is Han only when every letter is", () => {
    expect(isHan("欧阳 修")).toBe(true);
    expect(isHan("陈 Chen")).toBe(false);
    expect(isHan("")).toBe(false);
  });
});

describe("splitFullName", () => {
  it("reads Latin names given first, family with its particles", () => {
    expect(splitFullName("Dr Mary Ann van der Berg")).toEqual({ given: "Mary", middle: "Ann", family: "van der Berg" });
    expect(splitFullName("John Smith Jr.")).toEqual({ given: "John", family: "Smith" });
  });

  it("reads 'Family, Given' with the family name first", () => {
    expect(splitFullName("Smith, John Paul")).toEqual({ given: "John", middle: "Paul", family: "Smith" });
  });

  it("drops a style after a comma instead of reading it as the given name", () => {
    expect(splitFullName("Sir Robert McAlpine, 1st Baronet")).toEqual({ given: "Robert", family: "McAlpine" });
    expect(splitFullName("Thomas Clifford, 1st Baron Clifford of Chudleigh")).toEqual({ given: "Thomas", family: "Clifford" });
    expect(splitFullName("John Smith, Jr.")).toEqual({ given: "John", family: "Smith" });
    expect(splitFullName("Smith, Earl")).toEqual({ given: "Earl", family: "Smith" });
    expect(normalizeName("Sir Carl Saxton, 2nd Bt")).toBe("carl saxton");
  });

  it("reads Chinese names family first, with compound surnames", () => {
    expect(splitFullName("陈学")).toEqual({ family: "陈", given: "学" });
    expect(splitFullName("欧阳修")).toEqual({ family: "欧阳", given: "修" });
    expect(splitFullName("歐陽修")).toEqual({ family: "歐陽", given: "修" });
    expect(splitFullName("司马相如")).toEqual({ family: "司马", given: "相如" });
    expect(splitFullName("司马")).toEqual({ family: "司马" });
    expect(splitFullName("陈 学文")).toEqual({ family: "陈", given: "学文" });
    expect(CHINESE_COMPOUND_SURNAMES).toContain("诸葛");
  });

  it("reads Korean names family first", () => {
    expect(splitFullName("김민수")).toEqual({ family: "김", given: "민수" });
    expect(splitFullName("남궁민수")).toEqual({ family: "남궁", given: "민수" });
  });

  it("takes a single Latin word as the family name and a blank name as nothing", () => {
    expect(splitFullName("Madonna")).toEqual({ family: "Madonna" });
    expect(splitFullName("  ")).toEqual({});
    expect(splitFullName("\u0000陈\u200b学")).toEqual({ family: "陈", given: "学" });
  });
});

describe("pinyinKey", () => {
  it("romanises Chinese so that both scripts and the Latin spelling agree", () => {
    expect(pinyinKey("陳學")).toBe("chen xue");
    expect(pinyinKey("陈学")).toBe("chen xue");
    expect(pinyinKey("Chen Xue")).toBe("chen xue");
    expect(pinyinKey("吕")).toBe("lu");
  });

  it("reads surnames with their surname reading when asked", () => {
    expect(pinyinKey("单雄信", { surname: true })).toBe("shan xiong xin");
    expect(pinyinKey("单雄信")).toBe("dan xiong xin");
    expect(pinyinKey("曾国藩", { surname: true })).toBe("zeng guo fan");
  });

  it("removes titles that romanising separates from Chinese text", () => {
    expect(pinyinKey("陳學Dr.")).toBe("chen xue");
  });

  it("keeps characters outside the table", () => {
    expect(pinyinKey("𠀀")).toBe("𠀀");
    expect(pinyinKey("")).toBe("");
  });
});
