import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/_lib/csv.js";
import { HELP, main, type CliIo } from "../../src/cli/main.js";
import { generateCrmDataset } from "../../src/synth/index.js";

/** A CSV of generated customers, one column per role, and the truth. */
function generatedCsv(): { text: string; personOf: Map<string, string> } {
  const ds = generateCrmDataset({ seed: 4, customers: 120, interactions: false });
  const rows = ds.sourceRecords.map((r) => [
    r.sourceId,
    r.sourceSystem,
    r.givenName ?? "",
    r.familyName ?? "",
    r.fullName ?? "",
    r.emails[0] ?? "",
    r.phones[0] ?? "",
    r.addresses[0]?.lines.join(", ") ?? "",
    r.addresses[0]?.city ?? "",
    r.addresses[0]?.postcode ?? "",
    r.birthDate ?? "",
  ]);
  const header = ["record_id", "source", "given_name", "family_name", "full_name", "email", "phone", "address", "city", "postcode", "birth_date"];
  return { text: toCsv([header, ...rows]), personOf: new Map(ds.truth.records.map((t) => [t.sourceId, t.personId])) };
}

const COLUMNS = "id=record_id,source=source,given=given_name,family=family_name,full=full_name,email=email,phone=phone,address=address,city=city,postcode=postcode,birthDate=birth_date";

function fakeIo(files: Record<string, string>): CliIo & { out: string; err: string; files: Record<string, string> } {
  const io = {
    out: "",
    err: "",
    files,
    interactive: false,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: (p: string) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file ${p}`);
      return files[p]!;
    },
    writeFile: (p: string, t: string) => void (files[p] = t),
  };
  return io;
}

describe("idic resolve", () => {
  const { text, personOf } = generatedCsv();

  it("writes record_id,entity_id,household_id for every row, linking one person's records", () => {
    const io = fakeIo({ "in.csv": text });
    expect(main(["resolve", "--input", "in.csv", "--columns", COLUMNS, "--preset", "person", "--out", "out.csv"], io)).toBe(0);
    const [header, ...rows] = parseCsv(io.files["out.csv"]!);
    expect(header).toEqual(["record_id", "entity_id", "household_id", "source"]);
    expect(rows.length).toBe(personOf.size);
    // records of one entity mostly belong to one person
    const byEntity = new Map<string, Set<string>>();
    for (const [id, entity] of rows) (byEntity.get(entity!) ?? byEntity.set(entity!, new Set()).get(entity!)!).add(personOf.get(id!)!);
    const pure = [...byEntity.values()].filter((s) => s.size === 1).length;
    expect(pure / byEntity.size).toBeGreaterThan(0.8);
    expect(byEntity.size).toBeLessThan(rows.length);
    expect(io.err).toMatch(/rows: \d+ resolved into \d+ people/);
  });

  it("explains why two records did or did not match, and writes the waterfall", () => {
    const io = fakeIo({ "in.csv": text });
    const [first, second] = parseCsv(text).slice(1, 3).map((r) => r[0]!);
    expect(main(["resolve", "--input", "in.csv", "--columns", COLUMNS, "--out", "out.csv", "--explain", `${first},${second}`, "--explain-chart", "why.json", "--quiet"], io)).toBe(0);
    expect(io.out).toMatch(/comparison\s+level\s+weight/);
    expect(io.out).toMatch(/match weight -?\d+\.\d+ bits → probability/);
    expect(JSON.parse(io.files["why.json"]!).$schema).toMatch(/vega-lite/);
  });

  it("lists rejected rows with their line and reason, and keeps going", () => {
    const io = fakeIo({ "in.csv": "id,name\n1,Ann\n,Bob\n1,Ann again\n2,Cy\n" });
    expect(main(["resolve", "--input", "in.csv", "--columns", "id=id,given=name", "--quiet"], io)).toBe(0);
    expect(parseCsv(io.out).slice(1).map((r) => r[0])).toEqual(["1", "2"]);
    expect(io.err).toMatch(/data row 2 rejected: sourceId/);
    expect(io.err).toMatch(/data row 3 rejected: .*duplicate/);
  });

  it("refuses unknown roles, missing options and bad values with exit code 2", () => {
    const cases: string[][] = [
      ["resolve", "--input", "in.csv", "--columns", "id=id,shoe=name"],
      ["resolve", "--columns", "id=id"],
      ["resolve", "--input", "in.csv", "--columns", "id=nope"],
      ["resolve", "--input", "in.csv", "--columns", "given=name"],
      ["resolve", "--input", "in.csv", "--columns", "id=id", "--preset", "company"],
      ["resolve", "--input", "in.csv", "--columns", "id=id", "--threshold", "2"],
      ["resolve", "--input", "in.csv", "--columns", "id=id", "--threads", "0"],
      ["resolve", "--input", "in.csv", "--columns", "id=id", "--threads", "1.5"],
      ["resolve", "--input", "in.csv", "--columns", "id=id", "--bogus"],
      ["resolve", "--input", "in.csv", "--columns", "id=id", "--explain", "1"],
      ["merge"],
    ];
    for (const args of cases) {
      const io = fakeIo({ "in.csv": "id,name\n1,Ann\n" });
      expect(main(args, io), args.join(" ")).toBe(2);
      expect(io.err).toMatch(/^idic: /);
    }
    const missing = fakeIo({});
    expect(main(["resolve", "--input", "nope.csv", "--columns", "id=id"], missing)).toBe(1);
    expect(missing.err).toMatch(/cannot read --input nope.csv/);
  });

  it("gives the same output on one thread as on several (--threads)", () => {
    const outputs = ["1", "2"].map((threads) => {
      const io = fakeIo({ "in.csv": text });
      expect(main(["resolve", "--input", "in.csv", "--columns", COLUMNS, "--threads", threads, "--out", "out.csv", "--quiet"], io)).toBe(0);
      return io.files["out.csv"];
    });
    expect(outputs[1]).toBe(outputs[0]);
  });

  it("documents every option and role in --help", () => {
    const io = fakeIo({});
    expect(main(["--help"], io)).toBe(0);
    expect(io.out).toBe(HELP);
    for (const word of ["--input", "--columns", "--preset", "--out", "--explain", "--threads", "birthDate", "household_id"]) expect(HELP).toContain(word);
  });

  it("runs as a program with npx tsx on a temporary file, drawing progress on stderr when asked", () => {
    const dir = mkdtempSync(join(tmpdir(), "idic-cli-"));
    const input = join(dir, "records.csv");
    const output = join(dir, "clusters.csv");
    writeFileSync(input, "record_id,first,last,email\n1,Ann,Lee,ann.lee@acme.org\n2,Anne,Lee,ann.lee@acme.org\n3,Bo,Chan,bo@chan.net\n");
    const run = spawnSync("npx", ["tsx", "src/cli/index.ts", "resolve", "--input", input, "--columns", "id=record_id,given=first,family=last,email=email", "--out", output, "--progress"], {
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/scoring\s+\[#+-*\]\s+\d+%/);
    expect(run.stderr).toMatch(/3 rows: 3 resolved/);
    const rows = parseCsv(readFileSync(output, "utf8"));
    expect(rows[0]).toEqual(["record_id", "entity_id", "household_id"]);
    expect(rows.length).toBe(4);
  });
});
