/** Draws the real people of the generated world: households, organizations and their contacts. */
import { permuteBelow, type Rng } from "../_lib/random.js";
import type { DecisionRole, Gender, HouseholdRole } from "../customer/index.js";
import { AliasTable } from "../_lib/random.js";
import { CLUSTER_COUNT, neighbourCluster } from "./catalogue.js";
import { FAMILY_NAMES, GIVEN_NAMES, HAN_GIVEN, HAN_SURNAMES, type GivenName, type HanName } from "./names.js";
import { drawPlace, EMAIL_DOMAINS, phoneNumber, type CountryCode, type PhoneNumber, type Place } from "./places.js";
import type { Ymd } from "./noise.js";

/** A person's name in the forms sources write it. */
export interface PersonName {
  /** Given name in the person's own script (simplified Han for Chinese names). */
  readonly given: string;
  /** Family name in the person's own script. */
  readonly family: string;
  /** Traditional-script forms, for Chinese names. */
  readonly givenTraditional?: string;
  readonly familyTraditional?: string;
  /** Pinyin forms, for Chinese names. */
  readonly givenPinyin?: string;
  readonly familyPinyin?: string;
  /** Spelling without diacritics, when the family name has them. */
  readonly familyPlain?: string;
  /** Nicknames of the given name. */
  readonly nicknames: readonly string[];
  /** Whether the person writes Han characters in traditional script. */
  readonly writesTraditional: boolean;
}

/** An organization customer of the generated world. */
export interface OrgDraft {
  readonly id: string;
  readonly name: string;
  /** Other ways systems write the name (`ACME Limited`, `Acme Ltd.`). */
  readonly nameVariants: readonly string[];
  readonly domain: string;
  readonly place: Place;
  readonly switchboard: PhoneNumber;
  readonly departments: readonly { readonly id: string; readonly name: string }[];
}

/** A person's place in an organization. */
export interface ContactDraft {
  readonly org: OrgDraft;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly jobTitle: string;
  readonly roles: readonly DecisionRole[];
  readonly workEmail: string;
  readonly extension: string;
}

/** Everything the generator knows about one real person before writing records. */
export interface PersonDraft {
  readonly index: number;
  readonly id: string;
  readonly chinese: boolean;
  readonly country: CountryCode;
  readonly gender: Gender;
  readonly name: PersonName;
  readonly honorific: string;
  readonly birth: Ymd;
  readonly email: string;
  readonly mobile: PhoneNumber;
  readonly landline: PhoneNumber | undefined;
  readonly place: Place;
  readonly previousPlace: Place | undefined;
  /** When the person moved from `previousPlace` to `place`, ms since epoch. */
  readonly movedAt: number | undefined;
  readonly householdId: string;
  readonly householdRole: HouseholdRole;
  readonly contact: ContactDraft | undefined;
  /** Main and secondary taste clusters (category × style). */
  readonly taste: readonly [number, number];
}

const familyTable = new AliasTable(FAMILY_NAMES.map((f) => f.weight));
const hanSurnameTable = new AliasTable(HAN_SURNAMES.map((h) => h.weight));
const hanGivenTable = new AliasTable(HAN_GIVEN.map((h) => h.weight));
const FEMALE = GIVEN_NAMES.filter((n) => n.gender === "female");
const MALE = GIVEN_NAMES.filter((n) => n.gender === "male");

const id7 = (prefix: string, n: number): string => `${prefix}${String(n).padStart(7, "0")}`;

function drawBirth(rng: Rng, year: number): Ymd {
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(m === 2 ? 28 : [4, 6, 9, 11].includes(m) ? 30 : 31);
  return { y: year, m, d };
}

function latinName(rng: Rng, gender: Gender, family?: { name: string; plain?: string }): PersonName {
  const pool = gender === "female" ? FEMALE : MALE;
  const given: GivenName = rng.pick(pool);
  const f = family ?? FAMILY_NAMES[familyTable.sample(rng)]!;
  return {
    given: given.name,
    family: f.name,
    ...(f.plain ? { familyPlain: f.plain } : {}),
    nicknames: given.nicknames,
    writesTraditional: false,
  };
}

function hanName(rng: Rng, writesTraditional: boolean, surname?: HanName): PersonName {
  const family = surname ?? HAN_SURNAMES[hanSurnameTable.sample(rng)]!;
  const parts: HanName[] = [HAN_GIVEN[hanGivenTable.sample(rng)]!];
  if (rng.chance(0.65)) parts.push(HAN_GIVEN[hanGivenTable.sample(rng)]!);
  return {
    given: parts.map((p) => p.simplified).join(""),
    family: family.simplified,
    givenTraditional: parts.map((p) => p.traditional).join(""),
    familyTraditional: family.traditional,
    givenPinyin: parts.map((p, k) => (k === 0 ? p.pinyin : p.pinyin.toLowerCase())).join(""),
    familyPinyin: family.pinyin,
    nicknames: [],
    writesTraditional,
  };
}

const folded = new Map<string, string>(); // bounded: keys come from the finite name tables
function asciiFold(text: string): string {
  let out = folded.get(text);
  if (out === undefined) {
    out = text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss")
      .replace(/ø/g, "o")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
    folded.set(text, out);
  }
  return out;
}

/**
 * A personal email address. Real addresses are unique, so every generated one carries a number
 * derived from the person's index by a keyed permutation: `james.smith482@gmail.com`.
 */
function personalEmail(rng: Rng, ids: IdCounters, personIndex: number, name: PersonName, country: CountryCode): string {
  const given = asciiFold(name.givenPinyin ?? name.given);
  const family = asciiFold(name.familyPinyin ?? name.familyPlain ?? name.family);
  const domain = rng.pick(EMAIL_DOMAINS[country]);
  const unique = permuteBelow(ids.key ^ 0xe3a11, personIndex, 10 ** ids.emailDigits);
  if (domain === "qq.com" && rng.chance(0.6)) return `${10 ** ids.emailDigits + unique}@qq.com`; // QQ numbers
  switch (rng.int(5)) {
    case 0:
      return `${given}.${family}${unique}@${domain}`;
    case 1:
      return `${given}${family}${unique}@${domain}`;
    case 2:
      return `${given[0]}${family}${unique}@${domain}`;
    case 3:
      return `${family}.${given}${unique}@${domain}`;
    default:
      return `${given}_${family}${unique}@${domain}`;
  }
}

const DEPARTMENTS = ["Purchasing", "IT", "Finance", "Marketing", "Operations", "Facilities", "Human Resources", "Legal"];
const TITLES: Record<string, readonly string[]> = {
  Purchasing: ["Buyer", "Head of Procurement", "Purchasing Manager"],
  IT: ["CIO", "IT Manager", "Systems Administrator"],
  Finance: ["CFO", "Controller", "Accountant"],
  Marketing: ["CMO", "Marketing Manager", "Brand Manager"],
  Operations: ["COO", "Operations Manager", "Office Manager"],
  Facilities: ["Facilities Manager", "Office Coordinator"],
  "Human Resources": ["HR Director", "HR Business Partner"],
  Legal: ["General Counsel", "Legal Counsel"],
};
const ORG_TAILS = ["Trading", "Analytics", "Logistics", "Foods", "Engineering", "Consulting", "Media", "Health", "Design", "Systems", "Builders", "Energy"];
const CONSONANTS = "bdfgklmnprstvz";
const VOWELS = "aeiou";
const SUFFIXES: Record<CountryCode, readonly [string, string][]> = {
  GB: [["Ltd", "Limited"], ["PLC", "Public Limited Company"], ["LLP", "L.L.P."]],
  DE: [["GmbH", "Gesellschaft mit beschränkter Haftung"], ["AG", "Aktiengesellschaft"]],
  US: [["Inc", "Incorporated"], ["LLC", "L.L.C."], ["Corp", "Corporation"]],
  CN: [["Co Ltd", "Company Limited"]],
};

/** A made-up brand word of three syllables, unique for each code below 70^3. */
function brandWord(code: number): string {
  const syllables = CONSONANTS.length * VOWELS.length;
  let word = "";
  for (let k = 0; k < 3; k++) {
    const s = code % syllables;
    code = Math.floor(code / syllables);
    word += CONSONANTS[Math.floor(s / VOWELS.length)]! + VOWELS[s % VOWELS.length]!;
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

function drawOrganization(rng: Rng, ids: IdCounters, orgIndex: number, country: CountryCode): OrgDraft {
  const brands = (CONSONANTS.length * VOWELS.length) ** 3;
  const code = permuteBelow(ids.key ^ 0x0a6, orgIndex, brands * ORG_TAILS.length);
  const word = brandWord(code % brands);
  const tail = ORG_TAILS[Math.floor(code / brands)]!;
  const [suffix, longSuffix] = rng.pick(SUFFIXES[country]);
  const base = `${word} ${tail}`;
  const name = `${base} ${suffix}`;
  const tld = country === "GB" ? "co.uk" : country === "DE" ? "de" : country === "CN" ? "cn" : "com";
  const id = `O${String(orgIndex + 1).padStart(6, "0")}`;
  const names = rng.shuffle([...DEPARTMENTS]).slice(0, 2 + rng.int(3));
  return {
    id,
    name,
    nameVariants: [`${base.toUpperCase()} ${longSuffix.toUpperCase()}`, `${base} ${suffix}.`, `${base} ${longSuffix}`, base],
    domain: `${word.toLowerCase()}${tail.toLowerCase()}.${tld}`,
    place: drawPlace(rng, country),
    switchboard: phoneNumber(ids.key, country, "switchboard", orgIndex),
    departments: names.map((n, k) => ({ id: `${id}-D${k + 1}`, name: n })),
  };
}

/** Counters that make ids unique and sequential across a whole (streamed) data set. */
export interface IdCounters {
  person: number;
  household: number;
  organization: number;
  /** Key of the id permutations (derived from the seed). */
  readonly key: number;
  /** Digits of the number that makes personal emails unique (enough for every person). */
  readonly emailDigits: number;
}

function drawCountry(rng: Rng, chinese: boolean): CountryCode {
  if (chinese) return rng.chance(0.5) ? "CN" : "GB";
  const u = rng.next();
  return u < 0.78 ? "GB" : u < 0.9 ? "DE" : "US";
}

function honorificOf(rng: Rng, gender: Gender, country: CountryCode): string {
  if (country === "DE") return gender === "female" ? "Frau" : "Herr";
  if (rng.chance(0.04)) return rng.pick(["Dr", "Prof"]);
  return gender === "female" ? rng.pick(["Ms", "Mrs", "Miss"]) : "Mr";
}

/** What the members of a household (or a contact's own household) share. */
interface Home {
  readonly chinese: boolean;
  readonly country: CountryCode;
  readonly place: Place;
  readonly previousPlace: Place | undefined;
  readonly movedAt: number | undefined;
  readonly landline: PhoneNumber | undefined;
  readonly householdId: string;
}

function makePerson(
  rng: Rng,
  counters: IdCounters,
  home: Home,
  gender: Gender,
  name: PersonName,
  birthYear: number,
  role: HouseholdRole,
  contact: ContactDraft | undefined,
  sharedTaste: readonly [number, number] | undefined,
): PersonDraft {
  counters.person += 1;
  const main = sharedTaste ? sharedTaste[0] : rng.int(CLUSTER_COUNT);
  const taste: readonly [number, number] = sharedTaste ?? [main, neighbourCluster(rng, main)];
  return {
    index: counters.person - 1,
    id: id7("P", counters.person),
    chinese: home.chinese,
    country: home.country,
    gender,
    name,
    honorific: honorificOf(rng, gender, home.country),
    birth: drawBirth(rng, birthYear),
    email: personalEmail(rng, counters, counters.person - 1, name, home.country),
    mobile: phoneNumber(counters.key, home.country, "mobile", counters.person - 1),
    landline: home.landline,
    place: home.place,
    previousPlace: home.previousPlace,
    movedAt: home.movedAt,
    householdId: home.householdId,
    householdRole: role,
    contact,
    taste,
  };
}

/** The time window people live in, for move dates. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

const NOT_MOVED = { previousPlace: undefined, movedAt: undefined };
function moveHistory(rng: Rng, country: CountryCode, window: Window): { previousPlace: Place | undefined; movedAt: number | undefined } {
  if (!rng.chance(0.15)) return NOT_MOVED;
  return { previousPlace: drawPlace(rng, country), movedAt: window.start + rng.next() * (window.end - window.start) };
}

/**
 * Draws one household: a single person, or a family sharing an address (and usually a family
 * name and a landline) whose members are different people.
 */
export function drawHousehold(rng: Rng, counters: IdCounters, size: number, chineseShare: number, window: Window, endYear: number): PersonDraft[] {
  counters.household += 1;
  const householdId = id7("H", counters.household);
  const chinese = rng.chance(chineseShare);
  const country = drawCountry(rng, chinese);
  const place = drawPlace(rng, country);
  const moved = moveHistory(rng, country, window);
  const landline = size > 1 && rng.chance(0.6) ? phoneNumber(counters.key, country, "landline", counters.household - 1) : undefined;
  const writesTraditional = chinese && country === "GB" && rng.chance(0.4);
  const headGender: Gender = rng.chance(0.5) ? "female" : "male";
  const headYear = endYear - (size > 2 ? rng.intBetween(40, 70) : rng.intBetween(20, 85));
  const headName = chinese ? hanName(rng, writesTraditional) : latinName(rng, headGender);
  const shared: Home = { chinese, country, place, previousPlace: moved.previousPlace, movedAt: moved.movedAt, landline, householdId };
  const taste0 = rng.int(CLUSTER_COUNT);
  const people: PersonDraft[] = [
    makePerson(rng, counters, shared, headGender, headName, headYear, size > 1 ? "head" : "other", undefined, undefined),
  ];
  const fatherGiven = headGender === "male" ? headName.given : undefined;
  for (let k = 1; k < size; k++) {
    const partner = k === 1 && rng.chance(0.85);
    const gender: Gender = partner ? (headGender === "female" ? "male" : "female") : rng.chance(0.5) ? "female" : "male";
    let name: PersonName;
    if (chinese) {
      const surname = partner ? undefined : HAN_SURNAMES.find((h) => h.simplified === headName.family);
      name = hanName(rng, writesTraditional, surname);
    } else {
      const family = partner && rng.chance(0.25) ? undefined : { name: headName.family, ...(headName.familyPlain ? { plain: headName.familyPlain } : {}) };
      name = latinName(rng, gender, family);
      if (!partner && gender === "male" && fatherGiven && rng.chance(0.12)) {
        name = { ...name, given: fatherGiven, nicknames: headName.nicknames }; // named after the father: a classic false match
      }
    }
    const birthYear = partner ? headYear + rng.intBetween(-5, 5) : Math.min(endYear - 18, headYear + rng.intBetween(22, 38));
    // Family members share tastes more often than strangers do.
    const taste: readonly [number, number] | undefined = rng.chance(0.5) ? [taste0, neighbourCluster(rng, taste0)] : undefined;
    people.push(makePerson(rng, counters, shared, gender, name, birthYear, partner ? "partner" : "child", undefined, taste));
  }
  return people;
}

/** Draws an organization customer and its contacts (each contact is their own household). */
export function drawOrganizationUnit(rng: Rng, counters: IdCounters, size: number, chineseShare: number, window: Window, endYear: number): PersonDraft[] {
  counters.organization += 1;
  const orgCountry = drawCountry(rng, rng.chance(chineseShare));
  const org = drawOrganization(rng, counters, counters.organization - 1, orgCountry);
  const people: PersonDraft[] = [];
  const mailboxes = new Set<string>();
  for (let k = 0; k < size; k++) {
    const chinese = orgCountry === "CN" ? rng.chance(0.9) : rng.chance(chineseShare);
    const gender: Gender = rng.chance(0.5) ? "female" : "male";
    const name = chinese ? hanName(rng, false) : latinName(rng, gender);
    const department = org.departments[k % org.departments.length]!;
    const roles: DecisionRole[] = [];
    if (k === 0 || rng.chance(0.25)) roles.push("decider"); // several departments can decide
    if (department.name === "Purchasing") roles.push("buyer");
    if (rng.chance(0.4)) roles.push(rng.pick(["influencer", "user", "gatekeeper", "approver", "initiator"] as const));
    const given = asciiFold(name.givenPinyin ?? name.given);
    const family = asciiFold(name.familyPinyin ?? name.familyPlain ?? name.family);
    let mailbox = `${given}.${family}`;
    if (mailboxes.has(mailbox)) mailbox += String(k + 1); // two contacts of one name: the second gets a number
    mailboxes.add(mailbox);
    counters.household += 1;
    const country = drawCountry(rng, chinese);
    const moved = moveHistory(rng, orgCountry, window);
    const home: Home = {
      chinese,
      country: orgCountry === "CN" ? "CN" : country === "CN" ? orgCountry : country,
      place: drawPlace(rng, orgCountry),
      previousPlace: moved.previousPlace,
      movedAt: moved.movedAt,
      landline: undefined,
      householdId: id7("H", counters.household),
    };
    const contact: ContactDraft = {
      org,
      departmentId: department.id,
      departmentName: department.name,
      jobTitle: rng.pick(TITLES[department.name] ?? ["Manager"]),
      roles: roles.length > 0 ? roles : ["user"],
      workEmail: `${mailbox}@${org.domain}`,
      extension: String(rng.intBetween(100, 899)),
    };
    people.push(makePerson(rng, counters, home, gender, name, endYear - rng.intBetween(24, 64), "other", contact, undefined));
  }
  return people;
}
