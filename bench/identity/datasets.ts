/**
 * The public identity data sets of `../shared/data/identity/`, read into source-record inputs by
 * mapping each file's columns to roles — the same mapping the `idic resolve --columns` option
 * does — plus the ground truth, used only to score.
 */
import type { SourceRecordInput } from "../../src/customer/index.js";
import { parseCsv } from "../../src/_lib/csv.js";
import { parseColumnSpec, rowToRecord } from "../../src/cli/columns.js";
import type { PresetName } from "../../src/identity/index.js";
import { dataFile, readText } from "../_lib.js";

/** One benchmark data set. */
export interface IdentityDataset {
  /** Name used for the output file. */
  readonly name: string;
  /** The records, in file order. */
  readonly records: SourceRecordInput[];
  /** The file's own id of each record (the output's `record_id`). */
  readonly recordIds: string[];
  /** True entity of each record. */
  readonly truth: string[];
  /** The preset. */
  readonly preset: PresetName;
  /** Linking two sources one-to-one (FEBRL 4) rather than deduplicating. */
  readonly link: boolean;
}

function load(path: string, columns: string, source: string, truthOf: (row: Record<string, string>) => string, trim = false): Omit<IdentityDataset, "name" | "preset" | "link"> {
  const [header = [], ...rows] = parseCsv(readText(path), { trim });
  const mapping = parseColumnSpec(columns, header);
  const idColumn = mapping.id![0]!;
  return {
    records: rows.map((row) => rowToRecord(row, mapping, source)),
    recordIds: rows.map((row) => row[idColumn] ?? ""),
    truth: rows.map((row) => truthOf(Object.fromEntries(header.map((h, k) => [h, row[k] ?? ""])))),
  };
}

const FEBRL_COLUMNS = "id=rec_id,given=given_name,family=surname,address=street_number+address_1+address_2,city=suburb,postcode=postcode,birthDate=date_of_birth";
const febrlEntity = (row: Record<string, string>): string => /^rec-(\d+)-/.exec(row["rec_id"] ?? "")?.[1] ?? (row["rec_id"] ?? "");

/** FEBRL 1–3 (deduplication), without `soc_sec_id`. */
function febrl(n: 1 | 2 | 3): IdentityDataset | undefined {
  const path = dataFile("identity", "febrl", `dataset${n}.csv`);
  if (!path) return undefined;
  return { name: `febrl${n}`, preset: "person", link: false, ...load(path, FEBRL_COLUMNS, `febrl${n}`, febrlEntity, true) };
}

/** FEBRL 4a × 4b (linking), without `soc_sec_id`. */
function febrl4(): IdentityDataset | undefined {
  const a = dataFile("identity", "febrl", "dataset4a.csv");
  const b = dataFile("identity", "febrl", "dataset4b.csv");
  if (!a || !b) return undefined;
  const da = load(a, FEBRL_COLUMNS, "4a", febrlEntity, true);
  const db = load(b, FEBRL_COLUMNS, "4b", febrlEntity, true);
  return {
    name: "febrl4",
    preset: "person",
    link: true,
    records: [...da.records, ...db.records],
    recordIds: [...da.recordIds, ...db.recordIds],
    truth: [...da.truth, ...db.truth],
  };
}

function fake1000(): IdentityDataset | undefined {
  const path = dataFile("identity", "splink_fake_1000", "fake_1000.csv");
  if (!path) return undefined;
  const columns = "id=unique_id,given=first_name,family=surname,birthDate=dob,city=city,email=email";
  return { name: "fake_1000", preset: "person", link: false, ...load(path, columns, "fake_1000", (r) => r["cluster"] ?? "") };
}

function historical50k(): IdentityDataset | undefined {
  const path = dataFile("identity", "splink_historical_50k", "historical_figures_with_errors_50k.csv");
  if (!path) return undefined;
  const columns = "id=unique_id,full=full_name,given=first_name,family=surname,birthDate=dob,city=birth_place,postcode=postcode_fake,gender=gender,jobTitle=occupation";
  return { name: "historical_50k", preset: "person", link: false, ...load(path, columns, "historical_50k", (r) => r["cluster"] ?? "") };
}

function childcare(): IdentityDataset | undefined {
  const path = dataFile("identity", "dedupe_csv_example", "csv_example_input_with_true_ids.csv");
  if (!path) return undefined;
  const columns = "id=Id,source=Source,organization=Site name,address=Address,postcode=Zip,phone=Phone,email=Email Address";
  return { name: "childcare", preset: "organization", link: false, ...load(path, columns, "childcare", (r) => r["True Id"] ?? "") };
}

/** Every data set present, in the order of the benchmark table. */
export function loadIdentityDatasets(only?: readonly string[]): IdentityDataset[] {
  const loaders: [string, () => IdentityDataset | undefined][] = [
    ["febrl1", () => febrl(1)],
    ["febrl2", () => febrl(2)],
    ["febrl3", () => febrl(3)],
    ["febrl4", febrl4],
    ["fake_1000", fake1000],
    ["historical_50k", historical50k],
    ["childcare", childcare],
  ];
  return loaders.filter(([name]) => !only || only.length === 0 || only.includes(name)).flatMap(([, loader]) => loader() ?? []);
}
