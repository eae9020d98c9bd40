import { z } from "zod";
import {
  areNicknames,
  DEFAULT_NICKNAMES,
  type NicknameTable,
  damerauLevenshtein,
  diceCoefficient,
  isNameSwap,
  jaccard,
  jaro,
  overlapCoefficient,
  jaroWinkler,
  levenshtein,
  numericDistance,
} from "./compare/index.js";
import { dayNumber, foldChinese, isDayMonthSwap, parseDateParts, type DateParts } from "./normalize/index.js";
import type { ValueDictionary } from "./dictionary.js";
import { metaphones, pinyinTexts } from "./features.js";
import { FIELD_DOMAIN, IDENTITY_FIELDS, type IdentityField } from "./fields.js";
import type { PreparedColumn, PreparedRecords } from "./prepare.js";

const FieldSchema = z.enum(IDENTITY_FIELDS as [IdentityField, ...IdentityField[]]);
const Label = z.string().min(1).max(100).optional();
const Similarity = z.number().gt(0).lte(1);
const Distance = z.number().int().min(0).max(64);

/**
 * One level of a comparison, as data. A pair of values is at the first level whose test passes;
 * two implicit levels frame the list: "missing" (a value is absent on either side — no evidence
 * either way, never a mismatch) before it and "different" after it.
 *
 * Kinds: `exact` (equal normalised values); `folded` (equal after Traditional → Simplified Chinese
 * folding); `pinyin` (same toneless pinyin, so 陈 matches "Chen"); `nickname` (Bob ~ Robert);
 * `phonetic` (a shared Double Metaphone code); `swapped` (given and family name crosswise, with
 * `with` naming the other field); `crossed` (one record's value is the other's `with` field: a
 * name in the wrong field); `initial` (one side is the other's initial); `jaroWinkler`,
 * `jaro`, `jaccard` and `overlap` (word-token sets) and `dice` (bigrams) with a least similarity `min`;
 * `levenshtein` and `damerauLevenshtein` with a largest distance `max`; `prefix` / `suffix` (the
 * first / last `length` characters); date kinds `dateTransposed` (day and month swapped), `dateWithin` (at most
 * `days` apart) and `sameYear`; `numeric` (numbers at most `max` apart).
 *
 * @example
 * ```ts
 * const levels: ComparisonLevel[] = [{ kind: "exact" }, { kind: "nickname" }, { kind: "jaroWinkler", min: 0.9 }];
 * ```
 */
export const ComparisonLevelSchema = z.discriminatedUnion("kind", [
  z.object({
    /** Equal normalised values. */
    kind: z.literal("exact"),
    /** Name of the level in explanations and rules (default: derived from the kind). */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
    /**
     * Adjust the level's weight for how common the agreed value is (a match on a rare family name
     * counts more than on a common one), as Splink's term-frequency adjustment. Default `false`.
     */
    termFrequency: z.boolean().optional(),
  }),
  z.object({
    /** Equal after Traditional → Simplified Chinese folding. */
    kind: z.literal("folded"),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Equal toneless pinyin keys. */
    kind: z.literal("pinyin"),
    /** Read the first character with its surname reading (for family names). */
    surname: z.boolean().optional(),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Nickname equivalence from the bundled table. */
    kind: z.literal("nickname"),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** A shared Double Metaphone code. */
    kind: z.literal("phonetic"),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** This field's value equals the other record's `with` field and vice versa. */
    kind: z.literal("swapped"),
    /** The field swapped with (must share the value kind, e.g. names). */
    with: FieldSchema,
    /** Least Jaro–Winkler similarity for crosswise parts to count as equal (default `1`: equal). */
    min: Similarity.optional(),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /**
     * This field's value on one record is the `with` field's value on the other (a family name
     * typed into the given-name field, the other name missing or different).
     */
    kind: z.literal("crossed"),
    /** The other field (must share the value kind, e.g. names). */
    with: FieldSchema,
    /** Least Jaro–Winkler similarity for the values to count as equal (default `1`: equal). */
    min: Similarity.optional(),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** One value is a single letter, the other's first letter. */
    kind: z.literal("initial"),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Jaro–Winkler similarity at least `min`. */
    kind: z.literal("jaroWinkler"),
    /** Least similarity, in (0, 1]. */
    min: Similarity,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Jaro similarity at least `min`. */
    kind: z.literal("jaro"),
    /** Least similarity, in (0, 1]. */
    min: Similarity,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Jaccard similarity of the word-token sets at least `min`. */
    kind: z.literal("jaccard"),
    /** Least similarity, in (0, 1]. */
    min: Similarity,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Overlap coefficient of the word-token sets (shared words over the smaller set) at least `min`. */
    kind: z.literal("overlap"),
    /** Least similarity, in (0, 1]; `1`: one name's words are all in the other. */
    min: Similarity,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Dice coefficient of character bigrams at least `min`. */
    kind: z.literal("dice"),
    /** Least similarity, in (0, 1]. */
    min: Similarity,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Levenshtein distance at most `max`. */
    kind: z.literal("levenshtein"),
    /** Largest distance. */
    max: Distance,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Damerau–Levenshtein distance (adjacent transpositions count 1) at most `max`. */
    kind: z.literal("damerauLevenshtein"),
    /** Largest distance. */
    max: Distance,
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** The first `length` characters are equal. */
    kind: z.literal("prefix"),
    /** Number of leading characters compared. */
    length: z.number().int().min(1).max(64),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** The last `length` characters are equal (a phone's subscriber number, whatever its prefix). */
    kind: z.literal("suffix"),
    /** Number of trailing characters compared. */
    length: z.number().int().min(1).max(64),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Dates with day and month swapped. */
    kind: z.literal("dateTransposed"),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Dates at most `days` apart. */
    kind: z.literal("dateWithin"),
    /** Largest gap in days. */
    days: z.number().int().min(0).max(3_660_000),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Dates in the same year. */
    kind: z.literal("sameYear"),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
  z.object({
    /** Numbers (the first number in each value) at most `max` apart. */
    kind: z.literal("numeric"),
    /** Largest absolute difference. */
    max: z.number().min(0).finite(),
    /** Name of the level. */
    label: Label,
    /** Compare this field instead of the comparison's (default: the comparison's field). */
    field: FieldSchema.optional(),
  }),
]);
/** One level of a comparison; see {@link ComparisonLevelSchema}. */
export type ComparisonLevel = z.infer<typeof ComparisonLevelSchema>;

/**
 * A comparison between two records, as data: ordered levels from strongest to weakest agreement.
 * A level compares the comparison's field unless it names another (`{ kind: "exact", field:
 * "postcode" }` inside an address comparison), so correlated fields — street, postcode, city —
 * form one comparison and are not counted as independent evidence. Multi-valued fields (emails,
 * phones, addresses) are compared any-to-any: a level holds when any two of the values pass it.
 * The pair is "missing" when no field the comparison uses has a value on both sides.
 *
 * @example
 * ```ts
 * const familyName: Comparison = ComparisonSchema.parse({
 *   name: "family name",
 *   field: "familyName",
 *   levels: [{ kind: "exact", termFrequency: true }, { kind: "jaroWinkler", min: 0.92 }, { kind: "phonetic" }],
 * });
 * ```
 */
export const ComparisonSchema = z
  .object({
    /** Unique name of the comparison (shown in explanations, used by rules). */
    name: z.string().min(1).max(100),
    /** The field compared. */
    field: FieldSchema,
    /** Levels from strongest to weakest; "missing" and "different" are implicit. */
    levels: z.array(ComparisonLevelSchema).min(1).max(20),
  })
  .superRefine((c, ctx) => {
    const labels = new Set<string>(["missing", "different"]);
    c.levels.forEach((level, i) => {
      const label = levelLabel(level);
      if (labels.has(label)) ctx.addIssue({ code: "custom", path: ["levels", i, "label"], message: `level label "${label}" is used twice in comparison "${c.name}"` });
      labels.add(label);
      const field = level.field ?? c.field;
      if ((level.kind === "swapped" || level.kind === "crossed") && FIELD_DOMAIN[level.with] !== FIELD_DOMAIN[field]) {
        ctx.addIssue({ code: "custom", path: ["levels", i, "with"], message: `"${field}" cannot be swapped with "${level.with}": they hold different kinds of values` });
      }
    });
  });
/** A comparison between two records; see {@link ComparisonSchema}. */
export type Comparison = z.infer<typeof ComparisonSchema>;

/**
 * The label of a level: its own `label`, or one derived from its kind (`"exact"`,
 * `"Jaro-Winkler ≥ 0.92"`, `"within 30 days"`), preceded by its field when it names one
 * (`"postcode exact"`).
 *
 * @param level - The level.
 * @returns The label.
 * @example
 * ```ts
 * levelLabel({ kind: "jaroWinkler", min: 0.9 }); // "Jaro-Winkler ≥ 0.9"
 * ```
 */
export function levelLabel(level: ComparisonLevel): string {
  if (level.label !== undefined) return level.label;
  return level.field === undefined ? kindLabel(level) : `${level.field} ${kindLabel(level)}`;
}

function kindLabel(level: ComparisonLevel): string {
  switch (level.kind) {
    case "exact":
      return "exact";
    case "folded":
      return "same after script folding";
    case "pinyin":
      return "same pinyin";
    case "nickname":
      return "nickname";
    case "phonetic":
      return "sounds alike";
    case "swapped":
      return level.min === undefined ? `swapped with ${level.with}` : `swapped with ${level.with} (Jaro-Winkler ≥ ${level.min})`;
    case "crossed":
      return level.min === undefined ? `crossed with ${level.with}` : `crossed with ${level.with} (Jaro-Winkler ≥ ${level.min})`;
    case "initial":
      return "initial";
    case "jaroWinkler":
      return `Jaro-Winkler ≥ ${level.min}`;
    case "jaro":
      return `Jaro ≥ ${level.min}`;
    case "jaccard":
      return `token Jaccard ≥ ${level.min}`;
    case "overlap":
      return `token overlap ≥ ${level.min}`;
    case "dice":
      return `bigram Dice ≥ ${level.min}`;
    case "levenshtein":
      return `Levenshtein ≤ ${level.max}`;
    case "damerauLevenshtein":
      return `Damerau-Levenshtein ≤ ${level.max}`;
    case "prefix":
      return `first ${level.length} characters`;
    case "suffix":
      return `last ${level.length} characters`;
    case "dateTransposed":
      return "day and month swapped";
    case "dateWithin":
      return `within ${level.days} days`;
    case "sameYear":
      return "same year";
    case "numeric":
      return `within ${level.max}`;
  }
}

/**
 * The labels of every level of a comparison, implicit ones included, indexed like comparison
 * vectors: `0` = "missing", `1…L` = the levels, `L + 1` = "different".
 *
 * @param comparison - The comparison.
 * @returns The labels.
 * @example
 * ```ts
 * comparisonLabels({ name: "email", field: "email", levels: [{ kind: "exact" }] }); // ["missing", "exact", "different"]
 * ```
 */
export function comparisonLabels(comparison: Comparison): string[] {
  return ["missing", ...comparison.levels.map(levelLabel), "different"];
}

/**
 * A direct-mapped cache of small results by unordered value pair, in one typed array (an entry's
 * two ids and its value share a cache line; no allocation, no garbage): a pair hashes to one slot
 * and a miss overwrites it. Sized to the dictionary.
 */
class PairCache {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(values: number) {
    let size = 1024;
    while (size < values * 4 && size < 1 << 18) size <<= 1;
    this.slots = new Int32Array(size * 4).fill(-1);
    this.mask = size - 1;
  }

  /** The cached value of the pair (x, y), or −1; `x < y`. */
  get(x: number, y: number): number {
    const at = ((Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & this.mask) << 2;
    return this.slots[at] === x && this.slots[at + 1] === y ? this.slots[at + 2]! : -1;
  }

  /** Stores the value of the pair (x, y); `x < y`. */
  set(x: number, y: number, value: number): void {
    const at = ((Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & this.mask) << 2;
    this.slots[at] = x;
    this.slots[at + 1] = y;
    this.slots[at + 2] = value;
  }
}

/** Values of the pair under test, with metrics computed at most once per value pair. */
interface PairScratch {
  a: number;
  b: number;
  i: number;
  j: number;
  jaroWinkler: number;
  jaro: number;
  editDistance: number;
  damerau: number;
  dice: number;
  jaccard: number;
  overlap: number;
}

type LevelTest = (s: PairScratch) => boolean;

/** Date parts of a prepared birth date (`YYYYMMDD`); `undefined` for invalid dates kept as digits. */
const dateParts = (value: string): DateParts | undefined => parseDateParts(value);

const firstNumber = (value: string): number => {
  const m = /-?\d+(?:\.\d+)?/.exec(value);
  return m === null ? Number.NaN : Number(m[0]);
};

/** Whether two values of a dictionary are alike (equal, or Jaro–Winkler ≥ `min`), cached per value pair. */
function similarValues(values: readonly string[], min: number): (x: number, y: number) => boolean {
  const alike = new PairCache(values.length);
  return (x, y) => {
    if (x === y) return true;
    if (min === 1) return false;
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    const hit = alike.get(lo, hi);
    if (hit >= 0) return hit === 1;
    const result = jaroWinkler(values[x]!, values[y]!) >= min;
    alike.set(lo, hi, result ? 1 : 0);
    return result;
  };
}

const foldedCache = new WeakMap<ValueDictionary, Int32Array>();

/**
 * A key per value that is equal exactly when the values are equal after Chinese script folding
 * (−1 for a value that folds to nothing). A value that folding leaves unchanged (nearly every
 * value outside Chinese script) is its own key, its id; a value that changes takes the id of the
 * value its folded text is, else an id after all values, one per folded text. No lookup is made
 * for unchanged values, so this costs one pass over the text of the values.
 */
function foldedIds(dict: ValueDictionary): Int32Array {
  const known = foldedCache.get(dict);
  if (known !== undefined && known.length === dict.size) return known;
  const ids = new Int32Array(dict.size);
  const extra = new Map<string, number>();
  dict.values.forEach((value, id) => {
    const folded = foldChinese(value);
    if (folded === value) ids[id] = value === "" ? -1 : id;
    else if (folded === "") ids[id] = -1;
    else {
      let key = dict.find(folded);
      if (key === undefined) {
        key = extra.get(folded);
        if (key === undefined) extra.set(folded, (key = dict.size + extra.size));
      }
      ids[id] = key;
    }
  });
  foldedCache.set(dict, ids);
  return ids;
}

/** Builds the test of one level against a prepared column. */
function levelTest(level: ComparisonLevel, comparison: Comparison, prepared: PreparedRecords, maxEdit: { lev: number; dl: number }, nicknames: NicknameTable): LevelTest {
  const column = prepared.columns[level.field ?? comparison.field];
  const dict = column.dictionary;
  const values = dict.values;
  switch (level.kind) {
    case "exact":
      return (s) => s.a === s.b;
    case "folded": {
      const folded = foldedIds(dict);
      return (s) => folded[s.a]! >= 0 && folded[s.a] === folded[s.b];
    }
    case "pinyin": {
      const texts = pinyinTexts(dict, level.surname ?? false);
      const key = dict.keyFeature(level.surname ? "pinyin-surname" : "pinyin", (_v, id) => texts[id]);
      return (s) => key[s.a]! >= 0 && key[s.a] === key[s.b];
    }
    case "nickname":
      return (s) => areNicknames(values[s.a]!, values[s.b]!, nicknames);
    case "phonetic": {
      const codes = metaphones(dict);
      return (s) => {
        const [a1, a2] = codes(s.a);
        const [b1, b2] = codes(s.b);
        if (a1 === "" || b1 === "") return false;
        return a1 === b1 || (a2 !== "" && (a2 === b1 || a2 === b2)) || (b2 !== "" && b2 === a1);
      };
    }
    case "swapped": {
      const other = prepared.columns[level.with];
      const swapOptions = { threshold: level.min ?? 1 };
      // A swap needs both crosswise parts alike; that test is cached per value pair, and only
      // pairs that pass it go through isNameSwap (which also rules out straight matches).
      const similar = similarValues(values, level.min ?? 1);
      return (s) => {
        for (let x = other.offsets[s.i]!; x < other.offsets[s.i + 1]!; x++) {
          const otherA = other.values[x]!;
          for (let y = other.offsets[s.j]!; y < other.offsets[s.j + 1]!; y++) {
            const otherB = other.values[y]!;
            if (!similar(s.a, otherB) || !similar(otherA, s.b)) continue;
            if (isNameSwap(values[s.a]!, values[otherA]!, values[s.b]!, values[otherB]!, swapOptions)) return true;
          }
        }
        return false;
      };
    }
    case "crossed": {
      const other = prepared.columns[level.with];
      const similar = similarValues(values, level.min ?? 1);
      const into = (value: number, record: number): boolean => {
        for (let y = other.offsets[record]!; y < other.offsets[record + 1]!; y++) if (similar(value, other.values[y]!)) return true;
        return false;
      };
      return (s) => into(s.a, s.j) || into(s.b, s.i);
    }
    case "initial":
      return (s) => {
        const x = values[s.a]!;
        const y = values[s.b]!;
        return (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
      };
    case "jaroWinkler":
      return (s) => {
        if (Number.isNaN(s.jaroWinkler)) s.jaroWinkler = jaroWinkler(values[s.a]!, values[s.b]!);
        return s.jaroWinkler >= level.min;
      };
    case "jaro":
      return (s) => {
        if (Number.isNaN(s.jaro)) s.jaro = jaro(values[s.a]!, values[s.b]!);
        return s.jaro >= level.min;
      };
    case "jaccard": {
      const tokens = dict.lazyFeature("token-sets", (v) => new Set(v.split(" ")));
      return (s) => {
        if (Number.isNaN(s.jaccard)) s.jaccard = jaccard(tokens(s.a), tokens(s.b));
        return s.jaccard >= level.min;
      };
    }
    case "overlap": {
      const tokens = dict.lazyFeature("token-sets", (v) => new Set(v.split(" ")));
      return (s) => {
        if (Number.isNaN(s.overlap)) s.overlap = overlapCoefficient(tokens(s.a), tokens(s.b));
        return s.overlap >= level.min;
      };
    }
    case "dice":
      return (s) => {
        if (Number.isNaN(s.dice)) s.dice = diceCoefficient(values[s.a]!, values[s.b]!);
        return s.dice >= level.min;
      };
    case "levenshtein": {
      const bound = { maxDistance: maxEdit.lev };
      return (s) => {
        if (Number.isNaN(s.editDistance)) s.editDistance = levenshtein(values[s.a]!, values[s.b]!, bound);
        return s.editDistance <= level.max;
      };
    }
    case "damerauLevenshtein": {
      const bound = { maxDistance: maxEdit.dl };
      return (s) => {
        if (Number.isNaN(s.damerau)) s.damerau = damerauLevenshtein(values[s.a]!, values[s.b]!, bound);
        return s.damerau <= level.max;
      };
    }
    case "prefix":
      return (s) => {
        const x = values[s.a]!;
        const y = values[s.b]!;
        return x.length >= level.length && y.length >= level.length && x.startsWith(y.slice(0, level.length));
      };
    case "suffix":
      return (s) => {
        const x = values[s.a]!;
        const y = values[s.b]!;
        return x.length >= level.length && y.length >= level.length && x.endsWith(y.slice(-level.length));
      };
    case "dateTransposed": {
      const parts = dict.feature("date-parts", dateParts);
      return (s) => {
        const x = parts[s.a];
        const y = parts[s.b];
        return x !== undefined && y !== undefined && isDayMonthSwap(x, y);
      };
    }
    case "dateWithin": {
      const days = dict.feature("date-days", (v) => {
        const p = dateParts(v);
        return p === undefined ? Number.NaN : dayNumber(p);
      });
      return (s) => numericDistance(days[s.a]!, days[s.b]!) <= level.days;
    }
    case "sameYear": {
      const parts = dict.feature("date-parts", dateParts);
      return (s) => {
        const x = parts[s.a];
        const y = parts[s.b];
        return x !== undefined && y !== undefined && x.year === y.year;
      };
    }
    case "numeric": {
      const numbers = dict.feature("first-number", firstNumber);
      return (s) => numericDistance(numbers[s.a]!, numbers[s.b]!) <= level.max;
    }
  }
}

/**
 * A comparison compiled against prepared records: `levelOf(i, j)` gives the level index of a
 * record pair (`0` missing, `1…L` the levels, `L + 1` different) and, after it, `matchedValue`
 * holds the dictionary id (in the dictionary of the level's field) of the value that set the
 * level, for term-frequency adjustment.
 *
 * @example
 * ```ts
 * const compiled = compileComparison(comparison, prepared);
 * const level = compiled.levelOf(0, 1);
 * ```
 */
export interface CompiledComparison {
  /** The comparison. */
  readonly comparison: Comparison;
  /** Number of level indices, implicit ones included (L + 2). */
  readonly levelCount: number;
  /** Level index of the pair of records `i`, `j` (canonical indices). */
  levelOf(i: number, j: number): number;
  /** Dictionary id of record `i`'s value that set the level of the last `levelOf` call (−1 if none). */
  readonly matchedValue: number;
  /** The prepared column of each level index (index 0 and L + 1: the comparison's own field). */
  readonly columns: readonly PreparedColumn[];
}

/**
 * Options of {@link compileComparison}.
 *
 * @example
 * ```ts
 * const options: CompileOptions = { nicknames: createNicknameTable({ katarzyna: ["kasia"] }) };
 * ```
 */
export interface CompileOptions {
  /** The nickname table of `nickname` levels (default: the bundled table). */
  readonly nicknames?: NicknameTable;
  /**
   * Cache levels per value pair (default `true`): worth it when pairs repeat values, as blocked
   * candidate pairs do; random pairs rarely do.
   */
  readonly cacheValuePairs?: boolean;
}

const MAX_VALUES = 64;

function newScratch(): PairScratch {
  return { a: 0, b: 0, i: 0, j: 0, jaroWinkler: NaN, jaro: NaN, editDistance: NaN, damerau: NaN, dice: NaN, jaccard: NaN, overlap: NaN };
}

function resetScratch(s: PairScratch, a: number, b: number): void {
  s.a = a;
  s.b = b;
  s.jaroWinkler = NaN;
  s.jaro = NaN;
  s.editDistance = NaN;
  s.damerau = NaN;
  s.dice = NaN;
  s.jaccard = NaN;
  s.overlap = NaN;
}

const ROW_WIDTH = IDENTITY_FIELDS.length;
const COSTLY = new Set<ComparisonLevel["kind"]>(["jaroWinkler", "jaro", "jaccard", "overlap", "dice", "levenshtein", "damerauLevenshtein", "nickname"]);
const rowsOf = new WeakMap<PreparedRecords, Int32Array>();

/**
 * Each record's value id per field in one row (`−1` none, `−2` several: read the column), so that
 * comparing a pair reads two rows rather than two places in every column — the pair loop is bound
 * by memory latency, and the second record of a pair is anywhere in memory.
 */
function singleValues(prepared: PreparedRecords): Int32Array {
  const known = rowsOf.get(prepared);
  if (known !== undefined) return known;
  const rows = new Int32Array(prepared.size * ROW_WIDTH);
  const columns = IDENTITY_FIELDS.map((field) => prepared.columns[field]);
  // Record by record, so that the rows are written in order (a field at a time would stride).
  for (let i = 0, at = 0; i < prepared.size; i++) {
    for (let f = 0; f < ROW_WIDTH; f++, at++) {
      const { offsets, values } = columns[f]!;
      const start = offsets[i]!;
      const count = offsets[i + 1]! - start;
      rows[at] = count === 0 ? -1 : count === 1 ? values[start]! : -2;
    }
  }
  rowsOf.set(prepared, rows);
  return rows;
}

/**
 * The levels of a comparison that test one field's values and nothing else, with their value-pair
 * cache: the first of them a value pair passes does not depend on the records holding the values.
 */
interface FieldLevels {
  /** The field's prepared column. */
  readonly column: PreparedColumn;
  /** The field's position in a row of {@link singleValues}. */
  readonly slot: number;
  /** Whether the group's first level is `exact` (equal ids pass it, no test needed). */
  readonly exactFirst: boolean;
  /** Level indices (0-based, ascending) of the group. */
  readonly levels: readonly number[];
  /** Scratch of the pair under test. */
  readonly scratch: PairScratch;
  /** Group level (1-based level index, or L + 1) by value pair. */
  cache: PairCache | undefined;
}

/**
 * Compiles a comparison against prepared records. Derived features (phonetic codes, pinyin keys,
 * date parts) are computed once per distinct value; the levels are grouped by the field they
 * compare, and a group's result for a value pair is cached (so a postcode pair met in many record
 * pairs is compared once); swapped and crossed names, which look at two fields of each record, are
 * tested per record pair. A group or crosswise level is tested only when it could still improve
 * the level.
 *
 * @param comparison - The comparison (validated, see {@link ComparisonSchema}).
 * @param prepared - The prepared records.
 * @param options - The nickname table; see {@link CompileOptions}.
 * @returns The compiled comparison.
 * @example
 * ```ts
 * const prepared = prepareRecords(records);
 * const email = compileComparison({ name: "email", field: "email", levels: [{ kind: "exact" }] }, prepared);
 * comparisonLabels(email.comparison)[email.levelOf(0, 1)]; // "exact", "different" or "missing"
 * ```
 */
export function compileComparison(comparison: Comparison, prepared: PreparedRecords, options: CompileOptions = {}): CompiledComparison {
  const nicknames = options.nicknames ?? DEFAULT_NICKNAMES;
  const levels = comparison.levels;
  const L = levels.length;
  const fieldOf = levels.map((l) => l.field ?? comparison.field);
  const maxEdit = (field: IdentityField): { lev: number; dl: number } => ({
    lev: Math.max(0, ...levels.map((l, k) => (l.kind === "levenshtein" && fieldOf[k] === field ? l.max : 0))),
    dl: Math.max(0, ...levels.map((l, k) => (l.kind === "damerauLevenshtein" && fieldOf[k] === field ? l.max : 0))),
  });
  const tests = levels.map((level, k) => levelTest(level, comparison, prepared, maxEdit(fieldOf[k]!), nicknames));
  const own = prepared.columns[comparison.field];
  const columns = [own, ...fieldOf.map((f) => prepared.columns[f]), own];
  const useCache = options.cacheValuePairs ?? true;
  // Groups of value-only levels per field, in order of their first level; crosswise levels apart.
  const groups: FieldLevels[] = [];
  const crosswise: number[] = [];
  const groupOf = new Map<IdentityField, FieldLevels>();
  levels.forEach((level, k) => {
    if (level.kind === "swapped" || level.kind === "crossed") {
      crosswise.push(k);
      return;
    }
    let group = groupOf.get(fieldOf[k]!);
    if (group === undefined) {
      const column = prepared.columns[fieldOf[k]!];
      group = {
        column,
        slot: IDENTITY_FIELDS.indexOf(fieldOf[k]!),
        exactFirst: level.kind === "exact",
        levels: [],
        scratch: newScratch(),
        cache: undefined,
      };
      groupOf.set(fieldOf[k]!, group);
      groups.push(group);
    }
    (group.levels as number[]).push(k);
    // Only costly tests are worth a cache lookup (itself a likely cache miss).
    if (useCache && group.cache === undefined && COSTLY.has(level.kind)) group.cache = new PairCache(group.column.dictionary.size);
  });
  const crosswiseScratch = new Map(crosswise.map((k) => [k, newScratch()]));
  const rows = singleValues(prepared);
  /** The first level of the group a value pair passes (1-based), or L + 1. */
  const groupLevel = (group: FieldLevels, a: number, b: number): number => {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const hit = group.cache === undefined ? -1 : group.cache.get(lo, hi);
    if (hit >= 0) return hit;
    const scratch = group.scratch;
    resetScratch(scratch, a, b);
    let level = L + 1;
    for (const l of group.levels) {
      if (tests[l]!(scratch)) {
        level = l + 1;
        break;
      }
    }
    group.cache?.set(lo, hi, level);
    return level;
  };
  const compiled = {
    comparison,
    levelCount: L + 2,
    columns,
    matchedValue: -1,
    levelOf(i: number, j: number): number {
      let best = L + 1;
      let matched = -1;
      let present = false;
      for (let g = 0; g < groups.length; g++) {
        const group = groups[g]!;
        const top = group.levels[0]! + 1;
        if (top >= best) continue;
        const a = rows[i * ROW_WIDTH + group.slot]!;
        const b = rows[j * ROW_WIDTH + group.slot]!;
        if (a === -1 || b === -1) continue;
        present = true;
        if (a >= 0 && b >= 0) {
          const level = a === b && group.exactFirst ? top : groupLevel(group, a, b);
          if (level < best) {
            best = level;
            matched = a;
          }
          continue;
        }
        const { offsets, values } = group.column;
        const si = offsets[i]!;
        const ei = Math.min(offsets[i + 1]!, si + MAX_VALUES);
        const sj = offsets[j]!;
        const ej = Math.min(offsets[j + 1]!, sj + MAX_VALUES);
        for (let x = si; x < ei && best > top; x++) {
          for (let y = sj; y < ej && best > top; y++) {
            const level = groupLevel(group, values[x]!, values[y]!);
            if (level < best) {
              best = level;
              matched = values[x]!;
            }
          }
        }
      }
      for (const l of crosswise) {
        if (l + 1 >= best) break;
        const column = columns[l + 1]!;
        const ai = column.offsets[i]!;
        const bi = Math.min(column.offsets[i + 1]!, ai + MAX_VALUES);
        const aj = column.offsets[j]!;
        const bj = Math.min(column.offsets[j + 1]!, aj + MAX_VALUES);
        if (ai === bi || aj === bj) continue;
        present = true;
        const scratch = crosswiseScratch.get(l)!;
        scratch.i = i;
        scratch.j = j;
        let hit = -1;
        for (let x = ai; x < bi && hit < 0; x++) {
          for (let y = aj; y < bj && hit < 0; y++) {
            resetScratch(scratch, column.values[x]!, column.values[y]!);
            if (tests[l]!(scratch)) hit = column.values[x]!;
          }
        }
        if (hit >= 0) {
          best = l + 1;
          matched = hit;
          break;
        }
      }
      compiled.matchedValue = present ? matched : -1;
      return present ? best : 0;
    },
  };
  return compiled;
}
