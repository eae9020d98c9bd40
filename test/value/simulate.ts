/**
 * Test fixtures: customer histories drawn straight from the generative stories of the
 * buy-till-you-die models (in continuous time, no calendar), so that a fit can be checked against
 * the parameters that made the data — including parameter regions the synth generator's default
 * process never visits (a + b < 1, one Pareto/NBD rate a thousand times the other).
 */
import { Rng } from "../../src/_lib/random.js";
import type { CustomerSummary } from "../../src/value/index.js";

/** Ages T are drawn uniformly from [min, max] (model time units). */
export interface AgeRange {
  readonly min: number;
  readonly max: number;
}

/** Gamma-Gamma spend: each purchase is Gamma(p, ν) with ν ~ Gamma(q, γ) per customer. */
export interface SpendProcess {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

const SPEND: SpendProcess = { p: 6, q: 3.5, gamma: 15 };

type History = Omit<CustomerSummary, "key">;

/** A history from the purchase times after the first purchase (at 0) and the age. */
function summarize(rng: Rng, repeats: number[], age: number, spend: SpendProcess): History {
  const nu = rng.gamma(spend.q, spend.gamma);
  let total = 0;
  for (let k = 0; k < repeats.length; k++) total += rng.gamma(spend.p, nu);
  const x = repeats.length;
  return { frequency: x, lastPurchaseAge: x > 0 ? (repeats[x - 1] as number) : 0, age, meanSpend: x > 0 ? total / x : 0 };
}

/**
 * BG/NBD (Fader, Hardie & Lee 2005): while alive a customer buys at rate λ ~ Gamma(r, α); after
 * each repeat purchase they drop out with probability p ~ Beta(a, b).
 */
export function simulateBgNbd(
  parameters: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number },
  customers: number,
  seed: number,
  ages: AgeRange,
  spend: SpendProcess = SPEND,
): History[] {
  const rng = new Rng(seed);
  return Array.from({ length: customers }, () => {
    const lambda = rng.gamma(parameters.r, parameters.alpha);
    const dropout = rng.beta(parameters.a, parameters.b);
    const age = ages.min + rng.next() * (ages.max - ages.min);
    const repeats: number[] = [];
    for (let t = rng.exponential(lambda); t <= age; t += rng.exponential(lambda)) {
      repeats.push(t);
      if (rng.next() < dropout) break;
    }
    return summarize(rng, repeats, age, spend);
  });
}

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): while alive a customer buys at rate
 * λ ~ Gamma(r, α); the lifetime is exponential with rate μ ~ Gamma(s, β).
 */
export function simulateParetoNbd(
  parameters: { readonly r: number; readonly alpha: number; readonly s: number; readonly beta: number },
  customers: number,
  seed: number,
  ages: AgeRange,
  spend: SpendProcess = SPEND,
): History[] {
  const rng = new Rng(seed);
  return Array.from({ length: customers }, () => {
    const lambda = rng.gamma(parameters.r, parameters.alpha);
    const lifetime = rng.exponential(rng.gamma(parameters.s, parameters.beta));
    const age = ages.min + rng.next() * (ages.max - ages.min);
    const repeats: number[] = [];
    for (let t = rng.exponential(lambda); t <= Math.min(age, lifetime); t += rng.exponential(lambda)) repeats.push(t);
    return summarize(rng, repeats, age, spend);
  });
}

/** A seeded Fisher–Yates shuffle (a copy). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = new Rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
