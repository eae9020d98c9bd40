/**
 * `idic/synth` — a seeded generator of realistic CRM data with ground truth: source records that
 * differ as real ones do (typos, nicknames, swapped names, phone formats, Chinese names in both
 * scripts, moved addresses), households and organizations, buy-till-you-die transactions over a
 * catalogue with co-purchase structure, interactions, consents and contact preferences. Used by
 * the demo, the examples, the tests and the benchmarks.
 *
 * @example
 * ```ts
 * import { generateCrmDataset } from "idic/synth";
 * const data = generateCrmDataset({ seed: 1, customers: 1_000 });
 * ```
 *
 * @module synth
 */
export { generateCrmDataset, streamCrmDataset, generateCatalogue } from "./generate.js";
export { DEFAULT_PURCHASE_PROCESS, resolveGenerateOptions } from "./options.js";
export type {
  CatalogueItem,
  CrmDataset,
  CrmDatasetChunk,
  DatasetPart,
  GenerateOptions,
  GroundTruth,
  PurchaseProcess,
  ResolvedGenerateOptions,
  TrueCustomer,
  TrueRecord,
} from "./types.js";
