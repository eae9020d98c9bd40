import { z } from "zod";
import { IdSchema, MAX_LONG_TEXT_LENGTH, OptionalTextSchema, TextListSchema, parseRows } from "../customer/index.js";
import type { ParseResult } from "../customer/index.js";
import type { ItemListOptions, RelatedItem } from "./also-bought.js";
import { checkK, pickList } from "./list.js";
import { prepareRules } from "./rules.js";
import { findSorted } from "./sorted-ids.js";
import { checkAsOf } from "./time.js";

/**
 * What an item is like, for "similar in style": category, tags, price band, price and free-text
 * descriptors. Every attribute is optional.
 *
 * @example
 * ```ts
 * ItemAttributesSchema.parse({
 *   itemId: "CD-123", category: "jazz", tags: ["vocal", "live"], priceBand: "mid",
 *   priceMinor: 1299, description: "Live recordings of vocal jazz standards",
 * });
 * ```
 */
export const ItemAttributesSchema = z.object({
  /** The item. */
  itemId: IdSchema,
  /** Category. */
  category: OptionalTextSchema,
  /** Tags (a single string is one tag). */
  tags: TextListSchema.optional(),
  /** Price band (`"budget"`, `"mid"`, `"premium"`, …). */
  priceBand: OptionalTextSchema,
  /** Price in minor units, ≥ 0. */
  priceMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Free-text descriptors: a name, a description. */
  description: z.string().max(MAX_LONG_TEXT_LENGTH).optional(),
});

/**
 * The attributes of one item; see {@link ItemAttributesSchema}.
 *
 * @example
 * ```ts
 * const item: ItemAttributes = { itemId: "CD-123", category: "jazz", tags: ["vocal"] };
 * ```
 */
export interface ItemAttributes {
  /** The item. */
  readonly itemId: string;
  /** Category. */
  readonly category?: string | undefined;
  /** Tags. */
  readonly tags?: readonly string[] | undefined;
  /** Price band. */
  readonly priceBand?: string | undefined;
  /** Price in minor units. */
  readonly priceMinor?: number | undefined;
  /** Free-text descriptors. */
  readonly description?: string | undefined;
}

/**
 * Parses untyped rows into {@link ItemAttributes}, accounting for every row.
 *
 * @param rows - Untyped rows.
 * @returns Accepted attributes and rejected rows with reasons.
 * @example
 * ```ts
 * const { ok, rejected } = parseItemAttributes([{ itemId: "A", category: "jazz" }, { category: "pop" }]);
 * rejected[0]?.issues[0]?.path; // ["itemId"]
 * ```
 */
export function parseItemAttributes(rows: Iterable<unknown>): ParseResult<ItemAttributes> {
  return parseRows(ItemAttributesSchema, rows);
}

/**
 * A catalogue indexed for attribute similarity, in plain arrays (JSON round-trips it). Text is
 * normalised (NFKC, lower case); descriptions become TF-IDF vectors of unit length.
 *
 * @example
 * ```ts
 * const { index } = buildStyleIndex(catalogue);
 * const copy: StyleIndex = JSON.parse(JSON.stringify(index));
 * ```
 */
export interface StyleIndex {
  /** Format tag. */
  readonly format: "idic.recommend.style";
  /** Format version. */
  readonly version: 1;
  /** Item ids, sorted. */
  readonly items: string[];
  /** Normalised category per item, or `null`. */
  readonly categories: (string | null)[];
  /** Normalised price band per item, or `null`. */
  readonly priceBands: (string | null)[];
  /** Price in minor units per item, or `null`. */
  readonly prices: (number | null)[];
  /** Normalised tags per item, sorted and unique. */
  readonly tags: string[][];
  /** Description words, sorted. */
  readonly vocabulary: string[];
  /** Per word, the number of items whose description has it. */
  readonly documentFrequency: number[];
  /** Per item, the word indices of its description (ascending). */
  readonly terms: number[][];
  /** Per item, the TF-IDF weight of each of its words (unit length). */
  readonly termWeights: number[][];
}

/**
 * The outcome of {@link buildStyleIndex}: the index and the ids that occurred more than once (of
 * those, the entry whose attributes sort first is kept, so the result does not depend on order).
 *
 * @example
 * ```ts
 * const { index, duplicates } = buildStyleIndex(catalogue);
 * ```
 */
export interface BuiltStyleIndex {
  /** The index. */
  readonly index: StyleIndex;
  /** Item ids given more than once. */
  readonly duplicates: string[];
}

/** Normalises a short text for comparison: NFKC, trimmed, lower case. */
function normalise(text: string | undefined): string | null {
  if (typeof text !== "string") return null;
  const t = text.normalize("NFKC").trim().toLowerCase();
  return t === "" ? null : t;
}

/** Words of a description: runs of letters or digits (Han characters one by one), 2+ characters or Han. */
function tokenize(text: string | undefined): string[] {
  if (typeof text !== "string") return [];
  const words = text.normalize("NFKC").toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length >= 2 || /\p{Script=Han}/u.test(w));
}

function canonicalKey(a: ItemAttributes): string {
  return JSON.stringify([a.category ?? "", a.priceBand ?? "", a.priceMinor ?? -1, [...(a.tags ?? [])].sort(), a.description ?? ""]);
}

/**
 * Indexes item attributes for {@link similarInStyle}.
 *
 * @param items - Item attributes (validate untyped rows with {@link parseItemAttributes}).
 * @returns The index and the duplicated ids.
 * @example
 * ```ts
 * const { index } = buildStyleIndex([
 *   { itemId: "A", category: "jazz", tags: ["vocal"], description: "Vocal jazz, live" },
 *   { itemId: "B", category: "jazz", tags: ["piano"], description: "Jazz piano trio" },
 * ]);
 * ```
 */
export function buildStyleIndex(items: readonly ItemAttributes[]): BuiltStyleIndex {
  const chosen = new Map<string, { item: ItemAttributes; key: string }>();
  const duplicates = new Set<string>();
  for (const item of items) {
    if (item === null || typeof item !== "object" || typeof item.itemId !== "string" || item.itemId === "") {
      throw new TypeError("items must be ItemAttributes with a non-empty itemId; validate rows with parseItemAttributes");
    }
    const key = canonicalKey(item);
    const current = chosen.get(item.itemId);
    if (current !== undefined) {
      duplicates.add(item.itemId);
      if (current.key <= key) continue;
    }
    chosen.set(item.itemId, { item, key });
  }
  const ids = [...chosen.keys()].sort();
  const kept = ids.map((id) => (chosen.get(id) as { item: ItemAttributes }).item);
  const words = kept.map((a) => tokenize(a.description));
  const df = new Map<string, number>();
  for (const w of words) for (const t of new Set(w)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocabulary = [...df.keys()].sort();
  const documentFrequency = vocabulary.map((t) => df.get(t) as number);
  const vectors = words.map((w) => termVector(w, vocabulary, documentFrequency, kept.length));
  return {
    index: {
      format: "idic.recommend.style",
      version: 1,
      items: ids,
      categories: kept.map((a) => normalise(a.category)),
      priceBands: kept.map((a) => normalise(a.priceBand)),
      prices: kept.map((a) => (typeof a.priceMinor === "number" && Number.isFinite(a.priceMinor) ? a.priceMinor : null)),
      tags: kept.map((a) => normalisedTags(a.tags)),
      vocabulary,
      documentFrequency,
      terms: vectors.map((v) => v.terms),
      termWeights: vectors.map((v) => v.weights),
    },
    duplicates: [...duplicates].sort(),
  };
}

function normalisedTags(tags: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const t of tags ?? []) {
    const n = normalise(t);
    if (n !== null) out.add(n);
  }
  return [...out].sort();
}

/** TF-IDF vector of unit length over the vocabulary; words outside it are dropped. */
function termVector(words: readonly string[], vocabulary: readonly string[], df: readonly number[], n: number): { terms: number[]; weights: number[] } {
  const tf = new Map<number, number>();
  for (const w of words) {
    const t = findSorted(vocabulary, w);
    if (t >= 0) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  const terms = [...tf.keys()].sort((a, b) => a - b);
  const weights = terms.map((t) => (tf.get(t) as number) * (Math.log((1 + n) / (1 + (df[t] as number))) + 1));
  let squares = 0;
  for (const w of weights) squares += w * w;
  const norm = Math.sqrt(squares);
  return { terms, weights: weights.map((w) => (norm > 0 ? w / norm : 0)) };
}

/**
 * Weights of the attributes in {@link similarInStyle}; each ≥ 0.
 *
 * @example
 * ```ts
 * const weights: StyleWeights = { category: 2, tags: 1, priceBand: 0, price: 1, description: 1 };
 * ```
 */
export interface StyleWeights {
  /** Same category (default 1). */
  readonly category?: number;
  /** Jaccard index of the tag sets (default 1). */
  readonly tags?: number;
  /** Same price band (default 0.5). */
  readonly priceBand?: number;
  /** Price closeness, 1 − |ln(p/q)| ÷ ln(priceRatioLimit), floored at 0 (default 0.5). */
  readonly price?: number;
  /** Cosine of the descriptions' TF-IDF vectors (default 1). */
  readonly description?: number;
}

/**
 * An attribute that two items share.
 *
 * @example
 * ```ts
 * const feature: StyleFeature = "tags";
 * ```
 */
export type StyleFeature = "category" | "tags" | "priceBand" | "price" | "description";

/** Attribute features of one item, ready to compare (internal). */
export interface StyleFeatures {
  /** Category or null. */
  readonly category: string | null;
  /** Price band or null. */
  readonly priceBand: string | null;
  /** Price or null. */
  readonly price: number | null;
  /** Sorted tags. */
  readonly tags: readonly string[];
  /** Word indices. */
  readonly terms: readonly number[];
  /** Word weights. */
  readonly termWeights: readonly number[];
}

/** Resolved weights and price tolerance (internal). */
export interface StyleMeasure {
  /** Weight per feature. */
  readonly weights: Readonly<Record<StyleFeature, number>>;
  /** ln of the price ratio at which price closeness reaches 0. */
  readonly logPriceLimit: number;
}

/**
 * Resolves style weights and the price ratio limit.
 *
 * @param weights - The caller's weights.
 * @param priceRatioLimit - Price ratio at which closeness reaches 0 (> 1).
 */
export function resolveStyleMeasure(weights: StyleWeights | undefined, priceRatioLimit: number | undefined): StyleMeasure {
  const resolved: Record<StyleFeature, number> = { category: 1, tags: 1, priceBand: 0.5, price: 0.5, description: 1 };
  for (const f of Object.keys(resolved) as StyleFeature[]) {
    const w = weights?.[f];
    if (w === undefined) continue;
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) throw new RangeError(`weights.${f} must be a finite number ≥ 0, got ${String(w)}`);
    resolved[f] = w;
  }
  const limit = priceRatioLimit ?? 3;
  if (typeof limit !== "number" || !(limit > 1) || !Number.isFinite(limit)) throw new RangeError(`priceRatioLimit must be a finite number > 1, got ${String(priceRatioLimit)}`);
  return { weights: resolved, logPriceLimit: Math.log(limit) };
}

/** The features of the item at position `s` of the index. */
export function indexedFeatures(index: StyleIndex, s: number): StyleFeatures {
  return {
    category: index.categories[s] ?? null,
    priceBand: index.priceBands[s] ?? null,
    price: index.prices[s] ?? null,
    tags: index.tags[s] ?? [],
    terms: index.terms[s] ?? [],
    termWeights: index.termWeights[s] ?? [],
  };
}

/** The features of attributes not in the index, with the index's word statistics. */
function attributeFeatures(index: StyleIndex, a: ItemAttributes): StyleFeatures {
  const v = termVector(tokenize(a.description), index.vocabulary, index.documentFrequency, index.items.length);
  return {
    category: normalise(a.category),
    priceBand: normalise(a.priceBand),
    price: typeof a.priceMinor === "number" && Number.isFinite(a.priceMinor) ? a.priceMinor : null,
    tags: normalisedTags(a.tags),
    terms: v.terms,
    termWeights: v.weights,
  };
}

function tagJaccard(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union > 0 ? both / union : 0;
}

function termCosine(a: StyleFeatures, b: StyleFeatures): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i] as number;
    const y = b.terms[j] as number;
    if (x === y) dot += (a.termWeights[i++] as number) * (b.termWeights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** Per-feature similarities of q to c in [0, 1], for the features q has (internal). */
export function featureSimilarities(m: StyleMeasure, q: StyleFeatures, c: StyleFeatures): { score: number; matches: StyleFeature[] } {
  let total = 0;
  let weight = 0;
  const matches: StyleFeature[] = [];
  const add = (f: StyleFeature, present: boolean, s: number): void => {
    if (!present || m.weights[f] === 0) return;
    weight += m.weights[f];
    total += m.weights[f] * s;
    if (s > 0) matches.push(f);
  };
  add("category", q.category !== null, q.category !== null && q.category === c.category ? 1 : 0);
  add("tags", q.tags.length > 0, tagJaccard(q.tags, c.tags));
  add("priceBand", q.priceBand !== null, q.priceBand !== null && q.priceBand === c.priceBand ? 1 : 0);
  add("price", q.price !== null, priceCloseness(m, q.price, c.price));
  add("description", q.terms.length > 0, termCosine(q, c));
  return { score: weight > 0 ? total / weight : 0, matches };
}

function priceCloseness(m: StyleMeasure, p: number | null, q: number | null): number {
  if (p === null || q === null) return 0;
  if (p === q) return 1;
  if (!(p > 0 && q > 0)) return 0;
  return Math.max(0, 1 - Math.abs(Math.log(p / q)) / m.logPriceLimit);
}

/**
 * Similarity in style of `q` to every indexed item (internal): a Float64Array over the index,
 * 0 for the item itself when it is indexed.
 */
export function styleScores(index: StyleIndex, m: StyleMeasure, q: StyleFeatures, self: number): Float64Array {
  const out = new Float64Array(index.items.length);
  for (let s = 0; s < out.length; s++) if (s !== self) out[s] = featureSimilarities(m, q, indexedFeatures(index, s)).score;
  return out;
}

/** The features of an item given by id or attributes, and its position in the index (−1 if new). */
export function queryFeatures(index: StyleIndex, item: string | ItemAttributes): { features: StyleFeatures | undefined; self: number } {
  if (typeof item === "string") {
    const s = findSorted(index.items, item);
    return { features: s < 0 ? undefined : indexedFeatures(index, s), self: s };
  }
  const s = findSorted(index.items, item.itemId);
  return { features: attributeFeatures(index, item), self: s };
}

/**
 * Options of {@link similarInStyle}.
 *
 * @example
 * ```ts
 * const options: SimilarInStyleOptions = { k: 5, weights: { category: 2, description: 1 }, priceRatioLimit: 2 };
 * ```
 */
export interface SimilarInStyleOptions extends ItemListOptions {
  /** Attribute weights (defaults in {@link StyleWeights}). */
  readonly weights?: StyleWeights;
  /** Price ratio at which price closeness reaches 0, > 1 (default 3). */
  readonly priceRatioLimit?: number;
}

/**
 * "Similar in style": the items whose attributes are most like this one's. The score is the
 * weighted mean of per-attribute similarities over the attributes the query item has — same
 * category, Jaccard index of tags, same price band, price closeness, cosine of TF-IDF description
 * vectors (Salton & Buckley 1988) — so it lies in [0, 1]. A new item that is not indexed can be
 * given by its attributes (cold start for new items).
 *
 * @param index - The style index.
 * @param item - An indexed item id, or the attributes of any item.
 * @param options - See {@link SimilarInStyleOptions}.
 * @returns Up to `k` items, best first, with the attributes each shares with the query; empty
 *   for an id the index does not hold.
 * @throws RangeError for an invalid `k`, weight or rule.
 * @example
 * ```ts
 * similarInStyle(index, "CD-123", { k: 5 });
 * similarInStyle(index, { itemId: "NEW-1", category: "jazz", tags: ["vocal"] }, { k: 5 });
 * ```
 */
export function similarInStyle(index: StyleIndex, item: string | ItemAttributes, options: SimilarInStyleOptions = {}): RelatedItem[] {
  const k = checkK(options.k ?? 10);
  const measure = resolveStyleMeasure(options.weights, options.priceRatioLimit);
  const { features, self } = queryFeatures(index, item);
  if (features === undefined) return [];
  const scores = styleScores(index, measure, features, self);
  const rules = prepareRules(options.rules ?? {}, options.facts, { asOf: checkAsOf(options.asOf) });
  const picked = pickList(scores, index.items, (id) => findSorted(index.items, id), k, rules, (a, b) => featureSimilarities(measure, indexedFeatures(index, a.order), indexedFeatures(index, b.order)).score);
  return picked.map((c) => ({
    itemId: c.itemId,
    score: c.score,
    coBuyers: 0,
    styleMatches: featureSimilarities(measure, features, indexedFeatures(index, c.order)).matches,
  }));
}
