/** What each person does: buys (a buy-till-you-die process), returns, pays fees, calls, complains, opens campaigns. */
import { addYears } from "date-fns";
import { permute30, type Rng } from "../_lib/random.js";
import { plainDate, UtcDate } from "../_lib/utc-date.js";
import type { Account, Channel, Consent, ContactPreference, Interaction, InteractionType, LineItem, Transaction } from "../customer/index.js";
import type { CatalogueModel } from "./catalogue.js";
import type { PersonDraft } from "./people.js";
import { NO_ATTRIBUTES, type GeneratedRecord, type SystemName } from "./records.js";
import { TIME_ZONES } from "./places.js";
import type { PurchaseProcess } from "./types.js";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The buy-till-you-die story of one person. */
export interface Lifecycle {
  /** Purchase rate λ per week. */
  readonly lambda: number;
  /** Dropout probability after each repeat purchase. */
  readonly dropout: number;
  /** Gamma-Gamma spend rate ν. */
  readonly nu: number;
  /** Purchase times, ms since epoch, first purchase first. */
  readonly times: number[];
  /** When the person dropped out, if they did in the window. */
  readonly droppedOutAt?: number;
}

/**
 * Moves an instant into business hours of its day (08:00–21:00 UTC) by compressing the day
 * linearly, which keeps the order of events; an instant that would leave `[start, end)` stays as it is.
 */
export function inBusinessHours(t: number, start: number, end: number): number {
  const day = Math.floor(t / DAY) * DAY;
  const moved = day + 8 * 3_600_000 + (t - day) * (13 / 24);
  return moved >= start && moved < end ? moved : t;
}

const isAscending = (xs: readonly number[]): boolean => xs.every((x, k) => k === 0 || xs[k - 1]! <= x);

/**
 * Draws a person's purchase rate, dropout and spend level, and the purchase instants in
 * [start, end): the first purchase, then repeat purchases at rate λ until the customer drops out
 * after a repeat purchase (with probability p) or the window ends. The instants returned are the
 * transactions' timestamps, so the truth and the data agree exactly.
 */
export function drawLifecycle(rng: Rng, process: PurchaseProcess, start: number, end: number): Lifecycle {
  const lambda = rng.gamma(process.r, process.alpha);
  const dropout = rng.beta(process.a, process.b);
  const nu = rng.gamma(process.q, process.gamma);
  const first = start + rng.next() * process.acquisitionShare * (end - start);
  const times = [first];
  let t = first;
  let dropped = false;
  while (times.length < 5_000) {
    t += rng.exponential(lambda) * WEEK;
    if (!(t < end)) break;
    times.push(t);
    if (rng.chance(dropout)) {
      dropped = true;
      break;
    }
  }
  for (let k = 0; k < times.length; k++) times[k] = inBusinessHours(times[k]!, start, end);
  if (!isAscending(times)) times.sort((a, b) => a - b); // only an instant kept at the window's edge can be out of order
  return { lambda, dropout, nu, times, ...(dropped ? { droppedOutAt: times[times.length - 1]! } : {}) };
}

/** Everything one person's activity adds to the data set. */
export interface PersonActivity {
  readonly transactions: Transaction[];
  readonly interactions: Interaction[];
  readonly consents: Consent[];
  readonly contactPreferences: ContactPreference[];
  readonly accounts: Account[];
}

/** What the activity step needs besides the person. */
export interface ActivityContext {
  readonly rng: Rng;
  readonly process: PurchaseProcess;
  readonly catalogue: CatalogueModel;
  readonly currency: string;
  /** 10 to the power of the currency's minor-unit exponent. */
  readonly minorPerMajor: number;
  readonly start: number;
  readonly end: number;
  /** Campaigns (id and send time in ms), shared by everybody. */
  readonly campaigns: readonly { readonly id: string; readonly at: number }[];
  /** Key of the id permutation (derived from the seed). */
  readonly idKey: number;
}

function addItem(chosen: number[], item: number): void {
  if (item >= 0 && !chosen.includes(item)) chosen.push(item);
}

/** Chooses the items of one purchase from the person's tastes; `consumables` holds what they may buy again. */
function chooseItems(ctx: ActivityContext, p: PersonDraft, consumables: number[]): number[] {
  const { rng, catalogue } = ctx;
  const chosen: number[] = [];
  if (consumables.length > 0 && rng.chance(0.3)) addItem(chosen, rng.pick(consumables));
  const lines = 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.2) ? 1 : 0);
  for (let k = 0; k < lines; k++) {
    const u = rng.next();
    const cluster = u < 0.6 ? p.taste[0] : u < 0.85 ? p.taste[1] : -1;
    const sampler = cluster >= 0 ? catalogue.clusterSampler[cluster] : undefined;
    addItem(chosen, sampler ? catalogue.clusterItems[cluster]![sampler.sample(rng)]! : catalogue.popular.sample(rng));
  }
  const complement = catalogue.complementOf[chosen[0]!]!;
  if (complement >= 0 && rng.chance(0.35)) addItem(chosen, complement);
  for (const i of chosen) if (catalogue.items[i]!.consumable && !consumables.includes(i)) consumables.push(i);
  return chosen;
}

/** Splits `amount` over the items in proportion to their list prices (quantity 1 each). */
function linesFor(ctx: ActivityContext, items: readonly number[], amount: number): LineItem[] {
  const { catalogue } = ctx;
  const count = amount < items.length ? 1 : items.length;
  let weight = 0;
  for (let k = 0; k < count; k++) weight += catalogue.items[items[k]!]!.priceMinor;
  let left = amount;
  const lines: LineItem[] = [];
  for (let k = 0; k < count; k++) {
    const item = catalogue.items[items[k]!]!;
    const price = k === count - 1 ? left : Math.floor((amount * item.priceMinor) / weight);
    left -= price;
    lines.push({
      sku: item.sku,
      quantity: 1,
      unitPriceMinor: price,
      unitCostMinor: Math.round((price * item.costMinor) / item.priceMinor),
      category: item.category,
    });
  }
  return lines;
}

/** Where a purchase can be booked: a record, its channel, the card account paid with, a weight. */
interface Booking {
  readonly record: GeneratedRecord;
  readonly channel: Channel;
  readonly accountId: string | undefined;
  readonly weight: number;
}

/** Which of the person's records a purchase may be booked on, and through which channel. */
function bookingRecords(records: readonly GeneratedRecord[]): Booking[] {
  const out: Booking[] = [];
  for (const r of records) {
    if (r.system === "web") out.push({ record: r, channel: "web", accountId: undefined, weight: 0.5 });
    else if (r.system === "pos") out.push({ record: r, channel: "store", accountId: undefined, weight: 0.4 });
    else if (r.system === "card") out.push({ record: r, channel: "store", accountId: r.record.accountIds[0], weight: 0.35 });
    else if (r.system === "b2b") out.push({ record: r, channel: "field-sales", accountId: undefined, weight: 0.3 });
  }
  return out;
}

/**
 * Picks where a purchase at `time` is booked, by weight, among the records that exist by then
 * (a purchase is never booked on a record or card opened later); if none exists yet, the
 * earliest-created one.
 */
function pickBooking(rng: Rng, options: readonly Booking[], time: number): Booking {
  let total = 0;
  for (const o of options) if (o.record.createdAt <= time) total += o.weight;
  if (total === 0) return options.reduce((a, b) => (b.record.createdAt < a.record.createdAt ? b : a));
  let u = rng.next() * total;
  for (const o of options) {
    if (o.record.createdAt > time) continue;
    u -= o.weight;
    if (u < 0) return o;
  }
  return options.find((o) => o.record.createdAt <= time)!;
}

/** The record a contact at `time` is logged on: the first of `systems` that exists by then, else the earliest record. */
function recordAt(records: readonly GeneratedRecord[], time: number, systems: readonly SystemName[]): GeneratedRecord {
  for (const s of systems) {
    const found = records.find((r) => r.system === s && r.createdAt <= time);
    if (found) return found;
  }
  return records.reduce((a, b) => (b.createdAt < a.createdAt ? b : a));
}

const SERVICE_SYSTEMS: readonly SystemName[] = ["callcentre", "b2b", "web", "pos", "card"];

/** The id of a person's `ordinal`-th account (0 store card, 1 premium card, 2 joint card). */
export function accountId(idKey: number, personIndex: number, ordinal: number): string {
  return `ACC-${String(permute30(idKey ^ 0xacc, personIndex * 4 + ordinal)).padStart(10, "0")}`;
}

/** Opens the store-card accounts of a person's card record. */
export function openAccounts(ctx: ActivityContext, personIndex: number, records: readonly GeneratedRecord[], life: Lifecycle): Account[] {
  const { rng } = ctx;
  const accounts: Account[] = [];
  for (const r of records) {
    if (r.system !== "card") continue;
    const n = rng.chance(0.3) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const id = accountId(ctx.idKey, personIndex, k);
      const closed = life.droppedOutAt !== undefined && ctx.end - life.droppedOutAt > 365 * DAY && rng.chance(0.5);
      accounts.push({
        id,
        productType: k === 0 ? "store-card" : "premium-card",
        owners: [{ partyId: r.truth.sourceId, partyKind: "source-record", role: "primary" }],
        openedAt: new Date(r.createdAt),
        closedAt: closed ? new Date(life.droppedOutAt! + 180 * DAY) : undefined,
        status: closed ? "closed" : "active",
        currency: ctx.currency,
        sourceSystem: "card",
        attributes: NO_ATTRIBUTES,
      });
      (r.record.accountIds as string[]).push(id);
    }
  }
  return accounts;
}

/** The id prefix of a person's events (`T0000042-`, `I0000042-`). */
const eventPrefix = (letter: string, p: PersonDraft): string => `${letter}${String(p.index + 1).padStart(7, "0")}-`;

/** Builds a transaction with every key present, in one order (fast objects for every consumer). */
function transaction(
  id: string,
  customerId: string,
  accountId: string | undefined,
  timestamp: Date,
  amountMinor: number,
  currency: string,
  costMinor: number | undefined,
  kind: Transaction["kind"],
  channel: Channel | undefined,
  location: string | undefined,
  lines: LineItem[],
): Transaction {
  return { id, customerId, accountId, timestamp, amountMinor, currency, costMinor, kind, channel, location, lines, attributes: NO_ATTRIBUTES };
}

/** Writes a person's purchases, returns and card fees. */
export function writeTransactions(ctx: ActivityContext, p: PersonDraft, records: readonly GeneratedRecord[], accounts: readonly Account[], life: Lifecycle): Transaction[] {
  const { rng, process, currency } = ctx;
  const out: Transaction[] = [];
  const options = bookingRecords(records);
  const consumables: number[] = [];
  const prefix = eventPrefix("T", p);
  const store = `Store ${p.place.city}`;
  let n = 0;
  for (const time of life.times) {
    const booking = pickBooking(rng, options, time);
    const channel: Channel = booking.record.system === "card" && rng.chance(0.4) ? "web" : booking.channel;
    const amount = Math.max(1, Math.round(rng.gamma(process.spendShape, life.nu) * ctx.minorPerMajor));
    const lines = linesFor(ctx, chooseItems(ctx, p, consumables), amount);
    const timestamp = new Date(time);
    let cost = 0;
    for (const l of lines) cost += l.unitCostMinor ?? 0;
    const customerId = booking.record.truth.sourceId;
    const location = channel === "store" ? store : undefined;
    out.push(transaction(prefix + ++n, customerId, booking.accountId, timestamp, amount, currency, cost, "purchase", channel, location, lines));
    if (rng.chance(process.returnRate)) {
      const returnedAt = timestamp.getTime() + (2 + rng.int(28)) * DAY;
      const line = rng.pick(lines);
      if (returnedAt < ctx.end) {
        out.push(transaction(prefix + ++n, customerId, booking.accountId, new Date(returnedAt), line.unitPriceMinor, currency, line.unitCostMinor ?? 0, "return", channel, location, [line]));
      }
    }
  }
  for (const account of accounts) {
    if (account.productType !== "premium-card") continue;
    const holder = account.owners[0]!.partyId;
    const stop = Math.min(ctx.end, account.closedAt?.getTime() ?? ctx.end);
    // The annual fee falls due on each calendar anniversary of the opening.
    const opened = new UtcDate(account.openedAt.getTime());
    for (let year = 1, due = addYears(opened, 1); due.getTime() < stop; due = addYears(opened, ++year)) {
      out.push(transaction(prefix + ++n, holder, account.id, plainDate(due), 29 * ctx.minorPerMajor, currency, undefined, "fee", undefined, undefined, []));
    }
  }
  return out;
}

const COMPLAINT_TOPICS = ["late delivery", "item arrived damaged", "wrong item sent", "billing error", "rude staff", "refund not received", "card declined", "website checkout failed"];
const OUTCOMES = ["resolved", "resolved", "resolved", "escalated", "unresolved", "compensated"];
const COMPLAINT_CHANNELS: readonly Channel[] = ["call-centre", "email", "store"];

/** Builds an interaction with every key present, in one order. */
function interaction(
  id: string,
  customerId: string,
  timestamp: Date,
  channel: Channel,
  direction: Interaction["direction"],
  type: InteractionType,
  outcome: string | undefined,
  campaignId: string | undefined,
  costMinor: number | undefined,
  currency: string | undefined,
  context: string | undefined,
  durationSeconds: number | undefined,
): Interaction {
  return { id, customerId, timestamp, channel, direction, type, outcome, campaignId, costMinor, currency, context, durationSeconds, attributes: NO_ATTRIBUTES };
}


/** Writes a person's service calls, complaints, store visits, campaign events, consents and preferences. */
export function writeInteractions(ctx: ActivityContext, p: PersonDraft, records: readonly GeneratedRecord[], life: Lifecycle): Pick<PersonActivity, "interactions" | "consents" | "contactPreferences"> {
  const { rng, currency, minorPerMajor } = ctx;
  const interactions: Interaction[] = [];
  const consents: Consent[] = [];
  const contactPreferences: ContactPreference[] = [];
  const first = life.times[0]!;
  const activeEnd = Math.min(ctx.end, (life.droppedOutAt ?? ctx.end) + 180 * DAY);
  const span = Math.max(0, activeEnd - first);
  const prefix = eventPrefix("I", p);
  let n = 0;
  const when = (): number => inBusinessHours(first + rng.next() * span, ctx.start, ctx.end);

  for (let k = rng.poisson(0.4); k > 0; k--) {
    const at = when();
    const cost = Math.round((3 + rng.next() * 6) * minorPerMajor);
    const who = recordAt(records, at, SERVICE_SYSTEMS).truth.sourceId;
    interactions.push(interaction(prefix + ++n, who, new Date(at), "call-centre", "inbound", "service-call", rng.pick(OUTCOMES), undefined, cost, currency, undefined, 60 + rng.int(900)));
  }
  const complaints = rng.poisson(rng.chance(0.08) ? 2.5 : 0.15);
  for (let k = 0; k < complaints; k++) {
    const at = when();
    const channel: Channel = rng.pick(COMPLAINT_CHANNELS);
    const cost = Math.round((12 + rng.next() * 28) * minorPerMajor);
    const who = recordAt(records, at, SERVICE_SYSTEMS).truth.sourceId;
    interactions.push(interaction(prefix + ++n, who, new Date(at), channel, "inbound", "complaint", rng.pick(OUTCOMES), undefined, cost, currency, rng.pick(COMPLAINT_TOPICS), undefined));
  }
  if (records.some((r) => r.system === "pos")) {
    const store = `Store ${p.place.city}`;
    for (let k = rng.poisson(1.2); k > 0; k--) {
      const at = when();
      const who = recordAt(records, at, ["pos"]).truth.sourceId;
      interactions.push(interaction(prefix + ++n, who, new Date(at), "store", "inbound", "visit", undefined, undefined, undefined, undefined, store, undefined));
    }
  }

  const web = records.find((r) => r.system === "web");
  if (web) {
    const granted = rng.chance(0.65);
    const captured = new Date(web.createdAt);
    consents.push({ customerId: web.truth.sourceId, channel: "email", purpose: "marketing", status: granted ? "granted" : "denied", capturedAt: captured, source: "webshop-signup", validFrom: captured, validTo: undefined });
    let withdrawnAt = Infinity;
    if (granted && rng.chance(0.06)) {
      withdrawnAt = web.createdAt + rng.next() * (ctx.end - web.createdAt);
      consents.push({ customerId: web.truth.sourceId, channel: "email", purpose: "marketing", status: "withdrawn", capturedAt: new Date(withdrawnAt), source: "unsubscribe-link", validFrom: new Date(withdrawnAt), validTo: undefined });
    }
    if (granted) {
      const who = web.truth.sourceId;
      const emailCost = Math.round(0.05 * minorPerMajor);
      for (const campaign of ctx.campaigns) {
        const sent = campaign.at;
        if (sent < web.createdAt || sent >= withdrawnAt || sent >= activeEnd || !rng.chance(0.2)) continue;
        const at = sent + 7 * 3_600_000 + rng.int(7_200_000);
        if (at >= ctx.end) continue;
        const id = campaign.id;
        interactions.push(interaction(prefix + ++n, who, new Date(at), "email", "outbound", "campaign-sent", undefined, id, emailCost, currency, undefined, undefined));
        const opened = at + (1 + rng.int(72)) * 3_600_000;
        if (!rng.chance(0.3) || opened >= ctx.end) continue;
        interactions.push(interaction(prefix + ++n, who, new Date(opened), "email", "inbound", "campaign-opened", undefined, id, undefined, undefined, undefined, undefined));
        const clicked = opened + rng.int(24) * 3_600_000;
        if (!rng.chance(0.3) || clicked >= ctx.end) continue;
        interactions.push(interaction(prefix + ++n, who, new Date(clicked), "web", "inbound", "campaign-clicked", undefined, id, undefined, undefined, undefined, undefined));
        const responded = clicked + rng.int(48) * 3_600_000;
        if (rng.chance(0.25) && responded < ctx.end) {
          interactions.push(interaction(prefix + ++n, who, new Date(responded), "web", "inbound", "campaign-responded", "converted", id, undefined, undefined, undefined, undefined));
        }
      }
    }
  }
  for (const r of records) {
    if (r.system === "pos" && r.record.phones.length > 0) {
      consents.push({ customerId: r.truth.sourceId, channel: "sms", purpose: "marketing", status: rng.chance(0.3) ? "granted" : "denied", capturedAt: new Date(r.createdAt), source: "store-signup", validFrom: new Date(r.createdAt), validTo: undefined });
    } else if (r.system === "card") {
      consents.push({ customerId: r.truth.sourceId, channel: "mail", purpose: "marketing", status: rng.chance(0.4) ? "granted" : "denied", capturedAt: new Date(r.createdAt), source: "card-application", validFrom: new Date(r.createdAt), validTo: undefined });
      consents.push({ customerId: r.truth.sourceId, channel: "email", purpose: "profiling", status: rng.chance(0.5) ? "granted" : "denied", capturedAt: new Date(r.createdAt), source: "card-application", validFrom: new Date(r.createdAt), validTo: plainDate(addYears(new UtcDate(r.createdAt), 3)) });
    }
  }
  if (rng.chance(0.3)) {
    const holder = web ?? records[0]!;
    const channels = rng.shuffle(["email", "sms", "phone", "mail"] as Channel[]);
    contactPreferences.push({
      customerId: holder.truth.sourceId,
      preferredChannels: channels.slice(0, 1 + rng.int(2)),
      blockedChannels: rng.chance(0.3) ? [channels[3]!] : [],
      maxContacts: rng.chance(0.5) ? [{ count: 1 + rng.int(3), per: "week" }] : rng.chance(0.6) ? [{ count: 2 + rng.int(7), per: "month" }] : [],
      ...(rng.chance(0.6) ? { quietHours: { start: "21:00", end: "08:00", timeZone: TIME_ZONES[p.country] } } : {}),
      language: p.country === "DE" ? "de-DE" : p.country === "US" ? "en-US" : p.chinese ? (p.name.writesTraditional ? "zh-Hant" : "zh-Hans") : "en-GB",
    });
  }
  return { interactions, consents, contactPreferences };
}
