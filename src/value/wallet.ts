import type { Lookup } from "./attribution.js";
import { checkCount, checkShare, peerQuantiles, quantileOfSorted } from "./peers.js";

/**
 * A customer's spend with us and, when known, their wallet: what they spend on the category in
 * total, with us and with competitors (from a survey, a credit bureau, a panel).
 *
 * @example
 * ```ts
 * const c: WalletCustomer = { key: "O-7", spendMinor: 1_200_000, walletMinor: 8_000_000, productLines: 1 };
 * ```
 */
export interface WalletCustomer {
  /** The customer key. */
  readonly key: string;
  /** What the customer spends with us in the window (minor units, ≥ 0). */
  readonly spendMinor: number;
  /** The customer's total wallet in the same window, when known; otherwise it is estimated. */
  readonly walletMinor?: number;
  /** Number of our product lines the customer buys (see {@link collectProductLines}); needed for the few-lines flag. */
  readonly productLines?: number;
}

/**
 * Options of {@link assessShareOfWallet}.
 *
 * @example
 * ```ts
 * const options: ShareOfWalletOptions = { peerGroupOf: industryOf, walletQuantile: 0.9, retainFrom: 0.6 };
 * ```
 */
export interface ShareOfWalletOptions {
  /** Customer key → look-alike group used to estimate missing wallets (default: one group for everyone). */
  readonly peerGroupOf?: Lookup;
  /** An unknown wallet is estimated as this quantile of the look-alikes' spend with us (default 0.9). */
  readonly walletQuantile?: number;
  /** Smallest look-alike group used; smaller groups fall back to everyone (default 5). */
  readonly minPeers?: number;
  /** A wallet is large from this quantile of all wallets up (default 0.75). */
  readonly largeWalletQuantile?: number;
  /** Share of wallet below which a customer with a large wallet is to be acquired (default 0.1). */
  readonly acquireBelow?: number;
  /** Share of wallet from which a customer is to be retained (default 0.5). */
  readonly retainFrom?: number;
  /** Buying at most this many of our product lines counts as "few" (default 2). */
  readonly fewProductLines?: number;
}

/**
 * Acquire, develop or retain: what to do with a customer's wallet (RAD).
 *
 * @example
 * ```ts
 * const action: RadAction = "develop";
 * ```
 */
export type RadAction = "acquire" | "develop" | "retain";

/**
 * One customer's share of wallet and RAD assignment.
 *
 * @example
 * ```ts
 * const s: ShareOfWallet = assessShareOfWallet(customers)[0]!;
 * console.log(s.key, (100 * s.share).toFixed(0) + " %", s.rad);
 * ```
 */
export interface ShareOfWallet {
  /** The customer key. */
  readonly key: string;
  /** Spend with us (negative spend counted as 0). */
  readonly spendMinor: number;
  /** The wallet, given or estimated (never below the spend with us). */
  readonly walletMinor: number;
  /** Whether the wallet was estimated from look-alikes. */
  readonly walletEstimated: boolean;
  /** Spend with us / wallet, in [0, 1] (0 for an empty wallet). */
  readonly share: number;
  /** Whether the wallet is large (at or above the `largeWalletQuantile` of all wallets). */
  readonly largeWallet: boolean;
  /** Acquire, develop or retain. */
  readonly rad: RadAction;
  /** A large wallet served in at most `fewProductLines` of our lines (false when `productLines` is unknown). */
  readonly fewLinesLargeWallet: boolean;
}

/**
 * Share of wallet and the RAD (retain / acquire / develop) assignment on share × wallet size.
 *
 * Share = spend with us / wallet. Wallets the caller does not know are estimated as a high
 * quantile of what look-alike customers spend with us — the best peers show what a customer of
 * that kind can spend (the high-quantile wallet estimation of Perlich, Rosset, Lawrence &
 * Zadrozny 2007, "High-quantile modeling for customer wallet estimation").
 *
 * Assignment: a share of at least `retainFrom` → **retain** (we hold most of the wallet; protect
 * it); otherwise a large wallet → **develop** when the share is at least `acquireBelow`, or
 * **acquire** below it (the wallet is with competitors: win it as if a new customer); a small
 * wallet with a low share → **retain** (little to win: keep the relationship at low cost). The
 * flag `fewLinesLargeWallet` marks large wallets served in only one or two of our product lines.
 *
 * A negative or non-finite spend (more returned than bought) counts as 0; a negative or
 * non-finite wallet counts as unknown and is estimated.
 *
 * @param customers - Spend with us, optional known wallets and product-line counts.
 * @param options - See {@link ShareOfWalletOptions}.
 * @returns One row per customer, in input order.
 * @throws RangeError when an option is out of range.
 * @example
 * ```ts
 * const rows = assessShareOfWallet(customers.map((c) => ({ key: c.key, spendMinor: c.netMinor, productLines: lines.get(c.key)?.length ?? 0 })));
 * const toDevelop = rows.filter((r) => r.rad === "develop");
 * ```
 */
export function assessShareOfWallet(customers: readonly WalletCustomer[], options: ShareOfWalletOptions = {}): ShareOfWallet[] {
  const walletQuantile = checkShare(options.walletQuantile ?? 0.9, "walletQuantile");
  const minPeers = checkCount(options.minPeers ?? 5, "minPeers");
  const largeQuantile = checkShare(options.largeWalletQuantile ?? 0.75, "largeWalletQuantile");
  const acquireBelow = checkShare(options.acquireBelow ?? 0.1, "acquireBelow");
  const retainFrom = checkShare(options.retainFrom ?? 0.5, "retainFrom");
  if (acquireBelow > retainFrom) throw new RangeError("acquireBelow must not exceed retainFrom");
  const few = options.fewProductLines ?? 2;
  if (!Number.isInteger(few) || few < 0) throw new RangeError(`fewProductLines must be an integer ≥ 0 (got ${few})`);
  const keys = customers.map((c) => c.key);
  const spend = Float64Array.from(customers, (c) => (Number.isFinite(c.spendMinor) && c.spendMinor > 0 ? c.spendMinor : 0));
  const known = customers.map((c) => (c.walletMinor !== undefined && Number.isFinite(c.walletMinor) && c.walletMinor >= 0 ? c.walletMinor : undefined));
  const peer = peerQuantiles(keys, spend, { peerGroupOf: options.peerGroupOf, quantile: walletQuantile, minPeers });
  const wallets = Float64Array.from(customers, (_, i) => Math.max(spend[i] as number, known[i] ?? (peer[i] as number)));
  const largeFrom = quantileOfSorted(Float64Array.from(wallets).sort(), largeQuantile);
  return customers.map((c, i) => {
    const wallet = wallets[i] as number;
    const share = wallet > 0 ? (spend[i] as number) / wallet : 0;
    const largeWallet = wallet > 0 && wallet >= largeFrom;
    const rad: RadAction = share >= retainFrom || !largeWallet ? "retain" : share >= acquireBelow ? "develop" : "acquire";
    return {
      key: c.key,
      spendMinor: spend[i] as number,
      walletMinor: wallet,
      walletEstimated: known[i] === undefined,
      share,
      largeWallet,
      rad,
      fewLinesLargeWallet: largeWallet && c.productLines !== undefined && c.productLines <= few,
    };
  });
}
