/**
 * CDNOW: reproduces Fader, Hardie & Lee's published BG/NBD, Pareto/NBD and Gamma-Gamma
 * estimates, times the fits, writes cdnow.json and cdnow-predictions.csv, and checks the
 * predictions against the 39-week holdout.
 */
import { toCsv } from "../../src/_lib/csv.js";
import { parseCsvObjects } from "../../src/_lib/csv.js";
import {
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  parseCustomerSummaries,
  probabilityAlive,
  type BgNbdModel,
  type CustomerSummary,
  type GammaGammaModel,
  type ParetoNbdModel,
  type PurchaseModel,
} from "../../src/value/index.js";
import { dataFile, fmt, medianMs, readText, writeOut } from "../_lib.js";

/** Published estimates: Fader, Hardie & Lee (2005a, BG/NBD; their Pareto/NBD comparison) and (2005b, Gamma-Gamma). */
export const PUBLISHED = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, ll: -9582.4 },
  paretoNbd: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, ll: -9595.0 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
} as const;

/** One row of the summary table. */
export type Row = { check: string; measured: string; target: string; ok: string };

function load(file: string, columns: { key: string; x: string; tx: string; T: string; spend?: string; xStar?: string }): CustomerSummary[] {
  const path = dataFile("value", file);
  if (path === undefined) return [];
  const { rows } = parseCsvObjects(readText(path));
  const parsed = parseCustomerSummaries(
    rows.map((r) => ({
      key: r[columns.key],
      frequency: r[columns.x],
      lastPurchaseAge: r[columns.tx],
      age: r[columns.T],
      ...(columns.spend === undefined ? {} : { meanSpend: r[columns.spend] }),
      ...(columns.xStar === undefined ? {} : { holdoutFrequency: r[columns.xStar] }),
    })),
  );
  if (parsed.rejected.length > 0) throw new Error(`${file}: ${parsed.rejected.length} rows rejected, first: ${JSON.stringify(parsed.rejected[0]?.issues)}`);
  return parsed.ok;
}

const within = (value: number, published: number, tolerance: number): boolean => Math.abs(value / published - 1) <= tolerance;

function parameterRows(name: string, fitted: Record<string, number>, published: Record<string, number>, ll: number | undefined): Row[] {
  const rows: Row[] = [];
  for (const [k, target] of Object.entries(published)) {
    if (k === "ll") continue;
    const v = fitted[k] as number;
    rows.push({ check: `${name} ${k}`, measured: fmt(v, 4), target: `${target} ± 0.5 %`, ok: within(v, target, 0.005) ? "yes" : "NO" });
  }
  if (ll !== undefined && published["ll"] !== undefined) {
    rows.push({ check: `${name} log-likelihood`, measured: fmt(ll, 2), target: `${published["ll"]} ± 0.1`, ok: Math.abs(ll - published["ll"]) <= 0.1 ? "yes" : "NO" });
  }
  return rows;
}

/** Runs the CDNOW part; returns the summary rows and the holdout table. */
export function runCdnow(): { rows: Row[]; holdout: Record<string, string | number>[] } {
  const summary = load("cdnow_customers_summary.csv", { key: "ID", x: "frequency", tx: "recency", T: "T" });
  const withSpend = load("cdnow_customers_summary_with_transactions.csv", { key: "ID", x: "x", tx: "t_x", T: "T", spend: "zbar" });
  const holdout = load("cdnow_calibration_holdout.csv", { key: "id", x: "x", tx: "t_x", T: "T", xStar: "x_star" });
  if (summary.length === 0 || withSpend.length === 0) return { rows: [], holdout: [] };

  const bg = fitBgNbd(summary, { timeUnit: "weeks" });
  const pn = fitParetoNbd(summary, { timeUnit: "weeks" });
  const gg = fitGammaGamma(withSpend);
  if (!bg.ok || !pn.ok || !gg.ok) throw new Error(`a CDNOW fit failed: ${JSON.stringify([bg, pn, gg].filter((f) => !f.ok))}`);
  const bgMs = medianMs(() => fitBgNbd(summary, { timeUnit: "weeks" }), 21, 5);
  const pnMs = medianMs(() => fitParetoNbd(summary, { timeUnit: "weeks" }), 21, 5);
  const ggMs = medianMs(() => fitGammaGamma(withSpend), 21, 5);

  const rows: Row[] = [
    ...parameterRows("BG/NBD", bg.model.parameters as unknown as Record<string, number>, PUBLISHED.bgnbd, bg.model.logLikelihood),
    ...parameterRows("Pareto/NBD", pn.model.parameters as unknown as Record<string, number>, PUBLISHED.paretoNbd, pn.model.logLikelihood),
    ...parameterRows("Gamma-Gamma", gg.model.parameters as unknown as Record<string, number>, PUBLISHED.gammaGamma, undefined),
    { check: "Gamma-Gamma repeat buyers fitted", measured: String(gg.model.customers), target: "946", ok: gg.model.customers === 946 ? "yes" : "NO" },
    { check: "BG/NBD fit time (median of 21)", measured: `${fmt(bgMs, 1)} ms`, target: "≤ 50 ms", ok: bgMs <= 50 ? "yes" : "NO" },
    { check: "Pareto/NBD fit time (median of 21)", measured: `${fmt(pnMs, 1)} ms`, target: "≤ 200 ms", ok: pnMs <= 200 ? "yes" : "NO" },
    { check: "Gamma-Gamma fit time (median of 21)", measured: `${fmt(ggMs, 1)} ms`, target: "≤ 50 ms", ok: ggMs <= 50 ? "yes" : "NO" },
  ];

  writeOut(
    "value/cdnow.json",
    JSON.stringify(
      {
        bgnbd: { ...bg.model.parameters, ll: bg.model.logLikelihood },
        paretoNbd: { ...pn.model.parameters, ll: pn.model.logLikelihood },
        gammaGamma: { ...gg.model.parameters },
      },
      null,
      2,
    ) + "\n",
  );
  writePredictions(summary, withSpend, bg.model, pn.model, gg.model);
  return { rows: [...rows, ...holdoutRows(holdout, bg.model, pn.model)], holdout: holdoutTable(holdout, bg.model, pn.model) };
}

function writePredictions(summary: CustomerSummary[], withSpend: CustomerSummary[], bg: BgNbdModel, pn: ParetoNbdModel, gg: GammaGammaModel): void {
  const spendOf = new Map(withSpend.map((c) => [c.key, c]));
  const horizon = { amount: 39, unit: "weeks" } as const;
  const lines: unknown[][] = [["customer_id", "bgnbd_expected_39", "bgnbd_p_alive", "pnbd_expected_39", "pnbd_p_alive", "gg_expected_spend"]];
  for (const c of summary) {
    const spend = spendOf.get(c.key);
    lines.push([
      c.key,
      expectedPurchases(bg, c, horizon),
      probabilityAlive(bg, c),
      expectedPurchases(pn, c, horizon),
      probabilityAlive(pn, c),
      spend === undefined ? "" : expectedSpend(gg, spend) ?? "",
    ]);
  }
  writeOut("value/cdnow-predictions.csv", toCsv(lines));
}

function holdoutRows(holdout: CustomerSummary[], bg: PurchaseModel, pn: PurchaseModel): Row[] {
  if (holdout.length === 0) return [];
  const horizon = { amount: 39, unit: "weeks" } as const;
  const actual = holdout.reduce((s, c) => s + (c.holdoutFrequency ?? 0), 0);
  const rows: Row[] = [{ check: "holdout: actual repeat purchases, weeks 40–78", measured: String(actual), target: "1882 (data README)", ok: actual === 1882 ? "yes" : "NO" }];
  for (const [name, model] of [
    ["BG/NBD", bg],
    ["Pareto/NBD", pn],
  ] as const) {
    let expected = 0;
    let absolute = 0;
    for (const c of holdout) {
      const e = expectedPurchases(model, c, horizon);
      expected += e;
      absolute += Math.abs(e - (c.holdoutFrequency ?? 0));
    }
    rows.push({ check: `holdout: ${name} expected repeat purchases`, measured: `${fmt(expected, 1)} (${fmt((100 * (expected - actual)) / actual, 1)} %)`, target: "report", ok: "–" });
    rows.push({ check: `holdout: ${name} mean absolute error per customer`, measured: fmt(absolute / holdout.length, 3), target: "report", ok: "–" });
  }
  return rows;
}

/** Conditional expectations by calibration frequency (Fader, Hardie & Lee 2005, figure 5). */
function holdoutTable(holdout: CustomerSummary[], bg: PurchaseModel, pn: PurchaseModel): Record<string, string | number>[] {
  const horizon = { amount: 39, unit: "weeks" } as const;
  const groups = new Map<string, { n: number; actual: number; bg: number; pn: number }>();
  for (const c of holdout) {
    const label = c.frequency >= 7 ? "7+" : String(c.frequency);
    const g = groups.get(label) ?? { n: 0, actual: 0, bg: 0, pn: 0 };
    g.n++;
    g.actual += c.holdoutFrequency ?? 0;
    g.bg += expectedPurchases(bg, c, horizon);
    g.pn += expectedPurchases(pn, c, horizon);
    groups.set(label, g);
  }
  return [...groups]
    .sort(([a], [b]) => parseInt(a) - parseInt(b))
    .map(([x, g]) => ({ "calibration x": x, customers: g.n, "actual mean x*": fmt(g.actual / g.n, 3), "BG/NBD": fmt(g.bg / g.n, 3), "Pareto/NBD": fmt(g.pn / g.n, 3) }));
}
