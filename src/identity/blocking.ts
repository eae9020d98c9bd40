import { z } from "zod";
import { foldChinese, parseDateParts } from "./normalize/index.js";
import { nameSounds, pinyinTexts, wordSoundLists } from "./features.js";
import { IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import type { PreparedRecords } from "./prepare.js";

/**
 * One part of a blocking key: a field and how its value is reduced. Transforms: `value` (the
 * normalised value), `phonetic` (Double Metaphone of the name romanised to pinyin, so 陈 and
 * "Chen" share a key), `sortedSounds` (the Double Metaphone codes of the words, sorted, so "John
 * Smith" and "SMITH John" share a key), `folded` (Traditional → Simplified), `pinyin`, `initial` (first
 * character), `year` (of a date), `prefix` / `suffix` (the first / last `length` characters, e.g.
 * the last 7 digits of a phone), `words` (the first `length` words, e.g. house number and street),
 * `wordSounds` (one key per word: its Double Metaphone code — a record then sits in several blocks,
 * which finds a surname typed into the given-name field), `localPart` (an email's user name, before
 * the `@`, so a mistyped domain still meets).
 *
 * @example
 * ```ts
 * const key: BlockingKey = { field: "familyName", transform: "phonetic" };
 * ```
 */
export const BlockingKeySchema = z
  .object({
    /** The field the key is taken from. */
    field: z.enum(IDENTITY_FIELDS as [IdentityField, ...IdentityField[]]),
    /** How the value is reduced (default `"value"`). */
    transform: z.enum(["value", "phonetic", "sortedSounds", "folded", "pinyin", "initial", "year", "prefix", "suffix", "words", "wordSounds", "localPart"]).default("value"),
    /** Number of characters for `prefix` and `suffix`, of words for `words`. */
    length: z.number().int().min(1).max(64).optional(),
  })
  .refine((k) => (k.transform === "prefix" || k.transform === "suffix" || k.transform === "words") === (k.length !== undefined), {
    message: "length is required for the prefix, suffix and words transforms and allowed only for them",
    path: ["length"],
  });
/** One part of a blocking key; see {@link BlockingKeySchema}. */
export type BlockingKey = z.infer<typeof BlockingKeySchema>;
/** A blocking key as accepted before defaults are applied. */
export type BlockingKeyInput = z.input<typeof BlockingKeySchema>;

/**
 * A blocking rule: records that agree on every part of the key are compared. The candidate pairs
 * are the union over all rules; a record with several values (two emails) gets several keys.
 *
 * @example
 * ```ts
 * const rule: BlockingRule = BlockingRuleSchema.parse({
 *   name: "family sound + birth year",
 *   keys: [{ field: "familyName", transform: "phonetic" }, { field: "birthDate", transform: "year" }],
 * });
 * ```
 */
export const BlockingRuleSchema = z.object({
  /** Name shown in the blocking report. */
  name: z.string().min(1).max(100),
  /** The key parts, all of which must agree. */
  keys: z.array(BlockingKeySchema).min(1).max(8),
  /** Blocks of this rule with more records are skipped (default: the index's `maxBlockSize`). */
  maxBlockSize: z.number().int().min(2).optional(),
  /**
   * At most this many comparisons per record for the rule: when its blocks would generate more,
   * the largest blocks are skipped until they fit (the block cap is lowered). Keeps broad rules
   * (a name word and a city) from growing quadratically with the data. Default: no budget.
   */
  comparisonsPerRecord: z.number().gt(0).optional(),
});
/** A blocking rule; see {@link BlockingRuleSchema}. */
export type BlockingRule = z.infer<typeof BlockingRuleSchema>;
/** A blocking rule as accepted before defaults are applied. */
export type BlockingRuleInput = z.input<typeof BlockingRuleSchema>;

/**
 * Options of {@link buildBlockingIndex}.
 *
 * @example
 * ```ts
 * const options: BlockingOptions = { maxBlockSize: 500, linkType: "dedupe" };
 * ```
 */
export interface BlockingOptions {
  /** Blocks with more records are skipped and reported (default `500`). */
  readonly maxBlockSize?: number;
  /** `"dedupe"`: every pair may be compared; `"link"`: only pairs from different sources (default `"dedupe"`). */
  readonly linkType?: "dedupe" | "link";
  /** Restrict the index to these record indices (default: all records). */
  readonly subset?: readonly number[];
}

/**
 * A block of a blocking report: its key as readable text and its size.
 *
 * @example
 * ```ts
 * const block: BlockSize = { key: "smith | 1980", records: 41 };
 * ```
 */
export interface BlockSize {
  /** The key, parts joined by `" | "`. */
  readonly key: string;
  /** Records in the block. */
  readonly records: number;
}

/**
 * What one blocking rule generates.
 *
 * @example
 * ```ts
 * const { name, comparisons, newComparisons, largestBlocks } = report.rules[0]!;
 * ```
 */
export interface BlockingRuleReport {
  /** The rule's name. */
  readonly name: string;
  /** Blocks with two or more records. */
  readonly blocks: number;
  /** Records that have no key for this rule (a part is missing). */
  readonly recordsWithoutKey: number;
  /** Pairs the rule generates on its own (capped blocks excluded). */
  readonly comparisons: number;
  /** Pairs it adds to the earlier rules' pairs. */
  readonly newComparisons: number;
  /** The largest blocks (at most 5). */
  readonly largestBlocks: readonly BlockSize[];
  /** Blocks over the rule's cap, skipped. */
  readonly cappedBlocks: readonly BlockSize[];
  /** The rule's block cap: its `maxBlockSize`, lowered when needed to fit `comparisonsPerRecord`. */
  readonly maxBlockSize: number;
}

/**
 * The blocking report: comparisons per rule and in total, the largest blocks, and what was capped.
 *
 * @example
 * ```ts
 * const { totalComparisons, rules } = planBlocking(prepared, rules).report;
 * ```
 */
export interface BlockingReport {
  /** One entry per rule, in order. */
  readonly rules: readonly BlockingRuleReport[];
  /** Distinct pairs over all rules: the comparisons that will be scored. */
  readonly totalComparisons: number;
  /** The block size cap used. */
  readonly maxBlockSize: number;
  /** Records indexed. */
  readonly records: number;
  /** All pairs there are (for the reduction ratio). */
  readonly possibleComparisons: number;
}

/** The keys of one rule for every record, and its blocks. */
/**
 * One rule's part of a {@link BlockingIndex}: every record's keys and the blocks they form.
 *
 * @example
 * ```ts
 * const { keyText, blockStart } = index.byRule[0]!;
 * keyText(0); // "smith | 1970"
 * ```
 */
export interface BlockingRuleIndex {
  /** The rule. */
  readonly rule: BlockingRule;
  /** Blocks with more records are skipped (the rule's cap, lowered to fit its comparison budget). */
  readonly cap: number;
  /** Start of each record's keys in `keyIds` (length = records + 1). */
  readonly keyOffsets: Int32Array;
  /** Key ids of every record, record after record. */
  readonly keyIds: Int32Array;
  /** Start of each key's block in `members` (length = keys + 1). */
  readonly blockStart: Int32Array;
  /** The records of every block, block after block, ascending within a block. */
  readonly members: Int32Array;
  /** Readable text of a key, by key id (built on request: most keys are never shown). */
  readonly keyText: (key: number) => string;
}

/**
 * The blocks of every rule over prepared records, ready to enumerate candidate pairs; built by
 * {@link buildBlockingIndex}.
 *
 * @example
 * ```ts
 * const index = buildBlockingIndex(prepared, rules);
 * const { left, right } = listCandidatePairs(index);
 * ```
 */
export interface BlockingIndex {
  /** The prepared records indexed. */
  readonly prepared: PreparedRecords;
  /** The rules. */
  readonly rules: readonly BlockingRule[];
  /** The block size cap. */
  readonly maxBlockSize: number;
  /** The link type. */
  readonly linkType: "dedupe" | "link";
  /** Per rule: keys, blocks and key texts. */
  readonly byRule: readonly BlockingRuleIndex[];
}

const MAX_KEYS_PER_RECORD = 32;

/** Key spaces up to this size are indexed by a typed array rather than a map. */
const MAX_DIRECT_KEYS = 1 << 24;

/** The reduced values of each dictionary entry for one key part, as interned ids (usually one). */
function partFeature(prepared: PreparedRecords, key: BlockingKey): { ids: readonly (readonly number[])[]; texts: readonly string[] } {
  const dict = prepared.columns[key.field].dictionary;
  const length = key.length ?? 0;
  const surname = key.field === "familyName";
  const name = `block:${key.transform}:${length}:${surname ? "surname" : ""}`;
  const one = (value: string | undefined): string[] => (value === undefined || value === "" ? [] : [value]);
  let derive: (value: string, id: number) => string[];
  switch (key.transform) {
    case "value":
      derive = (v) => [v];
      break;
    case "phonetic": {
      const sounds = nameSounds(dict, surname);
      derive = (_v, id) => one(sounds[id]);
      break;
    }
    case "sortedSounds": {
      const lists = wordSoundLists(dict, surname);
      derive = (_v, id) => one([...lists[id]!].sort().join(" "));
      break;
    }
    case "wordSounds": {
      const lists = wordSoundLists(dict, surname);
      derive = (_v, id) => [...lists[id]!];
      break;
    }
    case "folded":
      derive = (v) => one(foldChinese(v));
      break;
    case "pinyin": {
      const texts = pinyinTexts(dict, surname);
      derive = (_v, id) => one(texts[id]);
      break;
    }
    case "initial":
      derive = (v) => one(String.fromCodePoint(v.codePointAt(0) ?? 32).trim());
      break;
    case "year":
      derive = (v) => {
        const parts = parseDateParts(v);
        return parts === undefined ? [] : [String(parts.year)];
      };
      break;
    case "prefix":
      derive = (v) => one(v.slice(0, length));
      break;
    case "suffix":
      derive = (v) => one(v.slice(-length));
      break;
    case "words":
      derive = (v) => one(v.split(" ").slice(0, length).join(" "));
      break;
    case "localPart":
      derive = (v) => (v.lastIndexOf("@") > 0 ? [v.slice(0, v.lastIndexOf("@"))] : []);
      break;
  }
  const ids = dict.listFeature(name, derive);
  return { ids, texts: dict.listValues(name) };
}

/**
 * One array shared by the rules of an index for their array-indexed key spaces: a large typed
 * array per rule would count as new outside-heap memory each time and set off full collections.
 */
class DirectKeys {
  private table = new Int32Array(0);

  /** A zeroed table of at least `size` entries (valid until the next call). */
  take(size: number): Int32Array {
    if (this.table.length < size) this.table = new Int32Array(size);
    else this.table.fill(0, 0, size);
    return this.table;
  }
}

function indexRule(prepared: PreparedRecords, rule: BlockingRule, members: readonly number[], defaultCap: number, directKeys: DirectKeys): BlockingRuleIndex {
  const n = prepared.size;
  const parts = rule.keys.map((key) => ({ column: prepared.columns[key.field], ...partFeature(prepared, key) }));
  // Keys are numbers (mixed radix over the parts' key ids) when they fit, else strings.
  const radix = parts.map((p) => p.texts.length + 1);
  const keySpace = radix.reduce((a, b) => a * b, 1);
  const numeric = keySpace < Number.MAX_SAFE_INTEGER;
  // A small key space is indexed by an array (id + 1 per key, 0 for none) instead of a map.
  const direct = keySpace <= MAX_DIRECT_KEYS ? directKeys.take(keySpace) : undefined;
  const keyIndex = new Map<string | number, number>();
  const keyParts: number[] = [];
  let keyCount = 0;
  const keyOffsets = new Int32Array(n + 1);
  const keyIds: number[] = [];
  const combo: number[] = new Array<number>(parts.length).fill(0);
  let current = 0;
  const addKey = (): void => {
    let key: string | number;
    if (numeric) {
      key = 0;
      for (let p = 0; p < parts.length; p++) key = key * radix[p]! + combo[p]!;
    } else key = combo.join("|");
    let id = direct !== undefined ? direct[key as number]! - 1 : (keyIndex.get(key) ?? -1);
    if (id < 0) {
      id = keyCount++;
      if (direct !== undefined) direct[key as number] = id + 1;
      else keyIndex.set(key, id);
      for (const part of combo) keyParts.push(part);
    }
    if (!keyIds.includes(id, keyOffsets[current]!)) keyIds.push(id);
  };
  // Depth-first over the cross product of the parts' key ids, at most MAX_KEYS_PER_RECORD keys.
  const expand = (p: number, i: number): void => {
    if (p === parts.length) {
      if (keyIds.length - keyOffsets[current]! < MAX_KEYS_PER_RECORD) addKey();
      return;
    }
    const { column, ids } = parts[p]!;
    for (let v = column.offsets[i]!; v < column.offsets[i + 1]!; v++) {
      for (const id of ids[column.values[v]!]!) {
        combo[p] = id;
        expand(p + 1, i);
      }
    }
  };
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    keyOffsets[i] = keyIds.length;
    if (members[cursor] !== i) continue;
    cursor++;
    current = i;
    expand(0, i);
  }
  keyOffsets[n] = keyIds.length;
  const k = keyCount;
  const width = parts.length;
  const flatParts = Int32Array.from(keyParts);
  const ids = Int32Array.from(keyIds);
  const keyText = (key: number): string => parts.map((part, p) => part.texts[flatParts[key * width + p]!]!).join(" | ");
  const blockStart = new Int32Array(k + 1);
  for (const id of ids) blockStart[id + 1] = blockStart[id + 1]! + 1;
  for (let x = 0; x < k; x++) blockStart[x + 1] = blockStart[x + 1]! + blockStart[x]!;
  const fill = blockStart.slice(0, k);
  const membersOut = new Int32Array(ids.length);
  for (let i = 0; i < n; i++) {
    for (let x = keyOffsets[i]!; x < keyOffsets[i + 1]!; x++) {
      const id = ids[x]!;
      membersOut[fill[id]!] = i;
      fill[id] = fill[id]! + 1;
    }
  }
  const cap = budgetedCap(blockStart, rule.maxBlockSize ?? defaultCap, rule.comparisonsPerRecord === undefined ? Infinity : rule.comparisonsPerRecord * members.length);
  return { rule, cap, keyOffsets, keyIds: ids, blockStart, members: membersOut, keyText };
}

/**
 * The largest block size up to `cap` whose blocks (all blocks of that size or smaller) generate
 * at most `budget` pairs.
 */
function budgetedCap(blockStart: Int32Array, cap: number, budget: number): number {
  if (!Number.isFinite(budget)) return cap;
  const pairsBySize = new Map<number, number>();
  for (let k = 0; k + 1 < blockStart.length; k++) {
    const size = blockStart[k + 1]! - blockStart[k]!;
    if (size >= 2 && size <= cap) pairsBySize.set(size, (pairsBySize.get(size) ?? 0) + (size * (size - 1)) / 2);
  }
  let total = 0;
  let allowed = 1;
  for (const size of [...pairsBySize.keys()].sort((a, b) => a - b)) {
    total += pairsBySize.get(size)!;
    if (total > budget) break;
    allowed = size;
  }
  return Math.max(1, Math.min(cap, allowed));
}

/**
 * Computes every rule's blocking keys and blocks over prepared records (no pair is enumerated
 * yet). Keys are built from normalised values and their derived features, so the same rules can
 * be written as SQL equality joins.
 *
 * @param prepared - The prepared records.
 * @param rules - The blocking rules (validated, see {@link BlockingRuleSchema}).
 * @param options - Block cap, link type, subset; see {@link BlockingOptions}.
 * @returns The index.
 * @throws RangeError when `maxBlockSize` is not an integer ≥ 2 or a subset index is out of range.
 * @example
 * ```ts
 * const index = buildBlockingIndex(prepared, [BlockingRuleSchema.parse({ name: "email", keys: [{ field: "email" }] })]);
 * ```
 */
export function buildBlockingIndex(prepared: PreparedRecords, rules: readonly BlockingRule[], options: BlockingOptions = {}): BlockingIndex {
  const maxBlockSize = options.maxBlockSize ?? 500;
  if (!(Number.isInteger(maxBlockSize) && maxBlockSize >= 2)) throw new RangeError(`maxBlockSize must be an integer of at least 2, got ${maxBlockSize}`);
  const linkType = options.linkType ?? "dedupe";
  if (linkType !== "dedupe" && linkType !== "link") throw new RangeError(`linkType must be "dedupe" or "link", got ${JSON.stringify(linkType)}`);
  const members = options.subset ? [...new Set(options.subset)].sort((a, b) => a - b) : Array.from({ length: prepared.size }, (_, i) => i);
  for (const i of members) if (!(Number.isInteger(i) && i >= 0 && i < prepared.size)) throw new RangeError(`subset index ${i} is out of range`);
  const directKeys = new DirectKeys();
  return { prepared, rules, maxBlockSize, linkType, byRule: rules.map((rule) => indexRule(prepared, rule, members, maxBlockSize, directKeys)) };
}

/**
 * Whether records `i` and `j` share a key of rule `r` whose block is not capped.
 *
 * @param index - The blocking index.
 * @param r - Rule index.
 * @param i - One record.
 * @param j - The other record.
 * @returns `true` when rule `r` puts them in one block.
 * @example
 * ```ts
 * sharesKey(index, 0, 3, 9);
 * ```
 */
export function sharesKey(index: BlockingIndex, r: number, i: number, j: number): boolean {
  const { keyOffsets, keyIds, blockStart, cap } = index.byRule[r]!;
  for (let x = keyOffsets[i]!; x < keyOffsets[i + 1]!; x++) {
    const id = keyIds[x]!;
    if (blockStart[id + 1]! - blockStart[id]! > cap) continue;
    for (let y = keyOffsets[j]!; y < keyOffsets[j + 1]!; y++) if (keyIds[y] === id) return true;
  }
  return false;
}

/**
 * Every candidate pair once, in canonical order (by `left`, then `right`, with `left < right`),
 * with the set of rules that generate it.
 *
 * @example
 * ```ts
 * const { left, right, rules } = listCandidatePairs(index);
 * const firstRule = Math.clz32(rules[0]! & -rules[0]!) ^ 31; // lowest rule that generates pair 0
 * ```
 */
export interface CandidatePairs {
  /** First record of each pair. */
  readonly left: Int32Array;
  /** Second record of each pair. */
  readonly right: Int32Array;
  /** Bit `r` is set when blocking rule `r` generates the pair. */
  readonly rules: Uint32Array;
}

/**
 * Lists the candidate pairs: every pair of records that shares an uncapped block of some rule,
 * once, in canonical order. In `"link"` mode pairs from the same source are left out. The pairs
 * of all rules are gathered, sorted and merged, so a pair several rules generate appears once
 * with all their bits.
 *
 * @param index - The blocking index.
 * @returns The pairs and their rule sets.
 * @throws RangeError when there are too many records to encode pairs (over 16 million).
 * @example
 * ```ts
 * const pairs = listCandidatePairs(buildBlockingIndex(prepared, rules));
 * pairs.left.length; // number of comparisons to score
 * ```
 */
export function listCandidatePairs(index: BlockingIndex): CandidatePairs {
  const n = index.prepared.size;
  if (n > 16_000_000) throw new RangeError(`at most 16,000,000 records can be blocked at once, got ${n}`);
  const source = index.prepared.source;
  const link = index.linkType === "link";
  // At most one code per pair of each uncapped block, so one array of that size is enough.
  let most = 0;
  for (const { blockStart, cap } of index.byRule) {
    for (let k = 0; k + 1 < blockStart.length; k++) {
      const size = blockStart[k + 1]! - blockStart[k]!;
      if (size >= 2 && size <= cap) most += (size * (size - 1)) / 2;
    }
  }
  const codes = new Float64Array(most);
  let count = 0;
  index.byRule.forEach(({ blockStart, members, cap }, r) => {
    const blocks = blockStart.length - 1;
    for (let k = 0; k < blocks; k++) {
      const start = blockStart[k]!;
      const end = blockStart[k + 1]!;
      if (end - start < 2 || end - start > cap) continue;
      for (let x = start; x < end; x++) {
        const i = members[x]!;
        const base = i * n;
        for (let y = x + 1; y < end; y++) {
          const j = members[y]!;
          if (link && source[i] === source[j]) continue;
          codes[count++] = (base + j) * 32 + r;
        }
      }
    }
  });
  const sorted = codes.subarray(0, count).sort();
  let unique = 0;
  for (let k = 0; k < count; k++) if (k === 0 || Math.floor(sorted[k]! / 32) !== Math.floor(sorted[k - 1]! / 32)) unique++;
  const left = new Int32Array(unique);
  const right = new Int32Array(unique);
  const rules = new Uint32Array(unique);
  let u = -1;
  let last = -1;
  for (let k = 0; k < count; k++) {
    const code = sorted[k]!;
    const pair = Math.floor(code / 32);
    if (pair !== last) {
      u++;
      last = pair;
      left[u] = Math.floor(pair / n);
      right[u] = pair - left[u]! * n;
    }
    rules[u] = (rules[u]! | (1 << (code - pair * 32))) >>> 0;
  }
  return { left, right, rules };
}

/**
 * The candidate partners of one record: every record sharing an uncapped block with it (in
 * `"link"` mode only records of other sources), ascending.
 *
 * @param index - The blocking index.
 * @param i - The record.
 * @returns The partners' indices.
 * @example
 * ```ts
 * candidatePartners(index, 0); // e.g. [4, 17]
 * ```
 */
export function candidatePartners(index: BlockingIndex, i: number): number[] {
  const out = new Set<number>();
  const source = index.prepared.source;
  for (const { keyOffsets, keyIds, blockStart, members, cap } of index.byRule) {
    for (let x = keyOffsets[i]!; x < keyOffsets[i + 1]!; x++) {
      const id = keyIds[x]!;
      const start = blockStart[id]!;
      const end = blockStart[id + 1]!;
      if (end - start > cap) continue;
      for (let y = start; y < end; y++) {
        const j = members[y]!;
        if (j !== i && !(index.linkType === "link" && source[i] === source[j])) out.add(j);
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Whether two records are a candidate pair of the index (they share an uncapped block).
 *
 * @param index - The blocking index.
 * @param i - One record.
 * @param j - The other record.
 * @returns `true` for a candidate pair.
 * @example
 * ```ts
 * isCandidatePair(index, 0, 4); // true when they share a block
 * ```
 */
export function isCandidatePair(index: BlockingIndex, i: number, j: number): boolean {
  if (i === j || (index.linkType === "link" && index.prepared.source[i] === index.prepared.source[j])) return false;
  for (let r = 0; r < index.byRule.length; r++) if (sharesKey(index, r, i, j)) return true;
  return false;
}

/** Pairs in a block of `size` records, in link mode only those across sources. */
function blockPairs(index: BlockingIndex, members: Int32Array, start: number, end: number): number {
  const size = end - start;
  if (index.linkType === "dedupe") return (size * (size - 1)) / 2;
  const bySource = new Map<number, number>();
  for (let x = start; x < end; x++) {
    const s = index.prepared.source[members[x]!]!;
    bySource.set(s, (bySource.get(s) ?? 0) + 1);
  }
  let same = 0;
  for (const c of bySource.values()) same += (c * (c - 1)) / 2;
  return (size * (size - 1)) / 2 - same;
}

/**
 * Reports, before anything is scored, how many comparisons each rule and the union of rules
 * generate, the largest blocks, and the blocks skipped for exceeding `maxBlockSize`.
 *
 * @param index - The blocking index.
 * @param candidates - The candidate pairs, when already listed (default: listed here).
 * @returns The report.
 * @example
 * ```ts
 * const report = reportBlocking(buildBlockingIndex(prepared, rules));
 * console.log(report.totalComparisons, report.rules.map((r) => r.largestBlocks));
 * ```
 */
export function reportBlocking(index: BlockingIndex, candidates: CandidatePairs = listCandidatePairs(index)): BlockingReport {
  const newByRule = new Array<number>(index.byRule.length).fill(0);
  for (const mask of candidates.rules) {
    const first = 31 - Math.clz32(mask & -mask);
    newByRule[first] = newByRule[first]! + 1;
  }
  const total = candidates.left.length;
  const n = index.byRule[0]?.keyOffsets.length ? index.byRule[0].keyOffsets.length - 1 : index.prepared.size;
  const rules = index.byRule.map((ri, r): BlockingRuleReport => {
    const { blockStart, members, keyOffsets, keyText, cap } = ri;
    const sizes: { key: number; size: number }[] = []; // the five largest, largest first
    let comparisons = 0;
    let blocks = 0;
    const capped: BlockSize[] = [];
    for (let k = 0; k + 1 < blockStart.length; k++) {
      const size = blockStart[k + 1]! - blockStart[k]!;
      if (size < 2) continue;
      blocks++;
      if (sizes.length < 5 || size > sizes[4]!.size) {
        // ties keep the smaller key, which came first
        let at = sizes.length;
        while (at > 0 && sizes[at - 1]!.size < size) at--;
        sizes.splice(at, 0, { key: k, size });
        if (sizes.length > 5) sizes.pop();
      }
      if (size > cap) capped.push({ key: keyText(k), records: size });
      else comparisons += blockPairs(index, members, blockStart[k]!, blockStart[k + 1]!);
    }
    let withoutKey = 0;
    for (let i = 0; i < n; i++) if (keyOffsets[i] === keyOffsets[i + 1]) withoutKey++;
    capped.sort((a, b) => b.records - a.records || (a.key < b.key ? -1 : 1));
    return {
      name: ri.rule.name,
      blocks,
      recordsWithoutKey: withoutKey,
      comparisons,
      newComparisons: newByRule[r]!,
      largestBlocks: sizes.map((s) => ({ key: keyText(s.key), records: s.size })),
      cappedBlocks: capped,
      maxBlockSize: cap,
    };
  });
  const size = index.prepared.size;
  let possible = (size * (size - 1)) / 2;
  if (index.linkType === "link") {
    const counts = new Map<number, number>();
    for (const s of index.prepared.source) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const c of counts.values()) possible -= (c * (c - 1)) / 2;
  }
  return { rules, totalComparisons: total, maxBlockSize: index.maxBlockSize, records: size, possibleComparisons: possible };
}
