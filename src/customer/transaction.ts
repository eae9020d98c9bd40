import { z } from "zod";
import { CurrencySchema, MinorUnitsSchema, isCurrencyCode, toMinorUnits } from "./money.js";
import { AttributesSchema, ChannelSchema, DateSchema, IdSchema, OptionalTextSchema } from "./primitives.js";

/**
 * What a transaction does to the customer's balance with us: a `purchase` is money in for goods
 * or services, a `return` is money given back, a `fee` is a charge that is not a purchase (a
 * bank's account fee, a late fee). Amounts are magnitudes; the kind gives the direction.
 *
 * @example
 * ```ts
 * TransactionKindSchema.parse("return");
 * ```
 */
export const TransactionKindSchema = z.enum(["purchase", "return", "fee"]);
/** What a transaction does; see {@link TransactionKindSchema}. */
export type TransactionKind = z.infer<typeof TransactionKindSchema>;

const NonNegativeMinor = MinorUnitsSchema.refine((n) => n >= 0, {
  message: 'amounts are magnitudes and must be ≥ 0; record money going back to the customer as kind "return"',
});

/**
 * One line of a transaction: a product, how many, at what unit price.
 *
 * @example
 * ```ts
 * LineItemSchema.parse({ sku: "CD-123", quantity: 2, unitPriceMinor: 1299, category: "jazz" });
 * ```
 */
export const LineItemSchema = z.object({
  /** Product code. */
  sku: IdSchema,
  /** Units bought (or returned, for a return); may be fractional for goods sold by weight. */
  quantity: z.number().positive("quantity must be > 0").finite().max(1e9),
  /** Price of one unit in minor units of the transaction's currency. */
  unitPriceMinor: NonNegativeMinor,
  /** Cost of one unit to us, in minor units, when known (used for margin). */
  unitCostMinor: NonNegativeMinor.optional(),
  /** Product category, when the source records it on the line. */
  category: OptionalTextSchema,
});
/** One line of a transaction; see {@link LineItemSchema}. */
export type LineItem = z.infer<typeof LineItemSchema>;

/**
 * A transaction in canonical form: money as an integer of minor units plus an ISO 4217 currency.
 * It refers to a customer (a source record key or a resolved person/household/organization id),
 * to an account, or to both; at least one is required.
 *
 * Use {@link TransactionInputSchema} (or `parseTransactions`) at the boundary: it also accepts
 * decimal amounts in major units (`amount: "12.34"`) and converts them exactly.
 *
 * @example
 * ```ts
 * TransactionSchema.parse({
 *   id: "T-1",
 *   customerId: "P-1",
 *   timestamp: "2024-03-05T14:30:00Z",
 *   amountMinor: 2598,
 *   currency: "EUR",
 *   kind: "purchase",
 *   lines: [{ sku: "CD-123", quantity: 2, unitPriceMinor: 1299 }],
 * });
 * ```
 */
export const TransactionSchema = z
  .object({
    /** Transaction id, unique within its source. */
    id: IdSchema,
    /** The customer the transaction belongs to. */
    customerId: IdSchema.optional(),
    /** The account the transaction was booked on. */
    accountId: IdSchema.optional(),
    /** When it happened. */
    timestamp: DateSchema,
    /** Total amount (magnitude) in minor units: cents, pence, yen. */
    amountMinor: NonNegativeMinor,
    /** ISO 4217 currency of every amount in this transaction. */
    currency: CurrencySchema,
    /** Total cost to us in minor units, when known (used for margin). */
    costMinor: NonNegativeMinor.optional(),
    /** Purchase, return or fee (default `"purchase"`). */
    kind: TransactionKindSchema.default("purchase"),
    /** The channel it happened in. */
    channel: ChannelSchema.optional(),
    /** Where it happened: store, branch or site id. */
    location: OptionalTextSchema,
    /** Line items, when known. */
    lines: z.array(LineItemSchema).max(10_000).default([]),
    /** Free attributes. */
    attributes: AttributesSchema,
  })
  .refine((t) => t.customerId !== undefined || t.accountId !== undefined, {
    message: "a transaction needs a customerId or an accountId",
    path: ["customerId"],
  });
/** A transaction in canonical form; see {@link TransactionSchema}. */
export type Transaction = z.infer<typeof TransactionSchema>;

type Ctx = z.core.$RefinementCtx;

/** Replaces `decimalKey` (major units) by `minorKey` in `target`, reporting conversion errors. */
function convertAmount(
  target: Record<string, unknown>,
  decimalKey: string,
  minorKey: string,
  currency: string,
  path: (string | number)[],
  ctx: Ctx,
): void {
  const decimal = target[decimalKey];
  if (decimal === undefined || decimal === null || decimal === "") {
    delete target[decimalKey];
    return;
  }
  delete target[decimalKey];
  if (typeof decimal !== "number" && typeof decimal !== "string") {
    ctx.addIssue({ code: "custom", path: [...path, decimalKey], message: "expected a decimal number or string" });
    return;
  }
  try {
    const minor = toMinorUnits(decimal, currency);
    if (target[minorKey] !== undefined && target[minorKey] !== minor) {
      ctx.addIssue({ code: "custom", path: [...path, decimalKey], message: `${decimalKey} and ${minorKey} disagree` });
    }
    target[minorKey] = minor;
  } catch (error) {
    ctx.addIssue({ code: "custom", path: [...path, decimalKey], message: (error as Error).message });
  }
}

/**
 * The boundary form of a transaction: like {@link TransactionSchema}, but amounts may also be
 * given in major units as decimals — `amount`, `cost`, and per line `unitPrice`, `unitCost` — and
 * are converted with the currency's minor-unit exponent on the decimal digits, never with binary
 * floating point (`"19.99"` EUR → `1999`).
 *
 * @example
 * ```ts
 * TransactionInputSchema.parse({
 *   id: "T-2", customerId: "P-1", timestamp: "2024-03-05", amount: "19.99", currency: "EUR",
 * }).amountMinor; // 1999
 * ```
 */
export const TransactionInputSchema = z.preprocess((value, ctx) => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const raw = value as Record<string, unknown>;
  const currency = typeof raw["currency"] === "string" ? raw["currency"].trim().toUpperCase() : undefined;
  const hasDecimal =
    raw["amount"] !== undefined || raw["cost"] !== undefined || (Array.isArray(raw["lines"]) && raw["lines"].length > 0);
  if (!hasDecimal || currency === undefined || !isCurrencyCode(currency)) return value;
  const copy: Record<string, unknown> = { ...raw };
  convertAmount(copy, "amount", "amountMinor", currency, [], ctx);
  convertAmount(copy, "cost", "costMinor", currency, [], ctx);
  if (Array.isArray(raw["lines"])) {
    copy["lines"] = raw["lines"].map((line: unknown, i) => {
      if (line === null || typeof line !== "object") return line;
      const l: Record<string, unknown> = { ...(line as Record<string, unknown>) };
      convertAmount(l, "unitPrice", "unitPriceMinor", currency, ["lines", i], ctx);
      convertAmount(l, "unitCost", "unitCostMinor", currency, ["lines", i], ctx);
      return l;
    });
  }
  return copy;
}, TransactionSchema);
/** A transaction as accepted at the boundary; see {@link TransactionInputSchema}. */
export type TransactionInput = z.input<typeof TransactionInputSchema>;
