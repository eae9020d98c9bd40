import {
  sourceRecordKey,
  type Household,
  type Organization,
  type Person,
  type RejectedRow,
  type SourceRecord,
  type SourceRef,
} from "../customer/index.js";
import { copyAddress } from "./memo.js";
import { acceptRecords } from "./accept.js";
import type { BlockingReport } from "./blocking.js";
import type { RefusedMerges } from "./cluster.js";
import { preparedGoldenRecordBuilder, type FieldProvenance, type SurvivorshipOptions } from "./golden.js";
import { groupHouseholdsPrepared, type EntityMember, type HouseholdOptions } from "./households.js";
import { assignEntityIds } from "./ids.js";
import { matchFull, matchIncremental, type IndexOverrides, type MatchOutcome } from "./matching.js";
import { FellegiSunterModelSchema, type FellegiSunterModel } from "./model.js";
import { checkModelFits, parallelismFromOptions, settingsFromOptions, type MatchOptions } from "./options.js";
import { groupOrganizations, type OrganizationOptions } from "./organizations.js";
import type { ProgressCallback } from "./pipeline.js";
import { inferPhoneRegion, type BlockedValue, type PreparedRecords } from "./prepare.js";
import type { MatchSettings } from "./settings.js";
import { ResolutionStateSchema, type Overrides, type RecordRef, type ResolutionState } from "./state.js";
import type { IndexedLabel, TrainingReport } from "./train.js";
import { membersByLabel } from "./union-find.js";

/**
 * A labelled pair of records (for example from clerical review), used to estimate m instead of EM.
 *
 * @example
 * ```ts
 * const label: LabelledPair = { left: { sourceSystem: "pos", sourceId: "1" }, right: { sourceSystem: "web", sourceId: "9" }, match: true };
 * ```
 */
export interface LabelledPair {
  /** One record. */
  readonly left: RecordRef;
  /** The other record. */
  readonly right: RecordRef;
  /** Whether they are the same entity. */
  readonly match: boolean;
}

/**
 * What to build besides the entities: golden records, households, organizations, and progress.
 *
 * @example
 * ```ts
 * const options: OutputOptions = { survivorship: { rules: { emails: "mostRecent" } }, households: { byPhone: false } };
 * const idsOnly: OutputOptions = { golden: false, organizations: false };
 * ```
 */
export interface OutputOptions {
  /**
   * Whether golden records are built (default `true`; person preset only). With `false`,
   * `persons` and `provenance` are empty — households and organizations are still grouped, from
   * the entities' records — which saves time and memory when only the entity and household of
   * each record are wanted.
   *
   * @example
   * ```ts
   * const { records } = resolveIdentities(rows, { golden: false });
   * records[0]?.householdId; // households without golden records
   * ```
   */
  readonly golden?: boolean;
  /** Survivorship rules of the golden records (see {@link SurvivorshipOptions}; default: per field). */
  readonly survivorship?: Pick<SurvivorshipOptions, "rules">;
  /** How people are grouped into households, or `false` for none (default: `{}`; person preset only). */
  readonly households?: HouseholdOptions | false;
  /** How contacts are grouped into organizations, or `false` for none (default: `{}`; person preset only). */
  readonly organizations?: OrganizationOptions | false;
  /** Told about progress on long runs (for a progress bar). */
  readonly onProgress?: ProgressCallback;
}

/**
 * Options of {@link resolveIdentities}: what decides matches ({@link MatchOptions}), how the model
 * is trained, what came before, and what to build.
 *
 * @example
 * ```ts
 * const options: ResolveOptions = { preset: "person", seed: 7, previous: lastRun.state };
 * ```
 */
export interface ResolveOptions extends MatchOptions, OutputOptions {
  /** Seed of the random pairs that estimate u (default `1`). */
  readonly seed?: number;
  /** Random pairs that estimate u (default `100_000`; all pairs when there are fewer). */
  readonly uSamplePairs?: number;
  /** Most EM iterations per session (default `100`). */
  readonly maxIterations?: number;
  /** Labelled pairs: with at least one match, m comes from them instead of EM. */
  readonly labels?: readonly LabelledPair[];
  /** A trained model to use as is (no training; its comparisons must be the settings' comparisons). */
  readonly model?: FellegiSunterModel;
  /** A previous resolution's state: its entity ids are kept (a cluster keeps the oldest) and its overrides apply. */
  readonly previous?: ResolutionState;
  /** Must-link and cannot-link overrides (added to the previous ones). */
  readonly overrides?: Overrides;
  /** Prefix of new entity ids (default `"E-"`). */
  readonly entityIdPrefix?: string;
}

/**
 * One resolved entity: its id and its source records.
 *
 * @example
 * ```ts
 * const entity: ResolvedEntity = { id: "E-0abc", records: [{ sourceSystem: "web", sourceId: "1" }], householdId: "H-E-0abc" };
 * ```
 */
export interface ResolvedEntity {
  /** Stable entity id. */
  readonly id: string;
  /** The entity's records, by key. */
  readonly records: readonly SourceRef[];
  /** The household of a person entity. */
  readonly householdId?: string;
}

/**
 * Where one accepted input record ended up.
 *
 * @example
 * ```ts
 * const a: RecordAssignment = { index: 0, sourceSystem: "web", sourceId: "1", entityId: "E-0abc" };
 * ```
 */
export interface RecordAssignment {
  /** Position in the input. */
  readonly index: number;
  /** The record's source system. */
  readonly sourceSystem: string;
  /** The record's id. */
  readonly sourceId: string;
  /** The entity it belongs to. */
  readonly entityId: string;
  /** The household of that entity, when households were built. */
  readonly householdId?: string;
}

/**
 * Something to know about a resolution that did not stop it.
 *
 * @example
 * ```ts
 * const w: ResolutionWarning = { code: "MIXED_SCRIPT", message: "familyName mixes writing systems", recordKey: "pos\u001f7" };
 * ```
 */
export interface ResolutionWarning {
  /**
   * `MIXED_SCRIPT` (a name mixes writing systems; compared as written), `UNKNOWN_RECORD` (an
   * override or label names a record that is not among the accepted records; ignored) or
   * `OVERRIDE_CONFLICT` (records both must and cannot be linked; the must-link wins).
   */
  readonly code: "MIXED_SCRIPT" | "UNKNOWN_RECORD" | "OVERRIDE_CONFLICT";
  /** Explanation. */
  readonly message: string;
  /** The record concerned, when there is one. */
  readonly recordKey?: string;
}

/**
 * Figures of a resolution run.
 *
 * @example
 * ```ts
 * const { records, entities, comparisons, links } = resolution.stats;
 * ```
 */
export interface ResolutionStats {
  /** Input records. */
  readonly input: number;
  /** Accepted records. */
  readonly records: number;
  /** Rejected records. */
  readonly rejected: number;
  /** Entities. */
  readonly entities: number;
  /** Record pairs compared. */
  readonly comparisons: number;
  /** Pairs at or above the threshold. */
  readonly links: number;
  /** Records whose entity was recomputed (all in a full run; the affected part in an incremental one). */
  readonly recomputed: number;
  /** Merges refused by cannot-links, the per-source limit and identifier limits. */
  readonly refused: RefusedMerges;
}

/**
 * The result of resolving identities: every input record is either assigned to exactly one entity
 * or listed as rejected with its reasons.
 *
 * @example
 * ```ts
 * const resolution: IdentityResolution = resolveIdentities(rows);
 * resolution.records.length + resolution.rejected.length === rows.length; // true
 * ```
 */
export interface IdentityResolution {
  /** The entities, by id. */
  readonly entities: readonly ResolvedEntity[];
  /** Entity of each accepted record, in input order. */
  readonly records: readonly RecordAssignment[];
  /** Rejected input rows with their reasons (invalid, or a duplicate of an earlier record's key). */
  readonly rejected: readonly RejectedRow[];
  /** Golden records of person entities (person preset), by id; empty with `golden: false`. */
  readonly persons: readonly Person[];
  /** Provenance of each person's values, parallel to `persons` (empty with `golden: false`). */
  readonly provenance: readonly (readonly FieldProvenance[])[];
  /** Households of the persons (person preset). */
  readonly households: readonly Household[];
  /** Organizations: of contacts (person preset) or the entities themselves (organization preset). */
  readonly organizations: readonly Organization[];
  /** The blocking report (full runs; undefined for incremental runs). */
  readonly blocking: BlockingReport | undefined;
  /** Values treated as missing because they are blocked (placeholders, listed values). */
  readonly blockedValues: readonly BlockedValue[];
  /** The model used (undefined with rules-only scoring). */
  readonly model: FellegiSunterModel | undefined;
  /** What training did, when the model was trained in this run. */
  readonly training: TrainingReport | undefined;
  /** Warnings. */
  readonly warnings: readonly ResolutionWarning[];
  /** Figures. */
  readonly stats: ResolutionStats;
  /** The state to keep for the next run (plain JSON). */
  readonly state: ResolutionState;
}

const keyOf = (ref: RecordRef): string => (typeof ref === "string" ? ref : sourceRecordKey(ref));

type KeyPairs = [string, string][];

/** Overrides as sorted, de-duplicated key pairs (each pair with the smaller key first). */
const pairSignature = ([a, b]: readonly [string, string]): string => `${a}\u0000${b}`;

/** The pairs of `pairs` that are still in `cannotLink`. */
function stillCannotLink(pairs: KeyPairs, cannotLink: KeyPairs): KeyPairs {
  const present = new Set(cannotLink.map(pairSignature));
  return pairs.filter((pair) => present.has(pairSignature(pair)));
}

function normalizePairs(pairs: readonly (readonly [RecordRef, RecordRef])[]): KeyPairs {
  const seen = new Set<string>();
  const out: KeyPairs = [];
  for (const [a, b] of pairs) {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka === kb) continue;
    const pair: [string, string] = ka < kb ? [ka, kb] : [kb, ka];
    const sig = `${pair[0]}\u0000${pair[1]}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(pair);
  }
  return out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}

/** Resolves key overrides against prepared records, warning about unknown records. */
function indexOverrides(overrides: { mustLink: KeyPairs; cannotLink: KeyPairs }, warnings: ResolutionWarning[]): (prepared: PreparedRecords) => IndexOverrides {
  return (prepared) => {
    const indexOf = new Map(prepared.keys.map((k, i) => [k, i]));
    const resolve = (pairs: KeyPairs): [number, number][] =>
      pairs.flatMap(([a, b]): [number, number][] => {
        const ia = indexOf.get(a);
        const ib = indexOf.get(b);
        for (const [key, i] of [[a, ia], [b, ib]] as const) {
          if (i === undefined) warnings.push({ code: "UNKNOWN_RECORD", message: "an override names a record that is not among the accepted records; it is ignored", recordKey: key });
        }
        return ia === undefined || ib === undefined ? [] : [[ia, ib]];
      });
    return { mustLink: resolve(overrides.mustLink), cannotLink: resolve(overrides.cannotLink) };
  };
}

/** Everything output assembly needs besides the match outcome. */
interface AssemblyInput {
  readonly accepted: readonly SourceRecord[];
  readonly acceptedIndex: readonly number[];
  readonly rejected: RejectedRow[];
  readonly inputCount: number;
  readonly settings: MatchSettings;
  readonly outcome: MatchOutcome;
  readonly previous: ResolutionState | undefined;
  readonly overrides: { mustLink: KeyPairs; cannotLink: KeyPairs };
  /** The cannot-links added by unmerging (kept only while they are cannot-links). */
  readonly unmerged: KeyPairs;
  readonly prefix: string;
  readonly warnings: ResolutionWarning[];
  readonly options: OutputOptions;
}

function organizationEntity(id: string, records: readonly SourceRecord[]): Organization {
  const counts = new Map<string, number>();
  for (const r of records) {
    const name = r.organizationName ?? r.fullName;
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const name = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? id;
  const addresses = new Map<string, SourceRecord["addresses"][number]>();
  for (const r of records) for (const a of r.addresses) addresses.set(JSON.stringify([a.lines, a.city, a.postcode, a.country]), a);
  return { id, name, departments: [], contacts: [], addresses: [...addresses.values()].map(copyAddress), attributes: Object.create(null) as Organization["attributes"] };
}

/**
 * The entities, ordered by id, with their records' canonical indices (ascending): records are
 * grouped by cluster label (each cluster has one id), not by id text.
 */
function entitiesOf(ids: readonly string[], labels: Int32Array): { entityIds: string[]; membersOf: number[][] } {
  const members = membersByLabel(labels);
  const clusterIds = members.map((m) => ids[m[0]!]!);
  const order = members.map((_, k) => k).sort((a, b) => (clusterIds[a]! < clusterIds[b]! ? -1 : 1));
  return { entityIds: order.map((k) => clusterIds[k]!), membersOf: order.map((k) => members[k]!) };
}

function assemble(input: AssemblyInput): IdentityResolution {
  const { outcome, settings, previous, prefix, warnings, options } = input;
  const { prepared } = outcome;
  const previousIds = previous ? { entityOf: new Map(previous.records), formerOf: new Map(previous.formerIds), issued: previous.issued } : undefined;
  const { ids, issued, former } = assignEntityIds(prepared.keys, outcome.labels, previousIds, prefix);
  for (const w of prepared.warnings) warnings.push({ code: w.code, message: w.message, recordKey: w.recordKey });
  for (const [a, b] of outcome.conflicts) {
    warnings.push({ code: "OVERRIDE_CONFLICT", message: `records are both must-linked and cannot-linked (with ${prepared.keys[b]}); the must-link wins`, recordKey: prepared.keys[a]! });
  }
  // Entities with their canonical members.
  const { entityIds, membersOf } = entitiesOf(ids, outcome.labels);
  const persons: Person[] = [];
  const provenance: FieldProvenance[][] = [];
  let organizations: Organization[] = [];
  let households: Household[] = [];
  const householdOf = new Map<string, string>();
  if (settings.preset === "person") {
    const members: (EntityMember & { indices: readonly number[] })[] = entityIds.map((id, k) => {
      const indices = membersOf[k]!;
      return { person: { id }, records: indices.map((i) => prepared.records[i]!), indices };
    });
    const groupedHouseholds = options.households === false ? undefined : groupHouseholdsPrepared(prepared, members, options.households ?? {});
    const groupedOrganizations = options.organizations === false ? undefined : groupOrganizations(members, options.organizations || {});
    households = groupedHouseholds?.households ?? [];
    organizations = groupedOrganizations?.organizations ?? [];
    for (const { person: { id } } of members) {
      const householdId = groupedHouseholds?.householdOf.get(id);
      if (householdId !== undefined) householdOf.set(id, householdId);
    }
    if (options.golden ?? true) {
      const build = preparedGoldenRecordBuilder(prepared, options.survivorship ?? {});
      options.onProgress?.({ stage: "golden records", done: 0, total: members.length });
      for (const [k, { person: { id }, indices }] of members.entries()) {
        const golden = build(id, indices);
        const householdId = householdOf.get(id);
        const orgIds = groupedOrganizations?.organizationsOf.get(id) ?? [];
        persons.push({ ...golden.person, ...(householdId !== undefined ? { householdId } : {}), organizationIds: [...orgIds] });
        provenance.push([...golden.provenance]);
        if ((k + 1) % 10_000 === 0) options.onProgress?.({ stage: "golden records", done: k + 1, total: members.length });
      }
      options.onProgress?.({ stage: "golden records", done: members.length, total: members.length });
    }
  } else {
    organizations = entityIds.map((id, k) => organizationEntity(id, membersOf[k]!.map((i) => prepared.records[i]!)));
  }
  // Plain assignments rather than conditional spreads: there are as many objects as records.
  const entities: ResolvedEntity[] = entityIds.map((id, k) => {
    const entity: { -readonly [K in keyof ResolvedEntity]: ResolvedEntity[K] } = {
      id,
      records: membersOf[k]!.map((i) => ({ sourceSystem: prepared.records[i]!.sourceSystem, sourceId: prepared.records[i]!.sourceId })),
    };
    const householdId = householdOf.get(id);
    if (householdId !== undefined) entity.householdId = householdId;
    return entity;
  });
  const canonicalOf = new Int32Array(prepared.size);
  prepared.inputIndex.forEach((acceptedPosition, canonical) => (canonicalOf[acceptedPosition] = canonical));
  const records: RecordAssignment[] = input.accepted.map((r, k) => {
    const entityId = ids[canonicalOf[k]!]!;
    const record: { -readonly [K in keyof RecordAssignment]: RecordAssignment[K] } = { index: input.acceptedIndex[k]!, sourceSystem: r.sourceSystem, sourceId: r.sourceId, entityId };
    const householdId = householdOf.get(entityId);
    if (householdId !== undefined) record.householdId = householdId;
    return record;
  });
  const state: ResolutionState = {
    version: 1,
    settings,
    model: outcome.model ?? null,
    records: prepared.keys.map((k, i) => [k, ids[i]!]),
    fingerprints: [...outcome.fingerprints],
    issued,
    formerIds: former,
    entityIdPrefix: prefix,
    overrides: { mustLink: input.overrides.mustLink, cannotLink: input.overrides.cannotLink, unmerged: stillCannotLink(input.unmerged, input.overrides.cannotLink) },
  };
  return {
    entities,
    records,
    rejected: input.rejected,
    persons,
    provenance,
    households,
    organizations,
    blocking: outcome.blocking,
    blockedValues: prepared.blocked,
    model: outcome.model,
    training: outcome.training,
    warnings,
    stats: {
      input: input.inputCount,
      records: input.accepted.length,
      rejected: input.rejected.length,
      entities: entities.length,
      comparisons: outcome.comparisons,
      links: outcome.links,
      recomputed: outcome.recomputed,
      refused: outcome.refused,
    },
    state,
  };
}

function checkPrefix(prefix: string): string {
  if (typeof prefix !== "string" || prefix.length > 40 || /[\u0000-\u001f]/.test(prefix)) {
    throw new RangeError(`option "entityIdPrefix" must be a string of at most 40 printable characters, got ${JSON.stringify(prefix)}`);
  }
  return prefix;
}

function checkOutputOptions(options: OutputOptions): void {
  if (options.golden !== undefined && typeof options.golden !== "boolean") throw new RangeError(`option "golden" must be true or false, got ${JSON.stringify(options.golden)}`);
}

function checkState(state: ResolutionState, option: string): ResolutionState {
  const result = ResolutionStateSchema.safeParse(state);
  if (!result.success) throw new RangeError(`option "${option}" is not a valid resolution state: ${result.error.issues[0]?.path.join(".")}: ${result.error.issues[0]?.message}`);
  return result.data;
}

/**
 * Resolves source records into entities — the one call for the common case. It validates the
 * records (every row is accepted or rejected with reasons; a repeated `sourceSystem` + `sourceId`
 * is rejected as a duplicate), normalises them once, blocks, trains a Fellegi–Sunter model
 * without labels (u from random pairs, m by EM per blocking rule, λ from all candidate pairs),
 * scores the candidate pairs, clusters them with average linkage (so weak chains do not merge
 * unrelated records), gives each entity a stable id, and builds golden records (unless
 * `golden: false`), households and organizations.
 *
 * Blank values are missing values, never mismatches; names in mixed scripts are compared as
 * written (and reported); text longer than the customer model allows is a rejected row. Invalid
 * options throw a `RangeError` naming the option.
 *
 * @param records - Untyped source records (see `SourceRecordSchema`).
 * @param options - Preset and matching settings, training, previous state, outputs; see {@link ResolveOptions}.
 * @returns The resolution.
 * @throws RangeError for an invalid option.
 * @example
 * ```ts
 * const resolution = resolveIdentities([
 *   { sourceSystem: "web", sourceId: "1", givenName: "Robert", familyName: "Smith", emails: ["bob@example.org"] },
 *   { sourceSystem: "pos", sourceId: "7", givenName: "Bob", familyName: "Smith", emails: ["BOB@example.org"] },
 * ]);
 * resolution.entities.length; // 1
 * ```
 */
export function resolveIdentities(records: Iterable<unknown>, options: ResolveOptions = {}): IdentityResolution {
  const chosen = settingsFromOptions(options);
  checkOutputOptions(options);
  const previous = options.previous === undefined ? undefined : checkState(options.previous, "previous");
  let model = options.model;
  if (model !== undefined) {
    const parsed = FellegiSunterModelSchema.safeParse(model);
    if (!parsed.success) throw new RangeError(`option "model" is not a valid model: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
    model = parsed.data;
    checkModelFits(model, chosen);
  }
  const prefix = checkPrefix(options.entityIdPrefix ?? previous?.entityIdPrefix ?? "E-");
  const { accepted, index, rejected, input } = acceptRecords(records);
  // Phone numbers without a country code are read in the region most addresses are in, unless a
  // region is given; the choice is kept in the state so that later runs read numbers alike.
  const region = chosen.prepare.defaultRegion ?? previous?.settings.prepare.defaultRegion ?? inferPhoneRegion(accepted);
  const settings: MatchSettings = region === undefined ? chosen : { ...chosen, prepare: { ...chosen.prepare, defaultRegion: region } };
  const overrides = {
    mustLink: normalizePairs([...(previous?.overrides.mustLink ?? []), ...(options.overrides?.mustLink ?? [])]),
    cannotLink: normalizePairs([...(previous?.overrides.cannotLink ?? []), ...(options.overrides?.cannotLink ?? [])]),
  };
  const warnings: ResolutionWarning[] = [];
  const labels = options.labels;
  const outcome = matchFull(accepted, settings, indexOverrides(overrides, warnings), {
    model,
    onProgress: options.onProgress,
    parallel: parallelismFromOptions(options),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.uSamplePairs !== undefined ? { uSamplePairs: options.uSamplePairs } : {}),
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(labels !== undefined
      ? {
          labels: (prepared: PreparedRecords): IndexedLabel[] => {
            const indexOf = new Map(prepared.keys.map((k, i) => [k, i]));
            return labels.flatMap((l): IndexedLabel[] => {
              const left = indexOf.get(keyOf(l.left));
              const right = indexOf.get(keyOf(l.right));
              if (left === undefined || right === undefined) {
                warnings.push({ code: "UNKNOWN_RECORD", message: "a label names a record that is not among the accepted records; it is ignored", recordKey: keyOf(left === undefined ? l.left : l.right) });
                return [];
              }
              return [{ left, right, match: l.match }];
            });
          },
        }
      : {}),
  });
  return assemble({ accepted, acceptedIndex: index, rejected, inputCount: input, settings, outcome, previous, overrides, unmerged: previous?.overrides.unmerged ?? [], prefix, warnings, options });
}

/**
 * Options of {@link updateResolution} and the override functions: what to build (matching
 * settings and the model come from the previous state).
 *
 * @example
 * ```ts
 * const options: UpdateOptions = { households: false };
 * ```
 */
export type UpdateOptions = OutputOptions;

function incremental(
  previous: ResolutionState,
  records: Iterable<unknown>,
  overrides: { mustLink: KeyPairs; cannotLink: KeyPairs },
  options: UpdateOptions,
  unmerged: KeyPairs = previous.overrides.unmerged,
): IdentityResolution {
  const state = checkState(previous, "previous");
  checkOutputOptions(options);
  const settings = state.settings;
  const model = state.model ?? undefined;
  const { accepted, index, rejected, input } = acceptRecords(records);
  const warnings: ResolutionWarning[] = [];
  const outcome = matchIncremental(
    accepted,
    settings,
    model,
    { entityOf: new Map(state.records), fingerprintOf: new Map(state.records.map(([key], i) => [key, state.fingerprints[i] ?? ""])), overrides: state.overrides },
    overrides,
    indexOverrides(overrides, warnings),
    options.onProgress,
  );
  return assemble({ accepted, acceptedIndex: index, rejected, inputCount: input, settings, outcome, previous: state, overrides, unmerged, prefix: state.entityIdPrefix, warnings, options });
}

/**
 * Resolves records incrementally against a previous resolution: pass every record you hold (the
 * previous ones and the new ones; previous ones left out are removed). Only the part of the link
 * graph that new, removed or changed records can reach is scored and re-clustered, with the
 * previous model and settings; the result is the partition a full run with the same model would
 * give, and entities keep their ids (a merged cluster keeps the oldest).
 *
 * @param previous - The previous resolution's state.
 * @param records - All current records (untyped; validated as in {@link resolveIdentities}).
 * @param options - What to build; see {@link UpdateOptions}.
 * @returns The new resolution.
 * @throws RangeError when `previous` is not a valid state.
 * @example
 * ```ts
 * const next = updateResolution(resolution.state, [...oldRecords, ...newRecords]);
 * next.stats.recomputed; // only the records near the new ones
 * ```
 */
export function updateResolution(previous: ResolutionState, records: Iterable<unknown>, options: UpdateOptions = {}): IdentityResolution {
  return incremental(previous, records, { mustLink: previous.overrides.mustLink, cannotLink: previous.overrides.cannotLink }, options);
}

/**
 * Adds must-link and cannot-link overrides and re-resolves the affected entities incrementally.
 *
 * @param previous - The previous resolution's state.
 * @param records - All current records.
 * @param overrides - Pairs to force together or keep apart.
 * @param options - What to build.
 * @returns The new resolution.
 * @example
 * ```ts
 * const fixed = addOverrides(resolution.state, records, { mustLink: [["pos\u001f7", "web\u001f9"]] });
 * ```
 */
export function addOverrides(previous: ResolutionState, records: Iterable<unknown>, overrides: Overrides, options: UpdateOptions = {}): IdentityResolution {
  return incremental(
    previous,
    records,
    {
      mustLink: normalizePairs([...previous.overrides.mustLink, ...(overrides.mustLink ?? [])]),
      cannotLink: normalizePairs([...previous.overrides.cannotLink, ...(overrides.cannotLink ?? [])]),
    },
    options,
  );
}

/**
 * Removes overrides and re-resolves the affected entities incrementally.
 *
 * @param previous - The previous resolution's state.
 * @param records - All current records.
 * @param overrides - Pairs whose overrides are lifted.
 * @param options - What to build.
 * @returns The new resolution.
 * @example
 * ```ts
 * const undone = removeOverrides(resolution.state, records, { cannotLink: [["pos\u001f7", "web\u001f9"]] });
 * ```
 */
export function removeOverrides(previous: ResolutionState, records: Iterable<unknown>, overrides: Overrides, options: UpdateOptions = {}): IdentityResolution {
  const drop = (list: KeyPairs, remove: readonly (readonly [RecordRef, RecordRef])[] | undefined): KeyPairs => {
    const gone = new Set(normalizePairs(remove ?? []).map(([a, b]) => `${a}\u0000${b}`));
    return list.filter(([a, b]) => !gone.has(`${a}\u0000${b}`));
  };
  return incremental(previous, records, { mustLink: drop(previous.overrides.mustLink, overrides.mustLink), cannotLink: drop(previous.overrides.cannotLink, overrides.cannotLink) }, options);
}

/**
 * Splits records off their entity: a cannot-link is added between each given record and every
 * other record of its current entity, and the affected entities are re-resolved. The remaining
 * records keep the entity's id; the split-off ones get their own (or join another entity if they
 * match it).
 *
 * @param previous - The previous resolution's state.
 * @param records - All current records.
 * @param refs - The records to split off.
 * @param options - What to build.
 * @returns The new resolution.
 * @example
 * ```ts
 * const split = unmergeRecords(resolution.state, records, [{ sourceSystem: "pos", sourceId: "7" }]);
 * ```
 */
export function unmergeRecords(previous: ResolutionState, records: Iterable<unknown>, refs: readonly RecordRef[], options: UpdateOptions = {}): IdentityResolution {
  const entityOf = new Map(previous.records);
  const leaving = new Set(refs.map(keyOf));
  const membersOf = new Map<string, string[]>();
  for (const [key, id] of previous.records) (membersOf.get(id) ?? membersOf.set(id, []).get(id)!).push(key);
  const split: [string, string][] = [];
  for (const key of leaving) {
    const id = entityOf.get(key);
    if (id === undefined) continue;
    for (const other of membersOf.get(id)!) if (!leaving.has(other)) split.push([key, other]);
  }
  // Pairs the user had already kept apart stay the user's: only new ones count as unmerged.
  const { mustLink, cannotLink } = previous.overrides;
  const present = new Set(cannotLink.map(pairSignature));
  const added = normalizePairs(split).filter((pair) => !present.has(pairSignature(pair)));
  return incremental(previous, records, { mustLink, cannotLink: [...cannotLink, ...added] }, options, [...previous.overrides.unmerged, ...added]);
}

/**
 * Undoes {@link unmergeRecords}: lifts the cannot-links that unmerging added for the given records
 * (cannot-links entered with {@link addOverrides} stay) and re-resolves, so the entities they were
 * split from can take them back (with their old id).
 *
 * @param previous - The previous resolution's state.
 * @param records - All current records.
 * @param refs - The records whose cannot-links are lifted.
 * @param options - What to build.
 * @returns The new resolution.
 * @example
 * ```ts
 * const back = remergeRecords(split.state, records, [{ sourceSystem: "pos", sourceId: "7" }]);
 * ```
 */
export function remergeRecords(previous: ResolutionState, records: Iterable<unknown>, refs: readonly RecordRef[], options: UpdateOptions = {}): IdentityResolution {
  const keys = new Set(refs.map(keyOf));
  const lifted = previous.overrides.unmerged.filter(([a, b]) => keys.has(a) || keys.has(b));
  return removeOverrides(previous, records, { cannotLink: lifted }, options);
}
