/**
 * What EASE (Steck 2019) would cost here: EASE needs the inverse of the dense items × items Gram
 * matrix XᵀX + λI, whose first step is a Cholesky factorisation, O(n³/3) multiply-adds. This times
 * a plain row-oriented Cholesky on Float64Array for a few sizes of a well-conditioned symmetric
 * matrix, to show why idic/recommend does not offer EASE at 3,659 items within a 1.5 s budget.
 *
 *   npx tsx bench/recommend/cholesky-cost.ts
 */
import { fmt, printTable, timed } from "../_lib.js";

/** A symmetric, diagonally dominant n × n matrix (row-major). */
function gram(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = i === j ? n : Math.sin(7 * i + j) / 2;
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** In-place Cholesky factorisation A = L Lᵀ (L in the lower triangle). */
function cholesky(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j] as number;
    for (let k = 0; k < j; k++) d -= (a[rj + k] as number) * (a[rj + k] as number);
    d = Math.sqrt(d);
    a[rj + j] = d;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j] as number;
      for (let k = 0; k < j; k++) s -= (a[ri + k] as number) * (a[rj + k] as number);
      a[ri + j] = s / d;
    }
  }
}

cholesky(gram(300), 300); // warm-up
const rows = [1000, 2000].map((n) => {
  const a = gram(n);
  const { ms } = timed(() => cholesky(a, n));
  return { items: n, "Cholesky ms": fmt(ms, 0), "extrapolated to 3,659 items, s": fmt(((ms / 1000) * 3659 ** 3) / n ** 3, 1) };
});
printTable(rows);
