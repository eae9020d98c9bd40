import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvObjects, toCsv } from "../../src/_lib/csv.js";

describe("CSV", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a BOM", () => {
    const text = '\ufeffid,name,note\r\n1,"Smith, Ann","said ""hi""\nthen left"\r\n2,Bob,\r\n';
    expect(parseCsv(text)).toEqual([["id", "name", "note"], ["1", "Smith, Ann", 'said "hi"\nthen left'], ["2", "Bob", ""]]);
  });

  it("trims unquoted whitespace when asked, as FEBRL's files need", () => {
    expect(parseCsv("rec_id, given_name, surname\nrec-1-org, , smith\n", { trim: true })).toEqual([["rec_id", "given_name", "surname"], ["rec-1-org", "", "smith"]]);
  });

  it("maps rows to header names, filling missing trailing fields", () => {
    const { header, rows } = parseCsvObjects("a,b\n1\n");
    expect(header).toEqual(["a", "b"]);
    expect(rows[0]).toEqual(Object.assign(Object.create(null), { a: "1", b: "" }));
  });

  it("round-trips any table through toCsv and parseCsv", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? ""));
        const parsed = parseCsv(toCsv(table));
        const nonBlank = table.filter((r) => !(r.length === 1 && r[0] === ""));
        expect(parsed).toEqual(nonBlank);
      }),
    );
  });
});
