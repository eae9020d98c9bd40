import type { Interaction, InteractionType } from "../customer/index.js";
import { attribute, checkAttribution, type AttributionOptions } from "./attribution.js";
import type { CurrencyConverter, UnattributedRow } from "./columns.js";
import type { CurrencyMismatchError } from "./errors.js";
import { checkDate } from "./time.js";

/**
 * One customer's contacts over a window: how many, of which kinds, and what they cost to serve.
 *
 * @example
 * ```ts
 * const c: CustomerInteractions = result.customers[0]!;
 * console.log(c.key, c.complaints, c.costMinor);
 * ```
 */
export interface CustomerInteractions {
  /** The customer key. */
  readonly key: string;
  /** All contacts. */
  readonly contacts: number;
  /** Contacts the customer started. */
  readonly inbound: number;
  /** Complaints. */
  readonly complaints: number;
  /** Service calls. */
  readonly serviceCalls: number;
  /** Contacts per type. */
  readonly byType: Partial<Record<InteractionType, number>>;
  /** Total cost to serve (minor units of the result's currency; 0 when no cost was recorded). */
  readonly costMinor: number;
}

/**
 * Contacts rolled up over a window with the currency of their costs — the successful result of
 * {@link rollupInteractions} fits as it is. The value categories and the method's questions take
 * costs to serve in this form, so that they can check the costs are in the currency of the values.
 *
 * @example
 * ```ts
 * const result = rollupInteractions(interactions, { asOf, currency: "EUR" });
 * if (result.ok) { const contacts: ContactRollup = result; }
 * ```
 */
export interface ContactRollup {
  /** Currency of the costs (`null` when no cost was recorded). */
  readonly currency: string | null;
  /** One tally per customer; `costMinor` is the cost to serve. */
  readonly customers: readonly CustomerInteractions[];
}

/**
 * Customer key → cost to serve, after checking that the costs are in the currency of the values
 * they will be subtracted from; throws a RangeError naming both currencies otherwise.
 */
export function costsInCurrency(contacts: ContactRollup | undefined, currency: string | undefined, option: string): ReadonlyMap<string, number> {
  if (contacts === undefined) return new Map();
  if (contacts.currency !== null && contacts.currency !== currency) {
    throw new RangeError(
      currency === undefined
        ? `options.currency (the currency of the values) is required with ${option}, whose costs are in ${contacts.currency}`
        : `${option} is in ${contacts.currency} but the values are in ${currency}: roll the interactions up with { currency: "${currency}", convert }`,
    );
  }
  return new Map(contacts.customers.map((c) => [c.key, c.costMinor]));
}

/**
 * Options of {@link rollupInteractions}.
 *
 * @example
 * ```ts
 * const options: InteractionRollupOptions = { asOf, from: new Date("2024-01-01"), attribution: { level: "person", personOf } };
 * ```
 */
export interface InteractionRollupOptions {
  /** End of the window, an instant (inclusive). Required. */
  readonly asOf: Date;
  /** Start of the window, an instant (inclusive; default: no start). */
  readonly from?: Date;
  /** How contacts are attributed to customers (level `"account"` is not available: contacts have no account). */
  readonly attribution?: AttributionOptions;
  /** Currency of the costs (default: the first cost's currency). */
  readonly currency?: string;
  /** Converts costs in other currencies; without it a second currency is a `CURRENCY_MISMATCH` error. */
  readonly convert?: CurrencyConverter;
}

/**
 * The outcome of {@link rollupInteractions}.
 *
 * @example
 * ```ts
 * const result: InteractionRollup = rollupInteractions(interactions, { asOf });
 * ```
 */
export type InteractionRollup =
  | {
      /** Success. */
      readonly ok: true;
      /** Currency of the costs (`null` when no cost was recorded). */
      readonly currency: string | null;
      /** One row per customer with a contact in the window, sorted by key. */
      readonly customers: CustomerInteractions[];
      /** Contacts after `asOf`, excluded. */
      readonly afterAsOf: number;
      /** Contacts before `from`, excluded. */
      readonly beforeWindow: number;
      /** Contacts that could not be attributed (or converted), with reasons. */
      readonly unattributed: UnattributedRow[];
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: CurrencyMismatchError;
    };

interface Tally {
  contacts: number;
  inbound: number;
  complaints: number;
  serviceCalls: number;
  byType: Partial<Record<InteractionType, number>>;
  costMinor: number;
}

/**
 * Rolls contacts up per customer over the window `[from, asOf]`: counts per type, complaints,
 * service calls, and the cost to serve — what "which customers cause cost" and "which large
 * customers complained" need. Contacts are attributed like transactions (see
 * {@link AttributionOptions}).
 *
 * @param interactions - Typed interactions (see `parseInteractions` for untyped input).
 * @param options - See {@link InteractionRollupOptions}; `asOf` is required.
 * @returns Per-customer tallies with the accounting of every contact, or `CURRENCY_MISMATCH`.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const result = rollupInteractions(dataset.interactions, { asOf, attribution: { level: "person", personOf } });
 * if (result.ok) console.log(result.customers.filter((c) => c.complaints >= 2).length, "repeat complainers");
 * ```
 */
export function rollupInteractions(interactions: Iterable<Interaction>, options: InteractionRollupOptions): InteractionRollup {
  const asOf = checkDate(options?.asOf, "asOf");
  const from = options.from === undefined ? -Infinity : checkDate(options.from, "from");
  if (from > asOf) throw new RangeError("from must not be after asOf");
  const attribution = checkAttribution(options.attribution);
  if (attribution.level === "account") throw new RangeError('attribution.level "account" is not available for interactions (they carry no account)');
  const tallies = new Map<string, Tally>();
  const unattributed: UnattributedRow[] = [];
  let currency: string | null = options.currency ?? null;
  let afterAsOf = 0;
  let beforeWindow = 0;
  let index = -1;
  for (const interaction of interactions) {
    index++;
    const time = interaction.timestamp.getTime();
    if (time > asOf) {
      afterAsOf++;
      continue;
    }
    if (time < from) {
      beforeWindow++;
      continue;
    }
    let cost = interaction.costMinor ?? 0;
    if (interaction.costMinor !== undefined && interaction.currency !== undefined) {
      if (currency === null) currency = interaction.currency;
      if (interaction.currency !== currency) {
        if (options.convert === undefined) {
          return {
            ok: false,
            error: {
              code: "CURRENCY_MISMATCH",
              message: `interaction ${index} ("${interaction.id.slice(0, 80)}") costs ${interaction.currency}, the others ${currency}; pass a converter (options.convert)`,
              currencies: [currency, interaction.currency],
              index,
            },
          };
        }
        const converted = options.convert(cost, interaction.currency, interaction.timestamp);
        if (converted === undefined || !Number.isFinite(converted)) {
          unattributed.push({ index, id: interaction.id, reason: `no conversion from ${interaction.currency} to ${currency}` });
          continue;
        }
        cost = Math.round(converted);
      }
    }
    const target = attribute(attribution, interaction.customerId, undefined);
    if ("reason" in target) {
      unattributed.push({ index, id: interaction.id, reason: target.reason });
      continue;
    }
    const key = target.keys[0] as string;
    let tally = tallies.get(key);
    if (tally === undefined) {
      tally = { contacts: 0, inbound: 0, complaints: 0, serviceCalls: 0, byType: {}, costMinor: 0 };
      tallies.set(key, tally);
    }
    tally.contacts++;
    if (interaction.direction === "inbound") tally.inbound++;
    if (interaction.type === "complaint") tally.complaints++;
    if (interaction.type === "service-call") tally.serviceCalls++;
    tally.byType[interaction.type] = (tally.byType[interaction.type] ?? 0) + 1;
    tally.costMinor += cost;
  }
  const customers = [...tallies].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, t]) => ({ key, ...t }));
  return { ok: true, currency, customers, afterAsOf, beforeWindow, unattributed };
}
