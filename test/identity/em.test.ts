import { describe, expect, it } from "vitest";
import { Rng } from "../../src/_lib/random.js";
import { estimateByEm, PatternCounter } from "../../src/identity/index.js";

/** Draws comparison vectors from a known two-class model. */
function simulate(n: number, lambda: number, m: number[][], u: number[][], seed: number) {
  const rng = new Rng(seed);
  const counter = new PatternCounter(m.length);
  const draw = (p: number[]): number => {
    let x = rng.next();
    for (let l = 0; l < p.length; l++) if ((x -= p[l]!) < 0) return l + 1;
    return p.length;
  };
  for (let k = 0; k < n; k++) {
    const match = rng.chance(lambda);
    counter.add((match ? m : u).map(draw));
  }
  return counter.table();
}

const m = [
  [0.9, 0.07, 0.03],
  [0.85, 0.15],
  [0.8, 0.1, 0.1],
];
const u = [
  [0.01, 0.04, 0.95],
  [0.05, 0.95],
  [0.02, 0.08, 0.9],
];

describe("estimateByEm", () => {
  it("recovers m and λ of a simulated mixture with u fixed", () => {
    const table = simulate(50_000, 0.2, m, u, 11);
    const fit = estimateByEm(table, [[0.6, 0.2, 0.2], [0.6, 0.4], [0.6, 0.2, 0.2]], u);
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeCloseTo(0.2, 2);
    fit.m.forEach((row, c) => row.forEach((v, l) => expect(Math.abs(v - m[c]![l]!)).toBeLessThan(0.02)));
  });

  it("leaves fixed comparisons untouched", () => {
    const table = simulate(20_000, 0.3, m, u, 12);
    const start = [[0.5, 0.3, 0.2], [0.5, 0.5], [0.5, 0.3, 0.2]];
    const fit = estimateByEm(table, start, u, { fixed: [false, true, false] });
    expect(fit.m[1]).toEqual([0.5, 0.5]);
    expect(fit.m[0]![0]).toBeGreaterThan(0.8);
  });

  it("estimates λ alone when asked", () => {
    const table = simulate(20_000, 0.1, m, u, 13);
    const fit = estimateByEm(table, m, u, { lambdaOnly: true });
    expect(fit.m).toEqual(m);
    expect(fit.lambda).toBeCloseTo(0.1, 2);
  });

  it("counts identical vectors once with their weight", () => {
    const counter = new PatternCounter(2);
    expect(counter.add([1, 0])).toBe(0);
    expect(counter.add([2, 1])).toBe(1);
    expect(counter.add([1, 0], 3)).toBe(0);
    const table = counter.table();
    expect(Array.from(table.counts)).toEqual([4, 1]);
    expect(Array.from(table.levels)).toEqual([1, 0, 2, 1]);
  });

  it("refuses a starting λ outside (0, 1)", () => {
    const table = simulate(10, 0.5, m, u, 1);
    expect(() => estimateByEm(table, m, u, { initialLambda: 1 })).toThrow(/initialLambda/);
  });
});
