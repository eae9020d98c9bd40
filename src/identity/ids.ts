import { hashString } from "../_lib/random.js";

/**
 * Entity ids that persist across runs. A cluster keeps the oldest id any of its records had (ids
 * are ranked by when they were issued); when a cluster splits, the part holding most of the
 * id's records keeps it, and a part left without an id takes back an id its records held before
 * (so undoing a merge restores the ids). A cluster with no previous id gets a new one derived
 * from its smallest record key, so runs over the same records give the same ids whatever the
 * input order, and adding unrelated records changes no existing id.
 */

/** Previous ids: the entity of each record key, ids records held before, every id issued. */
export interface PreviousIds {
  /** Entity id per record key. */
  readonly entityOf: ReadonlyMap<string, string>;
  /** Ids a record held before its current one, most recent first. */
  readonly formerOf: ReadonlyMap<string, readonly string[]>;
  /** Every id ever issued, oldest first. */
  readonly issued: readonly string[];
}

/** Former ids kept per record. */
const FORMER_IDS = 4;

/** A new id from a record key: a 52-bit hash in base 36, with a salt on collision. */
function newId(prefix: string, key: string, used: ReadonlySet<string>): string {
  for (let salt = 0; ; salt++) {
    const text = salt === 0 ? key : `${key}\u0000${salt}`;
    const hi = hashString(text) & 0xfffff;
    const lo = hashString(`${text}\u0001`);
    const id = `${prefix}${(hi * 4294967296 + lo).toString(36).padStart(11, "0")}`;
    if (!used.has(id)) return id;
  }
}

/**
 * Assigns an entity id to every cluster.
 *
 * @param keys - Record keys in canonical order.
 * @param labels - Cluster label per record (the smallest member index).
 * @param previous - Previous ids, if any.
 * @param prefix - Prefix of new ids.
 * @returns The id of each record and the issued ids, oldest first.
 */
export function assignEntityIds(
  keys: readonly string[],
  labels: Int32Array,
  previous: PreviousIds | undefined,
  prefix: string,
): { ids: string[]; issued: string[]; former: [string, string[]][] } {
  const rank = new Map<string, number>();
  previous?.issued.forEach((id, k) => rank.set(id, k));
  // The id of each cluster, by label (labels are record indices).
  const idOf = new Array<string | undefined>(keys.length);
  const taken = new Set<string>();
  // Claims of the clusters on ids their records hold now (first) or held before (then), each
  // settled oldest id first, then by how many records hold it, then by cluster.
  const settle = (idsOfRecord: (key: string) => readonly string[]): void => {
    const held = new Map<number, Map<string, number>>();
    keys.forEach((key, i) => {
      const cluster = labels[i]!;
      if (idOf[cluster] !== undefined) return;
      for (const id of idsOfRecord(key)) {
        if (!rank.has(id) || taken.has(id)) continue;
        let ids = held.get(cluster);
        if (ids === undefined) held.set(cluster, (ids = new Map()));
        ids.set(id, (ids.get(id) ?? 0) + 1);
      }
    });
    const claims: { cluster: number; id: string; count: number }[] = [];
    for (const [cluster, ids] of held) for (const [id, count] of ids) claims.push({ cluster, id, count });
    claims.sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || b.count - a.count || a.cluster - b.cluster);
    for (const { cluster, id } of claims) {
      if (idOf[cluster] !== undefined || taken.has(id)) continue;
      idOf[cluster] = id;
      taken.add(id);
    }
  };
  if (previous !== undefined) {
    settle((key) => {
      const id = previous.entityOf.get(key);
      return id === undefined ? [] : [id];
    });
    settle((key) => previous.formerOf.get(key) ?? []);
  }
  const used = new Set<string>(previous?.issued ?? []);
  const issued = [...(previous?.issued ?? [])];
  const ids = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const cluster = labels[i]!;
    let id = idOf[cluster];
    if (id === undefined) {
      // labels are the smallest member, so the first record seen is the one the id derives from
      id = newId(prefix, keys[cluster]!, used);
      used.add(id);
      issued.push(id);
      idOf[cluster] = id;
    }
    ids[i] = id;
  }
  // Remember the ids records leave behind, so that undoing a merge or a split can restore them.
  const former: [string, string[]][] = [];
  if (previous === undefined) return { ids, issued, former };
  keys.forEach((key, i) => {
    const before = previous.formerOf.get(key) ?? [];
    const was = previous.entityOf.get(key);
    const list = was !== undefined && was !== ids[i] ? [was, ...before.filter((x) => x !== was)] : [...before];
    const kept = list.filter((x) => x !== ids[i]).slice(0, FORMER_IDS);
    if (kept.length > 0) former.push([key, kept]);
  });
  return { ids, issued, former };
}
