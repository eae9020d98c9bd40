import { z } from "zod";
import { FellegiSunterModelSchema } from "./model.js";
import { MatchSettingsSchema } from "./settings.js";

/**
 * The persistent state of an identity resolution, as plain data that `JSON.stringify` round-trips:
 * the settings and the trained model, each record's entity, every entity id ever issued (oldest
 * first, so a merged cluster keeps the oldest), and the must-link / cannot-link overrides. Pass it
 * back as `previous` or to `updateResolution` to keep ids stable and resolve new records
 * incrementally.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(resolution.state);
 * const state = ResolutionStateSchema.parse(JSON.parse(saved));
 * ```
 */
export const ResolutionStateSchema = z.object({
  /** Format version. */
  version: z.literal(1),
  /** The matching settings. */
  settings: MatchSettingsSchema,
  /** The Fellegi–Sunter model (`null` when scoring uses deterministic rules only). */
  model: FellegiSunterModelSchema.nullable(),
  /** `[record key, entity id]` of every record, in canonical (key) order. */
  records: z.array(z.tuple([z.string(), z.string()])),
  /** A fingerprint of each record's prepared values, parallel to `records`: an incremental run re-resolves a record whose fingerprint changed. */
  fingerprints: z.array(z.string()),
  /** Every entity id issued, oldest first. */
  issued: z.array(z.string()),
  /** `[record key, ids it held before]` for records whose entity id changed (most recent first). */
  formerIds: z.array(z.tuple([z.string(), z.array(z.string())])),
  /** Prefix of new entity ids. */
  entityIdPrefix: z.string().max(40),
  /** Record pairs (keys) forced into one entity, and pairs kept apart. */
  overrides: z.object({
    /** Pairs of record keys that must share an entity. */
    mustLink: z.array(z.tuple([z.string(), z.string()])),
    /** Pairs of record keys that must not share an entity. */
    cannotLink: z.array(z.tuple([z.string(), z.string()])),
    /** The cannot-links that `unmergeRecords` added (a subset of `cannotLink`): `remergeRecords` lifts only these. */
    unmerged: z.array(z.tuple([z.string(), z.string()])),
  }),
});
/** The persistent state of a resolution; see {@link ResolutionStateSchema}. */
export type ResolutionState = z.infer<typeof ResolutionStateSchema>;

/**
 * A reference to a record: its key (`sourceRecordKey`) or its source system and id.
 *
 * @example
 * ```ts
 * const ref: RecordRef = { sourceSystem: "web", sourceId: "W-17" };
 * ```
 */
export type RecordRef =
  | string
  | {
      /** The record's source system. */
      readonly sourceSystem: string;
      /** The record's id in that system. */
      readonly sourceId: string;
    };

/**
 * Must-link and cannot-link overrides between records, as given by a data steward.
 *
 * @example
 * ```ts
 * const overrides: Overrides = { cannotLink: [[{ sourceSystem: "pos", sourceId: "7" }, { sourceSystem: "web", sourceId: "9" }]] };
 * ```
 */
export interface Overrides {
  /** Pairs that must share an entity. */
  readonly mustLink?: readonly (readonly [RecordRef, RecordRef])[];
  /** Pairs that must not share an entity. */
  readonly cannotLink?: readonly (readonly [RecordRef, RecordRef])[];
}
