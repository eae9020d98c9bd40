import { assignAbcTiers, type AbcOptions, type AbcTier, type ValuedCustomer } from "./abc.js";
import { costsInCurrency, type ContactRollup } from "./interactions.js";
import type { ProductLines } from "./product-lines.js";
import type { CustomerValue } from "./rollup.js";
import { checkCount } from "./peers.js";
import { checkDate, MS_PER_DAY } from "./time.js";

/**
 * Options of {@link findGoldenCustomers}.
 *
 * @example
 * ```ts
 * const options: GoldenCustomerOptions = { asOf, activeWithinDays: 90, measure: "margin", costToServe: contacts, currency: "EUR" };
 * ```
 */
export interface GoldenCustomerOptions {
  /** The instant activity is measured to. Required. */
  readonly asOf: Date;
  /** A golden customer bought within this many days of `asOf` (default 180). */
  readonly activeWithinDays?: number;
  /** The value ranked by: `"net"` (default) or `"margin"` (customers with unknown margin are left out). */
  readonly measure?: "net" | "margin";
  /** Costs to serve (the result of {@link rollupInteractions}), subtracted before the contribution test (default none). */
  readonly costToServe?: ContactRollup;
  /** The currency of the values, required with a `costToServe` that has a currency, to check they match. */
  readonly currency?: string;
  /** ABC cut-offs (default those of {@link assignAbcTiers}). */
  readonly tiers?: AbcOptions;
}

/**
 * A golden customer.
 *
 * @example
 * ```ts
 * const g: GoldenCustomer = findGoldenCustomers(values, { asOf })[0]!;
 * ```
 */
export interface GoldenCustomer {
  /** The customer key. */
  readonly key: string;
  /** The value ranked by. */
  readonly value: number;
  /** Rank by value (1 = most valuable). */
  readonly rank: number;
  /** Value − cost to serve. */
  readonly contribution: number;
  /** Last purchase. */
  readonly lastPurchaseAt: Date;
}

function measured(customers: readonly CustomerValue[], measure: "net" | "margin"): ValuedCustomer[] {
  if (measure !== "net" && measure !== "margin") throw new RangeError(`options.measure must be "net" or "margin" (got ${JSON.stringify(measure)})`);
  const out: ValuedCustomer[] = [];
  for (const c of customers) {
    const value = measure === "net" ? c.netMinor : c.marginMinor;
    if (value !== null) out.push({ key: c.key, value });
  }
  return out;
}

/**
 * "Who are our golden customers?" — the A-tier customers (by net value or margin) who are still
 * active (a purchase within `activeWithinDays` of `asOf`) and whose value stays positive after
 * the cost to serve them.
 *
 * @param customers - Rolled-up values (from {@link rollupValue}).
 * @param options - See {@link GoldenCustomerOptions}; `asOf` is required.
 * @returns The golden customers, most valuable first.
 * @throws RangeError when an option is invalid, or the costs to serve are in another currency than the values.
 * @example
 * ```ts
 * const golden = findGoldenCustomers(rollup.customers, { asOf, costToServe: contacts, currency: rollup.currency ?? undefined });
 * ```
 */
export function findGoldenCustomers(customers: readonly CustomerValue[], options: GoldenCustomerOptions): GoldenCustomer[] {
  const asOf = checkDate(options?.asOf, "asOf");
  const days = options.activeWithinDays ?? 180;
  if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`activeWithinDays must be a finite number ≥ 0 (got ${days})`);
  const costs = costsInCurrency(options.costToServe, options.currency, "options.costToServe");
  const byKey = new Map(customers.map((c) => [c.key, c]));
  const tiers = assignAbcTiers(measured(customers, options.measure ?? "net"), options.tiers);
  const out: GoldenCustomer[] = [];
  for (const t of tiers.customers) {
    if (t.tier !== "A") continue;
    const last = byKey.get(t.key)?.lastPurchaseAt;
    if (last === null || last === undefined || asOf - last.getTime() > days * MS_PER_DAY) continue;
    const contribution = t.value - (costs.get(t.key) ?? 0);
    if (contribution > 0) out.push({ key: t.key, value: t.value, rank: t.rank, contribution, lastPurchaseAt: last });
  }
  return out;
}

/**
 * A customer who causes cost.
 *
 * @example
 * ```ts
 * const c: CostlyCustomer = findCostlyCustomers(values, contacts)[0]!;
 * ```
 */
export interface CostlyCustomer {
  /** The customer key. */
  readonly key: string;
  /** Cost to serve (contacts). */
  readonly costToServeMinor: number;
  /** Money given back in returns. */
  readonly returnsMinor: number;
  /** Number of returns. */
  readonly returns: number;
  /** Complaints. */
  readonly complaints: number;
  /** Service calls. */
  readonly serviceCalls: number;
  /** Net value (0 when the customer bought nothing in the window). */
  readonly netMinor: number;
  /** Net value − cost to serve. */
  readonly contributionMinor: number;
  /** Whether the contribution is below zero. */
  readonly belowZero: boolean;
}

/**
 * Options of {@link findCostlyCustomers}.
 *
 * @example
 * ```ts
 * const options: CostlyCustomerOptions = { minCostMinor: 1_000, currency: "EUR" };
 * ```
 */
export interface CostlyCustomerOptions {
  /** Only customers whose cost to serve is above this (minor units; default 0). */
  readonly minCostMinor?: number;
  /** The currency of the values, required when the contacts' costs have a currency, to check they match. */
  readonly currency?: string;
}

/**
 * "Which customers cause cost?" — every customer with a cost to serve above `minCostMinor`
 * (default 0), with their returns, complaints and service calls, and whether they cost more than
 * they bring. Sorted by cost to serve, highest first (ties by key).
 *
 * @param customers - Rolled-up values of the window.
 * @param contacts - Interactions rolled up over the same window (the result of {@link rollupInteractions}).
 * @param options - See {@link CostlyCustomerOptions}.
 * @returns The costly customers, costliest first.
 * @throws RangeError when `minCostMinor` is not a finite number, or the costs are in another currency than the values.
 * @example
 * ```ts
 * const costly = findCostlyCustomers(rollup.customers, contacts, { currency: "EUR" }).filter((c) => c.belowZero);
 * ```
 */
export function findCostlyCustomers(customers: readonly CustomerValue[], contacts: ContactRollup, options: CostlyCustomerOptions = {}): CostlyCustomer[] {
  const min = options.minCostMinor ?? 0;
  if (!Number.isFinite(min)) throw new RangeError(`options.minCostMinor must be a finite number (got ${String(min)})`);
  costsInCurrency(contacts, options.currency, "contacts");
  const byKey = new Map(customers.map((c) => [c.key, c]));
  return contacts.customers
    .filter((c) => c.costMinor > min)
    .map((c) => {
      const value = byKey.get(c.key);
      const net = value?.netMinor ?? 0;
      return {
        key: c.key,
        costToServeMinor: c.costMinor,
        returnsMinor: value?.returnsMinor ?? 0,
        returns: value?.returns ?? 0,
        complaints: c.complaints,
        serviceCalls: c.serviceCalls,
        netMinor: net,
        contributionMinor: net - c.costMinor,
        belowZero: net - c.costMinor < 0,
      };
    })
    .sort((a, b) => b.costToServeMinor - a.costToServeMinor || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A large customer who complained repeatedly.
 *
 * @example
 * ```ts
 * const c: ComplainingCustomer = findComplainingLargeCustomers(lastYear, contacts)[0]!;
 * ```
 */
export interface ComplainingCustomer {
  /** The customer key. */
  readonly key: string;
  /** Value in the window. */
  readonly value: number;
  /** Rank by value. */
  readonly rank: number;
  /** ABC tier. */
  readonly tier: AbcTier;
  /** Complaints in the window. */
  readonly complaints: number;
}

/**
 * Options of {@link findComplainingLargeCustomers}.
 *
 * @example
 * ```ts
 * const options: ComplainingCustomerOptions = { minComplaints: 3, largeTiers: ["A", "B"] };
 * ```
 */
export interface ComplainingCustomerOptions {
  /** Fewest complaints that count as "repeatedly" (default 2). */
  readonly minComplaints?: number;
  /** The tiers that count as large (default `["A"]`). */
  readonly largeTiers?: readonly AbcTier[];
  /** ABC cut-offs (default those of {@link assignAbcTiers}). */
  readonly tiers?: AbcOptions;
}

/**
 * "Which of last year's large customers complained repeatedly?" — the customers of the given
 * tiers (default A) by value in a window who made at least `minComplaints` (default 2) complaints
 * in the same window. Pass values and contacts rolled up over last year.
 *
 * @param customers - Values of the window (e.g. last year).
 * @param contacts - Interactions rolled up over the same window (the result of {@link rollupInteractions}).
 * @param options - See {@link ComplainingCustomerOptions}.
 * @returns Those customers, most valuable first.
 * @throws RangeError when `minComplaints` is not a positive integer.
 * @example
 * ```ts
 * const unhappy = findComplainingLargeCustomers(lastYearValues, lastYearContacts);
 * ```
 */
export function findComplainingLargeCustomers(
  customers: readonly ValuedCustomer[],
  contacts: ContactRollup,
  options: ComplainingCustomerOptions = {},
): ComplainingCustomer[] {
  const min = checkCount(options.minComplaints ?? 2, "minComplaints");
  const large = new Set(options.largeTiers ?? ["A"]);
  const complaints = new Map(contacts.customers.map((c) => [c.key, c.complaints]));
  return assignAbcTiers(customers, options.tiers)
    .customers.filter((t) => large.has(t.tier) && (complaints.get(t.key) ?? 0) >= min)
    .map((t) => ({ key: t.key, value: t.value, rank: t.rank, tier: t.tier, complaints: complaints.get(t.key) ?? 0 }));
}

/**
 * The answer to "is last year's largest customer still buying?".
 *
 * @example
 * ```ts
 * const answer: LargestCustomerCheck | null = checkLargestCustomer(lastYear, thisYear);
 * ```
 */
export interface LargestCustomerCheck {
  /** Last year's largest customer (highest value; ties by key). */
  readonly key: string;
  /** Their value last year. */
  readonly lastYearValue: number;
  /** Their value this year (0 when absent). */
  readonly thisYearValue: number;
  /** Purchases this year. */
  readonly purchasesThisYear: number;
  /** Whether they bought anything this year. */
  readonly stillBuying: boolean;
  /** This year's value / last year's value. */
  readonly ratio: number;
  /** Their last purchase this year, or `null`. */
  readonly lastPurchaseAt: Date | null;
}

/**
 * "Is last year's largest customer still buying this year?"
 *
 * @param lastYear - Values of last year's window.
 * @param thisYear - Rolled-up values of this year's window.
 * @returns The check, or `null` when nobody had a positive value last year.
 * @example
 * ```ts
 * const check = checkLargestCustomer(lastYear.map((c) => ({ key: c.key, value: c.netMinor })), thisYear);
 * if (check && !check.stillBuying) console.warn(`${check.key} has not bought this year`);
 * ```
 */
export function checkLargestCustomer(lastYear: readonly ValuedCustomer[], thisYear: readonly CustomerValue[]): LargestCustomerCheck | null {
  const top = assignAbcTiers(lastYear).customers[0];
  if (top === undefined || !(top.value > 0)) return null;
  const now = thisYear.find((c) => c.key === top.key);
  return {
    key: top.key,
    lastYearValue: top.value,
    thisYearValue: now?.netMinor ?? 0,
    purchasesThisYear: now?.purchases ?? 0,
    stillBuying: (now?.purchases ?? 0) > 0,
    ratio: (now?.netMinor ?? 0) / top.value,
    lastPurchaseAt: now?.lastPurchaseAt ?? null,
  };
}

/**
 * A customer who buys few of our product lines.
 *
 * @example
 * ```ts
 * const n: NarrowBuyer = findNarrowBuyers(lines, values)[0]!;
 * ```
 */
export interface NarrowBuyer {
  /** The customer key. */
  readonly key: string;
  /** The lines they buy. */
  readonly lines: string[];
  /** Share of the offered lines they buy. */
  readonly lineShare: number;
  /** Their value (0 when not given). */
  readonly value: number;
}

/**
 * Options of {@link findNarrowBuyers}.
 *
 * @example
 * ```ts
 * const options: NarrowBuyerOptions = { maxLines: 1 };
 * ```
 */
export interface NarrowBuyerOptions {
  /** Buying at most this many lines makes a narrow buyer (default 2). */
  readonly maxLines?: number;
}

/**
 * "Which customers buy only a few of our product lines?" — customers buying at most `maxLines`
 * (default 2) of the lines on offer, most valuable first: the cross-selling candidates.
 *
 * @param lines - From {@link collectProductLines}.
 * @param customers - Values to rank by (customers without a value count 0).
 * @param options - See {@link NarrowBuyerOptions}.
 * @returns The narrow buyers, most valuable first (ties by key).
 * @throws RangeError when `maxLines` is not a positive integer.
 * @example
 * ```ts
 * const narrow = findNarrowBuyers(collectProductLines(transactions, { asOf }), values);
 * ```
 */
export function findNarrowBuyers(lines: ProductLines, customers: readonly ValuedCustomer[] = [], options: NarrowBuyerOptions = {}): NarrowBuyer[] {
  const max = checkCount(options.maxLines ?? 2, "maxLines");
  const value = new Map(customers.map((c) => [c.key, c.value]));
  const offered = lines.offered.length;
  const out: NarrowBuyer[] = [];
  for (const [key, bought] of lines.byCustomer) {
    if (bought.length > max) continue;
    out.push({ key, lines: bought, lineShare: offered > 0 ? bought.length / offered : 0, value: value.get(key) ?? 0 });
  }
  return out.sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
