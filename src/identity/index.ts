/**
 * `idic/identity` — identify each customer across systems: normalisers and comparators, record
 * preparation, blocking, Fellegi–Sunter scoring trained without labels (or from labels),
 * deterministic rules, clustering into entities with a guard against chaining, stable ids,
 * incremental runs, overrides, golden records with provenance, households and organizations, and
 * explanations of every match as data and as a Vega-Lite waterfall.
 *
 * @example
 * ```ts
 * import { resolveIdentities, explainMatch } from "idic/identity";
 * const resolution = resolveIdentities(records, { preset: "person" });
 * console.log(resolution.persons.length, resolution.households.length);
 * ```
 *
 * @module identity
 */
export * from "./normalize/index.js";
export * from "./compare/index.js";
export type { VegaLiteSpec } from "../_lib/vega.js";

export { type IdentityField, IDENTITY_FIELDS, isIdentityField } from "./fields.js";
export { ValueDictionary, type TokenLists } from "./dictionary.js";
export {
  type PrepareOptions,
  type PreparedColumn,
  type PreparedRecords,
  type BlockedValue,
  type PreparationWarning,
  prepareRecords,
} from "./prepare.js";
export {
  ComparisonLevelSchema,
  type ComparisonLevel,
  ComparisonSchema,
  type Comparison,
  type CompiledComparison,
  type CompileOptions,
  levelLabel,
  comparisonLabels,
  compileComparison,
} from "./comparison.js";
export {
  BlockingKeySchema,
  type BlockingKey,
  type BlockingKeyInput,
  BlockingRuleSchema,
  type BlockingRule,
  type BlockingRuleInput,
  type BlockingOptions,
  type BlockSize,
  type BlockingRuleReport,
  type BlockingReport,
  type BlockingRuleIndex,
  type BlockingIndex,
  type CandidatePairs,
  buildBlockingIndex,
  listCandidatePairs,
  candidatePartners,
  isCandidatePair,
  sharesKey,
  reportBlocking,
} from "./blocking.js";
export { type PatternTable, PatternCounter } from "./patterns.js";
export { type EmOptions, type EmResult, estimateByEm } from "./em.js";
export {
  TermFrequencyTableSchema,
  type TermFrequencyTable,
  FellegiSunterModelSchema,
  type FellegiSunterModel,
  type PairScorer,
  levelWeight,
  priorWeight,
  probabilityOfWeight,
  countTermFrequencies,
  createScorer,
  type ScorerOptions,
} from "./model.js";
export {
  type IndexedLabel,
  type EmSession,
  type TrainingReport,
  type EstimateUOptions,
  type RuleSample,
  type UEstimate,
  type MEstimate,
  type LambdaEstimate,
  estimateU,
  estimateMByEm,
  estimateMFromLabels,
  assembleModel,
  estimateLambda,
} from "./train.js";
export { DeterministicRuleSchema, type DeterministicRule, type CompiledRules, compileRules, matchingRule } from "./rules.js";
export {
  type ScoredPairs,
  type IdentifierLimit,
  type ClusterOptions,
  type RefusedMerges,
  type ClusterResult,
  clusterPairs,
} from "./cluster.js";
export {
  type GoldenField,
  type FieldCandidate,
  type SurvivorshipRule,
  type SurvivorshipOptions,
  type FieldProvenance,
  type GoldenRecord,
  buildGoldenRecord,
  goldenRecordBuilder,
} from "./golden.js";
export { type EntityMember, type HouseholdOptions, type HouseholdGrouping, groupHouseholds } from "./households.js";
export { PUBLIC_EMAIL_DOMAINS, type OrganizationOptions, type OrganizationGrouping, groupOrganizations } from "./organizations.js";
export { ORGANIZATION_LEGAL_FORMS, normalizeOrganizationName } from "./organization-name.js";
export { type PresetName, type Preset, PRESETS } from "./presets.js";
export { type MatchOptions } from "./options.js";
export { MatchSettingsSchema, type MatchSettings } from "./settings.js";
export { ResolutionStateSchema, type ResolutionState, type RecordRef, type Overrides } from "./state.js";
export { type ResolveProgress, type ProgressCallback } from "./pipeline.js";
export {
  type LabelledPair,
  type OutputOptions,
  type ResolveOptions,
  type UpdateOptions,
  type ResolvedEntity,
  type RecordAssignment,
  type ResolutionWarning,
  type ResolutionStats,
  type IdentityResolution,
  resolveIdentities,
  updateResolution,
  addOverrides,
  removeOverrides,
  unmergeRecords,
  remergeRecords,
} from "./resolve.js";
export { type ExplainOptions, type FieldExplanation, type MatchExplanation, explainMatch, matchWaterfallChart } from "./explain.js";
export { type PairwiseScores, type EvaluateOptions, evaluatePairwise } from "./evaluate.js";
