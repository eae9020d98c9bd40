import { z } from "zod";
import { CurrencySchema, MinorUnitsSchema, toMinorUnits } from "./money.js";
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

const transactionShape = {
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
};

const refersToSomebody = {
  check: (t: { customerId?: string | undefined; accountId?: string | undefined }): boolean => t.customerId !== undefined || t.accountId !== undefined,
  params: { message: "a transaction needs a customerId or an accountId", path: ["customerId"] },
};

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
export const TransactionSchema = z.object(transactionShape).refine(refersToSomebody.check, refersToSomebody.params);
/** A transaction in canonical form; see {@link TransactionSchema}. */
export type Transaction = z.infer<typeof TransactionSchema>;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** A decimal amount in major units: a finite number or a plain decimal string such as `"12.34"`. */
const DecimalSchema = z.union([
  z.number().finite(),
  z.string().trim().max(40).regex(DECIMAL_TEXT, "expected a decimal number such as 12.34 (no exponent, no separators)"),
]);

const LineItemInputSchema = LineItemSchema.extend({
  /** Unit price in minor units (give this or `unitPrice`). */
  unitPriceMinor: NonNegativeMinor.optional(),
  /** Unit price in major units, as a decimal. */
  unitPrice: DecimalSchema.optional(),
  /** Unit cost in major units, as a decimal. */
  unitCost: DecimalSchema.optional(),
});

type Ctx = z.core.$RefinementCtx;

/** Converts an optional decimal into minor units, reporting failures on `path`. */
function minorOf(decimal: number | string | undefined, currency: string, path: (string | number)[], ctx: Ctx): number | undefined {
  if (decimal === undefined) return undefined;
  try {
    const minor = toMinorUnits(decimal, currency);
    if (minor < 0) ctx.addIssue({ code: "custom", path, message: 'amounts are magnitudes and must be ≥ 0; record money going back to the customer as kind "return"' });
    return minor;
  } catch (error) {
    ctx.addIssue({ code: "custom", path, message: (error as Error).message });
    return undefined;
  }
}

/** Picks the minor-unit value given directly or converted from the decimal, and checks they agree. */
function pickMinor(minor: number | undefined, decimal: number | string | undefined, currency: string, names: [string, string], path: (string | number)[], ctx: Ctx): number | undefined {
  const converted = minorOf(decimal, currency, [...path, names[1]], ctx);
  if (minor !== undefined && converted !== undefined && minor !== converted) {
    ctx.addIssue({ code: "custom", path: [...path, names[1]], message: `${names[1]} and ${names[0]} disagree` });
  }
  return minor ?? converted;
}

/**
 * The boundary form of a transaction: like {@link TransactionSchema}, but amounts may also be
 * given in major units as decimals — `amount`, `cost`, and per line `unitPrice`, `unitCost` — and
 * are converted with the currency's minor-unit exponent on the decimal digits, never with binary
 * floating point (`"19.99"` EUR → `1999`). Every problem of a row is reported at once.
 *
 * @example
 * ```ts
 * TransactionInputSchema.parse({
 *   id: "T-2", customerId: "P-1", timestamp: "2024-03-05", amount: "19.99", currency: "EUR",
 * }).amountMinor; // 1999
 * ```
 */
export const TransactionInputSchema = z
  .object({
    ...transactionShape,
    /** Total in minor units (give this or `amount`). */
    amountMinor: NonNegativeMinor.optional(),
    /** Total in major units, as a decimal. */
    amount: DecimalSchema.optional(),
    /** Total cost in major units, as a decimal. */
    cost: DecimalSchema.optional(),
    /** Line items; unit prices may be decimals. */
    lines: z.array(LineItemInputSchema).max(10_000).default([]),
  })
  .refine(refersToSomebody.check, refersToSomebody.params)
  .transform((input, ctx): Transaction => {
    const { amount, cost, amountMinor, costMinor, lines, ...rest } = input;
    const total = pickMinor(amountMinor, amount, input.currency, ["amountMinor", "amount"], [], ctx);
    if (total === undefined) ctx.addIssue({ code: "custom", path: ["amountMinor"], message: "give the amount as amountMinor or as a decimal amount" });
    const totalCost = pickMinor(costMinor, cost, input.currency, ["costMinor", "cost"], [], ctx);
    const outLines = lines.map((line, i): LineItem => {
      const { unitPrice, unitCost, unitPriceMinor, unitCostMinor, ...lineRest } = line;
      const price = pickMinor(unitPriceMinor, unitPrice, input.currency, ["unitPriceMinor", "unitPrice"], ["lines", i], ctx);
      if (price === undefined) ctx.addIssue({ code: "custom", path: ["lines", i, "unitPriceMinor"], message: "give the unit price as unitPriceMinor or as a decimal unitPrice" });
      const lineCost = pickMinor(unitCostMinor, unitCost, input.currency, ["unitCostMinor", "unitCost"], ["lines", i], ctx);
      return { ...lineRest, unitPriceMinor: price ?? 0, ...(lineCost !== undefined ? { unitCostMinor: lineCost } : {}) };
    });
    return { ...rest, amountMinor: total ?? 0, ...(totalCost !== undefined ? { costMinor: totalCost } : {}), lines: outLines };
  });
/** A transaction as accepted at the boundary; see {@link TransactionInputSchema}. */
export type TransactionInput = z.input<typeof TransactionInputSchema>;
