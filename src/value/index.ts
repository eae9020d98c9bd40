/**
 * `idic/value` — differentiate customers by value: roll transactions up to accounts, persons,
 * households or organizations; ABC tiers, the Pareto curve and the Gini coefficient; RFM scores
 * and named RFM segments; buy-till-you-die lifetime-value models (BG/NBD, Pareto/NBD,
 * Gamma-Gamma) with predictions and CLV; Peppers & Rogers' value categories; share of wallet
 * and RAD; and the method's questions (golden customers, costly customers, complaining large
 * customers, the largest customer, narrow buyers).
 *
 * @example
 * ```ts
 * import { rollupValue, assignAbcTiers, scoreRfm, segmentRfm } from "idic/value";
 * const rollup = rollupValue(transactions, { asOf: new Date("2024-12-31"), attribution: { level: "person", personOf } });
 * if (rollup.ok) {
 *   const tiers = assignAbcTiers(rollup.customers.map((c) => ({ key: c.key, value: c.netMinor })));
 *   const segments = segmentRfm(scoreRfm(rollup.customers, { asOf: new Date("2024-12-31") }).scored);
 * }
 * ```
 *
 * @module value
 */
export { VEGA_LITE_SCHEMA, type VegaLiteSpec } from "../_lib/vega.js";
export type { ValueError, CurrencyMismatchError, NoCustomersError, NoRepeatBuyersError, NotConvergedError, InvalidHistoryError } from "./errors.js";
export { DAYS_PER_UNIT, convertDuration, type TimeUnit, type Duration } from "./time.js";
export { ownersOfAccounts, type Lookup, type RollupLevel, type AttributionOptions, type OwnersOfAccountsOptions } from "./attribution.js";
export {
  toTransactionColumns,
  TRANSACTION_KIND_CODES,
  type TransactionColumns,
  type CurrencyConverter,
  type ColumnsOptions,
  type ColumnsResult,
  type UnattributedRow,
} from "./columns.js";
export {
  rollupValue,
  rollupTransactionColumns,
  toCustomerValues,
  type CustomerValue,
  type CustomerValueColumns,
  type ColumnRollup,
  type RollupOptions,
  type RollupWindowOptions,
  type RollupResult,
} from "./rollup.js";
export { rollupInteractions, type CustomerInteractions, type ContactRollup, type InteractionRollupOptions, type InteractionRollup } from "./interactions.js";
export { collectProductLines, type ProductLineOptions, type ProductLines } from "./product-lines.js";
export { parseCustomerSummaries, rollupTransactionRows, CustomerSummarySchema, type RollupRowsResult } from "./parse.js";
export {
  assignAbcTiers,
  assignAbcTierColumns,
  assignTiersByCustomerShare,
  type TierColumns,
  type ValuedCustomer,
  type AbcTier,
  type TierAssignment,
  type TierSummary,
  type TierResult,
  type AbcOptions,
  type CustomerShareOptions,
} from "./abc.js";
export { computeParetoCurve, paretoChart, type ParetoPoint, type ParetoCurve, type ParetoCurveOptions, type ParetoChartOptions } from "./pareto.js";
export { scoreRfm, scoreRfmColumns, type RfmOptions, type RfmScore, type RfmResult, type RfmColumns, type MonetaryMeasure } from "./rfm.js";
export {
  segmentRfm,
  segmentRfmColumns,
  countRfmSegments,
  type RfmSegmentColumns,
  RFM_SEGMENTS_COMMON,
  RFM_SEGMENTS_R_PACKAGE,
  type RfmRuleSet,
  type RfmSegmentRule,
  type ScoreRange,
  type RfmSegmentOptions,
  type RfmSegmentAssignment,
  type SegmentCount,
} from "./rfm-segments.js";
export {
  summarizeTransactions,
  summarizeTransactionColumns,
  type PurchaseHistory,
  type SpendHistory,
  type CustomerSummary,
  type SummaryOptions,
  type TransactionSummary,
} from "./summarize.js";
export type { WeightedPurchaseHistory, WeightedSpendHistory } from "./histories.js";
export type { FitOptions } from "./mle.js";
export { fitBgNbd, bgNbdLogLikelihoodOf, type BgNbdParameters, type BgNbdModel, type BgNbdFit } from "./bgnbd.js";
export { fitParetoNbd, paretoNbdLogLikelihoodOf, type ParetoNbdParameters, type ParetoNbdModel, type ParetoNbdFit } from "./pareto-nbd.js";
export { fitGammaGamma, expectedSpend, type GammaGammaParameters, type GammaGammaModel, type GammaGammaFit, type GammaGammaOptions } from "./gamma-gamma.js";
export {
  probabilityAlive,
  expectedPurchases,
  expectedPurchasesOfNewCustomer,
  discountedExpectedTransactions,
  computeClv,
  type PurchaseModel,
  type DiscountRate,
  type ClvOptions,
  type ClvResult,
} from "./predict.js";
export {
  assignValueCategories,
  type ValueCategory,
  type ValueCategoryOptions,
  type CategorizedCustomer,
  type ValueCategoryResult,
} from "./categories.js";
export { assessShareOfWallet, type WalletCustomer, type ShareOfWalletOptions, type RadAction, type ShareOfWallet } from "./wallet.js";
export {
  findGoldenCustomers,
  findCostlyCustomers,
  findComplainingLargeCustomers,
  checkLargestCustomer,
  findNarrowBuyers,
  type GoldenCustomerOptions,
  type GoldenCustomer,
  type CostlyCustomerOptions,
  type CostlyCustomer,
  type ComplainingCustomerOptions,
  type ComplainingCustomer,
  type LargestCustomerCheck,
  type NarrowBuyerOptions,
  type NarrowBuyer,
} from "./questions.js";
