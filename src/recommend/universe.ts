/**
 * The items a list can draw from (internal): the model's items, plus the style index's when one
 * is given, as one sorted list so that ties break by id across both.
 */
import { memo } from "./cache.js";
import type { RecommenderModel } from "./model.js";
import type { StyleIndex } from "./style.js";

/** The sorted union of model and style items with the mappings between the numberings. */
export interface Universe {
  /** Item ids, sorted. */
  readonly ids: string[];
  /** Universe position → model item number, or −1. */
  readonly toModel: Int32Array;
  /** Universe position → style index position, or −1. */
  readonly toStyle: Int32Array;
  /** Model item number → universe position. */
  readonly fromModel: Int32Array;
  /** Style index position → universe position. */
  readonly fromStyle: Int32Array;
}

function merge(a: readonly string[], b: readonly string[]): Universe {
  const ids: string[] = [];
  const toModel: number[] = [];
  const toStyle: number[] = [];
  const fromModel = new Int32Array(a.length);
  const fromStyle = new Int32Array(b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const takeA = x !== undefined && (y === undefined || x <= y);
    const takeB = y !== undefined && (x === undefined || y <= x);
    const u = ids.length;
    ids.push((takeA ? x : y) as string);
    toModel.push(takeA ? i : -1);
    toStyle.push(takeB ? j : -1);
    if (takeA) fromModel[i++] = u;
    if (takeB) fromStyle[j++] = u;
  }
  return { ids, toModel: Int32Array.from(toModel), toStyle: Int32Array.from(toStyle), fromModel, fromStyle };
}

const withoutStyle: StyleIndex = {
  format: "idic.recommend.style",
  version: 1,
  items: [],
  categories: [],
  priceBands: [],
  prices: [],
  tags: [],
  vocabulary: [],
  documentFrequency: [],
  terms: [],
  termWeights: [],
};

/** The position of each id in the universe (computed once per universe). */
export function positionsOf(universe: Universe): ReadonlyMap<string, number> {
  return memo(universe, "positions", () => new Map(universe.ids.map((x, i) => [x, i])));
}

/** The universe of a model and an optional style index (computed once per pair). */
export function universeOf(model: RecommenderModel, style: StyleIndex | undefined): Universe {
  const byStyle = memo(model, "universe", () => new WeakMap<StyleIndex, Universe>());
  const key = style ?? withoutStyle;
  let u = byStyle.get(key);
  if (u === undefined) {
    u = merge(model.items, key.items);
    byStyle.set(key, u);
  }
  return u;
}
