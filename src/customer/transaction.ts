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

/** Runs a cross-field check even when some fields failed, so that a row's every problem is reported. */
const whenObject = (payload: z.core.ParsePayload): boolean => typeof payload.value === "object" && payload.value !== null;

const refersToSomebody = {
  check: (t: { customerId?: unknown; accountId?: unknown }): boolean => t.customerId !== undefined || t.accountId !== undefined,
  params: { message: "a transaction needs a customerId or an accountId", path: ["customerId"], when: whenObject },
};

/**
 * A transaction in canonical form: money as an integer of minor units plus an ISO 4217 currency.
 * It refers to a customer — the id the source system uses (a source record's `sourceId`, or
 * `sourceRecordKey(...)` where ids repeat across systems) or a resolved person, household or
 * organization id — to an account, or to both; at least one is required.
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
    return toMinorUnits(decimal, currency);
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

const NEGATIVE = 'amounts are magnitudes and must be ≥ 0; record money going back to the customer as kind "return"';

/** Whether a decimal given in major units is below zero (`"-0.001"` included, though it rounds to 0). */
function isNegativeDecimal(value: unknown): boolean {
  if (typeof value === "number") return value < 0;
  return typeof value === "string" && /^\s*-/.test(value) && /[1-9]/.test(value);
}

/**
 * Checks what can be checked on the raw amounts even when other fields failed: a total and each
 * line's unit price are given (in minor units or as decimals), and no decimal is negative.
 */
function checkAmounts(raw: Record<string, unknown>, ctx: Ctx): void {
  if (raw["amountMinor"] === undefined && raw["amount"] === undefined) {
    ctx.addIssue({ code: "custom", path: ["amountMinor"], message: "give the amount as amountMinor or as a decimal amount" });
  }
  for (const key of ["amount", "cost"]) if (isNegativeDecimal(raw[key])) ctx.addIssue({ code: "custom", path: [key], message: NEGATIVE });
  const lines = Array.isArray(raw["lines"]) ? (raw["lines"] as unknown[]) : [];
  lines.forEach((line, i) => {
    if (line === null || typeof line !== "object") return;
    const l = line as Record<string, unknown>;
    if (l["unitPriceMinor"] === undefined && l["unitPrice"] === undefined) {
      ctx.addIssue({ code: "custom", path: ["lines", i, "unitPriceMinor"], message: "give the unit price as unitPriceMinor or as a decimal unitPrice" });
    }
    for (const key of ["unitPrice", "unitCost"]) if (isNegativeDecimal(l[key])) ctx.addIssue({ code: "custom", path: ["lines", i, key], message: NEGATIVE });
  });
}

/**
 * The boundary form of a transaction: like {@link TransactionSchema}, but amounts may also be
 * given in major units as decimals — `amount`, `cost`, and per line `unitPrice`, `unitCost` — and
 * are converted with the currency's minor-unit exponent on the decimal digits, never with binary
 * floating point (`"19.99"` EUR → `1999`; digits beyond the currency's precision are rounded half
 * away from zero). The problems of a row are reported together: field errors, a missing amount,
 * a negative decimal and a missing customer reference; only the conversion itself (an amount too
 * large to hold exactly) waits until the rest of the row is valid.
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
  .superRefine((raw, ctx) => checkAmounts(raw as unknown as Record<string, unknown>, ctx), { when: whenObject })
  .refine(refersToSomebody.check, refersToSomebody.params)
  .transform((input, ctx): Transaction => {
    const { amount, cost, amountMinor, costMinor, lines, ...rest } = input;
    const total = pickMinor(amountMinor, amount, input.currency, ["amountMinor", "amount"], [], ctx);
    const totalCost = pickMinor(costMinor, cost, input.currency, ["costMinor", "cost"], [], ctx);
    const outLines = lines.map((line, i): LineItem => {
      const { unitPrice, unitCost, unitPriceMinor, unitCostMinor, ...lineRest } = line;
      const price = pickMinor(unitPriceMinor, unitPrice, input.currency, ["unitPriceMinor", "unitPrice"], ["lines", i], ctx);
      const lineCost = pickMinor(unitCostMinor, unitCost, input.currency, ["unitCostMinor", "unitCost"], ["lines", i], ctx);
      return { ...lineRest, unitPriceMinor: price ?? 0, ...(lineCost !== undefined ? { unitCostMinor: lineCost } : {}) };
    });
    return { ...rest, amountMinor: total ?? 0, ...(totalCost !== undefined ? { costMinor: totalCost } : {}), lines: outLines };
  });
/** A transaction as accepted at the boundary; see {@link TransactionInputSchema}. */
export type TransactionInput = z.input<typeof TransactionInputSchema>;
