/** Online Retail invoices: ABC tiers, concentration and RFM segment tables. */
import { parseCsvObjects } from "../../src/_lib/csv.js";
import {
  assignAbcTiers,
  computeParetoCurve,
  countRfmSegments,
  RFM_SEGMENTS_R_PACKAGE,
  rollupTransactionRows,
  scoreRfm,
  segmentRfm,
} from "../../src/value/index.js";
import { dataFile, fmt, readText } from "../_lib.js";
import type { Row } from "./cdnow.js";

/** The day after the last invoice (2011-12-09), the usual "as of" of this data set. */
const AS_OF = new Date("2011-12-10T00:00:00Z");

/** Runs the Online Retail part. */
export function runRetail(): { rows: Row[]; abc: Record<string, string | number>[]; rfm: Record<string, string | number>[] } {
  const path = dataFile("value", "online_retail_invoices.csv");
  if (path === undefined) return { rows: [], abc: [], rfm: [] };
  const { rows } = parseCsvObjects(readText(path));
  // TotalPrice is an unrounded float sum of quantity × price; the boundary converts it to pence exactly after rounding to 2 decimals.
  const input = rows.map((r) => ({ id: r["InvoiceNo"], customerId: r["CustomerID"], timestamp: r["InvoiceDate"], amount: Number(r["TotalPrice"]).toFixed(2), currency: "GBP" }));
  const started = performance.now();
  const rollup = rollupTransactionRows(input, { asOf: AS_OF });
  if (!rollup.ok) throw new Error(rollup.error.message);
  const values = rollup.customers.map((c) => ({ key: c.key, value: c.netMinor }));
  const abc = assignAbcTiers(values);
  const curve = computeParetoCurve(values);
  const rfm = scoreRfm(rollup.customers, { asOf: AS_OF });
  const common = countRfmSegments(segmentRfm(rfm.scored));
  const rPackage = countRfmSegments(segmentRfm(rfm.scored, { ruleSet: RFM_SEGMENTS_R_PACKAGE }), { ruleSet: RFM_SEGMENTS_R_PACKAGE });
  const ms = performance.now() - started;
  const summaryRows: Row[] = [
    { check: "Online Retail: invoices read / rejected", measured: `${rows.length} / ${rollup.rejected.length}`, target: "18532 / 0", ok: rows.length === 18532 && rollup.rejected.length === 0 ? "yes" : "NO" },
    { check: "Online Retail: customers", measured: String(rollup.customers.length), target: "4338", ok: rollup.customers.length === 4338 ? "yes" : "NO" },
    { check: "Online Retail: value share of the top 20 %", measured: `${fmt(100 * curve.top20Share, 1)} %`, target: "74.6 % (data README)", ok: Math.abs(100 * curve.top20Share - 74.6) < 0.05 ? "yes" : "NO" },
    { check: "Online Retail: Gini coefficient", measured: fmt(curve.gini, 3), target: "report", ok: "–" },
    { check: "Online Retail: parse + rollup + ABC + RFM time", measured: `${fmt(ms, 0)} ms`, target: "report", ok: "–" },
  ];
  const abcTable = abc.tiers.map((t) => ({
    tier: t.tier,
    customers: t.customers,
    "share of customers": `${fmt(100 * t.customerShare, 1)} %`,
    "net value (GBP)": fmt(t.value / 100, 2),
    "share of value": `${fmt(100 * t.valueShare, 1)} %`,
  }));
  const rPackageBySegment = new Map(rPackage.map((r) => [r.segment, r.customers]));
  const names = [...new Set([...common.map((c) => c.segment), ...rPackage.map((r) => r.segment)])];
  const commonBySegment = new Map(common.map((c) => [c.segment, c.customers]));
  const rfmTable = names.map((segment) => ({ segment, "common 11-segment table": commonBySegment.get(segment) ?? "–", "R rfm package rules": rPackageBySegment.get(segment) ?? "–" }));
  return { rows: summaryRows, abc: abcTable, rfm: rfmTable };
}
