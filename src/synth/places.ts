/**
 * Countries, places, phone and postcode formats of the generator. Phone numbers use each
 * country's ranges reserved for drama and fiction where one exists (GB 07700 900xxx and
 * 020 7946 0xxx, US 555-01xx), so generated data never holds a real person's number.
 */
import type { Rng } from "../_lib/random.js";

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

const digits = (rng: Rng, n: number): string => {
  let s = "";
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
};

/** Draws a fictional mobile or landline number for a country. */
export function drawPhone(rng: Rng, country: CountryCode, mobile: boolean): PhoneNumber {
  switch (country) {
    case "GB":
      return mobile
        ? { cc: "44", nsn: `7700900${digits(rng, 3)}`, mobile }
        : { cc: "44", nsn: rng.chance(0.6) ? `207946${digits(rng, 4)}` : `${rng.pick(["113496", "117496", "121496", "131496", "161496"])}${digits(rng, 4)}`, mobile };
    case "DE":
      return mobile
        ? { cc: "49", nsn: `${rng.pick(["151", "160", "170", "171", "176"])}${digits(rng, 8)}`, mobile }
        : { cc: "49", nsn: `${rng.pick(["30", "40", "89", "69", "221"])}${digits(rng, 7)}`, mobile };
    case "US": {
      const area = rng.pick(["212", "415", "312", "617", "206", "512"]);
      return { cc: "1", nsn: `${area}55501${digits(rng, 2)}`, mobile };
    }
    case "CN":
      return mobile
        ? { cc: "86", nsn: `1${rng.pick(["38", "39", "50", "58", "86", "88"])}${digits(rng, 8)}`, mobile }
        : { cc: "86", nsn: `${rng.pick(["10", "21", "20", "755"])}${digits(rng, 8)}`.slice(0, 10), mobile };
  }
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
