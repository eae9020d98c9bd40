import { z } from "zod";
import { IdSchema, parseRows, parseTransactions, type ParseResult, type RejectedRow } from "../customer/index.js";
import { rollupValue, type RollupOptions, type RollupResult } from "./rollup.js";
import type { CustomerSummary } from "./summarize.js";

/** A finite number, also from a numeric string (CSV fields); blank means missing. */
const NumberSchema = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const text = v.trim();
  return text === "" ? undefined : text.length > 40 ? NaN : Number(text);
}, z.number().finite());

/**
 * The boundary form of a {@link CustomerSummary}: one customer's buy-till-you-die summary as read
 * from a file or an API, numbers possibly as strings. Checks that the frequency is a whole number,
 * that 0 ≤ lastPurchaseAge ≤ age, that a customer without repeat purchases has lastPurchaseAge 0,
 * and that spends are not negative.
 *
 * @example
 * ```ts
 * CustomerSummarySchema.parse({ key: "1", frequency: "2", lastPurchaseAge: "30.43", age: "38.86", meanSpend: "22.35" });
 * ```
 */
export const CustomerSummarySchema = z
  .object({
    /** The customer key. */
    key: IdSchema,
    /** Repeat purchases x (whole number ≥ 0). */
    frequency: NumberSchema.pipe(z.number().int("frequency must be a whole number").min(0)),
    /** Age at the last repeat purchase t_x (≥ 0). */
    lastPurchaseAge: NumberSchema.pipe(z.number().min(0)),
    /** Age at the end of calibration T (≥ 0). */
    age: NumberSchema.pipe(z.number().min(0)),
    /** Mean value of the repeat purchases (default 0). */
    meanSpend: NumberSchema.pipe(z.number().min(0)).default(0),
    /** Purchases in a holdout period. */
    holdoutFrequency: NumberSchema.pipe(z.number().int().min(0)).optional(),
    /** Mean value of the holdout purchases. */
    holdoutMeanSpend: NumberSchema.pipe(z.number().min(0)).optional(),
  })
  .refine((s) => s.lastPurchaseAge <= s.age, { message: "lastPurchaseAge must not exceed age", path: ["lastPurchaseAge"] })
  .refine((s) => s.frequency > 0 || s.lastPurchaseAge === 0, { message: "lastPurchaseAge must be 0 when frequency is 0", path: ["lastPurchaseAge"] });

/**
 * Parses buy-till-you-die summaries from untyped rows (a CSV export, a JSON payload), accounting
 * for every row: valid rows come back typed, the others with their index and reasons.
 *
 * @param rows - Untyped rows with `key`, `frequency`, `lastPurchaseAge`, `age` and optionally `meanSpend`, `holdoutFrequency`, `holdoutMeanSpend`.
 * @returns Accepted summaries and rejected rows.
 * @throws TypeError when `rows` is not iterable.
 * @example
 * ```ts
 * const { ok, rejected } = parseCustomerSummaries(csvRows.map((r) => ({ key: r.ID, frequency: r.frequency, lastPurchaseAge: r.recency, age: r.T })));
 * const fit = fitBgNbd(ok, { timeUnit: "weeks" });
 * ```
 */
export function parseCustomerSummaries(rows: Iterable<unknown>): ParseResult<CustomerSummary> {
  const parsed = parseRows(CustomerSummarySchema, rows);
  const ok = parsed.ok.map(({ holdoutFrequency, holdoutMeanSpend, ...rest }): CustomerSummary => ({
    ...rest,
    ...(holdoutFrequency === undefined ? {} : { holdoutFrequency }),
    ...(holdoutMeanSpend === undefined ? {} : { holdoutMeanSpend }),
  }));
  return { ok, okIndex: parsed.okIndex, rejected: parsed.rejected };
}

/**
 * The outcome of {@link rollupTransactionRows}: the rollup of the valid rows plus the rows the
 * boundary rejected, so that every input row is accounted for.
 *
 * @example
 * ```ts
 * const result: RollupRowsResult = rollupTransactionRows(rows, { asOf });
 * ```
 */
export type RollupRowsResult = RollupResult & {
  /** Rows rejected by the transaction schema (negative amounts, unknown currencies, bad dates…), with reasons. */
  readonly rejected: RejectedRow[];
};

/**
 * Validates untyped transaction rows with the customer model's schema (decimal amounts are
 * converted to minor units exactly; negative amounts are rejected — record money going back as
 * kind `"return"`) and rolls the valid ones up with {@link rollupValue}. Indexes in
 * `unattributed` refer to the original rows.
 *
 * @param rows - Untyped rows.
 * @param options - See {@link RollupOptions}.
 * @returns The rollup and the rejected rows.
 * @throws RangeError when an option is invalid; TypeError when `rows` is not iterable.
 * @example
 * ```ts
 * const result = rollupTransactionRows(JSON.parse(body), { asOf: new Date("2024-12-31") });
 * for (const r of result.rejected) console.warn(`row ${r.index}:`, r.issues.map((i) => i.message).join("; "));
 * ```
 */
export function rollupTransactionRows(rows: Iterable<unknown>, options: RollupOptions): RollupRowsResult {
  const parsed = parseTransactions(rows);
  const result = rollupValue(parsed.ok, options);
  if (!result.ok) return { ...result, error: { ...result.error, index: parsed.okIndex[result.error.index] ?? result.error.index }, rejected: parsed.rejected };
  return {
    ...result,
    unattributed: result.unattributed.map((u) => ({ ...u, index: parsed.okIndex[u.index] ?? u.index })),
    rejected: parsed.rejected,
  };
}
