import { minorUnitExponent } from "../customer/index.js";
import type { GenerateOptions, PurchaseProcess, ResolvedGenerateOptions } from "./types.js";

/**
 * The default buy-till-you-die process: about 4.9 purchases a year while alive (λ ~ Gamma(0.75, 8)
 * per week), a 17 % average dropout after each repeat purchase (p ~ Beta(0.8, 4)), and purchases
 * of 36 (currency units) on average with a heavy right tail (Gamma-Gamma p = 6, q = 3.5, γ = 15).
 *
 * @example
 * ```ts
 * generateCrmDataset({ purchaseProcess: { ...DEFAULT_PURCHASE_PROCESS, b: 8 } }); // more loyal customers
 * ```
 */
export const DEFAULT_PURCHASE_PROCESS: PurchaseProcess = Object.freeze({
  r: 0.75,
  alpha: 8,
  a: 0.8,
  b: 4,
  spendShape: 6,
  q: 3.5,
  gamma: 15,
  acquisitionShare: 0.6,
  returnRate: 0.04,
});

const share = (name: string, value: number): number => {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`option ${name} must be a share between 0 and 1, got ${value}`);
  return value;
};

const positive = (name: string, value: number): number => {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`option ${name} must be a positive finite number, got ${value}`);
  return value;
};

const count = (name: string, value: number, min: number, max: number): number => {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`option ${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
};

/**
 * Fills in the defaults of {@link GenerateOptions} and checks every option.
 *
 * @param options - Options as given.
 * @returns The options with defaults.
 * @throws RangeError naming the option when a value is out of range.
 * @example
 * ```ts
 * resolveGenerateOptions({ customers: 10 }).seed; // 1
 * ```
 */
export function resolveGenerateOptions(options: GenerateOptions = {}): ResolvedGenerateOptions {
  const start = options.start ?? new Date(Date.UTC(2022, 0, 1));
  const end = options.end ?? new Date(Date.UTC(2024, 11, 31));
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) throw new RangeError("option start must be a valid Date");
  if (!(end instanceof Date) || Number.isNaN(end.getTime())) throw new RangeError("option end must be a valid Date");
  if (end.getTime() - start.getTime() < 28 * 86_400_000) throw new RangeError("option end must be at least four weeks after start");
  if (start.getUTCFullYear() < 1900 || end.getUTCFullYear() > 2200) throw new RangeError("options start and end must lie between the years 1900 and 2200");
  const currency = (options.currency ?? "EUR").toUpperCase();
  minorUnitExponent(currency); // throws for an unknown currency
  const proc = { ...DEFAULT_PURCHASE_PROCESS, ...options.purchaseProcess };
  for (const key of ["r", "alpha", "a", "b", "spendShape", "q", "gamma"] as const) positive(`purchaseProcess.${key}`, proc[key]);
  share("purchaseProcess.acquisitionShare", proc.acquisitionShare);
  share("purchaseProcess.returnRate", proc.returnRate);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`option seed must be a safe integer, got ${seed}`);
  const householdShare = share("householdShare", options.householdShare ?? 0.4);
  const organizationShare = share("organizationShare", options.organizationShare ?? 0.06);
  if (householdShare + organizationShare > 1) throw new RangeError("options householdShare + organizationShare must not exceed 1");
  const part = options.part ?? { index: 0, of: 1 };
  count("part.of", part.of, 1, 1_000_000);
  count("part.index", part.index, 0, part.of - 1);
  const noise = options.noise ?? 1;
  if (!(noise >= 0 && noise <= 3)) throw new RangeError(`option noise must lie between 0 and 3, got ${noise}`);
  return {
    seed,
    customers: count("customers", options.customers ?? 1000, 0, 50_000_000),
    start,
    end,
    currency,
    chineseShare: share("chineseShare", options.chineseShare ?? 0.15),
    householdShare,
    organizationShare,
    noise,
    catalogueSize: count("catalogueSize", options.catalogueSize ?? 600, 1, 1_000_000),
    purchaseProcess: proc,
    interactions: options.interactions ?? true,
    chunkSize: count("chunkSize", options.chunkSize ?? 250, 1, 10_000_000),
    part: { index: part.index, of: part.of },
  };
}
