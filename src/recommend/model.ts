import { InteractionColumns, aggregateHistories, pushInteraction } from "./histories.js";
import type { HistoryTable } from "./histories.js";
import type { ItemInteraction } from "./interaction.js";
import { computeAllNeighbourRows, computeNeighbourRows, indexPositive } from "./neighbours.js";
import type { NeighbourRow, PositiveIndex } from "./neighbours.js";
import { resolveSimilarity } from "./similarity.js";
import type { ResolvedSimilarity, SimilarityOptions } from "./similarity.js";
import { checkModelFormat } from "./model-check.js";
import { findSorted, positionsIn } from "./sorted-ids.js";

/**
 * A fitted recommender: the customers' histories and the top neighbours of every item, in plain
 * arrays (compressed sparse rows) so that `JSON.stringify` / `JSON.parse` round-trip it. Items and
 * customers are sorted by id; an item's position in `items` is its number, used to break ties.
 * Treat it as immutable: {@link updateRecommenderModel} returns a new model.
 *
 * @example
 * ```ts
 * const model = buildRecommenderModel(interactions);
 * const copy: RecommenderModel = JSON.parse(JSON.stringify(model));
 * ```
 */
export interface RecommenderModel {
  /** Format tag of the serialised model. */
  readonly format: "idic.recommend.model";
  /** Format version. */
  readonly version: 1;
  /** The similarity measure and its parameters. */
  readonly similarity: ResolvedSimilarity;
  /** Neighbours kept per item. */
  readonly neighbours: number;
  /** Item ids, sorted ascending. */
  readonly items: string[];
  /** Per item, the number of customers who bought it (net value > 0). */
  readonly itemCustomers: number[];
  /** Customer ids, sorted ascending. */
  readonly customers: string[];
  /** Names of the comparable-customer groups, sorted. */
  readonly groups: string[];
  /** Per customer, the index of their group in `groups`, or −1. */
  readonly customerGroups: number[];
  /** Start of each customer's history entries; length `customers.length + 1`. */
  readonly historyOffsets: number[];
  /** Item index of each history entry (ascending within a customer). */
  readonly historyItems: number[];
  /** Latest interaction with the item, epoch milliseconds. */
  readonly historyTimes: number[];
  /** Net value Σ quantity × weight (0 when within 1e-9 × its magnitude of zero); ≤ 0 means returned. */
  readonly historyValues: number[];
  /**
   * Magnitude Σ |quantity × weight| of the entry's interactions: the scale against which its net
   * value is rounded to 0, kept so that an update rounds against the same scale as a rebuild.
   */
  readonly historyMagnitudes: number[];
  /** Start of each item's neighbours; length `items.length + 1`. */
  readonly neighbourOffsets: number[];
  /** Neighbour item indices, best first within an item. */
  readonly neighbourItems: number[];
  /** Similarity s(item → neighbour). */
  readonly neighbourWeights: number[];
  /** Customers who bought both. */
  readonly neighbourCounts: number[];
}

/**
 * Options of {@link buildRecommenderModel}.
 *
 * @example
 * ```ts
 * const options: BuildRecommenderModelOptions = {
 *   similarity: { measure: "jaccard" },
 *   neighbours: 20,
 *   groupOf: new Map([["C-1", "tier-A"]]),
 * };
 * ```
 */
export interface BuildRecommenderModelOptions {
  /**
   * Item–item similarity (default `{ measure: "cosine", shrink: 5 }`, the best measure on the
   * Online Retail validation items; see `docs/customize.md`).
   */
  readonly similarity?: SimilarityOptions;
  /** Neighbours kept per item, an integer in [1, 10000] (default 20). */
  readonly neighbours?: number;
  /**
   * Comparable-customer group of each customer — a value tier, region or segment — used to
   * recommend what is popular in the group to customers with no usable history (default none).
   */
  readonly groupOf?: ReadonlyMap<string, string>;
}

/**
 * Options of {@link updateRecommenderModel}.
 *
 * @example
 * ```ts
 * const options: UpdateRecommenderModelOptions = { groupOf: new Map([["C-9", "tier-B"]]) };
 * ```
 */
export interface UpdateRecommenderModelOptions {
  /** Groups of new customers, or new groups of known ones (default: groups unchanged). */
  readonly groupOf?: ReadonlyMap<string, string>;
}

/**
 * Default similarity: the measure that ranked the Online Retail validation items best (cosine
 * with shrink 5; see `docs/customize.md`).
 *
 * @example
 * ```ts
 * buildRecommenderModel(interactions, { similarity: { ...DEFAULT_SIMILARITY, shrink: 10 } });
 * ```
 */
export const DEFAULT_SIMILARITY: SimilarityOptions = { measure: "cosine", shrink: 5 };
/**
 * Default number of neighbours kept per item (enough for "also bought" lists of up to 20 items).
 *
 * @example
 * ```ts
 * buildRecommenderModel(interactions, { neighbours: 2 * DEFAULT_NEIGHBOURS });
 * ```
 */
export const DEFAULT_NEIGHBOURS = 20;

function resolveNeighbours(value: number | undefined): number {
  const k = value ?? DEFAULT_NEIGHBOURS;
  if (!Number.isInteger(k) || k < 1 || k > 10_000) throw new RangeError(`neighbours must be an integer in [1, 10000], got ${String(value)}`);
  return k;
}

function checkGroups(groupOf: ReadonlyMap<string, string> | undefined): void {
  if (groupOf === undefined) return;
  if (!(groupOf instanceof Map)) throw new TypeError("groupOf must be a Map from customer id to group name");
  for (const [customer, group] of groupOf) {
    if (typeof group !== "string" || group === "") throw new TypeError(`groupOf: the group of customer "${String(customer).slice(0, 80)}" must be a non-empty string`);
  }
}

/**
 * Builds a recommender from interactions: aggregates them into one entry per customer and item
 * (values summed, latest time kept), counts co-occurrences and keeps each item's best neighbours
 * under the chosen similarity. Deterministic and independent of the input order. Cost: one pass
 * over the interactions, a sort of each customer's entries, and Σᵤ dᵤ² for the co-occurrences (dᵤ
 * = items of customer u); memory linear in the entries.
 *
 * @param interactions - Typed interactions (validate untyped rows with `parseItemInteractions`);
 *   any iterable, so a generator can stream them.
 * @param options - See {@link BuildRecommenderModelOptions}.
 * @returns The model.
 * @throws RangeError for invalid options; TypeError when an interaction is not a valid
 *   {@link ItemInteraction} (naming its position and field).
 * @example
 * ```ts
 * const model = buildRecommenderModel([
 *   { customerId: "ann", itemId: "jazz-cd", timestamp: new Date("2024-01-02") },
 *   { customerId: "ann", itemId: "blues-cd", timestamp: new Date("2024-01-02") },
 *   { customerId: "bob", itemId: "jazz-cd", timestamp: new Date("2024-02-01") },
 * ]);
 * model.items; // ["blues-cd", "jazz-cd"]
 * ```
 */
export function buildRecommenderModel(interactions: Iterable<ItemInteraction>, options: BuildRecommenderModelOptions = {}): RecommenderModel {
  const similarity = resolveSimilarity(options.similarity ?? DEFAULT_SIMILARITY);
  const neighbours = resolveNeighbours(options.neighbours);
  checkGroups(options.groupOf);
  const columns = new InteractionColumns();
  let n = 0;
  for (const e of interactions) pushInteraction(columns, e, n++);
  const table = aggregateHistories(columns);
  const index = indexPositive(table);
  const rows = computeAllNeighbourRows(index, similarity, neighbours);
  const groups = assignGroups(table.customers, (id) => options.groupOf?.get(id));
  return assemble(table, index, rows, similarity, neighbours, groups);
}

/**
 * Adds new interactions to a model. The result equals `buildRecommenderModel` on the old and new
 * interactions together: the same customers, items, groups, buyers and neighbour lists, and the
 * same net values whenever their sums are exact (integer quantities and weights). With fractional
 * weights a net value may differ from the rebuild's in its last bits, since the old parts are
 * added as one sum; whether a customer bought an item still agrees, because both round a net
 * value within 1e-9 × its magnitude Σ|parts| to 0 and the model keeps each entry's magnitude
 * (only a net value within floating-point rounding of that threshold could tip either way).
 * Histories are merged, and only the neighbour rows that can change are recomputed — the rows of
 * items whose set of buyers changed, of the items bought by customers whose set of items changed,
 * and of the items bought by anyone who bought a changed item (their similarity to it changes).
 * With `lift`, a change in the number of customers changes every row.
 *
 * @param model - The model to update (left unchanged).
 * @param interactions - New interactions (purchases, returns).
 * @param options - See {@link UpdateRecommenderModelOptions}.
 * @returns A new model.
 * @throws TypeError when an interaction is not a valid {@link ItemInteraction}, or when `model`
 *   is not of this library's format and version.
 * @example
 * ```ts
 * const next = updateRecommenderModel(model, [{ customerId: "bob", itemId: "blues-cd", timestamp: new Date("2024-03-01") }]);
 * ```
 */
export function updateRecommenderModel(
  model: RecommenderModel,
  interactions: Iterable<ItemInteraction>,
  options: UpdateRecommenderModelOptions = {},
): RecommenderModel {
  checkModelFormat(model);
  checkGroups(options.groupOf);
  const columns = new InteractionColumns();
  for (let u = 0; u < model.customers.length; u++) {
    for (let e = model.historyOffsets[u] as number; e < (model.historyOffsets[u + 1] as number); e++) {
      columns.push(model.customers[u] as string, model.items[model.historyItems[e] as number] as string, model.historyTimes[e] as number, model.historyValues[e] as number, model.historyMagnitudes[e] as number);
    }
  }
  let n = 0;
  for (const e of interactions) pushInteraction(columns, e, n++);
  const table = aggregateHistories(columns);
  const index = indexPositive(table);
  const oldOfNewItem = positionsIn(model.items, table.items);
  const newOfOldItem = positionsIn(table.items, model.items);
  const affected = affectedItems(model, table, index, oldOfNewItem, newOfOldItem);
  const recomputed = computeNeighbourRows(index, affected, model.similarity, model.neighbours);
  const rows: NeighbourRow[] = [];
  let next = 0;
  for (let i = 0; i < table.items.length; i++) {
    if (affected[next] === i) rows.push(recomputed[next++] as NeighbourRow);
    else rows.push(remappedRow(model, oldOfNewItem[i] as number, newOfOldItem));
  }
  const oldCustomer = positionsIn(model.customers, table.customers);
  const groups = assignGroups(table.customers, (id, u) => {
    const given = options.groupOf?.get(id);
    if (given !== undefined) return given;
    const old = oldCustomer[u] as number;
    const g = old < 0 ? -1 : (model.customerGroups[old] as number);
    return g < 0 ? undefined : model.groups[g];
  });
  return assemble(table, index, rows, model.similarity, model.neighbours, groups);
}

function allItems(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The sorted items whose neighbour rows may differ after an update (see updateRecommenderModel). */
function affectedItems(model: RecommenderModel, table: HistoryTable, index: PositiveIndex, oldOfNewItem: Int32Array, newOfOldItem: Int32Array): number[] {
  const nI = table.items.length;
  if (model.similarity.measure === "lift" && countActiveCustomers(model) !== index.activeCustomers) return allItems(nI);
  const oldCustomer = positionsIn(model.customers, table.customers);
  const changedItem = new Uint8Array(nI);
  const affected = new Uint8Array(nI);
  const markCustomerItems = (u: number): void => {
    for (let q = index.customerOffsets[u] as number; q < (index.customerOffsets[u + 1] as number); q++) affected[index.customerItems[q] as number] = 1;
  };
  for (let u = 0; u < table.customers.length; u++) {
    const before = oldPositiveItems(model, oldCustomer[u] as number, newOfOldItem);
    const after = index.customerItems.subarray(index.customerOffsets[u] as number, index.customerOffsets[u + 1] as number);
    let a = 0;
    let b = 0;
    let changed = false;
    while (a < before.length || b < after.length) {
      const x = a < before.length ? (before[a] as number) : Infinity;
      const y = b < after.length ? (after[b] as number) : Infinity;
      if (x === y) {
        a++;
        b++;
        continue;
      }
      changed = true;
      changedItem[x < y ? x : y] = 1;
      if (x < y) a++;
      else b++;
    }
    if (changed) markCustomerItems(u);
  }
  for (let d = 0; d < nI; d++) {
    if (changedItem[d] !== 1) continue;
    affected[d] = 1;
    for (let p = index.itemOffsets[d] as number; p < (index.itemOffsets[d + 1] as number); p++) markCustomerItems(index.itemCustomers[p] as number);
  }
  for (let i = 0; i < nI; i++) if ((oldOfNewItem[i] as number) < 0) affected[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < nI; i++) if (affected[i] === 1) out.push(i);
  return out;
}

/** Customers with at least one net purchase: N of the `lift` measure and of novelty (internal). */
export function countActiveCustomers(model: RecommenderModel): number {
  let active = 0;
  for (let u = 0; u < model.customers.length; u++) {
    for (let e = model.historyOffsets[u] as number; e < (model.historyOffsets[u + 1] as number); e++) {
      if ((model.historyValues[e] as number) > 0) {
        active += 1;
        break;
      }
    }
  }
  return active;
}

/** A customer's positive items in the old model, as new item indices (ascending). */
function oldPositiveItems(model: RecommenderModel, u: number, newOfOldItem: Int32Array): number[] {
  if (u < 0) return [];
  const out: number[] = [];
  for (let e = model.historyOffsets[u] as number; e < (model.historyOffsets[u + 1] as number); e++) {
    if ((model.historyValues[e] as number) > 0) out.push(newOfOldItem[model.historyItems[e] as number] as number);
  }
  return out;
}

/** An unaffected old neighbour row with its item indices renumbered. */
function remappedRow(model: RecommenderModel, oldItem: number, newOfOldItem: Int32Array): NeighbourRow {
  const from = model.neighbourOffsets[oldItem] as number;
  const to = model.neighbourOffsets[oldItem + 1] as number;
  return {
    items: Int32Array.from(model.neighbourItems.slice(from, to), (j) => newOfOldItem[j] as number),
    weights: Float64Array.from(model.neighbourWeights.slice(from, to)),
    counts: Int32Array.from(model.neighbourCounts.slice(from, to)),
  };
}

/** Group names (sorted) and each customer's group index. */
function assignGroups(customers: readonly string[], groupOf: (id: string, u: number) => string | undefined): { names: string[]; of: number[] } {
  const given = customers.map((id, u) => groupOf(id, u));
  const names = [...new Set(given.filter((g): g is string => g !== undefined))].sort();
  const position = new Map(names.map((g, k) => [g, k]));
  return { names, of: given.map((g) => (g === undefined ? -1 : (position.get(g) as number))) };
}

function assemble(
  table: HistoryTable,
  index: PositiveIndex,
  rows: readonly NeighbourRow[],
  similarity: ResolvedSimilarity,
  neighbours: number,
  groups: { names: string[]; of: number[] },
): RecommenderModel {
  const neighbourOffsets = new Array<number>(rows.length + 1);
  neighbourOffsets[0] = 0;
  rows.forEach((r, i) => {
    neighbourOffsets[i + 1] = (neighbourOffsets[i] as number) + r.items.length;
  });
  const total = neighbourOffsets[rows.length] as number;
  const neighbourItems = new Array<number>(total);
  const neighbourWeights = new Array<number>(total);
  const neighbourCounts = new Array<number>(total);
  rows.forEach((r, i) => {
    const at = neighbourOffsets[i] as number;
    for (let q = 0; q < r.items.length; q++) {
      neighbourItems[at + q] = r.items[q] as number;
      neighbourWeights[at + q] = r.weights[q] as number;
      neighbourCounts[at + q] = r.counts[q] as number;
    }
  });
  const itemCustomers = Array.from({ length: table.items.length }, (_, i) => (index.itemOffsets[i + 1] as number) - (index.itemOffsets[i] as number));
  return {
    format: "idic.recommend.model",
    version: 1,
    similarity,
    neighbours,
    items: table.items,
    itemCustomers,
    customers: table.customers,
    groups: groups.names,
    customerGroups: groups.of,
    historyOffsets: Array.from(table.offsets),
    historyItems: Array.from(table.itemIndex),
    historyTimes: Array.from(table.times),
    historyValues: Array.from(table.values),
    historyMagnitudes: Array.from(table.magnitudes),
    neighbourOffsets,
    neighbourItems,
    neighbourWeights,
    neighbourCounts,
  };
}

/**
 * One entry of a customer's history: an item the customer bought (or returned), when they last
 * interacted with it, and its net value. `customerHistory` returns the entries a model holds; an
 * application may also pass a history of its own (a session, a basket) to `recommendForCustomer`.
 *
 * @example
 * ```ts
 * const entry: HistoryEntry = { itemId: "jazz-cd", timestamp: new Date("2024-03-05"), value: 2 };
 * ```
 */
export interface HistoryEntry {
  /** The item. */
  readonly itemId: string;
  /** When the customer last interacted with it. */
  readonly timestamp: Date;
  /** Net value Σ quantity × weight; ≤ 0 means returned: excluded from lists, never evidence (default 1; always set by `customerHistory`). */
  readonly value?: number;
}

/**
 * The history a model holds for one customer, ordered by item id; empty for an unknown customer
 * (who then gets the cold-start list from `recommendForCustomer`).
 *
 * @param model - The model.
 * @param customerId - The customer.
 * @returns The customer's entries.
 * @example
 * ```ts
 * const list = recommendForCustomer(model, customerHistory(model, "ann"), { k: 5 });
 * ```
 */
export function customerHistory(model: RecommenderModel, customerId: string): HistoryEntry[] {
  checkModelFormat(model);
  const u = findSorted(model.customers, customerId);
  if (u < 0) return [];
  const out: HistoryEntry[] = [];
  for (let e = model.historyOffsets[u] as number; e < (model.historyOffsets[u + 1] as number); e++) {
    out.push({ itemId: model.items[model.historyItems[e] as number] as string, timestamp: new Date(model.historyTimes[e] as number), value: model.historyValues[e] as number });
  }
  return out;
}

/**
 * The comparable-customer group a model holds for a customer, if any.
 *
 * @param model - The model.
 * @param customerId - The customer.
 * @returns The group name, or `undefined`.
 * @example
 * ```ts
 * const group = customerGroup(model, "ann"); // "tier-A"
 * ```
 */
export function customerGroup(model: RecommenderModel, customerId: string): string | undefined {
  checkModelFormat(model);
  const u = findSorted(model.customers, customerId);
  const g = u < 0 ? -1 : (model.customerGroups[u] as number);
  return g < 0 ? undefined : model.groups[g];
}
