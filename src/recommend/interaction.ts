import { z } from "zod";
import { DateSchema, IdSchema, parseRows } from "../customer/index.js";
import type { ParseResult, Transaction } from "../customer/index.js";

/** Largest accepted magnitude of a quantity. */
const MAX_QUANTITY = 1e9;
/** Largest accepted weight. */
const MAX_WEIGHT = 1e6;

/**
 * One thing a customer did with an item — usually a purchase — as the recommender reads it:
 * who, what, when, how many and how much it counts. A negative `quantity` is a return.
 *
 * Quantity and weight multiply into the interaction's value; the values of one customer and item
 * are summed, so a purchase of 3 followed by a return of 3 nets to 0, and an item whose net value
 * is ≤ 0 is treated as "returned": it never serves as evidence and is still excluded from that
 * customer's lists like a bought item.
 *
 * @example
 * ```ts
 * ItemInteractionSchema.parse({ customerId: "C-1", itemId: "CD-123", timestamp: "2024-03-05", quantity: 2 });
 * ```
 */
export const ItemInteractionSchema = z.object({
  /** The customer (a person, household or any id the caller recommends for). */
  customerId: IdSchema,
  /** The item (product code, SKU). */
  itemId: IdSchema,
  /** When it happened. */
  timestamp: DateSchema,
  /** Units bought; negative for a return; never 0 (default 1). */
  quantity: z
    .number()
    .finite()
    .min(-MAX_QUANTITY)
    .max(MAX_QUANTITY)
    .refine((n) => n !== 0, { message: "quantity must not be 0 (a return is a negative quantity)" })
    .optional(),
  /** How much one unit counts, > 0: 1 for a purchase, less for a view or a basket add (default 1). */
  weight: z.number().finite().positive().max(MAX_WEIGHT).optional(),
});

/**
 * One customer–item interaction; see {@link ItemInteractionSchema}.
 *
 * @example
 * ```ts
 * const bought: ItemInteraction = { customerId: "C-1", itemId: "CD-123", timestamp: new Date("2024-03-05") };
 * ```
 */
export interface ItemInteraction {
  /** The customer. */
  readonly customerId: string;
  /** The item. */
  readonly itemId: string;
  /** When it happened. */
  readonly timestamp: Date;
  /** Units; negative for a return (default 1). */
  readonly quantity?: number | undefined;
  /** Weight of one unit, > 0 (default 1). */
  readonly weight?: number | undefined;
}

/**
 * Parses untyped rows into {@link ItemInteraction}s, accounting for every row: a row with a
 * missing id, an unreadable date, a zero or non-finite quantity or a non-positive weight comes
 * back in `rejected` with its index and the field at fault.
 *
 * @param rows - Untyped rows (parsed JSON, CSV records).
 * @returns Accepted interactions and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok, rejected } = parseItemInteractions([
 *   { customerId: "C-1", itemId: "A", timestamp: "2024-01-02" },
 *   { customerId: "C-1", itemId: "B", timestamp: "yesterday" }, // rejected: timestamp
 * ]);
 * ```
 */
export function parseItemInteractions(rows: Iterable<unknown>): ParseResult<ItemInteraction> {
  return parseRows(ItemInteractionSchema, rows);
}

/**
 * Checks one typed interaction and returns its time (epoch ms) and value (quantity × weight)
 * (internal). Typed input that is not what its type says — a programmer error: unvalidated data
 * passed past the boundary — throws a TypeError naming the position and the field; the limits are
 * the schema's, so the value is always finite.
 */
export function checkInteraction(e: ItemInteraction, index: number): { time: number; value: number } {
  const at = `interactions[${index}]`;
  if (e === null || typeof e !== "object") throw new TypeError(`${at} must be an object; validate rows with parseItemInteractions`);
  if (typeof e.customerId !== "string" || e.customerId === "") throw new TypeError(`${at}.customerId must be a non-empty string`);
  if (typeof e.itemId !== "string" || e.itemId === "") throw new TypeError(`${at}.itemId must be a non-empty string`);
  const time = e.timestamp instanceof Date ? e.timestamp.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new TypeError(`${at}.timestamp must be a valid Date`);
  const quantity = e.quantity ?? 1;
  if (typeof quantity !== "number" || !(Math.abs(quantity) <= MAX_QUANTITY) || quantity === 0) {
    throw new TypeError(`${at}.quantity must be a non-zero number in [-${MAX_QUANTITY}, ${MAX_QUANTITY}] (negative for a return)`);
  }
  const weight = e.weight ?? 1;
  if (typeof weight !== "number" || !(weight > 0 && weight <= MAX_WEIGHT)) throw new TypeError(`${at}.weight must be a number in (0, ${MAX_WEIGHT}]`);
  return { time, value: quantity * weight };
}

/**
 * Options of {@link interactionsFromTransactions}.
 *
 * @example
 * ```ts
 * const options: InteractionsFromTransactionsOptions = { customerOf: new Map([["src-1", "P-1"]]) };
 * ```
 */
export interface InteractionsFromTransactionsOptions {
  /**
   * Maps a transaction's `customerId` (for example a source-record id) to the customer the
   * recommender should see (for example the resolved person). When given, transactions whose
   * customer is not in the map are skipped with reason `"unmapped-customer"` (default: the
   * transaction's `customerId` is used as it is).
   */
  readonly customerOf?: ReadonlyMap<string, string>;
}

/**
 * Why a transaction gave no interactions: it is a `"fee"` (no item), it has `"no-customer"`
 * (only an account id), its customer is not in `customerOf` (`"unmapped-customer"`), or it has
 * `"no-lines"`.
 *
 * @example
 * ```ts
 * const reason: SkipReason = "fee";
 * ```
 */
export type SkipReason = "fee" | "no-customer" | "unmapped-customer" | "no-lines";

/**
 * A transaction that gave no interactions, and why.
 *
 * @example
 * ```ts
 * const skipped: SkippedTransaction = { transactionId: "T-9", reason: "fee" };
 * ```
 */
export interface SkippedTransaction {
  /** The transaction's id. */
  readonly transactionId: string;
  /** Why it was skipped. */
  readonly reason: SkipReason;
}

/**
 * The outcome of {@link interactionsFromTransactions}: every transaction either produced
 * interactions (one per line) or is listed in `skipped` with the reason.
 *
 * @example
 * ```ts
 * const { interactions, skipped } = interactionsFromTransactions(dataset.transactions);
 * ```
 */
export interface InteractionsFromTransactions {
  /** One interaction per line of each purchase (positive quantity) or return (negative quantity). */
  readonly interactions: ItemInteraction[];
  /** The transactions that produced nothing, with the reason. */
  readonly skipped: SkippedTransaction[];
}

/**
 * Turns transactions of the customer model into item interactions: each line of a purchase
 * becomes an interaction with the line's quantity, each line of a return one with the negated
 * quantity; fees carry no items and are skipped.
 *
 * @param transactions - Parsed transactions (see `parseTransactions` in `idic/customer`).
 * @param options - See {@link InteractionsFromTransactionsOptions}.
 * @returns The interactions and the skipped transactions with reasons.
 * @example
 * ```ts
 * const personOf = new Map(dataset.truth.records.map((r) => [r.sourceId, r.personId]));
 * const { interactions } = interactionsFromTransactions(dataset.transactions, { customerOf: personOf });
 * ```
 */
export function interactionsFromTransactions(
  transactions: readonly Transaction[],
  options: InteractionsFromTransactionsOptions = {},
): InteractionsFromTransactions {
  const interactions: ItemInteraction[] = [];
  const skipped: SkippedTransaction[] = [];
  for (const t of transactions) {
    const reason = skipReason(t, options.customerOf);
    if (reason !== undefined) {
      skipped.push({ transactionId: t.id, reason });
      continue;
    }
    const customerId = options.customerOf?.get(t.customerId as string) ?? (t.customerId as string);
    const sign = t.kind === "return" ? -1 : 1;
    for (const line of t.lines) {
      interactions.push({ customerId, itemId: line.sku, timestamp: t.timestamp, quantity: sign * line.quantity });
    }
  }
  return { interactions, skipped };
}

/** Why a transaction yields no interaction, or `undefined` when it yields some. */
function skipReason(t: Transaction, customerOf: ReadonlyMap<string, string> | undefined): SkipReason | undefined {
  if (t.kind === "fee") return "fee";
  if (t.customerId === undefined) return "no-customer";
  if (customerOf !== undefined && !customerOf.has(t.customerId)) return "unmapped-customer";
  if (t.lines.length === 0) return "no-lines";
  return undefined;
}
