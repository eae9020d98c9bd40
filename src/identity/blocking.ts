import { z } from "zod";
import { foldChinese, parseDateParts } from "./normalize/index.js";
import { nameSounds, pinyinTexts, wordSoundLists } from "./features.js";
import type { TokenLists } from "./dictionary.js";
import { IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import { IntArena, IntBuffer, KeyTable } from "./key-table.js";
import type { PreparedColumn, PreparedRecords } from "./prepare.js";

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

/** The reduced values of each dictionary entry for one key part, as interned ids (usually one). */
function partFeature(prepared: PreparedRecords, key: BlockingKey): { ids: TokenLists; texts: readonly string[] } {
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

/** A rule's key parts, and an upper bound on its keys: one per record and combination of part values. */
interface RulePlan {
  readonly rule: BlockingRule;
  readonly parts: readonly { readonly column: PreparedColumn; readonly ids: TokenLists; readonly texts: readonly string[] }[];
  /** Most keys the records can have, over all records. */
  readonly bound: number;
}

function planRule(prepared: PreparedRecords, rule: BlockingRule, members: readonly number[]): RulePlan {
  const parts = rule.keys.map((key) => ({ column: prepared.columns[key.field], ...partFeature(prepared, key) }));
  let bound = 0;
  for (const i of members) {
    let combinations = 1;
    for (const { column, ids } of parts) {
      let count = 0;
      for (let v = column.offsets[i]!; v < column.offsets[i + 1]!; v++) count += ids.offsets[column.values[v]! + 1]! - ids.offsets[column.values[v]!]!;
      combinations *= count;
    }
    bound += Math.min(MAX_KEYS_PER_RECORD, combinations);
  }
  return { rule, parts, bound };
}

/** 32-bit integers an index of `records` records needs at most for a rule (see {@link indexRule}). */
const indexSize = (records: number, plan: RulePlan): number => records + 2 + plan.bound * (3 + plan.parts.length);

/**
 * Indexes one rule: every record's keys (numbered in order of first appearance) and the blocks they
 * form. The arrays are carved from `arena`; `table` and `keyParts` are scratch shared by the rules.
 */
function indexRule(prepared: PreparedRecords, plan: RulePlan, members: readonly number[], defaultCap: number, arena: IntArena, table: KeyTable, keyParts: IntBuffer): BlockingRuleIndex {
  const { rule, parts } = plan;
  const n = prepared.size;
  // Keys are numbers (mixed radix over the parts' key ids) when they fit, else strings.
  const radix = parts.map((p) => p.texts.length + 1);
  const numeric = radix.reduce((a, b) => a * b, 1) < Number.MAX_SAFE_INTEGER;
  table.clear();
  keyParts.clear();
  const byText = new Map<string, number>();
  const keyOffsets = arena.take(n + 1);
  const keyIds = arena.rest();
  let used = 0;
  const combo: number[] = new Array<number>(parts.length).fill(0);
  let current = 0;
  const addKey = (): void => {
    const known = numeric ? table.size : byText.size;
    let id: number;
    if (numeric) {
      let key = 0;
      for (let p = 0; p < parts.length; p++) key = key * radix[p]! + combo[p]!;
      id = table.intern(key);
    } else {
      const key = combo.join("|");
      id = byText.get(key) ?? known;
      if (id === known) byText.set(key, id);
    }
    if (id === known) for (const part of combo) keyParts.push(part);
    for (let x = keyOffsets[current]!; x < used; x++) if (keyIds[x] === id) return;
    keyIds[used++] = id;
  };
  // Depth-first over the cross product of the parts' key ids, at most MAX_KEYS_PER_RECORD keys.
  const expand = (p: number, i: number): void => {
    if (p === parts.length) {
      if (used - keyOffsets[current]! < MAX_KEYS_PER_RECORD) addKey();
      return;
    }
    const { column, ids } = parts[p]!;
    for (let v = column.offsets[i]!; v < column.offsets[i + 1]!; v++) {
      for (let t = ids.offsets[column.values[v]!]!; t < ids.offsets[column.values[v]! + 1]!; t++) {
        combo[p] = ids.tokens[t]!;
        expand(p + 1, i);
      }
    }
  };
  // Most records have one value per part and one key id per value: one key, found without the walk.
  const single = (i: number): boolean => {
    for (let p = 0; p < parts.length; p++) {
      const { column, ids } = parts[p]!;
      const v = column.offsets[i]!;
      if (column.offsets[i + 1] !== v + 1) return false;
      const at = ids.offsets[column.values[v]!]!;
      if (ids.offsets[column.values[v]! + 1] !== at + 1) return false;
      combo[p] = ids.tokens[at]!;
    }
    return true;
  };
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    keyOffsets[i] = used;
    if (members[cursor] !== i) continue;
    cursor++;
    current = i;
    if (single(i)) addKey();
    else expand(0, i);
  }
  keyOffsets[n] = used;
  const ids = arena.take(used);
  const k = numeric ? table.size : byText.size;
  const width = parts.length;
  const flatParts = arena.take(keyParts.length);
  flatParts.set(keyParts.view());
  const keyText = (key: number): string => parts.map((part, p) => part.texts[flatParts[key * width + p]!]!).join(" | ");
  // Counting sort of the records by key: blockStart first holds each block's end, and records
  // placed from the last down move it back to the block's start (records stay ascending).
  const blockStart = arena.take(k + 1);
  for (const id of ids) blockStart[id] = blockStart[id]! + 1;
  for (let x = 1; x <= k; x++) blockStart[x] = blockStart[x]! + blockStart[x - 1]!;
  const blockMembers = arena.take(used);
  for (let i = n - 1; i >= 0; i--) {
    for (let x = keyOffsets[i + 1]! - 1; x >= keyOffsets[i]!; x--) {
      const id = ids[x]!;
      blockStart[id] = blockStart[id]! - 1;
      blockMembers[blockStart[id]!] = i;
    }
  }
  const cap = budgetedCap(blockStart, rule.maxBlockSize ?? defaultCap, rule.comparisonsPerRecord === undefined ? Infinity : rule.comparisonsPerRecord * members.length);
  return { rule, cap, keyOffsets, keyIds: ids, blockStart, members: blockMembers, keyText };
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
  // Every rule's arrays come from one allocation, sized by the rules' bounds: many large
  // allocations outside the heap would each set off a full garbage collection of a large heap.
  const plans = rules.map((rule) => planRule(prepared, rule, members));
  const arena = new IntArena(plans.reduce((sum, plan) => sum + indexSize(prepared.size, plan), 0));
  const table = new KeyTable(Math.max(0, ...plans.map((plan) => plan.bound)));
  const keyParts = new IntBuffer();
  return { prepared, rules, maxBlockSize, linkType, byRule: plans.map((plan) => indexRule(prepared, plan, members, maxBlockSize, arena, table, keyParts)) };
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
 * once, in canonical order. In `"link"` mode pairs from the same source are left out. Each
 * record's later partners are gathered over all rules (with the bits of the rules that pair them)
 * and sorted, record after record: no list of all rule pairs is ever held.
 *
 * @param index - The blocking index.
 * @returns The pairs and their rule sets.
 * @example
 * ```ts
 * const pairs = listCandidatePairs(buildBlockingIndex(prepared, rules));
 * pairs.left.length; // number of comparisons to score
 * ```
 */
export function listCandidatePairs(index: BlockingIndex): CandidatePairs {
  // Two passes over the partners, one to count and one to fill: the pairs then take one
  // allocation of their exact size instead of growing (see key-table.ts on why that matters).
  const partners = new PartnerLists(index);
  let total = 0;
  for (let i = 0; i < index.prepared.size; i++) total += partners.collect(i).length;
  const memory = new ArrayBuffer(12 * total);
  const left = new Int32Array(memory, 0, total);
  const right = new Int32Array(memory, 4 * total, total);
  const rules = new Uint32Array(memory, 8 * total, total);
  partners.rewind();
  let k = 0;
  for (let i = 0; i < index.prepared.size; i++) {
    const later = partners.collect(i);
    later.sort();
    for (const j of later) {
      left[k] = i;
      right[k] = j;
      rules[k++] = partners.rulesOf(j);
    }
  }
  return { left, right, rules };
}

/** The later partners of one record at a time, with the rules that pair them (see {@link listCandidatePairs}). */
class PartnerLists {
  private readonly found = new IntBuffer();
  /** The record whose partners each record last was (−1: none yet). */
  private readonly seenBy: Int32Array;
  /** Rule bits of each partner of that record. */
  private readonly bits: Uint32Array;

  constructor(private readonly index: BlockingIndex) {
    this.seenBy = new Int32Array(index.prepared.size).fill(-1);
    this.bits = new Uint32Array(index.prepared.size);
  }

  /** Forgets which records were met, to collect again from the first record. */
  rewind(): void {
    this.seenBy.fill(-1);
  }

  /** The partners `j > i` of record `i`, in no particular order (valid until the next call). */
  collect(i: number): Int32Array {
    const { found, seenBy, bits } = this;
    const source = this.index.prepared.source;
    const link = this.index.linkType === "link";
    found.clear();
    const byRule = this.index.byRule;
    for (let r = 0; r < byRule.length; r++) {
      const { keyOffsets, keyIds, blockStart, members, cap } = byRule[r]!;
      for (let x = keyOffsets[i]!; x < keyOffsets[i + 1]!; x++) {
        const id = keyIds[x]!;
        const end = blockStart[id + 1]!;
        if (end - blockStart[id]! > cap) continue;
        for (let y = after(members, blockStart[id]!, end, i); y < end; y++) {
          const j = members[y]!;
          if (link && source[i] === source[j]) continue;
          if (seenBy[j] !== i) {
            seenBy[j] = i;
            bits[j] = 0;
            found.push(j);
          }
          bits[j] = bits[j]! | (1 << r);
        }
      }
    }
    return found.view();
  }

  /** The rule bits of partner `j` of the record last collected. */
  rulesOf(j: number): number {
    return this.bits[j]!;
  }
}

/** The first position in the ascending `members[start, end)` that holds a record above `i`. */
function after(members: Int32Array, start: number, end: number, i: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (members[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
