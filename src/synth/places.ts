/**
 * Countries, places, phone and postcode formats of the generator. Phone numbers are synthetic:
 * each person's mobile, each household's landline and each organization's switchboard is derived
 * from its index by a keyed permutation, so numbers never repeat between people (as real numbers
 * do not), but a generated number may coincide with a real one.
 */
import { permuteBelow, type Rng } from "../_lib/random.js";

/** Countries the generated customers live in. */
export type CountryCode = "GB" | "DE" | "US" | "CN";

/** A generated phone number: E.164 digits and the national significant number. */
export interface PhoneNumber {
  /** Country calling code without `+`. */
  readonly cc: string;
  /** National significant number (no trunk prefix). */
  readonly nsn: string;
  /** Whether it is a mobile number. */
  readonly mobile: boolean;
}

/** Who a number belongs to; each kind uses its own number ranges, so kinds never collide. */
export type PhoneOwner = "mobile" | "landline" | "switchboard";

interface NumberPlan {
  /** Leading digits, one of which starts every number of this kind. */
  readonly prefixes: readonly string[];
  /** Digits after the prefix. */
  readonly digits: number;
}

/** Disjoint number ranges per country and owner (mobiles, home landlines, business lines). */
const PLANS: Record<CountryCode, Record<PhoneOwner, NumberPlan>> = {
  GB: { mobile: { prefixes: ["7"], digits: 9 }, landline: { prefixes: ["20"], digits: 8 }, switchboard: { prefixes: ["161", "121"], digits: 7 } },
  DE: { mobile: { prefixes: ["151", "160", "170", "171", "176"], digits: 8 }, landline: { prefixes: ["30"], digits: 8 }, switchboard: { prefixes: ["89", "69"], digits: 8 } },
  US: { mobile: { prefixes: ["212", "415", "312", "617", "206", "512"], digits: 7 }, landline: { prefixes: ["646", "718", "917", "347", "929", "332"], digits: 7 }, switchboard: { prefixes: ["202", "303"], digits: 7 } },
  CN: { mobile: { prefixes: ["138", "139", "150", "158", "186", "188"], digits: 8 }, landline: { prefixes: ["10"], digits: 8 }, switchboard: { prefixes: ["21"], digits: 8 } },
};
const CALLING_CODES: Record<CountryCode, string> = { GB: "44", DE: "49", US: "1", CN: "86" };
const OWNER_SALT: Record<PhoneOwner, number> = { mobile: 0x6d6f62, landline: 0x6c616e, switchboard: 0x737762 };

/**
 * The phone number of the `index`-th owner of a kind: unique among all owners of that kind and
 * country (up to the plan's capacity, at least 10 million), never equal to a number of another kind.
 */
export function phoneNumber(key: number, country: CountryCode, owner: PhoneOwner, index: number): PhoneNumber {
  const plan = PLANS[country][owner];
  const perPrefix = 10 ** plan.digits;
  const n = permuteBelow(key ^ OWNER_SALT[owner], index % 2 ** 30, Math.min(2 ** 30, perPrefix * plan.prefixes.length));
  const prefix = plan.prefixes[Math.floor(n / perPrefix)]!;
  return { cc: CALLING_CODES[country], nsn: prefix + String(n % perPrefix).padStart(plan.digits, "0"), mobile: owner === "mobile" };
}

/** How many ways {@link formatPhone} writes a number of this country. */
export function phoneFormatCount(phone: PhoneNumber): number {
  return phone.cc === "44" ? 7 : phone.cc === "49" || phone.cc === "1" || phone.mobile ? 5 : 3;
}

/** Writes a phone number in the `style`-th of the ways people and systems write it (see {@link phoneFormatCount}). */
export function formatPhone(phone: PhoneNumber, style: number): string {
  const { cc, nsn } = phone;
  if (cc === "44") {
    const grouped = nsn.startsWith("20") ? `${nsn.slice(0, 2)} ${nsn.slice(2, 6)} ${nsn.slice(6)}` : `${nsn.slice(0, 4)} ${nsn.slice(4)}`;
    switch (style) {
      case 1: return `+44 ${grouped}`;
      case 2: return `0${grouped}`;
      case 3: return `0${nsn}`;
      case 4: return `(0)${grouped}`;
      case 5: return `+44 (0)${grouped}`;
      case 6: return `0044 ${grouped}`;
      default: return `+${cc}${nsn}`;
    }
  }
  if (cc === "49") {
    switch (style) {
      case 1: return `+49 ${nsn.slice(0, 3)} ${nsn.slice(3)}`;
      case 2: return `0${nsn.slice(0, 3)} ${nsn.slice(3)}`;
      case 3: return `0${nsn.slice(0, 3)}/${nsn.slice(3)}`;
      case 4: return `0${nsn}`;
      default: return `+${cc}${nsn}`;
    }
  }
  if (cc === "1") {
    switch (style) {
      case 1: return `+1 (${nsn.slice(0, 3)}) ${nsn.slice(3, 6)}-${nsn.slice(6)}`;
      case 2: return `(${nsn.slice(0, 3)}) ${nsn.slice(3, 6)}-${nsn.slice(6)}`;
      case 3: return `${nsn.slice(0, 3)}-${nsn.slice(3, 6)}-${nsn.slice(6)}`;
      case 4: return `1${nsn}`;
      default: return `+${cc}${nsn}`;
    }
  }
  if (!phone.mobile) {
    switch (style) {
      case 1: return `+86 ${nsn.slice(0, 2)} ${nsn.slice(2)}`;
      case 2: return `0${nsn.slice(0, 2)}-${nsn.slice(2)}`;
      default: return `+${cc}${nsn}`;
    }
  }
  switch (style) {
    case 1: return `+86 ${nsn.slice(0, 3)} ${nsn.slice(3, 7)} ${nsn.slice(7)}`;
    case 2: return nsn;
    case 3: return `0086 ${nsn}`;
    case 4: return `${nsn.slice(0, 3)}-${nsn.slice(3, 7)}-${nsn.slice(7)}`;
    default: return `+${cc}${nsn}`;
  }
}

/** Street names per country (the street type is added separately for GB and US). */
const STREETS: Record<CountryCode, readonly string[]> = {
  GB: ["High", "Station", "Church", "Park", "Victoria", "Green", "Manor", "Mill", "Kings", "Queens", "New", "Grange", "Springfield", "Albert", "Windsor", "Chester", "York", "Highfield", "Orchard", "Meadow"],
  US: ["Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Sunset", "Park", "Lincoln", "Jackson", "Madison"],
  DE: ["Haupt", "Schul", "Garten", "Bahnhof", "Dorf", "Berg", "Linden", "Kirch", "Wald", "Ring", "Mühlen", "Friedhof"],
  CN: ["Jianguo", "Renmin", "Zhongshan", "Jiefang", "Huaihai", "Nanjing", "Changan", "Dongfeng", "Heping", "Xinhua"],
};

/** Street types: full form and the abbreviations sources use for it. */
export const STREET_TYPES: readonly (readonly string[])[] = [
  ["Street", "St", "St."],
  ["Road", "Rd", "Rd."],
  ["Avenue", "Ave", "Av."],
  ["Lane", "Ln"],
  ["Drive", "Dr"],
  ["Close", "Cl"],
  ["Gardens", "Gdns"],
  ["Crescent", "Cres"],
  ["Place", "Pl"],
  ["Court", "Ct"],
];

/** Cities with the postcode area prefix used to draw plausible postcodes. */
const CITIES: Record<CountryCode, readonly (readonly [string, string])[]> = {
  GB: [["London", "N"], ["London", "SW"], ["London", "E"], ["Manchester", "M"], ["Birmingham", "B"], ["Leeds", "LS"], ["Bristol", "BS"], ["Edinburgh", "EH"], ["Glasgow", "G"], ["Cardiff", "CF"], ["Liverpool", "L"], ["Nottingham", "NG"], ["Sheffield", "S"], ["Oxford", "OX"], ["Cambridge", "CB"]],
  US: [["New York", "100"], ["San Francisco", "941"], ["Chicago", "606"], ["Boston", "021"], ["Seattle", "981"], ["Austin", "787"]],
  DE: [["Berlin", "10"], ["Hamburg", "20"], ["München", "80"], ["Köln", "50"], ["Frankfurt am Main", "60"]],
  CN: [["Beijing", "100"], ["Shanghai", "200"], ["Guangzhou", "510"], ["Shenzhen", "518"], ["Chengdu", "610"]],
};

/** A generated address in its canonical form. */
export interface Place {
  readonly country: CountryCode;
  readonly houseNumber: string;
  readonly street: string;
  /** Index into {@link STREET_TYPES}, or -1 when the street name carries its own type. */
  readonly streetType: number;
  readonly flat?: string;
  readonly city: string;
  readonly region?: string;
  readonly postcode: string;
}

const LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

/** Draws an address in a country. */
export function drawPlace(rng: Rng, country: CountryCode): Place {
  const [city, prefix] = rng.pick(CITIES[country]);
  const houseNumber = String(1 + Math.floor(Math.pow(rng.next(), 2) * 240));
  const flat = rng.chance(country === "CN" ? 0.8 : 0.18) ? String(rng.intBetween(1, country === "CN" ? 2400 : 24)) : undefined;
  switch (country) {
    case "GB": {
      const postcode = `${prefix}${rng.intBetween(1, 20)} ${rng.int(10)}${LETTERS[rng.int(LETTERS.length)]}${LETTERS[rng.int(LETTERS.length)]}`;
      return { country, houseNumber, street: rng.pick(STREETS.GB), streetType: rng.int(STREET_TYPES.length), city, postcode, ...(flat ? { flat } : {}) };
    }
    case "US":
      return { country, houseNumber: String(rng.intBetween(10, 9900)), street: rng.pick(STREETS.US), streetType: rng.int(5), city, region: rng.pick(["NY", "CA", "IL", "MA", "WA", "TX"]), postcode: `${prefix}${String(rng.int(100)).padStart(2, "0")}`, ...(flat ? { flat } : {}) };
    case "DE":
      return { country, houseNumber, street: `${rng.pick(STREETS.DE)}${rng.pick(["straße", "weg", "allee", "platz"])}`, streetType: -1, city, postcode: `${prefix}${String(rng.int(1000)).padStart(3, "0")}`, ...(flat ? { flat } : {}) };
    case "CN":
      return { country, houseNumber, street: rng.pick(STREETS.CN), streetType: rng.pick([1, 2]), city, postcode: `${prefix}${String(rng.int(1000)).padStart(3, "0")}`, ...(flat ? { flat } : {}) };
  }
}

/** IANA time zone of each country's customers (the largest zone for the US). */
export const TIME_ZONES: Record<CountryCode, string> = {
  GB: "Europe/London",
  DE: "Europe/Berlin",
  US: "America/New_York",
  CN: "Asia/Shanghai",
};

/** Personal email providers per country. */
export const EMAIL_DOMAINS: Record<CountryCode, readonly string[]> = {
  GB: ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "btinternet.com", "icloud.com"],
  US: ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com"],
  DE: ["gmail.com", "web.de", "gmx.de", "t-online.de", "outlook.de"],
  CN: ["qq.com", "163.com", "126.com", "sina.com", "gmail.com"],
};
