import type { BlockingRuleInput } from "./blocking.js";
import type { Comparison } from "./comparison.js";

/**
 * The name of a preset: `"person"` resolves customer records into people (names, birth date,
 * emails, phones, addresses); `"organization"` resolves organization records (company or site
 * name, address, phone) into organizations.
 *
 * @example
 * ```ts
 * const preset: PresetName = "person";
 * ```
 */
export type PresetName = "person" | "organization";

/**
 * A preset: comparisons, blocking rules and clustering defaults that work without tuning.
 *
 * @example
 * ```ts
 * const { comparisons, blocking, threshold } = PRESETS.person;
 * ```
 */
export interface Preset {
  /** The comparisons scored. */
  readonly comparisons: readonly Comparison[];
  /** The blocking rules (candidate pairs are their union). */
  readonly blocking: readonly BlockingRuleInput[];
  /** Match probability at or above which clusters merge. */
  readonly threshold: number;
  /** Probability the mean weight over every pair between two clusters must reach for them to merge. */
  readonly completeLinkThreshold: number;
  /** Identifier limits per entity: at most this many distinct values of the field. */
  readonly identifierLimits: Readonly<Partial<Record<"email" | "phone", number>>>;
}

const personComparisons: readonly Comparison[] = [
  {
    name: "given name",
    field: "givenName",
    levels: [
      { kind: "exact", termFrequency: true },
      { kind: "folded" },
      { kind: "pinyin" },
      { kind: "swapped", with: "familyName", min: 0.9 },
      { kind: "nickname" },
      { kind: "jaroWinkler", min: 0.92 },
      { kind: "initial" },
      { kind: "jaroWinkler", min: 0.8 },
      { kind: "crossed", with: "familyName", min: 0.9 },
    ],
  },
  {
    name: "family name",
    field: "familyName",
    levels: [
      { kind: "exact", termFrequency: true },
      { kind: "folded" },
      { kind: "pinyin", surname: true },
      { kind: "swapped", with: "givenName", min: 0.9 },
      { kind: "jaroWinkler", min: 0.92 },
      { kind: "phonetic" },
      { kind: "jaroWinkler", min: 0.8 },
      { kind: "crossed", with: "givenName", min: 0.9 },
    ],
  },
  {
    name: "birth date",
    field: "birthDate",
    levels: [
      { kind: "exact", termFrequency: true },
      { kind: "dateTransposed" },
      { kind: "damerauLevenshtein", max: 1 },
      { kind: "dateWithin", days: 365 },
      { kind: "damerauLevenshtein", max: 2 },
    ],
  },
  {
    name: "email",
    field: "email",
    levels: [{ kind: "exact" }, { kind: "damerauLevenshtein", max: 2 }],
  },
  {
    name: "phone",
    field: "phone",
    levels: [{ kind: "exact" }, { kind: "suffix", length: 9, label: "same last 9 digits" }, { kind: "damerauLevenshtein", max: 1 }],
  },
  {
    // Street, postcode and city are one comparison: they agree together, so counting each as
    // independent evidence would triple the weight of a shared address.
    name: "address",
    field: "address",
    levels: [
      { kind: "exact" },
      { kind: "jaccard", min: 0.6 },
      { kind: "exact", field: "postcode", termFrequency: true },
      { kind: "damerauLevenshtein", max: 1, field: "postcode" },
      { kind: "exact", field: "city", termFrequency: true },
      { kind: "prefix", length: 3, field: "postcode" },
      { kind: "jaroWinkler", min: 0.9, field: "city" },
    ],
  },
  {
    name: "gender",
    field: "gender",
    levels: [{ kind: "exact" }],
  },
  {
    name: "job title",
    field: "jobTitle",
    levels: [{ kind: "exact", termFrequency: true }, { kind: "jaroWinkler", min: 0.9 }],
  },
];

const organizationComparisons: readonly Comparison[] = [
  {
    name: "organization name",
    field: "organizationName",
    levels: [{ kind: "exact", termFrequency: true }, { kind: "jaroWinkler", min: 0.92 }, { kind: "jaccard", min: 0.5 }, { kind: "jaroWinkler", min: 0.8 }],
  },
  {
    name: "address",
    field: "address",
    levels: [
      { kind: "exact", termFrequency: true },
      { kind: "jaccard", min: 0.6 },
      { kind: "jaccard", min: 0.3 },
      { kind: "exact", field: "postcode" },
      { kind: "exact", field: "city" },
    ],
  },
  {
    // Sites of one organization often share its central number: a shared phone counts by how rare it is.
    name: "phone",
    field: "phone",
    levels: [{ kind: "exact", termFrequency: true }, { kind: "damerauLevenshtein", max: 1 }],
  },
  {
    // Two sites of one organization on one street differ in the house number; two records of one
    // site share it however the street is written ("3701 W Ogden Ave" / "3701 W. Ogden").
    name: "house number",
    field: "address",
    levels: [{ kind: "numeric", max: 0, label: "same house number" }],
  },
  {
    name: "email",
    field: "email",
    levels: [{ kind: "exact" }],
  },
];

/**
 * The built-in presets.
 *
 * @example
 * ```ts
 * PRESETS.person.comparisons.map((c) => c.name); // ["given name", "family name", "birth date", …]
 * ```
 */
export const PRESETS: Readonly<Record<PresetName, Preset>> = Object.freeze({
  person: {
    comparisons: personComparisons,
    // Broad rules carry their own, smaller block cap and a budget of comparisons per record: a
    // block of a common name in a big city is skipped (its pairs are found by the narrower
    // rules), so comparisons grow about linearly with the data.
    blocking: [
      { name: "email", keys: [{ field: "email" }] },
      { name: "email user", keys: [{ field: "email", transform: "localPart" }], maxBlockSize: 30, comparisonsPerRecord: 1 },
      { name: "phone", keys: [{ field: "phone", transform: "suffix", length: 9 }] },
      { name: "family sound + birth year", keys: [{ field: "familyName", transform: "phonetic" }, { field: "birthDate", transform: "year" }], maxBlockSize: 100, comparisonsPerRecord: 3 },
      { name: "family sound + given initial", keys: [{ field: "familyName", transform: "phonetic" }, { field: "givenName", transform: "initial" }], maxBlockSize: 50, comparisonsPerRecord: 3 },
      { name: "given sound + birth date", keys: [{ field: "givenName", transform: "phonetic" }, { field: "birthDate" }] },
      { name: "birth date + postcode", keys: [{ field: "birthDate" }, { field: "postcode" }] },
      { name: "birth date + city", keys: [{ field: "birthDate" }, { field: "city" }] },
      { name: "birth date + given initial", keys: [{ field: "birthDate" }, { field: "givenName", transform: "initial" }] },
      { name: "postcode + given initial", keys: [{ field: "postcode" }, { field: "givenName", transform: "initial" }], maxBlockSize: 100, comparisonsPerRecord: 3 },
      { name: "name sounds", keys: [{ field: "fullName", transform: "sortedSounds" }], maxBlockSize: 50, comparisonsPerRecord: 3 },
      { name: "house number + street + city", keys: [{ field: "address", transform: "words", length: 2 }, { field: "city" }], maxBlockSize: 50, comparisonsPerRecord: 1 },
      { name: "street word + postcode", keys: [{ field: "address", transform: "wordSounds" }, { field: "postcode" }], maxBlockSize: 30, comparisonsPerRecord: 1 },
      { name: "name word + birth year", keys: [{ field: "fullName", transform: "wordSounds" }, { field: "birthDate", transform: "year" }], maxBlockSize: 30, comparisonsPerRecord: 3 },
      { name: "name word + postcode", keys: [{ field: "fullName", transform: "wordSounds" }, { field: "postcode" }], maxBlockSize: 30, comparisonsPerRecord: 3 },
      { name: "name word + city", keys: [{ field: "fullName", transform: "wordSounds" }, { field: "city" }], maxBlockSize: 30, comparisonsPerRecord: 6 },
    ],
    threshold: 0.6,
    // Two groups of records merge only if, over every pair between them, the evidence on average
    // is not strongly against: a few strong pairs do not bridge two different people.
    completeLinkThreshold: 0.02,
    identifierLimits: { email: 5, phone: 5 },
  },
  organization: {
    comparisons: organizationComparisons,
    blocking: [
      { name: "organization name", keys: [{ field: "organizationName" }] },
      { name: "street line", keys: [{ field: "address" }] },
      { name: "phone", keys: [{ field: "phone" }] },
      { name: "email", keys: [{ field: "email" }] },
      { name: "name start + postcode", keys: [{ field: "organizationName", transform: "words", length: 1 }, { field: "postcode" }] },
      { name: "house number + street start", keys: [{ field: "address", transform: "prefix", length: 8 }] },
    ],
    threshold: 0.8,
    completeLinkThreshold: 0.02,
    identifierLimits: {},
  },
});
