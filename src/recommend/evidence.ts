/**
 * The evidence of a personal list (internal): which history entries count, with what weight, and
 * the items each reaches — its best co-purchase neighbours and, with a style index, its best items
 * in style.
 *
 * An entry with net value > 0 counts with weight 0.5^(age ÷ half-life) × strength(value), its age
 * measured back from the customer's latest such entry (entries after `asOf` count as made at
 * `asOf`), so the newest purchase always weighs strength(value) whatever the moment of the list.
 */
import type { Entries, IgnoredEntry } from "./history-entries.js";
import type { RecommenderModel } from "./model.js";
import type { ResolvedRecommendOptions } from "./personal-options.js";
import type { Scratch } from "./scratch.js";
import { BestK } from "./best-k.js";
import { indexedFeatures, styleScores } from "./style.js";
import type { StyleIndex, StyleMeasure } from "./style.js";
import type { Universe } from "./universe.js";

/** Universe positions a history item reaches through attributes, and the amount added to each. */
export interface StyleReach {
  readonly reached: Int32Array;
  readonly amounts: Float64Array;
}

/** The pieces of evidence of a list: their number (their entry, item and scale are in the scratch buffers) and their style reach. */
export interface Evidence {
  readonly count: number;
  /** Style reach by piece of evidence; undefined without a style index. */
  readonly styleReach: ReadonlyMap<number, StyleReach> | undefined;
}

/** The end of the neighbours of model item m that are used. */
function rowEnd(model: RecommenderModel, m: number, r: ResolvedRecommendOptions): number {
  return Math.min(model.neighbourOffsets[m + 1] as number, (model.neighbourOffsets[m] as number) + r.perItem);
}

/** The divisor of item m's co-purchase similarities: their sum under `normalise: "sum"`, else 1. */
function rowNorm(model: RecommenderModel, m: number, r: ResolvedRecommendOptions): number {
  if (r.normalise === "none") return 1;
  let sum = 0;
  for (let q = model.neighbourOffsets[m] as number, end = rowEnd(model, m, r); q < end; q++) sum += model.neighbourWeights[q] as number;
  return sum > 0 ? sum : 1;
}

/** The items a history item reaches through attributes: its best `perItem` style neighbours × `amount`. */
function styleEvidence(index: StyleIndex, universe: Universe, s: number, amount: number, r: ResolvedRecommendOptions): StyleReach {
  const scores = styleScores(index, r.styleMeasure as StyleMeasure, indexedFeatures(index, s), s);
  const best = new BestK(r.perItem);
  scores.forEach((v, q) => {
    if (v > 0) best.offer(v, q);
  });
  const top = best.sorted();
  return { reached: top.items.map((q) => universe.fromStyle[q] as number), amounts: top.weights.map((v) => amount * v) };
}

/**
 * Collects the evidence of a list into the scratch buffers; entries whose item nobody knows, or
 * whose weight underflows to 0, are added to `ignored`.
 *
 * @param clampAt - `asOf` in epoch ms (Infinity when not given): later entries count as made then.
 */
export function collectEvidence(
  model: RecommenderModel,
  universe: Universe,
  entries: Entries,
  clampAt: number,
  r: ResolvedRecommendOptions,
  s: Scratch,
  style: StyleIndex | undefined,
  ignored: IgnoredEntry[],
): Evidence {
  let latest = -Infinity;
  for (let n = 0; n < entries.length; n++) {
    if (entries.position(n) < 0) ignored.push({ itemId: entries.itemId(n), reason: "unknown-item" });
    else if (entries.value(n) > 0) latest = Math.max(latest, Math.min(entries.time(n), clampAt));
  }
  const styleReach = style === undefined ? undefined : new Map<number, StyleReach>();
  let count = 0;
  for (let n = 0; n < entries.length; n++) {
    const position = entries.position(n);
    const value = entries.value(n);
    if (position < 0 || !(value > 0)) continue;
    const weight = Math.pow(0.5, (latest - Math.min(entries.time(n), clampAt)) / r.halfLifeMs) * r.strength(value);
    if (!(weight > 0)) {
      ignored.push({ itemId: entries.itemId(n), reason: "too-old" });
      continue;
    }
    const item = universe.toModel[position] as number;
    const inStyle = universe.toStyle[position] as number;
    const styleShare = item < 0 ? 1 : r.styleWeight;
    s.reserveEvidence(count + 1);
    s.evidenceEntry[count] = n;
    s.evidenceItem[count] = item;
    s.evidenceScale[count] = item >= 0 ? weight / rowNorm(model, item, r) : 0;
    if (styleReach !== undefined && inStyle >= 0 && styleShare > 0) styleReach.set(count, styleEvidence(style as StyleIndex, universe, inStyle, weight * styleShare, r));
    count += 1;
  }
  return { count, styleReach };
}

/** Calls `visit(position, amount)` for every contribution of piece of evidence `e`. */
export function forEachContribution(
  model: RecommenderModel,
  universe: Universe,
  s: Scratch,
  e: number,
  evidence: Evidence,
  r: ResolvedRecommendOptions,
  visit: (position: number, amount: number) => void,
): void {
  const item = s.evidenceItem[e] as number;
  if (item >= 0) {
    const scale = s.evidenceScale[e] as number;
    for (let q = model.neighbourOffsets[item] as number, end = rowEnd(model, item, r); q < end; q++) {
      visit(universe.fromModel[model.neighbourItems[q] as number] as number, scale * (model.neighbourWeights[q] as number));
    }
  }
  const style = evidence.styleReach?.get(e);
  if (style !== undefined) style.reached.forEach((position, q) => visit(position, style.amounts[q] as number));
}
