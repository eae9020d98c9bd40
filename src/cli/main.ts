/**
 * The `idic` command line: `idic resolve` reads a CSV of customer records, resolves them into
 * people (or organizations) and households, and writes one line per record.
 */
import { parseArgs } from "node:util";
import { parseCsv, toCsv } from "../_lib/csv.js";
import { SourceRecordSchema } from "../customer/index.js";
import { explainMatch, matchWaterfallChart, resolveIdentities, type IdentityResolution, type MatchExplanation } from "../identity/index.js";
import { parseColumnSpec, ROLES, rowToRecord, UsageError, type Role } from "./columns.js";
import { progressBar } from "./progress.js";

/** What the command line reads and writes, so that tests can run it without touching the process. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads a whole text file. */
  readFile(path: string): string;
  /** Writes a whole text file. */
  writeFile(path: string, text: string): void;
  /** Whether standard error is a terminal (a progress bar is drawn only there, unless --progress). */
  readonly interactive: boolean;
}

export const HELP = `idic — one-to-one marketing toolkit

Usage:
  idic resolve --input records.csv --columns <roles> [options]
  idic --help | idic resolve --help

idic resolve reads a CSV of customer records, links the records that describe the same person
(or organization) with no labels and no tuning, groups people into households, and writes one
line per record: record_id,entity_id,household_id (and source, when a source column is mapped).

Options:
  --input <file>        CSV file with a header row (required)
  --columns <roles>     role=column pairs, comma-separated (required), e.g.
                          id=record_id,given=given_name,family=family_name,email=email,source=source
                        Roles: ${ROLES.join(", ")}.
                        "id" is required; every other role may be absent. Join several columns
                        into one role with "+" (address=street+line2, email=email1+email2).
  --preset <name>       person (default) or organization
  --out <file>          where to write the result (default: standard output)
  --explain <A,B>       also print why records A and B did or did not match (ids from the id
                        column; write source:id when ids repeat across sources)
  --explain-chart <f>   write the explanation's match-weight waterfall as a Vega-Lite spec
  --threshold <p>       match probability at or above which records link (default: the preset's, person 0.6, organization 0.8)
  --region <CC>         phone region for numbers without a country code (e.g. GB, US)
  --date-order <o>      DMY (default) or MDY: how dates like 05/03/1980 are read
  --delimiter <c>       CSV delimiter (default ,)
  --seed <n>            seed of the random pairs used for training (default 1)
  --threads <n>         threads that score candidate pairs (and, from 100,000 records, also
                        prepare them and estimate u), 1 to 64 (default: the processors, at
                        most 4); 1 keeps all the work on one thread; the result is the same
  --progress            draw a progress bar on standard error even when it is not a terminal
  --quiet               no summary on standard error
  -h, --help            this help

Rejected rows (no id, duplicate ids, values too long, …) are listed on standard error with their
data row number (1 = the first row after the header) and reason; every other row appears exactly
once in the output.

Exit codes: 0 success, 1 failure, 2 usage error.
`;

function fail(message: string): never {
  throw new UsageError(message);
}

function parseNumber(name: string, text: string | undefined, check: (n: number) => boolean, allowed: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || !check(n)) fail(`--${name} must be ${allowed}, got "${text}"`);
  return n;
}

function describe(explanation: MatchExplanation): string {
  const rows = explanation.fields.map((f) => [
    f.comparison,
    f.level,
    (f.weight + f.termFrequencyAdjustment).toFixed(2),
    f.left.join("; ").slice(0, 40),
    f.right.join("; ").slice(0, 40),
  ]);
  const header = ["comparison", "level", "weight", "left", "right"];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]): string => cells.map((c, k) => c.padEnd(widths[k]!)).join("  ");
  const out = [
    `${explanation.left.sourceSystem}:${explanation.left.sourceId} vs ${explanation.right.sourceSystem}:${explanation.right.sourceId}: ${explanation.match ? "MATCH" : "NO MATCH"}`,
    `prior weight ${explanation.priorWeight.toFixed(2)} bits`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    `match weight ${explanation.matchWeight.toFixed(2)} bits → probability ${explanation.probability.toFixed(4)} (threshold ${explanation.threshold})` +
      (explanation.rule ? `; rule "${explanation.rule}" matches` : ""),
    explanation.compared ? "blocking compares these records" : "blocking does not compare these records directly (they can only link through others)",
  ];
  return out.join("\n") + "\n";
}

/**
 * Runs the command line.
 *
 * @param argv - The arguments after the program name (`["resolve", "--input", …]`).
 * @param io - Where to read and write.
 * @returns The exit code.
 */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`idic: ${error.message}\nRun "idic --help" for usage.\n`);
      return 2;
    }
    io.stderr(`idic: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

function run(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.stdout(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command !== "resolve") fail(`unknown command "${command}"; the only command is "resolve"`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: "string" },
        columns: { type: "string" },
        preset: { type: "string" },
        out: { type: "string" },
        explain: { type: "string" },
        "explain-chart": { type: "string" },
        threshold: { type: "string" },
        region: { type: "string" },
        "date-order": { type: "string" },
        delimiter: { type: "string" },
        seed: { type: "string" },
        threads: { type: "string" },
        progress: { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  if (v.input === undefined) fail("--input is required");
  if (v.columns === undefined) fail("--columns is required");
  const preset = v.preset ?? "person";
  if (preset !== "person" && preset !== "organization") fail(`--preset must be "person" or "organization", got "${preset}"`);
  const dateOrder = v["date-order"] ?? "DMY";
  if (dateOrder !== "DMY" && dateOrder !== "MDY") fail(`--date-order must be DMY or MDY, got "${dateOrder}"`);
  if (v.region !== undefined && !/^[A-Za-z]{2}$/.test(v.region)) fail(`--region must be a two-letter country code such as GB, got "${v.region}"`);
  const delimiter = v.delimiter ?? ",";
  if ([...delimiter].length !== 1) fail(`--delimiter must be one character, got "${delimiter}"`);
  const threshold = parseNumber("threshold", v.threshold, (n) => n > 0 && n <= 1, "a probability in (0, 1]");
  const seed = parseNumber("seed", v.seed, Number.isInteger, "an integer");
  const threads = parseNumber("threads", v.threads, (n) => Number.isInteger(n) && n >= 1 && n <= 64, "an integer from 1 to 64");
  if (v["explain-chart"] !== undefined && v.explain === undefined) fail("--explain-chart needs --explain");
  const explainIds = v.explain === undefined ? undefined : v.explain.split(",").map((s) => s.trim());
  if (explainIds !== undefined && (explainIds.length !== 2 || explainIds.some((s) => s === ""))) fail(`--explain needs two record ids separated by a comma, got "${v.explain}"`);

  let text: string;
  try {
    text = io.readFile(v.input);
  } catch (error) {
    throw new Error(`cannot read --input ${v.input}: ${(error as Error).message}`);
  }
  const [header = [], ...rows] = parseCsv(text, { delimiter });
  if (header.length === 0) fail(`--input ${v.input} is empty: it needs a header row`);
  const mapping = parseColumnSpec(v.columns, header);
  const dropped = new Map<Role, number>();
  const records = rows.map((row) => rowToRecord(row, mapping, "csv", (role) => dropped.set(role, (dropped.get(role) ?? 0) + 1)));
  const interactive = v.progress === true || io.interactive;
  const bar = interactive ? progressBar(io.stderr) : undefined;
  const resolution = resolveIdentities(records, {
    preset,
    dateOrder,
    // only the entity and household of each record are written
    golden: false,
    ...(v.region !== undefined ? { defaultRegion: v.region.toUpperCase() } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(bar ? { onProgress: bar.update } : {}),
  });
  bar?.done();

  const hasSource = mapping.source !== undefined;
  const idOf = (index: number): string => ((mapping.id ?? []).map((c) => rows[index]?.[c] ?? "").join(" ")).trim();
  const lines: unknown[][] = [["record_id", "entity_id", "household_id", ...(hasSource ? ["source"] : [])]];
  for (const r of resolution.records) lines.push([idOf(r.index), r.entityId, r.householdId ?? "", ...(hasSource ? [r.sourceSystem] : [])]);
  const csv = toCsv(lines);
  if (v.out === undefined) io.stdout(csv);
  else io.writeFile(v.out, csv);

  for (const r of resolution.rejected) {
    const reasons = r.issues.map((i) => `${i.path.length > 0 ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ");
    io.stderr(`data row ${r.index + 1} rejected: ${reasons}\n`);
  }
  for (const [role, n] of dropped) io.stderr(`${n} ${role} value(s) not recognised; treated as missing\n`);
  if (explainIds !== undefined) explain(explainIds as [string, string], v["explain-chart"], resolution, records, idOf, io, v.out === undefined);
  if (!v.quiet) summarize(resolution, io);
  return 0;
}

function explain(ids: readonly [string, string], chartPath: string | undefined, resolution: IdentityResolution, records: readonly unknown[], idOf: (index: number) => string, io: CliIo, toStderr: boolean): void {
  const find = (wanted: string): number => {
    const matches = resolution.records.filter((r) => idOf(r.index) === wanted || `${r.sourceSystem}:${idOf(r.index)}` === wanted);
    if (matches.length === 0) fail(`--explain: no accepted record has id "${wanted}"`);
    if (matches.length > 1) fail(`--explain: id "${wanted}" is used by several sources; write it as source:id`);
    return matches[0]!.index;
  };
  const a = find(ids[0]);
  const b = find(ids[1]);
  if (a === b) fail("--explain needs two different records");
  // accepted rows parse; all of them are passed so that block caps apply as in the run
  const accepted = resolution.records.map((r) => SourceRecordSchema.parse(records[r.index]));
  const explanation = explainMatch(resolution.state, SourceRecordSchema.parse(records[a]), SourceRecordSchema.parse(records[b]), { records: accepted });
  (toStderr ? io.stderr : io.stdout)(describe(explanation));
  if (chartPath !== undefined) io.writeFile(chartPath, JSON.stringify(matchWaterfallChart(explanation), null, 2));
}

function summarize(resolution: IdentityResolution, io: CliIo): void {
  const s = resolution.stats;
  io.stderr(
    `${s.input} rows: ${s.records} resolved into ${s.entities} ${resolution.state.settings.preset === "organization" ? "organizations" : "people"}` +
      `${resolution.households.length > 0 ? ` in ${resolution.households.length} households` : ""}, ${s.rejected} rejected; ${s.comparisons} pairs compared\n`,
  );
}
