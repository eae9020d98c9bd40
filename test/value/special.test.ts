import { describe, expect, it } from "vitest";
import { hessianFromGradient, invertPositiveDefinite, minimizeBfgs } from "../../src/_lib/value-optimize.js";
import { argsortDescending, orderStatistics } from "../../src/_lib/value-sort.js";
import {
  digamma,
  hyp2f1OneWithDerivatives,
  logAddExp,
  logGamma,
  hyp2f1Signed,
  logSubExp,
  logUpperIncompleteGamma,
} from "../../src/_lib/value-special.js";
import { EDGE } from "./reference-edge.js";

/** ₂F₁ as a number, from its signed logarithm (NaN outside the domain). */
function hyp2f1(a: number, b: number, c: number, z: number, w = 1 - z): number {
  const { log, sign } = hyp2f1Signed(a, b, c, z, w);
  return sign * Math.exp(log);
}

// Reference values computed with mpmath at 40 digits.
const LOG_GAMMA: [number, number][] = [
  [1e-300, 690.77552789821371],
  [1e-8, 18.420680738180209],
  [0.5, 0.57236494292470009],
  [1, 0],
  [1.5, -0.12078223763524522],
  [2, 0],
  [3.7, 1.4280723266653879],
  [14.9, 24.924132002217277],
  [100.3, 360.51470572905813],
  [1e6, 12815504.569147612],
  [-0.5, 1.2655121234846454],
  [-2.3, 0.36956666345500745],
];

describe("log-gamma, digamma and log-space sums", () => {
  it("log-gamma matches high-precision values to 1e-13 from 1e-300 to 1e6 and for negative arguments", () => {
    for (const [x, ref] of LOG_GAMMA) expect(Math.abs(logGamma(x) - ref)).toBeLessThan(1e-13 * Math.max(1, Math.abs(ref)));
  });

  it("log-gamma is infinite at the poles", () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });

  it("digamma matches high-precision values", () => {
    const cases: [number, number][] = [
      [0.3, -3.502524222200133],
      [1, -0.57721566490153286],
      [2.5, 0.70315664064524319],
      [200, 5.2958152832199116],
    ];
    for (const [x, ref] of cases) expect(Math.abs(digamma(x) - ref)).toBeLessThan(1e-13);
  });

  it("digamma reflects to negative arguments and is NaN at the poles", () => {
    const cases: [number, number][] = [
      [-0.5, 0.03648997397857652],
      [-1.3, 2.8825405488661673],
      [-2.7, -1.1153471291406896],
      [-0.01, 99.4062136959444],
    ];
    for (const [x, ref] of cases) expect(Math.abs(digamma(x) - ref)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref)));
    expect(digamma(-2)).toBeNaN();
    expect(digamma(0)).toBeNaN();
  });

  it("log-space addition and subtraction stay finite where the exponentials overflow", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSubExp(1000, 1000 - Math.LN2)).toBeCloseTo(1000 - Math.LN2, 12);
    expect(logSubExp(5, 5)).toBe(-Infinity);
  });
});

describe("Gauss hypergeometric function", () => {
  // [a, b, c, z, mpmath value]
  const cases: [number, number, number, number, number][] = [
    [1, 1, 2, 0.5, 1.3862943611198906],
    [0.5, 0.5, 1.5, 0.25, 1.0471975511965977],
    [3.2, 1.6, 4.2, 0.97, 30.836515862409385],
    [1.1, 2.3, 0.7, 0.6, 17.943938641464522],
    [2, 3, 4, -0.5, 0.53767481080810967],
    [2, 3, 4, -5, 0.05399554547705336],
    [0.8, 2.5, 1.2, 0.999, 1239328.5877588326],
    [10.5, 12.5, 3.1, 0.9, 6.9510067690751098e22],
    [30.2, 1.6, 31.2, 0.99, 385.86866994074615],
    [2.5, 3, 4, 0.98, 677.23210493367768],
    [-3, 2, 1.5, 0.7, -0.0752],
  ];

  it("matches high-precision values across the transformations (Pfaff, Euler, 1 − z) to 1e-12", () => {
    for (const [a, b, c, z, ref] of cases) expect(Math.abs(hyp2f1(a, b, c, z) / ref - 1)).toBeLessThan(1e-12);
  });

  it("gives its logarithm where the value itself would overflow", () => {
    const { log, sign } = hyp2f1Signed(600.5, 12.5, 3.1, 0.9);
    expect(sign).toBe(1);
    expect(Number.isFinite(log)).toBe(true);
    expect(log).toBeGreaterThan(Math.log(Number.MAX_VALUE));
  });

  it("stays accurate near z = 1 when c − a − b is an integer or within 1e-6 of one", () => {
    for (const [a, b, c, z, ref] of EDGE.hyp2f1NearInteger) expect(Math.abs(hyp2f1(a, b, c, z) / ref - 1)).toBeLessThan(5e-11);
  });

  it("is negative where the series is (c < 0) and keeps the sign in its signed logarithm", () => {
    // ₂F₁(0.24, 0.6; −0.1; 0.5) = 1 + (0.24 · 0.6 / −0.1) · 0.5 + … < 0 (mpmath: −0.5231211311645389).
    const v = hyp2f1Signed(0.24, 0.6, -0.1, 0.5);
    expect(v.sign).toBe(-1);
    expect(Math.abs(Math.exp(v.log) / 0.5231211311645389 - 1)).toBeLessThan(1e-12);
  });

  it("takes 1 − z separately, so that z rounding to 1 loses nothing", () => {
    // 2F1(2, 3; 6.5; z) with 1 − z = 1e-20: the connection formula's limit Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)).
    const w = 1e-20;
    const limit = Math.exp(logGamma(6.5) + logGamma(1.5) - logGamma(4.5) - logGamma(3.5));
    expect(Math.abs(hyp2f1(2, 3, 6.5, 1 - w, w) / limit - 1)).toBeLessThan(1e-9);
  });

  it("returns NaN outside its domain instead of looping", () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
  });

  it("gives ₂F₁(1, b; c; z) and its derivatives near z = 1 as mpmath does, at and near integer c − 1 − b", () => {
    const d = new Float64Array(3);
    for (const [b, c, z, value, db, dc, dz] of EDGE.hyp2f1OneDerivatives) {
      expect(Math.abs(hyp2f1OneWithDerivatives(b, c, z, 1 - z, d) / value - 1)).toBeLessThan(1e-10);
      expect(Math.abs((d[0] as number) / db - 1)).toBeLessThan(1e-8);
      expect(Math.abs((d[1] as number) / dc - 1)).toBeLessThan(1e-8);
      expect(Math.abs((d[2] as number) / dz - 1)).toBeLessThan(1e-8);
    }
  });

  it("sums ₂F₁(1, b; c; z) with derivatives that agree with finite differences", () => {
    const d = new Float64Array(3);
    const [b, c, z] = [2.3, 4.1, 0.6];
    const s = hyp2f1OneWithDerivatives(b, c, z, 1 - z, d);
    expect(s / hyp2f1(1, b, c, z) - 1).toBeCloseTo(0, 13);
    const h = 1e-6;
    expect(d[0]).toBeCloseTo((hyp2f1(1, b + h, c, z) - hyp2f1(1, b - h, c, z)) / (2 * h), 6);
    expect(d[1]).toBeCloseTo((hyp2f1(1, b, c + h, z) - hyp2f1(1, b, c - h, z)) / (2 * h), 6);
    expect(d[2]).toBeCloseTo((hyp2f1(1, b, c, z + h) - hyp2f1(1, b, c, z - h)) / (2 * h), 6);
  });
});

describe("upper incomplete gamma function", () => {
  it("matches high-precision values for positive, zero and negative shapes", () => {
    const cases: [number, number, number][] = [
      [0.5, 0.1, 0.14881861944873436],
      [2, 3, -1.6137056388801094],
      [-0.5, 0.1, 1.2242956894091534],
      [-1.7, 0.05, 4.4542645012176684],
      [0, 0.2, 0.20102107931192714],
      [-0.39, 0.15, 0.74854198002471641],
      [-2.5, 5, -11.120265979574235],
    ];
    for (const [a, z, ref] of cases) expect(Math.abs(logUpperIncompleteGamma(a, z) - ref)).toBeLessThan(1e-9);
  });
});

describe("optimiser and linear algebra", () => {
  it("BFGS finds the minimum of the Rosenbrock function", () => {
    const rosenbrock = (x: Float64Array, g: Float64Array | null): number => {
      const [a, b] = [x[0] as number, x[1] as number];
      if (g) {
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
      }
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("differentiates a gradient into a symmetric Hessian", () => {
    // f(x, y) = x² y + e^y: ∇f = (2xy, x² + e^y), ∇²f = [[2y, 2x], [2x, e^y]].
    const gradient = (p: Float64Array, out: Float64Array): boolean => {
      out[0] = 2 * (p[0] as number) * (p[1] as number);
      out[1] = (p[0] as number) ** 2 + Math.exp(p[1] as number);
      return true;
    };
    const h = hessianFromGradient(gradient, [0.3, 0.2]);
    expect(Array.from(h ?? [])).toEqual([0.4, 0.6, 0.6, Math.exp(0.2)].map((v) => expect.closeTo(v, 7)));
  });

  it("inverts a positive-definite matrix and refuses an indefinite one", () => {
    const inv = invertPositiveDefinite(Float64Array.from([4, 2, 2, 3]), 2);
    expect(Array.from(inv ?? [])).toEqual([0.375, -0.25, -0.25, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(invertPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toBeUndefined();
  });
});

describe("comparator-free sorting", () => {
  it("argsorts descending with ties in position order, across signs and zeros", () => {
    const values = Float64Array.from([3, -1, 3, 0, -0, 1e300, -1e-300, 2.5, 3]);
    expect(Array.from(argsortDescending(values))).toEqual([5, 0, 2, 8, 7, 3, 4, 6, 1]);
  });

  it("finds order statistics like a full sort does, with heavy ties", () => {
    const values = Float64Array.from([5, 1, 1, 1, 2, 9, 1, 3, 1, 7]);
    const sorted = Array.from(values).sort((a, b) => a - b);
    expect(orderStatistics(values.slice(), [0, 3, 6, 9])).toEqual([sorted[0], sorted[3], sorted[6], sorted[9]]);
  });
});
