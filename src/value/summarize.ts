import type { Transaction } from "../customer/index.js";
import { keyOrder, toTransactionColumns, type ColumnsOptions, type TransactionColumns, type UnattributedRow } from "./columns.js";
import type { CurrencyMismatchError } from "./errors.js";
import { checkDate, checkTimeUnit, DAYS_PER_UNIT, utcDay, type TimeUnit } from "./time.js";

/**
 * What the purchase-count models (BG/NBD, Pareto/NBD) need of a customer, in the model's time
 * unit: `frequency` x (repeat purchases: purchase days after the first), `lastPurchaseAge` t_x
 * (the customer's age at the last repeat purchase — the "recency" of the BTYD literature, named
 * differently here to keep it apart from the RFM recency), and `age` T (time from the first
 * purchase to the end of calibration).
 *
 * @example
 * ```ts
 * const history: PurchaseHistory = { frequency: 2, lastPurchaseAge: 30.43, age: 38.86 };
 * ```
 */
export interface PurchaseHistory {
  /** Number of repeat purchases x (an integer ≥ 0). */
  readonly frequency: number;
  /** Age at the last repeat purchase t_x (0 when x = 0; 0 ≤ t_x ≤ T). */
  readonly lastPurchaseAge: number;
  /** Age at the end of calibration T (≥ 0). */
  readonly age: number;
}

/**
 * What the Gamma-Gamma spend model needs of a customer: the number of repeat purchases and
 * their mean value (any money unit; predictions come back in the same unit).
 *
 * @example
 * ```ts
 * const spend: SpendHistory = { frequency: 2, meanSpend: 22.35 };
 * ```
 */
export interface SpendHistory {
  /** Number of repeat purchases x. */
  readonly frequency: number;
  /** Mean value of the repeat purchases (0 when x = 0). */
  readonly meanSpend: number;
}

/**
 * One customer's buy-till-you-die summary.
 *
 * @example
 * ```ts
 * const s: CustomerSummary = summary.customers[0]!;
 * console.log(s.key, s.frequency, s.lastPurchaseAge, s.age, s.meanSpend);
 * ```
 */
export interface CustomerSummary extends PurchaseHistory, SpendHistory {
  /** The customer key. */
  readonly key: string;
  /** Purchase days in the holdout period (present when a holdout end was given). */
  readonly holdoutFrequency?: number;
  /** Mean value of the holdout purchases (0 when none; present when a holdout end was given). */
  readonly holdoutMeanSpend?: number;
}

/**
 * Options of {@link summarizeTransactions}.
 *
 * @example
 * ```ts
 * const options: SummaryOptions = { calibrationEnd: new Date("1997-09-30T23:59:59.999Z"), timeUnit: "weeks", holdoutEnd: new Date("1998-06-30T23:59:59.999Z") };
 * ```
 */
export interface SummaryOptions extends ColumnsOptions {
  /** End of the calibration period, an instant: purchases at or before it are calibration purchases. Required. */
  readonly calibrationEnd: Date;
  /** The time unit of ages — mandatory, never assumed. */
  readonly timeUnit: TimeUnit;
  /** End of a holdout period after calibration, an instant (inclusive), to check predictions (default: none). */
  readonly holdoutEnd?: Date;
}

/**
 * The outcome of {@link summarizeTransactions}.
 *
 * @example
 * ```ts
 * const summary: TransactionSummary = summarizeTransactions(transactions, { calibrationEnd, timeUnit: "weeks" });
 * ```
 */
export type TransactionSummary =
  | {
      /** Success. */
      readonly ok: true;
      /** The time unit of every age. */
      readonly timeUnit: TimeUnit;
      /** The currency of the spends (minor units), `null` without transactions. */
      readonly currency: string | null;
      /** One summary per customer with a purchase at or before the calibration end, sorted by key. */
      readonly customers: CustomerSummary[];
      /** Customers whose first purchase comes after the calibration end (not summarised). */
      readonly notYetCustomers: number;
      /** Purchase transactions after the end of the holdout (or of calibration, without holdout), ignored. */
      readonly afterEnd: number;
      /** Return transactions, which are not purchase occasions (ignored). */
      readonly returnsIgnored: number;
      /** Fee transactions, which are not purchase occasions (ignored). */
      readonly feesIgnored: number;
      /** Transactions that could not be attributed, with reasons. */
      readonly unattributed: UnattributedRow[];
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: CurrencyMismatchError;
    };

/**
 * Summarises columnar transactions per customer for the buy-till-you-die models; see
 * {@link summarizeTransactions} for the rules.
 *
 * @param columns - From {@link toTransactionColumns}.
 * @param options - See {@link SummaryOptions}.
 * @returns The per-customer summaries.
 * @throws RangeError when a date or the time unit is invalid, or the holdout ends before calibration.
 * @example
 * ```ts
 * const built = toTransactionColumns(transactions);
 * if (built.ok) summarizeTransactionColumns(built.columns, { calibrationEnd, timeUnit: "days" });
 * ```
 */
export function summarizeTransactionColumns(columns: TransactionColumns, options: SummaryOptions): Extract<TransactionSummary, { ok: true }> {
  const unit = checkTimeUnit(options?.timeUnit, "timeUnit");
  const calibrationEnd = checkDate(options.calibrationEnd, "calibrationEnd");
  const end = options.holdoutEnd === undefined ? calibrationEnd : checkDate(options.holdoutEnd, "holdoutEnd");
  if (end < calibrationEnd) throw new RangeError("holdoutEnd must not be before calibrationEnd");
  const calibrationDay = utcDay(calibrationEnd);
  const perUnit = DAYS_PER_UNIT[unit];
  const m = columns.keys.length;
  const firstOf = columns.firstOfTransaction;
  // Group the purchases up to the end by customer (counting sort), then walk each customer's in time order.
  const start = new Int32Array(m + 1);
  const bought = new Uint8Array(m);
  let afterEnd = 0;
  let returnsIgnored = 0;
  let feesIgnored = 0;
  for (let i = 0; i < columns.length; i++) {
    const first = firstOf === undefined ? 1 : (firstOf[i] as number);
    const kind = columns.kind[i] as number;
    if (kind === 1) returnsIgnored += first;
    else if (kind === 2) feesIgnored += first;
    else if ((columns.time[i] as number) > end) {
      afterEnd += first;
      bought[columns.customer[i] as number] = 1;
    } else {
      const c = (columns.customer[i] as number) + 1;
      start[c] = (start[c] as number) + 1;
    }
  }
  for (let c = 0; c < m; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, m);
  const times = new Float64Array(start[m] as number);
  const spend = new Float64Array(start[m] as number);
  for (let i = 0; i < columns.length; i++) {
    const time = columns.time[i] as number;
    if (columns.kind[i] !== 0 || time > end) continue;
    const c = columns.customer[i] as number;
    const at = fill[c] as number;
    fill[c] = at + 1;
    times[at] = time;
    spend[at] = columns.amountMinor[i] as number;
  }
  const holdout = options.holdoutEnd !== undefined;
  const customers: CustomerSummary[] = [];
  let notYetCustomers = 0;
  const keys = columns.keys;
  for (const c of keyOrder(keys)) {
    const lo = start[c] as number;
    const hi = start[c + 1] as number;
    if (hi === lo) {
      // Every purchase of this customer came after the end: a customer, but not yet in calibration.
      notYetCustomers += bought[c] as number;
      continue;
    }
    // Sort this customer's purchases by time (insertion sort: lists are short and mostly ordered).
    for (let i = lo + 1; i < hi; i++) {
      const t = times[i] as number;
      const v = spend[i] as number;
      let j = i - 1;
      while (j >= lo && (times[j] as number) > t) {
        times[j + 1] = times[j] as number;
        spend[j + 1] = spend[j] as number;
        j--;
      }
      times[j + 1] = t;
      spend[j + 1] = v;
    }
    if ((times[lo] as number) > calibrationEnd) {
      notYetCustomers++;
      continue;
    }
    const birth = utcDay(times[lo] as number);
    let x = 0;
    let last = birth;
    let calibrationSpend = 0;
    let xStar = 0;
    let holdoutDay = NaN;
    let holdoutSpend = 0;
    for (let i = lo; i < hi; i++) {
      const time = times[i] as number;
      const day = utcDay(time);
      const v = spend[i] as number;
      if (time > calibrationEnd) {
        if (day !== holdoutDay) xStar++;
        holdoutDay = day;
        holdoutSpend += v;
      } else if (day !== birth) {
        // A repeat purchase occasion per UTC day after the first; the first day's purchases are the birth.
        if (day !== last) x++;
        last = day;
        calibrationSpend += v;
      }
    }
    customers.push({
      key: keys[c] as string,
      frequency: x,
      lastPurchaseAge: (last - birth) / perUnit,
      age: (calibrationDay - birth) / perUnit,
      meanSpend: x > 0 ? calibrationSpend / x : 0,
      ...(holdout ? { holdoutFrequency: xStar, holdoutMeanSpend: xStar > 0 ? holdoutSpend / xStar : 0 } : {}),
    });
  }
  return { ok: true, timeUnit: unit, currency: columns.currency, customers, notYetCustomers, afterEnd, returnsIgnored, feesIgnored, unattributed: [] };
}

/**
 * Summarises transactions per customer for the buy-till-you-die models (Fader, Hardie & Lee
 * 2005): frequency x, age at last purchase t_x, age T and the mean spend of the repeat
 * purchases, in an explicit time unit, with an optional holdout period to check predictions.
 *
 * Rules: `calibrationEnd` and `holdoutEnd` are instants, like every `asOf` of `idic/value`: a
 * purchase at or before `calibrationEnd` is a calibration purchase, one after it and at or before
 * `holdoutEnd` a holdout purchase. Ages are counted in whole UTC days, as in the CDNOW analyses:
 * every calibration purchase on the same UTC day is one purchase occasion (their amounts add up),
 * the first day is the customer's birth and is not a repeat purchase, and T runs from that day to
 * the UTC day of `calibrationEnd` (so `new Date("1997-09-30T23:59:59.999Z")` gives CDNOW's
 * T); holdout occasions are the distinct UTC days of the holdout purchases. Only purchases count —
 * returns and fees are not purchase occasions and are counted as ignored; zero-amount purchases
 * are occasions. Customers whose first purchase comes after the calibration end are counted, not
 * summarised, and purchases after the end are counted.
 *
 * @param transactions - Typed transactions (any iterable).
 * @param options - See {@link SummaryOptions}; `calibrationEnd` and `timeUnit` are required.
 * @returns The summaries (sorted by key) with the accounting of every row, or `CURRENCY_MISMATCH`.
 * @throws RangeError when an option is invalid.
 * @example
 * ```ts
 * const summary = summarizeTransactions(transactions, { calibrationEnd: new Date("1997-09-30T23:59:59.999Z"), timeUnit: "weeks" });
 * if (summary.ok) {
 *   const fit = fitBgNbd(summary.customers, { timeUnit: summary.timeUnit });
 * }
 * ```
 */
export function summarizeTransactions(transactions: Iterable<Transaction>, options: SummaryOptions): TransactionSummary {
  checkTimeUnit(options?.timeUnit, "timeUnit");
  checkDate(options.calibrationEnd, "calibrationEnd");
  const built = toTransactionColumns(transactions, options);
  if (!built.ok) return built;
  return { ...summarizeTransactionColumns(built.columns, options), unattributed: built.unattributed };
}
