import type { Account } from "../customer/index.js";

/**
 * A mapping from one id to another — a `Map`, a plain record, or a function. Plain records are
 * read with own-property checks only, so a key such as `"__proto__"` never reaches a prototype.
 *
 * @example
 * ```ts
 * const personOf: Lookup = new Map([["W-1001", "P-1"], ["POS-77", "P-1"]]);
 * ```
 */
export type Lookup = ReadonlyMap<string, string> | Readonly<Record<string, string>> | ((id: string) => string | undefined);

/**
 * The level value is rolled up to: the `account` a transaction was booked on, the `customer` id
 * as the transaction carries it (a source record or an already resolved id), the `person`, the
 * `household` or the `organization`.
 *
 * @example
 * ```ts
 * const level: RollupLevel = "household";
 * ```
 */
export type RollupLevel = "account" | "customer" | "person" | "household" | "organization";

/**
 * How transactions and interactions are attributed to the customers value is rolled up to.
 *
 * A row's base customers are its `customerId`, or — when it has none — the owners of its
 * `accountId` (from `accountOwners`). The base ids are then mapped with `personOf` (to persons),
 * and from persons with `householdOf` or `organizationOf`, depending on `level`. An amount on an
 * account with several owners is split into equal integer shares among the distinct owners
 * (sorted by id; the first ones receive the remainder, one minor unit each), and each share then
 * goes to that owner's key — so a household's value is exactly the sum of its members' values.
 *
 * @example
 * ```ts
 * const attribution: AttributionOptions = {
 *   level: "household",
 *   personOf: new Map(dataset.truth.records.map((r) => [r.sourceId, r.personId])),
 *   householdOf: new Map(dataset.truth.customers.map((c) => [c.personId, c.householdId])),
 * };
 * ```
 */
export interface AttributionOptions {
  /** The level to roll up to (default `"customer"`: the ids as the rows carry them). */
  readonly level?: RollupLevel;
  /** Base customer id (source record, account owner id) → person id. Default: the base id is the person id. */
  readonly personOf?: Lookup;
  /** Person id → household id; required for level `"household"`. */
  readonly householdOf?: Lookup;
  /** Person id → organization id; required for level `"organization"`. */
  readonly organizationOf?: Lookup;
  /** Account id → owner ids (base customer ids), for rows that have only an account; see {@link ownersOfAccounts}. */
  readonly accountOwners?: ReadonlyMap<string, readonly string[]> | ((accountId: string) => readonly string[] | undefined);
}

/** The keys one row is attributed to: `keyOfBase[i]` is the key index of the i-th base owner. */
export interface Attribution {
  readonly keys: string[];
  readonly keyOfBase: number[];
}

/** Reads a {@link Lookup}. */
export function lookUp(lookup: Lookup, id: string): string | undefined {
  if (typeof lookup === "function") return lookup(id);
  if (lookup instanceof Map) return lookup.get(id);
  return Object.hasOwn(lookup, id) ? (lookup as Readonly<Record<string, string>>)[id] : undefined;
}

/**
 * Options of {@link ownersOfAccounts}.
 *
 * @example
 * ```ts
 * const options: OwnersOfAccountsOptions = { includeAuthorized: true };
 * ```
 */
export interface OwnersOfAccountsOptions {
  /** Count authorized users as owners (default `false`: they use the account but do not own it). */
  readonly includeAuthorized?: boolean;
}

/**
 * Builds the `accountOwners` mapping of {@link AttributionOptions} from accounts: each account's
 * owner `partyId`s — primary and joint owners, and authorized users when `includeAuthorized` is
 * set — distinct and sorted by id (the order in which a split amount's remainder is handed out;
 * attribution sorts them the same way whatever mapping it is given).
 *
 * @param accounts - Accounts, as parsed with `parseAccounts`.
 * @param options - See {@link OwnersOfAccountsOptions}.
 * @returns Account id → owner ids.
 * @example
 * ```ts
 * const accountOwners = ownersOfAccounts(dataset.accounts);
 * rollupValue(dataset.transactions, { asOf, attribution: { level: "person", accountOwners, personOf } });
 * ```
 */
export function ownersOfAccounts(accounts: readonly Account[], options: OwnersOfAccountsOptions = {}): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const account of accounts) {
    const owners = account.owners.filter((o) => options.includeAuthorized === true || o.role !== "authorized").map((o) => o.partyId);
    out.set(account.id, [...new Set(owners)].sort());
  }
  return out;
}

const LEVELS: readonly RollupLevel[] = ["account", "customer", "person", "household", "organization"];

/** Checks the options once; throws for programmer errors. */
export function checkAttribution(options: AttributionOptions | undefined): Required<Pick<AttributionOptions, "level">> & AttributionOptions {
  const level = options?.level ?? "customer";
  if (!LEVELS.includes(level)) {
    throw new RangeError(`attribution.level must be one of ${LEVELS.map((l) => `"${l}"`).join(", ")} (got ${JSON.stringify(level)})`);
  }
  if (level === "household" && options?.householdOf === undefined) {
    throw new RangeError('attribution.householdOf is required when attribution.level is "household"');
  }
  if (level === "organization" && options?.organizationOf === undefined) {
    throw new RangeError('attribution.organizationOf is required when attribution.level is "organization"');
  }
  return { ...options, level };
}

function ownersOf(options: AttributionOptions, accountId: string): readonly string[] | undefined {
  const owners = options.accountOwners;
  if (owners === undefined) return undefined;
  return typeof owners === "function" ? owners(accountId) : owners.get(accountId);
}

/** Maps one base id to the level's key, or explains why it cannot be. */
function keyAtLevel(options: ReturnType<typeof checkAttribution>, baseId: string): string | { reason: string } {
  if (options.level === "customer") return baseId;
  const person = options.personOf === undefined ? baseId : lookUp(options.personOf, baseId);
  if (person === undefined) return { reason: `no person is known for customer "${baseId.slice(0, 80)}"` };
  if (options.level === "person") return person;
  const group = lookUp((options.level === "household" ? options.householdOf : options.organizationOf) as Lookup, person);
  return group ?? { reason: `no ${options.level} is known for person "${person.slice(0, 80)}"` };
}

/**
 * The one key of a row with a single base customer — the common case, resolved without
 * allocating —, the reason it cannot be attributed, or `null` for a row on an account with
 * several owners (see {@link attribute}).
 */
export function attributeToOne(
  options: ReturnType<typeof checkAttribution>,
  customerId: string | undefined,
  accountId: string | undefined,
): string | { reason: string } | null {
  if (options.level === "account") return accountId ?? { reason: "the row has no accountId" };
  if (customerId !== undefined) return keyAtLevel(options, customerId);
  if (accountId === undefined) return { reason: "the row has neither customerId nor accountId" };
  const owners = ownersOf(options, accountId);
  if (owners === undefined || owners.length === 0) return { reason: `no owner is known for account "${accountId.slice(0, 80)}"` };
  return owners.length === 1 ? keyAtLevel(options, owners[0] as string) : null;
}

/**
 * Attributes one row (a customer id and/or an account id) to the level's keys, or returns the
 * reason it cannot be attributed.
 */
export function attribute(
  options: ReturnType<typeof checkAttribution>,
  customerId: string | undefined,
  accountId: string | undefined,
): Attribution | { reason: string } {
  const one = attributeToOne(options, customerId, accountId);
  if (typeof one === "string") return { keys: [one], keyOfBase: [0] };
  if (one !== null) return one;
  // An account with several owners: its distinct owners, sorted by id, each mapped to a key.
  const base = [...new Set(ownersOf(options, accountId as string))].sort();
  const keys: string[] = [];
  const keyOfBase: number[] = [];
  for (const id of base) {
    const key = keyAtLevel(options, id);
    if (typeof key !== "string") return key;
    let at = keys.indexOf(key);
    if (at < 0) at = keys.push(key) - 1;
    keyOfBase.push(at);
  }
  return { keys, keyOfBase };
}

/**
 * Splits an integer amount into equal integer shares among the base owners of an attribution
 * (the first owners receive the remainder, one unit each) and sums the shares per key.
 */
export function splitAmount(attribution: Attribution, amount: number): number[] {
  const shares = new Array<number>(attribution.keys.length).fill(0);
  const n = attribution.keyOfBase.length;
  const floor = Math.floor(amount / n);
  const remainder = amount - floor * n;
  for (let i = 0; i < n; i++) {
    const k = attribution.keyOfBase[i] as number;
    shares[k] = (shares[k] as number) + floor + (i < remainder ? 1 : 0);
  }
  return shares;
}
