import { UnionFind } from "./union-find.js";

/**
 * Scored candidate pairs as parallel arrays: record indices and the match probability of each pair.
 *
 * @example
 * ```ts
 * const pairs: ScoredPairs = {
 *   left: Int32Array.of(0, 1),
 *   right: Int32Array.of(1, 2),
 *   probability: Float64Array.of(0.99, 0.4),
 * };
 * ```
 */
export interface ScoredPairs {
  /** Index of the first record of each pair. */
  readonly left: Int32Array;
  /** Index of the second record of each pair. */
  readonly right: Int32Array;
  /** Match probability of each pair, in [0, 1]. */
  readonly probability: Float64Array;
}

/**
 * A limit on how many distinct identifier values one cluster may hold (for example at most three
 * distinct emails per person), which keeps "blob" entities from forming through shared or
 * mistyped identifiers.
 *
 * @example
 * ```ts
 * // record 0 has email value 7, record 1 has values 7 and 9, record 2 has none
 * const limit: IdentifierLimit = { name: "email", offsets: Int32Array.of(0, 1, 3, 3), values: Int32Array.of(7, 7, 9), max: 2 };
 * ```
 */
export interface IdentifierLimit {
  /** Name used in reports (`"email"`). */
  readonly name: string;
  /** CSR offsets: the values of record `i` are `values[offsets[i]]…values[offsets[i + 1] − 1]`. */
  readonly offsets: Int32Array;
  /** Value ids (any integers; equal ids are the same value). */
  readonly values: Int32Array;
  /** The most distinct values one cluster may hold (at least 1). */
  readonly max: number;
}

/**
 * Options of {@link clusterPairs}.
 *
 * @example
 * ```ts
 * const options: ClusterOptions = { threshold: 0.9, linkage: "average", cannotLink: [[0, 2]] };
 * ```
 */
export interface ClusterOptions {
  /** Probability at or above which two clusters may merge (default `0.9`). */
  readonly threshold?: number;
  /**
   * How strongly two clusters are linked (default `"average"`):
   * `"average"` — the mean probability over every scored pair between them, which stops chains of
   * weak links (A≈B, B≈C, but A≠C); `"single"` — the best pair, i.e. plain connected components.
   */
  readonly linkage?: "average" | "single";
  /** Pairs of record indices that must end in the same cluster (merged first, before any score). */
  readonly mustLink?: readonly (readonly [number, number])[];
  /** Pairs of record indices that must never end in the same cluster. */
  readonly cannotLink?: readonly (readonly [number, number])[];
  /** A group per record (its source system); used with `maxPerGroup`. */
  readonly groups?: Int32Array;
  /** The most records of one group a cluster may hold, e.g. `1` to link two sources one-to-one (default: no limit). */
  readonly maxPerGroup?: number;
  /** Limits on distinct identifier values per cluster. */
  readonly identifierLimits?: readonly IdentifierLimit[];
  /**
   * The match probability of any two records, compared by blocking or not; used with
   * `completeLinkThreshold`.
   */
  readonly scorePair?: (i: number, j: number) => number;
  /**
   * With `"average"` linkage and `scorePair`: two clusters merge only if the mean match weight
   * over *every* pair of records between them (the pairs blocking never compared are scored with
   * `scorePair`) is at least the weight of this probability. The threshold alone averages the
   * compared pairs only, so two large clusters could merge on the strength of the few pairs that
   * happened to share a block. Links of more than 4,096 record pairs are not checked. Default `0`
   * (not checked).
   */
  readonly completeLinkThreshold?: number;
}

/**
 * How many merges each constraint refused during clustering.
 *
 * @example
 * ```ts
 * const refused: RefusedMerges = { cannotLink: 1, maxPerGroup: 0, identifierLimit: { email: 2 }, completeLink: 0 };
 * ```
 */
export interface RefusedMerges {
  /** Merges refused because a cannot-link pair would have been joined. */
  cannotLink: number;
  /** Merges refused because a cluster would have held too many records of one group. */
  maxPerGroup: number;
  /** Merges refused per identifier limit name. */
  identifierLimit: Record<string, number>;
  /** Merges refused because the mean weight over every pair between the clusters was too low (see `completeLinkThreshold`). */
  completeLink: number;
}

/**
 * The outcome of {@link clusterPairs}.
 *
 * @example
 * ```ts
 * const { labels, refused } = clusterPairs(3, pairs);
 * ```
 */
export interface ClusterResult {
  /** Cluster label per record: the smallest record index of its cluster. */
  readonly labels: Int32Array;
  /** Merges that constraints refused. */
  readonly refused: RefusedMerges;
  /** Must-link groups that also contain a cannot-link pair (the must-link wins), as record index pairs. */
  readonly conflicts: [number, number][];
}

/** Largest match weight, in bits, that one pair contributes to an average link. */
const WEIGHT_CLIP = 30;

/** The match weight `log2(p / (1 − p))` of a probability, clipped to ±{@link WEIGHT_CLIP}. */
function clippedWeight(p: number): number {
  if (p >= 1) return WEIGHT_CLIP;
  if (p <= 0) return -WEIGHT_CLIP;
  return Math.max(-WEIGHT_CLIP, Math.min(WEIGHT_CLIP, Math.log2(p / (1 - p))));
}

/** A max-heap of candidate merges ordered by linkage, then by cluster ids (deterministic ties). */
class MergeHeap {
  private readonly score: number[] = [];
  private readonly a: number[] = [];
  private readonly b: number[] = [];
  private readonly va: number[] = [];
  private readonly vb: number[] = [];

  get size(): number {
    return this.score.length;
  }

  private before(i: number, j: number): boolean {
    const si = this.score[i]!;
    const sj = this.score[j]!;
    if (si !== sj) return si > sj;
    const ai = this.a[i]!;
    const aj = this.a[j]!;
    if (ai !== aj) return ai < aj;
    return this.b[i]! < this.b[j]!;
  }

  private swap(i: number, j: number): void {
    for (const arr of [this.score, this.a, this.b, this.va, this.vb]) {
      const t = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = t;
    }
  }

  push(score: number, a: number, b: number, va: number, vb: number): void {
    this.score.push(score);
    this.a.push(a);
    this.b.push(b);
    this.va.push(va);
    this.vb.push(vb);
    let i = this.score.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes the top entry and returns it as `[score, a, b, va, vb]`. */
  pop(): [number, number, number, number, number] {
    const top: [number, number, number, number, number] = [this.score[0]!, this.a[0]!, this.b[0]!, this.va[0]!, this.vb[0]!];
    const last = this.score.length - 1;
    this.swap(0, last);
    for (const arr of [this.score, this.a, this.b, this.va, this.vb]) arr.pop();
    let i = 0;
    const n = this.score.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && this.before(l, best)) best = l;
      if (r < n && this.before(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}

/** Link strength between two clusters: sum and count of pair probabilities and the best pair. */
interface Link {
  sum: number;
  count: number;
  max: number;
}

/** Most record pairs a complete-link check scores (larger links are not checked). */
const MAX_COMPLETE_LINK_PAIRS = 4096;

/** The mean clipped match weight over every pair of records between two clusters. */
function completeLinkWeight(x: readonly number[], y: readonly number[], scorePair: (i: number, j: number) => number): number {
  let sum = 0;
  for (const i of x) for (const j of y) sum += clippedWeight(i < j ? scorePair(i, j) : scorePair(j, i));
  return sum / (x.length * y.length);
}

/** One cluster during agglomeration. */
interface Cluster {
  members: number[];
  links: Map<number, Link>;
  forbidden: Set<number> | undefined;
  groups: Map<number, number> | undefined;
  identifiers: Set<number>[] | undefined;
  version: number;
}

function validateThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be a probability between 0 and 1, got ${threshold}`);
}

/**
 * Clusters records from scored candidate pairs by agglomerative clustering restricted to the
 * candidate graph. Clusters start as single records (or must-link groups) and the pair of
 * clusters with the strongest link merges first, while that link is at least `threshold`. With
 * `"average"` linkage a cluster's link to another is the mean probability over every scored pair
 * between them (pairs that blocking never compared do not count), so a record that matches one
 * member of a cluster but clearly mismatches the others stays out — the guard against chaining.
 * With `scorePair` and `completeLinkThreshold`, a merge also needs the mean weight over every pair
 * between the two clusters, compared or not, to reach that threshold's weight.
 * Merges that would join a cannot-link pair, exceed `maxPerGroup` records of one group or exceed
 * an identifier limit are refused and counted.
 *
 * The result depends only on the pairs, not on their order, and merge heights never increase,
 * so raising the threshold can only split clusters, never join them.
 *
 * @param size - Number of records (indices 0…size−1).
 * @param pairs - Scored candidate pairs; each unordered pair at most once.
 * @param options - Threshold, linkage and constraints; see {@link ClusterOptions}.
 * @returns A label per record and what the constraints refused.
 * @throws RangeError when the threshold is not a probability or an index is out of range.
 * @example
 * ```ts
 * const { labels } = clusterPairs(3, {
 *   left: Int32Array.of(0, 1, 0),
 *   right: Int32Array.of(1, 2, 2),
 *   probability: Float64Array.of(0.99, 0.95, 0.01),
 * });
 * // average linkage: {0,1} merge (0.99); {0,1}–2 averages (0.95 + 0.01) / 2 < 0.9, so 2 stays apart
 * Array.from(labels); // [0, 0, 2]
 * ```
 */
export function clusterPairs(size: number, pairs: ScoredPairs, options: ClusterOptions = {}): ClusterResult {
  const threshold = options.threshold ?? 0.9;
  validateThreshold(threshold);
  const linkage = options.linkage ?? "average";
  if (linkage !== "average" && linkage !== "single") throw new RangeError(`linkage must be "average" or "single", got "${String(linkage)}"`);
  const { left, right, probability } = pairs;
  const checkIndex = (i: number): void => {
    if (!(Number.isInteger(i) && i >= 0 && i < size)) throw new RangeError(`record index ${i} is out of range 0…${size - 1}`);
  };

  // Must-link groups, then components of the graph of links at or above the threshold.
  const must = new UnionFind(size);
  for (const [a, b] of options.mustLink ?? []) {
    checkIndex(a);
    checkIndex(b);
    must.union(a, b);
  }
  const mustLabel = must.labels();
  const mustMembers = new Map<number, number[]>();
  for (const [a] of options.mustLink ?? []) mustMembers.set(mustLabel[a]!, []);
  if (mustMembers.size > 0) for (let i = 0; i < size; i++) mustMembers.get(mustLabel[i]!)?.push(i);
  const components = new UnionFind(size);
  for (const [a, b] of options.mustLink ?? []) components.union(a, b);
  for (let k = 0; k < left.length; k++) {
    if (probability[k]! >= threshold) components.union(left[k]!, right[k]!);
  }
  const component = components.labels();

  const cannot = new Map<number, number[]>();
  const conflicts: [number, number][] = [];
  for (const [a, b] of options.cannotLink ?? []) {
    checkIndex(a);
    checkIndex(b);
    if (mustLabel[a] === mustLabel[b]) {
      conflicts.push(a < b ? [a, b] : [b, a]);
      continue;
    }
    (cannot.get(a) ?? cannot.set(a, []).get(a)!).push(b);
    (cannot.get(b) ?? cannot.set(b, []).get(b)!).push(a);
  }

  const labels = Int32Array.from(mustLabel);
  const refused: RefusedMerges = { cannotLink: 0, maxPerGroup: 0, identifierLimit: {}, completeLink: 0 };
  const limits = options.identifierLimits ?? [];
  for (const limit of limits) {
    if (!(Number.isInteger(limit.max) && limit.max >= 1)) throw new RangeError(`identifier limit "${limit.name}" must allow at least 1 value, got ${limit.max}`);
    if (limit.offsets.length !== size + 1) throw new RangeError(`identifier limit "${limit.name}" needs ${size + 1} offsets, got ${limit.offsets.length}`);
    refused.identifierLimit[limit.name] = 0;
  }
  const maxPerGroup = options.maxPerGroup;
  if (maxPerGroup !== undefined && !(Number.isInteger(maxPerGroup) && maxPerGroup >= 1)) {
    throw new RangeError(`maxPerGroup must be a positive integer, got ${maxPerGroup}`);
  }
  const groups = maxPerGroup !== undefined ? options.groups : undefined;
  if (maxPerGroup !== undefined && (groups === undefined || groups.length !== size)) {
    throw new RangeError(`maxPerGroup needs groups with one entry per record (${size})`);
  }

  // Pairs grouped by component (a counting sort); pairs across components can never join anything.
  const componentStart = new Int32Array(size + 1);
  const inComponent = new Uint8Array(left.length);
  for (let k = 0; k < left.length; k++) {
    const a = left[k]!;
    const b = right[k]!;
    checkIndex(a);
    checkIndex(b);
    const c = component[a]!;
    if (c !== component[b] || mustLabel[a] === mustLabel[b]) continue;
    inComponent[k] = 1;
    componentStart[c + 1]!++;
  }
  for (let c = 0; c < size; c++) componentStart[c + 1]! += componentStart[c]!;
  const componentPairs = new Int32Array(componentStart[size]!);
  const fill = componentStart.slice(0, size);
  for (let k = 0; k < left.length; k++) if (inComponent[k] === 1) componentPairs[fill[component[left[k]!]!]!++] = k;

  const clusters = new Map<number, Cluster>();
  const clusterOf = (id: number): Cluster => {
    let cluster = clusters.get(id);
    if (cluster === undefined) {
      cluster = { members: [], links: new Map(), forbidden: undefined, groups: undefined, identifiers: undefined, version: 0 };
      clusters.set(id, cluster);
    }
    return cluster;
  };
  const initCluster = (cluster: Cluster): void => {
    for (const r of cluster.members) {
      const bad = cannot.get(r);
      if (bad) for (const x of bad) (cluster.forbidden ??= new Set()).add(x);
      if (groups) {
        const g = groups[r]!;
        (cluster.groups ??= new Map()).set(g, (cluster.groups.get(g) ?? 0) + 1);
      }
      if (limits.length > 0) {
        cluster.identifiers ??= limits.map(() => new Set<number>());
        limits.forEach((limit, li) => {
          for (let v = limit.offsets[r]!; v < limit.offsets[r + 1]!; v++) cluster.identifiers![li]!.add(limit.values[v]!);
        });
      }
    }
  };

  const allowed = (x: Cluster, y: Cluster): boolean => {
    const [small, big] = x.members.length <= y.members.length ? [x, y] : [y, x];
    if (big.forbidden) for (const r of small.members) if (big.forbidden.has(r)) {
      refused.cannotLink++;
      return false;
    }
    if (maxPerGroup !== undefined && small.groups && big.groups) {
      for (const [g, n] of small.groups) if (n + (big.groups.get(g) ?? 0) > maxPerGroup) {
        refused.maxPerGroup++;
        return false;
      }
    }
    if (small.identifiers && big.identifiers) {
      for (let li = 0; li < limits.length; li++) {
        const a = big.identifiers[li]!;
        let total = a.size;
        for (const v of small.identifiers[li]!) if (!a.has(v)) total++;
        if (total > limits[li]!.max) {
          const name = limits[li]!.name;
          refused.identifierLimit[name] = (refused.identifierLimit[name] ?? 0) + 1;
          return false;
        }
      }
    }
    return true;
  };

  // Average linkage averages log-odds (match weights, clipped to ±WEIGHT_CLIP bits): strong
  // contrary evidence between two clusters outweighs a single strong link, a mildly negative pair
  // does not.
  const strength = (link: Link): number => (linkage === "average" ? link.sum / link.count : link.max);
  const pairValue = (p: number): number => (linkage === "average" ? clippedWeight(p) : p);
  const bar = linkage === "average" ? clippedWeight(threshold) : threshold;
  const completeLink = options.completeLinkThreshold ?? 0;
  if (!(completeLink >= 0 && completeLink < 1)) throw new RangeError(`completeLinkThreshold must be a probability in [0, 1), got ${completeLink}`);
  const scorePair = linkage === "average" && completeLink > 0 ? options.scorePair : undefined;
  const completeBar = clippedWeight(completeLink);

  for (let c = 0; c < size; c++) {
    if (componentStart[c + 1] === componentStart[c]) continue;
    const ks = componentPairs.subarray(componentStart[c]!, componentStart[c + 1]!);
    // Canonical order of pairs, so sums are the same whatever order the pairs came in.
    ks.sort((p, q) => left[p]! - left[q]! || right[p]! - right[q]!);
    clusters.clear();
    for (const k of ks) {
      for (const r of [left[k]!, right[k]!]) {
        const c = clusterOf(mustLabel[r]!);
        if (c.members.length === 0) c.members = [...(mustMembers.get(mustLabel[r]!) ?? [r])];
      }
    }
    for (const c of clusters.values()) initCluster(c);
    for (const k of ks) {
      const x = mustLabel[left[k]!]!;
      const y = mustLabel[right[k]!]!;
      const p = probability[k]!;
      const cx = clusters.get(x)!;
      let link = cx.links.get(y);
      if (link === undefined) {
        link = { sum: 0, count: 0, max: -Infinity };
        cx.links.set(y, link);
        clusters.get(y)!.links.set(x, link);
      }
      const value = pairValue(p);
      link.sum += value;
      link.count += 1;
      if (value > link.max) link.max = value;
    }
    const heap = new MergeHeap();
    for (const [x, cx] of clusters) {
      for (const [y, link] of cx.links) if (x < y && strength(link) >= bar) heap.push(strength(link), x, y, 0, 0);
    }
    while (heap.size > 0) {
      const [, x, y, vx, vy] = heap.pop();
      const cx = clusters.get(x);
      const cy = clusters.get(y);
      if (!cx || !cy || cx.version !== vx || cy.version !== vy) continue;
      if (scorePair !== undefined) {
        const all = cx.members.length * cy.members.length;
        const compared = cx.links.get(y)!.count;
        if (compared < all && all <= MAX_COMPLETE_LINK_PAIRS && completeLinkWeight(cx.members, cy.members, scorePair) < completeBar) {
          refused.completeLink++;
          continue;
        }
      }
      if (!allowed(cx, cy)) continue;
      // y merges into x (x < y keeps the smallest id); the larger containers are reused.
      clusters.delete(y);
      cx.links.delete(y);
      cy.links.delete(x);
      if (cx.members.length < cy.members.length) [cx.members, cy.members] = [cy.members, cx.members];
      for (const r of cy.members) cx.members.push(r);
      if (cy.forbidden) {
        if (!cx.forbidden || cx.forbidden.size < cy.forbidden.size) [cx.forbidden, cy.forbidden] = [cy.forbidden, cx.forbidden];
        if (cy.forbidden) for (const r of cy.forbidden) cx.forbidden!.add(r);
      }
      if (cy.groups && cx.groups) for (const [g, n] of cy.groups) cx.groups.set(g, (cx.groups.get(g) ?? 0) + n);
      if (cy.identifiers && cx.identifiers) cy.identifiers.forEach((set, li) => { for (const v of set) cx.identifiers![li]!.add(v); });
      for (const [z, link] of cy.links) {
        const cz = clusters.get(z)!;
        cz.links.delete(y);
        const existing = cx.links.get(z);
        if (existing) {
          existing.sum += link.sum;
          existing.count += link.count;
          if (link.max > existing.max) existing.max = link.max;
        } else {
          cx.links.set(z, link);
          cz.links.set(x, link);
        }
      }
      cx.version++;
      for (const [z, link] of cx.links) {
        const s = strength(link);
        if (s < bar) continue;
        const cz = clusters.get(z)!;
        if (x < z) heap.push(s, x, z, cx.version, cz.version);
        else heap.push(s, z, x, cz.version, cx.version);
      }
    }
    for (const [id, c] of clusters) for (const r of c.members) labels[r] = id;
  }
  // Labels are the smallest member of each cluster.
  const smallest = new Int32Array(size).fill(-1);
  for (let i = 0; i < size; i++) if (smallest[labels[i]!] === -1) smallest[labels[i]!] = i;
  for (let i = 0; i < size; i++) labels[i] = smallest[labels[i]!]!;
  return { labels, refused, conflicts };
}
