import { describe, expect, it } from "vitest";
import { prepareOnlineRetail, targetsByInvoice } from "../../bench/recommend/online-retail.js";
import { splitLeaveLastOut } from "../../src/recommend/index.js";

const csv = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  '536370,22728,"ALARM CLOCK, PINK",24,2010-12-03 08:45:00,3.75,12583,France',
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
  "536366,22728,ALARM CLOCK PINK,6,2010-12-01 08:28:00,1.85,12583,France", // an earlier purchase of the same product
  "536367,POST,POSTAGE,1,2010-12-01 08:34:00,18.00,12583,France", // not a product
  "536368,8512,FOUR DIGITS,1,2010-12-01 08:34:00,1.00,12583,France", // not a five-digit code
  "536369,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,,United Kingdom", // no customer
  "536371,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,0,United Kingdom", // customer 0
  "C536372,22728,ALARM CLOCK PINK,-1,2010-12-04 09:00:00,3.75,12583,France", // a return is a row like any other
].join("\n");

describe("prepareOnlineRetail (benchmark protocol)", () => {
  const data = prepareOnlineRetail(csv, "test.csv");

  it("keeps rows with a known customer and a five-digit product code", () => {
    expect(data.rows).toBe(8);
    expect(data.kept).toBe(4);
    expect(new Set(data.interactions.map((e) => e.itemId))).toEqual(new Set(["22728", "85123A"]));
    expect(new Set(data.interactions.map((e) => e.customerId))).toEqual(new Set(["12583", "17850"]));
  });

  it("gives one interaction per customer and product, at the first purchase, read as UTC", () => {
    expect(data.interactions).toHaveLength(2);
    expect(data.interactions.find((e) => e.customerId === "12583")?.timestamp).toEqual(new Date(Date.UTC(2010, 11, 1, 8, 28)));
    expect(data.interactions.find((e) => e.customerId === "17850")?.timestamp).toEqual(new Date(Date.UTC(2010, 11, 1, 8, 26)));
  });

  it("names a missing column or an unreadable date", () => {
    expect(() => prepareOnlineRetail("InvoiceNo,StockCode\n1,22728", "x.csv")).toThrow(/x\.csv: column CustomerID is missing/);
    expect(() => prepareOnlineRetail("StockCode,InvoiceDate,CustomerID\n22728,yesterday,1", "x.csv")).toThrow(/unreadable InvoiceDate "yesterday"/);
  });
});

describe("targetsByInvoice", () => {
  it("tells basket completion from the next visit", () => {
    const at = (d: number): Date => new Date(Date.UTC(2011, 0, d));
    const interactions = [
      ...["a", "b", "c"].map((itemId) => ({ customerId: "same", itemId, timestamp: at(1) })),
      { customerId: "next", itemId: "a", timestamp: at(1) },
      { customerId: "next", itemId: "b", timestamp: at(1) },
      { customerId: "next", itemId: "c", timestamp: at(9) },
    ];
    const split = splitLeaveLastOut(interactions, { minItems: 3 });
    const { sameInvoice, nextInvoice } = targetsByInvoice(interactions, split);
    expect(sameInvoice.map((t) => t.customerId)).toEqual(["same"]);
    expect(nextInvoice.map((t) => t.customerId)).toEqual(["next"]);
  });
});
