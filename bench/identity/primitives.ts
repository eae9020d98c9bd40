/**
 * Micro-benchmark of the identity normalisers and comparison primitives: operations per second of
 * each function on realistic, seeded inputs (names with typos, emails, phones, addresses, dates).
 * Run with `npx tsx bench/identity/primitives.ts`; prints one Markdown table and writes it to
 * `bench/out/identity/primitives.md`. Timings are wall-clock on a shared machine: re-run when
 * quiet before quoting them.
 */
import { Rng } from "../../src/_lib/random.js";
import {
  areNicknames,
  chineseFoldedEqual,
  compareDates,
  damerauLevenshtein,
  diceCoefficient,
  doubleMetaphone,
  jaro,
  jaroWinkler,
  levenshtein,
  tokenSetSimilarity,
} from "../../src/identity/compare/index.js";
import {
  foldChinese,
  normalizeAddress,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  parseDateParts,
  pinyinKey,
  splitFullName,
} from "../../src/identity/normalize/index.js";
import { normalizePhone as normalizePhoneWithLibrary } from "../../src/identity/libphonenumber.js";
import { fmt, printTable, writeOut } from "../_lib.js";

const rng = new Rng(20261122);
const pick = <T>(list: readonly T[]): T => list[rng.int(list.length)]!;
const GIVEN = ["robert", "william", "elizabeth", "margaret", "jonathan", "catherine", "michael", "stephanie", "alexander", "mary", "józef", "siobhán"];
const FAMILY = ["smith", "johnson", "o'neil", "van der berg", "müller", "thompson", "nguyen", "schwarzenegger", "macdonald", "kowalski", "garcía", "lee"];
const HAN = ["陳學", "陈学", "歐陽修", "王小明", "李華", "張偉", "刘洋", "黃麗"];

/** A copy of `s` with one random edit (substitution, deletion, insertion or transposition). */
function typo(s: string): string {
  if (s.length < 2) return s;
  const i = rng.int(s.length - 1);
  const letter = String.fromCharCode(97 + rng.int(26));
  switch (rng.int(4)) {
    case 0:
      return s.slice(0, i) + letter + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + letter + s.slice(i);
    default:
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
}

const N = 20_000;
const names = Array.from({ length: N }, () => `${pick(["", "Dr ", "Mrs "])}${pick(GIVEN)} ${pick(FAMILY)}`);
const pairs = Array.from({ length: N }, () => {
  const a = `${pick(GIVEN)} ${pick(FAMILY)}`;
  return [a, rng.next() < 0.5 ? typo(a) : `${pick(GIVEN)} ${pick(FAMILY)}`] as const;
});
const emails = names.map((n, i) => `${n.replace(/\W+/g, ".")}+${i % 7}@${pick(["GMail.com", "example.org", "yahoo.co.uk"])}`);
const phones = Array.from({ length: N }, () => pick(["(0)20 7946 ", "+44 20 7946 ", "020 7946 ", "07700 900"]) + String(rng.intBetween(1000, 9999)));
const addresses = Array.from({ length: N }, () => ({ lines: [`${pick(["Flat 3, ", "", "Apt 12 "])}${rng.intBetween(1, 200)} ${pick(["High", "Station", "Church", "Mill"])} ${pick(["St.", "Street", "Road", "Ave"])}`], city: "London", postcode: "n1 9gu", country: "UK" }));
const dates = Array.from({ length: N }, () => pick(["1980-04-12", "12/04/1980", "19800412", "12 Apr 1980", "04/12/1980"]));
const parsedDates = dates.map((d) => parseDateParts(d));
const han = Array.from({ length: N }, () => pick(HAN));

let sink = 0;
const consume = (v: unknown): void => {
  sink += v === undefined ? 0 : typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : 1;
};

/** Runs `fn(i)` over the inputs repeatedly for at least `budgetMs` and returns operations per second. */
function opsPerSecond(fn: (i: number) => unknown, budgetMs = 300): number {
  for (let i = 0; i < 2_000; i++) consume(fn(i % N));
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < N; i++) consume(fn(i));
    ops += N;
    elapsed = performance.now() - start;
  }
  return (ops / elapsed) * 1000;
}

const cases: [string, (i: number) => unknown][] = [
  ["normalizeName", (i) => normalizeName(names[i]!)],
  ["splitFullName", (i) => splitFullName(names[i]!)],
  ["foldChinese", (i) => foldChinese(han[i]!)],
  ["pinyinKey", (i) => pinyinKey(han[i]!)],
  ["normalizeEmail", (i) => normalizeEmail(emails[i]!)],
  ["normalizePhone (GB)", (i) => normalizePhone(phones[i]!, { defaultRegion: "GB" })],
  ["normalizePhone (libphonenumber-js)", (i) => normalizePhoneWithLibrary(phones[i]!, { defaultRegion: "GB" })],
  ["normalizeAddress", (i) => normalizeAddress(addresses[i]!)],
  ["parseDateParts", (i) => parseDateParts(dates[i]!)],
  ["jaro", (i) => jaro(pairs[i]![0], pairs[i]![1])],
  ["jaroWinkler", (i) => jaroWinkler(pairs[i]![0], pairs[i]![1])],
  ["levenshtein", (i) => levenshtein(pairs[i]![0], pairs[i]![1])],
  ["levenshtein (maxDistance 2)", (i) => levenshtein(pairs[i]![0], pairs[i]![1], { maxDistance: 2 })],
  ["damerauLevenshtein", (i) => damerauLevenshtein(pairs[i]![0], pairs[i]![1])],
  ["diceCoefficient (bigrams)", (i) => diceCoefficient(pairs[i]![0], pairs[i]![1])],
  ["tokenSetSimilarity", (i) => tokenSetSimilarity(pairs[i]![0], pairs[i]![1])],
  ["doubleMetaphone", (i) => doubleMetaphone(FAMILY[i % FAMILY.length]!)],
  ["areNicknames", (i) => areNicknames(GIVEN[i % GIVEN.length]!, pick(GIVEN))],
  ["chineseFoldedEqual", (i) => chineseFoldedEqual(han[i]!, han[(i + 1) % N]!)],
  ["compareDates", (i) => compareDates(parsedDates[i], parsedDates[(i + 1) % N])],
];

const rows = cases.map(([name, fn]) => {
  const ops = opsPerSecond(fn);
  return { function: name, "ops/s": Math.round(ops).toLocaleString("en-US"), "µs/op": fmt(1e6 / ops, 3) };
});
printTable(rows);
const header = `| function | ops/s | µs/op |\n| --- | --- | --- |\n`;
writeOut("identity/primitives.md", header + rows.map((r) => `| ${r.function} | ${r["ops/s"]} | ${r["µs/op"]} |`).join("\n") + "\n");
if (sink === Number.MIN_SAFE_INTEGER) console.log(sink);
