import type { RfmColumns, RfmScore } from "./rfm.js";

/**
 * An inclusive range of scores, `[lowest, highest]`.
 *
 * @example
 * ```ts
 * const recent: ScoreRange = [4, 5];
 * ```
 */
export type ScoreRange = readonly [number, number];

/**
 * A named RFM segment: a customer matches when every range given contains their score. Rules
 * are plain data, so that a business can write its own.
 *
 * @example
 * ```ts
 * const bigSpendersSlipping: RfmSegmentRule = { name: "Big spenders slipping", recency: [1, 2], monetary: [5, 5] };
 * ```
 */
export interface RfmSegmentRule {
  /** Segment name. */
  readonly name: string;
  /** Range of the recency score. */
  readonly recency?: ScoreRange;
  /** Range of the frequency score. */
  readonly frequency?: ScoreRange;
  /** Range of the monetary score. */
  readonly monetary?: ScoreRange;
  /** Range of the mean of the frequency and monetary scores ("F&M"). */
  readonly frequencyMonetary?: ScoreRange;
}

/**
 * A set of segment rules and the scores they are written for. Rules written for 1–5 scores mean
 * something else on 1–10 scores, so segmenting checks that the scores' `bins` match.
 *
 * @example
 * ```ts
 * const mine: RfmRuleSet = { bins: 5, rules: [{ name: "Big spenders slipping", recency: [1, 2], monetary: [5, 5] }] };
 * ```
 */
export interface RfmRuleSet {
  /** The scores the rules are written for: 1…bins (an integer from 2 to 100). */
  readonly bins: number;
  /** The rules, in priority order: a customer's primary segment is the first that matches. */
  readonly rules: readonly RfmSegmentRule[];
}

/** A frozen rule set. */
function ruleSet(bins: number, rules: RfmSegmentRule[]): RfmRuleSet {
  return Object.freeze({ bins, rules: Object.freeze(rules.map((rule) => Object.freeze(rule))) });
}

/**
 * The common 11-segment table on 1–5 scores, written from the table published by Putler
 * ("RFM Analysis For Successful Customer Segmentation", putler.com) and reproduced by many
 * vendors (e.g. docs.churned.io, "RFM-Model"): each segment is a range of the recency score (R)
 * and of the mean of the frequency and monetary scores (F&M).
 *
 * | segment | R | F&M |
 * | --- | --- | --- |
 * | Champions | 4–5 | 4–5 |
 * | Loyal Customers | 2–5 | 3–5 |
 * | Potential Loyalist | 3–5 | 1–3 |
 * | New Customers | 4–5 | ≤ 1 |
 * | Promising | 3–4 | ≤ 1 |
 * | Need Attention | 2–3 | 2–3 |
 * | About To Sleep | 2–3 | ≤ 2 |
 * | At Risk | ≤ 2 | 2–5 |
 * | Can't Lose Them | ≤ 1 | 4–5 |
 * | Hibernating | 1–2 | 1–2 |
 * | Lost | ≤ 2 | ≤ 2 (here: R = 1, F&M = 1) |
 *
 * The published ranges overlap, so a customer may match several segments; the primary segment is
 * the first match in this array's order, chosen so that every segment is reachable: Champions,
 * Can't Lose Them, New Customers, Promising, Loyal Customers, Need Attention, At Risk, Potential
 * Loyalist, About To Sleep, Lost, Hibernating. On 1–5 scores the published Hibernating and Lost
 * rows are the same cell (R ≤ 2, F&M ≤ 2), so one of them can never be primary; here Lost is
 * narrowed to the bottom of that cell (R = 1 and F&M = 1) and Hibernating keeps the rest.
 *
 * @example
 * ```ts
 * const segments = segmentRfm(scored, { ruleSet: RFM_SEGMENTS_COMMON });
 * ```
 */
export const RFM_SEGMENTS_COMMON: RfmRuleSet = ruleSet(5, [
  { name: "Champions", recency: [4, 5], frequencyMonetary: [4, 5] },
  { name: "Can't Lose Them", recency: [1, 1], frequencyMonetary: [4, 5] },
  { name: "New Customers", recency: [4, 5], frequencyMonetary: [1, 1] },
  { name: "Promising", recency: [3, 4], frequencyMonetary: [1, 1] },
  { name: "Loyal Customers", recency: [2, 5], frequencyMonetary: [3, 5] },
  { name: "Need Attention", recency: [2, 3], frequencyMonetary: [2, 3] },
  { name: "At Risk", recency: [1, 2], frequencyMonetary: [2, 5] },
  { name: "Potential Loyalist", recency: [3, 5], frequencyMonetary: [1, 3] },
  { name: "About To Sleep", recency: [2, 3], frequencyMonetary: [1, 2] },
  { name: "Lost", recency: [1, 1], frequencyMonetary: [1, 1] },
  { name: "Hibernating", recency: [1, 2], frequencyMonetary: [1, 2] },
]);

/**
 * The segment rules of R's `rfm` package (Hebbali, rsquaredacademy/rfm, the `rfm_segment`
 * example of version 0.3.0), on 1–5 scores, in the package's order; like `rfm_segment`, the
 * first matching rule is the primary segment and unmatched customers are "Others".
 *
 * | segment | R | F | M |
 * | --- | --- | --- | --- |
 * | Champions | 5 | 5 | 5 |
 * | Potential Loyalist | 3–5 | 3–5 | 2–5 |
 * | Loyal Customers | 2–4 | 2–4 | 2–4 |
 * | Promising | 3–4 | 1–3 | 3–5 |
 * | New Customers | 4–5 | 1–3 | 1–5 |
 * | Can't Lose Them | 1–2 | 3–4 | 4–5 |
 * | At Risk | 1–2 | 2–5 | 4–5 |
 * | Need Attention | 1–3 | 3–5 | 3–5 |
 * | About To Sleep | 2–3 | 1–3 | 1–4 |
 * | Lost | 1 | 1–5 | 1–5 |
 *
 * @example
 * ```ts
 * const segments = segmentRfm(scored, { ruleSet: RFM_SEGMENTS_R_PACKAGE });
 * ```
 */
export const RFM_SEGMENTS_R_PACKAGE: RfmRuleSet = ruleSet(5, [
  { name: "Champions", recency: [5, 5], frequency: [5, 5], monetary: [5, 5] },
  { name: "Potential Loyalist", recency: [3, 5], frequency: [3, 5], monetary: [2, 5] },
  { name: "Loyal Customers", recency: [2, 4], frequency: [2, 4], monetary: [2, 4] },
  { name: "Promising", recency: [3, 4], frequency: [1, 3], monetary: [3, 5] },
  { name: "New Customers", recency: [4, 5], frequency: [1, 3], monetary: [1, 5] },
  { name: "Can't Lose Them", recency: [1, 2], frequency: [3, 4], monetary: [4, 5] },
  { name: "At Risk", recency: [1, 2], frequency: [2, 5], monetary: [4, 5] },
  { name: "Need Attention", recency: [1, 3], frequency: [3, 5], monetary: [3, 5] },
  { name: "About To Sleep", recency: [2, 3], frequency: [1, 3], monetary: [1, 4] },
  { name: "Lost", recency: [1, 1], frequency: [1, 5], monetary: [1, 5] },
]);

/**
 * Options of {@link segmentRfm}.
 *
 * @example
 * ```ts
 * const options: RfmSegmentOptions = { ruleSet: RFM_SEGMENTS_R_PACKAGE, fallback: "Others" };
 * ```
 */
export interface RfmSegmentOptions {
  /** The rules and the scores they are written for (default {@link RFM_SEGMENTS_COMMON}, on 1–5 scores). */
  readonly ruleSet?: RfmRuleSet;
  /** Primary segment of customers no rule matches (default `"Others"`). */
  readonly fallback?: string;
}

/**
 * A customer's segments.
 *
 * @example
 * ```ts
 * const a: RfmSegmentAssignment = { key: "C-1", primary: "Champions", matches: ["Champions", "Loyal Customers"] };
 * ```
 */
export interface RfmSegmentAssignment {
  /** The customer key. */
  readonly key: string;
  /** The first matching rule's name, or the fallback. */
  readonly primary: string;
  /** Every matching rule's name, in rule order (empty when none matched). */
  readonly matches: string[];
}

function checkRange(range: ScoreRange | undefined, where: string, bins: number): void {
  if (range === undefined) return;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || (range[0] as number) > (range[1] as number)) {
    throw new RangeError(`${where} must be [lowest, highest] with lowest ≤ highest (got ${JSON.stringify(range)})`);
  }
  if ((range[0] as number) < 1 || (range[1] as number) > bins) throw new RangeError(`${where} must lie within the rule set's scores 1…${bins} (got ${JSON.stringify(range)})`);
}

function within(value: number, range: ScoreRange | undefined): boolean {
  return range === undefined || (value >= range[0] && value <= range[1]);
}

function matches(rule: RfmSegmentRule, r: number, f: number, m: number): boolean {
  return within(r, rule.recency) && within(f, rule.frequency) && within(m, rule.monetary) && within((f + m) / 2, rule.frequencyMonetary);
}

function checkRules(options: RfmSegmentOptions): { rules: readonly RfmSegmentRule[]; bins: number; fallback: string } {
  const set = options.ruleSet ?? RFM_SEGMENTS_COMMON;
  const bins = set?.bins;
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new RangeError(`ruleSet.bins must be an integer from 2 to 100 (got ${String(bins)})`);
  if (!Array.isArray(set.rules)) throw new RangeError("ruleSet.rules must be an array of rules");
  set.rules.forEach((rule, i) => {
    if (typeof rule?.name !== "string" || rule.name.length === 0) throw new RangeError(`ruleSet.rules[${i}].name must be a non-empty string`);
    checkRange(rule.recency, `ruleSet.rules[${i}].recency`, bins);
    checkRange(rule.frequency, `ruleSet.rules[${i}].frequency`, bins);
    checkRange(rule.monetary, `ruleSet.rules[${i}].monetary`, bins);
    checkRange(rule.frequencyMonetary, `ruleSet.rules[${i}].frequencyMonetary`, bins);
  });
  return { rules: set.rules, bins, fallback: options.fallback ?? "Others" };
}

/** Throws unless scores on 1…`scoreBins` may be segmented with rules written for 1…`ruleBins`. */
function checkBins(scoreBins: number, ruleBins: number): void {
  if (scoreBins !== ruleBins) {
    throw new RangeError(
      `the rule set is written for scores 1…${ruleBins} but the scores are 1…${String(scoreBins)} (bins ${String(scoreBins)}): score with bins: ${ruleBins}, or pass options.ruleSet written for ${String(scoreBins)} bins`,
    );
  }
}

/**
 * Names each scored customer's RFM segments: every rule that matches (a customer may belong to
 * several) and the primary segment, the first match in rule order. The rule set must be written
 * for the scores' range (`bins`).
 *
 * @param scores - From {@link scoreRfm}.
 * @param options - See {@link RfmSegmentOptions}.
 * @returns One assignment per score, in the same order.
 * @throws RangeError when a rule has no name or a malformed range, or the scores' `bins` differ
 *   from the rule set's (rules for 1–5 scores mean something else on 1–10 scores).
 * @example
 * ```ts
 * const { scored } = scoreRfm(rollup.customers, { asOf });
 * const segments = segmentRfm(scored);
 * console.log(countRfmSegments(segments));
 * ```
 */
export function segmentRfm(scores: readonly RfmScore[], options: RfmSegmentOptions = {}): RfmSegmentAssignment[] {
  const { rules, bins, fallback } = checkRules(options);
  return scores.map((s) => {
    checkBins(s.bins, bins);
    const names: string[] = [];
    for (const rule of rules) if (matches(rule, s.recencyScore, s.frequencyScore, s.monetaryScore)) names.push(rule.name);
    return { key: s.key, primary: names[0] ?? fallback, matches: names };
  });
}

/**
 * RFM segments in columnar form, for millions of customers.
 *
 * @example
 * ```ts
 * const seg: RfmSegmentColumns = segmentRfmColumns(rfm);
 * const champions = seg.primary.filter((p) => p === 0).length;
 * ```
 */
export interface RfmSegmentColumns {
  /** Index (in the rules) of each customer's primary segment; −1 when no rule matched or the customer is unscored. */
  readonly primary: Int16Array;
  /** Every match as bits: rule k matched customer i when bit k % 32 of `matches[i * words + ⌊k / 32⌋]` is set. */
  readonly matches: Uint32Array;
  /** 32-bit words per customer in `matches`. */
  readonly words: number;
  /** Scored customers per primary segment, in rule order with the fallback last. */
  readonly counts: SegmentCount[];
}

/**
 * {@link segmentRfm} on RFM columns: the primary segment of each scored customer as a rule
 * index, all matches as bit sets, and the counts per segment.
 *
 * @param scores - From {@link scoreRfmColumns}.
 * @param options - See {@link RfmSegmentOptions}.
 * @returns Segments per position and counts.
 * @throws RangeError when a rule has no name or a malformed range, or the scores' `bins` differ
 *   from the rule set's.
 * @example
 * ```ts
 * const segments = segmentRfmColumns(scoreRfmColumns(values, { asOf }));
 * console.table(segments.counts);
 * ```
 */
export function segmentRfmColumns(scores: RfmColumns, options: RfmSegmentOptions = {}): RfmSegmentColumns {
  const { rules, bins, fallback } = checkRules(options);
  checkBins(scores.bins, bins);
  const n = scores.scored.length;
  const words = Math.max(1, Math.ceil(rules.length / 32));
  const primary = new Int16Array(n).fill(-1);
  const bits = new Uint32Array(n * words);
  const perRule = new Float64Array(rules.length + 1);
  // Scores are small integers, so each (r, f, m) combination is matched against the rules once.
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, scores.recencyScore[i] as number, scores.frequencyScore[i] as number, scores.monetaryScore[i] as number);
  const side = top + 1;
  const cachedPrimary = new Int16Array(side * side * side).fill(-2); // −2: not computed yet
  const cachedBits = new Uint32Array(side * side * side * words);
  for (let i = 0; i < n; i++) {
    if (scores.scored[i] !== 1) continue;
    const r = scores.recencyScore[i] as number;
    const f = scores.frequencyScore[i] as number;
    const m = scores.monetaryScore[i] as number;
    const cell = (r * side + f) * side + m;
    if (cachedPrimary[cell] === -2) {
      cachedPrimary[cell] = -1;
      for (let k = 0; k < rules.length; k++) {
        if (!matches(rules[k] as RfmSegmentRule, r, f, m)) continue;
        const w = cell * words + (k >>> 5);
        cachedBits[w] = ((cachedBits[w] as number) | (1 << (k & 31))) >>> 0;
        if (cachedPrimary[cell] === -1) cachedPrimary[cell] = k;
      }
    }
    const p = cachedPrimary[cell] as number;
    primary[i] = p;
    for (let w = 0; w < words; w++) bits[i * words + w] = cachedBits[cell * words + w] as number;
    const slot = p === -1 ? rules.length : p;
    perRule[slot] = (perRule[slot] as number) + 1;
  }
  const total = scores.scoredCount;
  const counts = [...rules.map((rule) => rule.name), fallback].map((segment, k) => ({
    segment,
    customers: perRule[k] as number,
    share: total > 0 ? (perRule[k] as number) / total : 0,
  }));
  return { primary, matches: bits, words, counts };
}

/**
 * Customers per primary segment.
 *
 * @example
 * ```ts
 * const row: SegmentCount = { segment: "Champions", customers: 412, share: 0.095 };
 * ```
 */
export interface SegmentCount {
  /** Segment name. */
  readonly segment: string;
  /** Customers whose primary segment it is. */
  readonly customers: number;
  /** Their share of all assigned customers. */
  readonly share: number;
}

/**
 * Counts customers per primary segment, in the order of the rule set's rules (default
 * {@link RFM_SEGMENTS_COMMON}) with the fallback last; segments nobody falls in are listed with 0.
 *
 * @param assignments - From {@link segmentRfm}.
 * @param options - The rule set and fallback used for the assignments (for the row order).
 * @returns One row per segment.
 * @example
 * ```ts
 * for (const row of countRfmSegments(segmentRfm(scored))) console.log(row.segment, row.customers);
 * ```
 */
export function countRfmSegments(assignments: readonly RfmSegmentAssignment[], options: RfmSegmentOptions = {}): SegmentCount[] {
  const names = [...new Set([...(options.ruleSet ?? RFM_SEGMENTS_COMMON).rules.map((r) => r.name), options.fallback ?? "Others"])];
  const counts = new Map<string, number>(names.map((n) => [n, 0]));
  for (const a of assignments) counts.set(a.primary, (counts.get(a.primary) ?? 0) + 1);
  const total = assignments.length;
  return [...counts].map(([segment, customers]) => ({ segment, customers, share: total > 0 ? customers / total : 0 }));
}
