/**
 * A domain failure returned as data (never thrown): mixed currencies without a converter, a fit
 * without repeat buyers, a fit that did not converge, input a computation cannot use.
 *
 * @example
 * ```ts
 * const result = fitBgNbd(histories, { timeUnit: "weeks" });
 * if (!result.ok && result.error.code === "NO_REPEAT_BUYERS") console.warn(result.error.message);
 * ```
 */
export type ValueError = CurrencyMismatchError | NoCustomersError | NoRepeatBuyersError | NotConvergedError | InvalidHistoryError;

/**
 * Amounts in more than one currency and no converter to bring them to one.
 *
 * @example
 * ```ts
 * const error: CurrencyMismatchError = { code: "CURRENCY_MISMATCH", message: "…", currencies: ["EUR", "USD"], index: 41 };
 * ```
 */
export interface CurrencyMismatchError {
  /** Always `"CURRENCY_MISMATCH"`. */
  readonly code: "CURRENCY_MISMATCH";
  /** Human-readable explanation. */
  readonly message: string;
  /** The expected currency and the one that differed. */
  readonly currencies: readonly string[];
  /** Zero-based position of the first row in another currency. */
  readonly index: number;
}

/**
 * A fit received no customers at all.
 *
 * @example
 * ```ts
 * const error: NoCustomersError = { code: "NO_CUSTOMERS", message: "no customers to fit" };
 * ```
 */
export interface NoCustomersError {
  /** Always `"NO_CUSTOMERS"`. */
  readonly code: "NO_CUSTOMERS";
  /** Human-readable explanation. */
  readonly message: string;
}

/**
 * Nobody bought twice, so the repeat-purchase and dropout processes cannot be told apart: the
 * likelihood has no finite maximum.
 *
 * @example
 * ```ts
 * const error: NoRepeatBuyersError = { code: "NO_REPEAT_BUYERS", message: "…", customers: 120 };
 * ```
 */
export interface NoRepeatBuyersError {
  /** Always `"NO_REPEAT_BUYERS"`. */
  readonly code: "NO_REPEAT_BUYERS";
  /** Human-readable explanation. */
  readonly message: string;
  /** Customers in the input (weights included). */
  readonly customers: number;
}

/**
 * The optimiser stopped without reaching a maximum of the likelihood (the data are degenerate
 * or the maximum lies at a parameter boundary).
 *
 * @example
 * ```ts
 * const error: NotConvergedError = { code: "NOT_CONVERGED", message: "…", iterations: 500, lastParameters: { r: 0.2 }, logLikelihood: -9582 };
 * ```
 */
export interface NotConvergedError {
  /** Always `"NOT_CONVERGED"`. */
  readonly code: "NOT_CONVERGED";
  /** Human-readable explanation. */
  readonly message: string;
  /** Iterations run. */
  readonly iterations: number;
  /** The parameters where the optimiser stopped. */
  readonly lastParameters: Readonly<Record<string, number>>;
  /** The log-likelihood there (may be −Infinity when no finite value was found; never NaN). */
  readonly logLikelihood: number;
}

/**
 * A purchase history a model cannot use (negative or non-finite numbers, a last purchase after
 * the customer's age, a fractional frequency, a non-positive mean spend for a repeat buyer).
 *
 * @example
 * ```ts
 * const error: InvalidHistoryError = { code: "INVALID_HISTORY", message: "…", index: 3, field: "lastPurchaseAge" };
 * ```
 */
export interface InvalidHistoryError {
  /** Always `"INVALID_HISTORY"`. */
  readonly code: "INVALID_HISTORY";
  /** Human-readable explanation naming the row and field. */
  readonly message: string;
  /** Zero-based position of the first offending row. */
  readonly index: number;
  /** The offending field. */
  readonly field: string;
}
