import { z } from "zod";
import { BlockingRuleSchema } from "./blocking.js";
import { ComparisonSchema } from "./comparison.js";
import { IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import { DeterministicRuleSchema } from "./rules.js";

const FieldSchema = z.enum(IDENTITY_FIELDS as [IdentityField, ...IdentityField[]]);

/**
 * Everything that decides how records are matched, as plain data: kept in a resolution's state so
 * that later incremental runs and explanations use exactly the same settings.
 *
 * @example
 * ```ts
 * const settings: MatchSettings = resolution.state.settings;
 * settings.threshold; // 0.9
 * ```
 */
export const MatchSettingsSchema = z.object({
  /** The preset the settings started from. */
  preset: z.enum(["person", "organization"]),
  /** The comparisons. */
  comparisons: z.array(ComparisonSchema).min(1).max(30),
  /** The blocking rules. */
  blocking: z.array(BlockingRuleSchema).min(1).max(30),
  /** Deterministic rules. */
  rules: z.array(DeterministicRuleSchema).max(50),
  /** `"probabilistic"` (Fellegi–Sunter), `"rules"` (deterministic rules only) or `"both"` (a pair matches if either says so). */
  scoring: z.enum(["probabilistic", "rules", "both"]),
  /** Match probability at or above which clusters merge. */
  threshold: z.number().gt(0).lte(1),
  /** Cluster linkage (see `clusterPairs`). */
  linkage: z.enum(["average", "single"]),
  /** Probability the mean weight over every pair between two clusters must reach for them to merge (`0`: not checked; absent in older states: `0`). */
  completeLinkThreshold: z.number().min(0).lt(1).optional(),
  /** `"dedupe"` compares every pair; `"link"` only pairs from different sources. */
  linkType: z.enum(["dedupe", "link"]),
  /** Blocks with more records are skipped. */
  maxBlockSize: z.number().int().min(2),
  /** At most this many records of one source per entity (`1` links sources one-to-one). */
  maxPerSource: z.number().int().min(1).optional(),
  /** At most `max` distinct values of `field` per entity. */
  identifierLimits: z.array(
    z.object({
      /** The field limited. */
      field: FieldSchema,
      /** The most distinct values per entity. */
      max: z.number().int().min(1),
    }),
  ),
  /** How values are normalised. */
  prepare: z.object({
    /** Phone region for numbers without a country code. */
    defaultRegion: z.string().regex(/^[A-Za-z]{2}$/).optional(),
    /** How `NN/NN/YYYY` dates are read. */
    dateOrder: z.enum(["DMY", "MDY"]),
    /** Values treated as missing, per field. */
    blockedValues: z.array(z.tuple([FieldSchema, z.array(z.string())])),
    /** Block placeholder emails and phones. */
    blockPlaceholders: z.boolean(),
    /** How emails are normalised (absent: plus-tags removed and provider rules applied). */
    email: z
      .object({
        /** Remove a `+tag` from the local part. */
        removePlusTag: z.boolean(),
        /** Apply provider rules (Gmail dots and domain aliases). */
        providerRules: z.boolean(),
      })
      .optional(),
  }),
  /** Extra nicknames: `[canonical name, familiar forms]`. */
  nicknames: z.array(z.tuple([z.string(), z.array(z.string())])),
});
/** Matching settings as plain data; see {@link MatchSettingsSchema}. */
export type MatchSettings = z.infer<typeof MatchSettingsSchema>;
