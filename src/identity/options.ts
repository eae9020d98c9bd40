import { z } from "zod";
import { BlockingRuleSchema, type BlockingRuleInput } from "./blocking.js";
import { ComparisonSchema, type Comparison } from "./comparison.js";
import { IDENTITY_FIELDS, isIdentityField, type IdentityField } from "./fields.js";
import type { FellegiSunterModel } from "./model.js";
import { defaultThreads, type Parallelism } from "./parallel.js";
import { PRESETS, type PresetName } from "./presets.js";
import { DeterministicRuleSchema, compileRules, type DeterministicRule } from "./rules.js";
import type { MatchSettings } from "./settings.js";

/**
 * The matching options of `resolveIdentities` (everything that decides which records match).
 * Every field is optional; the defaults come from the preset.
 *
 * @example
 * ```ts
 * const options: MatchOptions = { preset: "person", threshold: 0.95, defaultRegion: "GB" };
 * ```
 */
export interface MatchOptions {
  /** Starting point: `"person"` (default) or `"organization"`; see {@link PRESETS}. */
  readonly preset?: PresetName;
  /** Comparisons scored (default: the preset's). */
  readonly comparisons?: readonly Comparison[];
  /** Blocking rules (default: the preset's). */
  readonly blocking?: readonly BlockingRuleInput[];
  /** Deterministic rules (default: none). */
  readonly rules?: readonly DeterministicRule[];
  /**
   * `"probabilistic"` (Fellegi–Sunter), `"rules"` (deterministic rules only) or `"both"` (a pair
   * matches when either says so). Default `"both"` when `rules` are given, else `"probabilistic"`.
   */
  readonly scoring?: "probabilistic" | "rules" | "both";
  /** Match probability at or above which clusters merge (default: the preset's — person 0.6, organization 0.8). */
  readonly threshold?: number;
  /** `"average"` (default; guards against chains of weak links) or `"single"` (connected components). */
  readonly linkage?: "average" | "single";
  /**
   * With `"average"` linkage, two clusters merge only if the mean match weight over every pair of
   * records between them — also the pairs blocking never compared, scored on demand — reaches the
   * weight of this probability; `0` turns the check off (default: the preset's, 0.02). See
   * `ClusterOptions.completeLinkThreshold`.
   */
  readonly completeLinkThreshold?: number;
  /** `"dedupe"` (default) compares every pair; `"link"` only pairs from different sources. */
  readonly linkType?: "dedupe" | "link";
  /** At most this many records of one source per entity; `1` links sources one-to-one (default: no limit). */
  readonly maxPerSource?: number;
  /** At most this many distinct values of a field per entity (default: the preset's — 5 emails, 5 phones for people). */
  readonly identifierLimits?: Readonly<Partial<Record<IdentityField, number>>>;
  /** Blocks with more records are skipped and reported (default `500`). */
  readonly maxBlockSize?: number;
  /**
   * Phone region (ISO alpha-2) for numbers without a country code when the record's address has
   * none (default: the most common country of the records' addresses, kept in the state).
   */
  readonly defaultRegion?: string;
  /** How `NN/NN/YYYY` dates are read (default `"DMY"`). */
  readonly dateOrder?: "DMY" | "MDY";
  /** Values treated as missing, per field (`{ email: ["info@shop.com"] }`); reported in the result. */
  readonly blockedValues?: Readonly<Partial<Record<IdentityField, readonly string[]>>>;
  /** Also treat placeholder emails and phones (`test@test.com`, `0000000000`) as missing (default `true`). */
  readonly blockPlaceholders?: boolean;
  /**
   * How emails are normalised before they are compared: `removePlusTag` (`ann+news@x.org` =
   * `ann@x.org`) and `providerRules` (Gmail ignores dots, googlemail.com = gmail.com); both default
   * `true`. Turn them off when such addresses are different people in your data.
   */
  readonly email?: {
    /** Remove a `+tag` from the local part (default `true`). */
    readonly removePlusTag?: boolean;
    /** Apply provider rules: Gmail dots, googlemail.com (default `true`). */
    readonly providerRules?: boolean;
  };
  /** Extra nicknames: canonical name → familiar forms (`{ katarzyna: ["kasia"] }`). */
  readonly nicknames?: Readonly<Record<string, readonly string[]>>;
  /**
   * Threads that score candidate pairs, the calling one included: `1` works on the calling thread
   * only; more start `threads − 1` worker threads (`node:worker_threads`) for the scoring stage
   * (and, from {@link parallelMinRecords} records, for preparation and the u estimate too),
   * while `resolveIdentities` stays synchronous (the calling thread scores its share and waits on
   * shared memory for the rest). The result is the same whatever the number, so it is not kept in
   * the state; a worker that cannot start or fails leaves its share to the calling thread. Default:
   * the processors available, at most 4 (1 where worker threads are not available).
   *
   * @example
   * ```ts
   * resolveIdentities(records, { threads: 1 }); // a machine busy with other work
   * ```
   */
  readonly threads?: number;
  /**
   * Fewest candidate pairs for which scoring starts worker threads (default `200_000`): below it,
   * starting them and handing them the prepared records costs more than it saves.
   */
  readonly parallelMinPairs?: number;
  /**
   * Fewest records for which more than scoring uses worker threads (default `100_000`; `threads`
   * must allow them): preparation runs on two threads (a worker normalises the emails and
   * addresses, the calling thread the rest), and the scoring workers start right after it, so that
   * one estimates u while the calling thread blocks. The result is the same either way.
   */
  readonly parallelMinRecords?: number;
}

const ThresholdSchema = z.number().gt(0).lte(1);

function fail(option: string, message: string): never {
  throw new RangeError(`option "${option}": ${message}`);
}

function check<T>(option: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    fail(option, `${issue.path.length > 0 ? `at ${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return result.data;
}

function emailOptions(email: unknown): { removePlusTag: boolean; providerRules: boolean } {
  return check("email", z.object({ removePlusTag: z.boolean().default(true), providerRules: z.boolean().default(true) }).strict(), email);
}

/**
 * Turns matching options into complete, validated settings.
 *
 * @param options - The options.
 * @returns The settings.
 * @throws RangeError naming the option and the allowed values when an option is invalid.
 */
export function settingsFromOptions(options: MatchOptions): MatchSettings {
  if (options === null || typeof options !== "object") throw new TypeError("options must be an object");
  const presetName = options.preset ?? "person";
  if (presetName !== "person" && presetName !== "organization") fail("preset", `must be "person" or "organization", got ${JSON.stringify(presetName)}`);
  const preset = PRESETS[presetName];
  const comparisons = check("comparisons", z.array(ComparisonSchema).min(1).max(30), options.comparisons ?? preset.comparisons);
  const names = new Set<string>();
  for (const c of comparisons) {
    if (names.has(c.name)) fail("comparisons", `the name "${c.name}" is used twice`);
    names.add(c.name);
  }
  const blocking = check("blocking", z.array(BlockingRuleSchema).min(1).max(30), options.blocking ?? preset.blocking);
  const rules = check("rules", z.array(DeterministicRuleSchema).max(50), options.rules ?? []);
  try {
    compileRules(rules, comparisons);
  } catch (error) {
    fail("rules", (error as Error).message);
  }
  const scoring = options.scoring ?? (rules.length > 0 ? "both" : "probabilistic");
  if (!["probabilistic", "rules", "both"].includes(scoring)) fail("scoring", `must be "probabilistic", "rules" or "both", got ${JSON.stringify(scoring)}`);
  if (scoring !== "probabilistic" && rules.length === 0) fail("scoring", `"${scoring}" needs at least one rule in "rules"`);
  const threshold = check("threshold", ThresholdSchema, options.threshold ?? preset.threshold);
  const completeLinkThreshold = check("completeLinkThreshold", z.number().min(0).lt(1), options.completeLinkThreshold ?? preset.completeLinkThreshold);
  const linkage = options.linkage ?? "average";
  if (linkage !== "average" && linkage !== "single") fail("linkage", `must be "average" or "single", got ${JSON.stringify(linkage)}`);
  const linkType = options.linkType ?? "dedupe";
  if (linkType !== "dedupe" && linkType !== "link") fail("linkType", `must be "dedupe" or "link", got ${JSON.stringify(linkType)}`);
  const maxBlockSize = options.maxBlockSize ?? 500;
  if (!(Number.isInteger(maxBlockSize) && maxBlockSize >= 2)) fail("maxBlockSize", `must be an integer of at least 2, got ${String(maxBlockSize)}`);
  const maxPerSource = options.maxPerSource;
  if (maxPerSource !== undefined && !(Number.isInteger(maxPerSource) && maxPerSource >= 1)) fail("maxPerSource", `must be a positive integer, got ${String(maxPerSource)}`);
  const limits = options.identifierLimits ?? preset.identifierLimits;
  const identifierLimits: { field: IdentityField; max: number }[] = [];
  for (const [field, max] of Object.entries(limits)) {
    if (!isIdentityField(field)) fail("identifierLimits", `unknown field "${field}"; fields are ${IDENTITY_FIELDS.join(", ")}`);
    if (!(Number.isInteger(max) && (max as number) >= 1)) fail("identifierLimits", `${field} must be a positive integer, got ${String(max)}`);
    identifierLimits.push({ field, max: max as number });
  }
  if (options.defaultRegion !== undefined && !/^[A-Za-z]{2}$/.test(options.defaultRegion)) {
    fail("defaultRegion", `must be an ISO 3166-1 alpha-2 code such as "GB", got ${JSON.stringify(options.defaultRegion)}`);
  }
  const dateOrder = options.dateOrder ?? "DMY";
  if (dateOrder !== "DMY" && dateOrder !== "MDY") fail("dateOrder", `must be "DMY" or "MDY", got ${JSON.stringify(dateOrder)}`);
  const blockedValues: [IdentityField, string[]][] = [];
  for (const [field, values] of Object.entries(options.blockedValues ?? {})) {
    if (!isIdentityField(field)) fail("blockedValues", `unknown field "${field}"; fields are ${IDENTITY_FIELDS.join(", ")}`);
    blockedValues.push([field, check(`blockedValues.${field}`, z.array(z.string().max(1_000)).max(100_000), values)]);
  }
  parallelismFromOptions(options); // validated with the rest; it does not enter the settings (results do not depend on it)
  const nicknames = Object.entries(check("nicknames", z.record(z.string().max(100), z.array(z.string().max(100)).max(100)), options.nicknames ?? {}));
  return {
    preset: presetName,
    comparisons,
    blocking,
    rules,
    scoring,
    threshold,
    linkage,
    completeLinkThreshold,
    linkType,
    maxBlockSize,
    ...(maxPerSource !== undefined ? { maxPerSource } : {}),
    identifierLimits,
    prepare: {
      ...(options.defaultRegion !== undefined ? { defaultRegion: options.defaultRegion.toUpperCase() } : {}),
      dateOrder,
      blockedValues,
      blockPlaceholders: options.blockPlaceholders ?? true,
      ...(options.email !== undefined ? { email: emailOptions(options.email) } : {}),
    },
    nicknames: nicknames.map(([k, v]) => [k, [...v]]),
  };
}

/**
 * How scoring may use threads, from matching options.
 *
 * @param options - The options.
 * @returns The validated thread count and thresholds.
 * @throws RangeError naming the option when `threads`, `parallelMinPairs` or `parallelMinRecords` is invalid.
 */
export function parallelismFromOptions(options: MatchOptions): Parallelism {
  const threads = options.threads ?? defaultThreads();
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) fail("threads", `must be an integer from 1 to 64, got ${String(threads)}`);
  const minPairs = options.parallelMinPairs ?? 200_000;
  if (!(Number.isInteger(minPairs) && minPairs >= 0)) fail("parallelMinPairs", `must be a non-negative integer, got ${String(minPairs)}`);
  const minRecords = options.parallelMinRecords ?? 100_000;
  if (!(Number.isInteger(minRecords) && minRecords >= 0)) fail("parallelMinRecords", `must be a non-negative integer, got ${String(minRecords)}`);
  return { threads, minPairs, minRecords };
}

/**
 * Checks that a model fits the settings' comparisons (same names, fields and levels).
 *
 * @param model - The model given as an option.
 * @param settings - The settings.
 * @throws RangeError when the model was trained for other comparisons.
 */
export function checkModelFits(model: FellegiSunterModel, settings: MatchSettings): void {
  if (JSON.stringify(model.comparisons) !== JSON.stringify(settings.comparisons)) {
    fail("model", "was trained for other comparisons than the settings use; pass the same comparisons (or preset) it was trained with");
  }
}
