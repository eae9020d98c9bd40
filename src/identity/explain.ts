import { sourceRecordKey, type SourceRecord, type SourceRef } from "../customer/index.js";
import { VEGA_LITE_SCHEMA, type VegaLiteSpec } from "../_lib/vega.js";
import { isCandidatePair } from "./blocking.js";
import { compileComparison, comparisonLabels } from "./comparison.js";
import { createScorer, levelWeight, priorWeight, probabilityOfWeight } from "./model.js";
import { indexWith, nicknamesOf, prepareWith } from "./pipeline.js";
import { columnValues } from "./prepare.js";
import { compileRules, matchingRule } from "./rules.js";
import type { ResolutionState } from "./state.js";

/**
 * One comparison's part in a match decision.
 *
 * @example
 * ```ts
 * const f: FieldExplanation = {
 *   comparison: "email", field: "email", level: "exact", levelIndex: 1, left: ["bob@x.org"], right: ["bob@x.org"],
 *   m: 0.9, u: 0.0001, weight: 13.1, termFrequencyAdjustment: 0,
 * };
 * ```
 */
export interface FieldExplanation {
  /** The comparison's name. */
  readonly comparison: string;
  /** The field the reached level compares (the comparison's own field unless the level names another). */
  readonly field: string;
  /** The level reached (`"missing"` when a side has no value). */
  readonly level: string;
  /** The level's index (0 missing, 1… the levels, last = different). */
  readonly levelIndex: number;
  /**
   * The left record's normalised values of `field`. For the missing and the different level, which
   * every field the comparison reads decides, the values of all those fields, each written
   * `field: value` when the comparison reads more than one field.
   */
  readonly left: readonly string[];
  /** The right record's normalised values, as for `left`. */
  readonly right: readonly string[];
  /** P(level | match); undefined for the missing level or without a model. */
  readonly m: number | undefined;
  /** P(level | non-match); undefined for the missing level or without a model. */
  readonly u: number | undefined;
  /** Match weight of the level, log2(m/u), in bits (0 when missing or without a model). */
  readonly weight: number;
  /** Term-frequency adjustment of an exact match on a common or rare value, in bits. */
  readonly termFrequencyAdjustment: number;
}

/**
 * Why two records did or did not match: each comparison's level and weight, the prior, the total
 * match weight and probability, the deterministic rule that fired (if any), and whether blocking
 * would compare them at all.
 *
 * @example
 * ```ts
 * const why: MatchExplanation = explainMatch(resolution.state, recordA, recordB);
 * console.log(why.probability, why.fields.map((f) => `${f.comparison}: ${f.level} (${f.weight.toFixed(1)})`));
 * ```
 */
export interface MatchExplanation {
  /** The left record. */
  readonly left: SourceRef;
  /** The right record. */
  readonly right: SourceRef;
  /** Prior weight log2(λ / (1 − λ)) in bits (0 without a model). */
  readonly priorWeight: number;
  /** One entry per comparison. */
  readonly fields: readonly FieldExplanation[];
  /** Prior plus every field's weight and adjustment (NaN with rules-only scoring). */
  readonly matchWeight: number;
  /** The pair's match probability (1 when a deterministic rule fires). */
  readonly probability: number;
  /** The deterministic rule that fires, if any. */
  readonly rule: string | undefined;
  /** The probability at or above which records link. */
  readonly threshold: number;
  /** Whether the pair reaches the threshold. */
  readonly match: boolean;
  /**
   * Whether the blocking rules compare the two records (if not, they link only through others).
   * Block caps and comparison budgets depend on all records: they apply only when
   * {@link ExplainOptions.records} are given; otherwise this says whether the two share a key.
   */
  readonly compared: boolean;
}

/**
 * Options of {@link explainMatch}.
 *
 * @example
 * ```ts
 * const why = explainMatch(resolution.state, a, b, { records: allRecords });
 * ```
 */
export interface ExplainOptions {
  /** Every record of the resolution, so that `compared` applies block caps and budgets as the run did. */
  readonly records?: readonly SourceRecord[];
}

/** Whether blocking over all the records compares the two (the two are added when missing). */
function comparedAmong(records: readonly SourceRecord[], left: SourceRecord, right: SourceRecord, settings: ResolutionState["settings"]): boolean {
  const keys = new Set(records.map(sourceRecordKey));
  const all = [...records, ...[left, right].filter((r) => !keys.has(sourceRecordKey(r)))];
  const prepared = prepareWith(all, settings);
  const position = new Map(prepared.keys.map((k, i) => [k, i]));
  return isCandidatePair(indexWith(prepared, settings), position.get(sourceRecordKey(left))!, position.get(sourceRecordKey(right))!);
}

/**
 * Explains the match decision between two records under a resolution's settings and model. The
 * records are normalised exactly as in the resolution; term frequencies come from the model.
 *
 * @param state - A resolution's state (its settings and model are used).
 * @param left - One source record.
 * @param right - The other source record.
 * @param options - All records, for `compared`; see {@link ExplainOptions}.
 * @returns The explanation, as data.
 * @throws RangeError when the two records have the same key.
 * @example
 * ```ts
 * const why = explainMatch(resolution.state, records[0]!, records[1]!);
 * why.match; // true or false
 * const chart = matchWaterfallChart(why);
 * ```
 */
export function explainMatch(state: ResolutionState, left: SourceRecord, right: SourceRecord, options: ExplainOptions = {}): MatchExplanation {
  if (sourceRecordKey(left) === sourceRecordKey(right)) throw new RangeError("explainMatch needs two different records");
  const { settings } = state;
  const model = state.model ?? undefined;
  const prepared = prepareWith([left, right], settings);
  const l = prepared.keys[0] === sourceRecordKey(left) ? 0 : 1;
  const r = 1 - l;
  const nicknames = nicknamesOf(settings);
  const width = settings.comparisons.length;
  const scorer = model ? createScorer(model, prepared, { nicknames }) : undefined;
  const levels = new Uint8Array(width);
  let weights: number[] = new Array<number>(width).fill(0);
  let adjustments: number[] = new Array<number>(width).fill(0);
  if (scorer) {
    scorer.compare(0, 1, levels);
    scorer.termFrequency(levels);
    adjustments = Array.from(scorer.termFrequencyAdjustment);
    weights = Array.from(levels, (level, c) => levelWeight(model!, c, level));
  } else {
    settings.comparisons.forEach((c, ci) => (levels[ci] = compileComparison(c, prepared, { nicknames }).levelOf(0, 1)));
  }
  const valuesOf = (field: keyof typeof prepared.columns, i: number): string[] => columnValues(prepared.columns[field], i);
  const fields = settings.comparisons.map((c, ci): FieldExplanation => {
    const level = levels[ci]!;
    const labels = comparisonLabels(c);
    const reached = level >= 1 && level <= c.levels.length;
    // a level shows the values it compares; missing and different show every field read
    const field = reached ? (c.levels[level - 1]!.field ?? c.field) : c.field;
    const read = reached ? [field] : [...new Set([c.field, ...c.levels.map((x) => x.field ?? c.field)])];
    const shown = (i: number): string[] => (read.length === 1 ? valuesOf(field, i) : read.flatMap((f) => valuesOf(f, i).map((v) => `${f}: ${v}`)));
    return {
      comparison: c.name,
      field,
      level: labels[level]!,
      levelIndex: level,
      left: shown(l),
      right: shown(r),
      m: model && level > 0 ? model.m[ci]![level - 1] : undefined,
      u: model && level > 0 ? model.u[ci]![level - 1] : undefined,
      weight: weights[ci]!,
      termFrequencyAdjustment: adjustments[ci]!,
    };
  });
  const rules = compileRules(settings.rules, settings.comparisons);
  const ruleIndex = rules.rules.length > 0 ? matchingRule(rules, levels) : -1;
  const prior = model ? priorWeight(model) : 0;
  const matchWeight = settings.scoring === "rules" || !model ? Number.NaN : prior + fields.reduce((s, f) => s + f.weight + f.termFrequencyAdjustment, 0);
  const probability = ruleIndex >= 0 ? 1 : Number.isNaN(matchWeight) ? 0 : probabilityOfWeight(matchWeight);
  return {
    left: { sourceSystem: left.sourceSystem, sourceId: left.sourceId },
    right: { sourceSystem: right.sourceSystem, sourceId: right.sourceId },
    priorWeight: prior,
    fields,
    matchWeight,
    probability,
    rule: ruleIndex >= 0 ? settings.rules[ruleIndex]!.name : undefined,
    threshold: settings.threshold,
    match: probability >= settings.threshold,
    compared: options.records === undefined ? isCandidatePair(indexWith(prepared, settings), 0, 1) : comparedAmong(options.records, left, right, settings),
  };
}

/**
 * A Vega-Lite waterfall chart of a match explanation: the prior, then each comparison's weight
 * (green when it speaks for a match, red against, grey when missing), then the total, with the
 * threshold's weight as a rule — Splink's match-weight waterfall.
 *
 * @param explanation - The explanation (see {@link explainMatch}).
 * @returns The chart specification.
 * @example
 * ```ts
 * const spec = matchWaterfallChart(explainMatch(state, a, b));
 * // render with vega-lite, or paste into the Vega editor
 * ```
 */
export function matchWaterfallChart(explanation: MatchExplanation): VegaLiteSpec {
  const steps: { step: string; order: number; start: number; end: number; weight: number; kind: string; detail: string }[] = [];
  let running = 0;
  const push = (step: string, weight: number, kind: string, detail: string): void => {
    steps.push({ step, order: steps.length, start: running, end: running + weight, weight: Math.round(weight * 100) / 100, kind, detail });
    running += weight;
  };
  push("prior", explanation.priorWeight, "prior", "log2(λ / (1 − λ))");
  for (const f of explanation.fields) {
    const weight = f.weight + f.termFrequencyAdjustment;
    push(f.comparison, weight, f.levelIndex === 0 ? "missing" : weight >= 0 ? "for" : "against", f.level);
  }
  const total = Number.isFinite(running) ? running : 0;
  steps.push({ step: "match weight", order: steps.length, start: 0, end: total, weight: Math.round(total * 100) / 100, kind: "total", detail: `probability ${explanation.probability.toFixed(4)}` });
  const thresholdWeight = Math.log2(explanation.threshold / (1 - explanation.threshold));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Why ${explanation.left.sourceSystem}/${explanation.left.sourceId} and ${explanation.right.sourceSystem}/${explanation.right.sourceId} ${explanation.match ? "match" : "do not match"}`,
      subtitle: `match weight ${total.toFixed(2)} bits, probability ${explanation.probability.toFixed(4)}${explanation.rule ? `, rule "${explanation.rule}"` : ""}`,
    },
    width: Math.max(300, 48 * steps.length),
    height: 260,
    data: { values: steps },
    layer: [
      {
        mark: { type: "bar", size: 28 },
        encoding: {
          x: { field: "step", type: "nominal", sort: { field: "order" }, title: null, axis: { labelAngle: -40 } },
          y: { field: "start", type: "quantitative", title: "match weight (bits)" },
          y2: { field: "end" },
          color: {
            field: "kind",
            type: "nominal",
            title: null,
            scale: { domain: ["prior", "for", "against", "missing", "total"], range: ["#8c8c8c", "#2e7d32", "#c62828", "#bdbdbd", "#1565c0"] },
          },
          tooltip: [
            { field: "step", type: "nominal" },
            { field: "detail", type: "nominal", title: "level" },
            { field: "weight", type: "quantitative", title: "weight (bits)" },
          ],
        },
      },
      {
        mark: { type: "text", dy: -8, fontSize: 10 },
        encoding: {
          x: { field: "step", type: "nominal", sort: { field: "order" } },
          y: { field: "end", type: "quantitative" },
          text: { field: "weight", type: "quantitative", format: "+.1f" },
        },
      },
      {
        data: { values: [{ threshold: thresholdWeight }] },
        mark: { type: "rule", strokeDash: [4, 4], color: "#555" },
        encoding: { y: { field: "threshold", type: "quantitative" } },
      },
    ],
  };
}
