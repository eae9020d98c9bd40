/** Writes each person's records as the source systems hold them, with the mess real systems have. */
import { permute30, type Rng } from "../_lib/random.js";
import type { Address, Gender, SourceRecord } from "../customer/index.js";
import { caseVariant, corruptDate, digitTypo, emailVariant, formatDate, toFullWidth, typo } from "./noise.js";
import type { PersonDraft } from "./people.js";
import { formatPhone, phoneFormatCount, STREET_TYPES, type PhoneNumber, type Place } from "./places.js";
import type { TrueRecord } from "./types.js";

/** The source systems of the generated business. */
export type SystemName = "pos" | "web" | "callcentre" | "card" | "b2b";

/** Prefix of each system's record ids. */
const PREFIX: Record<SystemName, string> = { pos: "POS", web: "WEB", callcentre: "CC", card: "CARD", b2b: "B2B" };

/** A generated record with what the generator needs to know about it later. */
export interface GeneratedRecord {
  readonly system: SystemName;
  readonly record: SourceRecord;
  readonly truth: TrueRecord;
  /** When the record was created, ms since epoch. */
  readonly createdAt: number;
}

/** Most records one person can have (web, store, a second of each, call centre, card, b2b). */
export const MAX_RECORDS_PER_PERSON = 8;

/** Shared empty attributes object: generated records carry no free attributes. */
export const NO_ATTRIBUTES: Record<string, never> = Object.freeze(Object.create(null) as Record<string, never>);

interface Context {
  readonly rng: Rng;
  readonly noise: number;
  /** Key of the id permutation (derived from the seed). */
  readonly idKey: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The id of the `ordinal`-th record of person `personIndex`: unique, independent of generation
 * order (so parts of a data set can be generated in parallel), and scrambled so that ids say
 * nothing about which records belong together.
 */
export function recordId(idKey: number, system: SystemName, personIndex: number, ordinal: number): string {
  const n = permute30(idKey, personIndex * MAX_RECORDS_PER_PERSON + ordinal);
  return `${PREFIX[system]}-${String(n).padStart(10, "0")}`;
}

/** The prefixes of record ids in alphabetical order. */
const SORTED_PREFIXES = Object.values(PREFIX).sort();

/**
 * An integer that orders record ids as their strings do: the prefix's alphabetical rank, then the
 * 10-digit number (below 2^30), so that records can be put in `sourceId` order by a radix sort.
 */
export function recordIdSortKey(sourceId: string): number {
  const dash = sourceId.indexOf("-");
  return SORTED_PREFIXES.indexOf(sourceId.slice(0, dash)) * 2 ** 30 + Number(sourceId.slice(dash + 1));
}

function hanOrPinyin(ctx: Context, p: PersonDraft, system: SystemName): { given: string; family: string; script: "han" | "pinyin" } {
  const { rng } = ctx;
  const n = p.name;
  const pinyinShare = system === "card" ? 0.6 : p.country === "CN" ? 0.03 : system === "web" ? 0.1 : 0.25;
  if (rng.chance(pinyinShare)) return { given: n.givenPinyin ?? n.given, family: n.familyPinyin ?? n.family, script: "pinyin" };
  let traditional = n.writesTraditional;
  if (system !== "web" && rng.chance(0.2)) traditional = !traditional; // staff type in their own script
  return traditional
    ? { given: n.givenTraditional ?? n.given, family: n.familyTraditional ?? n.family, script: "han" }
    : { given: n.given, family: n.family, script: "han" };
}

function givenNameFor(ctx: Context, p: PersonDraft, system: SystemName): string {
  const { rng, noise } = ctx;
  let given = p.name.given;
  if (p.name.nicknames.length > 0 && system !== "card" && rng.chance(0.22 * noise)) given = rng.pick(p.name.nicknames);
  if (system === "pos" && rng.chance(0.08 * noise)) return given[0]!;
  return given;
}

function familyNameFor(ctx: Context, p: PersonDraft): string {
  const { rng } = ctx;
  return p.name.familyPlain && rng.chance(0.4) ? p.name.familyPlain : p.name.family;
}

function maybeTypo(ctx: Context, text: string, rate: number): string {
  return ctx.rng.chance(rate * ctx.noise) ? typo(ctx.rng, text) : text;
}

function writePhone(ctx: Context, phone: PhoneNumber, fullWidthShare: number): string {
  const { rng, noise } = ctx;
  let text = formatPhone(phone, rng.int(phoneFormatCount(phone)));
  if (rng.chance(0.02 * noise)) text = digitTypo(rng, text);
  if (rng.chance(fullWidthShare * noise)) text = toFullWidth(text);
  return text;
}

function writeAddress(ctx: Context, place: Place, full: boolean, kind?: Address["kind"]): Address {
  const { rng, noise } = ctx;
  let street = place.street;
  if (place.streetType >= 0) {
    const forms = STREET_TYPES[place.streetType]!;
    street += " " + (rng.chance(0.5 * Math.min(1, noise)) ? rng.pick(forms) : forms[0]!);
  }
  street = maybeTypo(ctx, street, 0.04);
  let lines: string[];
  const line1 = place.country === "DE" ? `${street} ${place.houseNumber}` : `${place.houseNumber} ${street}`;
  if (place.flat === undefined) lines = [line1];
  else {
    const style = rng.int(4);
    lines =
      style === 0
        ? [`Flat ${place.flat}`, line1]
        : style === 1
          ? [`${line1}, Apt ${place.flat}`]
          : style === 2
            ? [`${place.flat}/${line1}`]
            : [line1, `Unit ${place.flat}`];
  }
  let postcode = place.postcode;
  if (rng.chance(0.15 * noise)) postcode = postcode.replace(" ", "").toLowerCase();
  if (place.country === "CN" && rng.chance(0.05 * noise)) postcode = toFullWidth(postcode);
  if (!full) return { lines: [], city: undefined, region: undefined, postcode, country: undefined, kind };
  for (let k = 0; k < lines.length; k++) lines[k] = caseVariant(rng, lines[k]!, 0.05 * noise, 0.05 * noise);
  return { lines, city: place.city, region: place.region, postcode, country: place.country, kind };
}

function birthDateText(ctx: Context, p: PersonDraft, style: "iso" | "dmy" | "mdy" | "compact" | "dotted" | "text"): string {
  const date = ctx.rng.chance(0.03 * ctx.noise) ? corruptDate(ctx.rng, p.birth) : p.birth;
  return formatDate(date, style);
}

function placeAt(p: PersonDraft, time: number): Place {
  return p.previousPlace !== undefined && p.movedAt !== undefined && time < p.movedAt ? p.previousPlace : p.place;
}


/** Writes the `ordinal`-th record of `p`, in `system`, created at `createdAt` (ms). */
export function writeRecord(ctx: Context, p: PersonDraft, system: SystemName, ordinal: number, createdAt: number): GeneratedRecord {
  const { rng, noise } = ctx;
  const sourceId = recordId(ctx.idKey, system, p.index, ordinal);
  const updatedAt = createdAt + rng.next() * (ctx.end - createdAt);
  const place = placeAt(p, updatedAt);
  const han = p.chinese ? hanOrPinyin(ctx, p, system) : undefined;
  const given = han ? han.given : maybeTypo(ctx, givenNameFor(ctx, p, system), system === "pos" ? 0.08 : 0.03);
  const family = han ? han.family : maybeTypo(ctx, familyNameFor(ctx, p), system === "pos" ? 0.08 : 0.03);
  const fullWidth = p.country === "CN" ? 0.1 : 0.01;
  // Every record has the same keys in the same order (missing values are undefined), which keeps
  // the objects fast for every consumer.
  let honorific: string | undefined;
  let givenName: string | undefined;
  let middleName: string | undefined;
  let familyName: string | undefined;
  let fullName: string | undefined;
  let emails: string[] = [];
  let phones: string[] = [];
  let addresses: Address[] = [];
  let birthDate: string | undefined;
  let gender: Gender | undefined;
  let organizationName: string | undefined;
  let department: string | undefined;
  let jobTitle: string | undefined;

  switch (system) {
    case "pos": {
      const swap = rng.chance(0.03 * noise);
      givenName = caseVariant(rng, swap ? family : given, 0.1, 0);
      familyName = caseVariant(rng, swap ? given : family, 0.1, 0);
      if (rng.chance(0.75)) phones = [writePhone(ctx, p.mobile, fullWidth)];
      addresses = [writeAddress(ctx, place, rng.chance(0.4))];
      if (rng.chance(0.4)) birthDate = birthDateText(ctx, p, p.country === "US" ? "mdy" : "dmy");
      if (rng.chance(0.3)) emails = [p.email];
      break;
    }
    case "web": {
      givenName = han ? given : caseVariant(rng, given, 0.02, 0.1 * noise);
      familyName = han ? family : caseVariant(rng, family, 0.02, 0.1 * noise);
      emails = [rng.chance(0.35 * noise) ? emailVariant(rng, p.email, "shop") : p.email];
      if (rng.chance(0.5)) phones = [writePhone(ctx, p.mobile, fullWidth)];
      if (rng.chance(0.7)) addresses = [writeAddress(ctx, place, true, "shipping")];
      if (rng.chance(0.5)) birthDate = birthDateText(ctx, p, "iso");
      if (rng.chance(0.6)) gender = p.gender;
      break;
    }
    case "callcentre": {
      if (han) fullName = han.script === "han" ? `${family}${given}` : `${family.toUpperCase()} ${given}`;
      else {
        const order = rng.int(3);
        const title = rng.chance(0.2) ? `${p.honorific} ` : "";
        fullName = order === 0 ? `${title}${given} ${family}` : order === 1 ? `${family}, ${given}` : `${family.toUpperCase()} ${given}`;
      }
      const phone = p.landline && rng.chance(0.4) ? p.landline : p.mobile;
      if (rng.chance(0.9)) phones = [writePhone(ctx, phone, fullWidth)];
      if (rng.chance(0.5)) addresses = [writeAddress(ctx, place, true)];
      if (rng.chance(0.2)) emails = [p.email];
      break;
    }
    case "card": {
      if (rng.chance(0.8)) honorific = p.honorific;
      givenName = han ? (han.script === "pinyin" ? given.toUpperCase() : given) : p.name.given;
      familyName = han ? (han.script === "pinyin" ? family.toUpperCase() : family) : familyNameFor(ctx, p);
      if (!han && rng.chance(0.3)) middleName = `${String.fromCharCode(65 + rng.int(26))}.`;
      birthDate = birthDateText(ctx, p, "iso");
      addresses = [writeAddress(ctx, place, true, "billing")];
      phones = [writePhone(ctx, p.mobile, fullWidth / 2)];
      if (rng.chance(0.8)) emails = [p.email];
      gender = p.gender;
      break;
    }
    case "b2b": {
      const c = p.contact!;
      givenName = given;
      familyName = family;
      organizationName = rng.chance(0.6) ? c.org.name : rng.pick(c.org.nameVariants);
      department = c.departmentName;
      jobTitle = c.jobTitle;
      emails = [c.workEmail];
      const work = writePhone(ctx, c.org.switchboard, 0);
      phones = [rng.chance(0.5) ? `${work} ext ${c.extension}` : work];
      addresses = [writeAddress(ctx, c.org.place, true, "work")];
      break;
    }
  }
  const record = {
    sourceSystem: system,
    sourceId,
    honorific,
    givenName,
    middleName,
    familyName,
    fullName,
    emails,
    phones,
    addresses,
    birthDate,
    gender,
    organizationName,
    department,
    jobTitle,
    accountIds: [] as string[],
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
    attributes: NO_ATTRIBUTES,
  } as SourceRecord;
  const organizationId = system === "b2b" ? p.contact?.org.id : undefined;
  return {
    system,
    record,
    truth: organizationId === undefined ? { sourceId, personId: p.id, householdId: p.householdId } : { sourceId, personId: p.id, householdId: p.householdId, organizationId },
    createdAt,
  };
}

/** Which systems hold a record of `p`, each with a creation time; web and store hold every buyer. */
export function chooseSystems(rng: Rng, p: PersonDraft, firstPurchase: number, start: number, end: number): { system: SystemName; createdAt: number }[] {
  const around = (t: number): number => Math.max(start - 365 * 86_400_000, Math.min(end - 86_400_000, t - rng.next() * 30 * 86_400_000));
  const later = (): number => firstPurchase + rng.next() * Math.max(0, end - firstPurchase);
  const out: { system: SystemName; createdAt: number }[] = [];
  if (p.contact) {
    out.push({ system: "b2b", createdAt: around(firstPurchase) });
    if (rng.chance(0.5)) return out; // a business contact only, not also a private customer
  }
  const web = rng.chance(0.7);
  const pos = !web || rng.chance(0.5);
  if (web) out.push({ system: "web", createdAt: around(firstPurchase) });
  if (pos) out.push({ system: "pos", createdAt: around(firstPurchase) });
  if (web && rng.chance(0.06)) out.push({ system: "web", createdAt: later() }); // a second web account
  if (pos && rng.chance(0.05)) out.push({ system: "pos", createdAt: later() }); // a second loyalty card
  if (rng.chance(0.3)) out.push({ system: "callcentre", createdAt: later() });
  if (rng.chance(0.25)) out.push({ system: "card", createdAt: later() });
  return out;
}
