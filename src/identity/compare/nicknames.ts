import { NICKNAME_GROUPS_TEXT } from "../data/nicknames.js";

/**
 * A nickname table: groups of names that can stand for one another (a canonical name and its
 * familiar forms). Build one with {@link createNicknameTable}; its `groups` are plain data, so a
 * table is stored as `JSON.stringify(table.groups)` and rebuilt with `createNicknameTable({}, groups)`.
 */
export interface NicknameTable {
  /** The groups, each led by its canonical name, all lower case. */
  readonly groups: readonly (readonly string[])[];
  /** For each name, the indexes of the groups it belongs to. */
  readonly index: ReadonlyMap<string, readonly number[]>;
}

const key = (name: string): string => name.trim().toLowerCase();

/**
 * Builds a nickname table from groups, adding extra groups to a base table (by default the bundled
 * {@link DEFAULT_NICKNAMES}). Each extra entry maps a canonical name to its familiar forms; when
 * the canonical name already leads a group, the forms are added to that group.
 *
 * @param extra - Canonical name → nicknames to add (`{ katarzyna: ["kasia", "kasha"] }`).
 * @param base - The groups to start from. Default: the bundled groups.
 * @returns The table.
 * @example
 * ```ts
 * const table = createNicknameTable({ katarzyna: ["kasia", "kasha"] });
 * areNicknames("Kasia", "Katarzyna", table); // true
 * areNicknames("Bob", "Robert", table);      // true (bundled)
 * ```
 */
export function createNicknameTable(
  extra: Readonly<Record<string, readonly string[]>> = {},
  base: readonly (readonly string[])[] = BUNDLED_GROUPS,
): NicknameTable {
  const groups = base.map((g) => g.map(key).filter((n) => n !== ""));
  const leaders = new Map<string, number>();
  groups.forEach((g, i) => {
    if (g[0] !== undefined && !leaders.has(g[0])) leaders.set(g[0], i);
  });
  for (const canonical of Object.keys(extra)) {
    const names = (extra[canonical] ?? []).map(key).filter((n) => n !== "");
    const lead = key(canonical);
    if (lead === "") continue;
    const at = leaders.get(lead);
    if (at !== undefined) groups[at] = [...groups[at]!, ...names];
    else {
      leaders.set(lead, groups.length);
      groups.push([lead, ...names]);
    }
  }
  const index = new Map<string, number[]>();
  groups.forEach((g, i) => {
    for (const name of g) {
      const list = index.get(name);
      if (list === undefined) index.set(name, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return { groups: groups.map((g) => Object.freeze([...new Set(g)])), index };
}

const BUNDLED_GROUPS: readonly (readonly string[])[] = NICKNAME_GROUPS_TEXT.trim()
  .split("\n")
  .map((line) => line.trim().split(/\s+/));

/**
 * The bundled nickname table: about 300 groups of English given names and their familiar forms
 * (Robert/Bob/Rob/Bobby, William/Bill/Will/Liam, Elizabeth/Liz/Beth/Betty, Margaret/Maggie/Peggy
 * …), with common German, French, Spanish, Italian and Dutch equivalents (Johann/Hans,
 * Giuseppe/Beppe, Francisco/Paco).
 *
 * @example
 * ```ts
 * DEFAULT_NICKNAMES.groups.length > 200; // true
 * ```
 */
export const DEFAULT_NICKNAMES: NicknameTable = createNicknameTable();

/**
 * Whether two given names can stand for the same person: equal (case and surrounding space
 * ignored), or members of a common group of the table (`Bob` and `Robert`, `Bob` and `Rob`).
 * Symmetric, not transitive (`Al` ≈ `Albert` and `Al` ≈ `Alan`, but `Albert` ≉ `Alan`). Pass
 * normalised names (see `normalizeName`) for accents and titles; blank names give `false`.
 *
 * @param a - First given name.
 * @param b - Second given name.
 * @param table - The table. Default {@link DEFAULT_NICKNAMES}.
 * @returns `true` when the names are nickname-equivalent.
 * @example
 * ```ts
 * areNicknames("Robert", "Bob");   // true
 * areNicknames("Liz", "Betty");    // true (both Elizabeth)
 * areNicknames("Robert", "William"); // false
 * ```
 */
export function areNicknames(a: string, b: string, table: NicknameTable = DEFAULT_NICKNAMES): boolean {
  const ka = key(a);
  const kb = key(b);
  if (ka === "" || kb === "") return false;
  if (ka === kb) return true;
  const ga = table.index.get(ka);
  const gb = table.index.get(kb);
  if (ga === undefined || gb === undefined) return false;
  for (const x of ga) for (const y of gb) if (x === y) return true;
  return false;
}

/**
 * The canonical names a given name can stand for — the leaders of its groups — for blocking on
 * given names (`bob` → `["robert"]`). A name in no group is its own canonical name.
 *
 * @param name - A given name.
 * @param table - The table. Default {@link DEFAULT_NICKNAMES}.
 * @returns Canonical names, lower case, in table order; empty for a blank name.
 * @example
 * ```ts
 * canonicalNames("Bob"); // ["robert"]
 * canonicalNames("Al");  // ["albert", "alan", "alexander", "alfred", "alphonse", "alvin"]
 * canonicalNames("Zoe"); // ["zoe"]
 * ```
 */
export function canonicalNames(name: string, table: NicknameTable = DEFAULT_NICKNAMES): string[] {
  const k = key(name);
  if (k === "") return [];
  const groups = table.index.get(k);
  if (groups === undefined) return [k];
  return [...new Set(groups.map((g) => table.groups[g]![0]!))];
}
